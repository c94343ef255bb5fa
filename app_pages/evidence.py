"""Evidence: read one document with its places and claims highlighted, and its reader comments apart."""
from __future__ import annotations

import streamlit as st

from claimatlas.report import tables
from claimatlas.store import Filters
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

meta = st.columns(4)
meta[0].metric("Outlet", record.outlet or "unknown")
meta[1].metric("Published", record.published or "unknown")
meta[2].metric("Kind", record.kind)
meta[3].metric("Severity", f"{record.severity.score:.0f}" if record.severity.score is not None else "—")
for warning in record.warnings:
    st.caption(f"⚠️ {tables.escape_markdown(warning)}")
inferred = {field: source for field, source in record.inferred.items() if field != "language"}
if inferred:
    st.caption("Inferred, not given by the manifest: " + tables.escape_markdown(
        "; ".join(f"{field} from {source}" for field, source in inferred.items())))

text = record.text
spans = [(span.start, span.end, "place") for place in record.places for span in place.spans]
claim_spans = [(claim.start, claim.end, f"claim{claim.level}") for claim in record.claims]

CLAIM_BACKGROUND = {0: "blue", 1: "gray", 2: "yellow", 3: "orange", 4: "red"}


def render(text: str) -> str:
    """Escaped Markdown of the text: claims on a background by level, places in bold blue."""
    out = []
    offset = 0
    for segment, label in tables.highlight_segments(text, claim_spans):
        inner = [(a - offset, b - offset, lab) for a, b, lab in spans if a >= offset and b <= offset + len(segment)]
        body = "".join(f":blue[**{tables.escape_markdown(piece)}**]" if lab and piece.strip() else tables.escape_markdown(piece)
                       for piece, lab in tables.highlight_segments(segment, inner))
        level = label.removeprefix("claim") if label else ""
        if label and level.isdigit() and segment.strip():
            out.append(f":{CLAIM_BACKGROUND.get(int(level), 'gray')}-background[{body}]")
        else:
            out.append(body)
        offset += len(segment)
    return "".join(out)


with st.container(border=True):
    st.markdown(f"#### {tables.escape_markdown(record.title or record.id)}")
    st.caption("Claim background by level: blue 0 · grey 1 · yellow 2 · orange 3 · red 4. Places in bold blue.")
    st.markdown(render(text))
    if not spans and not claim_spans:
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
