"""The quiz's forms: a step of the full questionnaire, and one quick-quiz answer.

Each page's form sends only its own fields, once each, with values from its choices. A request
that does otherwise was not sent by an honest page: it is refused with BadRequest (400) and
nothing is kept. A question left unanswered is no such thing: the page asks for it again.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import BadRequest, ValidationError

from careers.core.adaptive import Ask, Kind
from careers.quiz.steps import QuestionSpec, QuizCatalog, Step

NEXT, BACK, RESULT = "next", "back", "result"


class HonestForm(forms.Form):
    """A form that refuses, with BadRequest, any field it does not have, any field sent twice,
    and any value its fields do not take. A question's field is optional: one left unanswered
    is for the page to ask again."""

    def full_clean(self) -> None:
        for key in self.data:
            if key not in self.fields and key != "csrfmiddlewaretoken":
                raise BadRequest(f"Unknown field {key!r}.")
            if len(self.data.getlist(key)) > 1:
                raise BadRequest(f"Field {key!r} was sent more than once.")
        super().full_clean()
        for name, errors in self._errors.items():
            raise BadRequest(f"{name}: {errors[0]}")

    def clean_nav(self) -> str:
        return self.cleaned_data["nav"] or NEXT


def choice_field(spec: QuestionSpec, kind: Kind) -> forms.Field:
    choices = [(value, label) for value, label, _ in spec.choices]
    if kind is Kind.SKILL:
        return forms.TypedChoiceField(choices=choices, coerce=int, empty_value=None, required=False)
    return forms.ChoiceField(choices=choices, required=False)


@dataclass(frozen=True)
class StepAnswers:
    answers: dict[str, int | str]  # by question; an unanswered question is absent
    nav: str


class StepForm(HonestForm):
    """One step of the full questionnaire: its questions' answers, where to go next, and which
    step it is (a form from another step's page is refused)."""

    step = forms.CharField()
    nav = forms.ChoiceField(choices=[(NEXT, NEXT), (BACK, BACK)], required=False)

    def __init__(self, data, step: Step, specs: tuple[QuestionSpec, ...]) -> None:
        super().__init__(data)
        self.number = step.number
        self.names = [spec.name for spec in specs]
        for spec in specs:
            self.fields[spec.name] = choice_field(spec, step.kind)

    def clean_step(self) -> str:
        if self.cleaned_data["step"] != str(self.number):
            raise ValidationError("The form does not belong to this step.")
        return self.cleaned_data["step"]

    def sent(self) -> StepAnswers:
        """What the form says (BadRequest for a form no honest page sends)."""
        self.full_clean()
        answers = {
            name: self.cleaned_data[name]
            for name in self.names
            if self.cleaned_data[name] not in (None, "")
        }
        return StepAnswers(answers, self.cleaned_data["nav"])


@dataclass(frozen=True)
class QuickAnswer:
    ask: Ask | None  # None: the settled page's button, which names no question
    value: int | str | None  # None: nothing chosen
    nav: str


class QuickAnswerForm(HonestForm):
    """One question of the quick quiz: which it is, its answer, and where to go next."""

    ask = forms.CharField(required=False, strip=False)
    answer = forms.CharField(required=False, strip=False)
    nav = forms.ChoiceField(choices=[(NEXT, NEXT), (BACK, BACK), (RESULT, RESULT)], required=False)

    def __init__(self, data, questions: QuizCatalog) -> None:
        super().__init__(data)
        self.questions = questions

    def clean(self) -> dict:
        data = self.cleaned_data
        if data.get("nav") in (RESULT, BACK) and not data.get("ask") and "answer" not in self.data:
            # the buttons of the screen stating the verdict, which asks nothing
            data["sent"] = QuickAnswer(None, None, data["nav"])
            return data
        spec = self.questions.one_by_one.get(data.get("ask", ""))
        if spec is None:
            raise ValidationError("The form does not answer a question of this quiz.")
        ask, answer = Ask.from_name(data["ask"]), data.get("answer", "")
        if answer and answer not in {choice for choice, _, _ in spec.choices}:
            raise ValidationError(f"{answer!r} is not an answer to {spec.legend!r}.")
        value = None if answer == "" else int(answer) if ask.kind is Kind.SKILL else answer
        data["sent"] = QuickAnswer(ask, value, data.get("nav", NEXT))
        return data

    def sent(self) -> QuickAnswer:
        """What the form says (BadRequest for a form no honest page sends)."""
        self.full_clean()
        return self.cleaned_data["sent"]
