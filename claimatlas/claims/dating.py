"""When a claim's event happened: dated to years before the article ("In 2012, ..."), held over years ("for over a
decade"), or measured from a past starting point ("since the 2012 coup"); such events are background."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimatlas.claims.cues import CueBook
from claimatlas.ingest.metadata import ENGLISH_MONTHS, FRENCH_MONTHS

# A main event dated this many years or more before the latest year the article names is background
# ("In 2012, jihadists seized control of northern Mali"): level 1 at most, as the rubric's background.
BACKGROUND_YEARS = 2
BACKGROUND_LEVEL = 1
DATED_BACKGROUND_KIND = "dated background"
YEAR = re.compile(r"^(19|20)\d\d$")
# Prepositions that date the event they attach to ("in 2012", "en 2012", "during 2013"); "since 2012"
# measures a span up to now and dates nothing.
DATING_PREPOSITIONS = frozenset({"in", "during", "en", "pendant", "durant"})
# Months of the analysed languages, lower case: a year completes one ("in August 2023", "en août 2023").
MONTHS = frozenset(m.lower() for m in (*ENGLISH_MONTHS, *FRENCH_MONTHS))
# How a year qualifies an event noun ("the 2023 death of Prigozhin").
YEAR_OF_NOUN = frozenset({"nummod", "compound"})


# Prepositions that name a past starting point ("since the 2012 coup", "depuis la prise de Tombouctou"):
# the event they govern is background, whatever it was; the sentence's own claim is elsewhere. As a
# conjunction "depuis (que)" is always temporal, "since" only before a clause in the perfect ("has been
# unstable since the jihadists seized the north"); otherwise it may mean "because".
SINCE_PREPOSITIONS = frozenset({"since", "depuis"})
TEMPORAL_SINCE_CONJUNCTIONS = frozenset({"depuis"})
# How far up from a cue its clause is sought: a "since" phrase, a date, the verb it hangs on (the heads of a noun
# phrase, a relative clause).
CLAUSE_STEPS = 4


def in_since_phrase(token: Token, unit: Span) -> bool:
    """Whether the token lies in the object of "since" ("depuis") inside the unit, or in a clause it opens
    as a conjunction of time: "Violence persists since the military's takeover", "unstable since the coup
    that toppled the president", "has been unstable since the jihadists seized the north"."""
    node = token
    for _ in range(CLAUSE_STEPS):
        if (object_of(node, SINCE_PREPOSITIONS) and not _adverbial_since(node.head)
                or case_marked(node, SINCE_PREPOSITIONS)):
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and (c.lower_ in TEMPORAL_SINCE_CONJUNCTIONS or (
                c.lower_ in SINCE_PREPOSITIONS and _perfect(node.head))) for c in node.children):
            return True
        if node.head.i == node.i or node == unit.root:
            return False
        node = node.head
    return False


def _adverbial_since(since: Token) -> bool:
    """Whether "since" stands right after a form of "have", as the adverb "since then" does ("they have since
    attacked convoys"), which the parser may still take for a preposition."""
    return since.i > 0 and since.doc[since.i - 1].lemma_.lower() == "have"


def object_of(token: Token, prepositions: frozenset[str]) -> bool:
    """Whether the token is the object of one of the prepositions in the English parse ("pobj")."""
    return token.dep_ == "pobj" and token.head.lower_ in prepositions


def case_marked(token: Token, prepositions: frozenset[str]) -> bool:
    """Whether one of the prepositions marks the token in the French parse (a "case" child)."""
    return any(c.dep_ == "case" and c.lower_ in prepositions for c in token.children)


def _perfect(verb: Token) -> bool:
    """Whether a verb is in the perfect ("has been", "have attacked", "had fled")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def latest_year(doc: Doc) -> int | None:
    """The latest year the article names, read once per document (kept in ``doc.user_data``)."""
    if "latest_year" not in doc.user_data:
        years = [int(t.text) for t in doc if YEAR.match(t.text)]
        doc.user_data["latest_year"] = max(years) if years else None
    return doc.user_data["latest_year"]


def past_dated_events(unit: Span) -> frozenset[int]:
    """The unit's events dated to a year at least BACKGROUND_YEARS before the latest year its article names, by
    "in <year>" or "in <month> <year>" ("en août 2023"): the first verb above the date (the clause it dates), or
    the noun the year qualifies ("the 2023 death of Prigozhin"). Token indices."""
    latest = latest_year(unit.doc)
    if latest is None:
        return frozenset()
    dated = set()
    for year in unit:
        if not YEAR.match(year.text) or latest - int(year.text) < BACKGROUND_YEARS:
            continue
        phrase = year if _dating(year) else year.head if year.head.lower_ in MONTHS and _dating(year.head) else None
        if phrase is not None:
            event = _verb_above(phrase)
            if event is not None:
                dated.add(event.i)
        elif year.dep_ in YEAR_OF_NOUN and year.head.pos_ == "NOUN":
            dated.add(year.head.i)
    return frozenset(dated)


def _dating(token: Token) -> bool:
    return object_of(token, DATING_PREPOSITIONS) or case_marked(token, DATING_PREPOSITIONS)


def _verb_above(token: Token) -> Token | None:
    """The first verb above a token, at most CLAUSE_STEPS heads up."""
    node = token
    for _ in range(CLAUSE_STEPS):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def is_past_dated(token: Token, dated: frozenset[int]) -> bool:
    """Whether a cue's word is one of the ``past_dated_events`` or in the clause of one: "Prigozhin died in a
    plane crash in August 2023", in an article of 2025."""
    if token.i in dated:
        return True
    verb = token if token.pos_ in ("VERB", "AUX") else _verb_above(token)
    return verb is not None and verb.i in dated


def spans_years(unit: Span, book: CueBook) -> bool:
    """Whether the unit's main verb holds over years (the cue book's ``long_durations`` after one of its
    ``duration_prepositions``): "has been embroiled in an insurgency for over a decade", "For more than a decade,
    jihadists have attacked army posts", "depuis plus de dix ans"; a standing fact, not a new event ("has
    besieged Bamako for two months" is one)."""
    for token in unit:
        if token.lemma_.lower() not in book.long_durations:
            continue
        preposition = token.head if object_of(token, book.duration_prepositions) else None
        if preposition is not None and preposition.head == unit.root:
            return True
        if token.head == unit.root and case_marked(token, book.duration_prepositions):
            return True
    return False


def is_dated_background(unit: Span) -> bool:
    """Whether the unit's main verb is dated, by "in <year>" ("en <year>"), to a year at least
    BACKGROUND_YEARS before the latest year its article names: "In 2012, jihadists seized control of the
    north" in an article that also names 2025; not "the worst attack since 2012"."""
    latest = latest_year(unit.doc)
    if latest is None:
        return False
    for token in unit:
        if not YEAR.match(token.text) or latest - int(token.text) < BACKGROUND_YEARS:
            continue
        if object_of(token, DATING_PREPOSITIONS) and token.head.head == unit.root:
            return True
        if token.dep_.startswith("obl") and token.head == unit.root and case_marked(token, DATING_PREPOSITIONS):
            return True
    return False
