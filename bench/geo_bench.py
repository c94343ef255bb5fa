"""Geoparsing throughput: documents/s and toponyms/s of recognition + resolution, gazetteer load time.

``python bench/geo_bench.py [--corpus gwn|geovirus PATH] [--limit N]`` prints one JSON object.
Defaults to the bundled corpus. spaCy parsing is timed separately from geoparsing.
``--corpus generated --limit 10000`` times one document naming 10,000 distinct gazetteer towns.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOAD_PROBE = "import time; t = time.perf_counter(); from geo import Gazetteer; Gazetteer.load(); " \
             "print(time.perf_counter() - t)"


def cached_load_seconds() -> float:
    """Gazetteer import + load time in a fresh interpreter (the cache must exist)."""
    out = subprocess.run([sys.executable, "-c", LOAD_PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def generated_text(gazetteer, count: int) -> str:
    """One text naming ``count`` distinct towns of 20,000+ people, three per sentence."""
    names: dict[str, None] = {}
    for i in range(len(gazetteer)):
        if gazetteer.feature(i) == "P.PPL" and gazetteer.population(i) >= 20_000 and gazetteer.name(i).isascii():
            names.setdefault(gazetteer.name(i))
            if len(names) == count:
                break
    towns = list(names)
    return " ".join(f"Officials visited {a}, {b} and {c}." for a, b, c in zip(towns[0::3], towns[1::3], towns[2::3]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("bundled", "generated", "gwn", "geovirus", "lgl", "trnews"), default="bundled")
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()

    from geo import Gazetteer, find_places
    from geo.evaluate import load_model

    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    first_load = time.perf_counter() - started
    if args.corpus == "bundled":
        from claimatlas.ingest.corpus import load_corpus

        texts = [d.text for d in load_corpus([ROOT / "data" / "articles"]).documents]
    elif args.corpus == "generated":
        texts = [generated_text(gazetteer, args.limit)]
    else:
        from geo.evaluate import read_corpus

        texts = [d.text for d in read_corpus(args.corpus, args.path)[0][: args.limit]]
    nlp = load_model()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    toponyms = 0
    for doc in docs:
        result = find_places(doc, gazetteer)
        toponyms += sum(p["mentions"] for p in result["places"]) + sum(u["mentions"] for u in result["unresolved"])
    geo_seconds = time.perf_counter() - started
    print(json.dumps({
        "corpus": args.corpus, "documents": len(docs), "characters": sum(map(len, texts)), "toponyms": toponyms,
        "gazetteer_entries": len(gazetteer),
        "gazetteer_load_seconds_this_process": round(first_load, 3),
        "gazetteer_load_seconds_cached_fresh_process": round(cached_load_seconds(), 3),
        "spacy_parse_seconds": round(parse_seconds, 2),
        "geoparse_seconds": round(geo_seconds, 3),
        "geoparse_docs_per_second": round(len(docs) / geo_seconds, 1),
        "geoparse_toponyms_per_second": round(toponyms / geo_seconds, 1),
        "end_to_end_docs_per_second": round(len(docs) / (geo_seconds + parse_seconds), 2),
    }, indent=2))


if __name__ == "__main__":
    main()
