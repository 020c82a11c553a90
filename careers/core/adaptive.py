"""The quick quiz: which question to ask next, and when the verdict is settled.

A verdict is the recommended track, or "both fit" (fits closer than both_fit_margin), and the
level on it (careers/core/scoring.py). It is *settled* when no answers to the questions not yet
asked could change it. Pure Python, like the scoring it follows.

Track. Fit is a sum of per-skill terms plus the preferences' term, so the margin before rounding,
D(X, Y) = x(X) − x(Y) with fit = round-half-up(x), is Σ_s d_s(p_s) + ΔP. Each unasked skill takes
its rating on its own and each preference question its answer, or none (the quiz may stop with
it open, and scoring counts an open one neutral), so the extremes of D over every way of
answering the rest are the sums of each question's extreme terms. Exact, in fractions.
Rounding each fit puts the margin at ⌊D⌋ or ⌈D⌉, so with m = both_fit_margin:
  X is settled ahead of every Y when ⌊min D(X, Y)⌋ ≥ m;
  two tracks are settled as both fitting when ⌊min D⌋ > −m and ⌈max D⌉ < m.
(With more than two tracks, only a clear lead settles.)

Level. Depth only rises with a rating (careers/core/ladder.py), so a track's depth ranges from
every unasked skill at its lowest to each at its highest; the level is depth under each scope
the standing questions could still give (or none, left open), so it ranges from the lowest of
those at the lowest depth to the highest at the highest. It is settled when the two are the
same, on every track the verdict could still recommend. The standing questions (scope, years)
are asked first, as the full questionnaire asks them.

Neither. "Neither track yet" (every track below L4 and even the best fit under NEITHER_FIT)
is part of the verdict too: it is settled when some track's lowest band is above L4's, or some
track's lowest fit rounds to NEITHER_FIT or more (never neither), or every track's highest band
is below L4 and every highest fit rounds below it (always neither).

Screening. One question per category ("How much have you worked with …?") bounds the skills of
it not yet asked: "Not at all" fixes them at None, "A little" caps them at Working. A skill
asked afterwards keeps the rating given. A screen is asked before the first skill of its
category, and only where it could spare at least two questions.

Which question next: while the track is open, the one whose answers could move D(leader,
runner-up) the most; then the one that could move the open levels the most. Ties go to catalog
order. The choice is a heuristic; the stop rule does not depend on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from math import ceil, floor
from types import MappingProxyType

from careers.core.ladder import BANDS, TOP, level
from careers.core.scoring import (
    BOTH_FIT_MARGIN,
    HALF,
    NEITHER_FIT,
    SKILL_SHARE,
    Answers,
    Catalog,
    TrackSpec,
    known_answers,
    preference_shares,
    score,
)

SKILL_POINTS = 100 * SKILL_SHARE
PREFERENCE_POINTS = 100 * (1 - SKILL_SHARE)
# value, label, the highest rating it leaves the category's unasked skills
SCREEN_CHOICES = (
    ("none", "Not at all", 0),
    ("little", "A little, here and there", 2),
    ("lots", "Regularly, as part of my work", TOP),
)
SCREEN_CAP = {value: cap for value, _, cap in SCREEN_CHOICES}


def screen_text(category: str) -> str:
    """The screening question for a category (by its name)."""
    return f"How much have you worked with {category}?"


class Kind(StrEnum):
    """What a question asks about: a skill's rating, a preference, or a category as a whole."""

    SKILL = "skill"
    PREFERENCE = "preference"
    SCREEN = "screen"


@dataclass(frozen=True)
class Ask:
    """A question: of kind SCREEN (key: a category), SKILL (a skill's slug) or PREFERENCE (a
    preference question's slug). Its name, "skill:pytorch", is how forms and sessions say it."""

    kind: Kind
    key: str

    def __post_init__(self) -> None:
        if not isinstance(self.kind, Kind):  # text from a form or a test: the enum's, or refused
            object.__setattr__(self, "kind", Kind(self.kind))

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.key}"

    @classmethod
    def from_name(cls, name: str) -> Ask:
        """The question a name says; ValueError for a kind that is none of the enum's."""
        kind, _, key = name.partition(":")
        return cls(Kind(kind), key)


@dataclass(frozen=True)
class Told:
    """What the person has said so far: ratings, preferences and screening answers. The one
    shape a quiz's answers have from the person's session to the scorer (which reads .answers)."""

    answers: Answers = field(default_factory=Answers)
    screens: Mapping[str, str] = field(default_factory=dict)  # category → SCREEN_CHOICES value

    def __post_init__(self) -> None:
        if bad := set(self.screens.values()) - SCREEN_CAP.keys():
            raise ValueError(f"unknown screening answers: {sorted(bad)}")
        object.__setattr__(self, "screens", MappingProxyType(dict(self.screens)))

    def of(self, kind: Kind) -> Mapping[str, int | str]:
        """The answers of one kind."""
        if kind is Kind.SKILL:
            return self.answers.skills
        return self.answers.preferences if kind is Kind.PREFERENCE else self.screens

    def with_answer(self, ask: Ask, value: int | str) -> Told:
        given = {kind: dict(self.of(kind)) for kind in Kind}
        given[ask.kind][ask.key] = value
        answers = Answers(given[Kind.SKILL], given[Kind.PREFERENCE])
        return Told(answers, given[Kind.SCREEN])

    def known_to(self, catalog: Catalog) -> Told:
        """The answers this catalog can score: a skill, option or category an editor removed
        mid-quiz drops out."""
        categories = {skill.category for skill in catalog.skills}
        screens = {slug: value for slug, value in self.screens.items() if slug in categories}
        return Told(known_answers(catalog, self.answers), screens)

    def rated(self, categories: Mapping[str, tuple[str, ...]]) -> Answers:
        """The ratings given, and None for every skill of a category the person said they have
        not worked with at all (they told us); categories: category → its skills' slugs."""
        skills = dict(self.answers.skills)
        for category, value in self.screens.items():
            if value == "none":
                for skill in categories.get(category, ()):
                    skills.setdefault(skill, 0)
        return Answers(skills, self.answers.preferences)


@dataclass(frozen=True)
class Outlook:
    """Where the verdict stands: what it is now and what the open questions could make it."""

    leader: str  # ahead on the answers so far (by the middle of each track's fit range)
    runner_up: str
    margin_range: tuple[Fraction, Fraction]  # D(leader, runner_up) over every way to go on
    recommended: str | None  # settled clearly ahead
    both_fit: bool  # settled as both fitting
    bands: Mapping[str, tuple[int, int]]  # track → the lowest and highest band it could take
    level_settled: bool
    open: tuple[Ask, ...]  # what could still change the verdict, the most first
    neither_settled: bool = True  # "neither track yet" holds, or fails, however the rest go

    @property
    def track_settled(self) -> bool:
        return self.recommended is not None or self.both_fit

    @property
    def settled(self) -> bool:
        return self.track_settled and self.level_settled and self.neither_settled


class QuickQuiz:
    """The stop rule and the next question for one catalog (build once, ask many times)."""

    def __init__(self, catalog: Catalog, both_fit_margin: int = BOTH_FIT_MARGIN):
        self.catalog = catalog
        self.margin = both_fit_margin
        self.tracks = {t.slug: t for t in catalog.tracks}
        self.ladder = catalog.ladder
        self._preference_terms = {t.slug: self._preference_table(t.slug) for t in catalog.tracks}
        # Asked before every question: each skill's part of x per rating, each pair's d_s per
        # rating and its extremes below each ceiling, each band's totals (built once).
        self._terms = {
            t: {s.slug: tuple(self._term(t, s.slug, p) for p in range(TOP + 1))
                for s in catalog.skills}
            for t in self.tracks
        }  # fmt: skip
        self._pairs: dict[tuple[str, str], dict[str, tuple]] = {}
        self.categories: dict[str, tuple[str, ...]] = {}
        for skill in catalog.skills:
            self.categories[skill.category] = (*self.categories.get(skill.category, ()), skill.slug)

    # --- bounds ---------------------------------------------------------------------------------

    def ceiling(self, told: Told, skill: str) -> int:
        """The highest rating an unasked skill could still take."""
        screen = told.screens.get(self.catalog.skill(skill).category)
        return TOP if screen is None else SCREEN_CAP[screen]

    def unasked(self, told: Told) -> list[str]:
        return [s.slug for s in self.catalog.skills if s.slug not in told.answers.skills]

    def skill_term(self, track: str, skill: str, rating: int) -> Fraction:
        """x(track)'s part from one skill's rating."""
        return self._terms[track][skill][rating]

    def _term(self, track: str, skill: str, rating: int) -> Fraction:
        tables = self.ladder[track]
        whole = tables.whole
        if not whole or skill not in tables.weights:
            return Fraction(0)
        weight, target = tables.weights[skill]
        return SKILL_POINTS * Fraction(weight * min(rating, target), whole)

    def skill_extremes(self, x: str, y: str, skill: str, ceiling: int) -> tuple[Fraction, Fraction]:
        """The lowest and highest d_s for a rating from 0 up to the ceiling."""
        return self._pair(x, y)[skill][1][ceiling]

    def _pair(self, x: str, y: str) -> dict[str, tuple]:
        """Per skill: d_s for each rating, and (min, max) of d_s up to each ceiling."""
        if (x, y) not in self._pairs:
            table = {}
            for skill in self.catalog.skills:
                d = tuple(
                    a - b
                    for a, b in zip(
                        self._terms[x][skill.slug], self._terms[y][skill.slug], strict=True
                    )
                )
                table[skill.slug] = (d, tuple((min(d[: c + 1]), max(d[: c + 1]))
                                              for c in range(TOP + 1)))  # fmt: skip
            self._pairs[x, y] = table
        return self._pairs[x, y]

    def preference_term(self, track: str, question: str, value: str | None) -> Fraction:
        """x(track)'s part from one preference question's answer (None: not yet answered)."""
        return self._preference_terms[track][question][value]

    def _preference_table(self, track: str) -> dict[str, dict[str | None, Fraction]]:
        """Per question and answer (None: open), its part of x(track), as scoring counts it."""
        table = {}
        for question in self.catalog.preferences:
            table[question.slug] = {}
            for value in (None, *(o.value for o in question.options)):
                answered = {} if value is None else {question.slug: value}
                shares = preference_shares(self.catalog, Answers({}, answered), track)
                table[question.slug][value] = PREFERENCE_POINTS * shares.get(question.slug, 0)
        return table

    def preference_range(self, told: Told, x: str, y: str) -> tuple[Fraction, Fraction]:
        """The extremes of ΔP(x, y) over every way to answer the open preference questions:
        each question is its own term, so the sums of each one's extremes."""
        base = self.preference_base(x) - self.preference_base(y)
        return self._preference_bounds(told, base, lambda q: self._preference_outcomes(x, y, q))

    def _preference_bounds(self, told: Told, base: Fraction, terms) -> tuple[Fraction, Fraction]:
        """base plus each question's term: the answer's if given, else its extremes. `terms`
        gives a question's term per outcome: each answer, and None for left open."""
        low = high = base
        given = told.answers.preferences
        for question in self.catalog.preferences:
            values = terms(question.slug)
            if question.slug in given:
                low, high = low + values[given[question.slug]], high + values[given[question.slug]]
            else:
                low, high = low + min(values.values()), high + max(values.values())
        return low, high

    def _preference_outcomes(self, x: str, y: str, question: str) -> dict[str | None, Fraction]:
        """Per outcome of the question, its term of ΔP(x, y). Left open is an outcome: the quiz
        stops with questions unasked and the result counts them neutral, and neutral is outside
        the answers' range where every option gives a track more (or less) than half its
        points, as with a question of one option."""
        terms_y = self._preference_terms[y][question]
        return {v: t - terms_y[v] for v, t in self._preference_terms[x][question].items()}

    def preference_base(self, track: str) -> Fraction:
        """x(track)'s preference part when no question can give it points (½, neutral)."""
        counts = any(self._preference_terms[track][q.slug][None] for q in self.catalog.preferences)
        return Fraction(0) if counts else PREFERENCE_POINTS / 2

    def preference_deltas(self, x: str, y: str, question: str) -> dict[str, Fraction]:
        """Per answer to the question, its term of ΔP(x, y)."""
        outcomes = self._preference_outcomes(x, y, question)
        return {v: d for v, d in outcomes.items() if v is not None}

    def margin_range(self, told: Told, x: str, y: str) -> tuple[Fraction, Fraction]:
        """The extremes of D(x, y) over every way to answer the questions not yet asked."""
        low, high = self.preference_range(told, x, y)
        for skill, rating in told.answers.skills.items():
            fixed = self.skill_term(x, skill, rating) - self.skill_term(y, skill, rating)
            low, high = low + fixed, high + fixed
        for skill in self.unasked(told):
            least, most = self.skill_extremes(x, y, skill, self.ceiling(told, skill))
            low, high = low + least, high + most
        return low, high

    def fit_range(self, told: Told, track: str) -> tuple[Fraction, Fraction]:
        """The extremes of x(track) alone (for ranking the tracks while nothing is settled)."""
        low, high = self._preference_bounds(
            told, self.preference_base(track), lambda q: self._preference_terms[track][q]
        )
        for skill, rating in told.answers.skills.items():
            term = self.skill_term(track, skill, rating)
            low, high = low + term, high + term
        for skill in self.unasked(told):
            high += self.skill_term(track, skill, self.ceiling(told, skill))
        return low, high

    def band_range(self, told: Told, track: TrackSpec) -> tuple[int, int]:
        """The lowest and the highest band the track's level could still take."""
        given = told.answers.skills
        low = {s.slug: given.get(s.slug, 0) for s in self.catalog.skills}
        high = {s.slug: given.get(s.slug, self.ceiling(told, s.slug)) for s in self.catalog.skills}
        tables = self.ladder[track.slug]
        scopes = self._scopes(told)
        low_depth, high_depth = (tables.depth(tables.measures(r)) for r in (low, high))
        return (
            min(level(low_depth, scope) for scope in scopes),
            max(level(high_depth, scope) for scope in scopes),
        )

    def _scopes(self, told: Told) -> set[int | None]:
        """Every scope the standing questions could still give: each open one answered any
        way, or left open (the level rises with depth whatever the scope)."""
        given = told.answers.preferences
        standing = self.ladder.standing
        outcomes: list[dict[str, str]] = [{}]
        for question, bands in standing.items():
            values = [given[question]] if question in given else [None, *bands]
            outcomes = [o | ({question: v} if v else {}) for o in outcomes for v in values]
        return {self.ladder.scope(outcome) for outcome in outcomes}

    # --- the verdict --------------------------------------------------------------------------

    def outlook(self, told: Told) -> Outlook:
        fits = {t: self.fit_range(told, t) for t in self.tracks}
        order = sorted(self.tracks, key=lambda t: -sum(fits[t]))  # stable: catalog order first
        leader, runner_up = order[0], order[1]
        recommended = self._clearly_ahead(told, order)
        low, high = self.margin_range(told, leader, runner_up)
        both_fit = recommended is None and self._both_settled(order, low, high)
        bands = {slug: self.band_range(told, track) for slug, track in self.tracks.items()}
        could_lead = [recommended] if recommended else order[:2] if both_fit else order
        level_settled = all(bands[t][0] == bands[t][1] for t in could_lead)
        track_settled = recommended is not None or both_fit
        neither_settled = self._neither_settled(bands, fits)
        if self._nothing_left(told):
            # Nothing left to ask: the verdict is whatever the answers score (rounding included).
            track_settled = level_settled = neither_settled = True
        opened = self._open(told, leader, runner_up, track_settled, bands, could_lead)
        if track_settled and level_settled and not neither_settled:
            opened = self._fit_open(told)
        if track_settled and not (recommended or both_fit):
            recommended, both_fit = self._scored_verdict(told)
        return Outlook(
            leader,
            runner_up,
            (low, high),
            recommended,
            both_fit,
            MappingProxyType(bands),
            level_settled,
            opened,
            neither_settled,
        )

    def _neither_settled(self, bands: Mapping[str, tuple], fits: Mapping[str, tuple]) -> bool:
        """Whether "neither track yet" holds, or fails, however the rest are answered (bands
        and fits: each track's lowest and highest)."""
        if any(low > 0 for low, _ in bands.values()):
            return True  # a track at L4 or above whatever comes: never neither
        if any(floor(low + HALF) >= NEITHER_FIT for low, _ in fits.values()):
            return True  # a fit high enough whatever comes: never neither
        return all(high == 0 for _, high in bands.values()) and all(
            floor(high + HALF) < NEITHER_FIT for _, high in fits.values()
        )  # always neither, or still open

    def _fit_open(self, told: Told) -> tuple[Ask, ...]:
        """Only "neither" is open: the skills that could raise a fit most, the most first."""
        scored = []
        for index, skill in enumerate(self.unasked(told)):
            ceiling = self.ceiling(told, skill)
            reach = max(self.skill_term(t, skill, ceiling) for t in self.tracks)
            scored.append((reach, index, Ask(Kind.SKILL, skill)))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return tuple(ask for weight, _, ask in scored if weight > 0)

    def _clearly_ahead(self, told: Told, order: list[str]) -> str | None:
        """The track settled ahead of every other, if any (the first in order)."""
        return next(
            (x for x in order
             if all(floor(self.margin_range(told, x, y)[0]) >= self.margin
                    for y in order if y != x)),
            None,
        )  # fmt: skip

    def _both_settled(self, order: list[str], low: Fraction, high: Fraction) -> bool:
        """Two tracks, settled as both fitting: the margin stays within the both-fit band."""
        return len(order) == 2 and floor(low) > -self.margin and ceil(high) < self.margin

    def _nothing_left(self, told: Told) -> bool:
        answered = len(told.answers.preferences) == len(self.catalog.preferences)
        return answered and not self.unasked(told)

    def _scored_verdict(self, told: Told) -> tuple[str | None, bool]:
        result = score(self.catalog, told.answers, self.margin)
        return (None if result.both_fit else result.recommended), result.both_fit

    # --- what could still change it -------------------------------------------------------

    def _open(
        self, told: Told, leader: str, runner_up: str, track_settled: bool, bands, could_lead
    ) -> tuple[Ask, ...]:
        scored: list[tuple[Fraction, int, Ask]] = []
        skills = self.unasked(told)
        if not track_settled:
            for index, question in enumerate(self.catalog.preferences):
                if question.slug not in told.answers.preferences:
                    swing = self._preference_swing(told, leader, runner_up, question.slug)
                    scored.append((swing, index, Ask(Kind.PREFERENCE, question.slug)))
            for index, skill in enumerate(skills, len(self.catalog.preferences)):
                ceiling = self.ceiling(told, skill)
                least, most = self.skill_extremes(leader, runner_up, skill, ceiling)
                scored.append((most - least, index, Ask(Kind.SKILL, skill)))
        else:
            for index, skill in enumerate(skills):
                effect = sum(
                    self._level_effect(told, self.tracks[t], skill, *bands[t]) for t in could_lead
                )
                scored.append((effect, index, Ask(Kind.SKILL, skill)))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return tuple(ask for weight, _, ask in scored if weight > 0)

    def _preference_swing(self, told: Told, x: str, y: str, question: str) -> Fraction:
        """How far this question's answer could move ΔP(x, y) (from open to any answer too)."""
        deltas = self._preference_outcomes(x, y, question).values()
        # A question whose options all move ΔP alike still narrows its range: never weigh 0.
        return max(deltas) - min(deltas) or Fraction(1, 1000)

    def _level_effect(self, told: Told, track: TrackSpec, skill: str, low: int, high: int):
        """The share of the open bands' measures one skill's answer could move."""
        cap = self.ceiling(told, skill)
        tables = self.ladder[track.slug]
        return sum(tables.band_weight(skill, cap, band) for band in BANDS[low:high])

    # --- the next question ----------------------------------------------------------------

    def next_question(self, told: Told, outlook: Outlook | None = None) -> Ask | None:
        """What to ask next, or None when the verdict is settled."""
        outlook = outlook or self.outlook(told)
        if outlook.settled:
            return None
        if standing := self.standing_open(told):
            return standing
        # Nothing moves the leading pair any more, yet a third track or the rounding still
        # could: go on in catalog order (what is left is then answered in full).
        ask = outlook.open[0] if outlook.open else self._first_unasked(told)
        if ask.kind is Kind.SKILL:
            category = self.catalog.skill(ask.key).category
            unasked_here = [s for s in self.categories[category] if s not in told.answers.skills]
            if category not in told.screens and len(unasked_here) >= 2:
                return Ask(Kind.SCREEN, category)
        return ask

    def standing_open(self, told: Told) -> Ask | None:
        """The first standing question (scope, years) not yet answered: asked before anything
        else, as the full questionnaire asks them, since they decide the level with depth."""
        for question in self.ladder.standing:
            if question not in told.answers.preferences:
                return Ask(Kind.PREFERENCE, question)
        return None

    def _first_unasked(self, told: Told) -> Ask:
        for question in self.catalog.preferences:
            if question.slug not in told.answers.preferences:
                return Ask(Kind.PREFERENCE, question.slug)
        return Ask(Kind.SKILL, self.unasked(told)[0])


def run(
    quiz: QuickQuiz, respond: Callable[[Ask], int | str], told: Told | None = None
) -> list[tuple[Ask, Outlook]]:
    """Ask until the verdict is settled: each question asked, with the outlook after its answer.
    `respond` answers as the person would."""
    told = told or Told()
    asked = []
    outlook = quiz.outlook(told)
    while (ask := quiz.next_question(told, outlook)) is not None:
        told = told.with_answer(ask, respond(ask))
        outlook = quiz.outlook(told)
        asked.append((ask, outlook))
    return asked
