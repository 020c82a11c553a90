"""Calibration personas: answer sets with the verdict editors expect of the catalog."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.scoring import BOTH_FIT_MARGIN, LEVELS

from .preferences import PreferenceOption
from .skills import Skill
from .tracks import Track


def validate_answer_map(skills: dict, known: set[str]) -> None:
    if not isinstance(skills, dict):
        raise ValidationError("Answers must map skill slugs to a proficiency from 0 to 4.")
    unknown = sorted(set(skills) - known)
    if unknown:
        raise ValidationError(f"Unknown skills: {', '.join(unknown)}.")
    bad = sorted(
        slug for slug, value in skills.items() if type(value) is not int or not 0 <= value <= 4
    )
    if bad:
        raise ValidationError(f"Answers must be whole numbers from 0 to 4; check {', '.join(bad)}.")


class CalibrationPersona(models.Model):
    """An answer set with the verdict editors expect, re-checked whenever the catalog changes."""

    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="Who this is, and why the verdict.")
    skills = models.JSONField(
        default=dict,
        help_text='Skill slug → proficiency 0–4, e.g. {"python": 3, "pytorch": 4}. '
        "Skills left out count as 0 (None).",
    )
    preferences = models.JSONField(
        default=dict, blank=True, help_text='Question slug → option value, e.g. {"data": "text"}.'
    )
    expected_track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty for a close call: both tracks fit, the first less than "
        f"{BOTH_FIT_MARGIN} points ahead (people then read “Both tracks fit”).",
    )
    expected_level = models.CharField(
        max_length=10,
        blank=True,
        choices=[(label, label) for label in LEVELS],
        help_text="The level expected on the expected track (or on the recommended one).",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_answer_map(self.skills, set(Skill.objects.values_list("slug", flat=True)))
        options = {
            (option.question.slug, option.value)
            for option in PreferenceOption.objects.select_related("question")
        }
        if not isinstance(self.preferences, dict) or any(
            (slug, value) not in options for slug, value in self.preferences.items()
        ):
            raise ValidationError(
                {"preferences": "Each preference must name a question slug and one of its values."}
            )
