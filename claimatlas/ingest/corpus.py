"""Files to Documents: read, clean, split and describe each file; one bad file never stops the rest."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from claimatlas.ingest.cleaning import drop_repeats, split_aggregator, split_comments, strip_furniture
from claimatlas.ingest.duplicates import link_near_duplicates
from claimatlas.ingest.files import collect_files
from claimatlas.ingest.manifest import default_manifest, load_manifest
from claimatlas.ingest.metadata import document_metadata
from claimatlas.ingest.readers import MIN_TEXT_CHARS, SUPPORTED_SUFFIXES, IngestError, read_records
from claimatlas.languages import LANGUAGES
from claimatlas.model import Corpus, Document, FileError
from claimatlas.settings import Settings


def _documents_from_record(doc_id: str, path: Path, record: dict[str, Any], entry: dict[str, Any]) -> list[Document]:
    raw_lines = record["text"].splitlines()
    body_lines, comments = split_comments(raw_lines)
    comments = list(record.get("comments") or []) + comments
    lines = strip_furniture(body_lines)
    if sum(len(line) for line in lines) < MIN_TEXT_CHARS:
        raise IngestError("no article text left after removing page furniture")
    text = "\n\n".join(drop_repeats(lines))
    meta, inferred = document_metadata(entry, record, lines, text, raw_lines=body_lines)
    warnings = []
    if meta["language"] not in LANGUAGES:
        warnings.append(f"language looks like '{meta['language']}': stored and listed, not analysed "
                        f"(analysed languages: {', '.join(sorted(LANGUAGES))})")
    split = split_aggregator(lines)
    if split is None:
        return [Document(id=doc_id, path=str(path), text=text, comments=comments, inferred=inferred,
                         warnings=warnings, **{k: v for k, v in meta.items() if k != "kind"},
                         kind=meta["kind"] or "article")]
    summary, items, aggregator = split
    meta["kind"] = meta["kind"] or "aggregator"
    parent = Document(id=doc_id, path=str(path), text="\n\n".join(drop_repeats(summary)), comments=comments,
                      inferred=inferred, warnings=warnings,
                      **{k: v for k, v in meta.items() if k != "kind"}, kind="aggregator_summary")
    documents = [parent]
    for n, item in enumerate(items, start=1):
        documents.append(Document(
            id=f"{doc_id}#{n}", path=str(path), text="\n\n".join([item["title"], *item["paragraphs"]]),
            outlet=item["outlet"], title=item["title"], published=None, url=None, kind="cited_article",
            language=meta["language"], cited_by=doc_id,
            warnings=[f"cited by {aggregator} on {path.name}; only the blurb is available"],
        ))
    return documents


def documents_from_bytes(data: bytes, name: str, entry: dict[str, Any] | None = None) -> list[Document]:
    """Documents of one file's bytes (a file on disk or an upload), read by the suffix of ``name``.

    Raises IngestError naming the problem (unsupported type, empty, binary, no text left).
    """
    path = Path(name)
    records = read_records(data, path.suffix)
    documents = []
    for index, record in enumerate(records):
        doc_id = path.stem if len(records) == 1 else f"{path.stem}[{index}]"
        documents.extend(_documents_from_record(doc_id, path, record, entry or {}))
    return documents


def read_document(path: Path, entry: dict[str, Any] | None = None,
                  max_file_bytes: int = Settings.max_file_bytes) -> list[Document]:
    """Read one file into one or more Documents; raise IngestError naming the problem."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(f"unsupported file type '{path.suffix}' (use {', '.join(SUPPORTED_SUFFIXES)})")
    size = path.stat().st_size
    if size > max_file_bytes:
        raise IngestError(f"the file is {size / 1e6:.1f} MB, above the {max_file_bytes / 1e6:.1f} MB limit "
                          "(split it into articles or raise CLAIMATLAS_MAX_FILE_BYTES)")
    return documents_from_bytes(path.read_bytes(), str(path), entry)


def load_corpus(paths: Iterable[Path | str], manifest: Path | None = None, progress=None,
                max_file_bytes: int = Settings.max_file_bytes) -> Corpus:
    """Load every file under ``paths`` into a Corpus; one bad file never stops the rest.

    ``progress`` is an optional callable wrapping the file iterable (e.g. tqdm).
    """
    paths = [Path(p) for p in paths]
    manifest = manifest or default_manifest(paths)
    entries, errors = load_manifest(manifest) if manifest else ({}, [])
    files = collect_files(paths)
    documents: list[Document] = []
    for path in (progress(files) if progress else files):
        if not path.exists():
            errors.append(FileError(str(path), "file not found"))
            continue
        try:
            documents.extend(read_document(path, entries.get(path.name), max_file_bytes))
        except IngestError as exc:
            errors.append(FileError(str(path), str(exc)))
        except OSError as exc:
            errors.append(FileError(str(path), f"cannot read the file: {exc.strerror or exc}"))
    folders = [p for p in paths if p.is_dir()]
    for name in entries if folders else ():
        if not any((folder / name).exists() for folder in folders):
            errors.append(FileError(str(manifest), f"lists '{name}', but no such file was found"))
    link_near_duplicates(documents)
    return Corpus(documents=documents, errors=errors)
