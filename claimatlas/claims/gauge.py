"""Claim scores and the severity gauge: a monotone power mean of the highest claim scores."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from claimatlas.model import Claim, Driver, Gauge, GaugePart
from claimatlas.vocab import MAX_LEVEL, POINTS_PER_LEVEL

# Points taken off a level's 25-point band for certainty: the score stays inside the band,
# so the score never crosses into another level.
CERTAINTY_DISCOUNT = {"asserted": 0, "hedged": 6, "conditional": 9, "disputed": 12, "denied": 0}


GAUGE_POWER = 4


GAUGE_TOP = 5


GAUGE_DRIVERS = 3


def claim_score(level: int, certainty: str) -> int:
    """0-100 score of one claim: 25 points per level, less a certainty discount inside the band."""
    return max(0, POINTS_PER_LEVEL * level - CERTAINTY_DISCOUNT[certainty])


def level_of_score(score: float) -> int:
    """The level whose band holds a score (the inverse of ``claim_score`` for asserted claims)."""
    return min(MAX_LEVEL, max(0, int((score + POINTS_PER_LEVEL / 2) // POINTS_PER_LEVEL)))


def stance_of_level(level: int) -> str:
    """Alarming from level 3, reassuring at level 0, neutral between."""
    return "reassuring" if level == 0 else "alarming" if level >= 3 else "neutral"


GAUGE_FORMULA = ("score = (mean of claim_score^4 over the 5 highest claims)^(1/4), claim_score = 25 x level - certainty "
                 "discount (hedged 6, conditional 9, disputed 12); the highest claim counts at most one level (25 points) "
                 "above the next one, so one sentence alone cannot lift the gauge by more than a level; gauge level = "
                 "score band of 25 points; band = 10th to 90th percentile of the score over 200 resamples of the claims")
BOOTSTRAP_SAMPLES = 200
BAND_PERCENTILES = (10, 90)


def gauge_score(scores: Sequence[float]) -> float:
    """The power mean of the top scores, the highest capped one level above the next (monotone in every score)."""
    top = sorted(scores, reverse=True)[:GAUGE_TOP]
    if len(top) > 1:
        top[0] = min(top[0], top[1] + POINTS_PER_LEVEL)
    return (sum(s ** GAUGE_POWER for s in top) / len(top)) ** (1 / GAUGE_POWER)


def confidence_band(scores: Sequence[float]) -> list[float] | None:
    """The 10th-90th percentile range of the gauge score over bootstrap resamples of the claims
    (deterministic: the resampling seed is fixed); None for fewer than two claims."""
    if len(scores) < 2:
        return None
    values = np.asarray(scores, dtype=float)
    picks = values[np.random.default_rng(len(values)).integers(0, len(values), (BOOTSTRAP_SAMPLES, len(values)))]
    top = -np.sort(-picks, axis=1)[:, :GAUGE_TOP]
    if top.shape[1] > 1:
        top[:, 0] = np.minimum(top[:, 0], top[:, 1] + POINTS_PER_LEVEL)
    resampled = np.mean(top ** GAUGE_POWER, axis=1) ** (1 / GAUGE_POWER)
    low, high = np.percentile(resampled, BAND_PERCENTILES)
    return [round(float(low), 1), round(float(high), 1)]


def _part(claims: list[Claim]) -> GaugePart:
    if not claims:
        return GaugePart(score=None, level=None, claims=0)
    score = gauge_score([c.score for c in claims])
    return GaugePart(score=round(score, 1), level=level_of_score(score), claims=len(claims))


def severity_gauge(claims: list[Claim], drivers: int = GAUGE_DRIVERS) -> Gauge:
    """Aggregate claims into a gauge, overall, own voice and quoted (see ``GAUGE_FORMULA``).

    Raising any claim's score never lowers it (the top five can only rise, and the cap on the highest
    rises with the next one), background sentences do not dilute a source's most severe claims, and a
    single alarming sentence cannot carry a document of background claims more than one level up.
    Reader comments are left out. ``drivers`` lists the highest-scoring claims; ``band`` says how much
    the score depends on which claims there are.
    """
    counted = [c for c in claims if c.speaker_type != "reader_comment"]
    overall = _part(counted)
    top = sorted(counted, key=lambda c: (-c.score, c.sentence_index))[:drivers]
    return Gauge(
        score=overall.score, level=overall.level, claims=overall.claims,
        band=confidence_band([c.score for c in counted]),
        own=_part([c for c in counted if c.voice == "own"]),
        quoted=_part([c for c in counted if c.voice == "quoted"]),
        drivers=[Driver(c.document, c.sentence, c.sentence_index, c.level, c.score, c.speaker, c.speaker_type,
                        c.certainty) for c in top],
        formula=GAUGE_FORMULA)
