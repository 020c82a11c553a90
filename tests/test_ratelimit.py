"""Quiz answers and progress changes are rate-limited per person (their session), with a much
higher ceiling per address, and a friendly 429."""

import pytest
from django.test import Client

from careers.quiz.state import SESSION_KEY
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import StepProgress
from careers.roadmap.progress import plan_steps
from tests.helpers import answers_for, post_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings, steady_clock):
    settings.RATE_LIMITS = {"quiz": (3, 60), "progress": (2, 60)}
    settings.ADDRESS_RATE_LIMITS = {"quiz": (50, 60), "progress": (50, 60)}


def test_too_many_quiz_posts_get_a_friendly_429(client, catalog, tight_limits):
    post_step(client, 1, answers_for(1, default=1))  # the first post starts the session
    for _ in range(3):
        assert post_step(client, 1, answers_for(1, default=1)).status_code == 302
    response = post_step(client, 1, answers_for(1, default=4))
    assert response.status_code == 429
    assert "Slow down a little" in response.text and "this one was not saved" in response.text
    assert 0 < int(response["Retry-After"]) <= 60
    assert set(client.session[SESSION_KEY]["skills"].values()) == {1}  # the 4th was not kept


def test_reading_pages_is_not_limited(client, catalog, tight_limits):
    for _ in range(10):
        assert client.get("/quiz/1/").status_code == 200


def test_a_classroom_behind_one_address_can_all_finish(catalog, tight_limits):
    # Issue 10, point 5: the count was per address, so 32 people behind one office or campus
    # address shared one limit and none of them finished.
    classroom = [Client(REMOTE_ADDR="10.0.0.1") for _ in range(12)]
    for student in classroom:
        codes = [post_step(student, 1, answers_for(1)).status_code for _ in range(4)]
        assert codes == [302] * 4


def test_one_address_has_a_ceiling_however_many_sessions_it_makes(catalog, tight_limits):
    codes = [post_step(Client(), 1, answers_for(1)).status_code for _ in range(52)]
    assert codes[:50] == [302] * 50 and codes[50:] == [429, 429]


def test_forwarded_addresses_count_only_behind_trusted_proxies(catalog, tight_limits, settings):
    settings.ADDRESS_RATE_LIMITS = {"quiz": (3, 60)}
    spoofed = [post_step(Client(), 1, answers_for(1), HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
               for n in range(4)]  # fmt: skip
    assert spoofed[-1].status_code == 429  # rotating a header buys nothing

    settings.TRUSTED_PROXIES = 1
    for _ in range(3):
        post_step(Client(), 1, answers_for(1), HTTP_X_FORWARDED_FOR="5.6.7.8")
    assert post_step(Client(), 1, answers_for(1), HTTP_X_FORWARDED_FOR="5.6.7.8").status_code == 429
    assert post_step(Client(), 1, answers_for(1), HTTP_X_FORWARDED_FOR="9.9.9.9").status_code == 302


def test_progress_changes_are_limited_too(client, catalog, tight_limits):
    assessment = create_assessment({"python": 2}, {})
    step = plan_steps(assessment, assessment.result["recommended"])[0]
    url = f"/roadmap/{assessment.token}/steps/{step['id']}/"
    statuses = ["doing", "done", "skipped"]
    codes = [client.post(url, {"status": status}).status_code for status in statuses]
    assert codes == [302, 302, 429]
    assert assessment.progress.get(step_id=step["id"]).status == StepProgress.Status.DONE
