"""What the pages read (claimatlas.report.queries) agrees with the records the pipeline built."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from claimatlas.claims.contradictions import find_contradictions
from claimatlas.claims.gauge import severity_gauge
from claimatlas.report import contradiction_tables, queries, tables
from claimatlas.store import Filters
from claimatlas.store.filters import outlet_key


def test_outlet_severity_is_the_gauge_over_each_outlets_claims(bundled_store, bundled_report):
    frame = queries.severity(bundled_store, Filters())
    expected = {o.outlet: o.severity for o in bundled_report.outlets}
    assert set(frame["outlet"]) == set(expected)
    for row in frame.to_dict("records"):
        gauge = expected[row["outlet"]]
        assert (row["score"], row["level"], row["claims"]) == (gauge.score, gauge.level, gauge.claims)
        assert [None if pd.isna(v) else v for v in (row["own"], row["quoted"])] == [gauge.own.score,
                                                                                    gauge.quoted.score]
        assert row["drivers"] == gauge.drivers
    documents = {o.outlet: len(o.documents) for o in bundled_report.outlets}
    assert dict(zip(frame["outlet"], frame["documents"])) == documents


def test_outlet_severity_follows_the_outlet_and_date_filters(bundled_store, report_by_id):
    frame = queries.severity(bundled_store, Filters(outlets=("anewz.tv",)))
    claims = [c for r in report_by_id.values() if r.outlet == "anewz.tv" for c in r.claims]
    assert frame["outlet"].tolist() == ["anewz.tv"]
    assert frame["score"].iloc[0] == severity_gauge(claims).score


def test_sided_claims_lose_no_contradiction(bundled_store, bundled_report):
    sided = bundled_store.sided_claims()
    assert set(sided["stance"]) <= {"alarming", "reassuring"} and len(sided) < len(bundled_store.claims(Filters()))
    every = find_contradictions(bundled_store.sourced_claims(Filters()))
    assert queries.contradictions(bundled_store, 30) == every == bundled_report.contradictions
    table = contradiction_tables.contradictions_table(every)
    assert len(table) == len(every) and list(table["target"]) == [p.target for p in every]
    assert list(table["a_sentence"]) == [p.a.sentence for p in every]
    some = every[0].a.document
    assert all(some in (p.a.document, p.b.document) for p in contradiction_tables.contradictions_for(every, [some]))


def test_frame_shares_match_the_outlet_summaries_within_each_kind(bundled_store, bundled_report, resources):
    codebook = resources.codebook
    labels = {name: frame.label for name, frame in codebook.frames.items()}
    shares = queries.frame_shares(bundled_store, Filters(), codebook)
    expected = {}
    for outlet in bundled_report.outlets:
        for kind in ("generic", "issue"):
            names = [n for n, f in codebook.frames.items() if f.kind == kind]
            total = sum(outlet.frames[n] for n in names)
            expected.update({(outlet.outlet, labels[n]): outlet.frames[n] / total for n in names
                             if total and outlet.frames[n] > 0})
    assert {(o, f): s for o, f, s in shares[["outlet", "frame", "share"]].itertuples(index=False)} == \
        pytest.approx(expected)
    colours = shares.drop_duplicates("frame").set_index("frame")["colour"]
    assert colours.is_unique, "one colour per frame"


def test_framing_totals_sum_the_documents(bundled_store, report_by_id):
    totals = {t.outlet: t for t in bundled_store.framing_totals()}
    for outlet, total in totals.items():
        mine = [r for r in report_by_id.values() if outlet_key(r.outlet, r.id) == outlet]
        assert total.documents == len(mine)
        assert total.n_sentences == sum(r.framing.n_sentences for r in mine)
        assert total.tone_sum == pytest.approx(sum(r.framing.tone.sum for r in mine))
        assert sum(total.speaker_mix.values()) == sum(len(r.claims) for r in mine)
        for frame in total.sentence_counts:
            assert total.sentence_counts[frame] == sum(r.framing.sentence_counts.get(frame, 0) for r in mine)


@pytest.mark.parametrize("filters", [Filters(), Filters(outlets=("anewz.tv",)), Filters(min_level=3),
                                     Filters(speaker_types=("government_or_military",), include_comments=True)])
def test_claims_and_places_tables_follow_the_filters(bundled_store, report_by_id, filters):
    claims = queries.claims(bundled_store, filters)
    assert list(claims.columns) == tables.CLAIM_COLUMNS
    expected = [c.sentence for r in report_by_id.values() if not filters.outlets or r.outlet in filters.outlets
                for c in (r.claims + (r.comment_claims if filters.include_comments else []))
                if c.level >= filters.min_level
                and (not filters.speaker_types or c.speaker_type in filters.speaker_types)]
    assert sorted(claims["sentence"]) == sorted(expected)
    places = queries.places(bundled_store, filters)
    assert list(places.columns) == tables.PLACE_COLUMNS
    assert all(len(e) <= 5 for e in places["evidence"])
    assert tables.places_csv(places).count("\n") >= len(places) + 1
    if filters.min_level or filters.speaker_types:
        assert places["max_level"].notna().all()


def test_document_table_and_record_come_from_the_store(bundled_store, report_by_id):
    table = queries.documents_table(bundled_store, Filters())
    assert set(table["id"]) == set(report_by_id)
    for row in table.to_dict("records"):
        assert row["warnings"] == "; ".join(report_by_id[row["id"]].warnings)
    first = table["id"].iloc[0]
    assert queries.record(bundled_store, first) == report_by_id[first]
    assert bundled_store.record("no such document") is None
    low, high = tables.published_bounds(bundled_store.outlets())
    dates = sorted(r.published for r in report_by_id.values() if r.published)
    assert (low.isoformat(), high.isoformat()) == (dates[0], dates[-1])


def test_snapshot_is_a_separate_copy(bundled_store, report_by_id):
    copy = bundled_store.snapshot()
    before = len(bundled_store.documents())
    added = dataclasses.replace(next(iter(report_by_id.values())), id="added", path="added.txt",
                                outlet="Session Wire")
    copy.ingest([added])
    assert len(copy.documents()) == before + 1
    assert len(bundled_store.documents()) == before
    assert pd.Series(copy.outlets()["outlet"]).eq("Session Wire").any()


@pytest.mark.parametrize("claims, limit, expected", [
    ({"a": 3, "b": 9, "c": 5}, 2, ["b", "c"]),
    ({"a": 3, "b": 9, "c": 5}, 3, ["a", "b", "c"]),
    ({"a": 4, "b": 4, "c": 4}, 2, ["a", "b"]),
    ({"a": 1, "b": None, "c": 7}, 1, ["c"]),
])
def test_gauges_go_to_the_outlets_with_most_claims_and_the_table_keeps_every_one(claims, limit, expected):
    severity = pd.DataFrame([{"outlet": o, "documents": 1, "score": None if n is None else 10.0 * (n or 0),
                              "level": 1, "claims": n or 0, "own": 5.0, "quoted": None, "drivers": [],
                              "formula": ""} for o, n in claims.items()])
    assert list(tables.gauge_outlets(severity, limit)["outlet"]) == expected
    table = tables.severity_table(severity)
    assert list(table["outlet"]) == [o for o, n in claims.items() if n is not None]
    assert table["own_voice"].tolist() == [5.0] * len(table) and table["quoted_voices"].isna().all()
