"""The production settings plus one bare view, the yardstick the benchmark compares pages with."""

from careers.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmark.urls"
