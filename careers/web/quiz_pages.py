"""The skills quiz: one view per page, full page or htmx fragment from the same template."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from careers.plumbing.ratelimit import rate_limited
from careers.quiz.answers import parse_step, record
from careers.quiz.state import QuizState
from careers.quiz.steps import first_unanswered, mark_missing, quiz_steps, step_questions
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment
from careers.web.pagecache import cached_render


@require_GET
@never_cache
def quiz_start(request: HttpRequest) -> HttpResponse:
    """What the quiz asks and how long it takes; resumes where the person left off."""
    state = QuizState.from_session(request.session)
    return cached_render(request, lambda: show_start(request, state), state.key())


def show_start(request: HttpRequest, state: QuizState) -> HttpResponse:
    steps = quiz_steps()
    started = bool(state.skills or state.preferences)
    resume = first_unanswered(steps, state) if started else steps[0]
    context = {"steps": steps, "started": started, "resume": resume or steps[-1]}
    return render(request, "careers/quiz_start.html", context)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@never_cache  # answers change with every post: Back must ask the server, not a cache
@rate_limited("quiz")
def quiz_step(request: HttpRequest, number: int) -> HttpResponse:
    """One step of the quiz: GET shows it with the answers so far, POST keeps its answers."""
    state = QuizState.from_session(request.session)
    if request.method == "GET":
        return cached_render(request, lambda: show_step(request, number, state), state.key())
    steps = quiz_steps()
    if not 1 <= number <= len(steps):
        raise Http404("No such step.")
    step = steps[number - 1]
    questions = step_questions(step, state)

    answers, nav = parse_step(request.POST, step, questions)
    if state.finished and number == len(steps) and nav == "next":
        # The post that finished the quiz, again (its reply was lost): its roadmap, not step 1.
        return leave(request, reverse("roadmap", args=[state.finished]))
    record(state, step, answers, questions)
    state.save(request.session)
    if nav == "back":
        return go_back(request, steps, step, state)
    if mark_missing(questions, state, step):
        return render_step(request, steps, step, questions, errors=True)
    if number < len(steps):
        return go_to(request, steps, steps[number], state)
    return finish(request, steps, state)


def show_step(request: HttpRequest, number: int, state: QuizState) -> HttpResponse:
    steps = quiz_steps()
    if not 1 <= number <= len(steps):
        raise Http404("No such step.")
    step = steps[number - 1]
    earlier = first_unanswered(steps[: number - 1], state)
    if earlier:  # no skipping ahead past unanswered questions
        return redirect("quiz_step", earlier.number)
    return render_step(request, steps, step, step_questions(step, state))


def render_step(request, steps, step, questions, errors: bool = False) -> HttpResponse:
    template = "careers/quiz_step.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#quiz-step"
    context = {
        "steps": steps,
        "step": step,
        "questions": questions,
        "errors": errors,
        "swapped": bool(request.htmx),
        "last": step.number == len(steps),
    }
    return render(request, template, context)


def go_to(request, steps, step, state) -> HttpResponse:
    """Show another step: swapped in place for htmx (with its URL), else redirect (PRG)."""
    if not request.htmx:
        return redirect("quiz_step", step.number)
    response = render_step(request, steps, step, step_questions(step, state))
    return push_url(response, reverse("quiz_step", args=[step.number]))


def go_back(request, steps, step, state) -> HttpResponse:
    if step.number == 1:
        return leave(request, reverse("quiz_start"))
    return go_to(request, steps, steps[step.number - 2], state)


def leave(request, url: str) -> HttpResponse:
    """Go to a page outside the quiz: htmx loads it whole."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def finish(request, steps, state) -> HttpResponse:
    """Score the finished quiz, keep it, and send the person to their roadmap."""
    unanswered = first_unanswered(steps, state)
    if unanswered:  # e.g. a question added by an editor while the quiz was under way
        return go_to(request, steps, unanswered, state)
    previous = Assessment.objects.filter(token=state.previous).first() if state.previous else None
    assessment = create_assessment(
        state.skills, state.preferences, previous, request.user, attempt=state.attempt
    )
    state.finish(assessment.token)
    state.save(request.session)
    return leave(request, assessment.get_absolute_url())
