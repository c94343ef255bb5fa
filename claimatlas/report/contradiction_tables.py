"""Contradictions as the Severity page shows them: the pairs of the filtered documents, grouped by
target, one escaped Markdown table per pair, and every pair as a table.

Every function is pure (no Streamlit).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from claimatlas.model import Contradiction
from claimatlas.report.tables import escape_markdown
from claimatlas.store.filters import outlet_key


def contradictions_for(pairs: list[Contradiction], document_ids: Iterable[str]) -> list[Contradiction]:
    """The contradiction pairs with at least one side in the given documents."""
    ids = set(document_ids)
    return [p for p in pairs if p.a.document in ids or p.b.document in ids]


def contradictions_table(pairs: list[Contradiction]) -> pd.DataFrame:
    """Contradiction pairs as one row each: target, then speaker, document, level and sentence of both sides."""
    rows = [{"target": pair.target,
             **{f"{name}_{key}": getattr(side, key) for name, side in (("a", pair.a), ("b", pair.b))
                for key in ("speaker", "document", "level", "sentence")}} for pair in pairs]
    return pd.DataFrame(rows, columns=["target", *(f"{n}_{k}" for n in "ab" for k in ("speaker", "document", "level",
                                                                                     "sentence"))])


def _table_cell(text: Any) -> str:
    return escape_markdown(" ".join(str(text).split()))


def contradiction_pair_markdown(alarming: Mapping[str, Any], reassuring: Mapping[str, Any]) -> str:
    """One contradicting pair (two sides of ``contradiction_groups``) as a two-column Markdown table:
    speaker and level, outlet and title, the claim; text escaped and kept on one line per cell."""
    sides = (alarming, reassuring)
    rows = [[f"**{_table_cell(side['speaker'])}** · level {side['level']}" for side in sides],
            [_table_cell(side["label"]) for side in sides],
            [f"*{_table_cell(side['sentence'])}*" for side in sides]]
    return "| Alarming | Reassuring |\n|---|---|\n" + "\n".join(f"| {left} | {right} |" for left, right in rows)


def contradiction_groups(pairs: list[Contradiction], titles: Mapping[str, str]) -> list[dict[str, Any]]:
    """Contradictions grouped by target, each pair once, each side labelled "outlet — title"."""
    groups: dict[str, list[dict[str, Any]]] = {}
    seen = set()
    for pair in pairs:
        key = (pair.target.lower(), pair.a.document, pair.a.sentence_index, pair.b.document, pair.b.sentence_index)
        if key in seen:
            continue
        seen.add(key)
        groups.setdefault(pair.target, []).append({
            name: {"label": f"{outlet_key(side.outlet, side.document)} — {titles.get(side.document) or '(untitled)'}",
                   "speaker": side.speaker, "sentence": side.sentence, "level": side.level}
            for name, side in (("alarming", pair.a), ("reassuring", pair.b))})
    return [{"target": target, "pairs": items} for target, items in sorted(groups.items(), key=lambda g: -len(g[1]))]
