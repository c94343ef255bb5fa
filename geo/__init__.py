"""Geoparsing for Claim Atlas: offline gazetteer, toponym recognition, resolution with context, evaluation."""
from geo.coords import CRS, LatLon, haversine_km, validate
from geo.gazetteer import Gazetteer
from geo.resolve import find_places

__all__ = ["CRS", "Gazetteer", "LatLon", "find_places", "haversine_km", "validate"]
