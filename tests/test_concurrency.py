"""Eight people at once against gunicorn (two workers): every quiz stored, no progress lost.

Bounded: 8 clients, each one quiz and a handful of progress changes, on 127.0.0.1 only. Runs on
whichever database the suite runs on: a SQLite file (WAL) or the PostgreSQL test database.
"""

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tests.servers import Visitor, csrf_token, gunicorn, quiz_form, site_env

CLIENTS = 8
STEPS_TO_FINISH = 5

pytestmark = pytest.mark.django_db(transaction=True)


def database_url(tmp_path, seeded_sqlite) -> str:
    """The database the server shares with this test: PostgreSQL's test database, or a seeded
    SQLite file (an in-memory test database cannot be shared with another process)."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    return seeded_sqlite(tmp_path / "load.sqlite3")


@pytest.fixture
def server(tmp_path, catalog, collected_static, seeded_sqlite):
    env = site_env(
        DATABASE_URL=database_url(tmp_path, seeded_sqlite),
        DJANGO_SECRET_KEY="load-test-" + "x" * 40,
        DJANGO_QUIZ_RATE="10000",
        DJANGO_PROGRESS_RATE="10000",
        DJANGO_RESULT_RATE="10000",
    )
    if os.environ.get("REDIS_URL"):  # the suite's shared cache, when it has one
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    log = tmp_path / "gunicorn.log"
    with gunicorn(env, log, workers=2, threads=4) as base:
        yield base
    errors = [line for line in log.read_text().splitlines()
              if '"level": "ERROR"' in line or "Traceback" in line]  # fmt: skip
    assert not errors, "\n".join(errors)


class Journey:
    """One person without JavaScript: takes the quiz, then ticks off steps on the roadmap.
    Each post's redirect is followed, as a browser would; every answer is kept, so the test
    sees each request's own status."""

    def __init__(self, base: str):
        self.visitor = Visitor(base)
        self.answers: list[tuple[str, str, int]] = []  # method, path, status

    def open(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        status, location, body = self.visitor.open(path, data)
        self.answers.append(("GET" if data is None else "POST", path, status))
        return status, location, body

    def post_and_follow(self, path: str, data: dict) -> tuple[str, str]:
        """(where the post sent us, that page's HTML)."""
        status, location, body = self.open(path, data)
        assert status == 302 and location, (path, status, body[-1500:])
        _, _, html = self.open(location)
        return location, html

    def take_quiz(self) -> str:
        """Answer every step (Working everywhere, first option of each preference); return the
        roadmap's path."""
        path = "/quiz/1/"
        _, _, html = self.open(path)
        while path.startswith("/quiz/"):
            path, html = self.post_and_follow(path, quiz_form(html, lambda slug: 2))
        self.roadmap_html = html
        return path

    def finish_steps(self, count: int) -> list[int]:
        html = self.roadmap_html
        token = csrf_token(html)
        # each step once: the first show twice, at the top ("Your next 3 steps") and in the plan
        found = re.findall(r'<form class="status" method="post" action="([^"]+)"', html)
        actions = list(dict.fromkeys(found))
        done = []
        for action in actions[:count]:
            self.post_and_follow(action, {"csrfmiddlewaretoken": token, "status": "done"})
            done.append(int(action.rstrip("/").rsplit("/", 1)[1]))
        return done


def journey(base: str) -> tuple[str, list[int], list[tuple[str, str, int]]]:
    person = Journey(base)
    roadmap = person.take_quiz()
    assert re.fullmatch(r"/roadmap/[\w-]{22,}/", roadmap), roadmap
    done = person.finish_steps(STEPS_TO_FINISH)
    return roadmap, done, person.answers


def test_eight_people_at_once_lose_nothing(server):
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(journey, [server] * CLIENTS))
    answers = [answer for _, _, person in results for answer in person]
    # every post saved and redirected (post/redirect/get), every page then shown
    wrong = [a for a in answers if a[2] != {"GET": 200, "POST": 302}[a[0]]]
    assert answers and not wrong, wrong
    roadmaps = {roadmap for roadmap, _, _ in results}
    assert len(roadmaps) == CLIENTS  # every assessment stored, each its own
    for roadmap, done, _ in results:
        _, _, body = Visitor(server).open(roadmap.rstrip("/") + ".json")
        export = json.loads(body)
        assert len(export["answers"]) > 40
        finished = [step for step in export["steps"] if step["status"] == "done"]
        assert len(finished) == len(done) == STEPS_TO_FINISH  # no progress change lost
