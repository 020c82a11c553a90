"""Failed sign-ins lock out that username from that address (django-axes), before any password
is hashed, on the site's login and the admin's; success resets the count.

Regression tests for issue 10, point 2: 60 wrong passwords in 18 s were all tried, and the
password hashing of a few concurrent attempts slowed every other page.
"""

import pytest
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
