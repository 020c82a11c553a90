"""The skills quiz, quick (one question at a time, the default) and in full (every question, a
step per category): one view per page, full page or htmx fragment from the same template."""

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from careers.plumbing.ratelimit import address, rate_limited, too_many_results, wait_for
from careers.quiz import quick
from careers.quiz.answers import parse_step, record
from careers.quiz.state import QuizState
from careers.quiz.steps import QuizCatalog, Step, mark_missing, quiz_catalog
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment
from careers.web.pagecache import cached_render


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@never_cache
@rate_limited("quiz")
def quiz(request: HttpRequest) -> HttpResponse:
    """The quick quiz: GET shows the question that can move the verdict most, POST keeps its
    answer and goes on, or back, or to the result. It finishes by itself once the verdict is
    settled."""
    state, questions = QuizState.from_session(request.session), quiz_catalog()
    if request.method == "GET":
        if state.blank and not request.user.is_authenticated:  # the same for everyone
            return cached_render(request, lambda: show_quick(request, state, questions))
        return show_quick(request, state, questions)
    ask, value, nav = quick.parse_answer(request.POST, questions)
    if (
        state.finished
        and not state.answered
        and (ask is None or quick.ask_name(ask) in state.asked)
    ):
        # The post that finished the quiz, again (its reply was lost): its roadmap.
        return leave(request, reverse("roadmap", args=[state.finished]))
    if ask is None and not state.answered:
        raise BadRequest("There is no result before the first answer.")
    if value is not None:
        quick.record_answer(state, ask, value)
    if nav == "back":
        quick.go_back(state, ask)
        state.save(request.session)
        return show_quick(request, state, questions)
    state.save(request.session)
    if nav == "result" and (state.asked or ask is None):
        return finish_quick(request, state, questions)
    if value is None:  # Continue, or the result, with nothing chosen
        return show_quick(request, state, questions, error_on=ask)
    step = quick.current(state, questions)
    if step.ask is None:
        return finish_quick(request, state, questions, step)
    return show_quick(request, state, questions, step=step)


def show_quick(request, state, questions, step=None, error_on=None) -> HttpResponse:
    if request.method == "POST" and not request.htmx and error_on is None:
        return redirect("quiz")  # post, redirect, get: a reload does not post again
    step = step or quick.current(state, questions)
    if error_on is not None:  # the question that was left unanswered, asked again
        step.ask = error_on
        step.question = questions.one_by_one[quick.ask_name(error_on)].question(None)
        step.question.error = step.question.missing_message
    template = "careers/quiz.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#quick-question"
    context = {
        "step": step,
        "ask": quick.ask_name(step.ask) if step.ask else "",
        "question": step.question,  # None: the verdict is settled, nothing left to ask
        "answered": bool(state.asked),
        "verdict": step.verdict,
        "errors": error_on is not None,
        "swapped": bool(request.htmx),
        "full_quiz": reverse("quiz_step", args=[questions.resume(state).number]),
        "promised_questions": quick.PROMISED_QUESTIONS,
    }
    return render(request, template, context)


def finish_quick(request, state: QuizState, questions, step=None) -> HttpResponse:
    """Keep the result as it stands, saying how sure it is, and go to the roadmap."""
    catalog = quick.quick_quiz().catalog
    how_sure = quick.how_sure(state, questions, step)
    return keep_result(request, state, quick.rated_skills(state, catalog), how_sure)


def keep_result(request, state: QuizState, skills: dict, how_sure=None) -> HttpResponse:
    """Score the answers, keep the assessment (linked to the one retaken), and send the person
    to their roadmap. Over the address's limit of kept results, nothing is kept and the answers
    stay in the session for later."""
    wait = wait_for("result", request, per=address)
    if wait:
        return too_many_results(request, wait)
    previous = Assessment.objects.filter(token=state.previous).first() if state.previous else None
    assessment = create_assessment(
        skills, state.preferences, previous, request.user, state.attempt, how_sure
    )
    state.finish(assessment.token)
    state.save(request.session)
    return leave(request, assessment.get_absolute_url())


@require_GET
@never_cache
def quiz_all(request: HttpRequest) -> HttpResponse:
    """The full questionnaire: what it asks and how long it takes; resumes where the person
    left off."""
    state, quiz = QuizState.from_session(request.session), quiz_catalog()
    steps = list(quiz.steps)
    started = bool(state.skills or state.preferences)
    resume = quiz.first_unanswered(steps, state) if started else steps[0]
    context = {"steps": steps, "started": started, "resume": resume or steps[-1]}
    return render(request, "careers/quiz_all.html", context)


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
        return leave(request, reverse("quiz_all"))
    return go_to(request, quiz, quiz.steps[step.number - 2], state)


def leave(request, url: str) -> HttpResponse:
    """Go to a page outside the quiz: htmx loads it whole."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def finish(request, quiz: QuizCatalog, state: QuizState) -> HttpResponse:
    """Score the finished quiz, keep it, and send the person to their roadmap."""
    unanswered = quiz.first_unanswered(list(quiz.steps), state)
    if unanswered:  # e.g. a question added by an editor while the quiz was under way
        return go_to(request, quiz, unanswered, state)
    return keep_result(request, state, state.skills)
