"""Turns catalog rows into the scoring engine's plain data, in a fixed number of queries."""

import hashlib

from django.conf import settings
from django.db.models import Prefetch

from careers.catalog.models import (
    CatalogEdition,
    PreferenceOption,
    PreferenceQuestion,
    Skill,
    Track,
    TrackSkill,
)
from careers.core import scoring
from careers.plumbing import shared_cache


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
CACHE_SECONDS = 24 * 60 * 60  # an edition no one asks for any more drops out by itself


def cached_catalog() -> scoring.Catalog:
    """The scoring catalog, from the shared cache when there is one (REDIS_URL).

    Kept under the catalog's edition, which every edit replaces in its own transaction: a
    quiz scored while an edit is being made reads the old edition with the old rows, so no copy
    is ever kept under an edition it does not belong to, and nothing needs dropping. A
    per-process cache would serve an old catalog in the other app processes after an edit, so
    without a shared cache every call reads the database (five queries). An unreachable cache
    is only slower: the catalog comes from the database.
    """
    if not settings.REDIS_URL:
        return load_catalog()
    key = f"{CACHE_KEY}:{CatalogEdition.current()}"
    catalog = shared_cache.get(key)
    if catalog is None:
        catalog = load_catalog()
        shared_cache.set(key, catalog, timeout=CACHE_SECONDS)
    return catalog
