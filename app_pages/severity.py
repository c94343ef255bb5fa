"""Severity: a gauge per outlet with its formula, own voice vs quoted voices, claims, contradictions, time."""
from __future__ import annotations

import streamlit as st

from claimatlas.claims.gauge import GAUGE_FORMULA
from claimatlas.report import contradiction_tables, figures, tables
from claimatlas.report.queries import TABLE_ROWS
from claimatlas.store import Filters
from ui import data as ui_data
from ui import sidebar, widgets

# Contradicting pairs shown per target before the table takes over.
CONTRADICTIONS_SHOWN = 10

data = ui_data.data()
filters = sidebar.filters()
severity = data.severity(filters)
claims = data.claims(filters)

st.title("Severity")
st.caption("Each claim gets a level from 0 (reassurance / denial) to 4 (collapse) and a 0–100 score (25 points "
           "per level, less a discount for hedged or disputed claims). An outlet's gauge aggregates its claims; "
           "reader comments never count toward the outlet.")
with st.expander("How a gauge is computed"):
    st.markdown(tables.escape_markdown(GAUGE_FORMULA))

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
                st.markdown(figures.severity_gauge(row["outlet"], row["score"], row["level"], row["band"]), unsafe_allow_html=True)
            with detail:
                voices = st.columns(3)
                voices[0].metric("Claims", row["claims"] if row["claims"] is not None else "—")
                for column, label, value in ((voices[1], "Own voice", row["own"]), (voices[2], "Quoted voices", row["quoted"])):
                    column.metric(label, "—" if value is None or value != value else f"{value:.0f}")
                if row["drivers"]:
                    st.markdown("**Claims that drive the gauge**\n\n" + "\n".join(
                        f"- level {driver.level} · {tables.escape_markdown(driver.speaker)}: "
                        f"{tables.escape_markdown(driver.sentence)}" for driver in row["drivers"][:5]))
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
st.caption("An alarming and a reassuring claim about the same place, by different speakers, in different articles "
           "published within a month of each other.")
every_contradiction = data.contradictions()
documents = data.documents(filters)
contradictions = contradiction_tables.contradictions_for(every_contradiction, documents["id"])
if not every_contradiction:
    widgets.not_analysed("Contradictions between claims")
elif not contradictions:
    st.write("No contradiction involves the selected documents.")
else:
    every_document = tables.documents_table(data.documents(Filters()))
    titles = dict(zip(every_document["id"], every_document["title"]))
    for index, group in enumerate(contradiction_tables.contradiction_groups(contradictions, titles)):
        with st.expander(f"About {group['target']}: {len(group['pairs'])} pair(s)", expanded=index < 3):
            for number, pair in enumerate(group["pairs"]):
                if number == CONTRADICTIONS_SHOWN:
                    st.caption(f"{len(group['pairs']) - CONTRADICTIONS_SHOWN} more pair(s) in the table below.")
                    break
                st.markdown(contradiction_tables.contradiction_pair_markdown(pair["alarming"], pair["reassuring"]))
    with st.expander("Every pair as a table"):
        st.dataframe(contradiction_tables.contradictions_table(contradictions), hide_index=True, width="stretch")

st.subheader("Severity over time")
dated, undated = tables.timeline_from_documents(documents)
widgets.chart_or_notice(figures.severity_timeline, dated, "Severity over time (dated, scored documents)",
                        key="timeline")
if not undated.empty:
    st.caption(f"{len(undated)} scored document(s) have no publication date and are not on the time axis:")
    st.dataframe(undated, hide_index=True, width="stretch")
