"""How many database queries each page makes, counted in-process with Django's test client."""

from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from careers.web.pagecache import CACHE
from tests.benchmark.fixtures import Visitor

KEPT_PAGES = caches[CACHE]


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    htmx: bool = False
    needs_session: bool = False


def pages(visitor: Visitor) -> list[Page]:
    """The pages the benchmark measures, for this visitor's session and roadmap."""
    track = f"/tracks/{visitor.track}/"
    roadmap = f"/roadmap/{visitor.roadmap_token}/"
    return [
        Page("Landing", "/"),
        Page("Track comparison", "/tracks/"),
        Page("Track", track),
        Page("Level", f"{track}{visitor.level}/"),
        Page("Quiz start", "/quiz/"),
        Page("Quiz step", "/quiz/2/", needs_session=True),
        Page("Quiz step (htmx swap)", "/quiz/2/", htmx=True, needs_session=True),
        Page("Roadmap", roadmap),
        Page("Roadmap export (JSON)", f"/roadmap/{visitor.roadmap_token}.json"),
    ]


def count(page: Page, visitor: Visitor) -> tuple[int, int]:
    """Queries to render the page, then to serve it again as kept (the page cache is emptied
    first, so the first request renders)."""
    KEPT_PAGES.clear()
    client = Client(HTTP_HOST="localhost")
    if page.needs_session:
        client.cookies.load(visitor.session_cookie)
    headers = {"HX-Request": "true"} if page.htmx else {}
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"{page.path} answered {response.status_code}, not 200")
        counts.append(len(queries.captured_queries))
    return counts[0], counts[1]


def count_all(visitor: Visitor) -> dict[str, tuple[int, int]]:
    return {page.name: count(page, visitor) for page in pages(visitor)}
