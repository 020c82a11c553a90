"""The quick quiz's stop rule and question choice (careers/core/adaptive.py), tested directly:
a settled verdict is the verdict every way of answering the rest would give."""

from fractions import Fraction
from itertools import product
from math import ceil, floor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careers.core.adaptive import Ask, QuickQuiz, Told, run
from careers.core.scoring import (
    SKILL_SHARE,
    Answers,
    Catalog,
    PreferenceOption,
    PreferenceQuestion,
    Requirement,
    SkillSpec,
    TrackSpec,
    neither_yet,
    preference_shares,
    score,
    skill_shares,
)
from tests.benchmark.quick_quiz import respondent
from tests.helpers import SEED_CATALOG, load_personas
from tests.strategies import catalogs, complete, partly_told


def verdict(result) -> tuple[str | None, bool]:
    return (None if result.both_fit else result.recommended), result.both_fit


@settings(max_examples=300)
@given(partly_told())
def test_a_settled_verdict_is_the_full_quizs_whatever_the_rest_of_the_answers(case):
    catalog, full, told = case
    outlook = QuickQuiz(catalog).outlook(told)
    result = score(catalog, full)
    if outlook.track_settled:
        assert (outlook.recommended, outlook.both_fit) == verdict(result)
    if outlook.settled:
        tracks = [outlook.recommended] if outlook.recommended else result.tracks[:2]
        for track in (getattr(t, "slug", t) for t in tracks):
            assert outlook.bands[track] == (result.track(track).band,) * 2


@settings(max_examples=300)
@given(partly_told())
def test_a_settled_verdict_says_neither_track_yet_as_the_full_quiz_does(case):
    """ "Neither track yet" is the verdict too: where the quiz stops as settled, the answers
    so far (a skill not asked at None, as the quick result once scored it) and the full answers
    both say it, or neither does."""
    catalog, full, told = case
    quiz = QuickQuiz(catalog)
    if quiz.outlook(told).settled:
        said = [score(catalog, answers) for answers in (told.rated(quiz.categories), full)]
        assert len({neither_yet([t.band for t in r.tracks], r.tracks[0].fit) for r in said}) == 1


def test_a_fit_that_could_still_reach_neither_tracks_bar_keeps_the_quiz_asking():
    """Found by the property above: no track can reach L4, and t0 leads whatever comes, but its
    fit is 0 with s0 at None and over NEITHER_FIT with s0 Aware. The verdict (neither track
    yet, or T0) is open until s0 is asked: the quiz once stopped here as settled."""
    skills = tuple(SkillSpec(f"s{i}", f"Skill {i}", "c0") for i in range(5))
    t0 = TrackSpec("t0", "Track 0", "T0", (
        Requirement("s4", 1, (0, 0, 0)), Requirement("s3", 1, (1, 1, 1)),
        Requirement("s0", 2, (0, 0, 0)),
    ))  # fmt: skip
    t1 = TrackSpec("t1", "Track 1", "T1", (Requirement("s3", 1, (1, 1, 1)),))
    catalog = Catalog(skills, (t0, t1), ())
    quiz = QuickQuiz(catalog)
    told = Told(Answers({"s3": 0, "s4": 1}, {}))
    outlook = quiz.outlook(told)
    assert outlook.track_settled and outlook.level_settled and not outlook.settled
    # s0's category first (it could spare two questions), then s0 itself
    assert quiz.next_question(told, outlook) == Ask("screen", "c0")
    assert quiz.next_question(Told(told.answers, {"c0": "lots"})) == Ask("skill", "s0")
    for s0 in (0, 1):
        result = score(catalog, Answers({"s0": s0, "s3": 0, "s4": 1}, {}))
        assert neither_yet([t.band for t in result.tracks], result.tracks[0].fit) is (s0 == 0)


@settings(max_examples=300)
@given(partly_told())
def test_a_settled_verdict_is_also_the_one_the_answers_so_far_score(case):
    """The quiz stops once settled, and the result is scored on the answers given: a question
    left open counts as scoring counts it (a skill None, a preference neutral), so that must be
    one of the ways the rest could go. A question whose every option gives a track more than
    half its points (or has one option) made the neutral half fall outside the bounds."""
    catalog, _, told = case
    outlook = QuickQuiz(catalog).outlook(told)
    if outlook.track_settled:
        assert (outlook.recommended, outlook.both_fit) == verdict(score(catalog, told.answers))


def test_a_one_option_question_left_open_is_neutral_in_the_bounds_too():
    """One skill both tracks ask alike, rated; one question whose only option leans t0. Answered,
    it puts t0 ahead by 6 points; left open (as the quiz leaves it when it stops), it is neutral
    and both fit. So the track is not settled until the question is answered."""
    skill = SkillSpec("s0", "Skill 0", "c0")
    tracks = tuple(
        TrackSpec(f"t{i}", f"Track {i}", f"T{i}", (Requirement("s0", 3, (1, 2, 3)),))
        for i in range(2)
    )
    lean_t0 = PreferenceOption("only", "Only option", (("t0", 2), ("t1", 0)))
    catalog = Catalog((skill,), tracks, (PreferenceQuestion("q0", "Question?", (lean_t0,)),))
    quiz = QuickQuiz(catalog)
    told = Told(Answers({"s0": 3}, {}))
    assert verdict(score(catalog, told.answers)) == (None, True)
    outlook = quiz.outlook(told)
    assert not outlook.track_settled
    assert quiz.next_question(told, outlook) == Ask("preference", "q0")
    answered = Told(Answers({"s0": 3}, {"q0": "only"}))
    assert (quiz.outlook(answered).recommended, quiz.outlook(answered).both_fit) == ("t0", False)
    assert verdict(score(catalog, answered.answers)) == ("t0", False)


@settings(max_examples=300)
@given(partly_told())
def test_the_margin_and_bands_always_contain_the_full_quizs(case):
    catalog, full, told = case
    quiz = QuickQuiz(catalog)
    outlook = quiz.outlook(told)
    result = score(catalog, full)
    for track in result.tracks:
        low, high = outlook.bands[track.slug]
        assert low <= track.band <= high
    low, high = outlook.margin_range
    margin = result.track(outlook.leader).fit - result.track(outlook.runner_up).fit
    assert floor(low) <= margin <= ceil(high)


@settings(max_examples=200)
@given(catalogs().flatmap(lambda c: st.tuples(st.just(c), complete(c))))
def test_with_everything_told_the_margin_is_the_scored_one_before_rounding(case):
    catalog, full = case
    quiz = QuickQuiz(catalog)
    told = Told(full)
    outlook = quiz.outlook(told)
    low, high = outlook.margin_range
    assert low == high
    result = score(catalog, full)
    margin = result.track(outlook.leader).fit - result.track(outlook.runner_up).fit
    assert margin in (floor(low), ceil(low))
    assert outlook.settled and outlook.open == ()
    assert (outlook.recommended, outlook.both_fit) == verdict(result)


@settings(max_examples=200)
@given(catalogs().flatmap(lambda c: st.tuples(st.just(c), complete(c))))
def test_the_quick_quiz_stops_settled_on_the_full_quizs_verdict_asking_each_question_once(case):
    catalog, full = case
    quiz = QuickQuiz(catalog)
    asked = run(quiz, respondent(catalog, full))
    asks = [ask for ask, _ in asked]
    assert len(asks) == len(set(asks))
    final = asked[-1][1] if asked else quiz.outlook(Told())
    assert final.settled
    result = score(catalog, full)
    assert (final.recommended, final.both_fit) == verdict(result)
    # and the stop rule never stopped early: every settled outlook on the way agreed too
    for _, outlook in asked:
        if outlook.track_settled:
            assert (outlook.recommended, outlook.both_fit) == verdict(result)


@st.composite
def few_open(draw):
    """Everything told but at most three skills and one preference question."""
    catalog = draw(catalogs())
    full = draw(complete(catalog))
    open_skills = set(draw(st.lists(st.sampled_from(catalog.skills), max_size=3, unique=True)))
    open_questions = set(draw(st.lists(st.sampled_from(catalog.preferences), max_size=1))
                         if catalog.preferences else [])  # fmt: skip
    told = Told(
        Answers(
            {s.slug: full.skills[s.slug] for s in catalog.skills if s not in open_skills},
            {q.slug: full.preferences[q.slug] for q in catalog.preferences
             if q not in open_questions},
        )
    )  # fmt: skip
    return catalog, told, sorted(s.slug for s in open_skills), [q for q in open_questions]


@settings(max_examples=150)
@given(few_open())
def test_the_margins_extremes_are_exact(case):
    """Every way of answering the open questions, leaving them open included (as the quiz does
    when it stops), tried: the bounds are their extremes."""
    catalog, told, open_skills, open_questions = case
    quiz = QuickQuiz(catalog)
    x, y = catalog.tracks[0].slug, catalog.tracks[1].slug
    seen = []
    for ratings in product(range(5), repeat=len(open_skills)):
        for options in product(*[(*q.options, None) for q in open_questions]):
            skills = dict(told.answers.skills) | dict(zip(open_skills, ratings, strict=True))
            preferences = dict(told.answers.preferences) | {
                q.slug: o.value for q, o in zip(open_questions, options, strict=True) if o
            }
            answers = Answers(skills, preferences)
            seen.append(unrounded_fit(catalog, answers, x) - unrounded_fit(catalog, answers, y))
    assert quiz.margin_range(told, x, y) == (min(seen), max(seen))


def unrounded_fit(catalog: Catalog, answers: Answers, track: str) -> Fraction:
    """fit before rounding, from scoring's own parts (a skill not rated counts None, a question
    not answered neutral)."""
    spec = next(t for t in catalog.tracks if t.slug == track)
    ratings = {s.slug: answers.skills.get(s.slug, 0) for s in catalog.skills}
    skills = skill_shares(catalog.ladder[spec.slug], ratings).skill_fit()
    preferences = preference_shares(catalog, answers, track)
    preference_fit = sum(preferences.values()) if preferences else Fraction(1, 2)
    return 100 * (SKILL_SHARE * skills + (1 - SKILL_SHARE) * preference_fit)


# --- screening and the choice of question ------------------------------------------------------


def test_not_at_all_fixes_a_categorys_unasked_skills_at_none_and_a_little_caps_them():
    quiz = QuickQuiz(SEED_CATALOG)
    category = SEED_CATALOG.skills[0].category
    skills = [s.slug for s in SEED_CATALOG.skills if s.category == category]
    assert {quiz.ceiling(Told(screens={category: "none"}), s) for s in skills} == {0}
    assert {quiz.ceiling(Told(screens={category: "little"}), s) for s in skills} == {2}
    assert {quiz.ceiling(Told(), s) for s in skills} == {4}
    # a rating given after the screen stands: it moves the margin as any rating does
    x, y = (t.slug for t in SEED_CATALOG.tracks[:2])
    moving = next(s for s in skills if quiz.skill_term(x, s, 4) != quiz.skill_term(y, s, 4))
    screened = {category: "none"}
    rated = [quiz.margin_range(Told(Answers({moving: p}), screened), x, y) for p in (0, 4)]
    assert rated[0] != rated[1]


def test_a_screen_comes_before_the_first_skill_of_its_category():
    quiz = QuickQuiz(SEED_CATALOG)
    first = quiz.next_question(Told())
    outlook = quiz.outlook(Told())
    if outlook.open[0].kind == "skill":
        assert first == Ask("screen", SEED_CATALOG.skill(outlook.open[0].key).category)
    told = Told(screens={s.category: "lots" for s in SEED_CATALOG.skills})
    assert quiz.next_question(told).kind in {"skill", "preference"}


def test_a_blank_quiz_is_not_settled_and_everything_is_open():
    outlook = QuickQuiz(SEED_CATALOG).outlook(Told())
    assert not outlook.track_settled and not outlook.settled
    assert len(outlook.open) > 10


@pytest.mark.parametrize("persona", load_personas(), ids=lambda p: p["name"])
def test_each_calibration_persona_settles_on_its_full_verdict(persona):
    full = Answers(persona["answers"], persona["preferences"])
    quiz = QuickQuiz(SEED_CATALOG)
    asked = run(quiz, respondent(SEED_CATALOG, full))
    final = asked[-1][1]
    result = score(SEED_CATALOG, full)
    assert final.settled
    assert (final.recommended, final.both_fit) == verdict(result)
    track = final.recommended or result.recommended
    assert final.bands[track] == (result.track(track).band,) * 2
