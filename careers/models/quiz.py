"""The quiz's own catalog (preference questions), saved assessments and calibration personas."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from careers.planning import catalog_from_dict
from careers.scoring import Catalog

from .catalog import Skill, SlugManager, Track

LEVEL_LABELS = ["below L4", "L4", "L5-L6", "L7+"]
CLOSE_CALL_MARGIN = 10


class PreferenceQuestion(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    text = models.CharField("question", max_length=200)
    hint = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = SlugManager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class PreferenceOption(models.Model):
    """One answer to a preference question, and the points it gives each track (0–2)."""

    question = models.ForeignKey(
        PreferenceQuestion, on_delete=models.CASCADE, related_name="options"
    )
    value = models.SlugField(max_length=40)
    label = models.CharField(
        max_length=200, help_text='A noun phrase: it is read after "You prefer …".'
    )
    points = models.JSONField(
        default=dict,
        help_text='Track slug → 0 to 2, e.g. {"ai-engineer": 2, "ml-engineer": 0}. '
        "Give an even answer the same points for both tracks.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="one_option_per_value"),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        tracks = set(Track.objects.values_list("slug", flat=True))
        if (
            not isinstance(self.points, dict)
            or set(self.points) - tracks
            or any(type(v) is not int or not 0 <= v <= 2 for v in self.points.values())
        ):
            raise ValidationError(
                {"points": f"Give each track slug ({', '.join(sorted(tracks))}) 0, 1 or 2 points."}
            )


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
        help_text="Leave empty for a close call: either track, within "
        f"{CLOSE_CALL_MARGIN} points of the other.",
    )
    expected_level = models.CharField(
        max_length=10,
        blank=True,
        choices=[(label, label) for label in LEVEL_LABELS],
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


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits: unguessable, and fits a URL


class Assessment(models.Model):
    """A finished quiz: the answers, and the result as scored against one catalog version.

    The result and the scoring catalog it came from are snapshots: later catalog edits never
    change them silently, and what-ifs and progress are scored against the same catalog.
    """

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    answers = models.JSONField()
    catalog_version = models.CharField(max_length=64)
    catalog = models.JSONField(default=dict, help_text="The scoring catalog, as it was.")
    result = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)
    hours_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(80)]
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retakes",
        help_text="The assessment this one retakes, to show what improved.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    # The way through the quiz this finished (careers.quiz.QuizState.attempt): unique, so
    # finishing it twice, even at the same moment, keeps one assessment. NULL when made some
    # other way (a saved what-if): unique allows any number of NULLs, but only one "".
    attempt = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Assessment {self.token[:6]}… ({self.created:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("roadmap", args=[self.token])

    @cached_property
    def scoring_catalog(self) -> Catalog:
        """The catalog this assessment was scored against, parsed once per request."""
        return catalog_from_dict(self.catalog)


class StepProgress(models.Model):
    """Where a person stands on one step of their plan; a row per step they have touched."""

    class Status(models.TextChoices):
        TODO = "todo", "To do"
        IN_PROGRESS = "doing", "In progress"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="progress")
    step_id = models.PositiveIntegerField(help_text="The step's id in the assessment's plan.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "step_id"], name="one_status_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · step {self.step_id}: {self.get_status_display()}"
