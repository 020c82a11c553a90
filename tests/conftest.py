import io

import pytest
from django.core.management import call_command

from careers.benchmark.catalog_growth import grow_catalog
from careers.catalog.models import Track


def pytest_configure(config):
    """Tests render pages without running collectstatic first, so no manifest of hashed names."""
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the catalog once per test database; ordinary tests roll back on top of it."""
    with django_db_blocker.unblock():
        call_command("seed_catalog", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty caches: rate-limit counts and kept pages never leak between
    tests."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
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
