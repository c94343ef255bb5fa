"""Frames of one parsed document: cue matches per sentence, negation, hedges, tone and frame shares."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from claimatlas.framing.codebook import Codebook, Cue
from claimatlas.headlines import is_furniture
from claimatlas.model import FramedSentence, Framing, Tone
from claimatlas.negation import is_contained, is_incapable, negated_or_denied

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


NEGATIVE_TONE = -0.05




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


def is_negated(span: Span, codebook: Codebook) -> bool:
    """Whether a span is negated ("no threat", "did not fall"), governed by a denial verb, or contained
    ("thwarted an attempt to seize the capital"): :mod:`claimatlas.negation`, the reading the claim levels use."""
    return (negated_or_denied(span.root, codebook.denial_lemmas)
            or is_contained(span.root, codebook.containment_lemmas, span.root.sent)
            or is_incapable(span.root, codebook.incapacity_lemmas, span.root.sent))


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
            if frame.negatable and is_negated(span, codebook):
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


def frame_sentences(spacy_doc: Doc, codebook: Codebook) -> list[FramedSentence]:
    """One entry per sentence: index, text, offsets, frames and the cues that evidence them."""
    return [FramedSentence(sentence_index=index, sentence=sentence.text.strip(), start=sentence.start_char,
                           end=sentence.end_char, **analyse_sentence(sentence, codebook))
            for index, sentence in enumerate(spacy_doc.sents) if sentence.text.strip()]


def frame_counts(sentences: Iterable[FramedSentence]) -> Counter:
    """Number of sentences carrying each frame."""
    return Counter(name for row in sentences for name in row.frames)


def cue_counts(sentences: Iterable[FramedSentence]) -> Counter:
    """Number of cue occurrences evidencing each frame, over all sentences."""
    return Counter(name for row in sentences for name, cues in row.evidence.items() for _ in cues)


def carries_frame(cues: int, n_sentences: int, min_cues: int, min_rate: float) -> bool:
    """Document-level decision: enough cue occurrences, and enough of them per sentence."""
    return cues >= min_cues and cues >= min_rate * max(n_sentences, 1)


def frame_shares(counts: Mapping[str, int], frames: Iterable[str] | None = None) -> dict[str, float]:
    """Frame shares summing to one, from sentence counts per frame.

    ``frames`` fixes the keys and their order (all zero when nothing is framed).
    """
    names = list(frames) if frames is not None else sorted(counts)
    total = sum(counts.get(name, 0) for name in names)
    return {name: (counts.get(name, 0) / total if total else 0.0) for name in names}


def top_frame(shares: Mapping[str, float]) -> str | None:
    """The frame with the largest share (codebook order breaks ties), or None."""
    best = max(shares, key=lambda name: shares[name], default=None)
    return best if best is not None and shares[best] > 0 else None


@lru_cache(maxsize=1)
def _sentiment() -> SentimentIntensityAnalyzer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

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


def document_framing(spacy_doc: Doc, codebook: Codebook) -> Framing:
    """A document's framing record: shares, counts, top frame, tone, hedging, labels, lemmas. Tone, hedging and
    the sentence count are of the text's own sentences: page furniture (a dateline, a section heading) would
    dilute them; its words still count as frame cues."""
    sentences = frame_sentences(spacy_doc, codebook)
    furniture = {index for index, sentence in enumerate(spacy_doc.sents) if is_furniture(sentence)}
    prose = [row for row in sentences if row.sentence_index not in furniture]
    counts = frame_counts(sentences)
    cues = cue_counts(sentences)
    shares = frame_shares(counts, codebook.frames)
    tones = [sentence_tone(row.sentence) for row in prose]
    labels = Counter(label for row in sentences for label in row.labels)
    return Framing(
        shares=shares,
        top=top_frame(shares),
        sentence_counts={name: counts.get(name, 0) for name in codebook.frames},
        n_sentences=len(prose),
        cue_counts={name: cues.get(name, 0) for name in codebook.frames},
        carries=[name for name, frame in codebook.frames.items()
                 if carries_frame(cues.get(name, 0), len(sentences), frame.document_min_cues, frame.document_min_rate)],
        tone=Tone(mean=float(np.mean(tones)) if tones else None, sum=float(sum(tones)),
                  negative_sentences=sum(1 for t in tones if t <= NEGATIVE_TONE)),
        hedged_sentences=sum(1 for row in prose if row.hedges),
        labels={label: labels.get(label, 0) for label in codebook.labels},
        lemma_counts=dict(content_lemmas(spacy_doc)),
        sentences=[row for row in sentences if row.frames or row.labels],
        codebook=codebook.path,
    )
