"""Skills, their categories and scale, and what each track asks of them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .base import CatalogQuerySet, CatalogRow, Slugged, SlugQuerySet
from .tracks import Track


class Proficiency(models.IntegerChoices):
    """The 0–4 scale every rating and requirement uses; labels begin with the scale word."""

    NONE = 0, "None – never used it"
    AWARE = 1, "Aware – read about it or followed a tutorial"
    WORKING = 2, "Working – used it in a project with help"
    PROFICIENT = 3, "Proficient – used it on my own in production"
    EXPERT = 4, "Expert – could lead or teach it"

    @property
    def word(self) -> str:
        return self.label.split(" – ")[0]


proficiency_validators = [MinValueValidator(0), MaxValueValidator(4)]
importance_validators = [MinValueValidator(1), MaxValueValidator(5)]


class SkillCategoryQuerySet(SlugQuerySet):
    def asked(self) -> "SkillCategoryQuerySet":
        """The categories that have skills, in catalog order: one quiz step each."""
        return self.filter(skills__isnull=False).distinct().order_by("order")

    def with_employer_focus(self) -> "SkillCategoryQuerySet":
        """Categories with what employers value in each, per track (the skills table)."""
        return self.prefetch_related("employer_focus")


class SkillCategory(Slugged):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    industry_standard = models.CharField(
        max_length=120, blank=True, help_text='The skills table\'s "Industry Standard" column.'
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = SkillCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "skill categories"

    def __str__(self) -> str:
        return self.name


class EmployerFocus(CatalogRow):
    """One cell of the article's skills table: what employers value in a category, per track."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="employer_focus")
    category = models.ForeignKey(
        SkillCategory, on_delete=models.CASCADE, related_name="employer_focus"
    )
    summary = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "track"]
        verbose_name_plural = "employer focus"
        constraints = [
            models.UniqueConstraint(fields=["track", "category"], name="one_focus_per_category"),
        ]

    def __str__(self) -> str:
        return f"{self.track} · {self.category}: {self.summary}"


class SkillQuerySet(SlugQuerySet):
    def with_examples(self) -> "SkillQuerySet":
        """Skills in catalog order, each with its examples of the scale's points."""
        return self.prefetch_related("examples")


class Skill(Slugged):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    description = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "order", "name"]

    def __str__(self) -> str:
        return self.name


class ProficiencyExample(CatalogRow):
    """What a given point of the scale looks like for one skill, to help people rate honestly."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="examples")
    proficiency = models.PositiveSmallIntegerField(
        choices=Proficiency.choices, validators=proficiency_validators
    )
    example = models.CharField(max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["skill", "proficiency"]
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "proficiency"], name="one_example_per_proficiency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} – {Proficiency(self.proficiency).word}"


SKILL_ORDER = ("skill__category__order", "skill__category__name", "skill__order", "skill__name")


class TrackSkillQuerySet(CatalogQuerySet):
    def on_track_page(self, track) -> "TrackSkillQuerySet":
        """A track's requirements by skill category, each skill with its steps."""
        return (
            self.filter(track=track)
            .select_related("skill__category")
            .prefetch_related("skill__steps")
            .order_by(*SKILL_ORDER)
        )

    def required_at(self, track, field: str) -> "TrackSkillQuerySet":
        """What a level asks of its track's skills (field: its column, e.g. "mid_required"),
        each skill with its steps and their resources; skills it does not ask for left out."""
        return (
            self.filter(track=track, **{f"{field}__gt": 0})
            .select_related("skill__category")
            .prefetch_related("skill__steps__resources")
            .order_by(*SKILL_ORDER)
        )

    def reasons(self):
        """(track slug, skill slug, why the track needs the skill) for every requirement."""
        return self.values_list("track__slug", "skill__slug", "why_it_matters")


class TrackSkill(CatalogRow):
    """How much a track cares about a skill, and the proficiency each of its levels requires.

    One row per track and skill holds the importance and the three level requirements, so the
    rule "one requirement per track, level and skill" holds by construction and editors see a
    track's whole requirement matrix in one table.
    """

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="track_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="track_skills")
    importance = models.PositiveSmallIntegerField(
        validators=importance_validators, help_text="1 (nice to have) to 5 (defines the track)."
    )
    entry_required = models.PositiveSmallIntegerField(
        "L4 requires", choices=Proficiency.choices, validators=proficiency_validators
    )
    mid_required = models.PositiveSmallIntegerField(
        "L5-L6 requires", choices=Proficiency.choices, validators=proficiency_validators
    )
    senior_required = models.PositiveSmallIntegerField(
        "L7+ requires", choices=Proficiency.choices, validators=proficiency_validators
    )
    why_it_matters = models.CharField(
        max_length=300, blank=True, help_text="Why this track needs the skill, in one sentence."
    )

    history = HistoricalRecords()
    objects = TrackSkillQuerySet.as_manager()

    class Meta:
        ordering = ["track", "skill__category__order", "skill__order", "skill__name"]
        verbose_name = "skill requirement"
        constraints = [
            models.UniqueConstraint(fields=["track", "skill"], name="one_requirement_per_skill"),
            models.CheckConstraint(
                condition=models.Q(importance__gte=1, importance__lte=5),
                name="importance_1_to_5",
                violation_error_message="Importance must be between 1 and 5.",
            ),
            models.CheckConstraint(
                condition=models.Q(entry_required__lte=4)
                & models.Q(mid_required__lte=4)
                & models.Q(senior_required__lte=4),
                name="required_on_scale",
                violation_error_message="Required proficiency must be on the 0–4 scale.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.track} · {self.skill}"

    def required_for(self, band: int) -> int:
        return {1: self.entry_required, 2: self.mid_required, 3: self.senior_required}[band]

    def clean(self) -> None:
        levels = [self.entry_required, self.mid_required, self.senior_required]
        if None in levels or levels == sorted(levels):
            return
        # said against the higher level that asks less, so a form or an import shows where
        below = "mid_required" if self.mid_required < self.entry_required else "senior_required"
        raise ValidationError(
            {
                below: ValidationError(
                    "A higher level cannot require less than a lower one: "
                    "L4 ≤ L5-L6 ≤ L7+ (got %(got)s).",
                    params={"got": " / ".join(str(value) for value in levels)},
                    code="requirements_decrease",
                )
            }
        )
