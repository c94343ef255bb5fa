"""Articles a user adds: validation, safe file names, and saving into the corpus folder.

Saving is atomic (write to a temporary file, then link it into place), never overwrites an
existing file (a numbered name is chosen instead), and appends a manifest entry under an
exclusive lock so two sessions adding articles at once lose nothing.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimatlas.ingest.manifest import MANIFEST_NAME
from claimatlas.ingest.readers import SUPPORTED_SUFFIXES

MAX_NAME_CHARS = 80


class UploadError(ValueError):
    """An upload that cannot be accepted; the message says why."""


@dataclass(frozen=True)
class SavedArticle:
    """Where an added article was written and the manifest entry recorded for it."""

    path: Path
    entry: dict[str, str]


def sanitize_filename(name: str, default_suffix: str = ".txt") -> str:
    """A safe file name: no folders, no traversal, ASCII letters/digits/-/_ only, a supported suffix."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = f".{suffix.lower()}" if suffix else ""
    if suffix not in SUPPORTED_SUFFIXES:
        stem, suffix = f"{stem}_{suffix.lstrip('.')}" if suffix else stem, default_suffix
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_-.")[:MAX_NAME_CHARS] or "article"
    return stem + suffix


def check_upload(name: str, size: int, limit: int) -> None:
    """Raise UploadError when the file type or size (above ``limit`` bytes) is not accepted."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadError(f"{name}: unsupported file type '{suffix or '(none)'}' (use {', '.join(SUPPORTED_SUFFIXES)})")
    if size == 0:
        raise UploadError(f"{name}: the file is empty")
    if size > limit:
        raise UploadError(f"{name}: {size / 1e6:.1f} MB is above the {limit / 1e6:.1f} MB upload limit")


def _free_link(tmp: Path, folder: Path, name: str) -> Path:
    """Hard-link ``tmp`` under ``name`` in ``folder``, or name-2, name-3... if taken; never overwrites."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for attempt in range(1, 10_000):
        target = folder / (name if attempt == 1 else f"{stem}-{attempt}{suffix}")
        try:
            os.link(tmp, target)
            return target
        except FileExistsError:
            continue
    raise UploadError(f"{name}: no free file name left in {folder}")


def manifest_entry(outlet: str | None, published: dt.date | str | None, title: str | None = None,
                   url: str | None = None) -> dict[str, str]:
    """The manifest fields recorded for an added article (only the ones the user gave, and the address
    a page was fetched from)."""
    entry = {"kind": "article"}
    if outlet and outlet.strip():
        entry["outlet"] = outlet.strip()
    if published:
        entry["published"] = published.isoformat() if isinstance(published, dt.date) else str(published)
    if title and title.strip():
        entry["title"] = title.strip()
    if url:
        entry["url"] = url
    return entry


def _append_manifest(manifest: Path, file_name: str, entry: dict[str, str]) -> None:
    """Append one entry to sources.yaml (created if missing) atomically, under an exclusive lock."""
    lock_path = manifest.with_name(manifest.name + ".lock")
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            current = manifest.read_text(encoding="utf-8") if manifest.exists() else "documents:\n"
            if not re.search(r"^documents:", current, flags=re.M):
                current = current.rstrip("\n") + "\ndocuments:\n"
            block = yaml.safe_dump({file_name: entry}, allow_unicode=True, sort_keys=False, default_flow_style=False)
            indented = "".join(f"  {line}\n" for line in block.splitlines())
            updated = current.rstrip("\n") + "\n" + indented
            yaml.safe_load(updated)
            fd, tmp = tempfile.mkstemp(dir=manifest.parent, prefix=".manifest-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(updated)
            os.replace(tmp, manifest)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def save_article(folder: Path, name: str, data: bytes, limit: int, entry: dict[str, str] | None = None,
                 manifest: Path | None = None) -> SavedArticle:
    """Save an article's bytes (at most ``limit``) into ``folder`` under a sanitized, unused name; record it
    in the manifest.

    The manifest defaults to ``sources.yaml`` in the folder's parent (data/sources.yaml for data/articles).
    """
    check_upload(name, len(data), limit)
    folder.mkdir(parents=True, exist_ok=True)
    safe_name = sanitize_filename(name)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        target = _free_link(tmp, folder, safe_name)
    finally:
        tmp.unlink(missing_ok=True)
    entry = dict(entry or {"kind": "article"})
    _append_manifest(manifest or folder.parent / MANIFEST_NAME, target.name, entry)
    return SavedArticle(path=target, entry=entry)
