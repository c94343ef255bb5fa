"""Streamlit-side glue shared by the pages: the store, cached queries, the sidebar filters and their URL mirror.

Data: every page reads through the DuckDB store at ``CLAIMATLAS_STORE_PATH`` (the
``store_path`` setting, default ``data/claimatlas.duckdb``), with the sidebar filters pushed
into SQL. The store is filled once per server by an incremental analysis of ``data/articles``
(only new or changed files), and again whenever a file there changes. Articles added in a
session live in an in-memory copy of the store for that session until they are saved.

Caching: the spaCy model and gazetteer load once per server, and only when something needs
analysing (``st.cache_resource``); query results are cached by store state and filters
(``st.cache_data``), so a repeated view costs no query.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import FunctionType
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from claimatlas import views
from claimatlas.corpus import document_from_text, link_near_duplicates, load_corpus
from claimatlas.figures import LEVEL_NAMES, write_offline_assets
from claimatlas.filters import SPEAKER_TYPES, Filters, from_query_params, to_query_params
from claimatlas.framing import load_codebook
from claimatlas.pipeline import analyse_documents, default_resources
from claimatlas.settings import load_settings
from claimatlas.store import Store

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
ASSET_DIR = ROOT / "static" / "vendor"
# The map runs in the streamlit-folium component frame (/component/<name>/index.html),
# so this relative address reaches the app's static folder whatever the base URL.
ASSET_URL = "../../app/static/vendor"
# Rows a table shows at most; the exports always hold every filtered row.
TABLE_ROWS = 1000
# Outlets that get a gauge at most (those with the most claims); a table lists every outlet's score.
GAUGE_OUTLETS = 8
# Contradicting pairs shown side by side at most; a table lists every pair.
CONTRADICTION_CARDS = 50
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


def store_path() -> Path:
    """The store file: the ``store_path`` setting (env CLAIMATLAS_STORE_PATH), relative to the project root."""
    path = Path(load_settings().store_path)
    return path if path.is_absolute() else ROOT / path


def articles_stamp(folder: Path = ARTICLES) -> str:
    """Names, sizes and modification times of the corpus files and manifest: changes when a file does."""
    entries = []
    for path in [*folder.iterdir(), folder.parent / "sources.yaml"] if folder.is_dir() else []:
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file() and not path.name.startswith("."):
            entries.append(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(entries)).encode("utf-8")).hexdigest()


def _analyse_with_shared_resources(documents, progress):
    return analyse_documents(documents, resources(), progress=progress)


@st.cache_resource(show_spinner="Analysing new or changed articles into the store…", max_entries=4)
def corpus_store(path: str, stamp: str) -> Store:
    """The store at ``path``, brought up to date with data/articles (``stamp``: the folder's state)."""
    store = Store(path)
    store.analyse([ARTICLES], analyser=_analyse_with_shared_resources, return_report=False)
    return store


AddedArticle = tuple[str, str, str, str, str]


@st.cache_resource(show_spinner="Analysing the added articles…", max_entries=16)
def session_store(path: str, stamp: str, added: tuple[AddedArticle, ...]) -> Store:
    """An in-memory copy of the store plus the articles added in a session (name, text, suffix, outlet, date).

    Near-duplicates are linked against the corpus as for files; an article that cannot be read
    is stored as an error under its name.
    """
    store = corpus_store(path, stamp).snapshot()
    corpus_documents = load_corpus([ARTICLES]).documents
    documents, errors = [], []
    for name, text, suffix, outlet, published in added:
        try:
            documents.extend(document_from_text(text, name, outlet=outlet or None, published=published or None,
                                                suffix=suffix))
        except Exception as exc:  # noqa: BLE001 - one bad article never stops the rest
            errors.append({"path": name, "error": str(exc)})
    link_near_duplicates(corpus_documents + documents)
    for document in documents:
        document.warnings = list(dict.fromkeys(document.warnings))
    store.ingest({"documents": analyse_documents(documents, resources()) if documents else [], "errors": errors})
    return store


def added_articles() -> list[dict[str, str]]:
    """The articles added in this session (kept in session state until saved or the session ends)."""
    return st.session_state.setdefault("added_articles", [])


@dataclass(frozen=True)
class Data:
    """The store this session reads and a token naming its current contents (the query cache key)."""

    store: Store
    token: str

    def outlets(self) -> pd.DataFrame:
        """One row per outlet with its document count and publication dates."""
        return _outlets(self.store, self.token)

    def documents(self, filters: Filters) -> pd.DataFrame:
        """The filtered documents (the selected place narrows the claims, not the documents)."""
        filters = replace(filters, place=None)
        return _documents(self.store, self.token, filters, repr(filters))

    def documents_table(self, filters: Filters) -> pd.DataFrame:
        """The filtered documents as the Overview table, warnings fetched for the shown rows."""
        filters = replace(filters, place=None)
        return _documents_table(self.store, self.token, filters, repr(filters))

    def claims(self, filters: Filters) -> pd.DataFrame:
        """The filtered claims, in the dashboard's claim columns."""
        return _claims(self.store, self.token, filters, repr(filters))

    def places(self, filters: Filters) -> pd.DataFrame:
        """The filtered places with their evidence sentences (every place, the selected one included)."""
        filters = replace(filters, place=None)
        return _places(self.store, self.token, filters, repr(filters))

    def severity(self, filters: Filters) -> pd.DataFrame:
        """The severity gauge of each selected outlet over its documents in the selected dates."""
        return _severity(self.store, self.token, filters.outlets, filters.date_from, filters.date_to)

    def contradictions(self) -> list[dict[str, Any]]:
        """Every contradicting claim pair in the store."""
        return _contradictions(self.store, self.token)

    def frame_shares(self, filters: Filters) -> pd.DataFrame:
        """Frame shares per outlet over the filtered documents, frames named by their codebook label."""
        return _frame_shares(self.store, self.token, filters, repr(filters))

    def framing(self) -> dict[str, Any]:
        """The corpus-wide framing comparison: divergence, distinctive words and frames, group labels."""
        return _framing(self.store, self.token)

    def record(self, document: str) -> dict[str, Any] | None:
        """The full record of one document."""
        return _record(self.store, self.token, document)

    def errors(self) -> list[dict[str, str]]:
        """The files (or added articles) that could not be read."""
        return _errors(self.store, self.token)


def data() -> Data:
    """The store this session reads: the shared store, or its session copy while added articles are unsaved."""
    path, stamp = str(store_path()), articles_stamp()
    added = tuple((a["name"], a["text"], a["suffix"], a.get("outlet", ""), a.get("published", ""))
                  for a in added_articles() if not a.get("saved"))
    if not added:
        return Data(corpus_store(path, stamp), f"{path}|{stamp}")
    digest = hashlib.sha256(json.dumps(added).encode("utf-8")).hexdigest()
    return Data(session_store(path, stamp, added), f"{path}|{stamp}|{digest}")


# Cached queries: ``token`` names the store state, ``key`` the filters; the underscored
# arguments are not hashed.

@st.cache_data(show_spinner=False, max_entries=8)
def _outlets(_store: Store, token: str) -> pd.DataFrame:
    return _store.outlets()


@st.cache_data(show_spinner=False, max_entries=64)
def _documents(_store: Store, token: str, _filters: Filters, key: str) -> pd.DataFrame:
    return _store.documents(_filters)


@st.cache_data(show_spinner=False, max_entries=64)
def _documents_table(_store: Store, token: str, _filters: Filters, key: str) -> pd.DataFrame:
    documents = _documents(_store, token, _filters, key)
    return views.documents_table(documents, _store.document_warnings(_filters, limit=TABLE_ROWS))


@st.cache_data(show_spinner=False, max_entries=16)
def _claims(_store: Store, token: str, _filters: Filters, key: str) -> pd.DataFrame:
    documents = _documents(_store, token, Filters(), repr(Filters()))
    return views.claims_table(_store.claims(_filters), dict(zip(documents["id"], documents["title"])))


@st.cache_data(show_spinner=False, max_entries=64)
def _places(_store: Store, token: str, _filters: Filters, key: str) -> pd.DataFrame:
    return views.places_table(_store.places(_filters), _store.place_evidence(_filters))


@st.cache_data(show_spinner=False, max_entries=64)
def _severity(_store: Store, token: str, outlets: tuple[str, ...], date_from: dt.date | None,
              date_to: dt.date | None) -> pd.DataFrame:
    chosen = Filters(outlets=outlets, date_from=date_from, date_to=date_to)
    names = list(outlets) or views.outlet_names(_outlets(_store, token))
    return views.outlet_severity_from_claims(_store.claims(chosen), names)


@st.cache_data(show_spinner=False, max_entries=8)
def _contradictions(_store: Store, token: str) -> list[dict[str, Any]]:
    return views.contradictions_from_claims(_store.sided_claims())


@st.cache_data(show_spinner=False, max_entries=64)
def _frame_shares(_store: Store, token: str, _filters: Filters, key: str) -> pd.DataFrame:
    codebook = load_codebook()
    return views.frames_from_counts(_store.frame_counts(_filters), list(codebook.frames),
                                    {name: frame.label for name, frame in codebook.frames.items()})


@st.cache_data(show_spinner="Comparing the outlets' framing…", max_entries=8)
def _framing(_store: Store, token: str) -> dict[str, Any]:
    return views.framing_comparison(_store.framing_records(), load_codebook())


@st.cache_data(show_spinner=False, max_entries=64)
def _record(_store: Store, token: str, document: str) -> dict[str, Any] | None:
    return _store.record(document)


@st.cache_data(show_spinner=False, max_entries=8)
def _errors(_store: Store, token: str) -> list[dict[str, str]]:
    return _store.errors()


def _query_dict() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _init_state_from_url(outlets: list[str], low: dt.date | None, high: dt.date | None) -> None:
    """On a session's first run, set the widgets from the URL so a shared link reproduces the view."""
    if st.session_state.get("_filters_initialised"):
        return
    filters = from_query_params(_query_dict(), known_outlets=outlets)
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


def sidebar(data_: Data) -> Filters:
    """Draw the sidebar filters on every page, mirror them in the URL, and return them."""
    table = data_.outlets()
    outlets = views.outlet_names(table)
    low, high = views.published_bounds(table)
    _init_state_from_url(outlets, low, high)
    with st.sidebar:
        st.markdown("### Filters")
        st.multiselect("Outlets", outlets, key="f_outlets", placeholder="All outlets",
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
    """The filters the sidebar set in this run; the selected document only picks what Evidence shows."""
    return replace(st.session_state.get("filters") or Filters(), document=None)


def not_analysed(part: str) -> None:
    """The honest empty state for an analysis stage that has produced nothing yet."""
    st.info(f"**{part}: not analysed yet.** This part of the analysis has produced no results for the "
            "current corpus and filters. Nothing is shown rather than made-up numbers.", icon=":material/hourglass_empty:")


def export_buttons(claims: pd.DataFrame, places: pd.DataFrame, key: str) -> None:
    """Download the filtered claims and places (CSV, GeoJSON); the files are made only when clicked."""
    stamp = dt.date.today().isoformat()
    cols = st.columns(3)
    cols[0].download_button("Claims (CSV)", lambda: views.claims_csv(claims), f"claimatlas-claims-{stamp}.csv",
                            "text/csv", key=f"{key}_claims", disabled=claims.empty, width="stretch")
    cols[1].download_button("Places (CSV)", lambda: views.places_csv(places), f"claimatlas-places-{stamp}.csv",
                            "text/csv", key=f"{key}_places", disabled=places.empty, width="stretch")
    cols[2].download_button("Places (GeoJSON)", lambda: views.geojson_text(places),
                            f"claimatlas-places-{stamp}.geojson", "application/geo+json", key=f"{key}_geojson",
                            disabled=places.empty, width="stretch")


def severity_table(severity: pd.DataFrame) -> None:
    """Every scored outlet's severity as a compact sortable table (the outlets beyond the gauges included)."""
    st.dataframe(views.severity_table(severity), hide_index=True, width="stretch",
                 column_config={"score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100, format="%.0f"),
                                "level": st.column_config.NumberColumn("Level", format="%d"),
                                "own_voice": st.column_config.NumberColumn("Own voice", format="%.0f"),
                                "quoted_voices": st.column_config.NumberColumn("Quoted voices", format="%.0f")})


def table_note(shown: pd.DataFrame, total: int) -> None:
    """Say when a table shows only its first rows."""
    if total > len(shown):
        st.caption(f"Showing the first {len(shown):,} of {total:,} rows; the exports hold them all.")


@st.cache_resource(max_entries=512, hash_funcs={FunctionType: lambda f: f"{f.__module__}.{f.__qualname__}"})
def figure(builder: Callable[..., go.Figure], *args: Any) -> go.Figure:
    """A plotly figure built once per builder and input: plotly validates every property of a new
    figure, which made charts the slowest part of a rerun. Streamlit only reads the figure."""
    return builder(*args)


def chart_or_notice(builder: Callable[..., go.Figure], data: pd.DataFrame, part: str, key: str) -> bool:
    """Draw ``builder(data)`` as a full-width chart, or the honest empty state for ``part``; True when drawn."""
    if data.empty:
        not_analysed(part)
        return False
    st.plotly_chart(figure(builder, data), width="stretch", key=key)
    return True

