"""A kept result, typed and versioned: the person's own verdict and plan, apart from the catalog.

Pure Python like scoring.py. A saved result is read through SavedResult.from_json into frozen
dataclasses, and written by SavedResult.to_json; nothing else reads the stored JSON. Its
"version" says which shape it has: from_json reads the current one (VERSION) and refuses any
other, so a change of shape comes with a data migration that brings every stored result to it
(careers/migrations/0015_results_version_2.py brought the shapes before it).

What the result holds is the person's own: each track's fit, level, band and depth, the
verdict (recommended, margins, both_fit, deciding factors), the plan as the ids of the steps that
close each gap of each phase, how sure the quiz was (HowSure) and what a retake carried over
(Carried). What the catalog says — skill names, step titles, why-texts, hours, resources and the
scoring catalog itself — is kept once per catalog content in a Snapshot (the CatalogSnapshot
table, content-addressed and never changed), which the result's steps and skills point into. So
a result is a few kilobytes, and later catalog edits never change what it shows: they make a new
snapshot, and the old one stays as it was.

The JSON of version 4:

    {"version": 4, "ladder": 2, "recommended": "ai-engineer", "margin": 7, "both_fit": false,
     "flat_ratings": false, "skills_margin": 8, "preferences_margin": 0,
     "deciding_factors": ["PyTorch and RAG pulled you toward AI Engineer"],
     "tracks": [{"slug": "ai-engineer", "name": "AI Engineer", "fit": 61, "level": "L4",
                 "band": 1, "depth": [1.0, 0.6, 0.3],
                 "specialism": "AI application / LLM product"}, ...],
     "plans": {"ai-engineer": [{"band": 2, "gaps": [["rag", 1, 3, [12, 13]], ...]}, ...]},
     "how_sure": {"mode": "full", "questions_asked": 52, "settled": true, ...},
     "carried": {"statuses": {"done": 2, "doing": 0, "skipped": 0}, "hours_per_week": 6},
     "estimated": {"kubernetes": 2, "docker": 3},
     "verdict": {"kind": "track", "track": "ai-engineer", "level": "L4", "sure": "very likely",
                 "estimated_skills": ["docker", "kubernetes"]}}

Version 3 (issue 26) adds estimated and verdict. estimated: the ratings (0-4) the quick quiz's
model of the person gave the skills it did not ask; the result is scored on the rated skills and
these together, so every figure rests on the one estimate the quiz vouched for (the assessment's
answers stay what was rated). verdict: what the quiz's last screen said (careers/core/verdict.py),
the words the roadmap's headline repeats.

Version 4 (issue 27) judges levels by depth in a specialism and by scope: each track says the
specialism its level was judged in and the depth it reached ("depth" replaces "coverage" and
"defining"), and "ladder" says which ladder the levels come from: 2 for this one, 1 for a result
kept before it (careers/migrations/0020_results_version_4.py), whose level stands as it was and
whose page says so.

A plan's gap is [skill, current, required, [step ids]]: a list, not an object, because a result
of one answer has some 200 of them (a plan per track to L7+), and the keys repeated in each made
up half its size. A track's gaps are its plan's first phase's (core.planning.phases: the same
gaps, toward the next band); their names and priorities come from the snapshot's catalog.
carried is null for a result kept before progress was carried over (nothing recorded).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from careers.core.planning import catalog_from_dict, catalog_to_dict, phases, steps_for_gap
from careers.core.scoring import LEVELS, Catalog, Gap, flat_ratings
from careers.core.scoring import Result as Scored
from careers.core.verdict import Verdict

VERSION = 4
# The ladder a result's levels were judged on: 1, breadth across every skill the track weighs
# (results kept before issue 27); 2, depth in a specialism's core, and scope (core/ladder.py).
LADDER = 2


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


# --- what the catalog said: kept once per catalog content ---------------------------------------


@dataclass(frozen=True)
class Resource:
    title: str
    url: str


@dataclass(frozen=True)
class Step:
    """An upskilling step as a plan shows it. level: the level it serves (1 = L4, 2 = L5-L6,
    3 = L7+), None for a step kept before steps had levels (issue 13)."""

    id: int
    skill: str
    title: str
    why: str
    hours: int
    level: int | None
    resources: tuple[Resource, ...] = ()

    @cached_property
    def fingerprint(self) -> str:
        """What the step shows besides its id and status: the key its rendered text is kept
        under, shared by every plan that has it."""
        shown = (self.title, self.why, self.hours, self.level, self.resources)
        return hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()

    @classmethod
    def from_json(cls, data: Mapping) -> Step:
        resources = tuple(Resource(r["title"], r["url"]) for r in data["resources"])
        return cls(
            data["id"], data["skill"], data["title"], data["why"], data["hours"],
            data["level"], resources,
        )  # fmt: skip

    def to_json(self) -> dict:
        return {
            "id": self.id, "skill": self.skill, "title": self.title, "why": self.why,
            "hours": self.hours, "level": self.level,
            "resources": [{"title": r.title, "url": r.url} for r in self.resources],
        }  # fmt: skip


@dataclass(frozen=True)
class Snapshot:
    """What results of one catalog content point into: the scoring catalog, every upskilling
    step in plan order (each skill's easiest first), and why each track needs each skill."""

    catalog: Catalog
    steps: tuple[Step, ...]
    why: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (track, skill) → text

    def __post_init__(self) -> None:
        object.__setattr__(self, "why", _frozen(self.why))

    @cached_property
    def step(self) -> Mapping[int, Step]:
        """Step id → step."""
        return _frozen({step.id: step for step in self.steps})

    @cached_property
    def skill_steps(self) -> Mapping[str, tuple[Step, ...]]:
        """Skill slug → its steps, in plan order."""
        found: dict[str, list[Step]] = {}
        for step in self.steps:
            found.setdefault(step.skill, []).append(step)
        return _frozen({skill: tuple(steps) for skill, steps in found.items()})

    @cached_property
    def skill_names(self) -> Mapping[str, str]:
        return _frozen({skill.slug: skill.name for skill in self.catalog.skills})

    @cached_property
    def importance(self) -> Mapping[tuple[str, str], int]:
        """(track, skill) → how much the track weighs the skill."""
        return _frozen(
            {(t.slug, r.skill): r.importance for t in self.catalog.tracks for r in t.requirements}
        )

    def gap(self, track: str, gap: PlannedGap) -> Gap:
        """A planned gap with its name and priority, as scoring names and ranks it."""
        priority = float(self.importance[track, gap.skill] * (gap.required - gap.current))
        return Gap(gap.skill, self.skill_names[gap.skill], gap.current, gap.required, priority)

    @classmethod
    def from_json(cls, data: Mapping) -> Snapshot:
        why = {(track, skill): text for track, skill, text in data["why"]}
        steps = tuple(Step.from_json(step) for step in data["steps"])
        return cls(catalog_from_dict(data["catalog"]), steps, why)

    def to_json(self) -> dict:
        return {
            "catalog": catalog_to_dict(self.catalog),
            "steps": [step.to_json() for step in self.steps],
            "why": [[track, skill, text] for (track, skill), text in self.why.items()],
        }

    @cached_property
    def key(self) -> str:
        """The content's fingerprint: equal content, equal key (the table's unique key)."""
        text = json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


# --- the person's own -------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedGap:
    skill: str
    current: int
    required: int
    steps: tuple[int, ...]  # ids of the snapshot's steps that close it, in order


@dataclass(frozen=True)
class PlannedPhase:
    band: int  # the level the phase reaches: 1 = L4, 2 = L5-L6, 3 = L7+
    gaps: tuple[PlannedGap, ...]

    @property
    def level(self) -> str:
        return LEVELS[self.band]


@dataclass(frozen=True)
class TrackVerdict:
    slug: str
    name: str
    fit: int
    level: str
    band: int
    depth: tuple[float, float, float]  # the specialism's share of what each band asks
    specialism: str  # the specialism the level was judged in ("" on the breadth ladder)
    plan: tuple[PlannedPhase, ...]  # a phase per level above band

    @property
    def gaps(self) -> tuple[PlannedGap, ...]:
        """What stands between the level and the next: the plan's first phase."""
        return self.plan[0].gaps if self.plan else ()

    @property
    def depth_level(self) -> str:
        """The level the skills alone show in the specialism: the bands climbed while each is
        fully met, as careers/core/ladder.py climbs them."""
        band = 0
        while band < 3 and self.depth[band] >= 1:
            band += 1
        return LEVELS[band]

    @property
    def capped_by_scope(self) -> bool:
        """The skills show a higher level than the one stated: what the person owns at work,
        or for how long, caps it (never on the breadth ladder, which asked no scope)."""
        return bool(self.specialism) and LEVELS.index(self.depth_level) > self.band


@dataclass(frozen=True)
class HowSure:
    """What the quiz said of the result when it was kept (careers/quiz/quick.py): "full" when
    every question was answered (settled by definition), "quick" when it stopped early."""

    mode: str
    questions_asked: int
    settled: bool
    track_settled: bool
    track_likely: bool = False
    sure: bool = False
    chance_track: int | None = None
    chance_level: int | None = None
    likely_level: str | None = None
    # track slug → (lowest, highest) level it could still take
    levels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    could_change: tuple[str, ...] = ()  # the questions that could still change it, in words
    # (leader's name, runner-up's name, lowest, highest margin it could still end on)
    margin_range: tuple[str, str, int, int] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", _frozen({k: tuple(v) for k, v in self.levels.items()}))
        object.__setattr__(self, "could_change", tuple(self.could_change))
        if self.margin_range is not None:
            object.__setattr__(self, "margin_range", tuple(self.margin_range))

    @classmethod
    def answered_in_full(cls, catalog: Catalog) -> HowSure:
        questions = len(catalog.skills) + len(catalog.preferences)
        return cls("full", questions, settled=True, track_settled=True)

    @classmethod
    def from_json(cls, data: Mapping) -> HowSure:
        return cls(**data)  # an unknown or missing key is a TypeError: no guessing

    def to_json(self) -> dict:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["levels"] = {track: list(pair) for track, pair in self.levels.items()}
        data["could_change"] = list(self.could_change)
        data["margin_range"] = list(self.margin_range) if self.margin_range else None
        return data


@dataclass(frozen=True)
class Carried:
    """What a retake took over from the result it retakes: steps per status, hours a week."""

    statuses: Mapping[str, int]
    hours_per_week: int | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "statuses", _frozen(self.statuses))


@dataclass(frozen=True)
class SavedResult:
    tracks: tuple[TrackVerdict, ...]  # ranked: tracks[0] is the recommendation
    recommended: str
    margin: int
    both_fit: bool
    flat_ratings: bool
    skills_margin: int
    preferences_margin: int
    deciding_factors: tuple[str, ...]
    how_sure: HowSure
    verdict: Verdict
    carried: Carried | None = None
    # skill slug → the rating the person model estimated for a skill not asked (issue 26)
    estimated: Mapping[str, int] = field(default_factory=dict)
    ladder: int = LADDER
    version: int = VERSION

    def __post_init__(self) -> None:
        object.__setattr__(self, "estimated", _frozen(self.estimated))

    def track(self, slug: str) -> TrackVerdict:
        for track in self.tracks:
            if track.slug == slug:
                return track
        raise KeyError(slug)

    @classmethod
    def of(
        cls,
        scored: Scored,
        plans: Mapping[str, tuple[PlannedPhase, ...]],
        how_sure: HowSure,
        carried: Carried | None,
        verdict: Verdict,
        rated: Mapping[str, int],
        estimated: Mapping[str, int],
    ) -> SavedResult:
        """What is kept of a result scored on the rated and estimated skills, and its plans;
        flat ratings judged on what was rated (rated_flat)."""
        tracks = tuple(
            TrackVerdict(
                t.slug, t.name, t.fit, t.level, t.band, t.depth, t.specialism, plans[t.slug]
            )
            for t in scored.tracks
        )
        return cls(
            tracks, scored.recommended, scored.margin, scored.both_fit, rated_flat(rated, how_sure),
            scored.skills_margin, scored.preferences_margin, scored.deciding_factors, how_sure,
            verdict, carried, estimated,
        )  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping) -> SavedResult:
        """The one reader of a stored result; ValueError for any shape but the current one."""
        if data.get("version") != VERSION:
            raise ValueError(f"a result of version {data.get('version')!r}, not {VERSION}")
        carried = data["carried"]
        return cls(
            tracks=tuple(_track(track, data["plans"][track["slug"]]) for track in data["tracks"]),
            recommended=data["recommended"],
            margin=data["margin"],
            both_fit=data["both_fit"],
            flat_ratings=data["flat_ratings"],
            skills_margin=data["skills_margin"],
            preferences_margin=data["preferences_margin"],
            deciding_factors=tuple(data["deciding_factors"]),
            how_sure=HowSure.from_json(data["how_sure"]),
            verdict=Verdict.from_json(data["verdict"]),
            carried=Carried(carried["statuses"], carried["hours_per_week"]) if carried else None,
            estimated=data["estimated"],
            ladder=data["ladder"],
        )

    def to_json(self) -> dict:
        carried = self.carried and {
            "statuses": dict(self.carried.statuses),
            "hours_per_week": self.carried.hours_per_week,
        }
        return {
            "version": self.version,
            "recommended": self.recommended,
            "margin": self.margin,
            "both_fit": self.both_fit,
            "flat_ratings": self.flat_ratings,
            "skills_margin": self.skills_margin,
            "preferences_margin": self.preferences_margin,
            "deciding_factors": list(self.deciding_factors),
            "tracks": [_track_json(track) for track in self.tracks],
            "plans": {track.slug: _plan_json(track.plan) for track in self.tracks},
            "how_sure": self.how_sure.to_json(),
            "carried": carried,
            "estimated": dict(self.estimated),
            "verdict": self.verdict.to_json(),
            "ladder": self.ladder,
        }


def rated_flat(rated: Mapping[str, int], how_sure: HowSure) -> bool:
    """Whether the ratings barely vary, judged only on what was rated (issue 26): an estimate
    is not an answer. And the quick quiz picks its questions: it asks someone new to the field
    mostly about what they have not done, so Nones there are honest answers to the questions it
    chose, not a sign of rating without reading; a quick result is flat only by its ratings
    above None (the full questionnaire asks everything, and every answer None is flat)."""
    if how_sure.mode == "quick":
        rated = {skill: rating for skill, rating in rated.items() if rating}
    return flat_ratings(rated)


def _track(data: Mapping, plan: Iterable[Mapping]) -> TrackVerdict:
    return TrackVerdict(
        data["slug"], data["name"], data["fit"], data["level"], data["band"],
        tuple(data["depth"]), data["specialism"],
        tuple(
            PlannedPhase(
                phase["band"],
                tuple(
                    PlannedGap(skill, current, required, tuple(steps))
                    for skill, current, required, steps in phase["gaps"]
                ),
            )
            for phase in plan
        ),
    )  # fmt: skip


def _track_json(track: TrackVerdict) -> dict:
    return {
        "slug": track.slug, "name": track.name, "fit": track.fit, "level": track.level,
        "band": track.band, "depth": list(track.depth), "specialism": track.specialism,
    }  # fmt: skip


def _plan_json(plan: tuple[PlannedPhase, ...]) -> list[dict]:
    return [
        {
            "band": phase.band,
            "gaps": [[g.skill, g.current, g.required, list(g.steps)] for g in phase.gaps],
        }  # fmt: skip
        for phase in plan
    ]


# --- planning against a snapshot -------------------------------------------------------------


def plan_track(
    snapshot: Snapshot, track: str, ratings: Mapping[str, int], band: int
) -> tuple[PlannedPhase, ...]:
    """A track's phases toward each higher level (core.planning.phases), each gap with the steps
    of the levels it spans (core.planning.steps_for_gap), each step once: a skill short in
    several phases takes its L4 steps in the first, its senior ones later."""
    taken: set[int] = set()
    planned = []
    for phase in phases(snapshot.catalog, track, ratings, band):
        gaps = []
        for gap in phase.gaps:
            available = snapshot.skill_steps.get(gap.skill, ())
            chosen = steps_for_gap([s.level for s in available], gap.current, gap.required)
            # A step an earlier phase took is not offered twice: Aware and Working are both L4's.
            mine = tuple(available[i].id for i in chosen if available[i].id not in taken)
            taken.update(mine)
            gaps.append(PlannedGap(gap.skill, gap.current, gap.required, mine))
        planned.append(PlannedPhase(phase.band, tuple(gaps)))
    return tuple(planned)


def plan_all(
    snapshot: Snapshot, ratings: Mapping[str, int], scored: Scored
) -> dict[str, tuple[PlannedPhase, ...]]:
    """Every track's plan, from its band in the scored result."""
    return {t.slug: plan_track(snapshot, t.slug, ratings, t.band) for t in scored.tracks}
