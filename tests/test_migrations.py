"""Data migrations do what they say to a database that has the old content."""

import importlib

from django.apps import apps

from careers.catalog.calibration import check_personas
from careers.catalog.models import (
    CalibrationPersona,
    CatalogEdition,
    PreferenceOption,
    PreferenceQuestion,
    Track,
    TrackSkill,
    UpskillingStep,
)
from careers.catalog.scoring_catalog import load_catalog

remote_as_context = importlib.import_module("careers.migrations.0008_remote_work_as_context")
ladder = importlib.import_module("careers.migrations.0009_serving_and_mlops_in_the_ladder")
step_levels = importlib.import_module("careers.migrations.0010_step_levels")


def test_the_remote_work_question_leaves_the_quiz_and_the_personas(catalog):
    question = PreferenceQuestion.objects.create(slug="remote", text="How important is remote?")
    PreferenceOption.objects.create(
        question=question, value="important", label="Remote", points={"ml-engineer": 2}
    )
    persona = CalibrationPersona.objects.create(
        name="Remote seeker",
        skills={"spark": 4},
        preferences={"data": "structured", "remote": "important"},
        expected_track=Track.objects.get(slug="ml-engineer"),
    )
    before = CatalogEdition.current()

    remote_as_context.remove_remote_question(apps, None)

    assert not PreferenceQuestion.objects.filter(slug="remote").exists()
    assert not PreferenceOption.objects.filter(value="important").exists()
    persona.refresh_from_db()
    assert persona.preferences == {"data": "structured"}
    assert CatalogEdition.current() != before  # nothing kept under the old quiz is served


def test_the_migration_leaves_a_catalog_without_the_question_alone(catalog):
    before = CatalogEdition.current()
    personas = list(CalibrationPersona.objects.values_list("preferences", flat=True))
    remote_as_context.remove_remote_question(apps, None)
    assert CatalogEdition.current() == before
    assert list(CalibrationPersona.objects.values_list("preferences", flat=True)) == personas


# 0009: serving counts toward AI Engineer levels, MLOps toward ML Engineer's senior level ------


def _requirement(track: str, skill: str) -> tuple:
    row = TrackSkill.objects.get(track__slug=track, skill__slug=skill)
    return tuple(getattr(row, name) for name in ladder.FIELDS)


def _old_ladder() -> None:
    """The catalog as 0008 left it: the seed's old requirements, no new personas."""
    for (track, skill), (old, _, _) in ladder.REQUIREMENTS.items():
        TrackSkill.objects.filter(track__slug=track, skill__slug=skill).update(
            **dict(zip(ladder.FIELDS, old, strict=True))
        )
    CalibrationPersona.objects.filter(name__in=[p[0] for p in ladder.PERSONAS]).delete()


def test_the_ladder_migration_brings_an_old_catalog_to_the_seeds(catalog):
    seeded = {key: _requirement(*key) for key in ladder.REQUIREMENTS}
    personas = {
        p.name: (p.skills, p.preferences, p.expected_track_id, p.expected_level)
        for p in CalibrationPersona.objects.filter(name__in=[p[0] for p in ladder.PERSONAS])
    }
    _old_ladder()
    before = CatalogEdition.current()

    ladder.follow_the_ladder(apps, None)

    assert {key: _requirement(*key) for key in ladder.REQUIREMENTS} == seeded
    assert {
        p.name: (p.skills, p.preferences, p.expected_track_id, p.expected_level)
        for p in CalibrationPersona.objects.filter(name__in=personas)
    } == personas  # the migration's personas are the seed's, answer for answer
    assert CatalogEdition.current() != before  # nothing kept under the old ladder is served


def test_after_the_ladder_migration_every_persona_passes(catalog):
    _old_ladder()
    ladder.follow_the_ladder(apps, None)
    checks = check_personas(load_catalog())
    assert len(checks) == CalibrationPersona.objects.count() >= 13
    assert [c.persona.name for c in checks if not c.passed] == []


def test_the_ladder_migration_leaves_an_editors_requirement_and_persona_alone(catalog):
    _old_ladder()
    TrackSkill.objects.filter(track__slug="ai-engineer", skill__slug="vllm").update(importance=3)
    CalibrationPersona.objects.create(name="Applied scientist", skills={"python": 2})

    ladder.follow_the_ladder(apps, None)

    assert _requirement("ai-engineer", "vllm") == (3, 1, 2, 3)
    assert CalibrationPersona.objects.get(name="Applied scientist").skills == {"python": 2}
    assert _requirement("ml-engineer", "ci-cd-for-ml") == (5, 1, 2, 4)


def test_the_ladder_migration_leaves_an_up_to_date_catalog_alone(catalog):
    before = CatalogEdition.current()
    count = CalibrationPersona.objects.count()
    ladder.follow_the_ladder(apps, None)
    assert CatalogEdition.current() == before
    assert CalibrationPersona.objects.count() == count


# 0010: each step says which level it serves -----------------------------------------------------


def test_an_existing_catalogs_steps_get_levels_from_the_order_they_were_written_in(catalog):
    UpskillingStep.objects.update(level=1)  # as the new column leaves a catalog that exists
    before = CatalogEdition.current()

    step_levels.guess_from_order(apps, None)

    pytorch = UpskillingStep.objects.filter(skill__slug="pytorch").order_by("order", "pk")
    assert [step.level for step in pytorch] == [1, 2, 3]
    java = UpskillingStep.objects.filter(skill__slug="java").order_by("order", "pk")
    assert [step.level for step in java] == [1, 2]
    assert CatalogEdition.current() != before  # plans kept under the old steps are not served
