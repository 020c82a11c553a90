"""Quiz answers and progress changes are rate-limited per person (their session), with a much
higher ceiling per address, and a friendly 429."""

import pytest
from django.test import Client
from django.urls import reverse

from careers.quiz.state import SESSION_KEY
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.progress import plan_steps
from tests.helpers import (
    answers_for,
    finish_quiz,
    post_quick,
    post_step,
    quiz_state,
    shown_ask,
    shown_choices,
    step_count,
    step_skills,
)

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
    url = f"/roadmap/{assessment.token}/steps/{step.id}/"
    statuses = ["doing", "done", "skipped"]
    codes = [client.post(url, {"status": status}).status_code for status in statuses]
    assert codes == [302, 302, 429]
    assert assessment.progress.get(step_id=step.id).status == StepProgress.Status.DONE


# --- kept results, per address (issue 24, point 4) ----------------------------------------------


def first_question(client) -> tuple[str, str]:
    """The quick quiz's first question, and an answer to it."""
    html = client.get(reverse("quiz")).text
    return shown_ask(html), shown_choices(html)[0]


def finish_at_once(client, ask: str, answer: str, **extra):
    """One answer, then "Show my result now": a whole result kept from one post."""
    return post_quick(client, ask, answer, nav="result", **extra)


def test_one_address_keeps_at_most_100_results_an_hour_however_many_sessions(catalog, steady_clock):
    # Issue 24, point 4: one post with one answer from a fresh session kept a whole result
    # (71–83 KB), and one address could keep about 10 GB of them an hour.
    ask, answer = first_question(Client())
    codes = [finish_at_once(Client(), ask, answer).status_code for _ in range(150)]
    assert Assessment.objects.count() == 100
    assert codes == [302] * 100 + [429] * 50


def test_a_classroom_of_40_behind_one_address_all_get_their_result(catalog, steady_clock):
    ask, answer = first_question(Client())
    classroom = [Client(REMOTE_ADDR="10.0.0.1") for _ in range(40)]
    codes = [finish_at_once(student, ask, answer).status_code for student in classroom]
    assert codes == [302] * 40


def test_a_refused_result_keeps_the_answers_for_later(client, catalog, settings, steady_clock):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "result": (1, 3600)}
    ask, answer = first_question(client)
    assert finish_at_once(Client(), ask, answer).status_code == 302  # someone else's, same address
    refused = finish_at_once(client, ask, answer)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "Your answers are kept" in refused.text
    assert Assessment.objects.count() == 1
    state = quiz_state(client)
    assert state["asked"] == [ask] and not state["finished"]

    assert finish_at_once(client, ask, answer, REMOTE_ADDR="198.51.100.2").status_code == 302
    assert Assessment.objects.count() == 2  # from elsewhere (or an hour later): the result


def test_saved_what_ifs_count_toward_the_same_bound(client, catalog, settings, steady_clock):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "result": (2, 3600)}
    assessment = create_assessment({"python": 2}, {})
    url = reverse("roadmap_what_if_save", args=[assessment.token])
    codes = [client.post(url, {"skill": "python", "value": "3"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert Assessment.objects.count() == 3


def test_a_refused_full_questionnaire_keeps_every_answer(client, catalog, settings, steady_clock):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "result": (0, 3600)}
    refused = finish_quiz(client)
    assert refused.status_code == 429 and "Your answers are kept" in refused.text
    assert not Assessment.objects.exists()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "result": (100, 3600)}
    last = step_count()
    assert post_step(client, last, answers_for(last)).status_code == 302  # the last step again
    every_skill = {slug: 2 for number in range(1, last) for slug in step_skills(number)}
    assert Assessment.objects.get().answers["skills"] == every_skill  # nothing asked twice
