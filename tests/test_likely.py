"""The quick quiz's "sure enough" stop (careers/core/likely.py): honest shares, never a
verdict other than the answers' own, and a settled verdict always sure."""

import pytest
from hypothesis import given, settings

from careers.core.adaptive import QuickQuiz, Told
from careers.core.likely import SURE_LEVEL, SURE_TRACK, Likely, next_question, run
from careers.core.scoring import Answers, score
from tests.benchmark.quick_quiz import answer_sets, respondent
from tests.helpers import SEED_CATALOG, load_personas
from tests.strategies import partly_told


def personas() -> list[dict]:
    return [{"skills": p["answers"], "preferences": p["preferences"]} for p in load_personas()]


@pytest.fixture(scope="module")
def likely() -> Likely:
    return Likely(QuickQuiz(SEED_CATALOG))


@settings(max_examples=60, deadline=None)
@given(partly_told())
def test_the_verdict_is_the_answers_own_and_a_settled_one_is_sure(case):
    catalog, _, told = case
    quiz = QuickQuiz(catalog)
    outlook = quiz.outlook(told)
    chances = Likely(quiz, samples=16).chances(told, outlook)
    today = score(catalog, told.answers)
    assert (chances.recommended, chances.both_fit) == (today.recommended, today.both_fit)
    assert chances.band == today.track(today.recommended).band
    assert 0 <= chances.track <= 1 and 0 < chances.level <= 1
    # Completions are answers too: when no answer could change the verdict, none of them does.
    if outlook.track_settled:
        assert chances.track == 1
    if outlook.settled and not outlook.both_fit:
        assert chances.level == 1 and chances.likely_band == chances.band
    # Ratings only raise a level: the completions' is never below today's.
    assert chances.likely_band >= chances.band


def test_the_same_answers_always_give_the_same_chances(likely):
    told = Told(Answers({"pytorch": 4, "rag": 3, "sql": 2}, {"data": "unstructured"}))
    assert likely.chances(told) == Likely(likely.quiz).chances(told)


def test_it_stops_only_settled_or_sure_and_asks_each_question_once(likely):
    full = Answers(load_personas()[0]["answers"], load_personas()[0]["preferences"])
    asked = run(likely, respondent(SEED_CATALOG, full))
    names = [(ask.kind, ask.key) for ask, _, _ in asked]
    assert len(names) == len(set(names))
    _, outlook, chances = asked[-1]
    assert outlook.settled or (chances.track >= SURE_TRACK and chances.level >= SURE_LEVEL)
    # …and not one question earlier
    for _, before, earlier in asked[:-1]:
        assert not before.settled and not earlier.sure


def test_a_blank_quiz_is_unsure_and_asks_something(likely):
    ask, outlook, chances = next_question(likely, Told())
    assert ask is not None and not chances.sure and not outlook.settled


def test_very_likely_verdicts_hold_as_often_as_they_claim():
    """On the calibration personas with noise (the model was not fitted to any of them): where
    the quiz stops sure enough, the full quiz's track agrees at least as often as SURE_TRACK
    says, and its level as often as SURE_LEVEL, within what 78 sets can tell."""
    likely = Likely(QuickQuiz(SEED_CATALOG))
    sets = answer_sets(SEED_CATALOG, personas(), 78, seed=2026)  # not the benchmark's seed
    stopped_sure = track_held = level_held = 0
    for answers in sets:
        asked = run(likely, respondent(SEED_CATALOG, answers))
        _, outlook, chances = asked[-1]
        if outlook.settled:
            continue
        full = score(SEED_CATALOG, answers)
        stopped_sure += 1
        same_track = (chances.both_fit, chances.both_fit or chances.recommended) == (
            full.both_fit,
            full.both_fit or full.recommended,
        )
        track_held += same_track
        level_held += chances.likely_band == full.track(chances.recommended).band
    assert stopped_sure >= 60  # most stop before they are settled
    assert track_held / stopped_sure >= SURE_TRACK - 0.03
    assert level_held / stopped_sure >= SURE_LEVEL - 0.05


def skills_of(category: str) -> list[str]:
    return [s.slug for s in SEED_CATALOG.skills if s.category == category]


def test_a_category_is_screened_only_where_the_person_likely_has_little_of_it(likely):
    """A screen costs a question and bounds nothing when the answer is "Regularly": asked where
    the answers so far make "Not at all" or "A little" likely, not where they make it unlikely."""
    preferences = {q.slug: q.options[0].value for q in SEED_CATALOG.preferences}
    everything = [s.slug for s in SEED_CATALOG.skills]
    asked = {}
    for rating in (0, 4):
        answers = Answers({s: rating for s in everything}, preferences)
        asked[rating] = [ask for ask, _, _ in run(likely, respondent(SEED_CATALOG, answers))]
    # Someone new to it all is asked about whole categories, and each answer spares questions.
    novice_screens = [ask for ask in asked[0] if ask.kind == "screen"]
    assert novice_screens
    assert not any(
        ask.kind == "skill" and SEED_CATALOG.skill(ask.key).category in
        {screen.key for screen in novice_screens}
        for ask in asked[0]
    )  # fmt: skip
    # An expert in everything never is: every answer would be "Regularly".
    assert not [ask for ask in asked[4] if ask.kind == "screen"]
    # Nor is a category with a skill already rated above Working, whatever else was said.
    for category in sorted({s.category for s in SEED_CATALOG.skills}):
        rated = Told(Answers({skills_of(category)[0]: 3}, {}))
        drawn = likely.completions(rated, likely.known(rated))
        assert not likely._screen_pays(rated, drawn, category)
