"""Data migrations do what they say to a database that has the old content."""

import importlib

from django.apps import apps

from careers.catalog.models import (
    CalibrationPersona,
    CatalogEdition,
    PreferenceOption,
    PreferenceQuestion,
    Track,
)

remote_as_context = importlib.import_module("careers.migrations.0008_remote_work_as_context")


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
