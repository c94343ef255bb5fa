"""What story grouping and lineage read of a document: words, anchors, sentences and quotes.

Anchors are the parts of a text that survive rewording and translation: proper names, numbers and
resolved places (GeoNames ids). Words are folded as the gazetteer folds names (lower case, no accents,
one apostrophe, hyphens as spaces), so "Faladié" and "Faladie" match, and the function words of English
and French are dropped.
"""
from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from dataclasses import dataclass
from functools import cache, cached_property

from claimatlas.ingest.cleaning import ends_sentence
from claimatlas.ingest.metadata import ENGLISH_MONTHS, FRENCH_MONTHS
from claimatlas.model import DocumentRecord, iso_date
from geo.gazetteer import fold

WORD = re.compile(r"[^\W\d_]+")
NUMBER = re.compile(r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)?")
NAME = re.compile(r"\b[^\W\d_a-z][\w’'-]*[^\W_]")
QUOTE = re.compile(r"[“«\"]\s*([^”»\"]{20,400}?)\s*[”»\"]")
# A sentence needs this many content words to be compared with another one.
MIN_SENTENCE_WORDS = 4
# ... and final punctuation (``ends_sentence``): headlines, captions and datelines have none, and independent
# reports of one event write much the same headline.
# Lineage compares at most this many sentences and quotes of a document (news articles have far fewer).
MAX_SENTENCES = 400
MAX_QUOTES = 100
# Month names of the analysed languages, folded ("aout" for "août"): month -> number.
MONTHS = {fold(m): i for names in (ENGLISH_MONTHS, FRENCH_MONTHS) for i, m in enumerate(names, start=1)}
# News style's abbreviated months, read only with their point ("Sept. 3", "Oct. 28"; "Jan" alone is a name).
MONTHS |= {"jan.": 1, "feb.": 2, "aug.": 8, "sep.": 9, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12}
_MONTH = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)? (?:of )?({_MONTH})(?!\w)|\b({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?\b")
# Weekday names of the analysed languages, folded: name -> Python weekday (Monday 0).
WEEKDAYS = {name: n for names in (("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
                                  ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"))
            for n, name in enumerate(names)}
# A weekday just before a named day ("Sunday, February 2", "dimanche 2 fevrier") and a year just after
# it ("2 fevrier 2025", "February 2, 2026") pin the day's year.
WEEKDAY_BEFORE = re.compile(rf"\b({'|'.join(WEEKDAYS)}),? (?:the )?$")
WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b")
YEAR_AFTER = re.compile(r",? ((?:19|20)\d\d)(?!\d)")
# The years a weekday can pin: those a news archive plausibly covers.
CALENDAR_YEARS = range(1990, 2041)



@cache
def stop_words() -> frozenset[str]:
    """English and French function words (spaCy's lists), accent-folded."""
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
    from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH_STOP_WORDS

    return frozenset(fold(w) for w in (*ENGLISH_STOP_WORDS, *FRENCH_STOP_WORDS))


def content_words(text: str) -> list[str]:
    """The folded words of a text that are not function words and have at least three letters."""
    stops = stop_words()
    return [w for w in WORD.findall(fold(text)) if len(w) > 2 and w not in stops]


def numbers(text: str) -> list[str]:
    """The numbers of a text, thousands separators removed ("1,000" and "1 000" -> "1000")."""
    return [re.sub(r"[,\u202f\u00a0 ](?=\d{3})", "", m.group(0)).replace(",", ".") for m in NUMBER.finditer(text)]


def names(text: str, known: frozenset[str] | None = None) -> list[str]:
    """Folded capitalised words that do not open a sentence: the proper names of a text, roughly.

    Given the ``known`` names of the text's document (the text is one of its sentences), a word that
    opens the sentence counts when it is one of them, and a hyphenated name gives its capitalised parts
    ("Al-Qaida-backed" and "Al-Qaïda" both give "qaida"): a sentence has few names, and a translation
    must align on them.
    """
    stops = stop_words()
    found = []
    for match in NAME.finditer(text):
        opening = _opens_sentence(text, match.start())
        if opening and known is None:
            continue
        parts = [match.group(0)] if known is None else [p for p in match.group(0).split("-") if p[:1].isupper()]
        for part in parts:
            word = re.sub(r"'s$", "", fold(part)).strip("'-")
            if len(word) > 2 and word not in stops and (not opening or word in known):
                found.append(word)
    return found


def _dated_mentions(text: str) -> list[tuple[str, frozenset[int] | None]]:
    """Each day of the year a text names, with the years its weekday and year allow (None: any year)."""
    folded = fold(text)
    found = []
    for match in DAY_MONTH.finditer(folded):
        day, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        day, month = int(day), MONTHS[month]
        if not 1 <= day <= 31:
            continue
        years = None
        year = YEAR_AFTER.match(folded, match.end())
        if year:
            years = frozenset({int(year.group(1))})
        weekday = WEEKDAY_BEFORE.search(folded, max(0, match.start() - 16), match.start())
        if weekday:
            named = WEEKDAYS[weekday.group(1)]
            years = frozenset(y for y in (years or CALENDAR_YEARS) if _weekday(y, month, day) == named)
        found.append((f"d:{month}-{day}", years))
    return found


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def date_mentions(text: str) -> list[str]:
    """Days of the year a text names ("17 septembre", "September 17" -> "d:9-17"), in English or French."""
    return [day for day, _ in _dated_mentions(text)]


def day_years(text: str) -> dict[str, frozenset[int]]:
    """The days a text names with a year or a weekday, and the years these allow ("Sunday 2 February"
    and "2 February 2025" -> {"d:2-2": {..., 2025, ...}}); a day named several ways allows any of them."""
    years: dict[str, frozenset[int]] = {}
    for day, allowed in _dated_mentions(text):
        if allowed is not None:
            years[day] = years.get(day, frozenset()) | allowed
    return years


def same_days(a: StoryDocument, b: StoryDocument) -> set[str]:
    """The days both documents name that can be one day: not those whose years, pinned by a year or a
    weekday in each, cannot agree ("Monday, February 2, 2026" and "dimanche 2 fevrier" are two days)."""
    return {day for day in a.named_days & b.named_days
            if day not in a.day_years or day not in b.day_years or a.day_years[day] & b.day_years[day]}


def same_latest_day(a: StoryDocument, b: StoryDocument) -> bool:
    """Whether two documents name the same latest day and that day can be one day (see ``same_days``): a
    follow-up names the day of the event it follows and a later one of its own."""
    day = a.latest_day
    return day is not None and day == b.latest_day and day in same_days(a, b)


def least_dated(a: StoryDocument, b: StoryDocument) -> float:
    """How dated the less dated of two documents is, log(1 + its ``time_references``): a report dates its
    event ("on Tuesday", "17 septembre"), an explainer or an analysis of the same topic seldom does."""
    return math.log1p(min(a.time_references, b.time_references))


def _opens_sentence(text: str, start: int) -> bool:
    """Whether only spaces lie between ``start`` and the text's start or an end of sentence or line
    (the scan stops at the first other character, so all calls over one text take linear time)."""
    position = start - 1
    while position >= 0 and text[position] in " \t\r":
        position -= 1
    return position < 0 or text[position] in ".!?:\n\"“«"


def anchors(text: str, known: frozenset[str] | None = None) -> list[str]:
    """Names and numbers of a text as anchor tokens ("n:diboli", "#30"); ``known`` as for ``names``."""
    return [f"n:{n}" for n in names(text, known)] + [f"#{n}" for n in numbers(text) if len(n) > 1 or n != "0"]


def quotes(text: str) -> list[str]:
    """The first MAX_QUOTES quoted passages of a text (20 characters or more), folded, in order."""
    return [" ".join(WORD.findall(fold(m.group(1)))) for m in itertools.islice(QUOTE.finditer(text), MAX_QUOTES)]


@dataclass(frozen=True)
class Sentence:
    """One sentence as lineage compares it: its text, content words and anchors."""

    index: int
    text: str
    words: frozenset[str]
    anchors: frozenset[str]


@dataclass
class StoryDocument:
    """A document as the story stage reads it."""

    id: str
    outlet: str | None
    published: dt.date | None
    title: str | None
    language: str | None
    text: str
    sentences: tuple[str, ...]
    places: tuple[int, ...] = ()
    duplicate_of: str | None = None
    kind: str = "article"

    @classmethod
    def of_record(cls, record: DocumentRecord) -> StoryDocument:
        """The story stage's view of an analysed record (its sentences and resolved places; a title
        inferred from the text is left out, as it is often page furniture)."""
        sentences = tuple(s.sentence for s in record.framing.sentences) or tuple(split_sentences(record.text))
        return cls(id=record.id, outlet=record.outlet, published=iso_date(record.published),
                   title=None if "title" in record.inferred else record.title,
                   language=record.language, text=record.text, sentences=sentences,
                   places=tuple(p.geonameid for p in record.places if p.geonameid is not None),
                   duplicate_of=record.duplicate_of, kind=record.kind)

    @cached_property
    def story_anchors(self) -> list[str]:
        """The document's anchors, the days it names and its resolved places ("g:2460596")."""
        return anchors(self.text) + self.dates + [f"g:{p}" for p in self.places]

    @cached_property
    def known_names(self) -> frozenset[str]:
        """The names the document writes where they do not open a sentence, with their hyphenated parts."""
        return frozenset(part for name in names(self.text) for part in (name, *name.split()) if len(part) > 2)

    @cached_property
    def dates(self) -> list[str]:
        """The days of the year the document names."""
        return date_mentions(self.text)

    @cached_property
    def named_days(self) -> frozenset[str]:
        """The days of the year the document names, once each."""
        return frozenset(self.dates)

    @cached_property
    def latest_day(self) -> str | None:
        """The latest day of the year the document names ("d:10-28"), or None: a report's news peg is
        usually the last day it names, the earlier ones being background."""
        return max(self.named_days, key=lambda day: tuple(int(n) for n in day[2:].split("-")), default=None)

    @cached_property
    def time_references(self) -> int:
        """How many times the document names a day of the year or a weekday."""
        return len(self.dates) + len(WEEKDAY.findall(fold(self.text)))

    @cached_property
    def day_years(self) -> dict[str, frozenset[int]]:
        """The years the document's weekdays and years allow for the days it names (see ``day_years``)."""
        return day_years(self.text)

    @cached_property
    def words(self) -> list[str]:
        """The document's content words."""
        return content_words(self.text)

    @cached_property
    def compared_sentences(self) -> tuple[Sentence, ...]:
        """The sentences with final punctuation and enough content words to compare, with their words and
        anchors."""
        compared = []
        for index, sentence in enumerate(self.sentences[:MAX_SENTENCES]):
            if not ends_sentence(sentence):
                continue
            words = frozenset(content_words(sentence))
            if len(words) >= MIN_SENTENCE_WORDS:
                compared.append(Sentence(index, sentence, words, frozenset(anchors(sentence, self.known_names))))
        return tuple(compared)


def split_sentences(text: str) -> list[str]:
    """Sentences by end punctuation and line breaks (for text without a parse)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
