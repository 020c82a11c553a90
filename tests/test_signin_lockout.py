"""Failed sign-ins lock out that username from that address (django-axes), before any password
is hashed, on the site's login and the admin's; success resets the count.

Regression tests for issue 10, point 2: 60 wrong passwords in 18 s were all tried, and the
password hashing of a few concurrent attempts slowed every other page.
"""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.backends import ModelBackend
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "vivid-otter-lantern-42"
LIMIT = 5


@pytest.fixture
def ada(django_user_model):
    return django_user_model.objects.create_user("ada", password=PASSWORD, is_staff=True)


@pytest.fixture
def hashed(monkeypatch):
    """How many sign-in attempts got as far as checking a password."""
    calls = []
    authenticate = ModelBackend.authenticate

    def counting(self, request, *args, **kwargs):
        calls.append(1)
        return authenticate(self, request, *args, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    return calls


LOGINS = {"site": lambda: reverse("login"), "admin": lambda: reverse("admin:login")}


def sign_in(client, where: str, password: str, address: str = "192.0.2.1"):
    url = LOGINS[where]()
    return client.post(url, {"username": "ada", "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("where", LOGINS)
def test_repeated_wrong_passwords_lock_out_without_hashing(client, ada, hashed, where):
    for _ in range(LIMIT - 1):
        assert sign_in(client, where, "wrong").status_code == 200  # the form, with its error
    last = sign_in(client, where, "wrong")
    assert last.status_code == 429
    assert "Too many failed sign-ins" in last.text and "15 minutes" in last.text
    tried = len(hashed)
    assert sign_in(client, where, PASSWORD).status_code == 429  # even the right password, now
    assert len(hashed) == tried  # refused before any password was checked
    assert "_auth_user_id" not in client.session


def test_a_lockout_holds_that_username_from_that_address_only(client, ada):
    for _ in range(LIMIT):
        sign_in(client, "site", "wrong")
    assert sign_in(Client(), "site", PASSWORD, address="198.51.100.7").status_code == 302


def test_signing_in_resets_the_count(client, ada):
    for _ in range(LIMIT - 1):
        sign_in(client, "site", "wrong")
    assert sign_in(client, "site", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert sign_in(client, "site", "wrong").status_code == 200
    assert sign_in(client, "site", PASSWORD).status_code == 302


def test_sign_in_posts_from_one_address_are_capped_whatever_the_username(
    client, ada, settings, steady_clock
):
    # Changing the username each time escapes a per-username lockout, not this ceiling: the
    # password hashing one address can cause is bounded.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signin": (8, 60)}
    statuses = [
        client.post(reverse("login"), {"username": f"guess{n}", "password": "x"}).status_code
        for n in range(10)
    ]
    assert statuses[:8] == [200] * 8 and statuses[8:] == [429, 429]


def test_sign_up_posts_count_toward_the_same_ceiling(client, settings, steady_clock):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signin": (2, 60)}
    form = {"username": "", "password1": "x", "password2": "y"}
    codes = [client.post(reverse("signup"), form).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def stored_usernames_overflowing_their_column() -> list[str]:
    """What django-axes kept that PostgreSQL's varchar would refuse (SQLite stores any length)."""
    too_long = []
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        limit = model._meta.get_field("username").max_length
        too_long += [name for name in model.objects.values_list("username", flat=True)
                     if name and len(name) > limit]  # fmt: skip
    return too_long


@pytest.mark.parametrize("where", LOGINS)
@pytest.mark.parametrize("length", [151, 256, 5000])
def test_a_username_longer_than_any_account_has_gets_a_form_error(
    client, ada, hashed, caplog, where, length
):
    # Issue 24, point 5: django-axes wrote a username over 255 characters into its varchar(255),
    # and the DataError answered "We are busy for a moment" (503) with an ERROR traceback.
    data = {"username": "a" * length, "password": "wrong"}
    response = client.post(LOGINS[where](), data, REMOTE_ADDR="192.0.2.1")
    assert not stored_usernames_overflowing_their_column()
    assert not AccessAttempt.objects.exists()  # no account has such a name: nothing to lock
    assert response.status_code == 200
    assert "at most 150 characters" in response.text
    assert not hashed
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
