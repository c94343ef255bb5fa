"""Add an article by URL: fetch the page safely; the HTML reader (trafilatura) then takes its text, site
name, canonical URL, title and date from the page's metadata.

Only ``http`` and ``https`` addresses are fetched; loopback, private, link-local and other reserved
addresses are refused (also after a redirect) unless the ``allow_private_urls`` setting allows them.
The response must be an HTML or plain-text page, arrive within the time limit, and stay under the size
limit. Every refusal or failure raises :class:`FetchError` with a sentence a user can act on.
"""
from __future__ import annotations

import ipaddress
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "ClaimAtlas/1.0 (+article fetch for news analysis)"
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL that was refused or could not be fetched; the message says why."""


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: the address it ended at, a file name for it, and its bytes."""

    url: str
    name: str
    data: bytes


def check_address(host: str, allow_private: bool = False) -> None:
    """Refuse a host that is, or resolves to, a loopback, private, link-local or reserved address."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host!r}: {exc}. Adding by URL needs the server to reach the internet; "
                         "offline, save the page and upload the file instead.") from exc
    if allow_private:
        return
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise FetchError(f"refused {host!r}: it points to a local or private address ({ip}); "
                             "set CLAIMATLAS_ALLOW_PRIVATE_URLS=1 to allow such addresses")


def check_url(url: str, allow_private: bool = False) -> str:
    """The URL if it may be fetched (http or https, a public host); FetchError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses can be added, not {parts.scheme or 'a bare path'!r}")
    if not parts.hostname:
        raise FetchError("the address has no host name")
    check_address(parts.hostname, allow_private)
    return url.strip()


def page_name(url: str) -> str:
    """A file name for a fetched page from its URL ("host-last-path-part.html")."""
    parts = urlsplit(url)
    slug = [p for p in parts.path.split("/") if p]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{parts.hostname}-{slug[-1] if slug else 'index'}").strip("-.")
    return re.sub(r"\.(html?|php|aspx?)$", "", stem)[:100] + ".html"


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address :func:`check_url` accepts."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 - urllib's hook
        check_url(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_page(url: str, timeout_s: float = 15, max_bytes: int = 2_000_000, allow_private: bool = False) -> FetchedPage:
    """Fetch one page within the limits; FetchError says what was refused or went wrong."""
    url = check_url(url, allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(ACCEPTED_TYPES)})
    try:
        with opener.open(request, timeout=timeout_s) as response:
            kind = response.headers.get_content_type()
            if kind not in ACCEPTED_TYPES:
                raise FetchError(f"{url} is a {kind} resource, not a web page")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url} is {int(declared) / 1e6:.1f} MB, above the {max_bytes / 1e6:.1f} MB limit")
            data = response.read(max_bytes + 1)
            final = response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"could not fetch {url}: {reason}. Adding by URL needs the server to reach the internet; "
                         "offline, save the page and upload the file instead.") from exc
    if len(data) > max_bytes:
        raise FetchError(f"{url} is larger than the {max_bytes / 1e6:.1f} MB limit")
    if not data.strip():
        raise FetchError(f"{url} returned an empty page")
    return FetchedPage(url=final, name=page_name(final), data=data)
