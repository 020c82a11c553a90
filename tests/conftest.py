import fcntl
import io
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

from careers.catalog.models import Track
from tests.benchmark.catalog_growth import grow_catalog
from tests.servers import manage, site_env

# A property's examples are judged by what they return, not how fast: on a loaded machine (two
# cores shared by the suite's workers, browsers and servers) one example can take many times
# Hypothesis's 200 ms deadline, which then fails a correct test as "flaky".
hypothesis_settings.register_profile("suite", deadline=None)
# A scheduled run looks harder for the rare case (HYPOTHESIS_PROFILE=thorough): a layout bug
# that a property met once in 25,000 examples made the everyday suite a coin toss until the
# edge it found became an @example.
hypothesis_settings.register_profile("thorough", deadline=None, max_examples=5_000)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


def pytest_configure(config):
    from django.conf import settings

    # Tests render pages without running collectstatic first, so no manifest of hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Django's advice for test speed: PBKDF2 takes about 0.5 s a password here, by design, and
    # tests make and check hundreds. Servers the tests start run the real settings.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    keep_workers_apart(settings)


def keep_workers_apart(settings) -> None:
    """Under pytest-xdist each worker is a process of its own with its own test database
    (pytest-django names it): give it its own Redis database and static folder too, here and in
    the servers its tests start (they read both from the environment), so that one worker's cache
    clear or collectstatic never lands in the middle of another's test."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, … (unset without xdist)
    if not worker:
        return
    if settings.REDIS_URL:
        url = own_redis_database(settings.REDIS_URL, int(worker.removeprefix("gw")))
        os.environ["REDIS_URL"] = settings.REDIS_URL = url
        settings.CACHES["default"]["LOCATION"] = url
    static_root = tempfile.mkdtemp(prefix=f"careers-static-{worker}-")
    os.chmod(static_root, 0o755)  # nginx's workers (tests/test_proxy.py) read it as www-data
    os.environ["DJANGO_STATIC_ROOT"] = static_root
    settings.STATIC_ROOT = Path(static_root)


def own_redis_database(url: str, worker: int) -> str:
    """The suite's Redis URL with a database number of the worker's own, counting down from the
    suite's (redis://host/15 → /15 for gw0, /14 for gw1, …): Redis has 16."""
    parts = urlsplit(url)
    first = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(first - worker) % 16}"))


def pytest_unconfigure(config):
    from django.conf import settings

    if os.environ.get("PYTEST_XDIST_WORKER"):
        shutil.rmtree(settings.STATIC_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the catalog once per test database; ordinary tests roll back on top of it."""
    with django_db_blocker.unblock():
        call_command("seed_catalog", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty caches: rate-limit counts, kept pages and rendered fragments
    never leak between tests (every test rolls back to the seeded edition, so a fragment kept
    under it by an earlier test would still match)."""
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def catalog(db):
    """The seeded catalog (seeded again after a transactional test has flushed the database)."""
    if not Track.objects.exists():
        call_command("seed_catalog", stdout=io.StringIO())
    return Track.objects.all()


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-editor-1")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(params=[1, 10], ids=["seed-catalog", "10x-catalog"])
def sized_catalog(request, catalog):
    grow_catalog(request.param)
    return request.param


@pytest.fixture
def steady_clock(monkeypatch):
    """Rate limits count in fixed windows of time: a test that sends many requests could
    straddle two windows and see half its count in each. This holds the clock still."""
    import types

    import careers.plumbing.ratelimit

    monkeypatch.setattr(
        careers.plumbing.ratelimit, "time", types.SimpleNamespace(time=lambda: 1_000_020.0)
    )


# --- for the servers tests start (tests/servers.py) -----------------------------------------------


@pytest.fixture(scope="session")
def collected_static() -> None:
    """manage.py collectstatic, once a session: the servers tests start link the hashed names it
    writes to settings.STATIC_ROOT (the same files whatever the server's other settings)."""
    manage(site_env(), "collectstatic", "--noinput")


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory):
    """copy_to(path): a SQLite file there as `manage.py migrate` and `seed_catalog` leave it,
    and its DATABASE_URL. The file is made once a run, by whichever pytest-xdist worker asks
    first (the others wait on a lock, then find it), and only ever copied: each server a test
    starts gets a database of its own."""
    seeded = run_folder(tmp_path_factory) / "seeded.sqlite3"
    with open(seeded.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not seeded.exists():
            making = seeded.with_suffix(".making")
            env = site_env(DATABASE_URL=f"sqlite:///{making}")
            manage(env, "migrate", "--noinput")
            manage(env, "seed_catalog")
            making.rename(seeded)

    def copy_to(path: Path) -> str:
        shutil.copyfile(seeded, path)
        return f"sqlite:///{path}"

    return copy_to


def run_folder(tmp_path_factory) -> Path:
    """A temporary folder of this run's own, shared by its pytest-xdist workers (each worker's
    base folder sits in it, as popen-gw0, popen-gw1, …)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
