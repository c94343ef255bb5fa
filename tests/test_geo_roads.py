"""Roads named by their number and streams named after places: what they are, and where they are pinned."""
from __future__ import annotations

import pytest

from geo.resolve import find_places
from geo.roads import road_spans


def _roads(text: str) -> list[str]:
    return [text[s:e] for s, e in road_spans(text, [(0, len(text))])]


@pytest.mark.parametrize("text, roads", [
    ("Deputies followed the car north on U.S. 641 through Puryear.", ["U.S. 641"]),
    ("Drivers will detour via U.S. 22 and Interstate 70 through Cambridge.", ["Interstate 70", "U.S. 22"]),
    ("Troopers closed I-40 west of Nashville and U.S. Route 31 in Columbia.", ["U.S. Route 31", "I-40"]),
    ("Highway 41 reopened on Monday.", ["Highway 41"]),
    ("The A417 southbound carriageway will close at the A429 junction.", ["A417", "A429"]),
    ("A diversion will run via the A436, A40 and A429.", ["A436", "A40", "A429"]),
    ("Une embuscade sur la RN16 et sur la route nationale 15.", ["RN16", "route nationale 15"]),
    # streets named by their ordinal
    ("Police closed Third Street and 14th St. after the shooting.", ["Third Street", "14th St."]),
    ("The fire at 2700 North Fourth Street spread to Fifth Avenue.", ["North Fourth Street", "Fifth Avenue"]),
    # numbers that are no roads
    ("The U.S. 10-year yield rose.", []),
    ("US 5 percent growth was good news on the road to recovery.", []),
    ("Students need a Form I-20 to enrol.", []),
    ("The A380 landed in Dubai.", []),
    ("The U.S. 2020 census counted them.", []),
    ("She finished third in the street race.", []),
])
def test_road_spans(text, roads):
    assert _roads(text) == roads


def _found(resources, text: str) -> dict:
    return find_places(resources.nlp(text), resources.gazetteer)


@pytest.mark.parametrize("text, road, host, not_pinned", [
    ("PARIS, Tenn. -- Deputies followed the car north on U.S. 641 through Puryear before it crashed near Murray.",
     "U.S. 641", "Paris", "United States"),
    ("Troopers closed I-40 west of Nashville and U.S. Route 31 in Columbia, Tenn.", "U.S. Route 31", "Columbia",
     "United States"),
    ("À Gao, au Mali, les habitants ont fui Gao. Les jihadistes ont attaqué un convoi sur la route nationale 15 "
     "près de Bourem.", "route nationale 15", "Bourem", None),
])
def test_a_road_lies_at_its_host_and_names_no_country(resources, text, road, host, not_pinned):
    found = _found(resources, text)
    place = next(p for p in found["places"] if p["name"] == road)
    assert place["located_by"]["name"] == host
    assert not any(p["name"] == not_pinned for p in found["places"])


@pytest.mark.parametrize("text, stream, host, not_pinned", [
    ("Police said the car went into Turkey Creek near Knoxville, Tenn.", "Turkey Creek", "Knoxville", "Turkey"),
    ("The body was found near the Jordan River in Salt Lake City.", "Jordan River", "Salt Lake City", "Jordan"),
    ("Crews searched the Delaware River near Trenton, N.J., on Sunday.", "Delaware River", "Trenton", "Delaware"),
])
def test_a_stream_named_after_a_place_lies_at_its_host(resources, text, stream, host, not_pinned):
    found = _found(resources, text)
    place = next(p for p in found["places"] if p["name"] == stream)
    assert place["located_by"]["name"] == host
    assert not any(p["name"] == not_pinned for p in found["places"])


@pytest.mark.parametrize("text, name, host, not_pinned", [
    # a memorial is named after a person more often than a place: it lies at the story's place, not in Nebraska
    ("Crowds gathered in Washington as the Lincoln Memorial reopened on Monday.", "Lincoln Memorial", "Washington",
     "Lincoln"),
    # a place's name after "Little" is a city's quarter, not that place
    ("Police in Los Angeles said the parade in Little Tokyo was peaceful.", "Little Tokyo", "Los Angeles", "Tokyo"),
])
def test_memorials_and_little_quarters_lie_at_their_host_not_at_the_place_of_their_name(resources, text, name, host,
                                                                                      not_pinned):
    found = _found(resources, text)
    place = next(p for p in found["places"] if p["name"] == name)
    assert place["located_by"]["name"] == host
    assert not any(p["name"] == not_pinned for p in found["places"])


def test_a_river_the_gazetteer_holds_under_its_short_name_keeps_its_entry(resources):
    found = _found(resources, "Boats sank on the Niger River near Mopti, Mali.")
    assert any(p["feature"] == "H.STM" and p["name"] == "Niger River" for p in found["places"])
