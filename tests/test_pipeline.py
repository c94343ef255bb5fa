"""The batched parse: each document keeps its own parse and its own comments' parses."""
from __future__ import annotations

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
