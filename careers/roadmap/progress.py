"""A plan with the person's progress: statuses, hours left, weeks, and the level it reaches."""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from careers.core import scoring
from careers.core.planning import finish_date, in_chunks, raised, weeks_for
from careers.roadmap.models import Assessment, StepProgress

DONE = StepProgress.Status.DONE
SKIPPED = StepProgress.Status.SKIPPED
DOING = StepProgress.Status.IN_PROGRESS
TODO = StepProgress.Status.TODO
NEXT_STEPS = 3  # what the top of the roadmap offers for tonight
PART_HOURS = 50  # a part of a phase: five weeks or so at 10 hours a week


@dataclass
class Plan:
    """A track's phases with the person's progress and time estimates."""

    phases: list[dict]
    done: int = 0
    total: int = 0
    finish: date | None = None
    weeks: int = 0
    hours_left: int = 0
    reached: list[tuple[str, int]] = field(default_factory=list)
    # The first unfinished steps, those already started before the rest, each in plan order,
    # with the gap it closes ("for RAG: Aware → Proficient")
    next_steps: list[dict] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def plan_steps(assessment: Assessment, track: str) -> list[dict]:
    """A track's steps in plan order, phase by phase."""
    return [
        step
        for phase in assessment.result["plans"][track]
        for gap in phase["gaps"]
        for step in gap["steps"]
    ]


def later_phase_of(assessment: Assessment, track: str, step_id: int) -> int | None:
    """The band of the phase that holds the step, when it is not the first (the page folds
    later phases whole); None for the first phase's steps."""
    for phase in assessment.result["plans"][track][1:]:
        if any(step["id"] == step_id for gap in phase["gaps"] for step in gap["steps"]):
            return phase["band"]
    return None


def statuses(assessment: Assessment) -> dict[int, str]:
    """Step id → status, for the steps the person has touched: one query."""
    return dict(assessment.progress.values_list("step_id", "status"))


def fingerprint(step: dict) -> str:
    """What a step shows besides its id and status (title, why, hours, level, resources, as the
    plan froze them): the key its rendered text is kept under, shared by every plan that has it."""
    shown = (step["title"], step["why"], step["hours"], step.get("level"), step["resources"])
    return hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()


def build_plan(assessment: Assessment, track_slug: str, progress: dict[int, str]) -> Plan:
    """The plan with each step's status, weeks per phase at the person's pace, and a finish date."""
    phases = assessment.result["plans"][track_slug]
    plan = Plan(phases=[])
    for number, phase in enumerate(phases, 1):
        left = 0
        gaps = []
        for gap in phase["gaps"]:
            done = closed = 0  # done only, and done or skipped
            for step in gap["steps"]:
                step["status"] = progress.get(step["id"], TODO)
                step["fingerprint"] = fingerprint(step)
                plan.total += 1
                if step["status"] in (DONE, SKIPPED):
                    plan.done += 1
                    closed += 1
                else:
                    left += step["hours"]
                done += step["status"] == DONE
            # what the gap's folded line says: its steps done or skipped, its hours
            hours = sum(step["hours"] for step in gap["steps"])
            gaps.append({**gap, "finished": closed, "hours": hours})
            if done:
                # Half the gap's steps done closes half the gap, rounded down: one step of
                # several is not yet the level the gap asks for.
                share = (gap["required"] - gap["current"]) * done // len(gap["steps"])
                plan.reached.append((gap["skill"], gap["current"] + share))
        weeks = weeks_for(left, assessment.hours_per_week) if assessment.hours_per_week else None
        parts = [
            {
                "number": part,
                "gaps": [gaps[i] for i in indexes],
                "hours": sum(gaps[i]["hours"] for i in indexes),
                "steps": sum(len(gaps[i]["steps"]) for i in indexes),
            }
            for part, indexes in enumerate(in_chunks((g["hours"] for g in gaps), PART_HOURS), 1)
        ]
        plan.phases.append(
            {
                **phase,
                "number": number,
                "previous_level": phases[number - 2]["level"] if number > 1 else None,
                "gaps": gaps,
                "parts": parts,
                "steps": sum(part["steps"] for part in parts),
                "hours_left": left,
                "weeks": weeks,
            }
        )
        plan.hours_left += left
    if pace := assessment.hours_per_week:
        # The phases run on into each other week by week, as the calendar lays them out.
        plan.weeks = weeks_for(plan.hours_left, pace)
        plan.finish = finish_date(timezone.localdate(), plan.hours_left, pace)
    plan.next_steps = next_steps(plan.phases)
    return plan


def next_steps(phases: list[dict], count: int | None = NEXT_STEPS) -> list[dict]:
    """What to do next: steps already started first, then those not begun, in plan order
    (every one when count is None)."""
    unfinished = [
        {"step": step, "gap": gap}
        for phase in phases
        for gap in phase["gaps"]
        for step in gap["steps"]
        if step["status"] not in (DONE, SKIPPED)
    ]
    unfinished.sort(key=lambda item: item["step"]["status"] != DOING)  # stable: plan order kept
    return unfinished[:count]


def level_with_progress(assessment: Assessment, track_slug: str, plan: Plan) -> str | None:
    """The level on this track once finished steps count; None while nothing is finished."""
    if not plan.reached:
        return None
    catalog = assessment.scoring_catalog
    answers = assessment.answers
    lifted = raised(answers["skills"], plan.reached)
    result = scoring.score(catalog, scoring.Answers(lifted, answers["preferences"]))
    return result.track(track_slug).level
