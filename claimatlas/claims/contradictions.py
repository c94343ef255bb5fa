"""Contradictions: claims of opposite stance about one target by different speakers or outlets, in one story.

"One story" means: about the same target, in different documents, and published within
``window_days`` of each other (a document without a date can pair with any). The story grouping of
``claimatlas.stories`` is not used: it groups reports of one event, and a denial answers reports of
other events ("the capital is not about to fall" against last week's report of a siege).
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from claimatlas.model import Claim, Contradiction, ContradictionSide, SourcedClaim, iso_date

WINDOW_DAYS = 30

Side = tuple[dt.date | None, SourcedClaim]


def _sides(claims: Iterable[SourcedClaim]) -> tuple[dict[str, list[Side]], dict[str, list[Side]]]:
    """Per target (lower case), the most alarming and the most reassuring claim of each speaker,
    outlet and document (the first in corpus order on a tie)."""
    kept: dict[tuple[str, str, str | None, str | None, str], SourcedClaim] = {}
    for sourced in claims:
        claim = sourced.claim
        if claim.stance not in ("alarming", "reassuring"):
            continue
        for target in dict.fromkeys(t.lower() for t in claim.targets):
            key = (claim.stance, claim.speaker, sourced.outlet, claim.document, target)
            held = kept.get(key)
            stronger = held is None or (claim.level > held.claim.level if claim.stance == "alarming"
                                        else claim.level < held.claim.level)
            if stronger:
                kept[key] = sourced
    alarming: dict[str, list[Side]] = {}
    reassuring: dict[str, list[Side]] = {}
    for (stance, *_, target), sourced in kept.items():
        (alarming if stance == "alarming" else reassuring).setdefault(target, []).append(
            (iso_date(sourced.published), sourced))
    return alarming, reassuring


def _partners(a_date: dt.date | None, sides: list[Side], dated: list[dt.date], window: dt.timedelta) -> list[Side]:
    """The reassuring sides within the window of a date (every side when the date is unknown)."""
    undated = [side for side in sides if side[0] is None]
    if a_date is None:
        return sides
    chosen = [side for side in sides if side[0] is not None]
    low, high = bisect_left(dated, a_date - window), bisect_right(dated, a_date + window)
    return chosen[low:high] + undated


def find_contradictions(claims: Iterable[SourcedClaim], window_days: int = WINDOW_DAYS) -> list[Contradiction]:
    """Pairs of claims with opposite stance about one target, by different speakers or outlets, in
    different documents published within ``window_days`` of each other.

    A claim's targets are its places, plus the capital where the sentence names it ("the capital").
    One pair per (speaker, speaker, target): the most alarming claim against the most reassuring one.
    """
    alarming, reassuring = _sides(claims)
    window = dt.timedelta(days=window_days)
    best: dict[tuple[str, str, str], tuple[int, SourcedClaim, SourcedClaim]] = {}
    for target, highs in alarming.items():
        lows = sorted(reassuring.get(target, []), key=lambda side: (side[0] is None, side[0] or dt.date.min))
        dated = [side[0] for side in lows if side[0] is not None]
        for a_date, a in highs:
            for _, b in _partners(a_date, lows, dated, window):
                if a.claim.document == b.claim.document or (
                        a.claim.speaker == b.claim.speaker and a.outlet == b.outlet):
                    continue
                key = (a.claim.speaker, b.claim.speaker, target)
                gap = a.claim.level - b.claim.level
                if key not in best or gap > best[key][0]:
                    best[key] = (gap, a, b)
    return [Contradiction(a=_side(a), b=_side(b), target=next(t for t in a.claim.targets if t.lower() == key[2]))
            for key, (_, a, b) in sorted(best.items())]


def _side(sourced: SourcedClaim) -> ContradictionSide:
    claim: Claim = sourced.claim
    return ContradictionSide(document=claim.document or "", outlet=sourced.outlet, sentence=claim.sentence,
                             sentence_index=claim.sentence_index, speaker=claim.speaker,
                             speaker_type=claim.speaker_type, level=claim.level, stance=claim.stance)
