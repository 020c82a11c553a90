"""A throwaway database of the configured kind, so measuring never touches the real one."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


@contextmanager
def throwaway_database(folder: Path) -> Iterator[None]:
    """Create and migrate a new database (a SQLite file in folder, or a new PostgreSQL
    database beside the configured one); point this process at it; drop it afterwards."""
    original = connection.settings_dict["NAME"]
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = str(folder / "benchmark.sqlite3")  # a file: gunicorn must share it
    else:
        test["NAME"] = f"careers_benchmark_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
