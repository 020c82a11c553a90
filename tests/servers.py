"""Real servers for the tests that need them: gunicorn serving the site, a Redis of the test's
own, a TCP proxy the test can cut, and a visitor without JavaScript.

A helpers module, not a test module: tests import from here, never from each other. Everything
listens on 127.0.0.1 only, and every wait is bounded.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.benchmark.server import free_port

ROOT = Path(__file__).resolve().parent.parent
REDIS_SERVER = shutil.which("redis-server")


def site_env(**extra: str) -> dict[str, str]:
    """This process's environment without the site's own settings, plus extra."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    # A pytest-xdist worker's own static folder (tests/conftest.py) is where its servers look.
    own = {name: os.environ[name] for name in ["DJANGO_STATIC_ROOT"] if name in os.environ}
    return env | {"REDIS_URL": ""} | own | extra


def fetch(url: str) -> tuple[int, str]:
    """(status, body) of one GET; an OSError while nothing answers yet."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)  # fmt: skip


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on port {port}") from None
            time.sleep(0.1)


@contextmanager
def gunicorn(env: dict[str, str], log: Path, workers: int = 2, threads: int = 1) -> Iterator[str]:
    """The site under gunicorn on a free port (sync workers unless threads > 1); yields its base
    URL once it listens."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "careers.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--threads", str(threads), "--no-control-socket"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            wait_for_port(port, process, seconds=60)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(process)


class RedisServer:
    """A Redis of the test's own, on a free port, that the test may kill and start again."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        wait_for_port(self.port, self.process)

    def kill(self) -> None:
        """Gone at once, as a crashed or unreachable server is."""
        if self.process:
            stop(self.process, signal.SIGKILL)


class TcpProxy:
    """Forwards 127.0.0.1:port to a server; cut() drops every connection and refuses new ones
    until restore(): the network between the app and its database failing."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.cut_off = False
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            if self.cut_off:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    def pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                self.drop(sock)

    def drop(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.discard(sock)
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def cut(self) -> None:
        self.cut_off = True
        with self.lock:
            sockets = list(self.sockets)
        for sock in sockets:
            self.drop(sock)

    def restore(self) -> None:
        self.cut_off = False

    def close(self) -> None:
        self.cut()
        self.listener.close()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx itself is the answer: a post's own status is what counts


class Visitor:
    """One person's browser without JavaScript: cookies and forms; redirects are followed by
    the caller, so each request's own status is seen."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects()
        )

    def open(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, Location or "", body) of one request."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return response.status, "", response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                location = urllib.parse.urlparse(error.headers.get("Location", "")).path
                return error.code, location, error.read().decode(errors="replace")


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def quiz_form(html: str, rating) -> dict[str, str]:
    """Every question of a quiz step answered: skills with rating(slug), preferences with their
    first option."""
    answers = {"csrfmiddlewaretoken": csrf_token(html), "nav": "next",
               "step": re.search(r'name="step" value="(\d+)"', html).group(1)}  # fmt: skip
    for name in dict.fromkeys(re.findall(r'type="radio" name="([^"]+)"', html)):
        values = re.findall(rf'name="{re.escape(name)}" id="[^"]+" value="([^"]+)"', html)
        answers[name] = str(rating(name)) if "4" in values else values[0]
    return answers
