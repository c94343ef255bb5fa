"""Settings in one typed table, each with its default and help text.

Every setting is read from an environment variable ``CLAIMATLAS_<NAME>`` by :func:`load_settings`,
which entry points (the CLI, the dashboard, the benchmarks) call once and pass on. Nothing reads
the environment at import. The README's "Settings" table documents each row (a test checks it).
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, and what it does."""

    name: str
    default: int | str
    help: str

    @property
    def variable(self) -> str:
        """The environment variable that sets it."""
        return f"CLAIMATLAS_{self.name.upper()}"


TABLE = (
    Setting("max_file_bytes", 5_000_000, "Largest article file read (bytes); larger files are reported, not read."),
    Setting("max_upload_bytes", 2_000_000, "Largest file accepted on the Add articles page (bytes)."),
    Setting("max_document_chars", 200_000, "Characters of one document analysed; the rest is dropped with a warning."),
    Setting("max_places_per_document", 500, "Places kept per document on the map; the rest are reported in a warning."),
    Setting("max_session_uploads", 20, "Articles one session may add (files and pasted texts)."),
    Setting("job_timeout_s", 120, "Seconds an analysis of added articles may take before it is stopped."),
    Setting("max_pending_jobs", 4, "Analyses of added articles that may wait at once; more are refused as busy."),
    Setting("store_path", "data/claimatlas.duckdb", "DuckDB file holding analysis results (relative to the project)."),
    Setting("articles_path", "data/articles", "Folder of the corpus the dashboard analyses (relative to the project)."),
    Setting("frames", "", "Frame codebook YAML to use instead of the bundled claimatlas/data/frames.yaml."),
    Setting("geo_cache", "", "Folder of the gazetteer's built index (default geo/.cache)."),
    Setting("contradiction_window_days", 30, "Two claims contradict only if published within this many days."),
    Setting("chromium", "/usr/bin/chromium", "Chromium binary the real-browser test drives."),
    Setting("fetch_timeout_s", 15, "Seconds to wait for a page added by URL."),
    Setting("allow_private_urls", 0, "1 to allow adding pages from loopback or private addresses (refused by default)."),
)


@dataclass(frozen=True)
class Settings:
    """Current values: defaults, overridden by CLAIMATLAS_<NAME> environment variables."""

    max_file_bytes: int = 5_000_000
    max_upload_bytes: int = 2_000_000
    max_document_chars: int = 200_000
    max_places_per_document: int = 500
    max_session_uploads: int = 20
    job_timeout_s: int = 120
    max_pending_jobs: int = 4
    store_path: str = "data/claimatlas.duckdb"
    articles_path: str = "data/articles"
    frames: str = ""
    geo_cache: str = ""
    contradiction_window_days: int = 30
    chromium: str = "/usr/bin/chromium"
    fetch_timeout_s: int = 15
    allow_private_urls: int = 0


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read settings from the environment (CLAIMATLAS_MAX_FILE_BYTES=...), falling back to defaults.

    A value that does not parse (``CLAIMATLAS_MAX_FILE_BYTES=lots``) raises ValueError naming the variable.
    """
    environ = os.environ if environ is None else environ
    values = {}
    for setting in TABLE:
        raw = environ.get(setting.variable)
        if raw is None:
            values[setting.name] = setting.default
            continue
        try:
            values[setting.name] = type(setting.default)(raw)
        except ValueError:
            raise ValueError(f"{setting.variable}={raw!r}: expected {type(setting.default).__name__}") from None
    return Settings(**values)

