"""What the market says about each track: pay, demand, insights, exits and the FAQ.

Every figure keeps the source the article cites and the year (or period) it refers to.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .base import CatalogQuerySet, CatalogRow, Slugged
from .tracks import Track


class Sourced(CatalogRow):
    source = models.CharField(max_length=200, help_text="Who published the figure.")
    source_year = models.CharField(
        max_length=40,
        blank=True,
        help_text='Year or period the figure refers to, e.g. "2023" or "Q2 2024". '
        "Leave empty only where the source gives none.",
    )

    class Meta:
        abstract = True

    @property
    def citation(self) -> str:
        year = self.source_year or "year not stated"
        return f"{self.source} ({year})"


class Heading(Slugged):
    """A named row heading of a market table (a company tier, a demand metric), in order."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class CompanyTier(Heading):
    """A kind of employer (FAANG+, unicorn start-ups, non-tech enterprises): a pay row."""

    history = HistoricalRecords()


class CompensationQuerySet(CatalogQuerySet):
    def with_names(self) -> "CompensationQuerySet":
        """Every figure with its track and company tier."""
        return self.select_related("track", "tier")

    def for_track(self, track_slug: str) -> "CompensationQuerySet":
        return self.filter(track__slug=track_slug).select_related("tier")


class Compensation(Sourced):
    """Median yearly pay in US dollars for one track at one company tier."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="compensation")
    tier = models.ForeignKey(CompanyTier, on_delete=models.PROTECT, related_name="compensation")
    levels_covered = models.CharField(
        max_length=40, blank=True, help_text='Levels the figure covers, e.g. "L5-L7".'
    )
    total = models.PositiveIntegerField("total compensation (median, USD)")
    base = models.PositiveIntegerField("base salary (USD)")
    equity_per_year = models.PositiveIntegerField("equity per year (USD)")
    bonus = models.PositiveIntegerField("bonus (USD)")

    history = HistoricalRecords()
    objects = CompensationQuerySet.as_manager()

    class Meta:
        ordering = ["track", "tier__order"]
        verbose_name_plural = "compensation"
        constraints = [
            models.UniqueConstraint(fields=["track", "tier"], name="one_salary_per_tier"),
        ]

    def __str__(self) -> str:
        return f"{self.track} at {self.tier}: ${self.total:,}"

    def clean(self) -> None:
        # The article's rows add up exactly; a total that does not would make the pay table
        # and the breakdown chart tell two different stories.
        parts = [self.base, self.equity_per_year, self.bonus]
        if self.total is not None and None not in parts and sum(parts) != self.total:
            raise ValidationError(
                "Base, equity per year and bonus add up to $%(parts)s, not the total "
                "$%(total)s: change the parts or the total so they agree.",
                params={"parts": f"{sum(parts):,}", "total": f"{self.total:,}"},
                code="parts_do_not_add_up",
            )


class DemandMetric(Heading):
    """What a demand figure measures (job postings, growth, remote share): a demand row."""

    history = HistoricalRecords()


class DemandFactQuerySet(CatalogQuerySet):
    def with_metric(self) -> "DemandFactQuerySet":
        """Every fact with what it measures, in the metrics' order."""
        return self.select_related("metric")

    def for_track(self, track_slug: str) -> "DemandFactQuerySet":
        return self.filter(track__slug=track_slug).select_related("metric")


class DemandFact(Sourced):
    """One cell of the demand table, kept as the article writes it ("12,500", "+180%")."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="demand_facts")
    metric = models.ForeignKey(DemandMetric, on_delete=models.PROTECT, related_name="facts")
    value = models.CharField(max_length=200)
    qualifier = models.CharField(max_length=80, blank=True, help_text='e.g. "(LinkedIn)"')

    history = HistoricalRecords()
    objects = DemandFactQuerySet.as_manager()

    class Meta:
        ordering = ["metric__order", "track"]
        constraints = [
            models.UniqueConstraint(fields=["track", "metric"], name="one_fact_per_metric"),
        ]

    def __str__(self) -> str:
        return f"{self.track} · {self.metric}: {self.value}"


class KeyInsightQuerySet(CatalogQuerySet):
    def headlines(self) -> "KeyInsightQuerySet":
        """The landing page's figures."""
        return self.filter(topic=KeyInsight.Topic.HEADLINE)


class KeyInsight(Sourced):
    class Topic(models.TextChoices):
        HEADLINE = "headline", "Headline"
        SALARY = "salary", "Salary"
        DEMAND = "demand", "Demand"
        SKILLS = "skills", "Skills"

    topic = models.CharField(max_length=20, choices=Topic.choices)
    headline = models.CharField(max_length=200)
    body = models.TextField()
    track = models.ForeignKey(
        Track,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="insights",
        help_text="Leave empty when the insight compares both tracks.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = KeyInsightQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "order", "id"]

    def __str__(self) -> str:
        return self.headline


class ExitPathQuerySet(CatalogQuerySet):
    def for_track(self, track_slug: str) -> "ExitPathQuerySet":
        return self.filter(track__slug=track_slug)


class ExitPath(CatalogRow):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="exit_paths")
    title = models.CharField(max_length=80)
    description = models.TextField()
    examples = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = ExitPathQuerySet.as_manager()

    class Meta:
        ordering = ["track", "order", "id"]

    def __str__(self) -> str:
        return f"{self.track}: {self.title}"


class FaqEntryQuerySet(CatalogQuerySet):
    def for_track(self, track_slug: str) -> "FaqEntryQuerySet":
        """The questions whose answer applies to this track."""
        return self.filter(tracks__slug=track_slug)


class FaqEntry(Sourced):
    """A question people ask, its answer, and the data point that backs it."""

    question = models.CharField(max_length=200, unique=True)
    answer = models.TextField(help_text='One point per line; lines starting "- " become bullets.')
    data_point = models.TextField(blank=True)
    tracks = models.ManyToManyField(
        Track, blank=True, related_name="faq_entries", help_text="Tracks this answer applies to."
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[tracks])
    objects = FaqEntryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self) -> str:
        return self.question
