"""The app's charts, thin constructors over the generic layout (careers.core.charts.layout):

- skill_profile_chart: your average proficiency per skill category vs what a level requires;
- compensation_chart: total compensation by company tier, one bar per track;
- compensation_components_chart: base + equity/year + bonus stacked, per track and tier;
- plan_timeline_chart: a plan's phases one after another on an axis of weeks.

Each writes its own one-sentence summary unless given one, from the numbers as the table shows
them, so the words and the table never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from careers.core.charts.layout import bar_chart
from careers.core.charts.model import FONT_SIZE, VIEW_WIDTH, Category, Chart, ChartSpec, Series
from careers.core.charts.text import money, money_short, nice_step, one_decimal

SCALE_WORDS = ("None", "Aware", "Working", "Proficient", "Expert")
SCALE_MAX = len(SCALE_WORDS) - 1

# The tracks keep their colours by slug, whatever editors rename them; any other series cycles
# through series-1…series-4.
TRACK_CLASSES = {"ai-engineer": "series-ai", "ml-engineer": "series-ml"}
GENERIC_CLASSES = ("series-1", "series-2", "series-3", "series-4")

TIMELINE_SERIES = (
    Series("Done", "series-done"),
    Series("In progress", "series-doing"),
    Series("To do", "series-todo"),
)

COMPONENT_SERIES = (
    Series("Base salary", "series-base"),
    Series("Equity per year", "series-equity"),
    Series("Bonus", "series-bonus"),
)


@dataclass(frozen=True)
class ProfileRow:
    label: str  # skill category
    person: float  # the person's average proficiency, 0–4
    required: float  # what the target level asks on average, 0–4


@dataclass(frozen=True)
class CompensationRow:
    track: str
    tier: str
    base: float
    equity_per_year: float
    bonus: float

    @property
    def total(self) -> float:
        return self.base + self.equity_per_year + self.bonus


@dataclass(frozen=True)
class TimelinePhase:
    label: str  # "Phase 1: reach L5-L6"
    done: int  # hours of its finished steps
    doing: int  # hours of its steps in progress
    todo: int  # hours of its steps not begun

    @property
    def hours(self) -> int:
        return self.done + self.doing + self.todo


def series_classes(keys: Sequence[str]) -> tuple[str, ...]:
    """CSS classes for series keys: the two tracks by slug, others by position."""
    generic = iter(GENERIC_CLASSES * (len(keys) // len(GENERIC_CLASSES) + 1))
    return tuple(TRACK_CLASSES.get(key) or next(generic) for key in keys)


def _join(words: Sequence[str]) -> str:
    if len(words) <= 2:
        return " and ".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def skill_profile_chart(
    rows: Sequence[ProfileRow],
    track_name: str,
    *,
    chart_id: str = "skill-profile",
    person_label: str = "You",
    required_label: str = "Target level requires",
    title: str | None = None,
    description: str | None = None,
    width: float = VIEW_WIDTH,
    font_size: float = FONT_SIZE,
) -> Chart:
    """Your average proficiency per skill category next to what the target level asks.

    The axis runs 0–4 with the scale's words; values (and the table) show one decimal.
    """
    rows = tuple(rows)
    for row in rows:
        for value in (row.person, row.required):
            if isinstance(value, bool) or not 0 <= value <= SCALE_MAX:
                raise ValueError(f"{row.label!r}: proficiency must be 0–{SCALE_MAX}, got {value}")
    title = title or f"Your skills against {track_name} requirements"
    spec = ChartSpec(
        chart_id=chart_id,
        title=title,
        description=profile_summary(rows, track_name) if description is None else description,
        series=(Series(person_label, "series-you"), Series(required_label, "series-required")),
        categories=tuple(Category(r.label, (r.person, r.required)) for r in rows),
        format_value=one_decimal,
        ticks=tuple(enumerate(SCALE_WORDS)),
        domain_max=SCALE_MAX,
        row_header="Skill category",
        table_caption=f"{title} (average proficiency, 0 = None to 4 = Expert)",
        axis_label="Average proficiency",
        width=width,
        font_size=font_size,
    )
    return bar_chart(spec)


def profile_summary(rows: Sequence[ProfileRow], track_name: str) -> str:
    """How many categories meet the target, and the largest gap."""
    if not rows:
        return f"No skill categories to compare for {track_name}."
    shown = [(r, float(one_decimal(r.person)), float(one_decimal(r.required))) for r in rows]
    gaps = [(need - have, r) for r, have, need in shown if have < need]
    if not gaps:
        return f"You meet or exceed the target level in every skill category for {track_name}."
    _, worst = max(gaps, key=lambda pair: pair[0])
    noun = "category" if len(rows) == 1 else "categories"
    return (
        f"You meet the target level in {len(rows) - len(gaps)} of {len(rows)} skill {noun} for "
        f"{track_name}; the largest gap is {worst.label} ({one_decimal(worst.person)} against "
        f"{one_decimal(worst.required)})."
    )


def compensation_chart(
    groups: Sequence[tuple[str, Mapping[str, float]]],
    *,
    chart_id: str = "compensation",
    title: str = "Total compensation by company tier",
    description: str | None = None,
    width: float = VIEW_WIDTH,
    font_size: float = FONT_SIZE,
    series_keys: Mapping[str, str] | None = None,
) -> Chart:
    """Total compensation per company tier, one bar per track (series in first-seen order);
    series_keys gives a series name its stable key (a track's slug) for its colour."""
    groups = tuple((tier, dict(values)) for tier, values in groups)
    names: list[str] = []
    for _, values in groups:
        names.extend(name for name in values if name not in names)
    for tier, values in groups:
        if missing := [name for name in names if name not in values]:
            raise ValueError(f"{tier!r} has no figure for {', '.join(missing)}")
    spec = ChartSpec(
        chart_id=chart_id,
        title=title,
        description=compensation_summary(groups, names) if description is None else description,
        series=tuple(
            map(Series, names, series_classes([(series_keys or {}).get(n, n) for n in names]))
        ),
        categories=tuple(Category(tier, tuple(v[name] for name in names)) for tier, v in groups),
        format_value=money,
        tick_formats=(money, money_short),
        row_header="Company tier",
        table_caption=f"{title} (median, US dollars a year)",
        axis_label="Total compensation, US dollars a year",
        width=width,
        font_size=font_size,
    )
    return bar_chart(spec)


def compensation_summary(
    groups: Sequence[tuple[str, Mapping[str, float]]], names: Sequence[str]
) -> str:
    """Which track pays more at every tier, or else the range of the figures."""
    if len(names) == 2 and groups:
        first, second = names
        for high, low in ((first, second), (second, first)):
            if all(values[high] > values[low] for _, values in groups):
                return f"{high} pays more than {low} at every company tier."
    figures = [value for _, values in groups for value in values.values()]
    if not figures:
        return "No compensation figures to compare."
    return (
        f"Total compensation for {_join(names)} at {len(groups)} company tiers, "
        f"from {money(min(figures))} to {money(max(figures))}."
    )


def compensation_components_chart(
    rows: Sequence[CompensationRow],
    *,
    chart_id: str = "compensation-components",
    title: str = "What makes up total compensation",
    description: str | None = None,
    width: float = VIEW_WIDTH,
    font_size: float = FONT_SIZE,
) -> Chart:
    """Base salary, equity per year and bonus stacked into each (track, tier) total."""
    rows = tuple(rows)
    spec = ChartSpec(
        chart_id=chart_id,
        title=title,
        description=components_summary(rows) if description is None else description,
        series=COMPONENT_SERIES,
        categories=tuple(
            Category(f"{r.track}, {r.tier}", (r.base, r.equity_per_year, r.bonus)) for r in rows
        ),
        stacked=True,
        format_value=money,
        tick_formats=(money, money_short),
        row_header="Track and company tier",
        total_header="Total",
        table_caption=f"{title} (median, US dollars a year)",
        axis_label="US dollars a year",
        width=width,
        font_size=font_size,
    )
    return bar_chart(spec)


def components_summary(rows: Sequence[CompensationRow]) -> str:
    """Whether base salary dominates every row, and the range of the totals."""
    if not rows:
        return "No compensation figures to compare."
    totals = [r.total for r in rows]
    span = f"totals range from {money(min(totals))} to {money(max(totals))}"
    if all(r.base >= r.equity_per_year + r.bonus for r in rows):
        return f"Base salary is most of the pay in every row; {span}."
    return f"Each total split into base salary, equity per year and bonus; {span}."


def plan_timeline_chart(
    phases: Sequence[TimelinePhase],
    hours_per_week: int,
    *,
    chart_id: str = "plan-timeline",
    title: str = "Your plan, week by week",
    width: float = VIEW_WIDTH,
    font_size: float = FONT_SIZE,
) -> Chart:
    """The phases one after another on an axis of weeks at hours_per_week, each a bar that
    starts where the one before ends, split into done, in progress and to do.

    The bars are drawn in hours and the axis labelled in weeks, so the table and the labels
    past the bars give hours, the figures a person plans with."""
    if hours_per_week < 1:
        raise ValueError(f"hours_per_week must be ≥ 1, got {hours_per_week!r}")
    phases = tuple(phase for phase in phases if phase.hours)
    if not phases:
        raise ValueError("a timeline needs a phase with hours")
    spec = ChartSpec(
        chart_id=chart_id,
        title=title,
        description=timeline_summary(phases, hours_per_week),
        series=TIMELINE_SERIES,
        categories=timeline_categories(phases, hours_per_week),
        stacked=True,
        format_value=hours,
        ticks=week_ticks(sum(phase.hours for phase in phases), hours_per_week),
        row_header="Phase",
        total_header="All",
        table_caption=f"{title} (hours of steps)",
        axis_label=f"Weeks at {hours_per_week} hour{'s' if hours_per_week != 1 else ''} a week",
        width=width,
        font_size=font_size,
    )
    return bar_chart(spec)


def timeline_categories(phases: Sequence[TimelinePhase], hours_per_week: int) -> tuple:
    """Each phase a stacked bar starting where the one before ends, named with its weeks."""
    categories, start = [], 0
    for phase in phases:
        first = start // hours_per_week + 1
        last = max(first, math.ceil((start + phase.hours) / hours_per_week))
        span = f"week {first}" if first == last else f"weeks {first}–{last}"
        categories.append(
            Category(f"{phase.label}, {span}", (phase.done, phase.doing, phase.todo), start)
        )
        start += phase.hours
    return tuple(categories)


def week_ticks(total: int, hours_per_week: int) -> tuple[tuple[float, str], ...]:
    """Ticks at whole weeks in round steps (1, 2, 5, 10…), placed in hours, labelled in weeks."""
    step = nice_step(total / hours_per_week / 5)
    step = 5.0 if step == 2.5 else max(step, 1.0)
    weeks = range(math.ceil(total / hours_per_week / step - 1e-9) + 1)
    return tuple((w * step * hours_per_week, f"{w * step:g}") for w in weeks)


def hours(value: float) -> str:
    return f"{value:g} h"


def timeline_summary(phases: Sequence[TimelinePhase], hours_per_week: int) -> str:
    """How long the plan takes at the pace, and how much of it is done or under way."""
    total = sum(phase.hours for phase in phases)
    done = sum(phase.done for phase in phases)
    doing = sum(phase.doing for phase in phases)
    weeks = math.ceil(total / hours_per_week)
    under_way = f", {doing} in progress" if doing else ""
    plan = "the plan takes" if len(phases) == 1 else f"the plan's {len(phases)} phases take"
    return (
        f"At {hours_per_week} hour{'s' if hours_per_week != 1 else ''} a week {plan} about "
        f"{weeks} week{'s' if weeks != 1 else ''}: {done} of {total} hours done{under_way}."
    )
