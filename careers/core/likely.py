"""How likely today's verdict is to hold: the quick quiz's "sure enough" stop.

A settled verdict (careers/core/adaptive.py) is one no answer could change. Reaching it takes
about 35 questions, because every one of the 60 skills could still swing the margin by up to
4 points. Most of those swings are implausible for the person answering: someone who rated
PyTorch and RAG Expert and classical statistics None is unlikely to be Expert in the twenty
LLM tools not yet asked. So the quiz also stops when today's verdict — the score of the answers
given, a skill not asked counting None — holds in nearly all plausible ways to answer the rest,
and says so ("very likely", with the share), never "settled".

Plausible answers come from a model of one person, fitted to that person's own answers alone
(no data about other people, so the calibration personas that check it were not used to make
it). A rating is a + Σ_t b_t·(importance of the skill to track t − 3)/2 + c_category + noise:
a general level, a lean toward each track's skills, a strength per category. The coefficients
have Gaussian priors (a ~ N(1.5, 1), b ~ N(0, 1), c ~ N(0, 0.7²)) and the noise sd is 0.9 of a
step, so the posterior is closed-form (Bayesian linear regression). A category screened "Not
at all" counts as rated None throughout; a screen's cap bounds the ratings drawn. SAMPLES draws
of coefficients and noise (fixed seed: the same answers always give the same chances) complete
the answers; an open preference question takes each option with equal chance.

The stop: today's verdict (track, or both fit) in ≥ SURE_TRACK of the completions, and today's
level on its track in ≥ SURE_LEVEL of those. The shares are estimates, and the quiz stops the
first time one crosses its bar, so their sampling error alone stops it early: with 64 draws the
full quiz's level agreed on 89.8 % of 1,000 benchmark sets against the 93 % claimed; with 128,
on 91.9 %, and the track was very likely two questions sooner (median 12, not 14), for about
1.5 times the CPU per question (4.5 ms against 6.7 in one run). Levels only rise with a
rating, so a completion's level is never below today's. tests/test_likely.py checks that the
shares are honest on the calibration personas with noise.

Which question next: while the track is unsure, the one whose term of the margin between the
two leading tracks varies most across the completions; then the one whose part of the next
level's measures varies most. A screen for the skill's category goes first only where the
completions make "Not at all" or "A little" likely (SCREEN_WORTH of them): then one answer stands
for the category. The exact rule screens wherever that could spare two questions, but this model
already reads a category's strength from the skills rated in it, and an answer of "Regularly"
bounds nothing, so screening that freely cost more questions than it saved: on 600 benchmark
sets, track and level took a median of 26 questions with it and 20 with this rule (the track
alone 11 and 8), with the same agreement with the full quiz (99 % of tracks, 91 % of levels).
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping
from dataclasses import dataclass
from math import floor, sqrt
from operator import mul

from careers.core.adaptive import (
    SCREEN_CAP,
    Ask,
    Kind,
    Outlook,
    QuickQuiz,
    Told,
)
from careers.core.packed import Packed, Scored
from careers.core.scoring import BOTH_FIT_MARGIN
from careers.core.verdict import Sure, Verdict, VerdictKind, verdict_from

SAMPLES = 128
SURE_TRACK = 0.95
SURE_LEVEL = 0.93
SCREEN_WORTH = 0.75
NEITHER_DOUBT = 0.05
# A track ahead by less than this (in points) is a close call: to a person "AI Engineer by 6"
# and "both fit" are the same advice, so where the completions very likely fall within it the
# verdict is "both fit, leaning …" (issue 26).
CLOSE_CALL = 2 * BOTH_FIT_MARGIN
PRIOR_LEVEL = (1.5, 1.0)  # the general level's mean and sd, in rating steps
PRIOR_LEAN = 1.0
PRIOR_CATEGORY = 0.7
NOISE = 0.9


@dataclass(frozen=True)
class Chances:
    """The verdict of the estimate, how often it holds across the completions, and what to ask
    next."""

    verdict: Verdict  # the estimate's verdict (sure: OPEN; the quiz says how sure it is)
    estimate: Mapping[str, int]  # per skill neither rated nor screened out, its estimate
    scored: Scored  # the estimate's fits and levels
    track: float  # share of completions with the verdict's kind and track
    level: float  # of those, the share at the verdict's level
    close_call: bool  # the verdict is "both", because the margin is very likely small
    next: Ask | None  # the question that could shift the shares most (None: nothing left)

    @property
    def recommended(self) -> str:
        """The track the verdict's level is on: the one it names, else the one ahead."""
        return self.verdict.track or self.scored.ahead

    @property
    def both_fit(self) -> bool:
        return self.verdict.kind is VerdictKind.BOTH

    @property
    def band(self) -> int:
        return self.scored.bands[self.recommended]

    @property
    def track_sure(self) -> bool:
        return self.track >= SURE_TRACK

    @property
    def sure(self) -> bool:
        return self.track_sure and self.level >= SURE_LEVEL


class Likely:
    """The person model's tables for one catalog and its quick quiz (build once)."""

    def __init__(self, quiz: QuickQuiz, samples: int = SAMPLES, seed: int = 12):
        self.quiz = quiz
        self.catalog = catalog = quiz.catalog
        self.tracks = [t.slug for t in catalog.tracks]
        self.category_of = {s.slug: s.category for s in catalog.skills}
        self.samples = samples
        self._model()
        self._draw(random.Random(seed))
        self.packed = Packed(catalog, quiz.margin)
        self._verdict_tables()
        self.ladder = catalog.ladder

    def _model(self) -> None:
        """Features per skill — the general level, one lean per track, one strength per
        category — and the coefficients' prior."""
        catalog = self.catalog
        categories = sorted({s.category for s in catalog.skills})
        importance = {
            t.slug: {r.skill: r.importance for r in t.requirements} for t in catalog.tracks
        }
        self.features = {
            s.slug: [1.0]
            + [(importance[t].get(s.slug, 0) - 3) / 2 for t in self.tracks]
            + [1.0 if s.category == c else 0.0 for c in categories]
            for s in catalog.skills
        }
        leans = len(self.tracks)
        self.prior_mean = [PRIOR_LEVEL[0]] + [0.0] * (leans + len(categories))
        self.prior_var = (
            [PRIOR_LEVEL[1] ** 2] + [PRIOR_LEAN**2] * leans + [PRIOR_CATEGORY**2] * len(categories)
        )
        self.used_features = {slug: [(i, w) for i, w in enumerate(f) if w]
                              for slug, f in self.features.items()}  # fmt: skip

    def _draw(self, rng: random.Random) -> None:
        """The fixed draws every completion is made of (in this order: the same seed, the same
        draws): coefficients, each skill's noise, each preference question's option."""
        samples, size = self.samples, len(self.prior_mean)
        self.theta_draws = [[rng.gauss(0, 1) for _ in range(size)] for _ in range(samples)]
        self.z_columns = [list(column) for column in zip(*self.theta_draws, strict=True)]
        self.noise_draws = {s.slug: [NOISE * rng.gauss(0, 1) for _ in range(samples)]
                            for s in self.catalog.skills}  # fmt: skip
        self.option_draws = [
            [rng.random() for _ in self.catalog.preferences] for _ in range(samples)
        ]

    def _verdict_tables(self) -> None:
        """x(track)'s parts as floats (the verdict per completion), read from the stop rule's
        exact tables once, so that working out the chances asks it nothing more."""
        quiz, catalog = self.quiz, self.catalog
        self.terms = {t: {s.slug: [float(quiz.skill_term(t, s.slug, p)) for p in range(5)]
                          for s in catalog.skills} for t in self.tracks}  # fmt: skip
        self.preference_base = {t: float(quiz.preference_base(t)) for t in self.tracks}
        self.preference_terms = {
            t: {q.slug: {o.value: float(quiz.preference_term(t, q.slug, o.value))
                         for o in q.options} for q in catalog.preferences}
            for t in self.tracks
        }  # fmt: skip
        # how much a question's answer could move the margin between two tracks
        self.preference_spread = {
            (x, y): {q.slug: _variance([float(d) for d in
                                        quiz.preference_deltas(x, y, q.slug).values()])
                     for q in catalog.preferences}
            for x in self.tracks for y in self.tracks if x != y
        }  # fmt: skip

    # --- the person model -----------------------------------------------------------------

    def known(self, told: Told) -> dict[str, int]:
        """The ratings the person gave, and None for each skill of a category screened out."""
        return dict(told.rated(self.quiz.categories).skills)

    def posterior(self, known: dict[str, int]) -> tuple[list[float], list[list[float]]]:
        """The coefficients' posterior mean and the Cholesky factor of its covariance."""
        size = len(self.prior_mean)
        precision = [[1 / self.prior_var[i] if i == j else 0.0 for j in range(size)]
                     for i in range(size)]  # fmt: skip
        rhs = [m / v for m, v in zip(self.prior_mean, self.prior_var, strict=True)]
        noise = NOISE**2
        for skill, rating in known.items():
            f = self.features[skill]
            used = [i for i in range(size) if f[i]]
            for i in used:
                rhs[i] += f[i] * rating / noise
                for j in used:
                    precision[i][j] += f[i] * f[j] / noise
        covariance = _inverse(precision)
        mean = [sum(c * r for c, r in zip(row, rhs, strict=True)) for row in covariance]
        return mean, _cholesky(covariance)

    def completions(self, told: Told, known: dict[str, int]) -> dict[str, list[int]]:
        """Per skill not yet known, its rating in each completion."""
        thetas = self._coefficients(*self.posterior(known))
        ratings = {}
        for skill in self.catalog.skills:
            if skill.slug in known:
                continue
            used = self.used_features[skill.slug]
            (first, w), rest = used[0], used[1:]
            column = [w * t for t in thetas[first]]
            for i, w in rest:
                column = [c + w * t for c, t in zip(column, thetas[i], strict=True)]
            cap = self.quiz.ceiling(told, skill.slug)
            ratings[skill.slug] = [
                min(cap, max(0, floor(c + e + 0.5)))
                for c, e in zip(column, self.noise_draws[skill.slug], strict=True)
            ]
        return ratings

    def _coefficients(self, mean: list[float], factor: list[list[float]]) -> list[list[float]]:
        """thetas[i][k]: coefficient i in completion k. Worked a coefficient at a time across all
        the completions (one list each), not a completion at a time: the same sums in the same
        order, a few times faster in Python."""
        thetas = []
        for i, row in enumerate(factor):
            total = [0.0] * self.samples
            for z, weight in zip(self.z_columns, row[: i + 1], strict=False):
                if weight:
                    total = [t + weight * v for t, v in zip(total, z, strict=True)]
            thetas.append([mean[i] + t for t in total])
        return thetas

    # --- the estimate -------------------------------------------------------------------

    def estimate(self, told: Told) -> dict[str, int]:
        """Per skill neither rated nor screened out, the rating the person model gives it from
        this person's own answers: the median (the lower, of an even count) of its completions.
        A skill of a category screened "Not at all" is known as None, so it is not here."""
        return _medians(self.completions(told, self.known(told)))

    # --- the chances ----------------------------------------------------------------------

    def chances(self, told: Told, outlook: Outlook | None = None) -> Chances:
        """The verdict of the estimate (rated skills as rated, the rest at the estimate, open
        preference questions neutral, as the page scores them) and how often it holds."""
        outlook = outlook or self.quiz.outlook(told)
        known = self.known(told)
        drawn = self.completions(told, known)
        estimate = _medians(drawn)
        preferences = self.packed.preferences(told.answers.preferences)
        facts = self.packed.scored(self.packed.total(known | estimate, preferences))
        completions = self._completions_scored(told, known, drawn)
        held = self._held(completions, facts)
        verdict = kind_of(facts, Sure.OPEN, estimate)
        if held[2]:  # a close call is a verdict of its own: both fit, leaning to the one ahead
            verdict = dataclasses.replace(verdict, kind=VerdictKind.BOTH)
        chances = Chances(verdict, estimate, facts, *held, None)
        if outlook.settled or chances.sure:
            return chances
        neither = sum(c.neither for c in completions) / len(completions)
        ask = self._next(told, drawn, chances, facts.ranked[:2], outlook, neither)
        return dataclasses.replace(chances, next=ask)

    def _held(self, completions: list[Scored], facts: Scored) -> tuple[float, float, bool]:
        """The shares of completions with the estimate's verdict, and at its level on its track;
        where the strict verdict is a track ahead by less than CLOSE_CALL and falls short of
        SURE_TRACK, the close call's ("both fit, or that track ahead by less")."""
        verdict = kind_of(facts, Sure.OPEN)
        shares = _shares(completions, verdict, facts)
        if (
            verdict.kind is VerdictKind.TRACK
            and facts.margin < CLOSE_CALL
            and shares[0] < SURE_TRACK
        ):
            close = _shares(completions, dataclasses.replace(verdict, kind=VerdictKind.BOTH), facts)
            if close[0] >= SURE_TRACK:
                return (*close, True)
        return (*shares, False)

    def _completions_scored(self, told: Told, known, drawn) -> list[Scored]:
        """Each completion's fits and levels: the packed sums of the skills known, those drawn
        and each preference answer (or, left open, the option drawn)."""
        packed = self.packed
        fixed = sum(packed.skills[s][r] for s, r in known.items())
        given = told.answers.preferences
        for question in self.catalog.preferences:
            if question.slug in given:
                fixed += packed.preference_parts[question.slug][given[question.slug]]
        totals = [fixed + packed.preference_base] * self.samples
        for skill, ratings in drawn.items():
            row = packed.skills[skill]
            totals = [t + row[r] for t, r in zip(totals, ratings, strict=True)]
        for index, question in enumerate(self.catalog.preferences):
            if question.slug in given:
                continue
            parts = [packed.preference_parts[question.slug][o.value] for o in question.options]
            totals = [t + parts[int(draw[index] * len(parts))]
                      for t, draw in zip(totals, self.option_draws, strict=True)]  # fmt: skip
        return [packed.scored(t) for t in totals]

    # --- the next question ----------------------------------------------------------------

    def _next(
        self, told, drawn, chances: Chances, leading, outlook: Outlook, neither: float
    ) -> Ask | None:
        """The question whose answer the completions leave most in doubt; a screen for its
        category first where that pays. While "neither track yet" is in doubt (in NEITHER_DOUBT
        of the completions or more, and not all but that), the question is one that decides
        entry level on the track ahead: which of two tracks leads says nothing about it."""
        if standing := self.quiz.standing_open(told):
            return standing
        in_doubt = NEITHER_DOUBT <= neither <= 1 - NEITHER_DOUBT
        if chances.track_sure or in_doubt:
            scored = self._level_doubts(drawn, chances)
        else:
            scored = self._track_doubts(told, drawn, *leading)
        scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
        if scored and scored[0][0] > 0:
            ask = scored[0][2]
        else:  # nothing varies: the exact rule's choice (or None when nothing is left)
            ask = self.quiz.next_question(told, outlook)
            if ask is None:
                return None
        if ask.kind is Kind.SKILL:
            category = self.category_of[ask.key]
            if category not in told.screens and self._screen_pays(told, drawn, category):
                return Ask(Kind.SCREEN, category)
        return ask

    def _track_doubts(self, told, drawn, first: str, second: str) -> list[tuple]:
        """Per open question, how much its term of the margin between the two leading tracks
        varies across the completions."""
        by_question = self.preference_spread[first, second]
        scored: list[tuple[float, int, Ask]] = [
            (by_question[question.slug], -index, Ask(Kind.PREFERENCE, question.slug))
            for index, question in enumerate(self.catalog.preferences)
            if question.slug not in told.answers.preferences
        ]
        for index, (skill, ratings) in enumerate(drawn.items(), len(self.catalog.preferences)):
            a, b = self.terms[first][skill], self.terms[second][skill]
            spread = _variance([a[r] - b[r] for r in ratings])
            scored.append((spread, -index, Ask(Kind.SKILL, skill)))
        return scored

    def _level_doubts(self, drawn, chances: Chances) -> list[tuple]:
        """Per skill not yet known, how much its part of the measures that decide between the
        estimate's level and the ones beside it varies: the next band's (could it rise?) and
        its own (could it fall below?)."""
        track, band = chances.recommended, chances.band
        bands = [b for b in (band - 1, band) if 0 <= b < 3]
        tables = self.ladder[track]
        scored: list[tuple[float, int, Ask]] = []
        for index, (skill, ratings) in enumerate(drawn.items()):
            if skill in tables.parts:
                weight = sum(self._band_doubt(tables, skill, ratings, b) for b in bands)
                scored.append((weight, -index, Ask(Kind.SKILL, skill)))
        return scored

    def _band_doubt(self, tables, skill: str, ratings: list[int], band: int) -> float:
        """How much one skill's part of a band's measures varies across the completions."""
        by_rating = [tables.band_weight(skill, r, band) for r in range(5)]
        return _variance([by_rating[r] for r in ratings])

    def _screen_pays(self, told: Told, drawn: dict[str, list[int]], category: str) -> bool:
        """Whether to ask about the category as a whole before its skill: where the person most
        likely answers "Not at all" or "A little" (their highest rating in it Working or less
        in SCREEN_WORTH of the completions), one answer then stands for its skills; where
        they most likely work with it regularly, the answer bounds nothing and costs a
        question."""
        unasked = [s for s in self.quiz.categories[category] if s not in told.answers.skills]
        if len(unasked) < 2:
            return False
        highest = [0] * self.samples
        for skill in self.quiz.categories[category]:
            given = told.answers.skills.get(skill)
            column = drawn[skill] if given is None else [given] * self.samples
            highest = [max(h, r) for h, r in zip(highest, column, strict=True)]
        low = sum(h <= SCREEN_CAP["little"] for h in highest)
        return low >= SCREEN_WORTH * self.samples


def next_question(likely: Likely, told: Told) -> tuple[Ask | None, Outlook, Chances]:
    """What to ask next (None: settled, or sure enough), with the outlook and the chances."""
    outlook = likely.quiz.outlook(told)
    chances = likely.chances(told, outlook)
    if outlook.settled or chances.sure:
        return None, outlook, chances
    return chances.next, outlook, chances


def run(likely: Likely, respond, told: Told | None = None) -> list[tuple[Ask, Outlook, Chances]]:
    """Ask until the verdict is settled or sure enough: each question, with the outlook and the
    chances after its answer. `respond` answers as the person would."""
    told = told or Told()
    asked = []
    ask, _, _ = next_question(likely, told)
    while ask is not None:
        told = told.with_answer(ask, respond(ask))
        following, outlook, chances = next_question(likely, told)
        asked.append((ask, outlook, chances))
        ask = following
    return asked


def _variance(values: list[float]) -> float:
    # the mean of squares less the square of the mean: one pass each, in C
    n = len(values)
    mean = sum(values) / n
    return max(0.0, sum(map(mul, values, values)) / n - mean * mean)


def _medians(drawn: Mapping[str, list[int]]) -> dict[str, int]:
    """Per skill, the lower median of its ratings across the completions."""
    return {skill: sorted(ratings)[(len(ratings) - 1) // 2] for skill, ratings in drawn.items()}


def kind_of(facts: Scored, sure: Sure, estimated=()) -> Verdict:
    """The verdict the packed facts state, by verdict.py's one rule."""
    band = facts.bands[facts.ahead]
    return verdict_from(
        facts.neither, facts.both_fit, facts.margin, facts.ahead, band, sure, estimated
    )


def holds(verdict: Verdict, facts: Scored) -> bool:
    """Whether a completion states the verdict: neither for neither, the same track ahead
    (and not both fitting) for a track; for both fit, both fit or the track it leans to ahead
    by less than CLOSE_CALL (either track, when it leans to none) — one verdict, one advice."""
    if verdict.kind is VerdictKind.NEITHER or facts.neither:
        return verdict.kind is VerdictKind.NEITHER and facts.neither
    if verdict.kind is VerdictKind.TRACK:
        return not facts.both_fit and facts.ahead == verdict.track
    if facts.both_fit:
        return True
    return facts.margin < CLOSE_CALL and verdict.track in (None, facts.ahead)


def _shares(completions: list[Scored], verdict: Verdict, facts: Scored) -> tuple[float, float]:
    """The share of completions stating the verdict, and of those, at its level on its track."""
    track = verdict.track or facts.ahead
    band = facts.bands[track]
    held = [c for c in completions if holds(verdict, c)]
    level = sum(c.bands[track] == band for c in held) / len(held) if held else 0.0
    return len(held) / len(completions), level


def _cholesky(matrix: list[list[float]]) -> list[list[float]]:
    size = len(matrix)
    lower = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1):
            s = matrix[i][j] - sum(lower[i][k] * lower[j][k] for k in range(j))
            lower[i][j] = sqrt(max(s, 1e-12)) if i == j else s / lower[j][j]
    return lower


def _inverse(matrix: list[list[float]]) -> list[list[float]]:
    """The inverse of a symmetric positive-definite matrix (Gauss–Jordan; small sizes)."""
    size = len(matrix)
    work = [row[:] + [1.0 if i == j else 0.0 for j in range(size)] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(work[r][col]))
        work[col], work[pivot] = work[pivot], work[col]
        p = work[col][col]
        work[col] = [v / p for v in work[col]]
        for r in range(size):
            if r != col and work[r][col]:
                factor = work[r][col]
                work[r] = [a - factor * b for a, b in zip(work[r], work[col], strict=True)]
    return [row[size:] for row in work]
