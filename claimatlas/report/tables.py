"""Page tables: the store's query frames and typed records shaped into the tables the pages show.

Every function is pure (no Streamlit) and never invents values: an empty table means "not analysed".
"""
from __future__ import annotations

import datetime as dt
import html
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from claimatlas.model import Gauge
from claimatlas.store import Filters
from claimatlas.store.filters import outlet_key
from claimatlas.vocab import LEVEL_TINTS, PLACE_COLOUR, SPEAKER_LABELS, TEXT_COLOUR, frame_colours
from geo import haversine_km

DOUBTFUL_CONFIDENCE = 0.6
CLAIM_COLUMNS = ["document", "outlet", "published", "title", "sentence", "level", "score", "speaker",
                 "speaker_type", "certainty", "stance", "voice", "places", "reader_comment"]
PLACE_COLUMNS = ["key", "name", "lat", "lon", "country", "feature", "confidence", "mentions", "outlets",
                 "documents", "max_level", "doubtful", "doubt", "alternatives", "evidence"]
# A place this far from the story's centre is doubtful when one of its namesakes lies near the centre.
FAR_FROM_STORY_KM = 1500
# Words at least this common in English (wordfreq's Zipf scale) are not shown as distinctive.
COMMON_WORD_ZIPF = 4.5
NEAR_STORY_KM = 600
SEVERITY_COLUMNS = ["outlet", "documents", "score", "level", "band", "claims", "own", "quoted", "drivers", "formula"]


def parse_date(value: Any) -> dt.date | None:
    """A date from an ISO string, a date, or a pandas/NumPy timestamp; None when absent or malformed."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def context_window(text: str, start: int, end: int, width: int = 140) -> str:
    """The text around [start, end), cut at sentence ends where possible, with ellipses where trimmed."""
    left = max(text.rfind(". ", max(0, start - width), start) + 2, max(0, start - width)) if start > 0 else 0
    stop = text.find(". ", end, end + width)
    right = stop + 1 if stop != -1 else min(len(text), end + width)
    snippet = text[left:right].strip().replace("\n", " ")
    return ("…" if left > 0 and text[left - 2:left] != ". " else "") + snippet + ("…" if right < len(text) and stop == -1 else "")


def _alternative_label(alternative: Mapping[str, Any]) -> str | None:
    parts = [str(alternative[k]) for k in ("name", "country", "feature") if alternative.get(k)]
    return ", ".join(parts) or None


def divergence_frame(divergence: Mapping[str, Mapping[str, float | None]], filters: Filters) -> pd.DataFrame:
    """The framing divergence between outlets as a square table (empty until framing has run)."""
    if not divergence:
        return pd.DataFrame()
    frame = pd.DataFrame(divergence).T
    if filters.outlets:
        keep = [o for o in frame.index if o in filters.outlets]
        frame = frame.loc[keep, [c for c in frame.columns if c in filters.outlets]]
    return frame.astype(float)


def distinctive_table(items: Mapping[str, list[Mapping[str, Any]]], filters: Filters, item_name: str) -> pd.DataFrame:
    """Distinctive words or frames per outlet ({outlet: [{"term", "z"}]}) as a long table."""
    rows = [{"outlet": outlet, item_name: item["term"], "weight": item["z"]}
            for outlet, entries in items.items() if not filters.outlets or outlet in filters.outlets
            for item in entries]
    return pd.DataFrame(rows, columns=["outlet", item_name, "weight"])


def labels_table(labels: Mapping[str, Mapping[str, int]], filters: Filters) -> pd.DataFrame:
    """How often each outlet uses each name for the armed groups, as a long table (non-zero only)."""
    rows = [{"outlet": outlet, "label": label, "weight": count}
            for outlet, counts in labels.items() if not filters.outlets or outlet in filters.outlets
            for label, count in counts.items() if count]
    return pd.DataFrame(rows, columns=["outlet", "label", "weight"])


def speaker_mix_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """How many claims each speaker type carries per outlet."""
    if claims.empty:
        return pd.DataFrame(columns=["outlet", "speaker_type", "claims"])
    mix = claims.fillna({"speaker_type": "unattributed"}).groupby(["outlet", "speaker_type"]).size()
    mix = mix.reset_index(name="claims")
    mix["speaker_type"] = mix["speaker_type"].map(lambda s: SPEAKER_LABELS.get(s, s))
    return mix


def places_geojson(places: pd.DataFrame) -> dict[str, Any]:
    """The places table as a GeoJSON FeatureCollection (EPSG:4326, [lon, lat] coordinates)."""
    features = []
    for row in places.to_dict("records"):
        properties = {k: row[k] for k in ("name", "country", "feature", "confidence", "mentions", "outlets",
                                          "documents", "max_level", "doubtful", "doubt", "alternatives")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def places_csv(places: pd.DataFrame) -> str:
    """The places table as CSV, list columns joined with "; "."""
    flat = places.drop(columns=["evidence"]).copy()
    for column in ("outlets", "documents", "alternatives"):
        flat[column] = flat[column].map(lambda items: "; ".join(map(str, items)) if isinstance(items, list) else items)
    return flat.to_csv(index=False)


def claims_csv(claims: pd.DataFrame) -> str:
    """The claims table as CSV."""
    return claims.to_csv(index=False)


def geojson_text(places: pd.DataFrame) -> str:
    """The places GeoJSON as text for download."""
    return json.dumps(places_geojson(places), ensure_ascii=False, indent=1, default=str)


def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """Split text into (segment, label) pieces, labelling the given (start, end, label) spans.

    Overlapping spans keep the first one (by start); spans outside the text are dropped.
    """
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for start, end, label in sorted(spans):
        if start < cursor or end <= start or end > len(text):
            continue
        if start > cursor:
            pieces.append((text[cursor:start], None))
        pieces.append((text[start:end], label))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], None))
    return pieces


def highlight_html(text: str, claims: list[tuple[int, int, int]], places: list[tuple[int, int]]) -> str:
    """The text as HTML with every character escaped: claims (start, end, level) on their level's tint,
    places (start, end) in bold blue, paragraphs kept."""
    parts, start = [], 0
    for segment, level in _claim_pieces(text, claims):
        inner = [(a - start, b - start, "place") for a, b in places if a >= start and b <= start + len(segment)]
        body = "".join(f'<b style="color:{PLACE_COLOUR}">{html.escape(piece)}</b>' if label else html.escape(piece)
                       for piece, label in highlight_segments(segment, inner))
        if level is not None and segment.strip():
            body = (f'<mark title="claim level {level}" style="background:{LEVEL_TINTS[level]};color:{TEXT_COLOUR};'
                    f'padding:0 2px;border-radius:2px">{body}</mark>')
        parts.append(body)
        start += len(segment)
    return "".join(parts).replace("\n\n", "<br><br>").replace("\n", "<br>")


def _claim_pieces(text: str, claims: list[tuple[int, int, int]]) -> list[tuple[str, int | None]]:
    labelled = highlight_segments(text, [(a, b, str(level)) for a, b, level in claims])
    return [(piece, int(label) if label is not None else None) for piece, label in labelled]


_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|~:$^=&\"'")


def escape_markdown(text: str) -> str:
    """Escape every Markdown/HTML special character so user text shows literally in st.markdown."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text).replace("\n", "  \n")


# ---------------------------------------------------------------- store query frames -> page tables

def _json_list(value: str | None) -> list[Any]:
    """A JSON list column of the store (None for a row without one)."""
    return json.loads(value) if value else []


def date_range_label(low: dt.date | None, high: dt.date | None) -> str:
    """A short date range for a metric: "4–13 Nov 2025", "4 Oct – 13 Nov 2025", "undated"."""
    if low is None or high is None:
        return "undated"
    if low == high:
        return f"{low.day} {low:%b %Y}"
    if (low.year, low.month) == (high.year, high.month):
        return f"{low.day}–{high.day} {high:%b %Y}"
    if low.year == high.year:
        return f"{low.day} {low:%b} – {high.day} {high:%b %Y}"
    return f"{low:%b %Y} – {high:%b %Y}"


def _outlets(outlets: pd.Series, documents: pd.Series) -> list[str]:
    return [outlet_key(None if pd.isna(o) else o, d) for o, d in zip(outlets, documents)]


def _iso(value: Any) -> str | None:
    date = parse_date(value)
    return date.isoformat() if date else None


def outlet_names(outlets: pd.DataFrame) -> list[str]:
    """The outlets of the store's outlet table, sorted."""
    return sorted(str(o) for o in outlets["outlet"]) if not outlets.empty else []


def published_bounds(outlets: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest publication dates over the store's outlet table."""
    firsts = [d for d in map(parse_date, outlets.get("first_published", [])) if d]
    lasts = [d for d in map(parse_date, outlets.get("last_published", [])) if d]
    return (min(firsts), max(lasts)) if firsts and lasts else (None, None)


def documents_table(documents: pd.DataFrame, warnings: pd.DataFrame | None = None) -> pd.DataFrame:
    """The store's documents query as the Overview table (warnings and inferred fields joined in where
    fetched: "outlet from the URL's domain")."""
    by_id = {} if warnings is None else {i: "; ".join(map(str, _json_list(w)))
                                         for i, w in zip(warnings["id"], warnings["warnings"])}
    inferred = {} if warnings is None else {
        i: "; ".join(f"{field} from {source}" for field, source in json.loads(v).items() if field != "language")
        for i, v in zip(warnings["id"], warnings["inferred"]) if v}
    frame = pd.DataFrame({
        "id": documents["id"], "outlet": _outlets(documents["outlet"], documents["id"]),
        "title": documents["title"].fillna("(untitled)"),
        "published": documents["published"].map(lambda v: _iso(v) or "undated"),
        "kind": documents["kind"], "language": documents["language"].fillna("en"), "url": documents["url"],
        "duplicate_of": documents["duplicate_of"],
        "severity": documents["severity_score"], "level": documents["severity_level"],
        "claims": documents["claims"], "places": documents["places"], "comments": documents["comments"],
        "warnings": documents["id"].map(lambda i: by_id.get(i, "")),
        "inferred": documents["id"].map(lambda i: inferred.get(i, "")),
        "story": documents["story"].map(lambda s: story_link(s) if isinstance(s, str) else None),
    })
    return frame.reset_index(drop=True)


def story_link(story: str) -> str:
    """The Stories page's relative link to one story."""
    return f"stories?{urlencode({'story': story})}"


def own_coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """The store's own-coverage query with the share of each outlet's documents that are its own."""
    frame = coverage.copy()
    frame["own_share"] = (frame["own"] / frame["documents"]).where(frame["documents"] > 0)
    return frame.reset_index(drop=True)


RELATION_LABELS = {"rewrite": "rewrite of", "duplicate": "copy of", "same_source": "same source as"}


def lineage_table(lineage: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per lineage link of a story, each pair once: who, how, of whom, and the shared evidence.

    A dated link reads "later document — rewrite of — earlier document"; an undated one is listed once
    for the pair with the direction unknown.
    """
    outlets = dict(zip(documents["id"], documents["outlet"]))
    rows, seen = [], set()
    for link in lineage.to_dict("records"):
        pair = frozenset((link["document"], link["of"]))
        if pair in seen:
            continue
        seen.add(pair)
        evidence = _json_list(link["evidence"])
        rows.append({
            "document": link["document"], "outlet": outlets.get(link["document"]),
            "relation": RELATION_LABELS.get(link["relation"], link["relation"]),
            "of": link["of"], "of_outlet": outlets.get(link["of"]),
            "direction": "by date" if link["direction"] == "later" else "unknown (a date is missing)",
            "shared_sentences": sum(1 for e in evidence if e.get("kind") == "sentence"),
            "shared_quotes": sum(1 for e in evidence if e.get("kind") == "quote"),
            "evidence": " | ".join(e.get("text", "") for e in evidence[:3]),
        })
    return pd.DataFrame(rows, columns=["document", "outlet", "relation", "of", "of_outlet", "direction",
                                       "shared_sentences", "shared_quotes", "evidence"])


def claims_table(claims: pd.DataFrame, titles: dict[str, Any] | None = None) -> pd.DataFrame:
    """The store's claims query with the dashboard's claim columns (places as a comma-separated list)."""
    if claims.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    comment = claims["source"].eq("comment")
    frame = pd.DataFrame({
        "document": claims["document"], "outlet": _outlets(claims["outlet"], claims["document"]),
        "published": claims["published"].map(lambda v: _iso(v) or "undated"),
        "title": claims["document"].map(lambda i: (titles or {}).get(i) or "(untitled)"),
        "sentence": claims["sentence"].fillna(""), "level": claims["level"], "score": claims["score"],
        "speaker": claims["speaker"], "speaker_type": claims["speaker_type"].where(~comment, "reader_comment"),
        "certainty": claims["certainty"], "stance": claims["stance"], "voice": claims["voice"],
        "places": claims["places"].map(lambda v: ", ".join(map(str, _json_list(v)))),
        "reader_comment": comment,
    })
    return frame[CLAIM_COLUMNS].reset_index(drop=True)


def places_table(places: pd.DataFrame, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """The store's places query as the map's place table, with up to five evidence sentences per place."""
    if places.empty:
        return pd.DataFrame(columns=PLACE_COLUMNS)
    places = places[places["lat"].notna() & places["lon"].notna()]
    sentences: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if evidence is not None:
        for key, outlet, sentence in evidence[["place_key", "outlet", "sentence"]].itertuples(index=False):
            sentences[key].append({"outlet": outlet, "sentence": sentence})
    keys = [str(g) if g is not None and not pd.isna(g) else str(n).lower()
            for g, n in zip(places["geonameid"], places["name"])]
    alternatives = [[label for label in map(_alternative_label, _json_list(a)) if label] for a in places["alternatives"]]
    confidence = places["confidence"].astype(object).where(places["confidence"].notna(), None)
    frame = pd.DataFrame({
        "key": keys, "name": places["name"], "lat": places["lat"].astype(float), "lon": places["lon"].astype(float),
        "country": places["country"], "feature": places["feature"], "confidence": confidence,
        "mentions": places["mentions"].astype(int),
        "outlets": [[str(o) for o in v] for v in places["outlets"]],
        "documents": places["documents"].astype(int),
        "max_level": places["max_level"].astype(object).where(places["max_level"].notna(), None),
        "alternatives": alternatives,
        "evidence": [sentences.get(k, [])[:5] for k in keys],
    })
    frame["doubt"] = doubts(frame, [_json_list(a) for a in places["alternatives"]])
    frame["doubtful"] = frame["doubt"].map(bool)
    return frame[PLACE_COLUMNS].reset_index(drop=True)


def within_radius(places: pd.DataFrame, anchor: str, radius_km: float) -> set[str]:
    """The names of the places within ``radius_km`` of the place named ``anchor`` (itself included),
    measured with geopandas in an azimuthal equidistant projection centred on the anchor (metres)."""
    import geopandas as gpd

    chosen = places[places["name"].str.lower() == anchor.lower()]
    if chosen.empty:
        return {anchor}
    lat, lon = float(chosen["lat"].iloc[0]), float(chosen["lon"].iloc[0])
    points = gpd.GeoSeries(gpd.points_from_xy(places["lon"], places["lat"]), crs="EPSG:4326")
    metric = points.to_crs(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +units=m")
    origin = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs="EPSG:4326").to_crs(metric.crs).iloc[0]
    near = metric.distance(origin) <= radius_km * 1000
    return set(places.loc[near.to_numpy(), "name"])


def towns_and_sites(places: pd.DataFrame) -> pd.DataFrame:
    """The places that are towns or sites (GeoNames classes P and S), or located without a feature."""
    return places[places["feature"].fillna("").str.match(r"^[PS]\.") | places["feature"].isna()]


def story_centre(places: pd.DataFrame) -> tuple[float, float] | None:
    """The median point of the town- and site-level places, weighted by mentions (None without any)."""
    local = towns_and_sites(places)
    if local.empty:
        return None
    weights = local["mentions"].clip(lower=1).astype(int)
    return (float(local["lat"].repeat(weights).median()), float(local["lon"].repeat(weights).median()))


def doubts(places: pd.DataFrame, alternatives: list[list[dict[str, Any]]]) -> list[str]:
    """Why each place's location is doubtful ("" when it is not): low confidence, or far from the story
    while a namesake lies near it ("Ber" in Greece in a story about Timbuktu). Having namesakes, or an
    admin region of the same name, is not a doubt by itself."""
    centre = story_centre(places)
    reasons = []
    for row, options in zip(places.to_dict("records"), alternatives):
        confidence = row["confidence"]
        if confidence is not None and confidence < DOUBTFUL_CONFIDENCE:
            reasons.append(f"low confidence ({confidence:.2f})")
            continue
        if centre is not None and haversine_km((row["lat"], row["lon"]), centre) > FAR_FROM_STORY_KM:
            near = [o for o in options if haversine_km((o["lat"], o["lon"]), centre) < NEAR_STORY_KM]
            if near:
                reasons.append(f"far from the story's other places, while {near[0]['name']} "
                               f"({near[0].get('country') or '?'}) lies near them")
                continue
        reasons.append("")
    return reasons


def severity_frame(gauges: Mapping[str, Gauge], documents: Mapping[str, int], outlets: Iterable[str]) -> pd.DataFrame:
    """One row per outlet with its gauge (``gauges``, from :func:`claimatlas.report.contract.outlet_gauges`);
    outlets without claims get an empty row."""
    rows = []
    for outlet in outlets:
        gauge = gauges.get(outlet)
        if gauge is None:
            rows.append({"outlet": outlet, "documents": documents.get(outlet, 0), "score": None, "level": None,
                         "band": None, "claims": 0, "own": None, "quoted": None, "drivers": [], "formula": None})
            continue
        rows.append({"outlet": outlet, "documents": documents.get(outlet, 0), "score": gauge.score,
                     "level": gauge.level, "band": gauge.band, "claims": gauge.claims, "own": gauge.own.score, "quoted": gauge.quoted.score,
                     "drivers": gauge.drivers, "formula": gauge.formula})
    return pd.DataFrame(rows, columns=SEVERITY_COLUMNS)


def gauge_outlets(severity: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The scored outlets that get a gauge: the ``limit`` with the most claims (ties by name), in outlet order."""
    scored = severity[severity["score"].notna()]
    if len(scored) <= limit:
        return scored
    top = scored.sort_values(["claims", "outlet"], ascending=[False, True], kind="stable").head(limit)
    return scored.loc[sorted(top.index)]


def severity_table(severity: pd.DataFrame) -> pd.DataFrame:
    """Every scored outlet's gauge as one compact row: score, level, claims, own and quoted voice scores."""
    scored = severity[severity["score"].notna()]
    return pd.DataFrame({
        "outlet": scored["outlet"], "score": scored["score"].astype(float), "level": scored["level"],
        "claims": scored["claims"], "documents": scored["documents"],
        "own_voice": scored["own"].astype(float), "quoted_voices": scored["quoted"].astype(float),
    }).reset_index(drop=True)


def frames_from_counts(counts: pd.DataFrame, frame_names: list[str], labels: dict[str, str],
                       kinds: dict[str, str]) -> pd.DataFrame:
    """Frame shares per outlet (long form, non-zero) from the store's per-outlet frame sentence counts,
    with each frame's label, kind (generic or issue) and fixed colour. Shares are within each kind."""
    colours = frame_colours(frame_names)
    rows = []
    for outlet, group in counts.groupby("outlet", sort=True):
        by_frame = dict(zip(group["frame"], group["sentences"]))
        for kind in dict.fromkeys(kinds.get(name, "") for name in frame_names):
            names = [name for name in frame_names if kinds.get(name, "") == kind]
            total = sum(by_frame.get(name, 0) for name in names)
            rows.extend({"outlet": outlet, "frame": labels.get(name, name), "share": by_frame.get(name, 0) / total,
                         "kind": kind, "colour": colours[name]}
                        for name in names if total and by_frame.get(name, 0))
    return pd.DataFrame(rows, columns=["outlet", "frame", "share", "kind", "colour"])


def threat_axis(claims: pd.DataFrame) -> pd.DataFrame:
    """Each outlet on the threat axis: the share of its claims that alarm (level 3-4) and that reassure
    (level 0), and the share of its claims that are hedged; reader comments left out."""
    body = claims[~claims["reader_comment"]] if not claims.empty else claims
    if body.empty:
        return pd.DataFrame(columns=["outlet", "alarming", "reassuring", "hedged", "claims"])
    grouped = body.groupby("outlet")
    frame = pd.DataFrame({
        "alarming": grouped["stance"].apply(lambda s: float((s == "alarming").mean())),
        "reassuring": grouped["stance"].apply(lambda s: float((s == "reassuring").mean())),
        "hedged": grouped["certainty"].apply(lambda s: float(s.isin(("hedged", "conditional")).mean())),
        "claims": grouped.size(),
    }).reset_index()
    return frame.sort_values(["alarming", "outlet"], ascending=[True, True]).reset_index(drop=True)


def distinctive_words(items: Mapping[str, list[Mapping[str, Any]]], filters: Filters,
                      max_zipf: float = COMMON_WORD_ZIPF) -> pd.DataFrame:
    """Distinctive words per outlet without the most common English words ("include", "launch", "mark"),
    which say nothing about how an outlet frames the crisis."""
    from wordfreq import zipf_frequency

    table = distinctive_table(items, filters, "word")
    return table[[zipf_frequency(str(w), "en") < max_zipf for w in table["word"]]].reset_index(drop=True)


def timeline_from_documents(documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Document severity by publication date (a real date column) and outlet, and apart the scored
    documents that have no date."""
    frame = documents_table(documents)
    frame = frame[frame["severity"].notna()]
    dates = pd.to_datetime(frame["published"].map(parse_date), errors="coerce")  # ISO dates, as everywhere
    dated = frame.assign(published=dates)[dates.notna()]
    undated = frame[dates.isna()][["outlet", "title", "severity"]].reset_index(drop=True)
    return (dated[["published", "outlet", "severity", "title"]].sort_values("published").reset_index(drop=True),
            undated)
