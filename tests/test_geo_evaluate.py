"""Benchmark readers (GeoWebNews, GeoVirus, LGL / TR-News) and the evaluation metrics."""
from __future__ import annotations

from pathlib import Path

import pytest

from geo.evaluate import (
    GoldDocument,
    GoldToponym,
    evaluate,
    main,
    read_corpus,
    read_geovirus,
    read_gwn,
    read_lgl,
    read_patches,
    reanchor,
    score,
    system_predictions,
)

BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "geoparsing"
GWN = BENCHMARKS / "GeoWebNews_GWN.xml"
GEOVIRUS = BENCHMARKS / "GeoVirus.xml"
needs_benchmarks = pytest.mark.skipif(not GWN.exists(), reason="../shared/benchmarks not present")

LGL_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>Flood</title>
    <text>Rain hit Paris, Texas and Bamako on Monday near Nowhereville.</text>
    <toponyms>
      <toponym>
        <start>9</start><end>14</end>
        <gaztag geonameid="4717560"><name>Paris</name><fclass>P</fclass><fcode>PPLA2</fcode>
          <lat>33.66094</lat><lon>-95.55551</lon><country>US</country></gaztag>
        <phrase>Paris</phrase>
      </toponym>
      <toponym>
        <phrase>Bamako</phrase><start>26</start><end>32</end>
        <gaztag geonameid="2460596"><lat>12.65</lat><lon>-8.0</lon></gaztag>
      </toponym>
      <toponym><phrase>Nowhereville</phrase><start>48</start><end>60</end></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_lgl_reader_reads_phrases_offsets_and_gaztag_coordinates(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_SAMPLE, encoding="utf-8")
    [document] = read_lgl(path)
    assert [(t.name, t.lat, t.lon) for t in document.toponyms] == [
        ("Paris", 33.66094, -95.55551), ("Bamako", 12.65, -8.0)]
    assert all(document.text[t.start:t.end] == t.name for t in document.toponyms)
    assert document.other_spans == [(48, 60)]  # annotated without coordinates: not a gold toponym
    assert read_corpus("trnews", path)[0][0].toponyms == document.toponyms


TEXT = "Troops left Gao for Mopti; in Gao the market reopened."


@pytest.mark.parametrize("start, end, name, expected", [
    (12, 15, "Gao", (12, 15, "kept")),            # the offsets already hold the name
    (13, 16, "Gao", (12, 15, "moved")),           # one character late, as GeoVirus' offsets are
    (4, 7, "Gao", (12, 15, "moved")),             # eight early
    (28, 31, "Gao", (30, 33, "moved")),           # the nearest of two occurrences, not the first
    (21, 26, "mopti", (20, 25, "moved")),         # case differs: found ignoring case, the text's span kept
    (0, 6, "Timbuktu", (0, 6, "not_found")),      # not in the text: left as given
    (50, 53, "Troops", (50, 53, "not_found")),    # more than MAX_DRIFT characters away: left as given
    (5, 9, None, (5, 9, "kept")),                 # no name to check
])
def test_gold_spans_are_reanchored_to_the_nearest_occurrence_of_their_name(start, end, name, expected):
    assert reanchor(TEXT, start, end, name) == expected


def test_drifted_lgl_offsets_are_reanchored_and_counted(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_SAMPLE.replace("<start>26</start><end>32</end>", "<start>29</start><end>35</end>"),
                    encoding="utf-8")
    [document], notes = read_corpus("lgl", path)
    assert all(document.text[t.start:t.end] == t.name for t in document.toponyms)
    assert notes["gold_spans_reanchored"] == {"moved": 1, "not_found": 0, "spans": 3}


@pytest.mark.parametrize("predicted, exact_f1, overlap_f1", [
    ([(0, 5, 1.0, 1.0), (10, 16, 2.0, 2.0)], 1.0, 1.0),
    ([(0, 4, 1.0, 1.0), (10, 16, 2.0, 2.0)], 0.5, 1.0),
    ([(0, 5, 1.0, 1.0)], 2 / 3, 2 / 3),
    ([(0, 5, 1.0, 1.0), (10, 16, 2.0, 2.0), (30, 35, 0.0, 0.0)], 0.8, 0.8),
    ([], 0.0, 0.0),
])
def test_recognition_scores(predicted, exact_f1, overlap_f1):
    gold = GoldDocument("x" * 40, [GoldToponym(0, 5, "a", 1.0, 1.0), GoldToponym(10, 16, "b", 2.0, 2.0)])
    result = score([gold], [predicted])
    assert result["exact"]["f1"] == pytest.approx(exact_f1, abs=1e-4)
    assert result["overlap"]["f1"] == pytest.approx(overlap_f1, abs=1e-4)


def test_geocoding_scores_count_unresolved_as_maximum_error():
    gold = GoldDocument("x" * 40, [GoldToponym(0, 5, "a", 0.0, 0.0), GoldToponym(10, 16, "b", 0.0, 0.0),
                                   GoldToponym(20, 25, "c", 0.0, 0.0)])
    result = score([gold], [[(0, 5, 0.0, 1.0), (10, 16, 0.0, 2.0), (20, 25, None, None)]])["overlap"]["geocoding"]
    assert result["n"] == 3
    assert result["acc161"] == pytest.approx(1 / 3, abs=1e-4)  # 111 km, 222 km, then unresolved
    assert result["median_km"] == pytest.approx(222.4, abs=1)
    assert 0 < result["auc"] < 1


@needs_benchmarks
def test_gwn_reader_offsets_and_gold_convention():
    documents = read_gwn(GWN)
    assert len(documents) == 200
    assert sum(len(d.toponyms) for d in documents) == 2601
    sample = documents[0].toponyms[:20]
    assert sample and all(documents[0].text[t.start:t.end] == t.name for t in sample)


@needs_benchmarks
def test_geovirus_reader_fixes_offsets_and_applies_patches():
    patches = read_patches(BENCHMARKS / "mlg_patches_GeoVirus.tsv")
    documents = read_geovirus(GEOVIRUS, patches)
    assert len(documents) == 229
    toponyms = [t for d in documents for t in d.toponyms]
    assert len(toponyms) == 2170
    aligned = sum(d.text[t.start:t.end] == t.name for d in documents for t in d.toponyms)
    assert aligned == len(toponyms)  # every offset is one character late and is re-anchored
    assert read_corpus("geovirus", GEOVIRUS)[1]["gold_spans_reanchored"]["moved"] >= len(toponyms)
    assert any(t.original is not None for t in toponyms)
    unpatched = read_geovirus(GEOVIRUS)
    assert not any(t.original for d in unpatched for t in d.toponyms)


@needs_benchmarks
def test_evaluate_small_slice_reports_system_and_baseline(nlp, resources):
    report = evaluate("gwn", GWN, nlp=nlp, gazetteer=resources.gazetteer, limit=4)
    assert report["documents"] == 4
    for name in ("system", "baseline_spacy_ner_population"):
        assert set(report[name]) == {"exact", "overlap", "lenient"}
        assert 0 < report[name]["overlap"]["f1"] <= 1
        assert report[name]["overlap"]["geocoding"]["n"] > 0
    assert report["system"]["overlap"]["recall"] >= report["baseline_spacy_ner_population"]["overlap"]["recall"]


def test_cli_names_a_missing_file(capsys):
    assert main(["--corpus", "lgl", "/nonexistent/lgl.xml"]) == 2
    assert "/nonexistent/lgl.xml" in capsys.readouterr().err


ORGANISATION_LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text>Kentucky State Police said the crash happened near Berea on Monday.</text>
    <toponyms>
      <toponym><phrase>Kentucky</phrase><start>0</start><end>8</end>
        <gaztag geonameid="6254925"><lat>38.20042</lat><lon>-84.87762</lon></gaztag></toponym>
      <toponym><phrase>Berea</phrase><start>51</start><end>56</end>
        <gaztag geonameid="4282757"><lat>37.56869</lat><lon>-84.29632</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.mark.parametrize("corpus", ["lgl", "trnews"])
def test_places_inside_organisations_count_where_the_corpus_annotates_them(tmp_path, nlp, resources, corpus):
    path = tmp_path / "lgl.xml"
    path.write_text(ORGANISATION_LGL, encoding="utf-8")
    report = evaluate(corpus, path, nlp=nlp, gazetteer=resources.gazetteer)
    assert report["organisation_places_counted"] is True and report["adjectival_demonyms_counted"] is False
    assert report["system"]["overlap"]["recall"] == 1.0
    assert report["system"]["overlap"]["geocoding"]["acc161"] == 1.0


def test_places_inside_organisations_are_optional_predictions(nlp, resources):
    doc = nlp("Kentucky State Police said the crash happened near Berea on Monday.")
    without = system_predictions(doc, resources.gazetteer)
    with_records = system_predictions(doc, resources.gazetteer, with_organisations=True)
    assert [(s, e) for s, e, _, _ in with_records if (s, e) not in {(s2, e2) for s2, e2, _, _ in without}] == [(0, 8)]
