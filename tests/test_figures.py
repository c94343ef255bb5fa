"""Pure figure and view builders: offline map assets, escaping, colours, tables, exports."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from claimatlas import figures, views
from claimatlas.filters import Filters

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def _report():
    """A small hand-made report in the JSON contract (two outlets, one doubtful place)."""
    text = "Gunmen attacked Kayes. Officials in Bamako denied it."
    return {
        "documents": [
            {"id": "a", "outlet": "Wire A", "published": "2025-11-01", "text": text,
             "places": [{"name": "Kayes", "lat": 14.45, "lon": -11.44, "country": "ML", "geonameid": 1, "confidence": 0.4,
                         "mentions": 2, "alternatives": [{"name": "Kayes", "country": "CG"}],
                         "spans": [{"sentence": 0, "start": 16, "end": 21, "text": "Kayes"}]}],
             "claims": [{"sentence": "Gunmen attacked Kayes.", "level": 2, "score": 50, "speaker": "Wire A",
                         "speaker_type": "outlet", "places": ["Kayes"]}],
             "comment_claims": [{"sentence": "It is the end.", "level": 4, "speaker_type": "reader_comment", "places": []}],
             "severity": {"score": 50, "level": 2}, "frames": {"conflict": 1.0}},
            {"id": "b", "outlet": "Paper B", "published": "2025-11-20", "text": text,
             "places": [{"name": "Bamako", "lat": 12.65, "lon": -8.0, "country": "ML", "geonameid": 2, "confidence": 0.95,
                         "mentions": 1, "alternatives": [], "spans": [{"sentence": 1, "start": 36, "end": 42}]},
                        {"name": "Kayes", "lat": 14.45, "lon": -11.44, "country": "ML", "geonameid": 1, "confidence": 0.9,
                         "mentions": 1, "alternatives": [], "spans": []}],
             "claims": [{"sentence": "Officials in Bamako denied it.", "level": 0, "score": 0, "speaker": "officials",
                         "speaker_type": "government_or_military", "places": [{"name": "Bamako"}]}],
             "severity": {"score": 0, "level": 0}, "frames": {"reassurance_denial": 1.0}},
        ],
        "outlets": [{"outlet": "Paper B", "documents": ["b"], "severity": {"score": 0.0, "level": 0}},
                    {"outlet": "Wire A", "documents": ["a"], "severity": {"score": 50.0, "level": 2}}],
        "contradictions": [{"a": {"document": "a", "sentence": "Gunmen attacked Kayes."},
                            "b": {"document": "b", "sentence": "Officials in Bamako denied it."}, "target": "Kayes"}],
    }


@pytest.mark.parametrize("filters, expected", [
    (Filters(), {"a", "b"}),
    (Filters(outlets=("Wire A",)), {"a"}),
    (Filters(date_from=dt.date(2025, 11, 10)), {"b"}),
    (Filters(date_to=dt.date(2025, 11, 10)), {"a"}),
])
def test_select_documents(filters, expected):
    assert {d["id"] for d in views.select_documents(_report(), filters)} == expected


@pytest.mark.parametrize("filters, sentences", [
    (Filters(), {"Gunmen attacked Kayes.", "Officials in Bamako denied it."}),
    (Filters(min_level=1), {"Gunmen attacked Kayes."}),
    (Filters(speaker_types=("government_or_military",)), {"Officials in Bamako denied it."}),
    (Filters(place="Bamako"), {"Officials in Bamako denied it."}),
    (Filters(include_comments=True, min_level=4), {"It is the end."}),
])
def test_claims_frame_filters(filters, sentences):
    assert set(views.claims_frame(_report(), filters)["sentence"]) == sentences


def test_places_merge_across_documents_with_max_level_and_doubt():
    places = views.places_frame(_report(), Filters()).set_index("name")
    assert places.loc["Kayes", "mentions"] == 3
    assert places.loc["Kayes", "outlets"] == ["Wire A", "Paper B"]
    assert places.loc["Kayes", "max_level"] == 2 and places.loc["Bamako", "max_level"] == 0
    assert places.loc["Kayes", "doubtful"] and not places.loc["Bamako", "doubtful"]
    assert places.loc["Kayes", "alternatives"] == ["Kayes, CG"]
    assert places.loc["Kayes", "evidence"][0]["sentence"] == "Gunmen attacked Kayes."
    assert places.loc["Bamako", "evidence"][0]["sentence"] == "Officials in Bamako denied it."


def test_places_min_level_drops_unrated_and_low_places():
    assert list(views.places_frame(_report(), Filters(min_level=2))["name"]) == ["Kayes"]


def test_empty_report_gives_empty_tables():
    empty = {"documents": [{"id": "x", "outlet": None, "text": "t"}], "outlets": [{"outlet": "unknown"}]}
    assert views.claims_frame(empty, Filters()).empty
    assert views.places_frame(empty, Filters()).empty
    assert views.divergence_matrix(empty, Filters()).empty


def test_exports_are_valid_geojson_and_csv():
    places = views.places_frame(_report(), Filters(outlets=("Paper B",)))
    geojson = json.loads(views.geojson_text(places))
    assert geojson["type"] == "FeatureCollection"
    coordinates = {f["properties"]["name"]: f["geometry"]["coordinates"] for f in geojson["features"]}
    assert coordinates["Bamako"] == [-8.0, 12.65]
    csv = views.places_csv(places)
    assert csv.splitlines()[0].startswith("key,name,lat,lon")
    assert len(csv.strip().splitlines()) == 3
    assert "Gunmen" in views.claims_csv(views.claims_frame(_report(), Filters(outlets=("Wire A",))))


@pytest.mark.parametrize("text, spans, expected", [
    ("abcdef", [(1, 3, "x")], [("a", None), ("bc", "x"), ("def", None)]),
    ("abcdef", [(0, 6, "x")], [("abcdef", "x")]),
    ("abcdef", [(1, 4, "x"), (2, 5, "y")], [("a", None), ("bcd", "x"), ("ef", None)]),
    ("abc", [(2, 9, "x")], [("abc", None)]),
])
def test_highlight_segments(text, spans, expected):
    assert views.highlight_segments(text, spans) == expected


@pytest.mark.parametrize("text, expected", [
    ("<b>x</b>", "\\<b\\>x\\</b\\>"),
    ("[link](http://e)", "\\[link\\]\\(http\\://e\\)"),
    ("*a* _b_", "\\*a\\* \\_b\\_"),
])
def test_escape_markdown(text, expected):
    assert views.escape_markdown(text) == expected


@pytest.mark.parametrize("level, colour", [(0, "#4575b4"), (4, "#d73027"), (None, figures.UNRATED_COLOUR),
                                           (float("nan"), figures.UNRATED_COLOUR)])
def test_level_colour(level, colour):
    assert figures.level_colour(level) == colour


def test_pin_radius_grows_with_mentions():
    radii = [figures.pin_radius(n) for n in (1, 4, 16, 64)]
    assert radii == sorted(radii) and len(set(radii)) == 4


def test_level_bands_cover_the_scale_in_order():
    bands = figures.level_bands()
    assert bands[0]["range"][0] == 0 and bands[-1]["range"][1] == 100
    assert all(a["range"][1] == b["range"][0] for a, b in zip(bands, bands[1:]))


def test_map_html_escapes_article_text_and_loads_no_cdn():
    report = _report()
    report["documents"][0]["places"][0]["name"] = PAYLOAD
    report["documents"][0]["claims"][0]["sentence"] = f"Gunmen attacked {PAYLOAD}."
    report["documents"][0]["claims"][0]["places"] = [PAYLOAD]
    places = views.places_frame(report, Filters())
    page = figures.places_map(places, "/app/static/vendor").get_root().render()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    assert "cdn" not in page.lower() and "https://" not in page.split("openstreetmap")[0]
    assert "/app/static/vendor/leaflet.js" in page and "markercluster.js" in page
    assert '"/app/static/vendor/countries_110m.geojson"' in page and '"Mali"' not in page
    assert page.count("L.circleMarker") == 3
    assert "dashArray" in page and "Outlet: Wire A" in page and "Outlet: Paper B" in page


def test_map_with_many_outlets_has_one_pin_per_place_listing_its_outlets():
    places = views.places_frame(_report(), Filters())
    outlets = sorted({o for row in places["outlets"] for o in row})
    page = figures.places_map(places, "/app/static/vendor", max_outlet_layers=len(outlets) - 1).get_root().render()
    assert page.count("L.circleMarker") == len(places) < 3
    assert f"All {len(outlets)} outlets" in page and "Outlet: Wire A" not in page
    shared = places[places["outlets"].map(len) > 1].iloc[0]
    assert f"Outlets: {', '.join(shared['outlets'])}" in page


def test_offline_assets_are_the_real_libraries(tmp_path):
    written = figures.write_offline_assets(tmp_path)
    assert {p.name for p in written} == set(figures.OFFLINE_FILES.values()) | {figures.OUTLINES_FILE}
    assert "Leaflet" in (tmp_path / "leaflet.js").read_text()
    assert json.loads((tmp_path / figures.OUTLINES_FILE).read_text()) == figures.country_outlines()
    assert "markerClusterGroup" in (tmp_path / "leaflet.markercluster.js").read_text()
    assert figures.write_offline_assets(tmp_path) == []


def test_country_outlines_are_geojson_around_mali():
    outlines = figures.country_outlines()
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Mali", "Niger", "Burkina Faso", "Senegal"} <= names and len(names) > 150


def test_gauge_and_charts_carry_the_data():
    gauge = figures.severity_gauge("<b>Wire</b>", 62.5, 2)
    assert gauge.data[0].value == 62.5 and "&lt;b&gt;Wire" in gauge.data[0].title.text
    frames = pd.DataFrame([{"outlet": "A", "frame": "Conflict", "share": 0.6}, {"outlet": "B", "frame": "Conflict", "share": 0.2}])
    assert list(figures.frame_shares_chart(frames).data[0].x) == [0.6, 0.2]
    matrix = pd.DataFrame([[0, 0.3], [0.3, 0]], index=["A", "B"], columns=["A", "B"])
    assert figures.divergence_heatmap(matrix).data[0].z.tolist() == [[0, 0.3], [0.3, 0]]
