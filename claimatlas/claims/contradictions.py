"""Contradictions: claims of opposite stance about one target by different speakers or outlets."""
from __future__ import annotations

from collections.abc import Iterable

from claimatlas.model import Claim, Contradiction, ContradictionSide


def find_contradictions(claims: Iterable[tuple[str | None, Claim]]) -> list[Contradiction]:
    """Pairs of claims with opposite stance about one target, by different speakers or outlets.

    ``claims`` are (outlet, claim) pairs in corpus order. A claim's targets are its places, plus the
    capital where the sentence names it ("the capital"). One pair per (speaker, speaker, target): the
    most alarming claim against the most reassuring one (the first in corpus order on a tie).

    Only the most alarming and the most reassuring claim of each (speaker, outlet, target) can be part
    of a pair, so the pairing runs over those sides, not over all claims.
    """
    alarming: dict[str, dict[tuple[str, str | None], tuple[Claim, str | None]]] = {}
    reassuring: dict[str, dict[tuple[str, str | None], tuple[Claim, str | None]]] = {}
    for outlet, claim in claims:
        sides = alarming if claim.stance == "alarming" else reassuring if claim.stance == "reassuring" else None
        if sides is None:
            continue
        for target in dict.fromkeys(claim.targets):
            kept = sides.setdefault(target.lower(), {})
            key = (claim.speaker, outlet)
            held = kept.get(key)
            if held is None or (claim.level > held[0].level if sides is alarming else claim.level < held[0].level):
                kept[key] = (claim, outlet)
    best: dict[tuple[str, str, str], tuple[int, Claim, str | None, Claim, str | None, str]] = {}
    for target, highs in alarming.items():
        for (a_speaker, a_outlet), (a, a_out) in highs.items():
            for (b_speaker, b_outlet), (b, b_out) in reassuring.get(target, {}).items():
                if a_speaker == b_speaker and a_outlet == b_outlet:
                    continue
                key = (a_speaker, b_speaker, target)
                gap = a.level - b.level
                if key not in best or gap > best[key][0]:
                    name = next(t for t in a.targets if t.lower() == target)
                    best[key] = (gap, a, a_out, b, b_out, name)
    return [Contradiction(a=_side(a, a_out), b=_side(b, b_out), target=name)
            for _, (_, a, a_out, b, b_out, name) in sorted(best.items())]


def _side(claim: Claim, outlet: str | None) -> ContradictionSide:
    return ContradictionSide(document=claim.document or "", outlet=outlet, sentence=claim.sentence,
                             sentence_index=claim.sentence_index, speaker=claim.speaker,
                             speaker_type=claim.speaker_type, level=claim.level, stance=claim.stance)
