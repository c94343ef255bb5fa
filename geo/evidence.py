"""What a document says about its countries: the evidence behind its focus country, and the candidates abroad that
it rules out."""
from __future__ import annotations

from collections import Counter

from geo.gazetteer import FEATURE_ADMIN2, FEATURE_COUNTRY, Gazetteer, neighbours, own_name_key
from geo.mentions import Organisation
from geo.referents import Referent

# A village this small outside the story's region, in a country the document never names, is not a candidate at
# all: the name is more likely a village of the story's own country that the gazetteer lacks ("Boko" in a report on
# northern Burkina Faso is not Boko, Congo, population 1,936), located at its host like any name without a candidate.
REMOTE_VILLAGE_MAX_POPULATION = 5_000
# So is a town this small abroad that carries the name only as another name ("Thebes" in an Illinois story is
# not Thívai, Greece), though not a short form of its own name ("Clacton" of Clacton-on-Sea).
REMOTE_EXONYM_MAX_POPULATION = 100_000


def own_evidence(referent: Referent, gazetteer: Gazetteer) -> Counter:
    """What one name's mentions say of a country: one per mention of a country's name, half per mention of
    a name whose candidates all lie in one country."""
    countries = {gazetteer.country(i) for i in referent.candidates if gazetteer.feature(i) == FEATURE_COUNTRY}
    if len(countries) == 1:
        return Counter({countries.pop(): len(referent.mentions)})
    if referent.candidates and len({gazetteer.country(i) for i in referent.candidates}) == 1:
        return Counter({gazetteer.country(referent.candidates[0]): 0.5 * len(referent.mentions)})
    return Counter()


def country_evidence(referents: list[Referent], associations, organisations: list[Organisation],
                     gazetteer: Gazetteer) -> Counter:
    """Evidence per country: one for each mention of its name; half for each mention of a name whose
    candidates all lie in it, for each of its demonyms, and for each place found only in it inside an
    organisation's name ("Kentucky State Police"; a county's name counts for every country holding a county
    so named, with or without its "County")."""
    evidence: Counter = Counter()
    for referent in referents:
        evidence.update(own_evidence(referent, gazetteer))
    for association in associations:
        if len(association.target) == 2 and association.target.isupper():
            evidence[association.target] += 0.5
    for organisation in organisations:
        countries = {gazetteer.country(i) for i in organisation.candidates}
        if organisation.text.endswith(" County"):  # "Essex County Council": also Essex, England, not only the US
            countries.update(gazetteer.country(i) for i in gazetteer.lookup(organisation.text[:-7])
                             if gazetteer.feature(i) == FEATURE_ADMIN2)
        if len(countries) == 1:
            evidence[countries.pop()] += 0.5
    return evidence


def leading_country(evidence: Counter) -> str | None:
    """The country with the most evidence, or None when none leads: a tie says nothing of the focus."""
    ranked = evidence.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def drop_remote_candidates(referents: list[Referent], gazetteer: Gazetteer, evidence: Counter,
                           focus: str | None) -> None:
    """Remove the candidates that are villages (under REMOTE_VILLAGE_MAX_POPULATION), or towns under
    REMOTE_EXONYM_MAX_POPULATION known by the name only as another name, outside the focus country and its neighbours,
    in a country without evidence in the document besides the name itself."""
    if not focus:
        return
    region = {focus, *neighbours(focus)}
    for referent in referents:
        others = evidence - own_evidence(referent, gazetteer)
        key = own_name_key(referent.key)
        referent.candidates = [i for i in referent.candidates if not (
            gazetteer.feature(i).startswith("P.") and gazetteer.country(i) not in region and not others[gazetteer.country(i)]
            and (gazetteer.population(i) < REMOTE_VILLAGE_MAX_POPULATION or gazetteer.population(i) < REMOTE_EXONYM_MAX_POPULATION
                 and not own_name_key(gazetteer.name(i)).startswith(key)))]
