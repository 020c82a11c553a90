"""The generic bar chart, a ChartSpec laid out into a Chart in small steps.

Horizontal bars on a linear axis from 0, grouped (one bar per series side by side) or stacked
(series end to end), in SVG user units (the viewBox; CSS scales the drawing to its container):
one block per category, its label in a left gutter when every label fits GUTTER_SHARE of the
width and otherwise on its own line(s) above its bars (the grid then stops short of the labels);
tick labels under the plot, as many round steps as fit. Only text that must line up with the
bars is placed here: the legend and the captions are HTML, which the browser flows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from careers.core.charts.model import (
    Bar,
    Category,
    CategoryLabel,
    Chart,
    ChartSpec,
    Frame,
    Line,
    TableRow,
    TextLine,
    Tick,
    ValueLabel,
)
from careers.core.charts.text import nice_ticks, r2, text_width, widest, wrap

GUTTER_SHARE = 0.3
TICK_LENGTH = 0.3  # em: long enough to see, short enough to keep the tick labels close


@dataclass(frozen=True)
class Block:
    """One category's slice of the drawing, from the gap above its label to the gap below."""

    label: CategoryLabel
    bars: tuple[Bar, ...]
    value_labels: tuple[ValueLabel, ...]
    band: tuple[float, float]  # what the grid covers when the label sits above the bars
    bottom: float


def bar_ends(spec: ChartSpec) -> tuple[float, ...]:
    """Where each bar ends, in data units: every value, or where each stack's total takes it."""
    if spec.stacked:
        return tuple(c.start + sum(c.values) for c in spec.categories)
    return tuple(value for c in spec.categories for value in c.values)


def label_widths(spec: ChartSpec) -> tuple[float, float]:
    """The estimated widths of the widest category label (bold) and of the widest end label."""
    fs = spec.font_size
    categories = widest((c.label for c in spec.categories), fs, bold=True)
    ends = (sum(c.values) for c in spec.categories) if spec.stacked else bar_ends(spec)
    return categories, widest((spec.format_value(v) for v in ends), fs)


def labels_in_gutter(spec: ChartSpec) -> bool:
    """Whether every category label fits a gutter left of the bars (else each goes above)."""
    return label_widths(spec)[0] <= spec.width * GUTTER_SHARE


def plot_span(spec: ChartSpec, in_gutter: bool, tick_labels: list[str]) -> tuple[float, float]:
    """The plot's ends, leaving room for the gutter, the end labels and half of each end tick."""
    fs, pad = spec.font_size, spec.pad
    category_label, end_label = label_widths(spec)
    gutter = category_label + spec.gap if in_gutter else 0
    left = pad + max(gutter, text_width(tick_labels[0], fs) / 2)
    return left, spec.width - pad - max(end_label + spec.gap, text_width(tick_labels[-1], fs) / 2)


def round_ticks(spec: ChartSpec) -> list[tuple[tuple[float, str], ...]]:
    """Axes to try, best first: most intervals, then the first of tick_formats (the fullest)."""
    formats = spec.tick_formats or (spec.format_value,)
    data_max = max(bar_ends(spec))
    return [
        tuple((value, fmt(value)) for value in nice_ticks(data_max, intervals))
        for intervals in range(5, 0, -1)
        for fmt in formats
    ]


def ticks_fit(spec: ChartSpec, in_gutter: bool, ticks: tuple[tuple[float, str], ...]) -> bool:
    """Whether evenly spread tick labels leave a gap between neighbours."""
    labels = [label for _, label in ticks]
    left, right = plot_span(spec, in_gutter, labels)
    room = (right - left) / (len(ticks) - 1)
    return room >= widest(labels, spec.font_size) + spec.font_size * 0.6


def choose_frame(spec: ChartSpec) -> Frame:
    """Decide the label position, the axis and the plot's ends."""
    in_gutter = labels_in_gutter(spec)
    if spec.ticks is not None:
        ticks = tuple((float(value), label) for value, label in spec.ticks)
    else:
        tries = round_ticks(spec)
        ticks = next((t for t in tries if ticks_fit(spec, in_gutter, t)), tries[-1])
    if len(ticks) < 2:
        raise ValueError("an axis needs at least two ticks")
    top = float(spec.domain_max) if spec.domain_max is not None else ticks[-1][0]
    if top <= 0:
        raise ValueError("the axis must end above 0")
    if (data_max := max(bar_ends(spec))) > top + 1e-9:
        raise ValueError(f"a value ({data_max}) is beyond the axis (0–{top})")
    left, right = plot_span(spec, in_gutter, [label for _, label in ticks])
    return Frame(in_gutter, ticks, top, left, right)


def label_above(spec: ChartSpec, category: Category, top: float) -> CategoryLabel:
    """The category's name across the full width from top down, wrapped at word boundaries."""
    lines = wrap(category.label, spec.width - 2 * spec.pad, spec.font_size, bold=True)
    first = top + spec.font_size * 0.85
    return CategoryLabel(
        category.label,
        "start",
        tuple(
            TextLine(r2(spec.pad), r2(first + i * spec.line_height), text)
            for i, text in enumerate(lines)
        ),
    )


def label_beside(
    spec: ChartSpec, frame: Frame, category: Category, top: float, bottom: float
) -> CategoryLabel:
    """The category's name right-aligned in the gutter, level with the middle of its bars."""
    line = TextLine(
        r2(frame.left - spec.gap), r2((top + bottom) / 2 + spec.baseline), category.label
    )
    return CategoryLabel(category.label, "end", (line,))


def row_top(spec: ChartSpec, top: float, index: int) -> float:
    """The top of series index's bar in a block whose bars start at top."""
    return top if spec.stacked else top + index * (spec.bar_height + spec.bar_gap)


def place_bars(spec: ChartSpec, frame: Frame, category: Category, top: float) -> tuple[Bar, ...]:
    """The category's bars: one row per series, or one row of segments end to end."""
    bars, start = [], frame.x_of(category.start)
    for index, (each, value) in enumerate(zip(spec.series, category.values, strict=True)):
        width = frame.x_of(value) - frame.left
        bars.append(
            Bar(
                x=r2(start),
                y=r2(row_top(spec, top, index)),
                width=r2(width),
                height=r2(spec.bar_height),
                value=value,
                value_label=spec.format_value(value),
                category=category.label,
                series_label=each.label,
                css_class=each.css_class,
            )
        )
        if spec.stacked:
            start += width
    return tuple(bars)


def value_labels(
    spec: ChartSpec, frame: Frame, category: Category, top: float
) -> tuple[ValueLabel, ...]:
    """Each bar's value just past its end; a stack's total past the stack instead."""
    shown = [sum(category.values)] if spec.stacked else category.values
    return tuple(
        ValueLabel(
            r2(frame.x_of(category.start + value) + spec.gap),
            r2(row_top(spec, top, index) + spec.bar_height / 2 + spec.baseline),
            spec.format_value(value),
        )
        for index, value in enumerate(shown)
    )


def place_block(spec: ChartSpec, frame: Frame, category: Category, y: float) -> Block:
    """Lay out one category below y: its label (above or beside), bars and value labels."""
    y += spec.group_gap / 2
    above = None if frame.in_gutter else label_above(spec, category, y)
    if above:
        y += len(above.lines) * spec.line_height + spec.bar_gap
    rows = 1 if spec.stacked else len(spec.series)
    bottom = y + rows * spec.bar_height + (rows - 1) * spec.bar_gap
    return Block(
        label=above or label_beside(spec, frame, category, y, bottom),
        bars=place_bars(spec, frame, category, y),
        value_labels=value_labels(spec, frame, category, y),
        band=(y - spec.bar_gap, bottom + spec.group_gap / 2),
        bottom=bottom + spec.group_gap / 2,
    )


def place_blocks(spec: ChartSpec, frame: Frame) -> tuple[Block, ...]:
    """The category blocks one under another, from the top padding down."""
    blocks, y = [], spec.pad
    for category in spec.categories:
        blocks.append(place_block(spec, frame, category, y))
        y = blocks[-1].bottom
    return tuple(blocks)


def grid(frame: Frame, blocks: tuple[Block, ...], top: float) -> tuple[tuple[Line, ...], ...]:
    """Gridlines at each tick but 0, and the 0 line, beside the bars and never through a label."""
    # Beside a gutter the lines run down the whole plot; with labels above, group by group.
    bands = [(top, blocks[-1].bottom)] if frame.in_gutter else [b.band for b in blocks]
    xs = [r2(frame.x_of(value)) for value, _ in frame.ticks if value > 0]
    left = r2(frame.left)
    gridlines = tuple(Line(x, r2(y1), x, r2(y2)) for y1, y2 in bands for x in xs)
    return gridlines, tuple(Line(left, r2(y1), left, r2(y2)) for y1, y2 in bands)


def tick_label_y(spec: ChartSpec, bottom: float) -> float:
    """The baseline of the tick labels under an axis at bottom."""
    return bottom + spec.font_size * (TICK_LENGTH + 1.05)  # under the mark, an ascent down


def ticks_under(
    spec: ChartSpec, frame: Frame, bottom: float
) -> tuple[tuple[Line, ...], tuple[Tick, ...]]:
    """The tick marks hanging from the axis at bottom, and their labels under them."""
    label_y = r2(tick_label_y(spec, bottom))
    xs = [(r2(frame.x_of(value)), value, label) for value, label in frame.ticks]
    mark_end = r2(bottom + spec.font_size * TICK_LENGTH)
    return (
        tuple(Line(x, r2(bottom), x, mark_end) for x, _, _ in xs),
        tuple(Tick(value, x, label, label_y) for x, value, label in xs),
    )


def height_below(spec: ChartSpec, bottom: float) -> tuple[float, int]:
    """The axis label's baseline (0 without one), and the drawing's height, whole units."""
    descent = spec.font_size * 0.35
    end = tick_label_y(spec, bottom) + descent
    label_y = end + spec.line_height * 0.9 if spec.axis_label else 0.0
    return r2(label_y), math.ceil((label_y + descent if spec.axis_label else end) + spec.pad)


def data_table(spec: ChartSpec) -> tuple[tuple[str, ...], tuple[TableRow, ...]]:
    """The table alternative: its column headers and a row per category, totals if stacked."""
    total = (spec.total_header,) if spec.stacked else ()
    headers = (spec.row_header, *(s.label for s in spec.series), *total)
    fmt = spec.format_value
    rows = tuple(
        TableRow(c.label, (*map(fmt, c.values), *((fmt(sum(c.values)),) if total else ())))
        for c in spec.categories
    )
    return headers, rows


def bar_chart(spec: ChartSpec) -> Chart:
    """Lay out a horizontal bar chart, grouped or stacked, on an axis from 0."""
    frame = choose_frame(spec)
    blocks = place_blocks(spec, frame)
    bottom = blocks[-1].bottom
    gridlines, zero_lines = grid(frame, blocks, spec.pad)
    tick_marks, ticks = ticks_under(spec, frame, bottom)
    axis_label_y, height = height_below(spec, bottom)
    axis = Line(r2(frame.left), r2(bottom), r2(frame.right), r2(bottom))
    headers, rows = data_table(spec)
    return Chart(
        spec=spec,
        frame=frame,
        height=height,
        plot_top=r2(spec.pad),
        plot_bottom=r2(bottom),
        bars=tuple(bar for block in blocks for bar in block.bars),
        value_labels=tuple(label for block in blocks for label in block.value_labels),
        category_labels=tuple(block.label for block in blocks),
        ticks=ticks,
        gridlines=gridlines,
        axis_lines=(*zero_lines, axis),
        tick_marks=tick_marks,
        table_headers=headers,
        table_rows=rows,
        axis_label_x=r2((frame.left + frame.right) / 2),
        axis_label_y=axis_label_y,
    )
