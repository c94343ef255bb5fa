"""Claims: levels, certainty, speakers, gauges, contradictions, and the labelled-set agreement."""
from __future__ import annotations

import copy
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimatlas.claims.contradictions import find_contradictions
from claimatlas.claims.cues import CueIndex, load_cues, match_cues
from claimatlas.claims.detect import detect_claims, read_units
from claimatlas.claims.gauge import claim_score, level_of_score, severity_gauge, stance_of_level
from claimatlas.claims.learned import load_level_model, load_speaker_model, unit_features
from claimatlas.claims.speakers import names_role
from claimatlas.claims.units import claim_units, quote_spans
from claimatlas.evaluate.claims import CLAIMBUSTER, claimbuster_scores, evaluate
from claimatlas.evaluate.real import REAL_CORPUS, Match, load_labels, load_sources, story_folds, story_of
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

# Floors under the figures measured by `python -m claimatlas evaluate claims --cv 5` (README): a change
# that loses accuracy on text the layers were not trained on fails here. The targets (level exact
# .75, within one .93, speaker type .85) are not reached yet; the README says so.
REAL_FLOORS = {"level_exact": 0.60, "level_within_one": 0.86, "speaker_type": 0.68, "certainty": 0.80}
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
    assert figures["level_exact"] > claims_evaluation["real_rules_only"]["level_exact"] + 0.05
    # The mean over random story-fold assignments (.650 exact, .885 within one when measured).
    random_folds = claims_evaluation["real_random_folds"]
    assert random_folds["assignments"] >= 5
    assert random_folds["level_exact"] >= 0.62 and random_folds["level_within_one"] >= 0.86
    low, high = random_folds["level_exact_range"]
    assert low <= random_folds["level_exact"] <= high
    # the claim-or-not layer finds claims the rules missed, and rejects at least the non-claims they do
    assert figures["claims_detected"] > claims_evaluation["real_rules_only"]["claims_detected"] + 0.01
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


@pytest.mark.parametrize("text, level, certainty", [
    # a threat under a denial verb is a denial, whatever the noun phrase holds
    ("The minister dismissed fears of a terrorist takeover of the capital.", 0, "denied"),
    ("Officials rejected claims that jihadists could soon capture Bamako.", 0, "denied"),
    # ... or in the subject of a denial adjective, or under one before it
    ("The spokesman said rumours of an imminent assault on Bamako were false.", 0, "denied"),
    ("Reports that JNIM had surrounded the capital are baseless, the minister said.", 0, "denied"),
    ("The army dismissed false reports of an attack on the airport.", 0, "denied"),
    # adjectives that call a claim implausible or overdone deny it too, hyphenated compounds included
    ("Jihadist Takeover of Mali is Far-fetched, Foreign Minister Says", 0, "denied"),
    ("Fears that the capital could fall to the insurgents are overblown, a diplomat said.", 0, "denied"),
    ("Fears of an assault on Bamako are misplaced, the army said.", 0, "denied"),
    # a negated verb of intention negates its complement, a negated noun of intention or means too ...
    ("JNIM does not intend to seize the capital.", 0, "denied"),
    ("JNIM has no intention of attacking Bamako, the analyst said.", 0, "denied"),
    ("The group has no plan to seize the capital.", 0, "denied"),
    # ... but not where the negation affirms the complement
    ("The jihadists did not hesitate to attack the capital.", 3, "asserted"),
    # ... nor where the negated verb only attributes or confirms the event
    ("The Islamic State Sahel Province has not claimed the attack on the capital.", 3, "asserted"),
    ("The army did not confirm the attack on the capital.", 3, "asserted"),
])
def test_denial_over_noun_phrases(nlp, resources, text, level, certainty):
    [rules] = detect_claims(nlp(text), "Paper", book=resources.cues)
    [learned] = detect_claims(nlp(text), "Paper", book=resources.cues, model=resources.level_model,
                              speaker_model=resources.speaker_model)
    assert (rules.level, rules.certainty) == (learned.level, learned.certainty) == (level, certainty)


@pytest.mark.parametrize("text, level, certainty", [
    # a threat called unlikely is level 0, hedged rather than denied
    ("For the researcher, a takeover of Bamako by the jihadists remains very unlikely in the short term.", 0, "hedged"),
    ("In the short term, it is unlikely that JNIM will attempt to seize control of the capital.", 0, "hedged"),
    ("An assault on Bamako is improbable, the minister said.", 0, "hedged"),
    # ... but not when a verb whose negation affirms its complement stands between: the attacks go on
    ("The militants are unlikely to stop their attacks on the capital.", 3, "asserted"),
    ("JNIM controls the roads around Bamako.", 3, "asserted"),
])
def test_threats_called_unlikely(nlp, resources, text, level, certainty):
    [rules] = detect_claims(nlp(text), "Paper", book=resources.cues)
    assert (rules.level, rules.certainty) == (level, certainty)


@pytest.mark.parametrize("text, level", [
    # a threat under a containment verb that states a done deed is contained: level 0, asserted
    ("The army said it repelled the attacks on its positions near Kayes.", 0),
    ("Soldiers thwarted an attack on the gendarmerie school in Bamako on Tuesday.", 0),
    # ... or a containment participle modifying the threat ("foiled" is tagged JJ, its lemma kept as the form)
    ("Soldiers said the foiled attack on the capital had been planned for weeks.", 0),
    ("An attack repelled by the army left two soldiers wounded near Gao.", 0),
    ("The failed attack on the capital shocked residents.", 3),  # failing is not containing
    # an aim is not a done deed
    ("The army vowed to repel any attack on Bamako.", 3),
    # a threat no containment verb governs keeps its level
    ("Militants attacked a convoy near Gao on Monday.", 2),
    # a threat that a reassurance predicates is contained; one beside a reassurance about something else is not
    ("The army chief said the attack was under control.", 0),
    ("The fighting continued until around 2:00 a.m., before a gradual return to calm.", 2),
    # a siege lifted is over; one the army failed to lift is not
    ("The blockade has been lifted and fuel trucks are arriving in the capital.", 0),
    ("The army failed to lift the blockade of Kayes.", 2),
    # an action its would-be author lacks the means for is contained; a defence lacking them is not
    ("Analysts say JNIM lacks the capacity to capture and hold the capital.", 0),
    ("JNIM is unable to seize Bamako, the analyst said.", 0),
    ("The army lacks the means to stop the attacks on the capital.", 3),
])
def test_contained_threats_are_reassurance(nlp, resources, text, level):
    [rules] = detect_claims(nlp(text), "Paper", book=resources.cues)
    assert rules.level == level
    assert rules.certainty == "asserted" or level > 0


@pytest.mark.parametrize(("language", "text", "level"), [
    # an encirclement is an incident around a town and an escalation around the capital, whatever the verb
    ("en", "Jihadists have encircled the town of Djibo for two years.", 2),
    ("en", "Residents said the town was now surrounded and that food was running short.", 2),
    ("en", "Fighters have surrounded the capital.", 3),
    ("en", "Fighters have encircled the capital.", 3),
    ("en", "JNIM has besieged Bamako since September.", 3),
    ("fr", "Les jihadistes encerclent la ville de Djibo depuis deux ans.", 2),
    ("fr", "Les jihadistes ont encerclé la capitale.", 3),
])
def test_encirclement_is_an_escalation_around_the_capital_only(resources, language, text, level):
    pack = resources.pack(language)
    [rules] = detect_claims(pack.nlp(text), "Paper", book=pack.cues)
    assert rules.level == level


@pytest.mark.parametrize(("language", "text", "level"), [
    # a main event dated two years or more before the latest year the article names is background ...
    ("en", "In 2012, jihadists seized control of northern Mali. In 2025, JNIM blockaded the capital.", 1),
    ("fr", "En 2012, les jihadistes ont pris le contrôle du nord du Mali. En 2025, le JNIM a imposé un blocus.", 1),
    # ... but not an event of the article's own time, nor one measured "since" a year
    ("en", "JNIM seized control of three army camps in 2025. The group has grown since 2012.", 3),
    ("en", "It was the deadliest assault on the capital since 2012, officials said in 2025.", 3),
    # an article naming no later year dates nothing
    ("en", "In 2012, jihadists seized control of northern Mali.", 3),
])
def test_an_event_dated_years_before_the_article_is_background(resources, language, text, level):
    pack = resources.pack(language)
    first = detect_claims(pack.nlp(text), "Paper", book=pack.cues)[0]
    assert first.level == level


@pytest.mark.parametrize(("language", "text", "level"), [
    # the event "since" names is a past starting point, background whatever it was ...
    ("en", "Violence persists since the military's takeover in 2020.", 2),  # "violence": pressure; not 4
    ("en", "The country has been unstable since the coup that toppled the president.", 1),
    ("fr", "Le pays est instable depuis l'attaque jihadiste contre la capitale.", 1),
    # ... while the sentence's own event keeps its level
    ("en", "Jihadists have surrounded the capital since the attack on the airport.", 3),
    ("en", "It was the deadliest assault on the capital since 2012.", 3),
])
def test_the_event_since_names_is_background(resources, language, text, level):
    pack = resources.pack(language)
    first = detect_claims(pack.nlp(text), "Paper", book=pack.cues)[0]
    assert first.level == level


@pytest.mark.parametrize("text, level", [
    ("Selon l’armée, cette attaque maîtrisée a été perpétrée par un groupe de terroristes.", 0),
    ("L’attaque contre le camp a été repoussée par l’armée.", 0),
    ("Des jihadistes ont attaqué un convoi près de Kayes dimanche.", 2),
    ("Les rumeurs d'une attaque imminente contre Bamako sont infondées, a déclaré le ministre.", 0),
    ("Les rumeurs d'une attaque imminente contre Bamako sont invraisemblables, selon le ministre.", 0),
    ("Les commerces ont ouvert comme d'habitude à Bamako, selon des habitants.", 0),
    ("Le blocus a été levé et les camions-citernes arrivent dans la capitale.", 0),
    ("Selon un analyste, le JNIM est incapable de prendre Bamako.", 0),
    ("Le JNIM n'a pas l'intention de prendre Bamako, selon un chercheur.", 0),
    ("Le JNIM ne cherche pas à attaquer Bamako.", 0),
    ("Les jihadistes n'ont pas hésité à attaquer la capitale.", 3),
    ("Les jihadistes ne se contentent pas de bloquer les routes.", 2),
])
def test_contained_threats_are_reassurance_in_french(resources, text, level):
    french = resources.pack("fr")
    [rules] = detect_claims(french.nlp(text), "Journal", book=french.cues)
    assert rules.level == level


@pytest.mark.parametrize("text", [
    "The minister dismissed fears of a terrorist takeover of the capital.",
    "Soldiers thwarted an attempt by the jihadists to seize the capital.",
    "Rumours of a jihadist plan to seize the capital are false, the minister said.",
    "Analysts say JNIM lacks the capacity to seize the capital.",
    "A takeover of Bamako by the jihadists remains very unlikely, the researcher said.",
    "Fears that the capital could fall to the insurgents are overblown, a diplomat said.",
])
def test_claims_and_framing_read_one_denial(nlp, resources, text):
    from claimatlas.framing.analyse import analyse_sentence

    doc = nlp(text)
    [claim] = detect_claims(doc, "Paper", book=resources.cues)
    framed = analyse_sentence(next(doc.sents), resources.codebook)
    assert claim.level == 0 and "imminent_collapse" not in framed["frames"]


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


@pytest.mark.parametrize("text, speaker, speaker_type", [
    # "he" points back to the last person named, even one named without a reporting verb
    ("General Oumar Diarra spoke to reporters. He emphasized that the attack was deliberate.",
     "Oumar Diarra", "government_or_military"),
    # a participle hanging on a noun ("the scene saying") reports for the subject of the verb above it
    ('A resident in Kayes recounted the scene saying, "We woke up in shock this morning."', "resident",
     "unnamed_source"),
    # a reporting verb that only describes a noun, or is negated, leaves the sentence to the writer
    ("The attack, claimed by the group JNIM, left two soldiers dead in Kayes.", "Paper", "outlet"),
    ("No group has claimed responsibility for the attack that killed two soldiers in Kayes.", "Paper", "outlet"),
    ("The army did not say how many soldiers died in the attack in Kayes.", "Paper", "outlet"),
    ("JNIM claimed the attack that killed two soldiers in Kayes.", "JNIM", "armed_group"),
])
def test_speakers_through_pronouns_and_participles(nlp, text, speaker, speaker_type):
    claim = detect_claims(nlp(text), "Paper")[-1]
    assert (claim.speaker, claim.speaker_type) == (speaker, speaker_type)


@pytest.mark.parametrize(("language", "text", "claimed"), [
    # no cue and nothing the rules count as checkable, but a claim about the crisis: the claim-or-not layer adds it
    ("fr", "Le carburant ne passe plus. La junte malienne vacille.",
     {"Le carburant ne passe plus.", "La junte malienne vacille."}),
    ("fr", "Les routiers maliens n’en peuvent plus de la situation sécuritaire dans le pays.",
     {"Les routiers maliens n’en peuvent plus de la situation sécuritaire dans le pays."}),
    # a question and page furniture are never claims, whatever the layer reads
    ("en", "What is driving attacks against Russian forces in Mali?", set()),
    ("fr", "Abonnez-vous à notre newsletter.", set()),
])
def test_the_claim_layer_adds_claims_the_rules_missed(resources, language, text, claimed):
    pack = resources.pack(language)
    doc = pack.nlp(text)
    assert not {r.unit.text for r in read_units(doc, "Outlet", pack.cues)} & claimed
    found = detect_claims(doc, "Outlet", book=pack.cues, model=pack.level_model, speaker_model=pack.speaker_model,
                          claim_model=pack.claim_model)
    assert {c.sentence for c in found} == claimed


@pytest.mark.parametrize("text, level, certainty, speaker_type", [
    # a negation inside a concession denies nothing the sentence asserts; "it" is the army named before it
    ("While the army did not confirm casualties, it said assailants attempted to infiltrate the school.", 2,
     "asserted", "government_or_military"),
    ("Although no group has claimed the attack, gunmen killed four soldiers near Gao.", 2, "asserted", "outlet"),
    # without a concession the denial stands
    ("The army did not confirm any casualties.", 0, "denied", "outlet"),
    # losses are an incident, in English as in French ("perte")
    ("JNIM said its fighters inflicted enormous human and material losses on the army.", 2, "asserted",
     "armed_group"),
])
def test_concessions_pronouns_and_losses(nlp, resources, text, level, certainty, speaker_type):
    [rules] = detect_claims(nlp(text), "Paper", book=resources.cues)
    assert (rules.level, rules.certainty, rules.speaker_type) == (level, certainty, speaker_type)


@pytest.mark.parametrize(("language", "text", "speaker_type"), [
    # the next sentence hands the statement to its speaker ...
    ("en", "The attack on the army camp near Kati is under control. That was the assessment of the army "
           "chief of staff on Tuesday.", "government_or_military"),
    ("en", "Bamako could fall within weeks. This is the view of Ahmed Diallo, a researcher at a think tank.",
     "analyst"),
    ("fr", "L'attaque contre le camp de Kati est sous contrôle. C'est l'analyse du chef d'état-major de "
           "l'armée.", "government_or_military"),
    # ... but not across a paragraph, nor without a noun of statement
    ("en", "The attack on the army camp near Kati is under control.\n\nThat was the assessment of the army "
           "chief of staff on Tuesday.", "outlet"),
    ("en", "The attack on the army camp near Kati is under control. That was the day of the army chief of "
           "staff's visit.", "outlet"),
])
def test_the_next_sentence_hands_a_statement_to_its_speaker(resources, language, text, speaker_type):
    pack = resources.pack(language)
    first = detect_claims(pack.nlp(text), "Paper", book=pack.cues)[0]
    assert first.speaker_type == speaker_type


@pytest.mark.parametrize(("language", "text", "speaker"), [
    # a country or city named as the speaker is its government, whatever the learned layer reads
    ("en", "The United States said the attack on the capital was alarming.", "United States"),
    ("en", "Washington warned that militants could attack Bamako.", "Washington"),
    ("fr", "La France a déclaré que des jihadistes avaient attaqué un convoi près de Kayes.", "France"),
])
def test_a_country_speaks_as_its_government(resources, language, text, speaker):
    pack = resources.pack(language)
    [claim] = detect_claims(pack.nlp(text), "Paper", book=pack.cues, model=pack.level_model,
                            speaker_model=pack.speaker_model, claim_model=pack.claim_model)
    assert (claim.speaker, claim.speaker_type) == (speaker, "foreign_government")


@pytest.mark.parametrize(("language", "text", "speaker", "speaker_type"), [
    # A country or its people named as the speaker: the crisis's own countries (home_countries in the
    # speaker book: Mali, Burkina Faso, Niger) speak as their government, any other as a foreign one,
    # whether or not a role word names it.
    ("en", "Germany said the attack on the convoy was a grave escalation.", "Germany", "foreign_government"),
    ("en", "Canadian officials said the embassy in Bamako would close.", "Canadian officials", "foreign_government"),
    ("en", "China's foreign ministry warned that the situation in Bamako was deteriorating.",
     "China's foreign ministry", "foreign_government"),
    ("en", "The UK Foreign Office told British nationals to leave Mali immediately.", "UK Foreign Office",
     "foreign_government"),
    ("en", "A Benin government spokesperson denied the allegation of an attack.", "Benin government spokesperson",
     "foreign_government"),
    ("en", "Nigerien authorities said the situation in Tillabéri was under control.", "Nigerien",
     "government_or_military"),
    ("en", "Burkina Faso's government says it has thwarted an attempted coup.", "Burkina Faso's government",
     "government_or_military"),
    ("en", "Mali's army said it had repelled the attack on Kati.", "Mali's army", "government_or_military"),
    # not a country: a city, a person, an expert, an unnamed official keep their types
    ("en", "A Malian security official said the convoy was attacked.", "Malian security official", "unnamed_source"),
    ("en", "A German analyst said JNIM could besiege the capital.", "German analyst", "analyst"),
    ("fr", "L'Algérie a déclaré que la frappe de drone près de Tinzaouaten violait son espace aérien.", "Algérie",
     "foreign_government"),
    ("fr", "Les autorités nigériennes ont affirmé que la situation était sous contrôle.", "autorités nigériennes",
     "government_or_military"),
    # French demonyms are lower case and follow their noun
    ("fr", "L'ambassade américaine a appelé ses ressortissants à quitter le pays.", "ambassade américaine",
     "foreign_government"),
    # the subject the parser hung on a participle between it and the verb ("..., lié à al-Qaïda, a revendiqué")
    ("fr", "Le Groupe de soutien à l'islam et aux musulmans (GSIM/JNIM), lié à al-Qaïda, a revendiqué l'attaque sur ses "
           "canaux de propagande.", "Groupe de soutien à l'islam", "armed_group"),
])
def test_a_country_named_as_speaker_is_its_government_home_or_foreign(resources, language, text, speaker,
                                                                     speaker_type):
    pack = resources.pack(language)
    [reading] = [r for r in read_units(pack.nlp(text), "Paper", pack.cues, nation=resources.gazetteer.nation)]
    assert (reading.speaker.name, reading.speaker.type) == (speaker, speaker_type)


def test_a_later_government_of_another_country_is_not_the_first_one(resources):
    text = ("Senegal's government said it had reinforced its border with Mali. "
            "Burkina Faso's government said it had thwarted an attempted coup.")
    readings = list(read_units(resources.nlp(text), "Paper", resources.pack("en").cues, nation=resources.gazetteer.nation))
    assert [r.speaker.name for r in readings] == ["Senegal's government", "Burkina Faso's government"]


@pytest.mark.parametrize(("language", "text", "level"), [
    # ground an armed group holds is a threat, though "control" with the army as subject reassures
    ("en", "JNIM controls the main roads around Bamako.", 3),
    ("en", "Jihadists now control most of the north.", 2),
    ("en", "According to local reports, the jihadists managed to take control of the camp.", 2),
    ("fr", "Les jihadistes ont pris le contrôle du camp militaire.", 2),
    ("en", "Government forces remain in control of Bamako.", 0),
])
def test_ground_held_by_an_armed_group(resources, language, text, level):
    pack = resources.pack(language)
    [claim] = detect_claims(pack.nlp(text), "Paper", book=pack.cues, model=pack.level_model,
                            speaker_model=pack.speaker_model, claim_model=pack.claim_model)
    assert claim.level == level


@pytest.mark.parametrize(("text", "level"), [
    ("JNIM controls the main roads around Bamako.", 3),
    ("Jihadists now control most of the north.", 2),
])
def test_a_reader_comment_reads_held_ground_as_an_article_does(resources, text, level):
    from claimatlas.claims.detect import detect_comment_claims

    [claim] = detect_comment_claims([resources.nlp(text)], book=resources.cues)
    assert (claim.level, claim.speaker_type) == (level, "reader_comment")
