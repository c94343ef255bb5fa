"""Adding an article by URL: a local HTTP server started here stands in for a news site."""
from __future__ import annotations

import http.server
import json
import threading
import time

import pytest

from claimatlas.ingest.fetch import FetchError, check_address, check_url, fetch_page, page_name

ARTICLE = b"""<!doctype html><html><head>
<meta property="og:site_name" content="Sahel Daily">
<meta property="og:title" content="Militants attack fuel convoy near Kayes">
<meta property="article:published_time" content="2025-09-15T08:00:00Z">
<link rel="canonical" href="https://sahel-daily.example/2025/09/convoy-kayes">
<title>Militants attack fuel convoy near Kayes | Sahel Daily</title></head>
<body><nav>Home | World | Sport</nav><article><h1>Militants attack fuel convoy near Kayes</h1>
<p>Militants attacked a fuel convoy near Kayes on Sunday, the Malian army said in a statement on Monday.</p>
<p>The attackers set fire to several tanker trucks and the drivers fled into the bush near the border with Senegal.</p>
<p>The army said its soldiers repelled the attackers. JNIM claimed the ambush and threatened more attacks.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


class _Site(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's hook
        routes = {
            "/article": (200, "text/html; charset=utf-8", ARTICLE),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
            "/big": (200, "text/html", b"<p>" + b"x" * 50_000 + b"</p>"),
            "/empty": (200, "text/html", b""),
        }
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(3)
        status, kind, body = routes.get(self.path, (404, "text/html", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "/etc/passwd", "javascript:alert(1)",
                                 "http://"])
def test_only_http_addresses_are_fetched(url):
    with pytest.raises(FetchError):
        check_url(url)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1", "0.0.0.0"])
def test_local_and_private_hosts_are_refused(host):
    with pytest.raises(FetchError, match="local or private"):
        check_address(host)


def test_a_public_address_passes_and_private_ones_pass_when_allowed():
    check_address("93.184.216.34")  # a literal public address: no lookup needed
    check_address("127.0.0.1", allow_private=True)


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.rfi.fr/fr/afrique/20250915-mali-convoi", "www.rfi.fr-20250915-mali-convoi.html"),
    ("https://example.org/", "example.org-index.html"),
    ("https://example.org/news/story.php?id=4", "example.org-story.html"),
])
def test_page_name(url, name):
    assert page_name(url) == name


def test_loopback_is_refused_by_default(site):
    with pytest.raises(FetchError, match="CLAIMATLAS_ALLOW_PRIVATE_URLS"):
        fetch_page(f"{site}/article")


def test_an_article_page_is_fetched_and_read_with_its_metadata(site):
    from claimatlas.ingest.corpus import documents_from_bytes

    page = fetch_page(f"{site}/moved", allow_private=True)
    assert page.url.endswith("/article") and page.name.endswith(".html")
    [document] = documents_from_bytes(page.data, page.name, {"url": page.url})
    assert document.outlet == "Sahel Daily"
    assert document.title == "Militants attack fuel convoy near Kayes"
    assert document.published.startswith("2025-09-15")
    assert "tanker trucks" in document.text and "newsletter" not in document.text


@pytest.mark.parametrize(("path", "problem"), [
    ("/image.png", "image/png resource"), ("/big", "limit"), ("/empty", "empty page"), ("/missing", "404"),
])
def test_what_is_not_an_article_is_refused_plainly(site, path, problem):
    with pytest.raises(FetchError, match=problem):
        fetch_page(f"{site}{path}", max_bytes=20_000, allow_private=True)


def test_a_slow_site_times_out(site):
    with pytest.raises(FetchError, match="could not fetch"):
        fetch_page(f"{site}/slow", timeout_s=0.5, allow_private=True)


def test_analyze_takes_a_url(site, monkeypatch, capsys):
    from claimatlas.cli import main

    monkeypatch.setenv("CLAIMATLAS_ALLOW_PRIVATE_URLS", "1")
    assert main(["analyze", f"{site}/article", f"{site}/image.png", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [document] = report["documents"]
    assert document["outlet"] == "Sahel Daily" and document["url"].endswith("/article")
    assert any(place["name"] == "Kayes" for place in document["places"])
    assert [e["path"] for e in report["errors"]] == [f"{site}/image.png"]
    assert document["story"] == report["stories"][0]["id"]


def test_analyze_refuses_a_private_url_by_default(site, capsys):
    from claimatlas.cli import main

    assert main(["analyze", f"{site}/article"]) == 2
    assert "local or private address" in capsys.readouterr().err
