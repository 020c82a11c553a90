from collections.abc import Mapping

from django import template

from careers.catalog.models import Level, Proficiency
from careers.catalog.public import answer_blocks
from careers.roadmap.models import StepProgress

register = template.Library()


@register.filter
def scale_word(value: int) -> str:
    """0–4 as the scale's word: 3 → "Proficient"."""
    try:
        return Proficiency(int(value)).word
    except (TypeError, ValueError):
        return ""


@register.filter
def level_label(band) -> str:
    """1–3 as the level's label: 3 → "L7+"; nothing for a plan kept before steps had levels."""
    try:
        return Level.Band(int(band)).label
    except (TypeError, ValueError):
        return ""


@register.filter
def status_label(status: str) -> str:
    """A step's status in words, as paper shows it instead of the pressed button: "Done"."""
    try:
        return StepProgress.Status(status).label
    except ValueError:
        return ""


@register.filter(name="answer_blocks")
def answer_blocks_filter(text: str) -> list[dict]:
    """An FAQ answer as paragraphs and bullet lists, for the include that prints them."""
    return answer_blocks(text)


@register.filter
def get_item(mapping: dict, key: str):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if isinstance(mapping, Mapping) else None


@register.filter
def join_and(items) -> str:
    """["A", "B", "C"] → "A, B and C"."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
