"""Referents: every distinct surface name of a document, with its mentions and gazetteer candidates, and
what the text right around the name settles about them ("the Niger River", "Palestine, Texas").
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from geo.coords import nearest_km
from geo.cue_words import AIRPORT_CUE, RIVER_AFTER, RIVER_BEFORE, RIVER_CUE
from geo.gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_AIRPORT,
    FEATURE_CAPITAL,
    FEATURE_COUNTRY,
    Gazetteer,
    normalise,
    own_name_key,
)
from geo.mentions import Mention

# A region's word closing a name: the name is that region, whatever else its bare name is.
_DIVISION_WORD_END = re.compile(r" (?:state|province|region|district|governorate|prefecture|oblast|county|région)$")
# A capitalised region's word right after a name the model cut off before it ("Niger" of "Niger State").
_DIVISION_AFTER = re.compile(r" (State|Province|Region|Governorate)\b")
# What joins the names of a list: "Gao, Kidal and Ménaka".
LIST_LINK = re.compile(r",? (?:and|or|&) |, ")


@dataclass
class Referent:
    """One distinct surface name of a document (normalised ``key``), its mentions, its gazetteer
    candidates and the text around its mentions."""

    key: str
    mentions: list[Mention]
    candidates: list[int]
    context: str
    has_own_name_town: bool = False  # a town among the candidates carries the name as its own
    world_city_countries: frozenset[str] | None = None  # set at resolution, once the candidates are settled
    namesake_support: dict[int, float] = field(default_factory=dict)  # set at resolution (see geo.resolve)


def context_words(full_text: str, mention: Mention, width: int = 30) -> str:
    """The text within ``width`` characters of a mention, the mention included."""
    return full_text[max(0, mention.start - width):mention.end + width]


def names_a_river(full_text: str, mention: Mention) -> bool:
    """Whether a river word stands right before or after the mention ("le fleuve Niger", "Niger River")."""
    return bool(RIVER_BEFORE.search(full_text, max(0, mention.start - 20), mention.start)
                or RIVER_AFTER.match(full_text, mention.end))


def referents_of(full_text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Referent]:
    """The document's mentions grouped by name: a name with a river word beside it is the river, a name
    closing with a region's word the region ("Niger State"), a name after a town's possessive a place of
    that town (``keep_near_possessor``); the airport of a name is a candidate only when flights or airports
    are near; a county of a state the story names can be a one-word name (``add_counties_of_named_states``)."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        key = normalise(mention.text)
        if mention.county:
            key = normalise(mention.county)  # "Greenville" of "Greenville and Anderson counties"
        elif "river" not in key and names_a_river(full_text, mention):
            key = f"{key} river"  # its own referent: the river, whatever the bare name is elsewhere
        elif division := _DIVISION_AFTER.match(full_text, mention.end):
            key = f"{key} {division.group(1).lower()}"  # "Niger" of "Nigeria's Niger State": the state
        groups[key].append(mention)
    referents = []
    for key, members in groups.items():
        candidates = list(dict.fromkeys(members[0].candidates or gazetteer.candidates(members[0].text)))
        if key.endswith(" county"):  # "Newport County": also Newport, Wales, a county named without the word
            candidates += [i for i in gazetteer.lookup(key[:-7]) if gazetteer.feature(i) == FEATURE_ADMIN2 and i not in candidates]
        context = " ".join(context_words(full_text, m) for m in members)
        named_river = key.endswith(" river")
        nearby_river = not named_river and RIVER_CUE.search(context) and "river" not in key and f"{key} river" not in groups
        rivers = ([i for i in gazetteer.lookup(f"{members[0].text} River") if i not in candidates]
                  if named_river or nearby_river else [])
        if named_river and rivers:
            candidates = rivers
        elif nearby_river:
            candidates += rivers  # a river word nearby; not where the river is named apart ("au Niger" then)
        divisions = [i for i in candidates if gazetteer.feature(i).startswith("A.ADM")]
        if divisions and _DIVISION_WORD_END.search(key):
            candidates = divisions  # "Niger State" is the Nigerian state, not the country
        if not AIRPORT_CUE.search(context):  # "Chopin" is the composer, "Samos" the island, unless flights are near
            candidates = [i for i in candidates if gazetteer.feature(i) != FEATURE_AIRPORT or "airport" in key]
        own = any(gazetteer.feature(i).startswith("P.") and own_name_key(gazetteer.name(i)) == own_name_key(key)
                  for i in candidates)
        referents.append(Referent(key, members, candidates, context, own))
    keep_near_possessor(full_text, referents, {m.end: r for r in referents for m in r.mentions}, gazetteer)
    add_counties_of_named_states(referents, gazetteer)
    return referents


# A name followed by a country where it has no candidate is a town of that country the gazetteer lacks when
# its namesakes abroad are all smaller than this ("Solhan, Burkina Faso", not Solhan, Turkey).
SMALL_TOWN_ABROAD_POPULATION = 100_000


def keep_towns_in_named_state(full_text: str, referents: list[Referent], by_start: dict[int, Referent],
                               gazetteer: Gazetteer) -> None:
    """"Town, State" settles the town for the whole document: when a mention is followed by ", Y" and Y can
    be a state or province holding towns of that name ("Palestine, Texas", "Alexandria, La."), only those
    towns stay candidates, so the name is neither the country nor a foreign namesake, and lends no country
    evidence. When the name has no candidate at all in the country of Y, a state or a county that can be
    nothing else ("Turkey, Texas", "Rockingham, Northamptonshire": towns too small for the gazetteer), it is
    a town the gazetteer lacks, located at Y, not a namesake abroad. A list ("Georgia, Alabama", "Mexico,
    Texas and Arizona") is left alone: there the first name can be a state or country too; so is a Y that
    can be a country where the name has a candidate ("Tbilisi, Georgia"), or a capital ("advance on Bamako,
    Washington must decide"). A name followed by a country where it has no candidate, its namesakes being
    small towns abroad, is a town of that country the gazetteer lacks ("Solhan, Burkina Faso")."""
    for referent in referents:
        inside, unknown_town = set(), False
        for mention in referent.mentions:
            follower = by_start.get(mention.end + 2) if full_text[mention.end:mention.end + 2] == ", " else None
            if follower is None or follower is referent:
                continue
            states = [c for c in follower.candidates if gazetteer.feature(c) == FEATURE_ADMIN1 and gazetteer.admin1(c)]
            counties = [c for c in follower.candidates if gazetteer.feature(c) == FEATURE_ADMIN2
                        and (gazetteer.admin1(c) or gazetteer.is_curated(c))]
            if not all(gazetteer.feature(c) in (FEATURE_ADMIN1, FEATURE_ADMIN2) for c in follower.candidates):
                counties = []  # "Norfolk" is a county and a city: only a state settles it
            regions = states + counties
            if any(gazetteer.feature(i) in (FEATURE_ADMIN1, FEATURE_ADMIN2)
                   and gazetteer.country(i) == gazetteer.country(region) for i in referent.candidates for region in regions):
                continue
            inside.update(i for i in referent.candidates if gazetteer.feature(i).startswith("P.")
                          for state in states if gazetteer.is_inside(i, state))
            state_end = next(m.end for m in follower.mentions if m.start == mention.end + 2)
            link = LIST_LINK.match(full_text, state_end)
            in_list = link is not None and by_start.get(link.end()) is not None
            follower_countries = {gazetteer.country(c) for c in follower.candidates}
            unknown_town |= bool(regions) and not in_list and not any(
                gazetteer.country(i) in follower_countries for i in referent.candidates) and not any(
                gazetteer.feature(c) == FEATURE_CAPITAL for c in follower.candidates)  # "Bamako, Washington must"
            unknown_town |= _small_town_abroad(referent, follower, gazetteer) and not in_list  # "Solhan, Burkina Faso"
        if inside:
            referent.candidates = [i for i in referent.candidates if i in inside]
        elif unknown_town:
            referent.candidates = []


def _small_town_abroad(referent: Referent, country: Referent, gazetteer: Gazetteer) -> bool:
    """Whether a name followed by ", Y", Y nothing but a country, has only towns of under
    SMALL_TOWN_ABROAD_POPULATION people elsewhere: a town of Y the gazetteer lacks ("Solhan, Burkina Faso",
    not Solhan, Turkey), not a namesake abroad."""
    return bool(country.candidates) and all(gazetteer.feature(c) == FEATURE_COUNTRY for c in country.candidates) and all(
        gazetteer.feature(i).startswith("P.") and gazetteer.population(i) < SMALL_TOWN_ABROAD_POPULATION
        and gazetteer.country(i) not in {gazetteer.country(c) for c in country.candidates} for i in referent.candidates)


def place_inside_name(key: str, places: Iterable[str]) -> str | None:
    """The longest of ``places`` (normalised names) that is a whole-word part of the normalised name ``key``
    and shorter than it ("manassas" of "lake manassas"), or None."""
    inside = [place for place in places if place != key and f" {place} " in f" {key} "]
    return max(inside, key=len, default=None)


# A town's possessive right before a name: "Dhaka's " of "Dhaka's Old Town".
_POSSESSIVE_GAP = re.compile(r"(?:['’]s|\s+(?:slum|suburb|neighbou?rhood|district|township|quarter)\s+of)\s+$")
# "the" before a town that qualifies a quarter's word ("the Nairobi slum of"; not "Hassan district of Karnataka").
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
# A name after a town's possessive lies within this distance of the town.
POSSESSOR_KM = 50.0
# A possessor is read as a town when one of its towns is a capital or has this many people ("Dhaka's", not
# "Texas's", whose towns are villages).
TOWN_OWNER_POPULATION = 100_000


def possessor(full_text: str, mention: Mention, by_end: dict[int, Referent]) -> Referent | None:
    """The name whose possessive stands right before the mention ("Dhaka" of "Dhaka's Old Town"), or that
    qualifies a quarter's word before it ("the Nairobi slum of Kibera", "the Damascus suburb of Douma"), or None."""
    gap = _POSSESSIVE_GAP.search(full_text, max(0, mention.start - 20), mention.start)
    owner = by_end.get(gap.start()) if gap else None
    if owner is None or gap.group(0)[0] in "'’":
        return owner
    start = next(m.start for m in owner.mentions if m.end == gap.start())
    return owner if _THE_BEFORE.search(full_text, max(0, start - 6), start) else None


def _towns_of_owner(owner: Referent | None, gazetteer: Gazetteer) -> list[int]:
    """The towns of a possessor's name when one is a capital or a city of TOWN_OWNER_POPULATION people and
    the name is no country's or region's ("Dhaka's"; not "China's", nor "Texas's", whose towns are villages)."""
    if owner is None or any(gazetteer.feature(i) in ("A.PCLI", "A.TERR") or gazetteer.feature(i).startswith("L.")
                            for i in owner.candidates):
        return []
    towns = [i for i in owner.candidates if gazetteer.feature(i).startswith("P.")]
    large = any(gazetteer.feature(i) == "P.PPLC" or gazetteer.population(i) >= TOWN_OWNER_POPULATION for i in towns)
    return towns if large else []


def keep_near_possessor(full_text: str, referents: list[Referent], by_end: dict[int, Referent],
                        gazetteer: Gazetteer) -> None:
    """A name always following a town's possessive lies in that town ("Dhaka's Old Town", "Cairo's Tahrir
    Square"; see ``_towns_of_owner``): its candidates farther than POSSESSOR_KM from every town of the
    possessor's name are dropped, so that, left without any, it is a site located at the town rather than
    a namesake abroad (Old Town, Maine)."""
    for referent in referents:
        owners = []
        for mention in referent.mentions:
            owner = possessor(full_text, mention, by_end)
            towns = _towns_of_owner(owner, gazetteer) if owner is not referent else []
            if not towns:
                break
            owners.append(towns)
        else:
            if owners and referent.candidates:
                points = [gazetteer.point(i) for towns in owners for i in towns]
                distances = nearest_km([gazetteer.point(i) for i in referent.candidates], points)
                referent.candidates = [i for i, km in zip(referent.candidates, distances) if km <= POSSESSOR_KM]


def add_counties_of_named_states(referents: list[Referent], gazetteer: Gazetteer) -> None:
    """A one-word name without a candidate in the states the story names (names that can only be states),
    where one of them has a county of that name, gains the county as its first candidate ("the Middlesex
    District Attorney" in a Massachusetts story: Middlesex County, not Middlesex, New Jersey)."""
    states = {c for r in referents if r.candidates and all(gazetteer.feature(c) == FEATURE_ADMIN1 for c in r.candidates)
              for c in r.candidates}
    if not states:
        return
    for referent in referents:
        if " " in referent.key or any(gazetteer.feature(i) in (FEATURE_ADMIN1, FEATURE_ADMIN2) or any(
                gazetteer.is_inside(i, s) for s in states) for i in referent.candidates):
            continue
        counties = [c for c in gazetteer.lookup(f"{referent.mentions[0].text} County")
                    if gazetteer.feature(c) == FEATURE_ADMIN2 and any(gazetteer.is_inside(c, s) for s in states)]
        referent.candidates = counties + referent.candidates
