"""Turns catalog rows into the scoring engine's plain data, in a fixed number of queries."""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Prefetch

from careers.catalog.models import (
    PreferenceQuestion,
    Skill,
    Specialism,
    Track,
    TrackSkill,
)
from careers.catalog.per_edition import per_edition
from careers.core import scoring
from careers.core.planning import catalog_to_dict


def load_catalog() -> scoring.Catalog:
    """The whole catalog as the engine sees it: 7 queries, whatever its size."""
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
    return scoring.Catalog(skills, tracks, load_questions(), load_specialisms())


def load_questions() -> tuple[scoring.PreferenceQuestion, ...]:
    """The preference and standing questions with their options: 2 queries."""
    return tuple(
        scoring.PreferenceQuestion(
            question.slug,
            question.text,
            tuple(
                scoring.PreferenceOption(
                    option.value,
                    option.label,
                    tuple(sorted(option.points.items())),
                    option.level_cap,
                )
                for option in question.options.all()
            ),
        )
        for question in PreferenceQuestion.objects.with_options()
    )


def load_specialisms() -> tuple[scoring.Specialism, ...]:
    """The specialisms and their cores: 2 queries."""
    return tuple(
        scoring.Specialism(
            specialism.slug,
            specialism.name,
            specialism.track.slug,
            tuple(row.skill.slug for row in specialism.core.all()),
            specialism.asks,
        )
        for specialism in Specialism.objects.with_core()
    )


def catalog_version(catalog: scoring.Catalog) -> str:
    """A short fingerprint of everything that affects a score; equal catalogs share it."""
    return hashlib.sha256(repr(catalog).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class EditionCatalog:
    """The scoring catalog of one edition, with what an assessment stores of it."""

    catalog: scoring.Catalog
    version: str  # catalog_version(catalog)
    as_dict: Mapping  # catalog_to_dict(catalog): read it, never change it


@per_edition
def edition_catalog(edition: int) -> EditionCatalog:
    """The scoring catalog of the current edition, read from the database once per edition and
    process (careers/catalog/per_edition.py): a quiz scored while an edit is being made reads
    the old edition with the old rows, so no copy is ever kept under an edition it does not
    belong to."""
    catalog = load_catalog()
    return EditionCatalog(catalog, catalog_version(catalog), catalog_to_dict(catalog))


def cached_catalog() -> scoring.Catalog:
    return edition_catalog().catalog
