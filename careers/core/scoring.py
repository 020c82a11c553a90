"""The scoring engine: quiz answers against the catalog give fit, level, gaps and reasons.

Pure Python — no Django, no database — so the views only translate rows into these frozen
dataclasses and the formulas can be tested exhaustively. Arithmetic is exact (fractions, or
integers over one denominator where a Fraction per skill would be slow): equal inputs give equal
results and ties are real ties, not float noise. Floats appear only in what is shown (points),
each correctly rounded from the exact value.

Notation: p(s) is the answer on the 0–4 scale (a skill left out counts 0); w(t,s) the
importance 1–5 a track gives a skill; r(t,b,s) what band b asks (1 = L4, 2 = L5-L6, 3 = L7+).

Level: depth in the core of the specialism the person is closest to, capped and lifted by their
scope (careers/core/ladder.py states the rule, its evidence and its tables).

Gaps point at the next band only, one step at a time: the core skills of the specialism the
person is closest to, each rated below what the next band asks (careers/core/ladder.py);
priority = w·(r_next − p), w the track's importance of the skill, largest first, then by name;
none at L7+. (Before issue 27 they were every skill the track weighs: 40 gaps to L7+ for an LLM
product builder, where the level asks depth in one specialism.)

Fit. Python, SQL and Kubernetes matter to both tracks, so a plain weighted average cannot say
which track suits someone. rel(t,s) = w(t,s)² / Σ_t' w(t',s) makes a skill weighted 5 here and 1
there count 25/6 ≈ 4.2 for this track and 1/6 for the other, a shared 5/5 skill 2.5 for both.
skill_fit(t) = Σ rel·min(p, target) / Σ rel·target, target = max(1, r_L7+): rating beyond what
seniors need earns nothing. pref_fit(t) = the mean over the preference questions that can give t
points of points(answer) / the most that question gives t; a question not answered counts ½
(neutral), and pref_fit is ½ when no question can count. Each question is its own term, so the
quick quiz (careers/core/adaptive.py) bounds the preferences exactly, as it does the skills.
fit = round-half-up(100·(⅞·skill_fit + ⅛·pref_fit)). A skill's contribution is its share of fit
in points, 87.5·rel·min(p, target) / Σ rel·target.

Why ⅛ for preferences. One answer should not outweigh fifteen skill steps: a wish is worth
hearing, but a skill is what a hiring manager tests. With the seed catalog (60 skills since
issue 27; three scored questions) a step of one rating moves the AI − ML margin by 0.60 points
on average (0.75 with the 49 skills before), so fifteen steps are about 9 points, and one answer
swung from one track's option to the other's moves it by 2·12.5/3 ≈ 8.3 — at ¼ it was 16.7,
and the four questions of the time (remote work among them) moved it by about 40 against about
100 for every skill. Evidence from the seed calibration personas, reversing every preference
answer (AI's option for ML's, "both" kept): at ¼, of the eight there were then, the
Data-platform engineer went from ML by 46 to AI by 4 and the New graduate changed track, and
four more fell to a margin of 6 or less; at ⅛ none of the fifteen with an expected track
changes track (the two close calls may lean the other way), the smallest lead left is the New
graduate's tie (skills lean AI by 6; the tie goes to AI, the track they could start in), and a
persona whose skills lean by 23 or more keeps a lead of 12 or more (tests/test_scoring.py).
Remote work is not scored (no option of it leaned AI): the roadmap shows the article's remote
shares as context.

Choice. Tracks rank by fit, then by entry depth (the track one could start in now), then
catalog order; result.tracks keeps that ranking, so tracks[0] is the recommendation.
margin = fit(first) − fit(second); both_fit when margin < both_fit_margin (5). Apart, each in
points of its own fit and signed toward the recommendation: skills_margin = 100·(skill_fit(first)
− skill_fit(second)) and preferences_margin = 100·(pref_fit(first) − pref_fit(second)), which
say where skills and wishes point when they disagree.

Pushes explain the margin: per skill, its contribution to the recommended track minus that to
the runner-up, signed (+ toward the recommendation) and named by the track it pulls toward; with
the preference pushes they add up to the margin before rounding (exactly, when every answered
question can give both tracks points). Deciding factors put the largest into words: "PyTorch
and RAG pulled you toward AI Engineer" (up to three skills of at least one point each) and "You
prefer research-adjacent work (AI Engineer)" — an option's label is read after "You prefer", so
labels are noun phrases. They are ranked by net effect toward the recommendation, so the first
never argues for the runner-up while anything argues for the recommendation.

flat_ratings: of the skills rated above None, at least five, and ≥ 90 % of them the same value
(or every answer None) — answers that say little about the person, which the interface can
question before trusting the fit. None answers alone do not make a profile flat: a person who
knows two skills well and none of the rest has answered honestly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from itertools import starmap
from math import floor
from operator import itemgetter
from types import MappingProxyType

from careers.core import ladder as ladders

LEVELS = ("below L4", "L4", "L5-L6", "L7+")
SKILL_SHARE = Fraction(7, 8)
HALF = Fraction(1, 2)
# Below one fit point a push is noise to a reader; three names keep a sentence readable.
FACTOR_MIN_POINTS = 1.0
FACTOR_MAX_SKILLS = 3
# Below this fit on the best track, with every track below L4, neither track fits yet.
NEITHER_FIT = 40


def _bad_int(value: object, low: int, high: int) -> bool:
    # bool is an int subclass, but True is not a proficiency.
    return isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high


# --- the catalog -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkillSpec:
    slug: str
    name: str
    category: str


@dataclass(frozen=True)
class Requirement:
    skill: str
    importance: int
    required: tuple[int, int, int]  # L4, L5-L6, L7+

    def __post_init__(self) -> None:
        if _bad_int(self.importance, 1, 5):
            raise ValueError(f"{self.skill}: importance must be 1..5, got {self.importance!r}")
        if len(self.required) != 3 or any(_bad_int(r, 0, 4) for r in self.required):
            raise ValueError(f"{self.skill}: required must be three values 0..4")
        if list(self.required) != sorted(self.required):
            raise ValueError(f"{self.skill}: a higher band cannot require less than a lower one")


@dataclass(frozen=True)
class TrackSpec:
    slug: str
    name: str
    short_name: str
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class Specialism:
    """Where a track's work divides: the core of skills its levels are judged by, and per band
    how many of them it asks at the band's rating (careers/core/ladder.py)."""

    slug: str
    name: str
    track: str
    skills: tuple[str, ...]
    asks: tuple[int, int, int]  # L4 (at Working), L5-L6 (Proficient), L7+ (Expert)

    def __post_init__(self) -> None:
        # Asking more than the core holds is an editor's choice mid-edit, not an error: that
        # level is then out of reach in this specialism, and the personas say whom it moves.
        if len(self.asks) != 3 or any(_bad_int(n, 1, 100) for n in self.asks):
            raise ValueError(f"{self.slug}: each level asks 1 to 100 core skills")


@dataclass(frozen=True)
class PreferenceOption:
    value: str
    label: str
    lean: tuple[tuple[str, int], ...]  # (track slug, points toward it)
    # A question about the person's standing (scope, years): the highest band this answer
    # supports, 1 (L4) to 3 (L7+); None for a preference.
    band: int | None = None

    def __post_init__(self) -> None:
        if any(_bad_int(points, 0, 100) for _, points in self.lean):
            raise ValueError(f"option {self.value!r}: lean points must be ints ≥ 0")
        if self.band is not None and _bad_int(self.band, 1, 3):
            raise ValueError(f"option {self.value!r}: band must be 1..3 or None")

    def points(self, track: str) -> int:
        return dict(self.lean).get(track, 0)


@dataclass(frozen=True)
class PreferenceQuestion:
    slug: str
    text: str
    options: tuple[PreferenceOption, ...]

    def option(self, value: str) -> PreferenceOption | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Catalog:
    skills: tuple[SkillSpec, ...]
    tracks: tuple[TrackSpec, ...]
    preferences: tuple[PreferenceQuestion, ...] = ()
    specialisms: tuple[Specialism, ...] = ()

    def __post_init__(self) -> None:
        if len(self.tracks) < 2:
            raise ValueError("a catalog needs at least two tracks to choose between")
        self._check_unique()
        self._check_known()

    def _check_unique(self) -> None:
        for kind, slugs in (
            ("skill", [s.slug for s in self.skills]),
            ("track", [t.slug for t in self.tracks]),
            ("preference question", [q.slug for q in self.preferences]),
            ("specialism", [k.slug for k in self.specialisms]),
            *((f"{k.slug} core", list(k.skills)) for k in self.specialisms),
            *((f"{t.slug} requirement", [r.skill for r in t.requirements]) for t in self.tracks),
        ):
            if len(set(slugs)) != len(slugs):
                raise ValueError(f"duplicate {kind} slugs: {sorted(slugs)}")

    def _check_known(self) -> None:
        known = {s.slug for s in self.skills}
        for track in self.tracks:
            if unknown := {r.skill for r in track.requirements} - known:
                raise ValueError(f"{track.slug} requires unknown skills: {sorted(unknown)}")
        tracks = {t.slug for t in self.tracks}
        for specialism in self.specialisms:
            if specialism.track not in tracks:
                raise ValueError(f"{specialism.slug} belongs to no track: {specialism.track!r}")
            if unknown := set(specialism.skills) - known:
                raise ValueError(f"{specialism.slug} has unknown skills: {sorted(unknown)}")

    @cached_property
    def _skills_by_slug(self) -> dict[str, SkillSpec]:
        return {s.slug: s for s in self.skills}

    def skill(self, slug: str) -> SkillSpec:
        return self._skills_by_slug[slug]

    @cached_property
    def ladder(self) -> ladders.Ladder:
        """The formula's tables (careers/core/ladder.py), built once for this catalog."""
        return ladders.build(self)


# --- answers and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class Answers:
    skills: Mapping[str, int] = field(default_factory=dict)
    preferences: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A private read-only copy: the caller's dict may change, the answers must not.
        object.__setattr__(self, "skills", MappingProxyType(dict(self.skills)))
        object.__setattr__(self, "preferences", MappingProxyType(dict(self.preferences)))

    def __hash__(self) -> int:
        return hash((frozenset(self.skills.items()), frozenset(self.preferences.items())))


@dataclass(frozen=True)
class Contribution:
    skill: str
    points: float


@dataclass(frozen=True)
class Gap:
    skill: str
    name: str
    current: int
    required: int
    priority: float


@dataclass(frozen=True)
class TrackResult:
    slug: str
    name: str
    fit: int
    level: str
    band: int
    depth: tuple[float, float, float]  # the closest specialism's share of what each band asks
    contributions: tuple[Contribution, ...]
    gaps: tuple[Gap, ...]
    specialism: str = ""  # the name of the specialism the person is closest to on this track
    depth_band: int = 0  # the band depth alone reaches, before scope (careers/core/ladder.py)


@dataclass(frozen=True)
class Push:
    skill: str
    name: str
    toward: str
    points: float  # > 0 pulls toward the recommended track, < 0 toward the runner-up


@dataclass(frozen=True)
class Result:
    tracks: tuple[TrackResult, ...]
    recommended: str
    margin: int
    both_fit: bool
    pushes: tuple[Push, ...]
    deciding_factors: tuple[str, ...]
    flat_ratings: bool
    # Where each part points on its own, in points of its own 0–100 fit, + toward the
    # recommendation: the combined margin is about ⅞ of the first plus ⅛ of the second.
    skills_margin: int = 0
    preferences_margin: int = 0

    def track(self, slug: str) -> TrackResult:
        for result in self.tracks:
            if result.slug == slug:
                return result
        raise KeyError(slug)


def validate(catalog: Catalog, answers: Answers) -> None:
    """Raise ValueError naming the first answer the catalog cannot score."""
    known = {s.slug for s in catalog.skills}
    for slug, value in answers.skills.items():
        if slug not in known:
            raise ValueError(f"unknown skill {slug!r}")
        if _bad_int(value, 0, 4):
            raise ValueError(f"skill {slug!r}: proficiency must be an int 0..4, got {value!r}")
    questions = {q.slug: q for q in catalog.preferences}
    for slug, value in answers.preferences.items():
        if slug not in questions:
            raise ValueError(f"unknown preference question {slug!r}")
        if questions[slug].option(value) is None:
            raise ValueError(f"preference {slug!r}: unknown option {value!r}")


def known_answers(catalog: Catalog, answers: Answers) -> Answers:
    """The answers the catalog can score: a skill or option an editor removed drops out."""
    slugs = {skill.slug for skill in catalog.skills}
    questions = {question.slug: question for question in catalog.preferences}
    return Answers(
        {slug: value for slug, value in answers.skills.items() if slug in slugs},
        {
            slug: value
            for slug, value in answers.preferences.items()
            if slug in questions and questions[slug].option(value) is not None
        },
    )


# --- level -------------------------------------------------------------------------------------


def gaps(
    catalog: Catalog,
    track: TrackSpec,
    ratings: Mapping[str, int],
    band: int,
    core: ladders.Core | None = None,
) -> list[Gap]:
    """What stands between the band and the next: the core skills of the specialism closest to
    the person (or `core`) rated below what the next band asks, most valuable first."""
    if band >= 3:
        return []
    if core is None:
        tables = catalog.ladder[track.slug]
        core = tables.cores[tables.closest(tables.measures(ratings))]
    importance = {r.skill: r.importance for r in track.requirements}
    found = []
    for skill, required in core.required:
        current, needed = ratings.get(skill, 0), required[band]
        if needed > current:
            priority = float(importance.get(skill, 1) * (needed - current))
            found.append(Gap(skill, catalog.skill(skill).name, current, needed, priority))
    return sorted(found, key=lambda g: (-g.priority, g.name.casefold(), g.name))


# --- fit ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shares:
    """Each required skill's part of skill_fit(t), as parts[skill] / whole.

    Integers over one denominator rather than a Fraction per skill: exact all the same, and the
    pushes compare two tracks' parts by cross-multiplying whole numbers.
    """

    parts: Mapping[str, int]
    whole: int = 1

    def skill_fit(self) -> Fraction:
        return Fraction(sum(self.parts.values()), self.whole)

    def points(self) -> list[tuple[str, float]]:
        """Each skill's contribution to fit, in points: 100·⅞·part/whole, correctly rounded."""
        top, bottom = 100 * SKILL_SHARE.numerator, SKILL_SHARE.denominator * self.whole
        return [(skill, top * part / bottom) for skill, part in self.parts.items()]


def skill_shares(tables: ladders.TrackLadder, ratings: Mapping[str, int]) -> Shares:
    """Each required skill's part of skill_fit(track); together they make skill_fit."""
    parts = {skill: weight * min(ratings[skill], target)
             for skill, (weight, target) in tables.weights.items()}  # fmt: skip
    # a track with no requirements yet fits nobody by skills
    return Shares(parts, tables.whole) if tables.whole else Shares({})


def preference_shares(catalog: Catalog, answers: Answers, track: str) -> dict[str, Fraction]:
    """Each question's part of pref_fit(track), for those that can give it points; an open
    question's part is neutral (½ of its share). Empty when none can count."""
    counting = [q for q in catalog.preferences if max(o.points(track) for o in q.options)]
    shares = {}
    for question in counting:
        best = max(o.points(track) for o in question.options)
        chosen = question.option(answers.preferences.get(question.slug, ""))
        part = Fraction(chosen.points(track), best) if chosen else HALF
        shares[question.slug] = part / len(counting)
    return shares


def _answered(catalog: Catalog, answers: Answers) -> list[PreferenceQuestion]:
    return [q for q in catalog.preferences if q.slug in answers.preferences]


def fit(skill_share: Shares, pref_share: Mapping[str, Fraction]) -> int:
    pref_fit = _pref_fit(pref_share)
    exact = 100 * (SKILL_SHARE * skill_share.skill_fit() + (1 - SKILL_SHARE) * pref_fit)
    return floor(exact + HALF)


# --- explanations ------------------------------------------------------------------------------


def flat_ratings(ratings: Mapping[str, int], every_skill: bool = True) -> bool:
    """True when the skill answers barely vary: of the skills rated above None, at least five,
    ≥ 90 % of them the same value (or five or more rated, every one None, where every skill
    was asked).

    None says where a person has not been, so a sparse, honest profile (Python and SQL rated,
    everything else None) is not flat; "Working" in everything is. The quick quiz picks what it
    asks, so a student asked only about what they have not used answers None throughout, and
    honestly: every_skill False (some skills estimated, not rated) lets None alone not count."""
    used = [rating for rating in ratings.values() if rating]
    if not used:
        return every_skill and len(ratings) >= 5
    if len(used) < 5:
        return False
    return 10 * Counter(used).most_common(1)[0][1] >= 9 * len(used)


def neither_yet(bands: list[int], best_fit: int) -> bool:
    """Neither track fits yet: every track below L4, and even the best fit low. Saying "ML
    Engineer ahead by 24" to someone who is at neither track's entry level would be false
    precision; what both tracks ask first is the honest advice."""
    return all(band == 0 for band in bands) and best_fit < NEITHER_FIT


def _pushes(catalog: Catalog, ranked: tuple, first: Shares, second: Shares) -> tuple[Push, ...]:
    pushes = []
    # 100·⅞·(a/A − b/B) = 100·7·(a·B − b·A) / (8·A·B): the sign exactly, the size correctly rounded
    scale = SKILL_SHARE.denominator * first.whole * second.whole
    for skill in catalog.skills:
        a, b = first.parts.get(skill.slug, 0), second.parts.get(skill.slug, 0)
        if cross := a * second.whole - b * first.whole:
            toward = ranked[0 if cross > 0 else 1].slug
            points = 100 * SKILL_SHARE.numerator * cross / scale
            pushes.append(Push(skill.slug, skill.name, toward, points))
    return tuple(sorted(pushes, key=lambda p: -abs(p.points)))


def _skill_factors(pushes: tuple[Push, ...], ranked: tuple) -> list[tuple[float, str]]:
    factors = []
    for track in ranked[:2]:
        pulling = [
            p for p in pushes if p.toward == track.slug and abs(p.points) >= FACTOR_MIN_POINTS
        ]
        if pulling := pulling[:FACTOR_MAX_SKILLS]:
            sentence = f"{_join([p.name for p in pulling])} pulled you toward {track.name}"
            factors.append((sum(p.points for p in pulling), sentence))
    return factors


def _preference_factors(
    catalog: Catalog, answers: Answers, ranked: tuple, first: Mapping, second: Mapping
) -> list[tuple[float, str]]:
    factors = []
    for question in _answered(catalog, answers):
        diff = float(
            100 * (1 - SKILL_SHARE) * (first.get(question.slug, 0) - second.get(question.slug, 0))
        )
        if abs(diff) >= FACTOR_MIN_POINTS:
            label = _lower_first(question.option(answers.preferences[question.slug]).label)
            factors.append((diff, f"You prefer {label} ({ranked[0 if diff > 0 else 1].name})"))
    return factors


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _lower_first(label: str) -> str:
    # "Research-adjacent work" reads on inside a sentence; "LLM products" keeps its acronym.
    return label[0].lower() + label[1:] if label[1:2].islower() else label


# --- scoring -----------------------------------------------------------------------------------


def _track_result(
    catalog: Catalog, track: TrackSpec, ratings: Mapping[str, int], scope, shares: tuple
) -> TrackResult:
    skill_share, pref_share = shares
    tables = catalog.ladder[track.slug]
    totals = tables.measures(ratings)
    depth = tables.depth(totals)
    band = ladders.level(depth, scope)
    closest = tables.closest(totals)
    # by points, largest first (a stable sort: equal points keep catalog order)
    ranked = sorted(skill_share.points(), key=itemgetter(1), reverse=True)
    return TrackResult(
        slug=track.slug,
        name=track.name,
        fit=fit(skill_share, pref_share),
        level=LEVELS[band],
        band=band,
        depth=tables.shares(totals, closest),
        contributions=tuple(starmap(Contribution, ranked)),
        gaps=tuple(gaps(catalog, track, ratings, band, tables.cores[closest])),
        specialism=tables.cores[closest].name,
        depth_band=depth,
    )


BOTH_FIT_MARGIN = 5  # fits closer than this: both tracks fit, the verdict says so


def score(
    catalog: Catalog,
    answers: Answers,
    both_fit_margin: int = BOTH_FIT_MARGIN,
    estimated: Collection[str] = (),
) -> Result:
    """Score answers against the catalog; raise ValueError for answers it cannot score.
    estimated: the skills whose answers are the quick quiz's estimate, not the person's rating
    (scored all the same, but the flat-ratings warning looks only at what was rated)."""
    _check(both_fit_margin)
    validate(catalog, answers)
    # Every skill's answer, 0 for those left out: read for each requirement of each track, so a
    # plain dict read by key, not a read-only mapping with a default.
    ratings = dict.fromkeys((s.slug for s in catalog.skills), 0) | answers.skills
    shares = {t.slug: _shares_of(catalog, t.slug, answers, ratings) for t in catalog.tracks}
    scope = catalog.ladder.scope(answers.preferences)
    results = [_track_result(catalog, t, ratings, scope, shares[t.slug]) for t in catalog.tracks]
    ranked = _ranked(results)
    first, second = shares[ranked[0].slug], shares[ranked[1].slug]
    pushes = _pushes(catalog, ranked, first[0], second[0])
    margin = ranked[0].fit - ranked[1].fit
    return Result(
        tracks=ranked,
        recommended=ranked[0].slug,
        margin=margin,
        both_fit=margin < both_fit_margin,
        pushes=pushes,
        deciding_factors=_deciding_factors(catalog, answers, ranked, pushes, first, second),
        flat_ratings=flat_ratings(
            {s: r for s, r in answers.skills.items() if s not in estimated}, not estimated
        ),
        skills_margin=_points(first[0].skill_fit() - second[0].skill_fit()),
        preferences_margin=_points(_pref_fit(first[1]) - _pref_fit(second[1])),
    )


def _shares_of(catalog: Catalog, track: str, answers: Answers, ratings: Mapping) -> tuple:
    """A track's skill shares and preference shares."""
    return skill_shares(catalog.ladder[track], ratings), preference_shares(catalog, answers, track)


def _check(both_fit_margin: int) -> None:
    if both_fit_margin < 0:
        raise ValueError(f"both_fit_margin must be ≥ 0, got {both_fit_margin!r}")


def _ranked(results: list[TrackResult]) -> tuple[TrackResult, ...]:
    """By fit; ties go to the track whose entry band is better covered: the one the person could
    start in (then catalog order)."""
    order = sorted(range(len(results)), key=lambda i: (-results[i].fit, -results[i].depth[0], i))
    return tuple(results[i] for i in order)


def _deciding_factors(
    catalog: Catalog, answers: Answers, ranked: tuple, pushes: tuple, first: tuple, second: tuple
) -> tuple[str, ...]:
    """By net effect toward the recommendation: what argues for it first, largest first, then
    what argues for the runner-up, smallest first. first, second: the two leading tracks'
    (skill shares, preference shares)."""
    factors = _skill_factors(pushes, ranked) + _preference_factors(
        catalog, answers, ranked, first[1], second[1]
    )
    return tuple(sentence for _, sentence in sorted(factors, key=lambda f: -f[0]))


def _pref_fit(shares: Mapping[str, Fraction]) -> Fraction:
    return sum(shares.values()) if shares else HALF


def _points(share: Fraction) -> int:
    """A difference of two fits (0..1) in points, rounded half away from zero."""
    points = floor(100 * abs(share) + HALF)
    return points if share >= 0 else -points
