"""Gazetteer, toponym recognition and resolution, on the real spaCy model and the real gazetteer."""
from __future__ import annotations

import pickle

import pytest
from spacy.tokens import Span

from geo import Gazetteer, find_places, haversine_km, validate
from geo.build import airport_names
from geo.gazetteer import _load, cache_path, normalise

# Reference points from public sources (Wikipedia), independent of the gazetteer.
FALADIE_QUARTER = (12.5869, -7.9586)
FALADIE_VILLAGE = (13.1366, -8.3355)
BAMAKO = (12.6392, -8.0029)
OUAGADOUGOU = (12.3714, -1.5197)
AIRPORT = (12.5335, -7.9499)
CITY_TOLERANCE_KM = 25


def place_named(result, name):
    return next((p for p in result["places"] if normalise(p["name"]) == normalise(name)
                 or any(normalise(s["text"]) == normalise(name) for s in p["spans"])), None)


@pytest.mark.parametrize("lat, lon, ok", [
    (12.6, -8.0, True), (-90, 180, True), (91, 0, False), (0, 181, False), (float("nan"), 0, False),
])
def test_validate_coordinates(lat, lon, ok):
    if ok:
        assert validate(lat, lon) == (lat, lon)
    else:
        with pytest.raises(ValueError):
            validate(lat, lon)


def test_gazetteer_cache_roundtrip(gazetteer):
    path = cache_path()
    assert path.exists(), "the first load writes the compact index to the cache directory"
    with path.open("rb") as f:
        reloaded = pickle.load(f)
    assert len(reloaded) == len(gazetteer) > 234_908
    assert reloaded.lookup("Bamako") == gazetteer.lookup("Bamako")
    _load.cache_clear()
    assert Gazetteer.load().lookup("Ouagadougou") == gazetteer.lookup("Ouagadougou")


def test_gazetteer_has_supplement_rows_with_sources(gazetteer):
    features = {gazetteer.feature(i) for i in gazetteer.lookup("Faladie")}
    assert {"P.PPL", "P.PPLX"} <= features  # the village from GeoNames and the Bamako quarter
    assert any(gazetteer.feature(i) == "H.STM" for i in gazetteer.lookup("Niger River"))
    assert gazetteer.lookup("Background") == []


@pytest.mark.parametrize("text, name, country, feature_prefix, near, within_km", [
    ("Gunmen attacked the Faladie gendarmerie school in Bamako, the capital of Mali.",
     "Faladie", "ML", "P.PPLX", FALADIE_QUARTER, 12),
    ("Mali, Niger, and Burkina Faso have withdrawn from ECOWAS.", "Niger", "NE", "A.PCLI", None, None),
    ("A missionary was kidnapped in Niger on October 21.", "Niger", "NE", "A.PCLI", None, None),
    ("Fighters surrounded Bamako, the capital of Mali.", "Bamako", "ML", "P.PPLC", BAMAKO, CITY_TOLERANCE_KM),
    ("Both Bamako and Ouagadougou (capital of neighboring Burkina Faso) are at risk.",
     "Ouagadougou", "BF", "P.PPLC", OUAGADOUGOU, CITY_TOLERANCE_KM),
    ("Both Bamako and Ouagadougou (capital of neighboring Burkina Faso) are at risk.",
     "Burkina Faso", "BF", "A.PCLI", None, None),
    ("Barges carry fuel along the Niger River towards Mopti in Mali.", "Niger River", "ML", "H.", None, None),
    ("Flights from Modibo Keita International Airport in Bamako were suspended.",
     "Modibo Keita International Airport", "ML", "S.AIRP", AIRPORT, 5),
    # English regions no installed dataset holds (supplement rows, Wikipedia's points), not US namesakes.
    ("Flooding hit Yorkshire overnight.", "Yorkshire", "GB", "L.RGN", (54.0, -1.0), 10),
    ("Walkers were rescued in the Lake District on Sunday.", "Lake District", "GB", "L.RGN", (54.5, -3.1667), 10),
    # A curated county is scored as a curated entry (its population counts), not as a derived region
    # without one: the English county, unless the text names the US state.
    ("Police in Cheshire said two men were arrested.", "Cheshire", "GB", "A.ADM2", (53.1667, -2.5833), 10),
    ("Residents of Cheshire, Connecticut, lost power overnight.", "Cheshire", "US", "P.", None, None),
])
def test_resolution_table(nlp, gazetteer, text, name, country, feature_prefix, near, within_km):
    place = place_named(find_places(nlp(text), gazetteer), name)
    assert place is not None, f"{name} not found in {text!r}"
    assert place["country"] == country
    assert place["feature"].startswith(feature_prefix)
    assert 0 < place["confidence"] <= 1
    if near:
        assert haversine_km(near, (place["lat"], place["lon"])) <= within_km


@pytest.mark.parametrize("name, city, text_names, lookup_names", [
    ("London Heathrow Airport", "London", ["London Heathrow Airport", "Heathrow Airport"], ["Heathrow"]),
    ("Amsterdam Airport Schiphol", "Amsterdam", ["Amsterdam Airport Schiphol", "Airport Schiphol"], ["Schiphol"]),
    ("Senou Airport", "Senou", ["Senou Airport"], []),
    ("London City Airport", "London", ["London City Airport", "City Airport"], []),  # "City" is a word
])
def test_airport_names(name, city, text_names, lookup_names):
    assert airport_names(name, city) == (text_names, lookup_names)


@pytest.mark.parametrize("text, name, airport", [
    ("Flights to Heathrow were cancelled after the alert.", "Heathrow", True),
    ("The orchestra in Bamako played Chopin all night.", "Chopin", False),  # Warsaw Chopin Airport
])
def test_airports_need_an_airport_word_for_their_bare_name(nlp, gazetteer, text, name, airport):
    place = place_named(find_places(_tagged_as_place(nlp(text), name), gazetteer), name)
    assert place is not None
    assert (place["feature"] == "S.AIRP") == airport


def test_faladie_prefers_the_quarter_and_offers_the_village(nlp, gazetteer):
    result = find_places(nlp("Attackers tried to breach the Faladie gendarmerie school in Bamako, Mali."), gazetteer)
    faladie = place_named(result, "Faladie")
    assert haversine_km(FALADIE_VILLAGE, (faladie["lat"], faladie["lon"])) > 40
    assert any(haversine_km(FALADIE_VILLAGE, (a["lat"], a["lon"])) < 5 for a in faladie["alternatives"])


def test_output_contract_and_offsets(nlp, gazetteer):
    doc = nlp("Mali's foreign minister spoke in Bamako. Later, troops left Bamako for Gao.")
    result = find_places(doc, gazetteer)
    sentences = list(doc.sents)
    assert set(result) >= {"places", "unresolved", "associations"}
    bamako = place_named(result, "Bamako")
    assert bamako["mentions"] == 2 == len(bamako["spans"])
    for place in result["places"]:
        assert set(place) >= {"name", "lat", "lon", "country", "geonameid", "feature", "confidence", "mentions",
                              "alternatives", "spans"}
        validate(place["lat"], place["lon"])
        for span in place["spans"]:
            assert doc.text[span["start"]:span["end"]] == span["text"]
            sentence = sentences[span["sentence"]]
            assert sentence.start_char <= span["start"] < sentence.end_char


def test_demonyms_are_associations_not_places(nlp, gazetteer):
    result = find_places(nlp("The city hosts a defence exhibition featuring Turkish companies and Malian officials."),
                         gazetteer)
    targets = {a["country"] for a in result["associations"]}
    assert {"TR", "ML"} <= targets
    assert not any(p["country"] == "TR" for p in result["places"])


def _tagged_as_place(doc, name):
    """The doc with ``name`` tagged GPE, as the model would tag an unknown town."""
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name))
    doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [
        Span(doc, span.start, span.end, label="GPE")]
    return doc


def test_unresolved_names_are_reported_and_keep_other_places(nlp, gazetteer):
    doc = _tagged_as_place(nlp("Fighting spread from Mali to Qqzzyville Heights overnight."), "Qqzzyville Heights")
    result = find_places(doc, gazetteer)
    assert [u["name"] for u in result["unresolved"]] == ["Qqzzyville Heights"]
    assert result["unresolved"][0]["spans"][0]["start"] == doc.text.index("Qqzzyville")
    assert place_named(result, "Mali") is not None


@pytest.mark.parametrize("text, name, host, near, how", [
    ("A fire broke out on Collins Avenue in Miami Beach on Friday.", "Collins Avenue", "Miami Beach",
     (25.7907, -80.1300), "named with"),
    ("Soldiers guarded Kati Military Camp, north of the capital.", "Kati Military Camp", "Kati", (12.7441, -8.0726),
     "Kati in its name"),
    ("Fighters attacked Bamako at dawn. The army said Bamako was calm, but Qqzzyville Heights was hit.",
     "Qqzzyville Heights", "Bamako", BAMAKO, "main place"),
])
def test_names_without_candidates_are_located_at_their_host(nlp, gazetteer, text, name, host, near, how):
    doc = nlp(text)
    if name.startswith("Qqzzyville"):
        doc = _tagged_as_place(doc, name)
    result = find_places(doc, gazetteer)
    place = place_named(result, name)
    assert place is not None and not result["unresolved"], result
    assert place["located_by"]["name"] == host and place["located_by"]["how"].startswith(how)
    assert place["geonameid"] is None and place["confidence"] < 0.5
    assert haversine_km(near, (place["lat"], place["lon"])) <= CITY_TOLERANCE_KM


def test_a_street_named_after_a_place_is_not_that_place(nlp, gazetteer):
    result = find_places(nlp("Police closed Atlantic Avenue in Garden City, South Carolina."), gazetteer)
    assert place_named(result, "Atlantic") is None
    street = place_named(result, "Atlantic Avenue")
    assert street["located_by"]["name"] == "Garden City" and street["country"] == "US"


def test_outlets_and_headings_are_not_places(nlp, gazetteer):
    text = "Background\n\nFrance 24 and Al Jazeera reported fighting in Mali."
    result = find_places(nlp(text), gazetteer)
    names = {normalise(p["name"]) for p in result["places"]} | {normalise(u["name"]) for u in result["unresolved"]}
    assert "mali" in names
    assert not names & {"background", "france", "france 24", "al jazeera"}


# Every place of each bundled story, with the country it must resolve to and, for cities and
# quarters, a reference point it must lie near.
BUNDLED_PLACES = {
    "000_455dcc7ecbe35265": {"Mali": ("ML", None), "Bamako": ("ML", BAMAKO), "Afghanistan": ("AF", None),
                             "Syria": ("SY", None), "West Africa": (None, None), "United States": ("US", None)},
    "001_fbd02762194a3611": {"Mali": ("ML", None), "Bamako": ("ML", BAMAKO), "Ouagadougou": ("BF", OUAGADOUGOU),
                             "Burkina Faso": ("BF", None), "Niger": ("NE", None), "Sahel": (None, None),
                             "Russia": ("RU", None), "West Africa": (None, None), "United States": ("US", None)},
    "002_f7359456ba5a3bcf": {"Mali": ("ML", None), "Bamako": ("ML", BAMAKO), "Niger": ("NE", None),
                             "Burkina Faso": ("BF", None), "Russia": ("RU", None), "United States": ("US", None)},
    "003_f027c1806a22b6dc": {"Mali": ("ML", None), "Bamako": ("ML", BAMAKO), "Faladie": ("ML", FALADIE_QUARTER),
                             "Modibo Keita International Airport": ("ML", AIRPORT), "Burkina Faso": ("BF", None),
                             "Niger": ("NE", None), "Sahel": (None, None), "Russia": ("RU", None)},
    "004_ae73c230a4e11731": {"Mali": ("ML", None)},
}


@pytest.fixture(scope="module")
def bundled_places(bundled_corpus, nlp, gazetteer):
    """find_places of every bundled document, by document id."""
    documents = bundled_corpus.documents
    return {d.id: find_places(doc, gazetteer) for d, doc in zip(documents, nlp.pipe(d.text for d in documents))}


@pytest.mark.parametrize("doc_id", sorted(BUNDLED_PLACES))
def test_bundled_story_places(bundled_places, doc_id):
    result = bundled_places[doc_id]
    for name, (country, near) in BUNDLED_PLACES[doc_id].items():
        place = place_named(result, name)
        assert place is not None, f"{name} missing from {doc_id}"
        assert place["country"] == country
        if near:
            tolerance = 12 if name == "Faladie" else CITY_TOLERANCE_KM
            assert haversine_km(near, (place["lat"], place["lon"])) <= tolerance


def test_bundled_corpus_has_no_outlet_or_boilerplate_places(bundled_places):
    aggregator = [result for doc_id, result in bundled_places.items() if doc_id.startswith("004_")]
    assert len(aggregator) > 1
    for result in aggregator:
        assert not any(p["country"] == "QA" or p["name"] in ("Qatar", "Middle East") for p in result["places"])
    for result in bundled_places.values():
        names = {normalise(p["name"]) for p in result["places"]} | {normalise(u["name"]) for u in result["unresolved"]}
        assert not names & {"background", "france 24", "al jazeera", "france"}
        assert all(a["country"] != "TR" or a["name"] == "Turkish" for a in result["associations"])


@pytest.mark.parametrize("point, others", [
    ((12.65, -8.0), [(12.65, -8.0)]),  # the same point
    ((12.65, -8.0), [(48.85, 2.35), (13.5, 2.1), (12.37, -1.52)]),  # Bamako: Paris, Niamey, Ouagadougou
    ((0.0, 179.9), [(0.0, -179.9), (0.0, 0.0)]),  # across the date line
    ((89.9, 0.0), [(89.9, 180.0), (-89.9, 0.0)]),  # across the pole
])
def test_nearest_km_is_the_great_circle_distance_to_the_nearest_point(point, others):
    from geo.coords import nearest_km

    assert nearest_km([point], others) == [pytest.approx(min(haversine_km(point, o) for o in others), abs=1e-6)]
