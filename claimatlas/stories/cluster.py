"""Stories: documents about the same event, grouped by what they share.

Each pair of documents that shares any word or anchor is described by a few measures: TF-IDF
cosine and IDF-weighted overlap of their content words, the same of their anchors (names, numbers,
days named and resolved places, which carry across languages and heavy rewording), whether they
name the same day or only different days (a day whose weekday or year differs between the two is not
the same day: "Monday, February 2, 2026" and "dimanche 2 février"), whether the latest day each names is
the same (a report's news peg: a follow-up names the earlier event's day and a later one), how dated
the less dated of the two is (days and weekdays named: a report dates its event, an explainer or an
analysis of the same topic seldom does), and whether they are in different languages. A logistic
regression fitted on hand-labelled real coverage (``python -m claimatlas train stories``) turns them
into the probability that the two report one event. Documents whose publication dates are both known
and further apart than a window are never grouped. Groups form by average linkage: a pair joins two
groups only when the groups as a whole are likely one story, so one shared name does not chain
unrelated stories together.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from claimatlas.claims.learned import LinearModel, load_linear_model
from claimatlas.stories import PAIR_MODEL_FILE
from claimatlas.stories.features import StoryDocument, least_dated, same_days, same_latest_day

# Two documents are one story when the pair model gives at least this probability (average linkage).
STORY_PROBABILITY = 0.6
DATE_WINDOW_DAYS = 7
PAIR_FEATURES = ("word_cosine", "word_overlap", "word_jaccard", "anchor_cosine", "anchor_overlap", "anchor_jaccard",
                 "shared_days", "different_days", "same_latest_day", "least_dated", "cross_language")


@dataclass(frozen=True)
class Pairs:
    """The candidate pairs (i < j, positions in the input) and their measures, one row per pair."""

    index: list[tuple[int, int]]
    features: np.ndarray

    def as_dicts(self) -> list[dict[str, float]]:
        """Each pair's measures by name (for training)."""
        return [dict(zip(PAIR_FEATURES, row.tolist(), strict=True)) for row in self.features]


def _binary(tokens: list[list[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """A documents x tokens 0/1 matrix and each token's IDF."""
    from sklearn.feature_extraction.text import CountVectorizer

    if not any(tokens):
        return sparse.csr_matrix((len(tokens), 1)), np.ones(1)
    matrix = CountVectorizer(analyzer=lambda x: x, binary=True).fit_transform(tokens).tocsr().astype(float)
    df = np.asarray(matrix.sum(axis=0)).ravel()
    return matrix, np.log((len(tokens) + 1) / (df + 1)) + 1


def _cosines(tokens: list[list[str]]) -> sparse.csr_matrix:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(tokens):
        return sparse.csr_matrix((len(tokens), len(tokens)))
    matrix = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True).fit_transform(tokens)
    return (matrix @ matrix.T).tocsr()


def _overlaps(tokens: list[list[str]], rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shared IDF mass of each pair, as a share of the smaller document's and of the union's."""
    matrix, idf = _binary(tokens)
    weighted = matrix.multiply(idf).tocsr()
    shared = np.asarray((weighted @ matrix.T)[rows, cols]).ravel()
    totals = np.asarray(weighted.sum(axis=1)).ravel()
    smaller = np.minimum(totals[rows], totals[cols])
    union = totals[rows] + totals[cols] - shared
    return (shared, np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0),
            np.divide(shared, union, out=np.zeros_like(shared), where=union > 0))


def candidate_pairs(documents: Sequence[StoryDocument], window_days: int = DATE_WINDOW_DAYS) -> Pairs:
    """The pairs that share a word or an anchor and may be one story, with their measures."""
    words = [d.words for d in documents]
    anchors = [d.story_anchors for d in documents]
    if len(documents) < 2:
        return Pairs([], np.zeros((0, len(PAIR_FEATURES))))
    word_matrix, _ = _binary(words)
    anchor_matrix, _ = _binary(anchors)
    touching = sparse.triu(word_matrix @ word_matrix.T + anchor_matrix @ anchor_matrix.T, k=1).tocoo()
    dates = [d.published for d in documents]
    keep = [k for k, (i, j) in enumerate(zip(touching.row.tolist(), touching.col.tolist(), strict=True))
            if not (dates[i] and dates[j] and abs((dates[i] - dates[j]).days) > window_days)]
    rows, cols = touching.row[keep], touching.col[keep]
    if not len(rows):
        return Pairs([], np.zeros((0, len(PAIR_FEATURES))))
    word_cosine = np.asarray(_cosines(words)[rows, cols]).ravel()
    anchor_cosine = np.asarray(_cosines(anchors)[rows, cols]).ravel()
    _, word_overlap, word_jaccard = _overlaps(words, rows, cols)
    _, anchor_overlap, anchor_jaccard = _overlaps(anchors, rows, cols)
    shared = [len(same_days(documents[i], documents[j])) for i, j in zip(rows, cols, strict=True)]
    shared_days = np.array(shared, dtype=float)
    different_days = np.array([float(bool(documents[i].dates) and bool(documents[j].dates) and not count)
                               for i, j, count in zip(rows, cols, shared, strict=True)])
    latest = np.array([float(same_latest_day(documents[i], documents[j])) for i, j in zip(rows, cols, strict=True)])
    dated = np.array([least_dated(documents[i], documents[j]) for i, j in zip(rows, cols, strict=True)])
    languages = [d.language for d in documents]
    cross = np.array([float(bool(languages[i] and languages[j] and languages[i] != languages[j]))
                      for i, j in zip(rows, cols, strict=True)])
    features = np.column_stack([word_cosine, word_overlap, word_jaccard, anchor_cosine, anchor_overlap,
                                anchor_jaccard, np.log1p(shared_days), different_days, latest, dated, cross])
    return Pairs(list(zip(rows.tolist(), cols.tolist(), strict=True)), features)


def load_pair_model(path: Path = PAIR_MODEL_FILE) -> LinearModel | None:
    """The shipped story pair model, or None when the file is absent."""
    return load_linear_model(path)


def same_story_probabilities(pairs: Pairs, model: LinearModel) -> dict[tuple[int, int], float]:
    """{(i, j): probability that the pair reports one event} from the pair model."""
    if not pairs.index:
        return {}
    same = model.levels.index(1)
    weights = np.array([[model.weights.get(name, (0.0,) * len(model.levels))[k] for name in PAIR_FEATURES]
                        for k in range(len(model.levels))])
    scores = pairs.features @ weights.T + np.array(model.intercepts)
    scores -= scores.max(axis=1, keepdims=True)
    probabilities = np.exp(scores)
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return dict(zip(pairs.index, probabilities[:, same].tolist(), strict=True))


@dataclass(frozen=True)
class StoryGroup:
    """The positions (in the input order) of the documents of one story."""

    members: tuple[int, ...]


def average_linkage(size: int, similarities: dict[tuple[int, int], float], threshold: float) -> list[StoryGroup]:
    """Groups of ``size`` items merged while the mean similarity between two groups is at least ``threshold``
    (pairs not listed count as 0); every item is in exactly one group."""
    cluster_of = list(range(size))
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    for (i, j), value in sorted(similarities.items(), key=lambda item: (-item[1], item[0])):
        if value < threshold:
            break
        a, b = cluster_of[i], cluster_of[j]
        if a == b:
            continue
        total = sum(similarities.get((min(x, y), max(x, y)), 0.0) for x in members[a] for y in members[b])
        if total / (len(members[a]) * len(members[b])) < threshold:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for x in members[b]:
            cluster_of[x] = a
        members[a].extend(members.pop(b))
    return [StoryGroup(tuple(sorted(m))) for m in sorted(members.values(), key=min)]


def group_stories(documents: Sequence[StoryDocument], model: LinearModel | None = None,
                  threshold: float = STORY_PROBABILITY, forced: Iterable[tuple[int, int]] = (),
                  probabilities: dict[tuple[int, int], float] | None = None,
                  ) -> tuple[list[StoryGroup], dict[tuple[int, int], float]]:
    """The stories of a corpus (every document in exactly one) and the pair probabilities behind them.

    The probabilities come from the pair model (the shipped one by default) unless given. ``forced``
    pairs (i < j, such as near-verbatim copies) are one story whatever the model says.
    """
    if probabilities is None:
        model = model or load_pair_model()
        if model is None:
            raise FileNotFoundError(f"no story pair model at {PAIR_MODEL_FILE}: run python -m claimatlas train stories")
        probabilities = same_story_probabilities(candidate_pairs(documents), model)
    probabilities = {**probabilities, **dict.fromkeys(forced, 1.0)}
    return average_linkage(len(documents), probabilities, threshold), probabilities


def story_id(document_ids: Sequence[str]) -> str:
    """A stable id of a story from its documents' ids."""
    return "story-" + hashlib.sha256("\n".join(sorted(document_ids)).encode("utf-8")).hexdigest()[:10]


def write_pair_model(model: LinearModel, path: Path = PAIR_MODEL_FILE) -> None:
    """Write the pair model's weights as JSON."""
    path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
