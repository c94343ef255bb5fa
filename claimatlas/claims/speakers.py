"""Who speaks: reporting verbs, "according to", pronouns and role words resolved to speakers."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimatlas.claims.cues import CueBook
from claimatlas.claims.reporting import (
    BODY_LABELS,
    NAME_TYPES,
    PERSON_LABELS,
    innermost_first,
    reporting_subject,
    reports_the_unit,
)
from claimatlas.claims.units import Quotes
from claimatlas.negation import SUBJECT_DEPS

DESCRIPTION_WINDOW = 25
# Direct-object dependency labels (English ClearNLP-style and Universal Dependencies, as in French).
OBJECT_DEPS = frozenset({"dobj", "obj"})
# Entity labels of countries and cities (English GPE; the French model tags them LOC), and the speaker
# types a country or city named as a speaker stands for.
COUNTRY_LABELS = frozenset({"GPE", "LOC"})
GOVERNMENT_KIND = "government_or_military"
GOVERNMENT_TYPES = frozenset({"foreign_government", GOVERNMENT_KIND})
# Clauses whose subject a later pronoun of the sentence may stand for.
ANTECEDENT_CLAUSES = frozenset({"advcl", "conj"})
# How many words to the right of a noun may still name the speaker (languages with modifiers after the noun).
RIGHT_MODIFIER_WINDOW = 10


ELIDED_DE = ("d'", "d’")


def _attributes(token: Token) -> bool:
    """Whether the token is a French preposition that attributes its noun, as "according to" does:
    "selon", or "d'après" (parsed as "d'" with "après" fixed to it, or as "après" after "d'")."""
    if token.dep_ != "case":
        return False
    return token.lower_ == "selon" or (token.lower_ in ELIDED_DE and any(c.lower_ == "après" for c in token.children)) or (
        token.lower_ == "après" and token.i > 0 and token.doc[token.i - 1].lower_ in ELIDED_DE)


@dataclass
class Speaker:
    """A resolved speaker: display name and type."""

    name: str
    type: str
    person: bool = False
    country: bool = False  # named by a country or city ("France said", "Washington warned"): a government


class SpeakerResolver:
    """Resolve reporting-verb subjects to speakers across one document."""

    def __init__(self, doc: Doc, outlet: str | None, book: CueBook, nation: Callable[[str], str | None] | None = None,
                 kind: str | None = None):
        self.book = book
        self.nation = nation  # the country a name or demonym stands for (ISO code), when a gazetteer is at hand
        self.outlet = Speaker(outlet or "the outlet", "outlet")
        self.last_person: Speaker | None = None
        self.last: Speaker | None = None
        self.last_body: Speaker | None = None
        self.known: list[Speaker] = []
        self.people: dict[str, tuple[str, str]] = {}
        self.entity_at = {i: ent for ent in doc.ents if ent.label_ in NAME_TYPES for i in range(ent.start, ent.end)}
        # Where each person is named, in text order: "he" and "she" point back to the last one.
        self.persons = [ent for ent in doc.ents if ent.label_ in PERSON_LABELS]
        self.person_starts = [ent.start for ent in self.persons]
        self.compound_on = {ent.root.head.i: ent for ent in doc.ents
                            if ent.label_ in NAME_TYPES and ent.root.dep_ == "compound"}
        for ent in doc.ents:
            if ent.label_ in PERSON_LABELS:
                name = _clean_name(ent)
                key = name.split()[-1].lower() if name else ""
                description = _description(ent)
                if key and (key not in self.people or len(name) > len(self.people[key][0])):
                    self.people[key] = (name, description)
                elif key and description and not self.people[key][1]:
                    self.people[key] = (self.people[key][0], description)
        self.aliases = acronym_aliases(doc)
        self.outlet = self._document_voice(doc, kind) or self.outlet

    def _document_voice(self, doc: Doc, kind: str | None) -> Speaker | None:
        """Who speaks where the text names no speaker, when the document's kind says it is not the outlet: the
        government an official document names first, or the author an analysis names in its byline."""
        kind = (kind or "").lower()
        if kind in self.book.official_kinds:
            for ent in doc.ents:
                if ent.label_ in BODY_LABELS:
                    role = self.role_type(ent.text, "")
                    nation = self.nation(ent.text) if self.nation is not None and role in ("", *GOVERNMENT_TYPES) else None
                    if nation is not None:
                        role = self._government_of(nation)
                    if role in GOVERNMENT_TYPES:
                        return Speaker(ent.text, role, country=nation is not None)
        if kind in self.book.authored_kinds:
            author = byline_author(doc, self.book.byline_openings)
            if author:
                return Speaker(author, "analyst", person=True)
        return None

    def role_type(self, description: str, default: str) -> str:
        """The first role in speakers.yaml found in a description (singular or plural: "analyst" also
        finds "analysts"), else ``default``."""
        text = f" {description.lower()} "
        text += " ".join(full for short, full in self.aliases.items() if names_role(text, short))
        return next((kind for phrase, kind in self.book.roles if names_role(text, phrase)), default)

    def from_subject(self, subject: Token) -> Speaker | None:
        """The speaker named by a reporting verb's subject (or "according to" object)."""
        pronoun = subject.lower_.lstrip("-")  # "-il" of "a-t-il déclaré"
        if pronoun in self.book.body_pronouns:
            antecedent = _subject_before(subject)
            if antecedent is not None:
                return self.from_subject(antecedent)
            if pronoun not in self.book.pronouns:  # "it" said: the last body that spoke, never a person
                return self.last_body
        if pronoun in self.book.pronouns:
            if pronoun in ("he", "she", "il", "elle"):
                return self.last_person or self._person_named_before(subject)
            return self.last or self.last_person
        if subject.pos_ == "PRON":
            return None
        if subject.pos_ == "PROPN" and subject.lower_ in self.people:
            return self._person(subject.text)
        ent = self.entity_at.get(subject.i)
        if ent is not None and ent.label_ in PERSON_LABELS:
            return self._person(_clean_name(ent))
        phrase = _noun_phrase(subject)
        if ent is None and subject.pos_ == "PROPN" and (subject.ent_type_ == "" or subject.ent_type_ in PERSON_LABELS):
            name = " ".join(t.text for t in near_subtree(subject) if t.pos_ == "PROPN" and t.i <= subject.i)
            self.people.setdefault(subject.lower_, (name, " ".join(t.text for t in near_subtree(subject))))
            return self._person(name)
        named_by = self.compound_on.get(subject.i) if ent is None and subject.pos_ != "PROPN" else None
        if named_by is not None:
            name = named_by.text
        else:
            name = ent.text if ent is not None and ent.label_ in BODY_LABELS else phrase
        name = re.sub(r"^(the|a|an|le|la|les|un|une|des)\s+|^l['’]", "", name, flags=re.IGNORECASE)
        for person, description in self.people.values():
            role = _role_words(description)
            if role and role in phrase.lower():
                return self._person(person)
        named = any(t.ent_type_ in NAME_TYPES for t in near_subtree(subject) if t.i < subject.i)
        for speaker in self.known:  # "the government" again, but not "Burkina Faso's government" after Senegal's
            if not speaker.person and not named and subject.lower_ in speaker.name.lower().split():
                return self._remember(speaker)
        role = self.role_type(" ".join(t.text for t in near_subtree(subject)), "")
        if role in GOVERNMENT_TYPES and self._unnamed_individual(subject):  # an official who gives no name
            role = "unnamed_source"
        nation = self._nation_named(subject) if role in ("", *GOVERNMENT_TYPES) else None
        if nation is not None:  # a country or its people: the crisis's own government, or a foreign one
            role = self._government_of(nation)
        country = (ent is not None and ent.label_ in COUNTRY_LABELS or nation is not None) and role in GOVERNMENT_TYPES
        return self._remember(Speaker(name, role or self.book.default_body_type, country=country))

    def _government_of(self, nation: str) -> str:
        """The speaker type of a country's government: the crisis's own, or a foreign one."""
        return GOVERNMENT_KIND if nation in self.book.home_countries else "foreign_government"

    def _names_a_speaker(self, subject: Token) -> bool:
        """Whether a subject names someone who can speak: a pronoun, a name, a role or a country."""
        if subject.pos_ in ("PRON", "PROPN") or subject.i in self.entity_at:
            return True
        return bool(self.role_type(" ".join(t.text for t in near_subtree(subject)), "")) or (
            self._nation_named(subject) is not None)

    def _nation_named(self, subject: Token) -> str | None:
        """The country named in a speaker's phrase (``noun_phrase_span``: "Germany", "Canadian officials",
        "China's foreign ministry", "the UK Foreign Office", "le gouvernement algérien"), else None."""
        if self.nation is None:
            return None
        seen: set[int] = set()
        for token in noun_phrase_span(subject):
            ent = self.entity_at.get(token.i)
            if ent is not None and ent.label_ not in PERSON_LABELS and ent.start not in seen:
                seen.add(ent.start)
                lead = next((t.text for t in ent if t.pos_ != "DET"), ent.text)  # "the UK Foreign Office": UK
                for name in (ent.text, lead):
                    found = self.nation(re.sub(r"['’]s$", "", name))
                    if found:
                        return found
            elif ent is None and (token.pos_ == "ADJ" or token.pos_ == "PROPN" and token.text[:1].isupper()):
                found = self.nation(token.text)
                if found:
                    return found
        return None

    def _unnamed_individual(self, subject: Token) -> bool:
        """Whether a subject is someone left unnamed: a common noun with an indefinite determiner ("an
        official", "a Malian security official", "a diplomat in the Sahel") that no name before it makes the
        voice of a named body or country ("a Benin government spokesperson"), and not a document ("un
        communiqué de l'État-major")."""
        if (subject.pos_ != "NOUN" or subject.lemma_.lower() in self.book.reporting_objects
                or not any(c.dep_ in ("det", "nummod") and c.lower_ in self.book.indefinite_determiners
                           for c in subject.children)):
            return False
        return not any(t.ent_type_ in NAME_TYPES - {"NORP"} for t in near_subtree(subject) if t.i < subject.i)

    def _person_named_before(self, token: Token) -> Speaker | None:
        """The last person named before the token (a pronoun with no earlier speaker to point to)."""
        at = bisect_left(self.person_starts, token.i)
        return self._person(_clean_name(self.persons[at - 1])) if at else None

    def _person(self, name: str) -> Speaker:
        key = name.split()[-1].lower()
        full, description = self.people.get(key, (name, ""))
        speaker = Speaker(full, self.role_type(description, self.book.default_person_type), person=True)
        self.last_person = speaker
        return self._remember(speaker)

    def _remember(self, speaker: Speaker) -> Speaker:
        self.last = speaker
        if not speaker.person:
            self.last_body = speaker
        if all(k.name != speaker.name for k in self.known):
            self.known.append(speaker)
        return speaker

    def attribute(self, unit: Span, quotes: Quotes) -> Speaker | None:
        """The speaker a unit names itself (reporting verb outside quotes, "according to")."""
        for token in unit:
            if quotes.holds(token):
                continue
            if token.lower_ == "according":
                objects = [g for c in token.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
            elif _attributes(token):  # "selon l'armée", "d'après des témoins"
                objects = [token.head]
            else:
                objects = []
            if objects:
                    found = self.from_subject(objects[0])
                    if found:
                        return found
        reporters = []
        for token in unit:
            if token.pos_ not in ("VERB", "AUX") or quotes.holds(token):
                continue
            lemma = token.lemma_.lower()
            reporting = lemma in self.book.reporting_verbs or any(
                c.dep_ in OBJECT_DEPS and c.lemma_.lower() in self.book.reporting_objects for c in token.children)
            if not reporting or not reports_the_unit(token) or any(
                    c.dep_ == "advmod" and c.lower_ in self.book.habitual_adverbs for c in token.children):
                continue  # "JNIM will often announce ...": a habit, not a statement
            subject = reporting_subject(token)
            if subject is not None and lemma in self.book.evidential_verbs and not self._names_a_speaker(subject):
                continue  # "These attacks highlight the mounting challenges": the outlet's own reading
            if subject is not None and unit.start <= subject.i < unit.end:
                reporters.append((token, subject))
        for _, subject in innermost_first(reporters):
            found = self.from_subject(subject)
            if found:
                return found
        return self._advice_issuer(unit, quotes)

    def _advice_issuer(self, unit: Span, quotes: Quotes) -> Speaker | None:
        """Who gave advice a passive names no giver of ("Citizens were strongly advised not to travel"): the
        government that last spoke, the issuer of the advice the text is reporting."""
        issuer = self.last_body
        if issuer is None or issuer.type not in GOVERNMENT_TYPES:
            return None
        for token in unit:
            if (token.lemma_.lower() in self.book.departure_advisers and not quotes.holds(token)
                    and any(c.dep_ in ("auxpass", "aux:pass") for c in token.children)
                    and not any(c.dep_ in ("agent", "obl:agent") for c in token.children)):
                return issuer
        return None

    def handed_to(self, unit: Span) -> Speaker | None:
        """The speaker a unit hands the sentence before it to: a subject pointing back and a noun of
        statement with its holder ("That was the assessment of the army chief of staff", "C'est l'analyse
        du chef d'état-major")."""
        for token in unit:
            if token.dep_ != "nsubj" or token.lemma_.lower() not in self.book.back_references:
                continue
            head = token.head
            nouns = [head] + [c for c in head.children if c.dep_ == "attr"]
            for noun in nouns:
                if noun.lemma_.lower() not in self.book.statement_nouns:
                    continue
                for child in noun.children:
                    if child.dep_ == "prep" and child.lower_ in self.book.holder_prepositions:
                        holder = next((g for g in child.children if g.dep_ == "pobj"), None)
                    elif child.dep_ == "nmod" and any(c.dep_ == "case" and c.lemma_.lower() in self.book.holder_prepositions
                                                      for c in child.children):
                        holder = child
                    else:
                        continue
                    found = self.from_subject(holder) if holder is not None else None
                    if found:
                        return found
        return None


# A byline is one of the first lines of a text, at most this many words before a comma.
BYLINE_LINES = 8
BYLINE_WORDS = 4


def byline_author(doc: Doc, openings: frozenset[str]) -> str | None:
    """The author a byline names near the top of a text: a line that is a person's name ("Alex Thurston"), or
    one that opens with a byline word and a person's name ("By Jane Doe, senior fellow", "par Boubacar
    Haidara, chercheur")."""
    start = 0
    for line in doc.text.split("\n", BYLINE_LINES)[:BYLINE_LINES]:
        name = line.split(",")[0].strip()
        words = name.split()
        if words and words[0].lower() in openings:
            words = words[1:]
        span = doc.char_span(start + line.index(words[0]), start + line.index(words[-1]) + len(words[-1])) \
            if words and 2 <= len(words) <= BYLINE_WORDS else None
        if span is not None and any(e.label_ in PERSON_LABELS and e.start == span.start and e.end == span.end
                                    for e in doc.ents):
            return span.text
        start += len(line) + 1
    return None


def acronym_aliases(doc: Doc) -> dict[str, str]:
    """The acronyms a text introduces in brackets after a body's name ("the Azawad Liberation Front (FLA)"), each
    with the name it stands for, in lower case: "the FLA said" is then read as the front that the name says it
    is. The model's entity may hold the bracket too ("The National Movement for the Liberation of Azawad (MNLA")."""
    body_at = {i: ent for ent in doc.ents if ent.label_ in BODY_LABELS for i in range(ent.start, ent.end)}
    aliases = {}
    for bracket in doc[1:-2]:
        acronym = doc[bracket.i + 1]
        named = body_at.get(bracket.i - 1)
        if (bracket.text == "(" and doc[bracket.i + 2].text == ")" and acronym.is_upper and len(acronym) > 1
                and named is not None):
            aliases[acronym.lower_] = doc[named.start:bracket.i].text.lower()
    return aliases


def names_role(text: str, phrase: str) -> bool:
    """Whether lower-case text holds a role phrase as whole words, singular or plural ("analyst" also
    finds "analysts", "embassy" finds "embassies")."""
    plural = rf"|{re.escape(phrase[:-1])}ies" if re.search(r"[^aeiou]y$", phrase) else ""
    return re.search(rf"(?<![\w.-])(?:{re.escape(phrase)}(?:s|es)?{plural})(?![\w-])", text) is not None



def _subject_before(pronoun: Token) -> Token | None:
    """The nearest noun subject, before a pronoun in its own sentence, of an adverbial or coordinate clause:
    what "it" or "they" most likely stands for there ("While the army did not confirm casualties, it said
    ..."); not the subject of reported words ('"Citizens should leave," it warned')."""
    for token in reversed(pronoun.doc[pronoun.sent.start:pronoun.i]):
        if token.dep_ in SUBJECT_DEPS and token.pos_ in ("NOUN", "PROPN") and token.head.dep_ in ANTECEDENT_CLAUSES:
            return token
    return None


def _clean_name(ent: Span) -> str:
    tokens = [t.text for t in ent if t.pos_ == "PROPN" or t.text.endswith(".")]
    return " ".join(tokens).strip() or ent.text


def near_subtree(token: Token) -> Span:
    """The token's subtree cut to DESCRIPTION_WINDOW tokens on each side (parses are projective, so the
    subtree is the span from its left edge to its right edge)."""
    start = max(token.left_edge.i, token.i - DESCRIPTION_WINDOW)
    return token.doc[start:min(token.right_edge.i + 1, token.i + DESCRIPTION_WINDOW)]


def _description(ent: Span) -> str:
    """What the text says about a person at a mention: title, apposition, relative clause, within
    DESCRIPTION_WINDOW tokens of the name (a name in a long list is not described by the whole list)."""
    return " ".join(t.text for t in near_subtree(ent.root.head if ent.root.dep_ == "appos" else ent.root))


def _role_words(description: str) -> str:
    found = re.search(r"\b((?:foreign|defence|defense|interior|prime|security)\s+minister|spokesperson|spokesman)\b",
                      description.lower())
    return found.group(1) if found else ""


def _noun_phrase(token: Token) -> str:
    """The words naming a speaker (see ``noun_phrase_span``)."""
    return noun_phrase_span(token).text


def noun_phrase_span(token: Token) -> Span:
    """The words naming a speaker: the noun and its modifiers on the left; in languages whose nouns take
    modifiers on the right (French: "porte-parole du gouvernement", "l'état-major", "le gouvernement
    algérien"), those up to the first comma, bracket or clause."""
    clause_end = max((c.right_edge.i for c in token.lefts if c.dep_ == "advcl"), default=-1)  # "Describing the chaos,"
    kept = [t for t in near_subtree(token) if t.i == token.i or clause_end < t.i < token.i
            and t.dep_ not in ("relcl", "appos", "punct", "case", "advmod")]
    start = min(t.i for t in kept)
    end = token.i + 1
    if token.doc.lang_ != "en":
        while (end < min(token.right_edge.i + 1, token.i + RIGHT_MODIFIER_WINDOW) and token.doc[end].dep_ not in
               ("appos", "acl", "acl:relcl", "relcl", "cc") and (token.doc[end].dep_ != "punct" or token.doc[end].text == "-")):
            end += 1
    return token.doc[start:end]
