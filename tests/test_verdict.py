"""The verdict a person reads (careers/core/verdict.py): its kind, track, level and sureness from a
scored result, in the words the quiz's last screen and the roadmap's heading share."""

import pytest

from careers.core.scoring import Answers, score
from careers.core.verdict import Sure, Verdict, VerdictKind, headline, verdict_of
from tests.helpers import SEED_CATALOG, load_personas

NAMES = {track.slug: track.name for track in SEED_CATALOG.tracks}


def test_a_clear_lead_names_the_track_and_its_level():
    persona = next(p for p in load_personas() if p["name"] == "LLM product builder")
    result = score(SEED_CATALOG, Answers(persona["answers"], persona["preferences"]))
    verdict = verdict_of(result, Sure.SETTLED)
    assert verdict.kind is VerdictKind.TRACK and verdict.track == result.recommended
    assert headline(verdict, NAMES) == f"{NAMES[result.recommended]} fits you best, at L5-L6"


def test_nothing_rated_is_neither_track_yet():
    result = score(SEED_CATALOG, Answers({}, {}))
    verdict = verdict_of(result, Sure.OPEN)
    assert verdict.kind is VerdictKind.NEITHER
    assert headline(verdict, NAMES) == "Neither track yet"


@pytest.mark.parametrize(
    ("kind", "track", "words"),
    [
        (VerdictKind.BOTH, None, "Both tracks fit you equally, at L4"),
        (VerdictKind.BOTH, "ml-engineer", "Both tracks fit you, leaning ML Engineer, at L4"),
        (VerdictKind.TRACK, "ai-engineer", "AI Engineer fits you best, at L4"),
    ],
)
def test_the_words_of_each_kind(kind, track, words):
    assert headline(Verdict(kind, track, "L4", Sure.VERY_LIKELY), NAMES) == words


def test_below_entry_level_is_said_plainly():
    below = Verdict(VerdictKind.TRACK, "ai-engineer", "below L4", Sure.VERY_LIKELY)
    assert headline(below, NAMES) == "AI Engineer fits you best, below L4"


def test_a_verdict_reads_back_from_its_json():
    verdict = Verdict(VerdictKind.BOTH, "ai-engineer", "L4", Sure.VERY_LIKELY, ("rag", "sql"))
    assert Verdict.from_json(verdict.to_json()) == verdict
    assert verdict.to_json() == {
        "kind": "both",
        "track": "ai-engineer",
        "level": "L4",
        "sure": "very likely",
        "estimated_skills": ["rag", "sql"],
    }
