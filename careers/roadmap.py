"""What a roadmap page shows, built from an assessment's snapshot and the person's progress."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import BadRequest
from django.utils import timezone

from careers import charts, scoring
from careers.assessments import statuses, track_plans
from careers.models import (
    Assessment,
    Compensation,
    DemandFact,
    ExitPath,
    FaqEntry,
    Level,
    Proficiency,
    SkillCategory,
    StepProgress,
)
from careers.planning import finish_date, raised, weeks_for
from careers.scoring import LEVELS

DONE = StepProgress.Status.DONE
SKIPPED = StepProgress.Status.SKIPPED


@dataclass
class Plan:
    """A track's phases with the person's progress and time estimates."""

    phases: list[dict]
    done: int = 0
    total: int = 0
    finish: date | None = None
    weeks: int = 0
    reached: list[tuple[str, int]] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def chosen_track(assessment: Assessment, requested: str | None) -> dict:
    """The track whose plan to show: the recommendation unless the person asked for another."""
    tracks = {track["slug"]: track for track in assessment.result["tracks"]}
    if requested is None:
        return assessment.result["tracks"][0]
    if requested not in tracks:
        raise BadRequest("No such track in this result.")
    return tracks[requested]


def build_plan(assessment: Assessment, track_slug: str, progress: dict[int, str]) -> Plan:
    """The plan with each step's status, weeks per phase at the person's pace, and a finish date."""
    phases = assessment.result["plans"][track_slug]
    plan = Plan(phases=[])
    for phase in phases:
        left = 0
        for gap in phase["gaps"]:
            finished = 0
            for step in gap["steps"]:
                step["status"] = progress.get(step["id"], StepProgress.Status.TODO)
                plan.total += 1
                if step["status"] in (DONE, SKIPPED):
                    plan.done += 1
                else:
                    left += step["hours"]
                finished += step["status"] == DONE
            if finished:
                # Half the gap's steps done closes half the gap, rounded down: one step of
                # several is not yet the level the gap asks for.
                share = (gap["required"] - gap["current"]) * finished // len(gap["steps"])
                plan.reached.append((gap["skill"], gap["current"] + share))
        weeks = weeks_for(left, assessment.hours_per_week) if assessment.hours_per_week else None
        plan.phases.append({**phase, "hours_left": left, "weeks": weeks})
        plan.weeks += weeks or 0
    if assessment.hours_per_week:
        plan.finish = finish_date(timezone.localdate(), plan.weeks)
    return plan


def level_with_progress(assessment: Assessment, track_slug: str, plan: Plan) -> str | None:
    """The level on this track once finished steps count; None while nothing is finished."""
    if not plan.reached:
        return None
    catalog = assessment.scoring_catalog
    answers = assessment.answers
    lifted = raised(answers["skills"], plan.reached)
    result = scoring.score(catalog, scoring.Answers(lifted, answers["preferences"]))
    return result.track(track_slug).level


def profile_chart(assessment: Assessment, track: dict) -> charts.Chart:
    """Per skill category, the person's average rating against what the next level asks (the
    top level once reached), over the skills that matter to the track (importance 3 or more:
    peripheral ones would flatten the picture). One query, for the categories' names."""
    catalog = assessment.scoring_catalog
    spec = next(t for t in catalog.tracks if t.slug == track["slug"])
    target = min(track["band"] + 1, 3)
    category = {skill.slug: skill.category for skill in catalog.skills}
    sums: dict[str, list[float]] = {}
    for req in spec.requirements:
        if req.importance >= 3:
            row = sums.setdefault(category[req.skill], [0, 0, 0])
            row[0] += assessment.answers["skills"].get(req.skill, 0)
            row[1] += req.required[target - 1]
            row[2] += 1
    names = dict(SkillCategory.objects.values_list("slug", "name"))
    rows = [
        charts.ProfileRow(names.get(slug, slug), person / n, need / n)
        for slug, (person, need, n) in sums.items()
    ]
    return charts.skill_profile_chart(
        rows, track["name"], required_label=f"{LEVELS[target]} requires"
    )


def track_context(track_slug: str, band: int) -> dict:
    """What the market says about the track, each figure with its source: five queries."""
    return {
        "salaries": Compensation.objects.filter(track__slug=track_slug).select_related("tier"),
        "next_levels": Level.objects.filter(track__slug=track_slug, band__gt=band),
        "exit_paths": ExitPath.objects.filter(track__slug=track_slug),
        "demand": DemandFact.objects.filter(track__slug=track_slug).select_related("metric"),
        "faq": FaqEntry.objects.filter(tracks__slug=track_slug),
    }


def page_context(assessment: Assessment, requested_track: str | None) -> dict:
    result = assessment.result
    track = chosen_track(assessment, requested_track)
    others = [t for t in result["tracks"] if t["slug"] != track["slug"]]
    plan = build_plan(assessment, track["slug"], statuses(assessment))
    return {
        "assessment": assessment,
        "result": result,
        "recommended": result["tracks"][0],
        "runner_up": result["tracks"][1] if len(result["tracks"]) > 1 else None,
        "track": track,
        "other_tracks": others,
        "switched": track["slug"] != result["recommended"],
        "plan": plan,
        "level_now": level_with_progress(assessment, track["slug"], plan),
        "profile": profile_chart(assessment, track),
        "statuses": StepProgress.Status.choices,
        "scale": Proficiency.choices,
        **track_context(track["slug"], track["band"]),
    }


def comparison(assessment: Assessment) -> dict | None:
    """What improved since the assessment this one retakes: skills up, fit and level, steps."""
    before = assessment.previous
    if before is None:
        return None
    names = assessment.result["skill_names"] | before.result["skill_names"]
    old, new = before.answers["skills"], assessment.answers["skills"]
    skills_up = [
        {"name": names.get(slug, slug), "before": old.get(slug, 0), "after": value}
        for slug, value in new.items()
        if value > old.get(slug, 0)
    ]
    old_tracks = {t["slug"]: t for t in before.result["tracks"]}
    tracks = [
        {
            "name": t["name"],
            "fit_before": old_tracks[t["slug"]]["fit"],
            "fit_after": t["fit"],
            "level_before": old_tracks[t["slug"]]["level"],
            "level_after": t["level"],
        }
        for t in assessment.result["tracks"]
        if t["slug"] in old_tracks
    ]
    closed = before.progress.filter(status=DONE).count()
    return {"before": before, "skills_up": skills_up, "tracks": tracks, "steps_closed": closed}


def changed_answers(assessment: Assessment, skill: str, rating: str) -> dict[str, int]:
    """The assessment's ratings with one changed; BadRequest for what no form would send."""
    known = {s.slug for s in assessment.scoring_catalog.skills}
    if skill not in known or rating not in {"0", "1", "2", "3", "4"}:
        raise BadRequest("Choose a skill and a rating from 0 to 4.")
    return {**assessment.answers["skills"], skill: int(rating)}


def what_if(assessment: Assessment, skill: str, rating: str, track_slug: str) -> dict:
    """The result with one answer changed, scored against the assessment's own catalog."""
    catalog = assessment.scoring_catalog
    skills = changed_answers(assessment, skill, rating)
    value = skills[skill]
    answers = scoring.Answers(skills, assessment.answers["preferences"])
    result = scoring.score(catalog, answers)
    track = result.track(track_slug)
    plan = track_plans(catalog, answers, result)[track_slug]
    return {
        "skill": next(s for s in catalog.skills if s.slug == skill),
        "before": assessment.answers["skills"].get(skill, 0),
        "value": value,
        "result": result,
        "track": track,
        "phases": plan,
        "skills": skills,
    }
