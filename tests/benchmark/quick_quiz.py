"""How long the quick quiz takes to a settled verdict (issue 12's goals): plain Python, no Django.

Realistic answer sets are the calibration personas with noise: each rating moves one step down
or up with a chance of one in five each (within the scale), and each preference answer is
another option with a chance of one in five. The person answers every screening question
truthfully for their answer set ("Not at all" only when every skill of the category is None).
Each set is run through the quick quiz (careers/core/likely.py over careers/core/adaptive.py)
until its verdict is settled or very likely, counting the questions (screens included) to a
track that is either, and to its level as well, and the words read on the way. What is checked
is the verdict the page states — the estimate's (rated skills as rated, the rest at the person
model's estimate), both fit (or a close call) its own verdict — against the one the full
questionnaire's page states for every answer (careers/core/likely.py's holds): a track agrees
with the same track, "neither" with "neither", and "both" with both fit or with the track it
leans to ahead by less than CLOSE_CALL (10 points: "AI Engineer by 6" and "both fit, leaning AI
Engineer" are the same advice). The level agrees where the full questionnaire gives the same
level on the track the verdict names (the one ahead, for both).
"""

import random
import statistics
import time

from careers.core.adaptive import SCREEN_CAP, Ask, QuickQuiz
from careers.core.likely import Likely, holds, run
from careers.core.planning import catalog_from_dict
from careers.core.scoring import Answers

SETS = 2000
NOISE = 0.2  # the chance of each rating moving a step down, and again of it moving up


def answer_sets(catalog, personas: list[dict], count: int, seed: int = 12) -> list[Answers]:
    """`count` answer sets, the personas in turn, each with its own noise (repeatable)."""
    rng = random.Random(seed)
    sets = []
    for number in range(count):
        persona = personas[number % len(personas)]
        skills = {}
        for skill in catalog.skills:
            rating = (
                persona["skills"].get(skill.slug, 0)
                + rng.choices((-1, 0, 1), weights=(NOISE, 1 - 2 * NOISE, NOISE))[0]
            )
            skills[skill.slug] = min(4, max(0, rating))
        preferences = {}
        for question in catalog.preferences:
            chosen = persona["preferences"].get(question.slug)
            if chosen is None or rng.random() < NOISE:
                chosen = rng.choice(question.options).value
            preferences[question.slug] = chosen
        sets.append(Answers(skills, preferences))
    return sets


def truthful_screen(catalog, answers: Answers, category: str) -> str:
    """What a person with these answers says when asked how much they worked with a category:
    the tightest screening answer that still allows their highest rating in it."""
    highest = max(answers.skills.get(s.slug, 0) for s in catalog.skills if s.category == category)
    return next(value for value, cap in SCREEN_CAP.items() if highest <= cap)


def respondent(catalog, answers: Answers):
    """Answers the quick quiz's questions as the person with these answers would (a skill the
    answers leave out is None)."""

    def respond(ask: Ask):
        if ask.kind == "screen":
            return truthful_screen(catalog, answers, ask.key)
        if ask.kind == "skill":
            return answers.skills.get(ask.key, 0)
        return answers.preferences[ask.key]

    return respond


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(catalog_dict: dict, personas: list[dict], words: dict, count: int = SETS) -> dict:
    """The figures README records. `words` is how many words each question makes a person read
    (keys "skill:<slug>", "preference:<slug>", "screen:<category>"), with "scale" read once at
    the first skill question and "full" the full questionnaire's."""
    catalog = catalog_from_dict(catalog_dict)
    likely = Likely(QuickQuiz(catalog))
    to_track, to_level, read, agree_track, agree_level, level_with_track = [], [], [], 0, 0, 0
    track_to_level, close_calls = [], 0
    start = time.perf_counter()
    asked_total = settled = 0
    for answers in answer_sets(catalog, personas, count):
        asked = run(likely, respondent(catalog, answers))
        asked_total += len(asked)
        track_at = next(
            i for i, (_, outlook, chances) in enumerate(asked, 1)
            if outlook.track_settled or chances.track_sure
        )  # fmt: skip
        final = asked[-1][2]
        settled += asked[-1][1].settled
        to_track.append(track_at)
        to_level.append(len(asked))
        scale = words["scale"] if any(ask.kind == "skill" for ask, _, _ in asked) else 0
        read.append(scale + sum(words[f"{ask.kind}:{ask.key}"] for ask, _, _ in asked))
        full = likely.packed.score(answers)
        agree_track += holds(final.verdict, full)
        agree_level += full.bands[final.recommended] == final.band
        close_calls += final.close_call
        at_track = asked[track_at - 1]
        level_with_track += at_track[1].level_settled or at_track[2].sure
        track_to_level.append(len(asked) - track_at)
    elapsed = time.perf_counter() - start
    full_quiz = len(catalog.skills) + len(catalog.preferences)
    return {
        "sets": count,
        "personas": len(personas),
        "full_questions": full_quiz,
        "full_words": words["full"],
        "track_median": statistics.median(to_track),
        "track_p95": percentile(to_track, 0.95),
        "level_median": statistics.median(to_level),
        "level_p95": percentile(to_level, 0.95),
        "words_median": statistics.median(read),
        "agree_track": agree_track / count,
        "agree_level": agree_level / count,
        "level_with_track": level_with_track / count,
        "settled": settled / count,
        "close_calls": close_calls / count,
        "track_to_level_median": statistics.median(track_to_level),
        "ms_per_question": 1000 * elapsed / asked_total,
    }
