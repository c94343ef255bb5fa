"""Pure figure and view builders: offline map assets, escaping, colours, tables, exports."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from claimatlas.build import open_store
from claimatlas.report import figures, maps, queries, tables
from claimatlas.store import Filters
from claimatlas.vocab import UNRATED_COLOUR, level_colour
from tests.records import claim, place, record

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"


TEXT = "Gunmen attacked Kayes. Officials in Bamako denied it."


def _records(kayes: str = "Kayes", attack: str = "Gunmen attacked Kayes.") -> list:
    """Two outlets, one doubtful place (Kayes: low confidence and a namesake in another country)."""
    a = record("a", "Wire A", "2025-11-01", [claim(attack, 0, 2, "outlet", [kayes])],
               [place(kayes, 1, 14.45, -11.44, 0, confidence=0.4, start=16, alternative_country="CG", mentions=2)],
               {"conflict": 1.0}, comment_claims=[claim("It is the end.", 0, 4, "reader_comment", [])])
    b = record("b", "Paper B", "2025-11-20", [claim("Officials in Bamako denied it.", 1, 0, "government_or_military",
                                                    ["Bamako"])],
               [place("Bamako", 2, 12.65, -8.0, 1, confidence=0.95, start=36),
                place(kayes, 1, 14.45, -11.44, 0, confidence=0.9)], {"reassurance_denial": 1.0})
    b.places[0].alternatives = []
    b.places[1].alternatives = []
    return [a, b]


def _places(filters: Filters | None = None, **kwargs) -> pd.DataFrame:
    store = open_store(":memory:")
    store.ingest(_records(**kwargs))
    return queries.places(store, filters or Filters())


def _claims(filters: Filters | None = None) -> pd.DataFrame:
    store = open_store(":memory:")
    store.ingest(_records())
    return queries.claims(store, filters or Filters())


def test_places_merge_across_documents_with_max_level_and_doubt():
    places = _places().set_index("name")
    assert places.loc["Kayes", "mentions"] == 3
    assert places.loc["Kayes", "outlets"] == ["Paper B", "Wire A"]
    assert places.loc["Kayes", "max_level"] == 2 and places.loc["Bamako", "max_level"] == 0
    assert not places.loc["Kayes", "doubtful"] and not places.loc["Bamako", "doubtful"]
    alone = _places(Filters(outlets=("Wire A",))).set_index("name")
    assert alone.loc["Kayes", "doubtful"] and alone.loc["Kayes", "alternatives"] == ["Kayes, CG, PPL"]
    assert places.loc["Kayes", "evidence"][0]["sentence"] == "Gunmen attacked Kayes."
    assert places.loc["Bamako", "evidence"][0]["sentence"] == "Officials in Bamako denied it."


def test_places_min_level_drops_unrated_and_low_places():
    assert list(_places(Filters(min_level=2))["name"]) == ["Kayes"]


def test_empty_store_gives_empty_tables():
    store = open_store(":memory:")
    assert queries.claims(store, Filters()).empty
    assert queries.places(store, Filters()).empty
    assert tables.divergence_frame({}, Filters()).empty


def test_exports_are_valid_geojson_and_csv():
    places = _places(Filters(outlets=("Paper B",)))
    geojson = json.loads(tables.geojson_text(places))
    assert geojson["type"] == "FeatureCollection"
    coordinates = {f["properties"]["name"]: f["geometry"]["coordinates"] for f in geojson["features"]}
    assert coordinates["Bamako"] == [-8.0, 12.65]
    csv = tables.places_csv(places)
    assert csv.splitlines()[0].startswith("key,name,lat,lon")
    assert len(csv.strip().splitlines()) == 3
    assert "Gunmen" in tables.claims_csv(_claims(Filters(outlets=("Wire A",))))


@pytest.mark.parametrize("text, spans, expected", [
    ("abcdef", [(1, 3, "x")], [("a", None), ("bc", "x"), ("def", None)]),
    ("abcdef", [(0, 6, "x")], [("abcdef", "x")]),
    ("abcdef", [(1, 4, "x"), (2, 5, "y")], [("a", None), ("bcd", "x"), ("ef", None)]),
    ("abc", [(2, 9, "x")], [("abc", None)]),
])
def test_highlight_segments(text, spans, expected):
    assert tables.highlight_segments(text, spans) == expected


@pytest.mark.parametrize("text, expected", [
    ("<b>x</b>", "\\<b\\>x\\</b\\>"),
    ("[link](http://e)", "\\[link\\]\\(http\\://e\\)"),
    ("*a* _b_", "\\*a\\* \\_b\\_"),
])
def test_escape_markdown(text, expected):
    assert tables.escape_markdown(text) == expected


@pytest.mark.parametrize("level, colour", [(0, "#4575b4"), (4, "#d73027"), (None, UNRATED_COLOUR),
                                           (float("nan"), UNRATED_COLOUR)])
def test_level_colour(level, colour):
    assert level_colour(level) == colour


def test_pin_radius_grows_with_mentions():
    radii = [maps.pin_radius(n) for n in (1, 4, 16, 64)]
    assert radii == sorted(radii) and len(set(radii)) == 4


def test_level_bands_cover_the_scale_in_order():
    bands = figures.level_bands()
    assert bands[0]["range"][0] == 0 and bands[-1]["range"][1] == 100
    assert all(a["range"][1] == b["range"][0] for a, b in zip(bands, bands[1:]))


def test_map_html_escapes_article_text_and_loads_no_cdn():
    places = _places(kayes=PAYLOAD, attack=f"Gunmen attacked {PAYLOAD}.")
    page = maps.places_map(places, "/app/static/vendor").get_root().render()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    assert "cdn" not in page.lower() and "https://" not in page.split("openstreetmap")[0]
    assert "/app/static/vendor/leaflet.js" in page and "markercluster.js" in page
    assert '"/app/static/vendor/countries_110m.geojson"' in page and '"Mali"' not in page
    assert page.count("L.circleMarker") == 3
    assert "dashArray" in page and "Outlet: Wire A" in page and "Outlet: Paper B" in page


def test_map_with_many_outlets_has_one_pin_per_place_listing_its_outlets():
    places = _places()
    outlets = sorted({o for row in places["outlets"] for o in row})
    page = maps.places_map(places, "/app/static/vendor", max_outlet_layers=len(outlets) - 1).get_root().render()
    assert page.count("L.circleMarker") == len(places) < 3
    assert f"All {len(outlets)} outlets" in page and "Outlet: Wire A" not in page
    shared = places[places["outlets"].map(len) > 1].iloc[0]
    assert f"Outlets: {', '.join(shared['outlets'])}" in page


def test_offline_assets_are_the_real_libraries(tmp_path):
    written = maps.write_offline_assets(tmp_path)
    assert {p.name for p in written} == set(maps.OFFLINE_FILES.values()) | {maps.OUTLINES_FILE}
    assert "Leaflet" in (tmp_path / "leaflet.js").read_text()
    assert json.loads((tmp_path / maps.OUTLINES_FILE).read_text()) == maps.country_outlines()
    assert "markerClusterGroup" in (tmp_path / "leaflet.markercluster.js").read_text()
    assert maps.write_offline_assets(tmp_path) == []


def test_country_outlines_are_geojson_around_mali():
    outlines = maps.country_outlines()
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Mali", "Niger", "Burkina Faso", "Senegal"} <= names and len(names) > 150


def test_gauge_and_charts_carry_the_data():
    gauge = figures.severity_gauge("<b>Wire</b>", 62.5, 2)
    assert gauge.data[0].value == 62.5 and "&lt;b&gt;Wire" in gauge.data[0].title.text
    frames = pd.DataFrame([{"outlet": "A", "frame": "Conflict", "share": 0.6}, {"outlet": "B", "frame": "Conflict", "share": 0.2}])
    assert list(figures.frame_shares_chart(frames).data[0].x) == [0.6, 0.2]
    matrix = pd.DataFrame([[0, 0.3], [0.3, 0]], index=["A", "B"], columns=["A", "B"])
    assert figures.divergence_heatmap(matrix).data[0].z.tolist() == [[0, 0.3], [0.3, 0]]
