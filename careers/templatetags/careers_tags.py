from django import template

from careers.catalog.models import Proficiency

register = template.Library()


@register.filter
def scale_word(value: int) -> str:
    """0–4 as the scale's word: 3 → "Proficient"."""
    try:
        return Proficiency(int(value)).word
    except (TypeError, ValueError):
        return ""


@register.filter
def get_item(mapping: dict, key: str):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if isinstance(mapping, dict) else None
