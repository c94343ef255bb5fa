"""Hand-made typed records for tests where the analysis itself is not the point."""
from __future__ import annotations

from claimatlas.model import Claim, DocumentRecord, Framing, Gauge, GaugePart, Place, Tone, from_json


def framing(frames: dict[str, float]) -> Framing:
    return Framing(shares=frames, top=max(frames, key=frames.get) if frames else None, sentence_counts={},
                   n_sentences=0, cue_counts={}, carries=[], tone=Tone(None, 0.0, 0), hedged_sentences=0, labels={},
                   lemma_counts={}, sentences=[], codebook="frames.yaml")


def record(doc_id: str, outlet: str, published: str | None, claims: list[Claim], places: list[Place],
            frames: dict[str, float] | None = None, comment_claims: list[Claim] | None = None) -> DocumentRecord:
    level = max((c.level for c in claims), default=0)
    part = GaugePart(score=level * 25.0, level=level, claims=len(claims))
    return DocumentRecord(
        id=doc_id, path=f"corpus/{doc_id}.txt", outlet=outlet, title=doc_id.title(), published=published, url=None,
        kind="article", language="en", duplicate_of=None, cited_by=None, inferred={}, warnings=[],
        content_hash=f"hash-{doc_id}", text=" ".join(c.sentence for c in claims), comments=[], places=places,
        unresolved_places=[], place_associations=[], frames=frames or {}, framing=framing(frames or {}),
        claims=claims, comment_claims=comment_claims or [],
        severity=Gauge(score=part.score, level=level, claims=len(claims), band=None, own=part, quoted=part, drivers=[],
                       formula="test"))


def claim(sentence: str, index: int, level: int, speaker_type: str, places: list[str]) -> Claim:
    return Claim(sentence=sentence, sentence_index=index, start=0, end=len(sentence), level=level, score=level * 25,
                 speaker="someone", speaker_type=speaker_type, certainty="asserted",
                 stance="alarming" if level >= 3 else "neutral", voice="own", places=places, targets=places, cues=[])


def place(name: str, geonameid: int, lat: float, lon: float, sentence: int, confidence: float = 0.9,
          start: int = 3, alternative_country: str = "ML", mentions: int = 1) -> Place:
    return from_json(Place, {
        "name": name, "lat": lat, "lon": lon, "country": "ML", "geonameid": geonameid, "feature": "PPLC",
        "confidence": confidence, "mentions": mentions,
        "alternatives": [{"name": name, "lat": lat, "lon": lon, "country": alternative_country,
                          "geonameid": geonameid + 1, "feature": "PPL", "score": 0.5}],
        "spans": [{"sentence": sentence, "start": start, "end": start + len(name), "text": name}]})


