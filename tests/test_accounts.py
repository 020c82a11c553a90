"""Optional accounts: sign up, log in and out, list your own roadmaps, keep one you took."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from careers.catalog.models import CalibrationPersona
from careers.core.result import HowSure, SavedResult, TrackVerdict
from careers.core.verdict import Sure, Verdict, VerdictKind
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment, CatalogSnapshot, StepProgress
from careers.roadmap.plans import current_snapshot
from careers.web.navigation import track_links
from tests.helpers import HTMX

# The test urlconf adds the account URLs to the site's, whether or not careers.urls has them yet.
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.account_urls")]

PASSWORD = "vivid-otter-lantern-42"


@pytest.fixture(autouse=True)
def account_settings(settings):
    settings.LOGIN_URL = "login"
    settings.LOGIN_REDIRECT_URL = "my_assessments"
    settings.LOGOUT_REDIRECT_URL = "home"


@pytest.fixture
def ada(django_user_model):
    return django_user_model.objects.create_user("ada", password=PASSWORD)


@pytest.fixture
def grace(django_user_model):
    return django_user_model.objects.create_user("grace", password=PASSWORD)


@pytest.fixture
def ada_client(client, ada):
    client.force_login(ada)
    return client


@pytest.fixture
def make_assessment(catalog):
    def make(user=None, name="AI Engineer", level="L4", fit=70, days_ago=0) -> Assessment:
        slug = name.lower().replace(" ", "-")
        track = TrackVerdict(slug, name, fit, level, 1, (1.0, 1.0, 1.0), (1.0, 1.0, 1.0), ())
        result = SavedResult(
            (track,),
            slug,
            10,
            False,
            False,
            10,
            0,
            (),
            HowSure("full", 1, True, True),
            Verdict(VerdictKind.TRACK, slug, level, Sure.SETTLED),
        )
        assessment = Assessment.objects.create(
            answers={"skills": {}, "preferences": {}},
            catalog_version="x",
            snapshot=CatalogSnapshot.keep(current_snapshot()),
            result=result.to_json(),
            user=user,
        )
        if days_ago:
            created = timezone.now() - timedelta(days=days_ago)
            Assessment.objects.filter(pk=assessment.pk).update(created=created)
        return assessment

    return make


def keep_url(assessment: Assessment) -> str:
    return reverse("save_to_account", args=[assessment.token])


def logged_in_user_id(client) -> str | None:
    return client.session.get(AUTH_SESSION_KEY)


# --- signing up ---------------------------------------------------------------------------------


def test_signup_form_labels_every_field_with_autocomplete(client):
    response = client.get(reverse("signup"))
    assert response.status_code == 200
    html = response.text
    for field in ("id_username", "id_password1", "id_password2"):
        assert f'<label for="{field}">' in html
    assert 'autocomplete="username"' in html
    assert html.count('autocomplete="new-password"') == 2
    assert 'name="csrfmiddlewaretoken"' in html


def test_signup_creates_the_account_and_logs_in(client, django_user_model):
    data = {"username": "lin", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 302
    assert response.url == reverse("my_assessments")
    user = django_user_model.objects.get(username="lin")
    assert logged_in_user_id(client) == str(user.pk)
    assert client.get(reverse("my_assessments")).status_code == 200


def test_signup_goes_on_to_a_local_next(client, make_assessment):
    roadmap = make_assessment().get_absolute_url()
    data = {"username": "lin", "password1": PASSWORD, "password2": PASSWORD, "next": roadmap}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 302
    assert response.url == roadmap


@pytest.mark.parametrize(
    "evil", ["https://evil.example", "//evil.example/x", "https:/evil.example", "javascript:x"]
)
def test_signup_refuses_an_open_redirect(client, evil):
    page = client.get(reverse("signup"), {"next": evil})
    assert evil not in page.text  # not even echoed into the form
    data = {"username": "lin", "password1": PASSWORD, "password2": PASSWORD, "next": evil}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 302
    assert response.url == reverse("my_assessments")


def test_bad_signup_shows_its_errors_and_creates_nothing(client, django_user_model):
    data = {"username": "", "password1": PASSWORD, "password2": PASSWORD + "-typo"}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 200
    html = response.text
    assert "<title>Error: " in html
    assert 'role="alert"' in html and 'tabindex="-1" autofocus' in html
    # The summary links to each field in error; each field says what is wrong next to it.
    assert 'href="#id_username"' in html and 'href="#id_password2"' in html
    assert 'id="id_username_error"' in html and 'id="id_password2_error"' in html
    assert "didn’t match" in html
    assert 'aria-invalid="true"' in html
    assert html.count("autofocus") == 1  # the summary takes the focus, not the first field
    assert not django_user_model.objects.exists()
    assert logged_in_user_id(client) is None


def test_signup_refuses_a_taken_username(client, ada):
    data = {"username": "ada", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 200
    assert 'id="id_username_error"' in response.text
    assert logged_in_user_id(client) is None


# --- logging in and out -------------------------------------------------------------------------


def test_login_form_labels_every_field_with_autocomplete(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.text
    assert '<label for="id_username">' in html and '<label for="id_password">' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert f'href="{reverse("signup")}"' in html


def test_login_then_logout(client, ada):
    response = client.post(reverse("login"), {"username": "ada", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("my_assessments")
    assert logged_in_user_id(client) == str(ada.pk)

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert logged_in_user_id(client) is None
    assert client.get(reverse("my_assessments")).status_code == 302


def test_logout_takes_only_post(ada_client, ada):
    assert ada_client.get(reverse("logout")).status_code == 405
    assert logged_in_user_id(ada_client) == str(ada.pk)


def test_bad_login_shows_an_error_summary(client, ada):
    response = client.post(reverse("login"), {"username": "ada", "password": "wrong"})
    assert response.status_code == 200
    html = response.text
    assert 'role="alert"' in html
    assert 'href="#id_username"' in html
    assert "correct username and password" in html
    assert logged_in_user_id(client) is None


def test_login_refuses_an_open_redirect(client, ada):
    data = {"username": "ada", "password": PASSWORD, "next": "https://evil.example"}
    response = client.post(reverse("login"), data)
    assert response.status_code == 302
    assert response.url == reverse("my_assessments")


# --- the list of one's roadmaps -----------------------------------------------------------------


def test_my_assessments_needs_a_login(client):
    response = client.get(reverse("my_assessments"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('my_assessments')}"


def test_my_assessments_lists_only_ones_own_newest_first(ada_client, ada, grace, make_assessment):
    older = make_assessment(ada, name="ML Engineer", level="L5-L6", fit=81, days_ago=30)
    newer = make_assessment(ada, name="AI Engineer", level="L4", fit=64)
    someone_elses = make_assessment(grace)
    unowned = make_assessment()

    response = ada_client.get(reverse("my_assessments"))
    assert response.status_code == 200
    html = response.text
    assert html.index(newer.get_absolute_url()) < html.index(older.get_absolute_url())
    assert "ML Engineer" in html and "L5-L6" in html and "81 / 100" in html
    assert "AI Engineer" in html and "L4" in html and "64 / 100" in html
    assert someone_elses.token not in html
    assert unowned.token not in html


def test_my_assessments_empty_state_points_to_the_quiz(ada_client, grace, make_assessment):
    make_assessment(grace)
    response = ada_client.get(reverse("my_assessments"))
    assert response.status_code == 200
    assert "not kept any roadmaps yet" in response.text
    assert f'href="{reverse("quiz")}"' in response.text


def test_my_assessments_takes_only_get(ada_client):
    assert ada_client.post(reverse("my_assessments")).status_code == 405


@pytest.mark.parametrize("count", [1, 8])
def test_my_assessments_queries_are_pinned(
    ada_client, ada, make_assessment, django_assert_num_queries, count, settings
):
    for _ in range(count):
        make_assessment(ada)
    track_links()  # the header's links, read once per catalog edition and process
    # The session (from the shared cache where there is one), the user, one query for the whole
    # list however long it is, and the catalog's edition for the header's links.
    with django_assert_num_queries(3 + (not settings.REDIS_URL)):
        response = ada_client.get(reverse("my_assessments"))
    assert response.status_code == 200
    assert response.text.count("/ 100") == count


# --- keeping a roadmap --------------------------------------------------------------------------


def real_assessment(user=None) -> Assessment:
    """One with a plan, for the roadmap page itself."""
    persona = CalibrationPersona.objects.get(name="New graduate")
    assessment = create_assessment(persona.skills, persona.preferences)
    Assessment.objects.filter(pk=assessment.pk).update(user=user)
    return assessment


def test_keep_attaches_an_unowned_assessment(ada_client, ada, catalog):
    assessment = real_assessment()
    response = ada_client.post(keep_url(assessment))
    assert response.status_code == 302
    # back where the button was, not to the top of the page
    assert response.url == f"{assessment.get_absolute_url()}#keep-status"
    assessment.refresh_from_db()
    assert assessment.user == ada
    assert assessment.get_absolute_url() in ada_client.get(reverse("my_assessments")).text
    html = ada_client.get(assessment.get_absolute_url()).text
    assert "Kept in your account" in html and "Keep in my account" not in html


def test_keep_over_htmx_confirms_in_place(ada_client, ada, make_assessment):
    assessment = make_assessment()
    response = ada_client.post(keep_url(assessment), **HTMX)
    assert response.status_code == 200 and "HX-Redirect" not in response
    html = response.text.strip()
    assert html.startswith('<p id="keep-status" role="status" tabindex="-1" autofocus>')
    assert "Kept in your account" in html and reverse("my_assessments") in html
    assessment.refresh_from_db()
    assert assessment.user == ada


def test_the_roadmap_offers_keeping_only_where_it_can_be_kept(ada, grace, catalog):
    client, ada_client = Client(), Client()
    ada_client.force_login(ada)
    unowned, graces = real_assessment(), real_assessment(grace)
    # signed out: it says an account can keep it, and comes back here after signing up or in
    html = client.get(unowned.get_absolute_url()).text
    assert "You can keep this roadmap in an account" in html
    assert f'href="{reverse("signup")}?next={unowned.get_absolute_url()}"' in html
    # signed in: the button
    assert "Keep in my account" in ada_client.get(unowned.get_absolute_url()).text
    # kept in another account: no button, no offer, and nothing said about whose it is
    for someone in (client, ada_client):
        html = someone.get(graces.get_absolute_url()).text
        assert "Keep in my account" not in html and "keep this roadmap in an account" not in html
        assert "Kept in your account" not in html


def test_keeping_ones_own_again_changes_nothing(ada_client, ada, make_assessment):
    assessment = make_assessment(ada)
    response = ada_client.post(keep_url(assessment))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.user == ada


def test_keep_refuses_someone_elses_assessment(ada_client, grace, make_assessment):
    assessment = make_assessment(grace)
    response = ada_client.post(keep_url(assessment))
    assert response.status_code == 403
    assert "kept in another account" in response.text
    assessment.refresh_from_db()
    assert assessment.user == grace
    assert assessment.token not in ada_client.get(reverse("my_assessments")).text


@pytest.mark.parametrize("token", ["x" * 32, "short"])
def test_keep_404s_an_unknown_token(ada_client, catalog, token):
    response = ada_client.post(reverse("save_to_account", args=[token]))
    assert response.status_code == 404


def test_anonymous_keep_sends_to_login_then_back_to_the_roadmap(client, make_assessment):
    assessment = make_assessment()
    response = client.post(keep_url(assessment))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={assessment.get_absolute_url()}"
    response = client.post(keep_url(assessment), **HTMX)
    assert response["HX-Redirect"] == f"{reverse('login')}?next={assessment.get_absolute_url()}"
    assessment.refresh_from_db()
    assert assessment.user is None


def test_keep_takes_only_post(ada_client, make_assessment):
    assessment = make_assessment()
    assert ada_client.get(keep_url(assessment)).status_code == 405
    assessment.refresh_from_db()
    assert assessment.user is None


def test_keep_and_signup_enforce_csrf(ada, make_assessment):
    strict = Client(enforce_csrf_checks=True)
    data = {"username": "lin", "password1": PASSWORD, "password2": PASSWORD}
    assert strict.post(reverse("signup"), data).status_code == 403
    strict.force_login(ada)
    assessment = make_assessment()
    assert strict.post(keep_url(assessment)).status_code == 403
    assessment.refresh_from_db()
    assert assessment.user is None


# --- taking it back: out of the account, or the account itself (issue 24, point 12) ------------


def remove_url(assessment: Assessment) -> str:
    return reverse("roadmap_remove", args=[assessment.token])


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_remove_from_my_account_keeps_the_link_working(ada_client, ada, catalog, headers):
    assessment = real_assessment(ada)
    assert "Remove from my account" in ada_client.get(assessment.get_absolute_url()).text
    response = ada_client.post(remove_url(assessment), **headers)
    if headers:  # said in place, where the button was, with the button to keep it again
        assert response.status_code == 200 and "HX-Redirect" not in response
        html = response.text.strip()
        assert html.startswith('<div id="keep-status">')
    else:
        assert response.status_code == 302
        assert response.url == f"{assessment.get_absolute_url()}#keep-status"
        html = ada_client.get(assessment.get_absolute_url()).text
    assert "Removed from your account. Its link still opens it." in html
    assert "Keep in my account" in html
    assessment.refresh_from_db()
    assert assessment.user is None
    assert assessment.token not in ada_client.get(reverse("my_assessments")).text
    assert Client().get(assessment.get_absolute_url()).status_code == 200


def test_remove_is_offered_and_allowed_only_to_the_signed_in_owner(ada_client, grace, catalog):
    graces, unowned = real_assessment(grace), real_assessment()
    for assessment in (graces, unowned):
        assert "Remove from my account" not in ada_client.get(assessment.get_absolute_url()).text
        assert ada_client.post(remove_url(assessment)).status_code == 403
    response = Client().post(remove_url(graces))  # signed out: sign in, then back to it
    assert response.url == f"{reverse('login')}?next={graces.get_absolute_url()}"
    assert Client(enforce_csrf_checks=True).post(remove_url(graces)).status_code == 403
    graces.refresh_from_db()
    assert graces.user == grace


def test_the_account_page_offers_to_delete_the_account(ada_client):
    html = ada_client.get(reverse("my_assessments")).text
    assert f'href="{reverse("delete_account")}"' in html and "Delete my account" in html


def test_deleting_an_account_says_first_what_happens_to_its_roadmaps(
    ada_client, ada, make_assessment
):
    make_assessment(ada), make_assessment(ada), make_assessment()
    response = ada_client.get(reverse("delete_account"))
    assert response.status_code == 200
    assert "The 2 roadmaps kept in it are deleted with it" in response.text
    assert 'autocomplete="current-password"' in response.text
    assert f'<form method="post" action="{reverse("delete_account")}"' in response.text


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_deleting_an_account_takes_its_roadmaps_and_signs_out(
    ada_client, ada, grace, catalog, django_user_model, headers
):
    mine, unowned, graces = real_assessment(ada), real_assessment(), real_assessment(grace)
    step = mine.saved_result.tracks[0].gaps[0].steps[0]
    StepProgress.objects.create(assessment=mine, step_id=step, status="done")
    response = ada_client.post(reverse("delete_account"), {"password": PASSWORD}, **headers)
    done = reverse("account_deleted")
    if headers:
        assert response.status_code == 200 and response["HX-Redirect"] == done
    else:
        assert response.status_code == 302 and response.url == done
    assert not django_user_model.objects.filter(username="ada").exists()
    assert not Assessment.objects.filter(pk=mine.pk).exists()
    assert not StepProgress.objects.filter(assessment_id=mine.pk).exists()
    assert ada_client.get(mine.get_absolute_url()).status_code == 404
    assert Assessment.objects.filter(pk__in=[unowned.pk, graces.pk]).count() == 2
    assert logged_in_user_id(ada_client) is None
    assert "Account deleted" in ada_client.get(done).text


@pytest.mark.parametrize("password", ["", "not-the-password"], ids=["none", "wrong"])
def test_deleting_an_account_needs_its_password(ada_client, ada, make_assessment, password):
    kept = make_assessment(ada)
    response = ada_client.post(reverse("delete_account"), {"password": password})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'aria-invalid="true"' in response.text
    assert Assessment.objects.filter(pk=kept.pk, user=ada).exists()
    assert logged_in_user_id(ada_client) == str(ada.pk)


def test_deleting_an_account_needs_a_login_a_post_and_csrf(client, ada):
    url = reverse("delete_account")
    assert client.get(url).url == f"{reverse('login')}?next={url}"
    client.post(url, {"password": PASSWORD})
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(ada)
    assert strict.post(url, {"password": PASSWORD}).status_code == 403
    assert type(ada).objects.filter(pk=ada.pk).exists()
