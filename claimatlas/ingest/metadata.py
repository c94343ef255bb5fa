"""Metadata inferred from an article's text when the manifest has none: date, outlet, title, language."""
from __future__ import annotations

import datetime as dt
import re

import py3langid

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
