"""Framing compared across outlets: frame shares, Jensen-Shannon divergence, distinctive words (log-odds with a Dirichlet prior)."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from claimatlas.framing.analyse import frame_shares, top_frame
from claimatlas.framing.codebook import Codebook
from claimatlas.model import OutletFraming


def outlet_framing(totals: OutletFraming, codebook: Codebook) -> dict[str, Any]:
    """One outlet's framing from its summed counts: shares, tone, hedging rate, speaker mix, labels."""
    n_sentences = totals.n_sentences
    shares = frame_shares(totals.sentence_counts, codebook.frames)
    return {
        "documents": totals.documents,
        "sentences": n_sentences,
        "frames": shares,
        "top": top_frame(shares),
        "sentence_counts": {name: totals.sentence_counts.get(name, 0) for name in codebook.frames},
        "tone": totals.tone_sum / n_sentences if n_sentences else None,
        "negative_share": totals.negative_sentences / n_sentences if n_sentences else None,
        "hedging_rate": totals.hedged_sentences / n_sentences if n_sentences else None,
        "speaker_mix": dict(totals.speaker_mix),
        "labels": {label: totals.labels.get(label, 0) for label in codebook.labels},
    }


def js_divergence(p: Iterable[float], q: Iterable[float]) -> float:
    """Jensen-Shannon divergence (base 2, in [0, 1]) between two non-negative weight vectors."""
    p_arr, q_arr = np.asarray(list(p), dtype=float), np.asarray(list(q), dtype=float)
    if p_arr.shape != q_arr.shape or p_arr.sum() <= 0 or q_arr.sum() <= 0:
        raise ValueError("JS divergence needs two non-empty weight vectors of the same length")
    try:
        from scipy.spatial.distance import jensenshannon
    except ImportError:
        p_arr, q_arr = p_arr / p_arr.sum(), q_arr / q_arr.sum()
        mean = (p_arr + q_arr) / 2

        def kl(a: np.ndarray) -> float:
            mask = a > 0
            return float(np.sum(a[mask] * np.log2(a[mask] / mean[mask])))

        return max(0.0, (kl(p_arr) + kl(q_arr)) / 2)
    return float(jensenshannon(p_arr, q_arr, base=2) ** 2)


def divergence_matrix(distributions: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float | None]]:
    """Pairwise JS divergence between named distributions; None where one is empty."""
    names = list(distributions)
    keys = sorted({k for dist in distributions.values() for k in dist})
    vectors = {n: [distributions[n].get(k, 0.0) for k in keys] for n in names}
    matrix: dict[str, dict[str, float | None]] = {}
    for a in names:
        matrix[a] = {}
        for b in names:
            if sum(vectors[a]) <= 0 or sum(vectors[b]) <= 0:
                matrix[a][b] = None
            else:
                matrix[a][b] = 0.0 if a == b else js_divergence(vectors[a], vectors[b])
    return matrix


def log_odds_dirichlet(counts: Mapping[str, Mapping[str, int]], prior_scale: float | None = None,
                       top: int = 10, min_count: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Distinctive items per group: weighted log-odds with an informative Dirichlet prior.

    Monroe, Colaresi and Quinn (2008): each group is compared with all other groups
    pooled; the prior is the pooled corpus frequency scaled to ``prior_scale`` pseudo-counts
    (default: the corpus size), and the z-score divides the log-odds difference by its
    estimated standard deviation. Returns the ``top`` items with z > 0 per group
    (nothing when fewer than two groups have counts).
    """
    totals: Counter = Counter()
    for group_counts in counts.values():
        totals.update(group_counts)
    corpus_size = sum(totals.values())
    if sum(1 for group_counts in counts.values() if sum(group_counts.values())) < 2:
        return {group: [] for group in counts}
    alpha0 = prior_scale if prior_scale is not None else float(corpus_size)
    alpha = {w: alpha0 * c / corpus_size for w, c in totals.items()}
    result = {}
    for group, group_counts in counts.items():
        n_i = sum(group_counts.values())
        n_j = corpus_size - n_i
        scored = []
        for word, a_w in alpha.items():
            y_i = group_counts.get(word, 0)
            if y_i < min_count:
                continue
            y_j = totals[word] - y_i
            if n_i + alpha0 - y_i - a_w <= 0 or n_j + alpha0 - y_j - a_w <= 0:
                continue
            delta = (math.log((y_i + a_w) / (n_i + alpha0 - y_i - a_w))
                     - math.log((y_j + a_w) / (n_j + alpha0 - y_j - a_w)))
            z = delta / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
            if z > 0:
                scored.append({"term": word, "z": round(z, 4), "count": y_i})
        scored.sort(key=lambda item: (-item["z"], item["term"]))
        result[group] = scored[:top]
    return result


def compare_outlets(totals: Iterable[OutletFraming], codebook: Codebook, top: int = 10) -> dict[str, Any]:
    """The report's framing block from each outlet's summed counts: divergence, distinctive words and
    frames, labels, outlet stats."""
    totals = sorted(totals, key=lambda t: t.outlet)
    stats = {t.outlet: outlet_framing(t, codebook) for t in totals}
    words = {t.outlet: Counter(t.lemma_counts) for t in totals}
    frame_counts_by_outlet = {outlet: s["sentence_counts"] for outlet, s in stats.items()}
    return {
        "codebook": codebook.path,
        "frames": {name: {"label": f.label, "kind": f.kind, "definition": f.definition}
                   for name, f in codebook.frames.items()},
        "divergence": divergence_matrix({outlet: s["frames"] for outlet, s in stats.items()}),
        "distinctive_words": log_odds_dirichlet(words, top=top, min_count=2),
        "distinctive_frames": log_odds_dirichlet(frame_counts_by_outlet, top=top),
        "labels": {outlet: s["labels"] for outlet, s in stats.items()},
        "outlet_stats": stats,
    }
