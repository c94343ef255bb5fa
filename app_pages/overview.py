"""Overview: the corpus at a glance, the severity gauges and the headline claims."""
from __future__ import annotations

import streamlit as st

from claimatlas.report import figures, tables
from claimatlas.report.queries import TABLE_ROWS
from ui import data as ui_data
from ui import sidebar, widgets

data = ui_data.data()
filters = sidebar.filters()
documents = data.documents(filters)
claims = data.claims(filters)
places = data.places(filters)
severity = data.severity(filters)

st.title("Claim Atlas")
st.caption(ui_data.corpus_subtitle() or "Where the news puts a crisis on the map, how severe, how framed.")

published = [d for d in map(tables.parse_date, documents["published"]) if d]
low, high = (min(published), max(published)) if published else (None, None)
cols = st.columns([1, 1, 2, 1, 1])
cols[0].metric("Documents", len(documents))
cols[1].metric("Outlets", len(set(tables.documents_table(documents)["outlet"])))
cols[2].metric("Published", tables.date_range_label(low, high))
cols[3].metric("Claims", len(claims) if not claims.empty else "—")
cols[4].metric("Places", len(places) if not places.empty else "—")

st.subheader("Severity by outlet")
scored = severity[severity["score"].notna()]
if scored.empty:
    widgets.not_analysed("Claim severity")
else:
    gauged = tables.gauge_outlets(severity, widgets.GAUGE_OUTLETS)
    gauge_cols = st.columns(min(len(gauged), 4))
    for index, row in enumerate(gauged.to_dict("records")):
        with gauge_cols[index % len(gauge_cols)]:
            st.markdown(figures.severity_gauge(row["outlet"], row["score"], row["level"], row["band"]), unsafe_allow_html=True)
    st.caption("Gauge: the outlet's 0–100 severity score; its colour bands are the claim levels 0–4. The formula and the claims "
               "that drive each gauge are on the Severity page.")
    if len(gauged) < len(scored):
        st.caption(f"Gauges for the {len(gauged)} outlets with the most claims; all {len(scored)} scored outlets:")
        widgets.severity_table(scored)

st.subheader("Headline claims")
if claims.empty:
    widgets.not_analysed("Claims")
else:
    headline = claims.sort_values(["level", "score"], ascending=False, na_position="last").head(8)
    st.dataframe(headline[["outlet", "level", "speaker", "certainty", "sentence"]], hide_index=True,
                 width="stretch",
                 column_config={"sentence": st.column_config.TextColumn("Claim", width="large")})

st.subheader("Documents")
table = data.documents_table(filters).head(TABLE_ROWS)
st.dataframe(table[["outlet", "title", "published", "language", "kind", "claims", "places", "comments", "story",
                    "duplicate_of", "inferred", "warnings"]],
             hide_index=True, width="stretch",
             column_config={"title": st.column_config.TextColumn("Title", width="large"),
                            "published": st.column_config.TextColumn("Published"),
                            "story": st.column_config.LinkColumn("Story", display_text="Open story")})
widgets.table_note(table, len(documents))
errors = data.errors()
if errors:
    with st.expander(f"{len(errors)} file problem(s) while reading the corpus"):
        st.dataframe(errors, hide_index=True, width="stretch")
