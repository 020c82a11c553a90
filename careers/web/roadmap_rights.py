"""Taking a roadmap back: a new link in place of a leaked one, deleting it whole, and taking it
out of an account (issue 24, point 12). Each change is a POST with CSRF, counted per roadmap.

A roadmap no account keeps is its link-holder's; once kept, only its owner, signed in, may
change its link or delete it (Assessment.open_to).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from careers.plumbing.errors import error_page
from careers.plumbing.ratelimit import rate_limited
from careers.plumbing.ratelimit import roadmap as roadmap_limit
from careers.quiz.state import QuizState
from careers.roadmap.models import Assessment
from careers.web.navigation import leave

NEW_LINK_SAID = (
    "The old address of this roadmap no longer works: this is its new one. Anyone you gave the "
    "old link to cannot open it now, and a calendar subscribed to it stops updating (subscribe "
    "again from here)."
)
REMOVED_SAID = "Removed from your account. Its link still opens it."


def theirs(token: str) -> Assessment:
    """The roadmap by its token, only what deciding and changing need (no answers, no result)."""
    return get_object_or_404(Assessment.objects.only("token", "user", "created"), token=token)


def not_yours(request: HttpRequest) -> HttpResponse:
    return error_page(
        request,
        403,
        "Only its owner can change this roadmap",
        "This roadmap is kept in an account: only that account, signed in, can give it a new "
        "link, delete it or take it out of the account. Its link still opens it.",
    )


def follow_token(session, old: str, new: str) -> None:
    """The quiz in this session remembers the roadmap it retakes and the one it just made: point
    it at the new address, or forget it ("") once deleted."""
    state = QuizState.from_session(session)
    state.previous = new if state.previous == old else state.previous
    state.finished = new if state.finished == old else state.finished
    state.save(session)


@require_POST
@never_cache
@rate_limited("progress", per=roadmap_limit)
def roadmap_new_link(request: HttpRequest, token: str) -> HttpResponse:
    """Give the roadmap a new address and go there; the old one answers 404 from now on."""
    assessment = theirs(token)
    if not assessment.open_to(request.user):
        return not_yours(request)
    if not assessment.new_link():  # pressed twice at once: the other press changed it
        raise Http404("No such roadmap.")
    follow_token(request.session, token, assessment.token)
    messages.success(request, NEW_LINK_SAID)
    return leave(request, assessment.get_absolute_url())


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@never_cache
@rate_limited("progress", per=roadmap_limit)
def roadmap_delete(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks first (in place of the link for htmx, a page of its own without JavaScript);
    POST deletes the result, its progress and so its calendar."""
    assessment = theirs(token)
    if not assessment.open_to(request.user):
        return not_yours(request)
    if request.method == "GET":
        template = "careers/roadmap_delete.html" + ("#delete-confirm" if request.htmx else "")
        return render(request, template, {"assessment": assessment})
    # One transaction (Django's deletion collector): the progress rows go with it (CASCADE);
    # a retake or saved what-if of it, a roadmap with a link of its own, stays unlinked.
    assessment.delete()
    follow_token(request.session, token, "")
    return leave(request, reverse("roadmap_deleted"))


@require_GET
def roadmap_deleted(request: HttpRequest) -> HttpResponse:
    """Where deleting lands: what went, and where to go next."""
    return render(request, "careers/roadmap_deleted.html")


@require_POST
@never_cache
@rate_limited("progress", per=roadmap_limit)
def roadmap_remove(request: HttpRequest, token: str) -> HttpResponse:
    """Take the roadmap out of the signed-in owner's account; it still opens from its link."""
    assessment = theirs(token)
    roadmap_url = assessment.get_absolute_url()
    if not request.user.is_authenticated:
        return leave(request, redirect_to_login(roadmap_url).url)
    if assessment.user_id != request.user.pk:
        return not_yours(request)
    Assessment.objects.filter(pk=assessment.pk, user=request.user).update(user=None)
    assessment.user = None
    if request.htmx:  # said in place, where the button was
        context = {"assessment": assessment, "just_removed": REMOVED_SAID}
        return render(request, "careers/roadmap.html#keep-status", context)
    messages.success(request, REMOVED_SAID)
    return redirect(f"{roadmap_url}#keep-status")
