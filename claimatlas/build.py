"""The one build path: files and uploads -> keys -> ingestion -> analysis -> the store.

The CLI, the dashboard (the corpus folder and the articles a user adds) and the Dask engine all
come through here. After every build the stored documents are grouped into stories again
(:mod:`claimatlas.stories`) when they changed. Ingestion, the pipeline and the story stage are imported
where they are used, so a server whose corpus and stories come from the snapshot starts without loading
spaCy. Each file gets a key (its bytes, its manifest entry, the pipeline version and the
cue files), so building again only analyses what changed; the analysis itself is an *analyser*
(``documents, progress -> records``): the local pipeline or the Dask engine.
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geo
from claimatlas.framing.codebook import codebook_path
from claimatlas.ingest.cleaning import BOILERPLATE_FILE
from claimatlas.ingest.files import collect_files
from claimatlas.ingest.manifest import default_manifest, load_manifest
from claimatlas.languages import language_files
from claimatlas.model import (
    PIPELINE_VERSION,
    Document,
    DocumentRecord,
    FileError,
    LineageLink,
    Progress,
    Story,
    from_json,
    to_json,
)
from claimatlas.settings import Settings
from claimatlas.store import Filters, Store

if TYPE_CHECKING:
    from claimatlas.pipeline import Resources

DEFAULT_BATCH_DOCUMENTS = 500

# The gazetteer's curated data files: editing one changes where places are put.
GEO_DATA_FILES = tuple(sorted((Path(geo.__file__).parent).glob("*.csv"))) + tuple(
    sorted(Path(geo.__file__).parent.glob("*.txt")))

Analyser = Callable[[list[Document], Progress | None], list[DocumentRecord]]


class AnalysisError(RuntimeError):
    """An analysis that was refused or stopped; the message says why, in words a user can act on."""


@dataclass(frozen=True)
class Upload:
    """An article a user added in the dashboard: its name, bytes and what they said about it."""

    name: str
    data: bytes
    outlet: str = ""
    published: str = ""
    url: str = ""  # where the page was fetched from, for an article added by URL


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
    from claimatlas.pipeline import analyse_documents

    def analyse(documents: list[Document], progress: Progress | None) -> list[DocumentRecord]:
        return analyse_documents(documents, resources, progress=progress)
    return analyse


def cue_files_digest(frames: str = "") -> bytes:
    """Hash of the frame codebook in use, every language's cue books and learned weights, the learned layers'
    word classes, the page-furniture patterns and the gazetteer's curated data: an edit to one re-analyses
    every file."""
    digest = hashlib.sha256()
    for source in (codebook_path(frames or None), *language_files(), BOILERPLATE_FILE, *GEO_DATA_FILES):
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
                settings: Settings | None = None, snapshot: Snapshot | None = None) -> BuildResult:
    """Analyse only new or changed files under ``paths`` into the store.

    A changed file whose key the ``snapshot`` holds is loaded from it instead of analysed (so the
    bundled corpus needs no model on a fresh server). Documents are analysed and stored in batches of
    whole files (about ``batch_documents``, None for one batch), so memory stays bounded and an
    interrupted run keeps what it finished. Files deleted from an analysed folder are removed.
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
    if snapshot:
        changed = _load_from_snapshot(store, changed, keys, snapshot)
    errors = list(manifest_errors)
    stored: set[str] = set()
    if changed:
        from claimatlas.ingest.corpus import load_corpus

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
    refresh_stories(store, snapshot)
    return BuildResult(files=len(files), changed=len(changed), errors=errors)


@dataclass
class Snapshot:
    """A prebuilt analysis of a corpus folder: each file's key and records, and the folder's stories."""

    files: dict[str, tuple[str, list[DocumentRecord]]]
    stories: list[Story]
    lineage: dict[str, list[LineageLink]]
    counted: set[str]


def _load_from_snapshot(store: Store, changed: list[Path], keys: dict[str, str], snapshot: Snapshot) -> list[Path]:
    """Store the snapshot's records of the changed files it holds with the same key (in one transaction);
    return the rest."""
    rest, records, loaded = [], [], []
    for path in changed:
        key, file_records = snapshot.files.get(path.name, ("", []))
        if key != keys[str(path)]:
            rest.append(path)
            continue
        records += [dataclasses.replace(r, path=str(path)) for r in file_records]
        loaded.append((str(path), key))
    if loaded:
        store.ingest(records, replace_paths=[p for p, _ in loaded], files=loaded)
    return rest


def write_snapshot(store: Store, folder: Path, out: Path) -> int:
    """Write the store's records of ``folder``'s files with their keys, and its stories, to ``out`` (gzipped JSON)."""
    keys = store.known_files()
    records, _ = store.records()
    entries: dict[str, dict[str, Any]] = {}
    for record in records:
        path = Path(record.path)
        if path.parent == Path(folder) and str(path) in keys:
            entry = entries.setdefault(path.name, {"key": keys[str(path)], "records": []})
            entry["records"].append(to_json(dataclasses.replace(record, path=path.name)))
    _, lineage = store.story_links()
    counted = store.documents(Filters(once_per_story=True))["id"].tolist()
    payload = json.dumps({"pipeline_version": PIPELINE_VERSION, "story_model": story_model_digest(), "files": entries,
                          "stories": to_json(store.story_records()), "lineage": to_json(lineage), "counted": counted},
                         ensure_ascii=False, sort_keys=True)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as handle:
        handle.write(payload.encode("utf-8"))  # mtime=0: the same analysis gives the same bytes
    return len(entries)


def snapshot_path(folder: Path) -> Path:
    """Where the snapshot of a corpus folder lives: ``snapshot.json.gz`` beside the folder."""
    return folder.parent / "snapshot.json.gz"


def load_snapshot(path: Path) -> Snapshot | None:
    """The snapshot at ``path``, None when absent, unreadable or of another pipeline."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
    except (OSError, ValueError):
        return None
    if payload.get("pipeline_version") != PIPELINE_VERSION:
        return None
    stories_current = payload.get("story_model") == story_model_digest()
    return Snapshot(
        files={name: (entry["key"], from_json(list[DocumentRecord], entry["records"]))
               for name, entry in payload["files"].items()},
        stories=from_json(list[Story], payload["stories"]) if stories_current else [],
        lineage=from_json(dict[str, list[LineageLink]], payload["lineage"]) if stories_current else {},
        counted=set(payload["counted"]) if stories_current else set())


def story_model_digest() -> str:
    """SHA-256 of the shipped story pair model: snapshot stories made with another model are grouped again."""
    from claimatlas.stories import PAIR_MODEL_FILE

    try:
        return hashlib.sha256(PIPELINE_VERSION.encode() + PAIR_MODEL_FILE.read_bytes()).hexdigest()
    except OSError:
        return ""


def refresh_stories(store: Store, snapshot: Snapshot | None = None) -> None:
    """Group the stored documents into stories again (and decide their lineage) when the stored stories
    are stale; the snapshot's stories are taken as they are when they cover exactly the stored documents."""
    if not store.stories_stale():
        return
    stored = set(store.documents()["id"])
    if snapshot and snapshot.stories and stored == {d for story in snapshot.stories for d in story.documents}:
        store.replace_stories(snapshot.stories, snapshot.lineage, snapshot.counted)
        return
    from claimatlas.stories.find import stories_of_records

    result = stories_of_records(store.records()[0])
    store.replace_stories(result.stories, result.lineage, result.counted)


def _forget_missing(store: Store, paths: list[Path], present: set[str]) -> None:
    """Remove what the store holds for files that are gone from the folders built."""
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        store.forget([p for p in store.stored_paths()
                      if p not in present and any(str(Path(p).parent) == f for f in folders)])


def build_uploads(store: Store, uploads: Iterable[Upload], analyser: Analyser,
                  corpus: Iterable[Document] = (), errors: Iterable[FileError] = ()) -> list[FileError]:
    """Analyse articles a user added into ``store`` (a session copy); return the ones that could not be read.

    Near-duplicates are linked against ``corpus`` (the documents already in the corpus) as for files;
    ``errors`` (articles that could not even be fetched) are stored with the rest.
    """
    from claimatlas.ingest.corpus import documents_from_bytes
    from claimatlas.ingest.duplicates import link_near_duplicates
    from claimatlas.ingest.readers import IngestError

    documents, errors = [], list(errors)
    for upload in uploads:
        entry = {k: v for k, v in (("outlet", upload.outlet), ("published", upload.published), ("url", upload.url)) if v}
        try:
            documents.extend(documents_from_bytes(upload.data, upload.name, entry))
        except IngestError as exc:
            errors.append(FileError(upload.name, str(exc)))
    link_near_duplicates([*corpus, *documents])
    for document in documents:
        document.warnings = list(dict.fromkeys(document.warnings))
    try:
        records = analyser(documents, None) if documents else []
    except AnalysisError as exc:
        records, errors = [], errors + [FileError(d.path, str(exc)) for d in documents]
    store.ingest(records, errors)
    refresh_stories(store)
    return errors
