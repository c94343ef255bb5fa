"""The command line: JSON contract on the bundled corpus, --out, exit codes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from claimatlas.cli import main

from .conftest import ROOT

DOCUMENT_FIELDS = {"id", "path", "outlet", "title", "published", "url", "kind", "language", "duplicate_of",
                   "comments", "places", "claims", "severity", "frames"}
PLACE_FIELDS = {"name", "lat", "lon", "country", "geonameid", "feature", "confidence", "mentions"}
CLAIM_FIELDS = {"sentence", "level", "score", "speaker", "speaker_type", "certainty", "stance", "places"}


@pytest.fixture(scope="module")
def cli_output(tmp_path_factory):
    """The bundled corpus analysed by the real command, as a user runs it (printed and written)."""
    out = tmp_path_factory.mktemp("cli") / "report.json"
    result = subprocess.run([sys.executable, "-m", "claimatlas", "analyze", "--json", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == result.stdout
    return result.stdout


@pytest.fixture(scope="module")
def cli_report(cli_output):
    return json.loads(cli_output)


def test_analysis_is_deterministic(cli_output):
    """A second run in a fresh process (new hash seed) prints byte-identical JSON."""
    again = subprocess.run([sys.executable, "-m", "claimatlas", "analyze", "--json"], cwd=ROOT,
                           capture_output=True, text=True, timeout=600, env=os.environ | {"PYTHONHASHSEED": "12345"})
    assert again.returncode == 0, again.stderr
    assert again.stdout == cli_output


def test_contract_fields(cli_report):
    assert {"documents", "outlets", "errors"} <= set(cli_report)
    for doc in cli_report["documents"]:
        assert DOCUMENT_FIELDS <= set(doc), doc["id"]
        assert {"score", "level", "claims"} <= set(doc["severity"])
        for place in doc["places"]:
            assert PLACE_FIELDS <= set(place)
        for claim in doc["claims"]:
            assert CLAIM_FIELDS <= set(claim)
    for outlet in cli_report["outlets"]:
        assert {"outlet", "documents", "severity", "frames"} <= set(outlet)


def test_bundled_corpus_outlets_and_dates(cli_report):
    by_id = {d["id"]: d for d in cli_report["documents"]}
    assert cli_report["errors"] == []
    assert by_id["000_455dcc7ecbe35265"]["outlet"] == "demstate.com"
    assert by_id["000_455dcc7ecbe35265"]["published"] == "2025-11-04"
    assert by_id["002_f7359456ba5a3bcf"]["published"] == "2025-11-13"
    assert len(by_id["001_fbd02762194a3611"]["comments"]) >= 10
    cited = {d["outlet"] for d in cli_report["documents"] if d["id"].startswith("004_") and d["cited_by"]}
    assert cited == {"France 24", "Al Jazeera"}
    outlets = {o["outlet"] for o in cli_report["outlets"]}
    assert {"demstate.com", "anewz.tv", "a47news.ai", "France 24", "Al Jazeera"} <= outlets


def test_no_document_is_a_readable_failure(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path), "--json"]) != 0
    err = capsys.readouterr().err
    assert "empty.txt: the file is empty" in err
    assert "no document could be analysed" in err


def test_missing_path_is_a_readable_failure(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nowhere")]) != 0
    assert "file not found" in capsys.readouterr().err


GOLDEN = ROOT / "tests" / "data" / "golden" / "analyze_bundled.json"


def test_json_matches_the_golden_file(cli_output):
    """The whole JSON contract on the bundled corpus, byte for byte (the checkout's path written as <root>).

    After an intended change of the analysis, regenerate it with
    ``python -m claimatlas analyze --json | sed "s|$PWD|<root>|g" > tests/data/golden/analyze_bundled.json``
    and say what changed in the commit.
    """
    assert cli_output.replace(str(ROOT), "<root>") == GOLDEN.read_text(encoding="utf-8")


def test_evaluate_and_generate_are_commands(tmp_path, capsys):
    assert main(["generate", str(tmp_path / "corpus"), "--documents", "3", "--outlets", "2"]) == 0
    assert len(list((tmp_path / "corpus").glob("*.txt"))) == 3
    assert main(["evaluate", "frames", "--data", str(tmp_path / "missing.tsv")]) == 2
    assert "benchmark file not found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:  # a language without place labels is refused by name
        main(["evaluate", "places", "--language", "xx"])
    assert exit_info.value.code == 2 and "invalid choice: 'xx'" in capsys.readouterr().err
