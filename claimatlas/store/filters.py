"""The dashboard's filters as one table: URL key, human label and SQL clause of each.

Each row of :data:`FILTERS` says how one field of :class:`Filters` travels: its query-parameter key
(the share link), its label (the sidebar and notices) and the SQL it adds on documents ``d`` or on
claims ``c``. The store builds its WHERE clauses from the rows, the URL round trip reads and writes
them, and the sidebar labels its widgets with them.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from claimatlas.vocab import MAX_LEVEL, SPEAKER_TYPES

Clause = tuple[str, list[Any]]
# The outlet a document counts under: its outlet, or "unknown outlet (<document id>)" so documents
# without an outlet are listed one by one, never pooled into one made-up outlet.
OUTLET_SQL = "coalesce(d.outlet, 'unknown outlet (' || d.id || ')')"


def outlet_key(outlet: str | None, document: str | None) -> str:
    """The outlet a document counts under, in Python: the same rule as ``OUTLET_SQL``."""
    return outlet or f"unknown outlet ({document})"


@dataclass(frozen=True)
class Filters:
    """What the user selected: empty tuples mean "all"."""

    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_level: int = 0
    speaker_types: tuple[str, ...] = ()
    include_comments: bool = False
    place: str | None = None
    radius_km: int = 0  # with a place: every place within this distance of it, not only the place
    document: str | None = None
    story: str | None = None
    once_per_story: bool = False  # count each story once per outlet (its first document there)


MAX_RADIUS_KM = 2000


def _radius(values: list[str]) -> int:
    try:
        return min(max(int(values[-1]), 0), MAX_RADIUS_KM) if values else 0
    except ValueError:
        return 0


def _in(column: str, values: tuple[Any, ...]) -> Clause:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def _date(values: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(values[-1]) if values else None
    except ValueError:
        return None


def _level(values: list[str]) -> int:
    try:
        return min(max(int(values[-1]), 0), MAX_LEVEL) if values else 0
    except ValueError:
        return 0


@dataclass(frozen=True)
class FilterRow:
    """One filter: the Filters field, its URL key and label, how to read it, and its SQL."""

    field: str
    key: str
    label: str
    parse: Callable[[list[str]], Any]
    encode: Callable[[Any], str | list[str]]
    document_sql: Callable[[Any], Clause] | None = None  # on documents d, when the value is set
    claim_sql: Callable[[Any], Clause] | None = None  # on claims c, when the value is set


FILTERS: tuple[FilterRow, ...] = (
    FilterRow("outlets", "outlet", "Outlets", lambda v: tuple(dict.fromkeys(v)), list,
              document_sql=lambda v: _in(OUTLET_SQL, v)),
    FilterRow("languages", "lang", "Languages",
              lambda v: tuple(c for c in dict.fromkeys(v) if re.fullmatch(r"[a-z]{2,3}", c)), list,
              document_sql=lambda v: _in("coalesce(d.language, 'en')", v)),
    FilterRow("date_from", "from", "Published from", _date, dt.date.isoformat,
              document_sql=lambda v: ("d.published >= ?", [v])),
    FilterRow("date_to", "to", "Published to", _date, dt.date.isoformat,
              document_sql=lambda v: ("d.published <= ?", [v])),
    FilterRow("min_level", "min_level", "Minimum claim level", _level, str,
              claim_sql=lambda v: ("c.level >= ?", [v])),
    FilterRow("speaker_types", "speaker", "Speaker types",
              lambda v: tuple(s for s in dict.fromkeys(v) if s in SPEAKER_TYPES), list,
              claim_sql=lambda v: _in("c.speaker_type", v)),
    FilterRow("include_comments", "comments", "Include reader comments", lambda v: v[-1:] == ["1"],
              lambda v: "1"),
    FilterRow("place", "place", "Place", lambda v: v[-1] if v else None, str,
              document_sql=lambda v: ("d.doc_key IN (SELECT doc_key FROM places WHERE lower(name) = lower(?))", [v]),
              claim_sql=lambda v: ("EXISTS (SELECT 1 FROM claim_places cp WHERE cp.doc_key = c.doc_key "
                                   "AND cp.source = c.source AND cp.claim_index = c.claim_index "
                                   "AND lower(cp.place) = lower(?))", [v])),
    FilterRow("radius_km", "within", "Within (km) of the place", _radius, str),
    FilterRow("document", "doc", "Document", lambda v: v[-1] if v else None, str,
              document_sql=lambda v: ("d.id = ?", [v])),
    FilterRow("story", "story", "Story", lambda v: v[-1] if v else None, str,
              document_sql=lambda v: ("d.id IN (SELECT id FROM story_documents WHERE story = ?)", [v])),
    FilterRow("once_per_story", "once", "Count each story once per outlet", lambda v: v[-1:] == ["1"],
              lambda v: "1", document_sql=lambda v: ("d.id IN (SELECT id FROM story_documents WHERE counted)", [])),
)
FILTER_FIELDS = {row.field: row for row in FILTERS}


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def to_query_params(filters: Filters) -> dict[str, str | list[str]]:
    """Encode filters as query parameters; defaults are left out so links stay short."""
    return {row.key: row.encode(getattr(filters, row.field)) for row in FILTERS if getattr(filters, row.field)}


MAX_PARAMETER_CHARS = 300
MAX_PARAMETER_VALUES = 50


def read_query_params(params: Mapping[str, str | list[str]],
                      known_outlets: list[str] | None = None) -> tuple[Filters, list[str]]:
    """Decode query parameters into filters, and say in plain words what was ignored and why.

    Unknown keys, overlong or too many values, outlets not in the corpus, impossible dates and levels
    are dropped; a single-valued key given several times keeps its last value. Never raises.
    """
    notices, values = [], {}
    known_keys = {row.key for row in FILTERS}
    notices += [f"Ignored the unknown link parameter '{key[:40]}'." for key in params if key not in known_keys]
    for row in FILTERS:
        raw = _as_list(params.get(row.key))
        kept = [v for v in raw if len(v) <= MAX_PARAMETER_CHARS][:MAX_PARAMETER_VALUES]
        if len(kept) < len(raw):
            notices.append(f"Ignored {len(raw) - len(kept)} overlong or surplus value(s) of '{row.key}'.")
        if len(kept) > 1 and row.encode is not list:
            notices.append(f"'{row.key}' was given {len(kept)} times; the last value is used.")
        values[row.field] = value = row.parse(kept)
        if row.encode is list:
            dropped = [v for v in dict.fromkeys(kept) if v not in value]
            if dropped and row.field != "outlets":
                notices.append(f"Ignored {row.label.lower()} that do not exist: " + ", ".join(v[:40] for v in dropped))
        elif kept and (not value or str(row.encode(value)) != kept[-1]):
            shown = row.encode(value) if value else "not set"
            notices.append(f"Ignored '{row.key}={kept[-1][:40]}': not a valid {row.label.lower()} ({shown}).")
    if known_outlets is not None:
        unknown = [o for o in values["outlets"] if o not in known_outlets]
        if unknown:
            notices.append("Ignored outlet(s) not in this corpus: " + ", ".join(o[:40] for o in unknown) + ".")
        values["outlets"] = tuple(o for o in values["outlets"] if o in known_outlets)
    return Filters(**values), notices


def from_query_params(params: Mapping[str, str | list[str]], known_outlets: list[str] | None = None) -> Filters:
    """Decode query parameters into filters, ignoring values that are not valid."""
    return read_query_params(params, known_outlets)[0]


def has_claim_constraints(filters: Filters) -> bool:
    """Whether the filters narrow claims by level or speaker (and so the documents to those with such claims)."""
    return bool(filters.min_level or filters.speaker_types)


def _join(clauses: list[Clause]) -> Clause:
    return " AND ".join(sql for sql, _ in clauses) or "TRUE", [p for _, params in clauses for p in params]


def _document_clauses(filters: Filters, pipeline_version: str) -> list[Clause]:
    clauses: list[Clause] = [("d.pipeline_version = ?", [pipeline_version])]
    for row in FILTERS:
        value = getattr(filters, row.field)
        if value and row.document_sql is not None:
            clauses.append(row.document_sql(value))
    return clauses


def claim_only_where(filters: Filters, place: bool = True) -> Clause:
    """WHERE clause on claims ``c`` alone: source, level, speaker type and (``place``) the place."""
    clauses: list[Clause] = [] if filters.include_comments else [("c.source = 'body'", [])]
    for row in FILTERS:
        value = getattr(filters, row.field)
        if value and row.claim_sql is not None and (place or row.field != "place"):
            clauses.append(row.claim_sql(value))
    return _join(clauses)


def document_where(filters: Filters, pipeline_version: str, claim_constraints: bool = True) -> Clause:
    """WHERE clause on documents ``d``; documents without a date drop out once a date bound is set.

    With ``claim_constraints``, a level or speaker filter keeps only documents with such a claim.
    """
    clauses = _document_clauses(filters, pipeline_version)
    if claim_constraints and has_claim_constraints(filters):
        sql, params = claim_only_where(filters)
        clauses.append((f"d.doc_key IN (SELECT doc_key FROM claims c WHERE {sql})", params))
    return _join(clauses)


def claim_where(filters: Filters, pipeline_version: str, place: bool = True) -> Clause:
    """WHERE clause on claims ``c`` joined to documents ``d``."""
    document_only = replace(filters, place=None, min_level=0, speaker_types=())
    doc_sql, doc_params = _join(_document_clauses(document_only, pipeline_version))
    sql, params = claim_only_where(filters, place=place)
    return f"{doc_sql} AND {sql}", doc_params + params


def describe(filters: Filters) -> list[str]:
    """Human-readable lines for the filters that are set ("Outlets: Reuters, AFP")."""
    lines = []
    for row in FILTERS:
        value = getattr(filters, row.field)
        if value:
            shown = ", ".join(map(str, value)) if isinstance(value, tuple) else "yes" if value is True else value
            lines.append(f"{row.label}: {shown}")
    return lines

