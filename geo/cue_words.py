"""Words near a place name that tell what it names, in English and French: a river ("le fleuve Niger",
"the Niger River"), an airport, a capital, a region rather than its namesake town, a settlement ("the town of"), and
the designators after a name that make it a street, a municipality, a stream or a site ("Atlantic Avenue")."""
from __future__ import annotations

import re

RIVER_WORDS = r"river|fleuve|rivière"
RIVER_CUE = re.compile(rf"\b({RIVER_WORDS})\b", re.I)
# A river word right before or after the name ("le fleuve Niger", "the Niger River"), or a French delta of it ("le
# delta intérieur du Niger"): that mention is the river, even where the same name elsewhere in the document is
# the country ("au Niger").
RIVER_BEFORE = re.compile(rf"\b(?:(?:{RIVER_WORDS})\s+(?:the\s+|du\s+|de\s+la\s+)?|delta\s+(?:(?:intérieur|central)\s+)?du\s+)$",
                          re.I)
RIVER_AFTER = re.compile(r"\s+river\b", re.I)
# A preposition that only places take right after it: "attacked soldiers in Ménaka" (the model's "person").
LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|dans|près de)[ \t]+$")
# Words right before a name that call it a settlement: "the town of Hombori", "la localité de Boni".
SETTLEMENT_BEFORE = re.compile(r"\b(?:town|village|city|commune|locality|suburb|hamlet|ville|localité|bourgade)\s+"
                               r"(?:of|de|d['’])\s*$", re.I)
AIRPORT_CUE = re.compile(r"\b(airport|airfield|flights?|runway|terminal|landed|flew|aéroport|aérodrome|vols?|piste)\b",
                         re.I)
# The bodies of a town named after it ("the Lebanon City Council", "Arlington Police Department"), so the name
# is the town rather than a country or region of that name.
TOWN_BODY_AFTER = re.compile(r" (?:City (?:Council|Hall|Commission|Manager|Schools)|Town (?:Council|Hall|Board)|"
                             r"Township|Borough Council|Police Department|Fire Department|Board of Aldermen|"
                             r"city council|town council|city hall|mayor)\b")
CAPITAL_CUE = re.compile(r"\bcapitale?\b", re.I)
# A region's word, or the offices and bodies that govern one ("the governor of New York", "New York Gov. Kathy
# Hochul", "Quebec Premier François Legault", "the Kano state legislature", "the Quebec government"), so the name is
# the region rather than its namesake city. The
# states of "the United States" and "les États-Unis" are a country's name, no cue.
REGION_CUE = re.compile(r"\b((?<!united )states?|provinces?|regions?|county|counties|districts?|governorates?|prefectures?|"
                        r"governors?|gov(?=\.)|(?-i:Premier(?! League))|gubernatorial|legislatures?|statewide|government|"
                        r"états?(?![-‑ ]unis)|régions?|cercles?|départements?|préfectures?|gouverneurs?|gouvernement)\b",
                        re.I)

# Verbs of saying and deciding whose subject is a person, a company or a government ("Lincoln said",
# "Toyota announced"; French "Toyota a annoncé").
SPEAKING_VERBS = frozenset({
    "say", "tell", "announce", "add", "warn", "claim", "deny", "insist", "state", "explain", "note", "argue",
    "believe", "think", "want", "hope", "vow", "promise", "urge", "ask", "reply", "respond", "write", "tweet",
    "declare", "confirm", "acknowledge", "admit", "decline", "refuse", "agree", "plan", "decide",
    "dire", "déclarer", "annoncer", "affirmer", "indiquer", "expliquer", "préciser", "ajouter", "estimer"})
# A place name followed by a street or site designator names a street or a site, not the place:
# "Atlantic Avenue", "Windsor Castle", "Heathrow Animal Reception Center" (up to three capitalised words
# in between). Street names say nothing about where the street is; site names usually do.
STREET_DESIGNATORS = ("Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Drive", "Parade",
                      "Square", "Terrace", "Crescent")
# A township or borough named after a place is a municipality of the story's state, not that place
# ("Washington Township" in a New Jersey story); like a street, its name says nothing about where it is.
MUNICIPALITY_DESIGNATORS = ("Township", "Borough")
# A stream or lake named after a place the gazetteer does not hold ("Turkey Creek", "Jordan River", "Delaware
# River"): like a street, it lies at its host or the story's main place, not at the place it is named after.
WATER_DESIGNATORS = ("River", "Creek", "Brook", "Bayou", "Canal", "Reservoir", "Lake", "Pond")
SITE_DESIGNATORS = ("Airport", "Stadium", "Arena", "University", "College", "Academy", "School", "Castle", "Chapel",
                    "Cathedral", "Basilica", "Church", "Mosque", "Temple", "Hospital", "Hall", "Embassy", "Mall",
                    "Center", "Centre", "Hotel", "Tower", "Palace", "Station", "Courthouse", "Prison", "Museum",
                    "Theatre", "Theater", "Bridge", "Barracks", "Base", "Camp")
# A memorial or monument is named after a person more often than a place ("the Lincoln Memorial", "the Washington
# Monument"): like a street, it lies at its host or the story's main place, not at the place of its name.
MEMORIAL_DESIGNATORS = ("Memorial", "Monument")
DESIGNATOR = "(?P<designator>" + "|".join(STREET_DESIGNATORS + MUNICIPALITY_DESIGNATORS + WATER_DESIGNATORS
                                          + SITE_DESIGNATORS + MEMORIAL_DESIGNATORS) + r")\b\.?"

# Words that qualify a place without naming another one: "Northern Mali", "Greater Accra", "Sub-Saharan Africa".
PLACE_QUALIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
    "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
    "upper", "lower", "greater", "inner", "outer", "middle", "mid", "far", "sub", "saharan", "rural", "urban",
    "mainland", "metropolitan", "metro", "downtown", "coastal", "occupied", "nord", "sud", "est", "ouest", "centre"})
