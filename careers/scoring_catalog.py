"""Turns catalog rows into the scoring engine's plain data, in a fixed number of queries."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch

from careers import scoring
from careers.models import PreferenceOption, PreferenceQuestion, Skill, Track, TrackSkill


def load_catalog() -> scoring.Catalog:
    """The whole catalog as the engine sees it: 5 queries, whatever its size."""
    skills = tuple(
        scoring.SkillSpec(slug, name, category)
        for slug, name, category in Skill.objects.values_list("slug", "name", "category__slug")
    )
    requirements = TrackSkill.objects.select_related("skill").order_by(
        "skill__category__order", "skill__order", "skill__name"
    )
    tracks = tuple(
        scoring.TrackSpec(
            track.slug,
            track.name,
            track.short_name,
            tuple(
                scoring.Requirement(
                    ts.skill.slug,
                    ts.importance,
                    (ts.entry_required, ts.mid_required, ts.senior_required),
                )
                for ts in track.track_skills.all()
            ),
        )
        for track in Track.objects.prefetch_related(Prefetch("track_skills", requirements))
    )
    questions = tuple(
        scoring.PreferenceQuestion(
            question.slug,
            question.text,
            tuple(
                scoring.PreferenceOption(
                    option.value, option.label, tuple(sorted(option.points.items()))
                )
                for option in question.options.all()
            ),
        )
        for question in PreferenceQuestion.objects.prefetch_related(
            Prefetch("options", PreferenceOption.objects.order_by("order", "id"))
        )
    )
    return scoring.Catalog(skills, tracks, questions)


def catalog_version(catalog: scoring.Catalog) -> str:
    """A short fingerprint of everything that affects a score; equal catalogs share it."""
    return hashlib.sha256(repr(catalog).encode()).hexdigest()[:12]


CACHE_KEY = "careers:scoring-catalog"
# The rows the scoring catalog is built from: any change to one of them drops the cached copy.
SOURCES = [
    "Skill",
    "SkillCategory",
    "Track",
    "TrackSkill",
    "PreferenceQuestion",
    "PreferenceOption",
]


def cached_catalog() -> scoring.Catalog:
    """The scoring catalog, from the shared cache when there is one (REDIS_URL).

    A per-process cache would keep serving an old catalog in the other app processes after an
    edit, so without a shared cache every call reads the database (five queries).
    """
    if not settings.REDIS_URL:
        return load_catalog()
    catalog = cache.get(CACHE_KEY)
    if catalog is None:
        catalog = load_catalog()
        cache.set(CACHE_KEY, catalog, timeout=None)  # until the next edit
    return catalog


def forget_catalog(**kwargs) -> None:
    """Signal receiver: a catalog row changed, so the cached scoring catalog is stale."""
    cache.delete(CACHE_KEY)
