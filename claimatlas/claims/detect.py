"""Claims of one parsed document: units, speakers, levels and targets put together."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from claimatlas.claims.checkworthy import is_claim, is_statement
from claimatlas.claims.control import armed_control
from claimatlas.claims.cues import CueBook, CueIndex, load_cues, match_cues
from claimatlas.claims.gauge import claim_score, stance_of_level
from claimatlas.claims.learned import (
    Features,
    LinearModel,
    combine_level,
    is_a_claim,
    not_a_claim,
    retype_speaker,
    speaker_features,
    unit_features,
)
from claimatlas.claims.scenes import PlaceFacts
from claimatlas.claims.severity import severity_of
from claimatlas.claims.speakers import Speaker, SpeakerResolver
from claimatlas.claims.units import Quotes, claim_units, entities_in
from claimatlas.model import Claim, CueMatch, Place

# Units after a quoted one in which its attribution is sought ('...,' X said.).
ATTRIBUTION_LOOKAHEAD = 3


@dataclass
class UnitReading:
    """What the rules read in one claim unit: its speaker, whether it is quoted, level, certainty, cues."""

    sentence_index: int
    unit: Span
    speaker: Speaker
    quoted: bool
    level: int
    certainty: str
    evidence: list[CueMatch]
    rule_claim: bool = True  # whether the rules take the unit for a claim (``is_claim``)
    previous_speaker_type: str | None = None  # the rules' speaker type of the reading before, in text order


def read_units(doc: Doc, outlet: str | None, book: CueBook, every_unit: bool = False,
               gazetteer: PlaceFacts | None = None, kind: str | None = None) -> Iterator[UnitReading]:
    """The rule reading of every claim unit of a parsed article, in order; with ``every_unit``, also of
    the statements the rules do not take for claims (``rule_claim`` False), for the claim-or-not model.
    The ``gazetteer`` names the country a speaker's name or demonym stands for, and the capitals; ``kind``
    (the manifest's) may give the unattributed units a voice other than the outlet's (``SpeakerResolver``)."""
    text = doc.text
    quotes = Quotes(text)
    resolver = SpeakerResolver(doc, outlet, book, gazetteer.nation if gazetteer is not None else None, kind)
    index = CueIndex(doc)
    units = claim_units(doc)
    breaks = [m.start() for m in re.finditer("\n\n", text)]
    paragraphs = [bisect_left(breaks, unit.start_char) for _, unit in units]
    quote_speakers: dict[tuple[int, int], Speaker] = {}
    paragraph_speaker: dict[int, Speaker] = {}
    last_quote: tuple[int, int, Speaker] | None = None  # (position, paragraph, speaker) of the last quote attributed
    readings: list[UnitReading] = []
    for position, ((sentence_index, unit), paragraph) in enumerate(zip(units, paragraphs)):
        matches = match_cues(unit, book, index)
        speaker = resolver.attribute(unit, quotes) or resolver.handed_to(unit)
        quoted = quotes.share(unit.start_char, unit.end_char) > 0.5
        own_quotes = quotes.overlapping(unit.start_char, unit.end_char)
        if speaker is not None:
            for q in own_quotes:
                quote_speakers[q] = speaker
            if own_quotes:
                paragraph_speaker[paragraph] = speaker
        elif quoted:
            speaker = next((quote_speakers[q] for q in own_quotes if q in quote_speakers), None)
            speaker = speaker or paragraph_speaker.get(paragraph) or _next_attribution(
                position, units, paragraphs, quotes, resolver)
            if speaker is None and last_quote is not None and last_quote[:2] == (position - 1, paragraph - 1):
                speaker = last_quote[2]  # a quote paragraph right after an attributed one goes on in its voice
            if speaker is not None:
                for q in own_quotes:
                    quote_speakers[q] = speaker
                paragraph_speaker[paragraph] = speaker
        else:
            speaker = _handed_on(position, units, paragraphs, resolver)
        if own_quotes and speaker is not None:
            last_quote = (position, paragraph, speaker)
        held = armed_control(unit, book)
        rule_claim = is_claim(unit, book, bool(matches) or bool(held))
        if not (rule_claim or every_unit and is_statement(unit, book)):
            continue
        level, certainty, evidence = severity_of(unit, book, matches, held, gazetteer)
        readings.append(UnitReading(sentence_index, unit, speaker or resolver.outlet, quoted, level, certainty,
                                    evidence, rule_claim))
    readings = _between_report_citations(readings, resolver.outlet, book)
    for reading, previous in zip(readings, previous_speaker_types(readings)):
        yield replace(reading, previous_speaker_type=previous)


def _between_report_citations(readings: list[UnitReading], outlet: Speaker, book: CueBook) -> list[UnitReading]:
    """The readings with those in the writer's voice between two citations of one report (a speaker named by a
    report noun in the singular: "according to a recent study", "the study reveals"; "reports say" is hearsay)
    given to that report: a text relaying a study states its findings in between."""
    cited = [i for i, r in enumerate(readings) if r.speaker is not outlet and not r.speaker.person
             and any(noun in r.speaker.name.lower().split() for noun in book.report_nouns)]  # not "reports" (hearsay)
    for before, after in zip(cited, cited[1:]):
        report = readings[before].speaker
        if readings[after].speaker.name == report.name:
            for i in range(before + 1, after):
                if readings[i].speaker is outlet:
                    readings[i] = replace(readings[i], speaker=report)
    return readings


def reading_features(reading: UnitReading, book: CueBook) -> Features:
    """The learned layer's features of one rule reading (``book``: the cue book of its language)."""
    return unit_features(reading.unit, reading.level, reading.certainty, reading.evidence, reading.speaker.type,
                         reading.quoted, book, reading.rule_claim)


def detect_claims(doc: Doc, outlet: str | None = None, places: list[Place] | None = None,
                  book: CueBook | None = None, document_id: str | None = None,
                  model: LinearModel | None = None, speaker_model: LinearModel | None = None,
                  claim_model: LinearModel | None = None,
                  gazetteer: PlaceFacts | None = None, kind: str | None = None) -> list[Claim]:
    """Claims of one parsed article, with speaker, certainty, level, score and target places.

    ``places`` are the geo stage's places; when none are given, the unit's GPE/LOC/FAC entities
    stand in as targets. With a ``model`` (the learned layer) the level is the model's unless the rules
    found an explicit denial or reassurance (:func:`combine_level`). With a ``speaker_model`` the speaker's
    type may change (see :func:`retype_speaker`); an unattributed unit then takes the nearest speaker of
    that type in the document. With a ``claim_model`` a unit the rules took for a claim is dropped when the
    model is sure it is none (:func:`not_a_claim`), and one they did not is added when the model reads it
    as a claim (:func:`is_a_claim`).
    """
    book = book or load_cues()
    learned = model is not None or claim_model is not None
    read = [(r, reading_features(r, book) if learned else {})
            for r in read_units(doc, outlet, book, every_unit=claim_model is not None, gazetteer=gazetteer, kind=kind)]
    read = [(r, features) for r, features in read if r.rule_claim or is_a_claim(claim_model, features)]
    readings = [r for r, _ in read]
    document_types = sorted({r.speaker.type for r in readings if r.rule_claim})
    positions: dict[str, list[int]] = {}
    for i, r in enumerate(readings):
        positions.setdefault(r.speaker.type, []).append(i)
    place_index = _place_index(places)
    claims = []
    for position, (reading, features) in enumerate(read):
        level, certainty, speaker = reading.level, reading.certainty, reading.speaker
        if reading.rule_claim and not_a_claim(claim_model, features):
            continue
        if model is not None:
            level, certainty = combine_level(level, certainty, model.predict(features), features)
        if speaker_model is not None:
            kind = retype_speaker(speaker.type, speaker_model.predict(
                reading_speaker_features(reading, document_types)), document_types, speaker.country)
            speaker = _retyped(speaker, kind, readings, positions, position)
        claims.append(_claim(reading.unit, reading.sentence_index, level, certainty, speaker,
                             reading.evidence, _places_in(reading.unit, reading.sentence_index, place_index),
                             document_id, book))
    return claims


def reading_speaker_features(reading: UnitReading, document_types: Sequence[str]) -> Features:
    """The speaker layer's features of one rule reading (with the rules' speaker type of the unit before)."""
    return speaker_features(reading.unit, reading.speaker.name, reading.speaker.type, reading.quoted, document_types,
                            reading.previous_speaker_type)


def previous_speaker_types(readings: Sequence[UnitReading]) -> list[str | None]:
    """For each reading of a document's units in text order, the rules' speaker type of the unit before it."""
    return [readings[i - 1].speaker.type if i else None for i in range(len(readings))]


def _retyped(speaker: Speaker, kind: str, readings: list[UnitReading], positions: dict[str, list[int]],
             position: int) -> Speaker:
    if kind == speaker.type:
        return speaker
    if speaker.type != "outlet":
        return Speaker(speaker.name, kind, speaker.person, speaker.country)
    candidates = positions[kind]
    at = bisect_left(candidates, position)
    nearest = min(candidates[max(0, at - 1):at + 1], key=lambda i: (abs(i - position), i))
    return readings[nearest].speaker


def _next_attribution(position: int, units: list[tuple[int, Span]], paragraphs: list[int], quotes: Quotes,
                      resolver: SpeakerResolver) -> Speaker | None:
    """The attribution in one of the next ATTRIBUTION_LOOKAHEAD units of the same paragraph ("...", X
    said), read without moving the resolver's memory of the last speaker. ``paragraphs`` numbers the
    ``units``."""
    def read() -> Speaker | None:
        for later in range(position + 1, min(len(units), position + 1 + ATTRIBUTION_LOOKAHEAD)):
            if paragraphs[later] != paragraphs[position]:
                break
            found = resolver.attribute(units[later][1], quotes)
            if found:
                return found
        return None

    return _without_memory(resolver, read)


def _handed_on(position: int, units: list[tuple[int, Span]], paragraphs: list[int],
               resolver: SpeakerResolver) -> Speaker | None:
    """The speaker the next unit of the same paragraph hands this one to ("... is under control. That was the
    assessment of the army chief of staff"), read without moving the resolver's memory."""
    later = position + 1
    if later >= len(units) or paragraphs[later] != paragraphs[position]:
        return None
    return _without_memory(resolver, lambda: resolver.handed_to(units[later][1]))


def _without_memory(resolver: SpeakerResolver, read: Callable[[], Speaker | None]) -> Speaker | None:
    """What ``read`` finds, leaving the resolver's memory of the last speakers as it was."""
    saved = (resolver.last, resolver.last_person, resolver.last_body, list(resolver.known))
    found = read()
    resolver.last, resolver.last_person, resolver.last_body, resolver.known = saved
    return found


PlaceIndex = dict[int, list[tuple[int, str]]]


def _place_index(places: list[Place] | None) -> PlaceIndex | None:
    """{sentence index: [(start, place name)]} of the geo stage's place mentions, None without places."""
    if not places:
        return None
    index: PlaceIndex = {}
    for place in places:
        for span in place.spans:
            index.setdefault(span.sentence, []).append((span.start, place.name))
    return index


def _places_in(unit: Span, sentence_index: int, index: PlaceIndex | None) -> list[str]:
    """The names of the places mentioned in a unit (its GPE/LOC/FAC entities without a place index)."""
    if index is not None:
        return list(dict.fromkeys(name for start, name in index.get(sentence_index, ())
                                  if unit.start_char <= start < unit.end_char))
    return list(dict.fromkeys(e.text for e in entities_in(unit) if e.label_ in ("GPE", "LOC", "FAC")))


def _claim(unit: Span, sentence_index: int, level: int, certainty: str, speaker: Speaker,
           evidence: list[CueMatch], places: list[str], document_id: str | None, book: CueBook) -> Claim:
    targets = list(places)
    if any(t.lower_ in book.capital_terms for t in unit) and book.capital_name not in targets:
        targets.append(book.capital_name)
    return Claim(
        sentence=unit.text.strip(), sentence_index=sentence_index, start=unit.start_char, end=unit.end_char,
        level=level, score=claim_score(level, certainty), speaker=speaker.name, speaker_type=speaker.type,
        certainty=certainty, stance=stance_of_level(level), voice="own" if speaker.type == "outlet" else "quoted",
        places=places, targets=targets, cues=evidence, document=document_id)


def detect_comment_claims(comment_docs: Iterable[Doc], book: CueBook | None = None,
                          document_id: str | None = None) -> list[Claim]:
    """Claims in reader comments: speaker "reader comment N", type reader_comment, never the outlet."""
    book = book or load_cues()
    claims = []
    for number, doc in enumerate(comment_docs, start=1):
        reader = Speaker(f"reader comment {number}", "reader_comment")
        index = CueIndex(doc)
        for sentence_index, unit in claim_units(doc):
            matches = match_cues(unit, book, index)
            held = armed_control(unit, book)
            if not is_claim(unit, book, bool(matches) or bool(held)):
                continue
            level, certainty, evidence = severity_of(unit, book, matches, held)
            claim = _claim(unit, sentence_index, level, certainty, reader, evidence,
                           _places_in(unit, sentence_index, None), document_id, book)
            claim.voice = "quoted"
            claim.comment = number - 1
            claims.append(claim)
    return claims
