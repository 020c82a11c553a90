"""A person's saved assessments, the catalog snapshots their results point into, and their
progress on its plan."""

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
from careers.core.result import HowSure, SavedResult, Snapshot
from careers.core.scoring import Catalog

# snapshot key → the snapshot parsed: a handful of catalog contents are ever in use at once.
# Keyed by content, not row id: a row id can come back after a rollback, a content key cannot.
PARSED_SNAPSHOTS: Recent[str, Snapshot] = Recent(16)
# How often an opening is written down: once a day is enough to tell a result someone came
# back to from one nobody did, and costs a roadmap page one UPDATE a day at most.
SEEN_EVERY = timedelta(days=1)


class CatalogSnapshot(models.Model):
    """What the catalog said when results were kept from it: the scoring catalog, every
    upskilling step (title, why, hours, level, resources) and why each track needs each skill,
    as careers.core.result.Snapshot writes them. Kept once per content, under its fingerprint
    (key), and never changed: a later catalog edit makes a new snapshot, so a saved result shows
    what it showed on its day. A result holds only its own verdict and the ids of its steps."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    content = models.JSONField(editable=False)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Catalog snapshot {self.key[:8]} ({self.created:%Y-%m-%d})"

    @classmethod
    def keep(cls, snapshot: Snapshot) -> "CatalogSnapshot":
        """The row of this content, written the first time it is kept (one query after)."""
        content = {"content": snapshot.to_json()}
        row, _ = cls.objects.only("key").get_or_create(key=snapshot.key, defaults=content)
        PARSED_SNAPSHOTS.get(snapshot.key, lambda _: snapshot)
        return row

    @staticmethod
    def parsed(key: str) -> Snapshot:
        """The snapshot by its key, read and parsed once per process."""
        return PARSED_SNAPSHOTS.get(
            key,
            lambda _: Snapshot.from_json(
                CatalogSnapshot.objects.values_list("content", flat=True).get(key=key)
            ),
        )


class AssessmentQuerySet(models.QuerySet):
    def for_roadmap(self) -> "AssessmentQuerySet":
        """What the roadmap's pages read: the assessment and the one it retakes (their catalog
        snapshots are kept parsed by id: Assessment.snapshot_content)."""
        return self.select_related("previous")

    def made_between(self, start, end) -> "AssessmentQuerySet":
        """Results made from start to end, both days included (in the site's time zone)."""
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
        """What the insights count of each result in the range: the result (its verdict, each
        track's level and plan, how the quiz got there) and the snapshot its names are in; not
        the answers or the token."""
        return self.made_between(start, end).values_list("id", "created", "snapshot", "result")


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits: unguessable, and fits a URL


class Assessment(models.Model):
    """A finished quiz: the answers, and the result as scored against one catalog snapshot.

    The result (read through saved_result) and the snapshot it points into never change: later
    catalog edits make new snapshots, and what-ifs and progress are scored against the same
    catalog as the result.
    """

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    answers = models.JSONField()
    catalog_version = models.CharField(max_length=64)  # the scoring catalog's fingerprint
    snapshot = models.ForeignKey(
        CatalogSnapshot,
        to_field="key",  # so its parsed content is found by key without reading the row
        on_delete=models.PROTECT,
        related_name="assessments",
        help_text="What the catalog said when the result was kept.",
    )
    result = models.JSONField(help_text="The person's own verdict and plan (SavedResult).")
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
    def saved_result(self) -> SavedResult:
        """The result, read through its one reader (careers/core/result.py)."""
        return SavedResult.from_json(self.result)

    @property
    def how_sure(self) -> HowSure:
        return self.saved_result.how_sure

    @property
    def level_range(self) -> tuple[str, str] | None:
        """The lowest and highest level the recommended track could still take, for a quick
        result whose level is not settled."""
        return self.how_sure.levels.get(self.saved_result.recommended)

    @cached_property
    def unrated_skills(self) -> dict[str, str]:
        """The catalog's skills neither rated nor estimated, slug → name: those of a quick result
        kept before estimates (issue 26), scored as None and shown as not rated, never as a gap
        from zero."""
        known = self.answers["skills"].keys() | self.saved_result.estimated.keys()
        return {s.slug: s.name for s in self.scoring_catalog.skills if s.slug not in known}

    @cached_property
    def estimated_skills(self) -> dict[str, str]:
        """The skills the result rests on at the quiz's estimate, not a rating, slug → name."""
        names = self.snapshot_content.skill_names
        return {slug: names[slug] for slug in sorted(self.saved_result.estimated, key=names.get)}

    @property
    def ratings(self) -> dict[str, int]:
        """What the result was scored on: each rated skill as rated, the rest at the estimate."""
        return {**self.saved_result.estimated, **self.answers["skills"]}

    @property
    def snapshot_content(self) -> Snapshot:
        """What the catalog said when the result was kept, parsed once per process for every
        assessment that points at it (the row itself is never read with the assessment)."""
        return CatalogSnapshot.parsed(self.snapshot_id)

    @property
    def scoring_catalog(self) -> Catalog:
        """The catalog this assessment was scored against."""
        return self.snapshot_content.catalog

    @property
    def rated_skill_names(self) -> dict[str, str]:
        """The skills the person rated, slug → name as the catalog named them then."""
        names = self.snapshot_content.skill_names
        return {slug: names[slug] for slug in self.answers["skills"]}


class StepProgressQuerySet(models.QuerySet):
    def people_with_a_step_done(self, start, end) -> int:
        """How many results made from start to end have at least one step done."""
        done = self.filter(status=StepProgress.Status.DONE)
        return (
            done.filter(assessment__in=Assessment.objects.made_between(start, end))
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
