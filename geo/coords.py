"""Coordinates: the one place that fixes order (lat, lon), CRS (EPSG:4326) and validation."""
from __future__ import annotations

import math
from typing import NamedTuple

CRS = "EPSG:4326"
EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible great-circle error


class LatLon(NamedTuple):
    """A WGS84 point, latitude first."""

    lat: float
    lon: float


def validate(lat: float, lon: float) -> LatLon:
    """Return a LatLon, raising ValueError for non-finite or out-of-range values."""
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"non-finite coordinates ({lat}, {lon})")
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"latitude {lat} outside [-90, 90] (is the order lat, lon?)")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude {lon} outside [-180, 180]")
    return LatLon(lat, lon)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest_km(points: list[tuple[float, float]], others: list[tuple[float, float]]) -> list[float]:
    """For each (lat, lon) of ``points``, the great-circle distance in km to the nearest of ``others``
    (a k-d tree over points on the unit sphere, whose chord distances order them as great circles do)."""
    import numpy as np
    from scipy.spatial import cKDTree

    def unit_vectors(pairs: list[tuple[float, float]]) -> np.ndarray:
        lat, lon = np.radians(np.array(pairs, dtype=float).reshape(-1, 2)).T
        return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])

    chord, _ = cKDTree(unit_vectors(others)).query(unit_vectors(points))
    return (2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.atleast_1d(chord) / 2, 1.0))).tolist()
