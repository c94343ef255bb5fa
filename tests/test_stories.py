"""Stories and lineage: the pure measures, the relation of two texts, grouping real coverage, the store
and the switch that counts each story once per outlet."""
from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimatlas.stories.features import (
    StoryDocument,
    date_mentions,
    day_years,
    least_dated,
    names,
    numbers,
    same_days,
    same_latest_day,
    split_sentences,
)
from claimatlas.stories.lineage import Alignment, align, in_order_share, relation

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus-real"


@pytest.mark.parametrize(("text", "expected"), [
    ("1,000 people and 1 000 more", ["1000", "1000"]),
    ("30 soldiers, 2.5 km", ["30", "2.5"]),
    ("12,5 % des écoles", ["12.5"]),
    ("no number here", []),
])
def test_numbers(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The army said JNIM attacked Faladié.", ["jnim", "faladie"]),
    ("Attack near Bamako’s airport", ["bamako"]),
    ("Le GSIM a revendiqué. Selon Reuters, Kayes est calme.", ["gsim", "reuters", "kayes"]),
])
def test_names_skip_sentence_openers(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("sentence", "known", "expected"), [
    ("Mali has closed its schools.", {"mali"}, ["mali"]),
    ("Mali has closed its schools.", set(), []),
    ("Militants of the al-Qaida-backed group JNIM", {"jnim"}, ["qaida", "jnim"]),
    ("Le groupe, soutenu par Al-Qaïda, a revendiqué.", set(), ["qaida"]),
])
def test_a_sentence_keeps_known_openers_and_hyphenated_parts(sentence, known, expected):
    assert names(sentence, frozenset(known)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("le mardi 17 septembre 2024", ["d:9-17"]),
    ("on September 17, 2024", ["d:9-17"]),
    ("le 1er juillet et le 2 août", ["d:7-1", "d:8-2"]),
    ("May 40 is no day", []),
    ("the embassy said on Sept. 3, and again on Oct. 28", ["d:9-3", "d:10-28"]),  # news style's abbreviations
    ("Jan 3 and Dec 4 people came", []),  # without the point, no month
    ("nothing dated", []),
])
def test_date_mentions(text, expected):
    assert date_mentions(text) == expected


@pytest.mark.parametrize(("text", "day", "some_years", "not_years"), [
    ("le mardi 17 septembre 2024", "d:9-17", {2024}, {2019, 2025}),
    ("Monday, February 02, 2026", "d:2-2", {2026}, {2025}),
    ("Dimanche 2 février, la ville de Djibo", "d:2-2", {2025, 2020}, {2024, 2026}),
    ("on Sunday, the 2nd of February", "d:2-2", {2025}, {2026}),
    ("September 17, 2024 and later", "d:9-17", {2024}, {2023}),
])
def test_weekdays_and_years_pin_the_year_of_a_day(text, day, some_years, not_years):
    years = day_years(text)[day]
    assert some_years <= years and not years & not_years


@pytest.mark.parametrize("text", ["on 2 February", "February 2, 202610:14 AM", "nothing dated"])
def test_a_day_without_weekday_or_year_allows_any_year(text):
    assert day_years(text) == {}


@pytest.mark.parametrize(("a", "b", "shared"), [
    ("Monday, February 2, 2026: an attack on the airport.", "Dimanche 2 février, une attaque à Djibo.", set()),
    ("Sunday, February 2: an attack on Djibo.", "Dimanche 2 février, une attaque à Djibo.", {"d:2-2"}),
    ("On February 2 an attack hit the airport.", "Dimanche 2 février, une attaque à Djibo.", {"d:2-2"}),
    ("On 17 September 2024 the school was attacked.", "Le mardi 17 septembre, l'école a été attaquée.", {"d:9-17"}),
])
def test_two_documents_share_a_day_only_when_its_years_can_agree(a, b, shared):
    assert same_days(_doc("a", a), _doc("b", b, "fr")) == shared


@pytest.mark.parametrize(("a", "b", "same"), [
    ("The embassy urged citizens to leave on October 28.", "Le 28 octobre, l'ambassade a appelé ses citoyens à partir.", True),
    # A follow-up names the earlier event's day and its own later one.
    ("The embassy urged citizens to leave on October 28.",
     "On October 30, two days after the October 28 alert, staff were ordered to leave.", False),
    ("Schools closed on 26 October and reopen on 10 November.", "Schools will reopen on November 10, the minister said.", True),
    ("Monday, February 2, 2026: an attack on the airport.", "Dimanche 2 février, une attaque à Djibo.", False),
    ("An attack on the airport.", "An attack on the airport on February 2.", False),
])
def test_the_latest_day_named_is_the_news_peg(a, b, same):
    assert same_latest_day(_doc("a", a), _doc("b", b, "fr")) is same


@pytest.mark.parametrize(("a", "b", "references"), [
    # Two reports date their event; the lesser count is the pair's.
    ("Militants attacked a convoy near Kayes on Sunday, the army said on Monday.",
     "Dimanche 14 septembre, un convoi a été attaqué près de Kayes.", 2),
    # An explainer on the same topic dates nothing: the pair is as undated as it.
    ("Militants attacked a convoy near Kayes on Sunday, the army said on Monday.",
     "Why convoys burn: the group attacks tanker trucks on the roads to Kayes to choke the capital.", 0),
    # A follow-up that names no day of its own.
    ("The embassy urged citizens on Tuesday, October 28, to leave at once.",
     "Staff were ordered to leave, two days after the embassy urged citizens to go.", 0),
    ("Le mardi 17 septembre, l'école a été attaquée; mercredi, elle a rouvert.",
     "On September 17 the school was attacked, and it reopened on Wednesday.", 2),
])
def test_a_pair_is_as_dated_as_its_less_dated_document(a, b, references):
    assert least_dated(_doc("a", a), _doc("b", b, "fr")) == pytest.approx(math.log1p(references))


def test_the_pair_model_trusts_an_undated_pair_less():
    """Everything else equal, the shipped pair model gives a pair in which a document dates nothing a lower
    probability than a pair of dated reports."""
    from claimatlas.stories.cluster import PAIR_FEATURES, Pairs, load_pair_model, same_story_probabilities

    measures = dict.fromkeys(PAIR_FEATURES, 0.3)
    undated, dated = ([measures[name] if name != "least_dated" else value for name in PAIR_FEATURES]
                      for value in (0.0, math.log1p(3)))
    probabilities = same_story_probabilities(Pairs([(0, 1), (2, 3)], np.array([undated, dated])), load_pair_model())
    assert probabilities[(0, 1)] < probabilities[(2, 3)]


@pytest.mark.parametrize(("pairs", "share"), [
    ([], 0.0), ([(0, 0), (1, 1), (2, 2)], 1.0), ([(0, 2), (1, 1), (2, 0)], 1 / 3), ([(0, 0), (1, 2), (2, 1), (3, 3)], 0.75),
])
def test_in_order_share(pairs, share):
    assert in_order_share(pairs) == pytest.approx(share)


def _doc(doc_id: str, text: str, language: str = "en", published: dt.date | None = None,
         duplicate_of: str | None = None, kind: str = "article") -> StoryDocument:
    return StoryDocument(id=doc_id, outlet=doc_id, published=published, title=None, language=language, text=text,
                         sentences=tuple(split_sentences(text)), duplicate_of=duplicate_of, kind=kind)


SOURCE = ("Militants attacked a fuel convoy near Kayes on Sunday, the army said in a statement. "
          "Several tanker trucks were set on fire and drivers fled into the bush near the border. "
          "The army said its soldiers repelled the attackers and killed several of them during the fighting. "
          "The al-Qaeda-linked group JNIM claimed the ambush in a message posted online later that day. "
          "Fuel shortages have spread across the capital Bamako since the blockade began in September.")
REWRITE = ("On Sunday militants attacked a fuel convoy near Kayes, according to an army statement. "
           "Several tanker trucks were set ablaze while drivers fled into the bush close to the border. "
           "Soldiers repelled the attackers and killed several of them in the fighting, the army said. "
           "JNIM, the al-Qaeda-linked group, claimed the ambush in an online message later that day. "
           "Since the blockade began in September, fuel shortages have spread across Bamako, the capital.")
INDEPENDENT = ("Residents of Kayes described hours of gunfire on Sunday as a convoy burned outside the town. "
               "\"We have never seen an attack so close to the city,\" a shopkeeper told our reporter by telephone. "
               "Local officials gave no toll and the regional governor was not available for comment on the matter.")
SAME_QUOTE = ("A trader in the town said he hid indoors all afternoon while the trucks burned on the road. "
              "\"We have never seen an attack so close to the city,\" he said, asking not to be named for safety. "
              "Markets reopened on Monday morning under a heavy military presence in the streets of the centre.")
ENGLISH_ORIGINAL = ("The army said militants attacked a fuel convoy near Kayes and Diboli. "
                    "According to the army, 12 tanker trucks burned on the road to Nioro. "
                    "The group JNIM claimed the ambush in a message sent to AFP. "
                    "Since September, Bamako and Sikasso have lacked fuel.")
ENGLISH_WIRE = ("Mali has closed all schools because of the fuel blockade, Education Minister Amadou Sy Savane said. "
                "The al-Qaida-backed group JNIM imposed the blockade in September on Kayes and Nioro. "
                "Mali, Burkina Faso and Niger have expelled French forces. "
                "In Bamako, Mali's capital, queues formed at the stations.")
FRENCH_WIRE = ("Le Mali a fermé toutes les écoles en raison du blocus, a déclaré le ministre Amadou Sy Savane. "
               "Le groupe JNIM, soutenu par Al-Qaïda, impose le blocus depuis septembre à Kayes et Nioro. "
               "Le Mali, le Burkina Faso et le Niger ont expulsé les forces françaises. "
               "À Bamako, des files se sont formées devant les stations.")
HEADLINES = ("Militants attack fuel convoy near Kayes on the Senegal border\n"
             "Tanker trucks burn on the road from Kayes to Diboli\n"
             "Army says its soldiers repelled the attackers near Kayes\n")
FRENCH_TRANSLATION = ("L'armée a dit que des militants ont attaqué un convoi près de Kayes et Diboli. "
                      "Selon l'armée, 12 camions-citernes ont brûlé sur la route de Nioro. "
                      "Le groupe JNIM a revendiqué l'embuscade dans un message envoyé à l'AFP. "
                      "Depuis septembre, Bamako et Sikasso manquent de carburant.")


@pytest.mark.parametrize(("a", "b", "expected"), [
    (_doc("source", SOURCE), _doc("rewrite", REWRITE), "rewrite"),
    (_doc("independent", INDEPENDENT), _doc("quote", SAME_QUOTE), "same_source"),
    (_doc("source", SOURCE), _doc("quote", SAME_QUOTE), None),
    (_doc("en", ENGLISH_ORIGINAL), _doc("fr", FRENCH_TRANSLATION, language="fr"), "rewrite"),
    # A translation whose names open its sentences ("Mali has ...") or are hyphenated ("Al-Qaïda").
    (_doc("en", ENGLISH_WIRE), _doc("fr", FRENCH_WIRE, language="fr"), "rewrite"),
    (_doc("source", SOURCE), _doc("copy", SOURCE + " Read more.", duplicate_of="source"), "duplicate"),
    # an official statement is a source: an article that follows it reports it, it does not rewrite it
    (_doc("statement", SOURCE, kind="official"), _doc("report", REWRITE), "same_source"),
    (_doc("report", REWRITE), _doc("statement", SOURCE, kind="press release"), "same_source"),
    # headlines and captions, lines without final punctuation, are not compared: independent reports of one event
    # write much the same ones
    (_doc("source", HEADLINES + SOURCE), _doc("quote", HEADLINES + SAME_QUOTE), None),
])
def test_relation_of_two_texts(a, b, expected):
    assert relation(a, b, align(a, b)) == expected


def test_a_reordered_copy_is_a_rewrite():
    shuffled = _doc("shuffled", " ".join(reversed(split_sentences(SOURCE))))
    alignment = align(_doc("source", SOURCE), shuffled)
    assert alignment.order < 0.5 and alignment.share == 1.0
    assert relation(_doc("source", SOURCE), shuffled, alignment) == "rewrite"


@pytest.mark.parametrize(("pairs", "share", "order", "expected"), [
    (((0, 0), (1, 1), (2, 2)), 0.3, 1.0, "rewrite"),  # a third of the text, in order
    (((0, 2), (1, 1), (2, 0)), 0.6, 1 / 3, "rewrite"),  # most of the text, paragraphs moved
    (((0, 2), (1, 1), (2, 0)), 0.5, 1 / 3, "same_source"),  # half of it, out of order
    (((0, 0), (1, 1)), 0.2, 1.0, "same_source"),
    (((0, 0),), 0.1, 1.0, None),
])
def test_rewrite_needs_order_unless_most_of_the_text_is_kept(pairs, share, order, expected):
    alignment = Alignment(pairs=pairs, share=share, order=order, quotes=(), cross_language=False)
    assert relation(_doc("a", SOURCE), _doc("b", REWRITE), alignment) == expected


@pytest.fixture(scope="module")
def real_documents(resources):
    from claimatlas.evaluate.stories import real_story_documents

    if not REAL.is_dir():
        pytest.skip("../shared/corpus-real is not beside the project")
    return {d.id: d for d in real_story_documents(resources)}


def _story_of(result, document: str) -> str:
    return result.story_of[document]


def test_real_rewrites_are_one_story_and_linked(real_documents):
    from claimatlas.stories.find import find_stories

    result = find_stories(list(real_documents.values()))
    a, b = "fr/afp-penuries-senhumanite.txt", "fr/afp-penuries-connaissancedesenergies.txt"
    assert _story_of(result, a) == _story_of(result, b)
    assert {(link.of, link.relation) for link in result.lineage[a]} & {(b, "rewrite"), (b, "duplicate")}
    # Two reworded copies of one AP story: a rewrite, not a near-verbatim copy.
    c, d = "en/ap-schools-closed-firstpost.txt", "en/ap-schools-closed-globalpulse.txt"
    assert _story_of(result, c) == _story_of(result, d)
    assert (d, "rewrite") in {(link.of, link.relation) for link in result.lineage[c]}
    # The French translation of that AP story is linked to it.
    assert (c, "rewrite") in {(link.of, link.relation) for link in result.lineage["fr/ap-schools-closed-qiraatafrican.txt"]}
    # A football report and the Faladié attack are not one story.
    assert _story_of(result, "en/mali-afcon-qualifier-afriktimes.txt") != _story_of(result, "fr/faladie-aniamey.txt")
    # Every document is in exactly one story, and each story's span is ordered.
    assert sum(len(s.documents) for s in result.stories) == len(real_documents)
    for story in result.stories:
        if story.span[0]:
            assert story.span[0] <= story.span[1]


def test_real_coverage_meets_its_held_out_floor(resources):
    """The evaluation command's held-out figures (folds by story, the mean of five fold assignments) stay
    above a floor under the figures measured: story F1 .914 (.896 to .932), rewrite links precision .920,
    recall .852."""
    from claimatlas.evaluate.stories import evaluate

    if not REAL.is_dir():
        pytest.skip("../shared/corpus-real is not beside the project")
    held_out = evaluate(resources)["held_out"]
    assert held_out["stories_vs_events"]["f1"] >= 0.89
    assert held_out["rewrite_links"]["precision"] >= 0.85
    assert held_out["rewrite_links"]["recall"] >= 0.75


COPY_SOURCE = ("Militants attacked a fuel convoy near Kayes on Sunday, the army said in a statement on Monday. "
               "The attackers set fire to several tanker trucks and the drivers fled into the bush near the border. "
               "The army said its soldiers repelled the attackers and killed twenty of them in heavy fighting. "
               "The al-Qaeda-linked group JNIM claimed the ambush and warned of more attacks on fuel convoys to Bamako. "
               "Fuel shortages have spread across the capital since the blockade began in early September.")


def test_copies_count_once_per_outlet(tmp_path, resources):
    """Two copies of one story by one outlet count once in its gauge and document count when asked."""
    from claimatlas.build import build_files, local_analyser, open_store
    from claimatlas.report import queries
    from claimatlas.store import Filters

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(COPY_SOURCE, encoding="utf-8")
    (folder / "b.txt").write_text("Update. " + COPY_SOURCE.replace("on Monday", "on Monday evening"), encoding="utf-8")
    (folder / "c.txt").write_text("Football: Mali beat Mozambique two goals to nil in Maputo in a qualifier on "
                                  "Friday night, with both goals scored after the break by the Eagles.", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        "documents:\n  a.txt: {outlet: Wire Copy, published: 2025-09-15}\n"
        "  b.txt: {outlet: Wire Copy, published: 2025-09-16}\n  c.txt: {outlet: Sports Desk}\n", encoding="utf-8")
    store = open_store(":memory:")
    build_files(store, [folder], local_analyser(resources))
    every, once = Filters(), Filters(once_per_story=True)
    assert len(store.documents(every)) == 3
    counted = store.documents(once)
    assert sorted(counted["id"]) == ["a", "c"]  # the first of the two copies, and the unrelated story
    stories = store.story_records()
    assert sorted(len(s.documents) for s in stories) == [1, 2]
    [pair] = [s for s in stories if len(s.documents) == 2]
    assert pair.first == "a" and pair.span == ["2025-09-15", "2025-09-16"]
    _, lineage = store.story_links()
    assert [(link.of, link.direction) for link in lineage["b"]] == [("a", "later")]
    assert "a" not in lineage  # the earlier document carries no link
    severity = queries.severity(store, every).set_index("outlet")
    severity_once = queries.severity(store, once).set_index("outlet")
    assert severity.loc["Wire Copy", "documents"] == 2
    assert severity_once.loc["Wire Copy", "documents"] == 1
    coverage = store.own_coverage(every).set_index("outlet")
    # Copies within one outlet are its own coverage; nothing here is borrowed from another outlet.
    assert coverage.loc["Wire Copy", "own"] == 2


TIE_SCRIPT = """
from claimatlas.stories.features import Sentence
from claimatlas.stories.lineage import _best_matches
def sentence(index, words):
    return Sentence(index, " ".join(words), frozenset(words), frozenset())
a = (sentence(0, ["alpha", "bravo", "charlie", "delta", "echo"]),)
b = (sentence(0, ["alpha", "bravo", "charlie", "xray", "yankee"]), sentence(1, ["charlie", "delta", "echo", "xray", "zulu"]))
print(_best_matches(a, b, by_anchors=False))
"""


def test_sentence_alignment_does_not_depend_on_the_hash_order():
    """Two sentences that match a third equally well: the earlier one wins under every string hash seed
    (the held-out rewrite figures once moved with PYTHONHASHSEED)."""
    outputs = {subprocess.run([sys.executable, "-c", TIE_SCRIPT], capture_output=True, text=True, check=True, cwd=ROOT,
                              env=os.environ | {"PYTHONHASHSEED": str(seed)}).stdout for seed in range(8)}
    assert outputs == {"[(0, 0)]\n"}
