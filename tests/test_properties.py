"""Property-based tests on arbitrary input: ingestion never fails other than with a clear IngestError."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimatlas.ingest.corpus import documents_from_bytes
from claimatlas.ingest.readers import SUPPORTED_SUFFIXES, IngestError, decode_bytes
from claimatlas.model import to_json
from claimatlas.store.filters import Filters, from_query_params, read_query_params, to_query_params
from claimatlas.vocab import SPEAKER_TYPES

SUFFIXES = st.sampled_from(SUPPORTED_SUFFIXES)


@given(st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_a_clear_error(data):
    try:
        text = decode_bytes(data)
    except IngestError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000), SUFFIXES)
def test_document_from_any_text(text, suffix):
    try:
        documents = documents_from_bytes(text.encode("utf-8"), "pasted" + suffix)
    except IngestError as exc:
        assert str(exc)
    else:
        assert documents
        for doc in documents:
            assert doc.text.strip()
            assert "\x00" not in doc.text


@settings(deadline=None)
@given(st.text(min_size=30, max_size=2000, alphabet=st.characters(codec="utf-8")))
def test_same_text_same_documents(text):
    def load():
        try:
            return [(to_json(d), d.content_hash) for d in documents_from_bytes(text.encode("utf-8"), "a.txt")]
        except IngestError as exc:
            return str(exc)

    assert load() == load()


FILTERS = st.builds(
    Filters,
    outlets=st.lists(st.text(min_size=1, max_size=20), max_size=4, unique=True).map(tuple),
    date_from=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1))),
    date_to=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1))),
    min_level=st.integers(0, 4),
    speaker_types=st.lists(st.sampled_from(SPEAKER_TYPES), unique=True, max_size=3).map(tuple),
    include_comments=st.booleans(),
    place=st.one_of(st.none(), st.text(min_size=1, max_size=30)),
    document=st.one_of(st.none(), st.text(min_size=1, max_size=30)),
)


@given(FILTERS)
def test_filters_round_trip_through_query_params(filters):
    assert from_query_params(to_query_params(filters)) == filters


@given(st.dictionaries(st.sampled_from(["outlet", "from", "to", "min_level", "speaker", "comments", "place", "doc", "x"]),
                       st.one_of(st.text(max_size=15), st.lists(st.text(max_size=15), max_size=3))))
def test_any_query_params_give_valid_filters(params):
    filters = from_query_params(params)
    assert 0 <= filters.min_level <= 4
    assert set(filters.speaker_types) <= set(SPEAKER_TYPES)


@pytest.mark.parametrize("params, notices", [
    ({"outlet": ["anewz.tv"], "from": "2025-11-01", "min_level": "3", "comments": "1", "place": "Bamako"}, 0),
    ({"outlet": ["nope"]}, 1),
    ({"from": "2025-02-30"}, 1),
    ({"min_level": "9"}, 1),
    ({"speaker": ["analyst", "wizard"]}, 1),
    ({"to": ["2025-11-01", "2025-11-02"]}, 1),
    ({"bogus": "1"}, 1),
    ({"place": "x" * 1000}, 1),
])
def test_link_notices_say_what_was_ignored(params, notices):
    filters, said = read_query_params(params, known_outlets=["anewz.tv"])
    assert len(said) == notices, said
    assert isinstance(filters, Filters)
