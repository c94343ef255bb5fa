"""Lineage within a story: is one text derived from the other, or do both draw on one source?

Two texts are aligned sentence by sentence: a sentence of one matches a sentence of the other when
they share at least half of the smaller one's content words (rewording keeps most of them), or,
across languages, most of its names and numbers. A rewrite keeps a good share of the sentences of
its source, mostly in the same order, or most of them with paragraphs moved; two independent
reports of one statement share its quotes but little else. An official statement itself (a document of
one of the speaker book's ``official_kinds``) is a source: an article that follows it reports it, so the
two share a source and neither rewrites the other.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from claimatlas.claims.cues import load_cues
from claimatlas.stories.features import Sentence, StoryDocument, quotes

# A sentence pair aligns when the shared content words are at least this share of the smaller one's.
ALIGN_WORDS = 0.5
MIN_SHARED_WORDS = 3
# ... and at least this share of the longer one's (a short sentence is not "in" any long one).
ALIGN_LONGER = 0.2
# Across languages: the shared names and numbers, as a share of the smaller sentence's.
ALIGN_ANCHORS = 0.6
MIN_SHARED_ANCHORS = 2
QUOTE_OVERLAP = 0.7
# A word found in more sentences of the other text than this says nothing about which one matches.
MAX_POSTINGS = 50
# A rewrite: this many aligned sentences, this share of the shorter text's, this much in order. A
# brief copy (two sentences making most of the shorter text) counts too, but not across languages,
# where sentences align on names and numbers alone.
REWRITE_MIN_ALIGNED = 3
BRIEF_MIN_ALIGNED = 2
BRIEF_SHARE = 0.6
REWRITE_SHARE = 0.3
REWRITE_ORDER = 0.5
# ... or this share of the shorter text's sentences in any order: a rewrite that moves paragraphs around.
REORDERED_SHARE = 0.6
# Two independent reports of one source: a shared quote, or this many aligned sentences.
SAME_SOURCE_ALIGNED = 2


@dataclass(frozen=True)
class Alignment:
    """What two texts share: aligned sentence pairs (index in a, index in b) and shared quotes."""

    pairs: tuple[tuple[int, int], ...]
    share: float
    order: float
    quotes: tuple[str, ...]
    cross_language: bool


def _best_matches(a: tuple[Sentence, ...], b: tuple[Sentence, ...], by_anchors: bool) -> list[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, sentence in enumerate(b):
        for token in (sentence.anchors if by_anchors else sentence.words):
            index[token].append(position)
    matches = []
    for sentence in a:
        tokens = sentence.anchors if by_anchors else sentence.words
        shared: dict[int, int] = defaultdict(int)
        for token in tokens:
            postings = index.get(token, ())
            if len(postings) <= MAX_POSTINGS:
                for position in postings:
                    shared[position] += 1
        best, best_score = None, 0.0
        for position, count in sorted(shared.items()):  # ties go to the earliest sentence, whatever the hash order
            other = b[position].anchors if by_anchors else b[position].words
            score = count / min(len(tokens), len(other))
            if (count >= (MIN_SHARED_ANCHORS if by_anchors else MIN_SHARED_WORDS) and score > best_score
                    and count / max(len(tokens), len(other)) >= ALIGN_LONGER):
                best, best_score = position, score
        if best is not None and best_score >= (ALIGN_ANCHORS if by_anchors else ALIGN_WORDS):
            matches.append((sentence.index, b[best].index))
    return matches


def in_order_share(pairs: list[tuple[int, int]]) -> float:
    """The share of aligned pairs in one increasing run (longest increasing subsequence of b's indices)."""
    if not pairs:
        return 0.0
    tails: list[int] = []
    for _, position in sorted(pairs):
        k = bisect_left(tails, position)
        tails[k:k + 1] = [position]
    return len(tails) / len(pairs)


def _shared_quotes(a: list[str], b: list[str]) -> list[str]:
    shared = []
    for quote in a:
        words = set(quote.split())
        for other in b:
            common = len(words & set(other.split()))
            if words and common / min(len(words), len(other.split()) or 1) >= QUOTE_OVERLAP:
                shared.append(quote)
                break
    return shared


def align(a: StoryDocument, b: StoryDocument) -> Alignment:
    """The sentences and quotes two documents share."""
    cross = bool(a.language and b.language and a.language != b.language)
    sentences_a, sentences_b = a.compared_sentences, b.compared_sentences
    pairs = _best_matches(sentences_a, sentences_b, by_anchors=cross)
    shorter = min(len(sentences_a), len(sentences_b))
    aligned = min(len({i for i, _ in pairs}), len({j for _, j in pairs}))
    return Alignment(pairs=tuple(pairs), share=aligned / shorter if shorter else 0.0, order=in_order_share(pairs),
                     quotes=tuple(_shared_quotes(quotes(a.text), quotes(b.text))), cross_language=cross)


def relation(a: StoryDocument, b: StoryDocument, alignment: Alignment) -> str | None:
    """ "duplicate", "rewrite", "same_source" or None for two documents of one story."""
    if a.duplicate_of == b.id or b.duplicate_of == a.id:
        return "duplicate"
    aligned = min(len({i for i, _ in alignment.pairs}), len({j for _, j in alignment.pairs}))
    enough = aligned >= REWRITE_MIN_ALIGNED or (
        not alignment.cross_language and aligned >= BRIEF_MIN_ALIGNED and alignment.share >= BRIEF_SHARE)
    statement = {a.kind, b.kind} & load_cues().official_kinds
    if enough and not statement and alignment.share >= REWRITE_SHARE and (alignment.order >= REWRITE_ORDER
                                                                           or alignment.share >= REORDERED_SHARE):
        return "rewrite"
    if alignment.quotes or aligned >= SAME_SOURCE_ALIGNED or statement and enough:
        return "same_source"
    return None
