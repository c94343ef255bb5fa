"""A real Chromium drives `streamlit run dashboard.py`: map and gauges load offline, filters survive a reload."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from claimatlas.report.maps import country_outlines

from .conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path(os.environ.get("CLAIMATLAS_CHROMIUM", "/usr/bin/chromium"))
# The map's component frame; while a rerun replaces it, the old frame lingers with height 0 (and for a
# moment at full height: the last frame is the current one).
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]:not([height="0"])'
SERVER_LOG = Path(tempfile.mkdtemp(prefix="claimatlas-browser-")) / "server.log"
PAGES = ["", "map", "severity", "framing", "evidence", "add"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def server():
    """The dashboard served on a free loopback port, stopped after the module."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=SERVER_LOG.open("w"), stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + SERVER_LOG.read_text(encoding="utf-8"))
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


def _wait_for_count(locator, at_least: int, timeout_s: float = 30.0) -> None:
    """Wait until the locator finds at least ``at_least`` elements (Leaflet adds the outlines one by one
    after the map's frame has loaded)."""
    deadline = time.monotonic() + timeout_s
    while (found := locator.count()) < at_least:
        assert time.monotonic() < deadline, f"{found} elements, not {at_least}, after {timeout_s} s"
        time.sleep(0.25)


def _offline_page(browser, external: list[str]):
    """A page whose every request off the loopback host is recorded and aborted (no network)."""
    page = browser.new_page(viewport={"width": 1500, "height": 1100})

    def guard(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return page


def test_map_and_gauges_load_offline_and_filter_survives_reload(server, browser, bundled_report):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    external: list[str] = []
    page = _offline_page(browser, external)
    drawn: list[str] = []
    page.on("framenavigated", lambda f: drawn.append(f.url) if f != page.main_frame else None)

    page.goto(f"{server}/map", wait_until="domcontentloaded")
    frame = page.frame_locator(MAP_FRAME).last
    frame.locator(".leaflet-container").wait_for(state="visible", timeout=90_000)
    # Country outlines are SVG paths drawn by Leaflet itself from the app's own static file:
    # proof that Leaflet and the base map loaded without a CDN.
    frame.locator("path.claimatlas-outline").first.wait_for(state="attached", timeout=30_000)
    _wait_for_count(frame.locator("path.claimatlas-outline"), len(country_outlines()["features"]))
    frame.locator(".claimatlas-legend").wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(3000)
    assert len(drawn) == 1, f"the map was drawn {len(drawn)} times on opening, not once"
    if any(d.places for d in bundled_report.documents):
        # Pins (circle markers or neutral clusters) on top of the outlines.
        page.wait_for_timeout(1500)
        pins = frame.locator("path.leaflet-interactive").count() + frame.locator(".claimatlas-cluster").count()
        assert pins > 0
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=False)

    page.goto(server, wait_until="domcontentloaded")
    page.get_by_text("Severity by outlet").wait_for(timeout=60_000)
    scored = [o for o in bundled_report.outlets if o.severity.score is not None]
    if scored:
        gauges = page.locator("svg.claimatlas-gauge")
        gauges.first.wait_for(state="visible", timeout=30_000)
        assert gauges.count() >= len(scored)
        # The SVG is drawn whole: the level bands and the score survive the page's HTML sanitising.
        assert gauges.first.locator("path").count() >= 6
        assert gauges.first.get_attribute("aria-label").startswith(sorted(o.outlet for o in scored)[0])
    else:
        page.get_by_text("Claim severity: not analysed yet").wait_for(timeout=30_000)

    outlet = "anewz.tv"
    outlets = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    outlets.click()
    page.get_by_role("option", name=outlet).click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.location.search.includes('outlet=')", timeout=20_000)
    assert parse_qs(urlparse(page.url).query)["outlet"] == [outlet]

    shared_url = page.url
    page.goto(shared_url, wait_until="domcontentloaded")
    page.get_by_text("Severity by outlet").wait_for(timeout=60_000)
    sidebar_select = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    sidebar_select.get_by_text(outlet).wait_for(timeout=20_000)
    assert parse_qs(urlparse(page.url).query)["outlet"] == [outlet]
    documents = page.locator('[data-testid="stMetric"]').filter(has_text="Documents")
    assert documents.locator('[data-testid="stMetricValue"]').inner_text().strip() == "1"
    page.screenshot(path=str(ARTIFACTS / "overview_filtered.png"), full_page=True)
    assert external == [], f"the dashboard tried to reach the internet: {external[:5]}"
    page.close()


def _map_view(frame) -> dict:
    """The Leaflet map's zoom and whether Bamako is in view, read in the map's frame."""
    return frame.locator(".leaflet-container").evaluate("""() => {
        const map = Object.values(window).find(v => v instanceof L.Map);
        return {zoom: map.getZoom(), bamako: map.getBounds().contains([12.65, -8.0])};
    }""")


def _settled_map_view(page, attempts: int = 5) -> dict:
    """``_map_view`` of the page's map once it stays put: the map's frame is replaced whenever a rerun
    redraws the map, so a read that meets a detached frame finds the new one."""
    from playwright.sync_api import Error

    for attempt in range(attempts):
        frame = page.locator(MAP_FRAME).last.content_frame
        frame.locator("path.claimatlas-outline").first.wait_for(state="attached", timeout=90_000)
        try:
            return _map_view(frame)
        except Error as error:
            if "detached" not in str(error) or attempt == attempts - 1:
                raise
            page.wait_for_timeout(1000)
    raise AssertionError("unreachable")


def test_clicking_a_pin_filters_the_claims_to_that_place(server, browser, bundled_report):
    if not any(d.places for d in bundled_report.documents):
        pytest.skip("no place was found in the bundled corpus")
    external: list[str] = []
    page = _offline_page(browser, external)
    page.goto(f"{server}/map?outlet=anewz.tv", wait_until="domcontentloaded")
    frame = page.frame_locator(MAP_FRAME).last
    frame.locator("path.claimatlas-outline").first.wait_for(state="attached", timeout=90_000)
    page.wait_for_timeout(1500)
    clusters = frame.locator(".claimatlas-cluster")
    if clusters.count():
        clusters.first.click()
        # The zoom the click causes reruns the map's fragment, which redraws the map at the new view.
        page.wait_for_timeout(4000)
    frame = page.locator(MAP_FRAME).last.content_frame
    frame.locator("path.claimatlas-outline").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1000)
    pins = frame.locator("path.leaflet-interactive")
    # Pins are the round interactive paths; the shaded countries are interactive too, but not round.
    boxes = [box for box in (pins.nth(i).bounding_box() for i in range(pins.count()))
             if box and 4 < box["width"] < 80 and abs(box["width"] - box["height"]) < 2]
    assert boxes, "no visible pin on the map"
    box = max(boxes, key=lambda b: b["width"])
    zoom_before = _map_view(frame)["zoom"]
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => window.location.search.includes('place=')", timeout=30_000)
    place = parse_qs(urlparse(page.url).query)["place"][0]
    page.get_by_text(f"Claims naming {place}").wait_for(timeout=30_000)
    # While Streamlit swaps the map for the filtered one, the old and the new frame may both be shown.
    redrawn = page.locator(MAP_FRAME).last.content_frame
    redrawn.locator("path.claimatlas-outline").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1500)
    redrawn = page.locator(MAP_FRAME).last.content_frame
    assert _map_view(redrawn)["zoom"] == zoom_before, "the click kept the zoom"
    redrawn.locator(".leaflet-popup-content").first.wait_for(state="visible", timeout=15_000)
    assert place in redrawn.locator(".leaflet-popup-content").first.inner_text(), "the clicked place's popup is open"
    page.screenshot(path=str(ARTIFACTS / "map_place_selected.png"), full_page=False)
    assert external == [], f"the dashboard tried to reach the internet: {external[:5]}"
    page.close()


def test_every_page_reads_clean_the_map_opens_on_bamako_and_the_log_has_no_warnings(server, browser):
    external: list[str] = []
    page = _offline_page(browser, external)
    for name in PAGES:
        page.goto(f"{server}/{name}", wait_until="domcontentloaded")
        page.locator("h1").first.wait_for(timeout=90_000)
        page.wait_for_timeout(2500)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert not re.search(r"\b(NaT|nan|NaN)\b", text), (name, re.findall(r".{30}\b(?:NaT|nan|NaN)\b.{30}", text))
    page.goto(f"{server}/map", wait_until="domcontentloaded")
    view = _settled_map_view(page)
    assert view["bamako"] and view["zoom"] >= 4, view
    page.close()
    assert external == [], f"the dashboard tried to reach the internet: {external[:5]}"
    log = SERVER_LOG.read_text(encoding="utf-8")
    assert not re.search(r"warning|deprecat|Traceback", log, re.I), log[-2000:]
