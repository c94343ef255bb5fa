"""Command line: ``python -m claimatlas analyze [PATH ...] --json``, ``evaluate claims|frames|stories|places``,
``train claims|stories``, ``generate``, ``snapshot``."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from functools import partial
from pathlib import Path

from tqdm import tqdm

from claimatlas import generate
from claimatlas.build import Analyser, Upload, build_files, build_uploads, local_analyser, open_store
from claimatlas.evaluate import claims as evaluate_claims
from claimatlas.evaluate import frames as evaluate_frames
from claimatlas.evaluate import places as evaluate_places
from claimatlas.evaluate import stories as evaluate_stories
from claimatlas.framing.codebook import load_codebook
from claimatlas.model import FileError, Report, to_json
from claimatlas.settings import Settings, load_settings

DEFAULT_PATH = Path("data/articles")


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(prog="python -m claimatlas",
                                     description="Claim Atlas: places, claims and framing in news coverage of a crisis.")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser("analyze", help="analyse article files and print the results")
    analyze.add_argument("paths", nargs="*", default=[str(DEFAULT_PATH)],
                         help="files or folders of .txt, .md, .html, .json articles, or http(s) addresses of "
                              "article pages (default: data/articles)")
    analyze.add_argument("--json", action="store_true", help="print the full JSON document on stdout")
    analyze.add_argument("--out", type=Path, help="write the JSON document to this file")
    analyze.add_argument("--manifest", type=Path, help="sources.yaml to use (default: found beside the folder)")
    analyze.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="run the per-document analysis here (local) or on a Dask cluster (dask)")
    analyze.add_argument("--scheduler", metavar="ADDRESS",
                         help="Dask scheduler address (default: start a LocalCluster on this machine)")
    analyze.add_argument("--parquet", type=Path, metavar="DIR", help="with --engine dask: keep the Parquet parts here")
    analyze.add_argument("--store", type=Path, nargs="?", const=Path(settings.store_path), metavar="DB",
                         help="keep results in a DuckDB store and analyse only new or changed files "
                              f"(default file: {settings.store_path})")
    evaluate = commands.add_parser("evaluate", help="score an analysis stage against labelled data")
    stages = evaluate.add_subparsers(dest="stage", required=True)
    evaluate_claims.add_arguments(stages.add_parser("claims", help="claim levels, speakers and certainty"))
    evaluate_frames.add_arguments(stages.add_parser("frames", help="generic frames on the Narrative Frames Corpus"))
    evaluate_stories.add_arguments(stages.add_parser("stories", help="story grouping and rewrite links on real coverage"))
    evaluate_places.add_arguments(stages.add_parser("places", help="places found in labelled real articles"))
    generate.add_arguments(commands.add_parser("generate", help="write a realistic synthetic corpus for benchmarks"))
    snapshot = commands.add_parser("snapshot", help="write the prebuilt analysis the dashboard loads on a cold start")
    snapshot.add_argument("folder", nargs="?", type=Path, default=DEFAULT_PATH, help="the corpus folder (default data/articles)")
    snapshot.add_argument("--out", type=Path, help="the snapshot file (default: snapshot.json.gz beside the folder)")
    training = commands.add_parser("train", help="fit a learned layer on the hand labels and write its weights")
    training.add_argument("stage", choices=("claims", "stories"))
    training.add_argument("--language", default="en", help="labels of this language (default en)")
    return parser


def write_atomic(path: Path, text: str) -> None:
    """Write text to path through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summary_lines(report: Report) -> list[str]:
    """A short human-readable summary of a report."""
    lines = [f"{len(report.documents)} documents, {len(report.outlets)} outlets, "
             f"{len(report.contradictions)} contradictions, {len(report.errors)} errors"]
    for doc in report.documents:
        lines.append(f"  {doc.id:<28} {str(doc.outlet):<36} {str(doc.published):<10} "
                     f"places={len(doc.places)} claims={len(doc.claims)} severity={doc.severity.level}")
    for error in report.errors:
        lines.append(f"  error: {error.path}: {error.error}")
    return lines


def analyser_for(args: argparse.Namespace, settings: Settings) -> Analyser:
    """The analyser of the chosen engine."""
    if args.engine == "dask":
        from claimatlas.distributed import dask_analyser

        return dask_analyser(scheduler=args.scheduler, out_dir=args.parquet)
    from claimatlas.pipeline import default_resources

    return local_analyser(default_resources(settings))


def run_analyze(args: argparse.Namespace, settings: Settings) -> int:
    """Build the files into a store (a file with --store, else in memory) and print the report."""
    from claimatlas.report.contract import build_report

    store = open_store(args.store or ":memory:")
    progress = partial(tqdm, file=sys.stderr, unit="doc", desc="analysing", disable=None)
    addresses = [p for p in args.paths if p.startswith(("http://", "https://"))]
    paths = [Path(p) for p in args.paths if p not in addresses]
    analyser = analyser_for(args, settings)
    if paths:
        build_files(store, paths, analyser, manifest=args.manifest, progress=progress,
                    batch_documents=None if args.engine == "dask" else 500, settings=settings)
    if addresses:
        uploads, errors = fetch_addresses(addresses, settings)
        build_uploads(store, uploads, analyser, errors=errors)
    report = build_report(store, load_codebook(settings.frames or None), settings.contradiction_window_days)
    if not report.documents:
        for error in report.errors:
            print(f"error: {error.path}: {error.error}", file=sys.stderr)
        print("error: no document could be analysed in " + ", ".join(args.paths), file=sys.stderr)
        return 2
    text = json.dumps(to_json(report), ensure_ascii=False, indent=2, sort_keys=False)
    if args.out:
        write_atomic(args.out, text + "\n")
    if args.json:
        print(text)
    elif not args.out:
        print("\n".join(summary_lines(report)))
    return 0


def fetch_addresses(addresses: list[str], settings: Settings) -> tuple[list[Upload], list[FileError]]:
    """Fetch article pages by URL; a page that is refused or unreachable becomes an error naming it."""
    from claimatlas.ingest.fetch import FetchError, fetch_page

    uploads, errors = [], []
    for address in addresses:
        try:
            page = fetch_page(address, settings.fetch_timeout_s, settings.max_file_bytes, bool(settings.allow_private_urls))
            uploads.append(Upload(page.name, page.data, url=page.url))
        except FetchError as exc:
            errors.append(FileError(address, str(exc)))
    return uploads, errors


def run_snapshot(args: argparse.Namespace, settings: Settings) -> int:
    """Analyse the folder and write its records with their keys for cold starts."""
    from claimatlas.build import snapshot_path, write_snapshot

    store = open_store(":memory:")
    build_files(store, [args.folder], analyser_for(argparse.Namespace(engine="local"), settings), settings=settings)
    out = args.out or snapshot_path(args.folder)
    print(f"wrote {write_snapshot(store, args.folder, out)} files' analysis to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m claimatlas``."""
    settings = load_settings()
    args = build_parser(settings).parse_args(argv)
    if args.command == "analyze":
        return run_analyze(args, settings)
    if args.command == "evaluate" and args.stage == "frames":
        args.codebook = args.codebook or settings.frames or None
        return evaluate_frames.run(args)
    if args.command == "snapshot":
        return run_snapshot(args, settings)
    if args.command in ("evaluate", "train"):
        from claimatlas.pipeline import default_resources

        resources = default_resources(settings)
        if args.command == "evaluate" and args.stage == "stories":
            return evaluate_stories.run(args, resources)
        if args.command == "evaluate" and args.stage == "places":
            return evaluate_places.run(args, resources)
        if args.command == "evaluate":
            return evaluate_claims.run(args, resources)
        if args.stage == "stories":
            print(f"wrote {evaluate_stories.train(resources)}")
            return 0
        for path in evaluate_claims.train(resources, args.language):
            print(f"wrote {path}")
        return 0
    return generate.run(args)
