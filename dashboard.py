"""Claim Atlas: `streamlit run dashboard.py`.

Pages live in app_pages/ (not pages/): with a pages/ folder Streamlit would serve a deep
link such as /map on a fresh server as a bare v1 page, without this entry script's sidebar.
The entry point draws the shared sidebar (filters mirrored in the URL) and runs the page
the user picked. Pages only display; the analysis lives in the claimatlas package.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import data as ui_data
from ui import sidebar

st.set_page_config(page_title="Claim Atlas", page_icon=str(Path(__file__).with_name("ui") / "favicon.png"), layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/newspaper:", default=True),
    st.Page("app_pages/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("app_pages/severity.py", title="Severity", icon=":material/speed:", url_path="severity"),
    st.Page("app_pages/framing.py", title="Framing", icon=":material/explore:", url_path="framing"),
    st.Page("app_pages/stories.py", title="Stories", icon=":material/account_tree:", url_path="stories"),
    st.Page("app_pages/evidence.py", title="Evidence", icon=":material/find_in_page:", url_path="evidence"),
    st.Page("app_pages/add_articles.py", title="Add articles", icon=":material/note_add:", url_path="add"),
]

page = st.navigation(PAGES)
with st.sidebar:
    # Drawn before the store loads, and as HTML-enabled Markdown: the browser then fetches the HTML
    # renderer the severity gauges need while the server is still loading, not after the gauges arrive.
    st.markdown("## Claim Atlas", unsafe_allow_html=True)
    st.caption(ui_data.corpus_subtitle() or "Where, how severe, how framed: a crisis in the news.")
data = ui_data.data()
sidebar.sidebar(data)
page.run()
ui_data.warm_other_pages()
