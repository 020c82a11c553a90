"""The quiz's preference questions, and the points each answer gives each track."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .base import CatalogRow, Slugged, SlugQuerySet
from .tracks import Track


class PreferenceQuestionQuerySet(SlugQuerySet):
    def with_options(self) -> "PreferenceQuestionQuerySet":
        """Questions in order, each with its options in order."""
        options = PreferenceOption.objects.order_by("order", "id")
        return self.prefetch_related(models.Prefetch("options", options))


class PreferenceQuestion(Slugged):
    slug = models.SlugField(max_length=60, unique=True)
    text = models.CharField("question", max_length=200)
    hint = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = PreferenceQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class PreferenceOption(CatalogRow):
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
        blank=True,
        help_text='Track slug → 0 to 2, e.g. {"ai-engineer": 2, "ml-engineer": 0}. '
        "Give an even answer the same points for both tracks.",
    )
    level_cap = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=[(1, "L4"), (2, "L5-L6"), (3, "L7+")],
        help_text="Only for a question about the person's standing (what they own, how long "
        "they have worked): the highest level this answer supports. Give such an option no "
        "points. Leave empty for a preference.",
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
