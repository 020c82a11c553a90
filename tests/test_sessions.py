"""Sessions: Django's database sessions, read with one plain query, behave as Django's do."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from careers.plumbing.sessions import SessionStore
from tests.helpers import answers_for, post_step, quiz_state

pytestmark = pytest.mark.django_db


def test_answers_so_far_come_back_on_the_next_request(client, catalog):
    post_step(client, 1, answers_for(1, default=3))
    stored = SessionStore(client.session.session_key).load()
    assert stored == dict(client.session.items()) and stored["quiz"]["skills"]
    assert "Continue where you left off (step 2)" in client.get("/quiz/").text


def test_an_expired_session_is_a_fresh_start(client, catalog):
    post_step(client, 1, answers_for(1))
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None  # a new key is made when something is saved
    assert quiz_state(client) == {}


def test_an_unknown_key_loads_nothing(db):
    store = SessionStore("x" * 32)
    assert store.load() == {} and store.session_key is None
