"""Stories: documents about one event, who reported first, who followed, and who copied whom."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from claimatlas.report import figures, tables
from ui import data as ui_data
from ui import sidebar, widgets

data = ui_data.data()
filters = sidebar.filters()
stories = data.stories(filters)

st.title("Stories")
st.caption("Documents that report the same event form a story: grouped by the names, numbers, days, places and "
           "words they share (across English and French). Inside a story, a document is a *rewrite* of another "
           "when it keeps a good share of its sentences in the same order, a *copy* when the text is nearly the "
           "same, and from the *same source* when both carry the same quotes or statements but are written apart.")

if stories.empty:
    widgets.not_analysed("Stories")
    st.stop()

coverage = data.own_coverage(filters)
st.subheader("How much of each outlet's coverage is its own")
st.caption("Own: not a rewrite or copy of another outlet's document. Derived: a rewrite or copy of another outlet's "
           "earlier document. Undetermined: a rewrite or copy whose direction is unknown because a date is missing. "
           "Switch on *Count each story once per outlet* in the sidebar to keep copies from adding weight to an "
           "outlet's gauge and framing.")
st.dataframe(coverage, hide_index=True, width="stretch",
             column_config={"own_share": st.column_config.ProgressColumn("Own share", min_value=0, max_value=1,
                                                                         format="percent")})

shared = stories[stories["documents"] > 1]
st.subheader(f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}, "
             f"{len(shared)} told by more than one document")
listing = stories.assign(
    span=[tables.date_range_label(tables.parse_date(a), tables.parse_date(b)) for a, b in
          zip(stories["span_start"], stories["span_end"], strict=True)],
    outlets=stories["outlets"].map(lambda names: ", ".join(names)),
    link=stories["id"].map(tables.story_link))
st.dataframe(listing[["title", "documents", "all_outlets", "span", "outlets", "link"]], hide_index=True,
             width="stretch",
             column_config={"title": st.column_config.TextColumn("Story", width="large"),
                            "documents": st.column_config.NumberColumn("Documents"),
                            "all_outlets": st.column_config.NumberColumn("Outlets"),
                            "span": st.column_config.TextColumn("Published"),
                            "outlets": st.column_config.TextColumn("Outlets shown"),
                            "link": st.column_config.LinkColumn("Open", display_text="Open story")})

ids = list(stories["id"])
titles = dict(zip(stories["id"], stories["title"], strict=True))
chosen = st.session_state.get("story")
if chosen not in titles:
    chosen = next(iter(shared["id"]), ids[0])
st.session_state["story_pick"] = chosen  # the story of the link, of another page's button, or the last pick
st.selectbox("Story", ids, format_func=lambda s: titles[s][:120], key="story_pick",
             on_change=lambda: st.session_state.update(story=st.session_state["story_pick"]))
story = st.session_state["story_pick"]
st.session_state["story"] = story

row = stories[stories["id"] == story].iloc[0]
members = data.story_documents(story)
lineage = data.lineage(story)
st.subheader(tables.escape_markdown(row["title"]))
first = row["first"] if isinstance(row["first"], str) else None
cols = st.columns(4)
cols[0].metric("Documents", int(row["documents"]))
cols[1].metric("Outlets", int(row["all_outlets"]))
cols[2].metric("Published", tables.date_range_label(tables.parse_date(row["span_start"]), tables.parse_date(row["span_end"])))
first_outlet = members.loc[members["id"] == first, "outlet"]
cols[3].metric("First", first_outlet.iloc[0] if len(first_outlet) else "unknown (undated)")

st.plotly_chart(widgets.figure(figures.story_graph, members, lineage, first), width="stretch", key="story_graph")
st.caption("Each point is a document, on its outlet's line, in publication order (undated documents last; the "
           "star is the first dated one). Lines join related documents; an arrow points from the earlier to the "
           "later document when both dates are known.")

st.markdown("**Documents**")
st.dataframe(members.assign(published=members["published"].map(lambda v: "undated" if pd.isna(v) else str(v)[:10]),
                            evidence=members["id"].map(lambda d: f"evidence?doc={d}")),
             hide_index=True, width="stretch",
             column_config={"title": st.column_config.TextColumn("Title", width="large"),
                            "severity_score": st.column_config.NumberColumn("Severity", format="%.0f"),
                            "counted": st.column_config.CheckboxColumn("Counted once per outlet"),
                            "evidence": st.column_config.LinkColumn("Text", display_text="Open evidence")})

st.markdown("**Lineage**")
links = tables.lineage_table(lineage, members)
if links.empty:
    st.write("No document of this story rewrites, copies or shares a source with another.")
else:
    st.dataframe(links, hide_index=True, width="stretch",
                 column_config={"evidence": st.column_config.TextColumn("Shared sentences and quotes", width="large")})
