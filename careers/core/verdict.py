"""The verdict a person reads, in one place: what kind it is, which track and level, how sure,
and which of the skills it rests on were estimated rather than rated (issue 26).

The quick quiz's last screen and the roadmap's headline both say `headline(verdict)`, so the
two can never describe different people; the roadmap's JSON gives the same fields.
Plain Python, no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from careers.core.scoring import BOTH_FIT_MARGIN, LEVELS, Result, neither_yet

TIE = 1  # fits this close (in points) name neither track as ahead


class VerdictKind(StrEnum):
    TRACK = "track"  # one track fits best
    BOTH = "both"  # both fit: fits closer than BOTH_FIT_MARGIN, or a close call
    NEITHER = "neither"  # below entry level on both tracks, and neither fits well


class Sure(StrEnum):
    SETTLED = "settled"  # no answer left could change it
    VERY_LIKELY = "very likely"  # holds in nearly all plausible ways to answer the rest
    OPEN = "open"  # the quiz was left before either


SURE_WORDS = {Sure.SETTLED: "Settled", Sure.VERY_LIKELY: "Very likely", Sure.OPEN: "Not settled"}


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    track: str | None  # the slug of the track that fits best, or that both-fit leans to
    level: str  # the level on that track (on the one ahead, when both fit), e.g. "L4"
    sure: Sure
    estimated_skills: tuple[str, ...] = ()  # slugs scored at the person model's estimate

    def to_json(self) -> dict:
        return {
            "kind": str(self.kind),
            "track": self.track,
            "level": self.level,
            "sure": str(self.sure),
            "estimated_skills": list(self.estimated_skills),
        }

    @classmethod
    def from_json(cls, data: Mapping) -> Verdict:
        return cls(
            VerdictKind(data["kind"]),
            data["track"],
            data["level"],
            Sure(data["sure"]),
            tuple(data.get("estimated_skills", ())),
        )


def verdict_of(result: Result, sure: Sure, estimated: Sequence[str] = ()) -> Verdict:
    """The verdict a scored result states: neither track yet, both fit (leaning to the one
    ahead unless the fits tie within a point), or the track that fits best, with its level."""
    ahead = result.tracks[0]
    neither = neither_yet([track.band for track in result.tracks], ahead.fit)
    both = result.both_fit or result.margin < BOTH_FIT_MARGIN
    return verdict_from(neither, both, result.margin, ahead.slug, ahead.band, sure, estimated)


def verdict_from(
    neither: bool, both: bool, margin: int, ahead: str, band: int, sure: Sure,
    estimated: Sequence[str] = (),
) -> Verdict:  # fmt: skip
    """The verdict from what decides it: the one rule for a scored result (verdict_of) and for
    the quick quiz's packed sums (careers/core/likely.py)."""
    if neither:
        kind = VerdictKind.NEITHER
    elif both:
        kind = VerdictKind.BOTH
    else:
        kind = VerdictKind.TRACK
    track = None if kind is VerdictKind.BOTH and margin < TIE else ahead
    return Verdict(kind, track, LEVELS[band], sure, tuple(sorted(estimated)))


def headline(verdict: Verdict, names: Mapping[str, str]) -> str:
    """The verdict in words, as the quiz's last screen and the roadmap's heading say it."""
    if verdict.kind is VerdictKind.NEITHER:
        return track_words(verdict, names)
    return f"{track_words(verdict, names)}, {level_words(verdict.level)}"


def track_words(verdict: Verdict, names: Mapping[str, str]) -> str:
    """The headline without its level ("AI Engineer fits you best")."""
    if verdict.kind is VerdictKind.NEITHER:
        return "Neither track yet"
    if verdict.kind is VerdictKind.BOTH:
        if verdict.track is None:
            return "Both tracks fit you equally"
        return f"Both tracks fit you, leaning {names[verdict.track]}"
    return f"{names[verdict.track]} fits you best"


def level_words(level: str) -> str:
    """ "at L4", but "below L4" (never "at below L4")."""
    return level if level == LEVELS[0] else f"at {level}"


def sure_words(verdict: Verdict) -> str:
    return SURE_WORDS[verdict.sure]
