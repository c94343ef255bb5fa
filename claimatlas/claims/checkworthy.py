"""Claim or not: whether a unit asserts something checkable, rather than opinion, a question or page furniture."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimatlas.claims.cues import CueBook
from claimatlas.claims.units import entities_in

CHECKABLE_ENTITIES = ("CARDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME", "ORDINAL")
# Named entities that make a unit checkable: the English model's (OntoNotes) names, and the French
# model's (WikiNER) people and places.
NAME_TYPES = ("PERSON", "ORG", "NORP", "GPE")
MODEL_NAME_TYPES = ("PER", "LOC")
OPINION_VERBS = ("think", "believe", "feel", "hope", "want", "wish", "like", "love", "guess", "suppose")
INTENT_MODALS = ("will", "would", "should", "must", "shall", "'ll", "ought")


def is_statement(unit: Span, book: CueBook) -> bool:
    """Whether a unit can be a claim at all: three words or more, not a question, not page furniture
    (the cue book's non-claim openings: "Read more", "Lire aussi")."""
    text = unit.text.strip().lower().lstrip("-•* ")
    if any(text.startswith(opening) for opening in book.non_claim_openings):
        return False
    if len([t for t in unit if t.is_alpha]) < 3:
        return False
    return not unit.text.rstrip().endswith("?")


def is_claim(unit: Span, book: CueBook, has_cue: bool) -> bool:
    """Whether a unit asserts something checkable (a claim) rather than opinion, a question or furniture."""
    if not is_statement(unit, book):
        return False
    if has_cue:
        return True
    words = [t for t in unit if t.is_alpha]
    root = unit.root
    if (root.tag_ == "VB" or "Imp" in root.morph.get("Mood")) and root.i == words[0].i:
        return False
    if not any(_finite(t) for t in unit):
        return False
    return checkworthiness(unit) >= 1


def _finite(token: Token) -> bool:
    """A finite verb: by its English tag, or by its morphology (models with Universal Dependencies tags)."""
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD") or (
        token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"))


def _past(token: Token) -> bool:
    """A past or perfect verb: by its English tag, or by its morphology."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ == "amod":
        return False
    return token.tag_ in ("VBD", "VBN") or "Past" in token.morph.get("Tense") and not token.tag_.startswith("VB")


def checkworthiness(unit: Span) -> int:
    """Points for a checkable factual assertion: numbers, names, past events; less for opinion and intent."""
    points = 0
    labels = {e.label_ for e in entities_in(unit)}
    if labels & set(CHECKABLE_ENTITIES) or (not labels & set(CHECKABLE_ENTITIES + NAME_TYPES) and any(
            t.like_num for t in unit)):
        points += 2
    if labels & set(NAME_TYPES + MODEL_NAME_TYPES):
        points += 1
    if any(_past(t) for t in unit):
        points += 1
    first_person = {t.head.i for t in unit if t.dep_.startswith("nsubj") and t.lower_ in ("i", "we", "you")}
    if any(t.i in first_person and t.lemma_.lower() in OPINION_VERBS for t in unit):
        points -= 2
    if any(t.tag_ == "MD" and t.lower_ in INTENT_MODALS and t.head.i in first_person for t in unit):
        points -= 2
    if any(t.lemma_.lower() in ("be", "have", "être", "avoir") for t in unit) and points == 0:
        points += 1
    return points
