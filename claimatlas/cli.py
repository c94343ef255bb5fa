"""Command line: ``python -m claimatlas analyze [PATH ...] --json``."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from functools import partial
from pathlib import Path

from tqdm import tqdm

from claimatlas import framing_eval
from claimatlas.corpus import load_corpus
from claimatlas.pipeline import analyse_documents, assemble_report, build_report, default_resources
from claimatlas.store import DEFAULT_STORE_PATH

DEFAULT_PATH = Path("data/articles")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m claimatlas", description="Claim Atlas: places, claims and framing in news coverage of a crisis.")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser("analyze", help="analyse article files and print the results")
    analyze.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_PATH],
                         help="files or folders of .txt, .md, .html, .json articles (default: data/articles)")
    analyze.add_argument("--json", action="store_true", help="print the full JSON document on stdout")
    analyze.add_argument("--out", type=Path, help="write the JSON document to this file")
    analyze.add_argument("--manifest", type=Path, help="sources.yaml to use (default: found beside the folder)")
    analyze.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="run the per-document analysis here (local) or on a Dask cluster (dask)")
    analyze.add_argument("--scheduler", metavar="ADDRESS",
                         help="Dask scheduler address (default: start a LocalCluster on this machine)")
    analyze.add_argument("--parquet", type=Path, metavar="DIR", help="with --engine dask: keep the Parquet parts here")
    analyze.add_argument("--store", type=Path, nargs="?", const=DEFAULT_STORE_PATH, metavar="DB",
                         help=f"keep results in a DuckDB store and analyse only new or changed files "
                              f"(default file: {DEFAULT_STORE_PATH})")
    evaluate_frames = commands.add_parser("evaluate-frames", help="score the generic-frame detector on the Narrative Frames Corpus")
    framing_eval.add_arguments(evaluate_frames)
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


def summary_lines(report: dict) -> list[str]:
    """A short human-readable summary of a report."""
    lines = [f"{len(report['documents'])} documents, {len(report['outlets'])} outlets, {len(report['errors'])} errors"]
    for doc in report["documents"]:
        sev = doc["severity"]["level"]
        lines.append(f"  {doc['id']:<28} {str(doc['outlet']):<36} {str(doc['published']):<10} "
                     f"places={len(doc['places'])} claims={len(doc['claims'])} severity={sev}")
    for error in report["errors"]:
        lines.append(f"  error: {error['path']}: {error['error']}")
    return lines


def analyser_for(args: argparse.Namespace):
    """``analyser(documents, progress) -> records`` for the chosen engine."""
    if args.engine == "dask":
        from claimatlas.distributed import dask_analyser

        return dask_analyser(scheduler=args.scheduler, out_dir=args.parquet)

    def analyse_locally(documents, progress):
        return analyse_documents(documents, default_resources(), progress=progress)
    return analyse_locally


def run_analyze(args: argparse.Namespace) -> int:
    progress_bar = partial(tqdm, file=sys.stderr, unit="file", disable=None)
    if args.store:
        from claimatlas.store import Store

        report = Store(args.store).analyse(args.paths, manifest=args.manifest, analyser=analyser_for(args),
                                           progress=partial(progress_bar, desc="analysing", unit="doc"),
                                           batch_documents=None if args.engine == "dask" else 500)
        corpus = None
    else:
        corpus = load_corpus(args.paths, manifest=args.manifest, progress=partial(progress_bar, desc="reading"))
    documents, errors = (report["documents"], report["errors"]) if corpus is None else (corpus.documents, corpus.errors)
    if not documents:
        for error in errors:
            print(f"error: {error['path']}: {error['error']}", file=sys.stderr)
        print("error: no document could be analysed in " + ", ".join(map(str, args.paths)), file=sys.stderr)
        return 2
    if corpus is not None:
        progress = partial(progress_bar, desc="analysing", unit="doc", total=len(corpus.documents))
        if args.engine == "local":
            report = build_report(corpus, default_resources(), progress=progress)
        else:
            report = assemble_report(analyser_for(args)(corpus.documents, progress), corpus.errors)
    text = json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False)
    if args.out:
        write_atomic(args.out, text + "\n")
    if args.json:
        print(text)
    elif not args.out:
        print("\n".join(summary_lines(report)))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "analyze":
        return run_analyze(args)
    if args.command == "evaluate-frames":
        return framing_eval.run(args)
    return 2
