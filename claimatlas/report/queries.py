"""What each page reads: store queries shaped by the page tables. Pure, cached on the UI side."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import pandas as pd

from claimatlas.claims.contradictions import find_contradictions
from claimatlas.framing.codebook import Codebook
from claimatlas.framing.compare import compare_outlets
from claimatlas.model import Contradiction, DocumentRecord, FileError
from claimatlas.report import tables
from claimatlas.report.contract import outlet_gauges
from claimatlas.store import Filters, Store
from claimatlas.store.filters import outlet_key

# Rows a table shows at most; the exports always hold every filtered row.
TABLE_ROWS = 1000


def outlets(store: Store) -> pd.DataFrame:
    """One row per outlet with its document count and publication dates."""
    return store.outlets()


def languages(store: Store) -> list[str]:
    """The languages of the corpus, most documents first."""
    return store.languages()


def documents(store: Store, filters: Filters) -> pd.DataFrame:
    """The filtered documents (the selected place narrows the claims, not the documents)."""
    return store.documents(replace(filters, place=None))


def documents_table(store: Store, filters: Filters) -> pd.DataFrame:
    """The filtered documents as the Overview table, warnings fetched for the shown rows."""
    filters = replace(filters, place=None)
    return tables.documents_table(store.documents(filters), store.document_warnings(filters, limit=TABLE_ROWS))


def claims(store: Store, filters: Filters) -> pd.DataFrame:
    """The filtered claims, in the dashboard's claim columns, with their document's title; with a place
    and a radius, the claims naming any place within the radius."""
    titles = store.documents(Filters())
    if filters.place and filters.radius_km:
        near = {n.lower() for n in nearby(store, filters)}
        table = tables.claims_table(store.claims(replace(filters, place=None)), dict(zip(titles["id"], titles["title"])))
        return table[table["places"].map(lambda names: bool({n.lower() for n in names.split(", ")} & near))] \
            .reset_index(drop=True)
    return tables.claims_table(store.claims(filters), dict(zip(titles["id"], titles["title"])))


def nearby(store: Store, filters: Filters) -> set[str]:
    """The places within the filters' radius of the filters' place."""
    every = tables.places_table(store.places(replace(filters, place=None, radius_km=0)))
    return tables.within_radius(every, filters.place, filters.radius_km)


def places(store: Store, filters: Filters) -> pd.DataFrame:
    """The filtered places with their evidence sentences (every place, the selected one included; with a
    radius, only the places within it)."""
    table = tables.places_table(store.places(replace(filters, place=None)),
                                store.place_evidence(replace(filters, place=None)))
    if filters.place and filters.radius_km:
        table = table[table["name"].isin(tables.within_radius(table, filters.place, filters.radius_km))]
    return table.reset_index(drop=True)


def severity(store: Store, filters: Filters) -> pd.DataFrame:
    """The severity gauge of each selected outlet over its documents in the selected dates."""
    chosen = Filters(outlets=filters.outlets, languages=filters.languages, date_from=filters.date_from,
                     date_to=filters.date_to, once_per_story=filters.once_per_story)
    names = list(filters.outlets) or tables.outlet_names(store.outlets())
    docs = store.documents(chosen)
    counts = Counter(outlet_key(None if pd.isna(o) else o, i) for o, i in zip(docs["outlet"], docs["id"]))
    return tables.severity_frame(outlet_gauges(store.sourced_claims(chosen)), counts, names)


def contradictions(store: Store, window_days: int) -> list[Contradiction]:
    """Every contradicting claim pair in the store (sides published within ``window_days``)."""
    return find_contradictions(store.sourced_claims(sided=True), window_days)


def frame_shares(store: Store, filters: Filters, codebook: Codebook) -> pd.DataFrame:
    """Frame shares per outlet over the filtered documents, frames named by their codebook label."""
    return tables.frames_from_counts(store.frame_counts(filters), list(codebook.frames),
                                     {name: frame.label for name, frame in codebook.frames.items()},
                                     {name: frame.kind for name, frame in codebook.frames.items()})


def framing(store: Store, codebook: Codebook, once_per_story: bool = False) -> dict[str, Any]:
    """The corpus-wide framing comparison: divergence, distinctive words and frames, group labels
    (``once_per_story``: each story counted once per outlet)."""
    return compare_outlets(store.framing_totals(Filters(once_per_story=once_per_story)), codebook)


def stories(store: Store, filters: Filters) -> pd.DataFrame:
    """The stories with at least one filtered document, largest first."""
    return store.stories(replace(filters, place=None, story=None, once_per_story=False))


def story_documents(store: Store, story: str) -> pd.DataFrame:
    """One story's documents in publication order."""
    return store.story_documents(story)


def lineage(store: Store, story: str) -> pd.DataFrame:
    """One story's lineage links."""
    return store.lineage(story)


def own_coverage(store: Store, filters: Filters) -> pd.DataFrame:
    """Per outlet: its documents that are its own reporting, dated rewrites of others, and undetermined."""
    return tables.own_coverage_table(store.own_coverage(replace(filters, place=None, story=None,
                                                                once_per_story=False)))


def record(store: Store, document: str) -> DocumentRecord | None:
    """The full record of one document."""
    return store.record(document)


def errors(store: Store) -> list[FileError]:
    """The files (or added articles) that could not be read."""
    return store.errors()
