"""Shared fixtures: the real spaCy model, the bundled corpus and its full analysis."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from serve import free_port  # noqa: F401 (the port helper of the servers the tests start)

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
SHARED = ROOT.parent / "shared"

# The dashboard under test (AppTest and the served app) uses a store of its own, never the
# user's data/claimatlas.duckdb.
os.environ["CLAIMATLAS_STORE_PATH"] = str(Path(tempfile.mkdtemp(prefix="claimatlas-tests-")) / "store.duckdb")


@pytest.fixture(scope="session")
def resources():
    """The default analysis resources (real model, real gazetteer), loaded once."""
    from claimatlas.pipeline import default_resources

    return default_resources()


@pytest.fixture(scope="session")
def nlp(resources):
    return resources.nlp


@pytest.fixture(scope="session")
def gazetteer(resources):
    """The real gazetteer of the default resources."""
    return resources.gazetteer


@pytest.fixture(scope="session")
def bundled_corpus():
    from claimatlas.ingest.corpus import load_corpus

    return load_corpus([ARTICLES])


@pytest.fixture(scope="session")
def bundled_store(resources):
    """An in-memory store built from the bundled corpus through the one build path."""
    from claimatlas.build import build_files, local_analyser, open_store

    store = open_store(":memory:")
    build_files(store, [ARTICLES], local_analyser(resources))
    return store


@pytest.fixture(scope="session")
def bundled_report(bundled_store, resources):
    """The command-line report (typed) of the bundled corpus."""
    from claimatlas.report.contract import build_report

    return build_report(bundled_store, resources.codebook)


@pytest.fixture(scope="session")
def report_by_id(bundled_report):
    return {d.id: d for d in bundled_report.documents}

