"""What the quick quiz's benchmark allows at best: a stop rule that knows how its sets were made.

The benchmark's answer sets are the calibration personas with noise (quick_quiz.answer_sets).
A rule that knew that — the thirteen personas and the noise — could weigh each persona by how
well it explains the answers so far and complete the rest exactly as the sets were made: the
Bayes-optimal guess, which no model of one person's own answers can beat on average. It asks
the question whose term of the AI − ML margin varies most under that mixture, and stops when the
most common verdict of its completions (the track, or both fit) reaches a bar. Its figures say
how far the benchmark's goals can be met at all: what it needs, a rule that must learn the
person from their answers needs more. Plain Python, no Django; `manage.py benchmark
--quick-bound N` runs it (screens left out: knowing the persona, one says little).

The same rule to the verdict the page states, track and level (JointBound): its completions
are scored whole (careers/core/packed.py), it asks the question after whose answer the most
common verdict-and-level is expected to be most common, and it stops where the quick quiz does,
the most common track in SURE_TRACK of its completions and its most common level in SURE_LEVEL
of those (and at a lower pair of bars). Issue 26 asks ≤ 15 / ≤ 30 questions to that verdict at
≥ 97 % / ≥ 90 % agreement: where even this rule needs more, no model of the person's own
answers meets it with the level the scoring decides today.
"""

import random
import statistics
from bisect import bisect_left
from collections import Counter
from math import floor

from careers.core.adaptive import QuickQuiz
from careers.core.likely import SURE_LEVEL, SURE_TRACK, holds, kind_of
from careers.core.packed import Packed
from careers.core.planning import catalog_from_dict
from careers.core.scoring import score
from careers.core.verdict import Sure, Verdict
from tests.benchmark.quick_quiz import NOISE, answer_sets, percentile

SETS = 300
COMPLETIONS = 400
BARS = (0.95, 0.9)
BUDGET = 25  # issue 12's 95th percentile to a settled track
JOINT_BARS = ((SURE_TRACK, SURE_LEVEL), (0.9, 0.85))  # the quick quiz's own, and lower
JOINT_COMPLETIONS = 200


def rating_chances(persona_rating: int) -> dict[int, float]:
    """How answer_sets turns a persona's rating into an answer: a step down or up with a chance
    of NOISE each, within the scale."""
    chances: dict[int, float] = {}
    for step, chance in ((-1, NOISE), (0, 1 - 2 * NOISE), (1, NOISE)):
        rating = min(4, max(0, persona_rating + step))
        chances[rating] = chances.get(rating, 0) + chance
    return chances


def preference_chances(choice: str | None, options: list[str]) -> dict[str, float]:
    """…and a persona's preference: another option drawn at random one time in NOISE (or
    always, where the persona has none)."""
    anyone = (NOISE if choice is not None else 1) / len(options)
    return {o: anyone + (1 - NOISE if o == choice else 0) for o in options}


class Bound:
    def __init__(self, catalog, personas: list[dict]):
        self.catalog = catalog
        self.personas = len(personas)
        self.quiz = QuickQuiz(catalog)
        self.tracks = [t.slug for t in catalog.tracks][:2]
        self.items = [("skill", s.slug) for s in catalog.skills]
        self.items += [("preference", q.slug) for q in catalog.preferences]
        options = {q.slug: [o.value for o in q.options] for q in catalog.preferences}
        # per item: each persona's chances of each answer, and each answer's part of x(track)
        self.chances = {}
        self.terms = {}
        for kind, key in self.items:
            if kind == "skill":
                per = [rating_chances(p["skills"].get(key, 0)) for p in personas]
                values = range(5)
                term = self.quiz.skill_term
            else:
                per = [preference_chances(p["preferences"].get(key), options[key])
                       for p in personas]  # fmt: skip
                values = options[key]
                term = self.quiz.preference_term
            self.chances[kind, key] = per
            self.terms[kind, key] = {
                v: tuple(float(term(t, key, v)) for t in self.tracks) for v in values
            }

    def margin_spread(self, item, weights) -> float:
        """The variance of the item's term of the margin under the mixture."""
        mixed: dict = {}
        for weight, chances in zip(weights, self.chances[item], strict=True):
            for value, chance in chances.items():
                mixed[value] = mixed.get(value, 0) + weight * chance
        terms = self.terms[item]
        mean = sum(c * (terms[v][0] - terms[v][1]) for v, c in mixed.items())
        return sum(c * (terms[v][0] - terms[v][1] - mean) ** 2 for v, c in mixed.items())

    def verdict_shares(self, known, left, weights, rng) -> tuple[str, float]:
        """The most common verdict of the completions, and its share."""
        personas = rng.choices(range(len(weights)), weights=weights, k=COMPLETIONS)
        x = [[known[0]] * COMPLETIONS, [known[1]] * COMPLETIONS]
        for item in left:
            terms, per = self.terms[item], self.chances[item]
            for k, persona in enumerate(personas):
                chances = per[persona]
                value = rng.choices(list(chances), weights=list(chances.values()))[0]
                x[0][k] += terms[value][0]
                x[1][k] += terms[value][1]
        counts: dict[str, int] = {}
        for a, b in zip(*x, strict=True):
            a, b = floor(a + 0.5), floor(b + 0.5)
            verdict = "both" if abs(a - b) < self.quiz.margin else self.tracks[a < b]
            counts[verdict] = counts.get(verdict, 0) + 1
        top = max(counts, key=counts.get)
        return top, counts[top] / COMPLETIONS

    def walk(self, answers, seed: int) -> list[tuple[str, float]]:
        """The most common verdict and its share before each question (until nearly certain)."""
        rng = random.Random(seed)
        weights = [1 / self.personas] * self.personas  # every persona as likely, to begin with
        known, left, seen = [0.0, 0.0], list(self.items), []
        while True:
            verdict, share = self.verdict_shares(known, left, weights, rng)
            seen.append((verdict, share))
            if not left or share >= 0.995:
                return seen
            item = max(left, key=lambda i: self.margin_spread(i, weights))
            left.remove(item)
            kind, key = item
            value = answers.skills.get(key, 0) if kind == "skill" else answers.preferences[key]
            known = [k + t for k, t in zip(known, self.terms[item][value], strict=True)]
            weights = [
                w * c.get(value, 0) for w, c in zip(weights, self.chances[item], strict=True)
            ]
            total = sum(weights)
            weights = [w / total for w in weights]


def measure(catalog_dict: dict, personas: list[dict], count: int) -> dict:
    """Per bar: questions to the track (median, 95th percentile) and agreement with the full
    quiz; and the agreement when every set must stop by BUDGET questions."""
    catalog = catalog_from_dict(catalog_dict)
    bound = Bound(catalog, personas)
    walks, truth = [], []
    for number, answers in enumerate(answer_sets(catalog, personas, count)):
        walks.append(bound.walk(answers, seed=number))
        full = score(catalog, answers)
        truth.append("both" if full.both_fit else full.recommended)
    figures = {"sets": count, "budget": BUDGET, "bars": {}}
    for bar in BARS:
        stops = [next((n for n, (_, s) in enumerate(w) if s >= bar), len(w) - 1) for w in walks]
        agree = sum(w[n][0] == t for w, n, t in zip(walks, stops, truth, strict=True))
        figures["bars"][str(bar)] = {
            "median": statistics.median(stops),
            "p95": percentile(stops, 0.95),
            "agree": agree / count,
        }
    by_budget = [
        w[next((n for n, (_, s) in enumerate(w) if s >= BARS[0] or n == BUDGET), len(w) - 1)][0]
        for w in walks
    ]
    figures["agree_by_budget"] = sum(v == t for v, t in zip(by_budget, truth, strict=True)) / count
    figures["joint"] = measure_joint(catalog, personas, count)
    return figures


class JointBound(Bound):
    """The rule above, to the verdict the page states: track (or both, or neither) and level."""

    def __init__(self, catalog, personas: list[dict]):
        super().__init__(catalog, personas)
        self.packed = Packed(catalog)
        # per item and persona: its answers and their cumulative chances, to draw from
        self.draws = {
            item: [(list(c), _cumulative(c.values())) for c in per]
            for item, per in self.chances.items()
        }

    def part(self, item, value) -> int:
        kind, key = item
        if kind == "skill":
            return self.packed.skills[key][value]
        return self.packed.preference_parts[key][value]

    def complete(self, fixed: int, left, weights, rng) -> tuple[list, dict]:
        """JOINT_COMPLETIONS completions: each one's verdict and level, and each open item's
        answer in each."""
        personas = rng.choices(range(len(weights)), weights=weights, k=JOINT_COMPLETIONS)
        totals = [fixed] * JOINT_COMPLETIONS
        drawn = {}
        for item in left:
            column = [_draw(*self.draws[item][p], rng) for p in personas]
            drawn[item] = column
            totals = [t + self.part(item, v) for t, v in zip(totals, column, strict=True)]
        keys = []
        for total in totals:
            facts = self.packed.scored(total)
            verdict = kind_of(facts, Sure.OPEN)
            keys.append(((verdict.kind, verdict.track), facts.bands[verdict.track or facts.ahead]))
        return keys, drawn

    def walk(self, answers, seed: int) -> list[tuple]:
        """Before each question: the most common verdict, its share, its most common level and
        that level's share of it (until the strictest bar is met)."""
        rng = random.Random(seed)
        weights = [1 / self.personas] * self.personas
        fixed, left, seen = self.packed.preference_base, list(self.items), []
        while True:
            keys, drawn = self.complete(fixed, left, weights, rng)
            seen.append(_modal(keys))
            _, share, _, level_share = seen[-1]
            if not left or (share >= JOINT_BARS[0][0] and level_share >= JOINT_BARS[0][1]):
                return seen
            item = max(left, key=lambda i: _expected_modal_share(drawn[i], keys))
            left.remove(item)
            kind, key = item
            value = answers.skills.get(key, 0) if kind == "skill" else answers.preferences[key]
            fixed += self.part(item, value)
            weights = [w * c.get(value, 0) for w, c in zip(weights, self.chances[item],
                                                              strict=True)]  # fmt: skip
            total = sum(weights)
            weights = [w / total for w in weights]


def _cumulative(chances) -> list[float]:
    total, out = 0.0, []
    for chance in chances:
        total += chance
        out.append(total)
    return out


def _draw(values: list, cumulative: list[float], rng) -> object:
    return values[min(bisect_left(cumulative, rng.random() * cumulative[-1]), len(values) - 1)]


def _modal(keys: list) -> tuple:
    """The most common verdict, its share, its most common level, and that level's share."""
    verdicts = Counter(verdict for verdict, _ in keys)
    verdict, count = verdicts.most_common(1)[0]
    level, at_level = Counter(band for v, band in keys if v == verdict).most_common(1)[0]
    return verdict, count / len(keys), level, at_level / count


def _expected_modal_share(values: list, keys: list) -> float:
    """After this item's answer, how common the most common verdict-and-level is expected to
    be (each group smoothed by one in two, so that a rare answer does not look decisive)."""
    groups = Counter(values)
    best: dict = {}
    for (value, _), count in Counter(zip(values, keys, strict=True)).items():
        best[value] = max(best.get(value, 0), count)
    return sum((best[v] + 1) / (n + 2) * n for v, n in groups.items()) / len(keys)


def measure_joint(catalog, personas: list[dict], count: int) -> dict:
    """Per bar pair: questions to the verdict and level (median, 95th percentile), and how
    often the verdict and the level agree with the full quiz's."""
    bound = JointBound(catalog, personas)
    sets = answer_sets(catalog, personas, count)
    walks = [bound.walk(answers, seed=number) for number, answers in enumerate(sets)]
    truths = [bound.packed.score(answers) for answers in sets]
    figures = {}
    for bar_track, bar_level in JOINT_BARS:
        stops, tracks, levels = [], 0, 0
        for walk, full in zip(walks, truths, strict=True):
            at = next((n for n, (_, s, _, ls) in enumerate(walk)
                       if s >= bar_track and ls >= bar_level), len(walk) - 1)  # fmt: skip
            (kind, track), _, band, _ = walk[at]
            stops.append(at)
            tracks += holds(_verdict(kind, track), full)
            levels += full.bands[track or full.ahead] == band
        figures[f"{bar_track:g}/{bar_level:g}"] = {
            "median": statistics.median(stops),
            "p95": percentile(stops, 0.95),
            "agree_track": tracks / count,
            "agree_level": levels / count,
        }
    return figures


def _verdict(kind, track) -> Verdict:
    return Verdict(kind, track, "", Sure.OPEN)
