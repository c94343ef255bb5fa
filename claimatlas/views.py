"""Pure data shaping for the dashboard: store query frames (or a report) + Filters -> page tables.

The dashboard reads through the DuckDB store (filters pushed into SQL); the ``*_table`` and
``*_from_*`` functions turn its query results into the tables the pages show. The report-based
functions shape one document record (Evidence page) or a report read from JSON. Every function
reads its input defensively (a stage that has not run yet leaves its
fields empty or missing) and never invents values: an empty table means "not analysed".
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pandas as pd

from claimatlas.claims import GAUGE_DRIVERS, GAUGE_TOP, find_contradictions, severity_gauge
from claimatlas.filters import Filters
from claimatlas.framing import Codebook, compare_outlets

DOUBTFUL_CONFIDENCE = 0.6
CLAIM_COLUMNS = ["document", "outlet", "published", "title", "sentence", "level", "score", "speaker",
                 "speaker_type", "certainty", "stance", "voice", "places", "reader_comment"]
PLACE_COLUMNS = ["key", "name", "lat", "lon", "country", "feature", "confidence", "mentions", "outlets",
                 "documents", "max_level", "doubtful", "alternatives", "evidence"]


def outlet_of(record: dict[str, Any]) -> str:
    """The outlet a document is attributed to ("unknown" when the corpus does not say)."""
    return record.get("outlet") or "unknown"


def parse_date(value: Any) -> dt.date | None:
    """An ISO date (or datetime) string as a date; None when absent or malformed."""
    if isinstance(value, dt.date):
        return value
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def select_documents(report: dict[str, Any], filters: Filters) -> list[dict[str, Any]]:
    """Documents passing the outlet and date filters (undated ones only when no date is set)."""
    chosen = []
    for record in report.get("documents", []):
        if filters.outlets and outlet_of(record) not in filters.outlets:
            continue
        published = parse_date(record.get("published"))
        if filters.date_from or filters.date_to:
            if published is None:
                continue
            if filters.date_from and published < filters.date_from:
                continue
            if filters.date_to and published > filters.date_to:
                continue
        chosen.append(record)
    return chosen


def place_names(value: Any) -> list[str]:
    """The place names of a claim's "places" field (names or place dicts)."""
    names = []
    for item in value or []:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name:
            names.append(name)
    return names


def _claim_rows(record: dict[str, Any], claims: Iterable[dict[str, Any]], reader_comment: bool) -> list[dict[str, Any]]:
    return [{
        "document": record.get("id"), "outlet": outlet_of(record), "published": record.get("published"),
        "title": record.get("title"), "sentence": c.get("sentence", ""), "level": c.get("level"),
        "score": c.get("score"), "speaker": c.get("speaker"),
        "speaker_type": "reader_comment" if reader_comment else c.get("speaker_type"),
        "certainty": c.get("certainty"), "stance": c.get("stance"), "voice": c.get("voice"),
        "places": ", ".join(place_names(c.get("places"))), "reader_comment": reader_comment,
    } for c in claims if isinstance(c, dict)]


def claims_frame(report: dict[str, Any], filters: Filters) -> pd.DataFrame:
    """The claims of the filtered documents, with the level, speaker and place filters applied."""
    rows: list[dict[str, Any]] = []
    for record in select_documents(report, filters):
        rows.extend(_claim_rows(record, record.get("claims") or [], reader_comment=False))
        if filters.include_comments:
            rows.extend(_claim_rows(record, record.get("comment_claims") or [], reader_comment=True))
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    if frame.empty:
        return frame
    if filters.min_level:
        frame = frame[pd.to_numeric(frame["level"], errors="coerce").fillna(-1) >= filters.min_level]
    if filters.speaker_types:
        frame = frame[frame["speaker_type"].isin(filters.speaker_types)]
    if filters.place:
        frame = frame[frame["places"].map(lambda names: filters.place in names.split(", "))]
    return frame.reset_index(drop=True)


def place_key(place: dict[str, Any]) -> str:
    """A stable key for a place across documents: its gazetteer id, else its name."""
    return str(place.get("geonameid") or place.get("name"))


def places_frame(report: dict[str, Any], filters: Filters) -> pd.DataFrame:
    """One row per place in the filtered documents, with mentions, outlets, evidence and max claim level.

    The max level comes from the filtered claims that name the place (None: no such claim).
    """
    claims = claims_frame(report, Filters(**{**filters.__dict__, "place": None}))
    level_by_name: dict[str, int] = {}
    for names, level in zip(claims["places"], claims["level"]):
        if level is None or pd.isna(level):
            continue
        for name in names.split(", ") if names else []:
            level_by_name[name] = max(level_by_name.get(name, -1), int(level))
    merged: dict[str, dict[str, Any]] = {}
    for record in select_documents(report, filters):
        for place in record.get("places") or []:
            if not isinstance(place, dict) or place.get("lat") is None or place.get("lon") is None:
                continue
            key = place_key(place)
            row = merged.setdefault(key, {
                "key": key, "name": place.get("name"), "lat": float(place["lat"]), "lon": float(place["lon"]),
                "country": place.get("country"), "feature": place.get("feature"), "confidence": place.get("confidence"),
                "mentions": 0, "outlets": [], "documents": [], "alternatives": [], "evidence": [],
            })
            row["mentions"] += int(place.get("mentions") or len(place.get("spans") or []) or 1)
            if place.get("confidence") is not None and (row["confidence"] is None or place["confidence"] < row["confidence"]):
                row["confidence"] = place["confidence"]
            for field, value in (("outlets", outlet_of(record)), ("documents", record.get("id"))):
                if value not in row[field]:
                    row[field].append(value)
            for alternative in place.get("alternatives") or []:
                label = _alternative_label(alternative)
                if label and label not in row["alternatives"]:
                    row["alternatives"].append(label)
            for sentence in place_evidence(record, place):
                if len(row["evidence"]) < 5:
                    row["evidence"].append({"outlet": outlet_of(record), "sentence": sentence})
    rows = []
    for row in merged.values():
        row["max_level"] = level_by_name.get(row["name"])
        row["doubtful"] = bool(row["alternatives"]) or (row["confidence"] is not None and row["confidence"] < DOUBTFUL_CONFIDENCE)
        if filters.min_level and (row["max_level"] is None or row["max_level"] < filters.min_level):
            continue
        rows.append(row)
    frame = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    return frame.sort_values(["mentions", "name"], ascending=[False, True]).reset_index(drop=True) if rows else frame


def place_evidence(record: dict[str, Any], place: dict[str, Any], limit: int = 3) -> list[str]:
    """Sentences that show a place in a document: its claims naming the place, else the text around a mention."""
    name = place.get("name")
    sentences = [c["sentence"] for c in record.get("claims") or []
                 if isinstance(c, dict) and name in place_names(c.get("places")) and c.get("sentence")]
    if not sentences:
        text = record.get("text") or ""
        for span in place.get("spans") or []:
            if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
                sentences.append(context_window(text, span["start"], span["end"]))
    return list(dict.fromkeys(s for s in sentences if s))[:limit]


def context_window(text: str, start: int, end: int, width: int = 140) -> str:
    """The text around [start, end), cut at sentence ends where possible, with ellipses where trimmed."""
    left = max(text.rfind(". ", max(0, start - width), start) + 2, max(0, start - width)) if start > 0 else 0
    stop = text.find(". ", end, end + width)
    right = stop + 1 if stop != -1 else min(len(text), end + width)
    snippet = text[left:right].strip().replace("\n", " ")
    return ("…" if left > 0 and text[left - 2:left] != ". " else "") + snippet + ("…" if right < len(text) and stop == -1 else "")


def _alternative_label(alternative: Any) -> str | None:
    if isinstance(alternative, str):
        return alternative
    if isinstance(alternative, dict):
        parts = [str(alternative[k]) for k in ("name", "country", "feature") if alternative.get(k)]
        return ", ".join(parts) or None
    return None


def divergence_matrix(report: dict[str, Any], filters: Filters) -> pd.DataFrame:
    """The framing divergence between outlets as a square table (empty until framing has run)."""
    divergence = (report.get("framing") or {}).get("divergence")
    if not divergence:
        return pd.DataFrame()
    if isinstance(divergence, dict) and "matrix" in divergence:
        labels = divergence.get("outlets") or divergence.get("labels") or []
        frame = pd.DataFrame(divergence["matrix"], index=labels, columns=labels)
    elif isinstance(divergence, dict):
        frame = pd.DataFrame(divergence).T
    else:
        return pd.DataFrame()
    if filters.outlets:
        keep = [o for o in frame.index if o in filters.outlets]
        frame = frame.loc[keep, [c for c in frame.columns if c in filters.outlets]]
    return frame.astype(float)


def per_outlet_table(value: Any, filters: Filters, item_name: str) -> pd.DataFrame:
    """A {outlet: [items] | {item: weight}} mapping (distinctive words, group labels) as a long table."""
    rows = []
    for outlet, items in (value or {}).items() if isinstance(value, dict) else ():
        if filters.outlets and outlet not in filters.outlets:
            continue
        if isinstance(items, dict):
            pairs = list(items.items())
        else:
            pairs = []
            for item in items or []:
                if isinstance(item, dict):
                    name = item.get(item_name) or item.get("term") or item.get("word") or item.get("label") or item.get("name")
                    pairs.append((name, item.get("z", item.get("score", item.get("count")))))
                elif isinstance(item, list | tuple) and item:
                    pairs.append((item[0], item[1] if len(item) > 1 else None))
                else:
                    pairs.append((item, None))
        rows.extend({"outlet": outlet, item_name: name, "weight": weight} for name, weight in pairs if name)
    return pd.DataFrame(rows, columns=["outlet", item_name, "weight"])


def speaker_mix_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """How many claims each speaker type carries per outlet."""
    if claims.empty:
        return pd.DataFrame(columns=["outlet", "speaker_type", "claims"])
    mix = claims.fillna({"speaker_type": "unattributed"}).groupby(["outlet", "speaker_type"]).size()
    return mix.reset_index(name="claims")


def places_geojson(places: pd.DataFrame) -> dict[str, Any]:
    """The places table as a GeoJSON FeatureCollection (EPSG:4326, [lon, lat] coordinates)."""
    features = []
    for row in places.to_dict("records"):
        properties = {k: row[k] for k in ("name", "country", "feature", "confidence", "mentions", "outlets",
                                          "documents", "max_level", "doubtful", "alternatives")}
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


_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|~:$^=&\"'")


def escape_markdown(text: str) -> str:
    """Escape every Markdown/HTML special character so user text shows literally in st.markdown."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text).replace("\n", "  \n")


# ---------------------------------------------------------------- store query frames -> page tables

def _json_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    try:
        parsed = json.loads(value) if isinstance(value, str) and value else []
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def _iso(value: Any) -> str | None:
    date = parse_date(value) if not isinstance(value, pd.Timestamp) else value.date()
    return date.isoformat() if date else None


def outlet_names(outlets: pd.DataFrame) -> list[str]:
    """The outlets of the store's outlet table, sorted."""
    return sorted(str(o) for o in outlets["outlet"]) if not outlets.empty else []


def published_bounds(outlets: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest publication dates over the store's outlet table."""
    firsts = [d for d in map(parse_date_any, outlets.get("first_published", [])) if d]
    lasts = [d for d in map(parse_date_any, outlets.get("last_published", [])) if d]
    return (min(firsts), max(lasts)) if firsts and lasts else (None, None)


def parse_date_any(value: Any) -> dt.date | None:
    """A date from an ISO string, a date, or a pandas/NumPy timestamp; None when absent."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return parse_date(value)


def documents_table(documents: pd.DataFrame, warnings: pd.DataFrame | None = None) -> pd.DataFrame:
    """The store's documents query as the Overview table (warnings joined in where fetched)."""
    by_id = {} if warnings is None else {i: "; ".join(map(str, _json_list(w)))
                                         for i, w in zip(warnings["id"], warnings["warnings"])}
    frame = pd.DataFrame({
        "id": documents["id"], "outlet": documents["outlet"].fillna("unknown"),
        "title": documents["title"].fillna("(untitled)"), "published": documents["published"].map(_iso),
        "kind": documents["kind"], "url": documents["url"], "duplicate_of": documents["duplicate_of"],
        "severity": documents["severity_score"], "level": documents["severity_level"],
        "claims": documents["claims"], "places": documents["places"], "comments": documents["comments"],
        "warnings": documents["id"].map(lambda i: by_id.get(i, "")),
    })
    return frame.reset_index(drop=True)


def claims_table(claims: pd.DataFrame, titles: dict[str, Any] | None = None) -> pd.DataFrame:
    """The store's claims query with the dashboard's claim columns (places as a comma-separated list)."""
    if claims.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    comment = claims["source"].eq("comment")
    frame = pd.DataFrame({
        "document": claims["document"], "outlet": claims["outlet"].fillna("unknown"),
        "published": claims["published"].map(_iso), "title": claims["document"].map(lambda i: (titles or {}).get(i)),
        "sentence": claims["sentence"].fillna(""), "level": claims["level"], "score": claims["score"],
        "speaker": claims["speaker"], "speaker_type": claims["speaker_type"].where(~comment, "reader_comment"),
        "certainty": claims["certainty"], "stance": claims["stance"], "voice": claims["voice"],
        "places": claims["places"].map(lambda v: ", ".join(place_names(_json_list(v)))),
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
        "outlets": [[str(o) if o is not None else "unknown" for o in (v if v is not None else [])] for v in places["outlets"]],
        "documents": places["documents"].astype(int),
        "max_level": places["max_level"].astype(object).where(places["max_level"].notna(), None),
        "alternatives": alternatives,
        "evidence": [sentences.get(k, [])[:5] for k in keys],
    })
    frame["doubtful"] = [bool(a) or (c is not None and c < DOUBTFUL_CONFIDENCE) for a, c in zip(alternatives, confidence)]
    return frame[PLACE_COLUMNS].reset_index(drop=True)


def outlet_severity_from_claims(claims: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """Each outlet's severity gauge (claims.severity_gauge) from the store's body claims of its documents.

    Only the highest-scoring claims can move a gauge, so each outlet's gauge is computed on
    its top claims per voice; the claim counts come from all of its claims.
    """
    rows = []
    depth = GAUGE_TOP + GAUGE_DRIVERS
    for outlet in outlets:
        mine = claims[claims["outlet"].fillna("unknown").eq(outlet) & claims["score"].notna()] if not claims.empty else claims
        if mine.empty:
            rows.append({"outlet": outlet, "documents": 0, "score": None, "level": None, "claims": 0, "own": None,
                         "quoted": None, "drivers": [], "formula": None})
            continue
        ordered = mine.sort_values(["score", "sentence_index"], ascending=[False, True])
        top = pd.concat([ordered.head(depth), *(ordered[ordered["voice"].eq(v)].head(depth) for v in ("own", "quoted"))])
        top = top[~top.index.duplicated()]
        records = [{k: (None if not isinstance(v, str | list) and pd.isna(v) else v) for k, v in r.items()}
                   for r in top.to_dict("records")]
        gauge = severity_gauge(records)
        gauge["claims"] = len(mine)
        for voice in ("own", "quoted"):
            gauge[voice]["claims"] = int(mine["voice"].eq(voice).sum())
        rows.append({"outlet": outlet, "documents": int(mine["document"].nunique()), "score": gauge["score"],
                     "level": gauge["level"], "claims": gauge["claims"], "own": gauge["own"],
                     "quoted": gauge["quoted"], "drivers": gauge["drivers"], "formula": gauge["formula"]})
    return pd.DataFrame(rows, columns=["outlet", "documents", "score", "level", "claims", "own", "quoted",
                                       "drivers", "formula"])


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

    def voice_score(value: Any) -> float | None:
        score = value.get("score") if isinstance(value, dict) else value
        return float(score) if isinstance(score, int | float) else None

    return pd.DataFrame({
        "outlet": scored["outlet"], "score": scored["score"].astype(float), "level": scored["level"],
        "claims": scored["claims"], "documents": scored["documents"],
        "own_voice": scored["own"].map(voice_score), "quoted_voices": scored["quoted"].map(voice_score),
    }).reset_index(drop=True)


def contradictions_from_claims(claims: pd.DataFrame) -> list[dict[str, Any]]:
    """claims.find_contradictions over the store's body claims.

    A pair's gap only depends on the most alarming and the most reassuring claim of each
    (speaker, outlet, target), so only those claims are compared.
    """
    if claims.empty:
        return []
    sided = claims[claims["stance"].isin(["alarming", "reassuring"]) & claims["level"].notna()].copy()
    if sided.empty:
        return []
    sided["targets"] = sided["targets"].map(_json_list)
    sided = sided.explode("targets").dropna(subset=["targets"])
    sided["target_key"] = sided["targets"].map(lambda t: str(t).lower())
    sided["rank"] = sided["level"].where(sided["stance"].eq("alarming"), -sided["level"])
    keep = (sided.sort_values("rank", ascending=False, kind="stable")
            .drop_duplicates(["stance", "speaker", "outlet", "target_key"]).index.unique())
    chosen = claims.loc[keep].sort_index()
    records: dict[Any, dict[str, Any]] = {}
    for row in chosen.to_dict("records"):
        record = records.setdefault(row["document"], {"id": row["document"], "outlet": row["outlet"], "claims": []})
        record["claims"].append({"sentence": row["sentence"], "sentence_index": row["sentence_index"],
                                 "speaker": row["speaker"], "speaker_type": row["speaker_type"],
                                 "level": int(row["level"]), "stance": row["stance"],
                                 "targets": [str(t) for t in _json_list(row["targets"])]})
    return find_contradictions(list(records.values()))


def contradictions_for(pairs: list[dict[str, Any]], document_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The contradiction pairs with at least one side in the given documents."""
    ids = set(document_ids)
    return [p for p in pairs if any((side or {}).get("document") in ids for side in (p.get("a"), p.get("b")))]


def contradictions_table(pairs: list[dict[str, Any]]) -> pd.DataFrame:
    """Contradiction pairs as one row each: target, then speaker, document, level and sentence of both sides."""
    rows = []
    for pair in pairs:
        row = {"target": pair.get("target")}
        for name in ("a", "b"):
            side = pair.get(name) or {}
            row.update({f"{name}_speaker": side.get("speaker"), f"{name}_document": side.get("document"),
                        f"{name}_level": side.get("level"), f"{name}_sentence": side.get("sentence")})
        rows.append(row)
    return pd.DataFrame(rows, columns=["target", *(f"{n}_{k}" for n in "ab" for k in ("speaker", "document", "level",
                                                                                     "sentence"))])


def frames_from_counts(counts: pd.DataFrame, frame_names: list[str], labels: dict[str, str]) -> pd.DataFrame:
    """Frame shares per outlet (long form, non-zero) from the store's per-outlet frame sentence counts."""
    rows = []
    for outlet, group in counts.groupby("outlet", sort=True):
        by_frame = dict(zip(group["frame"], group["sentences"]))
        total = sum(by_frame.get(name, 0) for name in frame_names)
        rows.extend({"outlet": outlet, "frame": labels.get(name, name), "share": by_frame.get(name, 0) / total}
                    for name in frame_names if total and by_frame.get(name, 0))
    return pd.DataFrame(rows, columns=["outlet", "frame", "share"])


def framing_comparison(outlet_records: list[dict[str, Any]], codebook: Codebook) -> dict[str, Any]:
    """framing.compare_outlets over one summed record per outlet (Store.framing_records), with its document counts."""
    comparison = compare_outlets(outlet_records, codebook)
    for record in outlet_records:
        comparison["outlet_stats"][record["outlet"]]["documents"] = record["documents"]
    return comparison


def timeline_from_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Document severity by publication date and outlet (dated, scored documents only)."""
    frame = documents_table(documents)
    frame = frame[frame["published"].notna() & frame["severity"].notna()]
    return frame[["published", "outlet", "severity", "title"]].sort_values("published").reset_index(drop=True)
