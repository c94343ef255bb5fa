"""Cold start: a fresh server (no store yet) until the first visitor sees the Overview's gauges.

    python bench/cold_start.py [--runs 3] [--workers 1] [--json]

Starts `streamlit run dashboard.py` on a loopback port with a new, empty store, waits for the
health check, then opens the Overview in headless Chromium (Debian's /usr/bin/chromium) and waits
for the first gauge. Prints the seconds to health, from health to the drawn gauges, and the same
page for a second visitor (what the browser itself takes to load the app and draw the charts).
With --workers 2 the server is started as the Dockerfile starts it (serve.py: Streamlit workers
behind nginx, each worker opening the Overview and the Map once before nginx answers), so the time
to the health check includes that warming.
Target: under 3 s from health to gauges. The bundled corpus loads from data/snapshot.json.gz (the
model is not loaded), and the server builds the store and imports the pages' libraries before its
health check answers (the lifespan of ``app`` in dashboard.py), so the time to health includes that.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load_test import free_port, healthy  # bench/ is the script's folder, so on the path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CLAIMATLAS_CHROMIUM", "/usr/bin/chromium")
TARGET_S = 3.0


def one_run(browser, workers: int = 1) -> dict[str, float]:
    """Seconds to the health check and from it to the Overview's first gauge, on a new store: one
    Streamlit process, or ``workers`` of them behind nginx (``serve.py``, which warms them before
    answering)."""
    port = free_port()
    store = Path(tempfile.mkdtemp(prefix="claimatlas-cold-")) / "store.duckdb"
    start = time.perf_counter()
    command = ([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true", "--server.port",
                str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"] if workers == 1 else
               [sys.executable, "serve.py", "--workers", str(workers), "--port", str(port), "--address", "127.0.0.1"])
    process = subprocess.Popen(command, cwd=ROOT, env=os.environ | {"CLAIMATLAS_STORE_PATH": str(store)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        while not healthy(port):
            time.sleep(0.1)
            if time.perf_counter() - start > 120:
                raise RuntimeError("the server did not answer its health check in 120 s")
        answered = time.perf_counter()
        page = browser.new_page()
        page.goto(url)
        page.locator("svg.claimatlas-gauge").first.wait_for(timeout=180_000)
        drawn = time.perf_counter()
        page.close()
        page = browser.new_page()
        again = time.perf_counter()
        page.goto(url)
        page.locator("svg.claimatlas-gauge").first.wait_for(timeout=180_000)
        warm = time.perf_counter() - again
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    return {"to_health_s": round(answered - start, 2), "health_to_gauges_s": round(drawn - answered, 2),
            "second_visitor_s": round(warm, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1, help="1: streamlit run; more: serve.py with nginx")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        runs = [one_run(browser, args.workers) for _ in range(args.runs)]
        browser.close()
    median = statistics.median(r["health_to_gauges_s"] for r in runs)
    result = {"runs": runs, "median_health_to_gauges_s": median, "target_s": TARGET_S, "target_met": median < TARGET_S}
    print(json.dumps(result, indent=2) if args.json else
          f"health to gauges: median {median:.2f} s over {len(runs)} runs (target < {TARGET_S} s); runs: {runs}")
    return 0 if result["target_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
