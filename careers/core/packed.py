"""A verdict in table lookups: what score() decides (each track's fit, the ranking, both fit,
each track's level, neither yet) for one full set of ratings, without score()'s explanations.

The quick quiz's person model scores 128 completions of a person's answers after every answer
(careers/core/likely.py). score() builds fractions, gaps and sentences for each; what the stop
rule needs of a completion is a handful of sums. Every one of them is a sum of per-skill parts
that depend on the skill's rating alone:
  x(t)·D_t, with D_t = 8·whole_t·Q (Q the preference shares' common denominator), an integer:
    700·Q·weight·min(p, target) per skill, plus 100·whole_t·Q·share per preference question;
  the level's measures (careers/core/ladder.py: each specialism's credit per band);
  and per standing question (scope, years) the chosen option's band + 1, 0 while open.
So the tables hold, per skill and rating, all of those parts at once, packed into one integer
(each sum in its own bit field, wide enough that no field carries into the next): scoring a
completion is one sum of 60 integers, then a few shifts. Exact — integers throughout, and
floats only where score() compares floats — so the verdict is score()'s
(tests/test_scoring.py compares the two on random answers). Built once per catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from math import lcm

from careers.core.ladder import TOP
from careers.core.scoring import (
    BOTH_FIT_MARGIN,
    NEITHER_FIT,
    Answers,
    Catalog,
    preference_shares,
)


@dataclass(frozen=True)
class Scored:
    """What score() would decide for one set of ratings: the tracks ranked as it ranks them,
    their fits and levels, and the verdict's kind (as careers/core/verdict.py names it)."""

    ranked: tuple[str, ...]
    fits: Mapping[str, int]
    bands: Mapping[str, int]
    margin: int
    both_fit: bool
    neither: bool

    @property
    def ahead(self) -> str:
        return self.ranked[0]

    def lead(self, track: str) -> int:
        """How far the track is ahead of the best other (negative: behind)."""
        return self.fits[track] - max(f for t, f in self.fits.items() if t != track)


class Packed:
    """Per skill and rating, every part of the verdict's sums, packed into one integer."""

    def __init__(self, catalog: Catalog, both_fit_margin: int = BOTH_FIT_MARGIN):
        self.catalog = catalog
        self.margin = both_fit_margin
        self.tracks = [t.slug for t in catalog.tracks]
        self.ladder = catalog.ladder
        # per track: x·D, then the level's measures (careers/core/ladder.py); after them, per
        # standing question its answer's band + 1 (0: open)
        self.sizes = [1 + self.ladder[t].size for t in self.tracks]
        self.starts = [sum(self.sizes[:i]) for i in range(len(self.tracks))]
        self.standing = list(self.ladder.standing)
        self._denominators()
        self._fields()
        self.skills = {s.slug: self._skill_row(s.slug) for s in catalog.skills}
        self._preference_tables()

    def _denominators(self) -> None:
        """Per track: the skill weights' whole, and Q, the preference shares' denominators'
        least common multiple (even, so that neutral ½ is a whole number of parts)."""
        self.whole = {t: self.ladder[t].whole for t in self.tracks}
        shares = [
            share
            for value in self._outcomes()
            for t in self.tracks
            for share in preference_shares(self.catalog, Answers({}, value), t).values()
        ]
        self.q = lcm(2, *(s.denominator for s in shares))

    def _outcomes(self) -> list[dict[str, str]]:
        """One answer set per option of every question (and none: all open)."""
        return [{}] + [{q.slug: o.value} for q in self.catalog.preferences for o in q.options]

    def _fields(self) -> None:
        """Each sum's bit field: wide enough for its largest total (plus a spare bit)."""
        widths = []
        for t in self.tracks:
            most_x = 8 * max(self.whole[t], 1) * self.q * 100
            tables = self.ladder[t]
            # a measure's largest total: every skill at the top of the scale
            most = tables.measures(dict.fromkeys(tables.parts, TOP))
            widths += [most_x.bit_length() + 2]
            widths += [m.bit_length() + 2 for m in most]
        widths += [4] * len(self.standing)  # a band + 1 is at most 4
        self.offsets = [sum(widths[:i]) for i in range(len(widths))]
        self.masks = [(1 << w) - 1 for w in widths]

    def _pack(self, parts: list[int]) -> int:
        return sum(p << o for p, o in zip(parts, self.offsets, strict=True))

    def _skill_row(self, skill: str) -> tuple[int, ...]:
        """Per rating 0–4, the skill's parts of every sum, packed."""
        return tuple(self._pack(self._skill_parts(skill, p)) for p in range(TOP + 1))

    def _skill_parts(self, skill: str, rating: int) -> list[int]:
        parts = []
        for t in self.tracks:
            tables = self.ladder[t]
            weight, target = tables.weights.get(skill, (0, 1))
            parts.append(700 * self.q * weight * min(rating, target))
            measures = tables.parts.get(skill)
            parts += measures[rating] if measures else [0] * tables.size
        return parts + [0] * len(self.standing)

    def _preference_tables(self) -> None:
        """Per question and answer (None: open), its parts of x·D on every track, packed: each
        question is its own term of pref_fit. A track no question can give points to takes
        neutral ½ as its base."""
        self.preference_parts = {
            q.slug: {v: self._pack(self._preference_fields(q.slug, v))
                     for v in (None, *(o.value for o in q.options))}
            for q in self.catalog.preferences
        }  # fmt: skip
        parts = []
        for t in self.tracks:
            counting = preference_shares(self.catalog, Answers(), t)
            parts += [0 if counting else 100 * max(self.whole[t], 1) * self.q // 2]
            parts += [0] * self.ladder[t].size
        self.preference_base = self._pack(parts + [0] * len(self.standing))

    def _preference_fields(self, question: str, value: str | None) -> list[int]:
        answered = {} if value is None else {question: value}
        parts = []
        for t in self.tracks:
            share = preference_shares(self.catalog, Answers({}, answered), t).get(question, 0)
            parts += [100 * max(self.whole[t], 1) * int(share * self.q)]
            parts += [0] * self.ladder[t].size
        bands = self.ladder.standing.get(question, {})
        return parts + [
            bands[value] + 1 if slug == question and value in bands else 0 for slug in self.standing
        ]

    def preferences(self, given: Mapping[str, str]) -> int:
        """The preference answers' parts (an open question neutral, as score() counts it)."""
        return self.preference_base + sum(
            self.preference_parts[q.slug][given.get(q.slug)] for q in self.catalog.preferences
        )

    def total(self, ratings: Mapping[str, int], preferences: int) -> int:
        """Every sum at once: each skill's packed parts (a skill left out counts 0)."""
        skills = self.skills
        return preferences + sum(skills[s][ratings.get(s, 0)] for s in skills)

    def scored(self, total: int) -> Scored:
        """The verdict's facts from the packed sums."""
        fits, bands, entry = {}, {}, {}
        scope = self._scope(total)
        for i, t in enumerate(self.tracks):
            start = self.starts[i]
            fields = [(total >> self.offsets[f]) & self.masks[f]
                      for f in range(start, start + self.sizes[i])]  # fmt: skip
            denominator = 8 * max(self.whole[t], 1) * self.q
            fits[t] = (2 * fields[0] + denominator) // (2 * denominator)
            tables = self.ladder[t]
            measures = fields[1:]
            bands[t] = tables.band(measures, scope)
            entry[t] = tables.entry(measures)
        # as score() ranks: by fit, then the entry band's depth, then catalog order
        order = sorted(enumerate(self.tracks), key=lambda it: (-fits[it[1]], -entry[it[1]], it[0]))
        ranked = tuple(t for _, t in order)
        margin = fits[ranked[0]] - fits[ranked[1]]
        neither = all(b == 0 for b in bands.values()) and fits[ranked[0]] < NEITHER_FIT
        return Scored(ranked, fits, bands, margin, margin < self.margin, neither)

    def _scope(self, total: int) -> int | None:
        """The lowest band of the standing answers in the sums (None: none answered)."""
        first = sum(self.sizes)
        chosen = [
            field - 1
            for i in range(len(self.standing))
            if (field := (total >> self.offsets[first + i]) & self.masks[first + i])
        ]
        return min(chosen) if chosen else None

    def score(self, answers: Answers) -> Scored:
        """The verdict's facts for answers (a skill left out counts 0)."""
        return self.scored(self.total(answers.skills, self.preferences(answers.preferences)))
