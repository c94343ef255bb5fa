"""evaluate-frames: label parsing, decisions, scores, and a run on a slice of the benchmark."""
from __future__ import annotations

import json

import pytest

from claimatlas.evaluate.frames import (
    DEFAULT_BENCHMARK,
    LABELS,
    Article,
    article_features,
    best_thresholds,
    evaluate,
    load_benchmark,
    parse_label,
    predict,
    scores,
)
from claimatlas.framing.analyse import document_framing
from claimatlas.framing.codebook import load_codebook
from tests.conftest import ROOT

BENCHMARK = ROOT / DEFAULT_BENCHMARK
needs_benchmark = pytest.mark.skipif(not BENCHMARK.exists(), reason="../shared/benchmarks is not beside the repo")


@pytest.mark.parametrize(("cell", "expected"), [
    ("True", True), ("False", False), ("False)", False), (" true ", True), ("", None), (None, None), ("maybe", None),
])
def test_parse_label(cell, expected):
    assert parse_label(cell) is expected


@pytest.mark.parametrize(("count", "n", "min_cues", "min_rate", "expected"), [
    (3, 10, 3, 0.3, True),
    (3, 10, 4, 0.0, False),
    (3, 10, 1, 0.31, False),
    (0, 0, 1, 0.0, False),
    (1, 1, 1, 0.5, True),
])
def test_predict(count, n, min_cues, min_rate, expected):
    feature = {"n_sentences": n, "cues": {"conflict": count}}
    assert predict(feature, "conflict", min_cues, min_rate) is expected


def test_scores_table():
    result = scores([True, True, False, False], [True, False, True, False])
    assert result == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2, "predicted": 2}
    assert scores([False], [False])["f1"] == 0.0


@needs_benchmark
def test_load_benchmark_handles_the_broken_rows():
    articles, skipped = load_benchmark(BENCHMARK)
    assert len(articles) == 427 and len(skipped) == 1 and "405" in skipped[0]
    by_id = {a.id: a for a in articles}
    assert by_id["716"].gold["EC"] is False
    assert sum(a.gold["CO"] for a in articles) == 268


def test_evaluate_on_toy_articles_with_cross_validation(nlp):
    codebook = load_codebook()
    articles = [
        Article(str(i), text, {"RE": False, "HI": False, "CO": co, "MO": False, "EC": ec})
        for i, (text, co, ec) in enumerate([
            ("The senator attacked his rivals. Critics clashed with him. They accused him of lying.", True, False),
            ("The plan will cost billions of dollars. Prices rose. The economy shrank.", False, True),
            ("The opposition condemned the deal. Protesters fought the police. Both sides blamed each other.", True, False),
            ("Taxes went up. Investors lost money. Jobs were cut.", False, True),
        ])
    ]
    features = article_features(articles, nlp, codebook)
    result = evaluate(articles, features, codebook, folds=2)
    assert set(result["fixed"]) == set(LABELS)
    assert [f["cues"].get("conflict", 0) >= 2 for f in features] == [True, False, True, False]
    assert [f["cues"].get("economic", 0) >= 2 for f in features] == [False, True, False, True]
    assert result["fixed"]["CO"]["f1"] == 1.0
    assert result["fixed"]["EC"]["predicted"] == 0  # a few economic cues stay below the codebook's min_cues
    assert 0.0 <= result["cv"]["macro_f1"] <= 1.0
    assert len(result["cv"]["scores"]["CO"]["thresholds_per_fold"]) == 2


@needs_benchmark
def test_command_runs_on_a_slice(capsys, nlp, monkeypatch):
    import claimatlas.nlp
    from claimatlas import cli

    monkeypatch.setattr(claimatlas.nlp, "load_nlp", lambda: nlp)
    assert cli.main(["evaluate", "frames", "--data", str(BENCHMARK), "--limit", "6", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"] == 6 and 0.0 <= result["fixed_macro_f1"] <= 1.0
    assert sum(s["support"] for s in result["fixed"].values()) > 0


@needs_benchmark
def test_run_takes_a_parsed_namespace_and_a_loaded_model(capsys, nlp, tmp_path):
    import argparse

    from claimatlas.evaluate import frames as evaluate_frames

    parser = argparse.ArgumentParser()
    evaluate_frames.add_arguments(parser)
    assert evaluate_frames.run(parser.parse_args(["--data", str(tmp_path / "missing.tsv")]), nlp=nlp) == 2
    assert "benchmark file not found" in capsys.readouterr().err
    args = parser.parse_args(["--data", str(BENCHMARK), "--limit", "4", "--cv", "2"])
    assert evaluate_frames.run(args, nlp=nlp) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 articles scored") and "2-fold cross-validated" in out


@needs_benchmark
def test_command_scores_the_codebook_in_use(capsys, nlp, monkeypatch, tmp_path):
    import shutil

    import claimatlas.nlp
    from claimatlas import cli
    from claimatlas.framing.codebook import DEFAULT_CODEBOOK

    copy = tmp_path / "frames.yaml"
    shutil.copy(DEFAULT_CODEBOOK, copy)
    monkeypatch.setenv("CLAIMATLAS_FRAMES", str(copy))
    monkeypatch.setattr(claimatlas.nlp, "load_nlp", lambda: nlp)
    assert cli.main(["evaluate", "frames", "--data", str(BENCHMARK), "--limit", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["codebook"] == str(copy)


def test_best_thresholds_searches_min_cues_and_keeps_the_codebook_rate():
    features = [{"n_sentences": 10, "cues": {"morality": c}} for c in (0, 1, 2, 3, 5, 8)]
    gold = [False, False, False, True, True, True]
    assert best_thresholds(gold, features, "morality") == (3, 0.0)
    assert best_thresholds(gold, features, "morality", min_rate=0.4) == (1, 0.4)  # the rate alone cuts below 4


def test_document_framing_counts_cue_occurrences_and_carried_frames(nlp):
    codebook = load_codebook()
    text = "It is a moral duty and a sin against God. Pray for the church. The weather was fine."
    record = document_framing(nlp(text), codebook)
    assert record.cue_counts["morality"] >= codebook.frames["morality"].document_min_cues
    assert record.cue_counts["morality"] > record.sentence_counts["morality"]
    assert "morality" in record.carries and "economic" not in record.carries
