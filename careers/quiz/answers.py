"""Reading a quiz step's form: what it answers, and where the person wants to go."""

from django.core.exceptions import BadRequest
from django.http import QueryDict

from careers.quiz.state import QuizState
from careers.quiz.steps import PREFERENCES, Question, Step

FORM_FIELDS = {"csrfmiddlewaretoken", "nav", "step"}
NAVIGATION = {"next", "back"}


def parse_step(data: QueryDict, step: Step, questions: list[Question]) -> tuple[dict, str]:
    """The answers a step's form sent, and where the person wants to go ("next"/"back").

    Unanswered questions are simply absent: the view asks for them again. Anything an honest
    form cannot send — unknown or repeated fields, values off the scale, a step number that
    does not match the page — raises BadRequest (400) and nothing is saved.
    """
    by_name = {question.name: question for question in questions}
    for key in data:
        if key not in by_name and key not in FORM_FIELDS:
            raise BadRequest(f"Unknown field {key!r}.")
        if len(data.getlist(key)) > 1:
            raise BadRequest(f"Field {key!r} was sent more than once.")
    if data.get("step") != str(step.number):
        raise BadRequest("The form does not belong to this step.")
    nav = data.get("nav", "next")
    if nav not in NAVIGATION:
        raise BadRequest("Unknown navigation.")
    answers = {}
    for name, question in by_name.items():
        value = data.get(name, "")
        if value == "":
            continue
        if value not in {choice.value for choice in question.choices}:
            raise BadRequest(f"{value!r} is not an answer to {question.legend!r}.")
        answers[name] = int(value) if step.kind == "skills" else value
    return answers, nav


def record(state: QuizState, step: Step, answers: dict, questions: list[Question]) -> None:
    """Keep the step's answers in the state and show them as chosen."""
    if state.finished and answers:  # answers after finishing: the quiz taken again, anew
        state.start_again()
    given = state.preferences if step.kind == PREFERENCES else state.skills
    given.update(answers)
    for question in questions:
        for choice in question.choices:
            choice.checked = choice.value == str(given.get(question.name, ""))
