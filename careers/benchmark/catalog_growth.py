"""Grow the catalog in place, for measuring what a bigger catalog costs (queries, time)."""

from careers.catalog.models import (
    CatalogEdition,
    ProficiencyExample,
    Resource,
    Skill,
    TrackSkill,
    UpskillingStep,
)


def grow_catalog(factor: int) -> None:
    """Add (factor − 1) copies of every skill, with its requirements, examples and steps."""
    originals = list(Skill.objects.prefetch_related("track_skills", "examples", "steps__resources"))
    for copy in range(1, factor):
        for skill in originals:
            clone = Skill.objects.create(
                name=f"{skill.name} #{copy}",
                slug=f"{skill.slug}-{copy}",
                category_id=skill.category_id,
                description=skill.description,
                order=skill.order,
            )
            TrackSkill.objects.bulk_create(
                TrackSkill(
                    track_id=ts.track_id,
                    skill=clone,
                    importance=ts.importance,
                    entry_required=ts.entry_required,
                    mid_required=ts.mid_required,
                    senior_required=ts.senior_required,
                )
                for ts in skill.track_skills.all()
            )
            ProficiencyExample.objects.bulk_create(
                ProficiencyExample(skill=clone, proficiency=e.proficiency, example=e.example)
                for e in skill.examples.all()
            )
            for step in skill.steps.all():
                new = UpskillingStep.objects.create(
                    skill=clone,
                    title=step.title,
                    why=step.why,
                    estimated_hours=step.estimated_hours,
                    order=step.order,
                )
                Resource.objects.bulk_create(
                    Resource(step=new, title=r.title, url=r.url) for r in step.resources.all()
                )
    CatalogEdition.start_new()  # bulk_create sends no signals
