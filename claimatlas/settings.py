"""Settings in one typed table, each with its default and help text."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, and what it does."""

    name: str
    default: int | float | str
    help: str


TABLE = (
    Setting("max_file_bytes", 5_000_000, "Largest article file read (bytes); larger files are reported, not read."),
    Setting("max_upload_bytes", 2_000_000, "Largest file accepted on the Add articles page (bytes)."),
    Setting("max_places_per_document", 500, "Places kept per document on the map; the rest are reported in a warning."),
    Setting("store_path", "data/claimatlas.duckdb", "DuckDB file holding analysis results."),
)


@dataclass(frozen=True)
class Settings:
    """Current values: defaults, overridden by CLAIMATLAS_<NAME> environment variables."""

    max_file_bytes: int
    max_upload_bytes: int
    max_places_per_document: int
    store_path: str


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read settings from the environment (CLAIMATLAS_MAX_FILE_BYTES=...), falling back to defaults."""
    environ = os.environ if environ is None else environ
    values = {}
    for setting in TABLE:
        raw = environ.get(f"CLAIMATLAS_{setting.name.upper()}")
        values[setting.name] = type(setting.default)(raw) if raw is not None else setting.default
    return Settings(**values)


SETTINGS = load_settings()
