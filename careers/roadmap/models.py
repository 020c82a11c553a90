"""A person's saved assessments and their progress on its plan."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from careers.core.memo import Recent
from careers.core.planning import catalog_from_dict
from careers.core.scoring import Answers, Catalog, score

# catalog_version → the catalog it fingerprints: a handful of catalog versions are ever in use
PARSED_CATALOGS: Recent[str, Catalog] = Recent(16)
# How often an opening is written down: once a day is enough to tell a result someone came
# back to from one nobody did, and costs a roadmap page one UPDATE a day at most.
SEEN_EVERY = timedelta(days=1)


def answered_in_full(catalog: Catalog) -> dict:
    """How sure a result is with every question answered: settled, by definition."""
    return {
        "mode": "full",
        "questions_asked": len(catalog.skills) + len(catalog.preferences),
        "settled": True,
        "track_settled": True,
    }


class AssessmentQuerySet(models.QuerySet):
    def for_roadmap(self) -> "AssessmentQuerySet":
        """What the roadmap's pages read: the assessment and the one it retakes, without the
        stored scoring catalogs (Assessment.scoring_catalog keeps them parsed by version)."""
        return self.select_related("previous").defer("catalog", "previous__catalog")

    def kept_between(self, start, end) -> "AssessmentQuerySet":
        """Results kept from start to end, both days included (in the site's time zone)."""
        return self.filter(created__date__range=(start, end))

    def stale(self, days: int) -> "AssessmentQuerySet":
        """Results nobody came back to: made more than `days` days ago and never opened again
        on a later day, with no step's progress, in no account, and retaken by none (a retake
        shows what improved since)."""
        return self.filter(
            created__lt=timezone.now() - timedelta(days=days),
            last_seen__lt=F("created") + SEEN_EVERY,
            user__isnull=True,
            progress__isnull=True,
            retakes__isnull=True,
        )

    def for_insights(self, start, end):
        """What the insights count of each result in the range: the verdict, each track's
        level and gaps, and how the quiz got there; not the answers, the plans or the token."""
        return self.kept_between(start, end).values(
            "id",
            "created",
            recommended=F("result__recommended"),
            both_fit=F("result__both_fit"),
            tracks=F("result__tracks"),
            how_sure=F("result__how_sure"),
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
    # When the result was last opened, by its page, its JSON or its calendar, to within a day
    # (Assessment.mark_seen): what tells a result someone came back to from a stale one.
    last_seen = models.DateTimeField(default=timezone.now, editable=False)
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

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Assessment {self.token[:6]}… ({self.created:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("roadmap", args=[self.token])

    def open_to(self, user) -> bool:
        """Whether this person may give the roadmap a new link or delete it: whoever has the
        link while no account keeps it; once kept, only the account's owner, signed in (a link
        shared by mistake must not let its reader wipe someone's kept roadmap)."""
        return self.user_id is None or self.user_id == user.pk

    def new_link(self) -> bool:
        """Give the roadmap a new token: the old address, its JSON and its calendar stop
        working at once; progress and answers stay. A conditional UPDATE: of two presses at
        once, one changes it and the other finds the old token gone (False)."""
        token = new_token()
        changed = Assessment.objects.filter(pk=self.pk, token=self.token).update(token=token)
        if changed:
            self.token = token
        return bool(changed)

    def mark_seen(self) -> None:
        """Note that the result was opened: written at most once a SEEN_EVERY, so most
        openings cost no query."""
        now = timezone.now()
        if now - self.last_seen >= SEEN_EVERY:
            Assessment.objects.filter(pk=self.pk).update(last_seen=now)
            self.last_seen = now

    @cached_property
    def margins(self) -> tuple[int, int]:
        """Where the skills and the preferences point on their own (skills_margin,
        preferences_margin: points of their own fit, + toward the recommendation). A result
        saved before these were kept is scored again on the catalog it was scored against."""
        if "skills_margin" in self.result:
            return self.result["skills_margin"], self.result["preferences_margin"]
        answers = Answers(self.answers["skills"], self.answers.get("preferences", {}))
        again = score(self.scoring_catalog, answers)
        return again.skills_margin, again.preferences_margin

    @cached_property
    def how_sure(self) -> dict:
        """What the quiz said of the result when it was kept (careers/quiz/quick.py): mode
        ("quick" or "full"), questions_asked, settled, and for a quick result stopped early the
        questions that could still change it. A result kept before quick mode was answered in
        full."""
        return self.result.get("how_sure") or answered_in_full(self.scoring_catalog)

    @property
    def level_range(self) -> list[str] | None:
        """The lowest and highest level the recommended track could still take, for a quick
        result whose level is not settled."""
        return self.how_sure.get("levels", {}).get(self.result["recommended"])

    @cached_property
    def unrated_skills(self) -> dict[str, str]:
        """The catalog's skills the person was not asked to rate (quick mode), slug → name:
        scored as None, shown as not rated, never as a gap from zero."""
        rated = self.answers["skills"]
        return {s.slug: s.name for s in self.scoring_catalog.skills if s.slug not in rated}

    @cached_property
    def scoring_catalog(self) -> Catalog:
        """The catalog this assessment was scored against. Parsed once per process for every
        assessment with the same catalog_version (a fingerprint of its content), so the large
        `catalog` field need not even be read (Assessment.objects.for_roadmap defers it)."""
        return PARSED_CATALOGS.get(self.catalog_version, lambda _: catalog_from_dict(self.catalog))


class StepProgressQuerySet(models.QuerySet):
    def people_with_a_step_done(self, start, end) -> int:
        """How many results kept from start to end have at least one step done."""
        done = self.filter(status=StepProgress.Status.DONE)
        return (
            done.filter(assessment__in=Assessment.objects.kept_between(start, end))
            .values("assessment")
            .distinct()
            .count()
        )


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

    objects = StepProgressQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "step_id"], name="one_status_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · step {self.step_id}: {self.get_status_display()}"
