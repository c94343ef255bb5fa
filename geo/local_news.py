"""How local news names its towns and counties: a person's home town ("John Smith, 45, of Clinton", "a
45-year-old Clinton man"), counties listed before one plural word ("Greenville and Anderson counties"), a
town with its region after a comma ("Knockhill, Fife."), and towns with their state ("Moore, Okla.", "Gary and
Hammond, Ind.")."""
from __future__ import annotations

import re
from collections.abc import Iterator

from geo.gazetteer import FEATURE_ADMIN1, FEATURE_ADMIN2, FEATURE_COUNTRY, Gazetteer, normalise

# A person's name, maybe with the age, before the home town: "John Smith, 45, of Clinton", "Miss Abdhou, of Hayes".
_HOMETOWN_BEFORE = re.compile(r"\b[A-Z][\w'’.\-]*,[ \t]+(?:\d{1,3},[ \t]+)?(?:of|from)[ \t]+$")
# A town before the person it is the home of: "a Clinton man", "a 45-year-old Sapulpa woman".
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|\d{1,3}-year-old)[ \t]+$")
_PERSON_AFTER = re.compile(r"[ \t]+(?:man|woman|boy|girl|teen|teenager|resident|couple|native|motorist|driver)\b")
# Names listed before "counties" or "parishes": each is a county ("Greenville and Anderson counties").
_COUNTY_WORD = re.compile(r"[ \t]+(counties|parishes)\b")
_COUNTY_LIST = re.compile(r"(?<![\w'’.\-])(?:[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*)?(?:,[ \t]+|,?[ \t]+and[ \t]+))+"
                          r"[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*)?$")
COUNTY_LIST_MAX_CHARS = 300  # a list is read back this far from its plural word
_LIST_ITEM = re.compile(r"[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*)?")
_LIST_WORDS = re.compile(r"(?:,[ \t]+|,?[ \t]+and[ \t]+)")
CITY_POPULATION = 100_000
# ", Y" closing a name's phrase: "Knockhill, Fife.", "Croft, Yorkshire;".
_REGION_CLOSING = re.compile(r",[ \t]+([A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*)?)(?=[.,;:)\n]|[ \t]+[—–-])")


def is_home_town(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is a person's home town: after a name and maybe an age ("John Smith,
    45, of Clinton", "Miss Abdhou, of Hayes") or between an article and a person ("a 45-year-old Clinton man")."""
    return bool(_HOMETOWN_BEFORE.search(text, max(0, start - 60), start)
                or _ARTICLE_BEFORE.search(text, max(0, start - 20), start) and _PERSON_AFTER.match(text, end))


def listed_counties(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, county name) of each name listed before "counties" or "parishes" ("Greenville and
    Anderson counties" gives Greenville County and Anderson County)."""
    for plural in _COUNTY_WORD.finditer(text):
        window = max(0, plural.start() - COUNTY_LIST_MAX_CHARS)
        match = _COUNTY_LIST.search(text, window, plural.start())
        if match is None:
            continue
        word = "County" if plural.group(1) == "counties" else "Parish"
        position = match.start()
        for item in _LIST_WORDS.split(match.group()):
            found = _LIST_ITEM.fullmatch(item)
            start = text.index(item, position)
            position = start + len(item)
            if found:
                yield start, position, f"{item} {word}"


def named_with_its_region(text: str, end: int, gazetteer: Gazetteer) -> bool:
    """Whether ", Y" follows ``end`` and closes there, Y a state, province, county or country and no city of
    CITY_POPULATION or more by its own name ("Knockhill, Fife.", not "Norfolk"): the name before it is a town
    of Y."""
    region = _REGION_CLOSING.match(text, end)
    ids = gazetteer.lookup(region.group(1)) if region else []
    return any(gazetteer.feature(i) in (FEATURE_ADMIN1, FEATURE_ADMIN2, FEATURE_COUNTRY) for i in ids) and not any(
        gazetteer.feature(i).startswith("P.") and gazetteer.population(i) >= CITY_POPULATION
        and normalise(gazetteer.name(i)) == normalise(region.group(1)) for i in ids)


# More towns of a list before its state: ", Hammond" and " and Hammond" of "Gary and Hammond, Ind.".
_LIST_MEMBER = re.compile(r"(?:,[ \t]+|,?[ \t]+(?:and|or)[ \t]+)" + _LIST_ITEM.pattern)
LIST_BEFORE_STATE_MAX_MEMBERS = 4


def named_with_its_state(text: str, end: int, ids: list[int], gazetteer: Gazetteer) -> bool:
    """Whether the name ending at ``end``, or the list it opens, is followed by ", " and a state or province
    holding a town of that name ("Moore, Okla.", "Normal, Illinois", "Gary and Hammond, Ind."): the "Town,
    State" pattern makes even a common word a town."""
    g = gazetteer
    for _ in range(LIST_BEFORE_STATE_MAX_MEMBERS + 1):
        if text[end:end + 2] == ", ":
            states = [e for start, _, key in g.matches(text[end + 2:end + 40]) if start == 0 for e in g.lookup(key)
                      if g.feature(e) == FEATURE_ADMIN1 and g.admin1(e)]
            if any(g.feature(i).startswith("P.") and g.is_inside(i, e) for i in ids for e in states):
                return True
        member = _LIST_MEMBER.match(text, end)
        if member is None:
            return False
        end = member.end()
    return False
