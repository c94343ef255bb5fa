"""The DuckDB store: round trip, incremental analysis, SQL filters, concurrent writers."""
from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import shutil

import pytest

from claimatlas.build import build_files, file_batches, file_key, open_store
from claimatlas.model import (
    DocumentRecord,
    FileError,
    from_json,
    to_json,
)
from claimatlas.store import Filters
from claimatlas.store.schema import record_rows
from tests.conftest import ARTICLES, ROOT
from tests.records import claim, place, record

BAMAKO = (2460596, 12.65, -8.0)
KAYES = (2455518, 14.45, -11.44)

RECORDS = [
    record("a", "Outlet A", "2025-11-04",
            [claim("JNIM besieges Bamako.", 0, 4, "outlet", ["Bamako"]),
             claim("Officials say Kayes is calm.", 1, 1, "government_or_military", ["Kayes"])],
            [place("Bamako", *BAMAKO, 0), place("Kayes", *KAYES, 1, confidence=0.6)],
            {"conflict": 0.75, "human_interest": 0.25},
            comment_claims=[claim("Bamako will fall tomorrow.", 0, 4, "reader_comment", ["Bamako"])]),
    record("b", "Outlet B", "2025-11-13",
            [claim("The capital Bamako is not under threat.", 0, 2, "government_or_military", ["Bamako"])],
            [place("Bamako", *BAMAKO, 0)], {"conflict": 1.0}),
    record("c", "Outlet B", None,
            [claim("Fuel trucks were attacked near Kayes.", 0, 3, "unnamed_source", ["Kayes"])],
            [place("Kayes", *KAYES, 0)]),
]


@pytest.fixture()
def store():
    memory_store = open_store(":memory:")
    memory_store.ingest(RECORDS, [FileError("corpus/bad.bin", "binary file")])
    return memory_store


def test_records_round_trip_keeps_every_record(store):
    records, errors = store.records()
    assert [d.id for d in records] == ["a", "b", "c"]
    assert records == RECORDS
    assert errors == [FileError("corpus/bad.bin", "binary file")]


def test_a_record_survives_json():
    assert from_json(DocumentRecord, to_json(RECORDS[0])) == RECORDS[0]


def test_from_json_names_the_field_that_does_not_fit():
    import pydantic

    broken = to_json(RECORDS[0]) | {"claims": [{"sentence": "x"}]}
    with pytest.raises(pydantic.ValidationError, match="claims"):
        from_json(DocumentRecord, broken)


def test_record_rows_of_an_empty_record():
    bare = record("bare", "Outlet", None, [], [])
    rows = record_rows(bare, "test")
    assert len(rows["documents"]) == 1
    assert all(rows[t] == [] for t in ("claims", "places", "mentions", "frames", "sentences"))
    assert rows["documents"][0]["n_claims"] == 0


@pytest.mark.parametrize(("filters", "expected_ids"), [
    (Filters(), ["a", "b", "c"]),
    (Filters(outlets=("Outlet B",)), ["b", "c"]),
    (Filters(date_from=dt.date(2025, 11, 5)), ["b"]),
    (Filters(date_to=dt.date(2025, 11, 5)), ["a"]),
    (Filters(min_level=3), ["a", "c"]),
    (Filters(speaker_types=("government_or_military",)), ["a", "b"]),
    (Filters(place="kayes"), ["a", "c"]),
    (Filters(document="b"), ["b"]),
    (Filters(outlets=("Outlet A",), min_level=4, speaker_types=("outlet",)), ["a"]),
])
def test_document_filters(store, filters, expected_ids):
    assert store.documents(filters)["id"].tolist() == expected_ids


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), [("a", 4), ("a", 1), ("b", 2), ("c", 3)]),
    (Filters(include_comments=True), [("a", 4), ("a", 1), ("a", 4), ("b", 2), ("c", 3)]),
    (Filters(min_level=3), [("a", 4), ("c", 3)]),
    (Filters(place="Bamako"), [("a", 4), ("b", 2)]),
    (Filters(place="Bamako", include_comments=True, speaker_types=("reader_comment",)), [("a", 4)]),
    (Filters(outlets=("Outlet B",), speaker_types=("unnamed_source",)), [("c", 3)]),
])
def test_claim_filters(store, filters, expected):
    claims = store.claims(filters)
    assert list(zip(claims["document"], claims["level"])) == expected


def test_places_aggregate_across_documents(store):
    places = store.places().set_index("name")
    assert places.loc["Bamako", "mentions"] == 2
    assert places.loc["Bamako", "max_level"] == 4
    assert list(places.loc["Bamako", "outlets"]) == ["Outlet A", "Outlet B"]
    assert places.loc["Kayes", "max_level"] == 3
    assert places.loc["Kayes", "confidence"] == pytest.approx(0.9)
    assert (places.loc["Bamako", "lat"], places.loc["Bamako", "lon"]) == (12.65, -8.0)
    assert "2460597" in places.loc["Bamako", "alternatives"]


def test_places_follow_claim_filters(store):
    assert store.places(Filters(min_level=4)).set_index("name")["max_level"].to_dict() == {"Bamako": 4}
    assert store.places(Filters(outlets=("Outlet B",))).set_index("name")["max_level"].to_dict() == {"Bamako": 2,
                                                                                                        "Kayes": 3}
    assert store.places(Filters(speaker_types=("government_or_military",)))["name"].tolist() == ["Bamako", "Kayes"]


def test_mentions_carry_their_sentence(store):
    mentions = store.mentions(Filters(place="Kayes"))
    assert mentions["document"].tolist() == ["a", "c"]
    assert mentions["sentence"].tolist() == ["Officials say Kayes is calm.", "Fuel trucks were attacked near Kayes."]
    assert mentions["text"].tolist() == ["Kayes", "Kayes"]


def test_frames_and_outlets(store):
    frames = store.frames(Filters(outlets=("Outlet A",)))
    assert dict(zip(frames["frame"], frames["share"])) == {"conflict": 0.75, "human_interest": 0.25}
    outlets = store.outlets().set_index("outlet")
    assert outlets["documents"].to_dict() == {"Outlet A": 1, "Outlet B": 2}


def test_ingest_replaces_a_document_instead_of_duplicating(store):
    changed = dataclasses.replace(RECORDS[1], content_hash="hash-b2", claims=[], places=[], frames={})
    store.ingest([changed])
    assert store.documents()["id"].tolist() == ["a", "b", "c"]
    assert store.claims(Filters(document="b")).empty
    assert store.places(Filters(document="b")).empty


@pytest.fixture()
def article_copy(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    shutil.copy(ROOT / "data" / "sources.yaml", tmp_path / "sources.yaml")
    return folder


def test_build_is_incremental(tmp_path, article_copy, resources):
    store = open_store(tmp_path / "store.duckdb")
    analysed: list[str] = []

    def counting(documents, progress):
        from claimatlas.pipeline import analyse_documents

        analysed.extend(d.path for d in documents)
        return analyse_documents(documents, resources, progress=progress)

    def ids() -> list[str]:
        return [d.id for d in store.records()[0]]

    build_files(store, [article_copy], counting, batch_documents=2)
    assert len(set(analysed)) == 5
    first = ids()
    assert len(first) >= 5

    analysed.clear()
    build_files(store, [article_copy], counting)
    assert analysed == []
    assert ids() == first

    target = sorted(article_copy.glob("002_*.txt"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n\nA new closing paragraph about Kayes.\n",
                      encoding="utf-8")
    (article_copy / "005_added.txt").write_text("Fuel convoys reached Bamako on Monday, officials said.\n",
                                                encoding="utf-8")
    analysed.clear()
    build_files(store, [article_copy], counting)
    assert sorted({p.rsplit("/", 1)[-1] for p in analysed}) == [target.name, "005_added.txt"]
    changed = next(d for d in store.records()[0] if d.path == str(target))
    assert changed.text.endswith("A new closing paragraph about Kayes.")
    assert len(ids()) == len(first) + 1

    (article_copy / "005_added.txt").unlink()
    build_files(store, [article_copy], counting)
    assert len(ids()) == len(first)
    assert len(open_store(tmp_path / "store.duckdb").records()[0]) == len(first)


def test_editing_the_codebook_reanalyses_stored_files(tmp_path, resources):
    from claimatlas.framing.codebook import DEFAULT_CODEBOOK
    from claimatlas.pipeline import analyse_documents
    from claimatlas.settings import Settings

    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("Fuel convoys reached Bamako on Monday, officials said.\n", encoding="utf-8")
    codebook = tmp_path / "frames.yaml"
    codebook.write_text(DEFAULT_CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings(frames=str(codebook))
    store = open_store(tmp_path / "store.duckdb")
    analysed: list[str] = []

    def counting(documents, progress):
        analysed.extend(d.path for d in documents)
        return analyse_documents(documents, resources, progress=progress)

    from claimatlas.build import cue_files_digest

    before = file_key(article, None, cue_files_digest(settings.frames))
    build_files(store, [folder], counting, settings=settings)
    build_files(store, [folder], counting, settings=settings)
    assert analysed == [str(article)]
    codebook.write_text(codebook.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert file_key(article, None, cue_files_digest(settings.frames)) != before
    build_files(store, [folder], counting, settings=settings)
    assert analysed == [str(article), str(article)]
    assert len(store.records()[0]) == 1


def _write_batch(path: str, prefix: str, count: int) -> None:
    store = open_store(path)
    for n in range(count):
        record = dataclasses.replace(RECORDS[0], id=f"{prefix}{n}", path=f"{prefix}/{n}.txt", content_hash=f"{prefix}{n}")
        store.ingest([record])


def test_concurrent_writers_lose_nothing(tmp_path):
    path = str(tmp_path / "shared.duckdb")
    reader = open_store(path)
    assert reader.documents().empty, "a read connection is open while the writers start"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_batch, args=(path, prefix, 15)) for prefix in ("x", "y")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    ids = reader.documents()["id"].tolist()
    assert sorted(ids) == sorted([f"x{n}" for n in range(15)] + [f"y{n}" for n in range(15)])
    assert len(open_store(path).claims()) == 30 * 2


def test_generated_corpus_is_real_sentences_under_generated_outlets(tmp_path, nlp):
    from claimatlas.generate import FIRST_DATE, LAST_DATE, generate_corpus, sentence_pool
    from claimatlas.ingest.corpus import load_corpus

    pool = sentence_pool(nlp)
    real = {s for article in pool.articles for s in article}
    files = generate_corpus(tmp_path / "gen", 30, seed=3, outlets=5, pool=pool)
    assert len(files) == 30
    corpus = load_corpus([tmp_path / "gen"])
    assert corpus.errors == []
    assert len(corpus.documents) == 30
    assert len({d.outlet for d in corpus.documents}) <= 5
    assert all(FIRST_DATE.isoformat() <= d.published <= LAST_DATE.isoformat() for d in corpus.documents)
    for document in corpus.documents:
        body = document.text.split("\n\n")[1:]
        sentences = [s for paragraph in body for s in real if s in paragraph]
        assert sum(map(len, sentences)) >= 0.9 * sum(map(len, body)), document.id
    again = generate_corpus(tmp_path / "again", 30, seed=3, outlets=5, pool=pool)
    assert [f.read_text(encoding="utf-8") for f in again] == [f.read_text(encoding="utf-8") for f in files]


class _Doc:
    def __init__(self, path: str):
        self.path = path


@pytest.mark.parametrize(("paths", "size", "expected"), [
    ("aabbc", 2, ["aa", "bb", "c"]),
    ("aaab", 2, ["aaa", "b"]),
    ("abcde", 2, ["ab", "cd", "e"]),
    ("abcde", None, ["abcde"]),
    ("", 3, []),
])
def test_file_batches_never_split_a_file(paths, size, expected):
    batches = file_batches([_Doc(p) for p in paths], size)
    assert ["".join(d.path for d in batch) for batch in batches] == expected


def test_limit_keeps_the_first_rows_in_corpus_order(store):
    assert list(zip(store.claims(limit=2)["document"], store.claims(limit=2)["level"])) == [("a", 4), ("a", 1)]
    assert store.mentions(Filters(place="Kayes"), limit=1)["document"].tolist() == ["a"]


def test_mentions_follow_claim_filters(store):
    assert store.mentions(Filters(min_level=4))["place"].tolist() == ["Bamako"]
    assert store.mentions(Filters(speaker_types=("unnamed_source",)))["document"].tolist() == ["c"]


def test_threads_read_through_their_own_cursors_while_a_writer_gets_in(tmp_path):
    import threading

    path = tmp_path / "threads.duckdb"
    store = open_store(path)
    store.ingest(RECORDS)
    failures: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(15):
                assert len(store.claims(Filters())) >= 4
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    readers = [threading.Thread(target=read) for _ in range(6)]
    for thread in readers:
        thread.start()
    store.ingest([dataclasses.replace(RECORDS[0], id="late", path="corpus/late.txt", content_hash="late")])
    for thread in readers:
        thread.join(60)
    assert failures == []
    assert "late" in store.documents()["id"].tolist()


def test_an_edit_to_the_page_furniture_patterns_reanalyses(tmp_path, monkeypatch):
    import claimatlas.build as build

    patterns = tmp_path / "boilerplate.yaml"
    patterns.write_text(build.BOILERPLATE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(build, "BOILERPLATE_FILE", patterns)
    before = build.cue_files_digest()
    patterns.write_text(patterns.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build.cue_files_digest() != before
