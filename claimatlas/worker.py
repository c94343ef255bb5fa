"""Analysis in a worker process: what users upload is analysed off the server's interpreter.

One worker process analyses one job at a time (it loads the model once and keeps it); jobs wait in
a bounded queue; a job over its time limit is stopped, its worker killed and a fresh one started
(pebble's process pool), so one hostile upload never freezes the sessions of everyone else.
"""
from __future__ import annotations

import threading
from concurrent.futures import TimeoutError as FutureTimeout
from functools import lru_cache

from claimatlas.build import AnalysisError
from claimatlas.model import Document, DocumentRecord, Progress, from_json, to_json
from claimatlas.pipeline import Resources, analyse_documents, default_resources
from claimatlas.settings import Settings, load_settings


@lru_cache(maxsize=1)
def worker_resources() -> Resources:
    """The analysis resources of this worker process, loaded on first use and kept."""
    return default_resources(load_settings())


def analyse_in_worker(documents: list[dict]) -> list[dict]:
    """Worker side of a job: JSON documents in, JSON records out (plain data crosses the process boundary)."""
    records = analyse_documents([from_json(Document, d) for d in documents], worker_resources())
    return [to_json(r) for r in records]


class AnalysisWorker:
    """A worker process with a bounded job queue and a time limit per job."""

    def __init__(self, settings: Settings | None = None):
        from pebble import ProcessPool

        settings = settings or Settings()
        self.timeout_s = settings.job_timeout_s
        self.max_pending = settings.max_pending_jobs
        self._pool = ProcessPool(max_workers=1)
        self._pending = 0
        self._lock = threading.Lock()

    def analyse(self, documents: list[Document], progress: Progress | None = None) -> list[DocumentRecord]:
        """Analyse documents in the worker (an analyser for :func:`claimatlas.build.build_uploads`).

        Raises AnalysisError when the queue is full or the job runs over its time limit.
        """
        with self._lock:
            if self._pending >= self.max_pending:
                raise AnalysisError(f"the server is busy with {self._pending} analyses; try again in a minute")
            self._pending += 1
        try:
            future = self._pool.schedule(analyse_in_worker, args=([to_json(d) for d in documents],),
                                         timeout=self.timeout_s)
            try:
                records = future.result()
            except FutureTimeout:
                raise AnalysisError(f"the analysis was stopped after {self.timeout_s} s (the time limit per job); "
                                    "split the text into smaller articles") from None
            return from_json(list[DocumentRecord], records)
        finally:
            with self._lock:
                self._pending -= 1

    def close(self) -> None:
        """Stop the worker process."""
        self._pool.stop()
        self._pool.join()
