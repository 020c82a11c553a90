"""Chart geometry (careers/core/charts/) and its template (careers/includes/bar_chart.html).

No database: the geometry is plain Python and the include renders with Django's template engine
under pytest-django's settings. The layout's steps are tested one by one first, then the charts
they make together, then the markup.
"""

import dataclasses
import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from careers.core import charts
from careers.core.charts import (
    GUTTER_SHARE,
    SCALE_WORDS,
    Category,
    Chart,
    ChartSpec,
    CompensationRow,
    ProfileRow,
    Series,
    bar_chart,
    compensation_chart,
    compensation_components_chart,
    money,
    money_short,
    nice_step,
    nice_ticks,
    one_decimal,
    series_classes,
    skill_profile_chart,
    slugify_id,
    text_width,
    validate_id,
    wrap,
)
from careers.core.charts import layout as steps
from careers.core.charts.kinds import compensation_summary, components_summary, profile_summary
from careers.core.charts.model import Frame

INCLUDE = "careers/includes/bar_chart.html"
TOL = 0.02  # geometry is rounded to two decimals

GROUPS = [
    ("FAANG+", {"AI Engineer": 210000, "ML Engineer": 172000}),
    ("Unicorn Startups", {"AI Engineer": 180000, "ML Engineer": 155000}),
    ("Non-Tech Enterprises", {"AI Engineer": 150000, "ML Engineer": 130000}),
]
COMPONENTS = [
    CompensationRow("AI Engineer", "FAANG+", 165000, 35000, 10000),
    CompensationRow("AI Engineer", "Unicorn Startups", 140000, 30000, 10000),
    CompensationRow("AI Engineer", "Non-Tech Enterprises", 125000, 15000, 10000),
    CompensationRow("ML Engineer", "FAANG+", 140000, 25000, 7000),
    CompensationRow("ML Engineer", "Unicorn Startups", 125000, 22000, 8000),
    CompensationRow("ML Engineer", "Non-Tech Enterprises", 110000, 12000, 8000),
]
PROFILE = [
    ProfileRow("Languages", 3.25, 3.0),
    ProfileRow("Frameworks", 2.0, 3.5),
    ProfileRow("LLM & Generative AI", 0.0, 2.75),
    ProfileRow("Serving & Optimization", 4.0, 2.0),
    ProfileRow("Cloud/MLOps", 1.666, 2.333),
]


def profile_chart(**kwargs) -> Chart:
    return skill_profile_chart(PROFILE, "AI Engineer", required_label="L5-L6 requires", **kwargs)


def bars_of(chart: Chart, series_label: str):
    return [bar for bar in chart.bars if bar.series_label == series_label]


def plot_width(chart: Chart) -> float:
    return chart.plot_right - chart.plot_left


# --- formatting and helpers -----------------------------------------------------------------------


def test_formats():
    assert money(210000) == "$210,000"
    assert money(0) == "$0"
    assert [money_short(v) for v in (0, 250, 50000, 150000, 1_500_000, 2_000_000_000)] == [
        "$0",
        "$250",
        "$50k",
        "$150k",
        "$1.5M",
        "$2B",
    ]
    assert one_decimal(2.25) == "2.3"
    assert one_decimal(2.35) == "2.4"
    assert one_decimal(0) == "0.0"
    assert one_decimal(4) == "4.0"
    assert one_decimal(1.666) == "1.7"


@pytest.mark.parametrize(
    ("raw", "step"),
    [(42000, 50000), (40000, 50000), (0.8, 1), (1.1, 2), (2.1, 2.5), (3, 5), (7, 10), (0, 1)],
)
def test_nice_step(raw, step):
    assert nice_step(raw) == pytest.approx(step)


def test_nice_ticks_cover_the_maximum_with_round_steps():
    assert nice_ticks(210000) == (0, 50000, 100000, 150000, 200000, 250000)
    assert nice_ticks(200000) == (0, 50000, 100000, 150000, 200000)
    assert nice_ticks(0) == (0.0, 1.0)


@given(st.floats(min_value=1e-3, max_value=1e9), st.integers(min_value=1, max_value=8))
def test_nice_ticks_property(maximum, intervals):
    ticks = nice_ticks(maximum, intervals)
    assert ticks[0] == 0
    assert ticks[-1] >= maximum * (1 - 1e-9)
    assert len(ticks) - 1 <= intervals
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1


def test_text_width_grows_with_text_and_font():
    assert text_width("", 20) == 0
    assert text_width("Proficient", 20) > text_width("None", 20)
    assert text_width("Expert", 28) > text_width("Expert", 14)
    assert text_width("Expert", 20, bold=True) > text_width("Expert", 20)
    assert text_width("MW", 10) > text_width("il", 10)
    assert text_width("給与", 10) == 20  # wide characters take a full em


# --- ids ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["compensation", "skill-profile", "ai-l5-l6", "c2"])
def test_good_ids(good):
    assert validate_id(good) == good


@pytest.mark.parametrize(
    "bad", ["", "Compensation", "1chart", "-chart", "chart-", "a--b", "a b", 'x"><script>', "é"]
)
def test_unsafe_ids_are_refused(bad):
    with pytest.raises(ValueError, match="chart id"):
        validate_id(bad)
    with pytest.raises(ValueError, match="chart id"):
        compensation_chart(GROUPS, chart_id=bad)


@pytest.mark.parametrize(
    ("text", "slug"),
    [("ML Engineer / L5-L6", "ml-engineer-l5-l6"), ("2026 pay", "chart-2026-pay"), ("", "chart")],
)
def test_slugify_id(text, slug):
    assert slugify_id(text) == slug
    assert validate_id(slugify_id(text))


def test_ids_within_a_chart_are_distinct_and_derived_from_its_id():
    chart = compensation_chart(GROUPS, chart_id="pay")
    assert chart.element_ids == ("pay", "pay-title", "pay-desc", "pay-table")
    assert len(set(chart.element_ids)) == len(chart.element_ids)


# --- the layout's steps, one at a time ------------------------------------------------------------

SERIES = (Series("A", "series-1"), Series("B", "series-2"), Series("C", "series-3"))


def make_spec(*rows: tuple[str, tuple[float, ...]], **options) -> ChartSpec:
    """A spec from (category, values) rows, with as many series as the first row has values."""
    return ChartSpec(
        chart_id="test",
        title="Test",
        description="A test chart.",
        series=SERIES[: len(rows[0][1])],
        categories=tuple(Category(label, tuple(values)) for label, values in rows),
        **options,
    )


TWO = make_spec(("x", (4.0, 2.0)), ("y", (1.0, 3.0)))  # font size 20, width 640
STACKED = dataclasses.replace(TWO, stacked=True)
# 0–8 drawn over 100–500: 50 units per step of 1.
FRAME = Frame(
    in_gutter=True,
    ticks=((0.0, "0"), (4.0, "4"), (8.0, "8")),
    domain_max=8.0,
    left=100.0,
    right=500.0,
)


def test_the_package_offers_what_its_callers_use():
    # careers/roadmap/page.py and careers/web/catalog_pages.py write charts.X
    used = {"Chart", "ProfileRow", "CompensationRow", "skill_profile_chart", "compensation_chart"}
    used |= {"TimelinePhase", "plan_timeline_chart"}
    assert used | {"compensation_components_chart"} <= set(charts.__all__)
    assert all(hasattr(charts, name) for name in charts.__all__)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"chart_id": "Bad id"}, "chart id"),
        ({"title": " "}, "title and a description"),
        ({"description": ""}, "title and a description"),
        ({"series": ()}, "at least one series"),
        ({"categories": ()}, "at least one category"),
        ({"categories": (Category("x", (1.0,)),)}, "2 values expected"),
        ({"categories": (Category("x", (1.0, -1.0)),)}, "finite and ≥ 0"),
        ({"categories": (Category("x", (1.0, math.inf)),)}, "finite and ≥ 0"),
        ({"categories": (Category("x", (1.0, math.nan)),)}, "finite and ≥ 0"),
        ({"categories": (Category("x", (1.0, True)),)}, "finite and ≥ 0"),
        ({"categories": (Category("x", (1.0, 1.0), start=-1.0),)}, "finite and ≥ 0"),
        ({"categories": (Category("x", (1.0, 1.0), start=2.0),)}, "only a stacked chart"),
    ],
)
def test_a_spec_that_cannot_be_drawn_is_refused(change, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(TWO, **change)


def test_spacing_follows_the_font_size():
    small, big = dataclasses.replace(TWO, font_size=10), dataclasses.replace(TWO, font_size=20)
    for name in ("pad", "gap", "bar_height", "bar_gap", "group_gap", "line_height", "baseline"):
        assert getattr(big, name) == pytest.approx(2 * getattr(small, name)), name
        assert getattr(small, name) > 0, name


@pytest.mark.parametrize(
    ("spec", "ends"), [(TWO, (4, 2, 1, 3)), (STACKED, (6, 4))], ids=["grouped", "stacked"]
)
def test_bars_end_at_each_value_or_at_each_stack_total(spec, ends):
    assert steps.bar_ends(spec) == ends


def test_label_widths_are_the_widest_category_in_bold_and_the_widest_end_label():
    spec = make_spec(("Short", (1.0,)), ("A longer one", (10.0,)))
    assert steps.label_widths(spec) == (
        text_width("A longer one", 20, bold=True),
        text_width("10.0", 20),
    )


@pytest.mark.parametrize(
    ("labels", "width", "in_gutter"),
    [
        (["SQL", "Python"], 640, True),
        (["Unicorn Startups"], 640, True),  # 191.5 of the 192 units
        (["Non-Tech Enterprises"], 640, False),
        (["SQL", "Non-Tech Enterprises"], 640, False),  # one too long sends them all above
        (["Non-Tech Enterprises"], 1200, True),
    ],
)
def test_labels_go_in_the_gutter_only_when_every_one_fits_its_share(labels, width, in_gutter):
    spec = make_spec(*((label, (1.0,)) for label in labels), width=width)
    assert steps.labels_in_gutter(spec) is in_gutter
    assert in_gutter == all(
        text_width(label, 20, bold=True) <= width * GUTTER_SHARE for label in labels
    )


def test_the_plot_leaves_room_for_the_gutter_the_end_labels_and_half_the_end_ticks():
    spec = make_spec(("Python", (4.0,)))
    pad, gap = spec.pad, spec.gap
    left, right = steps.plot_span(spec, True, ["0", "4"])
    assert left == pytest.approx(pad + text_width("Python", 20, bold=True) + gap)
    assert right == pytest.approx(640 - pad - text_width("4.0", 20) - gap)
    assert steps.plot_span(spec, False, ["0", "4"])[0] == pytest.approx(
        pad + text_width("0", 20) / 2
    )
    left, right = steps.plot_span(spec, True, ["Nothing at all whatsoever", "Everything there is"])
    assert left == pytest.approx(pad + text_width("Nothing at all whatsoever", 20) / 2)
    assert right == pytest.approx(640 - pad - text_width("Everything there is", 20) / 2)


def test_round_ticks_are_tried_with_the_most_steps_and_the_fullest_labels_first():
    spec = compensation_chart(GROUPS).spec
    tries = steps.round_ticks(spec)
    values = (0, 50000, 100000, 150000, 200000, 250000)
    assert tries[0] == tuple((v, money(v)) for v in values)
    assert tries[1] == tuple((v, money_short(v)) for v in values)
    assert len(tries) == 10  # 5 down to 1 intervals, two formats each
    assert tries[-1] == ((0, "$0"), (250000, "$250k"))  # one interval of 2.5 × 10^5
    assert all(ticks[-1][0] >= 210000 for ticks in tries)


@pytest.mark.parametrize(
    ("font_size", "fmt", "fits"),
    [(14, money, True), (20, money, False), (20, money_short, True), (40, money_short, False)],
)
def test_ticks_fit_when_neighbouring_labels_leave_a_gap(font_size, fmt, fits):
    spec = dataclasses.replace(compensation_chart(GROUPS).spec, font_size=font_size)
    ticks = tuple((v, fmt(v)) for v in (0, 50000, 100000, 150000, 200000, 250000))
    assert steps.ticks_fit(spec, steps.labels_in_gutter(spec), ticks) is fits


def test_the_frame_keeps_fixed_ticks_and_maps_values_linearly():
    frame = steps.choose_frame(profile_chart().spec)
    assert frame.ticks == tuple((float(i), word) for i, word in enumerate(SCALE_WORDS))
    assert frame.domain_max == 4 and not frame.in_gutter
    assert frame.x_of(0) == frame.left
    assert frame.x_of(4) == pytest.approx(frame.right)
    assert frame.x_of(1) == pytest.approx(frame.left + (frame.right - frame.left) / 4)
    assert FRAME.x_of(3) == 250


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"ticks": ((0, "0"),)}, "at least two ticks"),
        ({"ticks": ((0, "0"), (1, "1")), "domain_max": 0}, "end above 0"),
        ({"ticks": ((0, "0"), (1, "1"))}, r"beyond the axis \(0–1.0\)"),
        ({"domain_max": 3}, r"a value \(4.0\) is beyond"),
    ],
)
def test_an_axis_that_cannot_hold_the_bars_is_refused(options, message):
    with pytest.raises(ValueError, match=message):
        steps.choose_frame(dataclasses.replace(TWO, **options))


def test_a_label_above_wraps_across_the_width_from_the_top_down():
    long = "Serving, optimization and very large scale distributed inference infrastructure"
    spec = make_spec((long, (1.0, 2.0)))
    label = steps.label_above(spec, spec.categories[0], 100)
    assert (label.text, label.anchor) == (long, "start")
    assert len(label.lines) >= 2
    assert " ".join(line.text for line in label.lines) == long
    assert {line.x for line in label.lines} == {spec.pad}
    # The first baseline sits an ascent under the top, the others a line height apart.
    assert [line.y for line in label.lines] == [100 + 17 + 25 * i for i in range(len(label.lines))]
    for line in label.lines:
        assert line.x + text_width(line.text, 20, bold=True) <= spec.width - spec.pad


def test_a_label_beside_ends_at_the_gutter_level_with_the_middle_of_its_bars():
    label = steps.label_beside(TWO, FRAME, TWO.categories[0], 100, 150)
    (line,) = label.lines
    assert (label.text, label.anchor) == ("x", "end")
    assert (line.x, line.y, line.text) == (100 - TWO.gap, 125 + TWO.baseline, "x")


@pytest.mark.parametrize(
    ("spec", "tops"), [(TWO, [50, 80]), (STACKED, [50, 50])], ids=["grouped", "stacked"]
)
def test_rows_stack_per_series_or_share_one_row(spec, tops):
    assert [steps.row_top(spec, 50, index) for index in range(2)] == tops  # bar 26, gap 4


@pytest.mark.parametrize(
    ("spec", "bars", "labels"),
    [
        # x, y, width of each bar; x, y, text of each value label (6 past the end, 20 down)
        (TWO, [(100, 50, 200), (100, 80, 100)], [(306, 70, "4.0"), (206, 100, "2.0")]),
        (STACKED, [(100, 50, 200), (300, 50, 100)], [(406, 70, "6.0")]),
    ],
    ids=["grouped", "stacked"],
)
def test_bars_and_value_labels_of_one_category(spec, bars, labels):
    category = spec.categories[0]
    placed = steps.place_bars(spec, FRAME, category, 50)
    assert [(bar.x, bar.y, bar.width) for bar in placed] == bars
    assert {bar.height for bar in placed} == {spec.bar_height}
    assert [(bar.value, bar.series_label, bar.css_class) for bar in placed] == [
        (4.0, "A", "series-1"),
        (2.0, "B", "series-2"),
    ]
    assert [b.tooltip for b in placed] == ["x, A: 4.0", "x, B: 2.0"]
    texts = steps.value_labels(spec, FRAME, category, 50)
    assert [(label.x, label.y, label.text) for label in texts] == labels


@pytest.mark.parametrize("in_gutter", [True, False], ids=["gutter", "above"])
def test_a_block_holds_its_label_and_bars_with_half_a_group_gap_either_side(in_gutter):
    frame = dataclasses.replace(FRAME, in_gutter=in_gutter)
    block = steps.place_block(TWO, frame, TWO.categories[0], 0)
    first, last = block.bars
    # Half a group gap (9), then with labels above one line of label (25) and a bar gap (4).
    assert first.y == (9 if in_gutter else 9 + 25 + 4)
    assert block.bottom == last.y + last.height + 9
    assert block.band == (first.y - TWO.bar_gap, block.bottom)
    assert block.label.anchor == ("end" if in_gutter else "start")
    assert len(block.value_labels) == 2


@pytest.mark.parametrize("in_gutter", [True, False], ids=["gutter", "above"])
def test_blocks_follow_one_another_in_order(in_gutter):
    frame = dataclasses.replace(FRAME, in_gutter=in_gutter)
    blocks = steps.place_blocks(TWO, frame)
    assert [block.label.text for block in blocks] == ["x", "y"]
    assert blocks[1].band[0] > blocks[0].bars[-1].y + TWO.bar_height
    assert blocks[1].bottom - blocks[0].bottom == pytest.approx(blocks[0].bottom - TWO.pad)


@pytest.mark.parametrize(("in_gutter", "bands"), [(True, 1), (False, 2)], ids=["gutter", "above"])
def test_the_grid_runs_down_the_plot_or_beside_each_group(in_gutter, bands):
    frame = dataclasses.replace(FRAME, in_gutter=in_gutter)
    blocks = steps.place_blocks(TWO, frame)
    gridlines, zero_lines = steps.grid(frame, blocks, TWO.pad)
    assert len(zero_lines) == bands and len(gridlines) == 2 * bands  # ticks 4 and 8, not 0
    assert {line.x1 for line in gridlines} == {line.x2 for line in gridlines} == {300, 500}
    assert {(line.x1, line.x2) for line in zero_lines} == {(100, 100)}
    spans = [(line.y1, line.y2) for line in zero_lines]
    assert spans == ([(TWO.pad, blocks[-1].bottom)] if in_gutter else [b.band for b in blocks])


def test_ticks_hang_under_the_axis_with_their_labels_below():
    marks, ticks = steps.ticks_under(TWO, FRAME, 200)
    assert [(m.x1, m.y1, m.x2, m.y2) for m in marks] == [(x, 200, x, 206) for x in (100, 300, 500)]
    assert [(t.value, t.x, t.label, t.label_y) for t in ticks] == [
        (0.0, 100, "0", 227),
        (4.0, 300, "4", 227),
        (8.0, 500, "8", 227),
    ]


@pytest.mark.parametrize(("axis_label", "label_y"), [("", 0.0), ("Units", 227 + 7 + 22.5)])
def test_the_height_takes_the_tick_labels_the_axis_label_and_padding(axis_label, label_y):
    got_y, height = steps.height_below(dataclasses.replace(TWO, axis_label=axis_label), 200)
    assert got_y == label_y
    text_bottom = (label_y or 227) + 7  # a descent under the lowest baseline
    assert isinstance(height, int) and text_bottom + TWO.pad <= height < text_bottom + TWO.pad + 1


@pytest.mark.parametrize(
    ("spec", "headers", "rows"),
    [
        (TWO, ("Thing", "A", "B"), [("x", ("4.0", "2.0")), ("y", ("1.0", "3.0"))]),
        (
            STACKED,
            ("Thing", "A", "B", "Sum"),
            [("x", ("4.0", "2.0", "6.0")), ("y", ("1.0", "3.0", "4.0"))],
        ),
    ],
    ids=["grouped", "stacked"],
)
def test_the_data_table_has_a_column_per_series_and_a_total_when_stacked(spec, headers, rows):
    spec = dataclasses.replace(spec, row_header="Thing", total_header="Sum")
    got_headers, got_rows = steps.data_table(spec)
    assert got_headers == headers
    assert [(row.header, row.cells) for row in got_rows] == rows


def test_bar_chart_puts_the_steps_together():
    spec = compensation_components_chart(COMPONENTS).spec
    chart = bar_chart(spec)
    frame = steps.choose_frame(spec)
    blocks = steps.place_blocks(spec, frame)
    assert chart.frame == frame
    assert chart.bars == tuple(bar for block in blocks for bar in block.bars)
    assert chart.value_labels == tuple(label for block in blocks for label in block.value_labels)
    assert chart.category_labels == tuple(block.label for block in blocks)
    assert (chart.plot_top, chart.plot_bottom) == (spec.pad, round(blocks[-1].bottom, 2))
    assert (chart.gridlines, chart.axis_lines[:-1]) == steps.grid(frame, blocks, spec.pad)
    assert (chart.tick_marks, chart.ticks) == steps.ticks_under(spec, frame, blocks[-1].bottom)
    assert (chart.axis_label_y, chart.height) == steps.height_below(spec, blocks[-1].bottom)
    assert (chart.table_headers, chart.table_rows) == steps.data_table(spec)
    assert (chart.id, chart.title, chart.series, chart.stacked) == (
        spec.chart_id,
        spec.title,
        spec.series,
        True,
    )
    assert chart.table_caption == spec.table_caption
    untitled = bar_chart(dataclasses.replace(TWO, table_caption=""))
    assert untitled.table_caption == untitled.title == "Test"


@pytest.mark.parametrize(
    ("text", "max_width", "lines"),
    [
        ("", 100, ("",)),
        ("one two three", 1000, ("one two three",)),
        ("one two three", text_width("one two", 20), ("one two", "three")),
        ("one two three", text_width("three", 20), ("one", "two", "three")),
        ("longword x", text_width("word", 20), ("long", "word", "x")),  # cut only where it must
        ("wide", 1, ("w", "i", "d", "e")),  # a character a line at the least
    ],
)
def test_wrap_breaks_at_words_and_cuts_only_a_word_wider_than_a_line(text, max_width, lines):
    assert wrap(text, max_width, 20) == lines


@given(st.text(max_size=80), st.floats(min_value=20, max_value=800))
def test_wrapped_lines_fit_and_keep_every_character(text, max_width):
    lines = wrap(text, max_width, 14)
    assert "".join(lines).replace(" ", "") == "".join(text.split())
    assert all(text_width(line, 14) <= max_width for line in lines)


# --- the app's summaries and colours --------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "summary"),
    [
        ([], "No skill categories to compare for AI Engineer."),
        (
            [ProfileRow("Languages", 3, 3), ProfileRow("SQL", 4, 1)],
            "You meet or exceed the target level in every skill category for AI Engineer.",
        ),
        (  # 2.25 and 2.3 both show as 2.3, so the target reads as met
            [ProfileRow("Languages", 2.25, 2.3)],
            "You meet or exceed the target level in every skill category for AI Engineer.",
        ),
        (
            [ProfileRow("A", 1, 2)],
            "You meet the target level in 0 of 1 skill category for AI Engineer; "
            "the largest gap is A (1.0 against 2.0).",
        ),
        (
            [ProfileRow("A", 1, 2), ProfileRow("B", 0, 3), ProfileRow("C", 3, 3)],
            "You meet the target level in 1 of 3 skill categories for AI Engineer; "
            "the largest gap is B (0.0 against 3.0).",
        ),
    ],
)
def test_profile_summary_in_words(rows, summary):
    assert profile_summary(rows, "AI Engineer") == summary


@pytest.mark.parametrize(
    ("groups", "names", "summary"),
    [
        ([], ["AI Engineer", "ML Engineer"], "No compensation figures to compare."),
        (
            [("A", {"X": 1, "Y": 2})],
            ["X", "Y"],
            "Y pays more than X at every company tier.",
        ),
        (
            [("A", {"X": 1, "Y": 2, "Z": 3})],
            ["X", "Y", "Z"],
            "Total compensation for X, Y and Z at 1 company tiers, from $1 to $3.",
        ),
    ],
)
def test_compensation_summary_in_words(groups, names, summary):
    assert compensation_summary(groups, names) == summary


@pytest.mark.parametrize(
    ("rows", "summary"),
    [
        ([], "No compensation figures to compare."),
        (
            [CompensationRow("AI Engineer", "A", 100, 150, 0)],
            "Each total split into base salary, equity per year and bonus; "
            "totals range from $250 to $250.",
        ),
    ],
)
def test_components_summary_in_words(rows, summary):
    assert components_summary(rows) == summary


@pytest.mark.parametrize(
    ("names", "classes"),
    [
        (["ai-engineer", "ml-engineer"], ("series-ai", "series-ml")),
        (["X", "ai-engineer", "Y"], ("series-1", "series-ai", "series-2")),
        (["AI Engineer"], ("series-1",)),  # a name is not a key: editors may rename a track
        (list("abcde"), ("series-1", "series-2", "series-3", "series-4", "series-1")),
    ],
)
def test_series_classes(names, classes):
    assert series_classes(names) == classes


# --- grouped geometry -----------------------------------------------------------------------------


def test_bar_lengths_are_proportional_to_values():
    chart = compensation_chart(GROUPS)
    assert chart.domain_max == 250000
    per_unit = plot_width(chart) / chart.domain_max
    for bar in chart.bars:
        assert bar.x == chart.plot_left
        assert bar.width == pytest.approx(bar.value * per_unit, abs=TOL)
    ai, ml = bars_of(chart, "AI Engineer"), bars_of(chart, "ML Engineer")
    assert ai[0].width / ml[0].width == pytest.approx(210000 / 172000, rel=1e-3)


def test_axis_ends_at_a_round_step_above_the_largest_value():
    chart = compensation_chart(GROUPS)
    assert [t.value for t in chart.ticks] == [0, 50000, 100000, 150000, 200000, 250000]
    # Six full "$250,000" labels do not fit 640 units at font size 20: the short form does.
    assert [t.label for t in chart.ticks] == ["$0", "$50k", "$100k", "$150k", "$200k", "$250k"]
    assert chart.ticks[0].x == chart.plot_left
    assert chart.ticks[-1].x == chart.plot_right
    spacing = {round(b.x - a.x, 1) for a, b in zip(chart.ticks, chart.ticks[1:], strict=False)}
    assert len(spacing) == 1
    assert max(bar.x + bar.width for bar in chart.bars) <= chart.plot_right


def test_money_ticks_are_written_in_full_where_they_fit():
    chart = compensation_chart(GROUPS, font_size=14)
    assert [t.label for t in chart.ticks] == [
        "$0",
        "$50,000",
        "$100,000",
        "$150,000",
        "$200,000",
        "$250,000",
    ]
    for left, right in zip(chart.ticks, chart.ticks[1:], strict=False):
        room = right.x - left.x
        assert room > (text_width(left.label, 14) + text_width(right.label, 14)) / 2


def test_tick_labels_never_overlap():
    for chart in (
        compensation_chart(GROUPS),
        compensation_components_chart(COMPONENTS),
        profile_chart(),
        compensation_chart(GROUPS, width=400),
    ):
        fs = chart.font_size
        for left, right in zip(chart.ticks, chart.ticks[1:], strict=False):
            room = right.x - left.x
            assert room > (text_width(left.label, fs) + text_width(right.label, fs)) / 2


def test_largest_value_at_the_axis_end_fills_the_plot():
    chart = bar_chart(
        ChartSpec(
            chart_id="full",
            title="Full",
            description="One bar at the top of the axis.",
            series=(Series("A", "series-1"),),
            categories=(Category("x", (200000.0,)), Category("y", (100000.0,))),
            format_value=money,
        )
    )
    assert chart.ticks[-1].value == 200000
    assert chart.bars[0].width == pytest.approx(plot_width(chart), abs=TOL)
    assert chart.bars[1].width == pytest.approx(plot_width(chart) / 2, abs=TOL)


def test_zero_value_bar_has_no_length_but_keeps_its_label():
    chart = profile_chart()
    zero = next(
        bar for bar in chart.bars if bar.category == "LLM & Generative AI" and not bar.value
    )
    assert zero.width == 0
    assert zero.x == chart.plot_left
    assert zero.value_label == "0.0"
    label = next(v for v in chart.value_labels if v.y > zero.y and v.y < zero.y + zero.height)
    assert label.text == "0.0"
    assert label.x > chart.plot_left


def test_all_zero_values_still_make_an_axis():
    chart = compensation_chart([("Tier", {"AI Engineer": 0, "ML Engineer": 0})])
    assert [t.value for t in chart.ticks] == [0, 1]
    assert all(bar.width == 0 for bar in chart.bars)


def test_grouped_bars_do_not_overlap_and_groups_are_in_order():
    chart = compensation_chart(GROUPS)
    ordered = sorted(chart.bars, key=lambda bar: bar.y)
    assert ordered == list(chart.bars)
    for upper, lower in zip(ordered, ordered[1:], strict=False):
        assert upper.y + upper.height < lower.y
    assert all(
        chart.plot_top <= bar.y and bar.y + bar.height <= chart.plot_bottom for bar in ordered
    )


def test_value_labels_sit_just_past_each_bar():
    chart = compensation_chart(GROUPS)
    assert [v.text for v in chart.value_labels] == [bar.value_label for bar in chart.bars]
    for bar, label in zip(chart.bars, chart.value_labels, strict=True):
        assert bar.x + bar.width < label.x < bar.x + bar.width + chart.font_size
        assert bar.y < label.y < bar.y + bar.height
        assert label.x + text_width(label.text, chart.font_size) <= chart.width


# --- the skill profile ----------------------------------------------------------------------------


def test_skill_axis_uses_the_scale_words():
    chart = profile_chart()
    assert [t.label for t in chart.ticks] == list(SCALE_WORDS)
    assert [t.value for t in chart.ticks] == [0, 1, 2, 3, 4]
    assert chart.domain_max == 4
    expert = next(bar for bar in chart.bars if bar.value == 4.0)
    assert expert.width == pytest.approx(plot_width(chart), abs=TOL)


def test_skill_series_and_table():
    chart = profile_chart()
    assert [(s.label, s.css_class) for s in chart.series] == [
        ("You", "series-you"),
        ("L5-L6 requires", "series-required"),
    ]
    assert chart.table_headers == ("Skill category", "You", "L5-L6 requires")
    assert [row.header for row in chart.table_rows] == [row.label for row in PROFILE]
    assert chart.table_rows[0].cells == ("3.3", "3.0")
    assert chart.table_rows[4].cells == ("1.7", "2.3")


def test_skill_summary_counts_targets_met_and_names_the_largest_gap():
    chart = profile_chart()
    assert chart.description == (
        "You meet the target level in 2 of 5 skill categories for AI Engineer; "
        "the largest gap is LLM & Generative AI (0.0 against 2.8)."
    )
    met = skill_profile_chart([ProfileRow("Languages", 3, 3)], "ML Engineer")
    assert met.description == (
        "You meet or exceed the target level in every skill category for ML Engineer."
    )
    given_text = profile_chart(description="Custom.")
    assert given_text.description == "Custom."


@pytest.mark.parametrize("value", [-0.1, 4.1, math.nan, True])
def test_proficiency_outside_the_scale_is_refused(value):
    with pytest.raises(ValueError):
        skill_profile_chart([ProfileRow("Languages", value, 2)], "AI Engineer")


def test_long_category_labels_get_their_own_lines_not_cut():
    long = "Serving, optimization and very large scale distributed inference infrastructure"
    chart = skill_profile_chart(
        [ProfileRow(long, 2, 3), ProfileRow("Languages", 1, 2)], "AI Engineer"
    )
    label = chart.category_labels[0]
    assert label.anchor == "start"
    assert len(label.lines) >= 2
    assert " ".join(line.text for line in label.lines) == long
    first_bar = chart.bars[0]
    for line in label.lines:
        assert line.x + text_width(line.text, chart.font_size) <= chart.width
        assert line.y < first_bar.y
    # The bars get the full width instead of sharing it with a label gutter.
    assert chart.plot_left < chart.width * 0.1


@pytest.mark.parametrize(
    "chart",
    [profile_chart(), compensation_chart(GROUPS), compensation_components_chart(COMPONENTS)],
    ids=["profile", "compensation", "components"],
)
def test_no_grid_or_axis_line_runs_through_a_label_above_the_bars(chart):
    fs = chart.font_size
    lines = chart.gridlines + chart.axis_lines
    assert len(chart.axis_lines) == len(chart.category_labels) + 1
    for label in chart.category_labels:
        assert label.anchor == "start"
        for text in label.lines:
            top, bottom = text.y - fs, text.y + fs * 0.3  # ascenders and descenders
            right = text.x + text_width(text.text, fs, bold=True)
            for line in lines:
                crosses_x = min(line.x1, line.x2) <= right and max(line.x1, line.x2) >= text.x
                crosses_y = min(line.y1, line.y2) < bottom and max(line.y1, line.y2) > top
                assert not (crosses_x and crosses_y), (text.text, line)
    # Gridlines stand at every tick but 0 (the axis line is there), beside every group of bars.
    assert {line.x1 for line in chart.gridlines} == {t.x for t in chart.ticks[1:]}
    for bar in chart.bars:
        assert any(g.y1 <= bar.y and bar.y + bar.height <= g.y2 for g in chart.gridlines)


def test_short_category_labels_sit_in_a_gutter_beside_their_bars():
    chart = skill_profile_chart(
        [ProfileRow("Python", 2, 3), ProfileRow("SQL", 1, 2)], "AI Engineer", chart_id="short"
    )
    for label, group in zip(chart.category_labels, (chart.bars[:2], chart.bars[2:]), strict=True):
        assert label.anchor == "end"
        (line,) = label.lines
        assert line.x < chart.plot_left
        assert line.x - text_width(line.text, chart.font_size) >= 0
        assert group[0].y < line.y < group[1].y + group[1].height


# --- compensation ---------------------------------------------------------------------------------


SLUGS = {"AI Engineer": "ai-engineer", "ML Engineer": "ml-engineer"}


def test_compensation_series_colours_follow_the_tracks():
    chart = compensation_chart(GROUPS, series_keys=SLUGS)
    assert [(s.label, s.css_class) for s in chart.series] == [
        ("AI Engineer", "series-ai"),
        ("ML Engineer", "series-ml"),
    ]
    other = compensation_chart([("A", {"Data Scientist": 1, "AI Engineer": 2})], series_keys=SLUGS)
    assert [s.css_class for s in other.series] == ["series-1", "series-ai"]


def test_compensation_table_and_labels():
    chart = compensation_chart(GROUPS)
    assert chart.table_headers == ("Company tier", "AI Engineer", "ML Engineer")
    assert [(r.header, r.cells) for r in chart.table_rows] == [
        ("FAANG+", ("$210,000", "$172,000")),
        ("Unicorn Startups", ("$180,000", "$155,000")),
        ("Non-Tech Enterprises", ("$150,000", "$130,000")),
    ]
    assert [c.text for c in chart.category_labels] == [tier for tier, _ in GROUPS]


def test_compensation_summary():
    assert compensation_chart(GROUPS).description == (
        "AI Engineer pays more than ML Engineer at every company tier."
    )
    mixed = compensation_chart(
        [("A", {"AI Engineer": 2, "ML Engineer": 1}), ("B", {"AI Engineer": 1, "ML Engineer": 3})]
    )
    assert mixed.description == (
        "Total compensation for AI Engineer and ML Engineer at 2 company tiers, from $1 to $3."
    )
    assert compensation_chart(GROUPS, description="Given.").description == "Given."


def test_compensation_missing_figure_is_refused():
    with pytest.raises(ValueError, match="no figure for ML Engineer"):
        compensation_chart([("A", {"AI Engineer": 1, "ML Engineer": 1}), ("B", {"AI Engineer": 1})])


@pytest.mark.parametrize("value", [-1, math.inf, math.nan])
def test_bad_values_are_refused(value):
    with pytest.raises(ValueError):
        compensation_chart([("A", {"AI Engineer": value})])


# --- stacked --------------------------------------------------------------------------------------


def test_stacked_segments_add_up_to_the_total():
    chart = compensation_components_chart(COMPONENTS)
    assert chart.stacked
    assert [s.label for s in chart.series] == ["Base salary", "Equity per year", "Bonus"]
    per_unit = plot_width(chart) / chart.domain_max
    for index, row in enumerate(COMPONENTS):
        base, equity, bonus = chart.bars[3 * index : 3 * index + 3]
        assert {base.y, equity.y, bonus.y} == {base.y}
        assert base.x == chart.plot_left
        assert equity.x == pytest.approx(base.x + base.width, abs=TOL)
        assert bonus.x == pytest.approx(equity.x + equity.width, abs=TOL)
        end = bonus.x + bonus.width
        assert end - chart.plot_left == pytest.approx(row.total * per_unit, abs=3 * TOL)
        assert (base.value, equity.value, bonus.value) == (
            row.base,
            row.equity_per_year,
            row.bonus,
        )
    assert chart.ticks[-1].value == 250000
    assert [v.text for v in chart.value_labels] == [money(row.total) for row in COMPONENTS]


def test_stacked_table_lists_each_component_and_the_total():
    chart = compensation_components_chart(COMPONENTS)
    assert chart.table_headers == (
        "Track and company tier",
        "Base salary",
        "Equity per year",
        "Bonus",
        "Total",
    )
    assert chart.table_rows[0].header == "AI Engineer, FAANG+"
    assert chart.table_rows[0].cells == ("$165,000", "$35,000", "$10,000", "$210,000")
    assert chart.table_rows[-1].cells == ("$110,000", "$12,000", "$8,000", "$130,000")
    assert chart.description == (
        "Base salary is most of the pay in every row; totals range from $130,000 to $210,000."
    )


# --- everything stays inside the drawing, whatever the numbers ------------------------------------


def assert_inside(chart: Chart) -> None:
    fs = chart.font_size
    for bar in chart.bars:
        assert bar.width >= 0
        assert chart.plot_left - TOL <= bar.x
        assert bar.x + bar.width <= chart.plot_right + 3 * TOL
        assert bar.y > 0 and bar.y + bar.height < chart.height
    for x, y, text in [(v.x, v.y, v.text) for v in chart.value_labels]:
        assert x >= 0 and x + text_width(text, fs) <= chart.width + TOL
        assert fs * 0.7 <= y <= chart.height
    for label in chart.category_labels:
        for line in label.lines:
            width = text_width(line.text, fs)
            left = line.x - width if label.anchor == "end" else line.x
            assert left >= 0 and left + width <= chart.width + TOL
    for tick in chart.ticks:
        half = text_width(tick.label, fs) / 2
        assert tick.x - half >= 0 and tick.x + half <= chart.width + TOL
        assert tick.label_y <= chart.height
    assert chart.axis_label_y <= chart.height


@pytest.mark.parametrize(
    "chart",
    [
        compensation_chart(GROUPS),
        compensation_components_chart(COMPONENTS),
        profile_chart(),
        profile_chart(font_size=14, width=640),
        compensation_chart(GROUPS, font_size=14),
    ],
    ids=["compensation", "components", "profile", "profile-14", "compensation-14"],
)
def test_everything_fits_the_view_box(chart):
    assert_inside(chart)


money_values = st.integers(min_value=0, max_value=10_000_000)


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=60).filter(str.strip), money_values, money_values),
        min_size=1,
        max_size=8,
    )
)
# The edges a random run meets once in thousands: one long word with no space to break at.
@example([("0" * 50, 0, 0)])
@example([("W" * 60, 10_000_000, 0), ("x", 0, 1)])
def test_any_compensation_figures_lay_out_proportionally(rows):
    groups = [(label, {"AI Engineer": a, "ML Engineer": m}) for label, a, m in rows]
    chart = compensation_chart(groups)
    assert_inside(chart)
    assert chart.domain_max >= max(max(a, m) for _, a, m in rows)
    per_unit = plot_width(chart) / chart.domain_max
    for bar in chart.bars:
        assert bar.width == pytest.approx(bar.value * per_unit, abs=TOL)
    assert len(chart.table_rows) == len(rows)


# --- rendering ------------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def render(chart: Chart, **context) -> str:
    return render_to_string(INCLUDE, {"chart": chart, **context})


def parse(html: str) -> ET.Element:
    return ET.fromstring(html.strip())  # the include writes well-formed markup


def all_numbers(chart: Chart) -> list[str]:
    return [cell for row in chart.table_rows for cell in row.cells]


@pytest.mark.parametrize(
    "chart",
    [compensation_chart(GROUPS), compensation_components_chart(COMPONENTS), profile_chart()],
    ids=["compensation", "components", "profile"],
)
def test_include_renders_an_accessible_figure(chart):
    figure = parse(render(chart))
    assert figure.tag == "figure"
    assert figure.get("id") == chart.id

    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") == "img"
    assert svg.get("viewBox") == f"0 0 {chart.width:g} {chart.height:g}"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id == chart.title_id
    assert svg.find(f"{SVG}desc").get("id") == desc_id == chart.desc_id
    assert svg.find(f"{SVG}title").text == chart.title
    assert svg.find(f"{SVG}desc").text == chart.description
    # Title and description come first, so they name the image.
    assert [child.tag for child in svg][:2] == [f"{SVG}title", f"{SVG}desc"]

    # The legend is HTML between the caption and the drawing, out of the accessibility tree as
    # it was inside the image: the table's column headers name the series.
    assert [child.tag for child in figure][:3] == ["figcaption", "ul", f"{SVG}svg"]
    legend = figure.find("ul")
    assert (legend.get("class"), legend.get("aria-hidden")) == ("chart-legend", "true")
    items = legend.findall("li")
    assert ["".join(li.itertext()) for li in items] == [s.label for s in chart.series]
    assert [li.find("span").get("class").split() for li in items] == [
        ["chart-swatch", s.css_class] for s in chart.series
    ]
    assert not svg.findall(".//*[@class='chart-legend']")

    rects = svg.findall(f".//{SVG}rect")
    bars = [r for r in rects if "chart-bar" in r.get("class").split()]
    assert len(bars) == len(rects) == len(chart.bars)
    for rect, bar in zip(bars, chart.bars, strict=True):
        assert float(rect.get("width")) == bar.width
        assert float(rect.get("x")) == bar.x
        assert bar.css_class in rect.get("class").split()
        assert rect.find(f"{SVG}title").text == bar.tooltip

    svg_text = " ".join(" ".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    for tick in chart.ticks:
        assert tick.label in svg_text
    for label in chart.category_labels:
        assert label.text.split()[0] in svg_text
    for value in chart.value_labels:
        assert value.text in svg_text
    ticks = svg.findall(f".//{SVG}line[@class='chart-tick']")
    assert len(ticks) == len(chart.ticks)

    table = figure.find(".//table")
    assert table.find("caption").text == chart.table_caption
    headers = table.findall("thead/tr/th")
    assert [h.text for h in headers] == list(chart.table_headers)
    assert {h.get("scope") for h in headers} == {"col"}
    body_rows = table.findall("tbody/tr")
    assert len(body_rows) == len(chart.table_rows)
    for tr, row in zip(body_rows, chart.table_rows, strict=True):
        th = tr.find("th")
        assert (th.text, th.get("scope")) == (row.header, "row")
        assert tuple(td.text for td in tr.findall("td")) == row.cells
    table_text = " ".join(table.itertext())
    for number in all_numbers(chart):
        assert number in table_text


def test_every_number_of_the_app_charts_is_in_its_table():
    for tier, values in GROUPS:
        html = render(compensation_chart(GROUPS))
        assert tier in html
        for value in values.values():
            assert f"<td>${value:,}</td>" in html
    html = render(compensation_components_chart(COMPONENTS))
    for row in COMPONENTS:
        for value in (row.base, row.equity_per_year, row.bonus, row.total):
            assert f"<td>${value:,}</td>" in html
    html = render(profile_chart())
    for row in PROFILE:
        assert f"<td>{one_decimal(row.person)}</td><td>{one_decimal(row.required)}</td>" in html


def test_markup_has_no_inline_styles_or_scripts():
    for chart in (compensation_chart(GROUPS), compensation_components_chart(COMPONENTS)):
        html = render(chart) + render(chart, table_collapsed=True)
        assert not re.search(r"\sstyle\s*=", html, re.IGNORECASE)
        assert "<style" not in html.lower()
        assert "<script" not in html.lower()
        assert not re.search(r"\son[a-z]+\s*=", html, re.IGNORECASE)
        assert not re.search(r"\s(fill|stroke)\s*=", html)  # colours come from classes


def test_text_is_escaped():
    chart = compensation_chart(
        [("<b>R&D</b>", {"AI Engineer": 1, "ML Engineer": 2})],
        title='Pay "now" <i>',
        description="Less & more.",
    )
    html = render(chart)
    assert "<b>" not in html and "<i>" not in html
    figure = parse(html)
    assert figure.find(f".//{SVG}title").text == 'Pay "now" <i>'
    assert figure.find(".//tbody/tr/th").text == "<b>R&D</b>"


def test_two_charts_on_one_page_have_unique_ids_and_references_resolve():
    page = engines["django"].from_string(
        "<main>"
        '{% include "careers/includes/bar_chart.html" with chart=pay %}'
        '{% include "careers/includes/bar_chart.html" with chart=parts table_collapsed=True %}'
        '{% include "careers/includes/bar_chart.html" with chart=skills %}'
        "</main>"
    )
    html = page.render(
        {
            "pay": compensation_chart(GROUPS),
            "parts": compensation_components_chart(COMPONENTS),
            "skills": profile_chart(chart_id="skills-ai"),
        }
    )
    root = ET.fromstring(html)
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) == 12
    for el in root.iter():
        for ref in (el.get("aria-labelledby") or "").split():
            assert ref in ids
    assert root.find(".//details/summary") is not None  # the collapsed table
    assert len(root.findall(".//details")) == 1


def test_numbers_stay_unlocalized_in_any_language():
    chart = compensation_chart(GROUPS)
    assert any(bar.width != int(bar.width) for bar in chart.bars)  # decimals to localize
    with translation.override("de"):
        html = render(chart)
    figure = parse(html)
    for rect in figure.iter(f"{SVG}rect"):
        for attr in ("x", "y", "width", "height"):
            float(rect.get(attr))  # "123,45" would raise
    assert "$210,000" in html


# --- the plan's timeline ---------------------------------------------------------------------

PHASES = (
    charts.TimelinePhase("Phase 1: reach L4", 10, 8, 40),
    charts.TimelinePhase("Phase 2: reach L5-L6", 0, 0, 120),
)


def test_each_phase_starts_where_the_one_before_ends_split_into_done_doing_and_to_do():
    chart = charts.plan_timeline_chart(PHASES, 6)
    first, second = chart.bars[:3], chart.bars[3:]
    assert [bar.css_class for bar in first] == ["series-done", "series-doing", "series-todo"]
    for segment, following in zip(first, first[1:], strict=False):
        assert segment.x + segment.width == pytest.approx(following.x, abs=0.02)
    end_of_first = first[-1].x + first[-1].width
    assert second[0].x == pytest.approx(end_of_first, abs=0.02)
    # lengths in proportion to hours: 58 hours, then 120
    assert second[-1].width == pytest.approx((end_of_first - chart.plot_left) * 120 / 58, rel=0.01)


def test_the_timeline_axis_counts_whole_weeks_at_the_pace():
    chart = charts.plan_timeline_chart(PHASES, 6)  # 178 hours: 29.7 weeks
    assert [tick.label for tick in chart.ticks] == ["0", "10", "20", "30"]
    assert chart.axis_label == "Weeks at 6 hours a week"
    weeks_10 = chart.ticks[1].x - chart.ticks[0].x
    ten_weeks_of_hours = (chart.bars[2].width / 40) * 60
    assert ten_weeks_of_hours == pytest.approx(weeks_10, rel=0.01)
    one_hour = charts.plan_timeline_chart([charts.TimelinePhase("Phase 1: reach L4", 0, 0, 1)], 1)
    assert [tick.label for tick in one_hour.ticks] == ["0", "1"]


@given(
    st.lists(st.tuples(*[st.integers(0, 400)] * 3), min_size=1, max_size=3).filter(
        lambda rows: any(sum(row) for row in rows)
    ),
    st.integers(1, 80),
)
def test_timeline_ticks_are_whole_weeks_and_cover_the_plan(rows, pace):
    phases = [charts.TimelinePhase(f"Phase {i}", *row) for i, row in enumerate(rows, 1)]
    chart = charts.plan_timeline_chart(phases, pace)
    weeks = [float(tick.label) for tick in chart.ticks]
    assert all(week == int(week) for week in weeks)
    assert weeks[-1] * pace >= sum(map(sum, rows))
    assert len(weeks) <= 7


def test_the_timeline_labels_and_table_say_the_weeks_and_hours_of_each_phase():
    chart = charts.plan_timeline_chart(PHASES, 6)
    assert [label.text for label in chart.category_labels] == [
        "Phase 1: reach L4, weeks 1–10",  # hours 0–58
        "Phase 2: reach L5-L6, weeks 10–30",  # hours 58–178: it begins in week 10
    ]
    assert chart.table_headers == ("Phase", "Done", "In progress", "To do", "All")
    assert chart.table_rows[0].cells == ("10 h", "8 h", "40 h", "58 h")
    assert chart.description == (
        "At 6 hours a week the plan's 2 phases take about 30 weeks: 10 of 178 hours done, "
        "8 in progress."
    )


def test_a_phase_with_no_hours_left_out_and_a_plan_with_none_refused():
    chart = charts.plan_timeline_chart([*PHASES, charts.TimelinePhase("Phase 3", 0, 0, 0)], 10)
    assert len(chart.category_labels) == 2
    with pytest.raises(ValueError, match="a phase with hours"):
        charts.plan_timeline_chart([charts.TimelinePhase("Phase 1", 0, 0, 0)], 10)
    with pytest.raises(ValueError, match="hours_per_week"):
        charts.plan_timeline_chart(PHASES, 0)
