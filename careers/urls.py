from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import path, register_converter

from careers.plumbing.health import healthz
from careers.plumbing.ratelimit import address, rate_limited
from careers.web import account_pages, catalog_pages, quiz_pages, roadmap_pages, roadmap_rights
from careers.web.account_pages import ACCOUNT_URLS, AdminSignInForm, sign_in
from careers.web.insights_page import insights_page

signin_limited = rate_limited("signin", per=address)
admin.site.login_form = AdminSignInForm


class TokenConverter:
    """An assessment token: URL-safe base64, as secrets.token_urlsafe makes it."""

    regex = "[A-Za-z0-9_-]{16,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

urlpatterns = [
    path("", catalog_pages.home, name="home"),
    path("tracks/", catalog_pages.tracks, name="tracks"),
    path("tracks/<slug:slug>/", catalog_pages.track, name="track"),
    path("tracks/<slug:slug>/<slug:level>/", catalog_pages.track_level, name="track_level"),
    path("quiz/", quiz_pages.quiz, name="quiz"),
    path("quiz/all/", quiz_pages.quiz_all, name="quiz_all"),
    path("quiz/<int:number>/", quiz_pages.quiz_step, name="quiz_step"),
    path("roadmap/<token:token>/", roadmap_pages.roadmap, name="roadmap"),
    path("roadmap/<token:token>.json", roadmap_pages.roadmap_json, name="roadmap_json"),
    path("roadmap/<token:token>.ics", roadmap_pages.roadmap_calendar, name="roadmap_calendar"),
    path(
        "roadmap/<token:token>/steps/<int:step_id>/",
        roadmap_pages.roadmap_step,
        name="roadmap_step",
    ),
    path("roadmap/<token:token>/hours/", roadmap_pages.roadmap_hours, name="roadmap_hours"),
    path(
        "roadmap/<token:token>/phases/<int:band>/",
        roadmap_pages.roadmap_phase,
        name="roadmap_phase",
    ),
    path("roadmap/<token:token>/what-if/", roadmap_pages.roadmap_what_if, name="roadmap_what_if"),
    path(
        "roadmap/<token:token>/what-if/save/",
        roadmap_pages.roadmap_what_if_save,
        name="roadmap_what_if_save",
    ),
    path("roadmap/<token:token>/rate/", roadmap_pages.roadmap_rate, name="roadmap_rate"),
    path("roadmap/<token:token>/retake/", roadmap_pages.roadmap_retake, name="roadmap_retake"),
    path(
        "roadmap/<token:token>/new-link/",
        roadmap_rights.roadmap_new_link,
        name="roadmap_new_link",
    ),
    path("roadmap/<token:token>/delete/", roadmap_rights.roadmap_delete, name="roadmap_delete"),
    path("roadmap/<token:token>/remove/", roadmap_rights.roadmap_remove, name="roadmap_remove"),
    path("roadmap/deleted/", roadmap_rights.roadmap_deleted, name="roadmap_deleted"),
    *ACCOUNT_URLS,
    path("account/delete/", account_pages.delete_account, name="delete_account"),
    path("account/deleted/", account_pages.account_deleted, name="account_deleted"),
    # Each sign-in hashes a password: one address may only try so many
    # (careers/plumbing/ratelimit.py), on top of django-axes' lockout per username.
    path("account/login/", signin_limited(sign_in), name="login"),
    path(f"{settings.ADMIN_PATH}login/", signin_limited(admin.site.login)),
    # Of Django's auth URLs only logout: no password reset, which could reach almost nobody
    # (sign-up asks for no email), nor a password change page (README, "Sessions, limits and
    # sign-in"). Editors change passwords in the admin.
    path("account/logout/", LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path(
        f"{settings.ADMIN_PATH}insights/",
        admin.site.admin_view(insights_page),
        name="admin_insights",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler400 = "careers.plumbing.errors.bad_request"
handler500 = "careers.plumbing.errors.server_error_or_unavailable"
