"""Names read together: the names of one story whose namesakes lie close together.

"Berea", "Richmond" and "Madison County" with no state named are the three of Kentucky, not the largest
of each, because a Kentucky town of each name lies within a few kilometres of the others. Each candidate
town, site or county of a name gets a ``namesake_support``: over the document's other names, the sum of
exp(-d / NAMESAKE_SCALE_KM), d the distance to that name's nearest candidate town, site or county.
``geo.resolve`` adds it to the candidate's score.
"""
from __future__ import annotations

import math

from geo.coords import nearest_km
from geo.gazetteer import LOCAL_FEATURE_PREFIXES, Gazetteer
from geo.referents import Referent

NAMESAKE_SCALE_KM = 30.0
# Names with more candidate towns than this are too common for a namesake to be a coincidence worth reading.
NAMESAKE_MAX_CANDIDATES = 200


def set_namesake_support(referents: list[Referent], gazetteer: Gazetteer, max_names: int) -> None:
    """Set the ``namesake_support`` of the document's ``max_names`` most-mentioned names (those with one to
    NAMESAKE_MAX_CANDIDATES candidate towns, sites or counties), each other such name counted once."""
    local: dict[str, tuple[Referent, list[int]]] = {}
    for referent in sorted(referents, key=lambda r: -len(r.mentions)):
        towns = [i for i in referent.candidates if gazetteer.feature(i).startswith(LOCAL_FEATURE_PREFIXES)]
        if 0 < len(towns) <= NAMESAKE_MAX_CANDIDATES and len(local) < max_names:
            local[referent.key] = (referent, towns)
    if len(local) < 2:
        return
    points = {key: [gazetteer.point(i) for i in towns] for key, (_, towns) in local.items()}
    for key, (referent, towns) in local.items():
        support = [0.0] * len(towns)
        for other, their_points in points.items():
            if other != key:
                for k, km in enumerate(nearest_km(points[key], their_points)):
                    support[k] += math.exp(-km / NAMESAKE_SCALE_KM)
        referent.namesake_support = dict(zip(towns, support, strict=True))
