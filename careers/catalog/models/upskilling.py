"""Concrete steps that close a skill gap, with the resources to take them."""

from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .skills import Skill


class UpskillingStep(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField("what to do", max_length=200)
    why = models.CharField("why it matters", max_length=400)
    estimated_hours = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["skill", "order", "id"]

    def __str__(self) -> str:
        return f"{self.skill}: {self.title}"


class Resource(models.Model):
    step = models.ForeignKey(UpskillingStep, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["step", "id"]

    def __str__(self) -> str:
        return self.title
