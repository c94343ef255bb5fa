"""The subject of a reporting verb recovered from the parser's misreadings, on parses given as they come out."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimatlas.claims.reporting import reporting_subject

FINITE = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"


def parsed(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A doc from (word, head index, dependency, part of speech, entity tag, morphology) rows."""
    words, heads, deps, pos, ents, morphs = zip(*rows)
    return Doc(spacy.blank("fr").vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos),
               ents=list(ents), morphs=list(morphs))


@pytest.mark.parametrize(("rows", "verb", "subject"), [
    # "Lors des discussions, Ibrahim Traoré a affirmé que ...": the name hung on "discussions" as an apposition
    ([("Lors", 7, "advmod", "ADV", "O", ""), ("des", 2, "case", "ADP", "O", ""),
      ("discussions", 0, "obl:arg", "NOUN", "O", ""), (",", 2, "punct", "PUNCT", "O", ""),
      ("Ibrahim", 2, "appos", "PROPN", "B-PER", ""), ("Traoré", 4, "flat:name", "PROPN", "I-PER", ""),
      ("a", 7, "aux:tense", "AUX", "O", FINITE), ("affirmé", 7, "ROOT", "VERB", "O", "VerbForm=Part"),
      ("que", 9, "mark", "SCONJ", "O", ""), ("grave", 7, "ccomp", "ADJ", "O", "")], 7, "Ibrahim"),
    # guard: a name a preposition introduces before an infinitive ("... from Russia to counter the threat")
    ([("group", 0, "ROOT", "NOUN", "O", ""), ("from", 0, "prep", "ADP", "O", ""),
      ("Russia", 1, "pobj", "PROPN", "B-GPE", ""), ("to", 4, "aux", "PART", "O", ""),
      ("counter", 0, "acl", "VERB", "O", "VerbForm=Inf"), ("threats", 4, "dobj", "NOUN", "O", "")], 4, None),
    # guard: a finite verb whose apposition before it is no name
    ([("Lors", 6, "advmod", "ADV", "O", ""), ("des", 2, "case", "ADP", "O", ""),
      ("discussions", 0, "obl:arg", "NOUN", "O", ""), (",", 2, "punct", "PUNCT", "O", ""),
      ("longues", 2, "appos", "ADJ", "O", ""), ("a", 6, "aux:tense", "AUX", "O", FINITE),
      ("affirmé", 6, "ROOT", "VERB", "O", "VerbForm=Part")], 6, None),
    # guard: a participle after a comma is no incise, and the noun after it no speaker ("- JNIM asserted
    # responsibility, claiming heavy casualties", with "responsibility" the root)
    ([("responsibility", 0, "ROOT", "NOUN", "O", ""), (",", 0, "punct", "PUNCT", "O", ""),
      ("claiming", 0, "acl", "VERB", "O", "Aspect=Prog|Tense=Pres|VerbForm=Part"),
      ("heavy", 4, "amod", "ADJ", "O", ""), ("casualties", 2, "dobj", "NOUN", "O", "")], 2, None),
    # "Il souligne que ...": a reporting verb's "il" the parser read as impersonal is its subject
    ([("Il", 1, "expl:subj", "PRON", "O", ""), ("souligne", 1, "ROOT", "VERB", "O", FINITE),
      ("que", 3, "mark", "SCONJ", "O", ""), ("grave", 1, "ccomp", "ADJ", "O", "")], 1, "Il"),
    # guard: the impersonal passive "Il a été rapporté que ..." has no speaker
    ([("Il", 3, "expl:subj", "PRON", "O", ""), ("a", 3, "aux:tense", "AUX", "O", FINITE),
      ("été", 3, "aux:pass", "AUX", "O", "VerbForm=Part"), ("rapporté", 3, "ROOT", "VERB", "O", "VerbForm=Part"),
      ("que", 5, "mark", "SCONJ", "O", ""), ("grave", 3, "ccomp", "ADJ", "O", "")], 3, None),
])
def test_a_reporting_subject_survives_the_parsers_misreadings(rows, verb, subject):
    found = reporting_subject(parsed(rows)[verb])
    assert (found.text if found is not None else None) == subject
