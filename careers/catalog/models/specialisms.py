"""A track's specialisms: the cores of skills its levels are judged by (issue 27)."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .base import CatalogRow, Slugged, SlugQuerySet
from .skills import Skill
from .tracks import Track

ASKS_HELP = "How many of its core skills this level asks at {rating} or better."


class SpecialismQuerySet(SlugQuerySet):
    def with_core(self) -> "SpecialismQuerySet":
        """Specialisms in order, each with its track and its core skills in order."""
        core = SpecialismSkill.objects.select_related("skill").order_by("order", "id")
        return self.select_related("track").prefetch_related(models.Prefetch("core", core))


class Specialism(Slugged):
    """Where a track's work divides (AI application, ML platform …). A person's level is the
    depth they reach in the core of the specialism closest to them, then their scope
    (careers/core/ladder.py)."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="specialisms")
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=300, help_text="What the work is, in a sentence.")
    evidence = models.TextField(
        blank=True,
        help_text="The article's lines and the job postings (fixtures/source/postings/) that "
        "show this specialism and what its levels ask.",
    )
    entry_asks = models.PositiveSmallIntegerField(
        "L4 asks", default=3, help_text=ASKS_HELP.format(rating="Working")
    )
    mid_asks = models.PositiveSmallIntegerField(
        "L5-L6 asks", default=3, help_text=ASKS_HELP.format(rating="Proficient")
    )
    senior_asks = models.PositiveSmallIntegerField(
        "L7+ asks", default=2, help_text=ASKS_HELP.format(rating="Expert")
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = SpecialismQuerySet.as_manager()

    class Meta:
        ordering = ["track__order", "order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def asks(self) -> tuple[int, int, int]:
        return (self.entry_asks, self.mid_asks, self.senior_asks)

    def clean(self) -> None:
        # Asking more than the core holds puts that level out of reach in this specialism;
        # the calibration personas, scored after every save, say whom that moves.
        if any(n < 1 for n in self.asks):
            raise ValidationError("Each level asks at least one core skill.")


class SpecialismSkill(CatalogRow):
    """A skill of a specialism's core."""

    specialism = models.ForeignKey(Specialism, on_delete=models.CASCADE, related_name="core")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["specialism", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["specialism", "skill"], name="one_core_row_per_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.specialism}: {self.skill}"
