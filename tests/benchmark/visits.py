"""Real visits: what the server spends on people who each come once.

Each visitor reads the landing page and the track comparison, takes the default quick quiz
without JavaScript (each question shown, answered as the person would — tests/benchmark/
quick_quiz.py's respondent — and posted, the redirects followed as a browser does) to its
result, opens the roadmap the quiz made, sets three steps' progress as the page's buttons do
with htmx, and opens the roadmap again. Every visitor has a session and answers of their own (the
calibration personas, varied), so nothing one visitor is served was rendered for another.

What is counted is CPU time, not wall time: that of the server's processes (gunicorn's master
and workers) plus, where the database or the cache runs in processes of its own (PostgreSQL's
backends, Redis), theirs — everything the requests cost the machine. The same number of requests
to a bare Django view, measured the same way in the same run, is the yardstick.
"""

import gzip
import html
import os
import random
import re
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """User + system CPU seconds a process has used, from /proc (0 if it has gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def processes(match: Callable[[int, list[str]], bool]) -> list[int]:
    """The pids whose /proc/<pid>/stat fields satisfy match(pid, fields)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = [name, *stat.rsplit(")", 1)[1].split()]
        if match(int(entry.name), fields):
            found.append(int(entry.name))
    return found


def server_pids(group: int) -> list[int]:
    """gunicorn's master and workers: the process group it was started in."""
    return processes(lambda pid, fields: int(fields[3]) == group)  # name, state, ppid, pgrp


def database_pids() -> list[int]:
    """The database's and the cache's own processes that serve the site: PostgreSQL's backends
    connected to this database (not this process's own), and Redis when the site uses it."""
    from django.conf import settings
    from django.db import connection

    pids = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            pids += [pid for (pid,) in cursor.fetchall()]
    if settings.REDIS_URL:
        pids += processes(lambda pid, fields: fields[0] == "redis-server")
    return pids


@dataclass
class Browser:
    """One person's browser, without JavaScript unless a request says it is htmx: its own
    cookies, one kept-alive connection, redirects followed."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    requests: int = 0

    def __post_init__(self) -> None:
        self.connection = HTTPConnection(self.host, self.port, timeout=30)

    def send(self, method: str, path: str, form: dict | None = None, htmx: bool = False):
        headers = {"Accept-Encoding": "gzip", "Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = headers["Referer"] = f"http://{self.host}:{self.port}"
        if htmx:
            headers["HX-Request"] = "true"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        self.requests += 1
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.status >= 400:
            text = decoded(response, content)
            said = re.search(r"<h1[^>]*>(.*?)</h1>\s*(?:<p[^>]*>(.*?)</p>)?", text, re.S)
            raise RuntimeError(
                f"{method} {path} answered {response.status}: "
                + (" ".join(filter(None, said.groups())) if said else text[:200])
            )
        return response, content

    def get(self, path: str) -> str:
        """The page at path, following redirects; its HTML."""
        while True:
            response, content = self.send("GET", path)
            if response.status not in (301, 302, 303):
                return decoded(response, content)
            path = response.headers["Location"]

    def post(self, path: str, form: dict, htmx: bool = False) -> str:
        response, content = self.send("POST", path, form, htmx)
        if response.status in (301, 302, 303):
            return self.get(response.headers["Location"])
        return decoded(response, content)


def decoded(response, content: bytes) -> str:
    if response.headers.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return content.decode()


FORM = re.compile(r'<form method="post" action="(?P<action>/quiz/\d+/)"')
HIDDEN = re.compile(r'<input type="hidden" name="(?P<name>[^"]+)" value="(?P<value>[^"]*)"')
RADIO = re.compile(r'<input type="radio" name="(?P<name>[^"]+)" [^>]*value="(?P<value>[^"]*)"')
STEP_FORM = re.compile(r'<form class="status" method="post" action="(?P<action>[^"]+)"')


def quiz_form(page: str, answer: Callable[[str, list[str]], str]) -> tuple[str, dict]:
    """The step's form action and what to post: the hidden fields and an answer to each
    question (answer(name, values) picks one)."""
    action = FORM.search(page)["action"]
    form = {m["name"]: html.unescape(m["value"]) for m in HIDDEN.finditer(page)}
    choices: dict[str, list[str]] = {}
    for m in RADIO.finditer(page):
        choices.setdefault(m["name"], []).append(m["value"])
    form |= {name: answer(name, values) for name, values in choices.items()}
    return action, form | {"nav": "next"}


@dataclass(frozen=True)
class Persona:
    skills: dict[str, int]
    preferences: dict[str, str]


def answerer(persona: Persona, rng: random.Random) -> Callable[[str, list[str]], str]:
    """Answers as the persona would, each skill a step off now and then: people differ."""

    def answer(name: str, values: list[str]) -> str:
        if name in persona.preferences and persona.preferences[name] in values:
            return persona.preferences[name]
        if values and values[0].isdigit():
            rating = persona.skills.get(name, 0) + rng.choice((-1, 0, 0, 0, 1))
            return str(min(4, max(0, rating)))
        return rng.choice(values)

    return answer


QUICK_ASK = re.compile(r'<input type="hidden" name="ask" value="(?P<ask>[^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="(?P<token>[^"]+)"')


def full_quiz(browser: Browser, persona: Persona, rng: random.Random) -> str:
    """The whole questionnaire, step by step; the page it ends on."""
    page, answer = browser.get("/quiz/1/"), answerer(persona, rng)
    for _ in range(100):  # a quiz that never ends is a failure, not a long benchmark
        if not FORM.search(page):
            break
        action, form = quiz_form(page, answer)
        page = browser.post(action, form)
    return page


def quick_quiz(browser: Browser, respond: Callable) -> str:
    """The quick quiz, a question at a time, answered by respond(Ask), and on from the screen
    that states the verdict where it shows one; the page it ends on."""
    from careers.core.adaptive import Ask

    page = browser.get("/quiz/")
    for _ in range(100):
        token = CSRF.search(page)
        asked = QUICK_ASK.search(page)
        if asked is None:
            if token is None or 'value="result"' not in page:
                break  # a roadmap
            page = browser.post("/quiz/", {"csrfmiddlewaretoken": token["token"], "nav": "result"})
            continue
        value = respond(Ask.from_name(asked["ask"]))
        form = {"csrfmiddlewaretoken": token["token"], "ask": asked["ask"],
                "answer": str(value), "nav": "next"}  # fmt: skip
        page = browser.post("/quiz/", form)
    return page


def visit(browser: Browser, respond: Callable) -> None:
    """One person's visit, as the module docstring tells it."""
    browser.get("/")
    browser.get("/tracks/")
    page = quick_quiz(browser, respond)
    token = re.search(r"/roadmap/([A-Za-z0-9_-]+)/", page)
    if token is None:
        raise RuntimeError("the quiz did not end on a roadmap")
    csrf = re.search(r'"X-CSRFToken": "([^"]+)"', page)[1]
    for action in [m["action"] for m in STEP_FORM.finditer(page)][:3]:
        browser.post(action, {"csrfmiddlewaretoken": csrf, "status": "done"}, htmx=True)
    browser.get(f"/roadmap/{token[1]}/")


def bare_requests(browser: Browser, path: str, count: int) -> None:
    for _ in range(count):
        browser.get(path)


@dataclass(frozen=True)
class CpuUse:
    requests: int
    server_seconds: float
    database_seconds: float

    @property
    def per_request_ms(self) -> float:
        return 1000 * (self.server_seconds + self.database_seconds) / self.requests


def measure(group: int, work: Callable[[], int]) -> CpuUse:
    """CPU the server (and the database's own processes) spent while work() ran; work returns
    how many requests it sent. A process that starts meanwhile (a database backend for a new
    connection) counts whole."""

    def snapshot() -> tuple[dict[int, float], dict[int, float]]:
        return (
            {pid: process_cpu(pid) for pid in server_pids(group)},
            {pid: process_cpu(pid) for pid in database_pids()},
        )

    (server_before, database_before) = snapshot()
    requests = work()
    (server_after, database_after) = snapshot()

    def spent(before: dict[int, float], after: dict[int, float]) -> float:
        return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())

    return CpuUse(
        requests, spent(server_before, server_after), spent(database_before, database_after)
    )


def in_parallel(jobs: list[Callable[[], int]], threads: int) -> int:
    """Run the jobs on a few threads (people arrive side by side); the requests they sent."""
    counts: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    pending = list(jobs)

    def worker() -> None:
        while True:
            with lock:
                if not pending or failures:
                    return
                job = pending.pop()
            try:
                sent = job()
            except Exception as error:  # noqa: BLE001 (reported below, in the caller's thread)
                with lock:
                    failures.append(error)
                return
            with lock:
                counts.append(sent)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    if failures:
        raise RuntimeError(f"a visit failed: {failures[0]}") from failures[0]
    return sum(counts)


@dataclass(frozen=True)
class VisitFigures:
    visitors: int
    visits: CpuUse
    bare: CpuUse

    @property
    def share(self) -> float:
        """A bare request's CPU over a visit request's: 1.0 would be as cheap as doing nothing."""
        return self.bare.per_request_ms / self.visits.per_request_ms


def respondents(count: int) -> list[Callable]:
    """Per visitor, a person answering the quick quiz: the calibration personas, varied as the
    quick quiz's benchmark varies them."""
    from careers.catalog.models import CalibrationPersona
    from careers.catalog.scoring_catalog import cached_catalog
    from tests.benchmark.quick_quiz import answer_sets, respondent

    catalog = cached_catalog()
    people = [{"skills": p.skills, "preferences": p.preferences}
              for p in CalibrationPersona.objects.all()]  # fmt: skip
    return [respondent(catalog, a) for a in answer_sets(catalog, people, count, seed=7)]


def measure_visits(server, visitors: int, threads: int = 4) -> VisitFigures:
    """visitors real visits to server (tests.benchmark.server.Server), then as many requests
    to the bare view as they sent; the CPU of each."""
    from tests.benchmark.urls import BARE_PATH

    people = respondents(visitors)

    def one(number: int) -> Callable[[], int]:
        def job() -> int:
            browser = Browser(server.host, server.port)
            visit(browser, people[number])
            return browser.requests

        return job

    used = measure(server.group, lambda: in_parallel([one(n) for n in range(visitors)], threads))
    per_thread = -(-used.requests // threads)

    def bare_job() -> int:
        browser = Browser(server.host, server.port)
        bare_requests(browser, BARE_PATH, per_thread)
        return browser.requests

    bare = measure(server.group, lambda: in_parallel([bare_job] * threads, threads))
    return VisitFigures(visitors, used, bare)
