"""Eight people at once against gunicorn (two workers): every quiz stored, no progress lost.

Bounded: 8 clients, each one quiz and a handful of progress changes, on 127.0.0.1 only. Runs on
whichever database the suite runs on: a SQLite file (WAL) or the PostgreSQL test database.
"""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from careers.benchmark.server import free_port
from tests.test_commands import clean_env, fetch

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 8
STEPS_TO_FINISH = 5

pytestmark = pytest.mark.django_db(transaction=True)


def database_url(tmp_path) -> str:
    """The database the server shares with this test: PostgreSQL's test database, or a SQLite
    file (an in-memory test database cannot be shared with another process)."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    return f"sqlite:///{tmp_path / 'load.sqlite3'}"


@pytest.fixture
def server(tmp_path, catalog):
    env = clean_env(
        DATABASE_URL=database_url(tmp_path),
        DJANGO_SECRET_KEY="load-test-" + "x" * 40,
        DJANGO_QUIZ_RATE="10000",
        DJANGO_PROGRESS_RATE="10000",
    )
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    commands = [["collectstatic", "--noinput"]]  # pages link the hashed static files
    if connection.vendor != "postgresql":
        commands += [["migrate", "--noinput"], ["seed_catalog"]]
    for command in commands:
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 (closed after the server stops)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "careers.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            fetch(f"{base}/healthz")
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
    yield base
    os.killpg(process.pid, 15)
    process.wait(timeout=15)
    log.close()
    errors = [line for line in (tmp_path / "gunicorn.log").read_text().splitlines()
              if '"level": "ERROR"' in line or "Traceback" in line]  # fmt: skip
    assert not errors, "\n".join(errors)


class Visitor:
    """One person's browser without JavaScript: cookies, forms, redirects."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.statuses: list[int] = []

    def open(self, path: str, data: dict | None = None) -> tuple[str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        with self.opener.open(self.base + path, body, timeout=30) as response:
            self.statuses.append(response.status)
            return response.geturl(), response.read().decode()

    def take_quiz(self) -> str:
        """Answer every step (Working everywhere, first option of each preference)."""
        url, html = self.open("/quiz/1/")
        while "/quiz/" in url:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            step = re.search(r'name="step" value="(\d+)"', html).group(1)
            answers = {"csrfmiddlewaretoken": token, "step": step, "nav": "next"}
            for name in dict.fromkeys(re.findall(r'type="radio" name="([^"]+)"', html)):
                values = re.findall(rf'name="{re.escape(name)}" id="[^"]+" value="([^"]+)"', html)
                answers[name] = "2" if "2" in values else values[0]
            url, html = self.open(urllib.parse.urlparse(url).path, answers)
        self.roadmap_html = html
        return urllib.parse.urlparse(url).path

    def finish_steps(self, roadmap: str, count: int) -> list[int]:
        html = self.roadmap_html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        actions = re.findall(r'<form class="status" method="post" action="([^"]+)"', html)
        done = []
        for action in actions[:count]:
            self.open(action, {"csrfmiddlewaretoken": token, "status": "done"})
            done.append(int(action.rstrip("/").rsplit("/", 1)[1]))
        return done


def journey(base: str) -> tuple[str, list[int], list[int]]:
    visitor = Visitor(base)
    roadmap = visitor.take_quiz()
    assert re.fullmatch(r"/roadmap/[\w-]{22,}/", roadmap), roadmap
    done = visitor.finish_steps(roadmap, STEPS_TO_FINISH)
    return roadmap, done, visitor.statuses


def test_eight_people_at_once_lose_nothing(server):
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(journey, [server] * CLIENTS))
    statuses = [status for _, _, codes in results for status in codes]
    assert statuses and all(status == 200 for status in statuses)  # redirects followed
    roadmaps = {roadmap for roadmap, _, _ in results}
    assert len(roadmaps) == CLIENTS  # every assessment stored, each its own
    for roadmap, done, _ in results:
        _, body = Visitor(server).open(roadmap.rstrip("/") + ".json")
        export = json.loads(body)
        assert len(export["answers"]) > 40
        finished = [step for step in export["steps"] if step["status"] == "done"]
        assert len(finished) == len(done) == STEPS_TO_FINISH  # no progress change lost
