"""Load article files and the sources manifest into clean Document records.

Reads .txt, .md, .html and .json files, detects their encoding, extracts the main
text of HTML pages, removes page furniture, splits reader comments and aggregator
pages into their own records, and links near-duplicates. A bad file becomes an
entry in ``Corpus.errors``; it never stops the rest of the corpus. Source files
are only ever read.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import py3langid
import trafilatura
import yaml
from charset_normalizer import from_bytes
from datasketch import MinHash, MinHashLSH

from claimatlas.settings import SETTINGS

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
MANIFEST_NAME = "sources.yaml"
MANIFEST_FIELDS = ("outlet", "url", "published", "kind", "language", "title", "via", "event_date", "note")
# Among encodings that decode a file equally well, Western European ones win:
# short Latin-1 texts are otherwise often read as Central European code pages.
PREFERRED_ENCODINGS = ("utf_8", "cp1252", "latin_1", "iso8859_15")
NEAR_DUPLICATE_THRESHOLD = 0.5
LSH_CANDIDATE_THRESHOLD = 0.1
MIN_TEXT_CHARS = 20

_BOILERPLATE_FILE = Path(__file__).with_name("data") / "boilerplate.yaml"


class IngestError(Exception):
    """A file that cannot be read as an article; the message names the problem."""


@dataclass
class Document:
    """One article (or one record split out of a page) ready for analysis."""

    id: str
    path: str
    text: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    kind: str = "article"
    language: str | None = None
    comments: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    cited_by: str | None = None
    inferred: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the cleaned text and comments: the document's identity in caches and the store."""
        payload = json.dumps([self.text, self.comments, self.outlet, self.published], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form (JSON-ready)."""
        return asdict(self)


@dataclass
class Corpus:
    """The documents that loaded and one error entry per file that did not."""

    documents: list[Document]
    errors: list[dict[str, str]]


@lru_cache(maxsize=1)
def _boilerplate() -> dict[str, Any]:
    rules = yaml.safe_load(_BOILERPLATE_FILE.read_text(encoding="utf-8"))
    return {
        "lines": [re.compile(rf"^(?:{r['pattern']})$", re.IGNORECASE) for r in rules["lines"]],
        "comment_headers": [re.compile(rf"^(?:{p})$", re.IGNORECASE) for p in rules["comment_headers"]],
        "aggregator": re.compile(rf"^(?:{rules['aggregator_attribution']})$", re.IGNORECASE),
    }


# ---------------------------------------------------------------- decoding

def decode_bytes(data: bytes) -> str:
    """Decode file bytes with charset detection; raise IngestError for empty or binary data."""
    if not data.strip():
        raise IngestError("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(f"broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise IngestError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise IngestError("unknown text encoding: no character set decodes it as readable text")
    if best.chaos > 0.3:
        raise IngestError(f"unknown text encoding: the best guess ({best.encoding}) still reads as noise")
    equally_good = [m for m in matches if m.chaos <= best.chaos]
    for preferred in PREFERRED_ENCODINGS:
        for match in equally_good:
            if match.encoding == preferred:
                return str(match)
    return str(best)


# ---------------------------------------------------------------- cleaning

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _normalise_line(line: str) -> str:
    line = _CONTROL_CHARACTERS.sub(" ", unicodedata.normalize("NFKC", line))
    return re.sub(r"\s+", " ", line).strip()


def is_boilerplate(line: str) -> bool:
    """True when a whole line is page furniture (see data/boilerplate.yaml)."""
    text = _normalise_line(line).rstrip(":")
    return any(p.match(text) for p in _boilerplate()["lines"])


def split_comments(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split lines at a reader-comment header ("12 Comments"): (body lines, comment lines)."""
    for index, line in enumerate(lines):
        if any(p.match(_normalise_line(line)) for p in _boilerplate()["comment_headers"]):
            comments = [c for c in (_normalise_line(x) for x in lines[index + 1:]) if c]
            return lines[:index], comments
    return lines, []


def strip_furniture(lines: Iterable[str]) -> list[str]:
    """Normalise white space and drop blank lines and furniture lines."""
    return [line for line in (_normalise_line(raw) for raw in lines) if line and not is_boilerplate(line)]


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


# ---------------------------------------------------------------- aggregator pages

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


# ---------------------------------------------------------------- metadata inference

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = (
    (re.compile(rf"\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}}\b"), "%B %d %Y"),
    (re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}),? \d{{4}}\b"), "%d %B %Y"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "%Y-%m-%d"),
)
_CAPITALISED_RUN_AFTER_TOLD = re.compile(r"\btold ([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,4})")
_MEDIA_WORDS = re.compile(r"\b(News|Digital|Times|Post|Journal|Press|TV|Radio|Agency|Tribune|Herald|Guardian|"
                          r"Reuters|AFP|AP|BBC|CNN|Bloomberg|Jazeera|France 24|RFI|Telegraph)\b")
_AGENCY_CREDIT = re.compile(r"\((Reuters|AFP|AP|Associated Press|Bloomberg)\)")


def infer_published(text: str) -> str | None:
    """The first explicit calendar date the text states, as ISO (YYYY-MM-DD)."""
    for pattern, fmt in _DATE_PATTERNS:
        for found in pattern.finditer(text):
            try:
                return dt.datetime.strptime(found.group(0).replace(",", ""), fmt).date().isoformat()
            except ValueError:
                continue
    return None


def infer_outlet(text: str) -> str | None:
    """The originating outlet where the text names it ("told Fox News Digital", "(Reuters)")."""
    for found in _CAPITALISED_RUN_AFTER_TOLD.finditer(text):
        if _MEDIA_WORDS.search(found.group(1)):
            return found.group(1)
    credit = _AGENCY_CREDIT.search(text)
    return credit.group(1) if credit else None


def infer_title(lines: list[str]) -> str | None:
    """The first headline-like line: 4 to 30 words, not ending in a full stop."""
    for line in lines[:5]:
        words = line.split()
        if 4 <= len(words) <= 30 and not line.endswith("."):
            return line.strip('"“”')
    return None


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language."""
    return py3langid.classify(text[:5000])[0]


# ---------------------------------------------------------------- reading one file

def _read_raw(path: Path) -> list[dict[str, Any]]:
    """Read one file into raw records {"text", "comments", "title", ...} by its format."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return [_read_html(decode_bytes(data))]
    if suffix == ".json":
        return _read_json(decode_bytes(data))
    return [{"text": decode_bytes(data)}]


def _read_html(html: str) -> dict[str, Any]:
    extracted = trafilatura.bare_extraction(
        html, include_comments=True, with_metadata=True, favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or not (extracted.text or "").strip():
        raise IngestError("no article text found in the HTML page")
    comments = [c for c in (extracted.comments or "").splitlines() if c.strip()]
    return {
        "text": extracted.text,
        "comments": comments,
        "title": extracted.title,
        "published": extracted.date,
        "outlet": extracted.sitename,
        "url": extracted.url,
    }


_JSON_TEXT_KEYS = ("text", "body", "content")


def _read_json(raw: str) -> list[dict[str, Any]]:
    try:
        payload = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise IngestError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    items = payload if isinstance(payload, list) else [payload]
    records = []
    for index, item in enumerate(items):
        where = f"item {index}" if isinstance(payload, list) else "the object"
        if not isinstance(item, dict):
            raise IngestError(f"{where} is a {type(item).__name__}, expected an object with a 'text' field")
        text = next((item[k] for k in _JSON_TEXT_KEYS if k in item), None)
        if not isinstance(text, str):
            raise IngestError(f"{where} has no string 'text' (or 'body'/'content') field")
        record = {"text": text}
        for key in ("title", "outlet", "published", "url", "language", "kind"):
            value = item.get(key, item.get("source") if key == "outlet" else None)
            if value is not None and not isinstance(value, str):
                raise IngestError(f"{where}: field '{key}' must be a string, got {type(value).__name__}")
            record[key] = value
        comments = item.get("comments", [])
        if not isinstance(comments, list):
            raise IngestError(f"{where}: 'comments' must be a list")
        record["comments"] = [c["text"] if isinstance(c, dict) else str(c) for c in comments]
        records.append(record)
    return records


def _documents_from_record(doc_id: str, path: Path, record: dict[str, Any], entry: dict[str, Any]) -> list[Document]:
    raw_lines = record["text"].splitlines()
    body_lines, comments = split_comments(raw_lines)
    comments = list(record.get("comments") or []) + comments
    lines = strip_furniture(body_lines)
    if sum(len(line) for line in lines) < MIN_TEXT_CHARS:
        raise IngestError("no article text left after removing page furniture")
    text = "\n\n".join(drop_repeats(lines))
    meta, inferred = {}, []
    for key in ("outlet", "title", "published", "url", "kind", "language"):
        meta[key] = entry.get(key) if key in entry else record.get(key)
    if not meta["title"] and "title" not in entry:
        meta["title"] = infer_title(lines)
        inferred.append("title") if meta["title"] else None
    if not meta["outlet"] and "outlet" not in entry:
        meta["outlet"] = infer_outlet(text)
        inferred.append("outlet") if meta["outlet"] else None
    if not meta["published"] and "published" not in entry:
        meta["published"] = infer_published(text)
        inferred.append("published") if meta["published"] else None
    if not meta["language"]:
        meta["language"] = detect_language(text)
        inferred.append("language")
    warnings = []
    if meta["language"] != "en":
        warnings.append(f"language looks like '{meta['language']}': the analysis is tuned for English, results may be poor")
    split = split_aggregator(lines)
    if split is None:
        return [Document(id=doc_id, path=str(path), text=text, comments=comments, inferred=inferred,
                         warnings=warnings, **{k: v for k, v in meta.items() if k != "kind"},
                         kind=meta["kind"] or "article")]
    summary, items, aggregator = split
    meta["kind"] = meta["kind"] or "aggregator"
    parent = Document(id=doc_id, path=str(path), text="\n\n".join(drop_repeats(summary)), comments=comments,
                      inferred=inferred, warnings=warnings,
                      **{k: v for k, v in meta.items() if k != "kind"}, kind="aggregator_summary")
    documents = [parent]
    for n, item in enumerate(items, start=1):
        documents.append(Document(
            id=f"{doc_id}#{n}", path=str(path), text="\n\n".join([item["title"], *item["paragraphs"]]),
            outlet=item["outlet"], title=item["title"], published=None, url=None, kind="cited_article",
            language=meta["language"], cited_by=doc_id,
            warnings=[f"cited by {aggregator} on {path.name}; only the blurb is available"],
        ))
    return documents


def read_document(path: Path, entry: dict[str, Any] | None = None) -> list[Document]:
    """Read one file into one or more Documents; raise IngestError naming the problem."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(f"unsupported file type '{path.suffix}' (use {', '.join(SUPPORTED_SUFFIXES)})")
    size = path.stat().st_size
    if size > SETTINGS.max_file_bytes:
        raise IngestError(f"the file is {size / 1e6:.1f} MB, above the {SETTINGS.max_file_bytes / 1e6:.1f} MB limit "
                          "(split it into articles or raise CLAIMATLAS_MAX_FILE_BYTES)")
    records = _read_raw(path)
    documents = []
    for index, record in enumerate(records):
        doc_id = path.stem if len(records) == 1 else f"{path.stem}[{index}]"
        documents.extend(_documents_from_record(doc_id, path, record, entry or {}))
    return documents


def document_from_text(text: str, name: str, outlet: str | None = None, published: str | None = None,
                       suffix: str = ".txt") -> list[Document]:
    """Build Documents from text the user pasted or uploaded (no file on disk)."""
    entry = {k: v for k, v in (("outlet", outlet), ("published", published)) if v}
    pseudo = Path(name)
    if suffix in (".html", ".htm"):
        record = _read_html(text)
    elif suffix == ".json":
        return [d for i, r in enumerate(_read_json(text))
                for d in _documents_from_record(f"{pseudo.stem}[{i}]", pseudo, r, entry)]
    else:
        record = {"text": text}
    return _documents_from_record(pseudo.stem, pseudo, record, entry)


# ---------------------------------------------------------------- manifest

class _ManifestLoader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as text, so a bad date is reported instead of raising."""


_ManifestLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_manifest(path: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, str]]]:
    """Read sources.yaml into {file name: metadata}; problems become error entries."""
    errors: list[dict[str, str]] = []
    if not path.exists():
        return {}, errors
    try:
        payload = yaml.load(decode_bytes(path.read_bytes()), Loader=_ManifestLoader)  # noqa: S506 (safe loader)
    except (yaml.YAMLError, IngestError, ValueError) as exc:
        return {}, [{"path": str(path), "error": f"malformed manifest, ignored: {str(exc).splitlines()[0]}"}]
    if payload is None:
        return {}, errors
    documents = payload.get("documents") if isinstance(payload, dict) else None
    if not isinstance(documents, dict):
        return {}, [{"path": str(path), "error": "malformed manifest, ignored: expected a 'documents:' mapping of file name to metadata"}]
    entries = {}
    for name, meta in documents.items():
        if Path(str(name)).name != str(name) or str(name) in (".", ".."):
            errors.append({"path": str(path), "error": f"entry '{name}' is not a plain file name, ignored"})
            continue
        if not isinstance(meta, dict):
            errors.append({"path": str(path), "error": f"entry '{name}' is not a mapping, ignored"})
            continue
        unknown = sorted(set(meta) - set(MANIFEST_FIELDS))
        if unknown:
            errors.append({"path": str(path), "error": f"entry '{name}': unknown keys {unknown} ignored"})
        entry = {k: meta[k] for k in MANIFEST_FIELDS if k in meta}
        for key in ("published", "event_date"):
            if key in entry:
                entry[key], problem = _iso_date(entry[key])
                if problem:
                    errors.append({"path": str(path), "error": f"entry '{name}': {key} {problem}; set to null"})
        entries[str(name)] = entry
    return entries, errors


def _iso_date(value: Any) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    try:
        return dt.date.fromisoformat(str(value)).isoformat(), None
    except ValueError:
        return None, f"'{value}' is not a YYYY-MM-DD date"


# ---------------------------------------------------------------- near-duplicates

def _shingles(text: str, size: int = 9) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    joined = " ".join(words)
    return {joined[i: i + size] for i in range(max(len(joined) - size + 1, 1))}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller shingle set found in the larger one (1.0: one text contains the other)."""
    return len(a & b) / max(min(len(a), len(b)), 1)


def link_near_duplicates(documents: list[Document], threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
    """Set ``duplicate_of`` on each document that near-duplicates an earlier one from another file.

    Character 9-gram shingles survive rewording far better than word n-grams. MinHash
    LSH (datasketch) proposes candidates at a low Jaccard threshold; a candidate is kept
    when one text contains at least ``threshold`` of the other's shingles, so partial
    rewrites and republications with extra paragraphs are found too.
    """
    lsh = MinHashLSH(threshold=LSH_CANDIDATE_THRESHOLD, num_perm=128)
    seen: dict[str, tuple[Document, set[str]]] = {}
    for doc in documents:
        shingles = _shingles(doc.text)
        signature = MinHash(num_perm=128, seed=7)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        scored = [(containment(shingles, seen[c][1]), c) for c in lsh.query(signature) if seen[c][0].path != doc.path]
        scored = sorted((score, c) for score, c in scored if score >= threshold)
        if scored:
            original = seen[scored[-1][1]][0]
            doc.duplicate_of = original.id
            same = "identical text to" if original.text == doc.text else "near-duplicate of"
            doc.warnings.append(f"{same} {Path(original.path).name} ({original.id})")
        lsh.insert(doc.id, signature)
        seen[doc.id] = (doc, shingles)


# ---------------------------------------------------------------- the corpus

def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their article files (sorted); keep explicit files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def default_manifest(paths: list[Path]) -> Path | None:
    """sources.yaml beside the first directory given, or in its parent (data/sources.yaml)."""
    for path in paths:
        base = path if path.is_dir() else path.parent
        for candidate in (base / MANIFEST_NAME, base.parent / MANIFEST_NAME):
            if candidate.exists():
                return candidate
    return None


def load_corpus(paths: Iterable[Path | str], manifest: Path | None = None, progress=None) -> Corpus:
    """Load every file under ``paths`` into a Corpus; one bad file never stops the rest.

    ``progress`` is an optional callable wrapping the file iterable (e.g. tqdm).
    """
    paths = [Path(p) for p in paths]
    manifest = manifest or default_manifest(paths)
    entries, errors = load_manifest(manifest) if manifest else ({}, [])
    files = collect_files(paths)
    documents: list[Document] = []
    for path in (progress(files) if progress else files):
        if not path.exists():
            errors.append({"path": str(path), "error": "file not found"})
            continue
        try:
            documents.extend(read_document(path, entries.get(path.name)))
        except IngestError as exc:
            errors.append({"path": str(path), "error": str(exc)})
        except OSError as exc:
            errors.append({"path": str(path), "error": f"cannot read the file: {exc.strerror or exc}"})
    folders = [p for p in paths if p.is_dir()]
    for name in entries if folders else ():
        if not any((folder / name).exists() for folder in folders):
            errors.append({"path": str(manifest), "error": f"lists '{name}', but no such file was found"})
    link_near_duplicates(documents)
    return Corpus(documents=documents, errors=errors)
