"""What a document says about its countries: the evidence behind its focus country."""
from __future__ import annotations

from collections import Counter

from geo.gazetteer import FEATURE_ADMIN2, FEATURE_COUNTRY, Gazetteer
from geo.mentions import Organisation
from geo.referents import Referent


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
