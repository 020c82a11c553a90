"""Numbers and words as the charts write them, and a roomy guess at how wide they print.

There are no fonts on the server, so text widths are estimated from DejaVu Sans's metrics: wide
enough for the narrower system fonts, so what is laid out with them never overflows.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

# Lower-case letters, digits and single hyphens, starting with a letter: safe in an id, in
# aria-labelledby's space-separated list, in a URL fragment and in a CSS selector.
_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


def r2(value: float) -> float:
    """A coordinate rounded to two decimals, so the markup stays short and deterministic."""
    return round(value + 0.0, 2)  # + 0.0: never -0.0


def number(value: float) -> str:
    """A coordinate as SVG reads it: 640.0 → "640", 12.5 → "12.5"."""
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
    """The chart id itself, if it is safe in every place the include writes it."""
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


def widest(texts: Iterable[str], font_size: float, *, bold: bool = False) -> float:
    """The estimated width of the widest of texts."""
    return max(text_width(text, font_size, bold=bold) for text in texts)


def wrap(text: str, max_width: float, font_size: float, *, bold: bool = False) -> tuple[str, ...]:
    """Word-wrap to lines no wider than max_width; a word wider than a line is cut where it must
    be (an editor may name a tier with one long word), keeping at least a character a line."""
    lines: list[str] = []
    current = ""
    for word in _fitting_pieces(text.split(), max_width, font_size, bold):
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, font_size, bold=bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def _fitting_pieces(words: list[str], max_width: float, font_size: float, bold: bool):
    """Each word, or an over-wide word's runs of characters that each fit max_width."""
    for word in words:
        piece = ""
        for char in word:
            if piece and text_width(piece + char, font_size, bold=bold) > max_width:
                yield piece
                piece = ""
            piece += char
        yield piece


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
