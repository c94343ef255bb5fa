"""The store's tables and how one typed document record becomes rows of them."""
from __future__ import annotations

import hashlib
import json

import pyarrow as pa

from claimatlas.model import Claim, DocumentRecord, iso_date, to_json

# Bumped whenever SCHEMA changes: an older store file is then emptied and rebuilt by the next analysis.
STORE_SCHEMA_VERSION = "5"

# table -> [(column, arrow type)]; SQL types follow from the arrow types.
SCHEMA: dict[str, list[tuple[str, pa.DataType]]] = {
    "files": [("path", pa.string()), ("file_key", pa.string()), ("pipeline_version", pa.string()),
              ("analysed_at", pa.timestamp("us"))],
    "errors": [("path", pa.string()), ("error", pa.string())],
    "documents": [
        ("doc_key", pa.string()), ("content_hash", pa.string()), ("pipeline_version", pa.string()),
        ("id", pa.string()), ("path", pa.string()), ("ordinal", pa.int32()), ("outlet", pa.string()),
        ("title", pa.string()), ("published", pa.date32()), ("url", pa.string()), ("kind", pa.string()),
        ("language", pa.string()), ("duplicate_of", pa.string()), ("cited_by", pa.string()),
        ("severity_score", pa.float64()), ("severity_level", pa.int32()), ("n_claims", pa.int32()),
        ("n_places", pa.int32()), ("n_comments", pa.int32()), ("n_chars", pa.int32()), ("record", pa.string()),
    ],
    "sentences": [("doc_key", pa.string()), ("sentence_index", pa.int32()), ("start", pa.int32()),
                  ("end", pa.int32()), ("text", pa.string())],
    "places": [
        ("doc_key", pa.string()), ("name", pa.string()), ("geonameid", pa.int64()), ("lat", pa.float64()),
        ("lon", pa.float64()), ("country", pa.string()), ("feature", pa.string()), ("confidence", pa.float64()),
        ("mentions", pa.int32()), ("alternatives", pa.string()), ("located_by", pa.string()),
    ],
    "mentions": [
        ("doc_key", pa.string()), ("place", pa.string()), ("geonameid", pa.int64()), ("sentence_index", pa.int32()),
        ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()), ("sentence", pa.string()),
    ],
    "claims": [
        ("doc_key", pa.string()), ("source", pa.string()), ("claim_index", pa.int32()), ("sentence", pa.string()),
        ("sentence_index", pa.int32()), ("start", pa.int32()), ("end", pa.int32()), ("level", pa.int32()),
        ("score", pa.float64()), ("speaker", pa.string()), ("speaker_type", pa.string()), ("certainty", pa.string()),
        ("stance", pa.string()), ("voice", pa.string()), ("places", pa.string()), ("cues", pa.string()),
        ("targets", pa.string()), ("comment", pa.int32()),
    ],
    "claim_places": [("doc_key", pa.string()), ("source", pa.string()), ("claim_index", pa.int32()),
                     ("place", pa.string())],
    "frames": [("doc_key", pa.string()), ("frame", pa.string()), ("share", pa.float64())],
    "frame_sentences": [("doc_key", pa.string()), ("sentence_index", pa.int32()), ("frame", pa.string()),
                        ("evidence", pa.string())],
    # A document's framing counts (kind: one of FRAMING_COUNT_KINDS) and totals, summed per outlet in SQL.
    "framing_counts": [("doc_key", pa.string()), ("kind", pa.string()), ("item", pa.string()), ("count", pa.int64())],
    "framing_totals": [("doc_key", pa.string()), ("n_sentences", pa.int64()), ("hedged_sentences", pa.int64()),
                       ("tone_sum", pa.float64()), ("negative_sentences", pa.int64())],
    # Stories over the whole corpus (claimatlas.stories), replaced after every build: each document's
    # story and whether it counts when each story is counted once per outlet; the stories; the lineage links.
    "story_documents": [("id", pa.string()), ("story", pa.string()), ("counted", pa.bool_())],
    "stories": [("id", pa.string()), ("title", pa.string()), ("first", pa.string()), ("span_start", pa.date32()),
                ("span_end", pa.date32()), ("documents", pa.string())],
    "lineage": [("document", pa.string()), ("of", pa.string()), ("relation", pa.string()), ("direction", pa.string()),
                ("evidence", pa.string())],
}
STORY_TABLES = ("story_documents", "stories", "lineage")
# The per-document framing counters the corpus-wide comparison (framing.compare_outlets) sums.
FRAMING_COUNT_KINDS = ("sentence_counts", "labels", "lemma_counts")
DOCUMENT_TABLES = ("documents", "sentences", "places", "mentions", "claims", "claim_places", "frames",
                   "frame_sentences", "framing_counts", "framing_totals")

_SQL_TYPES = {pa.bool_(): "BOOLEAN", pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
              pa.date32(): "DATE", pa.timestamp("us"): "TIMESTAMP"}

Rows = dict[str, list[dict]]


def ddl() -> list[str]:
    """CREATE statements for every table and the doc_key indexes."""
    statements = [
        f'CREATE TABLE IF NOT EXISTS {table} ({", ".join(f""""{c}" {_SQL_TYPES[t]}""" for c, t in columns)})'
        for table, columns in SCHEMA.items()
    ]
    statements += [f"CREATE INDEX IF NOT EXISTS {t}_doc_key ON {t} (doc_key)" for t in DOCUMENT_TABLES]
    statements.append("CREATE INDEX IF NOT EXISTS documents_path ON documents (path)")
    return statements


def arrow_table(table: str, rows: list[dict]) -> pa.Table:
    """Rows of one table as an Arrow table of its schema."""
    return pa.Table.from_pylist(rows, schema=pa.schema(SCHEMA[table]))


def document_key(record: DocumentRecord, pipeline_version: str) -> str:
    """The store key of an analysed document: its id, content hash and the pipeline version."""
    payload = f"{pipeline_version}\0{record.content_hash}\0{record.id}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _json(value: object) -> str:
    return json.dumps(to_json(value), ensure_ascii=False)


def _claim_rows(key: str, source: str, claims: list[Claim], rows: Rows) -> None:
    for index, claim in enumerate(claims):
        rows["claims"].append({
            "doc_key": key, "source": source, "claim_index": index, "sentence": claim.sentence,
            "sentence_index": claim.sentence_index, "start": claim.start, "end": claim.end, "level": claim.level,
            "score": claim.score, "speaker": claim.speaker, "speaker_type": claim.speaker_type,
            "certainty": claim.certainty, "stance": claim.stance, "voice": claim.voice,
            "places": _json(claim.places), "cues": _json(claim.cues), "targets": _json(claim.targets),
            "comment": claim.comment})
        rows["claim_places"] += [{"doc_key": key, "source": source, "claim_index": index, "place": name}
                                 for name in claim.places]


def _place_rows(key: str, record: DocumentRecord, rows: Rows) -> None:
    for place in record.places:
        rows["places"].append({
            "doc_key": key, "name": place.name, "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
            "country": place.country, "feature": place.feature, "confidence": place.confidence,
            "mentions": place.mentions, "alternatives": _json(place.alternatives),
            "located_by": _json(place.located_by) if place.located_by else None})
        for span in place.spans:
            rows["mentions"].append({
                "doc_key": key, "place": place.name, "geonameid": place.geonameid, "sentence_index": span.sentence,
                "start": span.start, "end": span.end, "text": span.text, "sentence": None})


def _framing_rows(key: str, record: DocumentRecord, rows: Rows, sentences: dict[int, tuple]) -> None:
    framing = record.framing
    for row in framing.sentences:
        sentences[row.sentence_index] = (row.start, row.end, row.sentence)
        rows["frame_sentences"] += [{"doc_key": key, "sentence_index": row.sentence_index, "frame": frame,
                                     "evidence": _json(row.evidence.get(frame, []))} for frame in row.frames]
    rows["framing_counts"] = [
        {"doc_key": key, "kind": kind, "item": item, "count": count}
        for kind in FRAMING_COUNT_KINDS for item, count in getattr(framing, kind).items() if count]
    rows["framing_totals"] = [{
        "doc_key": key, "n_sentences": framing.n_sentences, "hedged_sentences": framing.hedged_sentences,
        "tone_sum": framing.tone.sum, "negative_sentences": framing.tone.negative_sentences}]
    rows["frames"] = [{"doc_key": key, "frame": frame, "share": share} for frame, share in record.frames.items()]


def record_rows(record: DocumentRecord, pipeline_version: str, ordinal: int = 0) -> Rows:
    """Split one document record into rows for each table."""
    key = document_key(record, pipeline_version)
    rows: Rows = {table: [] for table in DOCUMENT_TABLES}
    sentences: dict[int, tuple] = {}
    _claim_rows(key, "body", record.claims, rows)
    _claim_rows(key, "comment", record.comment_claims, rows)
    for claim in record.claims:
        sentences[claim.sentence_index] = (None, None, claim.sentence)
    _place_rows(key, record, rows)
    _framing_rows(key, record, rows, sentences)
    rows["sentences"] = [{"doc_key": key, "sentence_index": i, "start": s, "end": e, "text": t}
                         for i, (s, e, t) in sorted(sentences.items())]
    severity = record.severity
    rows["documents"] = [{
        "doc_key": key, "content_hash": record.content_hash, "pipeline_version": pipeline_version,
        "id": record.id, "path": record.path, "ordinal": ordinal, "outlet": record.outlet, "title": record.title,
        "published": iso_date(record.published), "url": record.url, "kind": record.kind, "language": record.language,
        "duplicate_of": record.duplicate_of, "cited_by": record.cited_by, "severity_score": severity.score,
        "severity_level": severity.level, "n_claims": len(record.claims), "n_places": len(record.places),
        "n_comments": len(record.comments), "n_chars": len(record.text),
        "record": json.dumps(to_json(record), ensure_ascii=False)}]
    return rows
