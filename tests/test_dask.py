"""The Dask engine gives exactly the local results, and its Parquet parts load into the store."""
from __future__ import annotations

import dataclasses
import json

from claimatlas.build import open_store
from claimatlas.cli import main
from claimatlas.distributed import chunked, records_from_parquet
from claimatlas.model import to_json
from tests.conftest import ARTICLES


def test_chunked_keeps_order_and_sizes():
    assert chunked(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunked([], 3) == []


def test_dask_engine_matches_local_analysis(tmp_path, bundled_report):
    out = tmp_path / "report.json"
    parquet = tmp_path / "parts"
    assert main(["analyze", str(ARTICLES), "--engine", "dask", "--parquet", str(parquet), "--out", str(out)]) == 0
    dask_report = json.loads(out.read_text(encoding="utf-8"))
    local_report = json.loads(json.dumps(to_json(bundled_report), ensure_ascii=False))
    assert len(list(parquet.glob("*.parquet"))) > 1, "the corpus should be split over several tasks"
    assert [d["id"] for d in dask_report["documents"]] == [d["id"] for d in local_report["documents"]]
    for dask_record, local_record in zip(dask_report["documents"], local_report["documents"]):
        assert dask_record == local_record, dask_record["id"]
    assert dask_report == local_report

    store = open_store(tmp_path / "store.duckdb")
    records = [r for part in sorted(parquet.glob("*.parquet")) for r in records_from_parquet(part)]
    assert store.ingest(records) == len(local_report["documents"])
    # The per-document analysis is the same; stories are grouped over the corpus after a build.
    assert store.records()[0] == [dataclasses.replace(d, story=None, lineage=[]) for d in bundled_report.documents]
