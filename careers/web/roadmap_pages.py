"""A person's roadmap: the verdict, the plan and its progress, what-ifs, sharing and retakes.

Everything is reached through the assessment's unguessable token; nothing else grants access.
"""

from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from careers.catalog.models import Proficiency
from careers.core.adaptive import Ask, Kind
from careers.core.result import TrackVerdict
from careers.plumbing.ratelimit import address, rate_limited
from careers.plumbing.ratelimit import roadmap as roadmap_limit
from careers.quiz.state import QuizState
from careers.quiz.steps import quiz_catalog
from careers.roadmap.calendar import study_calendar
from careers.roadmap.export import export
from careers.roadmap.forms import HOURS_MESSAGE, HoursForm, PhaseQuery, RateForm
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.page import chosen_track, comparison, page_context, plan_timeline
from careers.roadmap.progress import (
    build_plan,
    later_phase_of,
    level_with_progress,
    plan_steps,
    statuses,
)
from careers.roadmap.what_if import kept_with, what_if
from careers.web.navigation import leave

TEMPLATE = "careers/roadmap.html"
STEP_PLACES = {"next", "plan"}  # the top's "next steps" and the plan itself


def get_assessment(token: str) -> Assessment:
    assessment = get_object_or_404(Assessment.objects.for_roadmap(), token=token)
    assessment.mark_seen()  # opened again: not a stale result (manage.py clear_stale_results)
    return assessment


def roadmap_url(
    assessment: Assessment, track: str | None = None, anchor: str = "", phase: int | None = None
) -> str:
    """The page, on a track's plan (the recommended one unless told), with a later phase laid
    out when told, at an anchor."""
    query = {}
    if track and track != assessment.saved_result.recommended:
        query["track"] = track
    if phase is not None:
        query["phase"] = phase
    url = assessment.get_absolute_url() + (f"?{urlencode(query)}" if query else "")
    return url + (f"#{anchor}" if anchor else "")


@require_GET
@vary_on_headers("HX-Request")
@never_cache  # progress changes on the page itself: Back must not show stale statuses
def roadmap(request: HttpRequest, token: str) -> HttpResponse:
    """The roadmap page; htmx asks for just the plan when the person switches track."""
    assessment = get_assessment(token)
    query = PhaseQuery(request.GET)
    if not query.is_valid():
        raise BadRequest("A phase is a level's number.")
    context = page_context(assessment, request.GET.get("track"), query.cleaned_data["phase"])
    context["comparison"] = comparison(assessment)
    template = TEMPLATE
    if request.htmx and not request.htmx.history_restore_request:
        template += "#track-plan"
        context["swapped"] = True
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request")
@never_cache
def roadmap_phase(request: HttpRequest, token: str, band: int) -> HttpResponse:
    """A later phase's parts, loaded when the person opens it (htmx); a plain request goes to
    the page with that phase laid out."""
    assessment = get_assessment(token)
    track = chosen_track(assessment, request.GET.get("track"))
    if not request.htmx:
        return redirect(roadmap_url(assessment, track.slug, f"phase-{band}", band))
    plan = build_plan(assessment, track.slug, statuses(assessment))
    phase = next((phase for phase in plan.phases if phase.band == band), None)
    if phase is None:
        raise BadRequest("That phase is not in this plan.")
    context = {
        "assessment": assessment,
        "track": track,
        "phase": phase,
        "statuses": StepProgress.Status.choices,
    }
    return render(request, f"{TEMPLATE}#phase-parts", context)


@require_POST
@never_cache  # like every reply under a token: private, never kept by a shared cache
@rate_limited("progress", per=roadmap_limit)
def roadmap_step(request: HttpRequest, token: str, step_id: int) -> HttpResponse:
    """Set one step's status; htmx swaps that step and the progress bar."""
    assessment = get_assessment(token)
    track = chosen_track(assessment, request.POST.get("track"))
    if step_id not in {step.id for step in plan_steps(assessment, track.slug)}:
        raise BadRequest("That step is not in this plan.")
    status = request.POST.get("status")
    if status not in StepProgress.Status.values:
        raise BadRequest("Unknown status.")
    place = request.POST.get("place", "plan")  # which list was pressed: the top's or the plan's
    if place not in STEP_PLACES:
        raise BadRequest("Unknown place.")
    StepProgress.objects.update_or_create(
        assessment=assessment, step_id=step_id, defaults={"status": status}
    )
    if not request.htmx:
        if place == "next":
            return redirect(roadmap_url(assessment, track.slug, "next-steps"))
        # back to the step, its phase laid out if a later one (folded, it would not be there)
        band = later_phase_of(assessment, track.slug, step_id)
        return redirect(roadmap_url(assessment, track.slug, f"step-{step_id}", band))
    context = step_changed(assessment, track, step_id, place)
    return render(request, f"{TEMPLATE}#step-changed", context)


def step_changed(assessment: Assessment, track: TrackVerdict, step_id: int, place: str) -> dict:
    """What a status change redraws: the step, its gap's counts, the plan's progress, level and
    map, and the top's next steps."""
    plan = build_plan(assessment, track.slug, statuses(assessment))
    phase, gap, step = next(
        (p, g, s) for p in plan.phases for g in p.gaps for s in g.steps if s.id == step_id
    )
    stays = any(item.step.id == step_id for item in plan.next_steps)
    return {
        "assessment": assessment,
        "track": track,
        "switched": track.slug != assessment.saved_result.recommended,
        "plan": plan,
        "level_now": level_with_progress(assessment, track.slug, plan),
        "timeline": plan_timeline(assessment, plan),
        "phase": phase,
        "gap": gap,  # its folded line's counts change too
        "step": step,
        "statuses": StepProgress.Status.choices,
        "scale": Proficiency.choices,  # the top's list of skills to rate first
        "oob": True,
        "place": place,
        # The focus stays on the button pressed (the plan's step keeps its own); where the step
        # has left the top list, on the list's heading.
        "focus_step": step_id if place == "next" and stays else None,
        "focus_next": place == "next" and not stays,
    }


@require_POST
@never_cache
@rate_limited("progress", per=roadmap_limit)
def roadmap_hours(request: HttpRequest, token: str) -> HttpResponse:
    """Keep the hours a week the person can give; the plan then shows weeks and a finish date."""
    assessment = get_assessment(token)
    track = request.POST.get("track")
    form = HoursForm(request.POST)
    if not form.is_valid():
        context = page_context(assessment, track)
        context |= {"hours_error": HOURS_MESSAGE, "hours_value": form["hours_per_week"].value()}
        if not request.htmx:
            return render(request, TEMPLATE, context)
        return render(request, f"{TEMPLATE}#track-plan", context | {"swapped": True})
    assessment.hours_per_week = form.cleaned_data["hours_per_week"]
    assessment.save(update_fields=["hours_per_week"])
    if not request.htmx:
        return redirect(roadmap_url(assessment, track, "finish"))
    context = page_context(assessment, track) | {"swapped": True, "hours_saved": True}
    return render(request, f"{TEMPLATE}#track-plan", context)


@require_GET
@vary_on_headers("HX-Request")
@never_cache
def roadmap_what_if(request: HttpRequest, token: str) -> HttpResponse:
    """The result with one answer changed, shown in place; nothing is saved."""
    assessment = get_assessment(token)
    track = chosen_track(assessment, request.GET.get("track"))
    skill, rating = request.GET.get("skill", ""), request.GET.get("value", "")
    context = {
        "assessment": assessment,
        "track": track,
        "what_if": what_if(assessment, skill, rating, track.slug),
    }
    template = "careers/what_if.html" + ("#what-if-result" if request.htmx else "")
    return render(request, template, context)


@require_POST
@rate_limited("progress", per=roadmap_limit)
@rate_limited("save", per=roadmap_limit)  # each save is a whole new assessment
@rate_limited("result", per=address)  # and counts toward the address's kept results
def roadmap_what_if_save(request: HttpRequest, token: str) -> HttpResponse:
    """Keep a what-if as a new assessment that retakes this one."""
    assessment = get_assessment(token)
    skill, value = request.POST.get("skill", ""), request.POST.get("value", "")
    new = kept_with(assessment, skill, value, request.user)
    return redirect(new.get_absolute_url())


@require_POST
@never_cache
@rate_limited("progress", per=roadmap_limit)
@rate_limited("save", per=roadmap_limit)  # a rating makes a whole new assessment
@rate_limited("result", per=address)
def roadmap_rate(request: HttpRequest, token: str) -> HttpResponse:
    """Rate a skill the quiz estimated, in place. The result it changes stays as it was (a kept
    result is a snapshot: a shared link shows what it showed); the rating makes a new result
    retaking this one, progress carried, and the page goes there (htmx loads it whole)."""
    assessment = get_assessment(token)
    form = RateForm(request.POST, assessment.saved_result.estimated)
    if not form.is_valid():  # the page offers only its estimated skills and the 0-4 scale
        raise BadRequest("Rate a skill this result estimated, from 0 to 4.")
    skill, rating = form.cleaned_data["skill"], form.cleaned_data["rating"]
    new = kept_with(assessment, skill, str(rating), request.user)
    return leave(request, roadmap_url(new, anchor="verdict"))


@require_POST
@rate_limited("progress", per=roadmap_limit)
def roadmap_retake(request: HttpRequest, token: str) -> HttpResponse:
    """Start the quiz again from this assessment's answers; the new one links back to it. A
    quick result's retake continues the quick quiz from the questions it asked, a full one's
    opens the questionnaire at its first step."""
    assessment = get_assessment(token)
    skills, preferences = assessment.answers["skills"], assessment.answers["preferences"]
    quick = assessment.how_sure.mode == "quick"
    asked = [
        *(Ask(Kind.SKILL, slug).name for slug in skills),
        *(Ask(Kind.PREFERENCE, slug).name for slug in preferences),
    ]
    state = QuizState(dict(skills), dict(preferences), token, asked=asked if quick else [])
    state.save(request.session)
    if request.POST.get("remaining"):  # "Rate the remaining skills": the first step with one
        return redirect("quiz_step", quiz_catalog().resume(state).number)
    if quick:
        return redirect("quiz")
    return redirect(reverse("quiz_step", args=[1]))


@require_GET
@never_cache
def roadmap_json(request: HttpRequest, token: str) -> JsonResponse:
    """The assessment as JSON, to keep or to take elsewhere."""
    assessment = get_assessment(token)
    response = JsonResponse(export(assessment), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="roadmap-{token[:8]}.json"'
    return response


@require_GET
@never_cache
def roadmap_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The plan's study weeks as iCalendar: downloaded once, or subscribed to (each request is
    worked out from the progress of that moment)."""
    assessment = get_assessment(token)
    track = chosen_track(assessment, request.GET.get("track"))
    plan = build_plan(assessment, track.slug, statuses(assessment))
    url = request.build_absolute_uri(roadmap_url(assessment, track.slug))
    body = study_calendar(
        assessment.token, track.name, plan, assessment.hours_per_week, url,
        timezone.localdate(), timezone.now(),
    )  # fmt: skip
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="roadmap-{token[:8]}.ics"'
    return response
