"""Ground an armed group holds: verbs and nouns of control whose holder an armed group's role word names."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimatlas.claims.cues import CueBook
from claimatlas.claims.speakers import names_role, near_subtree
from claimatlas.negation import SUBJECT_DEPS, is_improbable, negated_or_denied

# The level of ground an armed group holds (the cue book's capital level where the unit names the capital),
# and the kind of its evidence.
ARMED_CONTROL_LEVEL = 2
ARMED_CONTROL_KIND = "armed control"
# How a noun of control names its holder: "control of JNIM", "contrôle du JNIM", "jihadist control", "JNIM's control".
HOLDER_DEPS = frozenset({"nmod", "amod", "poss", "compound"})


def armed_control(unit: Span, book: CueBook) -> list[Token]:
    """The verbs of holding ground in the unit (``control_verbs``, or a verb taking one of them as object or as
    the object of its preposition: "took control of the camp", "prendre le contrôle", "is in control of the
    roads") whose subject an armed group's role word names ("JNIM controls the roads", "les jihadistes
    contrôlent"), and the nouns of control whose holder one names ("under the control of JNIM", "under
    jihadist control", "sous contrôle du JNIM"); not negated, denied or called unlikely."""
    found = []
    for token in unit:
        if _held(token, _holders(token, book), book):
            found.append(token)
    return found


def _holders(token: Token, book: CueBook) -> list[Token]:
    """Who holds the control a word names: the subject of a verb of control (or of the verb above one: "managed
    to take control"), the holder of a noun of control; none for any other word."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in book.control_verbs:
        return [c for c in token.children if c.dep_ in HOLDER_DEPS] + [
            g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if token.pos_ not in ("VERB", "AUX") or not (token.lemma_.lower() in book.control_verbs or any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in book.control_verbs for c in token.children) or any(
            c.dep_ == "prep" and g.dep_ == "pobj" and g.lemma_.lower() in book.control_verbs
            for c in token.children for g in c.children)):
        return []
    holder = token.head if token.dep_ == "xcomp" else token
    return [c for c in (*token.children, *holder.children) if c.dep_ in SUBJECT_DEPS]


def _held(token: Token, holders: list[Token], book: CueBook) -> bool:
    words = " ".join(t.lower_ for h in holders for t in near_subtree(h))
    return any(names_role(words, p) for p, kind in book.roles if kind == "armed_group") and not (
        negated_or_denied(token, book.denial_verbs) or is_improbable(token, book.improbability_words))
