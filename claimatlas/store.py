"""DuckDB store of analysis results, keyed by content hash and pipeline version.

Tables: ``files`` (what was analysed, by file content hash), ``documents``, ``sentences``,
``places``, ``mentions``, ``claims`` (+ ``claim_places``), ``frames`` and ``errors``.
Analysing again only processes files whose bytes, manifest entry or pipeline version
changed, or every file when the frame codebook or the claims cue files changed. Queries
take a :class:`~claimatlas.filters.Filters` and push it into SQL.

Concurrency: every operation opens its own short connection under a file lock
(``<store>.lock``): shared for reads, exclusive for writes, so two processes (or threads)
writing at once are serialised and lose nothing. Only core SQL is used (no INSTALL).
"""
from __future__ import annotations

import atexit
import datetime as dt
import fcntl
import hashlib
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from claimatlas.claims import CUES_FILE, SPEAKERS_FILE
from claimatlas.corpus import collect_files, default_manifest, load_corpus, load_manifest
from claimatlas.filters import Filters
from claimatlas.framing import codebook_path
from claimatlas.pipeline import PIPELINE_VERSION, Resources, analyse_documents, assemble_report

DEFAULT_STORE_PATH = Path("data/claimatlas.duckdb")
LOCK_TIMEOUT_S = 120.0
DEFAULT_BATCH_DOCUMENTS = 500
# Bumped whenever SCHEMA changes: an older store file is then emptied and rebuilt by the next analysis.
SCHEMA_VERSION = "3"

Analyser = Callable[[list, Callable[[Iterable], Iterable] | None], list[dict[str, Any]]]

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
        ("mentions", pa.int32()), ("alternatives", pa.string()),
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
        ("targets", pa.string()),
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
}
# The per-document framing counters the corpus-wide comparison (framing.compare_outlets) sums.
FRAMING_COUNT_KINDS = ("sentence_counts", "labels", "lemma_counts")
DOCUMENT_TABLES = ("documents", "sentences", "places", "mentions", "claims", "claim_places", "frames",
                   "frame_sentences", "framing_counts", "framing_totals")

_SQL_TYPES = {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
              pa.date32(): "DATE", pa.timestamp("us"): "TIMESTAMP"}


def _ddl() -> list[str]:
    statements = [
        f'CREATE TABLE IF NOT EXISTS {table} ({", ".join(f"{_q(c)} {_SQL_TYPES[t]}" for c, t in columns)})'
        for table, columns in SCHEMA.items()
    ]
    statements += [f"CREATE INDEX IF NOT EXISTS {t}_doc_key ON {t} (doc_key)" for t in DOCUMENT_TABLES]
    statements.append("CREATE INDEX IF NOT EXISTS documents_path ON documents (path)")
    return statements


def _q(column: str) -> str:
    return f'"{column}"'


# ---------------------------------------------------------------- records -> rows

def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def document_key(record: dict[str, Any]) -> str:
    """The store key of an analysed document: its id, content hash and the pipeline version."""
    payload = f"{record.get('pipeline_version') or PIPELINE_VERSION}\0{record.get('content_hash')}\0{record.get('id')}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _place_name(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _claim_rows(key: str, source: str, claims: list[dict[str, Any]], rows: dict[str, list]) -> None:
    for index, claim in enumerate(claims or []):
        if not isinstance(claim, dict):
            continue
        places = claim.get("places") or []
        rows["claims"].append({
            "doc_key": key, "source": source, "claim_index": index, "sentence": _text(claim.get("sentence")),
            "sentence_index": _int(claim.get("sentence_index")), "start": _int(claim.get("start")),
            "end": _int(claim.get("end")), "level": _int(claim.get("level")), "score": _float(claim.get("score")),
            "speaker": _text(claim.get("speaker")), "speaker_type": _text(claim.get("speaker_type")),
            "certainty": _text(claim.get("certainty")), "stance": _text(claim.get("stance")),
            "voice": _text(claim.get("voice")), "places": json.dumps(places, ensure_ascii=False),
            "cues": json.dumps(claim.get("cues") or [], ensure_ascii=False),
            "targets": json.dumps(claim.get("targets") or [], ensure_ascii=False),
        })
        for place in places:
            name = _place_name(place)
            if name:
                rows["claim_places"].append({"doc_key": key, "source": source, "claim_index": index, "place": name})
        if source == "body" and claim.get("sentence_index") is not None and claim.get("sentence"):
            rows["_sentences"][_int(claim["sentence_index"])] = (None, None, claim["sentence"])


def record_rows(record: dict[str, Any], ordinal: int = 0) -> dict[str, list[dict[str, Any]]]:
    """Split one document record into rows for each table (missing keys give no rows)."""
    key = document_key(record)
    rows: dict[str, Any] = {table: [] for table in DOCUMENT_TABLES}
    rows["_sentences"] = {}
    severity = record.get("severity") or {}
    claims = [c for c in record.get("claims") or [] if isinstance(c, dict)]
    places = [p for p in record.get("places") or [] if isinstance(p, dict)]
    _claim_rows(key, "body", claims, rows)
    _claim_rows(key, "comment", record.get("comment_claims") or [], rows)
    for place in places:
        name = _text(place.get("name"))
        rows["places"].append({
            "doc_key": key, "name": name, "geonameid": _int(place.get("geonameid")), "lat": _float(place.get("lat")),
            "lon": _float(place.get("lon")), "country": _text(place.get("country")),
            "feature": _text(place.get("feature")), "confidence": _float(place.get("confidence")),
            "mentions": _int(place.get("mentions")) or len(place.get("spans") or []) or None,
            "alternatives": json.dumps(place.get("alternatives") or [], ensure_ascii=False),
        })
        for span in place.get("spans") or []:
            if not isinstance(span, dict):
                continue
            sentence = span.get("sentence")
            sentence_index = sentence if isinstance(sentence, int) else _int(span.get("sentence_index"))
            sentence_text = sentence if isinstance(sentence, str) else _text(span.get("sentence_text"))
            rows["mentions"].append({
                "doc_key": key, "place": name, "geonameid": _int(place.get("geonameid")),
                "sentence_index": sentence_index, "start": _int(span.get("start")), "end": _int(span.get("end")),
                "text": _text(span.get("text")), "sentence": sentence_text,
            })
            if sentence_index is not None and sentence_text:
                rows["_sentences"].setdefault(sentence_index, (None, None, sentence_text))
    framing = record.get("framing") if isinstance(record.get("framing"), dict) else {}
    for row in framing.get("sentences") or []:
        if not isinstance(row, dict) or _int(row.get("sentence_index")) is None:
            continue
        index = _int(row["sentence_index"])
        rows["_sentences"][index] = (_int(row.get("start")), _int(row.get("end")), _text(row.get("sentence")))
        evidence = row.get("evidence") if isinstance(row.get("evidence"), dict) else {}
        for frame in row.get("frames") or []:
            rows["frame_sentences"].append({"doc_key": key, "sentence_index": index, "frame": str(frame),
                                            "evidence": json.dumps(evidence.get(frame) or [], ensure_ascii=False)})
    for index, sentence in enumerate(record.get("sentences") or []):
        if isinstance(sentence, dict):
            rows["_sentences"][_int(sentence.get("index", index))] = (
                _int(sentence.get("start")), _int(sentence.get("end")), _text(sentence.get("text")))
        elif isinstance(sentence, str):
            rows["_sentences"][index] = (None, None, sentence)
    rows["sentences"] = [{"doc_key": key, "sentence_index": i, "start": s, "end": e, "text": t}
                         for i, (s, e, t) in sorted(rows.pop("_sentences").items(), key=lambda kv: kv[0] or 0)]
    rows["framing_counts"] = [
        {"doc_key": key, "kind": kind, "item": str(item), "count": _int(count)}
        for kind in FRAMING_COUNT_KINDS if isinstance(framing.get(kind), dict)
        for item, count in framing[kind].items() if _int(count)]
    if framing:
        tone = framing.get("tone") if isinstance(framing.get("tone"), dict) else {}
        rows["framing_totals"] = [{
            "doc_key": key, "n_sentences": _int(framing.get("n_sentences")) or 0,
            "hedged_sentences": _int(framing.get("hedged_sentences")) or 0,
            "tone_sum": _float(tone.get("sum")) or 0.0, "negative_sentences": _int(tone.get("negative_sentences")) or 0}]
    frames = record.get("frames") or {}
    if isinstance(frames, dict):
        rows["frames"] = [{"doc_key": key, "frame": str(f), "share": _float(s)} for f, s in frames.items()]
    rows["documents"] = [{
        "doc_key": key, "content_hash": _text(record.get("content_hash")),
        "pipeline_version": _text(record.get("pipeline_version")) or PIPELINE_VERSION,
        "id": _text(record.get("id")), "path": _text(record.get("path")), "ordinal": ordinal,
        "outlet": _text(record.get("outlet")), "title": _text(record.get("title")),
        "published": _date(record.get("published")), "url": _text(record.get("url")),
        "kind": _text(record.get("kind")), "language": _text(record.get("language")),
        "duplicate_of": _text(record.get("duplicate_of")), "cited_by": _text(record.get("cited_by")),
        "severity_score": _float(severity.get("score")) if isinstance(severity, dict) else None,
        "severity_level": _int(severity.get("level")) if isinstance(severity, dict) else None,
        "n_claims": len(claims), "n_places": len(places), "n_comments": len(record.get("comments") or []),
        "n_chars": len(record.get("text") or ""),
        "record": json.dumps(record, ensure_ascii=False),
    }]
    return rows


def _arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    schema = pa.schema(SCHEMA[table])
    return pa.Table.from_pylist(rows, schema=schema)


def cue_files_digest() -> bytes:
    """Hash of the frame codebook in use and the claims cue files: an edit to one re-analyses every file."""
    digest = hashlib.sha256()
    for source in (codebook_path(), CUES_FILE, SPEAKERS_FILE):
        try:
            digest.update(Path(source).read_bytes())
        except OSError as exc:
            digest.update(f"unreadable: {exc}".encode())
        digest.update(b"\0")
    return digest.digest()


def file_key(path: Path, entry: dict[str, Any] | None, cues: bytes | None = None) -> str:
    """Hash of a file's bytes, manifest entry, pipeline version and cue files: what decides re-analysis.

    ``cues`` is :func:`cue_files_digest`, computed once by callers that key many files.
    """
    digest = hashlib.sha256(PIPELINE_VERSION.encode("utf-8") + b"\0" + (cues or cue_files_digest()))
    digest.update(json.dumps(entry or {}, sort_keys=True, default=str).encode("utf-8") + b"\0")
    try:
        digest.update(path.read_bytes())
    except OSError as exc:
        digest.update(f"unreadable: {exc}".encode())
    return digest.hexdigest()


def file_batches(documents: list, size: int | None) -> Iterator[list]:
    """Consecutive batches of about ``size`` documents that never split one file's documents."""
    batch: list = []
    for document in documents:
        if size and len(batch) >= size and batch[-1].path != document.path:
            yield batch
            batch = []
        batch.append(document)
    if batch:
        yield batch


# ---------------------------------------------------------------- shared read connections

# One read-only connection per store file and process, reused by queries that follow each
# other (a page render) and closed after READER_IDLE_S, so writers in other processes get in.
READER_IDLE_S = 2.0
_READERS: dict[str, list] = {}
_PATH_LOCKS: dict[str, threading.RLock] = {}
_READERS_LOCK = threading.Lock()


def _file_stamp(path: str) -> tuple:
    stamps = []
    for name in (path, path + ".wal"):
        try:
            stat = Path(name).stat()
            stamps.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def _close_reader(path: str) -> None:
    cached = _READERS.pop(path, None)
    if cached is not None:
        if cached[2] is not None:
            cached[2].cancel()
        cached[0].close()



@atexit.register
def _close_all_readers() -> None:
    for path in list(_READERS):
        _close_reader(path)


def _close_idle_reader(path: str, connection: duckdb.DuckDBPyConnection) -> None:
    with _READERS_LOCK:
        path_lock = _PATH_LOCKS.setdefault(path, threading.RLock())
    with path_lock:
        cached = _READERS.get(path)
        if cached is not None and cached[0] is connection:
            _close_reader(path)


# ---------------------------------------------------------------- the store

class Store:
    """Analysis results in a DuckDB file (or ``":memory:"``), with filtered queries."""

    def __init__(self, path: Path | str = DEFAULT_STORE_PATH):
        self.path = str(path)
        self._memory = self.path == ":memory:"
        self._thread_lock = threading.RLock()
        if self._memory:
            self._con = duckdb.connect(":memory:")
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._lock_path = self.path + ".lock"
        with self._connect(write=True) as con:
            con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)")
            found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if found is None or found[0] != SCHEMA_VERSION:
                for table in SCHEMA:
                    con.execute(f"DROP TABLE IF EXISTS {table}")
                con.execute("DELETE FROM meta")
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
            for statement in _ddl():
                con.execute(statement)

    # -- connections

    @contextmanager
    def _connect(self, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._memory:
            with self._thread_lock:
                yield self._con
            return
        with _READERS_LOCK:
            path_lock = _PATH_LOCKS.setdefault(self.path, threading.RLock())
        with path_lock:
            if not write:
                yield self._reader()
                return
            _close_reader(self.path)
            with open(self._lock_path, "a+") as lock_file:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
                try:
                    con = self._open(read_only=False)
                    try:
                        yield con
                    finally:
                        con.close()
                finally:
                    fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _reader(self) -> duckdb.DuckDBPyConnection:
        """This process's read-only connection to the file, reopened when the file changed, closed when idle."""
        stamp = _file_stamp(self.path)
        cached = _READERS.get(self.path)
        if cached is not None and cached[1] != stamp:
            _close_reader(self.path)
            cached = None
        if cached is None:
            cached = [self._open(read_only=True), stamp, None]
            _READERS[self.path] = cached
        if cached[2] is not None:
            cached[2].cancel()
        cached[2] = threading.Timer(READER_IDLE_S, _close_idle_reader, args=(self.path, cached[0]))
        cached[2].daemon = True
        cached[2].start()
        return cached[0]

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        """Open the file, retrying while a process that ignores our lock file holds DuckDB's own lock."""
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        delay = 0.05
        while True:
            try:
                return duckdb.connect(self.path, read_only=read_only and Path(self.path).exists())
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def _query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with self._connect(write=False) as con:
            return con.execute(sql, params or []).df()

    # -- writing

    def ingest(self, report: dict[str, Any], replace_paths: Iterable[str] = (),
               files: Iterable[tuple[str, str]] = ()) -> int:
        """Store a report's documents and errors; return the number of documents written.

        Documents already stored under the same id or path are replaced (one transaction).
        ``files`` records (path, file key) pairs as analysed; ``replace_paths`` are also cleared.
        """
        records = [r for r in report.get("documents") or [] if isinstance(r, dict)]
        rows: dict[str, list] = {table: [] for table in DOCUMENT_TABLES}
        ordinals: dict[str, int] = {}
        for record in records:
            path = record.get("path") or ""
            ordinals[path] = ordinals.get(path, -1) + 1
            for table, table_rows in record_rows(record, ordinals[path]).items():
                rows[table].extend(table_rows)
        paths = sorted({*(r.get("path") for r in records if r.get("path")), *replace_paths})
        ids = sorted({r.get("id") for r in records if r.get("id")})
        files = list(files)
        error_rows = [{"path": str(e.get("path")), "error": str(e.get("error"))}
                      for e in report.get("errors") or [] if isinstance(e, dict)]
        now = dt.datetime.now()
        with self._connect(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                stale = pa.table({"path": pa.array(paths, pa.string())})
                stale_ids = pa.table({"id": pa.array(ids, pa.string())})
                con.register("stale_paths", stale)
                con.register("stale_ids", stale_ids)
                con.execute("CREATE OR REPLACE TEMP TABLE stale_keys AS SELECT doc_key FROM documents "
                            "WHERE path IN (SELECT path FROM stale_paths) OR id IN (SELECT id FROM stale_ids)")
                for table in DOCUMENT_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE doc_key IN (SELECT doc_key FROM stale_keys)")
                con.register("new_errors", _arrow("errors", error_rows))
                con.execute("DELETE FROM errors WHERE path IN (SELECT path FROM stale_paths) "
                            "OR path IN (SELECT path FROM new_errors)")
                con.execute("INSERT INTO errors SELECT * FROM new_errors")
                if files:
                    con.register("new_files", _arrow("files", [
                        {"path": p, "file_key": k, "pipeline_version": PIPELINE_VERSION, "analysed_at": now}
                        for p, k in files]))
                    con.execute("DELETE FROM files WHERE path IN (SELECT path FROM new_files)")
                    con.execute("INSERT INTO files SELECT * FROM new_files")
                for table in DOCUMENT_TABLES:
                    if rows[table]:
                        con.register(f"new_{table}", _arrow(table, rows[table]))
                        con.execute(f"INSERT INTO {table} SELECT * FROM new_{table}")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(records)

    def ingest_parquet(self, folder: Path | str) -> int:
        """Ingest the Parquet files the Dask engine wrote (columns ``record`` and ``errors``, JSON text)."""
        table = pa.concat_tables([_read_parquet(p) for p in sorted(Path(folder).glob("*.parquet"))]) \
            if any(Path(folder).glob("*.parquet")) else None
        if table is None:
            return 0
        return self.ingest(report_from_parquet_table(table))

    def known_files(self) -> dict[str, str]:
        """{path: file key} of the files analysed with the current pipeline version."""
        frame = self._query("SELECT path, file_key FROM files WHERE pipeline_version = ?", [PIPELINE_VERSION])
        return dict(zip(frame["path"], frame["file_key"]))

    def analyse(self, paths: Iterable[Path | str], resources: Resources | None = None,
                manifest: Path | None = None, progress: Callable[[Iterable], Iterable] | None = None,
                analyser: Analyser | None = None, batch_documents: int | None = DEFAULT_BATCH_DOCUMENTS,
                return_report: bool = True) -> dict[str, Any]:
        """Analyse only new or changed files under ``paths`` into the store; return their report.

        With ``return_report=False`` only counts are returned (``{"files", "changed", "errors"}``),
        which keeps memory flat for very large corpora.

        ``analyser(documents, progress)`` defaults to the local pipeline with ``resources``;
        the Dask engine passes its own. Documents are analysed and stored in batches of whole
        files (about ``batch_documents``, None for one batch), so memory stays bounded and an
        interrupted run keeps what it finished. Files deleted from an analysed folder are removed.
        """
        paths = [Path(p) for p in paths]
        manifest = manifest or default_manifest(paths)
        entries, manifest_errors = load_manifest(manifest) if manifest else ({}, [])
        files = collect_files(paths)
        cues = cue_files_digest()
        keys = {str(f): file_key(f, entries.get(f.name), cues) for f in files}
        known = self.known_files()
        changed = [f for f in files if known.get(str(f)) != keys[str(f)]]
        errors = list(manifest_errors)
        stored: set[str] = set()
        if changed:
            if analyser is None:
                if resources is None:
                    raise ValueError("Store.analyse needs resources (or an analyser) when files changed")

                def analyser(documents, progress_):
                    return analyse_documents(documents, resources, progress=progress_)
            corpus = load_corpus(changed, manifest=manifest)
            errors += [e for e in corpus.errors if e not in manifest_errors]
            ticks = iter(progress(itertools.repeat(None, len(corpus.documents)))) if progress else None

            def step(iterable: Iterable) -> Iterator:
                for item in iterable:
                    if ticks is not None:
                        next(ticks, None)
                    yield item
            for batch in file_batches(corpus.documents, batch_documents):
                batch_paths = sorted({d.path for d in batch})
                self.ingest({"documents": analyser(batch, step)}, replace_paths=batch_paths,
                            files=[(p, keys[p]) for p in batch_paths if p in keys])
                stored.update(batch_paths)
            if ticks is not None:
                for _ in ticks:
                    pass
        rest = [str(f) for f in changed if str(f) not in stored]
        self.ingest({"documents": [], "errors": errors}, replace_paths=rest + ([str(manifest)] if manifest else []),
                    files=[(p, keys[p]) for p in rest])
        self._forget_missing(paths, {str(f) for f in files})
        if not return_report:
            return {"files": len(files), "changed": len(changed), "errors": errors}
        return self.report(paths=[str(f) for f in files])

    def _forget_missing(self, paths: list[Path], present: set[str]) -> None:
        folders = [str(p) for p in paths if p.is_dir()]
        if not folders:
            return
        stored = self._query("SELECT DISTINCT path FROM files UNION SELECT DISTINCT path FROM documents")
        gone = [p for p in stored["path"] if p not in present and any(str(Path(p).parent) == f for f in folders)]
        if not gone:
            return
        with self._connect(write=True) as con:
            con.register("gone", pa.table({"path": pa.array(gone, pa.string())}))
            con.execute("CREATE OR REPLACE TEMP TABLE gone_keys AS "
                        "SELECT doc_key FROM documents WHERE path IN (SELECT path FROM gone)")
            for table in DOCUMENT_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_key IN (SELECT doc_key FROM gone_keys)")
            con.execute("DELETE FROM files WHERE path IN (SELECT path FROM gone)")
            con.execute("DELETE FROM errors WHERE path IN (SELECT path FROM gone)")

    # -- reading

    def report(self, paths: Iterable[str] | None = None) -> dict[str, Any]:
        """Rebuild the command-line JSON report from the stored documents (optionally only some files)."""
        where, params = "WHERE pipeline_version = ?", [PIPELINE_VERSION]
        with self._connect(write=False) as con:
            if paths is not None:
                con.register("wanted", pa.table({"path": pa.array(list(paths), pa.string())}))
                where += " AND path IN (SELECT path FROM wanted)"
                error_where = "WHERE path IN (SELECT path FROM wanted) OR path NOT IN (SELECT path FROM files)"
            else:
                error_where = ""
            documents = con.execute(f"SELECT record FROM documents {where} ORDER BY path, ordinal", params).fetchall()
            errors = con.execute(f"SELECT path, error FROM errors {error_where} ORDER BY path").fetchall()
        records = [json.loads(r[0]) for r in documents]
        return assemble_report(records, [{"path": p, "error": e} for p, e in errors])

    def outlets(self) -> pd.DataFrame:
        """One row per outlet: documents, first and last publication dates."""
        return self._query(
            "SELECT coalesce(outlet, 'unknown') AS outlet, count(*) AS documents, min(published) AS first_published, "
            "max(published) AS last_published FROM documents WHERE pipeline_version = ? "
            "GROUP BY ALL ORDER BY outlet", [PIPELINE_VERSION])

    def documents(self, filters: Filters | None = None) -> pd.DataFrame:
        """Document metadata and counts, filtered."""
        where, params = _document_where(filters or Filters())
        return self._query(
            "SELECT d.id, d.path, d.outlet, d.title, d.published, d.url, d.kind, d.language, d.duplicate_of, "
            "d.cited_by, d.severity_score, d.severity_level, d.n_claims AS claims, d.n_places AS places, "
            "d.n_comments AS comments, d.content_hash "
            f"FROM documents d WHERE {where} ORDER BY d.path, d.ordinal", params)

    def claims(self, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
        """Claims (body, plus reader comments when included) with their document's outlet and date.

        ``limit`` keeps the first rows in corpus order (for tables that show a page of rows).
        """
        where, params = _claim_where(filters or Filters())
        return self._query(
            "SELECT d.id AS document, d.outlet, d.published, c.source, c.claim_index, c.sentence, c.sentence_index, "
            "c.start, c.\"end\", c.level, c.score, c.speaker, c.speaker_type, c.certainty, c.stance, c.voice, "
            "c.places, c.cues, c.targets FROM claims c JOIN documents d USING (doc_key) "
            f"WHERE {where} ORDER BY d.path, d.ordinal, c.source, c.claim_index{_limit(limit)}", params)

    def sided_claims(self) -> pd.DataFrame:
        """The body claims that can contradict another, in the columns of :meth:`claims`, in corpus order.

        A contradiction's gap only depends on the most alarming and the most reassuring claim of
        each (stance, speaker, outlet, target), so only those claims (first in corpus order on a tie) are read.
        """
        where, params = _claim_where(Filters())
        return self._query(f"""
            WITH sided AS (
                SELECT c.doc_key, c.claim_index, d.path, d.ordinal, c.stance, c.speaker, d.outlet,
                       CASE WHEN c.stance = 'alarming' THEN c.level ELSE -c.level END AS rank,
                       unnest(json_extract_string(c.targets, '$[*]')) AS target
                FROM claims c JOIN documents d USING (doc_key)
                WHERE {where} AND c.stance IN ('alarming', 'reassuring') AND c.level IS NOT NULL
            ), kept AS (
                SELECT DISTINCT doc_key, claim_index FROM sided WHERE target IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY stance, speaker, outlet, lower(target)
                                           ORDER BY rank DESC, path, ordinal, claim_index) = 1
            )
            SELECT d.id AS document, d.outlet, d.published, c.source, c.claim_index, c.sentence, c.sentence_index,
                   c.start, c."end", c.level, c.score, c.speaker, c.speaker_type, c.certainty, c.stance, c.voice,
                   c.places, c.cues, c.targets
            FROM claims c JOIN kept USING (doc_key, claim_index) JOIN documents d USING (doc_key)
            WHERE c.source = 'body' ORDER BY d.path, d.ordinal, c.source, c.claim_index""", params)

    def places(self, filters: Filters | None = None) -> pd.DataFrame:
        """One row per place across the filtered documents, with the highest claim level about it."""
        filters = filters or Filters()
        doc_where, doc_params = _document_where(filters, claim_constraints=False)
        claim_where, claim_params = _claim_where(filters, place=False)
        place_where, place_params = ("TRUE", []) if not filters.place else _place_match("p.name", filters.place)
        needs_claim = "TRUE" if not (filters.min_level or filters.speaker_types) else "lv.max_level IS NOT NULL"
        sql = f"""
            WITH lv AS (
                SELECT cp.doc_key, lower(cp.place) AS place, max(c.level) AS max_level
                FROM claim_places cp JOIN claims c USING (doc_key, source, claim_index)
                JOIN documents d USING (doc_key)
                WHERE {claim_where} GROUP BY ALL
            ), p AS (
                SELECT p.*, d.outlet, lv.max_level,
                       coalesce(CAST(p.geonameid AS VARCHAR), lower(p.name)) AS place_key
                FROM places p JOIN documents d USING (doc_key)
                LEFT JOIN lv ON lv.doc_key = p.doc_key AND lv.place = lower(p.name)
                WHERE {doc_where} AND {place_where} AND {needs_claim}
            )
            SELECT arg_max(name, mentions) AS name, arg_max(lat, confidence) AS lat, arg_max(lon, confidence) AS lon,
                   arg_max(country, confidence) AS country, arg_max(feature, confidence) AS feature,
                   max(confidence) AS confidence, CAST(sum(coalesce(mentions, 0)) AS INTEGER) AS mentions,
                   max(max_level) AS max_level, list(DISTINCT outlet ORDER BY outlet) AS outlets,
                   count(DISTINCT doc_key) AS documents, arg_max(alternatives, confidence) AS alternatives,
                   any_value(geonameid) AS geonameid
            FROM p GROUP BY place_key ORDER BY mentions DESC, name
        """
        return self._query(sql, claim_params + doc_params + place_params)

    def mentions(self, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
        """Place mention spans with their sentence text (``limit``: first rows only).

        With a minimum level or speaker types, only mentions of places named by a matching claim stay.
        """
        filters = filters or Filters()
        where, params = _document_where(filters, claim_constraints=False)
        place_where, place_params = ("TRUE", []) if not filters.place else _place_match("m.place", filters.place)
        if filters.min_level or filters.speaker_types:
            claim_where, claim_params = _claim_only_where(filters, place=False)
            place_where += (" AND EXISTS (SELECT 1 FROM claim_places cp JOIN claims c USING (doc_key, source, claim_index) "
                            f"WHERE cp.doc_key = m.doc_key AND lower(cp.place) = lower(m.place) AND {claim_where})")
            place_params = place_params + claim_params
        return self._query(
            "SELECT d.id AS document, d.outlet, d.published, m.place, m.geonameid, m.sentence_index, m.start, "
            "m.\"end\", m.text, coalesce(m.sentence, s.text) AS sentence FROM mentions m JOIN documents d USING (doc_key) "
            "LEFT JOIN sentences s ON s.doc_key = m.doc_key AND s.sentence_index = m.sentence_index "
            f"WHERE {where} AND {place_where} ORDER BY d.path, d.ordinal, m.start{_limit(limit)}",
            params + place_params)

    def frames(self, filters: Filters | None = None) -> pd.DataFrame:
        """Frame shares per document, filtered."""
        where, params = _document_where(filters or Filters())
        return self._query(
            "SELECT d.id AS document, d.outlet, d.published, f.frame, f.share FROM frames f "
            f"JOIN documents d USING (doc_key) WHERE {where} ORDER BY d.path, d.ordinal, f.frame", params)

    def frame_sentences(self, filters: Filters | None = None, frame: str | None = None) -> pd.DataFrame:
        """The sentences that carry each frame, with the cues that evidence it, filtered."""
        where, params = _document_where(filters or Filters())
        frame_where, frame_params = ("TRUE", []) if frame is None else ("fs.frame = ?", [frame])
        return self._query(
            "SELECT d.id AS document, d.outlet, d.published, fs.frame, fs.sentence_index, s.text AS sentence, "
            "fs.evidence FROM frame_sentences fs JOIN documents d USING (doc_key) "
            "LEFT JOIN sentences s ON s.doc_key = fs.doc_key AND s.sentence_index = fs.sentence_index "
            f"WHERE {where} AND {frame_where} ORDER BY d.path, d.ordinal, fs.sentence_index, fs.frame",
            params + frame_params)

    def record(self, document: str) -> dict[str, Any] | None:
        """The full analysed record of one document (text, spans, comments, warnings), None if absent."""
        frame = self._query("SELECT record FROM documents WHERE id = ? AND pipeline_version = ? LIMIT 1",
                            [document, PIPELINE_VERSION])
        return json.loads(frame["record"].iloc[0]) if len(frame) else None

    def errors(self) -> list[dict[str, str]]:
        """The files that could not be read, with their problem."""
        frame = self._query("SELECT path, error FROM errors ORDER BY path")
        return frame.to_dict("records")

    def document_warnings(self, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
        """The warnings list (JSON text) of each filtered document, in corpus order."""
        where, params = _document_where(filters or Filters())
        return self._query(
            "SELECT id, CAST(json_extract(record, '$.warnings') AS VARCHAR) AS warnings FROM ("
            f"SELECT d.id, d.record, d.path, d.ordinal FROM documents d WHERE {where} "
            f"ORDER BY d.path, d.ordinal{_limit(limit)}) ORDER BY path, ordinal", params)

    def frame_counts(self, filters: Filters | None = None) -> pd.DataFrame:
        """Sentences carrying each frame, per outlet, over the filtered documents."""
        where, params = _document_where(filters or Filters())
        return self._query(
            "SELECT coalesce(d.outlet, 'unknown') AS outlet, fs.frame, count(*) AS sentences "
            f"FROM frame_sentences fs JOIN documents d USING (doc_key) WHERE {where} GROUP BY ALL ORDER BY ALL",
            params)

    def place_evidence(self, filters: Filters | None = None, per_place: int = 5) -> pd.DataFrame:
        """Up to ``per_place`` distinct sentences mentioning each place, keyed like :meth:`places`."""
        filters = filters or Filters()
        where, params = _document_where(filters, claim_constraints=False)
        sql = f"""
            WITH m AS (
                SELECT coalesce(CAST(m.geonameid AS VARCHAR), lower(m.place)) AS place_key,
                       coalesce(d.outlet, 'unknown') AS outlet, coalesce(m.sentence, s.text) AS sentence,
                       min(d.path) AS path, min(d.ordinal) AS ordinal, min(m.start) AS start
                FROM mentions m JOIN documents d USING (doc_key)
                LEFT JOIN sentences s ON s.doc_key = m.doc_key AND s.sentence_index = m.sentence_index
                WHERE {where} GROUP BY ALL
            )
            SELECT place_key, outlet, sentence FROM m WHERE sentence IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY place_key ORDER BY path, ordinal, start) <= ?
            ORDER BY place_key, path, ordinal, start
        """
        return self._query(sql, params + [per_place])

    def framing_records(self, outlets: Iterable[str] = ()) -> list[dict[str, Any]]:
        """One record per outlet with its documents' framing counts and claim speaker types summed in SQL.

        Passing these to ``framing.compare_outlets`` gives the same divergence, distinctive words
        and frames and labels as the full records would; ``documents`` counts the outlet's documents.
        Speaker types keep the order in which they first appear in the outlet's documents.
        """
        where, params = _document_where(Filters(outlets=tuple(outlets)))
        chosen = ("WITH chosen AS (SELECT d.doc_key, coalesce(d.outlet, 'unknown') AS outlet, d.path, d.ordinal "
                  f"FROM documents d WHERE {where}) ")
        with self._connect(write=False) as con:
            totals = con.execute(
                chosen + "SELECT outlet, count(*) AS documents, count(t.doc_key) AS framed, "
                "sum(t.n_sentences), sum(t.hedged_sentences), sum(t.tone_sum), sum(t.negative_sentences) "
                "FROM chosen LEFT JOIN framing_totals t USING (doc_key) GROUP BY outlet ORDER BY outlet",
                params).fetchall()
            counts = con.execute(
                chosen + "SELECT outlet, kind, item, sum(count) FROM framing_counts JOIN chosen USING (doc_key) "
                "GROUP BY ALL ORDER BY outlet, kind, item", params).fetchall()
            speakers = con.execute(
                chosen + "SELECT outlet, speaker, count(*), min(position) AS first FROM ("
                "SELECT outlet, coalesce(nullif(c.speaker_type, ''), 'unknown') AS speaker, "
                "row_number() OVER (ORDER BY path, ordinal, claim_index) AS position "
                "FROM claims c JOIN chosen USING (doc_key) WHERE c.source = 'body') "
                "GROUP BY ALL ORDER BY outlet, first", params).fetchall()
        records: dict[str, dict[str, Any]] = {}
        for outlet, documents, framed, n_sentences, hedged, tone_sum, negative in totals:
            framing = {kind: {} for kind in FRAMING_COUNT_KINDS} if framed else {}
            if framed:
                framing.update(n_sentences=int(n_sentences), hedged_sentences=int(hedged),
                               tone={"sum": float(tone_sum), "negative_sentences": int(negative)})
            records[outlet] = {"outlet": outlet, "documents": documents, "framing": framing, "claims": []}
        for outlet, kind, item, count in counts:
            records[outlet]["framing"][kind][item] = int(count)
        for outlet, speaker, count, _first in speakers:
            records[outlet]["claims"].extend([{"speaker_type": speaker}] * count)
        return list(records.values())

    def snapshot(self) -> Store:
        """An in-memory copy of everything stored, to add session-only documents to without writing the file."""
        copy = Store(":memory:")
        with self._connect(write=False) as source:
            tables = {table: source.sql(f"SELECT * FROM {table}").to_arrow_table() for table in SCHEMA}
        with copy._connect(write=True) as con:
            for table, rows in tables.items():
                con.register("copied", rows)
                con.execute(f"INSERT INTO {table} SELECT * FROM copied")
                con.unregister("copied")
        return copy

    def sentences(self, document: str) -> pd.DataFrame:
        """The stored sentences of one document."""
        return self._query(
            "SELECT s.sentence_index, s.start, s.\"end\", s.text FROM sentences s JOIN documents d USING (doc_key) "
            "WHERE d.id = ? AND d.pipeline_version = ? ORDER BY s.sentence_index", [document, PIPELINE_VERSION])


# ---------------------------------------------------------------- filters -> SQL

def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit is not None else ""


def _place_match(column: str, place: str) -> tuple[str, list[Any]]:
    return f"lower({column}) = lower(?)", [place]


def _in(column: str, values: Iterable[Any]) -> tuple[str, list[Any]]:
    values = list(values)
    return f"{column} IN ({', '.join('?' for _ in values)})", values


def _document_where(filters: Filters, claim_constraints: bool = True) -> tuple[str, list[Any]]:
    """WHERE clause on documents ``d``; documents without a date drop out once a date bound is set."""
    clauses, params = ["d.pipeline_version = ?"], [PIPELINE_VERSION]
    if filters.outlets:
        clause, values = _in("coalesce(d.outlet, 'unknown')", filters.outlets)
        clauses.append(clause)
        params += values
    if filters.date_from:
        clauses.append("d.published >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("d.published <= ?")
        params.append(filters.date_to)
    if filters.document:
        clauses.append("d.id = ?")
        params.append(filters.document)
    if filters.place:
        clauses.append("d.doc_key IN (SELECT doc_key FROM places WHERE lower(name) = lower(?))")
        params.append(filters.place)
    if claim_constraints and (filters.min_level or filters.speaker_types):
        claim_where, claim_params = _claim_only_where(filters)
        clauses.append(f"d.doc_key IN (SELECT doc_key FROM claims c WHERE {claim_where})")
        params += claim_params
    return " AND ".join(clauses), params


def _claim_only_where(filters: Filters, place: bool = True) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if not filters.include_comments:
        clauses.append("c.source = 'body'")
    if filters.min_level:
        clauses.append("c.level >= ?")
        params.append(filters.min_level)
    if filters.speaker_types:
        clause, values = _in("c.speaker_type", filters.speaker_types)
        clauses.append(clause)
        params += values
    if place and filters.place:
        clauses.append("EXISTS (SELECT 1 FROM claim_places cp WHERE cp.doc_key = c.doc_key AND cp.source = c.source "
                       "AND cp.claim_index = c.claim_index AND lower(cp.place) = lower(?))")
        params.append(filters.place)
    return " AND ".join(clauses) or "TRUE", params


def _claim_where(filters: Filters, place: bool = True) -> tuple[str, list[Any]]:
    """WHERE clause on claims ``c`` joined to documents ``d``."""
    doc_where, doc_params = _document_where(
        Filters(outlets=filters.outlets, date_from=filters.date_from, date_to=filters.date_to,
                document=filters.document), claim_constraints=False)
    claim_where, claim_params = _claim_only_where(filters, place=place)
    return f"{doc_where} AND {claim_where}", doc_params + claim_params


# ---------------------------------------------------------------- Parquet exchange

PARQUET_SCHEMA = pa.schema([("id", pa.string()), ("record", pa.string())])


def records_to_parquet_table(records: list[dict[str, Any]]) -> pa.Table:
    """Analysed records as a Parquet-ready table: one row per document, the record as JSON."""
    return pa.Table.from_pylist(
        [{"id": r.get("id"), "record": json.dumps(r, ensure_ascii=False)} for r in records], schema=PARQUET_SCHEMA)


def _read_parquet(path: Path) -> pa.Table:
    import pyarrow.parquet as pq

    return pq.read_table(path, schema=PARQUET_SCHEMA)


def report_from_parquet_table(table: pa.Table) -> dict[str, Any]:
    """The report held in a Parquet table written by :func:`records_to_parquet_table`."""
    return {"documents": [json.loads(r) for r in table.column("record").to_pylist()], "errors": []}
