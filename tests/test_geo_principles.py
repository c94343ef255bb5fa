"""General principles of place finding, one table each, on the real spaCy model and the real gazetteer:
places inside organisations' names, the person test, sites at their city, all-caps datelines."""
from __future__ import annotations

import pytest

from geo.resolve import find_places

BAMAKO_STORY = ("BAMAKO, Mali (AP) — Gunmen attacked the gendarmerie school in Faladié on Tuesday. Residents of "
                "Bamako fled. The U.S. Embassy in Bamako closed. Victims were taken to Gabriel Touré hospital, "
                "officials in Bamako said.")


def _found(resources, text: str) -> dict:
    return find_places(resources.nlp(text), resources.gazetteer)


def _pinned(found: dict) -> set[str]:
    return {p["name"] for p in found["places"]} | {s["text"] for p in found["places"] for s in p["spans"]}


@pytest.mark.parametrize("text, place, organisation", [
    ("The African Union met in Addis Ababa on Monday.", "Africa", None),
    ("Fighters of the Africa Corps arrived in Bamako, Mali.", "Africa", "Africa Corps"),
    ("U.S. Africa Command said the strike killed ten militants in Somalia.", "Africa", "U.S. Africa Command"),
    ("A researcher at the Africa Center for Strategic Studies said Mali was unstable.", "Africa",
     "Africa Center for Strategic Studies"),
    # "Ohio" and "Kentucky" alone are dropped earlier (one_word_common_word), so no record is made
    ("The Ohio Department of Development announced grants.", "Ohio", None),
    ("Kentucky State Police said the driver died.", "Kentucky", None),
    ("Officials of the Kenya Airways said flights resumed.", "Kenya", "Kenya Airways"),
    ("The Nairobi City Council met Toronto Transit Commission staff.", "Toronto", "Toronto Transit Commission"),
    ("The Nairobi City Council met Toronto Transit Commission staff.", "Nairobi", "Nairobi City Council"),
    ("Officials at the Sustainable Energy Authority of Ireland (SEAI) spoke.", "Ireland",
     "Sustainable Energy Authority of Ireland"),
])
def test_places_inside_organisations_are_not_pinned(resources, text, place, organisation):
    found = _found(resources, text)
    assert not any(place in name for name in _pinned(found))
    if organisation is not None:
        record = next(o for o in found["organisations"] if o["name"] == organisation and o["place"] == place)
        assert record["lat"] is not None and record["spans"][0]["text"] == place
    assert not any(place in a["name"] and a["target"] == place for a in found["associations"])


@pytest.mark.parametrize("text, name, kept", [
    ("Mr Gao said the talks would continue in Bamako.", "Gao", False),  # title + PERSON
    ("President Sall met Minister Diop in Dakar, Senegal.", "Sall", False),
    ("General Motors said sales rose in Detroit.", "General", False),  # company
    ("Delta Airlines cut flights to Atlanta.", "Delta", False),
    ("Acme Motors Inc opened a plant near Lagos.", "Acme", False),
    ("Fighters seized Gao on Monday, officials in Bamako said.", "Gao", True),  # the town itself
    ("Fighters of the Africa Corps reached Gao, Mali.", "Gao", True),
])
def test_person_and_company_names_are_not_places(resources, text, name, kept):
    assert (name in _pinned(_found(resources, text))) == kept


@pytest.mark.parametrize("text, name", [
    ("Fighting in Bamako, Mali, went on. Mr Qqzz Wwyy said Bamako was calm.", "Qqzz Wwyy"),
    ("Fighting in Bamako, Mali, went on. Amadou said so. Amadou Qqzzbe visited Bamako.", "Amadou Qqzzbe"),
])
def test_a_person_like_name_without_candidate_is_never_pinned_at_the_main_place(resources, nlp, text, name):
    from spacy.tokens import Span

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [
        Span(doc, span.start, span.end, label="GPE")]
    found = find_places(doc, resources.gazetteer)
    assert not any(p["name"] == name for p in found["places"])


@pytest.mark.parametrize("text, site, host", [
    (BAMAKO_STORY, "U.S. Embassy", "Bamako"),
    (BAMAKO_STORY, "Gabriel Touré hospital", "Bamako"),
    ("Gunmen hit Bamako. Bamako was tense. The U.S. Embassy in Mali closed.", "U.S. Embassy", "Bamako"),
    ("Gunmen hit Gao. Gao was tense. The U.S. Embassy in Mali closed.", "U.S. Embassy", "Gao"),
])
def test_sites_are_pinned_at_the_story_city(resources, text, site, host):
    found = _found(resources, text)
    place = next(p for p in found["places"] if p["name"] == site)
    assert place["located_by"]["name"] == host


def test_the_gendarmerie_school_neighbourhood_is_in_bamako(resources):
    found = _found(resources, BAMAKO_STORY)
    faladie = next(p for p in found["places"] if p["name"] == "Faladié")
    bamako = next(p for p in found["places"] if p["name"] == "Bamako")
    assert abs(faladie["lat"] - bamako["lat"]) < 0.2 and abs(faladie["lon"] - bamako["lon"]) < 0.2


@pytest.mark.parametrize("text, name, country", [
    (BAMAKO_STORY, "Bamako", "ML"),
    ("DAKAR (Reuters) - Senegal's president spoke on Monday about Mali.", "Dakar", "SN"),
    ("JOHANNESBURG (Reuters) - Prices rose in South Africa on Monday.", "Johannesburg", "ZA"),
    ("NIAMEY, Niger (AP) — The junta met on Monday.", "Niamey", "NE"),
])
def test_all_caps_datelines_are_places_flagged_dateline(resources, text, name, country):
    found = _found(resources, text)
    place = next(p for p in found["places"] if p["name"] == name)
    assert place["country"] == country and place.get("dateline") is True
    assert all("dateline" not in p for p in found["places"] if p is not place)


def test_no_dateline_flag_without_a_dateline(resources):
    found = _found(resources, "Officials in Dakar, Senegal, spoke on Monday.")
    assert not any("dateline" in p for p in found["places"])
