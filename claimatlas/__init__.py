"""Claim Atlas: where, how severe and how framed a crisis is in its news coverage."""
