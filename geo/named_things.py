"""Names that are not places though the model or the gazetteer takes them for places: names that places
lend to other things, told by the word that introduces them (a relative, "her daughters North and Chicago";
a storm, "Hurricane Harvey"; an occasion, "the Easter Vigil"; a government, "the Centre"; a country's
possessive, "Tanzania's Hassan"; a language, "speaking Kanuri"; a saint's possessive, "St Patrick's"), people's
names opened by a common first name ("Scott Pruitt"), words that are a country's abbreviation only in capitals
("Contact Us"), and names the gazetteer lacks that nothing marks as places. English and French."""
from __future__ import annotations

import csv
import re
from functools import lru_cache

import names

from geo.cue_words import REGION_CUE, SETTLEMENT_BEFORE, SITE_DESIGNATORS
from geo.gazetteer import ALIASES, FEATURE_ADMIN1, FEATURE_ADMIN2, FEATURE_COUNTRY
from geo.proposals import Context, Proposal

# The names of a list before the name: "North and " of "daughters North and Chicago".
_LIST_BEFORE = r"(?:[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)*(?:,[ \t]+|,?[ \t]+(?:and|et)[ \t]+))*"
_RELATIVES = (r"sons?|daughters?|wife|wives|husbands?|babies|baby|child|children|brothers?|sisters?|mothers?|"
              r"fathers?|grandsons?|granddaughters?|grandchildren|nieces?|nephews?|twins?|girlfriend|boyfriend|"
              r"fiancée?|widow|widower|fils|filles?|épouse|mari|frères?|sœurs?|bébé")
# A relative's word, possibly with a comma, then the list the name ends: the name is a person's.
_RELATIVE_BEFORE = re.compile(rf"\b(?i:{_RELATIVES}),?[ \t]+{_LIST_BEFORE}$")
# A storm's word, possibly followed by a few words and a colon ("hurricanes striking US soil: Harvey, Irma").
_STORM_BEFORE = re.compile(rf"\b(?i:hurricanes?|typhoons?|cyclones?|(?:tropical[ \t]+)?storms?|tempêtes?|ouragans?)"
                           rf"(?:[^.;:\n]{{0,40}}:)?[ \t]+{_LIST_BEFORE}$")
# A storm's word opening the name: "Typhoon Rai", "Cyclone Idai" (not "Storm Lake", a town the gazetteer holds).
_STORM_OPENING = re.compile(r"^(?:Super[ \t]+)?(?:Hurricane|Typhoon|Cyclone|Tropical[ \t]+Storm|Storm|Tempête|Ouragan)[ \t]+\S")
# A language's name: "speaking Kanuri", "Kanuri, a language of the Lake Chad basin", "the Bambara language".
_LANGUAGE_BEFORE = re.compile(r"\b(?i:speak|speaks|speaking|spoke|spoken|fluent|translated from|translated into|parlant|parlent)"
                              r"[ \t]+$")
_LANGUAGE_AFTER = re.compile(r"^,[ \t]+(?:a|the|une?|la)[ \t]+(?:\w+[ \t]+)?(?:language|dialect|tongue|langue)\b")
# "the Bambara language", for a name without a candidate: an "EU language" is a language of the EU.
_LANGUAGE_WORD_AFTER = re.compile(r"^[ \t]+(?:language|dialect|speakers?)\b")
# Articles and prepositions: a name of two or more of them alone is a phrase ("À la mi-journée"), not Arrah ("Ala").
_FUNCTION_WORDS = frozenset({"à", "a", "au", "aux", "la", "le", "les", "l", "de", "du", "des", "d", "en", "et", "the",
                             "of", "and", "in", "on", "at", "to", "el", "al", "y"})
# What marks a name the gazetteer lacks as a place: before it, possibly before a list it closes, a preposition of
# place, a settlement's, quarter's or waterway's word, or a verb or noun of attack or movement ("in Portroe", "near
# Qqq and Rrr", "près d’Aguelhoc", "les localités de Gogui, Sandaré", "le quartier Koulouba", "the village of
# Nagrig", "le fleuve Djoliba", "Gunmen attacked Qqq", "the attack on Qqq"); a place's last word ("Assiniboine
# Avenue", "Cavan Town Hall") or first word ("Lake Manassas"); or, after a comma, its region or a settlement's word
# ("Qqq, Mali", "Dioura, a town in central Mali"). The list differs from ``_LIST_BEFORE``: French lists repeat
# their preposition ("de Molodo, de Sandaré et de Gogui") and may hold a parenthesis ("Sandaré (1ère région)").
_PLACE_CUE_BEFORE = re.compile(
    r"\b(?i:(?:in|at|near|from|to|into|outside|across|around|towards?|between|via|à|au|aux|dans|vers|entre|depuis|"
    r"comme|de|du|des|river|lake|fleuve|rivière|lac|attacked|seized|captured|raided|stormed|shelled|bombed|besieged|"
    r"surrounded|entered|reached|fled|evacuated|visited|overran|retook|recaptured|occupied|looted|torched|"
    r"attaqué|attaquée|pris|encerclé|bombardé|frappé|visé|quitté|rejoint|atteint|repris|"
    r"(?:attacks?|assaults?|raids?|strikes?|offensive|ambush|siege|massacre|attaques?|assauts?)[ \t]+(?:on|against|contre|sur))[ \t]+|près[ \t]+d(?:e[ \t]+|['’])|(?:quartiers?|neighbou?rhoods?|suburbs?|slums?|townships?|districts?|camps?|bidonvilles?|villages?|localités?|"
    r"villes?|communes?|towns?|city|cities)[ \t]+(?:(?:of|de)[ \t]+|d['’])?)(?:(?i:the|la|le|les)[ \t]+|l['’][ \t]*)?"
    r"(?:[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)*(?:[ \t]*\([^()]{0,30}\))?(?:,[ \t]+|,?[ \t]+(?:and|or|et|ou)[ \t]+)"
    r"(?:(?:de|d['’]|à)[ \t]*)?)*(?:d['’])?$")
_PLACE_NAME_START = re.compile(r"(?:Lake|Mount|Mt\.?|Fort|Ft\.?|Port|Camp|Cape|Isle|Lac|Mont|Lago|Rio|Río)[ \t]")
# "Dioura, a town in central Mali", "Qqq, un village du cercle de Niono".
_SETTLEMENT_AFTER = re.compile(r"^,[ \t]+(?:a|an|the|un|une|le|la)[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:town|village|city|"
                               r"hamlet|locality|commune|district|suburb|neighbou?rhood|ville|localité|bourgade|quartier)\b")
# A passive verb of attack after the name: "Qqq was attacked", "Qqq a été attaquée", "Qqq ont été encerclés".
_ATTACKED_AFTER = re.compile(r"^[ \t]+(?:was|were|has[ \t]+been|had[ \t]+been|a[ \t]+été|ont[ \t]+été|avait[ \t]+été)[ \t]+"
                             r"(?:attacked|seized|captured|overrun|shelled|bombed|raided|stormed|besieged|surrounded|"
                             r"attaqué|pris|frappé|bombardé|encerclé|assiégé|occupé)")
# A quarter's word right after the name: "Mogadishu's Hodan district", "Kani township".
_DIVISION_WORD_AFTER = re.compile(r"^[ \t]+(?:district|township|neighbou?rhood|quarter|suburb|quartier|arrondissement)\b")
_REGION_AFTER = re.compile(r"^,[ \t]+([A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*)?)")
# Feasts and seasons of worship that open the name of an occasion ("Easter Vigil", "Christmas Eve Mass").
_OCCASION = re.compile(r"^(?:the[ \t]+)?(?:Easter|Christmas|Ramadan|Ramadhan|Eid|Tabaski|Maouloud|Mawlid|Passover|"
                       r"Pentecost|Lent|Advent|Diwali|Hanukkah|Thanksgiving|Good Friday|Holy Saturday|Palm Sunday|"
                       r"Pâques|Noël|Aïd|Carême)\b")
# A centre alone, after "the", is a country's central government in Indian and Pakistani English ("written
# to the Centre"), not a region named Centre, which is named with its region's word ("the Centre region").
_CENTRE = re.compile(r"^(?:Centre|Center)$")
_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.I)
# A name in the possessive right before the name: "Tanzania's " of "Tanzania's Hassan".
_POSSESSOR_BEFORE = re.compile(r"\b([A-Z][\w.\-]*(?:[ \t][A-Z][\w.\-]*){0,3})['’]s?[ \t]+$")
# First names at least this common among the people of the US census (percent): 1,555 names; rarer
# ones are too often words of places' names.
FIRST_NAME_MIN_PERCENT = 0.01
# Last words of a place's or a site's name, which no surname ends: "Glen Park", "Marion County".
_PLACE_NAME_END = re.compile(r"\b(?:County|Parish|Township|Borough|Park|Point|Island|Hill|Hills|Creek|Springs|Falls|Beach|"
                             r"Heights|City|Valley|Junction|Harbor|Harbour|Lake|Lakes|River|Bay|Village|Station|"
                             r"Street|Avenue|Road|Square|Center|Centre|Airport|Hospital|School|College|University)$")


def relative_name(p: Proposal, c: Context) -> bool:
    """Drop a name introduced as someone's relative ("daughters North and Chicago", "her baby, Chicago",
    "son Austin"): children, spouses and siblings bear places' names."""
    return not _RELATIVE_BEFORE.search(c.text, max(0, p.start - 120), p.start)


def storm_name(p: Proposal, c: Context) -> bool:
    """Drop a storm's name ("Hurricane Harvey", "Typhoon Rai", "hurricanes striking US soil: Harvey, Irma and
    Maria")."""
    return not (_STORM_BEFORE.search(c.text, max(0, p.start - 120), p.start)
                or not p.ids and _STORM_OPENING.match(p.text))


def occasion_name(p: Proposal, c: Context) -> bool:
    """Drop the name of an occasion opened by a feast ("the Easter Vigil", "Easter Sunday Mass"), unless
    the gazetteer has it as a place ("Christmas Island")."""
    return bool(p.ids) or not _OCCASION.match(p.text)


def person_of_a_country(p: Proposal, c: Context) -> bool:
    """Drop a name right after a country's possessive when none of its towns, sites or districts lies in that
    country ("Tanzania's Hassan", not Hassan in India): a person or a body of that country. A place of that
    country stays ("Mali's Gao"), and so does a country or region ("Britain's Falklands")."""
    possessor = _POSSESSOR_BEFORE.search(c.text, max(0, p.start - 60), p.start)
    if possessor is None or not p.ids:
        return True
    g = c.gazetteer
    owners = {g.country(i) for i in g.lookup(possessor.group(1)) if g.feature(i) == FEATURE_COUNTRY}
    return not owners or any(g.country(i) in owners or not g.feature(i).startswith(("P.", "S.", "A.ADM"))
                             for i in p.ids)


def central_government(p: Proposal, c: Context) -> bool:
    """Drop "the Centre" without a region's word beside it: the central government, not a region."""
    return not (_CENTRE.match(p.text) and _THE_BEFORE.search(c.text, max(0, p.start - 6), p.start)
                and not REGION_CUE.match(c.text[p.end:p.end + 12].strip()))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names (upper case) from the US census tables of the ``names`` package."""
    found = set()
    for table in (names.FILES["first:male"], names.FILES["first:female"]):
        with open(table, encoding="ascii") as rows:
            found.update(row.split()[0] for row in rows if float(row.split()[1]) >= FIRST_NAME_MIN_PERCENT)
    return frozenset(found)


def first_name_opening(p: Proposal, c: Context) -> bool:
    """Drop a two- or three-word name without candidates that a common first name opens ("Scott Pruitt",
    tagged a place), unless a place's or site's word ends it ("Warren Park")."""
    words = p.text.split()
    return bool(p.ids) or not (len(words) in (2, 3) and all(w[:1].isupper() and not w.isupper() for w in words)
                               and words[0].upper() in first_names() and not _PLACE_NAME_END.search(p.text))


def language_name(p: Proposal, c: Context) -> bool:
    """Drop a language's name ("militants speaking Kanuri", "Kanuri, a language of the Lake Chad basin", "the
    Bambara language" when the gazetteer has no Bambara)."""
    after = c.text[p.end:p.end + 40]
    return not (_LANGUAGE_BEFORE.search(c.text, max(0, p.start - 30), p.start) or _LANGUAGE_AFTER.match(after)
                or not p.ids and _LANGUAGE_WORD_AFTER.match(after))


# "St Patrick's", "St. Mary's", "Sainte Anne's": a saint's name in the possessive.
_SAINT_POSSESSIVE = re.compile(r"^(?:saint|sainte|st\.?|ste\.?)[ \t]+\S.*['’]s$", re.I)


def saint_possessive(p: Proposal, c: Context) -> bool:
    """Drop a saint's name in the possessive: it names a church, school, hospital or feast day ("St
    Patrick's", "St. Mary's"), not a place."""
    return not (_SAINT_POSSESSIVE.match(p.text) or _SAINT_POSSESSIVE.match(p.text + c.text[p.end:p.end + 2]))


with ALIASES.open(encoding="utf-8", newline="") as _aliases:
    # Countries' abbreviations ("US", "U.K.", "DRC"), which count only in capitals: "Contact Us" is no "US".
    _ABBREVIATIONS = frozenset(a for a in (row["alias"].replace(".", "") for row in csv.DictReader(_aliases))
                               if a.isupper() and len(a) <= 4)


def abbreviation_case(p: Proposal, c: Context) -> bool:
    """Drop a country's abbreviation written otherwise than in capitals ("Contact Us", "us")."""
    letters = p.text.replace(".", "")
    return letters.isupper() or letters.upper() not in _ABBREVIATIONS


def function_words_only(p: Proposal, c: Context) -> bool:
    """Drop a name of two or more words that are all articles or prepositions ("À la mi-journée", "A la fin")."""
    words = [w for w in re.split(r"[\s'’\-]+", p.text.lower()) if w]
    return len(words) < 2 or not all(w in _FUNCTION_WORDS for w in words)


def is_called_a_settlement(text: str, start: int, end: int) -> bool:
    """Whether the text calls the name at ``start:end`` a town or village ("the village of Nagrig", "Dioura, a
    town in central Mali"), whatever the model tagged it."""
    return bool(SETTLEMENT_BEFORE.search(text, max(0, start - 30), start) or _SETTLEMENT_AFTER.match(text[end:end + 60]))


# A building's or venue's word closing a name ("the Barclays Center", "Cloverhill District Court").
_SITE_NAME_END = re.compile(r"[ \t](?:" + "|".join(SITE_DESIGNATORS + ("Court", "Racecourse", "Clinic")) + r")$")
# Its town right after it: "the Barclays Center in Brooklyn", "Cloverhill District Court, Dublin".
_HOST_NAMED_AFTER = re.compile(r"(?:,[ \t]+|[ \t]+(?:in|at|near|outside|à|de|dans)[ \t]+)(?:the[ \t]+)?[A-Z]")


def is_named_site(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` closes with a building's or venue's word and the text marks it as a
    place ("at the Barclays Center", "appeared at Cloverhill District Court", "attacked the Gabriel Touré
    Hospital"), whatever the model tagged it: a site, located at its host."""
    return bool(_SITE_NAME_END.search(text[start:end]) and _PLACE_CUE_BEFORE.search(text[max(0, start - 120):start])
                and _HOST_NAMED_AFTER.match(text, end))


def unknown_without_place_cue(p: Proposal, c: Context) -> bool:
    """Drop a name without candidates that nothing in the text marks as a place (see ``_PLACE_CUE_BEFORE``): a
    team, an outlet, a person or a work the model tagged ("perennial power UConn", "renowned street artist
    Banksy"), which would otherwise be pinned at the story's main place."""
    if p.ids or (p.start, p.end) in c.datelines or _PLACE_NAME_END.search(p.text) or _PLACE_NAME_START.match(p.text):
        return True
    g, after = c.gazetteer, c.text[p.end:p.end + 40]
    region = _REGION_AFTER.match(after)
    return bool(_PLACE_CUE_BEFORE.search(c.text[max(0, p.start - 120):p.start])
                or is_called_a_settlement(c.text, p.start, p.end) or _ATTACKED_AFTER.match(after)
                or _DIVISION_WORD_AFTER.match(after)
                or region and any(g.feature(i) in (FEATURE_COUNTRY, FEATURE_ADMIN1, FEATURE_ADMIN2)
                                  for i in g.lookup(region.group(1))))
