"""The quiz's steps and questions, built from the catalog, and the parsing of a step's answers.

One step per skill category (in catalog order), then one step of preferences. Unfinished
answers live in the session under SESSION_KEY as {"skills": {slug: 0–4}, "preferences": {slug:
value}, ...} (see QuizState); only the last step writes to the database.
"""

import secrets
from dataclasses import asdict, dataclass, field

from django.core.exceptions import BadRequest
from django.db.models import Prefetch
from django.http import QueryDict

from careers.models import PreferenceOption, PreferenceQuestion, Proficiency, Skill, SkillCategory

SESSION_KEY = "quiz"
PREFERENCES = "preferences"
FORM_FIELDS = {"csrfmiddlewaretoken", "nav", "step"}
NAVIGATION = {"next", "back"}
SCALE = {str(value): label for value, label in Proficiency.choices}


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    intro: str
    category_id: int | None = None  # None: the preferences step

    @property
    def kind(self) -> str:
        return PREFERENCES if self.category_id is None else "skills"


@dataclass
class Choice:
    value: str
    label: str
    example: str = ""
    checked: bool = False


@dataclass
class Question:
    name: str
    legend: str
    hint: str
    choices: list[Choice]
    error: str = ""
    missing_message: str = ""

    @property
    def first_input_id(self) -> str:
        return f"{self.name}-{self.choices[0].value}"


@dataclass
class QuizState:
    """One person's way through the quiz, kept in their session.

    attempt names this way through from its first answers to its assessment, which keeps it
    (Assessment.attempt): finishing twice, one after the other or both at once, makes one
    assessment. Once finished, the answers are dropped and only finished, the token of the
    roadmap they made, is kept: a resubmit of the last step goes there. New answers start a
    new attempt.
    """

    skills: dict[str, int] = field(default_factory=dict)
    preferences: dict[str, str] = field(default_factory=dict)
    previous: str = ""  # the token of the assessment this quiz retakes
    attempt: str = ""
    finished: str = ""

    @classmethod
    def from_session(cls, session) -> "QuizState":
        stored = session.get(SESSION_KEY) or {}
        return cls(
            dict(stored.get("skills", {})),
            dict(stored.get(PREFERENCES, {})),
            stored.get("previous", ""),
            stored.get("attempt", ""),
            stored.get("finished", ""),
        )

    def save(self, session) -> None:
        """Keep the state in the session, only if it changed: a session is a database row, and
        a request that keeps nothing (an empty step, Back, a retry) must not make or rewrite
        one."""
        if not self.attempt and (self.skills or self.preferences):
            self.attempt = secrets.token_urlsafe(16)  # the first answers (or a retake's)
        if self != QuizState.from_session(session):
            session[SESSION_KEY] = asdict(self)

    def finish(self, token: str) -> None:
        """The attempt became the assessment with this token: forget the answers."""
        self.skills, self.preferences, self.previous, self.finished = {}, {}, "", token

    def key(self) -> tuple:
        """Everything about the answers so far, as a value a cache key can hold."""
        return (sorted(self.skills.items()), sorted(self.preferences.items()), self.previous)

    def answered(self, step: Step, questions: list[Question]) -> bool:
        given = self.preferences if step.kind == PREFERENCES else self.skills
        return all(question.name in given for question in questions)


def quiz_steps() -> list[Step]:
    """Every step, in order: one query."""
    categories = SkillCategory.objects.filter(skills__isnull=False).distinct().order_by("order")
    steps = [
        Step(number, category.name, "How well do you know each of these?", category.pk)
        for number, category in enumerate(categories, 1)
    ]
    intro = "Your answers here count toward the verdict too: there are no wrong ones."
    return [*steps, Step(len(steps) + 1, "What you enjoy", intro)]


def step_questions(step: Step, state: QuizState) -> list[Question]:
    """The step's questions with the answers already given: two queries."""
    if step.kind == PREFERENCES:
        return preference_questions(state)
    skills = Skill.objects.filter(category_id=step.category_id).prefetch_related("examples")
    return [skill_question(skill, state.skills.get(skill.slug)) for skill in skills]


def skill_question(skill: Skill, answer: int | None) -> Question:
    examples = {example.proficiency: example.example for example in skill.examples.all()}
    choices = [
        Choice(str(value), label, examples.get(value, ""), answer == value)
        for value, label in Proficiency.choices
    ]
    return Question(
        skill.slug,
        skill.name,
        skill.description,
        choices,
        missing_message=f"Choose how well you know {skill.name}",
    )


def preference_questions(state: QuizState) -> list[Question]:
    options = Prefetch("options", PreferenceOption.objects.order_by("order", "id"))
    return [
        Question(
            question.slug,
            question.text,
            question.hint,
            [
                Choice(o.value, o.label, checked=state.preferences.get(question.slug) == o.value)
                for o in question.options.all()
            ],
            missing_message=f"Choose an answer to “{question.text}”",
        )
        for question in PreferenceQuestion.objects.prefetch_related(options)
    ]


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
        state.attempt = state.finished = ""
    given = state.preferences if step.kind == PREFERENCES else state.skills
    given.update(answers)
    for question in questions:
        for choice in question.choices:
            choice.checked = choice.value == str(given.get(question.name, ""))


def first_unanswered(steps: list[Step], state: QuizState) -> Step | None:
    """The earliest step with a question left unanswered: two queries."""
    pending = {
        category
        for slug, category in Skill.objects.values_list("slug", "category_id")
        if slug not in state.skills
    }
    unanswered_preferences = any(
        slug not in state.preferences
        for slug in PreferenceQuestion.objects.values_list("slug", flat=True)
    )
    for step in steps:
        if step.category_id in pending or (step.kind == PREFERENCES and unanswered_preferences):
            return step
    return None


def mark_missing(questions: list[Question], state: QuizState, step: Step) -> list[Question]:
    """Flag each unanswered question with its message; return the flagged ones."""
    given = state.preferences if step.kind == PREFERENCES else state.skills
    missing = [question for question in questions if question.name not in given]
    for question in missing:
        question.error = question.missing_message
    return missing
