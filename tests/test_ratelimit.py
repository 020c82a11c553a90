"""Quiz answers and progress changes are rate-limited per client, with a friendly 429."""

import pytest

from careers.assessments import create_assessment, plan_steps
from careers.models import StepProgress
from careers.quiz import SESSION_KEY
from tests.test_quiz import answers_for, post_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_limits(settings):
    settings.RATE_LIMITS = {"quiz": (3, 60), "progress": (2, 60)}


def test_too_many_quiz_posts_get_a_friendly_429(client, catalog, tight_limits):
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


def test_each_client_has_its_own_count(client, catalog, tight_limits):
    for _ in range(3):
        post_step(client, 1, answers_for(1), REMOTE_ADDR="10.0.0.1")
    assert post_step(client, 1, answers_for(1), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert post_step(client, 1, answers_for(1), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_forwarded_addresses_count_only_behind_trusted_proxies(
    client, catalog, tight_limits, settings
):
    spoofed = {"HTTP_X_FORWARDED_FOR": "1.2.3.4"}
    for n in range(4):
        spoofed["HTTP_X_FORWARDED_FOR"] = f"1.2.3.{n}"  # rotating a header buys nothing
        response = post_step(client, 1, answers_for(1), **spoofed)
    assert response.status_code == 429

    settings.TRUSTED_PROXIES = 1
    headers = {"HTTP_X_FORWARDED_FOR": "5.6.7.8"}
    for _ in range(3):
        post_step(client, 1, answers_for(1), **headers)
    assert post_step(client, 1, answers_for(1), **headers).status_code == 429
    assert post_step(client, 1, answers_for(1), HTTP_X_FORWARDED_FOR="9.9.9.9").status_code == 302


def test_progress_changes_are_limited_too(client, catalog, tight_limits):
    assessment = create_assessment({"python": 2}, {})
    step = plan_steps(assessment, assessment.result["recommended"])[0]
    url = f"/roadmap/{assessment.token}/steps/{step['id']}/"
    statuses = ["doing", "done", "skipped"]
    codes = [client.post(url, {"status": status}).status_code for status in statuses]
    assert codes == [302, 302, 429]
    assert assessment.progress.get(step_id=step["id"]).status == StepProgress.Status.DONE
