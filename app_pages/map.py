"""Map: a pin per place, sized by mentions and coloured by the highest claim level naming it."""
from __future__ import annotations

import html
from dataclasses import replace

import streamlit as st
from streamlit_folium import st_folium

from claimatlas.report import maps, tables
from claimatlas.report.queries import TABLE_ROWS
from ui import data as ui_data
from ui import sidebar, widgets

ui_data.map_assets_ready()
data = ui_data.data()
filters = sidebar.filters()

st.title("Map")
st.caption("Countries the coverage names are shaded, towns and sites are pins. Colour: the highest severity "
           "level of the claims naming the place; pin size: mentions; dashed outline: a doubtful location (the "
           "popup says why). Regions without outlines (the Sahel, West Africa) are listed in the table. Click a "
           "pin to filter the claims to it.")

dates = sorted({d for d in map(tables.parse_date, data.documents(filters)["published"]) if d})
controls = st.columns([1, 2])
online = controls[0].toggle("Online map tiles (needs internet)", value=False, key="online_tiles",
                            help="Off: the bundled Natural Earth country outlines, which work offline.")
as_of = controls[1].select_slider("Replay the coverage: published up to", options=dates or [None],
                                  value=dates[-1] if dates else None, key="replay",
                                  format_func=lambda d: "every date" if d is None else f"{d:%d %b %Y}",
                                  disabled=len(dates) < 2,
                                  help="Drag to see the map as it stood on an earlier day (dated articles only).")
# A value kept from a narrower filter (an undated outlet's None, a date now gone) replays nothing.
replaying = as_of in dates[:-1]
places = data.places(replace(filters, date_to=as_of) if replaying else filters)
if replaying:
    st.caption(f"Showing the places named in articles published up to {as_of:%d %b %Y}.")


@st.fragment
def draw_map() -> None:
    """The map in a fragment: panning and zooming rerun only the map. The map is drawn at the view of the
    last pin click (or fitted to the places before any), so the view it reports back after loading or a
    pan does not draw it again; a pin click redraws it at the view it stood at."""
    anchor = st.session_state.get("map_anchor")
    fmap = maps.places_map(places, ui_data.ASSET_URL, online_tiles=online, selected=filters.place,
                           view=(anchor["center"], anchor["zoom"]) if anchor else None)
    # render=False: st_folium renders the map itself in any case; its default renders the whole figure
    # once more beforehand, which gave the same page and cost a third of the map's drawing time.
    clicked = st_folium(fmap, height=560, use_container_width=True, key="atlas_map", render=False,
                        returned_objects=["last_object_clicked_tooltip", "center", "zoom"]) or {}
    tooltip = clicked.get("last_object_clicked_tooltip")
    if tooltip:
        name = html.unescape(tooltip).removesuffix(" (?)")
        if name in set(places["name"]) and name != filters.place and st.session_state.get("_last_click") != tooltip:
            st.session_state["_last_click"] = tooltip
            st.session_state["place"] = name
            if clicked.get("center") and clicked.get("zoom"):
                st.session_state["map_anchor"] = {"center": (clicked["center"]["lat"], clicked["center"]["lng"]),
                                                  "zoom": clicked["zoom"]}
            st.rerun(scope="app")


draw_map()

if places.empty:
    widgets.not_analysed("Places")
else:
    claims = data.claims(filters)
    left, right = st.columns([3, 2])
    with left:
        heading = f"Claims naming {filters.place}" if filters.place else "Claims (click a pin to narrow)"
        st.subheader(heading)
        if claims.empty:
            st.write("No claim names this place under the current filters.")
        else:
            shown = claims.head(TABLE_ROWS)
            st.dataframe(shown[["outlet", "level", "speaker", "certainty", "sentence"]], hide_index=True,
                         width="stretch",
                         column_config={"sentence": st.column_config.TextColumn("Claim", width="large")})
            widgets.table_note(shown, len(claims))
    with right:
        st.subheader("Places")
        shown = places.head(TABLE_ROWS)
        shown = shown.assign(outlets=shown["outlets"].map(", ".join), alternatives=shown["alternatives"].map("; ".join))
        st.dataframe(shown[["name", "country", "mentions", "max_level", "confidence", "doubt", "outlets",
                            "alternatives"]], hide_index=True, width="stretch")
        widgets.table_note(shown, len(places))
    st.markdown("**Export the filtered view**")
    widgets.export_buttons(claims, places, key="map_export")
