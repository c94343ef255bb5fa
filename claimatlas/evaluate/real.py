"""Claims on real coverage: hand labels of real articles, scored with folds by story.

The labels (``tests/data/claims_real/<language>_*.yaml``) name a file of the real-article corpus
(``../shared/corpus-real``, read at evaluation time, never copied), a sentence of it and its level,
speaker, speaker type and certainty. Each labelled sentence is found in the analysed document and
matched to the claim unit that covers most of it; a sentence with no claim unit is predicted "no
claim". Folds group files by their story (rewrites of one story never straddle train and test).
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from claimatlas.claims.detect import read_units, reading_features, reading_speaker_features
from claimatlas.claims.learned import (
    RULES_REJECTED,
    Features,
    LinearModel,
    combine_level,
    is_a_claim,
    not_a_claim,
    retype_speaker,
    train_linear_model,
)
from claimatlas.ingest.cleaning import normalise_line
from claimatlas.ingest.corpus import documents_from_bytes
from claimatlas.model import Claim, Document, DocumentRecord
from claimatlas.pipeline import Resources

ROOT = Path(__file__).resolve().parents[2]
LABELS_DIR = ROOT / "tests" / "data" / "claims_real"
REAL_CORPUS = ROOT.parent / "shared" / "corpus-real"
LEVELS = (0, 1, 2, 3, 4)
NO_CLAIM = "none"
MANIFEST_KEYS = ("outlet", "url", "published", "kind", "language", "title")
T = TypeVar("T")


@dataclass(frozen=True)
class Label:
    """One hand-labelled sentence of a real article (level None: not a claim)."""

    file: str
    sentence: str
    level: int | None
    speaker: str | None
    speaker_type: str | None
    certainty: str | None


@dataclass(frozen=True)
class Prediction:
    """What the analysis said of a labelled sentence."""

    level: int
    speaker_type: str
    certainty: str


@dataclass(frozen=True)
class Match:
    """A label and what the analysis said of its sentence (None: no claim there)."""

    label: Label
    claim: Prediction | None
    story: str


def load_labels(language: str = "en", folder: Path = LABELS_DIR) -> list[Label]:
    """Every label of one language, in file order."""
    labels = []
    for path in sorted(folder.glob(f"{language}*.yaml")):
        labels += [Label(**{k: entry.get(k) for k in Label.__dataclass_fields__})
                   for entry in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return labels


def load_sources(corpus: Path = REAL_CORPUS) -> dict[str, dict[str, Any]]:
    """The corpus manifest: {"en/file.txt": {outlet, url, published, ..., story}}."""
    return yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))["documents"]


def real_documents(files: Iterable[str], sources: dict[str, dict[str, Any]],
                   corpus: Path = REAL_CORPUS) -> dict[str, Document]:
    """The real articles as Documents, with outlet, URL and date from the corpus manifest."""
    documents = {}
    for file in sorted(set(files)):
        source = sources.get(file, {})
        entry = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in source.items()
                 if k in MANIFEST_KEYS and v is not None}
        [document] = documents_from_bytes((corpus / file).read_bytes(), file, entry)[:1]
        documents[file] = document
    return documents


def story_of(file: str, sources: dict[str, dict[str, Any]]) -> str:
    """The story group of a file (its own name when it belongs to none)."""
    return (sources.get(file) or {}).get("story") or file


def locate(labels: Sequence[Label], texts: dict[str, str],
           spans: dict[str, list[tuple[int, int, T]]]) -> list[T | None]:
    """For each label, the item whose (start, end) span covers most of the label's sentence in its
    document's text (more than half of the shorter of the two), else None."""
    found: list[T | None] = []
    cursor: Counter = Counter()
    for label in labels:
        sentence = normalise_line(label.sentence)  # as ingestion wrote the text: a no-break hyphen or space is plain
        start = texts.get(label.file, "").find(sentence, cursor[(label.file, sentence)])
        item = None
        if start >= 0:
            cursor[(label.file, sentence)] = start + 1
            end = start + len(sentence)
            overlaps = [(min(end, b) - max(start, a), b - a, x) for a, b, x in spans.get(label.file, [])]
            best = max(overlaps, key=lambda o: o[0], default=None)
            if best is not None and best[0] > 0.5 * min(len(sentence), best[1]):
                item = best[2]
        found.append(item)
    return found


def match_labels(labels: Sequence[Label], records: dict[str, DocumentRecord],
                 sources: dict[str, dict[str, Any]]) -> list[Match]:
    """Each label with the claim covering most of its sentence in the analysed document."""
    claims = locate(labels, {f: r.text for f, r in records.items()},
                    {f: [(c.start, c.end, c) for c in r.claims] for f, r in records.items()})
    return [Match(label, _prediction(claim), story_of(label.file, sources)) for label, claim in zip(labels, claims)]


def _prediction(claim: Claim | None) -> Prediction | None:
    return None if claim is None else Prediction(claim.level, claim.speaker_type, claim.certainty)


def _share(hits: int, total: int) -> float:
    return round(hits / total, 3) if total else 0.0


def _macro_f1(gold: list[Any], predicted: list[Any], classes: Sequence[Any]) -> float:
    scores = []
    for cls in classes:
        tp = sum(1 for g, p in zip(gold, predicted) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, predicted) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, predicted) if g == cls and p != cls)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return round(sum(scores) / len(scores), 3) if scores else 0.0


def scores(matches: Sequence[Match]) -> dict[str, Any]:
    """Level exact and within one, macro-F1 over levels, speaker type and certainty accuracy, detection
    of claims, and the confusion matrix (gold level -> predicted level, "none" for no claim)."""
    claims = [m for m in matches if m.label.level is not None]
    gold = [m.label.level for m in claims]
    predicted = [m.claim.level if m.claim else NO_CLAIM for m in claims]
    found = [m for m in claims if m.claim]
    non_claims = [m for m in matches if m.label.level is None]
    confusion = {str(g): {str(p): 0 for p in (*LEVELS, NO_CLAIM)} for g in (*LEVELS, NO_CLAIM)}
    for m in matches:
        g = NO_CLAIM if m.label.level is None else m.label.level
        confusion[str(g)][str(m.claim.level if m.claim else NO_CLAIM)] += 1
    return {
        "claims": len(claims), "non_claims": len(non_claims),
        "level_exact": _share(sum(1 for g, p in zip(gold, predicted) if g == p), len(claims)),
        "level_within_one": _share(sum(1 for g, p in zip(gold, predicted) if p != NO_CLAIM and abs(g - p) <= 1),
                                   len(claims)),
        "level_macro_f1": _macro_f1(gold, predicted, LEVELS),
        "speaker_type": _share(sum(1 for m in found if m.claim.speaker_type == m.label.speaker_type), len(claims)),
        "certainty": _share(sum(1 for m in found if m.claim.certainty == m.label.certainty), len(claims)),
        "claims_detected": _share(len(found), len(claims)),
        "non_claims_rejected": _share(sum(1 for m in non_claims if m.claim is None), len(non_claims)),
        "confusion": confusion,
    }


def story_folds(matches: Sequence[Match], k: int, seed: int | None = None) -> list[set[str]]:
    """``k`` folds of stories, balanced by label count: largest stories first, each to the lightest fold;
    with a ``seed``, the stories in a random order instead (another assignment, still balanced roughly)."""
    sizes = Counter(m.story for m in matches)
    folds: list[set[str]] = [set() for _ in range(k)]
    weights = [0] * k
    order = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    if seed is not None:
        random.Random(seed).shuffle(order)
    for story, size in order:
        lightest = weights.index(min(weights))
        folds[lightest].add(story)
        weights[lightest] += size
    return folds


def disagreements(matches: Sequence[Match], limit: int = 400) -> list[dict[str, Any]]:
    """The labels the analysis got wrong (level, or speaker type on a claim), for reading."""
    rows = []
    for m in matches:
        level = m.claim.level if m.claim else None
        kind = m.claim.speaker_type if m.claim else None
        if level != m.label.level or (m.label.level is not None and kind != m.label.speaker_type):
            rows.append({"file": m.label.file, "sentence": m.label.sentence[:160], "gold": m.label.level,
                         "found": level, "gold_speaker": m.label.speaker_type, "found_speaker": kind,
                         "gold_certainty": m.label.certainty,
                         "found_certainty": m.claim.certainty if m.claim else None})
    return rows[:limit]


@dataclass(frozen=True)
class LabelledUnit:
    """A label with the rule reading of its claim unit (None: no claim unit there) and its story."""

    label: Label
    features: Features | None
    speaker_features: Features | None
    document_types: tuple[str, ...]
    rules: Prediction | None
    story: str
    speaker_country: bool = False  # the rules read the speaker as a country's or city's government


def read_labelled(labels: Sequence[Label], documents: dict[str, Document], resources: Resources,
                  sources: dict[str, dict[str, Any]]) -> list[LabelledUnit]:
    """Parse the labelled documents (each with its language's model and cue books) and pair each label
    with the rule reading of its unit."""
    texts, spans, types, books = {}, {}, {}, {}
    for file, document in documents.items():
        pack = resources.pack(document.language)
        if pack is None:
            continue
        doc = pack.nlp(document.text)
        texts[file] = doc.text
        readings = list(read_units(doc, document.outlet, pack.cues, every_unit=True, gazetteer=resources.gazetteer,
                                   kind=document.kind))
        books[file] = pack.cues
        spans[file] = [(r.unit.start_char, r.unit.end_char, r) for r in readings]
        types[file] = tuple(sorted({r.speaker.type for r in readings if r.rule_claim}))
    found = locate(labels, texts, spans)
    return [LabelledUnit(label, reading_features(r, books[label.file]) if r else None,
                         reading_speaker_features(r, types[label.file]) if r else None, types[label.file],
                         Prediction(r.level, r.speaker.type, r.certainty) if r else None,
                         story_of(label.file, sources), bool(r and r.speaker.country))
            for label, r in zip(labels, found)]


def training_rows(units: Iterable[LabelledUnit]) -> list[tuple[Features, int]]:
    """(features, gold level) of the labelled claims that have a claim unit."""
    return [(u.features, u.label.level) for u in units if u.features is not None and u.label.level is not None]


def speaker_rows(units: Iterable[LabelledUnit]) -> list[tuple[Features, str]]:
    """(speaker features, gold speaker type) of the labelled claims that have a claim unit."""
    return [(u.speaker_features, u.label.speaker_type) for u in units
            if u.speaker_features is not None and u.label.speaker_type is not None]


def claim_rows(units: Iterable[LabelledUnit]) -> list[tuple[Features, str]]:
    """(features, "claim" or "none") of the labelled units, whether the rules took them for claims or not."""
    return [(u.features, "none" if u.label.level is None else "claim") for u in units if u.features is not None]


def predict_with(model: LinearModel | None, unit: LabelledUnit, speaker_model: LinearModel | None = None,
                 claim_model: LinearModel | None = None) -> Prediction | None:
    """The prediction for one labelled unit: the models' level and speaker type (the rules' without them);
    None when no claim unit covers it or the claim-or-not model drops it."""
    if unit.rules is None:
        return None
    if RULES_REJECTED in unit.features:
        if not is_a_claim(claim_model, unit.features):
            return None
    elif not_a_claim(claim_model, unit.features):
        return None
    level, certainty, kind = unit.rules.level, unit.rules.certainty, unit.rules.speaker_type
    if model is not None:
        level, certainty = combine_level(level, certainty, model.predict(unit.features), unit.features)
    if speaker_model is not None:
        kind = retype_speaker(kind, speaker_model.predict(unit.speaker_features), unit.document_types,
                              unit.speaker_country)
    return Prediction(level, kind, certainty)


def cross_validate(units: Sequence[LabelledUnit], k: int, extra: Sequence[LabelledUnit] = (),
                   c: float = 1.0, seed: int | None = None) -> tuple[list[Match], list[dict[str, Any]]]:
    """Folds by story: train both layers on the other folds (plus the ``extra`` units), predict the
    held-out fold (``seed``: a random assignment of stories to folds). Returns every held-out match and
    the scores of each fold.
    """
    matches_by_fold = []
    for fold in story_folds([Match(u.label, None, u.story) for u in units], k, seed):
        train = [*(u for u in units if u.story not in fold), *extra]
        model = train_linear_model(training_rows(train), c=c)
        speakers = train_linear_model(speaker_rows(train), c=c)
        claims = train_linear_model(claim_rows(train), c=c)
        matches_by_fold.append([Match(u.label, predict_with(model, u, speakers, claims), u.story)
                                for u in units if u.story in fold])
    return ([m for fold in matches_by_fold for m in fold],
            [{k_: v for k_, v in scores(fold).items() if k_ != "confusion"} for fold in matches_by_fold])
