"""Plotly figures of the dashboard: severity gauges, timelines, frame shares, divergence, speaker mix."""
from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from claimatlas.vocab import LEVEL_COLOURS, POINTS_PER_LEVEL, SCORE_MAX, level_names

FONT = "Georgia, 'Times New Roman', serif"
# Outlet names longer than this are shortened in a gauge's title (the tables show them whole).
GAUGE_TITLE_CHARS = 30


def level_bands() -> list[dict[str, Any]]:
    """The gauge's coloured bands: level k covers scores [25k - 12.5, 25k + 12.5) clipped to 0-100."""
    half = POINTS_PER_LEVEL / 2
    return [{"range": [max(0.0, lvl * POINTS_PER_LEVEL - half), min(SCORE_MAX, lvl * POINTS_PER_LEVEL + half)],
             "color": colour} for lvl, colour in LEVEL_COLOURS.items()]


GAUGE_CENTRE = (120.0, 160.0)
GAUGE_RADIUS = 88.0
GAUGE_WIDTH = 22.0


def _gauge_point(score: float, radius: float) -> tuple[float, float]:
    """The point of a 0-100 score on the gauge's half circle (0 on the left, 100 on the right)."""
    angle = math.pi * (1 - max(0.0, min(SCORE_MAX, score)) / SCORE_MAX)
    return GAUGE_CENTRE[0] + radius * math.cos(angle), GAUGE_CENTRE[1] - radius * math.sin(angle)


def _gauge_arc(low: float, high: float, radius: float, colour: str, width: float, opacity: float = 1.0) -> str:
    (x1, y1), (x2, y2) = _gauge_point(low, radius), _gauge_point(high, radius)
    return (f'<path d="M {x1:.1f} {y1:.1f} A {radius:.1f} {radius:.1f} 0 0 1 {x2:.1f} {y2:.1f}" fill="none" '
            f'stroke="{colour}" stroke-width="{width:.1f}" stroke-opacity="{opacity}"/>')


def severity_gauge(outlet: str, score: float, level: Any, band: list[float] | None = None) -> str:
    """One outlet's 0-100 severity score as an SVG gauge (in an HTML block for ``st.markdown``): the claim
    levels' colour bands, a dark arc up to the score, the score's likely range (over resamples of the
    claims) as a shaded arc, the number, the outlet and the level's name. Plain SVG, drawn at once with
    the page: the landing page of a shared link needs no chart library to show its gauges."""
    name = outlet if len(outlet) <= GAUGE_TITLE_CHARS else outlet[:GAUGE_TITLE_CHARS - 1] + "…"
    level_name = "" if level is None or pd.isna(level) else f"level {int(level)}: {level_names().get(int(level), '')}"
    parts = [_gauge_arc(b["range"][0], b["range"][1], GAUGE_RADIUS, b["color"], GAUGE_WIDTH) for b in level_bands()]
    if band and band[1] - band[0] >= 1:
        parts.append(_gauge_arc(band[0], band[1], GAUGE_RADIUS - GAUGE_WIDTH / 2 - 5, "#1f2a36", 6, 0.35))
    parts.append(_gauge_arc(0, float(score), GAUGE_RADIUS, "#1f2a36", 7))
    for tick in range(0, SCORE_MAX + 1, POINTS_PER_LEVEL):
        x, y = _gauge_point(tick, GAUGE_RADIUS + GAUGE_WIDTH / 2 + 9)
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="10" fill="#555" text-anchor="middle">{tick}</text>')
    likely = (f"likely between {band[0]:.0f} and {band[1]:.0f}" if band and band[1] - band[0] >= 1 else "")
    label = f"{outlet}: severity {float(score):.0f} of {SCORE_MAX}" + (f", {level_name}" if level_name else "")
    return (
        '<div class="claimatlas-gauge-block">\n'  # an HTML block: Markdown leaves what is inside it alone
        f'<svg class="claimatlas-gauge" viewBox="0 0 240 212" width="100%" role="img" '
        f'aria-label="{html.escape(label, quote=True)}" xmlns="http://www.w3.org/2000/svg" '
        f'style="max-width:320px;font-family:{html.escape(FONT, quote=True)}">'
        f'<title>{html.escape(label)}</title>'
        f'<text x="120" y="16" font-size="15" text-anchor="middle" fill="#1f2a36">{html.escape(name)}</text>'
        f'<text x="120" y="32" font-size="11" text-anchor="middle" fill="#555">{html.escape(level_name)}</text>'
        + "".join(parts)
        + f'<text x="120" y="{GAUGE_CENTRE[1] - 4:.0f}" font-size="34" text-anchor="middle" fill="#1f2a36">'
          f'{float(score):.0f}</text>'
        f'<text x="120" y="{GAUGE_CENTRE[1] + 24:.0f}" font-size="10" text-anchor="middle" fill="#555">'
        f'{html.escape(likely)}</text></svg>\n</div>')


def _style(fig: go.Figure, height: int = 360) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10}, font={"family": FONT},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", legend={"orientation": "h", "y": -0.2})
    return fig


def severity_timeline(timeline: pd.DataFrame) -> go.Figure:
    """Document severity over publication date, one line per outlet."""
    fig = go.Figure()
    for outlet, group in timeline.groupby("outlet"):
        fig.add_trace(go.Scatter(x=group["published"], y=group["severity"], mode="lines+markers", name=str(outlet),
                                 text=group["title"], hovertemplate="%{x}<br>%{y:.0f}<br>%{text}<extra>%{fullData.name}</extra>"))
    fig.update_yaxes(range=[0, SCORE_MAX + 2], title="severity score (0-100)")
    fig.update_xaxes(type="date", tickformat="%d %b %Y")
    return _style(fig)


def frame_shares_chart(frames: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars: each outlet's share of sentences per frame, one fixed colour per frame."""
    fig = go.Figure()
    for frame, group in frames.groupby("frame", sort=False):
        fig.add_trace(go.Bar(y=group["outlet"], x=group["share"], name=str(frame), orientation="h",
                             marker_color=group["colour"].iloc[0], marker_line={"color": "#fff", "width": 0.5}))
    fig.update_layout(barmode="stack", xaxis={"title": "share of framed sentences", "tickformat": ".0%"})
    return _style(fig, height=max(260, 60 * frames["outlet"].nunique() + 120))


def threat_axis_chart(axis: pd.DataFrame) -> go.Figure:
    """Each outlet on the threat axis: reassuring claims to the left, alarming ones to the right, with
    the share of hedged claims written beside it."""
    fig = go.Figure()
    fig.add_trace(go.Bar(y=axis["outlet"], x=-axis["reassuring"], orientation="h", name="reassuring (level 0)",
                         marker_color=LEVEL_COLOURS[0], customdata=axis["reassuring"],
                         hovertemplate="%{y}: %{customdata:.0%} of claims reassure<extra></extra>"))
    fig.add_trace(go.Bar(y=axis["outlet"], x=axis["alarming"], orientation="h", name="alarming (levels 3-4)",
                         marker_color=LEVEL_COLOURS[4], text=[f"{h:.0%} hedged · {n} claims"
                                                              for h, n in zip(axis["hedged"], axis["claims"])],
                         textposition="outside", hovertemplate="%{y}: %{x:.0%} of claims alarm<extra></extra>"))
    ticks = [-1, -0.5, 0, 0.5, 1]
    fig.update_layout(barmode="relative", xaxis={"title": "share of the outlet's claims: ← reassuring · alarming →",
                                                 "tickvals": ticks, "ticktext": [f"{abs(t):.0%}" for t in ticks],
                                                 "range": [-1.05, 1.45]})
    return _style(fig, height=max(240, 44 * len(axis) + 130))


def divergence_heatmap(matrix: pd.DataFrame) -> go.Figure:
    """The outlet x outlet framing divergence as an annotated heatmap."""
    fig = go.Figure(go.Heatmap(z=matrix.values, x=list(matrix.columns), y=list(matrix.index), colorscale="Cividis",
                               text=matrix.round(2).values, texttemplate="%{text}", colorbar={"title": "divergence"}))
    return _style(fig, height=max(300, 50 * len(matrix) + 120))


def speaker_mix_chart(mix: pd.DataFrame) -> go.Figure:
    """Stacked bars: claims per speaker type for each outlet."""
    fig = go.Figure()
    for speaker, group in mix.groupby("speaker_type"):
        fig.add_trace(go.Bar(x=group["outlet"], y=group["claims"], name=str(speaker)))
    fig.update_layout(barmode="stack", yaxis={"title": "claims"})
    return _style(fig)


def level_histogram(claims: pd.DataFrame) -> go.Figure:
    """Claims per severity level and outlet."""
    counts = claims.dropna(subset=["level"]).groupby(["outlet", "level"]).size().reset_index(name="claims")
    fig = go.Figure()
    for level in sorted(LEVEL_COLOURS):
        group = counts[counts["level"] == level]
        fig.add_trace(go.Bar(x=group["outlet"], y=group["claims"], name=f"{level} {level_names()[level]}",
                             marker_color=LEVEL_COLOURS[level], marker_line={"color": "#333", "width": 0.5}))
    fig.update_layout(barmode="stack", yaxis={"title": "claims"})
    return _style(fig)


RELATION_STYLES = {"rewrite": ("#1f2a36", "solid", "rewrite"), "duplicate": ("#b2182b", "solid", "copy"),
                   "same_source": ("#8c8c8c", "dot", "same source")}


def story_graph(documents: pd.DataFrame, lineage: pd.DataFrame, first: str | None = None) -> go.Figure:
    """A story's timeline and lineage in one chart: each document a point (outlet by publication order,
    undated ones last), each lineage link a line (an arrow from the earlier to the later document when
    both dates are known), the first document a star."""
    order = documents.reset_index(drop=True)
    position = {doc: k for k, doc in enumerate(order["id"])}
    lanes = list(dict.fromkeys(order["outlet"]))
    fig = go.Figure()
    for relation, (colour, dash, label) in RELATION_STYLES.items():
        links = lineage[(lineage["relation"] == relation) & lineage["of"].isin(position) & lineage["document"].isin(position)]
        xs, ys = [], []
        for link in links.to_dict("records"):
            a, b = position[link["of"]], position[link["document"]]
            xs += [a, b, None]
            ys += [order.at[a, "outlet"], order.at[b, "outlet"], None]
            if link["direction"] == "later":
                fig.add_annotation(x=b, y=order.at[b, "outlet"], ax=a, ay=order.at[a, "outlet"], xref="x", yref="y",
                                   axref="x", ayref="y", showarrow=True, arrowhead=2, arrowsize=1.2,
                                   arrowcolor=colour, text="")
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=label, hoverinfo="skip",
                                     line={"color": colour, "dash": dash, "width": 2}))
    dates = order["published"].map(lambda v: "undated" if v is None or pd.isna(v) else pd.Timestamp(v).strftime("%d %b %Y"))
    fig.add_trace(go.Scatter(
        x=list(range(len(order))), y=order["outlet"], mode="markers", name="document", showlegend=False,
        marker={"size": [18 if doc == first else 12 for doc in order["id"]],
                "symbol": ["star" if doc == first else "circle" for doc in order["id"]],
                "color": "#f7f7f7", "line": {"color": "#1f2a36", "width": 2}},
        text=[f"{html.escape(str(t or d))}<br>{html.escape(str(o))} · {dt}" for t, d, o, dt
              in zip(order["title"], order["id"], order["outlet"], dates, strict=True)],
        hovertemplate="%{text}<extra></extra>"))
    fig.update_xaxes(tickvals=list(range(len(order))), ticktext=list(dates), title="documents in publication order")
    fig.update_yaxes(categoryorder="array", categoryarray=lanes[::-1], title=None)
    return _style(fig, height=max(260, 60 * len(lanes) + 120))
