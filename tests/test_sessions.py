"""Sessions: Django's cached_db sessions with a shared cache and its database sessions without,
behaving as Django's do."""

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
    assert "Continue where you left off (step 2)" in client.get("/quiz/all/").text


def test_an_expired_session_is_a_fresh_start(client, catalog, settings):
    settings.REDIS_URL = ""  # the row is aged behind the shared cache's back: ask the database
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


@pytest.fixture
def shared_cache(settings):
    """A shared cache, as REDIS_URL gives in production (locmem stands in for Redis here)."""
    settings.REDIS_URL = "redis://stand-in"


def test_with_a_shared_cache_a_session_is_read_from_it(
    client, catalog, shared_cache, django_assert_num_queries
):
    post_step(client, 1, answers_for(1, default=3))
    key = client.session.session_key
    with django_assert_num_queries(0):
        stored = SessionStore(key).load()
    assert stored["quiz"]["skills"]
    assert Session.objects.get(session_key=key).get_decoded() == stored  # and kept in the database


def test_without_a_shared_cache_a_session_is_read_from_the_database(
    client, catalog, settings, django_assert_num_queries
):
    settings.REDIS_URL = ""
    post_step(client, 1, answers_for(1, default=3))
    with django_assert_num_queries(1):
        assert SessionStore(client.session.session_key).load()["quiz"]["skills"]


def test_a_deleted_session_leaves_no_copy_in_the_shared_cache(client, catalog, shared_cache):
    post_step(client, 1, answers_for(1))
    key = client.session.session_key
    SessionStore(key).delete()
    assert not Session.objects.filter(session_key=key).exists()
    assert SessionStore(key).load() == {}
