"""Widgets the pages share: honest empty states, exports, tables and cached charts."""
from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections.abc import Callable
from types import FunctionType
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from claimatlas.report import tables

# Outlets that get a gauge at most (those with the most claims); a table lists every outlet's score.
GAUGE_OUTLETS = 8


def not_analysed(part: str) -> None:
    """The honest empty state for an analysis stage that has produced nothing yet."""
    st.info(f"**{part}: not analysed yet.** This part of the analysis has produced no results for the "
            "current corpus and filters. Nothing is shown rather than made-up numbers.", icon=":material/hourglass_empty:")


def export_buttons(claims: pd.DataFrame, places: pd.DataFrame, key: str) -> None:
    """Download the filtered claims and places (CSV, GeoJSON); the files are made only when clicked."""
    stamp = dt.date.today().isoformat()
    cols = st.columns(3)
    cols[0].download_button("Claims (CSV)", lambda: tables.claims_csv(claims), f"claimatlas-claims-{stamp}.csv",
                            "text/csv", key=f"{key}_claims", disabled=claims.empty, width="stretch")
    cols[1].download_button("Places (CSV)", lambda: tables.places_csv(places), f"claimatlas-places-{stamp}.csv",
                            "text/csv", key=f"{key}_places", disabled=places.empty, width="stretch")
    cols[2].download_button("Places (GeoJSON)", lambda: tables.geojson_text(places),
                            f"claimatlas-places-{stamp}.geojson", "application/geo+json", key=f"{key}_geojson",
                            disabled=places.empty, width="stretch")


def severity_table(severity: pd.DataFrame) -> None:
    """Every scored outlet's severity as a compact sortable table (the outlets beyond the gauges included)."""
    st.dataframe(tables.severity_table(severity), hide_index=True, width="stretch",
                 column_config={"score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100, format="%.0f"),
                                "level": st.column_config.NumberColumn("Level", format="%d"),
                                "own_voice": st.column_config.NumberColumn("Own voice", format="%.0f"),
                                "quoted_voices": st.column_config.NumberColumn("Quoted voices", format="%.0f")})


def table_note(shown: pd.DataFrame, total: int) -> None:
    """Say when a table shows only its first rows."""
    if total > len(shown):
        st.caption(f"Showing the first {len(shown):,} of {total:,} rows; the exports hold them all.")


def _frame_digest(frame: pd.DataFrame) -> str:
    """A digest of a data frame's contents: its pickle, hashed (several times faster than hashing each cell)."""
    return hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=16).hexdigest()


@st.cache_resource(max_entries=512, hash_funcs={FunctionType: lambda f: f"{f.__module__}.{f.__qualname__}",
                                                pd.DataFrame: _frame_digest})
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

