"""Pure figure and view builders: offline map assets, escaping, colours, tables, exports."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from claimatlas.build import open_store
from claimatlas.report import contradiction_tables, figures, maps, queries, tables
from claimatlas.store import Filters
from claimatlas.vocab import LEVEL_TINTS, PAGE_COLOUR, PLACE_COLOUR, TEXT_COLOUR, UNRATED_COLOUR, level_colour
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


@pytest.mark.parametrize("sentence, cell", [
    ("Bamako is surrounded.", "*Bamako is surrounded\\.*"),
    ("A | B\nsplit over\tlines", "*A \\| B split over lines*"),  # a pipe would open a new column
    ("<script>alert(1)</script>", "*\\<script\\>alert\\(1\\)\\</script\\>*"),
])
def test_a_contradicting_pair_is_one_escaped_table(sentence, cell):
    side = {"speaker": "Army | HQ", "level": 3, "label": "France 24 — Title", "sentence": sentence}
    lines = contradiction_tables.contradiction_pair_markdown(side, {**side, "level": 0, "sentence": "Calm."}).split("\n")
    assert lines[:2] == ["| Alarming | Reassuring |", "|---|---|"] and len(lines) == 5
    assert all(line.count(" | ") == 1 for line in lines[2:])  # every row has exactly two cells
    assert lines[2] == "| **Army \\| HQ** · level 3 | **Army \\| HQ** · level 0 |"
    assert lines[4] == f"| {cell} | *Calm\\.* |"


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
    places = _places(Filters(outlets=("Wire A",)), kayes=PAYLOAD, attack=f"Gunmen attacked {PAYLOAD}.")
    page = maps.places_map(places, "/app/static/vendor").get_root().render()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    assert "cdn" not in page.lower() and "https://" not in page.split("openstreetmap")[0]
    assert "/app/static/vendor/leaflet.js" in page and "markercluster.js" in page
    assert '"/app/static/vendor/countries_110m.geojson"' in page
    assert page.count("L.circleMarker") == len(places) == 1
    assert "dashArray" in page and "Outlets: Wire A" in page and "doubtful location: low confidence" in page


@pytest.mark.parametrize("markup, evaluated", [
    ("{{ 7*7 }}", "49"),
    ("{% for i in range(3) %}X{% endfor %}", "XXX"),
    ("{% if %}", None),          # malformed: once stopped the whole map with a template syntax error
    ("{# hidden #}", None),
])
def test_template_markup_in_article_text_is_shown_not_run(markup, evaluated):
    places = _places(Filters(outlets=("Wire A",)), kayes=f"Kayes {markup}", attack=f"Gunmen attacked Kayes {markup}.")
    page = maps.places_map(places, "/app/static/vendor").get_root().render()
    inert = maps.template_inert(markup)
    assert f"attacked Kayes {inert}." in page, "the sentence keeps its braces, as character references"
    assert f"Kayes {inert}" in page.split("bindTooltip")[1], "so does the pin's tooltip"
    if evaluated:
        assert f"Kayes {evaluated}" not in page


def test_countries_are_shaded_and_towns_are_pins_in_one_group():
    places = _places()
    mali = places.iloc[:1].assign(name="Mali", feature="A.PCLI", country="ML", lat=17.0, lon=-4.0, max_level=3)
    sahel = places.iloc[:1].assign(name="Sahel", feature="L.RGN", country=None, lat=15.0, lon=0.0)
    page = maps.places_map(pd.concat([places, mali, sahel]), "/app/static/vendor").get_root().render()
    assert page.count("L.circleMarker") == len(places)
    assert '"place": "Mali"' in page and '"iso_a3": "MLI"' in page
    assert "Sahel" not in page
    shared = places[places["outlets"].map(len) > 1].iloc[0]
    assert f"Outlets: {', '.join(shared['outlets'])}" in page


@pytest.mark.parametrize("features, lats, expected", [
    (["P.PPLC", "A.PCLI"], [12.6, 40.0], [[11.1, -9.5], [14.1, -6.5]]),   # a country does not widen the view
    (["A.ADM1"], [14.0], [[12.5, -9.5], [15.5, -6.5]]),                  # no town: every pin
    ([], [], [list(maps.DEFAULT_VIEW[0]), list(maps.DEFAULT_VIEW[1])]),   # nothing: the Sahel
])
def test_opening_bounds_follow_towns_and_sites(features, lats, expected):
    pins = pd.DataFrame({"feature": features, "lat": lats, "lon": [-8.0] * len(lats), "mentions": [1] * len(lats)})
    found = maps.opening_bounds(pins)
    assert [c for corner in found for c in corner] == pytest.approx([c for corner in expected for c in corner])


def test_doubtful_means_low_confidence_or_far_while_a_namesake_is_near():
    places = pd.DataFrame({
        "name": ["Timbuktu", "Gao", "Ber", "Mopti", "Bamako"], "feature": ["P.PPLA"] * 5,
        "lat": [16.77, 16.27, 40.36, 14.49, 12.65], "lon": [-3.0, -0.04, 21.76, -4.2, -8.0],
        "confidence": [1.0, 1.0, 1.0, 0.4, 1.0], "mentions": [3, 2, 1, 1, 1]})
    alternatives = [[], [], [{"name": "Ber", "country": "ML", "lat": 16.1, "lon": -3.5}],
                    [], [{"name": "Bamako", "country": "XX", "lat": 60.0, "lon": 60.0}]]
    reasons = tables.doubts(places, alternatives)
    assert reasons[0] == reasons[1] == reasons[4] == ""
    assert "Ber (ML) lies near them" in reasons[2]
    assert reasons[3] == "low confidence (0.40)"


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
    import xml.etree.ElementTree as ET

    block = figures.severity_gauge("<b>Wire</b> & Co", 62.5, 2, [55.0, 70.0])
    svg = ET.fromstring(block.split("\n")[1])  # the block wraps one line of SVG: it must parse as XML
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "<b>Wire</b> & Co" in texts and "62" in texts and "likely between 55 and 70" in texts
    assert "<b>" not in block.replace("&lt;b&gt;", "")
    arcs = [a.get("stroke") for a in svg.iter("{http://www.w3.org/2000/svg}path")]
    assert len(arcs) == len(figures.level_bands()) + 2  # the level bands, the likely range, the score
    assert svg.get("aria-label").startswith("<b>Wire</b> & Co: severity 62 of 100, level 2")
    assert "likely" not in figures.severity_gauge("Wire", 10.0, 0, None)
    frames = pd.DataFrame([{"outlet": "A", "frame": "Conflict", "share": 0.6, "colour": "#332288"},
                           {"outlet": "B", "frame": "Conflict", "share": 0.2, "colour": "#332288"}])
    chart = figures.frame_shares_chart(frames)
    assert list(chart.data[0].x) == [0.6, 0.2] and chart.data[0].marker.color == "#332288"
    matrix = pd.DataFrame([[0, 0.3], [0.3, 0]], index=["A", "B"], columns=["A", "B"])
    assert figures.divergence_heatmap(matrix).data[0].z.tolist() == [[0, 0.3], [0.3, 0]]


@pytest.mark.parametrize("low, high, label", [
    (None, None, "undated"),
    (dt.date(2025, 11, 4), dt.date(2025, 11, 13), "4–13 Nov 2025"),
    (dt.date(2025, 10, 4), dt.date(2025, 11, 13), "4 Oct – 13 Nov 2025"),
    (dt.date(2024, 9, 17), dt.date(2025, 11, 13), "Sep 2024 – Nov 2025"),
    (dt.date(2025, 11, 4), dt.date(2025, 11, 4), "4 Nov 2025"),
])
def test_date_range_label_fits_a_metric(low, high, label):
    assert tables.date_range_label(low, high) == label


def test_threat_axis_places_outlets_between_alarm_and_reassurance():
    claims = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B"], "stance": ["alarming", "alarming", "neutral",
                                                                           "reassuring", "alarming"],
                           "certainty": ["hedged", "asserted", "asserted", "asserted", "conditional"],
                           "reader_comment": [False, False, False, False, False]})
    axis = tables.threat_axis(claims).set_index("outlet")
    assert axis.loc["A", "alarming"] == pytest.approx(2 / 3) and axis.loc["A", "reassuring"] == 0
    assert axis.loc["B", "reassuring"] == 0.5 and axis.loc["B", "hedged"] == 0.5
    assert list(tables.threat_axis(claims)["outlet"]) == ["B", "A"], "the most alarming outlet last (on top)"
    figure = figures.threat_axis_chart(tables.threat_axis(claims))
    assert [abs(x) for x in figure.data[0].x] == [0.5, 0.0] and list(figure.data[1].x) == pytest.approx([0.5, 2 / 3])


def test_distinctive_words_leave_out_common_words():
    items = {"A": [{"term": "include", "z": 3.0}, {"term": "blockade", "z": 2.5}, {"term": "jihadist", "z": 2.0}]}
    assert tables.distinctive_words(items, Filters())["word"].tolist() == ["blockade", "jihadist"]


@pytest.mark.parametrize("radius, expected", [
    (0, {"Bamako"}),
    (50, {"Bamako", "Kati"}),
    (300, {"Bamako", "Kati", "Segou"}),
    (2000, {"Bamako", "Kati", "Segou", "Timbuktu", "Ouagadougou"}),
])
def test_within_radius_measures_in_a_metric_projection(radius, expected):
    places = pd.DataFrame({"name": ["Bamako", "Kati", "Segou", "Timbuktu", "Ouagadougou", "Paris"],
                           "lat": [12.65, 12.74, 13.43, 16.77, 12.37, 48.85],
                           "lon": [-8.0, -8.07, -6.27, -3.0, -1.52, 2.35]})
    assert tables.within_radius(places, "bamako", radius) == expected


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def _luminance(colour: str) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(colour: str) -> tuple[float, float, float]:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    x = (0.4124 * linear[0] + 0.3576 * linear[1] + 0.1805 * linear[2]) / 0.95047
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    z = (0.0193 * linear[0] + 0.1192 * linear[1] + 0.9505 * linear[2]) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


@pytest.mark.parametrize("level", sorted(LEVEL_TINTS))
def test_highlight_tints_keep_text_readable_and_stand_out_from_the_page(level):
    assert _contrast(LEVEL_TINTS[level], TEXT_COLOUR) >= 7.0, "WCAG AAA for normal text"
    assert _contrast(LEVEL_TINTS[level], PLACE_COLOUR) >= 4.5, "places in bold blue stay readable on a claim"
    assert _delta_e(LEVEL_TINTS[level], PAGE_COLOUR) >= 10


@pytest.mark.parametrize("a, b", [(a, b) for a in LEVEL_TINTS for b in LEVEL_TINTS if a < b])
def test_every_two_level_tints_can_be_told_apart(a, b):
    assert _delta_e(LEVEL_TINTS[a], LEVEL_TINTS[b]) >= 15, (a, b)


def test_highlighted_text_is_escaped_and_marks_levels_and_places():
    text = f"Gunmen attacked Gao. {PAYLOAD} Calm returned."
    out = tables.highlight_html(text, [(0, 20, 2)], [(16, 19)])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert f'background:{LEVEL_TINTS[2]}' in out and f'color:{PLACE_COLOUR}">Gao</b>' in out


def test_the_selected_place_opens_its_popup_with_the_map():
    places = _places()
    page = maps.places_map(places, "/app/static/vendor", selected="Bamako").get_root().render()
    assert page.count(".openPopup()") == 1
    assert maps.places_map(places, "/app/static/vendor").get_root().render().count(".openPopup()") == 0
