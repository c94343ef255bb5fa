"""Ingestion: decoding, cleaning, splitting, manifest, near-duplicates and bad input."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from claimatlas.ingest.cleaning import is_boilerplate
from claimatlas.ingest.corpus import documents_from_bytes, load_corpus
from claimatlas.ingest.manifest import load_manifest
from claimatlas.ingest.metadata import document_metadata, infer_outlet, infer_published, infer_title
from claimatlas.ingest.readers import IngestError, decode_bytes
from claimatlas.model import FileError

from .conftest import ARTICLES, ROOT

DATA = Path(__file__).parent / "data"
ARTICLE_TEXT = (
    "Fighters of JNIM attacked a fuel convoy on the road to Bamako on Monday, residents said.\n\n"
    "The army said the situation was under control and that the convoy reached the capital."
)
HTML_WITH_SCRIPTS = """<html><head><title>Fuel blockade tightens around Bamako</title>
<script>alert("head")</script></head><body><nav>Home | World | Sport</nav><article>
<h1>Fuel blockade tightens around Bamako</h1>
<p>Fighters of JNIM have attacked fuel convoys on the roads leading to Bamako, the capital of Mali,
for several weeks, residents said on Monday.</p><script>document.write("INJECTED")</script>
<p>Queues at petrol stations stretched for kilometres and schools were closed for two weeks,
the education ministry said in a statement.</p><img src="x" onerror="alert('img')"></article>
<footer>Copyright 2025</footer></body></html>"""


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def workdir(tmp_path):
    """An empty corpus folder with an articles/ subfolder."""
    (tmp_path / "articles").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Listen to the article", True),
        ("BY: 5 min read", True),
        ("Featured image for: Al Qaeda militants near takeover of Mali's capital, Bamako", True),
        ("Image for Al Qaeda militants near takeover of Mali", True),
        ("Tags", True),
        ("Fact Checker", True),
        ("Verify the accuracy of this article using The Disinformation Commission analysis and real-time sources.", True),
        ("Reuters", True),
        ("Al Qaeda militants near takeover of Mali's capital, Bamako", False),
        ("Reuters reported that the convoy was attacked.", False),
        ("Image of a burning tanker circulated widely on Monday.", False),
        # rights notices, disclaimers and publication notes (English and French)
        ("Copyright 2025 Example Media. All rights reserved.", True),
        ("© 2025 Jeune Afrique", True),
        ("Tous droits réservés.", True),
        ("The views expressed in this article are those of the author.", True),
        ("This story was originally published by Reuters.", True),
        ("Cet article a été initialement publié sur RFI.", True),
        ("Les opinions exprimées n'engagent que leur auteur.", True),
        ("Copyright disputes are not at issue.", False),
        ("The article was published as fighting raged near Bamako.", False),
        ("This report was published on Monday and warned of attacks.", False),
        ("The views expressed by the minister alarmed residents of Bamako.", False),
    ],
)
def test_boilerplate_lines(line, furniture):
    assert is_boilerplate(line) is furniture


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Bamako, près du fleuve Niger".encode(), "Bamako, près du fleuve Niger"),
        ("Café à Bamako, près du fleuve Niger. Les élèves sont retournés.".encode("latin-1"),
         "Café à Bamako, près du fleuve Niger. Les élèves sont retournés."),
        ("Ségou et Mopti, au centre du Mali".encode("utf-16"), "Ségou et Mopti, au centre du Mali"),
        ("\ufeffBOM then text".encode(), "BOM then text"),
    ],
)
def test_decode_bytes_detects_encoding(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "binary"),
        (bytes(range(128, 256)) * 8, "encoding"),
    ],
)
def test_decode_bytes_rejects_non_text(data, message):
    with pytest.raises(IngestError, match=message):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a State Department spokesperson told Fox News Digital, emphasizing", "Fox News Digital"),
        ("BAMAKO (Reuters) - Gunfire was heard", "Reuters"),
        ("the minister told Abdoulaye that", None),
        ("No outlet is named here.", None),
        ("Soldiers patrol in Gao. (AP Photo/Baba Ahmed)", None),   # a photo credit is not the outlet
    ],
)
def test_infer_outlet(text, expected):
    found = infer_outlet(text)
    assert (found[0] if found else None) == expected
    assert found is None or found[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (["As of November 4, 2025, militants are advancing"], "2025-11-04"),
        (["Foreign Minister Abdoulaye Diop, Bamako, Mali, 12 November, 2025"], "2025-11-12"),
        (["Headline", "Body.", "More body.", "Still more.", "Published 2024-09-17 at dawn"], "2024-09-17"),
        (["Schools reopened this week."], None),
        (["Mali junta extends its rule", "File photo: troops in Gao, 12 March 2012"], None),   # a caption's date
        (["Headline", "One.", "Two.", "Three.", "Related: the 17 September 2024 attack"], None),  # a related link
    ],
)
def test_infer_published(text, expected):
    assert infer_published(text) == expected


@pytest.mark.parametrize(("entry", "record", "outlet", "source"), [
    ({"outlet": "Reuters"}, {}, "Reuters", None),
    ({}, {"url": "https://www.rfi.fr/en/africa/x"}, "rfi.fr", "the URL's domain"),
    ({"outlet": "unknown", "url": "https://maliweb.net/a"}, {}, "maliweb.net", "the URL's domain"),
    ({}, {"outlet": "Studio Tamani", "metadata_source": "the page's metadata"}, "Studio Tamani",
     "the page's metadata"),
    ({}, {}, "Fox News Digital", 'the text: "told Fox News Digital"'),
])
def test_outlet_comes_from_the_best_source_and_says_which(entry, record, outlet, source):
    text = "A spokesperson told Fox News Digital that the embassy was open."
    meta, inferred = document_metadata(entry, {"text": text, **record}, [text], text)
    assert (meta["outlet"], inferred.get("outlet")) == (outlet, source)


def test_infer_title_skips_section_labels():
    assert infer_title(["International", "Al Qaeda militants near takeover of Mali's capital, Bamako"]) == \
        "Al Qaeda militants near takeover of Mali's capital, Bamako"


# ------------------------------------------------------------ the bundled corpus

def test_bundled_corpus_loads_without_errors(bundled_corpus):
    assert bundled_corpus.errors == []
    assert {d.id.split("#")[0] for d in bundled_corpus.documents} == {p.stem for p in ARTICLES.glob("*.txt")}


def test_manifest_outlets_and_dates(bundled_corpus):
    by_id = {d.id: d for d in bundled_corpus.documents}
    assert by_id["000_455dcc7ecbe35265"].outlet == "demstate.com"
    assert by_id["000_455dcc7ecbe35265"].published == "2025-11-04"
    assert by_id["001_fbd02762194a3611"].outlet == "news.disinformationcommission.com"
    assert by_id["001_fbd02762194a3611"].published is None
    assert by_id["002_f7359456ba5a3bcf"].outlet == "anewz.tv"
    assert by_id["002_f7359456ba5a3bcf"].published == "2025-11-13"
    assert by_id["004_ae73c230a4e11731"].outlet == "a47news.ai"
    assert all(set(d.inferred) <= {"language"} for d in bundled_corpus.documents if d.cited_by is None)


def test_reader_comments_are_split_from_the_body(bundled_corpus):
    doc = next(d for d in bundled_corpus.documents if d.id == "001_fbd02762194a3611")
    assert len(doc.comments) == 12
    for comment in doc.comments:
        assert comment not in doc.text
    assert "12 Comments" not in doc.text
    assert doc.text.rstrip().endswith("as they exited Niger.”")


def test_aggregator_is_split_into_summary_and_cited_articles(bundled_corpus):
    parts = [d for d in bundled_corpus.documents if d.id.startswith("004_")]
    summary, cited = parts[0], parts[1:]
    assert summary.kind == "aggregator_summary" and summary.outlet == "a47news.ai"
    assert {d.outlet for d in cited} == {"France 24", "Al Jazeera"}
    assert all(d.kind == "cited_article" and d.cited_by == summary.id for d in cited)
    titles = [d.title for d in cited]
    assert len(titles) == len(set(titles)) == 5
    paragraphs = [p for d in parts for p in d.text.split("\n\n")]
    assert len(paragraphs) == len(set(paragraphs)), "a blurb appears twice"
    whole = "\n".join(d.text for d in parts)
    for description in ("Qatar-based broadcaster", "Middle Eastern", "European perspective", "A47 Editor"):
        assert description not in whole


def test_no_boilerplate_line_in_any_body(bundled_corpus):
    for doc in bundled_corpus.documents:
        for line in doc.text.split("\n\n"):
            assert not is_boilerplate(line), (doc.id, line)
        for marker in ("Listen to the article", "min read", "Featured image", "Image for", "Fact Checker",
                       "Disinformation Commission analysis"):
            assert marker not in doc.text, (doc.id, marker)


def test_loading_never_modifies_source_files(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    shutil.copy(ROOT / "data" / "sources.yaml", tmp_path / "sources.yaml")
    before = _tree_digest(folder) | _tree_digest(tmp_path)
    load_corpus([folder])
    assert _tree_digest(folder) | _tree_digest(tmp_path) == before


# ------------------------------------------------------------ user files and bad input

def test_user_file_without_manifest_entry_gets_inferred_metadata(workdir):
    shutil.copy(ARTICLES / "001_fbd02762194a3611.txt", workdir / "articles" / "mine.txt")
    corpus = load_corpus([workdir / "articles"])
    doc = corpus.documents[0]
    assert doc.outlet == "Fox News Digital"
    assert doc.title == "US Issues Urgent Warning as Al Qaeda-Linked Group Threatens to Seize Mali"
    assert doc.inferred["outlet"] == 'the text: "told Fox News Digital"'
    assert doc.inferred["title"] == "the first headline-like line"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(200), "binary"),
        ("unknown.txt", bytes(range(128, 256)) * 8, "encoding"),
        ("furniture.txt", b"Listen to the article\nTags\n", "no article text"),
        ("image.png", b"\x89PNG\r\n", "unsupported file type"),
        ("bad.json", b'{"text": 42}', "no string 'text'"),
        ("list.json", b'[{"text": "A convoy was attacked near Bamako on Monday, the army said."}, 3]', "item 1"),
        ("broken.json", b'{"text": "unterminated', "invalid JSON"),
    ],
)
def test_bad_file_is_reported_and_the_rest_analysed(workdir, name, content, message):
    (workdir / "articles" / name).write_bytes(content)
    (workdir / "articles" / "good.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    corpus = load_corpus([workdir / "articles"])
    assert [d.id for d in corpus.documents] == ["good"]
    assert len(corpus.errors) == 1
    assert corpus.errors[0].path.endswith(name)
    assert message in corpus.errors[0].error


def test_file_above_the_size_limit_is_reported_and_the_rest_analysed(workdir):
    (workdir / "articles" / "big.txt").write_text(ARTICLE_TEXT * 3, encoding="utf-8")
    (workdir / "articles" / "good.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    limit = len(ARTICLE_TEXT.encode("utf-8")) + 1
    corpus = load_corpus([workdir / "articles"], max_file_bytes=limit)
    assert [d.id for d in corpus.documents] == ["good"]
    assert [e.path for e in corpus.errors] == [str(workdir / "articles" / "big.txt")]
    assert "above the" in corpus.errors[0].error
    assert [d.id for d in load_corpus([workdir / "articles"]).documents] == ["big", "good"]


def test_html_main_text_without_scripts(workdir):
    (workdir / "articles" / "page.html").write_text(HTML_WITH_SCRIPTS, encoding="utf-8")
    doc = load_corpus([workdir / "articles"]).documents[0]
    assert doc.title == "Fuel blockade tightens around Bamako"
    assert "petrol stations" in doc.text
    for leaked in ("alert", "INJECTED", "onerror", "Home | World", "<"):
        assert leaked not in doc.text


def test_json_list_of_articles(workdir):
    items = [
        {"text": ARTICLE_TEXT, "outlet": "Example Wire", "published": "2025-11-01", "comments": ["A reader view."]},
        {"body": ARTICLE_TEXT.replace("Monday", "Tuesday"), "title": "Second"},
    ]
    (workdir / "articles" / "feed.json").write_text(json.dumps(items), encoding="utf-8")
    docs = load_corpus([workdir / "articles"]).documents
    assert [d.id for d in docs] == ["feed[0]", "feed[1]"]
    assert docs[0].outlet == "Example Wire" and docs[0].comments == ["A reader view."]
    assert docs[1].title == "Second"


def test_json_single_object_takes_the_file_stem(workdir):
    item = {"text": ARTICLE_TEXT, "outlet": "Example Wire"}
    (workdir / "articles" / "single.json").write_text(json.dumps(item), encoding="utf-8")
    docs = load_corpus([workdir / "articles"]).documents
    assert [d.id for d in docs] == ["single"]
    assert docs[0].outlet == "Example Wire"


def test_malformed_manifest_is_reported_and_files_still_load(workdir):
    (workdir / "sources.yaml").write_text("documents: [unclosed\n  - : :", encoding="utf-8")
    (workdir / "articles" / "good.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    corpus = load_corpus([workdir / "articles"])
    assert [d.id for d in corpus.documents] == ["good"]
    assert corpus.errors[0].path.endswith("sources.yaml")
    assert "malformed manifest" in corpus.errors[0].error


def test_manifest_unknown_keys_and_bad_dates(workdir):
    (workdir / "sources.yaml").write_text(
        "documents:\n  good.txt:\n    outlet: Example Wire\n    published: 'next Tuesday'\n    colour: blue\n",
        encoding="utf-8")
    (workdir / "articles" / "good.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    entries, errors = load_manifest(workdir / "sources.yaml")
    assert entries["good.txt"] == {"outlet": "Example Wire", "published": None}
    messages = " ".join(e.error for e in errors)
    assert "unknown keys ['colour']" in messages and "'next Tuesday' is not a YYYY-MM-DD date" in messages


def test_manifest_entry_for_missing_file(workdir):
    (workdir / "sources.yaml").write_text("documents:\n  gone.txt:\n    outlet: Example Wire\n", encoding="utf-8")
    (workdir / "articles" / "good.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    corpus = load_corpus([workdir / "articles"])
    assert [d.id for d in corpus.documents] == ["good"]
    assert corpus.errors == [FileError(str(workdir / "sources.yaml"), "lists 'gone.txt', but no such file was found")]


def test_identical_files_are_linked(workdir):
    for name in ("a.txt", "b.txt"):
        (workdir / "articles" / name).write_text(ARTICLE_TEXT, encoding="utf-8")
    a, b = load_corpus([workdir / "articles"]).documents
    assert a.duplicate_of is None
    assert b.duplicate_of == "a"
    assert any("identical text to a.txt" in w for w in b.warnings)


def test_files_sharing_a_stem_do_not_stop_the_corpus(workdir):
    (workdir / "articles" / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (workdir / "articles" / "a.md").write_text("Schools reopened in Gao this week after the river boats returned.",
                                               encoding="utf-8")
    corpus = load_corpus([workdir / "articles"])
    assert sorted(d.path for d in corpus.documents) == sorted(str(workdir / "articles" / n) for n in ("a.md", "a.txt"))


def test_near_duplicate_survives_rewording():
    corpus = load_corpus([ARTICLES, DATA / "rewrite_of_001.txt"])
    linked = {d.id: d.duplicate_of for d in corpus.documents if d.duplicate_of}
    assert linked == {"rewrite_of_001": "001_fbd02762194a3611"}


def test_french_article_is_read_as_french_without_a_warning():
    text = ("Le ministre des Affaires étrangères a rejeté mercredi les affirmations selon lesquelles "
            "la capitale serait menacée par les jihadistes. Les écoles de Bamako ont rouvert cette semaine.")
    doc = documents_from_bytes(text.encode("utf-8"), "article-fr.txt")[0]
    assert doc.language == "fr"
    assert doc.warnings == []


def test_an_article_in_a_language_not_analysed_is_flagged():
    text = ("Der Außenminister wies am Mittwoch Behauptungen zurück, wonach die Hauptstadt von Dschihadisten "
            "bedroht sei. Die Schulen in Bamako haben diese Woche wieder geöffnet.")
    doc = documents_from_bytes(text.encode("utf-8"), "artikel-de.txt")[0]
    assert doc.language == "de"
    assert any("not analysed" in w for w in doc.warnings)
