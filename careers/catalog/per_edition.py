"""What is built from the catalog once per edition and shared by every request of a process.

Every catalog edit starts a new edition in the edit's own transaction (models/edition.py), so a
value built after reading edition E holds rows at least as new as E: keeping it in this
process's memory under E can never serve rows older than the edition another process reads.
Each process builds its own copy; only the edition (one small query) is asked per request.
"""

from collections.abc import Callable
from functools import wraps

from careers.catalog.models import CatalogEdition
from careers.core.memo import Recent

KEPT_EDITIONS = 2  # the current one, and the one before while requests still finish with it


def per_edition[T](build: Callable[[int], T]) -> Callable[[], T]:
    """build(edition) once per catalog edition; the value must not be changed by its users
    (make it of frozen dataclasses and tuples)."""
    kept: Recent[int, T] = Recent(KEPT_EDITIONS)

    @wraps(build)
    def current() -> T:
        return kept.get(CatalogEdition.current(), build)

    return current
