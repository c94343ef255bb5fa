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

from claimatlas.corpus import load_corpus
from claimatlas.pipeline import build_report, default_resources

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


def run_analyze(args: argparse.Namespace) -> int:
    progress_bar = partial(tqdm, file=sys.stderr, unit="file", disable=None)
    corpus = load_corpus(args.paths, manifest=args.manifest, progress=partial(progress_bar, desc="reading"))
    if not corpus.documents:
        for error in corpus.errors:
            print(f"error: {error['path']}: {error['error']}", file=sys.stderr)
        print("error: no document could be analysed in " + ", ".join(map(str, args.paths)), file=sys.stderr)
        return 2
    report = build_report(corpus, default_resources(),
                          progress=partial(progress_bar, desc="analysing", unit="doc", total=len(corpus.documents)))
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
    return 2
