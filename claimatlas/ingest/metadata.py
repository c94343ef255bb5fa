"""Metadata inferred from an article's text when the manifest has none: date, outlet, title, language."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlparse

import py3langid

ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December")
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")
_MONTHS = "|".join(ENGLISH_MONTHS)


_DATE_PATTERNS = (
    (re.compile(rf"\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}}\b"), "%B %d %Y"),
    (re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}),? \d{{4}}\b"), "%d %B %Y"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "%Y-%m-%d"),
)
# French dates ("17 septembre 2024", "1er juillet 2025"), read without the process's locale.
_FRENCH_MONTHS = {m: i for i, m in enumerate(FRENCH_MONTHS, start=1)}
_FRENCH_DATE = re.compile(rf"\b(\d{{1,2}})(?:er)? ({'|'.join(_FRENCH_MONTHS)}) (\d{{4}})\b", re.IGNORECASE)


_CAPITALISED_RUN_AFTER_TOLD = re.compile(r"\btold ([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,4})")


_MEDIA_WORDS = re.compile(r"\b(News|Digital|Times|Post|Journal|Press|TV|Radio|Agency|Tribune|Herald|Guardian|"
                          r"Reuters|AFP|AP|BBC|CNN|Bloomberg|Jazeera|France 24|RFI|Telegraph)\b")




# Lines that are captions or credits, never a source of the article's date or outlet.
_CAPTION = re.compile(r"\b(photo|image|picture|file|credit|getty|caption|illustration|video)\b", re.I)
# The dateline zone: the first lines of the article, and lines that say when it was published.
DATELINE_LINES = 4
_PUBLISHED_LINE = re.compile(r"^\s*(published|updated|posted|last updated|date|publié|mis à jour)\b", re.I)
# An agency credit in a dateline: "BAMAKO, Mali (AP) —", "DAKAR (Reuters) -".
_DATELINE_CREDIT = re.compile(r"\((Reuters|AFP|AP|Associated Press|Bloomberg|Anadolu)\)\s*[-–—]")
UNKNOWN_OUTLETS = frozenset({"", "unknown", "n/a", "none"})


def _dateline_zone(lines: list[str], raw_lines: list[str] | None = None) -> list[str]:
    zone = [line for line in lines[:DATELINE_LINES] if not _CAPTION.search(line)]
    return zone + [line for line in (lines if raw_lines is None else raw_lines) if _PUBLISHED_LINE.match(line)]


def infer_published(lines: list[str], raw_lines: list[str] | None = None) -> str | None:
    """The date the article's dateline or a "Published ..." line states, as ISO (YYYY-MM-DD); never a
    date from the body, a caption, a credit or a related-links list. ``raw_lines``: the lines before
    page furniture was removed, where "Publié le ..." lines still are."""
    for line in _dateline_zone(lines, raw_lines):
        for pattern, fmt in _DATE_PATTERNS:
            for found in pattern.finditer(line):
                try:
                    return dt.datetime.strptime(found.group(0).replace(",", ""), fmt).date().isoformat()
                except ValueError:
                    continue
        for found in _FRENCH_DATE.finditer(line):
            try:
                return dt.date(int(found.group(3)), _FRENCH_MONTHS[found.group(2).lower()], int(found.group(1))).isoformat()
            except ValueError:
                continue
    return None


def infer_outlet(text: str) -> tuple[str, str] | None:
    """The originating outlet where the text names it, and how: ("Fox News Digital", 'the text: "told
    Fox News Digital"') or an agency credit in the dateline ("(Reuters) -")."""
    for found in _CAPITALISED_RUN_AFTER_TOLD.finditer(text):
        if _MEDIA_WORDS.search(found.group(1)):
            return found.group(1), f'the text: "told {found.group(1)}"'
    credit = _DATELINE_CREDIT.search(text[:400])
    return (credit.group(1), "the dateline credit") if credit else None


def infer_title(lines: list[str]) -> str | None:
    """The first headline-like line among the first five: 4 to 30 words, not ending in a full stop,
    not a caption or credit."""
    for line in lines[:5]:
        words = line.split()
        if 4 <= len(words) <= 30 and not line.endswith(".") and not _CAPTION.search(line):
            return line.strip('"“”')
    return None


def domain_of(url: str | None) -> str | None:
    """The host of a URL without "www." ("https://www.rfi.fr/en/..." -> "rfi.fr")."""
    host = urlparse(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def document_metadata(entry: dict[str, Any], record: dict[str, Any], lines: list[str],
                      text: str, raw_lines: list[str] | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Outlet, title, date, URL, kind and language of a document, and where each inferred one came from.

    The manifest entry wins (a date or title it sets to null stays unknown); then the page's own metadata
    (an HTML page's site name, canonical URL, title and date) or a JSON record's fields; then, for the
    outlet (also when the manifest leaves it null or "unknown"), the URL's domain or a "told X" phrase
    or dateline credit; for the date, the dateline (read in ``raw_lines``, the lines before page
    furniture such as "Publié le ..." was removed, when given); for the title, the first headline-like line.
    """
    meta, inferred = {}, {}
    page = record.get("metadata_source")
    for key in ("outlet", "title", "published", "url", "kind", "language"):
        meta[key] = entry.get(key) if key in entry else record.get(key)
        if key not in entry and record.get(key) and page:
            inferred[key] = page
    if isinstance(meta["outlet"], str) and meta["outlet"].strip().lower() in UNKNOWN_OUTLETS:
        meta["outlet"] = None
    if not meta["outlet"]:
        found = (domain_of(meta["url"]), "the URL's domain") if domain_of(meta["url"]) else infer_outlet(text)
        if found:
            meta["outlet"], inferred["outlet"] = found
    if not meta["published"] and "published" not in entry:
        meta["published"] = infer_published(lines, raw_lines)
        if meta["published"]:
            inferred["published"] = "the dateline"
    if not meta["title"] and "title" not in entry:
        meta["title"] = infer_title(lines)
        if meta["title"]:
            inferred["title"] = "the first headline-like line"
    if not meta["language"]:
        meta["language"] = detect_language(text)
        inferred["language"] = "detected from the text"
    return meta, inferred


# Capitalised words (names of places, people, groups) say nothing of the text's language; a text that is
# mostly names (a list of towns) is read by its other words.
_CAPITALISED_WORD = re.compile(r"\b[^\W\d_a-zà-ÿ][\w'’-]*")
MIN_LANGUAGE_CHARS = 40


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, read on its words that are not capitalised (names are the
    same in every language), or on the whole text when too few are left."""
    sample = text[:20000]
    common = " ".join(_CAPITALISED_WORD.sub(" ", sample).split())
    return py3langid.classify((common if len(common) >= MIN_LANGUAGE_CHARS else sample)[:5000])[0]
