"""Stories and lineage for a corpus: :func:`find_stories` groups the documents into stories (:mod:`claimatlas.stories.cluster`), decides
the relation of each pair inside a story (:mod:`claimatlas.stories.lineage`), orders them by
publication date, and picks the one document per outlet and story that counts when each story is
counted once per outlet.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimatlas.claims.learned import LinearModel
from claimatlas.model import DocumentRecord, Evidence, LineageLink, Story
from claimatlas.store.filters import outlet_key
from claimatlas.stories.cluster import STORY_PROBABILITY, group_stories, story_id
from claimatlas.stories.features import StoryDocument
from claimatlas.stories.lineage import align, relation

# Lineage compares each document with at most this many others of its story (the most similar).
MAX_COMPARED = 25
MAX_EVIDENCE_SENTENCES = 5
MAX_EVIDENCE_QUOTES = 3
TITLE_CHARS = 100
# A story without a title is named by one of the first sentences of its most central document.
TITLE_SENTENCES = 8


@dataclass
class StoryResult:
    """The stories of a corpus, each document's story and lineage, and the documents counted once per story."""

    stories: list[Story] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)
    lineage: dict[str, list[LineageLink]] = field(default_factory=dict)
    counted: set[str] = field(default_factory=set)

    def apply(self, records: Sequence[DocumentRecord]) -> None:
        """Set ``story`` and ``lineage`` on the records."""
        for record in records:
            record.story = self.story_of.get(record.id)
            record.lineage = self.lineage.get(record.id, [])


def _title(central: StoryDocument, members: Sequence[StoryDocument]) -> str:
    """The central document's title, else its opening sentence that names most of what the story's
    documents share (page furniture such as "Click here" or a link names none of it)."""
    text = central.title
    if not text:
        counts: dict[str, int] = defaultdict(int)
        for member in members:
            for anchor in set(member.story_anchors):
                counts[anchor] += 1
        shared = {a for a, n in counts.items() if n > 1} if len(members) > 1 else set(counts)
        candidates = [s for s in central.compared_sentences[:TITLE_SENTENCES] if "http" not in s.text]
        best = max(candidates, key=lambda s: (len(s.anchors & shared), -s.index), default=None)
        text = best.text if best else central.text
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _links(a: StoryDocument, b: StoryDocument) -> tuple[LineageLink, LineageLink] | None:
    """The link on each side of a pair, or None when they share nothing worth a link."""
    alignment = align(a, b)
    kind = relation(a, b, alignment)
    if kind is None:
        return None
    sentences_a, sentences_b = dict(enumerate(a.sentences)), dict(enumerate(b.sentences))
    evidence_a = [Evidence("sentence", sentences_a[i], sentences_b[j]) for i, j in alignment.pairs[:MAX_EVIDENCE_SENTENCES]]
    evidence_b = [Evidence("sentence", sentences_b[j], sentences_a[i]) for i, j in alignment.pairs[:MAX_EVIDENCE_SENTENCES]]
    quotes = [Evidence("quote", q) for q in alignment.quotes[:MAX_EVIDENCE_QUOTES]]
    if a.published and b.published and a.published != b.published:
        later_a = a.published > b.published
        return (LineageLink(b.id, kind, "later", evidence_a + quotes) if later_a else None,
                LineageLink(a.id, kind, "later", evidence_b + quotes) if not later_a else None)
    return (LineageLink(b.id, kind, "unknown", evidence_a + quotes),
            LineageLink(a.id, kind, "unknown", evidence_b + quotes))


def find_stories(documents: Sequence[StoryDocument], model: LinearModel | None = None,
                 probabilities: dict[tuple[int, int], float] | None = None,
                 threshold: float = STORY_PROBABILITY) -> StoryResult:
    """Stories, lineage and the documents counted once per outlet and story, for a corpus.

    Pair probabilities come from ``model`` (the shipped pair model by default) unless given.
    """
    if not documents:
        return StoryResult()
    positions = {d.id: k for k, d in enumerate(documents)}
    forced = {tuple(sorted((positions[d.id], positions[d.duplicate_of]))) for d in documents
              if d.duplicate_of in positions}
    groups, probabilities = group_stories(documents, model, threshold, forced, probabilities)
    group_of = {k: n for n, group in enumerate(groups) for k in group.members}
    closeness: dict[int, float] = defaultdict(float)  # each document's summed probability with its story's others
    for (i, j), probability in probabilities.items():
        if group_of[i] == group_of[j]:
            closeness[i] += probability
            closeness[j] += probability
    result = StoryResult()
    for group in groups:
        members = [documents[k] for k in group.members]
        ids = [d.id for d in members]
        dated = sorted((d.published, k) for k, d in enumerate(members) if d.published)
        central = max(group.members, key=lambda k: closeness[k])
        story = Story(id=story_id(ids), title=_title(documents[central], members), documents=ids,
                      first=members[dated[0][1]].id if dated else None,
                      span=[dated[0][0].isoformat(), dated[-1][0].isoformat()] if dated else [None, None])
        result.stories.append(story)
        result.story_of.update({i: story.id for i in ids})
        for a, b in _compared_pairs(group.members, probabilities):
            links = _links(documents[a], documents[b])
            for document, link in zip((documents[a], documents[b]), links or (None, None), strict=True):
                if link is not None:
                    result.lineage.setdefault(document.id, []).append(link)
        firsts: dict[str, StoryDocument] = {}
        for document in sorted(members, key=lambda d: (d.published is None, d.published or 0, positions[d.id])):
            firsts.setdefault(outlet_key(document.outlet, document.id), document)
        result.counted.update(d.id for d in firsts.values())
    return result


def _compared_pairs(members: tuple[int, ...], probabilities: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The pairs of a story whose lineage is decided: each member with its most similar others."""
    if len(members) <= MAX_COMPARED + 1:
        return list(itertools.combinations(members, 2))
    inside = set(members)
    nearest: dict[int, list[int]] = defaultdict(list)
    for i, j in probabilities:
        if i in inside and j in inside:
            nearest[i].append(j)
            nearest[j].append(i)
    pairs = set()
    for i, others in nearest.items():
        others.sort(key=lambda j: -probabilities.get((min(i, j), max(i, j)), 0.0))
        pairs.update((min(i, j), max(i, j)) for j in others[:MAX_COMPARED])
    return sorted(pairs)


def stories_of_records(records: Sequence[DocumentRecord], model: LinearModel | None = None) -> StoryResult:
    """:func:`find_stories` over analysed records."""
    return find_stories([StoryDocument.of_record(r) for r in records], model)
