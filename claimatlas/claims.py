"""Claims: who claims what, how sure, how severe.

Each claim unit is a spaCy sentence (split further at blank lines, so a headline never
merges with the paragraph under it). A unit is a claim when it asserts something
checkable or matches a severity cue. Its level (0-4, see ``data/severity_cues.yaml``)
comes from the cues, checked on the dependency parse for negation, modal verbs and
conditional clauses; its speaker from reporting verbs, "according to X" and quote
boundaries (``data/speakers.yaml``). ``severity_gauge`` aggregates claims into a
monotone 0-100 gauge; ``find_contradictions`` pairs opposite claims about one target.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

DATA = Path(__file__).with_name("data")
CUES_FILE = DATA / "severity_cues.yaml"
SPEAKERS_FILE = DATA / "speakers.yaml"

SPEAKER_TYPES = ("outlet", "government_or_military", "foreign_government", "analyst", "armed_group",
                 "unnamed_source", "reader_comment")
CERTAINTIES = ("asserted", "hedged", "conditional", "disputed", "denied")
# Points taken off a level's 25-point band for certainty: the score stays inside the band,
# so the score never crosses into another level.
CERTAINTY_DISCOUNT = {"asserted": 0, "hedged": 6, "conditional": 9, "disputed": 12, "denied": 0}
GAUGE_POWER = 4
GAUGE_TOP = 5
GAUGE_DRIVERS = 3
MAX_GAP = 4
NAME_TYPES = ("PERSON", "ORG", "NORP", "GPE")
CHECKABLE_ENTITIES = ("CARDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME", "ORDINAL")
OPINION_VERBS = ("think", "believe", "feel", "hope", "want", "wish", "like", "love", "guess", "suppose")
INTENT_MODALS = ("will", "would", "should", "must", "shall", "'ll", "ought")
QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}
GAP = "..."


# ---------------------------------------------------------------- cue books

@dataclass(frozen=True)
class Cue:
    """One severity cue: the words to match, the level it sets, its kind."""

    phrase: str
    words: tuple[str, ...]
    level: int
    kind: str


@dataclass(frozen=True)
class CueBook:
    """Severity cues, certainty markers and speaker roles, as read from the YAML files."""

    cues: tuple[Cue, ...]
    capital_terms: frozenset[str]
    capital_name: str
    capital_violence_level: int
    hedge_modals: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    conditional_marks: frozenset[str]
    inverted_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    disputes: frozenset[str]
    concessive_marks: frozenset[str]
    non_claim_openings: tuple[str, ...]
    reporting_verbs: frozenset[str]
    reporting_objects: frozenset[str]
    pronouns: frozenset[str]
    roles: tuple[tuple[str, str], ...]
    default_person_type: str
    default_body_type: str


@lru_cache(maxsize=4)
def load_cues(cues_file: Path = CUES_FILE, speakers_file: Path = SPEAKERS_FILE) -> CueBook:
    """Read the severity cue and speaker role files into a CueBook."""
    cues = yaml.safe_load(cues_file.read_text(encoding="utf-8"))
    speakers = yaml.safe_load(speakers_file.read_text(encoding="utf-8"))
    entries = []
    for level, block in cues["levels"].items():
        for cue in block["cues"]:
            entries.append(Cue(cue["phrase"], tuple(cue["phrase"].lower().split()), int(level), cue["kind"]))
    for role in speakers["roles"]:
        if role["type"] not in SPEAKER_TYPES:
            raise ValueError(f"{speakers_file}: role '{role['phrase']}' has unknown type '{role['type']}'")
    return CueBook(
        cues=tuple(entries),
        capital_terms=frozenset(cues["capital_terms"]),
        capital_name=cues["capital_name"],
        capital_violence_level=int(cues["capital_violence_level"]),
        hedge_modals=frozenset(cues["hedges"]["modals"]),
        hedge_adverbs=frozenset(cues["hedges"]["adverbs"]),
        hedge_verbs=frozenset(cues["hedges"]["verbs"]),
        hedge_adjectives=frozenset(cues["hedges"]["adjectives"]),
        conditional_marks=frozenset(cues["conditionals"]["marks"]),
        inverted_aux=frozenset(cues["conditionals"]["inverted_aux"]),
        hypothetical_aux=frozenset(cues["conditionals"]["hypothetical_aux"]),
        disputes=frozenset(cues["disputes"]),
        concessive_marks=frozenset(cues["concessive_marks"]),
        non_claim_openings=tuple(cues["non_claim_openings"]),
        reporting_verbs=frozenset(speakers["reporting_verbs"]),
        reporting_objects=frozenset(speakers["reporting_objects"]),
        pronouns=frozenset(speakers["pronouns"]),
        roles=tuple((r["phrase"].lower(), r["type"]) for r in speakers["roles"]),
        default_person_type=speakers["default_person_type"],
        default_body_type=speakers["default_body_type"],
    )


# ---------------------------------------------------------------- scores and levels

def claim_score(level: int, certainty: str) -> int:
    """0-100 score of one claim: 25 points per level, less a certainty discount inside the band."""
    return max(0, 25 * level - CERTAINTY_DISCOUNT[certainty])


def level_of_score(score: float) -> int:
    """The level whose band holds a score (the inverse of ``claim_score`` for asserted claims)."""
    return min(4, max(0, int((score + 12.5) // 25)))


def stance_of_level(level: int) -> str:
    """Alarming from level 3, reassuring at level 0, neutral between."""
    return "reassuring" if level == 0 else "alarming" if level >= 3 else "neutral"


def severity_gauge(claims: list[dict[str, Any]], drivers: int = GAUGE_DRIVERS) -> dict[str, Any]:
    """Aggregate claims into a gauge, overall, own voice and quoted: the power mean (p=4) of the
    five highest claim scores (of all claims when there are fewer).

    score = (sum of s_i ** 4 over the top five / k) ** (1/4). Raising any claim's score never
    lowers it (the top five can only rise), and background sentences do not dilute a source's
    most severe claims. Reader comments are left out. ``drivers`` lists the highest-scoring claims.
    """
    counted = [c for c in claims if c.get("speaker_type") != "reader_comment"]

    def gauge(subset: list[dict[str, Any]]) -> dict[str, Any]:
        if not subset:
            return {"score": None, "level": None, "claims": 0}
        top = sorted((c["score"] for c in subset), reverse=True)[:GAUGE_TOP]
        score = (sum(s ** GAUGE_POWER for s in top) / len(top)) ** (1 / GAUGE_POWER)
        return {"score": round(score, 1), "level": level_of_score(score), "claims": len(subset)}

    result = gauge(counted)
    result["own"] = gauge([c for c in counted if c["voice"] == "own"])
    result["quoted"] = gauge([c for c in counted if c["voice"] == "quoted"])
    top = sorted(counted, key=lambda c: (-c["score"], c.get("sentence_index", 0)))[:drivers]
    result["drivers"] = [{k: c.get(k) for k in ("document", "sentence", "sentence_index", "level", "score",
                                                 "speaker", "speaker_type", "certainty")} for c in top]
    result["formula"] = GAUGE_FORMULA
    return result


GAUGE_FORMULA = ("score = (mean of claim_score^4 over the 5 highest claims)^(1/4), claim_score = 25 x level - certainty discount "
                 "(hedged 6, conditional 9, disputed 12); gauge level = score band of 25 points")


# ---------------------------------------------------------------- units and quotes

def claim_units(doc: Doc) -> list[tuple[int, Span]]:
    """(sentence index, span) pairs: spaCy sentences split at blank lines, without empty pieces."""
    units = []
    for index, sent in enumerate(doc.sents):
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                units.append((index, doc[start:token.i]))
                start = token.i + 1
        units.append((index, doc[start:sent.end]))
    return [(i, _trim(u)) for i, u in units if any(t.is_alpha for t in u)]


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or doc[start].text in QUOTE_PAIRS.values() or doc[start].text in QUOTE_PAIRS):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages (curly, straight and guillemet double quotes)."""
    spans, opener, begin = [], None, 0
    for i, char in enumerate(text):
        if opener is None:
            if char in QUOTE_PAIRS and char != "”":
                opener, begin = char, i
        elif char == QUOTE_PAIRS[opener] or (char == "\n" and text[i:i + 2] == "\n\n" and opener == '"'):
            spans.append((begin, i + 1))
            opener = None
    if opener is not None:
        spans.append((begin, len(text)))
    return spans


def _quoted_share(unit: Span, spans: list[tuple[int, int]]) -> float:
    start, end = unit.start_char, unit.end_char
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return inside / max(1, end - start)


def _in_quote(token: Token, spans: list[tuple[int, int]]) -> bool:
    return any(a < token.idx < b for a, b in spans)


# ---------------------------------------------------------------- cue matching

class CueIndex:
    """The non-space tokens of a document (or span) with their cue forms (lower case and lemma),
    read once so that every unit of the document is matched against the cue book without
    touching spaCy tokens again."""

    def __init__(self, tokens: Doc | Span):
        self.tokens = [t for t in tokens if not t.is_space]
        self.positions = [t.i for t in self.tokens]
        self.forms = [(t.lower_, t.lemma_.lower()) for t in self.tokens]

    def match(self, unit: Span, book: CueBook) -> list[tuple[Cue, list[Token]]]:
        """Every cue that matches the unit, with the tokens of its first match."""
        first = bisect_left(self.positions, unit.start)
        last = bisect_left(self.positions, unit.end)
        present = {form for forms in self.forms[first:last] for form in forms}
        found = []
        for cue in book.cues:
            if not all(word in present for word in cue.words if word != GAP):
                continue
            for start in range(first, last):
                if cue.words[0] != GAP and cue.words[0] not in self.forms[start]:
                    continue
                matched = self._match_from(start, last, cue.words)
                if matched is not None:
                    found.append((cue, [self.tokens[n] for n in matched]))
                    break
        return found

    def _match_from(self, start: int, end: int, words: tuple[str, ...]) -> list[int] | None:
        """Positions matching ``words`` from ``start`` (a gap skips up to MAX_GAP tokens), before ``end``."""
        if not words:
            return []
        if words[0] == GAP:
            for skip in range(MAX_GAP + 1):
                rest = self._match_from(start + skip, end, words[1:])
                if rest is not None:
                    return rest
            return None
        if start >= end or words[0] not in self.forms[start]:
            return None
        rest = self._match_from(start + 1, end, words[1:])
        return None if rest is None else [start, *rest]


def match_cues(unit: Span, book: CueBook, index: CueIndex | None = None) -> list[tuple[Cue, list[Token]]]:
    """Every cue that matches the unit, with the tokens it matched (``index``: the unit's document, read once)."""
    return (index or CueIndex(unit)).match(unit, book)


def _anchor(tokens: list[Token]) -> Token:
    """The matched token highest in the dependency tree."""
    return min(tokens, key=lambda t: len(list(t.ancestors)))


def _governing_chain(token: Token) -> list[Token]:
    """The token and the words it depends on, up to and including its clause's verb."""
    chain = [token]
    while chain[-1].pos_ not in ("VERB", "AUX") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    verb = chain[-1]
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
        chain.append(verb)
    return chain


def _negated(anchor: Token) -> bool:
    """Whether the parse negates a cue: "no" on it, or "not" on it or on the verb it is subject or object of."""
    scope = [anchor]
    if anchor.pos_ not in ("VERB", "AUX") and anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "acomp", "oprd"):
        scope.append(anchor.head)
    for token in scope:
        for child in token.children:
            if child.dep_ == "neg" and not (child.i + 1 < len(child.doc) and child.doc[child.i + 1].lower_ == "only"):
                return True
            if child.dep_ == "det" and child.lower_ == "no" and token.i == anchor.i:
                return True
    return False


def _in_clause(token: Token, dep: str, marks: frozenset[str]) -> bool:
    """Whether the token lies inside a clause of type ``dep`` opened by one of ``marks``."""
    for node in (token, *token.ancestors):
        if node.dep_ == dep and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
    return False


def _conditional_clause(token: Token, book: CueBook) -> bool:
    for node in (token, *token.ancestors):
        if node.dep_ == "advcl" or node.dep_ == "ROOT":
            for child in node.children:
                if child.dep_ == "mark" and child.lower_ in book.conditional_marks:
                    return True
                if child.dep_ == "aux" and child.lower_ in book.inverted_aux and any(
                        s.dep_.startswith("nsubj") and s.i > child.i for s in node.children):
                    return True
        if node.dep_ == "advcl":
            break
    return False


def certainty_of(tokens: list[Token], unit: Span, book: CueBook) -> str:
    """Certainty of the claim carried by ``tokens``: conditional, hedged or asserted."""
    anchor = _anchor(tokens)
    chain = _governing_chain(anchor)
    if _conditional_clause(anchor, book):
        return "conditional"
    for token in chain:
        if token.lemma_.lower() in book.hedge_verbs:
            return "hedged"
        for child in token.children:
            word = child.lower_
            if child.tag_ == "MD" and word in book.hedge_modals:
                return "hedged"
            if child.dep_ == "advmod" and word in book.hedge_adverbs:
                return "hedged"
            if child.dep_ == "amod" and word in book.hedge_adjectives:
                return "hedged"
    if any(c.tag_ == "MD" and c.lower_ in book.hypothetical_aux for t in chain for c in t.children):
        return "conditional"
    if any(t.lower_ in book.hedge_adverbs or t.lemma_.lower() in book.hedge_verbs for t in unit):
        return "hedged"
    return "asserted"


def severity_of(unit: Span, book: CueBook, matches: list[tuple[Cue, list[Token]]] | None = None,
                ) -> tuple[int, str, list[dict[str, Any]]]:
    """Level, certainty and the evidence cues of one unit (``matches``: its ``match_cues``, when known)."""
    if matches is None:
        matches = match_cues(unit, book)
    mentions_capital = any(t.lower_ in book.capital_terms for t in unit)
    conceded = [_in_clause(_anchor(tokens), "advcl", book.concessive_marks) for _, tokens in matches]
    if not all(conceded):
        matches = [m for m, c in zip(matches, conceded) if not c]
    evidence, best = [], None
    denial = None
    for cue, tokens in matches:
        level = cue.level
        if cue.kind == "violence" and mentions_capital:
            level = max(level, book.capital_violence_level)
        negated = level >= 2 and not {"not", "no"} & set(cue.words) and _negated(_anchor(tokens))
        if cue.kind == "denial" or negated:
            denial = denial or (cue, tokens)
            level = 0
        evidence.append({"cue": cue.phrase, "level": level, "kind": "negated " + cue.kind if negated else cue.kind,
                         "text": unit.doc[tokens[0].i:tokens[-1].i + 1].text})
        if best is None or level > best[0]:
            best = (level, tokens)
    if denial is not None:
        return 0, "denied", evidence
    if any(t.lemma_.lower() in book.disputes or t.lower_ in book.disputes for t in unit):
        level = best[0] if best else 1
        return level, "disputed", evidence
    if best is None:
        return 1, certainty_of([unit.root], unit, book), evidence
    return best[0], certainty_of(best[1], unit, book), evidence


# ---------------------------------------------------------------- claim or not

def is_claim(unit: Span, book: CueBook, has_cue: bool) -> bool:
    """Whether a unit asserts something checkable (a claim) rather than opinion, a question or furniture."""
    text = unit.text.strip().lower().lstrip("-•* ")
    if any(text.startswith(opening) for opening in book.non_claim_openings):
        return False
    words = [t for t in unit if t.is_alpha]
    if len(words) < 3:
        return False
    if unit.text.rstrip().endswith("?"):
        return False
    if has_cue:
        return True
    root = unit.root
    if root.tag_ == "VB" and root.i == words[0].i:
        return False
    finite = [t for t in unit if t.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    if not finite:
        return False
    return checkworthiness(unit) >= 1


def checkworthiness(unit: Span) -> int:
    """Points for a checkable factual assertion: numbers, names, past events; less for opinion and intent."""
    points = 0
    labels = {e.label_ for e in unit.ents}
    if labels & set(CHECKABLE_ENTITIES):
        points += 2
    if labels & set(NAME_TYPES):
        points += 1
    if any(t.tag_ in ("VBD", "VBN") and t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in unit):
        points += 1
    first_person = {t.head.i for t in unit if t.dep_.startswith("nsubj") and t.lower_ in ("i", "we", "you")}
    if any(t.i in first_person and t.lemma_.lower() in OPINION_VERBS for t in unit):
        points -= 2
    if any(t.tag_ == "MD" and t.lower_ in INTENT_MODALS and t.head.i in first_person for t in unit):
        points -= 2
    if any(t.lemma_.lower() in ("be", "have") for t in unit) and points == 0:
        points += 1
    return points


# ---------------------------------------------------------------- speakers

@dataclass
class Speaker:
    """A resolved speaker: display name and type."""

    name: str
    type: str
    person: bool = False


class SpeakerResolver:
    """Resolve reporting-verb subjects to speakers across one document."""

    def __init__(self, doc: Doc, outlet: str | None, book: CueBook):
        self.book = book
        self.outlet = Speaker(outlet or "the outlet", "outlet")
        self.last_person: Speaker | None = None
        self.last: Speaker | None = None
        self.known: list[Speaker] = []
        self.people: dict[str, tuple[str, str]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = _clean_name(ent)
                key = name.split()[-1].lower() if name else ""
                description = _description(ent)
                if key and (key not in self.people or len(name) > len(self.people[key][0])):
                    self.people[key] = (name, description)
                elif key and description and not self.people[key][1]:
                    self.people[key] = (self.people[key][0], description)

    def role_type(self, description: str, default: str) -> str:
        """The first role in speakers.yaml found in a description, else ``default``."""
        text = f" {description.lower()} "
        for phrase, kind in self.book.roles:
            if re.search(rf"(?<![\w.-]){re.escape(phrase)}(?![\w-])", text):
                return kind
        return default

    def from_subject(self, subject: Token) -> Speaker | None:
        """The speaker named by a reporting verb's subject (or "according to" object)."""
        if subject.lower_ in self.book.pronouns:
            return self.last_person if subject.lower_ in ("he", "she") else (self.last or self.last_person)
        if subject.pos_ == "PRON":
            return None
        if subject.pos_ == "PROPN" and subject.lower_ in self.people:
            return self._person(subject.text)
        ent = next((e for e in subject.doc.ents if e.start <= subject.i < e.end and e.label_ in NAME_TYPES), None)
        if ent is not None and ent.label_ == "PERSON":
            return self._person(_clean_name(ent))
        phrase = _noun_phrase(subject)
        if ent is None and subject.pos_ == "PROPN" and subject.ent_type_ in ("", "PERSON"):
            name = " ".join(t.text for t in subject.subtree if t.pos_ == "PROPN" and t.i <= subject.i)
            self.people.setdefault(subject.lower_, (name, " ".join(t.text for t in subject.subtree)))
            return self._person(name)
        named_by = next((e for e in subject.doc.ents if e.label_ in NAME_TYPES and e.root.dep_ == "compound"
                         and e.root.head.i == subject.i), None) if ent is None and subject.pos_ != "PROPN" else None
        if named_by is not None:
            name = named_by.text
        else:
            name = ent.text if ent is not None and ent.label_ in ("ORG", "GPE", "NORP") else phrase
        name = re.sub(r"^(the|a|an)\s+", "", name, flags=re.IGNORECASE)
        for person, description in self.people.values():
            role = _role_words(description)
            if role and role in phrase.lower():
                return self._person(person)
        for speaker in self.known:
            if not speaker.person and subject.lower_ in speaker.name.lower().split():
                return self._remember(speaker)
        description = " ".join(t.text for t in subject.subtree)
        return self._remember(Speaker(name, self.role_type(description, self.book.default_body_type)))

    def _person(self, name: str) -> Speaker:
        key = name.split()[-1].lower()
        full, description = self.people.get(key, (name, ""))
        speaker = Speaker(full, self.role_type(description, self.book.default_person_type), person=True)
        self.last_person = speaker
        return self._remember(speaker)

    def _remember(self, speaker: Speaker) -> Speaker:
        self.last = speaker
        if all(k.name != speaker.name for k in self.known):
            self.known.append(speaker)
        return speaker

    def attribute(self, unit: Span, quotes: list[tuple[int, int]]) -> Speaker | None:
        """The speaker a unit names itself (reporting verb outside quotes, "according to")."""
        for token in unit:
            if token.lower_ == "according" and _in_quote(token, quotes) is False:
                objects = [g for c in token.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
                if objects:
                    found = self.from_subject(objects[0])
                    if found:
                        return found
        for token in unit:
            if token.pos_ not in ("VERB", "AUX") or _in_quote(token, quotes):
                continue
            lemma = token.lemma_.lower()
            reporting = lemma in self.book.reporting_verbs or any(
                c.dep_ == "dobj" and c.lemma_.lower() in self.book.reporting_objects for c in token.children)
            if not reporting:
                continue
            subject = _subject_of(token)
            if subject is not None and unit.start <= subject.i < unit.end:
                found = self.from_subject(subject)
                if found:
                    return found
        return None


def _subject_of(verb: Token) -> Token | None:
    """The speaker token of a reporting verb: its active subject, its passive agent, or for a
    participle ("..., saying that") the subject of the verb it hangs on."""
    nodes = [verb]
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        nodes.append(verb.head)
    for node in nodes:
        for child in node.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _clean_name(ent: Span) -> str:
    tokens = [t.text for t in ent if t.pos_ == "PROPN" or t.text.endswith(".")]
    return " ".join(tokens).strip() or ent.text


def _description(ent: Span) -> str:
    """What the text says about a person at a mention: title, apposition, relative clause."""
    root = ent.root
    words = [t.text for t in root.subtree]
    if root.dep_ == "appos":
        words = [t.text for t in root.head.subtree]
    return " ".join(words)


def _role_words(description: str) -> str:
    found = re.search(r"\b((?:foreign|defence|defense|interior|prime|security)\s+minister|spokesperson|spokesman)\b",
                      description.lower())
    return found.group(1) if found else ""


def _noun_phrase(token: Token) -> str:
    kept = [t for t in token.subtree if t.i <= token.i and t.dep_ not in ("relcl", "appos", "punct")]
    start = min(t.i for t in kept)
    return token.doc[start:token.i + 1].text


# ---------------------------------------------------------------- claims of a document

def detect_claims(doc: Doc, outlet: str | None = None, places: list[dict[str, Any]] | None = None,
                  book: CueBook | None = None, document_id: str | None = None) -> list[dict[str, Any]]:
    """Claims of one parsed article, with speaker, certainty, level, score and target places.

    ``places`` are the geo stage's places ({"name", "spans": [{"sentence", "start", "end"}]});
    when none are given, the unit's GPE/LOC/FAC entities stand in as targets.
    """
    book = book or load_cues()
    text = doc.text
    quotes = quote_spans(text)
    resolver = SpeakerResolver(doc, outlet, book)
    index = CueIndex(doc)
    units = claim_units(doc)
    paragraphs = [text.count("\n\n", 0, unit.start_char) for _, unit in units]
    quote_speakers: dict[tuple[int, int], Speaker] = {}
    paragraph_speaker: dict[int, Speaker] = {}
    claims = []
    for (sentence_index, unit), paragraph in zip(units, paragraphs):
        matches = match_cues(unit, book, index)
        speaker = resolver.attribute(unit, quotes)
        quoted = _quoted_share(unit, quotes) > 0.5
        own_quotes = [q for q in quotes if q[0] < unit.end_char and q[1] > unit.start_char]
        if speaker is not None:
            for q in own_quotes:
                quote_speakers[q] = speaker
            if own_quotes:
                paragraph_speaker[paragraph] = speaker
        elif quoted:
            speaker = next((quote_speakers[q] for q in own_quotes if q in quote_speakers), None)
            speaker = speaker or paragraph_speaker.get(paragraph) or _next_attribution(
                unit, paragraph, units, paragraphs, quotes, resolver)
            if speaker is not None:
                for q in own_quotes:
                    quote_speakers[q] = speaker
                paragraph_speaker[paragraph] = speaker
        if not is_claim(unit, book, bool(matches)):
            continue
        speaker = speaker or resolver.outlet
        level, certainty, evidence = severity_of(unit, book, matches)
        claims.append(_claim(unit, sentence_index, level, certainty, speaker, evidence,
                             _places_in(unit, sentence_index, places), document_id, book))
    return claims


def _next_attribution(unit: Span, paragraph: int, units: list[tuple[int, Span]], paragraphs: list[int],
                      quotes: list[tuple[int, int]], resolver: SpeakerResolver) -> Speaker | None:
    """The attribution in a later unit of the same paragraph ("...", X said), read without
    moving the resolver's memory of the last speaker. ``paragraphs`` numbers the ``units``."""
    saved = (resolver.last, resolver.last_person, list(resolver.known))
    found = None
    for (_, later), later_paragraph in zip(units, paragraphs):
        if later.start <= unit.start or later_paragraph != paragraph:
            continue
        found = resolver.attribute(later, quotes)
        if found:
            break
    resolver.last, resolver.last_person, resolver.known = saved
    return found


def _places_in(unit: Span, sentence_index: int, places: list[dict[str, Any]] | None) -> list[str]:
    if places:
        names = []
        for place in places:
            for span in place.get("spans", []):
                if span.get("sentence") == sentence_index and unit.start_char <= span.get("start", -1) < unit.end_char:
                    if place["name"] not in names:
                        names.append(place["name"])
        return names
    return list(dict.fromkeys(e.text for e in unit.ents if e.label_ in ("GPE", "LOC", "FAC")))


def _claim(unit: Span, sentence_index: int, level: int, certainty: str, speaker: Speaker,
           evidence: list[dict[str, Any]], places: list[str], document_id: str | None,
           book: CueBook) -> dict[str, Any]:
    targets = list(places)
    if any(t.lower_ in book.capital_terms for t in unit) and book.capital_name not in targets:
        targets.append(book.capital_name)
    claim = {
        "sentence": unit.text.strip(),
        "sentence_index": sentence_index,
        "start": unit.start_char,
        "end": unit.end_char,
        "level": level,
        "score": claim_score(level, certainty),
        "speaker": speaker.name,
        "speaker_type": speaker.type,
        "certainty": certainty,
        "stance": stance_of_level(level),
        "voice": "own" if speaker.type == "outlet" else "quoted",
        "places": places,
        "targets": targets,
        "cues": evidence,
    }
    if document_id is not None:
        claim["document"] = document_id
    return claim


def detect_comment_claims(comment_docs: Iterable[Doc], book: CueBook | None = None,
                          document_id: str | None = None) -> list[dict[str, Any]]:
    """Claims in reader comments: speaker "reader comment N", type reader_comment, never the outlet."""
    book = book or load_cues()
    claims = []
    for number, doc in enumerate(comment_docs, start=1):
        reader = Speaker(f"reader comment {number}", "reader_comment")
        index = CueIndex(doc)
        for sentence_index, unit in claim_units(doc):
            matches = match_cues(unit, book, index)
            if not is_claim(unit, book, bool(matches)):
                continue
            level, certainty, evidence = severity_of(unit, book, matches)
            claim = _claim(unit, sentence_index, level, certainty, reader, evidence,
                           _places_in(unit, sentence_index, None), document_id, book)
            claim["voice"] = "quoted"
            claim["comment"] = number - 1
            claims.append(claim)
    return claims


# ---------------------------------------------------------------- contradictions

def find_contradictions(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pairs of claims with opposite stance about one target, by different speakers or outlets.

    A claim's targets are its places, plus the capital where the sentence names it ("the capital").

    One pair per (speaker, speaker, target): the most alarming claim against the most reassuring one.
    """
    alarming, reassuring = [], []
    for record in records:
        for claim in record.get("claims", []):
            side = {"document": record["id"], "outlet": record.get("outlet"), "claim": claim}
            if claim["stance"] == "alarming":
                alarming.append(side)
            elif claim["stance"] == "reassuring":
                reassuring.append(side)
    best: dict[tuple[str, str, str], tuple[int, dict, dict]] = {}
    for a in alarming:
        for b in reassuring:
            if a["claim"]["speaker"] == b["claim"]["speaker"] and a["outlet"] == b["outlet"]:
                continue
            shared = {p.lower(): p for p in a["claim"]["targets"]}
            for place in b["claim"]["targets"]:
                if place.lower() not in shared:
                    continue
                key = (a["claim"]["speaker"], b["claim"]["speaker"], place.lower())
                gap = a["claim"]["level"] - b["claim"]["level"]
                if key not in best or gap > best[key][0]:
                    best[key] = (gap, a, b)
    return [{"a": _side(a), "b": _side(b),
             "target": next(p for p in a["claim"]["targets"] if p.lower() == key[2])}
            for key, (_, a, b) in sorted(best.items())]


def _side(side: dict[str, Any]) -> dict[str, Any]:
    claim = side["claim"]
    return {"document": side["document"], "outlet": side["outlet"], "sentence": claim["sentence"],
            "sentence_index": claim["sentence_index"], "speaker": claim["speaker"],
            "speaker_type": claim["speaker_type"], "level": claim["level"], "stance": claim["stance"]}


def claims_record(doc: Doc, comment_docs: Iterable[Doc], document_id: str, outlet: str | None,
                  places: list[dict[str, Any]] | None) -> dict[str, Any]:
    """The claims part of a document's JSON record: claims, comment_claims and the severity gauge."""
    claims = detect_claims(doc, outlet, places=places, document_id=document_id)
    return {
        "claims": claims,
        "comment_claims": detect_comment_claims(comment_docs, document_id=document_id),
        "severity": severity_gauge(claims),
    }
