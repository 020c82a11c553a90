"""Where Django looks for the app's models; each lives with its layer."""

from careers.catalog.models import *  # noqa: F403
from careers.catalog.models import __all__ as catalog_models
from careers.plumbing.daily_counts import DailyCount
from careers.plumbing.health import HealthProbe
from careers.roadmap.models import Assessment, CatalogSnapshot, StepProgress

__all__ = [
    *catalog_models,
    "Assessment",
    "CatalogSnapshot",
    "DailyCount",
    "HealthProbe",
    "StepProgress",
]
