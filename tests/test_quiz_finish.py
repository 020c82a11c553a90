"""Finishing the quiz is idempotent, and a quiz request that keeps nothing makes no session.

A resubmit of the last step (after a lost reply) and two submits at once land on one roadmap;
taking the quiz again makes a new one. Session rows are only written when the answers change.
"""

import copy
import threading
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from careers.core import scoring
from careers.roadmap import assessments
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment, CatalogSnapshot
from careers.roadmap.plans import current_snapshot
from tests.helpers import HTMX, answers_for, finish_quiz, post_step, step_count

pytestmark = pytest.mark.django_db

ATTEMPT = "a" * 22


def answer_all_but_the_last(client, **extra) -> None:
    for number in range(1, step_count()):
        post_step(client, number, answers_for(number), **extra)


def resubmit_the_last_step(client, **extra):
    return post_step(client, step_count(), answers_for(step_count()), **extra)


# --- a resubmit of the last step ----------------------------------------------------------------


def test_resubmitting_the_last_step_lands_on_the_same_roadmap(client, catalog):
    first = finish_quiz(client)
    again = resubmit_the_last_step(client)
    assessment = Assessment.objects.get()
    assert first["Location"] == assessment.get_absolute_url()
    assert again.status_code == 302 and again["Location"] == assessment.get_absolute_url()


def test_resubmitting_the_last_step_with_htmx_redirects_to_the_same_roadmap(client, catalog):
    first = finish_quiz(client, **HTMX)
    again = resubmit_the_last_step(client, **HTMX)
    assessment = Assessment.objects.get()
    assert first["HX-Redirect"] == again["HX-Redirect"] == assessment.get_absolute_url()


def test_a_finished_quiz_is_not_offered_to_resume(client, catalog):
    finish_quiz(client)
    html = client.get(reverse("quiz_all")).text
    assert "Start the quiz" in html and "Continue where you left off" not in html


def test_taking_the_quiz_again_makes_a_second_assessment(client, catalog):
    first = finish_quiz(client, default=2)
    client.get(reverse("quiz_all"))
    second = finish_quiz(client, default=3)
    old, new = Assessment.objects.order_by("pk")
    assert first["Location"] == old.get_absolute_url()
    assert second["Location"] == new.get_absolute_url() != old.get_absolute_url()
    assert set(new.answers["skills"].values()) == {3}
    # and a resubmit now lands on the newer one
    assert resubmit_the_last_step(client)["Location"] == new.get_absolute_url()


def test_a_retake_after_finishing_makes_a_new_assessment_linked_to_the_old(client, catalog):
    finish_quiz(client)
    old = Assessment.objects.get()
    client.post(reverse("roadmap_retake", args=[old.token]))
    response = finish_quiz(client, default=3)
    new = Assessment.objects.exclude(pk=old.pk).get()
    assert response["Location"] == new.get_absolute_url()
    assert new.previous == old


# --- two finishes of one attempt ---------------------------------------------------------------


def test_creating_an_attempt_twice_keeps_the_first(catalog):
    first = create_assessment({"python": 2}, {}, attempt=ATTEMPT)
    second = create_assessment({"python": 3}, {}, attempt=ATTEMPT)
    assert second == first and Assessment.objects.count() == 1
    assert second.answers["skills"]["python"] == 2


def test_assessments_without_an_attempt_are_all_kept(catalog):
    create_assessment({"python": 2}, {})
    create_assessment({"python": 2}, {})
    assert Assessment.objects.count() == 2


def test_losing_the_race_to_insert_returns_the_winner_and_the_transaction_goes_on(catalog):
    """Another request finishes the same attempt while this one is scoring: this one's insert
    breaks the unique constraint, and it answers with the other's assessment."""
    real_score = scoring.score
    meanwhile = []

    def score_while_another_request_finishes(*args, **kwargs):
        snapshot = CatalogSnapshot.keep(current_snapshot())
        other = Assessment.objects.create(answers={}, result={}, attempt=ATTEMPT, snapshot=snapshot)
        meanwhile.append(other)
        return real_score(*args, **kwargs)

    with (
        mock.patch.object(assessments.scoring, "score", score_while_another_request_finishes),
        transaction.atomic(),  # a caller's transaction stays usable after the lost race
    ):
        loser = create_assessment({"python": 1}, {}, attempt=ATTEMPT)
        assert Assessment.objects.count() == 1
    assert meanwhile and loser == meanwhile[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "connection.vendor == 'sqlite'",
    reason="SQLite's in-memory test database fails overlapping writes at once ('table is "
    "locked') where a SQLite file waits; the race is simulated above, and CI's PostgreSQL run "
    "has the real one",
)
def test_two_submits_of_the_last_step_at_once_make_one_assessment(catalog):
    """The same browser sends the last step twice at once (a double click, a retry while the
    first is still running): both requests score the same attempt side by side, then both
    insert. The unique constraint lets one in; the other answers with its roadmap."""
    first = Client()
    answer_all_but_the_last(first)
    second = Client()
    second.cookies = copy.deepcopy(first.cookies)  # the same session
    last = {"step": step_count(), "nav": "next", **answers_for(step_count())}
    url = reverse("quiz_step", args=[step_count()])

    both_scoring = threading.Barrier(2, timeout=10)
    real_score = scoring.score

    def score_side_by_side(*args, **kwargs):
        both_scoring.wait()  # neither inserts before both have read the session and scored
        return real_score(*args, **kwargs)

    def submit(client):
        try:
            return client.post(url, last)
        finally:
            connection.close()  # this thread's own connection

    with (
        mock.patch.object(assessments.scoring, "score", score_side_by_side),
        ThreadPoolExecutor(2) as pool,
    ):
        responses = list(pool.map(submit, [first, second]))
    assessment = Assessment.objects.get()
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {assessment.get_absolute_url()}


# --- no session for a request that keeps nothing ----------------------------------------------


def session_rows() -> int:
    return Session.objects.count()


def sets_session_cookie(response) -> bool:
    return settings.SESSION_COOKIE_NAME in response.cookies


def test_an_empty_step_makes_no_session(catalog):
    client, before = Client(), session_rows()
    response = post_step(client, 1, {})
    assert response.status_code == 200 and 'id="error-summary"' in response.text
    assert session_rows() == before and not sets_session_cookie(response)


def test_back_with_nothing_new_makes_no_session(catalog):
    client, before = Client(), session_rows()
    response = post_step(client, 1, {}, nav="back", **HTMX)
    assert response["HX-Redirect"] == reverse("quiz_all")
    response = post_step(client, 2, {}, nav="back")
    assert response.status_code == 302
    assert session_rows() == before and not sets_session_cookie(response)


def test_a_refused_post_makes_no_session(catalog):
    client, before = Client(), session_rows()
    response = post_step(client, 1, answers_for(1) | {"python": "7"})
    assert response.status_code == 400
    assert session_rows() == before and not sets_session_cookie(response)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_quiz_pages_make_no_session(catalog, headers):
    client, before = Client(), session_rows()
    for url in [reverse("quiz"), reverse("quiz_all"), reverse("quiz_step", args=[1])]:
        response = client.get(url, **headers)
        assert response.status_code == 200 and not sets_session_cookie(response)
    assert client.get(reverse("quiz_step", args=[3]))["Location"] == reverse("quiz_step", args=[1])
    assert session_rows() == before


def test_answers_make_the_session(catalog):
    client, before = Client(), session_rows()
    response = post_step(client, 1, answers_for(1))
    assert response.status_code == 302 and sets_session_cookie(response)
    assert session_rows() == before + 1


def test_the_same_answers_again_leave_the_session_as_it_was(catalog):
    client = Client()
    post_step(client, 1, answers_for(1))
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    stored = Session.objects.get(session_key=key)
    for nav in ["next", "back"]:
        response = post_step(client, 1, answers_for(1), nav=nav)
        assert response.status_code == 302 and not sets_session_cookie(response)
    again = Session.objects.get(session_key=key)
    assert (again.session_data, again.expire_date) == (stored.session_data, stored.expire_date)
