"""Where a claim unit places its threat: in a capital, or only on the way to one, or in a dateline.

An incident in a capital of the crisis's states is at the capital level (the cue book's
``capital_violence_level``). The cue book names its own capital (``capital_terms``: "Bamako", "the
capital"); the gazetteer finds the other capitals of the speaker book's ``home_countries`` and the
quarters and sites of each ("Niamey airport", "Faladié"). A capital named as a destination, as the
government it stands for, or in a dateline is not the scene.
"""
from __future__ import annotations

from typing import Protocol

from spacy.tokens import Span, Token

from claimatlas.claims.cues import CueBook
from claimatlas.claims.dating import case_marked
from claimatlas.negation import with_fixed

# Entities that may name a capital as a scene, beside single proper nouns ("Niamey airport").
SCENE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The dash that ends a dateline ("DAKAR, Feb 2 (Reuters) -"), and how far after the place it may stand.
DATELINE_DASHES = frozenset({"-", "–", "—"})
DATELINE_REACH = 10


class PlaceFacts(Protocol):
    """What the claims read of the gazetteer (``geo.gazetteer.Gazetteer``)."""

    def nation(self, name: str) -> str | None:
        """The country a country's name or demonym stands for, else None."""

    def capital_country(self, name: str) -> str | None:
        """The country whose capital the name is or lies in, else None."""


def is_destination(token: Token, book: CueBook) -> bool:
    """Whether the word names where something is bound, or the point a distance is measured from, rather than where
    it is: "a convoy heading to Bamako", "tankers bound for the capital", "100 km from Bamako", "des camions en
    direction de Bamako", "vers la capitale" (the cue book's ``destination_words``: the preposition or noun it
    hangs on, or its own case marker)."""
    if token.dep_ == "appos" and token.head.i != token.i:
        return is_destination(token.head, book)  # "reach the capital, Bamako"
    head = token.head
    if head.lower_ in book.destination_words or head.lemma_.lower() in book.destination_words:
        return True
    if head.dep_ in ("prep", "case") and (head.head.lower_ in book.destination_words
                                          or head.head.lemma_.lower() in book.destination_words):
        return True  # "bound for": the preposition hangs on "bound"
    return case_marked(token, book.destination_words)


def in_dateline(token: Token, unit: Span) -> bool:
    """Whether the word is the place of a dateline opening the unit: "DAKAR, Feb 2 (Reuters) -", "Ouagadougou
    (Agenzia Fides) -" (a dash set apart by a space follows within DATELINE_REACH tokens, with no verb before it;
    the hyphen of "Nusrat al-Islam" is no dash)."""
    if token.i - unit.start > 2:
        return False
    for word in unit.doc[token.i + 1:min(unit.end, token.i + DATELINE_REACH)]:
        if word.text in DATELINE_DASHES and unit.doc[word.i - 1].whitespace_:
            return True
        if word.pos_ in ("VERB", "AUX"):
            return False
    return False


def _names_capital_scene(unit: Span, book: CueBook, gazetteer: PlaceFacts | None) -> bool:
    """Whether the unit names the capital of one of the crisis's states (the book's ``home_countries``), or a
    place in one, as where something happens: "an attack on Niamey airport", "the gendarme school in Faladié";
    not as the government it stands for ("Niamey accused its neighbours": an active subject), a destination,
    or a dateline."""
    if gazetteer is None:
        return False
    # Single names too: a proper noun, or a capitalised word inside the sentence (the French model tags
    # "Faladié" and "Ouagadougou" as adjectives).
    names = [*(e for e in unit.ents if e.label_ in SCENE_LABELS),
             *(unit.doc[t.i:t.i + 1] for t in unit if t.pos_ == "PROPN" or t.i > unit.start and t.is_title)]
    return any(gazetteer.capital_country(name.text) in book.home_countries and name.root.dep_ != "nsubj"
               and not is_destination(name.root, book) and not in_dateline(name.root, unit) for name in names)


def mentions_capital(unit: Span, book: CueBook, gazetteer: PlaceFacts | None, with_scenes: bool) -> bool:
    """Whether the unit places something in a capital: one of the cue book's ``capital_terms`` that is neither a
    destination nor a dateline, or, ``with_scenes`` (read only where a cue the capital would raise needs it), a
    capital or a place in one that the gazetteer finds."""
    return any(t.lower_ in book.capital_terms and not is_destination(t, book) and not in_dateline(t, unit)
               for t in unit) or with_scenes and _names_capital_scene(unit, book, gazetteer)


def spans_the_country(token: Token, book: CueBook, gazetteer: PlaceFacts | None) -> bool:
    """Whether an attack word's scene is a whole country, as in the rubric's "coordinated attacks across the
    country": a preposition of extent (the book's ``nationwide_marks``: "across", "throughout", "à travers") on the
    word or its verb, taking the book's word for the country or a country's name ("simultaneous attacks across
    Mali", "attacked army posts throughout the country", "des attaques ont frappé à travers le pays")."""
    scenes = []
    for node in (token, token.head):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in book.nationwide_marks:
                scenes += [g for g in child.children if g.dep_ == "pobj"]
            elif any(c.dep_ == "case" and with_fixed(c) in book.nationwide_marks for c in child.children):
                scenes.append(child)
    return any(scene.lemma_.lower() in book.country_words
               or gazetteer is not None and gazetteer.nation(scene.text) is not None for scene in scenes)
