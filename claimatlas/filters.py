"""The dashboard's view filters, and their round trip through URL query parameters."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

SPEAKER_TYPES = (
    "outlet",
    "government_or_military",
    "foreign_government",
    "analyst",
    "armed_group",
    "unnamed_source",
    "reader_comment",
)


@dataclass(frozen=True)
class Filters:
    """What the user selected: empty tuples mean "all"."""

    outlets: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_level: int = 0
    speaker_types: tuple[str, ...] = ()
    include_comments: bool = False
    place: str | None = None
    document: str | None = None


def to_query_params(filters: Filters) -> dict[str, str | list[str]]:
    """Encode filters as query parameters; defaults are left out so links stay short."""
    params: dict[str, str | list[str]] = {}
    if filters.outlets:
        params["outlet"] = list(filters.outlets)
    if filters.date_from:
        params["from"] = filters.date_from.isoformat()
    if filters.date_to:
        params["to"] = filters.date_to.isoformat()
    if filters.min_level:
        params["min_level"] = str(filters.min_level)
    if filters.speaker_types:
        params["speaker"] = list(filters.speaker_types)
    if filters.include_comments:
        params["comments"] = "1"
    if filters.place:
        params["place"] = filters.place
    if filters.document:
        params["doc"] = filters.document
    return params


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _date(value: str | list[str] | None) -> dt.date | None:
    values = _as_list(value)
    try:
        return dt.date.fromisoformat(values[-1]) if values else None
    except ValueError:
        return None


def from_query_params(params: Mapping[str, str | list[str]], known_outlets: list[str] | None = None) -> Filters:
    """Decode query parameters into filters, ignoring values that are not valid."""
    outlets = _as_list(params.get("outlet"))
    if known_outlets is not None:
        outlets = [o for o in outlets if o in known_outlets]
    try:
        min_level = min(max(int(_as_list(params.get("min_level"))[-1]), 0), 4) if params.get("min_level") else 0
    except ValueError:
        min_level = 0
    place = _as_list(params.get("place"))
    document = _as_list(params.get("doc"))
    return Filters(
        outlets=tuple(dict.fromkeys(outlets)),
        date_from=_date(params.get("from")),
        date_to=_date(params.get("to")),
        min_level=min_level,
        speaker_types=tuple(s for s in dict.fromkeys(_as_list(params.get("speaker"))) if s in SPEAKER_TYPES),
        include_comments=_as_list(params.get("comments"))[-1:] == ["1"],
        place=place[-1] if place else None,
        document=document[-1] if document else None,
    )

