"""Evidence: read one document with its places and claims highlighted, and its reader comments apart."""
from __future__ import annotations

import streamlit as st

from claimatlas import views
from claimatlas.filters import Filters
from ui import common

data = common.data()
filters = common.filters()
documents = data.documents(filters)

st.title("Evidence")
st.caption("Every number on the dashboard comes from sentences: read them here, with the claims and places "
           "the analysis found.")

if documents.empty:
    st.warning("No document matches the current filters.")
    st.stop()

labels = {i: f"{outlet or 'unknown'} — {title or i}"
          for i, outlet, title in documents[["id", "outlet", "title"]].itertuples(index=False)}
ids = list(labels)
if st.session_state.get("doc") not in labels:
    st.session_state["doc"] = ids[0]
st.selectbox("Document", ids, key="doc", format_func=lambda i: labels.get(i, i))
record = data.record(st.session_state["doc"]) or {"id": st.session_state["doc"]}

meta = st.columns(4)
meta[0].metric("Outlet", views.outlet_of(record))
meta[1].metric("Published", record.get("published") or "unknown")
meta[2].metric("Kind", record.get("kind") or "—")
severity = (record.get("severity") or {}).get("score")
meta[3].metric("Severity", f"{severity:.0f}" if isinstance(severity, int | float) else "—")
for warning in record.get("warnings") or []:
    st.caption(f"⚠️ {views.escape_markdown(warning)}")
if record.get("inferred"):
    st.caption("Inferred from the text: " + views.escape_markdown(", ".join(record["inferred"])))

text = record.get("text") or ""
spans: list[tuple[int, int, str]] = []
for place in record.get("places") or []:
    for span in place.get("spans") or []:
        if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            spans.append((span["start"], span["end"], "place"))
claim_spans = []
for claim in record.get("claims") or []:
    if isinstance(claim.get("start"), int) and isinstance(claim.get("end"), int):
        claim_spans.append((claim["start"], claim["end"], f"claim{claim.get('level') if claim.get('level') is not None else ''}"))

CLAIM_BACKGROUND = {0: "blue", 1: "gray", 2: "yellow", 3: "orange", 4: "red"}


def render(text: str) -> str:
    """Escaped Markdown of the text: claims on a background by level, places in bold blue."""
    out = []
    offset = 0
    for segment, label in views.highlight_segments(text, claim_spans):
        inner = [(a - offset, b - offset, lab) for a, b, lab in spans if a >= offset and b <= offset + len(segment)]
        body = "".join(f":blue[**{views.escape_markdown(piece)}**]" if lab and piece.strip() else views.escape_markdown(piece)
                       for piece, lab in views.highlight_segments(segment, inner))
        level = label.removeprefix("claim") if label else ""
        if label and level.isdigit() and segment.strip():
            out.append(f":{CLAIM_BACKGROUND.get(int(level), 'gray')}-background[{body}]")
        else:
            out.append(body)
        offset += len(segment)
    return "".join(out)


with st.container(border=True):
    st.markdown(f"#### {views.escape_markdown(record.get('title') or record['id'])}")
    st.caption("Claim background by level: blue 0 · grey 1 · yellow 2 · orange 3 · red 4. Places in bold blue.")
    st.markdown(render(text))
    if not spans and not claim_spans:
        st.caption("No place or claim offsets for this document yet (places and claims not analysed).")

left, right = st.columns(2)
with left:
    st.subheader("Places in this document")
    doc_places = views.places_frame({"documents": [record]}, Filters())
    if doc_places.empty:
        common.not_analysed("Places")
    else:
        st.dataframe(doc_places[["name", "country", "mentions", "confidence", "doubtful"]], hide_index=True,
                     width="stretch")
with right:
    st.subheader("Claims in this document")
    doc_claims = views.claims_frame({"documents": [record]}, Filters())
    if doc_claims.empty:
        common.not_analysed("Claims")
    else:
        st.dataframe(doc_claims[["level", "speaker", "certainty", "sentence"]], hide_index=True,
                     width="stretch")

comments = record.get("comments") or []
st.subheader(f"Reader comments ({len(comments)})")
if comments:
    st.caption("Reader comments are kept apart from the article and never count toward the outlet.")
    with st.expander("Show reader comments", expanded=filters.include_comments):
        for comment in comments:
            st.markdown(f"> {views.escape_markdown(comment.get('text', '') if isinstance(comment, dict) else str(comment))}")
else:
    st.write("No reader comments in this document.")
