"""Framing: frame shares per outlet, divergence, distinctive words, group labels, speaker mix."""
from __future__ import annotations

import streamlit as st

from claimatlas.report import figures, tables
from ui import data as ui_data
from ui import sidebar, widgets

data = ui_data.data()
filters = sidebar.filters()
framing = data.framing()

st.title("Framing")
st.caption("How each outlet frames the crisis: which frames its sentences carry, how far apart the outlets "
           "are, the words and labels they choose, and whose voices they quote.")

st.subheader("Frame shares per outlet")
widgets.chart_or_notice(figures.frame_shares_chart, data.frame_shares(filters), "Frames", key="frame_shares")

left, right = st.columns(2)
with left:
    st.subheader("Divergence between outlets")
    matrix = tables.divergence_frame(framing["divergence"], filters)
    if widgets.chart_or_notice(figures.divergence_heatmap, matrix, "Framing divergence", key="divergence"):
        st.caption("Jensen–Shannon divergence of the outlets' frame shares: 0 = same framing, 1 = disjoint.")
with right:
    st.subheader("Speaker mix")
    widgets.chart_or_notice(figures.speaker_mix_chart, tables.speaker_mix_frame(data.claims(filters)),
                           "Speakers of claims", key="speaker_mix")

left, right = st.columns(2)
with left:
    st.subheader("Distinctive words")
    words = tables.distinctive_table(framing["distinctive_words"], filters, "word")
    if words.empty:
        widgets.not_analysed("Distinctive words")
    else:
        st.caption("Words over-represented in each outlet against the others (z: log-odds z-score).")
        st.dataframe(words.rename(columns={"weight": "z"}), hide_index=True, width="stretch")
with right:
    st.subheader("Labels for the armed groups")
    labels = tables.labels_table(framing["labels"], filters)
    if labels.empty:
        widgets.not_analysed("Group labels")
    else:
        table = labels.pivot_table(index="outlet", columns="label", values="weight", aggfunc="sum", fill_value=0)
        table = table.loc[:, table.sum() > 0]
        st.caption("How many times each outlet calls the armed groups by each label.")
        st.dataframe(table, width="stretch")

distinctive_frames = tables.distinctive_table(framing["distinctive_frames"], filters, "frame")
if not distinctive_frames.empty:
    st.subheader("Distinctive frames")
    st.dataframe(distinctive_frames.rename(columns={"weight": "z"}), hide_index=True, width="stretch")
