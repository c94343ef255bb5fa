"""The store's story tables: stories, lineage links and the documents counted once per outlet and story.

They are corpus-wide, replaced after every build (:func:`claimatlas.build.refresh_stories`), and read by
the Stories page, the report and the "count each story once per outlet" filter. :class:`StoryTables` is
mixed into :class:`claimatlas.store.Store`.
"""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa

from claimatlas.model import Evidence, LineageLink, Story, from_json, iso_date, to_json
from claimatlas.store.filters import OUTLET_SQL, Filters, document_where
from claimatlas.store.schema import arrow_table


class StoryTables:
    """Writing and reading the story tables (needs the store's connections and pipeline version)."""

    def replace_stories(self, stories: list[Story], lineage: dict[str, list[LineageLink]], counted: set[str]) -> None:
        """Store the corpus's stories, lineage links and the documents counted once per outlet and story."""
        member_rows = [{"id": d, "story": story.id, "counted": d in counted} for story in stories for d in story.documents]
        story_rows = [{"id": story.id, "title": story.title, "first": story.first,
                       "span_start": iso_date(story.span[0]), "span_end": iso_date(story.span[1]),
                       "documents": json.dumps(story.documents, ensure_ascii=False)} for story in stories]
        link_rows = [{"document": document, "of": link.of, "relation": link.relation, "direction": link.direction,
                      "evidence": json.dumps(to_json(link.evidence), ensure_ascii=False)}
                     for document, links in lineage.items() for link in links]
        with self._connect(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                for table, rows in (("story_documents", member_rows), ("stories", story_rows), ("lineage", link_rows)):
                    con.execute(f"DELETE FROM {table}")
                    if rows:
                        con.register(f"new_{table}", arrow_table(table, rows))
                        con.execute(f"INSERT INTO {table} SELECT * FROM new_{table}")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def stories_stale(self) -> bool:
        """Whether the stored stories miss a document or name one that is gone."""
        frame = self._query(
            "SELECT (SELECT count(*) FROM documents WHERE pipeline_version = ? AND id NOT IN "
            "(SELECT id FROM story_documents)) + (SELECT count(*) FROM story_documents WHERE id NOT IN "
            "(SELECT id FROM documents WHERE pipeline_version = ?)) AS missing", [self.pipeline_version] * 2)
        return bool(frame["missing"].iloc[0])

    def stories(self, filters: Filters | None = None) -> pd.DataFrame:
        """The stories with at least one filtered document: title, first document, date span, the number
        of documents and outlets in all, and the filtered documents' outlets."""
        where, params = document_where(filters or Filters(), self.pipeline_version)
        return self._query(f"""
            WITH shown AS (
                SELECT sd.story, list(DISTINCT {OUTLET_SQL} ORDER BY {OUTLET_SQL}) AS outlets
                FROM story_documents sd JOIN documents d ON d.id = sd.id WHERE {where} GROUP BY sd.story
            ), sizes AS (
                SELECT sd.story, count(*) AS documents, count(DISTINCT {OUTLET_SQL}) AS all_outlets
                FROM story_documents sd JOIN documents d ON d.id = sd.id WHERE d.pipeline_version = ?
                GROUP BY sd.story
            )
            SELECT s.id, s.title, s.first, s.span_start, s.span_end, sizes.documents, sizes.all_outlets,
                   shown.outlets
            FROM stories s JOIN shown ON shown.story = s.id JOIN sizes ON sizes.story = s.id
            ORDER BY sizes.documents DESC, s.span_start NULLS LAST, s.title""", params + [self.pipeline_version])

    def story_documents(self, story: str) -> pd.DataFrame:
        """The documents of one story in publication order (undated last), with whether each is counted
        once per outlet."""
        return self._query(
            f"SELECT d.id, {OUTLET_SQL} AS outlet, d.title, d.published, d.kind, d.language, d.severity_score, "
            "sd.counted FROM story_documents sd JOIN documents d ON d.id = sd.id "
            "WHERE sd.story = ? AND d.pipeline_version = ? ORDER BY d.published NULLS LAST, d.path, d.ordinal",
            [story, self.pipeline_version])

    def lineage(self, story: str | None = None) -> pd.DataFrame:
        """Lineage links (of one story, or all): document, of, relation, direction and evidence (JSON)."""
        where, params = ("TRUE", []) if story is None else (
            "l.document IN (SELECT id FROM story_documents WHERE story = ?)", [story])
        return self._query(f"SELECT l.* FROM lineage l WHERE {where} ORDER BY l.document, l.of", params)

    def story_links(self, documents: list[str] | None = None) -> tuple[dict[str, str], dict[str, list[LineageLink]]]:
        """Each document's story id and lineage links (of the given documents, or all)."""
        with self._connect(write=False) as con:
            if documents is not None:
                con.register("wanted", pa.table({"id": pa.array(documents, pa.string())}))
            where = "WHERE {column} IN (SELECT id FROM wanted)" if documents is not None else ""
            members = con.execute(f"SELECT id, story FROM story_documents {where.format(column='id')}").fetchall()
            links = con.execute("SELECT document, of, relation, direction, evidence FROM lineage "
                                f"{where.format(column='document')} ORDER BY document, of").fetchall()
        lineage: dict[str, list[LineageLink]] = {}
        for document, of, relation, direction, evidence in links:
            lineage.setdefault(document, []).append(
                LineageLink(of, relation, direction, from_json(list[Evidence], json.loads(evidence))))
        return dict(members), lineage

    def story_records(self) -> list[Story]:
        """The stored stories as records, largest first."""
        frame = self._query("SELECT id, title, first, span_start, span_end, documents FROM stories")
        stories = [Story(row["id"], row["title"], json.loads(row["documents"]), None if pd.isna(row["first"]) else row["first"],
                         [None if pd.isna(d) else pd.Timestamp(d).date().isoformat()
                          for d in (row["span_start"], row["span_end"])])
                   for row in frame.to_dict("records")]
        return sorted(stories, key=lambda s: (-len(s.documents), s.span[0] or "9999", s.title, s.id))

    def own_coverage(self, filters: Filters | None = None) -> pd.DataFrame:
        """Per outlet over its filtered documents: how many are its own reporting, how many are dated
        rewrites or copies of another outlet's earlier document, and how many are rewrites or copies
        whose direction is unknown (a date is missing)."""
        where, params = document_where(filters or Filters(), self.pipeline_version)
        return self._query(f"""
            WITH docs AS (SELECT d.id, {OUTLET_SQL} AS outlet FROM documents d WHERE {where}),
            every AS (SELECT d.id, {OUTLET_SQL} AS outlet FROM documents d WHERE d.pipeline_version = ?),
            borrowed AS (
                SELECT l.document, bool_or(l.direction = 'later') AS dated
                FROM lineage l JOIN docs a ON a.id = l.document JOIN every b ON b.id = l.of
                WHERE l.relation IN ('rewrite', 'duplicate') AND a.outlet <> b.outlet GROUP BY l.document
            )
            SELECT docs.outlet, count(*) AS documents,
                   count(*) FILTER (WHERE borrowed.document IS NULL) AS own,
                   count(*) FILTER (WHERE borrowed.dated) AS derived,
                   count(*) FILTER (WHERE borrowed.document IS NOT NULL AND NOT borrowed.dated) AS undetermined
            FROM docs LEFT JOIN borrowed ON borrowed.document = docs.id
            GROUP BY docs.outlet ORDER BY docs.outlet""", params + [self.pipeline_version])
