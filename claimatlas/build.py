"""The one build path: files and uploads -> keys -> ingestion -> analysis -> the store.

The CLI, the dashboard (the corpus folder and the articles a user adds) and the Dask engine all
come through here. Each file gets a key (its bytes, its manifest entry, the pipeline version and the
cue files), so building again only analyses what changed; the analysis itself is an *analyser*
(``documents, progress -> records``): the local pipeline or the Dask engine.
"""
from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimatlas.framing import codebook_path
from claimatlas.ingest.corpus import collect_files, documents_from_bytes, load_corpus
from claimatlas.ingest.duplicates import link_near_duplicates
from claimatlas.ingest.manifest import default_manifest, load_manifest
from claimatlas.ingest.readers import IngestError
from claimatlas.model import PIPELINE_VERSION, Document, DocumentRecord, FileError
from claimatlas.pipeline import Progress, Resources, analyse_documents
from claimatlas.settings import Settings
from claimatlas.store import Store
from claimatlas.vocab import CUES_FILE, SPEAKERS_FILE

DEFAULT_BATCH_DOCUMENTS = 500

Analyser = Callable[[list[Document], Progress | None], list[DocumentRecord]]


@dataclass(frozen=True)
class Upload:
    """An article a user added in the dashboard: its name, bytes and what they said about it."""

    name: str
    data: bytes
    outlet: str = ""
    published: str = ""


@dataclass
class BuildResult:
    """What a build did: files seen, files analysed again, and the problems found."""

    files: int
    changed: int
    errors: list[FileError]


def open_store(path: Path | str) -> Store:
    """The store at ``path`` (or ``":memory:"``) for this pipeline version."""
    return Store(str(path), PIPELINE_VERSION)


def local_analyser(resources: Resources) -> Analyser:
    """The analyser that runs the pipeline in this process with ``resources``."""
    def analyse(documents: list[Document], progress: Progress | None) -> list[DocumentRecord]:
        return analyse_documents(documents, resources, progress=progress)
    return analyse


def cue_files_digest(frames: str = "") -> bytes:
    """Hash of the frame codebook in use and the claims cue files: an edit to one re-analyses every file."""
    digest = hashlib.sha256()
    for source in (codebook_path(frames or None), CUES_FILE, SPEAKERS_FILE):
        try:
            digest.update(Path(source).read_bytes())
        except OSError as exc:
            digest.update(f"unreadable: {exc}".encode())
        digest.update(b"\0")
    return digest.digest()


def file_key(path: Path, entry: dict[str, Any] | None, cues: bytes) -> str:
    """Hash of a file's bytes, manifest entry, pipeline version and cue files: what decides re-analysis."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode("utf-8") + b"\0" + cues)
    digest.update(json.dumps(entry or {}, sort_keys=True, default=str).encode("utf-8") + b"\0")
    try:
        digest.update(path.read_bytes())
    except OSError as exc:
        digest.update(f"unreadable: {exc}".encode())
    return digest.hexdigest()


def file_batches(documents: list[Document], size: int | None) -> Iterator[list[Document]]:
    """Consecutive batches of about ``size`` documents that never split one file's documents."""
    batch: list[Document] = []
    for document in documents:
        if size and len(batch) >= size and batch[-1].path != document.path:
            yield batch
            batch = []
        batch.append(document)
    if batch:
        yield batch


def _ticking(progress: Progress | None, total: int) -> tuple[Progress, Callable[[], None]]:
    """A per-document step for the analyser that advances one progress bar over all batches."""
    ticks = iter(progress(itertools.repeat(None, total))) if progress else None

    def step(iterable: Iterable) -> Iterator:
        for item in iterable:
            if ticks is not None:
                next(ticks, None)
            yield item

    def finish() -> None:
        for _ in ticks or ():
            pass
    return step, finish


def build_files(store: Store, paths: Iterable[Path | str], analyser: Analyser, manifest: Path | None = None,
                progress: Progress | None = None, batch_documents: int | None = DEFAULT_BATCH_DOCUMENTS,
                settings: Settings | None = None) -> BuildResult:
    """Analyse only new or changed files under ``paths`` into the store.

    Documents are analysed and stored in batches of whole files (about ``batch_documents``, None for
    one batch), so memory stays bounded and an interrupted run keeps what it finished. Files deleted
    from an analysed folder are removed from the store.
    """
    settings = settings or Settings()
    paths = [Path(p) for p in paths]
    manifest = manifest or default_manifest(paths)
    entries, manifest_errors = load_manifest(manifest) if manifest else ({}, [])
    files = collect_files(paths)
    cues = cue_files_digest(settings.frames)
    keys = {str(f): file_key(f, entries.get(f.name), cues) for f in files}
    known = store.known_files()
    changed = [f for f in files if known.get(str(f)) != keys[str(f)]]
    errors = list(manifest_errors)
    stored: set[str] = set()
    if changed:
        corpus = load_corpus(changed, manifest=manifest, max_file_bytes=settings.max_file_bytes)
        errors += [e for e in corpus.errors if e not in manifest_errors]
        step, finish = _ticking(progress, len(corpus.documents))
        for batch in file_batches(corpus.documents, batch_documents):
            batch_paths = sorted({d.path for d in batch})
            store.ingest(analyser(batch, step), replace_paths=batch_paths,
                         files=[(p, keys[p]) for p in batch_paths if p in keys])
            stored.update(batch_paths)
        finish()
    rest = [str(f) for f in changed if str(f) not in stored]
    store.ingest([], errors, replace_paths=rest + ([str(manifest)] if manifest else []),
                 files=[(p, keys[p]) for p in rest])
    _forget_missing(store, paths, {str(f) for f in files})
    return BuildResult(files=len(files), changed=len(changed), errors=errors)


def _forget_missing(store: Store, paths: list[Path], present: set[str]) -> None:
    """Remove what the store holds for files that are gone from the folders built."""
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        store.forget([p for p in store.stored_paths()
                      if p not in present and any(str(Path(p).parent) == f for f in folders)])


def build_uploads(store: Store, uploads: Iterable[Upload], analyser: Analyser,
                  corpus: Iterable[Document] = ()) -> list[FileError]:
    """Analyse articles a user added into ``store`` (a session copy); return the ones that could not be read.

    Near-duplicates are linked against ``corpus`` (the documents already in the corpus) as for files.
    """
    documents, errors = [], []
    for upload in uploads:
        entry = {k: v for k, v in (("outlet", upload.outlet), ("published", upload.published)) if v}
        try:
            documents.extend(documents_from_bytes(upload.data, upload.name, entry))
        except IngestError as exc:
            errors.append(FileError(upload.name, str(exc)))
    link_near_duplicates([*corpus, *documents])
    for document in documents:
        document.warnings = list(dict.fromkeys(document.warnings))
    store.ingest(analyser(documents, None) if documents else [], errors)
    return errors
