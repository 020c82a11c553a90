import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the catalog once per test database; ordinary tests roll back on top of it."""
    with django_db_blocker.unblock():
        call_command("seed_catalog", stdout=io.StringIO())


@pytest.fixture
def catalog(db):
    """The seeded catalog (seeded again after a transactional test has flushed the database)."""
    from careers.models import Track  # here, so test_scoring.py can also run without Django

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
