"""What recognition filters see: proposed toponym mentions and the document context they consult.

A ``Proposal`` is a span the NER model tagged or a gazetteer name found in the text, with its gazetteer
candidates; a ``Context`` holds what the filters of ``geo.filters`` may read about the whole document
(its dateline, disease names, people, organisations, entity spans and region).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from geo.coords import nearest_km
from geo.gazetteer import FEATURE_COUNTRY, Gazetteer, is_common_word, neighbours, normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# A story naming no country lies where towns of two or more of its names lie this close to each other
# ("Gloucester", "Cheltenham" and "Cirencester": England, though the largest Gloucester is in Canada), or in
# the one country holding all the towns of two or more of its names.
CLUSTER_KM = 25.0
# Names read for that cluster: at most this many, each with at most that many towns.
CLUSTER_MAX_NAMES = 50
CLUSTER_MAX_TOWNS = 200

# A person's entity label in the English (OntoNotes) and French (WikiNER) models.
PERSON_LABELS = {"PERSON", "PER"}
# A name compounded with a disease word names the disease or its agent ("Marburg virus", "Reston
# ebolavirus", "Lassa fever", "Ebola-Reston virus"), not a place of the story.
_DISEASE_FOLLOWER = re.compile(r"^[\s\-]*(ha?emorrhagic\s+)?(\w*virus(es)?|fever|disease|syndrome)\b", re.I)
_DISEASE_WORD = re.compile(r"virus(es)?$", re.I)
_PATHOGEN_BEFORE = re.compile(r"\b(salmonella|serotype|serovar|strain)\s+$", re.I)
# Strain and product codes ("H5N1", "H1N1", "MERS-CoV2").
_CODE = re.compile(r"^[A-Z]+\d+[A-Z0-9]*$")
# A dateline: an all-caps place, optionally ", Country" or ", STATE", a wire in brackets and a dash
# ("BAMAKO, Mali (AP) —", "DAKAR (Reuters) -", "WASHINGTON —"), opening the text, a line or a sentence:
# pages put bylines and photo captions before it ("By Nate Raymond. BOSTON (Reuters) -") and aggregate
# several wire stories.
DATELINE = re.compile(r"(?:^|(?<=[.!?)”\"])[ \t])[ \t]*(?P<place>[A-Z][A-Z'’.\-]+(?:[ \t][A-Z][A-Z'’.\-]+){0,3})"
                      r"(?:,[ \t]+[A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){0,2})?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?"
                      r"(?:[—–\-]{1,2}|:)[ \t]"
                      # or opening a line, right before the story's first word ("OKLAHOMA CITY The Latest on")
                      r"|^(?P<bare>[A-Z][A-Z'’.\-]+(?:[ \t][A-Z][A-Z'’.\-]+){0,3})[ \t]+(?=[A-Z][a-z])", re.MULTILINE)


def is_disease_name(full_text: str, start: int, end: int) -> bool:
    """Whether the span names a disease or pathogen: "Reston ebolavirus", "Salmonella Litchfield", "H5N1"."""
    text = full_text[start:end]
    return bool(_DISEASE_FOLLOWER.match(full_text[end:end + 30]) or _DISEASE_WORD.search(text)
                or _PATHOGEN_BEFORE.search(full_text[max(0, start - 20):start])
                or _CODE.match(text.replace("-", "")))


class SpanIndex:
    """Sorted, non-overlapping character spans (entity spans), searched by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans sharing a character with [start, end)."""
        i = bisect.bisect_left(self.starts, end)
        found = []
        while i > 0 and self.spans[i - 1][1] > start:
            i -= 1
            found.append(self.spans[i])
        return found


@dataclass
class Proposal:
    """A span proposed as a toponym mention, with its gazetteer candidates (possibly none)."""

    start: int
    end: int
    text: str
    source: str  # "ner" or "gazetteer"
    tokens: Span | None  # the entity (ner); the name's tokens (gazetteer), None off token boundaries
    gazetteer: Gazetteer = field(repr=False)
    label: str = ""  # the entity label (ner)

    @cached_property
    def ids(self) -> list[int]:
        """Candidates: ``Gazetteer.candidates`` of an entity's text, ``Gazetteer.lookup`` of a gazetteer name."""
        return self.gazetteer.candidates(self.text) if self.source == "ner" else self.gazetteer.lookup(self.text)


def _outermost(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The matches that no longer match contains ("West Palm Beach", not the "Palm Beach" inside it)."""
    kept, reach = [], -1
    for start, end, key in sorted(matches, key=lambda m: (m[0], -m[1])):
        if end > reach or kept and (kept[-1][0], kept[-1][1]) == (start, end):
            kept.append((start, end, key))
        reach = max(reach, end)
    return kept


@dataclass
class Context:
    """What filters may consult about the document. The span indexes are filled after the NER pass."""

    text: str
    gazetteer: Gazetteer
    not_place_spans: list[tuple[int, int]]
    disease_names: set[str]  # one-word names used as a disease name somewhere in the document
    person_words: set[str]  # tokens of PERSON entities
    organisation_names: set[str]  # ORG entity texts of 4+ characters on one line
    model_mentions: SpanIndex = field(default_factory=lambda: SpanIndex([]))  # NER mentions kept
    other_entities: SpanIndex = field(default_factory=lambda: SpanIndex([]))  # dates, numbers, NORP
    people: SpanIndex = field(default_factory=lambda: SpanIndex([]))  # PERSON and other doubtful labels
    events: frozenset[tuple[int, int]] = frozenset()  # EVENT entity spans (also among ``people``)
    organisations: SpanIndex = field(default_factory=lambda: SpanIndex([]))
    doc: Doc | None = None
    org_entities: list[tuple[int, int]] = field(default_factory=list)  # ORG (and French MISC) spans, article trimmed

    @cached_property
    def datelines(self) -> frozenset[tuple[int, int]]:
        """The spans of the places of all-caps datelines ("BAMAKO, Mali (AP) —", "DAKAR (Reuters) -")."""
        return frozenset(match.span("place" if match.group("place") else "bare") for match in DATELINE.finditer(self.text))

    @cached_property
    def region(self) -> frozenset[str]:
        """The story's region: the countries it names or its NER place mentions lie in (every candidate in
        one country), and their neighbours. A story that gives no such country takes the one holding the
        largest namesake of most of its NER place mentions ("Charleston": the United States). Read by
        gazetteer filters, after the NER pass."""
        g = self.gazetteer
        matches = g.matches(self.text)
        countries = {g.country(i) for _, _, key in matches for i in g.lookup(key) if g.feature(i) == FEATURE_COUNTRY}
        largest = Counter()
        for start, end in self.model_mentions.spans:
            candidates = g.candidates(self.text[start:end])
            found = {g.country(i) for i in candidates}
            if len(found) == 1:
                countries |= found
            elif candidates:
                largest[g.country(max(candidates, key=g.population))] += 1
        countries.discard("")
        if not countries:
            clustered = self._clustered_country(matches)
            countries = {clustered} if clustered else countries
        if not countries and largest:
            country, count = largest.most_common(1)[0]
            if country and 2 * count > largest.total():
                countries = {country}
        return frozenset(countries.union(*(neighbours(c) for c in countries)))

    def _clustered_country(self, matches: list[tuple[int, int, str]]) -> str | None:
        """The country that the most names of the text speak for, when two or more names agree and no other
        country ties: a name speaks for the countries where its towns lie within CLUSTER_KM of another name's
        town, and for the one country holding all its towns ("Boulkessi", "Tessalit" and "Aguelhok": Mali); the
        names are the capitalised, longest gazetteer names of the text that are not common words."""
        g = self.gazetteer
        towns_by_name: dict[str, list[int]] = {}
        for start, end, key in _outermost(matches):
            surface = self.text[start:end]
            if key in towns_by_name or not surface[:1].isupper() or is_common_word(surface):
                continue
            towns = [i for i in g.lookup(key) if g.feature(i).startswith("P.")]
            if 0 < len(towns) <= CLUSTER_MAX_TOWNS:
                towns_by_name[key] = towns
            if len(towns_by_name) == CLUSTER_MAX_NAMES:
                break
        points = {key: [g.point(i) for i in towns] for key, towns in towns_by_name.items()}
        votes: Counter = Counter()
        for key, towns in towns_by_name.items():
            others = [point for other, their in points.items() if other != key for point in their]
            near = {g.country(i) for i, km in zip(towns, nearest_km(points[key], others)) if km <= CLUSTER_KM} if others else set()
            only = {g.country(i) for i in towns}
            votes.update(near | (only if len(only) == 1 else set()))
        ranked = votes.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            return ranked[0][0]
        return None

    @classmethod
    def of(cls, doc: Doc, gazetteer: Gazetteer) -> Context:
        """The document-level context of a parsed document."""
        text = doc.text  # Doc.text is rebuilt from the tokens on every access
        return cls(
            text=text, gazetteer=gazetteer, not_place_spans=gazetteer.not_place_spans(text),
            disease_names={normalise(t.text) for t in doc if is_disease_name(text, t.idx, t.idx + len(t.text))
                           and t.text[:1].isupper()},
            person_words={t.text for e in doc.ents if e.label_ in PERSON_LABELS for t in e},
            organisation_names={e.text for e in doc.ents if e.label_ == "ORG" and len(e.text) > 3 and "\n" not in e.text},
            doc=doc, org_entities=[(e.start_char + (4 if e.text.lower().startswith("the ") else 0), e.end_char)
                                   for e in doc.ents if e.label_ in ("ORG", "MISC")])
