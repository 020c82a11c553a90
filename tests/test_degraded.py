"""When a dependency fails, the site degrades or says so; /healthz tells the truth about saving.

Regression tests for issue 10, point 3: with Redis gone every quiz post was a 500 (the rate
limiter's cache call raised) while /healthz said ok, and a database that refused writes still
answered "ok".
"""

import logging
from contextlib import contextmanager

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.db import connection
from django.test import Client
from django.urls import reverse

from careers.catalog.models import CalibrationPersona, SkillCategory
from careers.plumbing import shared_cache
from careers.plumbing.sessions import SessionStore
from careers.quiz.state import SESSION_KEY
from careers.roadmap.assessments import create_assessment
from careers.roadmap.progress import plan_steps
from tests.benchmark.server import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings, monkeypatch):
    """The shared cache configured, as with REDIS_URL, but nothing listening at its address.
    The outage starts now: no warning has been logged for it yet (one every WARN_SECONDS)."""
    monkeypatch.setattr(shared_cache, "_last_warning", 0.0)
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }


@contextmanager
def read_only_database():
    """The database refuses every write, as a full disk or a read-only failover does (in
    autocommit: a transactional test)."""
    statement = {
        "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF"),
        "postgresql": (
            "SET default_transaction_read_only = on",
            "SET default_transaction_read_only = off",
        ),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(statement[0])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(statement[1])


@pytest.fixture
def assessment(catalog):
    persona = CalibrationPersona.objects.get(name="LLM product builder")
    return create_assessment(persona.skills, persona.preferences)


def first_step_answers(rating: int = 2) -> dict:
    category = SkillCategory.objects.filter(skills__isnull=False).order_by("order").first()
    return {slug: rating for slug in category.skills.values_list("slug", flat=True)}


def test_quiz_answers_still_save_while_the_shared_cache_is_down(
    client, catalog, cache_down, caplog
):
    answers = first_step_answers()
    with caplog.at_level(logging.WARNING, logger="careers.cache"):
        response = client.post(reverse("quiz_step", args=[1]), {"step": 1, **answers})
    assert response.status_code == 302
    assert client.session[SESSION_KEY]["skills"] == answers
    assert any("shared cache unreachable" in record.getMessage() for record in caplog.records)


def test_progress_still_saves_while_the_shared_cache_is_down(client, assessment, cache_down):
    step = plan_steps(assessment, assessment.result["recommended"])[0]
    url = reverse("roadmap_step", args=[assessment.token, step.id])
    assert client.post(url, {"status": "done"}).status_code == 302
    assert assessment.progress.get(step_id=step.id).status == "done"


def test_a_quiz_is_scored_from_the_database_while_the_shared_cache_is_down(catalog, cache_down):
    persona = CalibrationPersona.objects.get(name="Tabular-ML engineer")
    assert create_assessment(persona.skills, persona.preferences).result["tracks"]


def test_healthz_says_the_cache_is_down_but_keeps_the_instance_in(client, cache_down):
    response = client.get("/healthz")
    assert response.status_code == 200  # answers still save: taking every instance out is worse
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


@pytest.mark.django_db(transaction=True)  # the session setting outlives a test's transaction
def test_healthz_fails_when_the_database_refuses_writes(client):
    with read_only_database():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert client.get("/healthz").status_code == 200  # and recovers with the database


@pytest.mark.django_db(transaction=True)
def test_a_post_the_database_refuses_gets_a_readable_503(django_user_model):
    client = Client(raise_request_exception=False)
    form = {"username": "ada", "password1": "pw-ada-12345!", "password2": "pw-ada-12345!"}
    with read_only_database():
        response = client.post(reverse("signup"), form)
    assert not django_user_model.objects.exists()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "could not be saved" in response.text


@pytest.mark.django_db(transaction=True)
def test_a_session_the_database_cannot_update_is_a_503_not_a_400(catalog):
    # Django's database sessions turn any error while updating a session into "the session was
    # deleted" (400): with the database failing, people were told their request was bad.
    client = Client(raise_request_exception=False)
    assert client.post(reverse("quiz_step", args=[1]), {"step": 1}).status_code == 200
    answers = first_step_answers()
    assert client.post(reverse("quiz_step", args=[1]), {"step": 1, **answers}).status_code == 302
    with read_only_database():
        changed = {"step": 1, **first_step_answers(rating=3)}
        response = client.post(reverse("quiz_step", args=[1]), changed)
    assert response.status_code == 503


def test_an_error_page_made_after_the_page_was_filled_has_no_placeholders(catalog, monkeypatch):
    # A session deleted mid-request (a logout elsewhere) is a 400 made by the session
    # middleware, outside the one that fills placeholders in: it must carry real values.
    client = Client()
    client.post(reverse("quiz_step", args=[1]), {"step": 1, **first_step_answers()})

    def deleted_meanwhile(self, must_create=False):
        raise UpdateError

    monkeypatch.setattr(SessionStore, "save", deleted_meanwhile)
    changed = {"step": 1, **first_step_answers(rating=3)}
    response = client.post(reverse("quiz_step", args=[1]), changed)
    assert response.status_code == 400
    assert "-hole-" not in response.text
