"""gunicorn on a free loopback port, started and stopped around the measurements."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The database this process is connected to, as DATABASE_URL for the server's processes."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    return f"sqlite:///{db['NAME']}"


def server_env() -> dict[str, str]:
    """Production settings (DEBUG off) on this database, plus the bare view to compare with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "tests.benchmark.settings",
        "DATABASE_URL": database_url(),
        # the key this process signs the benchmark's sessions with
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(settings.STATIC_ROOT),  # where this process collected them
        # As deployed: nginx compresses the pages, the app does not (page_weight counts them as
        # nginx sends them).
        "DJANGO_GZIP": "0",
    }


@dataclass(frozen=True)
class Server:
    base: str  # e.g. http://127.0.0.1:8001
    port: int
    group: int  # the process group of gunicorn's master and workers

    @property
    def host(self) -> str:
        return "127.0.0.1"


@contextmanager
def gunicorn(workers: int, log: Path) -> Iterator[Server]:
    """Serve the site with gunicorn on 127.0.0.1; yield where, and its processes."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "careers.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--no-control-socket"],
            cwd=settings.BASE_DIR, env=server_env(), stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process, log)
            yield Server(base, port, os.getpgid(process.pid))
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


def wait_until_up(base: str, process: subprocess.Popen, log: Path, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}") from None
            time.sleep(0.3)
