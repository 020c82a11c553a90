"""The quiz's steps and questions, built from the catalog.

One step per skill category (in catalog order), then one step of preferences. What the steps
ask is read from the catalog once per edition (QuizCatalog); each request only adds the
person's answers to it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from careers.catalog.models import PreferenceQuestion, Proficiency, Skill, SkillCategory
from careers.catalog.per_edition import per_edition
from careers.core.adaptive import SCREEN_CHOICES, Ask, Kind, screen_text
from careers.quiz.state import QuizState


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    intro: str
    category_id: int | None = None  # None: the preferences step

    @property
    def kind(self) -> Kind:
        return Kind.PREFERENCE if self.category_id is None else Kind.SKILL


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    example: str = ""
    checked: bool = False


@dataclass(frozen=True)
class Question:
    """A question as one request shows it: with the person's answer chosen, and its error."""

    name: str
    legend: str
    hint: str
    choices: tuple[Choice, ...]
    error: str = ""

    @property
    def first_input_id(self) -> str:
        return f"{self.name}-{self.choices[0].value}"

    @property
    def answer(self) -> str:
        """The chosen value, or "" while unanswered."""
        return next((choice.value for choice in self.choices if choice.checked), "")


@dataclass(frozen=True)
class QuestionSpec:
    """A question as the catalog asks it; choices are (value, label, example)."""

    name: str
    legend: str
    hint: str
    choices: tuple[tuple[str, str, str], ...]
    missing_message: str

    def question(self, answer: object, error: str = "") -> Question:
        """The question with this answer (a rating, an option's value, or None) chosen."""
        chosen = "" if answer is None else str(answer)
        choices = tuple(
            Choice(value, label, example, value == chosen) for value, label, example in self.choices
        )
        return Question(self.name, self.legend, self.hint, choices, error)


@dataclass(frozen=True)
class QuizCatalog:
    """Every step and what it asks, for one edition of the catalog."""

    edition: int  # the catalog's (careers/catalog/models/edition.py)
    steps: tuple[Step, ...]
    asks: Mapping[int, tuple[QuestionSpec, ...]]  # step number → its questions
    # The quick quiz's questions one by one, by name: "skill:<slug>", "preference:<slug>" and
    # "screen:<category slug>" (careers/core/adaptive.py's Ask.name).
    one_by_one: Mapping[str, QuestionSpec]

    def questions(
        self, step: Step, state: QuizState, errors: Mapping[str, str] = MappingProxyType({})
    ) -> list[Question]:
        """The step's questions with the answers already given, and these errors by name."""
        given = state.given(step.kind)
        return [
            spec.question(given.get(spec.name), errors.get(spec.name, ""))
            for spec in self.asks[step.number]
        ]

    def missing(self, step: Step, state: QuizState) -> dict[str, str]:
        """The step's questions still unanswered, each with what to ask of the person."""
        given = state.given(step.kind)
        return {
            spec.name: spec.missing_message
            for spec in self.asks[step.number]
            if spec.name not in given
        }

    def first_unanswered(self, steps: list[Step], state: QuizState) -> Step | None:
        """The earliest of these steps with a question left unanswered."""
        for step in steps:
            given = state.given(step.kind)
            if any(spec.name not in given for spec in self.asks[step.number]):
                return step
        return None

    def resume(self, state: QuizState) -> Step:
        """Where the full questionnaire goes on: the first step with a question left (the first
        step when every one is answered)."""
        return self.first_unanswered(list(self.steps), state) or self.steps[0]


SKILL_INTRO = "How well do you know each of these?"
PREFERENCES_INTRO = (
    "What you own and how long you have done it set the level you can read; what you enjoy "
    "counts toward the track. There are no wrong answers."
)


@per_edition
def quiz_catalog(edition: int) -> QuizCatalog:
    """The quiz as the current catalog asks it: three queries, once per edition and process."""
    skills: dict[int, list[QuestionSpec]] = {}
    for skill in Skill.objects.with_examples():
        skills.setdefault(skill.category_id, []).append(skill_spec(skill))
    steps, asks, one_by_one = [], {}, {}
    for number, category in enumerate(SkillCategory.objects.asked(), 1):
        steps.append(Step(number, category.name, SKILL_INTRO, category.pk))
        asks[number] = tuple(skills[category.pk])
        one_by_one[Ask(Kind.SCREEN, category.slug).name] = screen_spec(category, asks[number])
        one_by_one.update((Ask(Kind.SKILL, spec.name).name, spec) for spec in asks[number])
    last = Step(len(steps) + 1, "Your work and what you enjoy", PREFERENCES_INTRO)
    asks[last.number] = tuple(preference_spec(q) for q in PreferenceQuestion.objects.with_options())
    one_by_one.update((Ask(Kind.PREFERENCE, spec.name).name, spec) for spec in asks[last.number])
    return QuizCatalog(edition, (*steps, last), asks, one_by_one)


def skill_spec(skill: Skill) -> QuestionSpec:
    examples = {example.proficiency: example.example for example in skill.examples.all()}
    return QuestionSpec(
        skill.slug,
        skill.name,
        skill.description,
        tuple((str(value), label, examples.get(value, "")) for value, label in Proficiency.choices),
        f"Choose how well you know {skill.name}",
    )


def screen_spec(category: SkillCategory, skills: tuple[QuestionSpec, ...]) -> QuestionSpec:
    """How much the person worked with a category at all (careers/core/adaptive.py), naming
    its skills so the answer is about the same things the skill questions ask."""
    return QuestionSpec(
        category.slug,
        screen_text(category.name),
        "That is: " + ", ".join(spec.legend for spec in skills) + ".",
        tuple((value, label, "") for value, label, _ in SCREEN_CHOICES),
        "Choose how much you have worked with these",
    )


def preference_spec(question: PreferenceQuestion) -> QuestionSpec:
    return QuestionSpec(
        question.slug,
        question.text,
        question.hint,
        tuple((option.value, option.label, "") for option in question.options.all()),
        f"Choose an answer to “{question.text}”",
    )


def quiz_steps() -> list[Step]:
    """Every step, in order."""
    return list(quiz_catalog().steps)
