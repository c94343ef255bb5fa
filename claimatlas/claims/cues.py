"""Severity cue books: the cue, hedge, speaker-role and word-class files read into a CueBook, and cue matching."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from claimatlas.vocab import CLASSES_FILE, CUES_FILE, SPEAKER_TYPES, SPEAKERS_FILE

MAX_GAP = 4
# Letters joined by hyphens, with no apostrophe or digit ("état-major", not "d'état-major").
HYPHENATED_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


GAP = "..."
# The kind of the cues that reassure (level 0): the book's, and those the rules add (the armed side contained, spoils).
REASSURANCE_KIND = "reassurance"
# The kind of the precautions a security alert asks for ("Keep a low profile"): context on their own (level 1),
# nothing beside another cue (``severity.severity_of``).
PRECAUTION_KIND = "precaution"


@dataclass(frozen=True)
class Cue:
    """One severity cue: the words to match, the level it sets, its kind."""

    phrase: str
    words: tuple[str, ...]
    level: int
    kind: str


@dataclass(frozen=True)
class WordClasses:
    """Lemma -> class names, and multi-word phrases (as lemma tuples) -> class names."""

    single: dict[str, tuple[str, ...]]
    phrases: dict[tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=4)
def load_classes(path: Path = CLASSES_FILE) -> WordClasses:
    """Read the word classes file (a hyphenated word also as the tokens it splits into: "far", "-", "fetched")."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["classes"]
    single: dict[str, list[str]] = {}
    phrases: dict[tuple[str, ...], list[str]] = {}
    for name, words in raw.items():
        for word in words:
            parts = tuple(str(word).lower().split())
            (single.setdefault(parts[0], []) if len(parts) == 1 else phrases.setdefault(parts, [])).append(name)
            if any("-" in part for part in parts):  # the tokenizers split "far-fetched" and "al-Qaeda" at the hyphen
                split = tuple(part for piece in parts for part in re.split(r"(-)", piece) if part)
                phrases.setdefault(split, []).append(name)
    return WordClasses({k: tuple(v) for k, v in single.items()}, {k: tuple(v) for k, v in phrases.items()})


@dataclass(frozen=True)
class CueBook:
    """Severity cues, certainty markers and speaker roles, as read from the YAML files."""

    cues: tuple[Cue, ...]
    capital_terms: frozenset[str]
    destination_words: frozenset[str]
    long_durations: frozenset[str]
    duration_prepositions: frozenset[str]
    capital_name: str
    capital_violence_level: int
    local_scopes: frozenset[str]
    local_sites: frozenset[str]
    aftermath_words: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    conditional_marks: frozenset[str]
    inverted_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    disputes: frozenset[str]
    concessive_marks: frozenset[str]
    concessive_openers: tuple[tuple[str, ...], ...]
    concessive_prepositions: frozenset[str]
    nationwide_marks: frozenset[str]
    country_words: frozenset[str]
    denial_verbs: frozenset[str]
    improbability_words: frozenset[str]
    containment_verbs: frozenset[str]
    incapacity_words: frozenset[str]
    imminence: frozenset[str]
    outmatched: frozenset[str]
    departure_verbs: frozenset[str]
    departure_advisers: frozenset[str]
    departure_modals: frozenset[str]
    departure_level: int
    hostile_forces: tuple[str, ...]
    state_forces: tuple[str, ...]
    seizing_words: frozenset[str]
    spoils_words: frozenset[str]
    bearing_verbs: frozenset[str]
    inflicting_verbs: frozenset[str]
    control_verbs: frozenset[str]
    non_claim_openings: tuple[str, ...]
    reporting_verbs: frozenset[str]
    reporting_objects: frozenset[str]
    evidential_verbs: frozenset[str]
    back_references: frozenset[str]
    statement_nouns: frozenset[str]
    report_nouns: frozenset[str]
    habitual_adverbs: frozenset[str]
    holder_prepositions: frozenset[str]
    pronouns: frozenset[str]
    body_pronouns: frozenset[str]
    indefinite_determiners: frozenset[str]
    home_countries: frozenset[str]
    official_kinds: frozenset[str]
    authored_kinds: frozenset[str]
    byline_openings: frozenset[str]
    roles: tuple[tuple[str, str], ...]
    default_person_type: str
    default_body_type: str
    classes: WordClasses


@lru_cache(maxsize=4)
def load_cues(cues_file: Path = CUES_FILE, speakers_file: Path = SPEAKERS_FILE,
              classes_file: Path = CLASSES_FILE) -> CueBook:
    """Read the severity cue, speaker role and word class files of one language into a CueBook."""
    cues = yaml.safe_load(cues_file.read_text(encoding="utf-8"))
    speakers = yaml.safe_load(speakers_file.read_text(encoding="utf-8"))
    departure = cues.get("departure_advice", {})
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
        destination_words=frozenset(cues.get("destination_words", ())),
        long_durations=frozenset(cues.get("long_durations", ())),
        duration_prepositions=frozenset(cues.get("duration_prepositions", ())),
        capital_name=cues["capital_name"],
        capital_violence_level=int(cues["capital_violence_level"]),
        local_scopes=frozenset(cues.get("local_scopes", ())),
        local_sites=frozenset(cues.get("local_sites", ())),
        aftermath_words=frozenset(cues.get("aftermath_words", ())),
        hedge_modals=frozenset(cues["hedges"]["modals"]),
        hedge_adverbs=frozenset(cues["hedges"]["adverbs"]),
        hedge_verbs=frozenset(cues["hedges"]["verbs"]),
        hedge_adjectives=frozenset(cues["hedges"]["adjectives"]),
        conditional_marks=frozenset(cues["conditionals"]["marks"]),
        inverted_aux=frozenset(cues["conditionals"]["inverted_aux"]),
        hypothetical_aux=frozenset(cues["conditionals"]["hypothetical_aux"]),
        disputes=frozenset(cues["disputes"]),
        concessive_marks=frozenset(cues["concessive_marks"]),
        concessive_openers=tuple(tuple(phrase.split()) for phrase in cues.get("concessive_openers", ())),
        concessive_prepositions=frozenset(cues.get("concessive_prepositions", ())),
        nationwide_marks=frozenset(cues.get("nationwide_marks", ())),
        country_words=frozenset(cues.get("country_words", ())),
        denial_verbs=frozenset(cues["denial_verbs"]),
        improbability_words=frozenset(cues.get("improbability_words", ())),
        containment_verbs=frozenset(cues.get("containment_verbs", ())),
        incapacity_words=frozenset(cues.get("incapacity_words", ())),
        imminence=frozenset(cues.get("imminence", ())),
        outmatched=frozenset(cues.get("outmatched", ())),
        departure_verbs=frozenset(departure.get("verbs", ())),
        departure_advisers=frozenset(departure.get("advisers", ())),
        departure_modals=frozenset(departure.get("modals", ())),
        departure_level=int(departure.get("level", 3)),
        hostile_forces=tuple(cues.get("hostile_forces", ())),
        state_forces=tuple(cues.get("state_forces", ())),
        seizing_words=frozenset(cues.get("seizing_words", ())),
        spoils_words=frozenset(cues.get("spoils_words", ())),
        bearing_verbs=frozenset(cues.get("bearing_verbs", ())),
        inflicting_verbs=frozenset(cues.get("inflicting_verbs", ())),
        control_verbs=frozenset(cues.get("control_verbs", ())),
        non_claim_openings=tuple(cues["non_claim_openings"]),
        reporting_verbs=frozenset(speakers["reporting_verbs"]),
        reporting_objects=frozenset(speakers["reporting_objects"]),
        evidential_verbs=frozenset(speakers.get("evidential_verbs", ())),
        back_references=frozenset(speakers.get("back_references", ())),
        statement_nouns=frozenset(speakers.get("statement_nouns", ())),
        report_nouns=frozenset(speakers.get("report_nouns", ())),
        habitual_adverbs=frozenset(speakers.get("habitual_adverbs", ())),
        holder_prepositions=frozenset(speakers.get("holder_prepositions", ())),
        pronouns=frozenset(speakers["pronouns"]),
        body_pronouns=frozenset(speakers.get("body_pronouns", ())),
        indefinite_determiners=frozenset(speakers.get("indefinite_determiners", ())),
        home_countries=frozenset(code.upper() for code in speakers.get("home_countries", ())),
        official_kinds=frozenset(speakers.get("official_kinds", ())),
        authored_kinds=frozenset(speakers.get("authored_kinds", ())),
        byline_openings=frozenset(speakers.get("byline_openings", ())),
        roles=tuple((r["phrase"].lower(), r["type"]) for r in speakers["roles"]),
        default_person_type=speakers["default_person_type"],
        default_body_type=speakers["default_body_type"],
        classes=load_classes(classes_file),
    )


def hyphenated_words(book: CueBook) -> frozenset[str]:
    """The hyphenated words of a cue book's cues and speaker roles ("état-major", "al-qaïda")."""
    words = [*(w for cue in book.cues for w in cue.words), *(w for phrase, _ in book.roles for w in phrase.split())]
    return frozenset(w for w in words if HYPHENATED_WORD.fullmatch(w))


class CueIndex:
    """The tokens of a document (or span) with their cue forms (lower case and lemma), read once so that
    every unit of the document is matched against the cue book without touching spaCy tokens again. Spaces
    and quotation marks are left out: scare quotes do not break a phrase ("la «chute» de la capitale")."""

    def __init__(self, tokens: Doc | Span):
        self.tokens = [t for t in tokens if not t.is_space and not t.is_quote]
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
