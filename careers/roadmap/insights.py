"""What people's results look like, for editors tuning the catalog (issue 14): results kept per
week, verdict shares, levels per track, the most common gaps, the quiz funnel and how many
questions quick mode asked, over a range of days.

Every count of fewer than five people is hidden, and so is any figure that would give it away
(careers/core/suppression.py); shares are shown only beside counts that are. Charts draw what
is shown; the tables say "fewer than 5" where a count is hidden.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from statistics import median

from django.utils import timezone

from careers.catalog.models import Skill, Track
from careers.core import charts
from careers.core.result import SavedResult
from careers.core.scoring import LEVELS
from careers.core.suppression import FLOOR, suppress
from careers.core.verdict import VerdictKind
from careers.plumbing.daily_counts import DailyCount
from careers.roadmap.events import QUIZ_STARTED
from careers.roadmap.models import Assessment, CatalogSnapshot, StepProgress

HIDDEN = f"fewer than {FLOOR}"
TOP_GAPS = 10
QUESTION_BUCKETS = ((1, 10), (11, 20), (21, 30), (31, 40), (41, 10_000))


@dataclass(frozen=True)
class Figure:
    """One table of counts, and the chart of what it shows."""

    key: str
    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]  # None: hidden
    note: str = ""
    chart: charts.Chart | None = None
    # each count's share of its column's whole (hidden people too: the total is shown)
    totals: tuple[int, ...] | None = None
    extra: str = ""  # the header of a further column of words, one per row
    extra_words: tuple[str, ...] = ()

    def cells(self):
        """Each row's label and cells in words: a count (and its share), or "fewer than 5"."""
        for number, (label, values) in enumerate(self.rows):
            words = []
            for index, value in enumerate(values):
                if value is None:
                    words.append(HIDDEN)
                elif value and self.totals and self.totals[index]:
                    words.append(f"{value} ({round(100 * value / self.totals[index])} %)")
                else:
                    words.append(str(value))
            if self.extra:
                words.append(self.extra_words[number])
            yield label, words

    @property
    def headers(self) -> tuple[str, ...]:
        return (*self.columns, *((self.extra,) if self.extra else ()))


@dataclass(frozen=True)
class Insights:
    start: datetime.date
    end: datetime.date
    people: int | None  # results kept in the range (None: fewer than 5)
    figures: tuple[Figure, ...]

    def csv_rows(self):
        yield ("figure", "row", "column", "value")
        for figure in self.figures:
            for label, words in figure.cells():
                for column, word in zip(figure.headers, words, strict=True):
                    yield (figure.title, label, column, word)


@dataclass(frozen=True)
class Row:
    """One result in the range, read through its reader."""

    id: int
    created: datetime.datetime
    snapshot: str  # the key of the catalog snapshot its skills are named in
    result: SavedResult


def insights(start: datetime.date, end: datetime.date) -> Insights:
    results = [
        Row(pk, created, snapshot, SavedResult.from_json(result))
        for pk, created, snapshot, result in Assessment.objects.for_insights(start, end)
    ]
    people = len(results)
    figures = (
        per_week(results, start, end),
        verdicts(results),
        levels(results),
        common_gaps(results),
        funnel(results, start, end),
        quick_questions(results),
    )
    return Insights(start, end, None if 0 < people < FLOOR else people, figures)


def figure(key, title, row_header, columns, groups, *, note="", shares=False) -> Figure:
    """A figure from its columns' counts, each column a group whose whole is shown (so one
    hidden count may hide another); the chart draws the first column's shown rows."""
    hidden = [suppress(group) for group in groups]
    rows = tuple((label, tuple(column[label] for column in hidden)) for label in groups[0])
    drawn = [(label, values[0]) for label, values in rows if values[0]]
    totals = tuple(sum(group.values()) for group in groups) if shares else None
    chart = count_chart(key, title, row_header, columns[0], drawn) if drawn else None
    return Figure(key, title, row_header, tuple(columns), rows, note, chart, totals)


def count_chart(
    key: str, title: str, row_header: str, column: str, drawn, axis_label: str = "People"
) -> charts.Chart:
    leader, most = max(drawn, key=lambda pair: pair[1])
    spec = charts.ChartSpec(
        chart_id=f"insight-{key}",
        title=title,
        description=f"{len(drawn)} row{'s' if len(drawn) != 1 else ''} of {FLOOR} people or "
        f"more drawn; the most: {leader} ({most}).",
        series=(charts.Series(column, "series-you"),),
        categories=tuple(charts.Category(label, (float(value),)) for label, value in drawn),
        format_value=lambda value: f"{value:g}",
        row_header=row_header,
        axis_label=axis_label,
    )
    return charts.bar_chart(spec)


def per_week(results, start: datetime.date, end: datetime.date) -> Figure:
    weeks: Counter[datetime.date] = Counter()
    monday = start - datetime.timedelta(days=start.weekday())
    while monday <= end:
        weeks[monday] = 0
        monday += datetime.timedelta(weeks=1)
    for row in results:
        day = timezone.localdate(row.created)
        weeks[day - datetime.timedelta(days=day.weekday())] += 1
    counts = {f"Week of {week:%-d %b %Y}": weeks[week] for week in sorted(weeks)}
    return figure("per-week", "Results kept per week", "Week", ("Results",), [counts])


VERDICT_WORDS = {VerdictKind.BOTH: "Both tracks fit", VerdictKind.NEITHER: "Neither track yet"}


def verdicts(results) -> Figure:
    """The verdicts people read on their pages (the result's Verdict, issue 26)."""
    names = track_names(results)
    counts = Counter(
        VERDICT_WORDS.get(row.result.verdict.kind) or names[row.result.verdict.track]
        for row in results
    )
    ordered = {name: counts[name] for name in [*names.values(), *VERDICT_WORDS.values()]}
    return figure("verdicts", "Verdicts", "Verdict", ("People",), [ordered], shares=True)


def levels(results) -> Figure:
    names = track_names(results)
    per_track = {slug: dict.fromkeys(LEVELS, 0) for slug in names}
    for row in results:
        for track in row.result.tracks:
            if track.slug in per_track and track.level in per_track[track.slug]:
                per_track[track.slug][track.level] += 1
    groups = list(per_track.values()) or [dict.fromkeys(LEVELS, 0)]
    columns = tuple(f"On {name}" for name in names.values()) or ("People",)
    return figure("levels", "Levels on each track", "Level", columns, groups, shares=True)


def common_gaps(results) -> Figure:
    """The recommended track's gaps, ranked by people × average gap (the levels short, all
    told): the skills most worth an editor's look. A skill fewer than five people lack is
    left out."""
    people: Counter[str] = Counter()
    short: Counter[str] = Counter()
    newest: dict[str, tuple] = {}  # skill → (when, result, snapshot) of its newest mention
    for row in results:
        for gap in row.result.track(row.result.recommended).gaps:
            people[gap.skill] += 1
            short[gap.skill] += gap.required - gap.current
            mention = (row.created, row.id, row.snapshot)
            newest[gap.skill] = max(newest.get(gap.skill, mention), mention)
    names = current_names(Skill, kept_skill_names(newest))
    top = sorted(
        (skill for skill, count in people.items() if count >= FLOOR),
        key=lambda skill: (-short[skill], names[skill]),
    )[:TOP_GAPS]
    drawn = [(names[skill], short[skill]) for skill in top]
    # the chart draws the ranking's measure, and the table shows it beside the people it sums
    # over (issue 24: "People" on the axis, 15 on the chart, 12 people in the table)
    measure = "Levels short, all told"
    return Figure(
        "gaps",
        "Most common gaps on the recommended track",
        "Skill",
        ("People", measure),
        tuple((names[skill], (people[skill], short[skill])) for skill in top),
        note=f"Ranked by levels short, all told (people × average gap); skills fewer than "
        f"{FLOOR} people lack are left out.",
        chart=count_chart(
            "gaps", "Most common gaps", "Skill", measure, drawn, f"{measure} (people × average gap)"
        )
        if drawn
        else None,
        extra="Average gap",
        extra_words=tuple(f"{short[skill] / people[skill]:.1f} levels" for skill in top),
    )


def funnel(results, start: datetime.date, end: datetime.date) -> Figure:
    """Each stage's own count: quizzes started (a daily count), results kept, of those the ones
    whose verdict was settled, and results with at least one step done."""
    stages = {
        "Started the quiz": DailyCount.objects.total(QUIZ_STARTED, start, end),
        "Kept a result": len(results),
        "With a settled verdict": sum(settled(row) for row in results),
        "Did at least one step": StepProgress.objects.people_with_a_step_done(start, end),
    }
    # the stages are not parts of one whole, and no total is shown: each is hidden on its own
    hidden = suppress(stages, total_shown=False)
    drawn = [(stage, count) for stage, count in hidden.items() if count]
    return Figure(
        "funnel",
        "Quiz funnel",
        "Stage",
        ("People",),
        tuple((stage, (count,)) for stage, count in hidden.items()),
        note="Each stage counted on its own over the range: a quiz started near its end may "
        "be kept after it.",
        chart=count_chart("funnel", "Quiz funnel", "Stage", "People", drawn) if drawn else None,
    )


def settled(row: Row) -> bool:
    return row.result.how_sure.track_settled


def quick_questions(results) -> Figure:
    asked = [
        row.result.how_sure.questions_asked
        for row in results
        if row.result.how_sure.mode == "quick"
    ]
    buckets = {
        f"{low}–{high}" if high < QUESTION_BUCKETS[-1][1] else f"{low} or more": sum(
            low <= count <= high for count in asked
        )
        for low, high in QUESTION_BUCKETS
    }
    note = f"Median: {median(asked):g} questions." if len(asked) >= FLOOR else ""
    return figure(
        "questions",
        "Questions asked in quick mode",
        "Questions",
        ("Results",),
        [buckets],
        note=note,
    )


def track_names(results) -> dict[str, str]:
    """Track slug → name, as the catalog names it now, in the order of their slugs."""
    kept: dict[str, str] = {}
    for row in results:
        for track in row.result.tracks:
            kept.setdefault(track.slug, track.name)
    return current_names(Track, dict(sorted(kept.items())))


def kept_skill_names(newest: dict[str, tuple]) -> dict[str, str]:
    """Skill slug → its name in the snapshot of the skill's newest mention (one query, and a
    parse, for each snapshot this process has not read)."""
    return {
        skill: CatalogSnapshot.parsed(key).skill_names[skill] for skill, (*_, key) in newest.items()
    }


def current_names(model, kept: dict[str, str]) -> dict[str, str]:
    """Slug → name as the catalog names each row now (issue 24: a stored result keeps the name
    of its day, and one renamed since took whichever result was read last); a row the catalog
    no longer has keeps the name its results gave it."""
    now = dict(model.objects.filter(slug__in=kept).values_list("slug", "name"))
    return {slug: now.get(slug, name) for slug, name in kept.items()}
