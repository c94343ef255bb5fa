"""Claim Atlas: `streamlit run dashboard.py`.

The entry point draws the shared sidebar (filters mirrored in the URL) and runs the page
the user picked. Pages only display; the analysis lives in the claimatlas package.
"""
from __future__ import annotations

import streamlit as st

from ui import common

st.set_page_config(page_title="Claim Atlas", page_icon="🗺️", layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="📰", default=True),
    st.Page("pages/map.py", title="Map", icon="🗺️", url_path="map"),
    st.Page("pages/severity.py", title="Severity", icon="🌡️", url_path="severity"),
    st.Page("pages/framing.py", title="Framing", icon="🧭", url_path="framing"),
    st.Page("pages/evidence.py", title="Evidence", icon="🔎", url_path="evidence"),
    st.Page("pages/add_articles.py", title="Add articles", icon="➕", url_path="add"),
]

page = st.navigation(PAGES)
common.map_assets_ready()
report = common.report()
with st.sidebar:
    st.markdown("## 🗺️ Claim Atlas")
    st.caption("Where, how severe, how framed: the Mali 2025–2026 crisis in the news.")
common.sidebar(report)
page.run()
