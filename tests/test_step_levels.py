"""Steps at the right level: a gap gets the steps of the levels it spans, never a beginner's
exercise for a senior gap, and the seed catalog has a step for every level a track asks."""

import random

import pytest

from careers.catalog.models import TrackSkill, UpskillingStep
from careers.core.planning import step_level
from careers.core.result import plan_all
from careers.core.scoring import Answers, score
from careers.roadmap.plans import current_snapshot
from careers.roadmap.progress import joined_plan
from tests.helpers import SEED_CATALOG, load_personas

SKILLS = [skill.slug for skill in SEED_CATALOG.skills]


def rating_sets() -> list[dict[str, int]]:
    """The personas, everyone rated the same across the board, and 300 random people."""
    found = [persona["answers"] for persona in load_personas()]
    found += [dict.fromkeys(SKILLS, value) for value in range(5)]
    rng = random.Random(13)
    found += [{slug: rng.randint(0, 4) for slug in SKILLS} for _ in range(300)]
    return found


def offered_plans():
    """Every phase list of every plan of every rating set: its gaps hold the steps offered."""
    snapshot = current_snapshot()
    for ratings in rating_sets():
        scored = score(snapshot.catalog, Answers(ratings, {}))
        for track, plan in plan_all(snapshot, ratings, scored).items():
            yield joined_plan(snapshot, track, plan, {}, None).phases


def offered_gaps():
    for phases in offered_plans():
        for phase in phases:
            yield from phase.gaps


@pytest.mark.django_db
def test_no_proficient_to_expert_gap_is_offered_only_an_entry_level_step(catalog):
    senior = [gap for gap in offered_gaps() if gap.current >= 3 and gap.required == 4]
    assert senior, "the sample must hold senior gaps"
    for gap in senior:
        levels = [step.level for step in gap.steps]
        assert levels and set(levels) == {3}, (gap.skill, [s.title for s in gap.steps])


@pytest.mark.django_db
def test_every_gap_gets_the_steps_of_the_levels_it_spans_each_step_once_per_plan(catalog):
    by_skill: dict[str, list[UpskillingStep]] = {}
    for step in UpskillingStep.objects.all():
        by_skill.setdefault(step.skill.slug, []).append(step)
    for phases in offered_plans():
        taken: set[int] = set()
        for gap in (gap for phase in phases for gap in phase.gaps):
            span = range(step_level(gap.current + 1), step_level(gap.required) + 1)
            expected = sorted(
                s.pk for s in by_skill.get(gap.skill, []) if s.level in span and s.pk not in taken
            )
            offered = sorted(step.id for step in gap.steps)
            assert offered == expected, gap.skill
            taken.update(offered)


@pytest.mark.django_db
def test_the_seed_catalog_has_a_step_for_every_level_a_track_asks_of_a_skill(catalog):
    levels = set(UpskillingStep.objects.values_list("skill__slug", "level"))
    missing = [
        (row.track.slug, row.skill.slug, step_level(proficiency))
        for row in TrackSkill.objects.select_related("track", "skill")
        for proficiency in range(1, row.senior_required + 1)
        if (row.skill.slug, step_level(proficiency)) not in levels
    ]
    assert missing == []
