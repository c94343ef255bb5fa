"""Framing: frame shares per outlet, divergence, distinctive words, group labels, speaker mix."""
from __future__ import annotations

import streamlit as st

from claimatlas.report import figures, tables
from ui import data as ui_data
from ui import sidebar, widgets

data = ui_data.data()
filters = sidebar.filters()
framing = data.framing(filters.once_per_story)

st.title("Framing")
st.caption("How each outlet frames the crisis: which frames its sentences carry, how far apart the outlets "
           "are, the words and labels they choose, and whose voices they quote.")

st.subheader("Which outlets alarm, which reassure")
claims = data.claims(filters)
if widgets.chart_or_notice(figures.threat_axis_chart, tables.threat_axis(claims), "Claims", key="threat_axis"):
    st.caption("Each outlet's claims: the share that reassure (level 0, left) and that alarm (levels 3–4, right); "
               "beside each bar, the share of its claims that are hedged or conditional.")

shares = data.frame_shares(filters)
left, right = st.columns(2)
with left:
    st.subheader("Crisis frames")
    widgets.chart_or_notice(figures.frame_shares_chart, shares[shares["kind"] == "issue"], "Crisis frames",
                            key="issue_frames")
with right:
    st.subheader("Generic news frames")
    widgets.chart_or_notice(figures.frame_shares_chart, shares[shares["kind"] == "generic"], "Generic frames",
                            key="generic_frames")

left, right = st.columns(2)
with left:
    st.subheader("Divergence between outlets")
    matrix = tables.divergence_frame(framing["divergence"], filters)
    if len(matrix) < 2:
        st.info("Divergence compares outlets: select two or more (or none for all).")
    elif widgets.chart_or_notice(figures.divergence_heatmap, matrix, "Framing divergence", key="divergence"):
        st.caption("Jensen–Shannon divergence of the outlets' frame shares: 0 = same framing, 1 = disjoint.")
with right:
    st.subheader("Speaker mix")
    widgets.chart_or_notice(figures.speaker_mix_chart, tables.speaker_mix_frame(claims),
                           "Speakers of claims", key="speaker_mix")

st.subheader("Labels for the armed groups")
labels = tables.labels_table(framing["labels"], filters)
if labels.empty:
    widgets.not_analysed("Group labels")
else:
    table = labels.pivot_table(index="outlet", columns="label", values="weight", aggfunc="sum", fill_value=0)
    table = table.loc[:, table.sum() > 0]
    st.caption("How many times each outlet calls the armed groups by each label.")
    st.dataframe(table, width="stretch")

st.subheader("Distinctive words")
words = tables.distinctive_words(framing["distinctive_words"], filters)
if words.empty:
    widgets.not_analysed("Distinctive words")
else:
    st.caption("Words over-represented in each outlet against the others (z: log-odds z-score); the most "
               "common English words are left out.")
    st.dataframe(words.rename(columns={"weight": "z"}), hide_index=True, width="stretch")

distinctive_frames = tables.distinctive_table(framing["distinctive_frames"], filters, "frame")
if not distinctive_frames.empty:
    st.subheader("Distinctive frames")
    st.dataframe(distinctive_frames.rename(columns={"weight": "z"}), hide_index=True, width="stretch")
