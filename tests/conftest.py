import io

import pytest
from django.core.management import call_command

from careers.models import (
    ProficiencyExample,
    Resource,
    Skill,
    Track,
    TrackSkill,
    UpskillingStep,
)


def pytest_configure(config):
    """Tests render pages without running collectstatic first, so no manifest of hashed names."""
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the catalog once per test database; ordinary tests roll back on top of it."""
    with django_db_blocker.unblock():
        call_command("seed_catalog", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty caches: rate-limit counts never leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def catalog(db):
    """The seeded catalog (seeded again after a transactional test has flushed the database)."""
    if not Track.objects.exists():
        call_command("seed_catalog", stdout=io.StringIO())
    return Track.objects.all()


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-editor-1")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def grow_catalog(factor: int) -> None:
    """Add (factor − 1) copies of every skill, with its requirements, examples and steps."""
    originals = list(Skill.objects.prefetch_related("track_skills", "examples", "steps__resources"))
    for copy in range(1, factor):
        for skill in originals:
            clone = Skill.objects.create(
                name=f"{skill.name} #{copy}",
                slug=f"{skill.slug}-{copy}",
                category_id=skill.category_id,
                description=skill.description,
                order=skill.order,
            )
            TrackSkill.objects.bulk_create(
                TrackSkill(
                    track_id=ts.track_id,
                    skill=clone,
                    importance=ts.importance,
                    entry_required=ts.entry_required,
                    mid_required=ts.mid_required,
                    senior_required=ts.senior_required,
                )
                for ts in skill.track_skills.all()
            )
            ProficiencyExample.objects.bulk_create(
                ProficiencyExample(skill=clone, proficiency=e.proficiency, example=e.example)
                for e in skill.examples.all()
            )
            for step in skill.steps.all():
                new = UpskillingStep.objects.create(
                    skill=clone,
                    title=step.title,
                    why=step.why,
                    estimated_hours=step.estimated_hours,
                    order=step.order,
                )
                Resource.objects.bulk_create(
                    Resource(step=new, title=r.title, url=r.url) for r in step.resources.all()
                )


@pytest.fixture(params=[1, 10], ids=["seed-catalog", "10x-catalog"])
def sized_catalog(request, catalog):
    grow_catalog(request.param)
    return request.param
