"""Claims: levels, certainty, speakers, gauges, contradictions, and the labelled-set agreement."""
from __future__ import annotations

import copy
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimatlas.claims import detect_claims, find_contradictions, load_cues, severity_gauge
from claimatlas.claims.cues import CueIndex, match_cues
from claimatlas.claims.gauge import claim_score, level_of_score, stance_of_level
from claimatlas.claims.units import claim_units, quote_spans
from claimatlas.evaluate.claims import CLAIMBUSTER, claimbuster_scores, labelled_agreement, load_labels
from claimatlas.model import Claim, Place, PlaceSpan
from claimatlas.report.contract import outlet_gauges
from claimatlas.vocab import CERTAINTIES

# ---------------------------------------------------------------- pure functions


@pytest.mark.parametrize("level, certainty, score", [
    (0, "asserted", 0), (0, "denied", 0), (1, "asserted", 25), (2, "hedged", 44),
    (3, "conditional", 66), (3, "disputed", 63), (4, "asserted", 100), (4, "hedged", 94),
])
def test_claim_score(level, certainty, score):
    assert claim_score(level, certainty) == score


@pytest.mark.parametrize("level", range(5))
@pytest.mark.parametrize("certainty", CERTAINTIES)
def test_score_stays_in_its_level_band(level, certainty):
    assert level_of_score(claim_score(level, certainty)) == level


@pytest.mark.parametrize("level, stance", [(0, "reassuring"), (1, "neutral"), (2, "neutral"), (3, "alarming"),
                                           (4, "alarming")])
def test_stance_of_level(level, stance):
    assert stance_of_level(level) == stance


@pytest.mark.parametrize("text, spans", [
    ('He said "we are safe" today.', [(8, 21)]),
    ("“One.” Then “two", [(0, 6), (12, 16)]),
    ("No quotes here, it’s fine.", []),
])
def test_quote_spans(text, spans):
    assert quote_spans(text) == spans


def _claim(level: int, certainty: str = "asserted", voice: str = "own", speaker_type: str = "outlet",
           speaker: str = "Outlet", targets: tuple[str, ...] = (), document: str = "d") -> Claim:
    return Claim(sentence=f"level {level}", sentence_index=0, start=0, end=7, level=level,
                 score=claim_score(level, certainty), speaker=speaker, speaker_type=speaker_type, certainty=certainty,
                 stance=stance_of_level(level), voice=voice, places=list(targets), targets=list(targets), cues=[],
                 document=document)


claim_lists = st.lists(st.tuples(st.integers(0, 4), st.sampled_from(CERTAINTIES), st.sampled_from(["own", "quoted"])),
                       min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(claim_lists, st.data())
def test_raising_a_claim_never_lowers_the_gauge(items, data):
    claims = [_claim(level, certainty, voice) for level, certainty, voice in items]
    index = data.draw(st.integers(0, len(claims) - 1))
    raised = copy.deepcopy(claims)
    old = raised[index]
    new_level = data.draw(st.integers(old.level, 4))
    raised[index] = _claim(new_level, old.certainty, old.voice)
    before, after = severity_gauge(claims), severity_gauge(raised)
    assert after.score >= before.score
    assert after.level >= before.level
    for voice in ("own", "quoted"):
        if getattr(before, voice).score is not None:
            assert getattr(after, voice).score >= getattr(before, voice).score


def test_gauge_leaves_reader_comments_out_and_names_its_drivers():
    claims = [_claim(1), _claim(2, voice="quoted", speaker_type="analyst")]
    with_comment = claims + [_claim(4, voice="quoted", speaker_type="reader_comment")]
    gauge = severity_gauge(with_comment)
    assert gauge == severity_gauge(claims)
    assert gauge.claims == 2
    assert gauge.drivers[0].level == 2
    assert gauge.own.score == 25 and gauge.quoted.score == 50


def test_empty_gauge():
    gauge = severity_gauge([])
    assert gauge.score is None and gauge.level is None and gauge.drivers == []


def test_contradictions_pair_opposite_stances_about_one_target():
    alarming = _claim(4, speaker="Analyst", targets=("Bamako",), document="a")
    calm = _claim(0, speaker="Minister", targets=("Bamako",), document="b")
    elsewhere = _claim(0, speaker="Other", targets=("Gao",), document="b")
    found = find_contradictions([("A", alarming), ("B", calm), ("B", elsewhere)])
    assert len(found) == 1
    assert found[0].target == "Bamako"
    assert (found[0].a.document, found[0].a.speaker) == ("a", "Analyst")
    assert (found[0].b.document, found[0].b.speaker) == ("b", "Minister")
    same_voice = _claim(0, speaker="Analyst", targets=("Bamako",), document="a")
    assert find_contradictions([("A", alarming), ("A", same_voice)]) == []


# ---------------------------------------------------------------- on the parse (real model)


def _only_claim(nlp, text: str, outlet: str = "Outlet") -> Claim:
    claims = detect_claims(nlp(text), outlet)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize("text, phrase, matched", [
    ("The ministry rejected the claim.", "reject ... claim", "rejected the claim"),
    ("The ministry rejected the widely shared alarming claim.", "reject ... claim",
     "rejected the widely shared alarming claim"),
    ("The ministry rejected the widely shared and alarming claim.", "reject ... claim", None),
    ("Fighters blocked fuel supplies to the city.", "block ... supply", "blocked fuel supplies"),
    ("Fighters blocked the road.\n\nSupply trucks waited.", "block ... supply", None),
])
def test_cue_gaps_and_unit_bounds(nlp, text, phrase, matched):
    doc = nlp(text)
    book = load_cues()
    found = {}
    for _, unit in claim_units(doc):
        for cue, tokens in match_cues(unit, book, CueIndex(doc)):
            found.setdefault(cue.phrase, doc[tokens[0].i:tokens[-1].i + 1].text)
    assert found.get(phrase) == matched


def test_document_index_matches_like_a_unit_index(nlp, bundled_corpus):
    book = load_cues()
    for document in bundled_corpus.documents[:2]:
        doc = nlp(document.text)
        index = CueIndex(doc)
        for _, unit in claim_units(doc):
            assert match_cues(unit, book, index) == match_cues(unit, book)


@pytest.mark.parametrize("text, level, certainty", [
    ("Militants attacked a convoy near Gao on Monday.", 2, "asserted"),
    ("Militants did not attack the convoy near Gao on Monday.", 0, "denied"),
    ("The government rejected claims that the capital could fall.", 0, "denied"),
    ("The city may fall within days, officials fear.", 4, "hedged"),
    ("If the capital falls, thousands of people would flee.", 4, "conditional"),
    ("Fighters have surrounded the capital and blocked fuel supplies.", 3, "asserted"),
    ("Mali has been unstable since a coup in 2012.", 1, "asserted"),
    ("Schools in the capital reopened this week.", 0, "asserted"),
])
def test_level_and_certainty_from_the_parse(nlp, text, level, certainty):
    claim = _only_claim(nlp, text)
    assert (claim.level, claim.certainty) == (level, certainty)
    assert claim.cues or level == 1


def test_speakers_resolve_through_short_names_pronouns_and_quotes(nlp):
    text = ("Dr. Aminata Kone, a senior analyst at the Sahel Institute, spoke on Monday.\n\n"
            "“The army is overstretched,” Kone warned. “Bamako may fall in weeks.”\n\n"
            "The interior minister, Moussa Traore, disagreed.\n\n"
            "“The situation is under control,” he said.")
    claims = {c.sentence[:12]: c for c in detect_claims(nlp(text), "Paper")}
    assert claims["The army is "].speaker == "Aminata Kone"
    assert claims["The army is "].speaker_type == "analyst"
    assert claims["Bamako may f"].speaker == "Aminata Kone"
    assert claims["Bamako may f"].voice == "quoted"
    assert claims["The situatio"].speaker == "Moussa Traore"
    assert claims["The situatio"].speaker_type == "government_or_military"
    assert claims["The situatio"].level == 0


def test_places_come_from_geo_spans_when_given(nlp):
    doc = nlp("Gunmen attacked a checkpoint near Segou.")
    start = doc.text.index("Segou")
    places = [Place(name="Ségou", lat=13.4, lon=-6.3, country="ML", geonameid=None, feature="P.PPLA", confidence=1.0,
                    mentions=1, alternatives=[], spans=[PlaceSpan(sentence=0, start=start, end=start + 5, text="Segou")])]
    assert detect_claims(doc, "Paper", places=places)[0].places == ["Ségou"]


# ---------------------------------------------------------------- the bundled corpus

FIVE = ("000_455dcc7ecbe35265", "001_fbd02762194a3611", "002_f7359456ba5a3bcf", "003_f027c1806a22b6dc",
        "004_ae73c230a4e11731")


def test_denial_story_lowest_and_alarm_stories_highest(report_by_id):
    scores = {doc_id: report_by_id[doc_id].severity.score for doc_id in FIVE}
    assert min(scores, key=scores.get) == "002_f7359456ba5a3bcf"
    assert sorted(scores, key=scores.get)[-2:] in (["000_455dcc7ecbe35265", "001_fbd02762194a3611"],
                                                   ["001_fbd02762194a3611", "000_455dcc7ecbe35265"])
    all_documents = [r.severity.score for r in report_by_id.values() if r.severity.score is not None]
    assert scores["002_f7359456ba5a3bcf"] == min(all_documents)


def test_outlet_gauges_rank_like_their_stories(bundled_report):
    outlets = {o.outlet: o.severity for o in bundled_report.outlets}
    ranked = sorted(outlets, key=lambda o: outlets[o].score)
    assert ranked[0] == "anewz.tv"
    assert set(ranked[-2:]) == {"demstate.com", "news.disinformationcommission.com"}
    assert outlets["news.disinformationcommission.com"].quoted.claims > 0


def test_foreign_minister_quotes_are_reassurance_by_abdoulaye_diop(report_by_id):
    claims = report_by_id["002_f7359456ba5a3bcf"].claims
    quotes = [c for c in claims if c.sentence.startswith(("We are very far", "We are not at all", "Those making"))]
    assert len(quotes) == 3
    for claim in quotes:
        assert (claim.level, claim.speaker, claim.speaker_type) == (
            0, "Abdoulaye Diop", "government_or_military")
        assert claim.voice == "quoted" and claim.stance == "reassuring"


def test_wahba_bamako_may_fall(report_by_id):
    claim = next(c for c in report_by_id["001_fbd02762194a3611"].claims if "Bamako may fall" in c.sentence)
    assert (claim.level, claim.certainty, claim.speaker, claim.speaker_type) == (
        4, "hedged", "Mariam Wahba", "analyst")


def test_reader_comments_never_move_the_outlet_gauge(bundled_corpus, resources, report_by_id, bundled_report):
    from claimatlas.pipeline import analyse_documents

    record = report_by_id["001_fbd02762194a3611"]
    assert len(record.comment_claims) >= 12
    assert {c.speaker_type for c in record.comment_claims} == {"reader_comment"}
    assert {c.comment for c in record.comment_claims} == set(range(12))
    document = next(d for d in bundled_corpus.documents if d.id == "001_fbd02762194a3611")
    without = analyse_documents([dataclasses.replace(document, comments=[])], resources)[0]
    assert without.comment_claims == []
    assert without.severity == record.severity
    outlet = next(o for o in bundled_report.outlets if o.outlet == record.outlet)
    assert outlet_gauges((without.outlet, c) for c in without.claims)[record.outlet] == outlet.severity


def test_contradictions_in_the_report(bundled_report):
    pairs = bundled_report.contradictions
    assert any(p.a.speaker == "Mariam Wahba" and p.b.speaker == "Abdoulaye Diop" and p.target == "Bamako"
               for p in pairs)
    for pair in pairs:
        assert pair.a.stance == "alarming" and pair.b.stance == "reassuring"
        assert (pair.a.speaker, pair.a.document) != (pair.b.speaker, pair.b.document)


# ---------------------------------------------------------------- agreement with the labelled set

EXACT_THRESHOLD = 0.80
WITHIN_ONE_THRESHOLD = 0.95


def test_labelled_set_agreement(bundled_corpus, nlp):
    labels = load_labels()
    assert len(labels) >= 60
    result = labelled_agreement(bundled_corpus.documents, nlp, labels)
    assert result["detected"] == result["claims"]
    assert result["non_claims_rejected"] == result["non_claims"]
    assert result["level_exact"] >= EXACT_THRESHOLD, result["disagreements"]
    assert result["level_within_one"] >= WITHIN_ONE_THRESHOLD, result["disagreements"]
    assert result["speaker_type"] >= 0.85
    assert result["certainty"] >= 0.80


@pytest.mark.skipif(not CLAIMBUSTER.exists(), reason="../shared/benchmarks is not present")
def test_claimbuster_slice_beats_chance(nlp):
    result = claimbuster_scores(nlp, limit=150)
    assert result["accuracy"] >= 0.58
    assert result["f1"] >= 0.65
