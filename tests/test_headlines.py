"""Title-case headlines read as sentences (claimatlas.headlines), with the real English model."""
from __future__ import annotations

import pytest

from claimatlas.headlines import is_title_case, sentence_cased


@pytest.mark.parametrize(("line", "title_case"), [
    ("Jihadist Takeover of Mali is Far-fetched, Foreign Minister Says", True),
    ("Coordinated Jihadist Attacks Rattle Mali Amid Rising Sahel Insecurity", True),
    ("Mali's foreign minister has dismissed the notion that jihadists could take the capital.", False),
    ("Mali Under Attack", False),  # three words: too short to tell a headline from a name
    ("BAMAKO ATTACKED BY JIHADISTS TODAY", False),  # all capitals: left as they are
])
def test_title_case_lines(nlp, line, title_case):
    assert is_title_case(nlp.make_doc(line)[:]) is title_case


def test_sentence_case_keeps_the_first_word_acronyms_and_the_documents_names(nlp):
    doc = nlp.make_doc("US Warns as JNIM Fighters Encircle Bamako and Kati")
    cased = sentence_cased(doc[:], capitalised={"bamako"}, lower={"fighters", "warns"})
    assert cased == ["US", "warns", "as", "JNIM", "fighters", "encircle", "Bamako", "and", "kati"]


def test_a_title_case_headline_is_its_own_sentence_with_verbs_and_lemmas(nlp):
    doc = nlp("Jihadist Takeover of Mali is Far-fetched, Foreign Minister Says\n"
              "BAMAKO, Nov 13 (Reuters) - Mali's foreign minister has dismissed the notion that jihadists could "
              "soon take the capital.")
    headline = next(doc.sents)
    assert headline.text.strip() == "Jihadist Takeover of Mali is Far-fetched, Foreign Minister Says"
    says = [t for t in headline if not t.is_space][-1]
    assert (says.lemma_, says.pos_, says.dep_) == ("say", "VERB", "ROOT")
    assert [t.text for t in says.children if t.dep_ == "nsubj"] == ["Minister"]
    assert "Mali" in {e.text for e in doc.ents}


def test_a_title_case_headline_of_an_attack_is_a_claim(resources):
    from claimatlas.claims.detect import detect_claims

    doc = resources.nlp("Coordinated Jihadist Attacks Rattle Mali Amid Rising Sahel Insecurity\n"
                        "Militants attacked army posts in several towns on Tuesday, the army said.")
    claims = detect_claims(doc, "Journal", book=resources.cues)
    assert claims[0].sentence.startswith("Coordinated Jihadist Attacks") and claims[0].level >= 2


@pytest.mark.parametrize(("text", "speaker", "speaker_type"), [
    # a dateline or a caption on a line of its own does not open the lead's sentence and hide its subject
    ("ISTANBUL\nThe US Embassy in Bamako on Tuesday urged Americans to leave Mali immediately.",
     "US Embassy", "foreign_government"),
    ("Image: 123RF/ZABELIN\nThe Africa Corps, a Kremlin-controlled paramilitary force, said on Friday it will stay in "
     "Mali after Wagner leaves.", "Africa Corps", "foreign_government"),
])
def test_a_line_of_page_furniture_is_its_own_sentence(resources, text, speaker, speaker_type):
    from claimatlas.claims.detect import detect_claims

    doc = resources.nlp(text)
    assert next(doc.sents).text.strip() == text.split("\n")[0]
    [claim] = detect_claims(doc, "Journal", book=resources.cues, gazetteer=resources.gazetteer)
    assert (claim.speaker, claim.speaker_type) == (speaker, speaker_type)


@pytest.mark.parametrize(("text", "sentences"), [
    ("BAMAKO\nMilitants attacked a convoy.", 2),
    ("The army\nsaid militants attacked a convoy.", 1),  # a hard wrap: the next line goes on in lower case
    ("Militants attacked a convoy near\nKayes on Sunday.", 1),  # a line of four words or more is no furniture
])
def test_only_a_short_unpunctuated_line_before_a_new_sentence_is_furniture(nlp, text, sentences):
    assert len(list(nlp(text).sents)) == sentences
