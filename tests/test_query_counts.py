"""Queries per quiz step and per submission are pinned, and stay put as the catalog grows 10×."""

import pytest
from django.urls import reverse

from careers.roadmap.models import Assessment
from tests.helpers import HTMX, answers_for, post_step, step_count, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def all_answers(sized_catalog) -> dict[int, dict]:
    """Every step's form, prepared before counting (the helpers query too)."""
    return {number: answers_for(number) for number in range(1, step_count() + 1)}


def test_showing_a_step(client, all_answers, django_assert_num_queries):
    post_step(client, 1, all_answers[1])
    # session, the catalog's edition, steps, skills, their examples, the check for earlier
    # unanswered steps (2), the header's track links
    with django_assert_num_queries(8):
        assert client.get(step_url(2)).status_code == 200
    # the same answers again: the page as rendered, after the session and the edition
    with django_assert_num_queries(2):
        assert client.get(step_url(2)).status_code == 200


def test_posting_a_step_without_javascript(client, all_answers, django_assert_num_queries):
    # steps, session, skills, examples, session update (inside a savepoint pair)
    with django_assert_num_queries(7):
        assert post_step(client, 1, all_answers[1]).status_code == 302


def test_posting_a_step_with_htmx(client, all_answers, django_assert_num_queries):
    # as above, plus the next step's skills and examples
    with django_assert_num_queries(9):
        assert post_step(client, 1, all_answers[1], **HTMX).status_code == 200


def test_submitting_the_quiz(client, all_answers, django_assert_num_queries, settings):
    last = max(all_answers)
    for number in range(1, last):
        post_step(client, number, all_answers[number])
    # steps, session, questions (2), unanswered check (2), catalog (5, and its edition with a
    # shared cache), plan steps (2), why each skill matters (1), insert, session update, and
    # savepoints
    with django_assert_num_queries(20 + bool(settings.REDIS_URL)):
        assert post_step(client, last, all_answers[last]).status_code == 302
    assert Assessment.objects.count() == 1


def test_the_result_page_and_export(client, all_answers, django_assert_num_queries):
    for number in sorted(all_answers):
        post_step(client, number, all_answers[number])
    token = Assessment.objects.get().token
    # session (who is logged in), what can change on the page (the assessment's hours and owner,
    # progress on it and on the one it retakes), the catalog's edition; then the assessment,
    # its progress again, skill category names for the chart, the track's pay, levels, exits,
    # demand and FAQ, and the header's track links
    with django_assert_num_queries(12):
        assert client.get(reverse("roadmap", args=[token])).status_code == 200
    # unchanged since: the page as rendered, after the first three
    with django_assert_num_queries(3):
        assert client.get(reverse("roadmap", args=[token])).status_code == 200
    # the assessment and its progress
    with django_assert_num_queries(2):
        assert client.get(reverse("roadmap_json", args=[token])).status_code == 200
