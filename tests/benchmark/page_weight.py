"""What a page costs to download: the HTML and every file it links, as a browser fetches them."""

import gzip
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

ACCEPT_ENCODING = "br, gzip"  # what every current browser sends
# The deploy's nginx gzips the app's text replies at level 1 (templates/deploy/nginx.conf);
# the benchmark talks to gunicorn directly, so it counts them as nginx would send them.
NGINX_GZIPS = ("text/html", "application/json", "text/calendar", "text/css", "text/plain")
NGINX_GZIP_LEVEL = 1
NGINX_GZIP_MIN_LENGTH = 200


class AssetLinks(HTMLParser):
    """The stylesheets, scripts and icons a page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        rel = set((attrs.get("rel") or "").split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload"}:
            self.links.append(attrs.get("href") or "")
        elif tag in ("script", "img") and attrs.get("src"):
            self.links.append(attrs["src"])
        self.links = [link for link in self.links if link and not link.startswith("data:")]


def asset_links(html: str) -> list[str]:
    parser = AssetLinks()
    parser.feed(html)
    return list(dict.fromkeys(parser.links))  # in order, each once


@dataclass(frozen=True)
class Transfer:
    url: str
    status: int
    bytes: int  # status line, headers and body as sent (compressed where the server chose)
    encoding: str
    body: bytes = field(repr=False)
    cookies: tuple[str, ...] = ()  # "name=value" of each cookie set


def transfer(url: str, headers: dict[str, str] | None = None) -> Transfer:
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": ACCEPT_ENCODING, **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        head = f"HTTP/1.1 {response.status} {response.reason}\r\n{response.headers}"
        encoding = response.headers.get("Content-Encoding", "")
        cookies = tuple(c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or ())
        content_type = response.headers.get("Content-Type", "").split(";")[0]
        if not encoding and content_type in NGINX_GZIPS and len(body) >= NGINX_GZIP_MIN_LENGTH:
            head += "Content-Encoding: gzip\r\n"
            body, encoding = gzip.compress(body, NGINX_GZIP_LEVEL, mtime=0), "gzip"
        size = len(head.encode()) + len(body)
        return Transfer(url, response.status, size, encoding, body, cookies)


@dataclass(frozen=True)
class FirstLoad:
    page: Transfer
    assets: tuple[Transfer, ...]

    @property
    def total(self) -> int:
        return self.page.bytes + sum(asset.bytes for asset in self.assets)


def first_load(url: str, headers: dict[str, str] | None = None) -> FirstLoad:
    """A first visit: the page, then each file it links (nothing cached yet)."""
    page = transfer(url, headers)
    html = gzip.decompress(page.body) if page.encoding == "gzip" else page.body
    links = asset_links(html.decode())
    return FirstLoad(page, tuple(transfer(urljoin(url, link)) for link in links))
