"""Concrete steps that close a skill gap, with the resources to take them."""

from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .base import CatalogQuerySet, CatalogRow
from .skills import Skill
from .tracks import Level


class UpskillingStepQuerySet(CatalogQuerySet):
    def in_plan_order(self) -> "UpskillingStepQuerySet":
        """Each skill's steps in the order a plan takes them, with the skill and resources."""
        return (
            self.select_related("skill")
            .prefetch_related("resources")
            .order_by("skill__slug", "level", "order", "pk")
        )


class UpskillingStep(CatalogRow):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField("what to do", max_length=200)
    why = models.CharField("why it matters", max_length=400)
    estimated_hours = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    level = models.PositiveSmallIntegerField(
        "level it serves",
        choices=Level.Band.choices,
        default=Level.Band.ENTRY,
        help_text="L4 steps bring a skill to Working, L5-L6 steps to Proficient, L7+ steps to "
        "Expert: a plan gives a gap the steps of the levels it spans.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = UpskillingStepQuerySet.as_manager()

    class Meta:
        ordering = ["skill", "level", "order", "id"]

    def __str__(self) -> str:
        return f"{self.skill}: {self.title}"


class Resource(CatalogRow):
    step = models.ForeignKey(UpskillingStep, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["step", "id"]

    def __str__(self) -> str:
        return self.title
