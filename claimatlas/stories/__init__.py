"""Stories and lineage over a corpus: which documents report one event, and which copied which.

:mod:`~claimatlas.stories.features` reads what a document shares with others (words, names, numbers,
days, places, sentences, quotes); :mod:`~claimatlas.stories.cluster` groups documents into stories
with a pair model fitted on labelled real coverage; :mod:`~claimatlas.stories.lineage` decides how two
documents of a story relate; :mod:`~claimatlas.stories.find` puts it together for a corpus. This module
stays light (no spaCy, no scikit-learn) so a server can check its snapshot without loading them.
"""
from pathlib import Path

PAIR_MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "story_pair_model.json"
