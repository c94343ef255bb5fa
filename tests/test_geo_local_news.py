"""How local news names its towns and counties: home towns and listed counties."""
from __future__ import annotations

import pytest

from geo.coords import haversine_km
from geo.local_news import is_home_town, listed_counties, named_with_its_region
from geo.resolve import find_places


@pytest.mark.parametrize("text, name, home", [
    ("John Smith, 45, of Clinton, was charged.", "Clinton", True),
    ("A 45-year-old Clinton man was charged.", "Clinton", True),
    ("A Sapulpa woman was a passenger.", "Sapulpa", True),
    ("Miss Abdhou, of Hayes, was not the target.", "Hayes", True),
    ("Police in Clinton said a man was charged.", "Clinton", False),
    ("The Clinton plan was passed.", "Clinton", False),
    ("Smith, 45, said Clinton was wrong.", "Clinton", False),
])
def test_is_home_town(text, name, home):
    start = text.index(name)
    assert is_home_town(text, start, start + len(name)) == home


@pytest.mark.parametrize("text, counties", [
    ("Greenville and Anderson counties opened shelters.", ["Greenville County", "Anderson County"]),
    ("Knox, Blount and Sevier counties closed schools.", ["Knox County", "Blount County", "Sevier County"]),
    ("Orleans and Jefferson parishes flooded.", ["Orleans Parish", "Jefferson Parish"]),
    ("Schools in the two counties closed.", []),
    ("Greenville County opened a shelter.", []),
])
def test_listed_counties(text, counties):
    assert [county for _, _, county in listed_counties(text)] == counties
    assert all(text[start:end] == county.rsplit(" ", 1)[0] for start, end, county in listed_counties(text))


@pytest.mark.parametrize("text, surface, lat, lon", [
    ("Residents braced for snow; Greenville and Anderson counties opened shelters, while Spartanburg salted roads.",
     "Anderson", 34.55, -82.59),
    ("A 45-year-old Clinton man was charged after a chase that ended northeast of Tulsa, Oklahoma troopers said.",
     "Clinton", 35.52, -98.97),
])
def test_home_towns_and_listed_counties_are_found(resources, text, surface, lat, lon):
    found = find_places(resources.nlp(text), resources.gazetteer)
    place = next(p for p in found["places"] if any(s["text"] == surface for s in p["spans"]))
    assert haversine_km((place["lat"], place["lon"]), (lat, lon)) < 30


@pytest.mark.parametrize("text, name", [
    # the model joins the town and its county in one entity, or tags the town an organisation
    ("2018 calendar. 19/20 May: Thruxton, Hampshire. 25/26 August: Knockhill, Fife.", "Thruxton"),
    ("2018 calendar. 19/20 May: Thruxton, Hampshire. 25/26 August: Knockhill, Fife.", "Knockhill"),
])
def test_a_town_with_its_region_after_a_comma_is_found(resources, text, name):
    found = find_places(resources.nlp(text), resources.gazetteer)
    assert name in [s["text"] for p in found["places"] + found["unresolved"] for s in p["spans"]]


@pytest.mark.parametrize("text, closes", [
    ("Knockhill, Fife.", True),
    ("Thruxton, Hampshire; then", True),
    ("Qqq, Mali — the army", True),
    ("Qqq, Norfolk.", False),  # a county and a city of 240,000
    ("Qqq, Fife and Qqq", False),  # the phrase goes on
])
def test_named_with_its_region(resources, text, closes):
    assert named_with_its_region(text, 3 if text.startswith("Qqq") else text.index(","), resources.gazetteer) == closes
