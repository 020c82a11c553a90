"""Queries per quiz step and per submission are pinned, and stay put as the catalog grows 10×."""

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.catalog.models import CatalogEdition
from careers.catalog.scoring_catalog import cached_catalog
from careers.plumbing.daily_counts import DailyCount
from careers.quiz.quick import quick_quiz
from careers.quiz.steps import quiz_catalog
from careers.roadmap.events import QUIZ_STARTED
from careers.roadmap.models import Assessment, CatalogSnapshot
from careers.roadmap.page import category_names
from careers.roadmap.plans import current_catalog
from careers.web.navigation import track_links
from tests.helpers import (
    HTMX,
    answers_for,
    finish_quiz,
    post_quick,
    post_step,
    shown_ask,
    shown_choices,
    step_count,
    step_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def all_answers(sized_catalog) -> dict[int, dict]:
    """Every step's form, prepared before counting (the helpers query too), and the quiz as
    this process reads it from the catalog once per edition (test_reading_the_quiz counts
    that), its snapshot kept as the edition's first result keeps it."""
    quiz_catalog(), cached_catalog(), track_links()
    CatalogSnapshot.keep(current_catalog().snapshot)
    return {number: answers_for(number) for number in range(1, step_count() + 1)}


def test_reading_the_quiz_from_the_catalog(sized_catalog, django_assert_num_queries):
    # An edition this process has not read the quiz for. Every test rolls the seeded edition
    # back, so without this whether the quiz is built here depended on the tests before.
    CatalogEdition.start_new()
    # the edition; categories, skills, their examples, preference questions and their options
    with django_assert_num_queries(6):
        quiz = quiz_catalog()
    assert len(quiz.steps) == step_count()
    with django_assert_num_queries(1):  # the same edition: only it is asked
        assert quiz_catalog() is quiz


def session_read(settings) -> int:
    """The query that reads the session: none where the shared cache has it (cached_db)."""
    return 0 if settings.REDIS_URL else 1


def test_showing_a_step(client, all_answers, django_assert_num_queries, settings):
    post_step(client, 1, all_answers[1])
    # session, the catalog's edition for what the step asks and for the header's track links
    # (both kept per edition)
    with django_assert_num_queries(2 + session_read(settings)):
        assert client.get(step_url(2)).status_code == 200


@pytest.fixture
def started_today(db):
    """Someone started the quiz earlier today: counting another start is one UPDATE, as on
    every day after its first start."""
    DailyCount.objects.create(event=QUIZ_STARTED, day=timezone.localdate(), count=1)


def test_posting_a_step_without_javascript(
    client, all_answers, started_today, django_assert_num_queries, settings
):
    # session, the catalog's edition, today's count of quizzes started (these are the attempt's
    # first answers), session update (inside a savepoint pair)
    with django_assert_num_queries(6):
        assert post_step(client, 1, all_answers[1]).status_code == 302
    # the next step: no count, the attempt has begun; the session is read now (not where the
    # shared cache has it), the edition, the session update in its savepoint pair
    with django_assert_num_queries(4 + session_read(settings)):
        assert post_step(client, 2, all_answers[2]).status_code == 302


def test_posting_a_step_with_htmx(client, all_answers, started_today, django_assert_num_queries):
    # as above: the next step's questions are kept per edition too
    with django_assert_num_queries(6):
        assert post_step(client, 1, all_answers[1], **HTMX).status_code == 200


def test_submitting_the_quiz(client, all_answers, django_assert_num_queries, settings):
    last = max(all_answers)
    for number in range(1, last):
        post_step(client, number, all_answers[number])
    # session, the catalog's edition for the quiz and for scoring with the plan's steps (each
    # kept per edition), the catalog snapshot the result points at (kept by the edition's first
    # result) and the insert, and the session update (each inside a savepoint pair)
    with django_assert_num_queries(9 + session_read(settings)):
        assert post_step(client, last, all_answers[last]).status_code == 302
    assert Assessment.objects.count() == 1


def test_the_result_page_and_export(client, all_answers, django_assert_num_queries, settings):
    for number in sorted(all_answers):
        post_step(client, number, all_answers[number])
    assessment = Assessment.objects.get()
    token = assessment.token
    # what this process reads once per catalog edition or catalog version
    category_names(), track_links(), assessment.scoring_catalog  # noqa: B018
    # session (who is logged in), the assessment (without its stored catalog: it is kept parsed
    # by version), its progress, the catalog's edition for the page, the chart's category names
    # and the header's links (each read once per edition), then the track's pay, levels, exits,
    # demand and FAQ
    with django_assert_num_queries(10 + session_read(settings)):
        assert client.get(reverse("roadmap", args=[token])).status_code == 200
    # again, or another person's on the same track: the market facts are kept per edition
    with django_assert_num_queries(5 + session_read(settings)):
        assert client.get(reverse("roadmap", args=[token])).status_code == 200
    # the assessment and its progress
    with django_assert_num_queries(2):
        assert client.get(reverse("roadmap_json", args=[token])).status_code == 200
    # a later phase opened: the assessment and its progress
    phases = assessment.saved_result.tracks[0].plan
    assert len(phases) > 1
    with django_assert_num_queries(2):
        url = reverse("roadmap_phase", args=[token, phases[1].band])
        assert client.get(url, **HTMX).status_code == 200


# --- the quick quiz -----------------------------------------------------------------------------


@pytest.fixture
def quick_ready(sized_catalog, client):
    """The quick quiz's tables and questions built for this edition, and one answer given (the
    page is then this person's own, not the page kept for everyone)."""
    quiz_catalog(), cached_catalog(), quick_quiz(), track_links()
    html = client.get(reverse("quiz")).text
    post_quick(client, shown_ask(html), shown_choices(html)[0])
    return client.get(reverse("quiz")).text


def test_showing_a_quick_question(client, quick_ready, django_assert_num_queries, settings):
    # session, the catalog's edition for the questions and the header's links (each kept per
    # edition); the verdict is the one the answer's post kept in the session (issue 25): no
    # stop rule's tables to read
    with django_assert_num_queries(2 + session_read(settings)):
        assert client.get(reverse("quiz")).status_code == 200


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_answering_a_quick_question(
    client, quick_ready, django_assert_num_queries, headers, settings
):
    ask, choice = shown_ask(quick_ready), shown_choices(quick_ready)[0]
    # session, the catalog's edition for the questions and for the stop rule's tables, the
    # session update (inside a savepoint pair); the next question is on the same tables
    with django_assert_num_queries(5 + session_read(settings)):
        assert post_quick(client, ask, choice, **headers).status_code in {200, 302}


# --- taking a roadmap back (issue 24, point 12) ---------------------------------------------------


@pytest.fixture
def finished(catalog, client) -> Assessment:
    """A finished quiz's roadmap (this session remembers its token) with two steps done."""
    finish_quiz(client)
    assessment = Assessment.objects.get()
    steps = assessment.saved_result.tracks[0].gaps[0].steps
    for step in steps[:2]:
        url = reverse("roadmap_step", args=[assessment.token, step])
        client.post(url, {"status": "done"})
    track_links()
    return assessment


def test_taking_a_roadmap_back(client, finished, django_assert_num_queries, settings):
    token = finished.token
    # the roadmap (its token, owner and date only), the catalog's edition for the header's
    # links (kept per edition), the session (who is asking)
    with django_assert_num_queries(2 + session_read(settings)):
        assert client.get(reverse("roadmap_delete", args=[token])).status_code == 200
    # the roadmap, its new token (a conditional UPDATE), the session, and the quiz it remembers
    # pointed at the new token (an update inside a savepoint pair)
    with django_assert_num_queries(5 + session_read(settings)):
        assert client.post(reverse("roadmap_new_link", args=[token])).status_code == 302
    finished.refresh_from_db()
    # the roadmap, then deleting it whole: its progress, the links of results that retake it,
    # itself; then the session, which forgets its token (an update inside a savepoint pair)
    with django_assert_num_queries(7 + session_read(settings)):
        response = client.post(reverse("roadmap_delete", args=[finished.token]))
        assert response.status_code == 302
    assert not Assessment.objects.exists()
