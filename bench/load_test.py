"""Load test: concurrent dashboard sessions changing filters against a local server.

Starts ``streamlit run dashboard.py`` on a free loopback port (with --workers N, N Streamlit
processes behind nginx, as ``serve.py`` serves a shared link; or uses --url), opens N
sessions over Streamlit's own websocket protocol, and has each one change the view
filters (outlet, minimum severity, speaker types, place) step by step through the query
string, as a shared link or a sidebar change does. Each step is timed from the request
to the server's "script finished" message; an exception shown on the page, a failed
run or a time-out counts as an error. Traffic goes to 127.0.0.1 only, and the number of
steps and the total time are bounded.

    python bench/load_test.py --sessions 20 --steps 5 --json             # users reading between changes
    python bench/load_test.py --sessions 20 --steps 5 --think 0 --json    # stress: no pause at all
    python bench/load_test.py --sessions 50 --steps 5 --workers 2 --json  # as serve.py serves a link

Targets: p95 under 2 s with no pauses, under 1 s with pauses; no errors.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # serve.py: the port helper and the page-run client it warms workers with
from serve import free_port, healthy, page_run  # noqa: E402

OUTLETS = ["demstate.com", "news.disinformationcommission.com", "anewz.tv", "a47news.ai", "Al Jazeera", "France 24"]
SPEAKERS = ["outlet", "government_or_military", "analyst", "unnamed_source"]
PAGES = ["", "map", "severity", "framing", "evidence"]


def start_server(port: int, workers: int = 1) -> subprocess.Popen:
    """Start the dashboard headless on 127.0.0.1:port and wait until it answers its health check: one
    Streamlit process, or ``workers`` of them behind nginx (``serve.py``)."""
    command = ([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
               if workers == 1 else
               [sys.executable, "serve.py", "--workers", str(workers), "--address", "127.0.0.1", "--port", str(port)])
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=os.environ | {"PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if healthy(port):
            return process
        time.sleep(0.5)
    process.kill()
    raise RuntimeError("the dashboard did not start within 120 s")


def random_query(rng: random.Random) -> str:
    """A random but valid filter combination, as the sidebar writes it to the URL."""
    params: list[tuple[str, str]] = [("outlet", o) for o in rng.sample(OUTLETS, rng.randint(0, 3))]
    if rng.random() < 0.5:
        params.append(("min_level", str(rng.randint(0, 4))))
    params += [("speaker", s) for s in rng.sample(SPEAKERS, rng.randint(0, 2))]
    if rng.random() < 0.3:
        params.append(("place", "Bamako"))
    return urlencode(params)


async def run_once(socket_conn, query: str, page: str, timeout: float) -> tuple[float, str | None]:
    """Ask the server to run the app with this query string; return (seconds, error or None)."""
    started = time.perf_counter()
    error = None
    try:
        async with asyncio.timeout(timeout):
            async for forward in page_run(socket_conn, page, query):
                kind = forward.WhichOneof("type")
                if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                    element = forward.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        error = f"exception on page: {element.exception.type}: {element.exception.message[:120]}"
                elif kind == "script_finished" and forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    error = "script failed to compile"
    except TimeoutError:
        error = f"no answer within {timeout:.0f} s"
    return time.perf_counter() - started, error


async def session(url: str, steps: int, seed: int, timeout: float, think: float) -> list[tuple[float, str | None]]:
    """One user: connect, load a page, then change filters ``steps`` times, pausing up to
    ``think`` seconds (uniformly drawn) before each run, so that users arrive and act at
    random moments rather than all in the same millisecond."""
    rng = random.Random(seed)
    results = []
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=2**26, open_timeout=timeout) as conn:
            for _ in range(steps + 1):
                if think:
                    await asyncio.sleep(rng.uniform(0, think))
                results.append(await run_once(conn, random_query(rng), rng.choice(PAGES), timeout))
    except (OSError, websockets.WebSocketException) as exc:
        results.append((0.0, f"connection failed: {exc}"))
    return results


async def load(url: str, sessions: int, steps: int, timeout: float, think: float = 0.0) -> list[tuple[float, str | None]]:
    runs = await asyncio.gather(*(session(url, steps, seed, timeout, think) for seed in range(sessions)))
    return [result for run in runs for result in run]


def percentile(values: list[float], share: float) -> float:
    """The share-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] if ordered else float("nan")


def target_p95(think: float) -> float:
    """The p95 target in seconds: 2 s when users act without pausing (a stress test), 1 s when they pause."""
    return 2.0 if think == 0 else 1.0


def summarise(results: list[tuple[float, str | None]], sessions: int, steps: int, think: float, wall: float) -> dict:
    latencies = [seconds for seconds, error in results if error is None]
    errors = [error for _, error in results if error is not None]
    return {
        "sessions": sessions,
        "steps_per_session": steps + 1,
        "think_s_max": think,
        "requests": len(results),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "latency_s": {
            "p50": round(percentile(latencies, 0.50), 3),
            "p90": round(percentile(latencies, 0.90), 3),
            "p95": round(percentile(latencies, 0.95), 3),
            "max": round(max(latencies), 3) if latencies else None,
            "mean": round(statistics.fmean(latencies), 3) if latencies else None,
        },
        "wall_s": round(wall, 2),
        "target": f"no errors and p95 < {target_p95(think):.0f} s",
        "target_met": not errors and percentile(latencies, 0.95) < target_p95(think),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--steps", type=int, default=5, help="filter changes per session after the first load")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed for one page run")
    parser.add_argument("--think", type=float, default=6.0,
                        help="longest pause in seconds between two filter changes of one user (0: no pause, a stress test)")
    parser.add_argument("--url", help="websocket URL of a running app (default: start one on loopback)")
    parser.add_argument("--workers", type=int, default=1,
                        help="Streamlit processes of the started app: 1 (streamlit run), or more behind nginx (serve.py)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    server = None
    if args.url:
        url = args.url
    else:
        port = free_port()
        server = start_server(port, args.workers)
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
    try:
        # Warm the server's caches (store, imports) first: eight sessions per worker, so that nginx's
        # random spread of new sessions reaches every worker (each misses all eight with odds of 1 in 256).
        asyncio.run(load(url, 8 * args.workers if not args.url else 1, 0, 600))
        started = time.perf_counter()
        results = asyncio.run(load(url, args.sessions, args.steps, args.timeout, args.think))
        report = summarise(results, args.sessions, args.steps, args.think, time.perf_counter() - started)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(report, indent=2) if args.json else
          f"{report['requests']} runs, {report['errors']} errors, p95 {report['latency_s']['p95']} s")
    return 0 if report["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
