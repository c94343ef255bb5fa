"""The files of a corpus: folders expanded into their article files (no reading, no parsing)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from claimatlas.ingest.manifest import MANIFEST_NAME


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their article files (sorted); keep explicit files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".")))
        else:
            files.append(path)
    return files
