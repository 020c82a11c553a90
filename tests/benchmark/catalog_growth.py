"""Grow the catalog in place, for measuring what a bigger catalog costs (queries, time)."""

from careers.catalog.models import (
    ProficiencyExample,
    Resource,
    Skill,
    TrackSkill,
    UpskillingStep,
)


def grow_catalog(factor: int) -> None:
    """Add (factor − 1) copies of every skill, with its requirements, examples and steps.

    In bulk, a few queries per table: the copies are measuring material, so they get no
    history rows; the bulk methods start a new catalog edition themselves."""
    originals = list(Skill.objects.prefetch_related("track_skills", "examples", "steps__resources"))
    copies = [(copy, skill) for copy in range(1, factor) for skill in originals]
    clones = Skill.objects.bulk_create(
        Skill(
            name=f"{skill.name} #{copy}",
            slug=f"{skill.slug}-{copy}",
            category_id=skill.category_id,
            description=skill.description,
            order=skill.order,
        )
        for copy, skill in copies
    )
    pairs = [(clone, skill) for clone, (_, skill) in zip(clones, copies, strict=True)]
    TrackSkill.objects.bulk_create(
        TrackSkill(
            track_id=ts.track_id,
            skill=clone,
            importance=ts.importance,
            entry_required=ts.entry_required,
            mid_required=ts.mid_required,
            senior_required=ts.senior_required,
        )
        for clone, skill in pairs
        for ts in skill.track_skills.all()
    )
    ProficiencyExample.objects.bulk_create(
        ProficiencyExample(skill=clone, proficiency=e.proficiency, example=e.example)
        for clone, skill in pairs
        for e in skill.examples.all()
    )
    steps = [(clone, step) for clone, skill in pairs for step in skill.steps.all()]
    new_steps = UpskillingStep.objects.bulk_create(
        UpskillingStep(
            skill=clone,
            title=step.title,
            why=step.why,
            estimated_hours=step.estimated_hours,
            order=step.order,
        )
        for clone, step in steps
    )
    Resource.objects.bulk_create(
        Resource(step=new, title=r.title, url=r.url)
        for new, (_, step) in zip(new_steps, steps, strict=True)
        for r in step.resources.all()
    )
