"""Saving added articles: safe names, limits, atomic no-overwrite writes, manifest entries under concurrency."""
from __future__ import annotations

import threading

import pytest
import yaml

from claimatlas.ingest.corpus import load_corpus
from claimatlas.ingest.readers import SUPPORTED_SUFFIXES
from claimatlas.ingest.uploads import UploadError, check_upload, manifest_entry, sanitize_filename, save_article
from claimatlas.settings import Settings

LIMIT = Settings.max_upload_bytes


@pytest.mark.parametrize("name, expected", [
    ("report.txt", "report.txt"),
    ("../../etc/passwd", "passwd.txt"),
    ("..\\..\\win.ini", "win_ini.txt"),
    ("Bamako été 2025.HTML", "Bamako_ete_2025.html"),
    ("", "article.txt"),
    ("...", "article.txt"),
    ("a" * 200 + ".md", "a" * 80 + ".md"),
    ("evil.exe", "evil_exe.txt"),
    ("نص.json", "article.json"),
])
def test_sanitize_filename(name, expected):
    assert sanitize_filename(name) == expected


@pytest.mark.parametrize("name, size, message", [
    ("a.pdf", 10, "unsupported file type"),
    ("a", 10, "unsupported file type"),
    ("a.txt", 0, "empty"),
    ("a.txt", 11, "upload limit"),
])
def test_check_upload_rejects(name, size, message):
    with pytest.raises(UploadError, match=message):
        check_upload(name, size, 10)


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_check_upload_accepts_every_supported_suffix_up_to_the_limit(suffix):
    check_upload("a" + suffix, 10, 10)
    check_upload("A" + suffix.upper(), 1, 10)


def test_save_never_overwrites_and_records_manifest(tmp_path):
    folder = tmp_path / "articles"
    first = save_article(folder, "../story.txt", b"Gunmen attacked Kayes on Monday, officials said.", LIMIT,
                         manifest_entry("Wire A", "2025-11-02", "Kayes attack"))
    second = save_article(folder, "story.txt", b"A different story about Bamako and its fuel blockade.", LIMIT,
                          manifest_entry("Paper B", None))
    assert first.path.name == "story.txt" and second.path.name == "story-2.txt"
    assert first.path.read_bytes().startswith(b"Gunmen")
    manifest = yaml.safe_load((tmp_path / "sources.yaml").read_text())
    assert manifest["documents"]["story.txt"] == {"kind": "article", "outlet": "Wire A", "published": "2025-11-02",
                                                  "title": "Kayes attack"}
    assert manifest["documents"]["story-2.txt"]["outlet"] == "Paper B"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "no temporary file left behind"
    corpus = load_corpus([folder])
    assert {d.outlet for d in corpus.documents} == {"Wire A", "Paper B"}


def test_manifest_keeps_existing_entries_and_comments(tmp_path):
    folder = tmp_path / "articles"
    (tmp_path / "sources.yaml").write_text("# bundled\ndocuments:\n  old.txt:\n    outlet: Old\n")
    save_article(folder, "new.txt", b"Some new article text about Gao.", LIMIT, manifest_entry("New", None))
    text = (tmp_path / "sources.yaml").read_text()
    assert text.startswith("# bundled")
    assert set(yaml.safe_load(text)["documents"]) == {"old.txt", "new.txt"}


def test_concurrent_saves_lose_nothing(tmp_path):
    folder = tmp_path / "articles"
    errors = []

    def add(index):
        try:
            save_article(folder, "same.txt", f"Article number {index} about Mopti.".encode(), LIMIT,
                         manifest_entry(f"O{index}", None))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    files = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert len(files) == 12
    assert set(yaml.safe_load((tmp_path / "sources.yaml").read_text())["documents"]) == set(files)
    assert {p.read_text() for p in folder.iterdir() if not p.name.startswith(".")} == \
        {f"Article number {i} about Mopti." for i in range(12)}


def test_save_rejects_bad_type_without_writing(tmp_path):
    with pytest.raises(UploadError):
        save_article(tmp_path / "articles", "x.pdf", b"%PDF", LIMIT)
    assert not (tmp_path / "articles").exists() or not list((tmp_path / "articles").iterdir())


def test_save_rejects_a_file_above_the_limit_without_writing(tmp_path):
    with pytest.raises(UploadError, match="upload limit"):
        save_article(tmp_path / "articles", "big.txt", b"x" * 11, 10)
    assert not (tmp_path / "articles").exists() or not list((tmp_path / "articles").iterdir())
    assert not (tmp_path / "sources.yaml").exists()
