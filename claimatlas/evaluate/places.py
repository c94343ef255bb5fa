"""Places on real articles: recall and precision of the places found, against hand labels.

``python -m claimatlas evaluate places --language fr`` analyses the labelled articles of
``../shared/corpus-real`` (read at evaluation time, never copied) with the full pipeline and compares
the places pinned on the map with the labels of ``tests/data/places_<language>.yaml`` (each file's
places as written in the text, with their country). A labelled place is found when a pinned place has
a mention with the same text (accents and case aside), or one that is a whole-word part of it ("Nioro"
for "Nioro du Sahel", as overlapping spans count in the geoparsing benchmarks), in the same country; a
labelled river needs a pinned river; a region spanning countries (the Sahel) has no country. Wire-desk datelines that are not
places of the story, and names that stand for a government ("Washington exhorte"), are left out.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import yaml

from claimatlas.evaluate.real import REAL_CORPUS, ROOT, load_sources, real_documents
from claimatlas.model import DocumentRecord, Place
from claimatlas.pipeline import Resources, analyse_documents
from geo.gazetteer import fold

LABELS = ROOT / "tests" / "data"


def labelled_languages(folder: Path = LABELS) -> list[str]:
    """The languages that have a place label file (``places_<language>.yaml``)."""
    return sorted(path.stem.removeprefix("places_") for path in folder.glob("places_*.yaml"))


def load_place_labels(language: str = "fr", folder: Path = LABELS) -> dict[str, list[dict[str, Any]]]:
    """{file: [{name, country, kind?, dateline?}]} of the hand-labelled places of one language."""
    return yaml.safe_load((folder / f"places_{language}.yaml").read_text(encoding="utf-8"))["files"]


def _forms(place: Place) -> set[str]:
    return {fold(place.name)} | {fold(span.text) for span in place.spans}


def match_places(gold: list[dict[str, Any]], record: DocumentRecord) -> dict[str, Any]:
    """Which labelled places of one document were pinned (in the right country), and which pins are not
    labelled places. A pin named by part of a labelled name counts, as overlapping spans do in the
    geoparsing benchmarks' scoring ("Nioro" for "Nioro du Sahel"); those are listed as ``partial``."""
    found, wrong_country, missed, partial = [], [], [], []
    matched_pins: set[int] = set()
    for entry in gold:
        name = fold(entry["name"])
        candidates = [(k, p) for k, p in enumerate(record.places) if name in _forms(p)]
        if not candidates:  # overlap: a pin named by part of the labelled name ("Nioro" in "Nioro du Sahel")
            candidates = [(k, p) for k, p in enumerate(record.places)
                          if any(len(f) > 2 and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", name) for f in _forms(p))]
            partial.extend([entry["name"]] if candidates else [])
        if entry.get("kind") == "river":
            candidates = [(k, p) for k, p in candidates if (p.feature or "").startswith("H")]
        right = [(k, p) for k, p in candidates
                 if entry.get("country") is None or p.country == entry["country"] or entry.get("kind") == "river"]
        if right:
            found.append(entry["name"])
            matched_pins.update(k for k, _ in right)
        elif candidates:
            wrong_country.append(f"{entry['name']} -> {candidates[0][1].name} ({candidates[0][1].country})")
            matched_pins.update(k for k, _ in candidates)
        else:
            missed.append(entry["name"])
    gold_forms = {fold(entry["name"]) for entry in gold}
    extra = [p.name for k, p in enumerate(record.places) if k not in matched_pins and not _forms(p) & gold_forms]
    return {"found": found, "wrong_country": wrong_country, "missed": missed, "extra": extra,
            "partial": partial, "pins": len(record.places)}


def evaluate(resources: Resources, language: str = "fr", corpus: Path = REAL_CORPUS) -> dict[str, Any]:
    """Place recall (in the right country) and precision of the pins over the labelled articles."""
    labels = load_place_labels(language)
    sources = load_sources(corpus)
    documents = real_documents(labels, sources, corpus)
    records = dict(zip(documents, analyse_documents(list(documents.values()), resources), strict=True))
    per_file = {file: match_places([e for e in labels[file] if not (e.get("dateline") or e.get("metonymy"))],
                                   records[file]) for file in labels}
    gold = sum(len(m["found"]) + len(m["wrong_country"]) + len(m["missed"]) for m in per_file.values())
    found = sum(len(m["found"]) for m in per_file.values())
    pins = sum(m["pins"] for m in per_file.values())
    extra = sum(len(m["extra"]) for m in per_file.values())
    return {"language": language, "files": len(labels), "gold_places": gold,
            "recall": round(found / gold, 3) if gold else None,
            "recall_any_country": round((found + sum(len(m["wrong_country"]) for m in per_file.values())) / gold, 3)
            if gold else None,
            "pin_precision": round((pins - extra) / pins, 3) if pins else None,
            "partial_matches": sum(len(m["partial"]) for m in per_file.values()),
            "per_file": per_file}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``evaluate places``."""
    parser.add_argument("--language", default="fr", choices=labelled_languages(),
                        help="labels of this language (default fr)")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")


def run(args: argparse.Namespace, resources: Resources) -> int:
    """Print the evaluation."""
    report = evaluate(resources, args.language)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    print(f"{report['files']} labelled {report['language']} articles, {report['gold_places']} places")
    print(f"recall (right country) {report['recall']:.3f}   recall (any country) {report['recall_any_country']:.3f}   "
          f"precision of the pins {report['pin_precision']:.3f}   ({report['partial_matches']} found by part of their name)")
    for file, result in report["per_file"].items():
        problems = ([f"missed {', '.join(result['missed'])}"] if result["missed"] else []) + (
            [f"wrong country {'; '.join(result['wrong_country'])}"] if result["wrong_country"] else []) + (
            [f"not labelled {', '.join(result['extra'])}"] if result["extra"] else [])
        if problems:
            print(f"  {file}: " + " | ".join(problems))
    return 0
