"""With a shared cache the scoring catalog is read once, and any edit drops the cached copy."""

import pytest

from careers.models import PreferenceOption, Skill, TrackSkill
from careers.scoring_catalog import cached_catalog, load_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings):
    """A shared cache, as REDIS_URL gives in production (locmem stands in for Redis here)."""
    settings.REDIS_URL = "redis://stand-in"


def test_without_a_shared_cache_every_read_is_fresh(catalog, settings, django_assert_num_queries):
    settings.REDIS_URL = ""
    with django_assert_num_queries(5):
        cached_catalog()
    with django_assert_num_queries(5):
        cached_catalog()


def test_a_shared_cache_serves_the_catalog_without_queries(
    catalog, shared_cache, django_assert_num_queries
):
    fresh = load_catalog()
    assert cached_catalog() == fresh
    with django_assert_num_queries(0):
        assert cached_catalog() == fresh


@pytest.mark.parametrize("edit", ["requirement", "skill", "option", "delete"])
def test_any_edit_to_a_source_drops_the_cached_copy(catalog, shared_cache, edit):
    before = cached_catalog()
    if edit == "requirement":
        row = TrackSkill.objects.get(track__slug="ai-engineer", skill__slug="rag")
        row.importance = 1
        row.save()
    elif edit == "skill":
        Skill.objects.get(slug="rag").save()  # even a save that changes nothing
    elif edit == "option":
        option = PreferenceOption.objects.first()
        option.label = "Something else"
        option.save()
    else:
        TrackSkill.objects.get(track__slug="ml-engineer", skill__slug="rag").delete()
    after = cached_catalog()
    assert after == load_catalog()
    if edit != "skill":
        assert after != before
