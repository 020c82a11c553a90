"""What the roadmap's forms and links send, read by Django forms: a value that is not a plain
whole number ("²" passes str.isdigit() and fails int()) is an error here, never a 500 later."""

from django import forms

HOURS_MESSAGE = "Enter a whole number of hours from 1 to 80"


class HoursForm(forms.Form):
    """The hours a week a person can give to their plan."""

    hours_per_week = forms.IntegerField(
        min_value=1,
        max_value=80,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), HOURS_MESSAGE
        ),
    )


class PhaseQuery(forms.Form):
    """?phase=<band>: the later phase a folded phase's plain link lays out. A number the plan
    has no phase for opens nothing."""

    phase = forms.IntegerField(required=False)


class RateForm(forms.Form):
    """A rating given on the roadmap to a skill the quiz estimated: the skill among this
    result's estimated ones, the rating on the 0-4 scale. Every field is a choice the page
    offers, so an invalid form is one no honest page sends."""

    skill = forms.ChoiceField()
    rating = forms.TypedChoiceField(
        coerce=int, choices=[(str(value), str(value)) for value in range(5)]
    )

    def __init__(self, data, estimated):
        super().__init__(data)
        self.fields["skill"].choices = [(slug, slug) for slug in estimated]
