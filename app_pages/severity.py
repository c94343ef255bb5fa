"""Severity: a gauge per outlet with its formula, own voice vs quoted voices, claims, contradictions, time."""
from __future__ import annotations

import streamlit as st

from claimatlas.report import figures, tables
from claimatlas.report.queries import TABLE_ROWS
from ui import data as ui_data
from ui import sidebar, widgets

data = ui_data.data()
filters = sidebar.filters()
severity = data.severity(filters)
claims = data.claims(filters)

st.title("Severity")
st.caption("Each claim gets a level from 0 (reassurance / denial) to 4 (collapse) and a 0–100 score (25 points "
           "per level, less a discount for hedged or disputed claims). An outlet's gauge aggregates its claims; "
           "reader comments never count toward the outlet.")

scored = severity[severity["score"].notna()]
if scored.empty:
    widgets.not_analysed("Claim severity")
else:
    gauged = tables.gauge_outlets(severity, widgets.GAUGE_OUTLETS)
    if len(gauged) < len(scored):
        st.caption(f"Gauges for the {len(gauged)} outlets with the most claims; the table below lists all "
                   f"{len(scored)} scored outlets (pick outlets in the sidebar to see their gauges).")
    for row in gauged.to_dict("records"):
        with st.container(border=True):
            gauge, detail = st.columns([2, 3])
            with gauge:
                st.plotly_chart(widgets.figure(figures.severity_gauge, row["outlet"], row["score"], row["level"],
                                           row["band"]),
                                width="stretch", key=f"sev_gauge_{row['outlet']}")
            with detail:
                st.markdown(f"**Formula.** {tables.escape_markdown(str(row['formula']))}" if row["formula"] else
                            "**Formula.** Not reported by the analysis for this outlet.")
                voices = st.columns(3)
                voices[0].metric("Claims", row["claims"] if row["claims"] is not None else "—")
                for column, label, value in ((voices[1], "Own voice", row["own"]), (voices[2], "Quoted voices", row["quoted"])):
                    column.metric(label, "—" if value is None or value != value else f"{value:.0f}")
                if row["drivers"]:
                    st.markdown("**Claims that drive the gauge**")
                    for driver in row["drivers"][:5]:
                        st.markdown(f"- level {driver.level} · {tables.escape_markdown(driver.speaker)}: "
                                    f"{tables.escape_markdown(driver.sentence)}")
    if len(gauged) < len(scored):
        widgets.severity_table(scored)

st.subheader("Claims")
if claims.empty:
    widgets.not_analysed("Claims")
else:
    st.plotly_chart(widgets.figure(figures.level_histogram, claims), width="stretch", key="level_hist")
    shown = claims.head(TABLE_ROWS)
    st.dataframe(shown[["outlet", "level", "score", "speaker", "speaker_type", "certainty", "stance", "places", "sentence"]],
                 hide_index=True, width="stretch",
                 column_config={"sentence": st.column_config.TextColumn("Sentence", width="large"),
                                "level": st.column_config.NumberColumn("Level", format="%d"),
                                "score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100, format="%d")})
    widgets.table_note(shown, len(claims))

st.subheader("Contradictions")
every_contradiction = data.contradictions()
contradictions = tables.contradictions_for(every_contradiction, data.documents(filters)["id"])
if not every_contradiction:
    widgets.not_analysed("Contradictions between claims")
elif not contradictions:
    st.write("No contradiction involves the selected documents.")
else:
    if len(contradictions) > widgets.CONTRADICTION_CARDS:
        st.caption(f"The first {widgets.CONTRADICTION_CARDS} of {len(contradictions)} contradicting pairs; "
                   "the table after them lists every pair.")
    for pair in contradictions[:widgets.CONTRADICTION_CARDS]:
        with st.container(border=True):
            st.markdown(f"**About:** {tables.escape_markdown(pair.target)}")
            left, right = st.columns(2)
            for column, side in ((left, pair.a), (right, pair.b)):
                column.markdown(f"**{tables.escape_markdown(side.speaker)}** "
                                f"({tables.escape_markdown(side.document)})")
                column.markdown(f"> {tables.escape_markdown(side.sentence)}")
    if len(contradictions) > widgets.CONTRADICTION_CARDS:
        st.dataframe(tables.contradictions_table(contradictions), hide_index=True, width="stretch")

st.subheader("Severity over time")
widgets.chart_or_notice(figures.severity_timeline, tables.timeline_from_documents(data.documents(filters)),
                       "Severity over time (dated, scored documents)", key="timeline")
