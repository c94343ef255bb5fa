"""The corpus manifest (sources.yaml): outlet, URL, date and kind of each file, validated."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from claimatlas.ingest.readers import IngestError, decode_bytes
from claimatlas.model import FileError

MANIFEST_NAME = "sources.yaml"


MANIFEST_FIELDS = ("outlet", "url", "published", "kind", "language", "title", "via", "event_date", "note")


class _ManifestLoader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as text, so a bad date is reported instead of raising."""


_ManifestLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_manifest(path: Path) -> tuple[dict[str, dict[str, Any]], list[FileError]]:
    """Read sources.yaml into {file name: metadata}; problems become error entries."""
    errors: list[dict[str, str]] = []
    if not path.exists():
        return {}, errors
    try:
        payload = yaml.load(decode_bytes(path.read_bytes()), Loader=_ManifestLoader)  # noqa: S506 (safe loader)
    except (yaml.YAMLError, IngestError, ValueError) as exc:
        return {}, [FileError(str(path), f"malformed manifest, ignored: {str(exc).splitlines()[0]}")]
    if payload is None:
        return {}, errors
    documents = payload.get("documents") if isinstance(payload, dict) else None
    if not isinstance(documents, dict):
        return {}, [FileError(str(path), "malformed manifest, ignored: expected a 'documents:' mapping of file name to metadata")]
    entries = {}
    for name, meta in documents.items():
        if Path(str(name)).name != str(name) or str(name) in (".", ".."):
            errors.append(FileError(str(path), f"entry '{name}' is not a plain file name, ignored"))
            continue
        if not isinstance(meta, dict):
            errors.append(FileError(str(path), f"entry '{name}' is not a mapping, ignored"))
            continue
        unknown = sorted(set(meta) - set(MANIFEST_FIELDS))
        if unknown:
            errors.append(FileError(str(path), f"entry '{name}': unknown keys {unknown} ignored"))
        entry = {k: meta[k] for k in MANIFEST_FIELDS if k in meta}
        for key in ("published", "event_date"):
            if key in entry:
                entry[key], problem = _iso_date(entry[key])
                if problem:
                    errors.append(FileError(str(path), f"entry '{name}': {key} {problem}; set to null"))
        entries[str(name)] = entry
    return entries, errors


def _iso_date(value: Any) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    try:
        return dt.date.fromisoformat(str(value)).isoformat(), None
    except ValueError:
        return None, f"'{value}' is not a YYYY-MM-DD date"


def default_manifest(paths: list[Path]) -> Path | None:
    """sources.yaml beside the first directory given, or in its parent (data/sources.yaml)."""
    for path in paths:
        base = path if path.is_dir() else path.parent
        for candidate in (base / MANIFEST_NAME, base.parent / MANIFEST_NAME):
            if candidate.exists():
                return candidate
    return None


def corpus_description(path: Path) -> str:
    """The one-line description of the corpus (``corpus: {description: ...}`` in the manifest), or ""."""
    try:
        payload = yaml.load(decode_bytes(path.read_bytes()), Loader=_ManifestLoader)  # noqa: S506 (safe loader)
    except (OSError, yaml.YAMLError, IngestError):
        return ""
    corpus = payload.get("corpus") if isinstance(payload, dict) else None
    description = corpus.get("description") if isinstance(corpus, dict) else None
    return description if isinstance(description, str) else ""
