"""Editors' safety net: score the calibration personas against the catalog as it is now."""

from dataclasses import dataclass

from careers.catalog.models import CalibrationPersona
from careers.core import scoring


@dataclass(frozen=True)
class PersonaCheck:
    persona: CalibrationPersona
    result: scoring.Result | None
    passed: bool
    verdict: str  # what the catalog says now, in words


def check_persona(catalog: scoring.Catalog, persona: CalibrationPersona) -> PersonaCheck:
    try:
        result = scoring.score(catalog, scoring.Answers(persona.skills, persona.preferences))
    except ValueError as error:  # e.g. a persona naming a skill an editor has since deleted
        return PersonaCheck(persona, None, False, f"Cannot be scored: {error}")
    expected = persona.expected_track.slug if persona.expected_track else None
    track = result.track(expected or result.recommended)
    # No expected track means a close call: the verdict people see must be "both fit", not a
    # track ahead by a few points more than that.
    passed = result.recommended == expected if expected else result.both_fit
    if persona.expected_level:
        passed = passed and track.level == persona.expected_level
    recommended = result.track(result.recommended)
    points = f"{result.margin} point{'s' if result.margin != 1 else ''}"
    verdict = f"{recommended.name} at {recommended.level}, ahead by {points}"
    if result.both_fit:
        verdict = f"both fit: {verdict}"
    return PersonaCheck(persona, result, passed, verdict)


def check_personas(catalog: scoring.Catalog, personas=None) -> list[PersonaCheck]:
    if personas is None:
        personas = CalibrationPersona.objects.select_related("expected_track")
    return [check_persona(catalog, persona) for persona in personas]
