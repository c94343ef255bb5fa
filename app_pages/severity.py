"""Severity: a gauge per outlet with its formula, own voice vs quoted voices, claims, contradictions, time."""
from __future__ import annotations

import streamlit as st

from claimatlas import figures, views
from ui import common

data = common.data()
filters = common.filters()
severity = data.severity(filters)
claims = data.claims(filters)

st.title("Severity")
st.caption("Each claim gets a level from 0 (reassurance / denial) to 4 (collapse) and a 0–100 score (25 points "
           "per level, less a discount for hedged or disputed claims). An outlet's gauge aggregates its claims; "
           "reader comments never count toward the outlet.")

scored = severity[severity["score"].notna()]
if scored.empty:
    common.not_analysed("Claim severity")
else:
    gauged = views.gauge_outlets(severity, common.GAUGE_OUTLETS)
    if len(gauged) < len(scored):
        st.caption(f"Gauges for the {len(gauged)} outlets with the most claims; the table below lists all "
                   f"{len(scored)} scored outlets (pick outlets in the sidebar to see their gauges).")
    for row in gauged.to_dict("records"):
        with st.container(border=True):
            gauge, detail = st.columns([2, 3])
            with gauge:
                st.plotly_chart(common.figure(figures.severity_gauge, row["outlet"], row["score"], row["level"]),
                                width="stretch", key=f"sev_gauge_{row['outlet']}")
            with detail:
                st.markdown(f"**Formula.** {views.escape_markdown(str(row['formula']))}" if row["formula"] else
                            "**Formula.** Not reported by the analysis for this outlet.")
                voices = st.columns(3)
                voices[0].metric("Claims", row["claims"] if row["claims"] is not None else "—")
                for column, label, value in ((voices[1], "Own voice", row["own"]), (voices[2], "Quoted voices", row["quoted"])):
                    if isinstance(value, dict):
                        score = value.get("score")
                        column.metric(label, f"{score:.0f}" if isinstance(score, int | float) else "—",
                                      help=f"{value.get('claims', 0)} claims")
                    else:
                        column.metric(label, f"{value:.0f}" if isinstance(value, int | float) else "—")
                if row["drivers"]:
                    st.markdown("**Claims that drive the gauge**")
                    for driver in row["drivers"][:5]:
                        text = driver.get("sentence", "") if isinstance(driver, dict) else str(driver)
                        level = driver.get("level") if isinstance(driver, dict) else None
                        speaker = driver.get("speaker") if isinstance(driver, dict) else None
                        prefix = (f"level {level} · " if level is not None else "") + (f"{views.escape_markdown(str(speaker))}: " if speaker else "")
                        st.markdown(f"- {prefix}{views.escape_markdown(text)}")
    if len(gauged) < len(scored):
        common.severity_table(scored)

st.subheader("Claims")
if claims.empty:
    common.not_analysed("Claims")
else:
    st.plotly_chart(common.figure(figures.level_histogram, claims), width="stretch", key="level_hist")
    shown = claims.head(common.TABLE_ROWS)
    st.dataframe(shown[["outlet", "level", "score", "speaker", "speaker_type", "certainty", "stance", "places", "sentence"]],
                 hide_index=True, width="stretch",
                 column_config={"sentence": st.column_config.TextColumn("Sentence", width="large"),
                                "level": st.column_config.NumberColumn("Level", format="%d"),
                                "score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100, format="%d")})
    common.table_note(shown, len(claims))

st.subheader("Contradictions")
every_contradiction = data.contradictions()
contradictions = views.contradictions_for(every_contradiction, data.documents(filters)["id"])
if not every_contradiction:
    common.not_analysed("Contradictions between claims")
elif not contradictions:
    st.write("No contradiction involves the selected documents.")
else:
    if len(contradictions) > common.CONTRADICTION_CARDS:
        st.caption(f"The first {common.CONTRADICTION_CARDS} of {len(contradictions)} contradicting pairs; "
                   "the table after them lists every pair.")
    for pair in contradictions[:common.CONTRADICTION_CARDS]:
        a, b = pair.get("a") or {}, pair.get("b") or {}
        with st.container(border=True):
            if pair.get("target"):
                st.markdown(f"**About:** {views.escape_markdown(str(pair['target']))}")
            left, right = st.columns(2)
            for column, side in ((left, a), (right, b)):
                column.markdown(f"**{views.escape_markdown(str(side.get('speaker') or 'unattributed'))}** "
                                f"({views.escape_markdown(str(side.get('document')))})")
                column.markdown(f"> {views.escape_markdown(str(side.get('sentence', '')))}")
    if len(contradictions) > common.CONTRADICTION_CARDS:
        st.dataframe(views.contradictions_table(contradictions), hide_index=True, width="stretch")

st.subheader("Severity over time")
common.chart_or_notice(figures.severity_timeline, views.timeline_from_documents(data.documents(filters)),
                       "Severity over time (dated, scored documents)", key="timeline")
