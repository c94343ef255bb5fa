"""Evaluate claim detection and severity.

``python -m claimatlas evaluate claims labelled`` compares the claims found in the bundled
corpus with the hand-labelled set (tests/data/claims_labelled.yaml): exact and
within-one level agreement, speaker-type and certainty agreement.

``python -m claimatlas evaluate claims claimbuster`` measures claim-vs-non-claim detection on
the ClaimBuster two-class test set (US presidential debate sentences), read from
../shared/benchmarks at evaluation time: accuracy, precision, recall and F1.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from claimatlas.claims.cues import load_cues, match_cues
from claimatlas.claims.detect import detect_claims
from claimatlas.claims.severity import is_claim
from claimatlas.model import Document

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "data" / "claims_labelled.yaml"
CLAIMBUSTER = ROOT.parent / "shared" / "benchmarks" / "claims" / "claimbuster_two_class_test.json"


def load_labels(path: Path = LABELLED) -> list[dict[str, Any]]:
    """The hand-labelled units."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def labelled_agreement(documents: list[Document], nlp: Language, labels: list[dict[str, Any]]) -> dict[str, Any]:
    """Agreement of detected claims with the labels; a label whose unit is not found counts as a miss."""
    by_id = {d.id: d for d in documents}
    wanted = {label["doc"] for label in labels}
    claims_of = {}
    for document, doc in zip([by_id[i] for i in sorted(wanted)], nlp.pipe(by_id[i].text for i in sorted(wanted))):
        claims_of[document.id] = detect_claims(doc, document.outlet, document_id=document.id)
    rows = []
    for label in labels:
        found = next((c for c in claims_of[label["doc"]] if c.sentence.startswith(label["text"])), None)
        rows.append({"label": label, "claim": found})
    claims = [r for r in rows if r["label"]["level"] is not None]
    non_claims = [r for r in rows if r["label"]["level"] is None]

    def share(hits: int, total: int) -> float:
        return round(hits / total, 3) if total else 0.0

    exact = sum(1 for r in claims if r["claim"] and r["claim"].level == r["label"]["level"])
    within = sum(1 for r in claims if r["claim"] and abs(r["claim"].level - r["label"]["level"]) <= 1)
    speaker = sum(1 for r in claims if r["claim"] and r["claim"].speaker_type == r["label"]["speaker_type"])
    certainty = sum(1 for r in claims if r["claim"] and r["claim"].certainty == r["label"]["certainty"])
    return {
        "claims": len(claims),
        "non_claims": len(non_claims),
        "detected": sum(1 for r in claims if r["claim"]),
        "non_claims_rejected": sum(1 for r in non_claims if r["claim"] is None),
        "level_exact": share(exact, len(claims)),
        "level_within_one": share(within, len(claims)),
        "speaker_type": share(speaker, len(claims)),
        "certainty": share(certainty, len(claims)),
        "disagreements": [
            {"doc": r["label"]["doc"], "text": r["label"]["text"], "label": r["label"].get("level"),
             "found": r["claim"].level if r["claim"] else None}
            for r in rows if (r["claim"].level if r["claim"] else None) != r["label"]["level"]
        ],
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
    parser.add_argument("which", choices=("labelled", "claimbuster"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N ClaimBuster sentences")
    parser.add_argument("--path", type=Path, default=None, help="another labelled YAML or ClaimBuster JSON file")


def run(args: argparse.Namespace) -> int:
    """Run the chosen claims evaluation and print JSON."""
    from claimatlas.ingest.corpus import load_corpus
    from claimatlas.nlp import load_nlp

    nlp = load_nlp()
    if args.which == "labelled":
        corpus = load_corpus([ROOT / "data" / "articles"])
        result = labelled_agreement(corpus.documents, nlp, load_labels(args.path or LABELLED))
    else:
        result = claimbuster_scores(nlp, args.path or CLAIMBUSTER, args.limit)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0
