"""One command from a fresh clone to a running site: migrate, seed, collect static, serve."""

import os

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.management import call_command


class Command(RunserverCommand):
    help = (
        "Migrate the database, seed the catalog if empty, collect static files, then serve at "
        "http://127.0.0.1:8000 (takes runserver's address:port and options)."
    )

    def handle(self, *args, **options) -> None:
        # The autoreloader runs this command again in a child process (RUN_MAIN=true);
        # preparing the database once, in the parent, is enough.
        if os.environ.get("RUN_MAIN") != "true":
            call_command("migrate", interactive=False, verbosity=1)
            call_command("seed_catalog")
            call_command("collectstatic", interactive=False, verbosity=0)
        super().handle(*args, **options)
