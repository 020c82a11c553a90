"""From a result to a plan: phases of gaps toward each higher level, and the time they take.

Pure Python like scoring.py: no Django, no database. The catalog also travels as a plain dict,
so an assessment can keep the exact catalog it was scored against.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from careers.core.scoring import (
    LEVELS,
    Catalog,
    Gap,
    PreferenceOption,
    PreferenceQuestion,
    Requirement,
    SkillSpec,
    Specialism,
    TrackSpec,
    gaps,
)


@dataclass(frozen=True)
class Phase:
    band: int  # the level this phase reaches: 1 = L4, 2 = L5-L6, 3 = L7+
    level: str
    gaps: tuple[Gap, ...]


def phases(catalog: Catalog, track_slug: str, ratings: Mapping[str, int], band: int) -> list[Phase]:
    """One phase per level above `band`; each starts where the one before ends.

    The first phase's gaps are exactly the result's gaps (scoring.gaps: the closest
    specialism's core skills short of the next level); a later phase asks only for what is left
    once the earlier phases are done, in the same specialism, with the same priority.
    """
    track = next(t for t in catalog.tracks if t.slug == track_slug)
    tables = catalog.ladder[track_slug]
    core = tables.cores[tables.closest(tables.measures(ratings))]
    current = dict(ratings)
    plan = []
    for target in range(band + 1, len(LEVELS)):
        found = gaps(catalog, track, current, target - 1, core)
        current |= {gap.skill: gap.required for gap in found}
        plan.append(Phase(target, LEVELS[target], tuple(found)))
    return plan


def step_level(proficiency: int) -> int:
    """The level (1 = L4, 2 = L5-L6, 3 = L7+) of the steps that bring a skill to `proficiency`:
    L4 steps reach Working (and Aware on the way), L5-L6 steps Proficient, L7+ steps Expert, the
    ladder the core skills follow on both tracks."""
    return min(max(proficiency - 1, 1), 3)


def steps_for_gap(levels: Sequence[int], current: int, required: int) -> list[int]:
    """Which steps close a gap from `current` to `required`, given the levels of the skill's
    steps (easiest first): their indexes.

    Every step of the levels the gap spans, so a Proficient → Expert gap gets the L7+ steps and
    never the beginner one. Where the catalog has none of those levels, the first step above
    them (harder beats a step the person is already past); never one below.
    """
    low, high = step_level(current + 1), step_level(required)
    spanned = [i for i, level in enumerate(levels) if low <= level <= high]
    if spanned:
        return spanned
    above = [i for i, level in enumerate(levels) if level > high]
    return sorted(above, key=lambda i: levels[i])[:1]


def easiest_first(skills: Sequence[str], order: Sequence[int]) -> list[int]:
    """Indexes of a list of steps (each step's skill, and its place in the plan) so that within
    each skill the steps keep plan order, easiest first, while every skill keeps the places in
    the list it had: a step moved ahead (one already started) takes an easier step of its skill
    along in front of it rather than jumping it."""
    places: dict[str, list[int]] = {}
    for index, skill in enumerate(skills):
        places.setdefault(skill, []).append(index)
    arranged = list(range(len(skills)))
    for indexes in places.values():
        for place, index in zip(indexes, sorted(indexes, key=order.__getitem__), strict=True):
            arranged[place] = index
    return arranged


def raised(ratings: Mapping[str, int], reached: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Ratings once finished steps count: each (skill, level) reached lifts the skill to it."""
    lifted = dict(ratings)
    for skill, level in reached:
        lifted[skill] = max(lifted.get(skill, 0), level)
    return lifted


def weeks_for(hours: int, hours_per_week: int) -> int:
    return math.ceil(hours / hours_per_week) if hours else 0


LONGEST_SITTING = 4  # hours at one go, while a week's seven days have room for the rest
STUDY_WEEKDAY = 5  # Saturday: each study week starts on one


def first_study_day(today: date) -> date:
    """The first Saturday after today, where the first study week starts."""
    return today + timedelta(days=(STUDY_WEEKDAY - today.weekday() - 1) % 7 + 1)


def sittings(week_hours: int) -> list[int]:
    """A week's hours as sittings on consecutive days, as even as whole hours allow: none
    longer than LONGEST_SITTING unless the week's seven days are not enough."""
    days = min(7, max(1, math.ceil(week_hours / LONGEST_SITTING)))
    base, extra = divmod(week_hours, days)
    return [base + 1] * extra + [base] * (days - extra)


def finish_date(today: date, hours: int, hours_per_week: int) -> date:
    """The day of the last sitting, with hours studied at hours_per_week from the first study
    day: the day the calendar's last event falls on (today when nothing is left)."""
    weeks = weeks_for(hours, hours_per_week)
    if not weeks:
        return today
    last_week = hours - (weeks - 1) * hours_per_week
    days = len(sittings(last_week)) - 1
    return first_study_day(today) + timedelta(weeks=weeks - 1, days=days)


def in_chunks(sizes: Iterable[int], most: int) -> list[list[int]]:
    """Indexes of consecutive items grouped so each group's sizes add up to at most `most`
    (an item larger than that alone): a long phase as parts a person can finish."""
    chunks: list[list[int]] = []
    total = 0
    for index, size in enumerate(sizes):
        if not chunks or total + size > most:
            chunks.append([])
            total = 0
        chunks[-1].append(index)
        total += size
    return chunks


def weekly_blocks(
    steps: Iterable[tuple[int, int]], hours_per_week: int
) -> list[list[tuple[int, int]]]:
    """(step id, hours) in the order to do them, packed into weeks of hours_per_week: each
    week's (step id, hours in that week). A step longer than what a week has left goes on into
    the next, so there are weeks_for(total hours, hours_per_week) weeks."""
    if hours_per_week < 1:
        raise ValueError(f"hours_per_week must be ≥ 1, got {hours_per_week!r}")
    weeks: list[list[tuple[int, int]]] = []
    week: list[tuple[int, int]] = []
    room = hours_per_week
    for step, hours in steps:
        left = hours
        while left:
            part = min(left, room)
            week.append((step, part))
            left -= part
            room -= part
            if not room:
                weeks.append(week)
                week, room = [], hours_per_week
    if week:
        weeks.append(week)
    return weeks


def catalog_to_dict(catalog: Catalog) -> dict:
    return asdict(catalog)


def catalog_from_dict(data: Mapping) -> Catalog:
    """The inverse of catalog_to_dict, from JSON (lists where the dataclasses hold tuples)."""
    return Catalog(
        skills=tuple(SkillSpec(**skill) for skill in data["skills"]),
        tracks=tuple(
            TrackSpec(
                track["slug"],
                track["name"],
                track["short_name"],
                tuple(
                    Requirement(req["skill"], req["importance"], tuple(req["required"]))
                    for req in track["requirements"]
                ),
            )
            for track in data["tracks"]
        ),
        preferences=tuple(
            PreferenceQuestion(
                question["slug"],
                question["text"],
                tuple(
                    PreferenceOption(
                        option["value"],
                        option["label"],
                        tuple((slug, points) for slug, points in option["lean"]),
                        option.get("band"),  # absent from snapshots kept before issue 27
                    )
                    for option in question["options"]
                ),
            )
            for question in data["preferences"]
        ),
        specialisms=tuple(
            Specialism(k["slug"], k["name"], k["track"], tuple(k["skills"]), tuple(k["asks"]))
            for k in data.get("specialisms", ())
        ),
    )
