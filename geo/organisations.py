"""Organisations' names: where a place name lies inside one ("Ohio" of "Ohio Department of Development") and
a state's own bodies ("Kentucky State Police")."""
from __future__ import annotations

import re

from geo.gazetteer import FEATURE_ADMIN1, normalise
from geo.proposals import Context, Proposal

# Head words of an organisation's name: a place followed by them names the organisation ("African Union",
# "Africa Corps", "U.S. Africa Command", "Ohio Department of Development", "Kentucky State Police") or a
# company ("Delta Airlines", "Acme Motors", "Kenya Airways", "Lincoln Electric"), a university ("Texas Tech", "Texas
# A&M") or a newspaper ("The Miami Herald"),
# not a place of the story. The word after the place is capitalised: "Israel and the Palestinian Authority" names
# two parties. "Center"/"Centre" only with "for"/"on" ("Africa Center for Strategic Studies"); alone it is a site,
# located at its place.
ORGANISATION_HEADS = ("Union", "Corps", "Command", "Department", "Ministry", "Police", "Council", "Agency",
                      "Commission", "Committee", "Institute", "Inc", "Ltd", "Corp", "Corporation", "Company",
                      "Motors", "Airlines", "Airways", "Party", "Forces", "Guard", "Authority", "Association",
                      "Federation", "League", "Patrol", "Foundation", "Society", "Organisation", "Organization",
                      "Centre for", "Center for", "Centre on", "Center on", "Bureau", "Trust", "Group", "Journal",
                      "Times", "Post", "Herald", "Tribune", "Gazette", "Chronicle", "Courier", "Dispatch", "Examiner",
                      "Inquirer", "Telegraph", "Observer", "Star", "Mirror", "Sentinel", "Register", "Standard",
                      "Guardian", "Tech", "A&M")
# Words of a company's trade, a head only after the place ("Lincoln Electric", "Aberdeen Asset Management"); before it
# they name a body of that place ("Marine Energy Wales").
COMPANY_HEADS = ("Power", "Energy", "Electric", "Steel", "Railroad", "Railway", "Holdings", "Industries", "Management",
                 "Capital", "Securities", "Investments", "Insurance", "Partners")
_ORGANISATION_TAIL = re.compile(r"^(?:[ \t]+[A-Z][\w'’.&\-]*(?:[ \t]+(?:[A-Z][\w'’.&\-]*|of|for|and|on|the)){0,3}?)?"
                                r"[ \t]+(?:"
                                + "|".join(h.replace(" ", r"[ \t]+") for h in ORGANISATION_HEADS + COMPANY_HEADS) + r")\b")
# French bodies' head words, which open their names: "le Groupement Mobile de Sécurité", "la Brigade de Kayes".
FRENCH_ORGANISATION_HEADS = ("Groupement", "Brigade", "Direction", "Ministère", "Commissariat", "Gendarmerie",
                             "Escadron", "Bataillon", "Régiment", "Agence", "Conseil", "Comité", "Société", "Compagnie",
                             "Autorité")
_ORGANISATION_HEAD_WORD = re.compile(r"\b(?:" + "|".join(h.replace(" ", r"\s+") for h in ORGANISATION_HEADS
                                                         + FRENCH_ORGANISATION_HEADS) + r")\b")
_TRAILER = re.compile(r"(?:['’]s?)?[^\w.]*$")  # a possessive and punctuation ending an entity's text
_ORGANISATION_NAME = re.compile(r"^(?:[ \t]+(?:[A-Z][\w'’\-]*|of|and|the))*[ \t]+[A-Z][\w'’\-]*")
_ORGANISATION_OF = re.compile(r"^(?:[ \t]+(?:of|for|on|and)(?:[ \t]+[A-Z][\w'’\-]*)+)+")

# The bodies of a state or province named after it: "Kentucky State Police", "Ohio Department of Development".
_STATE_BODY = re.compile(r" (?:State (?:Police|Patrol|Senate|House|Legislature|Assembly|Department|University)"
                         r"|Department of|Highway Patrol|General Assembly|Legislature|Supreme Court|Attorney General"
                         r"|National Guard|Bureau of)\b")


def is_state_owning_a_body(p: Proposal, c: Context) -> bool:
    """Whether the name is a state or province's own name followed by one of its bodies ("Kentucky State
    Police", "Ohio Department of Development"): a common word there names the state."""
    g = c.gazetteer
    return bool(_STATE_BODY.match(c.text, p.end)) and any(
        g.feature(i) == FEATURE_ADMIN1 and normalise(g.name(i)) == normalise(p.text) for i in p.ids)


def organisation_span(p: Proposal, c: Context) -> tuple[int, int] | None:
    """The span of the organisation whose name the proposal lies inside, or None: a state's university ("Ohio
    State"); a model ORG entity strictly containing it whose words include an organisation head ("the Africa
    Corps"); else the name followed by a head, maybe after a capitalised word and up to three more words
    ("Kentucky State Police", "Delta Airlines", "Aberdeen Asset Management"), with a following "of/for X" ("Ohio
    Department of Development")."""
    school = _state_school(p, c)
    if school is not None:
        return school
    for s, e in c.org_entities:
        if s <= p.start and p.end <= e and (s, e) != (p.start, p.end) and _ORGANISATION_HEAD_WORD.search(
                c.text[s:p.start] + " " + c.text[p.end:e]):
            end = s + len(_TRAILER.sub("", c.text[s:e]))
            return s, max(end, p.end)
    tail = _ORGANISATION_TAIL.match(c.text[p.end:p.end + 80])
    if tail is None or "\n" in tail.group(0):
        return None
    end = p.end + tail.end()
    more = (_ORGANISATION_NAME if tail.group(0).endswith(("for", "on")) else _ORGANISATION_OF).match(
        c.text[end:end + 80])
    if more and "\n" not in more.group(0):
        end += more.end()
    return p.start, end


# "Ohio State", "Mississippi State": a university and its teams, unless a state body follows ("Ohio State
# Police") or the state is also so called ("New York State", "Washington State").
_STATE_WORD = " State"
_STATES_SO_CALLED = frozenset({"new york", "washington"})


def is_state_school(name: str) -> bool:
    """Whether an organisation's name is a US state's university named "<State> State"."""
    return name.endswith(_STATE_WORD)


def _state_school(p: Proposal, c: Context) -> tuple[int, int] | None:
    """The span of "<State> State" when the proposal is that state's name and no state body follows."""
    name = p.text[:-len(_STATE_WORD)] if p.text.endswith(_STATE_WORD) else p.text
    end = p.start + len(name)
    if (c.text[end:end + len(_STATE_WORD)] != _STATE_WORD or _STATE_BODY.match(c.text, end)
            or normalise(name) in _STATES_SO_CALLED):
        return None
    g = c.gazetteer
    if not any(g.feature(i) == FEATURE_ADMIN1 and g.country(i) == "US" and normalise(g.name(i)) == normalise(name)
               for i in g.lookup(name)):
        return None
    return p.start, end + len(_STATE_WORD)
