"""`manage.py benchmark`: the site measured from outside. The benchmark is a tool beside the
product, not part of it, so its code lives with the tests (tests/benchmark/); this is its door."""

from tests.benchmark.command import Command

__all__ = ["Command"]
