"""Frames: the codebook, per-sentence frames with evidence, and outlet comparison.

The codebook (``data/frames.yaml``, user-editable) lists for each frame its definition,
cues and examples. Cues are matched on the spaCy parse: lemmas and lower-cased forms,
multi-word cues as lemma sequences, and cues under a negation or a denial verb are set
aside for frames marked ``negatable`` (and credited to their ``when_negated`` frame).

Per document the module counts the sentences carrying each frame; shares are those
counts normalised to sum to one. Whether a document carries a frame at all is decided on
its cue occurrences: at least ``min_cues`` of them and ``min_rate`` per sentence (the
frame's ``document`` thresholds). Beside the shares it measures tone (VADER compound
polarity per sentence), the hedging rate, the labels used for armed groups, and the
content lemmas that feed the outlet comparison: Jensen-Shannon divergence between frame
distributions and distinctive words and frames by weighted log-odds with an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008).
"""
from __future__ import annotations

import math
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import spacy
import yaml
from spacy.tokens import Doc, Span, Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

DEFAULT_CODEBOOK = Path(__file__).with_name("data") / "frames.yaml"
CODEBOOK_ENV = "CLAIMATLAS_FRAMES"
NEGATION_WORDS = frozenset({"not", "no", "never", "n't", "without", "nobody", "nothing", "none"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
NEGATIVE_TONE = -0.05
NEGATION_DEPTH = 3


class CodebookError(ValueError):
    """A codebook file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Cue:
    """A cue as written in the codebook and as the token sequence it matches."""

    text: str
    tokens: tuple[str, ...]


@dataclass
class Frame:
    """One frame of the codebook."""

    name: str
    label: str
    kind: str
    definition: str
    examples: list[str]
    cues: list[Cue]
    exclude: list[Cue] = field(default_factory=list)
    negatable: bool = False
    when_negated: str | None = None
    benchmark: str | None = None
    document_min_cues: int = 1
    document_min_rate: float = 0.0


@dataclass
class Codebook:
    """Frames plus the hedge, denial and armed-group label cues, with a match index."""

    frames: dict[str, Frame]
    hedges: list[Cue]
    denial_verbs: list[Cue]
    labels: dict[str, list[Cue]]
    min_cues: int = 1
    path: str | None = None

    @cached_property
    def index(self) -> dict[str, list[tuple[str, str, Cue]]]:
        """First cue token -> (category, name, cue) for every cue of every category."""
        entries: list[tuple[str, str, Cue]] = []
        for frame in self.frames.values():
            entries += [("frame", frame.name, cue) for cue in frame.cues]
            entries += [("exclude", frame.name, cue) for cue in frame.exclude]
        entries += [("hedge", "hedge", cue) for cue in self.hedges]
        entries += [("denial", "denial", cue) for cue in self.denial_verbs]
        for label, cues in self.labels.items():
            entries += [("label", label, cue) for cue in cues]
        index: dict[str, list[tuple[str, str, Cue]]] = defaultdict(list)
        for entry in entries:
            index[entry[2].tokens[0]].append(entry)
        return dict(index)

    @cached_property
    def denial_lemmas(self) -> frozenset[str]:
        """Single-word denial verbs, compared with the lemmas of governing tokens."""
        return frozenset(cue.tokens[0] for cue in self.denial_verbs if len(cue.tokens) == 1)


@lru_cache(maxsize=1)
def _tokenizer():
    return spacy.blank("en").tokenizer


def _cue(text: Any, where: str) -> Cue:
    if not isinstance(text, str | int | float) or not str(text).strip():
        raise CodebookError(f"{where}: empty or non-text cue {text!r}")
    tokens = tuple(t.lower_ for t in _tokenizer()(str(text).strip().lower()) if not t.is_space)
    return Cue(text=str(text).strip(), tokens=tokens)


def _cues(values: Any, where: str) -> list[Cue]:
    if values is None:
        return []
    if not isinstance(values, list):
        raise CodebookError(f"{where}: expected a list of cues, got {type(values).__name__}")
    return [_cue(v, where) for v in values]


def codebook_path(path: str | Path | None = None) -> Path:
    """The codebook file in use: the given path, else $CLAIMATLAS_FRAMES, else the bundled one."""
    return Path(path or os.environ.get(CODEBOOK_ENV) or DEFAULT_CODEBOOK)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and check a frame codebook (default: $CLAIMATLAS_FRAMES or the bundled file)."""
    source = codebook_path(path)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CodebookError(f"{source}: cannot read the codebook: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("frames"), dict) or not data["frames"]:
        raise CodebookError(f"{source}: expected a mapping with a non-empty 'frames' mapping")
    settings = data.get("settings") or {}
    frames: dict[str, Frame] = {}
    for name, spec in data["frames"].items():
        where = f"{source}: frame {name!r}"
        if not isinstance(spec, dict):
            raise CodebookError(f"{where}: expected a mapping")
        document = spec.get("document") or {}
        frames[name] = Frame(
            name=name,
            label=str(spec.get("label") or name),
            kind=str(spec.get("kind") or "issue"),
            definition=str(spec.get("definition") or ""),
            examples=[str(e) for e in spec.get("examples") or []],
            cues=_cues(spec.get("cues"), where),
            exclude=_cues(spec.get("exclude"), where),
            negatable=bool(spec.get("negatable", False)),
            when_negated=spec.get("when_negated"),
            benchmark=spec.get("benchmark"),
            document_min_cues=int(document.get("min_cues", 1)),
            document_min_rate=float(document.get("min_rate", 0.0)),
        )
        if not frames[name].cues:
            raise CodebookError(f"{where}: no cues")
    for frame in frames.values():
        if frame.when_negated and frame.when_negated not in frames:
            raise CodebookError(f"{source}: frame {frame.name!r}: when_negated names unknown frame {frame.when_negated!r}")
    labels = settings.get("labels") or {}
    if not isinstance(labels, dict):
        raise CodebookError(f"{source}: settings.labels must be a mapping of label -> cues")
    return Codebook(
        frames=frames,
        hedges=_cues(settings.get("hedges"), f"{source}: settings.hedges"),
        denial_verbs=_cues(settings.get("denial_verbs"), f"{source}: settings.denial_verbs"),
        labels={str(k): _cues(v, f"{source}: label {k!r}") for k, v in labels.items()},
        min_cues=int(settings.get("min_cues", 1)),
        path=str(source),
    )


def _token_keys(token: Token) -> set[str]:
    """The forms a cue token may take to match this token: lower case, lemma, plural stripped."""
    lower = token.lower_
    keys = {lower, token.lemma_.lower()}
    if token.tag_ in ("NNS", "NNPS") and lower.endswith("s") and len(lower) > 3:
        keys.add(lower[:-1])
    return keys


def _matches(sentence: Span, codebook: Codebook) -> list[tuple[str, str, Cue, Span]]:
    """Every cue occurrence in a sentence as (category, name, cue, span)."""
    keys = [_token_keys(token) for token in sentence]
    found = []
    for i, token_keys in enumerate(keys):
        seen: set[tuple[str, str, str]] = set()
        for key in token_keys:
            for category, name, cue in codebook.index.get(key, ()):
                end = i + len(cue.tokens)
                if (category, name, cue.text) in seen or end > len(keys):
                    continue
                if all(cue.tokens[k] in keys[i + k] for k in range(1, len(cue.tokens))):
                    seen.add((category, name, cue.text))
                    found.append((category, name, cue, sentence[i:end]))
    return found


def is_negated(span: Span, denial_lemmas: frozenset[str]) -> bool:
    """Whether a span is negated ("no threat", "did not fall") or governed by a denial verb.

    A denial word earlier in the sentence whose subtree (or whose head's subtree, for
    headlines the parser misreads) holds the span also negates it.
    """
    root = span.root
    if any(child.lower_ in NEGATION_WORDS and child.dep_ in ("neg", "det") for child in root.children):
        return True
    for token in span.sent:
        if token.i >= span.start:
            break
        if token.lemma_.lower() in denial_lemmas and (root in token.subtree or root in token.head.subtree):
            return True
    node = root
    for _ in range(NEGATION_DEPTH):
        if node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in denial_lemmas:
            return True
        if any(child.dep_ == "neg" for child in node.children):
            return True
    return False


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _distinct(matches: list[tuple[str, str, Cue, Span]]) -> list[tuple[str, str, Cue, Span]]:
    """One match per stretch of text and category: the longest cue wins over cues inside it."""
    kept: list[tuple[str, str, Cue, Span]] = []
    for match in sorted(matches, key=lambda m: (m[3].start - m[3].end, m[3].start)):
        if not any(match[:2] == other[:2] and _overlaps(match[3], other[3]) for other in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m[3].start)


def analyse_sentence(sentence: Span, codebook: Codebook) -> dict[str, Any]:
    """Frames, evidence, hedges and armed-group labels of one sentence."""
    matches = _distinct(_matches(sentence, codebook))
    excluded = defaultdict(list)
    for category, name, _, span in matches:
        if category == "exclude":
            excluded[name].append(span)
    evidence: dict[str, list[str]] = defaultdict(list)
    negated: dict[str, list[str]] = defaultdict(list)
    hedges, labels = [], []
    for category, name, _, span in matches:
        if category == "hedge":
            hedges.append(span.text)
        elif category == "label":
            labels.append(name)
        elif category == "frame":
            if any(_overlaps(span, other) for other in excluded[name]):
                continue
            frame = codebook.frames[name]
            if frame.negatable and is_negated(span, codebook.denial_lemmas):
                negated[name].append(span.text)
                if frame.when_negated:
                    evidence[frame.when_negated].append(f"not: {span.text}")
            else:
                evidence[name].append(span.text)
    frames = [name for name in codebook.frames if len(evidence.get(name, ())) >= codebook.min_cues]
    return {
        "frames": frames,
        "evidence": {name: evidence[name] for name in frames},
        "negated": dict(negated),
        "hedges": hedges,
        "labels": labels,
    }


def frame_sentences(spacy_doc: Doc, codebook: Codebook) -> list[dict[str, Any]]:
    """One entry per sentence: index, text, offsets, frames and the cues that evidence them."""
    rows = []
    for index, sentence in enumerate(spacy_doc.sents):
        if not sentence.text.strip():
            continue
        found = analyse_sentence(sentence, codebook)
        rows.append({
            "sentence_index": index,
            "sentence": sentence.text.strip(),
            "start": sentence.start_char,
            "end": sentence.end_char,
            **found,
        })
    return rows


def frame_counts(sentences: Iterable[Mapping[str, Any]]) -> Counter:
    """Number of sentences carrying each frame."""
    return Counter(name for row in sentences for name in row["frames"])


def cue_counts(sentences: Iterable[Mapping[str, Any]]) -> Counter:
    """Number of cue occurrences evidencing each frame, over all sentences."""
    return Counter(name for row in sentences for name, cues in row["evidence"].items() for _ in cues)


def carries_frame(cues: int, n_sentences: int, min_cues: int, min_rate: float) -> bool:
    """Document-level decision: enough cue occurrences, and enough of them per sentence."""
    return cues >= min_cues and cues >= min_rate * max(n_sentences, 1)


def frame_shares(counts: Mapping[str, int] | Iterable[Mapping[str, Any]],
                 frames: Iterable[str] | None = None) -> dict[str, float]:
    """Frame shares summing to one, from sentence counts or from ``frame_sentences`` rows.

    ``frames`` fixes the keys and their order (all zero when nothing is framed).
    """
    if not isinstance(counts, Mapping):
        counts = frame_counts(counts)
    names = list(frames) if frames is not None else sorted(counts)
    total = sum(counts.get(name, 0) for name in names)
    return {name: (counts.get(name, 0) / total if total else 0.0) for name in names}


def top_frame(shares: Mapping[str, float]) -> str | None:
    """The frame with the largest share (codebook order breaks ties), or None."""
    best = max(shares, key=lambda name: shares[name], default=None)
    return best if best is not None and shares[best] > 0 else None


@lru_cache(maxsize=1)
def _sentiment() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def sentence_tone(text: str) -> float:
    """VADER compound polarity of a sentence, from -1 (negative) to 1 (positive)."""
    return float(_sentiment().polarity_scores(text)["compound"])


def content_lemmas(spacy_doc: Doc) -> Counter:
    """Counts of lower-cased content-word lemmas (nouns, proper nouns, verbs, adjectives)."""
    return Counter(
        token.lemma_.lower() for token in spacy_doc
        if token.pos_ in CONTENT_POS and token.is_alpha and not token.is_stop and len(token) > 2
    )


def document_framing(spacy_doc: Doc, codebook: Codebook) -> dict[str, Any]:
    """A document's framing record: shares, counts, top frame, tone, hedging, labels, lemmas."""
    sentences = frame_sentences(spacy_doc, codebook)
    counts = frame_counts(sentences)
    cues = cue_counts(sentences)
    shares = frame_shares(counts, codebook.frames)
    tones = [sentence_tone(row["sentence"]) for row in sentences]
    labels = Counter(label for row in sentences for label in row["labels"])
    return {
        "shares": shares,
        "top": top_frame(shares),
        "sentence_counts": {name: counts.get(name, 0) for name in codebook.frames},
        "n_sentences": len(sentences),
        "cue_counts": {name: cues.get(name, 0) for name in codebook.frames},
        "carries": [name for name, frame in codebook.frames.items()
                    if carries_frame(cues.get(name, 0), len(sentences), frame.document_min_cues, frame.document_min_rate)],
        "tone": {
            "mean": float(np.mean(tones)) if tones else None,
            "sum": float(sum(tones)),
            "negative_sentences": sum(1 for t in tones if t <= NEGATIVE_TONE),
        },
        "hedged_sentences": sum(1 for row in sentences if row["hedges"]),
        "labels": {label: labels.get(label, 0) for label in codebook.labels},
        "lemma_counts": dict(content_lemmas(spacy_doc)),
        "sentences": [row for row in sentences if row["frames"] or row["labels"]],
        "codebook": codebook.path,
    }


def outlet_framing(records: Iterable[Mapping[str, Any]], codebook: Codebook) -> dict[str, Any]:
    """Aggregate document records of one outlet: shares, tone, hedging rate, speaker mix, labels."""
    counts: Counter = Counter()
    labels: Counter = Counter()
    speakers: Counter = Counter()
    n_sentences = hedged = negative = 0
    tone_sum = 0.0
    documents = 0
    for record in records:
        framing = record.get("framing") or {}
        documents += 1
        counts.update(framing.get("sentence_counts") or {})
        labels.update(framing.get("labels") or {})
        n_sentences += framing.get("n_sentences", 0)
        hedged += framing.get("hedged_sentences", 0)
        tone = framing.get("tone") or {}
        tone_sum += tone.get("sum", 0.0)
        negative += tone.get("negative_sentences", 0)
        speakers.update(claim.get("speaker_type") or "unknown" for claim in record.get("claims") or [])
    shares = frame_shares(counts, codebook.frames)
    return {
        "documents": documents,
        "sentences": n_sentences,
        "frames": shares,
        "top": top_frame(shares),
        "sentence_counts": {name: counts.get(name, 0) for name in codebook.frames},
        "tone": tone_sum / n_sentences if n_sentences else None,
        "negative_share": negative / n_sentences if n_sentences else None,
        "hedging_rate": hedged / n_sentences if n_sentences else None,
        "speaker_mix": dict(speakers.most_common()),
        "labels": {label: labels.get(label, 0) for label in codebook.labels},
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


def _outlet_name(record: Mapping[str, Any]) -> str:
    return record.get("outlet") or "unknown"


def compare_outlets(records: Iterable[Mapping[str, Any]], codebook: Codebook, top: int = 10) -> dict[str, Any]:
    """The report's framing block: divergence, distinctive words and frames, labels, outlet stats."""
    by_outlet: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for record in records:
        by_outlet[_outlet_name(record)].append(record)
    stats = {outlet: outlet_framing(members, codebook) for outlet, members in sorted(by_outlet.items())}
    words = {outlet: Counter() for outlet in stats}
    for outlet, members in by_outlet.items():
        for record in members:
            words[outlet].update((record.get("framing") or {}).get("lemma_counts") or {})
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
