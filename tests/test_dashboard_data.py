"""The dashboard's store-backed tables agree with the report the pipeline builds for the same corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from claimatlas import views
from claimatlas.filters import Filters
from claimatlas.framing import compare_outlets, load_codebook
from claimatlas.store import Store


@pytest.fixture(scope="module")
def bundled_store(bundled_report):
    store = Store(":memory:")
    store.ingest(bundled_report)
    return store


def _outlets(report):
    return sorted({d["outlet"] or "unknown" for d in report["documents"]})


def test_outlet_severity_matches_the_pipeline_gauges(bundled_store, bundled_report):
    frame = views.outlet_severity_from_claims(bundled_store.claims(Filters()), _outlets(bundled_report))
    expected = {o["outlet"]: o["severity"] for o in bundled_report["outlets"]}
    assert set(frame["outlet"]) == set(expected)
    for row in frame.to_dict("records"):
        gauge = expected[row["outlet"]]
        assert (row["score"], row["level"], row["claims"]) == (gauge["score"], gauge["level"], gauge["claims"])
        assert row["own"] == gauge["own"] and row["quoted"] == gauge["quoted"]
        assert [d["sentence"] for d in row["drivers"]] == [d["sentence"] for d in gauge["drivers"]]


def test_contradictions_match_the_pipeline(bundled_store, bundled_report):
    found = views.contradictions_from_claims(bundled_store.claims(Filters()))
    key = [(p["target"], p["a"]["speaker"], p["b"]["speaker"], p["a"]["level"] - p["b"]["level"]) for p in found]
    expected = [(p["target"], p["a"]["speaker"], p["b"]["speaker"], p["a"]["level"] - p["b"]["level"])
                for p in bundled_report["contradictions"]]
    assert key == expected
    some = found[0]["a"]["document"] if found else None
    assert all(some in (p["a"]["document"], p["b"]["document"]) for p in views.contradictions_for(found, [some]))


def test_frame_shares_match_the_outlet_summaries(bundled_store, bundled_report):
    codebook = load_codebook()
    labels = {name: frame.label for name, frame in codebook.frames.items()}
    shares = views.frames_from_counts(bundled_store.frame_counts(Filters()), list(codebook.frames), labels)
    expected = {(o["outlet"], labels[f]): s for o in bundled_report["outlets"] for f, s in o["frames"].items() if s > 0}
    assert {(o, f): s for o, f, s in shares.itertuples(index=False)} == pytest.approx(expected)


def test_framing_records_give_the_same_comparison(bundled_store, bundled_report):
    codebook = load_codebook()
    summed = bundled_store.framing_records()
    assert len(summed) == len(_outlets(bundled_report)) < len(bundled_report["documents"])
    light = views.framing_comparison(summed, codebook)
    full = compare_outlets(bundled_report["documents"], codebook)
    for key in ("divergence", "distinctive_words", "distinctive_frames", "labels"):
        assert light[key] == full[key] == bundled_report["framing"][key], key
    for outlet, stats in full["outlet_stats"].items():
        mine = light["outlet_stats"][outlet]
        assert {k: v for k, v in mine.items() if k != "tone"} == {k: v for k, v in stats.items() if k != "tone"}
        assert mine["tone"] == pytest.approx(stats["tone"]), outlet
        assert list(mine["speaker_mix"]) == list(stats["speaker_mix"]), outlet


@pytest.mark.parametrize("filters", [Filters(), Filters(outlets=("anewz.tv",)), Filters(min_level=3),
                                     Filters(speaker_types=("government_or_military",), include_comments=True)])
def test_claims_and_places_tables_match_the_report_views(bundled_store, bundled_report, filters):
    claims = views.claims_table(bundled_store.claims(filters))
    expected = views.claims_frame(bundled_report, filters)
    assert sorted(claims["sentence"]) == sorted(expected["sentence"])
    assert list(claims.columns) == views.CLAIM_COLUMNS
    places = views.places_table(bundled_store.places(filters), bundled_store.place_evidence(filters))
    report_places = set(views.places_frame(bundled_report, filters)["name"])
    if filters.speaker_types:
        # Speaker types narrow the map to the places those speakers' claims name.
        assert set(places["name"]) < report_places and places["max_level"].notna().all()
    else:
        assert set(places["name"]) == report_places
    assert list(places.columns) == views.PLACE_COLUMNS
    assert all(len(e) <= 5 for e in places["evidence"])
    assert views.places_csv(places).count("\n") >= len(places) + 1


def test_document_table_and_record_come_from_the_store(bundled_store, bundled_report):
    documents = bundled_store.documents(Filters())
    table = views.documents_table(documents, bundled_store.document_warnings(Filters()))
    by_id = {d["id"]: d for d in bundled_report["documents"]}
    assert set(table["id"]) == set(by_id)
    for row in table.to_dict("records"):
        assert row["warnings"] == "; ".join(by_id[row["id"]].get("warnings") or [])
    first = table["id"].iloc[0]
    assert bundled_store.record(first) == by_id[first]
    assert bundled_store.record("no such document") is None
    low, high = views.published_bounds(bundled_store.outlets())
    dates = sorted(d["published"] for d in bundled_report["documents"] if d["published"])
    assert (low.isoformat(), high.isoformat()) == (dates[0], dates[-1])


def test_snapshot_is_a_separate_copy(bundled_store):
    copy = bundled_store.snapshot()
    before = len(bundled_store.documents())
    copy.ingest({"documents": [{"id": "added", "path": "added.txt", "outlet": "Session Wire", "text": "x"}]})
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
                              "level": 1, "claims": n or 0, "own": {"score": 5.0}, "quoted": None, "drivers": [],
                              "formula": ""} for o, n in claims.items()])
    assert list(views.gauge_outlets(severity, limit)["outlet"]) == expected
    table = views.severity_table(severity)
    assert list(table["outlet"]) == [o for o, n in claims.items() if n is not None]
    assert table["own_voice"].tolist() == [5.0] * len(table) and table["quoted_voices"].isna().all()


def test_sided_claims_give_every_contradiction(bundled_store, bundled_report):
    sided = bundled_store.sided_claims()
    assert set(sided["stance"]) <= {"alarming", "reassuring"} and len(sided) < len(bundled_store.claims(Filters()))
    found = views.contradictions_from_claims(sided)
    assert found == views.contradictions_from_claims(bundled_store.claims(Filters()))
    assert len(found) == len(bundled_report["contradictions"])
    table = views.contradictions_table(found)
    assert len(table) == len(found) and list(table["target"]) == [p["target"] for p in found]
    assert list(table["a_sentence"]) == [p["a"]["sentence"] for p in found]
