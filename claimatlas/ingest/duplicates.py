"""Near-duplicates: MinHash LSH candidates on character shingles, confirmed by containment."""
from __future__ import annotations

import re
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from claimatlas.model import Document

NEAR_DUPLICATE_THRESHOLD = 0.5


LSH_CANDIDATE_THRESHOLD = 0.1


def _shingles(text: str, size: int = 9) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    joined = " ".join(words)
    return {joined[i: i + size] for i in range(max(len(joined) - size + 1, 1))}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller shingle set found in the larger one (1.0: one text contains the other)."""
    return len(a & b) / max(min(len(a), len(b)), 1)


def link_near_duplicates(documents: list[Document], threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
    """Set ``duplicate_of`` on each document that near-duplicates an earlier one from another file.

    Character 9-gram shingles survive rewording far better than word n-grams. MinHash
    LSH (datasketch) proposes candidates at a low Jaccard threshold; a candidate is kept
    when one text contains at least ``threshold`` of the other's shingles, so partial
    rewrites and republications with extra paragraphs are found too.
    """
    lsh = MinHashLSH(threshold=LSH_CANDIDATE_THRESHOLD, num_perm=128)
    seen: dict[int, tuple[Document, set[str]]] = {}
    for position, doc in enumerate(documents):
        shingles = _shingles(doc.text)
        signature = MinHash(num_perm=128, seed=7)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        scored = [(containment(shingles, seen[c][1]), seen[c][0].id, c) for c in lsh.query(signature)
                  if seen[c][0].path != doc.path]
        scored = sorted(item for item in scored if item[0] >= threshold)
        if scored:
            original = seen[scored[-1][2]][0]
            doc.duplicate_of = original.id
            same = "identical text to" if original.text == doc.text else "near-duplicate of"
            doc.warnings.append(f"{same} {Path(original.path).name} ({original.id})")
        lsh.insert(position, signature)
        seen[position] = (doc, shingles)
