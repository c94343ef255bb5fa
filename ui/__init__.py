"""Streamlit-side helpers for the dashboard pages (the analysis lives in claimatlas)."""
