"""Evaluation of the analysis stages against labelled data (places live in geo/evaluate.py)."""
