"""Documents -> typed records: one batched spaCy parse, then the places, claims and framing stages.

Heavy objects (the spaCy model, the gazetteer, the frame codebook, the cue book) are loaded once
by the caller into :class:`Resources` and passed in.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from claimatlas.claims.cues import CueBook, hyphenated_words, load_cues
from claimatlas.claims.detect import detect_claims, detect_comment_claims
from claimatlas.claims.gauge import severity_gauge
from claimatlas.claims.learned import (
    LinearModel,
    load_claim_model,
    load_level_model,
    load_speaker_model,
)
from claimatlas.framing.analyse import document_framing
from claimatlas.framing.codebook import Codebook, load_codebook
from claimatlas.languages import DEFAULT_LANGUAGE, LANGUAGES
from claimatlas.model import (
    Association,
    Comment,
    Document,
    DocumentRecord,
    Framing,
    Place,
    Progress,
    Tone,
    UnresolvedPlace,
    from_json,
)
from claimatlas.settings import Settings
from geo import Gazetteer, find_places

BATCH_SIZE = 32



@dataclass(frozen=True)
class LanguagePack:
    """What one language is analysed with: its spaCy model, cue books and learned claim layers (None
    where no weights were fitted: the rules decide alone)."""

    code: str
    nlp: Language
    codebook: Codebook
    cues: CueBook
    level_model: LinearModel | None
    speaker_model: LinearModel | None
    claim_model: LinearModel | None


@dataclass
class Resources:
    """Heavy shared objects, loaded once by the caller and passed in: the English model and books, the
    gazetteer, the learned layers, and the packs of the other languages whose model is installed."""

    nlp: Language
    gazetteer: Gazetteer
    codebook: Codebook = field(default_factory=load_codebook)
    cues: CueBook = field(default_factory=load_cues)
    level_model: LinearModel | None = field(default_factory=load_level_model)
    speaker_model: LinearModel | None = field(default_factory=load_speaker_model)
    claim_model: LinearModel | None = field(default_factory=load_claim_model)
    max_places_per_document: int = Settings.max_places_per_document
    max_document_chars: int = Settings.max_document_chars
    languages: dict[str, LanguagePack] = field(default_factory=dict)

    def pack(self, language: str | None) -> LanguagePack | None:
        """The pack of a document's language (English when unknown); None when it is not analysed."""
        code = language or DEFAULT_LANGUAGE
        if code == DEFAULT_LANGUAGE:
            return LanguagePack(code, self.nlp, self.codebook, self.cues, self.level_model, self.speaker_model,
                                self.claim_model)
        return self.languages.get(code)


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
                     resources: Resources, pack: LanguagePack | None = None) -> DocumentRecord:
    """The record of one parsed document: places, claims, gauge and framing, with its language's books
    and learned layers."""
    pack = pack or resources.pack(DEFAULT_LANGUAGE)
    found = find_places(spacy_doc, resources.gazetteer)
    places, warnings = cap_places(from_json(list[Place], found["places"]), list(document.warnings),
                                  resources.max_places_per_document)
    framing = document_framing(spacy_doc, pack.codebook)
    claims = detect_claims(spacy_doc, document.outlet, places=places, book=pack.cues, document_id=document.id,
                           model=pack.level_model, speaker_model=pack.speaker_model, claim_model=pack.claim_model,
                           gazetteer=resources.gazetteer, kind=document.kind)
    return DocumentRecord(
        id=document.id, path=document.path, outlet=document.outlet, title=document.title,
        published=document.published, url=document.url, kind=document.kind, language=document.language,
        duplicate_of=document.duplicate_of, cited_by=document.cited_by, inferred=dict(document.inferred),
        warnings=warnings, content_hash=document.content_hash, text=document.text,
        comments=[Comment(text) for text in document.comments], places=places,
        unresolved_places=from_json(list[UnresolvedPlace], found["unresolved"]),
        place_associations=from_json(list[Association], found["associations"]),
        frames=framing.shares, framing=framing, claims=claims,
        comment_claims=detect_comment_claims(comment_docs, book=pack.cues, document_id=document.id),
        severity=severity_gauge(claims))


def not_analysed_record(document: Document, codebook: Codebook) -> DocumentRecord:
    """The record of a document in a language Claim Atlas does not analyse: stored and listed, with a
    warning, and no places, claims, gauge or frames."""
    framing = Framing(shares={}, top=None, sentence_counts={}, n_sentences=0, cue_counts={}, carries=[],
                      tone=Tone(mean=None, sum=0.0, negative_sentences=0), hedged_sentences=0, labels={},
                      lemma_counts={}, sentences=[], codebook=codebook.path)
    warning = (f"{Path(document.path).name}: not analysed: the language is '{document.language}' "
               f"(analysed: {', '.join(sorted(LANGUAGES))})")
    return DocumentRecord(
        id=document.id, path=document.path, outlet=document.outlet, title=document.title,
        published=document.published, url=document.url, kind=document.kind, language=document.language,
        duplicate_of=document.duplicate_of, cited_by=document.cited_by, inferred=dict(document.inferred),
        warnings=[*document.warnings, warning], content_hash=document.content_hash, text=document.text,
        comments=[Comment(text) for text in document.comments], places=[], unresolved_places=[],
        place_associations=[], frames={}, framing=framing, claims=[], comment_claims=[], severity=severity_gauge([]))


def analyse_documents(documents: list[Document], resources: Resources,
                      progress: Progress | None = None) -> list[DocumentRecord]:
    """Analyse documents, one batched spaCy pass per language; return one record each, in input order.

    A document in a language without a pack (no books, or its model not installed) gets a record
    marked "not analysed".
    """
    fitted = [fit_budget(d, resources.max_document_chars) for d in documents]
    by_language: dict[str, list[int]] = {}
    for position, document in enumerate(fitted):
        by_language.setdefault(document.language or DEFAULT_LANGUAGE, []).append(position)
    records: list[DocumentRecord | None] = [None] * len(fitted)

    def parsed() -> Iterator[tuple[int, DocumentRecord]]:
        for code, positions in by_language.items():
            pack = resources.pack(code)
            if pack is None:
                yield from ((p, not_analysed_record(fitted[p], resources.codebook)) for p in positions)
                continue
            for position, (document, spacy_doc, comment_docs) in zip(
                    positions, parse_documents([fitted[p] for p in positions], pack.nlp), strict=True):
                yield position, analyse_document(document, spacy_doc, comment_docs, resources, pack)

    stream = parsed()
    for position, record in (progress(stream) if progress else stream):
        records[position] = record
    return [r for r in records if r is not None]


def default_resources(settings: Settings | None = None) -> Resources:
    """Load the default model and data (slow: call once and keep the result)."""
    from claimatlas.nlp import load_nlp

    settings = settings or Settings()
    return Resources(nlp=load_nlp(), gazetteer=Gazetteer.load(settings.geo_cache or None),
                     codebook=load_codebook(settings.frames or None),
                     max_places_per_document=settings.max_places_per_document,
                     max_document_chars=settings.max_document_chars, languages=language_packs())


def language_packs() -> dict[str, LanguagePack]:
    """The packs of the languages other than English whose spaCy model is installed; their tokenizers keep the
    hyphenated words of their cue books whole (``claimatlas.nlp.keep_words_whole``)."""
    from claimatlas.nlp import installed_model, keep_words_whole, load_model

    packs = {}
    for code, books in LANGUAGES.items():
        name = installed_model(books.models) if code != DEFAULT_LANGUAGE else None
        if name:
            nlp, cues = load_model(name, books.sentences_by_punctuation), load_cues(books.cues_file, books.speakers_file,
                                                                                  books.classes_file)
            keep_words_whole(nlp, hyphenated_words(cues))
            packs[code] = LanguagePack(code, nlp, load_codebook(books.frames_file, code), cues,
                                       load_level_model(books.level_model_file),
                                       load_speaker_model(books.speaker_model_file),
                                       load_claim_model(books.claim_model_file))
    return packs
