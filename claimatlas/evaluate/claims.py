"""Evaluate claims: levels, speaker types and certainty against hand labels; train the learned layer.

``python -m claimatlas evaluate claims --cv 5`` scores the real-coverage labels with folds by story
(the learned layer trained on the other folds), the rules alone on the same labels, and the bundled
corpus's labels (``tests/data/claims_labelled.yaml``) with the shipped model, reported apart.
``--claimbuster`` measures claim-vs-non-claim detection on the ClaimBuster test set instead.
``python -m claimatlas train claims`` fits the learned layer on every label and writes its weights.
Labelled articles are read from ``../shared`` at evaluation time.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from claimatlas.claims.checkworthy import is_claim
from claimatlas.claims.cues import load_cues, match_cues
from claimatlas.claims.learned import (
    LinearModel,
    load_claim_model,
    load_level_model,
    load_speaker_model,
    train_linear_model,
)
from claimatlas.evaluate.real import (
    ROOT,
    Label,
    LabelledUnit,
    Match,
    claim_rows,
    cross_validate,
    disagreements,
    load_labels,
    load_sources,
    predict_with,
    read_labelled,
    real_documents,
    scores,
    speaker_rows,
    training_rows,
)
from claimatlas.ingest.corpus import load_corpus
from claimatlas.languages import LANGUAGES
from claimatlas.pipeline import Resources

LABELLED = ROOT / "tests" / "data" / "claims_labelled.yaml"
CLAIMBUSTER = ROOT.parent / "shared" / "benchmarks" / "claims" / "claimbuster_two_class_test.json"
ARTICLES = ROOT / "data" / "articles"
LEVEL_C = 1.0
# Random story-fold assignments averaged beside the balanced folds: one assignment alone moves the exact
# level by several points, more than most single changes do.
FOLD_SEEDS = 8


def bundled_labels(path: Path = LABELLED) -> list[Label]:
    """The bundled corpus's labels (document id and the start of the unit) as Labels."""
    return [Label(entry["doc"], entry["text"], entry["level"], None, entry.get("speaker_type"),
                  entry.get("certainty")) for entry in yaml.safe_load(path.read_text(encoding="utf-8"))]


def bundled_units(resources: Resources) -> list[LabelledUnit]:
    """The bundled labels with the rule reading of their units."""
    labels = bundled_labels()
    documents = {d.id: d for d in load_corpus([ARTICLES]).documents if d.id in {label.file for label in labels}}
    return read_labelled(labels, documents, resources, {})


def real_units(resources: Resources, language: str = "en") -> list[LabelledUnit]:
    """The real-coverage labels of one language with the rule reading of their units."""
    labels, sources = load_labels(language), load_sources()
    return read_labelled(labels, real_documents([label.file for label in labels], sources), resources, sources)


def train(resources: Resources, language: str = "en", c: float = LEVEL_C) -> list[Path]:
    """Fit one language's learned layers (level, speaker type, claim or not) on its real labels (and, for
    English, the bundled corpus's); write their weights to the language's files."""
    books = LANGUAGES[language]
    units = [*real_units(resources, language), *(bundled_units(resources) if language == "en" else [])]
    written = []
    for rows, path in ((training_rows(units), books.level_model_file), (speaker_rows(units), books.speaker_model_file),
                       (claim_rows(units), books.claim_model_file)):
        path.write_text(json.dumps(train_linear_model(rows, c=c).to_json(), indent=0) + "\n", encoding="utf-8")
        written.append(path)
    return written


def random_fold_scores(real: list[LabelledUnit], folds: int, extra: list[LabelledUnit], seeds: int) -> dict[str, Any]:
    """The mean cross-validated figures over ``seeds`` random assignments of stories to folds, with the
    range of the exact level (one assignment alone moves it by several points)."""
    runs = [scores(cross_validate(real, folds, extra=extra, c=LEVEL_C, seed=seed)[0]) for seed in range(seeds)]
    mean = {key: round(sum(run[key] for run in runs) / len(runs), 3) for key in runs[0] if key != "confusion"}
    return {**mean, "level_exact_range": [min(r["level_exact"] for r in runs), max(r["level_exact"] for r in runs)],
            "assignments": seeds}


def evaluate(resources: Resources, folds: int, language: str = "en",
             model: LinearModel | None = None, seeds: int = FOLD_SEEDS) -> dict[str, Any]:
    """Cross-validated figures on real coverage of one language (balanced folds, and the mean over
    ``seeds`` random fold assignments), the rules alone, and the bundled corpus apart (English, with the
    shipped English layers)."""
    real = real_units(resources, language)
    bundled = bundled_units(resources)
    extra = bundled if language == "en" else []
    held_out, per_fold = cross_validate(real, folds, extra=extra, c=LEVEL_C)
    model = model or load_level_model()
    speakers = load_speaker_model()
    claims = load_claim_model()
    return {
        "language": language,
        "real_cross_validated": scores(held_out),
        "real_random_folds": random_fold_scores(real, folds, extra, seeds) if seeds else None,
        "real_folds": per_fold,
        "real_rules_only": scores([Match(u.label, predict_with(None, u), u.story) for u in real]),
        "bundled": scores([Match(u.label, predict_with(model, u, speakers, claims), u.story) for u in bundled]),
        "disagreements": disagreements(held_out, limit=60),
    }


def claimbuster_scores(nlp: Language, path: Path = CLAIMBUSTER, limit: int | None = None) -> dict[str, Any]:
    """Accuracy, precision, recall and F1 of ``is_claim`` on the ClaimBuster two-class test set."""
    items = json.loads(path.read_text(encoding="utf-8"))[:limit]
    book = load_cues()
    tp = fp = tn = fn = 0
    for item, doc in zip(items, nlp.pipe((i["text"] for i in items), batch_size=64)):
        span = doc[:]
        predicted = is_claim(span, book, bool(match_cues(span, book)))
        actual = item["label"] == 1
        tp += predicted and actual
        fp += predicted and not actual
        tn += not predicted and not actual
        fn += not predicted and actual
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"sentences": len(items), "accuracy": round((tp + tn) / len(items), 3), "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3), "tp": tp, "fp": fp, "tn": tn, "fn": fn}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``evaluate claims`` command."""
    parser.add_argument("--cv", type=int, default=5, metavar="K", help="folds by story (default 5)")
    parser.add_argument("--language", default="en", help="labels of this language (default en)")
    parser.add_argument("--seeds", type=int, default=FOLD_SEEDS,
                        help=f"random story-fold assignments averaged beside the balanced folds (default {FOLD_SEEDS}; 0: none)")
    parser.add_argument("--claimbuster", action="store_true", help="claim detection on ClaimBuster instead")
    parser.add_argument("--limit", type=int, default=None, help="only the first N ClaimBuster sentences")
    parser.add_argument("--json", action="store_true", help="print everything as JSON")


def _lines(result: dict[str, Any]) -> list[str]:
    keys = ("level_exact", "level_within_one", "level_macro_f1", "speaker_type", "certainty", "claims_detected",
            "non_claims_rejected")
    lines = []
    for name in ("real_cross_validated", "real_rules_only", "bundled"):
        figures = result[name]
        lines.append(f"{name:<22} " + "  ".join(f"{k}={figures[k]:.3f}" for k in keys)
                     + f"  (claims={figures['claims']}, non-claims={figures['non_claims']})")
    if result.get("real_random_folds"):
        figures = result["real_random_folds"]
        low, high = figures["level_exact_range"]
        lines.append(f"{'real_random_folds':<22} " + "  ".join(f"{k}={figures[k]:.3f}" for k in keys)
                     + f"  (mean of {figures['assignments']} random story-fold assignments; exact {low:.3f}-{high:.3f})")
    lines.append("confusion (real, cross-validated; rows gold, columns found):")
    for gold, row in result["real_cross_validated"]["confusion"].items():
        lines.append(f"  {gold:>4}: " + " ".join(f"{k}={v:<3}" for k, v in row.items()))
    return lines


def run(args: argparse.Namespace, resources: Resources) -> int:
    """Run the chosen claims evaluation and print it."""
    if args.claimbuster:
        print(json.dumps(claimbuster_scores(resources.nlp, CLAIMBUSTER, args.limit), indent=2))
        return 0
    result = evaluate(resources, args.cv, args.language, seeds=args.seeds)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else "\n".join(_lines(result)))
    return 0
