"""Streamlit-side glue shared by the pages: cached loading, the sidebar filters and their URL mirror.

Caching: the spaCy model and gazetteer load once per server (``st.cache_resource``); the
analysis is cached by a content hash of the corpus files plus the articles added in the session
(``st.cache_data``), so a filter change never re-analyses anything.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from claimatlas import views
from claimatlas.corpus import Corpus, document_from_text, link_near_duplicates, load_corpus
from claimatlas.figures import LEVEL_NAMES, write_offline_assets
from claimatlas.filters import SPEAKER_TYPES, Filters, from_query_params, to_query_params
from claimatlas.pipeline import build_report, default_resources

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
ASSET_DIR = ROOT / "static" / "vendor"
# The map runs in the streamlit-folium component frame (/component/<name>/index.html),
# so this relative address reaches the app's static folder whatever the base URL.
ASSET_URL = "../../app/static/vendor"
SPEAKER_LABELS = {
    "outlet": "Outlet's own voice", "government_or_military": "Government / military",
    "foreign_government": "Foreign government", "analyst": "Analyst / think tank",
    "armed_group": "Armed group", "unnamed_source": "Unnamed source", "reader_comment": "Reader comment",
}


@st.cache_resource(show_spinner="Loading the language model and gazetteer (once per server)…")
def resources():
    """The analysis resources, shared by every session.

    The model and gazetteer are millions of long-lived objects: ``gc.freeze`` moves them
    out of the collector's reach so later collections stay fast for every session.
    """
    loaded = default_resources()
    gc.freeze()
    return loaded


@st.cache_resource
def map_assets_ready() -> bool:
    """Write Leaflet's files into static/vendor once per server, so the map needs no CDN."""
    write_offline_assets(ASSET_DIR)
    return True


def corpus_fingerprint(folder: Path = ARTICLES) -> str:
    """SHA-256 over the corpus files' names and bytes and the manifest: the analysis cache key."""
    digest = hashlib.sha256()
    manifest = folder.parent / "sources.yaml"
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) + [manifest]:
        if path.exists():
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@st.cache_data(show_spinner="Analysing the corpus…", max_entries=16)
def analyse(fingerprint: str, added: tuple[tuple[str, str, str, str, str], ...]) -> dict[str, Any]:
    """The analysis report of the corpus folder plus the session's added articles.

    ``fingerprint`` is the corpus content hash (the cache key); ``added`` holds
    (name, text, suffix, outlet, published) per added article.
    """
    corpus = load_corpus([ARTICLES])
    documents = list(corpus.documents)
    errors = list(corpus.errors)
    for name, text, suffix, outlet, published in added:
        try:
            documents.extend(document_from_text(text, name, outlet=outlet or None, published=published or None, suffix=suffix))
        except Exception as exc:  # noqa: BLE001 - one bad article never stops the rest
            errors.append({"path": name, "error": str(exc)})
    if added:
        link_near_duplicates(documents)
        for document in documents:
            document.warnings = list(dict.fromkeys(document.warnings))
    return build_report(Corpus(documents=documents, errors=errors), resources())


def added_articles() -> list[dict[str, str]]:
    """The articles added in this session (kept in session state until saved or the session ends)."""
    return st.session_state.setdefault("added_articles", [])


def report() -> dict[str, Any]:
    """The current report (cached by content)."""
    added = tuple((a["name"], a["text"], a["suffix"], a.get("outlet", ""), a.get("published", ""))
                  for a in added_articles() if not a.get("saved"))
    return analyse(corpus_fingerprint(), added)


def _query_dict() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _init_state_from_url(report_: dict[str, Any]) -> None:
    """On a session's first run, set the widgets from the URL so a shared link reproduces the view."""
    if st.session_state.get("_filters_initialised"):
        return
    filters = from_query_params(_query_dict(), known_outlets=views.all_outlets(report_))
    low, high = views.date_bounds(report_)
    st.session_state.update({
        "f_outlets": list(filters.outlets),
        "f_level": filters.min_level,
        "f_speakers": list(filters.speaker_types),
        "f_comments": filters.include_comments,
        "place": filters.place,
        "doc": filters.document,
        "_filters_initialised": True,
    })
    if low and high:
        st.session_state["f_dates"] = (max(filters.date_from or low, low), min(filters.date_to or high, high))


def sidebar(report_: dict[str, Any]) -> Filters:
    """Draw the sidebar filters on every page, mirror them in the URL, and return them."""
    _init_state_from_url(report_)
    low, high = views.date_bounds(report_)
    with st.sidebar:
        st.markdown("### Filters")
        st.multiselect("Outlets", views.all_outlets(report_), key="f_outlets", placeholder="All outlets",
                       help="Show only these outlets (empty: all).")
        date_from = date_to = None
        if low and high and low < high:
            chosen = st.date_input("Published between", min_value=low, max_value=high, key="f_dates",
                                   help="Undated articles are shown only while the full range is selected.")
            if isinstance(chosen, tuple) and len(chosen) == 2 and tuple(chosen) != (low, high):
                date_from, date_to = chosen
        st.select_slider("Minimum claim level", options=[0, 1, 2, 3, 4], key="f_level",
                         format_func=lambda lvl: f"{lvl} {LEVEL_NAMES.get(lvl, '')}")
        st.multiselect("Speaker types", list(SPEAKER_TYPES), key="f_speakers", placeholder="All speakers",
                       format_func=lambda s: SPEAKER_LABELS.get(s, s))
        st.toggle("Include reader comments", key="f_comments",
                  help="Reader comments are kept apart and never count toward an outlet's severity.")
        if st.session_state.get("place"):
            st.markdown(f"**Place:** {views.escape_markdown(st.session_state['place'])}")
            st.button("Clear place", on_click=lambda: st.session_state.update(place=None))
    filters = Filters(
        outlets=tuple(st.session_state.get("f_outlets") or ()),
        date_from=date_from, date_to=date_to,
        min_level=int(st.session_state.get("f_level") or 0),
        speaker_types=tuple(st.session_state.get("f_speakers") or ()),
        include_comments=bool(st.session_state.get("f_comments")),
        place=st.session_state.get("place"),
        document=st.session_state.get("doc"),
    )
    params = to_query_params(filters)
    if params != _query_dict_flat():
        st.query_params.from_dict(params)
    _share_link(params)
    st.session_state["filters"] = filters
    return filters


def _query_dict_flat() -> dict[str, str | list[str]]:
    flat: dict[str, str | list[str]] = {}
    for key, values in _query_dict().items():
        flat[key] = values if key in ("outlet", "speaker") else values[-1]
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
        st.code(link, language=None, wrap_lines=True)


def filters() -> Filters:
    """The filters the sidebar set in this run."""
    return st.session_state.get("filters") or Filters()


def not_analysed(part: str) -> None:
    """The honest empty state for an analysis stage that has produced nothing yet."""
    st.info(f"**{part}: not analysed yet.** This part of the analysis has produced no results for the "
            "current corpus and filters. Nothing is shown rather than made-up numbers.", icon=":material/hourglass_empty:")


def export_buttons(claims, places, key: str) -> None:
    """Download the filtered claims and places (CSV, GeoJSON)."""
    stamp = dt.date.today().isoformat()
    cols = st.columns(3)
    cols[0].download_button("Claims (CSV)", views.claims_csv(claims), f"claimatlas-claims-{stamp}.csv",
                            "text/csv", key=f"{key}_claims", disabled=claims.empty, width="stretch")
    cols[1].download_button("Places (CSV)", views.places_csv(places), f"claimatlas-places-{stamp}.csv",
                            "text/csv", key=f"{key}_places", disabled=places.empty, width="stretch")
    cols[2].download_button("Places (GeoJSON)", views.geojson_text(places), f"claimatlas-places-{stamp}.geojson",
                            "application/geo+json", key=f"{key}_geojson", disabled=places.empty,
                            width="stretch")
