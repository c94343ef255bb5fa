"""Toponym recognition: spaCy NER (GPE, LOC, FAC) combined with gazetteer matching, plus filters.

The small spaCy model misses many places (it tags "Bamako" as an organisation) and tags some
headings ("Background") as places, so a mention comes from either source:

- an NER span labelled GPE, LOC or FAC (or any entity whose whole text is a gazetteer name);
- a gazetteer name found in the text by the Aho-Corasick automaton, in title case, on token
  boundaries, not inside a date or a number, not inside a person's name or a title (a strong name
  covering the whole span is kept: the small model tags "Niger" and "Burkina Faso" as PERSON or
  WORK_OF_ART),
  and, inside an organisation's name, only if it is a strong name (country, region, curated
  place, large city).

Filters drop outlet names and boilerplate (``not_places.txt``), demonyms (kept as associations),
and NER-only spans that no gazetteer entry carries when they are a single common word, a bare
heading, or contain an organisation named elsewhere in the document ("the Brink of Al Qaeda").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo.gazetteer import FEATURE_ADMIN1, FEATURE_CITY, FEATURE_COUNTRY, Gazetteer, fold, is_common_word, normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_LABELS = {"GPE", "LOC", "FAC"}
BLOCKING_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
# Labels the small model often gives to place names ("Niger" as PERSON or WORK_OF_ART).
DOUBTFUL_LABELS = {"PERSON", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT", "LANGUAGE"}
NON_CAPITALISED_NAME_WORDS = {"of", "de", "du", "des", "la", "le", "les", "el", "al", "and", "the", "upon", "on",
                              "sur", "am", "an", "der", "di", "da", "do", "dos", "das", "y", "en"}
STRONG_CITY_POPULATION = 100_000
PROMINENT_FEATURES = {"A.PCLI", "L.CONT", "H.OCN", "L.RGN"}
# Designators stripped to find "X" in "X district", "X Province", "City of X" when the whole name is unknown.
_DESIGNATOR_SUFFIX = re.compile(r"\s+(district|region|province|state|county|city|town|village|area|municipality|"
                                r"prefecture|governorate|commune|quarter|neighbou?rhood)$", re.I)
_DESIGNATOR_PREFIX = re.compile(r"^(city|town|province|state|county|region|district|republic) of\s+", re.I)
_LIST_SEPARATOR = re.compile(r",|\band\b")
# A name compounded with a disease word names the disease or its agent ("Marburg virus", "Reston
# ebolavirus", "Lassa fever", "Ebola-Reston virus"), not a place of the story.
_DISEASE_FOLLOWER = re.compile(r"^[\s\-]*(ha?emorrhagic\s+)?(\w*virus(es)?|fever|disease|syndrome)\b", re.I)
_DISEASE_WORD = re.compile(r"virus(es)?$", re.I)
_PATHOGEN_BEFORE = re.compile(r"\b(salmonella|serotype|serovar|strain)\s+$", re.I)
# Strain and product codes ("H5N1", "H1N1", "MERS-CoV2").
_CODE = re.compile(r"^[A-Z]+\d+[A-Z0-9]*$")
_POSSESSIVE = re.compile(r"['’]s?$")
# A place name followed by a street or site designator names a street or a site, not the place:
# "Atlantic Avenue", "Windsor Castle", "Heathrow Animal Reception Center" (up to three capitalised words
# in between). Street names say nothing about where the street is; site names usually do.
STREET_DESIGNATORS = ("Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Drive", "Parade",
                      "Square", "Terrace", "Crescent")
SITE_DESIGNATORS = ("Airport", "Stadium", "Arena", "University", "College", "Academy", "School", "Castle", "Chapel",
                    "Cathedral", "Basilica", "Church", "Mosque", "Temple", "Hospital", "Hall", "Embassy", "Mall",
                    "Center", "Centre", "Hotel", "Tower", "Palace", "Station", "Courthouse", "Prison", "Museum",
                    "Theatre", "Theater", "Bridge", "Barracks", "Base", "Camp")
_DESIGNATOR = "(?P<designator>" + "|".join(STREET_DESIGNATORS + SITE_DESIGNATORS) + r")\b\.?"
# "St George's Chapel", "Windsor Castle", "Heathrow Animal Reception Center"; not "Bamako's Modibo Keita
# International Airport", where the place owns a site with a name of its own.
_FACILITY_TAIL = re.compile(r"^(?:['’]s[ \t]+|(?:[ \t]+[A-Z][\w'’.\-]*){0,3}?[ \t]+)" + _DESIGNATOR)


@dataclass
class Mention:
    """One recognised toponym occurrence in the text."""

    start: int
    end: int
    text: str
    sentence: int
    source: str
    candidates: list[int] = field(default_factory=list)
    facility: str | None = None  # "street" or "site" when the name is a street's or a site's
    inner: str = ""  # the place name inside a street's or site's name
    embedded: list[int] = field(default_factory=list)  # its candidates


@dataclass
class Association:
    """A demonym or adjective of place ("Malian"): evidence about a country, not a pin."""

    start: int
    end: int
    text: str
    sentence: int
    target: str
    plural: bool = False


def candidates_for(name: str, gazetteer: Gazetteer) -> list[int]:
    """Gazetteer entries for a surface name, trying designator-free variants when needed."""
    name = _POSSESSIVE.sub("", name.strip())
    ids = gazetteer.lookup(name)
    if ids:
        return ids
    for variant in (_DESIGNATOR_SUFFIX.sub("", name), _DESIGNATOR_PREFIX.sub("", name)):
        if variant != name:
            ids = gazetteer.lookup(variant)
            if ids:
                return ids
    return []


def _is_title_case(text: str) -> bool:
    words = re.split(r"[\s\-]+", text)
    return bool(words) and text[:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in NON_CAPITALISED_NAME_WORDS or not w[:1].isalpha()
        for w in words if w)


def _is_strong(ids: list[int], gazetteer: Gazetteer) -> bool:
    return any(gazetteer.feature[i] != FEATURE_CITY or gazetteer.population[i] >= STRONG_CITY_POPULATION
               for i in ids)


def _is_prominent(ids: list[int], gazetteer: Gazetteer) -> bool:
    return any(gazetteer.feature[i] in PROMINENT_FEATURES or gazetteer.population[i] >= STRONG_CITY_POPULATION
               and gazetteer.feature[i].startswith("P.") for i in ids)


def _trim(full_text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive from a character span."""
    if full_text[start:end].lower().startswith("the "):
        start += 4
    match = _POSSESSIVE.search(full_text[start:end])
    if match and match.start() > 0:
        end = start + match.start()
    while end > start and not full_text[end - 1].isalnum() and full_text[end - 1] != ".":
        end -= 1
    return start, end


def is_disease_name(full_text: str, start: int, end: int) -> bool:
    """Whether the span names a disease or pathogen: "Reston ebolavirus", "Salmonella Litchfield", "H5N1"."""
    text = full_text[start:end]
    return bool(_DISEASE_FOLLOWER.match(full_text[end:end + 30]) or _DISEASE_WORD.search(text)
                or _PATHOGEN_BEFORE.search(full_text[max(0, start - 20):start])
                or _CODE.match(text.replace("-", "")))


def _alternate_only(key: str, ids: list[int], gazetteer: Gazetteer) -> bool:
    """Whether no candidate carries ``key`` as its main name ("Drug" for Durg, "Jin" for Tsu)."""
    return all(normalise(gazetteer.names[i]) != key for i in ids)


def _is_heading(full_text: str, start: int, end: int) -> bool:
    line_start = full_text.rfind("\n", 0, start) + 1
    line_end = full_text.find("\n", end)
    line_end = len(full_text) if line_end < 0 else line_end
    return not full_text[line_start:start].strip() and not full_text[end:line_end].strip(" .:")


def _blocked_ranges(full_text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    folded = fold(full_text)
    ranges = []
    for name in gazetteer.not_places:
        for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", folded):
            ranges.append(match.span())
    return ranges


class _SpanIndex:
    """Sorted, non-overlapping character spans (entity spans), searched by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans sharing a character with [start, end)."""
        i = bisect.bisect_left(self.starts, end)
        found = []
        while i > 0 and self.spans[i - 1][1] > start:
            i -= 1
            found.append(self.spans[i])
        return found


def _overlaps(start: int, end: int, ranges) -> bool:
    return any(s < end and start < e for s, e in ranges)


def recognise(doc: Doc, gazetteer: Gazetteer) -> tuple[list[Mention], list[Association]]:
    """Toponym mentions (with gazetteer candidates, possibly none) and demonym associations."""
    full_text = doc.text  # Doc.text is rebuilt from the tokens on every access
    sentence_starts = [s.start_char for s in doc.sents]

    def sentence_of(char: int) -> int:
        return max(0, bisect.bisect_right(sentence_starts, char) - 1)

    blocked = _blocked_ranges(full_text, gazetteer)
    mentions: list[Mention] = []
    associations: list[Association] = []
    organisation_spans, person_spans, other_spans = [], [], []

    def add_association(start: int, end: int) -> bool:
        text = full_text[start:end]
        key = normalise(text)
        target = gazetteer.demonyms.get(key)
        plural = not target and key.endswith("s") and key[:-1] in gazetteer.demonyms
        target = target or (gazetteer.demonyms[key[:-1]] if plural else None)
        if target:
            associations.append(Association(start, end, text, sentence_of(start), target, plural))
        return bool(target)

    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
    # One-word names used as a disease name anywhere in the document ("Marburg kills more slowly").
    disease_names = {normalise(t.text) for t in doc if is_disease_name(full_text, t.idx, t.idx + len(t.text))
                     and t.text[:1].isupper()}
    organisation_names = {e.text for e in doc.ents if e.label_ == "ORG" and len(e.text) > 3 and "\n" not in e.text}
    for ent in doc.ents:
        if ent.label_ in BLOCKING_LABELS:
            other_spans.append((ent.start_char, ent.end_char))
            continue
        if ent.label_ == "NORP":
            add_association(ent.start_char, ent.end_char)
            other_spans.append((ent.start_char, ent.end_char))
            continue
        start, end = _trim(full_text, ent.start_char, ent.end_char)
        text = full_text[start:end]
        if not text or _overlaps(start, end, blocked) or is_disease_name(full_text, start, end) or \
                normalise(text) in disease_names:
            continue
        if ent.label_ not in PLACE_LABELS:
            if ent.label_ == "ORG":
                organisation_spans.append((start, end))
            elif ent.label_ in DOUBTFUL_LABELS:
                person_spans.append((start, end))
            continue
        if add_association(start, end):
            continue
        ids = candidates_for(text, gazetteer)
        if not ids:
            if any(name in text for name in organisation_names) or "\n" in text or (len(ent) == 1 and is_common_word(text)) or _is_heading(full_text, start, end):
                continue
            if any(_is_strong(gazetteer.lookup(key), gazetteer) for _, _, key in gazetteer.matches(text)):
                continue  # strong names inside the span are found by the gazetteer pass below
        mentions.append(Mention(start, end, text, sentence_of(start), "ner", ids))

    taken = _SpanIndex([(m.start, m.end) for m in mentions])
    other_index, person_index = _SpanIndex(other_spans), _SpanIndex(person_spans)
    organisation_index = _SpanIndex(organisation_spans)
    matches = sorted(gazetteer.matches(full_text), key=lambda m: (m[0], -(m[1] - m[0])))
    longest: list[tuple[int, int]] = []
    superseded: set[tuple[int, int]] = set()
    for start, end, _ in matches:
        if not _is_title_case(full_text[start:end]):
            continue
        if longest and start < longest[-1][1]:
            continue
        longest.append((start, end))
    for start, end in longest:
        text = full_text[start:end]
        if "\n" in text or _overlaps(start, end, blocked) or is_disease_name(full_text, start, end) or \
                normalise(text) in disease_names:
            continue
        span = doc.char_span(start, end)
        if span is None or other_index.overlapping(start, end):
            continue
        if add_association(start, end):
            continue
        ids = gazetteer.lookup(text)
        covered = taken.overlapping(start, end)
        if covered:
            if not (_is_prominent(ids, gazetteer) and all(start <= s and e <= end and (s, e) != (start, end)
                                                          for s, e in covered)):
                continue
            superseded.update(covered)  # "Trinidad and Tobago" over the model's "Trinidad", "Boa Vista" over "Boa"
        in_person = person_index.overlapping(start, end)
        if in_person and not (_is_strong(ids, gazetteer) and all(
                (start <= s and e <= end) or _LIST_SEPARATOR.search(full_text[s:e]) for s, e in in_person)):
            continue
        inside_organisation = [(s, e) for s, e in organisation_index.overlapping(start, end) if s <= start and end <= e]
        whole_organisation = any(s == start and e == end for s, e in inside_organisation)
        if inside_organisation and not whole_organisation and not _is_strong(ids, gazetteer):
            continue
        if len(span) == 1 and not _is_strong(ids, gazetteer):
            token = span[0]
            if token.pos_ != "PROPN" or (token.is_sent_start and is_common_word(text)):
                continue
        if len(span) == 1 and is_common_word(text) and not text.isupper() and not _is_prominent(
                [i for i in ids if gazetteer.feature[i] in PROMINENT_FEATURES
                 or normalise(gazetteer.names[i]) == normalise(text)], gazetteer):
            continue  # "Centre", "Central", "West": region names that are common words need NER support
        if len(span) == 1 and (is_common_word(text) or text in person_words) and _alternate_only(
                normalise(text), ids, gazetteer) and not any(gazetteer.feature[i] in PROMINENT_FEATURES for i in ids):
            continue  # a common word or a person's name that is only an alternate name ("Drug" for Durg)
        if len(span) == 1 and text in person_words and not _is_strong(ids, gazetteer):
            continue  # a town name the document uses as a person's name ("Ali said", "said Lennox")
        if text.replace(".", "").isupper() and not any(
                gazetteer.feature[i] in (FEATURE_COUNTRY, FEATURE_ADMIN1, "L.RGN") for i in ids):
            continue  # acronyms (HIV, FAO) unless they name a country, state or region (US, UK, EU)
        mentions.append(Mention(start, end, text, sentence_of(start), "gazetteer", ids))

    widened: list[Mention] = []
    for mention in sorted((m for m in mentions if (m.start, m.end) not in superseded), key=lambda m: m.start):
        if widened and mention.start < widened[-1].end:
            continue  # inside a street or site name found from an earlier mention
        widened.append(_as_facility(mention, full_text, gazetteer))
    return widened, associations


def _as_facility(mention: Mention, full_text: str, gazetteer: Gazetteer) -> Mention:
    """The mention widened to the street or site it names ("Atlantic" in "Atlantic Avenue"), else unchanged."""
    tail = _FACILITY_TAIL.match(full_text[mention.end:mention.end + 80])
    if tail is None or "\n" in tail.group(0):
        return mention
    end = mention.end + tail.end()
    if full_text[end - 1] == "." and tail.group("designator") not in ("St", "Ave", "Rd", "Blvd"):
        end -= 1
    text = full_text[mention.start:end]
    ids = gazetteer.lookup(text)
    kind = "street" if tail.group("designator") in STREET_DESIGNATORS else "site"
    return Mention(mention.start, end, text, mention.sentence, mention.source, ids, facility=None if ids else kind,
                   inner="" if ids else mention.text, embedded=[] if ids else mention.candidates)
