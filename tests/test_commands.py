"""The README's run command works from nothing, and the production entry point guards its key."""

import os
import re
import runpy
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from careers.plumbing.production import refuse_development_secret_key
from tests.benchmark.server import free_port
from tests.servers import fetch, gunicorn, site_env

ROOT = Path(__file__).resolve().parent.parent


def test_start_migrates_seeds_and_serves_on_an_empty_database(tmp_path):
    port = free_port()
    env = site_env(DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "start", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "the server did not answer within 90 s"
                time.sleep(0.5)
        assert status == 200
        assert "AI Engineer" in body and "ML Engineer" in body  # seeded from the fixtures
        status, css = fetch(f"http://127.0.0.1:{port}/static/admin/css/base.css")
        assert status == 200 and css  # static files served with DEBUG off
        # Pages link hashed copies, which browsers may keep forever.
        hashed = re.search(r'href="(/static/careers/site\.[0-9a-f]{12}\.css)"', body).group(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{hashed}", timeout=5) as response:
            assert response.status == 200
            assert "immutable" in response.headers["Cache-Control"]
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)
    # WAL is a property of the database file: readers keep reading while a request writes.
    with sqlite3.connect(tmp_path / "fresh.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_production_entry_point_refuses_the_development_key():
    check = [sys.executable, "-c", "import careers.wsgi"]
    refused = subprocess.run(check, cwd=ROOT, env=site_env(), capture_output=True, text=True)
    assert refused.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in refused.stderr


def test_the_guard_lets_a_real_key_or_debug_through(settings):
    settings.DEBUG, settings.SECRET_KEY = False, "x" * 50
    refuse_development_secret_key()
    settings.DEBUG, settings.SECRET_KEY = True, settings.DEVELOPMENT_SECRET_KEY
    refuse_development_secret_key()
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        refuse_development_secret_key()


def test_debug_is_off_unless_set():
    def debug_under(env: dict[str, str]) -> bool:
        # The settings module read afresh under that environment, as a new process would.
        with mock.patch.dict(os.environ, env, clear=True):
            return runpy.run_path(str(ROOT / "careers" / "settings.py"))["DEBUG"]

    assert debug_under(site_env()) is False
    assert debug_under(site_env(DJANGO_DEBUG="1")) is True


@pytest.mark.django_db
def test_sqlite_waits_for_a_busy_database_instead_of_failing():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only setting; this run uses " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000


def test_deploy_check_is_clean_under_production_settings():
    env = site_env(
        DJANGO_SECRET_KEY="s" * 20 + "-production-only-" + "k" * 20,
        DJANGO_HTTPS="1",
        DJANGO_ALLOWED_HOSTS="careers.example.com",
    )
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no issues" in check.stdout


def test_gunicorn_serves_the_app_as_the_readme_says(tmp_path, seeded_sqlite, collected_static):
    """The documented production commands: migrate, seed, collectstatic (run once a session by
    the fixtures, as manage.py commands on a new SQLite file), then gunicorn."""
    env = site_env(
        DATABASE_URL=seeded_sqlite(tmp_path / "prod.sqlite3"),
        DJANGO_SECRET_KEY="test-only-" + "x" * 40,
    )
    with gunicorn(env, tmp_path / "gunicorn.log", workers=2) as base:
        status, body = once_answered(f"{base}/healthz")
        assert status == 200 and '"database": "ok"' in body
        assert once_answered(f"{base}/tracks/")[0] == 200


def once_answered(url: str, seconds: float = 300) -> tuple[int, str]:
    """(status, body) of a GET, asked again until the server answers at all: gunicorn listens
    before its workers have loaded the app, and on a busy machine (a load of 10 on two cores)
    the first answer took longer than 5 s. The bound only stops a server that never answers."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode()
        except OSError:  # refused, reset or timed out: not ready yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
