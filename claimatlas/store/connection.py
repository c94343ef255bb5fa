"""Connections to the DuckDB store file: short locked writes, one shared read connection per process.

Every write opens its own connection under a file lock (``<store>.lock``, exclusive), so two
processes (or threads) writing at once are serialised and lose nothing. Reads share one read-only
connection per store file and process, reused by the queries of a page render and closed after
``READER_IDLE_S``, so writers in other processes get in. ``":memory:"`` keeps one connection.
"""
from __future__ import annotations

import atexit
import fcntl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from claimatlas.store.schema import SCHEMA, STORE_SCHEMA_VERSION, ddl

LOCK_TIMEOUT_S = 120.0

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


class Database:
    """A DuckDB file (or ``":memory:"``) with the store's schema, and locked connections to it."""

    def __init__(self, path: Path | str):
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
            if found is None or found[0] != STORE_SCHEMA_VERSION:
                for table in SCHEMA:
                    con.execute(f"DROP TABLE IF EXISTS {table}")
                con.execute("DELETE FROM meta")
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [STORE_SCHEMA_VERSION])
            for statement in ddl():
                con.execute(statement)

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

