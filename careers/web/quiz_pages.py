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
from careers.quiz.steps import QuizCatalog, Step, mark_missing, quiz_catalog
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment
from careers.web.pagecache import cached_render


@require_GET
@never_cache
def quiz_start(request: HttpRequest) -> HttpResponse:
    """What the quiz asks and how long it takes; resumes where the person left off."""
    state, quiz = QuizState.from_session(request.session), quiz_catalog()
    steps = list(quiz.steps)
    started = bool(state.skills or state.preferences)
    resume = quiz.first_unanswered(steps, state) if started else steps[0]
    context = {"steps": steps, "started": started, "resume": resume or steps[-1]}
    return render(request, "careers/quiz_start.html", context)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@never_cache  # answers change with every post: Back must ask the server, not a cache
@rate_limited("quiz")
def quiz_step(request: HttpRequest, number: int) -> HttpResponse:
    """One step of the quiz: GET shows it with the answers so far, POST keeps its answers."""
    state, quiz = QuizState.from_session(request.session), quiz_catalog()
    if not 1 <= number <= len(quiz.steps):
        raise Http404("No such step.")
    step = quiz.steps[number - 1]
    if request.method == "GET":
        if state.blank and not request.user.is_authenticated:  # the same for everyone
            return cached_render(request, lambda: show_step(request, quiz, step, state))
        return show_step(request, quiz, step, state)
    questions = quiz.questions(step, state)
    answers, nav = parse_step(request.POST, step, questions)
    if state.finished and number == len(quiz.steps) and nav == "next":
        # The post that finished the quiz, again (its reply was lost): its roadmap, not step 1.
        return leave(request, reverse("roadmap", args=[state.finished]))
    record(state, step, answers, questions)
    state.save(request.session)
    if nav == "back":
        return go_back(request, quiz, step, state)
    if mark_missing(questions, state, step):
        return render_step(request, quiz, step, questions, errors=True)
    if number < len(quiz.steps):
        return go_to(request, quiz, quiz.steps[number], state)
    return finish(request, quiz, state)


def show_step(request, quiz: QuizCatalog, step: Step, state: QuizState) -> HttpResponse:
    earlier = quiz.first_unanswered(list(quiz.steps[: step.number - 1]), state)
    if earlier:  # no skipping ahead past unanswered questions
        return redirect("quiz_step", earlier.number)
    return render_step(request, quiz, step, quiz.questions(step, state))


def render_step(request, quiz: QuizCatalog, step: Step, questions, errors=False) -> HttpResponse:
    template = "careers/quiz_step.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#quiz-step"
    context = {
        "steps": quiz.steps,
        "edition": quiz.edition,  # what a question's kept fragment is kept under
        "step": step,
        "questions": questions,
        "errors": errors,
        "swapped": bool(request.htmx),
        "last": step.number == len(quiz.steps),
    }
    return render(request, template, context)


def go_to(request, quiz: QuizCatalog, step: Step, state: QuizState) -> HttpResponse:
    """Show another step: swapped in place for htmx (with its URL), else redirect (PRG)."""
    if not request.htmx:
        return redirect("quiz_step", step.number)
    response = render_step(request, quiz, step, quiz.questions(step, state))
    return push_url(response, reverse("quiz_step", args=[step.number]))


def go_back(request, quiz: QuizCatalog, step: Step, state: QuizState) -> HttpResponse:
    if step.number == 1:
        return leave(request, reverse("quiz_start"))
    return go_to(request, quiz, quiz.steps[step.number - 2], state)


def leave(request, url: str) -> HttpResponse:
    """Go to a page outside the quiz: htmx loads it whole."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def finish(request, quiz: QuizCatalog, state: QuizState) -> HttpResponse:
    """Score the finished quiz, keep it, and send the person to their roadmap."""
    unanswered = quiz.first_unanswered(list(quiz.steps), state)
    if unanswered:  # e.g. a question added by an editor while the quiz was under way
        return go_to(request, quiz, unanswered, state)
    previous = Assessment.objects.filter(token=state.previous).first() if state.previous else None
    assessment = create_assessment(
        state.skills, state.preferences, previous, request.user, attempt=state.attempt
    )
    state.finish(assessment.token)
    state.save(request.session)
    return leave(request, assessment.get_absolute_url())
