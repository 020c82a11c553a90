"""Remove the results nobody came back to (Assessment.objects.stale): run daily beside
`clearsessions` (README, "Sessions, limits and sign-in")."""

from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand, CommandParser

from careers.roadmap.models import Assessment

DEFAULT_DAYS = 30
BATCH = 500  # rows a statement: a long backlog never holds one huge transaction


def days_count(text: str) -> int:
    """A whole number of days, at least one: zero or fewer would reach results made today."""
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise ArgumentTypeError(f"{text!r} is not a whole number of days, at least 1")
    return int(text)


class Command(BaseCommand):
    help = (
        "Remove results never opened again after the day they were made, with no progress, in "
        f"no account and retaken by none, once older than --days (default {DEFAULT_DAYS})."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=days_count, default=DEFAULT_DAYS, help="how old a result must be"
        )

    def handle(self, *args, days: int, **options) -> None:
        stale, removed, last = Assessment.objects.stale(days), 0, 0
        while batch := list(
            stale.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
        ):
            last = batch[-1]
            # stale() again in the delete itself: a result opened meanwhile stays. only("pk"):
            # the rows' results (a few KB each) are never read.
            _, deleted = stale.filter(pk__in=batch).only("pk").delete()
            removed += deleted.get(Assessment._meta.label, 0)
        plural = "" if removed == 1 else "s"
        self.stdout.write(f"Removed {removed} result{plural} nobody came back to in {days} days.")
