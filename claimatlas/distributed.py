"""Per-document analysis on a Dask cluster, written as Parquet the store can ingest.

Each worker loads the model and data once (a cached loader per worker process) and
analyses chunks of documents with the same batched pipeline as the local engine, so
the results are identical. Without a scheduler address a LocalCluster is started
with one single-threaded worker process per core.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from claimatlas.build import Analyser
from claimatlas.model import Document, DocumentRecord, Progress, from_json, to_json
from claimatlas.pipeline import analyse_documents
from claimatlas.worker import worker_resources

DEFAULT_CHUNK = 64
PARQUET_SCHEMA = pa.schema([("id", pa.string()), ("record", pa.string())])


def records_to_parquet_table(records: list[DocumentRecord]) -> pa.Table:
    """Analysed records as a Parquet-ready table: one row per document, the record as JSON."""
    return pa.Table.from_pylist(
        [{"id": r.id, "record": json.dumps(to_json(r), ensure_ascii=False)} for r in records], schema=PARQUET_SCHEMA)


def records_from_parquet(path: Path | str) -> list[DocumentRecord]:
    """The records of one Parquet part written by :func:`analyse_chunk`, validated."""
    table = pq.read_table(path, schema=PARQUET_SCHEMA)
    return [from_json(DocumentRecord, json.loads(r)) for r in table.column("record").to_pylist()]


def analyse_chunk(documents: list[Document], out_dir: str, part: int) -> str:
    """Analyse one chunk of documents on a worker and write it as ``part-NNNNN.parquet``."""
    records = analyse_documents(documents, worker_resources())
    path = Path(out_dir) / f"part-{part:05d}.parquet"
    pq.write_table(records_to_parquet_table(records), path)
    return str(path)


def chunked(documents: list[Document], size: int) -> list[list[Document]]:
    """Consecutive chunks of at most ``size`` documents."""
    return [documents[i: i + size] for i in range(0, len(documents), size)]


def local_cluster_size() -> int:
    """Worker processes for a LocalCluster: one per core, at most 4 (each holds a model)."""
    return max(1, min(os.cpu_count() or 1, 4))


def analyse_on_dask(documents: list[Document], scheduler: str | None = None, out_dir: Path | str | None = None,
                    chunk_size: int | None = None, n_workers: int | None = None,
                    progress: Progress | None = None) -> list[DocumentRecord]:
    """Analyse documents on a Dask cluster; return the records in input order.

    The Parquet parts are written to ``out_dir`` (kept) or to a temporary folder (removed).
    """
    from distributed import Client, LocalCluster, as_completed

    if not documents:
        return []
    workers = n_workers or local_cluster_size()
    size = chunk_size or max(1, min(DEFAULT_CHUNK, -(-len(documents) // (workers * 2))))
    chunks = chunked(documents, size)
    with tempfile.TemporaryDirectory(prefix="claimatlas-dask-") as scratch:
        folder = Path(out_dir or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if scheduler:
            client, cluster = Client(scheduler), None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=40)
            client = Client(cluster)
        try:
            futures = [client.submit(analyse_chunk, chunk, str(folder), n, pure=False) for n, chunk in enumerate(chunks)]
            sizes = {future.key: len(chunk) for future, chunk in zip(futures, chunks)}
            finished_documents = (n for future in as_completed(futures) for n in range(sizes[future.key]))
            for _ in (progress(finished_documents) if progress else finished_documents):
                pass
            parts = client.gather(futures)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        records: list[DocumentRecord] = []
        for part in parts:
            records.extend(records_from_parquet(part))
    return records


def dask_analyser(scheduler: str | None = None, out_dir: Path | str | None = None,
                  n_workers: int | None = None) -> Analyser:
    """An analyser for :func:`claimatlas.build.build_files` that runs on Dask."""
    def analyser(documents: list[Document], progress: Progress | None) -> list[DocumentRecord]:
        return analyse_on_dask(documents, scheduler=scheduler, out_dir=out_dir, n_workers=n_workers,
                               progress=progress)
    return analyser
