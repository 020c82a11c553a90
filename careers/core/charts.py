"""Chart geometry for server-rendered SVG bar charts: plain data in, frozen dataclasses out.

Pure Python — no Django — so the arithmetic is tested on its own and the template
(templates/careers/includes/bar_chart.html) only prints numbers. Colours never live here: each
bar carries a CSS class (careers/static/careers/charts.css) and the page's styles do the rest,
so a strict Content-Security-Policy without inline styles is enough.

One generic layout, horizontal bars on a linear axis from 0, grouped (one bar per series side
by side) or stacked (series end to end), and thin constructors for the app's charts:

- skill_profile_chart: your average proficiency per skill category vs what a level requires;
- compensation_chart: total compensation by company tier, one bar per track;
- compensation_components_chart: base + equity/year + bonus stacked, per track and tier.

Layout, in SVG user units (the viewBox; CSS scales the drawing to 100 % of its container):
legend rows at the top, then one block per category — its label on the left when every label
fits a gutter of GUTTER_SHARE of the width, otherwise on its own line(s) above its bars, wrapped
at word boundaries instead of cut off, and the grid then stops short of the labels — then
tick labels under the plot, as many round steps as fit. Text widths are estimated from
DejaVu Sans's metrics (no fonts on the server), wide enough for the narrower system fonts.
Every number is rounded to two decimals so the markup stays short and deterministic.

Text size. The drawing scales with the page, so its text does too: on a 375 px phone a
640-unit-wide chart is drawn about 343 px wide (0.54 px per unit). FONT_SIZE = 20 units
renders at ≈ 10.7 px there and, with charts.css capping the drawing at 32rem (512 px), 16 px on
wide screens; 14 units would shrink to ≈ 7.5 px on a phone. Pass font_size to change it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

VIEW_WIDTH = 640
FONT_SIZE = 20
# Category labels go in a left gutter only when the widest fits in this share of the width.
GUTTER_SHARE = 0.3
SCALE_WORDS = ("None", "Aware", "Working", "Proficient", "Expert")
SCALE_MAX = len(SCALE_WORDS) - 1

# Lower-case letters, digits and single hyphens, starting with a letter: safe in an id, in
# aria-labelledby's space-separated list, in a URL fragment and in a CSS selector.
_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")

# Known series names get their own colours; anything else cycles through series-1…series-4.
TRACK_CLASSES = {"AI Engineer": "series-ai", "ML Engineer": "series-ml"}
GENERIC_CLASSES = ("series-1", "series-2", "series-3", "series-4")


# --- the chart as data ---------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    label: str  # shown in the legend and as a table column header
    css_class: str  # e.g. "series-ai"; charts.css colours it


@dataclass(frozen=True)
class Category:
    label: str
    values: tuple[float, ...]  # one per series, in series order


@dataclass(frozen=True)
class TextLine:
    x: float
    y: float  # baseline
    text: str


@dataclass(frozen=True)
class CategoryLabel:
    text: str
    anchor: str  # SVG text-anchor: "end" in the gutter, "start" above the bars
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    value_label: str  # the value as people read it: "2.5", "$210,000"
    category: str
    series_label: str
    css_class: str

    @property
    def tooltip(self) -> str:
        return f"{self.category}, {self.series_label}: {self.value_label}"


@dataclass(frozen=True)
class ValueLabel:
    x: float
    y: float  # baseline
    text: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Tick:
    value: float
    x: float
    label: str
    label_y: float  # baseline of the label under the axis


@dataclass(frozen=True)
class LegendEntry:
    label: str
    css_class: str
    x: float  # swatch
    y: float
    size: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class TableRow:
    header: str  # the row's <th scope="row">
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: float
    height: float
    font_size: float
    stacked: bool
    domain_max: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    series: tuple[Series, ...]
    bars: tuple[Bar, ...]
    value_labels: tuple[ValueLabel, ...]
    category_labels: tuple[CategoryLabel, ...]
    ticks: tuple[Tick, ...]
    gridlines: tuple[Line, ...]  # vertical, at each tick but 0, beside the bars only
    axis_lines: tuple[Line, ...]  # the 0 line beside the bars, and the axis along the bottom
    tick_marks: tuple[Line, ...]
    legend: tuple[LegendEntry, ...]
    table_caption: str
    table_headers: tuple[str, ...]  # the first heads the row-header column
    table_rows: tuple[TableRow, ...]
    axis_label: str = ""
    axis_label_x: float = 0.0
    axis_label_y: float = 0.0

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"

    @property
    def caption_id(self) -> str:
        return f"{self.id}-table"

    @property
    def element_ids(self) -> tuple[str, ...]:
        """Every id the include writes into the page for this chart."""
        return (self.id, self.title_id, self.desc_id, self.caption_id)

    @property
    def view_box(self) -> str:
        return f"0 0 {_num(self.width)} {_num(self.height)}"


# --- input rows for the app's charts -------------------------------------------------------


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


# --- formatting and helpers ----------------------------------------------------------------


def _r(value: float) -> float:
    return round(value + 0.0, 2)  # + 0.0: never -0.0


def _num(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value}"


def money(value: float) -> str:
    """US dollars, whole: 210000 → "$210,000"."""
    return f"${value:,.0f}"


def money_short(value: float) -> str:
    """US dollars for a crowded axis: 50000 → "$50k", 1500000 → "$1.5M", 250 → "$250"."""
    for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if abs(value) >= size:
            return f"${value / size:,.1f}".removesuffix(".0") + suffix
    return f"${value:,.0f}"


def one_decimal(value: float) -> str:
    """Proficiency averages as the table shows them: 2.25 → "2.3" (half up, not banker's)."""
    return f"{math.floor(value * 10 + 0.5 + 1e-9) / 10:.1f}"


def validate_id(chart_id: str) -> str:
    if not isinstance(chart_id, str) or not _ID.match(chart_id):
        raise ValueError(
            f"chart id {chart_id!r} must be lower-case letters, digits and single hyphens, "
            "starting with a letter"
        )
    return chart_id


def slugify_id(text: str) -> str:
    """A chart id from any text: "ML Engineer / L5-L6" → "ml-engineer-l5-l6"."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not slug or not slug[0].isalpha():
        slug = f"chart-{slug}".rstrip("-")
    return slug


# Advance widths in em of DejaVu Sans, the widest common sans-serif (Linux's default; Arial,
# Helvetica, Roboto, Segoe UI and San Francisco are narrower), so estimates err on the roomy side.
_EM: dict[str, float] = {}
for _em, _chars in (
    (0.28, "ijl'"),
    (0.3, "IJ"),
    (0.32, " .,·"),
    (0.34, ":;|/"),
    (0.37, "f-"),
    (0.4, "t()[]"),
    (0.42, "!r"),
    (0.5, '"–*_'),
    (0.55, "szc?"),
    (0.58, "LkF"),
    (0.6, "vxy"),
    (0.62, "PaeoTY"),
    (0.64, "0123456789bdghnpquES{}$"),
    (0.7, "KABVXZCR"),
    (0.77, "UNHD"),
    (0.79, "GOQ&"),
    (0.84, "w#+<>=~^"),
    (0.88, "M"),
    (1.0, "%mW@—"),
):
    _EM.update(dict.fromkeys(_chars, _em))
BOLD = 1.12  # semibold/bold runs about a tenth wider


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """A roomy estimate of rendered width in a sans-serif (no font metrics on the server)."""
    em = sum(
        _EM.get(char, 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.7) for char in text
    )
    return em * font_size * (BOLD if bold else 1.0)


def wrap(text: str, max_width: float, font_size: float, *, bold: bool = False) -> tuple[str, ...]:
    """Word-wrap to lines no wider than max_width; a single over-long word keeps its own line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, font_size, bold=bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least raw."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= raw * (1 - 1e-12):
            return step
    return 10 * power  # pragma: no cover - the loop always returns


def nice_ticks(max_value: float, intervals: int = 5) -> tuple[float, ...]:
    """Round tick values from 0 to the first nice step at or above max_value, ≤ intervals+1."""
    if max_value <= 0:
        return (0.0, 1.0)
    step = nice_step(max_value / intervals)
    count = math.ceil(max_value / step - 1e-9)
    return tuple(round(i * step, 10) for i in range(count + 1))


def series_classes(names: Sequence[str]) -> tuple[str, ...]:
    """CSS classes for series names: the two tracks by name, others by position."""
    generic = iter(GENERIC_CLASSES * (len(names) // len(GENERIC_CLASSES) + 1))
    return tuple(TRACK_CLASSES.get(name) or next(generic) for name in names)


def _join(words: Sequence[str]) -> str:
    if len(words) <= 2:
        return " and ".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


# --- the generic layout --------------------------------------------------------------------


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[Series],
    categories: Sequence[Category],
    stacked: bool = False,
    format_value: Callable[[float], str] = one_decimal,
    tick_formats: Sequence[Callable[[float], str]] = (),
    ticks: Sequence[tuple[float, str]] | None = None,
    domain_max: float | None = None,
    row_header: str = "",
    total_header: str = "Total",
    table_caption: str | None = None,
    axis_label: str = "",
    width: float = VIEW_WIDTH,
    font_size: float = FONT_SIZE,
) -> Chart:
    """Lay out a horizontal bar chart, grouped or stacked, on an axis from 0.

    ticks: fixed (value, label) pairs (the skill scale). Without them the axis gets round steps,
    as many as fit (at most 5 intervals), labelled with the first of tick_formats (default:
    format_value alone) whose labels fit: money charts pass (money, money_short) and so read
    "$50,000" where there is room and "$50k" where there is not. domain_max defaults to the
    last tick. Values must be finite, ≥ 0 and ≤ domain_max. A stacked chart labels and tabulates
    each bar's total too (column total_header).
    """
    validate_id(chart_id)
    series = tuple(series)
    categories = tuple(categories)
    if not title.strip() or not description.strip():
        raise ValueError("a chart needs a title and a description")
    if not series:
        raise ValueError("a chart needs at least one series")
    if not categories:
        raise ValueError("a chart needs at least one category")
    for category in categories:
        if len(category.values) != len(series):
            raise ValueError(f"{category.label!r}: {len(series)} values expected")
        for value in category.values:
            if isinstance(value, bool) or not math.isfinite(value) or value < 0:
                raise ValueError(f"{category.label!r}: values must be finite and ≥ 0")

    fs = font_size
    pad = fs * 0.4
    gap = fs * 0.3  # between a bar's end and its value label, a label and the plot
    bar_height = fs * 1.3
    bar_gap = fs * 0.2
    group_gap = fs * 0.9
    line_height = fs * 1.25
    baseline = fs * 0.35  # from a bar's middle to the baseline of text centred on it

    def end_value(category: Category) -> float:
        return sum(category.values) if stacked else max(category.values)

    data_max = max(end_value(c) for c in categories)
    if stacked:
        end_labels = [format_value(sum(c.values)) for c in categories]
    else:
        end_labels = [format_value(v) for c in categories for v in c.values]
    end_label_width = max(text_width(label, fs) for label in end_labels)

    label_width = max(text_width(c.label, fs, bold=True) for c in categories)
    in_gutter = label_width <= width * GUTTER_SHARE

    def margins(tick_labels: Sequence[str]) -> tuple[float, float]:
        first, last = text_width(tick_labels[0], fs) / 2, text_width(tick_labels[-1], fs) / 2
        left = pad + (label_width + gap if in_gutter else 0)
        return max(left, pad + first), width - pad - max(end_label_width + gap, last)

    # Ticks: the caller's, or the most round steps (at most 5 intervals) whose labels fit.
    if ticks is not None:
        tick_pairs = tuple((float(v), label) for v, label in ticks)
    else:
        tick_pairs = ()
        candidates = [
            (nice_ticks(data_max, intervals), fmt)
            for intervals in range(5, 0, -1)
            for fmt in (tuple(tick_formats) or (format_value,))
        ]
        for values, fmt in candidates:
            labels = [fmt(v) for v in values]
            left, right = margins(labels)
            spacing = (right - left) / (len(values) - 1)
            tick_pairs = tuple(zip(values, labels, strict=True))
            if spacing >= max(text_width(label, fs) for label in labels) + fs * 0.6:
                break
    if len(tick_pairs) < 2:
        raise ValueError("an axis needs at least two ticks")
    top = float(domain_max) if domain_max is not None else tick_pairs[-1][0]
    if top <= 0:
        raise ValueError("the axis must end above 0")
    if data_max > top + 1e-9:
        raise ValueError(f"a value ({data_max}) is beyond the axis (0–{top})")

    plot_left, plot_right = margins([label for _, label in tick_pairs])
    plot_width = plot_right - plot_left

    def x_of(value: float) -> float:
        return plot_left + plot_width * value / top

    # Legend: swatch and label per series, wrapping to further rows when the width runs out.
    legend: list[LegendEntry] = []
    swatch = fs * 0.8
    x, row_top = pad, pad
    for each in series:
        entry_width = swatch + gap + text_width(each.label, fs)
        if legend and x + entry_width > width - pad:
            x, row_top = pad, row_top + line_height
        legend.append(
            LegendEntry(
                label=each.label,
                css_class=each.css_class,
                x=_r(x),
                y=_r(row_top + (line_height - swatch) / 2),
                size=_r(swatch),
                text_x=_r(x + swatch + gap),
                text_y=_r(row_top + line_height / 2 + baseline),
            )
        )
        x += entry_width + fs
    y = row_top + line_height + group_gap * 0.75

    plot_top = y
    bars: list[Bar] = []
    value_labels: list[ValueLabel] = []
    category_labels: list[CategoryLabel] = []
    # Vertical spans the grid covers: the whole plot with a gutter; with labels above the bars,
    # each group's bars only, so no line runs through a label.
    bands: list[tuple[float, float]] = []
    label_x = plot_left - gap if in_gutter else pad
    for category in categories:
        y += group_gap / 2
        if not in_gutter:
            lines = wrap(category.label, width - 2 * pad, fs, bold=True)
            category_labels.append(
                CategoryLabel(
                    text=category.label,
                    anchor="start",
                    lines=tuple(
                        TextLine(_r(label_x), _r(y + fs * 0.85 + i * line_height), line)
                        for i, line in enumerate(lines)
                    ),
                )
            )
            y += len(lines) * line_height + bar_gap
        group_top = y
        rows = 1 if stacked else len(series)
        start = plot_left
        for index, (each, value) in enumerate(zip(series, category.values, strict=True)):
            bar_y = y if stacked else y + index * (bar_height + bar_gap)
            bar_x = start if stacked else plot_left
            bar_width = x_of(value) - plot_left
            bars.append(
                Bar(
                    x=_r(bar_x),
                    y=_r(bar_y),
                    width=_r(bar_width),
                    height=_r(bar_height),
                    value=value,
                    value_label=format_value(value),
                    category=category.label,
                    series_label=each.label,
                    css_class=each.css_class,
                )
            )
            if stacked:
                start += bar_width
            else:
                value_labels.append(
                    ValueLabel(
                        _r(bar_x + bar_width + gap),
                        _r(bar_y + bar_height / 2 + baseline),
                        format_value(value),
                    )
                )
        if stacked:
            value_labels.append(
                ValueLabel(
                    _r(x_of(sum(category.values)) + gap),
                    _r(y + bar_height / 2 + baseline),
                    format_value(sum(category.values)),
                )
            )
        y += rows * bar_height + (rows - 1) * bar_gap
        if in_gutter:
            middle = (group_top + y) / 2
            category_labels.append(
                CategoryLabel(
                    text=category.label,
                    anchor="end",
                    lines=(TextLine(_r(label_x), _r(middle + baseline), category.label),),
                )
            )
        y += group_gap / 2
        bands.append((group_top - bar_gap, y))
    plot_bottom = y
    if in_gutter:
        bands = [(plot_top, plot_bottom)]

    tick_length = fs * 0.3
    gridlines = tuple(
        Line(_r(x_of(value)), _r(top_y), _r(x_of(value)), _r(bottom_y))
        for top_y, bottom_y in bands
        for value, _ in tick_pairs
        if value > 0
    )
    axis_lines = (
        *(Line(_r(plot_left), _r(t), _r(plot_left), _r(b)) for t, b in bands),
        Line(_r(plot_left), _r(plot_bottom), _r(plot_right), _r(plot_bottom)),
    )
    tick_marks = tuple(
        Line(_r(x_of(v)), _r(plot_bottom), _r(x_of(v)), _r(plot_bottom + tick_length))
        for v, _ in tick_pairs
    )
    tick_label_y = plot_bottom + tick_length + fs * 1.05
    tick_objects = tuple(
        Tick(value=value, x=_r(x_of(value)), label=label, label_y=_r(tick_label_y))
        for value, label in tick_pairs
    )
    height = tick_label_y + fs * 0.35
    axis_label_y = 0.0
    if axis_label:
        axis_label_y = height + line_height * 0.9
        height = axis_label_y + fs * 0.35
    height += pad

    headers = (row_header, *(s.label for s in series))
    if stacked:
        headers = (*headers, total_header)
    table_rows = tuple(
        TableRow(
            header=c.label,
            cells=(
                *(format_value(v) for v in c.values),
                *((format_value(sum(c.values)),) if stacked else ()),
            ),
        )
        for c in categories
    )

    return Chart(
        id=chart_id,
        title=title,
        description=description,
        width=_r(width),
        height=_r(math.ceil(height)),
        font_size=_r(fs),
        stacked=stacked,
        domain_max=top,
        plot_left=_r(plot_left),
        plot_right=_r(plot_right),
        plot_top=_r(plot_top),
        plot_bottom=_r(plot_bottom),
        series=series,
        bars=tuple(bars),
        value_labels=tuple(value_labels),
        category_labels=tuple(category_labels),
        ticks=tick_objects,
        gridlines=gridlines,
        axis_lines=axis_lines,
        tick_marks=tick_marks,
        legend=tuple(legend),
        table_caption=table_caption or title,
        table_headers=headers,
        table_rows=table_rows,
        axis_label=axis_label,
        axis_label_x=_r((plot_left + plot_right) / 2),
        axis_label_y=_r(axis_label_y),
    )


# --- the app's charts ----------------------------------------------------------------------


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

    The axis runs 0–4 with the scale's words; values (and the table) show one decimal. The
    description, unless given, says how many categories meet the target and the largest gap.
    """
    rows = tuple(rows)
    for row in rows:
        for value in (row.person, row.required):
            if isinstance(value, bool) or not 0 <= value <= SCALE_MAX:
                raise ValueError(f"{row.label!r}: proficiency must be 0–{SCALE_MAX}, got {value}")
    if description is None:
        description = _profile_summary(rows, track_name)
    title = title or f"Your skills against {track_name} requirements"
    return bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
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


def _profile_summary(rows: Sequence[ProfileRow], track_name: str) -> str:
    if not rows:
        return f"No skill categories to compare for {track_name}."
    # Compare the numbers as the table shows them, so words and table never disagree.
    gaps = [
        (float(one_decimal(r.required)) - float(one_decimal(r.person)), r)
        for r in rows
        if float(one_decimal(r.person)) < float(one_decimal(r.required))
    ]
    count = len(rows)
    noun = "category" if count == 1 else "categories"
    if not gaps:
        return f"You meet or exceed the target level in every skill category for {track_name}."
    size, worst = max(gaps, key=lambda pair: pair[0])
    met = count - len(gaps)
    return (
        f"You meet the target level in {met} of {count} skill {noun} for {track_name}; "
        f"the largest gap is {worst.label} ({one_decimal(worst.person)} against "
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
) -> Chart:
    """Total compensation per company tier, one bar per track (series in first-seen order)."""
    groups = tuple((tier, dict(values)) for tier, values in groups)
    names: list[str] = []
    for _, values in groups:
        names.extend(name for name in values if name not in names)
    for tier, values in groups:
        if missing := [name for name in names if name not in values]:
            raise ValueError(f"{tier!r} has no figure for {', '.join(missing)}")
    if description is None:
        description = _compensation_summary(groups, names)
    return bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        series=tuple(
            Series(name, css) for name, css in zip(names, series_classes(names), strict=True)
        ),
        categories=tuple(
            Category(tier, tuple(values[name] for name in names)) for tier, values in groups
        ),
        format_value=money,
        tick_formats=(money, money_short),
        row_header="Company tier",
        table_caption=f"{title} (median, US dollars a year)",
        axis_label="Total compensation, US dollars a year",
        width=width,
        font_size=font_size,
    )


def _compensation_summary(
    groups: Sequence[tuple[str, Mapping[str, float]]], names: Sequence[str]
) -> str:
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


COMPONENT_SERIES = (
    Series("Base salary", "series-base"),
    Series("Equity per year", "series-equity"),
    Series("Bonus", "series-bonus"),
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
    if description is None:
        description = _components_summary(rows)
    return bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
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


def _components_summary(rows: Sequence[CompensationRow]) -> str:
    if not rows:
        return "No compensation figures to compare."
    totals = [r.total for r in rows]
    span = f"totals range from {money(min(totals))} to {money(max(totals))}"
    if all(r.base >= r.equity_per_year + r.bonus for r in rows):
        return f"Base salary is most of the pay in every row; {span}."
    return f"Each total split into base salary, equity per year and bonus; {span}."
