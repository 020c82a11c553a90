"""The tracks and their career ladders: what each role covers, where it works, its levels."""

from django.db import models
from simple_history.models import HistoricalRecords

from .base import CatalogQuerySet, CatalogRow, Slugged, SlugQuerySet


class TrackQuerySet(SlugQuerySet):
    def with_outline(self) -> "TrackQuerySet":
        """Tracks with what their pages list: responsibilities, industries, levels and exits."""
        return self.prefetch_related("responsibilities", "industries", "levels", "exit_paths")


class Track(Slugged):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    short_name = models.CharField(
        max_length=10, help_text='Used in phrases such as "pulled you toward AI".'
    )
    focus = models.CharField(max_length=300, help_text="One line: what the role is about.")
    scope = models.TextField(help_text="What the role covers, in a paragraph.")
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()
    objects = TrackQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Responsibility(CatalogRow):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="responsibilities")
    title = models.CharField(max_length=120)
    description = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["track", "order", "id"]
        verbose_name_plural = "responsibilities"

    def __str__(self) -> str:
        return f"{self.track}: {self.title}"


class Industry(CatalogRow):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="industries")
    name = models.CharField(max_length=120)
    example_companies = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["track", "order", "id"]
        verbose_name_plural = "industries"

    def __str__(self) -> str:
        return f"{self.track}: {self.name}"


class LevelQuerySet(CatalogQuerySet):
    def with_track(self) -> "LevelQuerySet":
        return self.select_related("track")

    def ahead_of(self, track_slug: str, band: int) -> "LevelQuerySet":
        """The track's levels above this band, lowest first."""
        return self.filter(track__slug=track_slug, band__gt=band)


class Level(CatalogRow):
    """A rung of a track's career ladder. The bands are fixed; what they mean is editable."""

    class Band(models.IntegerChoices):
        ENTRY = 1, "L4"
        MID = 2, "L5-L6"
        SENIOR = 3, "L7+"

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="levels")
    band = models.PositiveSmallIntegerField(choices=Band.choices)
    title = models.CharField(max_length=60, help_text="e.g. Entry-Level, Mid-Level, Senior")
    ladder_label = models.CharField(
        max_length=20,
        help_text="The level as the source writes it (the article gives ML mid-level as L5).",
    )
    description = models.TextField(help_text="What the role does at this level.")
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()
    objects = LevelQuerySet.as_manager()

    class Meta:
        ordering = ["track", "band"]
        constraints = [
            models.UniqueConstraint(fields=["track", "band"], name="one_level_per_band"),
        ]

    def __str__(self) -> str:
        return f"{self.track} {self.title} ({self.ladder_label})"

    @property
    def slug(self) -> str:
        return {1: "entry", 2: "mid", 3: "senior"}[self.band]
