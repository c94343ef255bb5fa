"""Every setting is in the table, typed, documented in the README, and read only through load_settings."""
from __future__ import annotations

import dataclasses
import re

import pytest

from claimatlas.settings import TABLE, Settings, load_settings

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = [p for folder in ("claimatlas", "geo", "ui", "app_pages", "bench", "tests") for p in (ROOT / folder).rglob("*.py")]


@pytest.mark.parametrize("setting", TABLE, ids=lambda s: s.name)
def test_settings_are_documented(setting):
    assert f"`{setting.variable}`" in README, f"{setting.variable} is missing from the README's Settings table"


def test_table_and_settings_agree():
    fields = {f.name: f.default for f in dataclasses.fields(Settings)}
    assert fields == {s.name: s.default for s in TABLE}


def test_every_variable_used_in_the_code_is_a_setting():
    used = {name for path in SOURCES for name in re.findall(r"CLAIMATLAS_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8"))}
    assert used <= {s.variable for s in TABLE}, used - {s.variable for s in TABLE}


@pytest.mark.parametrize("environ, field, value", [
    ({}, "max_file_bytes", 5_000_000),
    ({"CLAIMATLAS_MAX_FILE_BYTES": "10"}, "max_file_bytes", 10),
    ({"CLAIMATLAS_STORE_PATH": "/tmp/x.duckdb"}, "store_path", "/tmp/x.duckdb"),
    ({"CLAIMATLAS_FRAMES": "my.yaml"}, "frames", "my.yaml"),
])
def test_load_settings_reads_the_environment_given(environ, field, value):
    assert getattr(load_settings(environ), field) == value


def test_a_bad_value_names_the_variable():
    with pytest.raises(ValueError, match="CLAIMATLAS_MAX_UPLOAD_BYTES"):
        load_settings({"CLAIMATLAS_MAX_UPLOAD_BYTES": "lots"})
