"""Chart geometry for server-rendered SVG bar charts: plain data in, frozen dataclasses out.

Pure Python, no Django, so the arithmetic is tested on its own and the include
(templates/careers/includes/bar_chart.html) only prints numbers. Colours never live here: each
series carries a CSS class (careers/static/careers/charts.css), so a strict Content-Security-
Policy without inline styles is enough.

- text: formatting, ids, estimated text widths and round axis steps;
- model: the chart as data, ChartSpec in and Chart out;
- layout: ChartSpec → Chart in small steps (the generic horizontal bar chart);
- kinds: the app's four charts and their one-sentence summaries.

Everything callers use is importable from here: `from careers.core import charts`.
"""

from careers.core.charts.kinds import (
    COMPONENT_SERIES,
    GENERIC_CLASSES,
    SCALE_MAX,
    SCALE_WORDS,
    TIMELINE_SERIES,
    TRACK_CLASSES,
    CompensationRow,
    ProfileRow,
    TimelinePhase,
    compensation_chart,
    compensation_components_chart,
    plan_timeline_chart,
    series_classes,
    skill_profile_chart,
)
from careers.core.charts.layout import GUTTER_SHARE, bar_chart
from careers.core.charts.model import (
    FONT_SIZE,
    VIEW_WIDTH,
    Bar,
    Category,
    CategoryLabel,
    Chart,
    ChartSpec,
    Line,
    Series,
    TableRow,
    TextLine,
    Tick,
    ValueLabel,
)
from careers.core.charts.text import (
    money,
    money_short,
    nice_step,
    nice_ticks,
    one_decimal,
    slugify_id,
    text_width,
    validate_id,
    wrap,
)

__all__ = [
    "COMPONENT_SERIES",
    "FONT_SIZE",
    "GENERIC_CLASSES",
    "GUTTER_SHARE",
    "SCALE_MAX",
    "SCALE_WORDS",
    "TIMELINE_SERIES",
    "TRACK_CLASSES",
    "VIEW_WIDTH",
    "Bar",
    "Category",
    "CategoryLabel",
    "Chart",
    "ChartSpec",
    "CompensationRow",
    "Line",
    "ProfileRow",
    "Series",
    "TableRow",
    "TextLine",
    "TimelinePhase",
    "Tick",
    "ValueLabel",
    "bar_chart",
    "compensation_chart",
    "compensation_components_chart",
    "plan_timeline_chart",
    "money",
    "money_short",
    "nice_step",
    "nice_ticks",
    "one_decimal",
    "series_classes",
    "skill_profile_chart",
    "slugify_id",
    "text_width",
    "validate_id",
    "wrap",
]
