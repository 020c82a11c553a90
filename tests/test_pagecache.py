"""Kept pages: rendered once, yet never stale and never carrying another visitor's secrets."""

import gzip
import io
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.catalog.models import CalibrationPersona, CatalogEdition, FaqEntry, Track
from careers.catalog.models.base import CatalogRow
from careers.roadmap.assessments import create_assessment
from careers.roadmap.progress import plan_steps
from careers.web.pagecache import CACHE, CSRF_HOLE, NONCE_HOLE
from tests.benchmark.catalog_growth import grow_catalog
from tests.helpers import answers_for, post_step, public_urls, step_url

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, br"}


def html(response) -> str:
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content).decode()
    return response.content.decode()


def nonce_in_header(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


@pytest.fixture
def assessment(catalog):
    persona = CalibrationPersona.objects.get(name="LLM product builder")
    return create_assessment(persona.skills, persona.preferences)


def test_no_placeholder_ever_reaches_a_browser(client, catalog):
    for url in public_urls(client):
        for headers in ({}, GZIP):
            for _ in range(2):  # rendered, then kept
                page = html(client.get(url, **headers))
                assert CSRF_HOLE not in page and NONCE_HOLE not in page, url


@pytest.mark.parametrize("headers", [{}, GZIP], ids=["plain", "gzip"])
def test_each_visitor_gets_their_own_nonce_and_a_token_that_works(catalog, headers):
    nonces = set()
    for _ in range(3):  # the first renders the step, the others are served as kept
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get(step_url(1), **headers)
        page = html(response)
        nonce = nonce_in_header(response)
        assert f'nonce="{nonce}"' in page
        nonces.add(nonce)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        answers = {"csrfmiddlewaretoken": token, "step": 1, "nav": "next", **answers_for(1)}
        assert visitor.post(step_url(1), answers).status_code == 302  # not 403
    assert len(nonces) == 3


def test_gzip_only_for_browsers_that_take_it(client, catalog):
    client.get(reverse("tracks"))  # now kept
    assert client.get(reverse("tracks"), **GZIP)["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get(reverse("tracks"))
    assert "Accept-Encoding" in client.get(reverse("tracks"))["Vary"]


def test_an_edit_in_the_catalog_shows_at_once(client, catalog):
    track = Track.objects.get(slug="ai-engineer")
    pages = ["/", reverse("tracks"), reverse("track", args=[track.slug])]
    for url in pages:
        assert track.name in client.get(url).text
    track.name = "Applied AI Engineer"
    track.save()
    for url in pages:
        assert "Applied AI Engineer" in client.get(url).text, url


def test_a_deleted_or_unlinked_row_disappears_at_once(client, assessment):
    url = assessment.get_absolute_url()
    entry = FaqEntry.objects.filter(tracks__slug=assessment.result["recommended"]).first()
    assert entry.question in client.get(reverse("tracks")).text
    assert entry.question in client.get(url).text
    entry.tracks.clear()  # a many-to-many change, not a save
    assert entry.question not in client.get(url).text
    entry.delete()
    assert entry.question not in client.get(reverse("tracks")).text


def test_progress_shows_at_once(client, assessment):
    url = assessment.get_absolute_url()
    step = plan_steps(assessment, assessment.result["recommended"])[0]
    before = client.get(url).text
    assert "1 of" not in before.split("steps done")[0][-40:]  # nothing done yet
    client.post(
        reverse("roadmap_step", args=[assessment.token, step.id]),
        {"status": "done", "track": assessment.result["recommended"]},
    )
    after = client.get(url).text
    assert re.search(rf'id="step-{step.id}"[^>]*class="[^"]*status-done', after)


def test_new_answers_show_on_the_step_at_once(client, catalog):
    first = answers_for(1, default=1)
    post_step(client, 1, first)
    skill = next(iter(first))
    assert re.search(rf'id="{skill}-1"[^>]*checked', client.get(step_url(1)).text)
    post_step(client, 1, answers_for(1, default=3))
    page = client.get(step_url(1)).text
    assert re.search(rf'id="{skill}-3"[^>]*checked', page)
    assert not re.search(rf'id="{skill}-1"[^>]*checked', page)


def test_signing_in_never_shows_the_page_kept_for_visitors(client, catalog, django_user_model):
    assert "Log in" in client.get("/").text
    user = django_user_model.objects.create_user("ada", password="pw-ada-12345")
    client.force_login(user)
    page = client.get("/").text
    assert "Log out" in page and "Your roadmaps" in page


def test_a_bulk_growth_of_the_catalog_shows_at_once(client, catalog):
    url = reverse("track", args=["ai-engineer"])
    assert "Python #1" not in client.get(url).text
    grow_catalog(2)  # bulk_create: no signals, so it bumps the edition itself
    assert "Python #1" in client.get(url).text


def test_made_up_query_strings_are_served_the_kept_page(client, catalog, django_assert_num_queries):
    client.get(reverse("tracks"))
    for junk in range(3):
        with django_assert_num_queries(1):  # the catalog's edition: nothing rendered again
            assert client.get(reverse("tracks") + f"?junk={junk}").status_code == 200


def test_a_roadmaps_finish_date_moves_with_the_calendar(client, assessment, monkeypatch):
    client.post(
        reverse("roadmap_hours", args=[assessment.token]),
        {"hours_per_week": "6", "track": assessment.result["recommended"]},
    )
    finish = re.compile(r"done around <strong>([^<]+)</strong>")
    today = finish.search(client.get(assessment.get_absolute_url()).text).group(1)
    next_week = timezone.localdate() + timedelta(weeks=1)  # study weeks start on Saturdays
    monkeypatch.setattr(timezone, "localdate", lambda *args: next_week)
    later = finish.search(client.get(assessment.get_absolute_url()).text).group(1)
    assert later != today


def test_an_error_page_made_outside_the_filling_has_real_values(client, catalog):
    response = client.get("/", HTTP_HOST="elsewhere.example")  # refused by CommonMiddleware
    assert response.status_code == 400
    assert CSRF_HOLE not in response.text and NONCE_HOLE not in response.text


@pytest.mark.django_db(transaction=True)
def test_a_page_kept_before_the_database_was_flushed_never_matches_again(client, catalog):
    # Issue 10, point 10: the edition was a counter, so after a flush and a new seed the same
    # number of edits brought it back to a number pages had been kept under.
    def rename(name: str) -> None:
        track = Track.objects.get(slug="ai-engineer")
        track.name = name
        track.save()

    rename("Before the flush")
    assert "Before the flush" in client.get(reverse("tracks")).text  # now kept
    call_command("flush", "--noinput", verbosity=0)
    call_command("seed_catalog", stdout=io.StringIO())
    rename("After the flush")
    page = client.get(reverse("tracks")).text
    assert "After the flush" in page and "Before the flush" not in page


# --- what is kept (issue 11) ---------------------------------------------------------------


def kept_count() -> int:
    return len(caches[CACHE]._cache)


def same_for_everyone() -> list[str]:
    """The catalog's pages, and the quiz's first question and step before any answer."""
    urls = ["/", reverse("tracks"), reverse("quiz"), reverse("quiz_step", args=[1])]
    for track in Track.objects.prefetch_related("levels"):
        urls.append(reverse("track", args=[track.slug]))
        urls += [
            reverse("track_level", args=[track.slug, level.slug]) for level in track.levels.all()
        ]
    return urls


def test_only_pages_that_are_the_same_for_everyone_are_kept(client, assessment):
    urls = same_for_everyone()
    for url in urls:
        assert client.get(url).status_code == 200
    assert kept_count() == len(urls)
    post_step(client, 1, answers_for(1))  # answers: every quiz step is now this person's own
    for url in [
        step_url(1),
        step_url(2),
        reverse("quiz"),
        reverse("quiz_all"),
        assessment.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200
    assert kept_count() == len(urls)


def test_nothing_is_kept_for_people_signed_in(client, catalog, django_user_model):
    client.force_login(django_user_model.objects.create_user("ada", password="pw-ada-12345!"))
    for url in same_for_everyone():
        assert client.get(url).status_code == 200
    assert kept_count() == 0


CATALOG_TABLES = {model._meta.db_table for model in apps.get_app_config("careers").get_models()
                  if issubclass(model, CatalogRow)} | {CatalogEdition._meta.db_table}  # fmt: skip


def test_a_kept_page_reads_the_catalog_alone(client, catalog):
    # What a kept page shows is keyed on the catalog's edition alone: a page that read anything
    # else (people's assessments, a count of them) would be served stale. Anonymous visitors
    # have no session row to read.
    for url in same_for_everyone():
        caches[CACHE].clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        found = {t for query in queries for t in re.findall(r'FROM "?(\w+)"?', query["sql"])}
        assert found and found <= CATALOG_TABLES, url
