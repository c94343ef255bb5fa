"""The project's vocabulary in one place: severity levels, speaker types, certainties and frames.

Level names come from the severity cue file and frame labels from the frame codebook, so a
user who edits those files sees their names everywhere. Colours are fixed per level and per
frame id, colour-blind safe, and the same in every view.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data")
CUES_FILE = DATA / "severity_cues.yaml"
SPEAKERS_FILE = DATA / "speakers.yaml"
FRAMES_FILE = DATA / "frames.yaml"
CLASSES_FILE = DATA / "claim_classes.yaml"
LEVEL_MODEL_FILE = DATA / "claim_level_model.json"
SPEAKER_MODEL_FILE = DATA / "claim_speaker_model.json"
CLAIM_MODEL_FILE = DATA / "claim_detect_model.json"

MAX_LEVEL = 4
POINTS_PER_LEVEL = 25
SCORE_MAX = MAX_LEVEL * POINTS_PER_LEVEL
# ColorBrewer RdYlBu (5 classes, reversed): colour-blind safe; 0 = cool, 4 = hot.
LEVEL_COLOURS = {0: "#4575b4", 1: "#91bfdb", 2: "#fee090", 3: "#fc8d59", 4: "#d73027"}
UNRATED_COLOUR = "#9e9e9e"
# Light tints of the level colours behind highlighted claims: dark text stays readable on each (WCAG
# AAA), and each level's tint differs clearly from the others' and from the page (tests check both).
LEVEL_TINTS = {0: "#b9d3ee", 1: "#d9d9d9", 2: "#fff09a", 3: "#fdbf7f", 4: "#f49a9a"}
TEXT_COLOUR = "#1b1b1b"
PAGE_COLOUR = "#fbfaf6"
PLACE_COLOUR = "#0b3d91"

SPEAKER_LABELS = {
    "outlet": "Outlet's own voice",
    "government_or_military": "Government / military",
    "foreign_government": "Foreign government",
    "analyst": "Analyst / think tank",
    "armed_group": "Armed group",
    "unnamed_source": "Unnamed source",
    "reader_comment": "Reader comment",
}
SPEAKER_TYPES = tuple(SPEAKER_LABELS)

CERTAINTY_LABELS = {
    "asserted": "asserted",
    "hedged": "hedged (may, reportedly…)",
    "conditional": "conditional (if…)",
    "disputed": "attributed and disputed",
    "denied": "denied",
}
CERTAINTIES = tuple(CERTAINTY_LABELS)

STANCES = ("reassuring", "neutral", "alarming")

# Paul Tol's "muted" and "bright" qualitative schemes: colour-blind safe, one per frame id in
# codebook order (the palette repeats only past 14 frames).
FRAME_PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                 "#AA4499", "#4477AA", "#EE6677", "#228833", "#CCBB44", "#BBBBBB")


@lru_cache(maxsize=4)
def level_names(cues_file: Path = CUES_FILE) -> dict[int, str]:
    """{level: name} as the severity cue file names them (0 reassurance / denial ... 4 collapse)."""
    levels = yaml.safe_load(cues_file.read_text(encoding="utf-8"))["levels"]
    return {int(level): str(block["name"]) for level, block in sorted(levels.items())}


def level_label(level: int | None) -> str:
    """"3 escalation / strategic threat", or "unrated" when there is no level."""
    return "unrated" if level is None else f"{level} {level_names().get(level, '')}".strip()


def level_colour(level: float | None) -> str:
    """The colour of a severity level (grey when no claim rates it: None or NaN)."""
    if level is None or level != level:
        return UNRATED_COLOUR
    return LEVEL_COLOURS.get(int(level), UNRATED_COLOUR)


def frame_colours(frame_ids: list[str] | tuple[str, ...]) -> dict[str, str]:
    """A fixed colour for each frame id, by its position in the codebook."""
    return {frame: FRAME_PALETTE[i % len(FRAME_PALETTE)] for i, frame in enumerate(frame_ids)}
