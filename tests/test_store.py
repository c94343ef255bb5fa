"""The DuckDB store: round trip, incremental analysis, SQL filters, concurrent writers."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil

import pytest

from claimatlas.filters import Filters
from claimatlas.store import Store, file_batches, file_key, record_rows
from tests.conftest import ARTICLES, ROOT


def _record(doc_id: str, outlet: str, published: str | None, claims: list[dict], places: list[dict],
            frames: dict[str, float] | None = None, comment_claims: list[dict] | None = None) -> dict:
    return {
        "id": doc_id, "path": f"corpus/{doc_id}.txt", "outlet": outlet, "title": doc_id.title(),
        "published": published, "url": None, "kind": "article", "language": "en", "duplicate_of": None,
        "content_hash": f"hash-{doc_id}", "text": " ".join(c["sentence"] for c in claims), "comments": [],
        "places": places, "claims": claims, "comment_claims": comment_claims or [],
        "severity": {"score": max((c["level"] for c in claims), default=0) / 4,
                     "level": max((c["level"] for c in claims), default=0), "claims": len(claims)},
        "frames": frames or {},
    }


def _claim(sentence: str, index: int, level: int, speaker_type: str, places: list[str]) -> dict:
    return {"sentence": sentence, "sentence_index": index, "start": 0, "end": len(sentence), "level": level,
            "score": level / 4, "speaker": "someone", "speaker_type": speaker_type, "certainty": "asserted",
            "stance": "affirms", "voice": "direct", "places": places, "cues": ["blockade"]}


def _place(name: str, geonameid: int, lat: float, lon: float, sentence: int, confidence: float = 0.9) -> dict:
    return {"name": name, "lat": lat, "lon": lon, "country": "ML", "geonameid": geonameid, "feature": "PPLC",
            "confidence": confidence, "mentions": 1, "alternatives": [{"name": name, "geonameid": geonameid + 1}],
            "spans": [{"sentence": sentence, "start": 3, "end": 3 + len(name), "text": name}]}


BAMAKO = (2460596, 12.65, -8.0)
KAYES = (2455518, 14.45, -11.44)

RECORDS = [
    _record("a", "Outlet A", "2025-11-04",
            [_claim("JNIM besieges Bamako.", 0, 4, "outlet", ["Bamako"]),
             _claim("Officials say Kayes is calm.", 1, 1, "government_or_military", ["Kayes"])],
            [_place("Bamako", *BAMAKO, 0), _place("Kayes", *KAYES, 1, confidence=0.6)],
            {"conflict": 0.75, "human_interest": 0.25},
            comment_claims=[_claim("Bamako will fall tomorrow.", 0, 4, "reader_comment", ["Bamako"])]),
    _record("b", "Outlet B", "2025-11-13",
            [_claim("The capital Bamako is not under threat.", 0, 2, "government_or_military", ["Bamako"])],
            [_place("Bamako", *BAMAKO, 0)], {"conflict": 1.0}),
    _record("c", "Outlet B", None,
            [_claim("Fuel trucks were attacked near Kayes.", 0, 3, "unnamed_source", ["Kayes"])],
            [_place("Kayes", *KAYES, 0)]),
]


@pytest.fixture()
def store():
    memory_store = Store(":memory:")
    memory_store.ingest({"documents": RECORDS, "errors": [{"path": "corpus/bad.bin", "error": "binary file"}]})
    return memory_store


def test_report_round_trip_keeps_every_record(store):
    report = store.report()
    assert [d["id"] for d in report["documents"]] == ["a", "b", "c"]
    assert report["documents"] == RECORDS
    assert report["errors"] == [{"path": "corpus/bad.bin", "error": "binary file"}]
    assert {o["outlet"]: o["documents"] for o in report["outlets"]} == {"Outlet A": ["a"], "Outlet B": ["b", "c"]}


def test_record_rows_tolerate_missing_keys():
    rows = record_rows({"id": "bare", "path": "x.txt", "content_hash": "h"})
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
    changed = dict(RECORDS[1], content_hash="hash-b2", claims=[], places=[], frames={})
    store.ingest({"documents": [changed]})
    assert store.documents()["id"].tolist() == ["a", "b", "c"]
    assert store.claims(Filters(document="b")).empty
    assert store.places(Filters(document="b")).empty


@pytest.fixture()
def article_copy(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    shutil.copy(ROOT / "data" / "sources.yaml", tmp_path / "sources.yaml")
    return folder


def test_analyse_is_incremental(tmp_path, article_copy, resources):
    store = Store(tmp_path / "store.duckdb")
    analysed: list[str] = []

    def counting(documents, progress):
        from claimatlas.pipeline import analyse_documents

        analysed.extend(d.path for d in documents)
        return analyse_documents(documents, resources, progress=progress)

    first = store.analyse([article_copy], analyser=counting, batch_documents=2)
    assert len({p for p in analysed}) == 5
    assert len(first["documents"]) >= 5

    analysed.clear()
    again = store.analyse([article_copy], analyser=counting)
    assert analysed == []
    assert [d["id"] for d in again["documents"]] == [d["id"] for d in first["documents"]]

    target = sorted(article_copy.glob("002_*.txt"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n\nA new closing paragraph about Kayes.\n",
                      encoding="utf-8")
    (article_copy / "005_added.txt").write_text("Fuel convoys reached Bamako on Monday, officials said.\n",
                                                encoding="utf-8")
    analysed.clear()
    third = store.analyse([article_copy], analyser=counting)
    assert sorted({p.rsplit("/", 1)[-1] for p in analysed}) == [target.name, "005_added.txt"]
    changed = next(d for d in third["documents"] if d["path"] == str(target))
    assert changed["text"].endswith("A new closing paragraph about Kayes.")
    assert len(third["documents"]) == len(first["documents"]) + 1

    (article_copy / "005_added.txt").unlink()
    fourth = store.analyse([article_copy], analyser=counting)
    assert len(fourth["documents"]) == len(first["documents"])
    assert len(Store(tmp_path / "store.duckdb").report()["documents"]) == len(first["documents"])


def test_editing_the_codebook_reanalyses_stored_files(tmp_path, monkeypatch, resources):
    from claimatlas.framing import DEFAULT_CODEBOOK
    from claimatlas.pipeline import analyse_documents

    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("Fuel convoys reached Bamako on Monday, officials said.\n", encoding="utf-8")
    codebook = tmp_path / "frames.yaml"
    codebook.write_text(DEFAULT_CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("CLAIMATLAS_FRAMES", str(codebook))
    store = Store(tmp_path / "store.duckdb")
    analysed: list[str] = []

    def counting(documents, progress):
        analysed.extend(d.path for d in documents)
        return analyse_documents(documents, resources, progress=progress)

    before = file_key(article, None)
    store.analyse([folder], analyser=counting)
    store.analyse([folder], analyser=counting)
    assert analysed == [str(article)]
    codebook.write_text(codebook.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert file_key(article, None) != before
    store.analyse([folder], analyser=counting)
    assert analysed == [str(article), str(article)]
    assert len(store.report()["documents"]) == 1


def _write_batch(path: str, prefix: str, count: int) -> None:
    store = Store(path)
    for n in range(count):
        record = dict(RECORDS[0], id=f"{prefix}{n}", path=f"{prefix}/{n}.txt", content_hash=f"{prefix}{n}")
        store.ingest({"documents": [record]})


def test_concurrent_writers_lose_nothing(tmp_path):
    path = str(tmp_path / "shared.duckdb")
    reader = Store(path)
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
    assert len(Store(path).claims()) == 30 * 2


def test_generated_corpus_is_real_sentences_under_generated_outlets(tmp_path, nlp):
    from claimatlas.corpus import load_corpus
    from claimatlas.generate import FIRST_DATE, LAST_DATE, generate_corpus, sentence_pool

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
