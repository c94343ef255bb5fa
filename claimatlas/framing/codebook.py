"""The frame codebook: frames, their cues and labels, read from a YAML file a user can edit."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from claimatlas.vocab import FRAMES_FILE

DEFAULT_CODEBOOK = FRAMES_FILE




class CodebookError(ValueError):
    """A codebook file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Cue:
    """A cue as written in the codebook and as the token sequence it matches."""

    text: str
    tokens: tuple[str, ...]


@dataclass
class Frame:
    """One frame of the codebook."""

    name: str
    label: str
    kind: str
    definition: str
    examples: list[str]
    cues: list[Cue]
    exclude: list[Cue] = field(default_factory=list)
    negatable: bool = False
    when_negated: str | None = None
    benchmark: str | None = None
    document_min_cues: int = 1
    document_min_rate: float = 0.0


@dataclass
class Codebook:
    """Frames plus the hedge, denial and armed-group label cues, with a match index."""

    frames: dict[str, Frame]
    hedges: list[Cue]
    denial_verbs: list[Cue]
    labels: dict[str, list[Cue]]
    min_cues: int = 1
    path: str | None = None
    language: str = "en"
    containment_verbs: list[Cue] = field(default_factory=list)
    incapacity_words: list[Cue] = field(default_factory=list)

    @cached_property
    def index(self) -> dict[str, list[tuple[str, str, Cue]]]:
        """First cue token -> (category, name, cue) for every cue of every category."""
        entries: list[tuple[str, str, Cue]] = []
        for frame in self.frames.values():
            entries += [("frame", frame.name, cue) for cue in frame.cues]
            entries += [("exclude", frame.name, cue) for cue in frame.exclude]
        entries += [("hedge", "hedge", cue) for cue in self.hedges]
        entries += [("denial", "denial", cue) for cue in self.denial_verbs]
        for label, cues in self.labels.items():
            entries += [("label", label, cue) for cue in cues]
        index: dict[str, list[tuple[str, str, Cue]]] = defaultdict(list)
        for entry in entries:
            index[entry[2].tokens[0]].append(entry)
        return dict(index)

    @cached_property
    def denial_lemmas(self) -> frozenset[str]:
        """Single-word denial verbs, compared with the lemmas of governing tokens."""
        return _single_words(self.denial_verbs)

    @cached_property
    def containment_lemmas(self) -> frozenset[str]:
        """Single-word containment verbs, compared with the lemmas of governing tokens."""
        return _single_words(self.containment_verbs)

    @cached_property
    def incapacity_lemmas(self) -> frozenset[str]:
        """Single words of incapacity ("lack", "unable"), compared with the lemmas of governing tokens."""
        return _single_words(self.incapacity_words)


def _single_words(cues: list[Cue]) -> frozenset[str]:
    return frozenset(cue.tokens[0] for cue in cues if len(cue.tokens) == 1)


@lru_cache(maxsize=4)
def _tokenizer(language: str = "en"):
    import spacy  # loaded only when a codebook is read for analysis, not when the store is read

    return spacy.blank(language).tokenizer


def _cue(text: Any, where: str, language: str = "en") -> Cue:
    if not isinstance(text, str | int | float) or not str(text).strip():
        raise CodebookError(f"{where}: empty or non-text cue {text!r}")
    tokens = tuple(t.lower_ for t in _tokenizer(language)(str(text).strip().lower()) if not t.is_space)
    return Cue(text=str(text).strip(), tokens=tokens)


def _cues(values: Any, where: str, language: str = "en") -> list[Cue]:
    if values is None:
        return []
    if not isinstance(values, list):
        raise CodebookError(f"{where}: expected a list of cues, got {type(values).__name__}")
    return [_cue(v, where, language) for v in values]


def codebook_path(path: str | Path | None = None) -> Path:
    """The codebook file in use: the given path (the ``frames`` setting), else the bundled one."""
    return Path(path or DEFAULT_CODEBOOK)


def _shown_path(source: Path) -> str:
    """The codebook's path as records show it: relative to the project for the bundled codebook (so a
    record does not depend on where the project is checked out), else as given."""
    project = DEFAULT_CODEBOOK.parents[2]
    resolved = source.resolve()
    return str(resolved.relative_to(project)) if resolved.is_relative_to(project) else str(source)


def _read(source: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CodebookError(f"{source}: cannot read the codebook: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("frames"), dict) or not data["frames"]:
        raise CodebookError(f"{source}: expected a mapping with a non-empty 'frames' mapping")
    return data


def _with_base(source: Path, data: dict[str, Any]) -> dict[str, Any]:
    """A codebook in another language names its ``base`` codebook: each frame keeps the base's label,
    definition, examples and thresholds, with this file's cues; every base frame must be given."""
    base_path = (source.parent / data["base"]).resolve()
    base = _read(base_path)
    missing = sorted(set(base["frames"]) - set(data["frames"]))
    unknown = sorted(set(data["frames"]) - set(base["frames"]))
    if missing or unknown:
        raise CodebookError(f"{source}: frames must be those of {base_path.name}; missing {missing}, unknown {unknown}")
    frames = {name: {**spec, "cues": (data["frames"][name] or {}).get("cues"),
                     "exclude": (data["frames"][name] or {}).get("exclude")} for name, spec in base["frames"].items()}
    return {"settings": data.get("settings") or {}, "frames": frames}


def load_codebook(path: str | Path | None = None, language: str = "en") -> Codebook:
    """Read and check a frame codebook (default: the bundled file). A codebook with a ``base`` takes its
    frames' descriptions from that codebook (one codebook per language, the same frame ids)."""
    source = codebook_path(path)
    data = _read(source)
    if data.get("base"):
        data = _with_base(source, data)
    settings = data.get("settings") or {}
    frames: dict[str, Frame] = {}
    for name, spec in data["frames"].items():
        where = f"{source}: frame {name!r}"
        if not isinstance(spec, dict):
            raise CodebookError(f"{where}: expected a mapping")
        document = spec.get("document") or {}
        frames[name] = Frame(
            name=name,
            label=str(spec.get("label") or name),
            kind=str(spec.get("kind") or "issue"),
            definition=str(spec.get("definition") or ""),
            examples=[str(e) for e in spec.get("examples") or []],
            cues=_cues(spec.get("cues"), where, language),
            exclude=_cues(spec.get("exclude"), where, language),
            negatable=bool(spec.get("negatable", False)),
            when_negated=spec.get("when_negated"),
            benchmark=spec.get("benchmark"),
            document_min_cues=int(document.get("min_cues", 1)),
            document_min_rate=float(document.get("min_rate", 0.0)),
        )
        if not frames[name].cues:
            raise CodebookError(f"{where}: no cues")
    for frame in frames.values():
        if frame.when_negated and frame.when_negated not in frames:
            raise CodebookError(f"{source}: frame {frame.name!r}: when_negated names unknown frame {frame.when_negated!r}")
    labels = settings.get("labels") or {}
    if not isinstance(labels, dict):
        raise CodebookError(f"{source}: settings.labels must be a mapping of label -> cues")
    return Codebook(
        frames=frames,
        hedges=_cues(settings.get("hedges"), f"{source}: settings.hedges", language),
        denial_verbs=_cues(settings.get("denial_verbs"), f"{source}: settings.denial_verbs", language),
        labels={str(k): _cues(v, f"{source}: label {k!r}", language) for k, v in labels.items()},
        min_cues=int(settings.get("min_cues", 1)),
        containment_verbs=_cues(settings.get("containment_verbs"), f"{source}: settings.containment_verbs", language),
        incapacity_words=_cues(settings.get("incapacity_words"), f"{source}: settings.incapacity_words", language),
        path=_shown_path(source),
        language=language,
    )
