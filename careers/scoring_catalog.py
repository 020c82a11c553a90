"""Turns catalog rows into the scoring engine's plain data, in a fixed number of queries."""

import hashlib

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
