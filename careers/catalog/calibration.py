"""Editors' safety net: score the calibration personas against the catalog as it is now."""

from dataclasses import dataclass

from careers.catalog.models import CLOSE_CALL_MARGIN, CalibrationPersona
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
    # No expected track means a close call: either track may win, by a small margin.
    passed = result.recommended == expected if expected else result.margin <= CLOSE_CALL_MARGIN
    if persona.expected_level:
        passed = passed and track.level == persona.expected_level
    recommended = result.track(result.recommended)
    verdict = f"{recommended.name} at {recommended.level}, ahead by {result.margin} points"
    return PersonaCheck(persona, result, passed, verdict)


def check_personas(catalog: scoring.Catalog, personas=None) -> list[PersonaCheck]:
    if personas is None:
        personas = CalibrationPersona.objects.select_related("expected_track")
    return [check_persona(catalog, persona) for persona in personas]
