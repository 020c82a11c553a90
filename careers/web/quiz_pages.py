"""The skills quiz, quick (one question at a time, the default) and in full (every question, a
step per category): one view per page, full page or htmx fragment from the same template."""

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from careers.core.scoring import Answers
from careers.plumbing import daily_counts
from careers.plumbing.ratelimit import address, rate_limited, too_many_results, wait_for
from careers.quiz import quick
from careers.quiz.forms import BACK, NEXT, RESULT, QuickAnswer, QuickAnswerForm, StepForm
from careers.quiz.state import QuizState
from careers.quiz.steps import QuizCatalog, Step, quiz_catalog
from careers.roadmap.assessments import create_assessment
from careers.roadmap.events import QUIZ_STARTED
from careers.roadmap.models import Assessment
from careers.web.navigation import leave
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
    if request.method == "POST":
        return answer_quick(request, state, questions)
    if state.blank and not request.user.is_authenticated:  # the same for everyone
        return cached_render(request, lambda: show_quick(request, state, questions))
    return show_quick(request, state, questions)


def answer_quick(request, state: QuizState, questions: QuizCatalog) -> HttpResponse:
    """Keep the answer, then go on: the result when asked for, the same question again with
    its error when none was chosen, else on (or back)."""
    sent = QuickAnswerForm(request.POST, questions).sent()
    if state.finished and (sent.ask is None or sent.ask.name in state.asked):
        # The post that finished the quiz, again (its reply was lost): its roadmap.
        return leave(request, reverse("roadmap", args=[state.finished]))
    if sent.ask is None and not state.answered:
        raise BadRequest("There is no result before the first answer.")
    if sent.value is not None:
        quick.record_answer(state, sent.ask, sent.value)
    if sent.nav == RESULT and (state.asked or sent.ask is None):
        return finish_quick(request, state, questions)
    if sent.value is None and sent.nav != BACK:  # Continue, or the result, with nothing chosen
        return show_quick(request, state, questions, unanswered=sent.ask)
    return go_on(request, state, questions, sent)


def go_on(request, state: QuizState, questions: QuizCatalog, sent: QuickAnswer) -> HttpResponse:
    """The next question (the one before, for Back), or the result once the verdict is
    settled or very likely: straight to the roadmap where the last screen stated that verdict,
    else the screen that states it first (the quiz and the roadmap never disagree). In place for
    htmx, else redirected to (post/redirect/get)."""
    if sent.nav == BACK:
        quick.go_back(state, sent.ask)
    verdict = quick.verdict(state, questions)  # kept in the state for the page redirected to
    if verdict.over and sent.nav == NEXT and verdict.so_far["stated_before"]:
        return finish_quick(request, state, questions, verdict.worked)
    save_state(request, state)
    return show_quick(request, state, questions) if request.htmx else redirect("quiz")


def show_quick(request, state: QuizState, questions: QuizCatalog, unanswered=None) -> HttpResponse:
    """The quick quiz's page, or its question alone for htmx."""
    page = quick.page(state, questions, unanswered)
    template = "careers/quiz.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#quick-question"
    context = {
        "step": page,
        "ask": page.ask,
        "question": page.question,  # None: the verdict is settled, nothing left to ask
        "answered": bool(state.asked),
        "verdict": page.verdict,
        "errors": unanswered is not None,
        "swapped": bool(request.htmx),
        "full_quiz": reverse("quiz_step", args=[questions.resume(state).number]),
        "promised_questions": quick.PROMISED_QUESTIONS,
    }
    return render(request, template, context)


def finish_quick(request, state: QuizState, questions, worked=None) -> HttpResponse:
    """Keep the result as it stands, saying how sure it is, and go to the roadmap. `worked`:
    the verdict on these answers, when this request has worked it out already."""
    worked = worked or quick.work_out(state)
    how_sure = quick.how_sure(state, questions, worked)
    answers, estimated = quick.rated(state, worked), quick.estimated(worked)
    return save_result(request, state, answers, how_sure, estimated)


def save_state(request, state: QuizState) -> None:
    """Keep the answers in the session; an attempt's first answers count a quiz started (a
    number a day, naming no one)."""
    if state.begin():
        daily_counts.count(QUIZ_STARTED)
    state.save(request.session)


def save_result(
    request, state: QuizState, answers: Answers, how_sure=None, estimated=None
) -> HttpResponse:
    """Score the answers, keep the assessment (linked to the one retaken), and send the person
    to their roadmap. Over the address's limit of kept results, nothing is kept and the answers
    stay in the session for later."""
    save_state(request, state)
    wait = wait_for("result", request, per=address)
    if wait:
        return too_many_results(request, wait)
    previous = Assessment.objects.filter(token=state.previous).first() if state.previous else None
    assessment = create_assessment(
        answers.skills,
        answers.preferences,
        previous,
        request.user,
        state.attempt,
        how_sure,
        estimated=estimated or {},
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
    sent = StepForm(request.POST, step, quiz.asks[step.number]).sent()
    if state.finished and number == len(quiz.steps) and sent.nav == NEXT:
        # The post that finished the quiz, again (its reply was lost): its roadmap, not step 1.
        return leave(request, reverse("roadmap", args=[state.finished]))
    state.record(step.kind, sent.answers)
    save_state(request, state)
    if sent.nav == BACK:
        return go_back(request, quiz, step, state)
    if missing := quiz.missing(step, state):
        return render_step(request, quiz, step, quiz.questions(step, state, missing), errors=True)
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


def finish(request, quiz: QuizCatalog, state: QuizState) -> HttpResponse:
    """Score the finished quiz, keep it, and send the person to their roadmap."""
    unanswered = quiz.first_unanswered(list(quiz.steps), state)
    if unanswered:  # e.g. a question added by an editor while the quiz was under way
        return go_to(request, quiz, unanswered, state)
    return save_result(request, state, Answers(state.skills, state.preferences))
