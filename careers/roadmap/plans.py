"""The plan frozen into an assessment: per track, phases of gaps with the steps that close them."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from careers.catalog.models import TrackSkill, UpskillingStep
from careers.catalog.per_edition import per_edition
from careers.core import scoring
from careers.core.planning import phases, steps_for_gap


@dataclass(frozen=True)
class StepCatalog:
    """Every skill's upskilling steps (with their resources, in order) and why each track needs
    each skill, as a plan writes them: read them, never change them."""

    steps: Mapping[str, tuple[dict, ...]]  # skill slug → its steps
    why: Mapping[tuple[str, str], str]  # (track slug, skill slug) → why it matters


@per_edition
def step_catalog(edition: int) -> StepCatalog:
    """Three queries, once per catalog edition and process."""
    steps: dict[str, list[dict]] = {}
    for step in UpskillingStep.objects.in_plan_order():
        steps.setdefault(step.skill.slug, []).append(
            {
                "id": step.pk,
                "skill": step.skill.slug,
                "skill_name": step.skill.name,
                "title": step.title,
                "why": step.why,
                "hours": step.estimated_hours,
                "level": step.level,
                "resources": [{"title": r.title, "url": r.url} for r in step.resources.all()],
            }
        )
    why = {(track, skill): text for track, skill, text in TrackSkill.objects.reasons()}
    return StepCatalog({skill: tuple(rows) for skill, rows in steps.items()}, why)


def track_plans(catalog: scoring.Catalog, answers: scoring.Answers, result: scoring.Result):
    """For every track, its phases toward each higher level, each gap with the steps that close
    it: a skill short in several phases takes its first steps in the first, the rest later."""
    plans = {
        track.slug: phases(catalog, track.slug, answers.skills, track.band)
        for track in result.tracks
    }
    known = step_catalog()
    return {slug: plan_dict(slug, plan, known.steps, known.why) for slug, plan in plans.items()}


def plan_dict(track: str, plan, steps: dict, why: dict) -> list[dict]:
    """Each gap takes the skill's steps of the levels it spans (core.planning.steps_for_gap), each
    step once: a skill short in several phases takes its L4 steps in the first, its senior ones
    later."""
    taken: set[int] = set()
    phases_out = []
    for phase in plan:
        gaps = []
        for gap in phase.gaps:
            available = steps.get(gap.skill, ())
            chosen = steps_for_gap([step["level"] for step in available], gap.current, gap.required)
            # copies: the plan is the caller's to fill in, the kept steps are everyone's. A step
            # an earlier phase took is not offered twice: Aware and Working are both L4's.
            mine = [dict(available[i]) for i in chosen if available[i]["id"] not in taken]
            taken.update(step["id"] for step in mine)
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
