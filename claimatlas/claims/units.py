"""Claim units (sentences split at blank lines) and quoted passages."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}


def claim_units(doc: Doc) -> list[tuple[int, Span]]:
    """(sentence index, span) pairs: spaCy sentences split at blank lines, without empty pieces."""
    units = []
    for index, sent in enumerate(doc.sents):
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                units.append((index, doc[start:token.i]))
                start = token.i + 1
        units.append((index, doc[start:sent.end]))
    return [(i, _trim(u)) for i, u in units if any(t.is_alpha for t in u)]


def entities_in(unit: Span) -> list[Span]:
    """The named entities that lie wholly inside a unit, read from its tokens: ``Span.ents`` walks every
    entity of the document, which made reading all of a long document's units quadratic."""
    doc, found, i = unit.doc, [], unit.start
    while i < unit.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= unit.end:
            found.append(Span(doc, i, end, label=doc[i].ent_type_))
        i = end
    return found


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or doc[start].text in QUOTE_PAIRS.values() or doc[start].text in QUOTE_PAIRS):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


_VISIBLE = re.compile(r"\S")


def _next_visible(text: str, start: int) -> str:
    """The first character at or after ``start`` that is not white space ("" at the end of the text)."""
    found = _VISIBLE.search(text, start)
    return found.group() if found else ""


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Character ranges of quoted passages (curly, straight and guillemet double quotes), each with whether
    a closing mark ends it. A quote still open at the end of a paragraph goes on into the next only when that
    paragraph opens with a quote mark (the way a quote over several paragraphs is written); otherwise it
    ends there, unclosed, as one left open at the end of the text does."""
    spans, opener, begin = [], None, 0
    for i, char in enumerate(text):
        if opener is None:
            if char in QUOTE_PAIRS and char != "”":
                opener, begin = char, i
        elif char == QUOTE_PAIRS[opener]:
            spans.append((begin, i + 1, True))
            opener = None
        elif char == "\n" and text[i:i + 2] == "\n\n" and text[i - 1] != "\n":  # once per paragraph break
            if opener == '"':
                spans.append((begin, i + 1, True))
                opener = None
            elif _next_visible(text, i) not in QUOTE_PAIRS:
                spans.append((begin, i, False))
                opener = None
    if opener is not None:
        spans.append((begin, len(text), False))
    return spans


class Quotes:
    """The quoted passages of a text, sorted and non-overlapping, with logarithmic look-ups."""

    def __init__(self, text: str):
        scanned = quote_spans(text)
        self.spans = [(a, b) for a, b, _ in scanned]
        # A quote no closing mark ends has an uncertain extent: a reporting verb in it still attributes
        # ('“This blockade is a show of force. They are sending a message, explains Delina Goxho' with no ”).
        self.unclosed = {(a, b) for a, b, closed in scanned if not closed}
        self._starts = [a for a, _ in self.spans]
        self._ends = [b for _, b in self.spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quoted passages that overlap the characters [start, end)."""
        return self.spans[bisect_right(self._ends, start):bisect_left(self._starts, end)]

    def share(self, start: int, end: int) -> float:
        """The share of the characters [start, end) that lie inside quotes."""
        inside = sum(min(end, b) - max(start, a) for a, b in self.overlapping(start, end))
        return inside / max(1, end - start)

    def holds(self, token: Token) -> bool:
        """Whether the token lies strictly inside a quoted passage that a closing mark ends."""
        return any(a < token.idx < b and (a, b) not in self.unclosed for a, b in self.overlapping(token.idx, token.idx + 1))
