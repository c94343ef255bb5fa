"""Documents -> typed records: one batched spaCy parse, then the places, claims and framing stages.

Heavy objects (the spaCy model, the gazetteer, the frame codebook, the cue book) are loaded once
by the caller into :class:`Resources` and passed in.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from claimatlas.claims.cues import CueBook, load_cues
from claimatlas.claims.detect import detect_claims, detect_comment_claims
from claimatlas.claims.gauge import severity_gauge
from claimatlas.claims.learned import LinearModel, load_claim_model, load_level_model, load_speaker_model
from claimatlas.framing.analyse import document_framing
from claimatlas.framing.codebook import Codebook, load_codebook
from claimatlas.model import (
    Association,
    Comment,
    Document,
    DocumentRecord,
    Place,
    Progress,
    UnresolvedPlace,
    from_json,
)
from claimatlas.settings import Settings
from geo import Gazetteer, find_places

BATCH_SIZE = 32



@dataclass
class Resources:
    """Heavy shared objects, loaded once by the caller and passed in."""

    nlp: Language
    gazetteer: Gazetteer
    codebook: Codebook = field(default_factory=load_codebook)
    cues: CueBook = field(default_factory=load_cues)
    level_model: LinearModel | None = field(default_factory=load_level_model)
    speaker_model: LinearModel | None = field(default_factory=load_speaker_model)
    claim_model: LinearModel | None = field(default_factory=load_claim_model)
    max_places_per_document: int = Settings.max_places_per_document
    max_document_chars: int = Settings.max_document_chars


def cap_places(places: list[Place], warnings: list[str], limit: int) -> tuple[list[Place], list[str]]:
    """Keep the ``limit`` most-mentioned places; a warning names how many were dropped."""
    if len(places) <= limit:
        return places, warnings
    dropped = len(places) - limit
    return places[:limit], [*warnings, f"{dropped} of {len(places)} places not shown: more than "
                                       f"{limit} places in one document (max_places_per_document)"]


# A run of this many characters without a space is cut into pieces: the tokenizer's affix search is
# quadratic in the length of one "word" (hostile input such as thousands of nested brackets).
MAX_WORD_CHARS = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


def fit_budget(document: Document, max_chars: int) -> Document:
    """The document cut to ``max_chars`` characters and with no "word" over MAX_WORD_CHARS characters;
    a warning names the file and what was dropped or split. The original is not modified."""
    text, warnings = document.text, list(document.warnings)
    if len(text) > max_chars:
        warnings.append(f"{document.path}: only the first {max_chars:,} of {len(text):,} characters were analysed "
                        "(max_document_chars)")
        text = text[:max_chars]
    runs = _LONG_RUN.findall(text)
    if runs:
        text = _LONG_RUN.sub(lambda m: " ".join(m.group(0)[i:i + MAX_WORD_CHARS]
                                                for i in range(0, len(m.group(0)), MAX_WORD_CHARS)), text)
        warnings.append(f"{document.path}: {len(runs)} run(s) of over {MAX_WORD_CHARS} characters without a space "
                        "were split for the analysis")
    if text is document.text:
        return document
    return dataclasses.replace(document, text=text, warnings=warnings)


def parse_documents(documents: Iterable[Document], nlp: Language) -> Iterator[tuple[Document, Doc, list[Doc]]]:
    """(document, parse, parses of its reader comments), from one batched ``nlp.pipe`` stream."""
    documents = list(documents)
    parsed = nlp.pipe((text for d in documents for text in (d.text, *d.comments)), batch_size=BATCH_SIZE)
    for document in documents:
        spacy_doc = next(parsed)
        yield document, spacy_doc, [next(parsed) for _ in document.comments]


def analyse_document(document: Document, spacy_doc: Doc, comment_docs: list[Doc],
                     resources: Resources) -> DocumentRecord:
    """The record of one parsed document: places, claims, gauge and framing."""
    found = find_places(spacy_doc, resources.gazetteer)
    places, warnings = cap_places(from_json(list[Place], found["places"]), list(document.warnings),
                                  resources.max_places_per_document)
    framing = document_framing(spacy_doc, resources.codebook)
    claims = detect_claims(spacy_doc, document.outlet, places=places, book=resources.cues, document_id=document.id,
                           model=resources.level_model, speaker_model=resources.speaker_model,
                           claim_model=resources.claim_model)
    return DocumentRecord(
        id=document.id, path=document.path, outlet=document.outlet, title=document.title,
        published=document.published, url=document.url, kind=document.kind, language=document.language,
        duplicate_of=document.duplicate_of, cited_by=document.cited_by, inferred=dict(document.inferred),
        warnings=warnings, content_hash=document.content_hash, text=document.text,
        comments=[Comment(text) for text in document.comments], places=places,
        unresolved_places=from_json(list[UnresolvedPlace], found["unresolved"]),
        place_associations=from_json(list[Association], found["associations"]),
        frames=framing.shares, framing=framing, claims=claims,
        comment_claims=detect_comment_claims(comment_docs, book=resources.cues, document_id=document.id),
        severity=severity_gauge(claims))


def analyse_documents(documents: list[Document], resources: Resources,
                      progress: Progress | None = None) -> list[DocumentRecord]:
    """Analyse documents with one batched spaCy pass; return one record each."""
    parsed = parse_documents([fit_budget(d, resources.max_document_chars) for d in documents], resources.nlp)
    return [analyse_document(document, spacy_doc, comment_docs, resources)
            for document, spacy_doc, comment_docs in (progress(parsed) if progress else parsed)]


def default_resources(settings: Settings | None = None) -> Resources:
    """Load the default model and data (slow: call once and keep the result)."""
    from claimatlas.nlp import load_nlp

    settings = settings or Settings()
    return Resources(nlp=load_nlp(), gazetteer=Gazetteer.load(settings.geo_cache or None),
                     codebook=load_codebook(settings.frames or None),
                     max_places_per_document=settings.max_places_per_document,
                     max_document_chars=settings.max_document_chars)
