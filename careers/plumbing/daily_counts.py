"""How often something happened each day, and nothing else: no person, session or address is
kept with it. What an event is, is for its callers to name (issue 14's quiz funnel counts quiz
starts this way)."""

import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone


class DailyCountQuerySet(models.QuerySet):
    def total(self, event: str, start: datetime.date, end: datetime.date) -> int:
        """How many times the event happened from start to end, both days included."""
        found = self.filter(event=event, day__range=(start, end)).aggregate(n=Sum("count"))
        return found["n"] or 0


class DailyCount(models.Model):
    event = models.CharField(max_length=40)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = DailyCountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "day"], name="one_count_per_event_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.event} on {self.day}: {self.count}"


def count(event: str) -> None:
    """One more today: one UPDATE, except for the day's first, which inserts the row (and
    when two requests race to insert it, the loser adds its one to the winner's)."""
    today = timezone.localdate()
    same_day = DailyCount.objects.filter(event=event, day=today)
    if same_day.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(event=event, day=today, count=1)
    except IntegrityError:
        same_day.update(count=F("count") + 1)
