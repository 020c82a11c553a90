"""Plans from results: phases toward each higher level, time estimates, catalog round trips."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.core.planning import (
    LONGEST_SITTING,
    catalog_from_dict,
    catalog_to_dict,
    finish_date,
    first_study_day,
    in_chunks,
    phases,
    raised,
    sittings,
    step_level,
    steps_for_gap,
    weekly_blocks,
    weeks_for,
)
from careers.core.scoring import Answers, score
from tests.helpers import SEED_CATALOG, SMALL


def test_the_first_phase_is_the_results_gaps():
    answers = {"python": 2, "pytorch": 1}
    result = score(SMALL, Answers(answers))
    for track in result.tracks:
        plan = phases(SMALL, track.slug, answers, track.band)
        assert plan[0].gaps == track.gaps
        assert [phase.level for phase in plan] == ["below L4", "L4", "L5-L6", "L7+"][
            track.band + 1 :
        ]


def test_later_phases_ask_only_for_what_is_left():
    answers = {"python": 1}
    ai = next(t for t in SMALL.tracks if t.slug == "ai")
    plan = phases(SMALL, "ai", answers, 0)
    python = [gap for phase in plan for gap in phase.gaps if gap.skill == "python"]
    required = next(r.required for r in ai.requirements if r.skill == "python")
    # each phase lifts Python from where the previous phase left it
    assert [(g.current, g.required) for g in python] == [
        (a, b) for a, b in zip((1, *required), required, strict=False) if b > a
    ]


def test_top_level_has_no_phases():
    everything = {skill.slug: 4 for skill in SMALL.skills}
    assert phases(SMALL, "ai", everything, 3) == []


@pytest.mark.parametrize(
    ("hours", "per_week", "weeks"), [(0, 5, 0), (1, 5, 1), (10, 5, 2), (11, 5, 3), (40, 40, 1)]
)
def test_weeks_round_up(hours, per_week, weeks):
    assert weeks_for(hours, per_week) == weeks


@pytest.mark.parametrize(
    ("hours", "per_week", "done"),
    [
        (0, 5, date(2026, 11, 25)),  # nothing left: today
        (4, 5, date(2026, 11, 28)),  # one sitting on the first Saturday after a Wednesday
        (15, 5, date(2026, 12, 13)),  # three weeks, the last of two sittings: Sat and Sun
        (11, 5, date(2026, 12, 12)),  # the third week's one hour on its Saturday
    ],
)
def test_the_plan_is_done_on_its_last_sittings_day(hours, per_week, done):
    assert finish_date(date(2026, 11, 25), hours, per_week) == done


def test_saturday_is_a_week_away_from_a_saturday():
    assert first_study_day(date(2026, 11, 28)) == date(2026, 12, 5)


@given(st.integers(min_value=0, max_value=200))
def test_sittings_share_a_weeks_hours_evenly_a_day_each(hours):
    parts = sittings(hours)
    assert sum(parts) == hours and 1 <= len(parts) <= 7
    assert max(parts) - min(parts) <= 1
    if hours <= 7 * LONGEST_SITTING:
        assert max(parts) <= LONGEST_SITTING


def test_finished_steps_lift_skills_but_never_lower_them():
    assert raised({"rag": 1, "sql": 3}, [("rag", 3), ("sql", 2), ("spark", 2)]) == {
        "rag": 3,
        "sql": 3,
        "spark": 2,
    }


def test_the_seed_catalog_survives_a_trip_through_json():
    data = json.loads(json.dumps(catalog_to_dict(SEED_CATALOG)))
    assert catalog_from_dict(data) == SEED_CATALOG


@given(st.dictionaries(st.sampled_from([s.slug for s in SEED_CATALOG.skills]), st.integers(0, 4)))
def test_doing_every_phase_reaches_the_top_level(ratings):
    result = score(SEED_CATALOG, Answers(ratings))
    for track in result.tracks:
        reached = [
            (gap.skill, gap.required)
            for phase in phases(SEED_CATALOG, track.slug, ratings, track.band)
            for gap in phase.gaps
        ]
        after = score(SEED_CATALOG, Answers(raised(ratings, reached)))
        assert after.track(track.slug).level == "L7+"


@given(
    st.lists(
        st.tuples(st.integers(1, 10**6), st.integers(0, 40)), max_size=30, unique_by=lambda s: s[0]
    ),
    st.integers(1, 80),
)
def test_weekly_blocks_keep_each_steps_hours_in_order_and_fill_every_week_but_the_last(
    steps, hours_per_week
):
    weeks = weekly_blocks(steps, hours_per_week)
    total = sum(hours for _, hours in steps)
    assert len(weeks) == weeks_for(total, hours_per_week)
    assert all(sum(h for _, h in week) == hours_per_week for week in weeks[:-1])
    assert all(0 < sum(h for _, h in week) <= hours_per_week for week in weeks)
    # read in order, the weeks give back each step's hours: split across weeks, never reordered
    merged: list[tuple[int, int]] = []
    for step, hours in (part for week in weeks for part in week):
        if merged and merged[-1][0] == step:
            merged[-1] = (step, merged[-1][1] + hours)
        else:
            merged.append((step, hours))
    assert merged == [(step, hours) for step, hours in steps if hours]


def test_weekly_blocks_need_at_least_an_hour_a_week():
    with pytest.raises(ValueError):
        weekly_blocks([(1, 3)], 0)


@given(st.lists(st.integers(0, 60), max_size=40), st.integers(1, 80))
def test_in_chunks_keeps_the_order_and_each_chunk_within_the_most(sizes, most):
    chunks = in_chunks(sizes, most)
    assert [i for chunk in chunks for i in chunk] == list(range(len(sizes)))
    for chunk in chunks:
        assert chunk and (sum(sizes[i] for i in chunk) <= most or len(chunk) == 1)
    # and no two neighbours could have been one chunk: the next item did not fit
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert sum(sizes[i] for i in before) + sizes[after[0]] > most


@pytest.mark.parametrize(
    ("levels", "current", "required", "chosen"),
    [
        ([1, 2, 3], 3, 4, [2]),  # Proficient → Expert: the L7+ step only
        ([1, 2, 3], 0, 2, [0]),  # None → Working: L4's
        ([1, 1, 2, 3], 1, 3, [0, 1, 2]),  # Aware → Proficient: L4's and L5-L6's
        ([1, 3], 2, 3, [1]),  # no L5-L6 step: the one above rather than the beginner's
        ([1, 2], 3, 4, []),  # nothing at or above L7+: no beginner step for a senior gap
    ],
)
def test_a_gap_gets_the_steps_of_the_levels_it_spans(levels, current, required, chosen):
    assert steps_for_gap(levels, current, required) == chosen


@given(st.lists(st.integers(1, 3), max_size=8), st.integers(0, 3), st.integers(1, 4))
def test_a_gap_never_gets_a_step_below_what_the_person_already_has(levels, current, bump):
    required = min(current + bump, 4)
    chosen = steps_for_gap(levels, current, required)
    low, high = step_level(current + 1), step_level(required)
    assert all(levels[i] >= low for i in chosen)
    spanned = [i for i, level in enumerate(levels) if low <= level <= high]
    assert chosen == spanned or (not spanned and len(chosen) <= 1)
