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
READ_THREADS = 1
WRITE_THREADS = 2

# One read-only connection per store file and process, reused by the queries of a page render
# (each thread reads through a cursor of its own, so sessions do not wait for each other) and closed
# after READER_IDLE_S without use, so writers in other processes get in.
READER_IDLE_S = 2.0


class _Reader:
    """The shared read connection of one store file, how many cursors use it, and its idle timer."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, stamp: tuple):
        self.connection = connection
        self.stamp = stamp
        self.active = 0
        self.retired = False
        self.timer: threading.Timer | None = None

    def release(self) -> None:
        """Close the connection now if no cursor uses it, else when the last one is done."""
        self.retired = True
        if self.timer is not None:
            self.timer.cancel()
        if self.active == 0:
            self.connection.close()


_READERS: dict[str, _Reader] = {}
_PATH_CONDITIONS: dict[str, threading.Condition] = {}
_READERS_LOCK = threading.Lock()
# Read cursors in use per store file (over its current and retired connections): writers wait for zero.
_ACTIVE: dict[str, int] = {}


def _condition(path: str) -> threading.Condition:
    with _READERS_LOCK:
        return _PATH_CONDITIONS.setdefault(path, threading.Condition(threading.RLock()))


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
    reader = _READERS.pop(path, None)
    if reader is not None:
        reader.release()


@atexit.register
def _close_all_readers() -> None:
    for path in list(_READERS):
        _close_reader(path)


def _close_idle_reader(path: str, reader: _Reader) -> None:
    with _condition(path):
        if _READERS.get(path) is reader and reader.active == 0:
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
            if write:
                with self._thread_lock:
                    yield self._con
                return
            with self._thread_lock:
                cursor = self._con.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
            return
        if not write:
            with self._read_cursor() as cursor:
                yield cursor
            return
        condition = _condition(self.path)
        with condition:
            _close_reader(self.path)
            while _ACTIVE.get(self.path, 0):
                condition.wait()
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

    @contextmanager
    def _read_cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of this thread's own on the process's read connection (reopened when the file changed)."""
        condition = _condition(self.path)
        with condition:
            reader = _READERS.get(self.path)
            stamp = _file_stamp(self.path)
            if reader is not None and reader.stamp != stamp:
                _close_reader(self.path)
                reader = None
            if reader is None:
                reader = _READERS[self.path] = _Reader(self._open(read_only=True), stamp)
            if reader.timer is not None:
                reader.timer.cancel()
            reader.active += 1
            _ACTIVE[self.path] = _ACTIVE.get(self.path, 0) + 1
            cursor = reader.connection.cursor()
        try:
            yield cursor
        finally:
            with condition:
                cursor.close()
                reader.active -= 1
                _ACTIVE[self.path] -= 1
                if reader.retired and reader.active == 0:
                    reader.connection.close()
                elif reader.active == 0:
                    reader.timer = threading.Timer(READER_IDLE_S, _close_idle_reader, args=(self.path, reader))
                    reader.timer.daemon = True
                    reader.timer.start()
                condition.notify_all()

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        """Open the file, retrying while a process that ignores our lock file holds DuckDB's own lock."""
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        delay = 0.05
        while True:
            try:
                # One DuckDB thread per query: many sessions query at once, each through its own cursor,
                # and per-query threads would only fight over the same cores.
                return duckdb.connect(self.path, read_only=read_only and Path(self.path).exists(),
                                      config={"threads": READ_THREADS if read_only else WRITE_THREADS})
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def _query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with self._connect(write=False) as con:
            return con.execute(sql, params or []).df()

