"""Issue 27: candidates written from real job postings (fixtures/source/postings/) through the
full questionnaire and the quick quiz: how often the verdict they read names the posting's track
and level. Plain functions, also read by tests/test_postings_verdicts.py."""

import statistics
import tomllib
from pathlib import Path

from careers.core.adaptive import QuickQuiz
from careers.core.likely import Likely, run
from careers.core.planning import catalog_from_dict
from careers.core.scoring import LEVELS, Answers, Catalog, score
from careers.core.verdict import Sure, Verdict, VerdictKind, verdict_of
from tests.benchmark.quick_quiz import respondent

POSTINGS = Path(__file__).resolve().parents[2] / "fixtures" / "source" / "postings"
YEARS = {"0-1": "up-to-1", "2-4": "2-to-4", "5+": "5-or-more"}  # the candidate's bins → options
GOALS = {"track": 0.95, "level": 0.85}


def load() -> dict[str, dict]:
    return {path.name: tomllib.loads(path.read_text()) for path in sorted(POSTINGS.glob("*.toml"))}


def candidate(posting: dict) -> Answers:
    """The person who meets the posting exactly, as the quiz's answers."""
    person = posting["candidate"]
    standing = {"scope": person["scope"], "years": YEARS[person["years"]]}
    return Answers(person["skills"], standing | person["preferences"])


def names_track(verdict: Verdict, ahead: str, track: str) -> bool:
    """The headline names the track: that track fits best, or both fit leaning to it."""
    if verdict.kind is VerdictKind.NEITHER:
        return False
    return (verdict.track or ahead) == track


def full_reading(catalog: Catalog, answers: Answers, track: str) -> tuple[bool, str]:
    """Whether the full questionnaire's headline names the track, and the level on it."""
    result = score(catalog, answers)
    verdict = verdict_of(result, Sure.SETTLED)
    return names_track(verdict, result.recommended, track), result.track(track).level


def quick_reading(likely: Likely, answers: Answers, track: str) -> tuple[bool, str, int]:
    """The same through the quick quiz, answered as the candidate would, and its questions."""
    asked = run(likely, respondent(likely.catalog, answers))
    chances = asked[-1][2]
    level = LEVELS[chances.scored.bands[track]]
    return names_track(chances.verdict, chances.scored.ahead, track), level, len(asked)


def measure(catalog_dict: dict) -> dict:
    catalog = catalog_from_dict(catalog_dict)
    likely = Likely(QuickQuiz(catalog))
    postings = load()
    right = {"full_track": 0, "full_level": 0, "quick_track": 0, "quick_level": 0}
    questions = []
    for posting in postings.values():
        answers, reading = candidate(posting), posting["reading"]
        track_ok, level = full_reading(catalog, answers, reading["track"])
        right["full_track"] += track_ok
        right["full_level"] += level == reading["level"]
        track_ok, level, asked = quick_reading(likely, answers, reading["track"])
        right["quick_track"] += track_ok
        right["quick_level"] += level == reading["level"]
        questions.append(asked)
    return {"postings": len(postings), **right, "quick_median": statistics.median(questions)}
