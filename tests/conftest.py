import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from careers.benchmark.catalog_growth import grow_catalog
from careers.catalog.models import Track
from tests.servers import manage, site_env


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
    and its DATABASE_URL (made once a session and copied: each server a test starts gets a
    database of its own)."""
    seeded = tmp_path_factory.mktemp("seeded") / "seeded.sqlite3"
    env = site_env(DATABASE_URL=f"sqlite:///{seeded}")
    manage(env, "migrate", "--noinput")
    manage(env, "seed_catalog")

    def copy_to(path: Path) -> str:
        shutil.copyfile(seeded, path)
        return f"sqlite:///{path}"

    return copy_to
