"""The state's defence and its spoils: a fight its forces met, weapons and vehicles its forces recover or seize,
which are a success as a repelled attack is (the rubric's "contained")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimatlas.claims.cues import REASSURANCE_KIND, Cue, CueBook
from claimatlas.claims.speakers import names_role, near_subtree
from claimatlas.negation import SUBJECT_DEPS, before_the_deed, negated_or_denied

SPOILS_TAKEN = "spoils taken"
# Where a word of seizing names what is taken: its object, a passive subject, "of" or "de" before a noun.
TAKEN_DEPS = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass", "pobj", "nmod", "conj"})


def spoils_taken(unit: Span, book: CueBook) -> list[tuple[Cue, list[Token]]]:
    """Words of seizing (``seizing_words``) that take weapons or vehicles (``spoils_words``) with the state's
    forces as the taker (``state_forces``: "troops confiscated weapons and motorcycles", "the armed forces
    reported the recovery of weapons", "weapons seized by the army", "l'armée a récupéré des armes"), as
    reassurance cue matches (level 0); not when the armed side takes them ("jihadists seized weapons"), nor
    negated."""
    cue = Cue(SPOILS_TAKEN, (), 0, REASSURANCE_KIND)
    return [(cue, [token]) for token in unit
            if token.lemma_.lower() in book.seizing_words and _takes_spoils(token, book)
            and _taken_by_the_state(token, book) and not negated_or_denied(token, book.denial_verbs)]


def _takes_spoils(token: Token, book: CueBook) -> bool:
    """Whether what a word of seizing takes includes weapons or vehicles."""
    taken = [t for t in token.subtree if t.i != token.i and t.lemma_.lower() in book.spoils_words]
    return any(t.dep_ in TAKEN_DEPS for t in taken)


# A fight met by the other party a preposition names ("clashed with the army", "affrontements avec l'armée").
PARTY_PREPOSITIONS = frozenset({"with", "avec", "against", "contre"})


def met_by_state_forces(token: Token, book: CueBook) -> bool:
    """Whether a fight a violence word names was met by the state's forces: a noun that is the object of a verb whose
    subject they are ("Niger's forces responded to the assault", "les soldats ont riposté à l'attaque"), or a fight
    with them ("they clashed with military forces"); not an act dated before or after something else ("neutralized 80
    terrorists following an attack": another act)."""
    verb, parties = token, []
    if token.pos_ not in ("VERB", "AUX"):
        verb = token.head.head if token.head.pos_ == "ADP" else token.head
        if before_the_deed(token, verb):
            return False
        parties = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.dep_ not in ("nsubjpass", "nsubj:pass")]
    parties += [g for c in token.children if c.lower_ in PARTY_PREPOSITIONS for g in c.children] + [
        c for c in token.children if any(g.dep_ == "case" and g.lower_ in PARTY_PREPOSITIONS for g in c.children)]
    agents = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for g in c.children]
    return _names_state_forces(parties, book) and not _names_hostile(token, agents, book)


def _names_hostile(token: Token, agents: list[Token], book: CueBook) -> bool:
    """Whether a fight's own words or its agents name the armed side ("jihadist assaults", "attacks by militants")."""
    words = " ".join([token.text, *(c.text for c in token.children if c.dep_ in ("amod", "compound")),
                      *(" ".join(t.text for t in near_subtree(a)) for a in agents)]).lower()
    return any(names_role(words, phrase) for phrase in book.hostile_forces)


def _names_state_forces(nodes: list[Token], book: CueBook) -> bool:
    """Whether the nouns name the state's forces and not the armed side."""
    words = " ".join(" ".join(t.text for t in near_subtree(node)) for node in nodes).lower()
    if not words or any(names_role(words, phrase) for phrase in book.hostile_forces):
        return False
    return any(names_role(words, phrase) for phrase in book.state_forces)


def _taken_by_the_state(token: Token, book: CueBook) -> bool:
    """Whether the taker of a word of seizing is the state's forces and not the armed side: the subject or agent of
    the verb, or for a noun ("the recovery of weapons") its possessor or the subject of the verb it completes."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    takers = [c for c in token.children if c.dep_ == "poss"]
    takers += [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.dep_ not in ("nsubjpass", "nsubj:pass")]
    takers += [g for c in verb.children if c.dep_ in ("agent", "obl:agent") for g in (c, *c.children)]
    return _names_state_forces(takers, book)
