"""Score the generic-frame detector on the Narrative Frames Corpus (Frermann et al. 2023).

``python -m claimatlas evaluate frames`` reads ``../shared/benchmarks/framing/
narrative_frames_articles_metadata.tsv`` (428 climate-change articles with five binary
generic frames), frames every sentence with the codebook, and calls a frame present in an
article when its cue occurrences (count, and count per sentence) pass the codebook's
``document`` thresholds. It
prints per-frame precision, recall, F1 and the macro-F1.

With ``--cv K`` it also tunes ``min_cues`` per frame on K-1 folds (``min_rate`` stays as
in the codebook) and scores the held-out fold (folds are fixed by article ID), reporting
the pooled cross-validated scores.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimatlas.framing.analyse import carries_frame, cue_counts, frame_sentences
from claimatlas.framing.codebook import Codebook, load_codebook

DEFAULT_BENCHMARK = Path("../shared/benchmarks/framing/narrative_frames_articles_metadata.tsv")
LABELS = ("RE", "HI", "CO", "MO", "EC")
MIN_CUE_GRID = tuple(range(1, 21))


@dataclass
class Article:
    """One benchmark article with its gold frames."""

    id: str
    text: str
    gold: dict[str, bool]


def parse_label(value: str | None) -> bool | None:
    """A gold label cell as a boolean; tolerates stray punctuation (``False)``); None when missing."""
    if value is None:
        return None
    cleaned = value.strip().strip("()\"' ").lower()
    if cleaned in ("true", "1"):
        return True
    if cleaned in ("false", "0"):
        return False
    return None


def load_benchmark(path: Path = DEFAULT_BENCHMARK) -> tuple[list[Article], list[str]]:
    """Articles with all five labels, and a note per row skipped (missing labels)."""
    csv.field_size_limit(sys.maxsize)
    articles, skipped = [], []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            gold = {label: parse_label(row.get(label)) for label in LABELS}
            if any(v is None for v in gold.values()) or not (row.get("text") or "").strip():
                skipped.append(f"ID {row.get('ID')}: missing labels or text (quoting problem in the file)")
                continue
            articles.append(Article(id=row["ID"], text=row["text"], gold=gold))
    return articles, skipped


def benchmark_frames(codebook: Codebook) -> dict[str, str]:
    """Benchmark label -> codebook frame name, for the frames that declare one."""
    mapping = {frame.benchmark: name for name, frame in codebook.frames.items() if frame.benchmark}
    missing = [label for label in LABELS if label not in mapping]
    if missing:
        raise ValueError(f"{codebook.path}: no frame declares benchmark label(s) {', '.join(missing)}")
    return mapping


def article_features(articles: Sequence[Article], nlp, codebook: Codebook, batch_size: int = 16) -> list[dict[str, Any]]:
    """Per article: the number of sentences and of cue occurrences of each frame."""
    features = []
    texts = (a.text for a in articles)
    for spacy_doc in nlp.pipe(texts, batch_size=batch_size, disable=["ner"]):
        rows = frame_sentences(spacy_doc, codebook)
        features.append({"n_sentences": len(rows), "cues": dict(cue_counts(rows))})
    return features


def predict(feature: dict[str, Any], frame: str, min_cues: int, min_rate: float) -> bool:
    """Document-level decision: enough cue occurrences of the frame, and enough per sentence."""
    return carries_frame(feature["cues"].get(frame, 0), feature["n_sentences"], min_cues, min_rate)


def scores(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float]:
    """Precision, recall, F1 and support of binary predictions."""
    tp = sum(g and p for g, p in zip(gold, predicted))
    fp = sum(p and not g for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": sum(gold), "predicted": sum(predicted)}


def best_thresholds(gold: Sequence[bool], features: Sequence[dict[str, Any]], frame: str,
                    min_rate: float = 0.0) -> tuple[int, float]:
    """The (min_cues, min_rate) pair with the highest F1 on these articles; only min_cues is searched."""
    best = (-1.0, 0)
    for min_cues in MIN_CUE_GRID:
        f1 = scores(gold, [predict(f, frame, min_cues, min_rate) for f in features])["f1"]
        if f1 > best[0]:
            best = (f1, min_cues)
    return best[1], min_rate


def fold_of(article_id: str, folds: int) -> int:
    """A fixed fold for an article, from its numeric ID."""
    return int(article_id) % folds if article_id.isdigit() else sum(map(ord, article_id)) % folds


def evaluate(articles: Sequence[Article], features: Sequence[dict[str, Any]], codebook: Codebook,
             folds: int = 0) -> dict[str, Any]:
    """Per-frame scores and macro-F1 with the codebook thresholds, and cross-validated if folds > 1."""
    mapping = benchmark_frames(codebook)
    result: dict[str, Any] = {"articles": len(articles), "codebook": codebook.path, "fixed": {}, "cv": None}
    for label in LABELS:
        frame = codebook.frames[mapping[label]]
        gold = [a.gold[label] for a in articles]
        predicted = [predict(f, frame.name, frame.document_min_cues, frame.document_min_rate) for f in features]
        result["fixed"][label] = {"frame": frame.name, **scores(gold, predicted)}
    result["fixed_macro_f1"] = sum(s["f1"] for s in result["fixed"].values()) / len(LABELS)
    if folds > 1:
        fold_ids = [fold_of(a.id, folds) for a in articles]
        cv = {}
        for label in LABELS:
            frame = mapping[label]
            predicted = [False] * len(articles)
            chosen = []
            for fold in range(folds):
                train = [i for i, f in enumerate(fold_ids) if f != fold]
                thresholds = best_thresholds([articles[i].gold[label] for i in train], [features[i] for i in train],
                                             frame, codebook.frames[frame].document_min_rate)
                chosen.append(thresholds)
                for i, f in enumerate(fold_ids):
                    if f == fold:
                        predicted[i] = predict(features[i], frame, *thresholds)
            cv[label] = {"frame": frame, "thresholds_per_fold": chosen,
                         **scores([a.gold[label] for a in articles], predicted)}
        result["cv"] = {"folds": folds, "scores": cv,
                        "macro_f1": sum(s["f1"] for s in cv.values()) / len(LABELS)}
    return result


def format_table(title: str, table: dict[str, dict[str, Any]], macro: float) -> list[str]:
    """A plain-text table of per-frame scores."""
    lines = [title, f"{'label':<6}{'frame':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}"]
    for label, s in table.items():
        lines.append(f"{label:<6}{s['frame']:<16}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
                     f"{s['support']:>6}{s['predicted']:>6}")
    lines.append(f"macro-F1 {macro:.3f}")
    return lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``evaluate frames`` command."""
    parser.add_argument("--data", type=Path, default=DEFAULT_BENCHMARK, help="the Narrative Frames Corpus TSV")
    parser.add_argument("--codebook", type=Path, help="frame codebook YAML (default: the one in use)")
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="also tune min_cues per frame with K-fold cross-validation")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")


def run(args: argparse.Namespace, nlp=None) -> int:
    """Run the evaluation and print the scores."""
    if not args.data.exists():
        print(f"error: {args.data}: benchmark file not found", file=sys.stderr)
        return 2
    codebook = load_codebook(args.codebook)
    articles, skipped = load_benchmark(args.data)
    if args.limit:
        articles = articles[: args.limit]
    if nlp is None:
        from claimatlas.nlp import load_nlp

        nlp = load_nlp()
    features = article_features(articles, nlp, codebook)
    result = evaluate(articles, features, codebook, folds=args.cv)
    result["skipped"] = skipped
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    lines = [f"{len(articles)} articles scored; skipped: {'; '.join(skipped) or 'none'}"]
    lines += format_table("Codebook thresholds (min_cues = the value most CV folds chose, so in-sample):", result["fixed"], result["fixed_macro_f1"])
    if result["cv"]:
        lines += format_table(f"min_cues tuned per frame, {args.cv}-fold cross-validated (pooled held-out predictions):",
                              result["cv"]["scores"], result["cv"]["macro_f1"])
    print("\n".join(lines))
    return 0
