"""Recognition filters: an ordered tuple of named keep/drop rules for proposed toponym mentions.

A proposal is a span the NER model tagged (source ``"ner"``) or a gazetteer name found in the text
(source ``"gazetteer"``). ``geo.toponyms.recognise`` passes each proposal through ``DEFAULT_FILTERS``
in order, skipping the filters named in its ``disabled`` switch and those not meant for the
proposal's source; the first filter whose ``keep`` returns False drops it. As with spaCy's
registered span filters, each rule is a small named function that can be tested and switched alone.

Four drops have consequences beyond the drop, applied by ``recognise``: an entity dropped by
``place_label`` that the model tagged ORG (or PERSON, WORK_OF_ART...) becomes context for the later
gazetteer filters (or, followed by a lower-case site word, a site: "Gabriel Touré hospital"); a
proposal dropped by ``demonym`` becomes an association; one dropped by ``organisation`` is kept with
the organisation's name ("Ohio" of "Ohio Department of Development"); a gazetteer name that passes
``model_overlap`` while covering the model's spans supersedes them, whatever later filters decide.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from geo.cue_words import LOCATIVE_BEFORE, PLACE_QUALIFIERS, SETTLEMENT_BEFORE, SPEAKING_VERBS
from geo.gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_CAPITAL,
    FEATURE_CITY,
    FEATURE_COUNTRY,
    Gazetteer,
    is_common_word,
    normalise,
)
from geo.local_news import named_with_its_state
from geo.named_things import (
    abbreviation_case,
    central_government,
    first_name_opening,
    function_words_only,
    language_name,
    occasion_name,
    person_of_a_country,
    relative_name,
    saint_possessive,
    storm_name,
    unknown_without_place_cue,
)
from geo.organisations import is_state_owning_a_body, organisation_span
from geo.proposals import PERSON_LABELS, Context, Proposal, SpanIndex, is_disease_name

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NON_CAPITALISED_NAME_WORDS = {"of", "de", "du", "des", "la", "le", "les", "el", "al", "and", "the", "upon", "on",
                              "sur", "am", "an", "der", "di", "da", "do", "dos", "das", "y", "en", "d", "l"}
# Apostrophes split words for the title-case test: "d’Ivoire" is the particle "d" and "Ivoire".
WORD_SPLIT = re.compile(r"[\s\-‐‑‒–—―'’‘ʼʻ`´′]+")
STRONG_CITY_POPULATION = 100_000
PROMINENT_FEATURES = {"A.PCLI", "L.CONT", "H.OCN", "L.RGN"}
_LIST_SEPARATOR = re.compile(r",|\band\b|\bet\b")
# A holiday named after a person or a place is a date, not an event held there ("Victoria Day", "Columbus Day").
_HOLIDAY = re.compile(r"\b(?:Day|Eve)$")
# Personal titles: a name right after one is a person's ("Mr Gao", "President Sall", "General Kidal").
PERSON_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "President", "General", "Gen", "Minister", "Colonel", "Col",
                 "Captain", "Capt", "Lieutenant", "Lt", "Sergeant", "Sgt", "Major", "Maj", "Senator", "Sen", "Rep",
                 "Governor", "Gov", "Mayor", "King", "Queen", "Prince", "Princess", "Sheikh", "Imam", "Judge",
                 "Justice", "Professor", "Prof", "Pope", "Bishop", "Rev", "Sir", "Dame", "Lord", "Lady", "Chancellor",
                 "Commander", "Marshal", "Admiral", "Adm", "Premier", "Secretary", "Ambassador")
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(PERSON_TITLES) + r")\.?[ \t]+$")


@dataclass(frozen=True)
class Filter:
    """A named rule: ``keep(proposal, context)`` is False to drop; ``sources`` it applies to."""

    name: str
    sources: frozenset[str]
    keep: Callable[[Proposal, Context], bool]


def is_strong(ids: list[int], gazetteer: Gazetteer) -> bool:
    """Whether a candidate is anything but a town of under 100,000 people."""
    return any(gazetteer.feature(i) != FEATURE_CITY or gazetteer.population(i) >= STRONG_CITY_POPULATION
               for i in ids)


def is_prominent(ids: list[int], gazetteer: Gazetteer) -> bool:
    """Whether a candidate is a country, continent, ocean, world region or a place of 100,000+ people."""
    return any(gazetteer.feature(i) in PROMINENT_FEATURES or gazetteer.population(i) >= STRONG_CITY_POPULATION
               and gazetteer.feature(i).startswith("P.") for i in ids)


def _is_heading(full_text: str, start: int, end: int) -> bool:
    line_start = full_text.rfind("\n", 0, start) + 1
    line_end = full_text.find("\n", end)
    line_end = len(full_text) if line_end < 0 else line_end
    return not full_text[line_start:start].strip() and not full_text[end:line_end].strip(" .:")


def _one_word(p: Proposal) -> bool:
    return len(p.tokens) == 1


def is_titled(p: Proposal, c: Context) -> bool:
    """Whether a personal title stands right before the name ("Mr Gao", "President Sall")."""
    return bool(_TITLE_BEFORE.search(c.text[max(0, p.start - 16):p.start]))


# Dependency roles of a word standing for a person rather than a place ("Lincoln said", "Gao's speech").
_PERSON_ROLES = {"nsubj", "nsubjpass", "poss", "compound", "appos", "npadvmod"}


# A generic word that opens or closes a town's name and no person's: "Fort Lee", "Goose Creek", "Palm Springs".
_TOWN_NAME_WORD = re.compile(r"^(?:Fort|Ft\.|Mount|Mt\.|Port|Lake) \S|\S (?:Creek|Springs|Falls|Beach|Heights|City|"
                             r"Valley|Junction|Harbor|Harbour|Lakes)$")


def is_regional_town(p: Proposal, c: Context, entities: SpanIndex) -> bool:
    """Whether a one-word name, or one with a town word ("Goose Creek", "Fort Lee"), that the model tagged as a
    person or a group (the entity is the name itself, or a list of names: "between Hombori and Boni") is a town
    of the story's region, or a town the text calls one ("the town of Hombori", "la localité de Boni", "in
    Ménaka"): a candidate is a populated place (in a country the story names or its neighbours, unless the text
    calls it a town), the word is not a person's role in the sentence, and it is no part of a longer person's
    name in the document ("Fighters seized Goundam, near Timbuktu"; "reached Gao, Kidal and Ménaka in Mali")."""
    if not (_one_word(p) or _TOWN_NAME_WORD.search(p.text)) or not all(
            (s, e) == (p.start, p.end) or _LIST_SEPARATOR.search(c.text[s:e]) for s, e in entities.overlapping(p.start, p.end)):
        return False
    if p.tokens[-1].dep_ in _PERSON_ROLES or c.gazetteer.demonym(p.text):
        return False
    if c.doc is not None and any(e.label_ in PERSON_LABELS and len(e) > 1 and p.text in e.text.split() for e in c.doc.ents):
        return False
    g = c.gazetteer
    called_a_town = bool(SETTLEMENT_BEFORE.search(c.text[max(0, p.start - 30):p.start])
                         or LOCATIVE_BEFORE.search(c.text[max(0, p.start - 12):p.start]))
    return any(g.feature(i).startswith("P.") and (called_a_town or g.country(i) in c.region) for i in p.ids)


# Filters for both sources.

def not_place(p: Proposal, c: Context) -> bool:
    """Drop outlet names and boilerplate of ``not_places.txt`` ("France 24", "Al Jazeera")."""
    return not any(s < p.end and p.start < e for s, e in c.not_place_spans)


def disease_name(p: Proposal, c: Context) -> bool:
    """Drop disease and pathogen names ("Marburg virus", "Salmonella Litchfield", "H5N1")."""
    return not is_disease_name(c.text, p.start, p.end)


def disease_in_document(p: Proposal, c: Context) -> bool:
    """Drop a name the document uses as a disease name elsewhere ("Marburg kills more slowly")."""
    return normalise(p.text) not in c.disease_names


def demonym(p: Proposal, c: Context) -> bool:
    """Drop demonyms and people nouns ("Malian", "Malians"): ``recognise`` keeps them as associations."""
    return c.gazetteer.demonym(p.text) is None


def organisation(p: Proposal, c: Context) -> bool:
    """Drop a name inside an organisation's or a company's name ("African Union", "U.S. Africa Command",
    "Kentucky State Police", "Delta Airlines"): ``recognise`` keeps it as an organisation, not a pin."""
    return organisation_span(p, c) is None


def titled_person(p: Proposal, c: Context) -> bool:
    """Drop a name right after a personal title ("Mr Gao said", "President Sall"), unless a country or
    continent."""
    return not is_titled(p, c) or any(c.gazetteer.feature(i) in ("A.PCLI", "L.CONT") for i in p.ids)


# Filters for NER spans.

def place_label(p: Proposal, c: Context) -> bool:
    """Keep only entities labelled GPE, LOC or FAC."""
    return p.label in PLACE_LABELS


def unknown_contains_organisation(p: Proposal, c: Context) -> bool:
    """Drop a name without candidates containing an organisation named in the document ("the Brink of Al Qaeda")."""
    return bool(p.ids) or not any(name in p.text for name in c.organisation_names)


def _common(word: str, c: Context) -> bool:
    """A common word of the document's language, or of English (which news in any language quotes)."""
    language = c.doc.lang_ if c.doc is not None else "en"
    return is_common_word(word) or (language != "en" and is_common_word(word, language))


def unknown_multi_line(p: Proposal, c: Context) -> bool:
    """Drop a name without candidates that spans lines."""
    return bool(p.ids) or "\n" not in p.text


def unknown_common_word(p: Proposal, c: Context) -> bool:
    """Drop a one-word name without candidates that is a common word ("Background", "Commerce"), hyphenated
    compounds included (French "État-Major")."""
    return bool(p.ids) or any(ch.isspace() for ch in p.text) or not _common(p.text, c)


def weak_common_word(p: Proposal, c: Context) -> bool:
    """Drop a one-word name the model tagged that is a common word and names no more than towns of under
    100,000 people ("Commerce", "Gouverneur" in French text), unless named with its state ("Moore, Okla.")."""
    return (not (_one_word(p) and _common(p.text, c) and not p.text.isupper()) or is_strong(p.ids, c.gazetteer)
            or named_with_its_state(c.text, p.end, p.ids, c.gazetteer) or _a_place_after_a_preposition(p, c))


# A preposition of place before a name ("from Dover", "residents of Flint") or a list it closes ("near Opelika and Auburn").
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?i:in|from|to|near|outside|(?:residents|people|mayor)\s+of)\s+"
                                       r"(?:[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*(?:,\s+|,?\s+(?:and|or)\s+))*$")


def _a_place_after_a_preposition(p: Proposal, c: Context) -> bool:
    """Whether the name stands right after a preposition of place (or closes a list after one) and the model
    took it for a place or a town of the story's region or a city of 100,000+ carries it: a town named after a
    person or a thing ("from Dover", "near Harrison", "in Bangalore") is a frequent word, not a common one there.
    Words of under five letters that the model did not take for a place and no city of 100,000+ carries ("in Part
    2"; not "near Troy", "in Hull") and dates ("in August") are left out."""
    g = c.gazetteer
    return ((len(p.text) >= 5 or p.label == "GPE" or is_strong(p.ids, g)) and p.tokens is not None
            and p.tokens[0].ent_type_ not in ("DATE", "TIME") and bool(_PLACE_PREPOSITION_BEFORE.search(c.text, max(0, p.start - 80), p.start))
            and any(g.feature(i).startswith("P.") and (p.label == "GPE" or g.country(i) in c.region
                                                       or g.population(i) >= STRONG_CITY_POPULATION) for i in p.ids))


def qualifier_opening_a_name(p: Proposal, c: Context) -> bool:
    """Drop a compass or size word right before another capitalised name ("EASTERN KENTUCKY", "Central Texas"):
    it qualifies that place rather than naming one ("Eastern Province", Saudi Arabia)."""
    return not (p.text.lower() in PLACE_QUALIFIERS and re.compile(r"[ \t]+[A-Z]").match(c.text, p.end))


def unknown_lower_case(p: Proposal, c: Context) -> bool:
    """Drop a name without candidates with a lower-case word other than a name particle: a verb or noun
    phrase the model tagged ("s’alléger", "Axes routiers")."""
    return bool(p.ids) or not any(w[:1].islower() and w.lower() not in NON_CAPITALISED_NAME_WORDS
                                  for w in WORD_SPLIT.split(p.text))


def unknown_person_word(p: Proposal, c: Context) -> bool:
    """Drop a one-word name without candidates that the document uses as a person's name."""
    return bool(p.ids) or not (_one_word(p) and p.text in c.person_words)


def unknown_heading(p: Proposal, c: Context) -> bool:
    """Drop a name without candidates standing alone on its line (a heading)."""
    return bool(p.ids) or not _is_heading(c.text, p.start, p.end)



def _own_words(text: str, start: int, end: int, c: Context) -> list[str]:
    """The capitalised words of ``text`` outside [start, end) that are neither qualifiers, name particles nor
    place names themselves ("Little" of "Little Portugal")."""
    rest = WORD_SPLIT.split(f"{text[:start]} {text[end:]}")
    return [w for w in rest if w[:1].isupper() and w.lower() not in PLACE_QUALIFIERS
            and w.lower() not in NON_CAPITALISED_NAME_WORDS and not c.gazetteer.lookup(w)]


def unknown_contains_strong_name(p: Proposal, c: Context) -> bool:
    """Drop a name without candidates containing a strong name: the gazetteer pass finds that name."""
    return bool(p.ids) or not any(is_strong(c.gazetteer.lookup(key), c.gazetteer)
                                  for _, _, key in c.gazetteer.matches(p.text))


# Filters for gazetteer names.

def token_boundary(p: Proposal, c: Context) -> bool:
    """Drop a name that does not start and end on token boundaries."""
    return p.tokens is not None


def other_entity(p: Proposal, c: Context) -> bool:
    """Drop a name overlapping a date, time, number or NORP (nationality, group) entity, unless it is a town
    of the story's region the model took for a group ("Kidal"), or the entity is the name alone and the name
    is a country's, a region's or a state's own name and no demonym ("The Punjab government")."""
    overlapping = c.other_entities.overlapping(p.start, p.end)
    g = c.gazetteer
    return not overlapping or is_regional_town(p, c, c.other_entities) or (
        overlapping == [(p.start, p.end)] and g.demonym(p.text) is None and any(
            g.feature(i) in (FEATURE_ADMIN1, FEATURE_COUNTRY, "L.RGN") and normalise(g.name(i)) == normalise(p.text)
            for i in p.ids))


# The particle of a "town + particle + region" name: "Nioro du Sahel", "Frankfurt am Main".
_QUALIFIER = re.compile(r"[ \t]+(?:of|de|du|des|sur|upon|on|am|an|en)[ \t]+[A-ZÀ-Ý]")


def model_overlap(p: Proposal, c: Context) -> bool:
    """Drop a name overlapping a model span, unless it strictly contains each such span and is prominent
    ("Trinidad and Tobago" over the model's "Trinidad", which it then supersedes), a town named with its
    region ("Nioro du Sahel" over the model's "Nioro" and "Sahel"), a place whose name adds capitalised
    words of its own to the model's ("Little Portugal" over the model's "Portugal"), or a town whose name adds
    a town word ("Detroit Lakes" over the model's "Detroit", "Mount Sterling" over "Sterling"), or any name whose
    model spans name nothing the gazetteer knows ("Yorba Linda" over the model's "Yorba")."""
    covered = c.model_mentions.overlapping(p.start, p.end)
    if not covered:
        return True
    if not all(p.start <= s and e <= p.end and (s, e) != (p.start, p.end) for s, e in covered):
        return False
    own = len(covered) == 1 and bool(_own_words(p.text, covered[0][0] - p.start, covered[0][1] - p.start, c))
    town = bool(_TOWN_NAME_WORD.search(p.text)) and any(c.gazetteer.feature(i).startswith("P.") for i in p.ids)
    return is_prominent(p.ids, c.gazetteer) or bool(_QUALIFIER.search(p.text)) or own or town or _completes_fragments(p, c)


def _completes_fragments(p: Proposal, c: Context) -> bool:
    """Whether the name covers model place spans that name nothing the gazetteer knows (the model's "Yorba" of
    "Yorba Linda", whose "Linda" it took for a person)."""
    covered = c.model_mentions.overlapping(p.start, p.end)
    return bool(covered) and all(p.start <= s and e <= p.end for s, e in covered) and not any(
        c.gazetteer.lookup(c.text[s:e]) for s, e in covered)


def inside_person(p: Proposal, c: Context) -> bool:
    """Drop a name overlapping a PERSON (or WORK_OF_ART...) entity, unless it is strong and each such
    entity lies inside it, is a list ("Mali, Niger and Burkina Faso" tagged PERSON), is the name with a region
    word ("Rakhine State" tagged PERSON), or is an event the
    name opens, which takes place there ("the Dubai World Cup", "the Muscat International Film
    Festival"; a holiday is no such event: "Victoria Day"), it is a town of the story's region
    (``is_regional_town``), or each such entity lies inside it beside a model span the gazetteer does not
    know ("Yorba Linda": the model's "Yorba" and the person "Linda") or ends it (``_ends_with_the_person``)."""
    in_person = c.people.overlapping(p.start, p.end)
    return not in_person or is_strong(p.ids, c.gazetteer) and all(
        (p.start <= s and e <= p.end) or _LIST_SEPARATOR.search(c.text[s:e]) or _opens_event(p, s, e, c)
        or _names_its_division(p, s, e, c) for s, e in in_person) or is_regional_town(p, c, c.people) or bool(
        p.ids) and (_completes_fragments(p, c) or _ends_with_the_person(p, c)) and all(
        p.start <= s and e <= p.end for s, e in in_person)


def _ends_with_the_person(p: Proposal, c: Context) -> bool:
    """Whether a name of several words that is a town of the story's region ends with, but does not open with,
    the person the model cut from it ("Chapel Hill", the model's person "Hill")."""
    return (" " in p.text and all(s > p.start for s, _ in c.people.overlapping(p.start, p.end))
            and any(c.gazetteer.feature(i).startswith("P.") and c.gazetteer.country(i) in c.region for i in p.ids))


# A region word after a region's name: "Rakhine State", "Sofala Province", "Kayes Region".
_DIVISION_WORD = re.compile(r"[ \t]+(?:State|Province|Region|District|Governorate|Prefecture|Oblast)$")


def _names_its_division(p: Proposal, start: int, end: int, c: Context) -> bool:
    """Whether the entity is the proposal followed by a region word and the name is a region's ("Rakhine
    State" tagged a person)."""
    g = c.gazetteer
    return start == p.start and bool(_DIVISION_WORD.fullmatch(c.text, p.end, end)) and any(
        g.feature(i) in (FEATURE_ADMIN1, "A.ADM2") for i in p.ids)


def _opens_event(p: Proposal, start: int, end: int, c: Context) -> bool:
    """Whether the proposal opens an EVENT entity that is not a holiday ("Dubai World Cup", not "Victoria Day")."""
    return start == p.start and (start, end) in c.events and not _HOLIDAY.search(c.text[start:end])


def inside_organisation(p: Proposal, c: Context) -> bool:
    """Drop a weak name (a town of under 100,000 people) inside, not equal to, an organisation's name."""
    inside = [(s, e) for s, e in c.organisations.overlapping(p.start, p.end) if s <= p.start and p.end <= e]
    whole = any(s == p.start and e == p.end for s, e in inside)
    return not inside or whole or is_strong(p.ids, c.gazetteer)


def one_word_proper_noun(p: Proposal, c: Context) -> bool:
    """Drop a weak one-word name that is not a proper noun, or a common word opening a sentence, unless it is a
    dateline's place ("IMMOKALEE –"); a capitalised word, no common word, naming a town of the story's region stays
    whatever the model's tag ("ainsi que Ber et Goundam", "Tinzaouaten, near the Algerian border, ...": nouns)."""
    if not _one_word(p) or is_strong(p.ids, c.gazetteer) or (p.start, p.end) in c.datelines:
        return True
    token = p.tokens[0]
    if token.pos_ != "PROPN" and p.text[:1].isupper() and not _common(p.text, c):
        return any(c.gazetteer.feature(i).startswith("P.") and c.gazetteer.country(i) in c.region for i in p.ids)
    return token.pos_ == "PROPN" and not (token.is_sent_start and _common(p.text, c))


def is_regional_division(p: Proposal, c: Context) -> bool:
    """Whether a one-word name is the own name of a state, province or county of 100,000+ people in the
    story's region ("Texas" of the Texas Rangers in a US story, "Wales" of Marine Energy Wales), other than
    a compass or size word ("Centre", "Est")."""
    g = c.gazetteer
    return p.text.lower() not in PLACE_QUALIFIERS and any(
        g.feature(i) in (FEATURE_ADMIN1, "A.ADM2") and normalise(g.name(i)) == normalise(p.text)
        and g.population(i) >= STRONG_CITY_POPULATION and g.country(i) in c.region for i in p.ids)


def one_word_common_word(p: Proposal, c: Context) -> bool:
    """Drop a one-word common word ("Centre", "West") unless a prominent place carries it as its own name,
    it is a state or county of the story's region (``is_regional_division``), it is named with its state
    ("Moore, Okla.") or it is a state named with one of its bodies ("Kentucky State Police")."""
    g = c.gazetteer
    return not (_one_word(p) and _common(p.text, c) and not p.text.isupper()) or is_prominent(
        [i for i in p.ids if g.feature(i) in PROMINENT_FEATURES or normalise(g.name(i)) == normalise(p.text)], g
    ) or is_regional_division(p, c) or named_with_its_state(c.text, p.end, p.ids, g) or is_state_owning_a_body(p, c) or (
        _a_place_after_a_preposition(p, c))


def one_word_alternate_name(p: Proposal, c: Context) -> bool:
    """Drop a one-word common word or person's name that is only an alternate name ("Drug" for Durg); a
    city of 100,000 people or more, or a region, is known by its alternate names ("Mekelle" for Mek'ele), unless the word
    closes a hyphenated name ("Diaz-Balart")."""
    g = c.gazetteer
    key = normalise(p.text)
    strong = is_strong(p.ids, g) and c.text[p.start - 1:p.start] not in ("-", "‐", "‑")  # not "Diaz-Balart"
    return not (_one_word(p) and (_common(p.text, c) or p.text in c.person_words and not strong)
                and all(normalise(g.name(i)) != key for i in p.ids)
                and not any(g.feature(i) in PROMINENT_FEATURES for i in p.ids))


def one_word_person_name(p: Proposal, c: Context) -> bool:
    """Drop a weak town name the document uses as a person's name ("Ali said", "said Lennox"), unless this
    occurrence is a town of the story's region (``is_regional_town``)."""
    return not (_one_word(p) and p.text in c.person_words) or (
        is_strong(p.ids, c.gazetteer) and not _surname_as_subject(p, c)) or is_regional_town(p, c, c.people)


def _surname_as_subject(p: Proposal, c: Context) -> bool:
    """Whether the name follows the first word of a person's name in the document and stands alone as a verb's subject
    ("Austin Jackson ... Jackson was held", "Abraham Lincoln ... Lincoln was born"): the person, even where a
    large town carries the name. A country or its capital, by its own name, still speaks for its government
    ("Washington said"); "Sana" of "Mahamadou Sana" is only an alternate name of Sanaa."""
    g = c.gazetteer
    return (p.tokens is not None and p.tokens[-1].dep_ in ("nsubj", "nsubjpass") and c.doc is not None
            and any(e.label_ in PERSON_LABELS and p.text in {t.text for t in e[1:]} for e in c.doc.ents)
            and not any(g.feature(i) in (FEATURE_CAPITAL, FEATURE_COUNTRY) and normalise(g.name(i)) == normalise(p.text)
                        for i in p.ids))


def acronym(p: Proposal, c: Context) -> bool:
    """Drop acronyms (HIV, FAO) unless they name a country, state or region (US, UK, EU), or are the place
    of a dateline ("JOHANNESBURG (Reuters) -")."""
    return not p.text.replace(".", "").isupper() or (p.start, p.end) in c.datelines or any(
        c.gazetteer.feature(i) in (FEATURE_COUNTRY, FEATURE_ADMIN1, "L.RGN") for i in p.ids)


# Places that speak for their government: "Washington said", "Texas announced", "Paris warned".
_GOVERNMENT_FEATURES = {FEATURE_COUNTRY, FEATURE_ADMIN1, FEATURE_CAPITAL, "L.CONT", "L.RGN"}


def speaking_subject(p: Proposal, c: Context) -> bool:
    """Drop a one-word name, or a name with no candidate, that is the subject of a verb of saying or
    deciding ("Lincoln said", "Toyota announced", "Adam Beach told reporters"): a person or a company,
    unless it can be a country, state, capital or region, which speak for their governments, or is a dateline's
    place the parse took for the subject ("SPRINGFIELD, Ohio — Clark County deputies said")."""
    if p.tokens is None or not (_one_word(p) or not p.ids) or (p.start, p.end) in c.datelines:
        return True
    token = p.tokens.root
    speaks = token.dep_ in ("nsubj", "nsubj:pass") and token.head.lemma_.lower() in SPEAKING_VERBS
    return not speaks or any(c.gazetteer.feature(i) in _GOVERNMENT_FEATURES for i in p.ids)


# A maker's name before what it makes or runs: "a Toyota plant", "Toyota cars", "the Nestlé factory".
_MADE_THING_AFTER = re.compile(r"[ \t]+(?:plants?|factory|factories|dealerships?|dealers?|stores?|outlets?|"
                               r"vehicles?|cars?|trucks?|models?|brand|executives?|subsidiary)\b")


def maker_before_its_product(p: Proposal, c: Context) -> bool:
    """Drop a one-word name before a plant, store or product noun ("a Toyota plant", "Toyota trucks") when
    none of its candidates lies in the story's region: a company or brand named after a town abroad."""
    g = c.gazetteer
    return not (_one_word(p) and _MADE_THING_AFTER.match(c.text, p.end) and c.region
                and not any(g.country(i) in c.region for i in p.ids))


_BOTH, _NER, _GAZETTEER = frozenset({"ner", "gazetteer"}), frozenset({"ner"}), frozenset({"gazetteer"})
DEFAULT_FILTERS: tuple[Filter, ...] = tuple(Filter(f.__name__, sources, f) for f, sources in (
    (not_place, _BOTH),
    (abbreviation_case, _BOTH),
    (function_words_only, _BOTH),
    (disease_name, _BOTH),
    (disease_in_document, _BOTH),
    (place_label, _NER),
    (token_boundary, _GAZETTEER),
    (other_entity, _GAZETTEER),
    (demonym, _BOTH),
    (titled_person, _BOTH),
    (relative_name, _BOTH),
    (storm_name, _BOTH),
    (language_name, _BOTH),
    (occasion_name, _BOTH),
    (central_government, _BOTH),
    (person_of_a_country, _BOTH),
    (saint_possessive, _BOTH),
    (speaking_subject, _BOTH),
    (maker_before_its_product, _BOTH),
    (unknown_contains_organisation, _NER),
    (unknown_multi_line, _NER),
    (unknown_common_word, _NER),
    (unknown_lower_case, _NER),
    (unknown_person_word, _NER),
    (first_name_opening, _NER),
    (weak_common_word, _NER),
    (unknown_heading, _NER),
    (unknown_contains_strong_name, _NER),
    (unknown_without_place_cue, _NER),
    (model_overlap, _GAZETTEER),
    (inside_person, _GAZETTEER),
    (inside_organisation, _GAZETTEER),
    (one_word_proper_noun, _GAZETTEER),
    (one_word_common_word, _GAZETTEER),
    (one_word_alternate_name, _GAZETTEER),
    (one_word_person_name, _GAZETTEER),
    (acronym, _GAZETTEER),
    (qualifier_opening_a_name, _GAZETTEER),
    (organisation, _BOTH),  # last: only a name that would otherwise be a pin is kept as an organisation
))
FILTER_NAMES = frozenset(f.name for f in DEFAULT_FILTERS)
