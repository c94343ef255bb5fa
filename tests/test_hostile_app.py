"""Hostile input through the app's Add articles page: a clear error naming each bad file,
the rest analysed, no traceback shown, and nothing written to the corpus folder."""
from __future__ import annotations

import hashlib

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ARTICLES, ROOT
from .test_hostile import HOSTILE

BAD_UPLOADS = {
    "empty.txt": "empty",
    "whitespace-only.txt": "empty",
    "binary.txt": "binary",
    "wrong-types.json": "no string 'text'",
}
GOOD_UPLOADS = ("latin1.txt", "utf16.txt", "script.html", "article-fr.txt", "Tombouctou–Gao été 2025.txt",
                "template-markup.txt")


def _folder_digest():
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in ARTICLES.parent.rglob("*") if p.is_file()}


def _upload(files: dict[str, bytes]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    app.run()
    app.switch_page("app_pages/add_articles.py").run()
    uploader = app.get("file_uploader")[0]
    for name, content in files.items():
        uploader.upload(name, content, "text/plain")
    next(b for b in app.button if b.label == "Analyse").click().run()
    return app


def _shown(app: AppTest) -> str:
    return "\n".join(str(e.value) for e in list(app.error) + list(app.warning) + list(app.markdown) + list(app.caption))


@pytest.fixture(scope="module")
def uploaded():
    before = _folder_digest()
    files = {name: (HOSTILE / name).read_bytes() for name in (*BAD_UPLOADS, *GOOD_UPLOADS)}
    files["../../etc/passwd.txt"] = b"Gunmen attacked a convoy near Mopti on Monday, the army said."
    files["huge.txt"] = b"Gunmen attacked a convoy near Bamako on Monday. " * 450_000
    app = _upload(files)
    return app, before


def test_no_traceback_is_shown(uploaded):
    app, _ = uploaded
    assert not app.exception, [e.value for e in app.exception]


def test_each_bad_upload_is_named_with_its_problem(uploaded):
    app, _ = uploaded
    errors = [str(e.value) for e in app.error]
    for name, problem in BAD_UPLOADS.items():
        line = next((e for e in errors if e.startswith(name.replace("-", "_")) or e.startswith(name)), "")
        assert problem in line, (name, errors)
    assert any(e.startswith("huge.txt") and "MB" in e for e in errors), errors


def test_good_uploads_are_analysed_and_names_sanitized(uploaded):
    app, _ = uploaded
    shown = _shown(app)
    for name in ("latin1.txt", "utf16.txt", "script.html", "article-fr.txt", "TombouctouGao_ete_2025.txt", "passwd.txt"):
        assert name in shown, name
    assert "../" not in shown


def test_template_markup_in_an_upload_is_shown_on_the_map_not_run(uploaded):
    app, _ = uploaded
    app.switch_page("app_pages/map.py").run()
    assert not app.exception, [e.value for e in app.exception]
    sentences = " ".join(map(str, app.dataframe[0].value["sentence"]))
    assert "{% if %}" in sentences and "{{ 7*7 }}" in sentences


def test_nothing_is_written_until_the_user_saves(uploaded):
    _, before = uploaded
    assert _folder_digest() == before


HOSTILE_LINKS = [
    {"outlet": ["No Such Outlet", "anewz.tv"]},
    {"from": "2025-13-45", "to": "not a date"},
    {"min_level": "99", "speaker": ["reader_comment", "nonsense"]},
    {"from": ["2025-11-01", "2025-11-02", "2025-11-03"]},
    {"place": "x" * 5000, "doc": "../../etc/passwd"},
    {"unknown_key": "1", "outlet": [f"o{i}" for i in range(200)]},
]


@pytest.mark.parametrize("params", HOSTILE_LINKS, ids=range(len(HOSTILE_LINKS)))
def test_hostile_links_are_ignored_with_a_notice(params):
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    warnings = [w.value for w in app.sidebar.warning]
    assert warnings, "a hostile link gets a visible notice"
    assert app.title


def test_the_server_upload_limit_matches_the_page():
    import tomllib

    from claimatlas.settings import Settings

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1_000_000 == Settings.max_upload_bytes
    assert config["server"]["enableXsrfProtection"] is True
