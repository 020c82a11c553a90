"""Browser tests: pytest-playwright driving Debian's Chromium against a live server.

Every browser test uses `live_site`: one live server for the whole session, over the test
database as django_db_setup seeded it. Nothing flushes that database or seeds the catalog again
between browser tests (pytest-django's `live_server` would: it flushes the database after each
test, and with it the catalog). What keeps the tests apart instead:

- a test may write person data only (assessments and their progress, sessions, users, sign-in
  failures); `_live_site_helper` deletes it after the test, once the browser context is closed
  and the server has finished every request it received: each test starts with none, as after a
  flush;
- then every table's row count and the catalog's edition must be what they were when the
  session's server started: a test that changed the catalog (or wrote anything else) fails, and
  the database is flushed and seeded again, so that the tests after it still see the seed.

pytest-django sees these tests as transactional ones (`transactional_db`, overridden here, is in
their fixtures): it sets the test database up for them and runs them where it runs those, after
the tests it rolls back (so the catalog django_db_setup seeded is still there) and before the
other transactional tests, which then start from the seeded catalog and no person data. A
browser test that has to edit the catalog can use pytest-django's `live_server` instead: it is
flushed after the test (and must seed the catalog itself, without this file's `catalog`).
"""

import io
import os
import shutil
import socket
import tempfile
import threading
from contextlib import suppress

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import modify_settings
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from careers.catalog.models import CatalogEdition, Track
from careers.plumbing.daily_counts import DailyCount
from careers.roadmap.models import Assessment, CatalogSnapshot, StepProgress

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be
# allowed there (the live server runs the app in its own threads).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Chromium writes its profile under $HOME; keep it out of the way.
_profile_home = tempfile.mkdtemp(prefix="careers-chromium-")
os.environ.setdefault("XDG_CONFIG_HOME", _profile_home)
os.environ.setdefault("XDG_CACHE_HOME", _profile_home)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# An expectation waits for its condition and returns as soon as it holds: the timeout only bounds
# how long a failing one takes, so a loaded machine (two cores shared with Chromium) gets room.
expect.set_options(timeout=15_000)

# What a browser test may write, in the order it is deleted (a person's rows before the person);
# the day's count of quizzes started goes up whenever a test starts one.
PERSON_DATA = [
    StepProgress,
    Assessment,
    CatalogSnapshot,  # what the catalog said, written with the first result kept from it
    DailyCount,
    AccessAttemptExpiration,
    AccessAttempt,
    AccessFailureLog,
    AccessLog,
    Session,
    get_user_model(),
]
QUIET_SECONDS = 30  # the longest a request may still run once its browser context has closed


def pytest_collection_modifyitems(config, items):
    """Skip browser tests where there is no Chromium, unless CI demands them (REQUIRE_BROWSER)."""
    if CHROMIUM:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError("REQUIRE_BROWSER is set but no chromium is on PATH.")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in item.nodeid.split("/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


# --- one live server for every browser test ------------------------------------------------------


class InFlight:
    """What the live server has in hand (requests it is answering, connections it holds open),
    so that a test can wait until there is none."""

    def __init__(self) -> None:
        self.items: set = set()
        self.changed = threading.Condition()

    def add(self, item) -> None:
        with self.changed:
            self.items.add(item)

    def discard(self, item) -> None:
        with self.changed:
            self.items.discard(item)
            self.changed.notify_all()

    def wait_until_none(self, seconds: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: not self.items, timeout=seconds)


def counting_requests(handler_class: type, requests: InFlight) -> type:
    """The live server's WSGI handler class, each call counted while it runs."""

    class Counted(handler_class):
        def __call__(self, environ, start_response):
            token = object()
            requests.add(token)
            try:
                return super().__call__(environ, start_response)
            finally:
                requests.discard(token)

    return Counted


def counting_connections(server_class: type, connections: InFlight) -> type:
    """The live server's server class, each connection counted until its thread is done with
    it (and has closed its own database connections)."""

    class Counted(server_class):
        def process_request(self, request, client_address):
            connections.add(request)
            super().process_request(request, client_address)

        def shutdown_request(self, request):
            try:
                super().shutdown_request(request)
            finally:
                connections.discard(request)

    return Counted


class Site:
    """The session's live server and what its tests must leave as they found it."""

    def __init__(self) -> None:
        self.requests, self.connections = InFlight(), InFlight()
        self.server = LiveServer("localhost", start=False)
        thread = self.server.thread
        thread.static_handler = counting_requests(thread.static_handler, self.requests)
        thread.server_class = counting_connections(thread.server_class, self.connections)
        # Requests name the server's host: allowed during each test only (as with live_server).
        self.allowed_host = modify_settings(ALLOWED_HOSTS={"append": thread.host})
        self.tables = sorted(connection.introspection.django_table_names(only_existing=True))
        self.start_clean()
        self.server.start()

    def stop(self) -> None:
        """Stop the server, and end the connections a browser kept open, so that no thread of
        the server still holds a database connection when the test database is dropped."""
        self.server.stop()
        for sock in list(self.connections.items):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.connections.wait_until_none(QUIET_SECONDS)

    def start_clean(self) -> None:
        """The seeded catalog and no person data: what a flushed and seeded database holds."""
        call_command("seed_catalog", stdout=io.StringIO())  # does nothing if already seeded
        delete_person_data()
        self.baseline = database_state(self.tables)

    def ready(self) -> None:
        """Before a test: the seeded catalog and no person data, whatever ran before it in this
        process (a transactional test flushes the database when it ends)."""
        if database_state(self.tables) != self.baseline:
            self.start_clean()

    def clean_up(self) -> None:
        """After a test: its person data deleted; fail if it left anything else changed."""
        if not self.requests.wait_until_none(QUIET_SECONDS):
            pytest.fail(f"the live server was still answering requests after {QUIET_SECONDS} s")
        delete_person_data()
        state = database_state(self.tables)
        if state != self.baseline:
            changed = sorted(k for k in state.keys() | self.baseline.keys()
                             if state.get(k) != self.baseline.get(k))  # fmt: skip
            call_command("flush", interactive=False, verbosity=0)
            self.start_clean()
            pytest.fail(
                f"a browser test on the shared live server changed {', '.join(changed)} (it may "
                "write person data only; edit the catalog under pytest-django's live_server and "
                "transactional_db). The database was flushed and seeded again."
            )


def delete_person_data() -> None:
    for model in PERSON_DATA:
        model.objects.all().delete()


def database_state(tables: list[str]) -> dict[str, object]:
    """Every table's row count, and the catalog's edition (which every catalog edit renews)."""
    quote = connection.ops.quote_name
    query = " UNION ALL ".join(
        f"SELECT '{table}', COUNT(*) FROM {quote(table)}" for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        state: dict[str, object] = dict(cursor.fetchall())
    state["the catalog edition"] = list(CatalogEdition.objects.values_list("number", flat=True))
    return state


@pytest.fixture(scope="session")
def _site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        site = Site()
    yield site
    with django_db_blocker.unblock():
        site.stop()


@pytest.fixture
def live_site(_site, transactional_db) -> LiveServer:
    """The live server every browser test shares, over the once-seeded test database (its
    `url` is the base URL). A test on it may read the database, and write person data."""
    return _site.server


@pytest.fixture
def transactional_db(request):
    """pytest-django's transactional_db, except for a test on `live_site`: the database open to
    it outside any test transaction (so the server sees what the test writes) and never flushed.
    It is what tells pytest-django that such a test needs the test database and where to run it;
    `_live_site_helper` opens the database and cleans up after the test."""
    if "live_site" not in request.fixturenames:
        request.getfixturevalue("_django_db_helper")  # all pytest-django's own fixture does


@pytest.fixture(autouse=True)
def _live_site_helper(request, django_db_blocker):
    """For a test on `live_site`: the database open to it, the server's host allowed, and its
    person data deleted after it. Autouse, so that it is set up before the browser context and
    torn down after it: the cleaning starts once the browser has stopped sending requests."""
    if "live_site" not in request.fixturenames:
        yield
        return
    site = request.getfixturevalue("_site")
    with django_db_blocker.unblock():
        site.ready()
        site.allowed_host.enable()
        try:
            yield
        finally:
            site.allowed_host.disable()
            site.clean_up()


@pytest.fixture
def catalog(live_site):
    """The seeded catalog, as the shared live server has it: never flushed, never seeded again."""
    return Track.objects.all()


@pytest.fixture
def editor(live_site):
    """A superuser the live server sees (tests/conftest.py's editor, outside a transaction)."""
    return get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-editor-1")
