"""Claim Atlas: `streamlit run dashboard.py`.

Pages live in app_pages/ (not pages/): with a pages/ folder Streamlit would serve a deep
link such as /map on a fresh server as a bare v1 page, without this entry script's sidebar.
The entry point draws the shared sidebar (filters mirrored in the URL) and runs the page
the user picked. Pages only display; the analysis lives in the claimatlas package.

`streamlit run` first imports this file as a module and finds ``app``, the server: it builds the
store and imports what the pages need before it answers any request (``ui.data.warm_server``), so a
shared link's first visitor waits no longer than the next one. Each session then runs this file as
its script (``__main__``).
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st


@asynccontextmanager
async def warm_before_serving(_app: st.App) -> AsyncIterator[None]:
    """The server's lifespan: warm the store and the imports before the first request is answered."""
    from ui.data import warm_server  # imported once the server's runtime exists, as the caches expect

    await asyncio.to_thread(warm_server)
    yield


def main() -> None:
    """One session's run: page set-up, the shared sidebar, then the page the user picked."""
    from ui import data as ui_data
    from ui import sidebar

    st.set_page_config(page_title="Claim Atlas", page_icon=str(Path(__file__).with_name("ui") / "favicon.png"),
                       layout="wide", initial_sidebar_state="expanded")
    pages = [
        st.Page("app_pages/overview.py", title="Overview", icon=":material/newspaper:", default=True),
        st.Page("app_pages/map.py", title="Map", icon=":material/map:", url_path="map"),
        st.Page("app_pages/severity.py", title="Severity", icon=":material/speed:", url_path="severity"),
        st.Page("app_pages/framing.py", title="Framing", icon=":material/explore:", url_path="framing"),
        st.Page("app_pages/stories.py", title="Stories", icon=":material/account_tree:", url_path="stories"),
        st.Page("app_pages/evidence.py", title="Evidence", icon=":material/find_in_page:", url_path="evidence"),
        st.Page("app_pages/add_articles.py", title="Add articles", icon=":material/note_add:", url_path="add"),
    ]
    page = st.navigation(pages)
    with st.sidebar:
        # Drawn before the store loads, and as HTML-enabled Markdown: the browser then fetches the HTML
        # renderer the severity gauges need while the server is still loading, not after the gauges arrive.
        st.markdown("## Claim Atlas", unsafe_allow_html=True)
        st.caption(ui_data.corpus_subtitle() or "Where, how severe, how framed: a crisis in the news.")
    sidebar.sidebar(ui_data.data())
    page.run()


if __name__ == "__main__":
    main()
else:
    app = st.App(__file__, lifespan=warm_before_serving)
