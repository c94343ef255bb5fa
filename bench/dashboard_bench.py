"""Re-render time of the dashboard after a filter change, on the bundled corpus (AppTest).

    python bench/dashboard_bench.py [--repeats 5]

The first run (model load + analysis) is reported apart; then each page is re-run after an
outlet-filter change, `repeats` times, and the median and worst times are printed.
Target: every page re-renders in under 1 s.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["app_pages/overview.py", "app_pages/map.py", "app_pages/severity.py", "app_pages/framing.py",
         "app_pages/evidence.py", "app_pages/add_articles.py"]
TARGET_S = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    start = time.perf_counter()
    app.run()
    print(f"first run (model, gazetteer, analysis): {time.perf_counter() - start:.2f} s")
    outlets = app.sidebar.multiselect(key="f_outlets").options
    worst_all = 0.0
    for page in PAGES:
        app.switch_page(page).run()
        times = []
        for index in range(args.repeats):
            choice = [] if index % 2 else [outlets[index % len(outlets)]]
            start = time.perf_counter()
            app.sidebar.multiselect(key="f_outlets").set_value(choice).run()
            times.append(time.perf_counter() - start)
            if app.exception:
                print(f"{page}: exception {app.exception[0].value}")
                return 1
        worst_all = max(worst_all, max(times))
        print(f"{page:28s} filter change: median {statistics.median(times):.3f} s, worst {max(times):.3f} s")
    verdict = "OK" if worst_all < TARGET_S else "ABOVE TARGET"
    print(f"worst filter-change re-render: {worst_all:.3f} s (target < {TARGET_S:.0f} s): {verdict}")
    return 0 if worst_all < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
