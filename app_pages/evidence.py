"""Evidence: read one document with its places and claims highlighted, and its reader comments apart."""
from __future__ import annotations

import html

import streamlit as st

from claimatlas.languages import language_name
from claimatlas.report import tables
from claimatlas.store import Filters
from claimatlas.vocab import LEVEL_TINTS, PLACE_COLOUR, TEXT_COLOUR, level_names
from ui import data as ui_data
from ui import sidebar, widgets

data = ui_data.data()
filters = sidebar.filters()
documents = data.documents(filters)

st.title("Evidence")
st.caption("Every number on the dashboard comes from sentences: read them here, with the claims and places "
           "the analysis found.")

if documents.empty:
    st.warning("No document matches the current filters.")
    st.stop()

table = tables.documents_table(documents)
labels = {i: f"{outlet} — {title}" for i, outlet, title in table[["id", "outlet", "title"]].itertuples(index=False)}
ids = list(labels)
if st.session_state.get("doc") not in labels:
    st.session_state["doc"] = ids[0]
st.selectbox("Document", ids, key="doc", format_func=lambda i: labels.get(i, i))
record = data.record(st.session_state["doc"])
if record is None:
    st.warning("This document is not in the store any more.")
    st.stop()

meta = st.columns([3, 2, 1.4, 1.2, 1])  # outlet names are long: "news.disinformationcommission.com"
meta[0].metric("Outlet", record.outlet or "unknown")
meta[1].metric("Published", record.published or "unknown")
meta[2].metric("Language", language_name(record.language or "en"))
meta[3].metric("Kind", record.kind)
meta[4].metric("Severity", f"{record.severity.score:.0f}" if record.severity.score is not None else "—")
if record.story:
    related = {"rewrite": "a rewrite of", "duplicate": "a copy of", "same_source": "from the same source as"}
    lineage = "; ".join(f"{related.get(link.relation, link.relation)} {link.of}" for link in record.lineage)
    if lineage:
        st.caption(tables.escape_markdown(f"Lineage: {lineage}."))
    if st.button("Open this document's story", icon=":material/account_tree:"):
        st.session_state["story"] = record.story
        st.switch_page("app_pages/stories.py")
for warning in record.warnings:
    st.caption(f"⚠️ {tables.escape_markdown(warning)}")
inferred = {field: source for field, source in record.inferred.items() if field != "language"}
if inferred:
    st.caption("Inferred, not given by the manifest: " + tables.escape_markdown(
        "; ".join(f"{field} from {source}" for field, source in inferred.items())))

place_spans = [(span.start, span.end) for place in record.places for span in place.spans]
claim_spans = [(claim.start, claim.end, claim.level) for claim in record.claims]
legend = " ".join(f'<mark style="background:{LEVEL_TINTS[level]};color:{TEXT_COLOUR};padding:0 4px">'
                  f"{level} {html.escape(name)}</mark>" for level, name in level_names().items())

with st.container(border=True):
    st.markdown(f"#### {tables.escape_markdown(record.title or record.id)}")
    st.html(f'<div style="font-size:13px;color:#555">Claims by level: {legend} · places in '
            f'<b style="color:{PLACE_COLOUR}">bold blue</b></div>')
    st.html(f'<div style="font-family:Georgia,serif;line-height:1.6">'
            f"{tables.highlight_html(record.text, claim_spans, place_spans)}</div>")
    if not place_spans and not claim_spans:
        st.caption("No place or claim offsets for this document yet (places and claims not analysed).")

left, right = st.columns(2)
with left:
    st.subheader("Places in this document")
    doc_places = data.places(Filters(document=record.id))
    if doc_places.empty:
        widgets.not_analysed("Places")
    else:
        st.dataframe(doc_places[["name", "country", "mentions", "confidence", "doubtful"]], hide_index=True,
                     width="stretch")
with right:
    st.subheader("Claims in this document")
    doc_claims = data.claims(Filters(document=record.id))
    if doc_claims.empty:
        widgets.not_analysed("Claims")
    else:
        st.dataframe(doc_claims[["level", "speaker", "certainty", "sentence"]], hide_index=True,
                     width="stretch")

comments = record.comments
st.subheader(f"Reader comments ({len(comments)})")
if comments:
    st.caption("Reader comments are kept apart from the article and never count toward the outlet.")
    with st.expander("Show reader comments", expanded=filters.include_comments):
        for comment in comments:
            st.markdown(f"> {tables.escape_markdown(comment.text)}")
else:
    st.write("No reader comments in this document.")
