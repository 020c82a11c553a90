"""Request bodies are capped before anything reads them, and saved what-ifs per roadmap too.

Regression tests for issue 10, point 7: a 100 MB multipart file with a valid CSRF pair was read
and answered 200, and "Save as a new assessment" made 40 assessments in 0.7 s.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from careers.catalog.models import CalibrationPersona
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_cap(settings):
    settings.MAX_REQUEST_BYTES = 4096
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4096


def test_a_body_over_the_cap_gets_a_readable_413_before_it_is_read(client, catalog, small_cap):
    upload = SimpleUploadedFile("big.csv", b"x" * 10_000, content_type="text/csv")
    response = client.post(reverse("quiz_step", args=[1]), {"step": "1", "file": upload})
    assert response.status_code == 413
    assert "too large" in response.text


def test_the_cap_holds_with_the_csrf_check_on(catalog, small_cap):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"))
    token = page.context["csrf_token"] if page.context else client.cookies["csrftoken"].value
    upload = SimpleUploadedFile("big.bin", b"x" * 10_000)
    response = client.post(reverse("login"), {"csrfmiddlewaretoken": token, "file": upload})
    assert response.status_code == 413


def test_a_body_under_the_cap_is_served(client, catalog, small_cap):
    response = client.post(reverse("quiz_step", args=[1]), {"step": "1"})
    assert response.status_code == 200  # the step again, asking for its answers


def test_saved_what_ifs_per_roadmap_are_limited(client, catalog, settings, steady_clock):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "save": (2, 3600)}
    persona = CalibrationPersona.objects.get(name="New graduate")
    assessment = create_assessment(persona.skills, persona.preferences)
    url = reverse("roadmap_what_if_save", args=[assessment.token])
    skill = next(iter(assessment.answers["skills"]))
    codes = [client.post(url, {"skill": skill, "value": "3"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert Assessment.objects.filter(previous=assessment).count() == 2
