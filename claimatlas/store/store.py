"""The DuckDB store of analysis results: it stores typed records and answers filtered queries.

Tables (see :mod:`claimatlas.store.schema`): ``files`` (what was analysed, by file key),
``documents``, ``sentences``, ``places``, ``mentions``, ``claims`` (+ ``claim_places``),
``frames``, framing counts and ``errors``; the story tables are read and written by
:class:`claimatlas.store.stories.StoryTables`. Queries take :class:`Filters` and push them into SQL
through the filter table. The store never reads files or runs the analysis: :mod:`claimatlas.build`
does, and hands it records. Only core SQL is used (no INSTALL).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import pandas as pd
import pyarrow as pa

from claimatlas.model import (
    Claim,
    DocumentRecord,
    FileError,
    OutletFraming,
    SourcedClaim,
    from_json,
)
from claimatlas.store.connection import Database
from claimatlas.store.filters import (
    OUTLET_SQL,
    Filters,
    claim_only_where,
    claim_where,
    document_where,
    has_claim_constraints,
)
from claimatlas.store.schema import DOCUMENT_TABLES, SCHEMA, arrow_table, record_rows
from claimatlas.store.stories import StoryTables

CLAIM_COLUMNS = ("d.id AS document, d.outlet, d.published, c.source, c.claim_index, c.sentence, c.sentence_index, "
                 "c.start, c.\"end\", c.level, c.score, c.speaker, c.speaker_type, c.certainty, c.stance, c.voice, "
                 "c.places, c.cues, c.targets, c.comment")


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit is not None else ""


def claim_of_row(row: dict[str, Any]) -> Claim:
    """The typed claim of one row of :meth:`Store.claims`."""
    return from_json(Claim, {
        **{k: row[k] for k in ("sentence", "sentence_index", "start", "end", "level", "speaker", "speaker_type",
                               "certainty", "stance", "voice", "document")},
        "score": int(row["score"]), "places": json.loads(row["places"]), "targets": json.loads(row["targets"]),
        "cues": json.loads(row["cues"]), "comment": None if pd.isna(row["comment"]) else int(row["comment"])})


class Store(StoryTables, Database):
    """Analysis results of one pipeline version in a DuckDB file (or ``":memory:"``), with filtered queries."""

    def __init__(self, path: str, pipeline_version: str):
        super().__init__(path)
        self.pipeline_version = pipeline_version

    # -- writing

    def ingest(self, records: list[DocumentRecord], errors: Iterable[FileError] = (),
               replace_paths: Iterable[str] = (), files: Iterable[tuple[str, str]] = ()) -> int:
        """Store records and errors; return the number of documents written.

        Documents already stored under the same id or path are replaced (one transaction).
        ``files`` records (path, file key) pairs as analysed; ``replace_paths`` are also cleared.
        """
        rows: dict[str, list] = {table: [] for table in DOCUMENT_TABLES}
        ordinals: dict[str, int] = {}
        for record in records:
            ordinals[record.path] = ordinals.get(record.path, -1) + 1
            for table, table_rows in record_rows(record, self.pipeline_version, ordinals[record.path]).items():
                rows[table].extend(table_rows)
        paths = sorted({*(r.path for r in records), *replace_paths})
        ids = sorted({r.id for r in records})
        error_rows = [{"path": e.path, "error": e.error} for e in errors]
        file_rows = [{"path": p, "file_key": k, "pipeline_version": self.pipeline_version,
                      "analysed_at": dt.datetime.now()} for p, k in files]
        with self._connect(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                con.register("stale_paths", pa.table({"path": pa.array(paths, pa.string())}))
                con.register("stale_ids", pa.table({"id": pa.array(ids, pa.string())}))
                con.execute("CREATE OR REPLACE TEMP TABLE stale_keys AS SELECT doc_key FROM documents "
                            "WHERE path IN (SELECT path FROM stale_paths) OR id IN (SELECT id FROM stale_ids)")
                for table in DOCUMENT_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE doc_key IN (SELECT doc_key FROM stale_keys)")
                con.register("new_errors", arrow_table("errors", error_rows))
                con.execute("DELETE FROM errors WHERE path IN (SELECT path FROM stale_paths) "
                            "OR path IN (SELECT path FROM new_errors)")
                con.execute("INSERT INTO errors SELECT * FROM new_errors")
                if file_rows:
                    con.register("new_files", arrow_table("files", file_rows))
                    con.execute("DELETE FROM files WHERE path IN (SELECT path FROM new_files)")
                    con.execute("INSERT INTO files SELECT * FROM new_files")
                for table in DOCUMENT_TABLES:
                    if rows[table]:
                        con.register(f"new_{table}", arrow_table(table, rows[table]))
                        con.execute(f"INSERT INTO {table} SELECT * FROM new_{table}")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(records)

    def forget(self, paths: list[str]) -> None:
        """Remove everything stored for these file paths (documents, file keys, errors)."""
        if not paths:
            return
        with self._connect(write=True) as con:
            con.register("gone", pa.table({"path": pa.array(paths, pa.string())}))
            con.execute("CREATE OR REPLACE TEMP TABLE gone_keys AS "
                        "SELECT doc_key FROM documents WHERE path IN (SELECT path FROM gone)")
            for table in DOCUMENT_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_key IN (SELECT doc_key FROM gone_keys)")
            con.execute("DELETE FROM files WHERE path IN (SELECT path FROM gone)")
            con.execute("DELETE FROM errors WHERE path IN (SELECT path FROM gone)")

    # -- reading

    def known_files(self) -> dict[str, str]:
        """{path: file key} of the files analysed with this pipeline version."""
        frame = self._query("SELECT path, file_key FROM files WHERE pipeline_version = ?", [self.pipeline_version])
        return dict(zip(frame["path"], frame["file_key"]))

    def stored_paths(self) -> list[str]:
        """Every file path the store holds anything for."""
        return list(self._query("SELECT DISTINCT path FROM files UNION SELECT DISTINCT path FROM documents")["path"])

    def records(self, paths: Iterable[str] | None = None) -> tuple[list[DocumentRecord], list[FileError]]:
        """The stored records in corpus order and the errors (optionally only of some files)."""
        where, params = "WHERE pipeline_version = ?", [self.pipeline_version]
        with self._connect(write=False) as con:
            if paths is not None:
                con.register("wanted", pa.table({"path": pa.array(list(paths), pa.string())}))
                where += " AND path IN (SELECT path FROM wanted)"
                error_where = "WHERE path IN (SELECT path FROM wanted) OR path NOT IN (SELECT path FROM files)"
            else:
                error_where = ""
            documents = con.execute(f"SELECT record FROM documents {where} ORDER BY path, ordinal", params).fetchall()
            errors = con.execute(f"SELECT path, error FROM errors {error_where} ORDER BY path").fetchall()
        return ([from_json(DocumentRecord, json.loads(r[0])) for r in documents],
                [FileError(p, e) for p, e in errors])

    def sourced_claims(self, filters: Filters | None = None, sided: bool = False) -> list[SourcedClaim]:
        """Claims with their document's outlet and date, in corpus order: the filtered claims, or
        (``sided``) those that can contradict another."""
        frame = self.sided_claims() if sided else self.claims(filters)
        return [SourcedClaim(None if pd.isna(row["outlet"]) else row["outlet"],
                             None if pd.isna(row["published"]) else pd.Timestamp(row["published"]).date().isoformat(),
                             claim_of_row(row)) for row in frame.to_dict("records")]

    def outlets(self) -> pd.DataFrame:
        """One row per outlet: documents, first and last publication dates."""
        return self._query(
            f"SELECT {OUTLET_SQL} AS outlet, count(*) AS documents, min(published) AS first_published, "
            "max(published) AS last_published FROM documents d WHERE pipeline_version = ? "
            "GROUP BY ALL ORDER BY outlet", [self.pipeline_version])

    def languages(self) -> list[str]:
        """The languages of the stored documents (ISO codes, English when unknown), most documents first."""
        frame = self._query("SELECT coalesce(language, 'en') AS language, count(*) AS n FROM documents "
                            "WHERE pipeline_version = ? GROUP BY ALL ORDER BY n DESC, language", [self.pipeline_version])
        return list(frame["language"])

    def documents(self, filters: Filters | None = None) -> pd.DataFrame:
        """Document metadata and counts, filtered."""
        where, params = document_where(filters or Filters(), self.pipeline_version)
        return self._query(
            "SELECT d.id, d.path, d.outlet, d.title, d.published, d.url, d.kind, d.language, d.duplicate_of, "
            "d.cited_by, d.severity_score, d.severity_level, d.n_claims AS claims, d.n_places AS places, "
            "d.n_comments AS comments, d.content_hash, sd.story "
            f"FROM documents d LEFT JOIN story_documents sd ON sd.id = d.id WHERE {where} "
            "ORDER BY d.path, d.ordinal", params)

    def claims(self, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
        """Claims (body, plus reader comments when included) with their document's outlet and date.

        ``limit`` keeps the first rows in corpus order (for tables that show a page of rows).
        """
        where, params = claim_where(filters or Filters(), self.pipeline_version)
        return self._query(
            f"SELECT {CLAIM_COLUMNS} FROM claims c JOIN documents d USING (doc_key) "
            f"WHERE {where} ORDER BY d.path, d.ordinal, c.source, c.claim_index{_limit(limit)}", params)

    def sided_claims(self) -> pd.DataFrame:
        """The body claims that can contradict another, in the columns of :meth:`claims`, in corpus order.

        A contradiction's gap only depends on the most alarming and the most reassuring claim of each
        (stance, speaker, outlet, document, target), so only those claims (first in corpus order on a tie)
        are read.
        """
        where, params = claim_where(Filters(), self.pipeline_version)
        return self._query(f"""
            WITH sided AS (
                SELECT c.doc_key, c.claim_index, d.path, d.ordinal, c.stance, c.speaker, d.outlet,
                       CASE WHEN c.stance = 'alarming' THEN c.level ELSE -c.level END AS rank,
                       unnest(json_extract_string(c.targets, '$[*]')) AS target
                FROM claims c JOIN documents d USING (doc_key)
                WHERE {where} AND c.stance IN ('alarming', 'reassuring') AND c.level IS NOT NULL
            ), kept AS (
                SELECT DISTINCT doc_key, claim_index FROM sided WHERE target IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY stance, speaker, outlet, doc_key, lower(target)
                                           ORDER BY rank DESC, path, ordinal, claim_index) = 1
            )
            SELECT {CLAIM_COLUMNS}
            FROM claims c JOIN kept USING (doc_key, claim_index) JOIN documents d USING (doc_key)
            WHERE c.source = 'body' ORDER BY d.path, d.ordinal, c.source, c.claim_index""", params)

    def places(self, filters: Filters | None = None) -> pd.DataFrame:
        """One row per place across the filtered documents, with the highest claim level about it."""
        filters = filters or Filters()
        doc_where, doc_params = document_where(filters, self.pipeline_version, claim_constraints=False)
        claims_sql, claim_params = claim_where(filters, self.pipeline_version, place=False)
        place_where, place_params = ("TRUE", []) if not filters.place else ("lower(p.name) = lower(?)", [filters.place])
        needs_claim = "lv.max_level IS NOT NULL" if has_claim_constraints(filters) else "TRUE"
        sql = f"""
            WITH lv AS (
                SELECT cp.doc_key, lower(cp.place) AS place, max(c.level) AS max_level
                FROM claim_places cp JOIN claims c USING (doc_key, source, claim_index)
                JOIN documents d USING (doc_key)
                WHERE {claims_sql} GROUP BY ALL
            ), p AS (
                SELECT p.*, {OUTLET_SQL} AS outlet, lv.max_level,
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
        where, params = document_where(filters, self.pipeline_version, claim_constraints=False)
        place_where, place_params = ("TRUE", []) if not filters.place else ("lower(m.place) = lower(?)", [filters.place])
        if has_claim_constraints(filters):
            claim_where, claim_params = claim_only_where(filters, place=False)
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
        where, params = document_where(filters or Filters(), self.pipeline_version)
        return self._query(
            "SELECT d.id AS document, d.outlet, d.published, f.frame, f.share FROM frames f "
            f"JOIN documents d USING (doc_key) WHERE {where} ORDER BY d.path, d.ordinal, f.frame", params)

    def frame_sentences(self, filters: Filters | None = None, frame: str | None = None) -> pd.DataFrame:
        """The sentences that carry each frame, with the cues that evidence it, filtered."""
        where, params = document_where(filters or Filters(), self.pipeline_version)
        frame_where, frame_params = ("TRUE", []) if frame is None else ("fs.frame = ?", [frame])
        return self._query(
            "SELECT d.id AS document, d.outlet, d.published, fs.frame, fs.sentence_index, s.text AS sentence, "
            "fs.evidence FROM frame_sentences fs JOIN documents d USING (doc_key) "
            "LEFT JOIN sentences s ON s.doc_key = fs.doc_key AND s.sentence_index = fs.sentence_index "
            f"WHERE {where} AND {frame_where} ORDER BY d.path, d.ordinal, fs.sentence_index, fs.frame",
            params + frame_params)

    def record(self, document: str) -> DocumentRecord | None:
        """The full analysed record of one document (text, spans, comments, warnings), None if absent."""
        frame = self._query("SELECT record FROM documents WHERE id = ? AND pipeline_version = ? LIMIT 1",
                            [document, self.pipeline_version])
        if not len(frame):
            return None
        record = from_json(DocumentRecord, json.loads(frame["record"].iloc[0]))
        story_of, lineage = self.story_links([document])
        record.story, record.lineage = story_of.get(document), lineage.get(document, [])
        return record

    def errors(self) -> list[FileError]:
        """The files that could not be read, with their problem."""
        frame = self._query("SELECT path, error FROM errors ORDER BY path")
        return [FileError(path, error) for path, error in zip(frame["path"], frame["error"])]

    def document_warnings(self, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
        """The warnings list (JSON text) of each filtered document, in corpus order."""
        where, params = document_where(filters or Filters(), self.pipeline_version)
        return self._query(
            "SELECT id, CAST(json_extract(record, '$.warnings') AS VARCHAR) AS warnings, "
            "CAST(json_extract(record, '$.inferred') AS VARCHAR) AS inferred FROM ("
            f"SELECT d.id, d.record, d.path, d.ordinal FROM documents d WHERE {where} "
            f"ORDER BY d.path, d.ordinal{_limit(limit)}) ORDER BY path, ordinal", params)

    def frame_counts(self, filters: Filters | None = None) -> pd.DataFrame:
        """Sentences carrying each frame, per outlet, over the filtered documents."""
        where, params = document_where(filters or Filters(), self.pipeline_version)
        return self._query(
            f"SELECT {OUTLET_SQL} AS outlet, fs.frame, count(*) AS sentences "
            f"FROM frame_sentences fs JOIN documents d USING (doc_key) WHERE {where} GROUP BY ALL ORDER BY ALL",
            params)

    def place_evidence(self, filters: Filters | None = None, per_place: int = 5) -> pd.DataFrame:
        """Up to ``per_place`` distinct sentences mentioning each place, keyed like :meth:`places`."""
        filters = filters or Filters()
        where, params = document_where(filters, self.pipeline_version, claim_constraints=False)
        sql = f"""
            WITH m AS (
                SELECT coalesce(CAST(m.geonameid AS VARCHAR), lower(m.place)) AS place_key,
                       {OUTLET_SQL} AS outlet, coalesce(m.sentence, s.text) AS sentence,
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

    def snapshot(self) -> Store:
        """An in-memory copy of everything stored, to add session-only documents to without writing the file."""
        copy = Store(":memory:", self.pipeline_version)
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
            "WHERE d.id = ? AND d.pipeline_version = ? ORDER BY s.sentence_index", [document, self.pipeline_version])



    def framing_totals(self, filters: Filters | None = None) -> list[OutletFraming]:
        """Each outlet's framing counts and claim speaker types summed in SQL over the filtered documents.

        Speaker types are ordered by count, then by where they first appear in the outlet's documents.
        """
        where, params = document_where(filters or Filters(), self.pipeline_version)
        chosen = (f"WITH chosen AS (SELECT d.doc_key, {OUTLET_SQL} AS outlet, d.path, d.ordinal "
                  f"FROM documents d WHERE {where}) ")
        with self._connect(write=False) as con:
            totals = con.execute(
                chosen + "SELECT outlet, count(*), coalesce(sum(t.n_sentences), 0), "
                "coalesce(sum(t.hedged_sentences), 0), coalesce(sum(t.tone_sum), 0), "
                "coalesce(sum(t.negative_sentences), 0) FROM chosen LEFT JOIN framing_totals t USING (doc_key) "
                "GROUP BY outlet ORDER BY outlet", params).fetchall()
            counts = con.execute(
                chosen + "SELECT outlet, kind, item, sum(count) FROM framing_counts JOIN chosen USING (doc_key) "
                "GROUP BY ALL ORDER BY outlet, kind, item", params).fetchall()
            speakers = con.execute(
                chosen + "SELECT outlet, speaker, count(*) AS n, min(position) AS first FROM ("
                "SELECT outlet, coalesce(nullif(c.speaker_type, ''), 'unknown') AS speaker, "
                "row_number() OVER (ORDER BY path, ordinal, claim_index) AS position "
                "FROM claims c JOIN chosen USING (doc_key) WHERE c.source = 'body') "
                "GROUP BY ALL ORDER BY outlet, n DESC, first", params).fetchall()
        outlets = {
            outlet: OutletFraming(outlet=outlet, documents=documents, n_sentences=int(n_sentences),
                                  hedged_sentences=int(hedged), tone_sum=float(tone_sum),
                                  negative_sentences=int(negative), sentence_counts={}, labels={}, lemma_counts={},
                                  speaker_mix={})
            for outlet, documents, n_sentences, hedged, tone_sum, negative in totals}
        for outlet, kind, item, count in counts:
            getattr(outlets[outlet], kind)[item] = int(count)
        for outlet, speaker, count, _first in speakers:
            outlets[outlet].speaker_mix[speaker] = int(count)
        return list(outlets.values())
