"""Load the article's catalog into an empty database; leave an existing catalog alone."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

from careers.catalog.models import Track


def catalog_fixtures() -> list[str]:
    """The catalog's fixture files, in the order they must load (each refers to the ones before)."""
    folder = Path(settings.FIXTURE_DIRS[0]) / "catalog"
    return [str(path) for path in sorted(folder.glob("*.json"))]


def record_initial_history(reason: str) -> None:
    """Give every seeded row a first history entry, so an editor's first change can be undone."""
    for model in apps.get_app_config("careers").get_models():
        try:
            history = get_history_manager_for_model(model)
        except NotHistoricalModelError:
            continue  # a historical model itself, or a model without history
        history.bulk_history_create(list(model.objects.all()), default_change_reason=reason)


class Command(BaseCommand):
    help = "Load the catalog from fixtures/catalog/ when the database has none; else do nothing."

    def handle(self, *args, **options) -> None:
        if Track.objects.exists():
            self.stdout.write("The catalog already has content; nothing loaded.")
            return
        with transaction.atomic():
            call_command("loaddata", *catalog_fixtures(), verbosity=0)
            record_initial_history("Seeded from the article")
        self.stdout.write(self.style.SUCCESS(f"Catalog seeded: {Track.objects.count()} tracks."))
