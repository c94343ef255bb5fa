"""Roads named by their number: "U.S. 641", "Interstate 35", "I-40", "State Route 9", "the A417", "RN16",
"la route nationale 15", and streets by their ordinal ("Third Street", "14th St."). Such a road is a place of the story (an ambush on the RN16, a crash on I-40), located
like a street at its host or the story's main place; the country or state its prefix names ("U.S." of
"U.S. 641") is not a mention of that country."""
from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator

_NUMBER = r"\d{1,4}[A-Z]?(?![\w%'’-]|[.,]\d|\s+(?:percent|per\s+cent|pour\s+cent|million|billion|trillion|times)\b)"
# Names that say they are roads.
_NAMED_ROAD = re.compile(
    r"\b(?:(?:(?:U\.\s?S\.|US|State|County|Farm[ -]to[ -]Market)\s+)?(?:Route|Highway|Hwy\.?|Road)"
    r"|Interstate|State\s+Road|[Rr]oute\s+[Nn]ationale(?:\s+n°)?|[Rr]oute\s+régionale|RN|RR)\s?" + _NUMBER)
# Bare codes, roads only after a preposition of roads ("on U.S. 641") or in a sentence about roads: "US 25",
# "I-40", "SR 9", "the A417", "M5".
_ROAD_CODE = re.compile(r"(?<![\w/-])(?:(?:U\.\s?S\.|US|SR|CR)\s|I-|(?<=[Tt]he\s)[AMB]|(?<=, )[AMB]|(?<=and )[AMB])"
                        + _NUMBER)
# Streets named by their ordinal: "Third Street", "14th St.", "North Fourth Street", "Fifth Avenue".
_NUMBERED_STREET = re.compile(
    r"\b(?:(?:North|South|East|West|N\.|S\.|E\.|W\.)\s+)?(?:\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth"
    r"|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)\s+(?:[Ss]treet|St\.|[Aa]venue|Ave\.)")
_ALONG = re.compile(r"\b(?:on|off|via|along|onto)\s+(?:the\s+)?$")
_ROAD_WORDS = re.compile(
    r"\b(?:north|south|east|west)bound\b|\b(?:roads?|highway|interstate|motorway|carriageway|lanes?|traffic|exit"
    r"|junction|roundabout|ramp|mile marker|crash|collision|closed|closure|detour|diversion|drivers?|truck"
    r"|tractor-trailer|convoy|route|axe|tronçon|embuscade|trafic)\b", re.IGNORECASE)


def road_spans(text: str, sentences: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of each road or street named by its number in ``text``; ``sentences`` are the (start, end) of its
    sentences in order, for the bare codes, which count only in a sentence with a word about roads."""
    named = sorted([m.span() for m in _NAMED_ROAD.finditer(text)] + [m.span() for m in _NUMBERED_STREET.finditer(text)])
    yield from named
    for match in _ROAD_CODE.finditer(text):
        if _span_holding(named, match.start()) is not None:
            continue
        sentence = _span_holding(sentences, match.start()) or (0, len(text))
        if _ALONG.search(text, max(0, match.start() - 8), match.start()) or _ROAD_WORDS.search(text, *sentence):
            yield match.start(), match.end()


def _span_holding(spans: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted, not overlapping) that holds ``position``, or None."""
    i = bisect.bisect_right(spans, (position, math.inf)) - 1
    return spans[i] if i >= 0 and spans[i][0] <= position < spans[i][1] else None
