"""Cleaning: page furniture, reader comments and aggregator pages split out of an article's lines."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import yaml

from claimatlas.vocab import DATA

BOILERPLATE_FILE = DATA / "boilerplate.yaml"
# Final punctuation at the end of a text, perhaps inside closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”»’)\]]*\s*$")


@lru_cache(maxsize=1)
def _boilerplate() -> dict[str, Any]:
    rules = yaml.safe_load(BOILERPLATE_FILE.read_text(encoding="utf-8"))
    return {
        "lines": [re.compile(rf"^(?:{r['pattern']})$", re.IGNORECASE) for r in rules["lines"]],
        "comment_headers": [re.compile(rf"^(?:{p})$", re.IGNORECASE) for p in rules["comment_headers"]],
        "aggregator": re.compile(rf"^(?:{rules['aggregator_attribution']})$", re.IGNORECASE),
    }


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def normalise_line(line: str) -> str:
    """A line as the analysis reads it: compatibility characters folded (NFKC: a no-break space or hyphen is a plain
    one), control characters blanked, white space collapsed."""
    line = _CONTROL_CHARACTERS.sub(" ", unicodedata.normalize("NFKC", line))
    return re.sub(r"\s+", " ", line).strip()


def ends_sentence(text: str) -> bool:
    """Whether a text ends with final punctuation, perhaps inside closing quotes or brackets ("... at war.”");
    headlines, captions and datelines do not."""
    return bool(_ENDS_SENTENCE.search(text))


def is_boilerplate(line: str) -> bool:
    """True when a whole line is page furniture (see data/boilerplate.yaml)."""
    text = normalise_line(line).rstrip(":")
    return any(p.match(text) for p in _boilerplate()["lines"])


def split_comments(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split lines at a reader-comment header ("12 Comments"): (body lines, comment lines)."""
    for index, line in enumerate(lines):
        if any(p.match(normalise_line(line)) for p in _boilerplate()["comment_headers"]):
            comments = [c for c in (normalise_line(x) for x in lines[index + 1:]) if c]
            return lines[:index], comments
    return lines, []


def strip_furniture(lines: Iterable[str]) -> list[str]:
    """Normalise white space and drop blank lines and furniture lines."""
    return [line for line in (normalise_line(raw) for raw in lines) if line and not is_boilerplate(line)]


def drop_repeats(lines: Iterable[str]) -> list[str]:
    """Keep the first occurrence of each line (repeated headlines, captions and blurbs)."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        key = _dedupe_key(line)
        if key not in seen:
            seen.add(key)
            kept.append(line)
    return kept


def _dedupe_key(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line.lower()).strip()


_OUTLET_IN_BLURB = re.compile(r'^["“]?(?P<outlet>[A-Z][\w&.\' ]{1,40}?) is (?:a|an|the|viewed|known|one)\b')


def split_aggregator(lines: list[str]) -> tuple[list[str], list[dict[str, Any]], str] | None:
    """Split an aggregator page into its own summary lines and the cited articles.

    A cited item is laid out as: outlet description, quoted verdict naming the outlet,
    an attribution line ("— A47 Editor"), then the cited headline and its blurb.
    Returns (summary lines, [{"outlet", "title", "paragraphs"}], aggregator name), or
    None when the page has no such attribution lines.
    """
    pattern = _boilerplate()["aggregator"]
    marks = [i for i, line in enumerate(lines) if pattern.match(line)]
    if not marks:
        return None
    aggregator = pattern.match(lines[marks[0]]).group("aggregator").strip()
    summary = lines[: max(marks[0] - 2, 0)]
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for n, mark in enumerate(marks):
        verdict = lines[mark - 1] if mark >= 1 else ""
        found = _OUTLET_IN_BLURB.match(verdict)
        outlet = found.group("outlet").strip() if found else None
        end = marks[n + 1] - 2 if n + 1 < len(marks) else len(lines)
        body = lines[mark + 1: end]
        if not body:
            continue
        title, paragraphs = body[0], body[1:]
        key = ((outlet or "").lower(), _dedupe_key(title))
        item = items.setdefault(key, {"outlet": outlet, "title": title, "paragraphs": []})
        known = {_dedupe_key(p) for p in item["paragraphs"]}
        item["paragraphs"].extend(p for p in paragraphs if _dedupe_key(p) not in known)
    return summary, list(items.values()), aggregator
