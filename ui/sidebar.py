"""The sidebar: filters drawn on every page, mirrored in the URL so a shared link reopens the same view.

Labels and URL keys come from the filter table (:data:`claimatlas.store.filters.FILTERS`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from claimatlas.languages import LANGUAGES, language_name
from claimatlas.report import tables
from claimatlas.store import FILTERS, Filters, to_query_params
from claimatlas.store.filters import read_query_params
from claimatlas.vocab import MAX_LEVEL, SPEAKER_LABELS, SPEAKER_TYPES, level_label
from ui.data import Data

LABELS = {row.field: row.label for row in FILTERS}
RADIUS_STEPS = [0, 25, 50, 100, 250, 500, 1000, 2000]
# URL keys that may repeat (one value each).
MANY_VALUED = {row.key for row in FILTERS if row.encode is list}


def _query_dict() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _init_state_from_url(outlets: list[str], low: dt.date | None, high: dt.date | None) -> None:
    """On a session's first run, set the widgets from the URL so a shared link reproduces the view."""
    if st.session_state.get("_filters_initialised"):
        return
    filters, notices = read_query_params(_query_dict(), known_outlets=outlets)
    st.session_state["_link_notices"] = notices
    st.session_state.update({
        "f_outlets": list(filters.outlets),
        "f_languages": list(filters.languages),
        "f_level": filters.min_level,
        "f_speakers": list(filters.speaker_types),
        "f_comments": filters.include_comments,
        "place": filters.place,
        "doc": filters.document,
        "story": filters.story,
        "f_once": filters.once_per_story,
        "f_radius": min(RADIUS_STEPS, key=lambda km: abs(km - filters.radius_km)),
        "_filters_initialised": True,
    })
    if low and high:
        st.session_state["f_dates"] = (max(filters.date_from or low, low), min(filters.date_to or high, high))


def sidebar(data_: Data) -> Filters:
    """Draw the sidebar filters on every page, mirror them in the URL, and return them."""
    table = data_.outlets()
    outlets = tables.outlet_names(table)
    low, high = tables.published_bounds(table)
    _init_state_from_url(outlets, low, high)
    with st.sidebar:
        for notice in st.session_state.get("_link_notices", []):
            st.warning(notice, icon=":material/link_off:")
        st.markdown("### Filters")
        st.multiselect(LABELS["outlets"], outlets, key="f_outlets", placeholder="All outlets",
                       help="Show only these outlets (empty: all).")
        languages = data_.languages()
        if len(languages) > 1 or st.session_state.get("f_languages"):
            st.session_state["f_languages"] = [c for c in st.session_state.get("f_languages") or [] if c in languages]
            st.multiselect(LABELS["languages"], languages, key="f_languages", placeholder="All languages",
                           format_func=language_label,
                           help="Show only articles in these languages. Outlets are compared across languages on "
                                "the same frames and claim levels; a language Claim Atlas does not analyse is "
                                "listed but has no places, claims or frames.")
        date_from = date_to = None
        if low and high and low < high:
            chosen = st.date_input("Published between", min_value=low, max_value=high, key="f_dates",
                                   help="Undated articles are shown only while the full range is selected.")
            if isinstance(chosen, tuple) and len(chosen) == 2 and tuple(chosen) != (low, high):
                date_from, date_to = chosen
        st.select_slider(LABELS["min_level"], options=list(range(MAX_LEVEL + 1)), key="f_level", format_func=level_label)
        st.multiselect(LABELS["speaker_types"], list(SPEAKER_TYPES), key="f_speakers", placeholder="All speakers",
                       format_func=lambda s: SPEAKER_LABELS.get(s, s))
        st.toggle(LABELS["include_comments"], key="f_comments",
                  help="Reader comments are kept apart and never count toward an outlet's severity.")
        st.toggle(LABELS["once_per_story"], key="f_once",
                  help="Copies and rewrites of one story by the same outlet count once (its first document), "
                       "in the gauges, the framing comparison and every table.")
        if st.session_state.get("place"):
            st.markdown(f"**{LABELS['place']}:** {tables.escape_markdown(st.session_state['place'])}")
            st.select_slider(LABELS["radius_km"], options=RADIUS_STEPS, key="f_radius",
                             format_func=lambda km: "this place only" if km == 0 else f"{km} km",
                             help="Widen the place to every place within this distance of it.")
            st.button("Clear place", on_click=lambda: st.session_state.update(place=None, f_radius=0))
    filters = Filters(
        outlets=tuple(st.session_state.get("f_outlets") or ()),
        languages=tuple(st.session_state.get("f_languages") or ()),
        date_from=date_from, date_to=date_to,
        min_level=int(st.session_state.get("f_level") or 0),
        speaker_types=tuple(st.session_state.get("f_speakers") or ()),
        include_comments=bool(st.session_state.get("f_comments")),
        place=st.session_state.get("place"),
        radius_km=int(st.session_state.get("f_radius") or 0) if st.session_state.get("place") else 0,
        document=st.session_state.get("doc"),
        story=st.session_state.get("story"),
        once_per_story=bool(st.session_state.get("f_once")),
    )
    params = to_query_params(filters)
    if params != _query_dict_flat():
        st.query_params.from_dict(params)
    _share_link(params)
    st.session_state["filters"] = filters
    return filters


def language_label(code: str) -> str:
    """A language code as the sidebar shows it ("French (fr)"; "de, not analysed")."""
    return f"{language_name(code)} ({code})" if code in LANGUAGES else f"{code}, not analysed"


def _query_dict_flat() -> dict[str, str | list[str]]:
    flat: dict[str, str | list[str]] = {}
    for key, values in _query_dict().items():
        flat[key] = values if key in MANY_VALUED else values[-1]
    return flat


def _share_link(params: dict[str, Any]) -> None:
    base = ""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - no browser context (e.g. in tests)
        base = ""
    query = urlencode(params, doseq=True)
    link = f"{base}?{query}" if query else base or "?"
    with st.sidebar:
        st.markdown("### Share this view")
        st.caption("This link reopens the page with the same filters:")
        st.session_state["share_link"] = link
        st.text_input("Link to this view", key="share_link", label_visibility="collapsed",
                      help="Select the link and copy it (a plain field: it loads with the page, unlike a code block).")


def filters() -> Filters:
    """The filters the sidebar set in this run; the selected document and story only pick what the
    Evidence and Stories pages show."""
    return replace(st.session_state.get("filters") or Filters(), document=None, story=None)
