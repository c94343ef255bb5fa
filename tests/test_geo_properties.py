"""Geoparsing on hostile input: arbitrary unicode never raises, and documents naming very many places are capped."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimatlas.model import Document
from claimatlas.pipeline import analyse_documents, cap_places
from geo import find_places, validate

# Fragments that reach every stage: known places, ambiguous names, disease compounds, abbreviations.
FRAGMENTS = ["Bamako", "Faladie", "Niger", "Mali", "Orange County", "N.M.", "Reston ebolavirus", "Marburg virus",
             "the capital", "River", "Background", "France 24", ", ", " and ", "\n", " ", ".", "'s", "Malian"]
texts = st.lists(st.one_of(st.text(max_size=25), st.sampled_from(FRAGMENTS)), max_size=25).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_find_places_never_raises_on_arbitrary_unicode(nlp, gazetteer, text):
    result = find_places(nlp(text), gazetteer)
    for place in result["places"]:
        assert validate(place["lat"], place["lon"]) == (place["lat"], place["lon"])
        assert 0.0 <= place["confidence"] <= 1.0
        for span in place["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(text)
    for unresolved in result["unresolved"]:
        assert unresolved["spans"]


def gazetteer_town_names(gazetteer, count: int) -> list[str]:
    """Distinct ASCII names of towns of 20,000+ people, in gazetteer order."""
    names: dict[str, None] = {}
    for i in range(len(gazetteer)):
        name = gazetteer.name(i)
        if gazetteer.feature(i) == "P.PPL" and gazetteer.population(i) >= 20_000 and name.isascii():
            names.setdefault(name)
            if len(names) == count:
                break
    return list(names)


@pytest.mark.parametrize("count, limit, kept, warned", [(3, 5, 3, False), (5, 5, 5, False), (8, 5, 5, True)])
def test_cap_places_keeps_the_first_places_and_warns(count, limit, kept, warned):
    places = [{"name": f"P{i}", "mentions": count - i} for i in range(count)]
    capped, warnings = cap_places(places, ["earlier warning"], limit=limit)
    assert [p["name"] for p in capped] == [f"P{i}" for i in range(kept)]
    assert warnings[0] == "earlier warning"
    assert (len(warnings) == 2) == warned
    if warned:
        assert warnings[1].startswith(f"{count - limit} of {count} places not shown")


def test_pipeline_caps_a_document_naming_hundreds_of_places(resources, gazetteer):
    names = gazetteer_town_names(gazetteer, 300)
    text = " ".join(f"Officials visited {a}, {b} and {c}." for a, b, c in zip(names[0::3], names[1::3], names[2::3]))
    document = Document(id="many", path="many.txt", text=text)
    [record] = analyse_documents([document], dataclasses.replace(resources, max_places_per_document=40))
    found = len(find_places(resources.nlp(text), gazetteer)["places"])
    assert found > 150, "most generated town names are found"
    assert len(record.places) == 40
    assert record.warnings == [f"{found - 40} of {found} places not shown: more than 40 places in one document "
                               "(max_places_per_document)"]
    assert document.warnings == [], "the document's own warnings list is not modified"
