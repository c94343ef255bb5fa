"""Readers: bytes to text (encoding detection) and one reader per file suffix (text, Markdown, HTML, JSON)."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from charset_normalizer import from_bytes

# Among encodings that decode a file equally well, Western European ones win:
# short Latin-1 texts are otherwise often read as Central European code pages.
PREFERRED_ENCODINGS = ("utf_8", "cp1252", "latin_1", "iso8859_15")


MIN_TEXT_CHARS = 20


class IngestError(Exception):
    """A file that cannot be read as an article; the message names the problem."""


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


def read_html(html: str) -> list[dict[str, Any]]:
    """The main text, comments and page metadata of an HTML page (trafilatura)."""
    import trafilatura  # loaded on the first HTML page only

    extracted = trafilatura.bare_extraction(
        html, include_comments=True, with_metadata=True, favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or not (extracted.text or "").strip():
        raise IngestError("no article text found in the HTML page")
    comments = [c for c in (extracted.comments or "").splitlines() if c.strip()]
    return [{
        "text": extracted.text,
        "comments": comments,
        "title": extracted.title,
        "published": extracted.date,
        "outlet": extracted.sitename,
        "url": extracted.url,
        "metadata_source": "the page's metadata",
    }]


_JSON_TEXT_KEYS = ("text", "body", "content")


def read_json(raw: str) -> list[dict[str, Any]]:
    """One record per JSON object (an object or a list of them), each with a string text field."""
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


def read_plain(text: str) -> list[dict[str, Any]]:
    """A plain-text or Markdown article: the text as it is."""
    return [{"text": text}]


# One reader per suffix, for files on disk and uploads alike: decoded text -> raw records.
READERS: dict[str, Callable[[str], list[dict[str, Any]]]] = {
    ".txt": read_plain, ".md": read_plain, ".html": read_html, ".htm": read_html, ".json": read_json,
}
SUPPORTED_SUFFIXES = tuple(READERS)


def read_records(data: bytes, suffix: str) -> list[dict[str, Any]]:
    """Raw records {"text", "comments", "title", ...} of a file's bytes, by its suffix."""
    reader = READERS.get(suffix.lower())
    if reader is None:
        raise IngestError(f"unsupported file type '{suffix or '(none)'}' (use {', '.join(SUPPORTED_SUFFIXES)})")
    return reader(decode_bytes(data))
