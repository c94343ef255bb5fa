"""Pure data shaping for the dashboard: the analysis report + Filters -> tables.

Every function reads the report defensively (a stage that has not run yet leaves its
fields empty or missing) and never invents values: an empty table means "not analysed".
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import pandas as pd

from claimatlas.filters import Filters

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


def all_outlets(report: dict[str, Any]) -> list[str]:
    """Every outlet in the report, sorted."""
    return sorted({outlet_of(d) for d in report.get("documents", [])})


def date_bounds(report: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest publication dates in the report."""
    dates = [d for d in (parse_date(r.get("published")) for r in report.get("documents", [])) if d]
    return (min(dates), max(dates)) if dates else (None, None)


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


def documents_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per document with its metadata and analysis counts."""
    rows = []
    for r in records:
        severity = r.get("severity") or {}
        rows.append({
            "id": r.get("id"), "outlet": outlet_of(r), "title": r.get("title") or "(untitled)",
            "published": r.get("published"), "kind": r.get("kind"), "url": r.get("url"),
            "duplicate_of": r.get("duplicate_of"), "severity": severity.get("score"),
            "level": severity.get("level"), "claims": len(r.get("claims") or []),
            "places": len(r.get("places") or []), "comments": len(r.get("comments") or []),
            "warnings": "; ".join(r.get("warnings") or []),
        })
    return pd.DataFrame(rows, columns=["id", "outlet", "title", "published", "kind", "url", "duplicate_of",
                                       "severity", "level", "claims", "places", "comments", "warnings"])


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


def outlet_severity_frame(report: dict[str, Any], filters: Filters) -> pd.DataFrame:
    """The severity gauge of each selected outlet: score, level, claim counts, own vs quoted, drivers."""
    rows = []
    for summary in report.get("outlets", []):
        outlet = summary.get("outlet") or "unknown"
        if filters.outlets and outlet not in filters.outlets:
            continue
        severity = summary.get("severity") or {}
        rows.append({
            "outlet": outlet, "documents": len(summary.get("documents") or []),
            "score": severity.get("score"), "level": severity.get("level"), "claims": severity.get("claims"),
            "own": severity.get("own"), "quoted": severity.get("quoted"),
            "drivers": severity.get("drivers") or [], "formula": severity.get("formula"),
        })
    return pd.DataFrame(rows, columns=["outlet", "documents", "score", "level", "claims", "own", "quoted",
                                       "drivers", "formula"])


def severity_timeline_frame(report: dict[str, Any], filters: Filters) -> pd.DataFrame:
    """Document severity by publication date and outlet (dated, scored documents only)."""
    frame = documents_frame(select_documents(report, filters))
    frame = frame[frame["published"].notna() & frame["severity"].notna()]
    return frame[["published", "outlet", "severity", "title"]].sort_values("published").reset_index(drop=True)


def frames_frame(report: dict[str, Any], filters: Filters) -> pd.DataFrame:
    """Frame shares per outlet (long form, non-zero shares, frames named by their codebook label).

    Without a date filter these are the outlets' own shares from the framing analysis; with
    one, the mean of the shares of the outlet's documents in the date range.
    """
    labels = {key: (value or {}).get("label", key) for key, value in ((report.get("framing") or {}).get("frames") or {}).items()
              if isinstance(value, dict)}
    frame = _document_frame_shares(report, filters)
    if not (filters.date_from or filters.date_to):
        outlet_rows = [{"outlet": o.get("outlet") or "unknown", "frame": k, "share": v}
                       for o in report.get("outlets", []) if isinstance(o.get("frames"), dict)
                       for k, v in o["frames"].items() if isinstance(v, int | float)
                       and (not filters.outlets or (o.get("outlet") or "unknown") in filters.outlets)]
        if outlet_rows:
            frame = pd.DataFrame(outlet_rows, columns=["outlet", "frame", "share"])
    frame = frame[frame["share"] > 0].copy()
    frame["frame"] = frame["frame"].map(lambda k: labels.get(k, k))
    return frame.reset_index(drop=True)


def _document_frame_shares(report: dict[str, Any], filters: Filters) -> pd.DataFrame:
    shares: dict[str, list[dict[str, float]]] = defaultdict(list)
    for record in select_documents(report, filters):
        frames = record.get("frames") or {}
        if isinstance(frames, dict) and frames:
            shares[outlet_of(record)].append(frames)
    rows = []
    for outlet, dicts in shares.items():
        totals: Counter[str] = Counter()
        for frames in dicts:
            for frame, share in frames.items():
                if isinstance(share, int | float):
                    totals[frame] += share
        rows.extend({"outlet": outlet, "frame": frame, "share": total / len(dicts)} for frame, total in totals.items())
    return pd.DataFrame(rows, columns=["outlet", "frame", "share"])


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


def contradictions_list(report: dict[str, Any], filters: Filters) -> list[dict[str, Any]]:
    """Contradicting claim pairs where at least one side is in the filtered documents."""
    ids = {r.get("id") for r in select_documents(report, filters)}
    chosen = []
    for pair in report.get("contradictions") or []:
        sides = [pair.get("a") or {}, pair.get("b") or {}]
        if any(side.get("document") in ids for side in sides):
            chosen.append(pair)
    return chosen


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
        flat[column] = flat[column].map(lambda items: "; ".join(map(str, items)))
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
