"""Optional accounts: sign up, list your roadmaps, keep one you took. Anonymous use needs none.

An account only lists the assessments kept in it; a roadmap itself stays reachable by its
unguessable link alone, so nobody, logged in or not, reaches another person's without the token.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careers.plumbing.errors import error_page
from careers.plumbing.ratelimit import address, rate_limited
from careers.roadmap.models import Assessment
from careers.web.navigation import leave


class UsernameOfKnownLength:
    """Django's sign-in form gives the username field its max_length only after the field is
    built, so nothing checks it: a username longer than any account's went on to authenticate(),
    and django-axes wrote it into a varchar(255) (on PostgreSQL a DataError, taken for an
    outage). Here it is a form error, and no sign-in is attempted."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators = [*field.validators, MaxLengthValidator(field.max_length)]


class SignInForm(UsernameOfKnownLength, AuthenticationForm):
    pass


class AdminSignInForm(UsernameOfKnownLength, AdminAuthenticationForm):
    pass


sign_in = LoginView.as_view(authentication_form=SignInForm)


def safe_next(request: HttpRequest) -> str:
    """The `next` URL the request carries if it stays on this site, else an empty string."""
    url = request.POST.get("next") or request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password1", "password2")
@never_cache
@rate_limited("signin", per=address)  # each sign-up hashes a password, as a sign-in does
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account, log in with it, and go on to `next` or to the list of roadmaps."""
    form = UserCreationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next(request) or "my_assessments")
    if form.errors:  # the error summary takes the focus, not the first field
        form.fields["username"].widget.attrs.pop("autofocus", None)
    return render(request, "registration/signup.html", {"form": form, "next": safe_next(request)})


@require_GET
@never_cache
@login_required
def my_assessments(request: HttpRequest) -> HttpResponse:
    """The logged-in person's kept assessments, newest first, each linking to its roadmap."""
    assessments = request.user.assessments.only("token", "created", "result")
    return render(request, "careers/my_assessments.html", {"assessments": assessments})


@require_POST
def save_to_account(request: HttpRequest, token: str) -> HttpResponse:
    """Keep an unowned assessment in the logged-in person's account; refuse someone else's."""
    assessment = get_object_or_404(Assessment.objects.only("token", "user"), token=token)
    roadmap_url = assessment.get_absolute_url()
    if not request.user.is_authenticated:
        # Back to the roadmap after logging in: this URL only takes POST, so it cannot be `next`.
        return leave(request, redirect_to_login(roadmap_url).url)
    if assessment.user_id is None:
        # A conditional UPDATE: of two people keeping it at once, only the first gets it.
        Assessment.objects.filter(pk=assessment.pk, user__isnull=True).update(user=request.user)
        assessment.refresh_from_db(fields=["user"])
    if assessment.user_id != request.user.pk:
        return error_page(
            request,
            403,
            "This roadmap is kept in another account",
            "Only the account that kept a roadmap can list it, so it was not added to yours. Its "
            "link still opens it; take the quiz to get a roadmap of your own.",
        )
    if request.htmx:  # confirmed in place, where the button was
        context = {"assessment": assessment, "just_kept": True}
        return render(request, "careers/roadmap.html#keep-status", context)
    return redirect(f"{roadmap_url}#keep-status")


def locked_out(request: HttpRequest, response, credentials) -> HttpResponse:
    """django-axes' lockout: a page that says what happened and how long to wait (429)."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return error_page(
        request,
        429,
        "Too many failed sign-ins",
        f"After {settings.AXES_FAILURE_LIMIT} wrong passwords in a row, signing in to this "
        f"account from your network is paused for {seconds // 60} minutes. Wait and try again; "
        "your roadmaps keep working from their links meanwhile.",
        retry_after=seconds,
    )


class DeleteAccountForm(forms.Form):
    """The account's password, asked again: a session left open on a shared computer is not
    the owner's say-so."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to delete your account."},
    )

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Nothing was deleted.")
        return password


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
@never_cache
@login_required
@rate_limited("signin", per=address)  # each try checks a password, as a sign-in does
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the signed-in account and the roadmaps kept in it, once its password is given."""
    form = DeleteAccountForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = request.user
        with transaction.atomic():  # all of it or none: the roadmaps, their progress, the account
            user.assessments.all().delete()
            user.delete()
        logout(request)
        return leave(request, reverse("account_deleted"))
    kept = request.user.assessments.count()
    return render(request, "registration/delete_account.html", {"form": form, "kept": kept})


@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    """Where deleting an account lands."""
    return render(request, "registration/delete_account.html", {"deleted": True})


# `slug` matches every token (URL-safe base64) and needs no converter registered before import.
ACCOUNT_URLS = [
    path("account/signup/", signup, name="signup"),
    path("account/", my_assessments, name="my_assessments"),
    path("roadmap/<slug:token>/keep/", save_to_account, name="save_to_account"),
]
