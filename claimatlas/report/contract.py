"""The command-line JSON contract, assembled from the store with the same rules the dashboard uses."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from claimatlas.claims.contradictions import WINDOW_DAYS, find_contradictions
from claimatlas.claims.gauge import severity_gauge
from claimatlas.framing.codebook import Codebook
from claimatlas.framing.compare import compare_outlets, outlet_framing
from claimatlas.model import PIPELINE_VERSION, SCHEMA_VERSION, Claim, Gauge, OutletSummary, Report, SourcedClaim
from claimatlas.store import Filters, Store
from claimatlas.store.filters import outlet_key


def outlet_gauges(claims: Iterable[SourcedClaim]) -> dict[str, Gauge]:
    """The severity gauge of each outlet over its claims; outlets in name order."""
    by_outlet: dict[str, list[Claim]] = defaultdict(list)
    for sourced in claims:
        by_outlet[outlet_key(sourced.outlet, sourced.claim.document)].append(sourced.claim)
    return {outlet: severity_gauge(members) for outlet, members in sorted(by_outlet.items())}


def build_report(store: Store, codebook: Codebook, window_days: int = WINDOW_DAYS) -> Report:
    """Every stored document (with its story and lineage), the stories, the outlet summaries,
    contradictions and framing comparison."""
    records, errors = store.records()
    story_of, lineage = store.story_links()
    for record in records:
        record.story, record.lineage = story_of.get(record.id), lineage.get(record.id, [])
    documents: dict[str, list[str]] = defaultdict(list)
    for record in records:
        documents[outlet_key(record.outlet, record.id)].append(record.id)
    gauges = outlet_gauges(SourcedClaim(record.outlet, record.published, claim)
                           for record in records for claim in record.claims)
    totals = {t.outlet: t for t in store.framing_totals()}
    outlets = [OutletSummary(outlet=outlet, documents=ids,
                             severity=gauges.get(outlet) or severity_gauge([]),
                             frames=outlet_framing(totals[outlet], codebook)["frames"])
               for outlet, ids in sorted(documents.items())]
    return Report(
        pipeline_version=PIPELINE_VERSION, schema_version=SCHEMA_VERSION, documents=records,
        stories=store.story_records(), outlets=outlets,
        contradictions=find_contradictions(store.sourced_claims(Filters(), sided=True), window_days),
        framing=compare_outlets(totals.values(), codebook), errors=errors)
