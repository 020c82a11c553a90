"""A plan with the person's progress: statuses, hours left, weeks, and the level it reaches.

The kept plan (careers/core/result.py: step ids per gap per phase) is joined with the texts of
its catalog snapshot and with the person's statuses into new frozen objects each time; the kept
result and the snapshot are never changed."""

from collections.abc import Collection
from dataclasses import dataclass, field, fields, replace
from datetime import date

from django.utils import timezone

from careers.core import scoring
from careers.core.planning import easiest_first, finish_date, in_chunks, raised, weeks_for
from careers.core.result import PlannedGap, PlannedPhase, Snapshot, Step
from careers.core.scoring import LEVELS
from careers.roadmap.models import Assessment, StepProgress

DONE = StepProgress.Status.DONE
SKIPPED = StepProgress.Status.SKIPPED
DOING = StepProgress.Status.IN_PROGRESS
TODO = StepProgress.Status.TODO
NEXT_STEPS = 3  # what the top of the roadmap offers for tonight
PART_HOURS = 50  # a part of a phase: five weeks or so at 10 hours a week


@dataclass(frozen=True)
class PlanStep(Step):
    """A step of the plan with the person's status on it."""

    status: str = TODO

    @classmethod
    def of(cls, step: Step, status: str) -> "PlanStep":
        return cls(**{f.name: getattr(step, f.name) for f in fields(Step)}, status=status)

    @property
    def closed(self) -> bool:
        return self.status in (DONE, SKIPPED)


@dataclass(frozen=True)
class PlanGap:
    skill: str
    name: str
    current: int
    required: int
    why_for_track: str
    steps: tuple[PlanStep, ...]

    @property
    def finished(self) -> int:
        """Its steps done or skipped: what its folded line says."""
        return sum(step.closed for step in self.steps)

    @property
    def hours(self) -> int:
        return sum(step.hours for step in self.steps)

    @property
    def reached(self) -> int | None:
        """The level the gap's done steps reach: half its steps done closes half the gap,
        rounded down (one step of several is not yet the level asked); None with none done."""
        done = sum(step.status == DONE for step in self.steps)
        if not done:
            return None
        return self.current + (self.required - self.current) * done // len(self.steps)


@dataclass(frozen=True)
class Part:
    """A run of a phase's gaps of at most PART_HOURS: what a person can finish in a stretch."""

    number: int
    gaps: tuple[PlanGap, ...]

    @property
    def hours(self) -> int:
        return sum(gap.hours for gap in self.gaps)

    @property
    def steps(self) -> int:
        return sum(len(gap.steps) for gap in self.gaps)


@dataclass(frozen=True)
class PlanPhase:
    band: int
    number: int
    previous_level: str | None
    gaps: tuple[PlanGap, ...]
    weeks: int | None  # at the person's pace; None until they give one

    @property
    def level(self) -> str:
        return LEVELS[self.band]

    @property
    def hours(self) -> int:
        return sum(gap.hours for gap in self.gaps)

    @property
    def hours_left(self) -> int:
        return sum(s.hours for gap in self.gaps for s in gap.steps if not s.closed)

    @property
    def parts(self) -> tuple[Part, ...]:
        chunks = in_chunks((gap.hours for gap in self.gaps), PART_HOURS)
        return tuple(
            Part(number, tuple(self.gaps[i] for i in indexes))
            for number, indexes in enumerate(chunks, 1)
        )

    @property
    def steps(self) -> int:
        return sum(len(gap.steps) for gap in self.gaps)


@dataclass(frozen=True)
class NextStep:
    step: PlanStep
    gap: PlanGap  # the gap it closes ("for RAG: Aware → Proficient")


@dataclass(frozen=True)
class Plan:
    """A track's phases with the person's progress and time estimates."""

    phases: tuple[PlanPhase, ...]
    finish: date | None = None
    weeks: int = 0
    # The first unfinished steps, those already started before the rest, each in plan order;
    # none for a skill only estimated (issue 26): it is rated first
    next_steps: tuple[NextStep, ...] = field(default=())
    # The estimated skills the plan has steps for, in plan order: "rate these N skills first"
    to_rate: tuple[PlanGap, ...] = field(default=())

    @property
    def total(self) -> int:
        return sum(phase.steps for phase in self.phases)

    @property
    def done(self) -> int:
        """Steps done or skipped."""
        return sum(gap.finished for phase in self.phases for gap in phase.gaps)

    @property
    def hours_left(self) -> int:
        return sum(phase.hours_left for phase in self.phases)

    @property
    def reached(self) -> list[tuple[str, int]]:
        """(skill, level) its done steps reach, gap by gap."""
        gaps = (gap for phase in self.phases for gap in phase.gaps)
        return [(gap.skill, gap.reached) for gap in gaps if gap.reached is not None]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def plan_steps(assessment: Assessment, track: str) -> list[Step]:
    """A track's steps in plan order, phase by phase."""
    step = assessment.snapshot_content.step
    plan = assessment.saved_result.track(track).plan
    return [step[sid] for phase in plan for gap in phase.gaps for sid in gap.steps]


def later_phase_of(assessment: Assessment, track: str, step_id: int) -> int | None:
    """The band of the phase that holds the step, when it is not the first (the page folds
    later phases whole); None for the first phase's steps."""
    for phase in assessment.saved_result.track(track).plan[1:]:
        if any(step_id in gap.steps for gap in phase.gaps):
            return phase.band
    return None


def statuses(assessment: Assessment) -> dict[int, str]:
    """Step id → status, for the steps the person has touched: one query."""
    return dict(assessment.progress.values_list("step_id", "status"))


def build_plan(assessment: Assessment, track_slug: str, progress: dict[int, str]) -> Plan:
    """The plan with each step's status, weeks per phase at the person's pace, and a finish date."""
    result = assessment.saved_result
    planned = result.track(track_slug).plan
    snapshot = assessment.snapshot_content
    pace = assessment.hours_per_week
    return joined_plan(snapshot, track_slug, planned, progress, pace, result.estimated.keys())


def joined_plan(
    snapshot: Snapshot,
    track: str,
    planned: tuple[PlannedPhase, ...],
    progress: dict[int, str],
    pace: int | None,
    estimated: Collection[str] = (),
) -> Plan:
    """A kept plan with the snapshot's texts and the person's statuses, timed at their pace.
    A gap of an estimated skill is not a next step: it is a skill to rate first."""
    phases = []
    for number, phase in enumerate(planned, 1):
        gaps = tuple(joined_gap(snapshot, track, gap, progress) for gap in phase.gaps)
        before = planned[number - 2].level if number > 1 else None
        phases.append(PlanPhase(phase.band, number, before, gaps, None))
    if pace:
        phases = [replace(phase, weeks=weeks_for(phase.hours_left, pace)) for phase in phases]
    left = sum(phase.hours_left for phase in phases)
    # The phases run on into each other week by week, as the calendar lays them out.
    finish = finish_date(timezone.localdate(), left, pace) if pace else None
    weeks = weeks_for(left, pace) if pace else 0
    rated = [replace(p, gaps=tuple(g for g in p.gaps if g.skill not in estimated)) for p in phases]
    steps = next_steps(rated)
    return Plan(tuple(phases), finish, weeks, steps, to_rate(phases, estimated))


def to_rate(phases: list[PlanPhase], estimated: Collection[str]) -> tuple[PlanGap, ...]:
    """The estimated skills the plan has unfinished steps for, each once, in plan order."""
    found: dict[str, PlanGap] = {}
    for phase in phases:
        for gap in phase.gaps:
            if gap.skill in estimated and gap.finished < len(gap.steps):
                found.setdefault(gap.skill, gap)
    return tuple(found.values())


def joined_gap(
    snapshot: Snapshot, track: str, gap: PlannedGap, progress: dict[int, str]
) -> PlanGap:
    steps = tuple(PlanStep.of(snapshot.step[sid], progress.get(sid, TODO)) for sid in gap.steps)
    name, why = snapshot.skill_names[gap.skill], snapshot.why.get((track, gap.skill), "")
    return PlanGap(gap.skill, name, gap.current, gap.required, why, steps)


def next_steps(phases, count: int | None = NEXT_STEPS) -> tuple[NextStep, ...]:
    """What to do next: steps already started first, then those not begun, in plan order
    (every one when count is None); within a skill always the easier step first, so a started
    advanced step brings its skill's unfinished beginner steps ahead with it."""
    unfinished = [
        NextStep(step, gap)
        for phase in phases
        for gap in phase.gaps
        for step in gap.steps
        if not step.closed
    ]
    order = list(range(len(unfinished)))
    order.sort(key=lambda i: unfinished[i].step.status != DOING)  # stable: plan order kept
    skills = [unfinished[i].gap.skill for i in order]
    arranged = [order[i] for i in easiest_first(skills, order)]
    return tuple(unfinished[i] for i in arranged[:count])


def level_with_progress(assessment: Assessment, track_slug: str, plan: Plan) -> str | None:
    """The level on this track once finished steps count; None while nothing is finished."""
    if not plan.reached:
        return None
    catalog = assessment.scoring_catalog
    lifted = raised(assessment.ratings, plan.reached)
    result = scoring.score(catalog, scoring.Answers(lifted, assessment.answers["preferences"]))
    return result.track(track_slug).level
