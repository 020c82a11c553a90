"""The level (careers/core/ladder.py): depth in a specialism's core, capped and lifted by scope."""

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.core.ladder import level
from careers.core.scoring import (
    Answers,
    Catalog,
    PreferenceOption,
    PreferenceQuestion,
    SkillSpec,
    Specialism,
    TrackSpec,
    score,
)
from tests.helpers import SEED, SEED_CATALOG, req

SKILLS = ("python", "pytorch", "rag", "evals", "sql", "spark", "xgboost")

LADDERED = Catalog(
    skills=tuple(SkillSpec(slug, slug.title(), "all") for slug in SKILLS),
    tracks=(
        TrackSpec("ai", "AI Engineer", "AI", tuple(req(s, 3, 1, 2, 3) for s in SKILLS[:4])),
        TrackSpec("ml", "ML Engineer", "ML", tuple(req(s, 3, 1, 2, 3) for s in SKILLS[::2])),
    ),
    preferences=(
        PreferenceQuestion(
            "scope",
            "What do you own?",
            (
                PreferenceOption("tasks", "Tasks others plan", (), 1),
                PreferenceOption("project", "A project end to end", (), 2),
                PreferenceOption("teams", "Direction across teams", (), 3),
            ),
        ),
        PreferenceQuestion(
            "years",
            "How long?",
            (
                PreferenceOption("few", "Up to a year", (), 1),
                PreferenceOption("many", "More", (), 3),
            ),
        ),
    ),
    specialisms=(
        Specialism("apps", "AI apps", "ai", ("python", "rag", "evals"), (2, 2, 2)),
        Specialism("research", "AI research", "ai", ("python", "pytorch"), (2, 2, 1)),
        Specialism("models", "ML models", "ml", ("python", "sql", "spark", "xgboost"), (3, 3, 2)),
    ),
)


def ai(skills: dict, **standing: str):
    return score(LADDERED, Answers(skills, standing)).track("ai")


@pytest.mark.parametrize(
    ("skills", "depth_band", "specialism"),
    [
        ({}, 0, "AI apps"),  # nothing anywhere: the first specialism, below L4
        # short everywhere: named for the core holding most for its size (Python is 1 of 2)
        ({"python": 2, "rag": 1, "evals": 1}, 0, "AI research"),
        ({"python": 2, "rag": 2}, 1, "AI apps"),  # two of apps' three at Working
        ({"python": 3, "pytorch": 3}, 2, "AI research"),
        ({"python": 3, "pytorch": 4}, 3, "AI research"),  # L7+ there asks one Expert
        ({"python": 4, "rag": 4, "evals": 3}, 3, "AI apps"),
        # Aware everywhere is no depth: a skill one step short earns nothing
        ({s: 1 for s in SKILLS}, 0, "AI apps"),
    ],
)
def test_depth_is_the_best_specialisms_band_and_names_it(skills, depth_band, specialism):
    result = ai(skills)
    assert (result.depth_band, result.band, result.specialism) == (
        depth_band,
        depth_band,
        specialism,
    )


def test_the_closest_specialism_is_the_deeper_then_the_one_holding_more_of_its_core():
    # both reach L4; research holds 2 of its 2 core skills at Working, apps 2 of 3
    assert ai({"python": 2, "pytorch": 2, "rag": 2}).specialism == "AI research"
    assert ai({"python": 2, "rag": 2, "evals": 2, "pytorch": 1}).specialism == "AI apps"


@pytest.mark.parametrize(
    ("skills", "scope", "years", "level_"),
    [
        ({"python": 2, "rag": 2}, None, None, "L4"),  # no scope known: depth alone
        ({"python": 2, "rag": 2}, "tasks", "many", "L4"),
        ({"python": 2, "rag": 2}, "teams", "many", "L4"),  # scope never lifts
        ({"python": 4, "rag": 4}, "tasks", None, "L4"),  # an Expert doing tasks: entry level
        ({"python": 4, "rag": 4}, "project", "many", "L5-L6"),
        ({"python": 4, "rag": 4}, "teams", "few", "L4"),  # the lower standing answer caps
        ({"python": 4, "rag": 4}, "teams", "many", "L7+"),
        ({"python": 1}, "teams", "many", "below L4"),
    ],
)
def test_scope_caps_the_level_and_never_lifts_it(skills, scope, years, level_):
    standing = {k: v for k, v in (("scope", scope), ("years", years)) if v}
    assert ai(skills, **standing).level == level_


def test_uniform_ratings_read_as_the_scale_says_in_every_specialism():
    for rating, expected in ((1, "below L4"), (2, "L4"), (3, "L5-L6"), (4, "L7+")):
        result = score(SEED_CATALOG, Answers({s.slug: rating for s in SEED_CATALOG.skills}))
        assert [t.level for t in result.tracks] == [expected, expected], rating


# --- properties --------------------------------------------------------------------------------

SEED_SKILLS = [s.slug for s in SEED_CATALOG.skills]
STANDING = {q.slug: [o.value for o in q.options] for q in SEED_CATALOG.preferences
            if any(o.band for o in q.options)}  # fmt: skip
ratings = st.dictionaries(st.sampled_from(SEED_SKILLS), st.integers(0, 4), max_size=30)
standing = st.fixed_dictionaries(
    {}, optional={q: st.sampled_from(values) for q, values in STANDING.items()}
)


def bands(answers: Answers) -> dict[str, int]:
    return {t.slug: t.band for t in score(SEED_CATALOG, answers).tracks}


@given(ratings, standing, st.sampled_from(SEED_SKILLS), st.integers(1, 4))
def test_a_rating_never_lowers_a_level(skills, scope, skill, step):
    before = bands(Answers(skills, scope))
    raised = skills | {skill: min(4, skills.get(skill, 0) + step)}
    after = bands(Answers(raised, scope))
    assert all(after[t] >= before[t] for t in before)


@given(ratings, standing)
def test_the_scope_answer_alone_never_lifts_anyone(skills, scope):
    """Issue 27 asks that it never lift anyone past one band; it lifts no one at all: against
    the level the skills alone show (no standing answer), never higher."""
    alone = bands(Answers(skills))
    told = bands(Answers(skills, scope))
    assert all(told[track] <= band for track, band in alone.items())


@given(st.integers(0, 3), st.sampled_from([None, 1, 2, 3]))
def test_level_is_depth_capped_by_scope(depth, scope):
    assert level(depth, scope) == (depth if scope is None else min(depth, scope))


def test_the_seed_has_the_five_specialisms_postings_show_each_with_its_evidence():
    rows = json.loads((SEED / "06_specialisms.json").read_text())
    for row in rows:
        if row["model"] == "careers.specialism":
            # the article's line, and the postings read as this specialism, by file number
            assert "article" in row["fields"]["evidence"], row["fields"]["slug"]
            assert re.search(r"\b\d\d [A-Z]", row["fields"]["evidence"]), row["fields"]["slug"]
    names = {k.track: [] for k in SEED_CATALOG.specialisms}
    for specialism in SEED_CATALOG.specialisms:
        names[specialism.track].append(specialism.name)
    assert names == {
        "ai-engineer": [
            "AI application / LLM product",
            "AI inference & platform",
            "AI research engineering",
        ],
        "ml-engineer": ["ML modelling & ranking", "ML platform / MLOps"],
    }


def test_a_specialism_mid_edit_never_breaks_scoring():
    """An editor may save a specialism before its core (none yet) or ask more of it than it
    holds: scoring goes on (it used to raise, and every page scored the catalog), that level is
    out of reach there, and a standing option left without a cap caps nothing."""
    unfinished = Specialism("empty", "Empty", "ai", (), (1, 1, 1))
    greedy = Specialism("greedy", "Greedy", "ai", ("python", "rag"), (2, 2, 5))
    uncapped = PreferenceQuestion(
        "scope", "What do you own?", (PreferenceOption("tasks", "Tasks", (), 1),
                                      PreferenceOption("other", "Other", (), None))
    )  # fmt: skip
    catalog = Catalog(
        LADDERED.skills, LADDERED.tracks, (uncapped,), (unfinished, greedy, *LADDERED.specialisms)
    )
    expert = Answers({"python": 4, "rag": 4}, {"scope": "other"})
    result = score(catalog, expert).track("ai")
    # greedy stops at L5-L6; apps (python, rag Expert of its 2 asked at L7+) reaches L7+
    assert (result.level, result.specialism) == ("L7+", "AI apps")
    alone = Catalog(LADDERED.skills, LADDERED.tracks, (uncapped,), (unfinished, greedy))
    assert score(alone, expert).track("ai").level == "L5-L6"
