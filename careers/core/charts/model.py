"""The chart as data: what a bar chart is made from (ChartSpec) and what it comes out as (Chart).

Text size: the drawing scales with the page, so its text does too. On a 375 px phone a 640-unit
chart is drawn about 343 px wide, so FONT_SIZE 20 reads ≈ 10.7 px there and 16 px at charts.css's
32rem cap on wide screens; 14 would shrink to ≈ 7.5 px on a phone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from careers.core.charts.text import number, one_decimal, r2, validate_id

VIEW_WIDTH = 640
FONT_SIZE = 20

# --- what to draw --------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    label: str  # shown in the legend and as a table column header
    css_class: str  # e.g. "series-ai"; charts.css colours it


@dataclass(frozen=True)
class Category:
    label: str
    values: tuple[float, ...]  # one per series, in series order
    # Where a stacked category's first segment begins on the axis: a timeline's phase starts
    # where the one before it ends. Grouped bars always start at 0.
    start: float = 0.0


@dataclass(frozen=True)
class ChartSpec:
    """Everything a bar chart is made from; each layout step reads what it needs of it.

    ticks: fixed (value, label) pairs (the skill scale). Without them the axis gets round steps,
    as many as fit (at most 5 intervals), labelled with the first of tick_formats (default:
    format_value alone) whose labels fit. domain_max defaults to the last tick. A stacked chart
    labels and tabulates each bar's total too (column total_header).
    """

    chart_id: str
    title: str
    description: str
    series: tuple[Series, ...]
    categories: tuple[Category, ...]
    stacked: bool = False
    format_value: Callable[[float], str] = one_decimal
    tick_formats: tuple[Callable[[float], str], ...] = ()
    ticks: tuple[tuple[float, str], ...] | None = None
    domain_max: float | None = None
    row_header: str = ""
    total_header: str = "Total"
    table_caption: str = ""  # empty: the title
    axis_label: str = ""
    width: float = VIEW_WIDTH
    font_size: float = FONT_SIZE

    def __post_init__(self) -> None:
        """Refuse what cannot be drawn; frozen, so a spec that exists is a valid one."""
        validate_id(self.chart_id)
        if not self.title.strip() or not self.description.strip():
            raise ValueError("a chart needs a title and a description")
        if not self.series:
            raise ValueError("a chart needs at least one series")
        if not self.categories:
            raise ValueError("a chart needs at least one category")
        for category in self.categories:
            if len(category.values) != len(self.series):
                raise ValueError(f"{category.label!r}: {len(self.series)} values expected")
            for value in (*category.values, category.start):
                if isinstance(value, bool) or not math.isfinite(value) or value < 0:
                    raise ValueError(f"{category.label!r}: values must be finite and ≥ 0")
            if category.start and not self.stacked:
                raise ValueError(f"{category.label!r}: only a stacked chart's bars start past 0")

    # Spacing in proportion to the font, so a bigger font keeps the look.
    @property
    def pad(self) -> float:
        return self.font_size * 0.4

    @property
    def gap(self) -> float:  # between a bar's end and its value label, a label and the plot
        return self.font_size * 0.3

    @property
    def bar_height(self) -> float:
        return self.font_size * 1.3

    @property
    def bar_gap(self) -> float:
        return self.font_size * 0.2

    @property
    def group_gap(self) -> float:
        return self.font_size * 0.9

    @property
    def line_height(self) -> float:
        return self.font_size * 1.25

    @property
    def baseline(self) -> float:  # from a bar's middle to the baseline of text centred on it
        return self.font_size * 0.35


# --- what is drawn -------------------------------------------------------------------------


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
class TableRow:
    header: str  # the row's <th scope="row">
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Frame:
    """The horizontal decisions every later step shares: where labels go, the axis, the plot."""

    in_gutter: bool
    ticks: tuple[tuple[float, str], ...]
    domain_max: float
    left: float
    right: float

    def x_of(self, value: float) -> float:
        return self.left + (self.right - self.left) * value / self.domain_max


@dataclass(frozen=True)
class Chart:
    """A laid-out chart: the include (templates/careers/includes/bar_chart.html) prints it."""

    spec: ChartSpec
    frame: Frame
    height: int  # whole units, so the viewBox stays short
    plot_top: float
    plot_bottom: float
    bars: tuple[Bar, ...]
    value_labels: tuple[ValueLabel, ...]
    category_labels: tuple[CategoryLabel, ...]
    ticks: tuple[Tick, ...]
    gridlines: tuple[Line, ...]  # vertical, at each tick but 0, beside the bars only
    axis_lines: tuple[Line, ...]  # the 0 line beside the bars, and the axis along the bottom
    tick_marks: tuple[Line, ...]
    table_headers: tuple[str, ...]  # the first heads the row-header column
    table_rows: tuple[TableRow, ...]
    axis_label_x: float = 0.0
    axis_label_y: float = 0.0

    # The spec's inputs, read as the chart's own by the include and the tests.
    id = property(lambda self: self.spec.chart_id)
    title = property(lambda self: self.spec.title)
    description = property(lambda self: self.spec.description)
    series = property(lambda self: self.spec.series)
    stacked = property(lambda self: self.spec.stacked)
    width = property(lambda self: self.spec.width)
    font_size = property(lambda self: self.spec.font_size)
    axis_label = property(lambda self: self.spec.axis_label)
    table_caption = property(lambda self: self.spec.table_caption or self.spec.title)
    plot_left = property(lambda self: r2(self.frame.left))
    plot_right = property(lambda self: r2(self.frame.right))
    domain_max = property(lambda self: self.frame.domain_max)
    title_id = property(lambda self: f"{self.id}-title")
    desc_id = property(lambda self: f"{self.id}-desc")
    caption_id = property(lambda self: f"{self.id}-table")
    view_box = property(lambda self: f"0 0 {number(self.width)} {number(self.height)}")

    @property
    def element_ids(self) -> tuple[str, ...]:
        """Every id the include writes into the page for this chart."""
        return (self.id, self.title_id, self.desc_id, self.caption_id)
