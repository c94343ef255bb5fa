"""Document -> analysis, for one document and for a corpus.

The per-document analysis is one spaCy parse (``nlp.pipe`` in batches) followed by
the places, claims and framing stages. The corpus report follows the command-line
JSON contract: ``{"documents", "outlets", "contradictions", "errors"}``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimatlas.claims import claims_record, find_contradictions, severity_gauge
from claimatlas.corpus import Corpus, Document, load_corpus
from claimatlas.framing import compare_outlets, document_framing, load_codebook, outlet_framing
from claimatlas.settings import SETTINGS
from geo import Gazetteer, find_places

PIPELINE_VERSION = "1"
BATCH_SIZE = 32


@dataclass
class Resources:
    """Heavy shared objects, loaded once by the caller and passed in."""

    nlp: Language
    gazetteer: Gazetteer | None = None  # None: the cached default gazetteer is loaded on first use


def document_record(document: Document) -> dict[str, Any]:
    """The metadata part of a document's JSON record."""
    return {
        "id": document.id,
        "path": document.path,
        "outlet": document.outlet,
        "title": document.title,
        "published": document.published,
        "url": document.url,
        "kind": document.kind,
        "language": document.language,
        "duplicate_of": document.duplicate_of,
        "cited_by": document.cited_by,
        "inferred": document.inferred,
        "warnings": document.warnings,
        "content_hash": document.content_hash,
        "text": document.text,
        "comments": [{"text": c} for c in document.comments],
    }


def cap_places(places: list[dict[str, Any]], warnings: list[str],
               limit: int | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Keep the ``max_places_per_document`` most-mentioned places; a warning names how many were dropped."""
    limit = SETTINGS.max_places_per_document if limit is None else limit
    if len(places) <= limit:
        return places, warnings
    dropped = len(places) - limit
    return places[:limit], [*warnings, f"{dropped} of {len(places)} places not shown: more than "
                                       f"{limit} places in one document (max_places_per_document)"]


def parse_documents(documents: Iterable[Document], nlp: Language) -> Iterator[tuple[Document, Doc, list[Doc]]]:
    """(document, parse, parses of its reader comments), from one batched ``nlp.pipe`` stream."""
    documents = list(documents)
    parsed = nlp.pipe((text for d in documents for text in (d.text, *d.comments)), batch_size=BATCH_SIZE)
    for document in documents:
        spacy_doc = next(parsed)
        yield document, spacy_doc, [next(parsed) for _ in document.comments]


def analyse_documents(documents: list[Document], resources: Resources,
                      progress: Callable[[Iterable], Iterable] | None = None) -> list[dict[str, Any]]:
    """Analyse documents with one batched spaCy pass; return one JSON record each."""
    codebook = load_codebook()
    gazetteer = resources.gazetteer or Gazetteer.load()
    parsed = parse_documents(documents, resources.nlp)
    records = []
    for document, spacy_doc, comment_docs in (progress(parsed) if progress else parsed):
        record = document_record(document)
        framing = document_framing(spacy_doc, codebook)
        geo_result = find_places(spacy_doc, gazetteer)
        places, record["warnings"] = cap_places(geo_result["places"], record["warnings"])
        record.update(
            places=places,
            unresolved_places=geo_result["unresolved"],
            place_associations=geo_result["associations"],
            frames=framing["shares"],
            framing=framing,
        )
        record.update(claims_record(spacy_doc, comment_docs, document.id, document.outlet, record["places"]))
        records.append(record)
    return records


def outlet_summaries(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One summary per outlet: its documents, severity gauge and frame shares."""
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_outlet[record["outlet"] or "unknown"].append(record)
    codebook = load_codebook()
    return [
        {
            "outlet": outlet,
            "documents": [r["id"] for r in members],
            "severity": severity_gauge([c for r in members for c in r["claims"]]),
            "frames": outlet_framing(members, codebook)["frames"],
        }
        for outlet, members in sorted(by_outlet.items())
    ]


def build_report(corpus: Corpus, resources: Resources,
                 progress: Callable[[Iterable], Iterable] | None = None) -> dict[str, Any]:
    """Analyse a loaded corpus into the command-line JSON contract."""
    records = analyse_documents(corpus.documents, resources, progress=progress)
    return assemble_report(records, corpus.errors)


def assemble_report(records: list[dict[str, Any]], errors: list[dict[str, str]]) -> dict[str, Any]:
    """The corpus report from per-document records (analysed locally, on Dask, or read from the store)."""
    return {
        "pipeline_version": PIPELINE_VERSION,
        "documents": records,
        "outlets": outlet_summaries(records),
        "contradictions": find_contradictions(records),
        "framing": compare_outlets(records, load_codebook()),
        "errors": errors,
    }


def analyse_paths(paths: Iterable[Path | str], resources: Resources, manifest: Path | None = None,
                  progress: Callable[[Iterable], Iterable] | None = None) -> dict[str, Any]:
    """Load files (or folders) and analyse them into the JSON contract."""
    return build_report(load_corpus(paths, manifest=manifest), resources, progress=progress)


def default_resources() -> Resources:
    """Load the default model and data (slow: call once and keep the result)."""
    from claimatlas.nlp import load_nlp

    return Resources(nlp=load_nlp(), gazetteer=Gazetteer.load())
