"""Sites that French names after their word: "le stade Modibo Keïta de Bamako", "l'hôpital Gabriel Touré à
Bamako", "l'aéroport international Modibo Keïta". The name after the word is the site's own, most often a
person's; it is no place of its own ("Keïta" is not Keïta, Niger), and the town after "de" or "à" is the
site's host, whatever the model made of the words (it tags "Modibo Keïta de Bamako" a person)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from geo.filters import is_prominent
from geo.gazetteer import Gazetteer, normalise

# French words for a site, before its name; an airport's name is looked up with the English word too, as
# the gazetteer holds it ("Modibo Keita International Airport").
SITE_WORDS = ("hôpital", "stade", "aéroport", "caserne", "camp", "école", "lycée", "mosquée", "prison", "université",
              "hôtel")
_AIRPORT_NAMES = ("{} airport", "{} International Airport")
_NAME = r"[A-ZÀ-Ý][\w'’\-]*"
_SITE_BEFORE_NAME = re.compile(
    r"\b(?P<word>(?i:" + "|".join(SITE_WORDS) + r"))(?:[ \t]+(?:international|internationale|militaire|régional|"
    r"régionale|national|nationale|municipal|municipale))?[ \t]+(?P<name>" + _NAME + r"(?:[ \t]+" + _NAME + "){0,3})")
_HOST_AFTER = re.compile(r"[ \t]+(?:de|à|d['’])[ \t]*(?P<host>" + _NAME + r"(?:[ \t-]+" + _NAME + "){0,2})")


class FrenchSite(NamedTuple):
    """A site named after its French word: its span, its candidates (an airport the gazetteer holds) and the
    span and candidates of the town named right after it, if any."""

    start: int
    end: int
    candidates: list[int]
    host: tuple[int, int, list[int]] | None


def french_sites(text: str, gazetteer: Gazetteer, region: frozenset[str]) -> Iterator[FrenchSite]:
    """The sites of ``text`` named after a French site word by a name that is no town of the story's ``region``
    (countries) and holds no prominent place under its own name."""
    g = gazetteer
    for match in _SITE_BEFORE_NAME.finditer(text):
        name = match.group("name")
        if any(g.country(i) in region for i in g.lookup(name)) or any(
                is_prominent([i for i in g.lookup(word) if normalise(g.name(i)) == normalise(word)], g)
                for word in name.split()):
            continue  # named after a place ("l'université Bordeaux Montaigne", "le camp Kati"): read as usual
        candidates = []
        if match.group("word").lower() == "aéroport":
            candidates = next((ids for form in _AIRPORT_NAMES if (ids := g.lookup(form.format(name)))), [])
        after = _HOST_AFTER.match(text, match.end())
        host_ids = g.lookup(after.group("host")) if after else []
        host = (after.start("host"), after.end("host"), host_ids) if host_ids else None
        yield FrenchSite(match.start(), match.end(), candidates, host)
