"""Claims: levels, certainty, speakers, gauges, contradictions, and the labelled-set agreement."""
from __future__ import annotations

import copy
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimatlas.claims.contradictions import find_contradictions
from claimatlas.claims.cues import CueIndex, load_cues, match_cues
from claimatlas.claims.detect import detect_claims, previous_speaker_types
from claimatlas.claims.gauge import claim_score, level_of_score, severity_gauge, stance_of_level
from claimatlas.claims.learned import (
    combine_level,
    load_level_model,
    load_speaker_model,
    speaker_features,
    unit_features,
)
from claimatlas.claims.speakers import Speaker, names_role
from claimatlas.claims.units import claim_units, quote_spans
from claimatlas.evaluate.claims import CLAIMBUSTER, claimbuster_scores, evaluate
from claimatlas.evaluate.real import (
    REAL_CORPUS,
    Label,
    Match,
    load_labels,
    load_sources,
    locate,
    story_folds,
    story_of,
)
from claimatlas.model import Claim, Place, PlaceSpan, SourcedClaim
from claimatlas.report.contract import outlet_gauges
from claimatlas.vocab import CERTAINTIES, SPEAKER_TYPES

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
    ('He said "we are safe" today.', [(8, 21, True)]),
    ("“One.” Then “two", [(0, 6, True), (12, 16, False)]),
    ("No quotes here, it’s fine.", []),
    # a quote left open at a paragraph's end stops there, unless the next paragraph opens with a quote mark
    ("“One, he says.\n\nThen two.", [(0, 14, False)]),
    ("“One.\n\n“Two,” he said.", [(0, 13, True)]),
    ("“One.\n\n\n\n“Two,” he said.", [(0, 15, True)]),
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


@pytest.mark.parametrize(("label_sentence", "found"), [
    # a label keeps the article's characters; the analysed text has them folded as ingestion folds them
    ("Le groupe, affilié à Al\u2011Qaïda, impose un embargo.", "claim"),
    ("\u00ab\u00a0Cafouillage total\u00a0\u00bb", "quote"),
    ("Le groupe,  affilié à Al\u2011Qaïda,  impose un embargo.", "claim"),
    ("A sentence the text does not hold.", None),
])
def test_labels_are_located_in_the_text_as_ingestion_wrote_it(label_sentence, found):
    text = "Le groupe, affilié à Al\u2010Qaïda, impose un embargo. \u00ab Cafouillage total \u00bb"
    spans = {"a.txt": [(0, 49, "claim"), (50, len(text), "quote")]}
    [item] = locate([Label("a.txt", label_sentence, 2, None, None, None)], {"a.txt": text}, spans)
    assert item == found


def test_empty_gauge():
    gauge = severity_gauge([])
    assert gauge.score is None and gauge.level is None and gauge.drivers == []


def test_contradictions_pair_opposite_stances_about_one_target():
    alarming = _claim(4, speaker="Analyst", targets=("Bamako",), document="a")
    calm = _claim(0, speaker="Minister", targets=("Bamako",), document="b")
    elsewhere = _claim(0, speaker="Other", targets=("Gao",), document="b")
    found = find_contradictions([SourcedClaim("A", None, alarming), SourcedClaim("B", None, calm),
                                 SourcedClaim("B", None, elsewhere)])
    assert len(found) == 1
    assert found[0].target == "Bamako"
    assert (found[0].a.document, found[0].a.speaker) == ("a", "Analyst")
    assert (found[0].b.document, found[0].b.speaker) == ("b", "Minister")
    same_voice = _claim(0, speaker="Analyst", targets=("Bamako",), document="a")
    assert find_contradictions([SourcedClaim("A", None, alarming), SourcedClaim("A", None, same_voice)]) == []


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


@pytest.mark.parametrize("text, sentence, speaker, speaker_type", [
    # An official who gives no name is an unnamed source; an expert, a named body or a country's voice keeps its type.
    ("An official who requested anonymity said the army had lost ten men.", "An official", "official", "unnamed_source"),
    ("A security official in northern Mali said the camp was attacked at dawn.", "A security", "security official", "unnamed_source"),
    ("An analyst said JNIM could besiege the capital.", "An analyst", "analyst", "analyst"),
    ("A study by the Timbuktu Institute said JNIM hopes to expand into Senegal.", "A study by", "study", "analyst"),
    ("A Niger government spokesperson denied the allegation of an attack.", "A Niger gov", "Niger government spokesperson",
     "government_or_military"),
    # Verbs and nouns of communication beyond "say": reveal, cite, raise the alarm.
    ("The army revealed that ten soldiers were killed in an ambush near Tillabéri.", "The army re", "army",
     "government_or_military"),
    ("The embassy cited a blockade that has choked off fuel supplies to the capital.", "The embassy", "embassy",
     "foreign_government"),
    ("Western embassies have told their nationals to leave the country.", "Western emb", "Western embassies",
     "foreign_government"),
    ("Africom has raised the alarm over the growing ambition of extremist groups in the region.", "Africom has",
     "Africom", "foreign_government"),
    # A journalist or correspondent speaks for the press: the outlet's type, not an analyst's.
    ("A correspondent for the agency said fuel prices in Bamako had risen fivefold.", "A correspond", "correspondent",
     "outlet"),
    # "It said" with no subject before it in the sentence: the last body that spoke, not the outlet.
    ("The US Embassy warned of attacks in Bamako. It said it could not provide emergency services outside the capital.",
     "It said it c", "US Embassy", "foreign_government"),
])
def test_speaker_types_of_unnamed_officials_and_bodies(nlp, text, sentence, speaker, speaker_type):
    claim = next(c for c in detect_claims(nlp(text), "Paper") if c.sentence.startswith(sentence))
    assert (claim.speaker, claim.speaker_type) == (speaker, speaker_type)


@pytest.mark.parametrize(("text", "phrase", "found"), [
    ("western embassies", "embassy", True),
    ("the ministries of defence", "ministry", True),
    ("two analysts", "analyst", True),
    ("the embassy", "embassy", True),
    ("the embassyman", "embassy", False),
    ("security analysis", "analyst", False),
    ("the days", "day", True),
])
def test_role_phrases_match_whole_words_singular_or_plural(text, phrase, found):
    assert names_role(text, phrase) is found


@pytest.mark.parametrize(("text", "old"), [
    ("Jihadists seized the north in 2012. The blockade began in 2025.", True),
    ("Jihadists seized the north in 2028. The blockade began in 2031.", True),
    ("Jihadists seized the north in 2030. The blockade began in 2031.", False),
    ("Jihadists seized the north in 2012.", False),  # no later year to measure it against
])
def test_the_learned_layer_reads_years_against_the_article_latest(nlp, resources, text, old):
    unit = next(nlp(text).sents)
    features = unit_features(unit, 2, "asserted", [], "outlet", False, resources.cues)
    assert ("old_year" in features) is old


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
    gauges = outlet_gauges(SourcedClaim(without.outlet, without.published, c) for c in without.claims)
    assert gauges[record.outlet] == outlet.severity


def test_contradictions_in_the_report(bundled_report):
    pairs = bundled_report.contradictions
    assert any(p.a.speaker == "Mariam Wahba" and p.b.speaker == "Abdoulaye Diop" and p.target == "Bamako"
               for p in pairs)
    for pair in pairs:
        assert pair.a.stance == "alarming" and pair.b.stance == "reassuring"
        assert (pair.a.speaker, pair.a.document) != (pair.b.speaker, pair.b.document)


# ---------------------------------------------------------------- real coverage and the labelled sets

# The figures measured by `python -m claimatlas evaluate claims --cv 5` (README): level exact and within one at
# their targets (.75 and .93, measured .760 and .932); speaker type, whose target (.85) is not reached yet, and
# certainty, which has none, at floors under their measured .835 and .856. A change that loses accuracy on text the
# layers were not trained on fails here.
REAL_FLOORS = {"level_exact": 0.75, "level_within_one": 0.93, "speaker_type": 0.85, "certainty": 0.85}
BUNDLED_FLOORS = {"level_exact": 0.80, "level_within_one": 0.95, "speaker_type": 0.85, "certainty": 0.80}


@pytest.fixture(scope="module")
def claims_evaluation(resources):
    if not REAL_CORPUS.exists():
        pytest.skip("../shared/corpus-real is not present")
    return evaluate(resources, 5)


def test_real_coverage_cross_validated_by_story(claims_evaluation):
    figures = claims_evaluation["real_cross_validated"]
    assert figures["claims"] >= 500, "at least 600 labelled sentences, most of them claims"
    for name, floor in REAL_FLOORS.items():
        assert figures[name] >= floor, (name, figures[name])
    # the learned layers earn their place: held out, they beat the rules alone on each of these figures
    rules = claims_evaluation["real_rules_only"]
    for name in ("level_exact", "level_within_one", "level_macro_f1", "speaker_type"):
        assert figures[name] > rules[name], (name, figures[name], rules[name])
    # The mean over random story-fold assignments (.775 exact, .939 within one, .866 speaker type when measured).
    random_folds = claims_evaluation["real_random_folds"]
    assert random_folds["assignments"] >= 5
    assert random_folds["level_exact"] >= 0.75 and random_folds["level_within_one"] >= 0.93
    assert random_folds["speaker_type"] >= 0.85
    low, high = random_folds["level_exact_range"]
    assert low <= random_folds["level_exact"] <= high
    # the claim-or-not layer finds claims the rules missed, and rejects at least the non-claims they do
    # (.967 against .958 when measured; the margin narrowed when the rules began to read precaution bullets as claims)
    assert figures["claims_detected"] > claims_evaluation["real_rules_only"]["claims_detected"] + 0.005
    assert figures["non_claims_rejected"] >= claims_evaluation["real_rules_only"]["non_claims_rejected"]


def test_bundled_corpus_keeps_its_figures(claims_evaluation):
    figures = claims_evaluation["bundled"]
    assert figures["claims_detected"] == 1.0 and figures["non_claims_rejected"] == 1.0
    for name, floor in BUNDLED_FLOORS.items():
        assert figures[name] >= floor, (name, figures[name])


def test_folds_never_split_a_story(resources):
    if not REAL_CORPUS.exists():
        pytest.skip("../shared/corpus-real is not present")
    sources = load_sources()
    labels = load_labels("en")
    matches = [Match(label, None, story_of(label.file, sources)) for label in labels]
    folds = story_folds(matches, 5)
    assert sum(len(f) for f in folds) == len({m.story for m in matches})
    assert all(not (a & b) for i, a in enumerate(folds) for b in folds[i + 1:])
    rewrites = {m.story for m in matches if m.story != m.label.file}
    assert rewrites, "the labelled set holds rewrites of one story"
    assert len(labels) >= 600 and len({label.file for label in labels}) >= 35


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["The army", "Residents", "The group"]), st.sampled_from(["Kayes", "Gao", "Segou"]))
def test_shipped_layers_keep_levels_in_range(nlp, speaker, town):
    doc = nlp(f"{speaker} said fighters attacked a convoy near {town} on Monday.")
    for claim in detect_claims(doc, "Paper", model=load_level_model(), speaker_model=load_speaker_model()):
        assert 0 <= claim.level <= 4 and claim.speaker_type in SPEAKER_TYPES


@pytest.mark.skipif(not CLAIMBUSTER.exists(), reason="../shared/benchmarks is not present")
def test_claimbuster_slice_beats_chance(nlp):
    result = claimbuster_scores(nlp, limit=150)
    assert result["accuracy"] >= 0.58
    assert result["f1"] >= 0.65


# ---------------------------------------------------------------- a robust gauge, contradictions in one story

@pytest.mark.parametrize("levels, at_most", [
    ([4, 1, 1, 1, 1], 2),   # one alarming sentence among background lifts the gauge one level, not two
    ([4, 3, 1, 1, 1], 3),   # a supporting claim lets it go higher
    ([4, 4, 1, 1, 1], 4),
    ([4], 4),               # a single claim is the whole document
])
def test_one_sentence_lifts_a_gauge_by_one_level_at_most(levels, at_most):
    assert severity_gauge([_claim(level) for level in levels]).level <= at_most


def test_gauge_band_is_deterministic_and_holds_the_score():
    claims = [_claim(level) for level in (1, 2, 2, 3, 1, 0, 2)]
    gauge = severity_gauge(claims)
    assert gauge.band == severity_gauge(list(claims)).band
    assert gauge.band[0] <= gauge.score <= gauge.band[1] + 1e-9
    assert severity_gauge([_claim(2)]).band is None
    assert severity_gauge([_claim(2)] * 6).band == [50.0, 50.0]


def _sourced(level: int, speaker: str, document: str, published: str | None, outlet: str = "A") -> SourcedClaim:
    return SourcedClaim(outlet, published, _claim(level, speaker=speaker, targets=("Bamako",), document=document))


@pytest.mark.parametrize("alarm_date, calm_date, paired", [
    ("2025-11-01", "2025-11-20", True),
    ("2024-09-17", "2025-11-13", False),    # an attack headline of one year, a denial of the next
    (None, "2025-11-13", True),             # an undated document may be about the same event
])
def test_contradictions_need_dates_close_enough(alarm_date, calm_date, paired):
    found = find_contradictions([_sourced(4, "Analyst", "a", alarm_date), _sourced(0, "Minister", "b", calm_date)])
    assert bool(found) is paired


def test_contradictions_never_pair_one_article_with_itself():
    assert find_contradictions([_sourced(4, "Analyst", "a", None), _sourced(0, "Minister", "a", None)]) == []


@pytest.mark.parametrize("word, tokens", [
    ("far-fetched", ("far", "-", "fetched")), ("al-qaeda", ("al", "-", "qaeda")), ("long-standing", ("long", "-", "standing")),
])
def test_hyphenated_class_words_match_the_tokens_they_split_into(word, tokens):
    from claimatlas.claims.cues import load_classes

    classes = load_classes()
    assert tokens in classes.phrases and classes.phrases[tokens] == classes.single[word]


@pytest.mark.parametrize(("rule_level", "certainty", "predicted", "features", "expected"), [
    # the rules' denial or reassurance stands
    (0, "denied", 3, {"cue=denial": 1.0}, (0, "denied")),
    # the model's level otherwise, and a threat it reads drops the rules' "denied"
    (2, "asserted", 3, {"cue=violence": 1.0}, (3, "asserted")),
    (2, "denied", 2, {"cue=negated violence": 1.0}, (2, "asserted")),
    (2, "asserted", 0, {"cue=violence": 1.0}, (0, "asserted")),
    # ground an armed group holds is not turned into reassurance
    (3, "asserted", 0, {"cue=armed control": 1.0}, (3, "asserted")),
    # nor is an escalation the rules found with no evidence for level 0 among their cues ...
    (3, "asserted", 0, {"cue=siege": 1.0, "cue=violence": 1.0}, (3, "asserted")),
    (4, "hedged", 0, {"cue=collapse": 1.0}, (4, "hedged")),
    # ... while with such evidence the model may read it as one
    (3, "asserted", 0, {"cue=siege": 1.0, "cue=reassurance": 1.0}, (0, "asserted")),
    (3, "asserted", 0, {"cue=violence": 1.0, "cue=contained violence": 1.0}, (0, "asserted")),
    (3, "asserted", 1, {"cue=siege": 1.0}, (1, "asserted")),
    # a security alert's precautions keep their context level, whatever the model reads in their words
    (1, "asserted", 2, {"cue=precaution": 1.0}, (1, "asserted")),
    (1, "asserted", 0, {"cue=precaution": 1.0}, (1, "asserted")),
])
def test_how_the_learned_level_combines_with_the_rules(rule_level, certainty, predicted, features, expected):
    assert combine_level(rule_level, certainty, predicted, features) == expected


@pytest.mark.parametrize(("types", "expected"), [
    ([], []),
    (["outlet"], [None]),
    (["analyst", "outlet", "outlet"], [None, "analyst", "outlet"]),
    (["government_or_military", "unnamed_source"], [None, "government_or_military"]),
])
def test_each_unit_knows_the_speaker_type_before_it(types, expected):
    readings = [dataclasses.make_dataclass("Reading", ["speaker"])(Speaker("x", kind)) for kind in types]
    assert previous_speaker_types(readings) == expected


def test_the_speaker_layer_reads_the_type_before(nlp):
    unit = nlp("The situation is most dangerous in the Sahel.")[:]
    with_before = speaker_features(unit, "the outlet", "outlet", False, ("analyst", "outlet"), "analyst")
    assert with_before["previous_speaker=analyst"] == 1.0
    assert not any(name.startswith("previous_speaker=") for name in
                   speaker_features(unit, "the outlet", "outlet", False, ("analyst", "outlet")))
