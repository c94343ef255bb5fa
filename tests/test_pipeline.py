"""The batched parse (each document keeps its own parse and its own comments' parses) and the tokenizer's repairs."""
from __future__ import annotations

import pytest

from claimatlas.model import Document
from claimatlas.pipeline import BATCH_SIZE, parse_documents


def test_parse_stream_regroups_comments_with_their_document(nlp):
    comment_counts = [0, 2, 1, 0, BATCH_SIZE + 3, 1]
    documents = [
        Document(id=f"d{n}", path=f"d{n}.txt", text=f"Article {n} says fighters attacked Gao.",
                 comments=[f"Comment {k} on article {n}." for k in range(count)])
        for n, count in enumerate(comment_counts)
    ]
    parsed = list(parse_documents(documents, nlp))
    assert [document.id for document, _, _ in parsed] == [d.id for d in documents]
    for document, spacy_doc, comment_docs in parsed:
        assert spacy_doc.text == document.text
        assert [c.text for c in comment_docs] == document.comments
        assert all(c.has_annotation("DEP") for c in comment_docs)


@pytest.mark.parametrize(("language", "text", "tokens", "whole"), [
    ("en", "Deaths have risen sevenfold since 2019,the study reveals.", ["2019", ",", "the"], None),
    ("en", "The toll rose in 2023,according to the study.", ["2023", ",", "according"], None),
    ("fr", "En 2023,selon le rapport, les attaques ont doublé.", ["2023", ",", "selon"], None),
    ("en", "More than 1,000 people fled.", [], "1,000"),
    ("fr", "Plus de 1,5 million de personnes ont fui.", [], "1,5"),
])
def test_a_comma_glued_after_a_number_is_split(resources, language, text, tokens, whole):
    """A space left out after a comma ("2019,the") no longer glues the year to the next word; numbers stay whole."""
    found = [t.text for t in resources.pack(language).nlp(text)]
    assert all(token in found for token in tokens), found
    assert whole is None or whole in found, found
