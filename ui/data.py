"""Data for the pages: shared resources, the store and its upkeep, session-added articles, cached queries.

Every page reads through the DuckDB store at the ``store_path`` setting (default
``data/claimatlas.duckdb``), with the sidebar filters pushed into SQL. The store is built once per
server from the corpus folder (only new or changed files are analysed), and again whenever a file
there changes. Articles added in a session live in an in-memory copy of the store for that
session until they are saved.

Caching: the spaCy model and gazetteer load once per server, and only when something needs
analysing (``st.cache_resource``); query results are cached by store state and arguments
(``st.cache_data``), so a repeated view costs no query.
"""
from __future__ import annotations

import gc
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from claimatlas.build import (
    Upload,
    build_files,
    build_uploads,
    load_snapshot,
    local_analyser,
    open_store,
    snapshot_path,
)
from claimatlas.framing.codebook import Codebook, load_codebook
from claimatlas.ingest.manifest import corpus_description
from claimatlas.model import Contradiction, DocumentRecord, FileError
from claimatlas.report import queries
from claimatlas.settings import Settings, load_settings
from claimatlas.store import Filters, Store

if TYPE_CHECKING:
    from claimatlas.pipeline import Resources

ROOT = Path(__file__).resolve().parents[1]
ASSET_DIR = ROOT / "static" / "vendor"
# The map runs in the streamlit-folium component frame (/component/<name>/index.html),
# so this relative address reaches the app's static folder whatever the base URL.
ASSET_URL = "../../app/static/vendor"


@st.cache_resource
def settings() -> Settings:
    """The settings of this server, read once from the environment."""
    return load_settings()


def project_path(value: str) -> Path:
    """A setting's path, relative to the project root unless absolute."""
    path = Path(value)
    return path if path.is_absolute() else ROOT / path


def articles_folder() -> Path:
    """The corpus folder the dashboard builds (the ``articles_path`` setting)."""
    return project_path(settings().articles_path)


@st.cache_resource(show_spinner="Loading the language model and gazetteer (once per server)…")
def resources() -> Resources:
    """The analysis resources, shared by every session, loaded when something has to be analysed.

    The model and gazetteer are millions of long-lived objects: ``gc.freeze`` moves them
    out of the collector's reach so later collections stay fast for every session.
    """
    from claimatlas.pipeline import default_resources

    loaded = default_resources(settings())
    gc.freeze()
    return loaded


@st.cache_resource
def codebook() -> Codebook:
    """The frame codebook in use (the ``frames`` setting, else the bundled one)."""
    return load_codebook(settings().frames or None)


@st.cache_resource
def map_assets_ready() -> bool:
    """Write Leaflet's files into static/vendor once per server (when the map is first drawn), so the
    map needs no CDN."""
    from claimatlas.report.maps import write_offline_assets

    write_offline_assets(ASSET_DIR)
    return True


@st.cache_data(show_spinner=False, max_entries=8)
def _manifest_description(path: str, stamp: tuple[int, int]) -> str:
    return corpus_description(Path(path))


def corpus_subtitle() -> str:
    """The corpus's one-line description from its manifest (empty when it has none); the manifest is read
    again only when it changes."""
    path = articles_folder().parent / "sources.yaml"
    try:
        stat = path.stat()
    except OSError:
        return ""
    return _manifest_description(str(path), (stat.st_mtime_ns, stat.st_size))


def articles_stamp(folder: Path) -> str:
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
    return local_analyser(resources())(documents, progress)


@st.cache_resource(show_spinner="Analysing new or changed articles into the store…", max_entries=4)
def corpus_store(path: str, folder: str, stamp: str) -> Store:
    """The store at ``path``, brought up to date with the corpus ``folder`` (``stamp``: its state)."""
    store = open_store(path)
    build_files(store, [Path(folder)], _analyse_with_shared_resources, settings=settings(),
                snapshot=load_snapshot(snapshot_path(Path(folder))))
    return store


@st.cache_resource
def worker():
    """The server's analysis worker process: added articles are analysed there, not in the server."""
    from claimatlas.worker import AnalysisWorker

    return AnalysisWorker(settings())


@st.cache_resource(show_spinner="Analysing the added articles in the worker process…", max_entries=16)
def session_store(path: str, folder: str, stamp: str, added: tuple[Upload, ...]) -> Store:
    """An in-memory copy of the store plus the articles added in a session, analysed in the worker.

    Near-duplicates are linked against the corpus as for files; an article that cannot be read, or
    whose analysis was refused or stopped, is stored as an error under its name.
    """
    from claimatlas.ingest.corpus import load_corpus

    store = corpus_store(path, folder, stamp).snapshot()
    build_uploads(store, added, worker().analyse, corpus=load_corpus([Path(folder)]).documents)
    return store


def added_articles() -> list[dict[str, Any]]:
    """The articles added in this session (kept in session state until saved or the session ends)."""
    return st.session_state.setdefault("added_articles", [])


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(_store: Store, token: str, query: str, key: str, _args: tuple) -> Any:
    return getattr(queries, query)(_store, *_args)


@dataclass(frozen=True)
class Data:
    """The store this session reads, a token naming its current contents, and its cached queries."""

    store: Store
    token: str

    def _get(self, query: str, *args: Any) -> Any:
        key = repr(tuple(a.path if isinstance(a, Codebook) else a for a in args))
        return _cached(self.store, self.token, query, key, args)

    def outlets(self) -> pd.DataFrame:
        """One row per outlet with its document count and publication dates."""
        return self._get("outlets")

    def languages(self) -> list[str]:
        """The languages of the corpus, most documents first."""
        return self._get("languages")

    def documents(self, filters: Filters) -> pd.DataFrame:
        """The filtered documents."""
        return self._get("documents", filters)

    def documents_table(self, filters: Filters) -> pd.DataFrame:
        """The filtered documents as the Overview table."""
        return self._get("documents_table", filters)

    def claims(self, filters: Filters) -> pd.DataFrame:
        """The filtered claims, in the dashboard's claim columns."""
        return self._get("claims", filters)

    def places(self, filters: Filters) -> pd.DataFrame:
        """The filtered places with their evidence sentences."""
        return self._get("places", filters)

    def severity(self, filters: Filters) -> pd.DataFrame:
        """The severity gauge of each selected outlet."""
        return self._get("severity", filters)

    def contradictions(self) -> list[Contradiction]:
        """Every contradicting claim pair in the store."""
        return self._get("contradictions", settings().contradiction_window_days)

    def frame_shares(self, filters: Filters) -> pd.DataFrame:
        """Frame shares per outlet over the filtered documents."""
        return self._get("frame_shares", filters, codebook())

    def framing(self, once_per_story: bool = False) -> dict[str, Any]:
        """The corpus-wide framing comparison (each story once per outlet when asked)."""
        return self._get("framing", codebook(), once_per_story)

    def stories(self, filters: Filters) -> pd.DataFrame:
        """The stories with at least one filtered document."""
        return self._get("stories", filters)

    def story_documents(self, story: str) -> pd.DataFrame:
        """One story's documents in publication order."""
        return self._get("story_documents", story)

    def lineage(self, story: str) -> pd.DataFrame:
        """One story's lineage links."""
        return self._get("lineage", story)

    def own_coverage(self, filters: Filters) -> pd.DataFrame:
        """Per outlet: own reporting, dated rewrites of other outlets, undetermined."""
        return self._get("own_coverage", filters)

    def record(self, document: str) -> DocumentRecord | None:
        """The full record of one document."""
        return self._get("record", document)

    def errors(self) -> list[FileError]:
        """The files (or added articles) that could not be read."""
        return self._get("errors")


def data() -> Data:
    """The store this session reads: the shared store, or its session copy while added articles are unsaved."""
    path, folder = str(project_path(settings().store_path)), articles_folder()
    stamp = articles_stamp(folder)
    added = tuple(Upload(a["name"], a["data"], a.get("outlet", ""), a.get("published", ""), a.get("url", ""))
                  for a in added_articles() if not a.get("saved"))
    if not added:
        return Data(corpus_store(path, str(folder), stamp), f"{path}|{stamp}")
    digest = hashlib.sha256(json.dumps([(u.name, hashlib.sha256(u.data).hexdigest(), u.outlet, u.published, u.url)
                                        for u in added]).encode("utf-8")).hexdigest()
    return Data(session_store(path, str(folder), stamp, added), f"{path}|{stamp}|{digest}")


@st.cache_resource(show_spinner=False)
def warm_server() -> None:
    """Before the server answers its first request: build the shared store, run the Overview's queries for
    an unfiltered view, compare the outlets' framing (the codebook's cue patterns and scipy's distances
    cost a Framing page's first visitor 0.8 s, and every visitor arriving meanwhile waited), and import what
    the other pages need (the map's folium and geopandas, the charts' plotly, the country outlines), so
    that no visitor, the first one included, waits for them. Cached, so the caches it calls show no
    spinner: there is no session to show one to."""
    from claimatlas.report import figures, maps, tables  # noqa: F401

    path, folder = str(project_path(settings().store_path)), articles_folder()
    stamp = articles_stamp(folder)
    shared = Data(corpus_store(path, str(folder), stamp), f"{path}|{stamp}")
    unfiltered = Filters()
    shared.outlets(), shared.languages(), shared.errors()
    for view in (shared.documents, shared.documents_table, shared.claims, shared.places, shared.severity,
                 shared.frame_shares):
        view(unfiltered)
    shared.framing()
    maps.country_outline_frame()
