"""The scoring model's tables, built once per catalog: what every reader of the formula reads.

careers/core/scoring.py states the formula. Four places work it out: score() itself, the quick
quiz's exact bounds (careers/core/adaptive.py), its person model (careers/core/likely.py) and the
packed verdicts that model scores its completions with (careers/core/packed.py). Until issue 27
each built its own copy of the skill weights, the per-band requirement totals and the half-step
rule, and only the property tests noticed when they drifted. Here they are built once per
catalog (Catalog.ladder) and each reader asks these tables.

The level is decided from a track's *measures*: sums over the skills of a part that depends on
the skill's rating alone, so that a bound, a packed integer or a variance across completions is
a sum of per-skill parts. TrackLadder.parts gives each skill's part of every measure per rating;
TrackLadder.band turns the measures' totals into the level. Nothing outside this module knows
what a measure means.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careers.core.scoring import Catalog, TrackSpec

TOP = 4  # the scale's highest rating
BANDS = range(3)  # L4, L5-L6, L7+
DEFINING = 5  # the importance that "defines the track"


def halves(rating: int, asked: int) -> int:
    """The half-step rule: a defining skill's credit toward a band, in halves — met 2, one step
    short (but used at all) 1, else 0."""
    return 2 if rating >= asked else 1 if 0 < rating == asked - 1 else 0


def band_from_shares(shares: tuple[tuple[float, float], ...], threshold: float) -> int:
    """Climb the bands while each one's measures all reach the threshold. Compared as floats:
    Fraction(4, 5) is below the float 0.8 and would fail a 0.8 threshold."""
    band = 0
    while band < 3 and min(float(s) for s in shares[band]) >= threshold:
        band += 1
    return band


@dataclass(frozen=True)
class TrackLadder:
    """One track's tables: the skill-fit weights and the level's measures."""

    slug: str
    weights: Mapping[str, tuple[int, int]]  # skill → (w²·rel, target = max(1, r_L7+))
    whole: int  # Σ weight·target: skill_fit's denominator
    need: tuple[int, int, int]  # per band: Σ importance·r_b, coverage's denominator
    asked: tuple[int, int, int]  # per band: how many defining skills it asks for
    parts: Mapping[str, tuple[tuple[int, ...], ...]]  # skill → per rating, its part of each measure

    SIZE = 6  # measures: met per band (3), then the defining skills' halves per band (3)

    def measures(self, ratings: Mapping[str, int]) -> list[int]:
        """The measures' totals for full ratings (a skill left out counts 0)."""
        totals = [0] * self.SIZE
        for skill, per_rating in self.parts.items():
            part = per_rating[ratings.get(skill, 0)]
            totals = [t + p for t, p in zip(totals, part, strict=True)]
        return totals

    def shares(self, totals: list[int]) -> tuple[tuple[Fraction, Fraction], ...]:
        """Per band: (coverage, defining coverage), each 1 when the band asks nothing."""
        return tuple(
            (
                Fraction(totals[b], self.need[b]) if self.need[b] else Fraction(1),
                Fraction(totals[3 + b], 2 * self.asked[b]) if self.asked[b] else Fraction(1),
            )
            for b in BANDS
        )

    def band(self, totals: list[int], threshold: float) -> int:
        return band_from_shares(self.float_shares(totals), threshold)

    def float_shares(self, totals: list[int]) -> tuple[tuple[float, float], ...]:
        """shares() as floats, without a Fraction each (the packed verdicts' hot path)."""
        need, asked = self.need, self.asked
        return tuple(
            (
                totals[b] / need[b] if need[b] else 1.0,
                totals[3 + b] / (2 * asked[b]) if asked[b] else 1.0,
            )
            for b in BANDS
        )

    def entry(self, totals: list[int]) -> float:
        """The entry band's coverage: tied fits rank by it (the track one could start in)."""
        return totals[0] / self.need[0] if self.need[0] else 1.0

    def band_weight(self, skill: str, rating: int, band: int) -> float:
        """The skill's share of the band's measures at a rating: how much its answer moves
        them (the quick quiz asks what could move an open level most)."""
        per_rating = self.parts.get(skill)
        if per_rating is None:
            return 0.0
        part = per_rating[rating]
        weight = part[band] / self.need[band] if self.need[band] else 0.0
        if self.asked[band]:
            weight += part[3 + band] / (2 * self.asked[band])
        return weight


@dataclass(frozen=True)
class Ladder:
    """Every track's tables, and rel's scale (scoring.distinctiveness)."""

    tracks: Mapping[str, TrackLadder]
    rel: Mapping[str, int]

    def __getitem__(self, track: str) -> TrackLadder:
        return self.tracks[track]


def distinctiveness(catalog: Catalog) -> dict[str, int]:
    """rel(t,s) = w(t,s)² / Σ_t' w(t',s) is w(t,s)² · this[s], up to one common factor.

    Scaled to whole numbers (the common factor is the least common multiple of the sums): only
    ratios of rel reach skill_fit, so the factor cancels and no Fraction is made per skill."""
    totals: Counter[str] = Counter()
    for track in catalog.tracks:
        for req in track.requirements:
            totals[req.skill] += req.importance
    scale = lcm(*totals.values()) if totals else 1
    return {skill: scale // total for skill, total in totals.items()}


def build(catalog: Catalog) -> Ladder:
    rel = distinctiveness(catalog)
    return Ladder(
        MappingProxyType({t.slug: _track_ladder(t, rel) for t in catalog.tracks}),
        MappingProxyType(rel),
    )


def _track_ladder(track: TrackSpec, rel: Mapping[str, int]) -> TrackLadder:
    weights = {r.skill: (r.importance**2 * rel[r.skill], r.required[2] or 1)
               for r in track.requirements}  # fmt: skip
    need = tuple(sum(r.importance * r.required[b] for r in track.requirements) for b in BANDS)
    asked = tuple(
        sum(1 for r in track.requirements if r.importance == DEFINING and r.required[b])
        for b in BANDS
    )
    parts = {r.skill: tuple(_parts(r, rating) for rating in range(TOP + 1))
             for r in track.requirements}  # fmt: skip
    return TrackLadder(
        track.slug,
        MappingProxyType(weights),
        sum(w * target for w, target in weights.values()),
        need,
        asked,
        MappingProxyType(parts),
    )


def _parts(r, rating: int) -> tuple[int, ...]:
    """A requirement's part of each measure at a rating: met per band, then halves per band."""
    met = [r.importance * min(rating, r.required[b]) for b in BANDS]
    defining = r.importance == DEFINING
    credit = [halves(rating, r.required[b]) if defining and r.required[b] else 0 for b in BANDS]
    return (*met, *credit)


def build_track(track: TrackSpec) -> TrackLadder:
    """One track's level tables on their own (its weights then ignore the other tracks)."""
    return _track_ladder(track, {r.skill: 1 for r in track.requirements})
