"""Cold start: the bundled corpus's analysis ships as a snapshot that the store loads without the model."""
from __future__ import annotations

import shutil

from claimatlas.build import build_files, load_snapshot, open_store, snapshot_path, write_snapshot

from .conftest import ARTICLES, ROOT


def _no_analysis(documents, progress):
    raise AssertionError(f"the snapshot should have covered {[d.path for d in documents]}")


def test_the_shipped_snapshot_is_current_and_needs_no_model(tmp_path, bundled_store):
    """Fails when the analysis changed without `python -m claimatlas snapshot` (cold starts would analyse)."""
    snapshot = load_snapshot(snapshot_path(ARTICLES))
    assert set(snapshot.files) == {p.name for p in ARTICLES.glob("*.txt")}
    assert snapshot.stories, "the snapshot carries the corpus's stories (made with the shipped story model)"
    store = open_store(tmp_path / "store.duckdb")
    result = build_files(store, [ARTICLES], _no_analysis, snapshot=snapshot)
    assert result.errors == []
    assert store.records()[0] == bundled_store.records()[0]
    assert store.story_records() == bundled_store.story_records()
    assert store.story_links() == bundled_store.story_links()


def test_a_stale_snapshot_entry_is_analysed_again(tmp_path, resources):
    folder = tmp_path / "data" / "articles"
    shutil.copytree(ARTICLES, folder)
    shutil.copy(ROOT / "data" / "sources.yaml", tmp_path / "data" / "sources.yaml")
    snapshot = load_snapshot(snapshot_path(ARTICLES))
    edited = sorted(folder.glob("002_*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nA late paragraph on Kayes.\n", encoding="utf-8")
    analysed = []

    def counting(documents, progress):
        from claimatlas.pipeline import analyse_documents

        analysed.extend(d.path for d in documents)
        return analyse_documents(documents, resources)

    store = open_store(":memory:")
    build_files(store, [folder], counting, snapshot=snapshot)
    assert analysed == [str(edited)]
    assert all(r.path.startswith(str(folder)) for r in store.records()[0])
    out = tmp_path / "again.json.gz"
    assert write_snapshot(store, folder, out) == 5
    assert load_snapshot(out).files[edited.name][1][0].text.endswith("A late paragraph on Kayes.")
    # The edited corpus's stories were grouped again, over all five files.
    assert sum(len(s.documents) for s in store.story_records()) == len(store.records()[0])


def test_a_missing_or_foreign_snapshot_is_empty(tmp_path):
    assert load_snapshot(tmp_path / "nothing.json.gz") is None
    (tmp_path / "bad.json.gz").write_bytes(b"not gzip")
    assert load_snapshot(tmp_path / "bad.json.gz") is None
