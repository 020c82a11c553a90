"""The level: depth in a specialism's core, then scope. The formula's tables, built once per
catalog, and the one place that knows what decides a level.

Why (issue 27). The level used to need coverage ≥ 0.8 of what the band asks across every skill
the track weighs. Real job postings ask for depth in about ten skills of one specialism and for
scope: on 24 candidates written from real postings the track was right for 24 and the level for
1. The article's own ladder is about scope too ("fine-tunes open-source models", "leads
projects", "defines AI strategy").

Depth. A track has specialisms (catalog data: AI application / LLM product, AI inference &
platform, AI research engineering; ML modelling & ranking, ML platform / MLOps), each a core of
12–18 skills and, per band, how many of them it asks at the band's rating (L4 Working, L5-L6
Proficient, L7+ Expert; the seeds ask 3, 3 and 2). credit(k, b) = how many core skills are rated
at band b's rating or above; band b is reached on specialism k when credit(k, b) ≥ asks(k, b);
depth(t) = climb b = 1, 2, 3 on each specialism while reached, the best specialism's. It names
the specialism the person is closest to: the deepest, then the one whose core holds most of
their credit for its size, then catalog order. No partial credit: with half credit for a skill
one step short, "Aware" in eight core skills read as L4 and "Working" in eight as L5-L6 —
breadth buying a title again, the fault this ladder replaces.

Scope. Questions about the person's standing (what they own; how long they have done the work)
are preference questions whose options each carry a band: scope(answers) = the lowest band of
the options chosen, or none when none is answered. level = min(scope, depth), or depth when no
scope is known: scope caps the level (an Expert who owns tasks others plan is hired at entry
level; a staff title with three years reads L5-L6) and never lifts it — the skills must show a
level before scope can grant it. An earlier draft let scope lift depth by one band: it made a
tabular-ML engineer who owns projects an L5-L6 AI engineer on three Working skills.

A rating never lowers a level (depth rises with each, the cap does not move) and the scope
answer alone never lifts anyone at all; tests/test_ladder.py checks both as properties.

Evidence: on the 44 candidates written from real postings (fixtures/source/postings/, rated as
meeting their posting exactly; tests/test_postings_verdicts.py), the full questionnaire's level
matches the posting's for 43, and every calibration persona passes (tests/test_scoring.py).
Asking 3 core skills at L7+ instead of 2 misses three staff postings that name two or three
central skills at Expert; asking 4 at L4 misses four entry postings that name three skills of
one core.

A track with no specialisms yet (a catalog being built, the property tests' random catalogs) has
one implied: every skill it requires, asking ⌈0.8·n⌉ of the n skills each band asks for.

The measures are sums over the skills of parts that depend on the skill's rating alone, so a
bound (careers/core/adaptive.py), a packed integer (careers/core/packed.py) or a variance across
completions (careers/core/likely.py) is a sum of per-skill parts; TrackLadder.parts gives them,
TrackLadder.band reads their totals, and nothing outside this module knows what a measure means.
The skill-fit weights live here too (scoring.py states that formula).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import ceil, lcm
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careers.core.scoring import Catalog, TrackSpec

TOP = 4  # the scale's highest rating
BANDS = range(3)  # L4, L5-L6, L7+
BAND_RATING = (2, 3, 4)  # what a band asks of a core skill: Working, Proficient, Expert
IMPLIED_SHARE = 0.8  # of its skills, what a track with no specialisms asks at each band


def meets(rating: int, asked: int) -> int:
    """A core skill's credit toward a band: 1 when the rating reaches what the band asks."""
    return 1 if asked and rating >= asked else 0


def level(depth: int, scope: int | None) -> int:
    """The band stated: depth, capped by scope."""
    return depth if scope is None else min(scope, depth)


@dataclass(frozen=True)
class Core:
    """A specialism as the ladder reads it: per skill the rating each band asks of it, and per
    band how many of its skills it asks at that rating."""

    slug: str
    name: str
    required: tuple[tuple[str, tuple[int, int, int]], ...]
    asks: tuple[int, int, int]


@dataclass(frozen=True)
class TrackLadder:
    """One track's tables: the skill-fit weights and the level's measures."""

    slug: str
    weights: Mapping[str, tuple[int, int]]  # skill → (w²·rel, target = max(1, r_L7+))
    whole: int  # Σ weight·target: skill_fit's denominator
    cores: tuple[Core, ...]
    parts: Mapping[str, tuple[tuple[int, ...], ...]]  # skill → per rating, its part of each measure

    @property
    def size(self) -> int:
        """How many measures: the credit of each specialism at each band."""
        return 3 * len(self.cores)

    def measures(self, ratings: Mapping[str, int]) -> list[int]:
        """The measures' totals for full ratings (a skill left out counts 0)."""
        totals = [0] * self.size
        for skill, per_rating in self.parts.items():
            part = per_rating[ratings.get(skill, 0)]
            totals = [t + p for t, p in zip(totals, part, strict=True)]
        return totals

    def depths(self, totals: Sequence[int]) -> list[int]:
        """Per specialism, the band its credit reaches."""
        found = []
        for k, core in enumerate(self.cores):
            band = 0
            while band < 3 and totals[3 * k + band] >= core.asks[band]:
                band += 1
            found.append(band)
        return found

    def depth(self, totals: Sequence[int]) -> int:
        return max(self.depths(totals), default=0)

    def closest(self, totals: Sequence[int]) -> int:
        """The specialism the person is closest to: the deepest, then the one whose core they
        have most credit in across the bands for its size, then catalog order (an index)."""
        depths = self.depths(totals)

        def held(k: int) -> float:
            return sum(totals[3 * k : 3 * k + 3]) / len(self.cores[k].required)

        return min(range(len(self.cores)), key=lambda k: (-depths[k], -held(k)))

    def share(self, totals: Sequence[int], k: int, band: int) -> float:
        """The share of what a band asks that the specialism's credit meets (at most 1)."""
        asked = self.cores[k].asks[band]
        return min(1.0, totals[3 * k + band] / asked) if asked else 1.0

    def shares(self, totals: Sequence[int], k: int) -> tuple[float, float, float]:
        """Per band, specialism k's share of what it asks (the page shows the closest's)."""
        return tuple(self.share(totals, k, band) for band in BANDS)

    def entry(self, totals: Sequence[int]) -> float:
        """The best entry-band share: tied fits rank by it (the track one could start in)."""
        return max((self.share(totals, k, 0) for k in range(len(self.cores))), default=0.0)

    def band(self, totals: Sequence[int], scope: int | None) -> int:
        return level(self.depth(totals), scope)

    def band_weight(self, skill: str, rating: int, band: int) -> float:
        """The skill's share of the band's measures at a rating: how much its answer moves
        them (the quick quiz asks what could move an open level most)."""
        per_rating = self.parts.get(skill)
        if per_rating is None:
            return 0.0
        part = per_rating[rating]
        return sum(
            part[3 * k + band] / core.asks[band]
            for k, core in enumerate(self.cores)
            if core.asks[band]
        )


@dataclass(frozen=True)
class Ladder:
    """Every track's tables, and the standing questions' bands."""

    tracks: Mapping[str, TrackLadder]
    standing: Mapping[str, Mapping[str, int]]  # question → option value → band

    def __getitem__(self, track: str) -> TrackLadder:
        return self.tracks[track]

    def scope(self, preferences: Mapping[str, str]) -> int | None:
        """The lowest band of the standing options chosen, or None when none is answered."""
        bands = self.standing
        chosen = [bands[q][v] for q, v in preferences.items() if q in bands and v in bands[q]]
        return min(chosen) if chosen else None


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
    standing = {
        # an option an editor left without a cap caps nothing
        q.slug: MappingProxyType({o.value: o.band for o in q.options if o.band})
        for q in catalog.preferences
        if any(o.band for o in q.options)
    }
    tracks = {}
    for track in catalog.tracks:
        cores = tuple(
            Core(s.slug, s.name, tuple((skill, BAND_RATING) for skill in s.skills), s.asks)
            for s in catalog.specialisms
            if s.track == track.slug and s.skills  # one with no core yet judges no one
        )
        tracks[track.slug] = track_ladder(track, rel, cores or (implied_core(track),))
    return Ladder(MappingProxyType(tracks), MappingProxyType(standing))


def implied_core(track: TrackSpec) -> Core:
    """A track with no specialisms: one of every skill it requires, as the track asks it."""
    required = tuple((r.skill, r.required) for r in track.requirements)
    asks = tuple(
        ceil(IMPLIED_SHARE * sum(1 for r in track.requirements if r.required[b])) for b in BANDS
    )
    return Core(track.slug, track.name, required, asks)


def track_ladder(track: TrackSpec, rel: Mapping[str, int], cores: tuple[Core, ...]) -> TrackLadder:
    weights = {r.skill: (r.importance**2 * rel[r.skill], r.required[2] or 1)
               for r in track.requirements}  # fmt: skip
    asked = [dict(core.required) for core in cores]
    skills = dict.fromkeys(skill for core in asked for skill in core)
    parts = {
        skill: tuple(
            tuple(meets(rating, core.get(skill, (0, 0, 0))[b]) for core in asked for b in BANDS)
            for rating in range(TOP + 1)
        )
        for skill in skills
    }
    return TrackLadder(
        track.slug,
        MappingProxyType(weights),
        sum(w * target for w, target in weights.values()),
        cores,
        MappingProxyType(parts),
    )
