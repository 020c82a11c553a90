"""The plan frozen into an assessment: per track, phases of gaps with the steps that close them."""

from dataclasses import asdict

from careers.catalog.models import TrackSkill, UpskillingStep
from careers.core import scoring
from careers.core.planning import phases


def step_rows(skills: set[str]) -> dict[str, list[dict]]:
    """Each skill's upskilling steps with their resources, in order: two queries."""
    steps = (
        UpskillingStep.objects.filter(skill__slug__in=skills)
        .select_related("skill")
        .prefetch_related("resources")
        .order_by("skill__slug", "order", "pk")
    )
    by_skill: dict[str, list[dict]] = {}
    for step in steps:
        by_skill.setdefault(step.skill.slug, []).append(
            {
                "id": step.pk,
                "skill": step.skill.slug,
                "skill_name": step.skill.name,
                "title": step.title,
                "why": step.why,
                "hours": step.estimated_hours,
                "resources": [{"title": r.title, "url": r.url} for r in step.resources.all()],
            }
        )
    return by_skill


def track_plans(catalog: scoring.Catalog, answers: scoring.Answers, result: scoring.Result):
    """For every track, its phases toward each higher level, each gap with the steps that close
    it: a skill short in several phases takes its first steps in the first, the rest later."""
    plans = {
        track.slug: phases(catalog, track.slug, answers.skills, track.band)
        for track in result.tracks
    }
    skills = {gap.skill for plan in plans.values() for phase in plan for gap in phase.gaps}
    steps = step_rows(skills)
    why = {
        (track, skill): text
        for track, skill, text in TrackSkill.objects.filter(skill__slug__in=skills).values_list(
            "track__slug", "skill__slug", "why_it_matters"
        )
    }
    return {slug: plan_dict(slug, plan, steps, why) for slug, plan in plans.items()}


def plan_dict(track: str, plan, steps: dict, why: dict) -> list[dict]:
    """Steps are written beginner first: a gap of d levels takes the skill's next d steps (at
    least one), so a small gap never gets the advanced ones."""
    seen: dict[str, int] = {}
    phases_out = []
    for phase in plan:
        gaps = []
        for gap in phase.gaps:
            available = steps.get(gap.skill, [])
            taken = seen.get(gap.skill, 0)
            mine = available[taken : taken + max(1, gap.required - gap.current)]
            seen[gap.skill] = taken + len(mine)
            gaps.append(
                {
                    **asdict(gap),
                    "why_for_track": why.get((track, gap.skill), ""),
                    "steps": mine,
                }
            )
        hours = sum(step["hours"] for gap in gaps for step in gap["steps"])
        phases_out.append({"band": phase.band, "level": phase.level, "hours": hours, "gaps": gaps})
    return phases_out


def snapshot(catalog: scoring.Catalog, answers: scoring.Answers, result: scoring.Result) -> dict:
    """Everything the roadmap shows, frozen: later catalog edits cannot change it silently."""
    names = {skill.slug: skill.name for skill in catalog.skills}
    return {
        **asdict(result),
        "skill_names": {slug: names[slug] for slug in answers.skills},
        "plans": track_plans(catalog, answers, result),
    }
