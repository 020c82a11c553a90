"""One JSON log format for every logger, and no roadmap token in any log line.

Regression tests for issue 10, point 9: the request log wrote request.path, so every roadmap's
secret token ended up in the logs, and only the careers logger wrote JSON.
"""

import io
import json
import logging

import pytest
from django.urls import reverse

from careers.catalog.models import CalibrationPersona
from careers.roadmap.assessments import create_assessment
from careers.roadmap.progress import plan_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the configured log handlers write, as parsed JSON lines (every line must be JSON)."""
    names = ["", "careers", "careers.requests", "django", "django.request", "django.security"]
    handlers = {
        handler
        for name in names
        for handler in logging.getLogger(name).handlers
        if handler.name == "stderr"  # the one settings.LOGGING configures, not pytest's
    }
    output = io.StringIO()
    streams = {handler: handler.setStream(output) for handler in handlers}

    def read() -> list[dict]:
        text = output.getvalue()
        output.seek(0)
        output.truncate()
        return [json.loads(line) for line in text.splitlines() if line]

    yield read
    for handler, stream in streams.items():
        handler.setStream(stream)


@pytest.fixture
def assessment(catalog):
    persona = CalibrationPersona.objects.get(name="LLM product builder")
    return create_assessment(persona.skills, persona.preferences)


def test_no_roadmap_token_reaches_the_log(client, assessment, log_lines):
    step = plan_steps(assessment, assessment.result["recommended"])[0]
    log_lines()  # what came before
    client.get(assessment.get_absolute_url())
    client.get(reverse("roadmap_json", args=[assessment.token]))
    client.post(reverse("roadmap_step", args=[assessment.token, step.id]), {"status": "bad"})
    client.post(reverse("roadmap_step", args=[assessment.token, 999999]), {"status": "done"})
    lines = log_lines()
    assert len(lines) >= 4
    assert all(assessment.token not in json.dumps(line) for line in lines)
    requests = [line for line in lines if line["logger"] == "careers.requests"]
    assert {line["route"] for line in requests} >= {"roadmap/<token:token>/"}
    assert requests[0]["path"].startswith("/roadmap/") and requests[0]["status"] == 200


def test_every_logger_writes_the_same_json(client, catalog, log_lines):
    log_lines()
    client.get("/no-such-page/")  # django.request's warning
    logging.getLogger("django.security.csrf").warning("Forbidden (CSRF token missing.)")
    logging.getLogger("axes").warning("a sign-in failed")
    lines = log_lines()
    by_logger = {line["logger"]: line for line in lines}
    assert {"careers.requests", "django.request", "django.security.csrf", "axes"} <= set(by_logger)
    for line in lines:
        assert {"time", "level", "logger", "message"} <= set(line)
    assert by_logger["django.request"]["message"] == "Not Found: /no-such-page/"
