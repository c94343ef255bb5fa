"""Typed records: what ingestion, the analysis stages, the store and the CLI pass to each other.

Every record is a dataclass. ``to_json`` turns one into plain JSON data (fields in declaration
order, which is the order of the command-line contract); ``from_json`` reads it back, validated
(pydantic), so a record read from the store or a Parquet file is checked once, at the boundary,
and nothing downstream re-checks types.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter

# Version of the JSON shape of a document record and of the report. Raise it when a field changes.
SCHEMA_VERSION = 4
# Version of the analysis that produced the records: raise it when the analysis gives other output,
# so that stored results of the old analysis are analysed again.
PIPELINE_VERSION = "45"

T = TypeVar("T")
# A progress wrapper (tqdm, st.progress glue): takes an iterable, yields its items.
Progress = Callable[[Iterable], Iterable]


# ---------------------------------------------------------------- ingestion

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
    inferred: dict[str, str] = field(default_factory=dict)  # field -> where its value was inferred from
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the cleaned text and comments: the document's identity in caches and the store."""
        payload = json.dumps([self.text, self.comments, self.outlet, self.published], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class FileError:
    """A file (or added article) that could not be read, and why."""

    path: str
    error: str


@dataclass
class Corpus:
    """The documents that loaded and one error per file that did not."""

    documents: list[Document]
    errors: list[FileError]


# ---------------------------------------------------------------- places

@dataclass
class PlaceSpan:
    """One mention of a place: sentence index and character offsets in the document text."""

    sentence: int
    start: int
    end: int
    text: str


@dataclass
class GazetteerEntry:
    """A named point from the gazetteer (lat, lon in EPSG:4326) with its country and feature code."""

    name: str
    lat: float
    lon: float
    country: str | None
    geonameid: int | None
    feature: str | None


@dataclass
class Alternative(GazetteerEntry):
    """A candidate the resolver ranked below the chosen one."""

    score: float


@dataclass
class LocatedBy:
    """Where a name without a gazetteer entry was pinned: its host place and how it was found."""

    name: str
    geonameid: int | None
    how: str


@dataclass
class Place(GazetteerEntry):
    """A resolved place of one document with its mentions."""

    confidence: float
    mentions: int
    alternatives: list[Alternative]
    spans: list[PlaceSpan]
    located_by: LocatedBy | None = None


@dataclass
class UnresolvedPlace:
    """A name recognised as a place that no gazetteer entry or host could locate."""

    name: str
    mentions: int
    spans: list[PlaceSpan]


@dataclass
class AssociationSpan:
    """One demonym mention ("Malian", "Americans")."""

    sentence: int
    start: int
    end: int
    text: str
    plural: bool


@dataclass
class Association:
    """A demonym kept as an association with its place, not a pin."""

    name: str
    target: str
    country: str | None
    lat: float | None
    lon: float | None
    mentions: int
    spans: list[AssociationSpan]


# ---------------------------------------------------------------- claims and gauges

@dataclass
class CueMatch:
    """A severity cue found in a claim, with the level it gave and the words it matched."""

    cue: str
    level: int
    kind: str
    text: str


@dataclass
class Claim:
    """One claim unit: what is claimed (level), by whom, how sure, about which places."""

    sentence: str
    sentence_index: int
    start: int
    end: int
    level: int
    score: int
    speaker: str
    speaker_type: str
    certainty: str
    stance: str
    voice: str
    places: list[str]
    targets: list[str]
    cues: list[CueMatch]
    document: str | None = None
    comment: int | None = None  # the reader comment's number (0-based) for comment claims


@dataclass(frozen=True)
class SourcedClaim:
    """A claim with the outlet and publication date (ISO, or None) of its document."""

    outlet: str | None
    published: str | None
    claim: Claim


@dataclass
class GaugePart:
    """The gauge over one voice (own or quoted): score, level, number of claims."""

    score: float | None
    level: int | None
    claims: int


@dataclass
class Driver:
    """One of the claims that drive a gauge."""

    document: str | None
    sentence: str
    sentence_index: int
    level: int
    score: int
    speaker: str
    speaker_type: str
    certainty: str


@dataclass
class Gauge:
    """A severity gauge over claims: overall, own voice, quoted voices, the driving claims, the formula."""

    score: float | None
    level: int | None
    claims: int
    band: list[float] | None  # 10th-90th percentile of the score over resamples of the claims
    own: GaugePart
    quoted: GaugePart
    drivers: list[Driver]
    formula: str


# ---------------------------------------------------------------- framing

@dataclass
class Tone:
    """Sentence polarity over a document: mean, sum and the number of negative sentences."""

    mean: float | None
    sum: float
    negative_sentences: int


@dataclass
class FramedSentence:
    """A sentence that carries a frame or an armed-group label, with the cues that evidence it."""

    sentence_index: int
    sentence: str
    start: int
    end: int
    frames: list[str]
    evidence: dict[str, list[str]]
    negated: dict[str, list[str]]
    hedges: list[str]
    labels: list[str]


@dataclass
class Framing:
    """A document's framing: frame shares and counts, tone, hedging, labels and content lemmas."""

    shares: dict[str, float]
    top: str | None
    sentence_counts: dict[str, int]
    n_sentences: int
    cue_counts: dict[str, int]
    carries: list[str]
    tone: Tone
    hedged_sentences: int
    labels: dict[str, int]
    lemma_counts: dict[str, int]
    sentences: list[FramedSentence]
    codebook: str


@dataclass
class OutletFraming:
    """One outlet's framing counts summed over its documents: what the framing comparison reads."""

    outlet: str
    documents: int
    n_sentences: int
    hedged_sentences: int
    tone_sum: float
    negative_sentences: int
    sentence_counts: dict[str, int]
    labels: dict[str, int]
    lemma_counts: dict[str, int]
    speaker_mix: dict[str, int]


# ---------------------------------------------------------------- records and the report

@dataclass
class Comment:
    """A reader comment split out of an article."""

    text: str


@dataclass
class Evidence:
    """What two documents share: a sentence of this document and the one it matches, or a quote."""

    kind: str  # "sentence" | "quote"
    text: str
    other: str | None = None


@dataclass
class LineageLink:
    """This document's relation to another of its story, with the evidence.

    ``direction`` is "later" when this document was published after the other ("of" is the earlier
    one), "unknown" when a date is missing or both are the same day (the link is then on both).
    """

    of: str
    relation: str  # "rewrite" | "same_source" | "duplicate"
    direction: str
    evidence: list[Evidence]


@dataclass
class Story:
    """Documents about one event: a short title, the first document and the span of publication dates."""

    id: str
    title: str
    documents: list[str]
    first: str | None
    span: list[str | None]


@dataclass
class DocumentRecord:
    """Everything the analysis says about one document (``story`` and ``lineage`` are set over the corpus)."""

    id: str
    path: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    kind: str
    language: str | None
    duplicate_of: str | None
    cited_by: str | None
    inferred: dict[str, str]
    warnings: list[str]
    content_hash: str
    text: str
    comments: list[Comment]
    places: list[Place]
    unresolved_places: list[UnresolvedPlace]
    place_associations: list[Association]
    frames: dict[str, float]
    framing: Framing
    claims: list[Claim]
    comment_claims: list[Claim]
    severity: Gauge
    story: str | None = None
    lineage: list[LineageLink] = field(default_factory=list)


@dataclass
class OutletSummary:
    """One outlet over its documents: which documents, its gauge and frame shares."""

    outlet: str
    documents: list[str]
    severity: Gauge
    frames: dict[str, float]


@dataclass
class ContradictionSide:
    """One side of a contradiction: the claim and who made it where."""

    document: str
    outlet: str | None
    sentence: str
    sentence_index: int
    speaker: str
    speaker_type: str
    level: int
    stance: str


@dataclass
class Contradiction:
    """An alarming and a reassuring claim about one target, by different speakers or outlets."""

    a: ContradictionSide
    b: ContradictionSide
    target: str


@dataclass
class Report:
    """The command-line JSON contract: documents, outlet summaries, contradictions, framing, errors."""

    pipeline_version: str
    schema_version: int
    documents: list[DocumentRecord]
    stories: list[Story]
    outlets: list[OutletSummary]
    contradictions: list[Contradiction]
    framing: dict[str, Any]
    errors: list[FileError]


def iso_date(value: str | None) -> dt.date | None:
    """The date of an ISO date or datetime string (a record's ``published``); None when absent or malformed."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------- JSON

def to_json(value: Any) -> Any:
    """Plain JSON data of a record (or a list or dict of records), fields in declaration order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    return value


@cache
def _adapter(kind: Any) -> TypeAdapter:
    return TypeAdapter(kind)


def from_json(kind: type[T] | Any, data: Any) -> T:
    """Read JSON data into a record of type ``kind`` (e.g. ``DocumentRecord`` or ``list[Place]``), validated.

    Raises ``pydantic.ValidationError`` naming the field that does not fit.
    """
    return _adapter(kind).validate_python(data)
