"""Toponym recognition: spaCy NER (GPE, LOC, FAC) combined with gazetteer matching, through named filters.

The small spaCy model misses many places (it tags "Bamako" as an organisation) and tags some
headings ("Background") as places, so a mention is proposed by either source:

- an NER entity (after dropping a leading article and a trailing possessive); entities labelled as
  dates and numbers, and NORP entities (demonyms, kept as associations), only block gazetteer names;
- a gazetteer name found in the text by the Aho-Corasick automaton, in title case, the leftmost
  longest where names overlap.

A name the model took for a person but listed among places ("Niono, Molodo, Sandaré et Kayes") is
proposed as a place too. Each proposal then passes the ordered, named filters of
``geo.filters.DEFAULT_FILTERS`` (outlet names, disease names, demonyms, headings, names inside a
person's or an organisation's name, common words, acronyms...); ``recognise(..., disabled={"name", ...})`` switches filters off. Kept mentions
followed by a street or site designator are widened to the street or site ("Atlantic Avenue"). Roads named
by their number (``geo.roads``: "U.S. 641", "RN16"), a person's home town and counties listed before
"counties" (``geo.local_news``), and in French text sites named after their word (``geo.sites``: "le stade
Modibo Keïta de Bamako") are mentions too. Demonyms qualifying a word that the model saw no nationality in
("the Nigerian Army", ``geo.modifiers``) are associations. ``recognise_all`` also returns the place names kept
inside organisations' names (``Organisation``); the records are in ``geo.mentions``.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from geo.cue_words import (
    DESIGNATOR,
    MEMORIAL_DESIGNATORS,
    MUNICIPALITY_DESIGNATORS,
    SITE_DESIGNATORS,
    STREET_DESIGNATORS,
    WATER_DESIGNATORS,
)
from geo.filters import (
    DEFAULT_FILTERS,
    FILTER_NAMES,
    NON_CAPITALISED_NAME_WORDS,
    WORD_SPLIT,
    Filter,
    is_regional_town,
    is_titled,
)
from geo.gazetteer import FEATURE_ADMIN1, FEATURE_COUNTRY, POSSESSIVE, Gazetteer, is_common_word
from geo.local_news import is_home_town, listed_counties, named_with_its_region
from geo.mentions import Association, Decision, Explanation, Mention, Organisation
from geo.modifiers import currency_countries, demonym_modifiers
from geo.named_things import is_called_a_settlement, is_named_site
from geo.organisations import is_state_school, organisation_span
from geo.proposals import PERSON_LABELS, Context, Proposal, SpanIndex
from geo.roads import road_spans
from geo.sites import french_sites

if TYPE_CHECKING:
    from spacy.tokens import Doc

BLOCKING_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
# Labels the small model often gives to place names ("Niger" as PERSON or WORK_OF_ART).
# Entity labels under which a place name is doubtful; "PER" is the French (WikiNER) model's person.
DOUBTFUL_LABELS = {"PERSON", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT", "LANGUAGE", "PER"}
# A name the model took for a person but listed among places is a place ("Niono, Molodo, Sandaré, Nioro
# du Sahel et Kayes", "de Molodo, de Sandaré et de Gogui"): list separators (with a repeated preposition)
# and an optional parenthesis after an item ("Sandaré (1ère région)").
_SEPARATOR = re.compile(r"(?:\s*,\s*(?:(?:and|et|or|ou)\s+)?|\s+(?:and|et|or|ou)\s+)"
                        r"(?:(?:de|à|au|aux|in|at|of)\s+|d[’']\s*)?")
# A county's or township's name the model tagged an organisation: "Lower Merion Township", "Butler County".
_LOCAL_DIVISION_END = re.compile(r"^[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,2} (?:County|Township|Parish|Borough)$")
# A place's name before "-based", "-born"...: "the Bengaluru-based startup" is a place, whatever the model's tag.
_BASED_AFTER = re.compile(r"-(?:based|born|bred|headquartered|registered)\b")
_PARENTHESIS = re.compile(r"\s*\([^()\n]{0,40}\)")
_CONJUNCTION = re.compile(r"\b(?:and|et|or|ou)\b")
# "between Diédiéni and Kolokani", "entre Kaniéra et Lakamané": the two names of a span of road or land
# are both places, so one place is enough to keep the other.
# What may follow a town before "in" and its state: more names of a list ("Nags Head and Kill Devil Hills in").
_IN_REGION_AFTER = re.compile(r"(?:(?:,\s*|\s+and\s+)[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})*\s+in\s+(?:the\s+)?")
_BETWEEN = re.compile(r"\b(?:between|entre)\s+$")
# "from Cynthiana and Millersburg", "residents of Cold Spring and Albany", "Ardmore and Bryn Mawr residents": after a
# place preposition, or before the people or bodies of the places it names, a pair of one place and one name that is
# a town of the story's region is two places.
_PEOPLE_OF_PLACES_AFTER = re.compile(r" (?:residents|officials|leaders|businesses|councillors|councilors|police|"
                                     r"firefighters|schools|voters|families)\b")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|from|near|to|à|de|près de|(?i:residents|people|mayors?) of)\s+$")
LIST_NAME_MAX_WORDS = 3
# French articles and elisions a model may take into a place's span ("d’Abidjan", "de Kayes"); lower
# case only, so that "Le Mans" and "La Paz" keep theirs.
_FRENCH_ARTICLE = re.compile(r"(?:(?:le|la|les|du|des|de|au|aux) +|[ld][’'])(?=[A-ZÀ-Ý])")
# "St George's Chapel", "Windsor Castle", "Heathrow Animal Reception Center"; not "Bamako's Modibo Keita
# International Airport", where the place owns a site with a name of its own.
_FACILITY_TAIL = re.compile(r"^(?:['’]s[ \t]+|(?:[ \t]+[A-Z][\w'’.\-]*){0,3}?[ \t]+)" + DESIGNATOR)
# A lower-case designator ("Modibo Keita airport") widens a mention only to a name the gazetteer knows.
_LOWER_DESIGNATORS = frozenset(d.lower() for d in SITE_DESIGNATORS if len(d) > 3)
_LOWER_TAIL = re.compile(r"^[ \t]+(?:international[ \t]+)?(?P<designator>" + "|".join(sorted(_LOWER_DESIGNATORS))
                         + r")\b")


def recognise(doc: Doc, gazetteer: Gazetteer, disabled: Iterable[str] = ()) -> tuple[list[Mention], list[Association]]:
    """Toponym mentions (with gazetteer candidates, possibly none) and demonym associations.

    ``disabled`` names filters of ``geo.filters.DEFAULT_FILTERS`` to skip.
    """
    recogniser = _Recogniser(doc, gazetteer, disabled)
    return recogniser.run(), recogniser.associations


def recognise_all(doc: Doc, gazetteer: Gazetteer, disabled: Iterable[str] = ()
                  ) -> tuple[list[Mention], list[Association], list[Organisation]]:
    """``recognise``, with the place names kept inside organisations' names."""
    recogniser = _Recogniser(doc, gazetteer, disabled)
    return recogniser.run(), recogniser.associations, recogniser.organisations


def explain(doc: Doc, gazetteer: Gazetteer, disabled: Iterable[str] = ()) -> Explanation:
    """Recognition with its workings: which filter dropped which proposal."""
    recogniser = _Recogniser(doc, gazetteer, disabled)
    recogniser.run()
    return Explanation(recogniser.context, recogniser.decisions)


class _Recogniser:
    """One document's recognition: the NER pass, then the gazetteer pass, then facility widening."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, disabled: Iterable[str]) -> None:
        disabled = frozenset(disabled)
        if disabled - FILTER_NAMES:
            raise ValueError(f"unknown filters {sorted(disabled - FILTER_NAMES)}; known: {sorted(FILTER_NAMES)}")
        self.doc, self.gazetteer = doc, gazetteer
        self.context = Context.of(doc, gazetteer)
        self.filters = {source: [f for f in DEFAULT_FILTERS if source in f.sources and f.name not in disabled]
                        for source in ("ner", "gazetteer")}
        self.sentence_starts = [s.start_char for s in doc.sents]
        self.mentions: list[Mention] = []
        self.doubtful: list[Proposal] = []
        self.associations: list[Association] = []
        self.organisations: list[Organisation] = []
        self.decisions: list[Decision] = []

    def run(self) -> list[Mention]:
        """Both passes; the kept mentions, widened to the streets and sites they name."""
        self._model_pass()
        superseded = self._gazetteer_pass()
        self._list_members()
        self._small_regional_towns()
        self._roads()
        self._listed_counties()
        self._demonym_modifiers()
        if self.doc.lang_ == "fr":
            self._french_sites()
        widened: list[Mention] = []
        kept = (m for m in self.mentions if (m.start, m.end) not in superseded)
        for mention in sorted(kept, key=lambda m: m.start):
            if widened and mention.start < widened[-1].end:
                continue  # inside a street or site name found from an earlier mention
            widened.append(_as_facility(_as_little_quarter(mention, self.context.text, self.gazetteer),
                                        self.context.text, self.gazetteer))
        return widened

    def _demonym_modifiers(self) -> None:
        """Demonyms qualifying a word that the model saw no nationality in ("the Nigerian Army")."""
        taken = (SpanIndex([(a.start, a.end) for a in self.associations]), SpanIndex([(m.start, m.end) for m in self.mentions]))
        for start, end, target in [*demonym_modifiers(self.doc, self.gazetteer), *currency_countries(self.doc, self.gazetteer)]:
            if not any(index.overlapping(start, end) for index in taken):
                self.associations.append(Association(start, end, self.context.text[start:end],
                                                     self._sentence_of(start), target))

    def _french_sites(self) -> None:
        """Sites named after a French site word, in place of the names inside them, and the towns right after
        them (``geo.sites``)."""
        text = self.context.text
        for site in french_sites(text, self.gazetteer, self.context.region):
            self._supersede(Mention(site.start, site.end, text[site.start:site.end], self._sentence_of(site.start),
                                    "ner", site.candidates, facility=None if site.candidates else "site"))
            if site.host is not None:
                start, end, ids = site.host
                self._supersede(Mention(start, end, text[start:end], self._sentence_of(start), "gazetteer", ids))

    def _listed_counties(self) -> None:
        """Names listed before "counties" are counties ("Greenville and Anderson counties"), whatever the model
        made of them."""
        for start, end, county in listed_counties(self.context.text):
            ids = self.gazetteer.lookup(county)
            if ids:
                self._supersede(Mention(start, end, self.context.text[start:end], self._sentence_of(start),
                                        "gazetteer", ids, county=county))

    def _roads(self) -> None:
        """Roads named by their number become mentions located like streets; names inside them ("U.S." of
        "U.S. 641") are no mentions of their own."""
        sentences = [(s.start_char, s.end_char) for s in self.doc.sents]
        for start, end in road_spans(self.context.text, sentences):
            self._supersede(Mention(start, end, self.context.text[start:end], self._sentence_of(start), "road",
                                    facility="road"))

    def _supersede(self, mention: Mention) -> None:
        """Add ``mention`` in place of the mentions it overlaps."""
        self.mentions = [m for m in self.mentions if m.end <= mention.start or mention.end <= m.start]
        self.mentions.append(mention)

    def _sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)

    def _decide(self, proposal: Proposal) -> tuple[int, Filter | None]:
        """How many of its source's filters the proposal passed, and the one that dropped it (None if kept)."""
        filters = self.filters[proposal.source]
        for n, f in enumerate(filters):
            if not f.keep(proposal, self.context):
                self.decisions.append(Decision(proposal, f.name))
                return n, f
        self.decisions.append(Decision(proposal, None))
        return len(filters), None

    def _associate(self, start: int, end: int) -> None:
        text = self.context.text[start:end]
        found = self.gazetteer.demonym(text)
        if found:
            self.associations.append(Association(start, end, text, self._sentence_of(start), found.target,
                                                 found.plural))

    def _keep(self, proposal: Proposal) -> None:
        c = self.context
        words = proposal.text.split()
        person_like = not proposal.ids and (is_titled(proposal, c) or len(words) in (2, 3) and words[0] in c.person_words
                                            and all(w[:1].isupper() for w in words))
        self.mentions.append(Mention(proposal.start, proposal.end, proposal.text, self._sentence_of(proposal.start),
                                     proposal.source, proposal.ids, dateline=(proposal.start, proposal.end) in c.datelines,
                                     person_like=person_like))

    def _named_site(self, start: int, end: int) -> bool:
        """A person's or an organisation's name followed by a lower-case site word ("Gabriel Touré hospital",
        "Modibo Keita stadium"), or closing with a building's word (``is_named_site``: "at the Barclays Center in
        Brooklyn"), is a site without a candidate, located at its host; True when kept."""
        full_text = self.context.text
        if self.doc.char_span(start, end) is None or not any(t.pos_ == "PROPN" for t in self.doc.char_span(start, end)):
            return False
        tail = _LOWER_TAIL.match(full_text[end:end + 40])
        if self.gazetteer.candidates(full_text[start:end]) or tail is None and not is_named_site(full_text, start, end):
            return False
        end += tail.end() if tail else 0
        self.mentions.append(Mention(start, end, full_text[start:end], self._sentence_of(start), "ner",
                                     self.gazetteer.lookup(full_text[start:end]), facility="site"))
        return True

    def _organise(self, proposal: Proposal) -> None:
        span = organisation_span(proposal, self.context)
        if span is not None and not any(o.start == proposal.start for o in self.organisations):
            name = self.context.text[span[0]:span[1]]
            end = span[1] - len(" State") if is_state_school(name) else proposal.end  # "Mississippi" of "... State"
            self.organisations.append(Organisation(proposal.start, end, self.context.text[proposal.start:end],
                                                   self._sentence_of(proposal.start), name, proposal.ids))

    def _model_pass(self) -> None:
        """Entities of the model: places become mentions, the others context for the gazetteer pass."""
        full_text = self.context.text
        organisations, people, others, events = [], [], [], []
        for ent in self.doc.ents:
            if ent.label_ in BLOCKING_LABELS and self._country_mistaken_for_number(ent.text):
                continue  # "in Niger" tagged DATE: no date, a country
            if (ent.label_ in BLOCKING_LABELS or ent.label_ == "NORP") and not _BASED_AFTER.match(full_text, ent.end_char):
                if ent.label_ == "NORP":
                    self._associate(ent.start_char, ent.end_char)
                others.append((ent.start_char, ent.end_char))
                continue
            start, end = _trim(full_text, ent.start_char, ent.end_char)
            if start >= end:
                continue
            text = full_text[start:end]
            proposal = Proposal(start, end, text, "ner", ent, self.gazetteer, ent.label_)
            _, dropped_by = self._decide(proposal)
            if dropped_by is None:
                self._keep(proposal)
            elif dropped_by.name == "place_label":
                if ent.label_ == "ORG" and self._is_country_name(text):
                    self._keep(proposal)  # "the Democratic People's Republic of Korea" tagged ORG: the country
                    continue
                if ent.label_ in ("PERSON", "PER", "ORG") and self._named_site(start, end):
                    continue
                if (not proposal.ids and is_called_a_settlement(full_text, start, end)
                        or ent.label_ == "ORG" and (named_with_its_region(full_text, end, self.gazetteer)
                                                    or _LOCAL_DIVISION_END.search(text))):
                    self.mentions.append(Mention(start, end, proposal.text, self._sentence_of(start), "ner",
                                                 proposal.ids))
                elif ent.label_ == "ORG":
                    organisations.append((start, end))
                elif ent.label_ in DOUBTFUL_LABELS:
                    people.append((start, end))
                    self.doubtful.append(proposal)
                    if ent.label_ == "EVENT":
                        events.append((start, end))
            elif dropped_by.name == "unknown_contains_strong_name" and ", " in text:
                head = text.split(", ")[0]  # "Thruxton, Hampshire" as one entity: the town and its region
                if named_with_its_region(full_text, start + len(head), self.gazetteer):
                    self.mentions.append(Mention(start, start + len(head), head, self._sentence_of(start), "ner",
                                                 self.gazetteer.lookup(head)))
            elif dropped_by.name == "demonym":
                self._associate(start, end)
            elif dropped_by.name == "organisation":
                self._organise(proposal)
        self.context.model_mentions = SpanIndex([(m.start, m.end) for m in self.mentions])
        self.context.__dict__.pop("region", None)  # a filter may have read it before the model's places were known
        self.context.other_entities, self.context.people = SpanIndex(others), SpanIndex(people)
        self.context.events = frozenset(events)
        # last, as it reads the region, which needs the model's places
        self.context.organisations = SpanIndex([(s, e) for s, e in organisations if not self._list_of_regional_towns(s, e)])

    def _list_of_regional_towns(self, start: int, end: int) -> bool:
        """Whether an entity is only a list of two or more towns of the story's region ("Decatur and Champaign"
        tagged ORG: the gazetteer pass names each town), each a capitalised name that is no common word."""
        members = _SEPARATOR.split(self.context.text[start:end])
        g = self.gazetteer
        return len(members) > 1 and all(
            member[:1].isupper() and not is_common_word(member)
            and any(g.feature(i).startswith("P.") and g.country(i) in self.context.region for i in g.lookup(member))
            for member in members)

    def _country_mistaken_for_number(self, text: str) -> bool:
        """Whether a date, time or number entity is only a country's name (no digit in it)."""
        return not any(ch.isdigit() for ch in text) and self._is_country_name(text)

    def _is_country_name(self, text: str) -> bool:
        """Whether the whole text is a country's name, short name or alias."""
        return any(self.gazetteer.feature(i) == FEATURE_COUNTRY for i in self.gazetteer.lookup(text))

    def _list_members(self) -> None:
        """Names the model took for people (or works, events...) that stand in a list with places become
        mentions too, when the list holds at least two places and no more such names than places, or is
        "between" a place and it, or follows a place preposition with a place and it or comes before their
        people ("Ardmore and Bryn Mawr residents"), the name being a town of the story's region ("from Cynthiana
        and Millersburg"); a name ending the list must follow its "and"/"et" (not "in Kayes and Bamako, Ahmed
        Diallo said"); a name of several words that is no gazetteer name and opens with a word of a person's
        name is a person ("Bamako and Moussa Traoré")."""
        text, person_words = self.context.text, self.context.person_words
        taken = {(m.start, m.end) for m in self.mentions}
        names = [p for p in self.doubtful
                 if len(p.text.split()) <= LIST_NAME_MAX_WORDS and not any(c.isdigit() for c in p.text)
                 and not (len(p.text.split()) > 1 and p.text.split()[0] in person_words and not p.ids)
                 and (p.start, p.end) not in taken]
        items = sorted([(m.start, m.end, None) for m in self.mentions if not m.person_like]
                       + [(p.start, p.end, p) for p in names], key=lambda item: item[0])
        run: list[tuple[int, int, Proposal | None]] = []
        separators: list[str] = []
        for item in [*items, None]:
            if run and item is not None:
                parenthesis = _PARENTHESIS.match(text, run[-1][1])
                gap = text[parenthesis.end() if parenthesis else run[-1][1]:item[0]]
                if _SEPARATOR.fullmatch(gap):
                    run.append(item)
                    separators.append(gap)
                    continue
            self._keep_listed(run, separators)
            run, separators = ([item], []) if item is not None else ([], [])

    def _small_regional_towns(self) -> None:
        """Names the model took for people that are towns: one-word towns of the story's region too small for the
        gazetteer scan (under 5,000 people: "Ballyjamesduff" in a Cavan story), when nothing in the text makes
        them a person (``is_regional_town``), towns named in their state (``_in_its_region``), and a person's
        home town (``is_home_town``: "John Smith, 45, of Clinton", "a Clinton man")."""
        taken = {(m.start, m.end) for m in self.mentions}
        for proposal in self.doubtful:
            if (proposal.start, proposal.end) in taken:
                continue
            if (proposal.label in PERSON_LABELS and proposal.ids and not proposal.text.isupper()
                    and (0, len(proposal.text)) not in {(s, e) for s, e, _ in self.gazetteer.matches(proposal.text)}
                    and is_regional_town(proposal, self.context, self.context.people)) or self._in_its_region(
                    proposal) or proposal.ids and is_home_town(self.context.text, proposal.start, proposal.end):
                self.mentions.append(Mention(proposal.start, proposal.end, proposal.text,
                                             self._sentence_of(proposal.start), "ner", proposal.ids))

    def _in_its_region(self, proposal: Proposal) -> bool:
        """Whether a name the model took for a person is followed, alone or ending a list of names, by "in" and a
        state or country holding one of its towns ("Nags Head and Kill Devil Hills in North Carolina")."""
        after = _IN_REGION_AFTER.match(self.context.text, proposal.end)
        if after is None or not any(self.gazetteer.feature(i).startswith("P.") for i in proposal.ids):
            return False
        region = next((m for m in self.mentions if m.start == after.end()), None)
        return region is not None and any(self.gazetteer.feature(r) in (FEATURE_COUNTRY, FEATURE_ADMIN1)
                                          and self.gazetteer.is_inside(i, r)
                                          for r in region.candidates for i in proposal.ids)

    def _keep_listed(self, run: list[tuple[int, int, Proposal | None]], separators: list[str]) -> None:
        """Keep the names of one list (see ``_list_members``)."""
        listed = [proposal for _, _, proposal in run if proposal is not None]
        places = len(run) - len(listed)
        text, g = self.context.text, self.gazetteer
        between = len(run) == 2 and (_BETWEEN.search(text, max(0, run[0][0] - 12), run[0][0]) or len(listed) == 1 and (
            _PLACE_PREPOSITION.search(text, max(0, run[0][0] - 20), run[0][0]) or _PEOPLE_OF_PLACES_AFTER.match(
                text, run[-1][1])) and any(
            g.feature(i).startswith("P.") and g.country(i) in self.context.region for i in listed[0].ids))
        if places < (1 if between else 2) or len(listed) > places:
            return
        if run[-1][2] is not None and not _CONJUNCTION.search(separators[-1]):
            listed = listed[:-1]
        for proposal in listed:
            self.mentions.append(Mention(proposal.start, proposal.end, proposal.text,
                                         self._sentence_of(proposal.start), "ner", proposal.ids))

    def _gazetteer_pass(self) -> set[tuple[int, int]]:
        """Gazetteer names in the text; returns the model spans superseded by a longer prominent name."""
        filters = self.filters["gazetteer"]
        overlap_filter = next((n for n, f in enumerate(filters) if f.name == "model_overlap"), None)
        superseded: set[tuple[int, int]] = set()
        for start, end in _longest_title_case_names(self.context.text, self.gazetteer):
            text = self.context.text[start:end]
            proposal = Proposal(start, end, text, "gazetteer", self.doc.char_span(start, end), self.gazetteer)
            passed, dropped_by = self._decide(proposal)
            if overlap_filter is not None and passed > overlap_filter:
                superseded.update(self.context.model_mentions.overlapping(start, end))
            if dropped_by is None:
                self._keep(proposal)
            elif dropped_by.name == "demonym":
                self._associate(start, end)
            elif dropped_by.name == "organisation" or dropped_by.name in ("inside_organisation", "not_place") and all(
                    f.keep(proposal, self.context) for f in self.filters["gazetteer"][passed + 1:]
                    if f.name != "organisation"):
                self._organise(proposal)  # a name that would be a pin but for the organisation's name around it
        return superseded


def _trim(full_text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading punctuation ("– Axes"), a leading article (English "the", French lower-case articles and
    elisions: "la", "d’") and a trailing possessive from a character span."""
    while start < end and not full_text[start].isalnum():
        start += 1
    if full_text[start:end].lower().startswith("the "):
        start += 4
    article = _FRENCH_ARTICLE.match(full_text, start, end)
    if article and article.end() < end:
        start = article.end()
    match = POSSESSIVE.search(full_text[start:end])
    if match and match.start() > 0:
        end = start + match.start()
    while end > start and not full_text[end - 1].isalnum() and full_text[end - 1] != ".":
        end -= 1
    return start, end


def _is_title_case(text: str) -> bool:
    """Whether every word is capitalised (particles aside); a gazetteer name may end in a lower-case site
    designator ("Modibo Keita airport"), as the whole phrase is then a known name."""
    words = [w for w in WORD_SPLIT.split(text) if w]
    if len(words) > 1 and words[-1] in _LOWER_DESIGNATORS:
        words = words[:-1]
    return bool(words) and text[:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in NON_CAPITALISED_NAME_WORDS or not w[:1].isalpha()
        or w == "s" for w in words)  # "s" of a possessive inside a name: "Cox's Bazar", "Martha's Vineyard"


def _longest_title_case_names(full_text: str, gazetteer: Gazetteer) -> Iterator[tuple[int, int]]:
    """(start, end) of gazetteer names in title case, the leftmost longest where they overlap."""
    last_end = -1
    for start, end, _ in sorted(gazetteer.matches(full_text), key=lambda m: (m[0], -(m[1] - m[0]))):
        if _is_title_case(full_text[start:end]) and start >= last_end:
            last_end = end
            yield start, end


def _as_little_quarter(mention: Mention, full_text: str, gazetteer: Gazetteer) -> Mention:
    """A place's name after "Little" names a city's quarter ("Little Italy", "Little Havana"): the quarter, located
    like a street at its host or the story's main place unless the gazetteer holds it, else the mention."""
    start = mention.start - len("Little ")
    if start < 0 or full_text[start:mention.start] != "Little ":
        return mention
    ids = gazetteer.lookup(full_text[start:mention.end])
    return Mention(start, mention.end, full_text[start:mention.end], mention.sentence, mention.source, ids,
                   facility=None if ids else "quarter")


def _as_facility(mention: Mention, full_text: str, gazetteer: Gazetteer) -> Mention:
    """The mention widened to the street or site it names ("Atlantic" in "Atlantic Avenue"), else unchanged."""
    tail = _FACILITY_TAIL.match(full_text[mention.end:mention.end + 80])
    if tail is None:
        lower = _LOWER_TAIL.match(full_text[mention.end:mention.end + 40])
        ids = gazetteer.lookup(full_text[mention.start:mention.end + lower.end()]) if lower else []
        if ids:
            end = mention.end + lower.end()
            return Mention(mention.start, end, full_text[mention.start:end], mention.sentence, mention.source, ids)
        return mention
    if "\n" in tail.group(0):
        return mention
    end = mention.end + tail.end()
    if full_text[end - 1] == "." and tail.group("designator") not in ("St", "Ave", "Rd", "Blvd"):
        end -= 1
    text = full_text[mention.start:end]
    ids = gazetteer.lookup(text)
    designator = tail.group("designator")
    if not ids and designator in WATER_DESIGNATORS and any(gazetteer.feature(i).startswith("H.")
                                                           for i in mention.candidates):
        return mention  # "Yangtze River": the gazetteer holds the river under its short name
    kind = ("street" if designator in STREET_DESIGNATORS else "municipality" if designator in MUNICIPALITY_DESIGNATORS
            else "water" if designator in WATER_DESIGNATORS else "memorial" if designator in MEMORIAL_DESIGNATORS
            else "site")
    return Mention(mention.start, end, text, mention.sentence, mention.source, ids, facility=None if ids else kind,
                   inner="" if ids else mention.text, embedded=[] if ids else mention.candidates)
