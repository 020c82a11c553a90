"""The quiz's steps and questions, built from the catalog.

One step per skill category (in catalog order), then one step of preferences.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from careers.catalog.models import (
    PreferenceOption,
    PreferenceQuestion,
    Proficiency,
    Skill,
    SkillCategory,
)
from careers.quiz.state import QuizState

PREFERENCES = "preferences"


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
