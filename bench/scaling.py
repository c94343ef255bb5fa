"""Scaling of the full analysis on adversarial document shapes: the growth exponent of each.

    python bench/scaling.py [--n 500] [--shapes comma_list,many_quotes] [--json]

Each shape (claimatlas/scaling.py: one long comma list of names, the same before "counties", one
sentence of many tokens, many one-word lines, many quotes, many person names, deeply nested brackets) is
analysed at n, 2n, 4n and 8n, with a copy of it so that the story stage (grouping and lineage) has a pair to compare; the
exponent k of time ~ size^k is printed (1 is linear). Target: every k below 1.3.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimatlas.pipeline import default_resources  # noqa: E402
from claimatlas.scaling import SHAPES, analysis_seconds, growth_exponent  # noqa: E402

TARGET = 1.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="the smallest size (default 500)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shape names")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    resources = default_resources()
    analysis_seconds("A warm-up sentence about Gao.", resources)
    results = {}
    for name in args.shapes.split(","):
        sizes = [args.n * factor for factor in (1, 2, 4, 8)]
        seconds = [analysis_seconds(SHAPES[name](size), resources) for size in sizes]
        exponent = growth_exponent(sizes, seconds)
        results[name] = {"sizes": sizes, "seconds": [round(s, 3) for s in seconds], "exponent": round(exponent, 2),
                         "target_met": exponent < TARGET}
        if not args.json:
            print(f"{name:<16} {' '.join(f'{s:7.2f}s' for s in seconds)}   exponent {exponent:.2f}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0 if all(r["target_met"] for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
