"""Everything reached by a roadmap's token is private: no shared cache may keep it.

Regression test for issue 10, point 11: /roadmap/<token>.json and what-if replies carried no
Cache-Control at all.
"""

import pytest
from django.urls import reverse

from careers.catalog.models import CalibrationPersona
from careers.roadmap.assessments import create_assessment
from careers.roadmap.progress import plan_steps
from tests.helpers import HTMX

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(catalog):
    persona = CalibrationPersona.objects.get(name="LLM product builder")
    return create_assessment(persona.skills, persona.preferences)


def token_responses(client, assessment):
    token = assessment.token
    skill = next(iter(assessment.answers["skills"]))
    step = plan_steps(assessment, assessment.result["recommended"])[0]
    yield "roadmap", client.get(reverse("roadmap", args=[token]))
    yield "roadmap (htmx)", client.get(reverse("roadmap", args=[token]), **HTMX)
    yield "json", client.get(reverse("roadmap_json", args=[token]))
    what_if = reverse("roadmap_what_if", args=[token])
    yield "what-if", client.get(what_if, {"skill": skill, "value": "4"})
    yield "what-if (htmx)", client.get(what_if, {"skill": skill, "value": "4"}, **HTMX)
    progress = reverse("roadmap_step", args=[token, step.id])
    yield "progress (htmx)", client.post(progress, {"status": "done"}, **HTMX)
    hours = reverse("roadmap_hours", args=[token])
    yield "hours (htmx)", client.post(hours, {"hours_per_week": "5"}, **HTMX)
    yield "calendar", client.get(reverse("roadmap_calendar", args=[token]))
    graduate = CalibrationPersona.objects.get(name="New graduate")  # L4: a second phase
    later = create_assessment(graduate.skills, graduate.preferences)
    phase = reverse("roadmap_phase", args=[later.token, 3])
    yield "a later phase (htmx)", client.get(phase, **HTMX)
    # issue 24, point 12: taking a roadmap back
    delete = reverse("roadmap_delete", args=[later.token])
    yield "delete, asking first", client.get(delete)
    yield "delete, asking first (htmx)", client.get(delete, **HTMX)
    yield "new link (htmx)", client.post(reverse("roadmap_new_link", args=[later.token]), **HTMX)


def test_every_token_page_is_private_and_never_stored(client, assessment):
    for name, response in token_responses(client, assessment):
        assert response.status_code == 200, name
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= cache_control, name
