"""Queries per quiz step and per submission are pinned, and stay put as the catalog grows 10×."""

import pytest
from django.urls import reverse

from careers.models import (
    Assessment,
    ProficiencyExample,
    Resource,
    Skill,
    TrackSkill,
    UpskillingStep,
)
from tests.test_quiz import HTMX, answers_for, post_step, step_count, step_url

pytestmark = pytest.mark.django_db


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


@pytest.fixture
def all_answers(sized_catalog) -> dict[int, dict]:
    """Every step's form, prepared before counting (the helpers query too)."""
    return {number: answers_for(number) for number in range(1, step_count() + 1)}


def test_showing_a_step(client, all_answers, django_assert_num_queries):
    post_step(client, 1, all_answers[1])
    # session, steps, skills, their examples, the check for earlier unanswered steps (2)
    with django_assert_num_queries(6):
        assert client.get(step_url(2)).status_code == 200


def test_posting_a_step_without_javascript(client, all_answers, django_assert_num_queries):
    # steps, session, skills, examples, session update (inside a savepoint pair)
    with django_assert_num_queries(7):
        assert post_step(client, 1, all_answers[1]).status_code == 302


def test_posting_a_step_with_htmx(client, all_answers, django_assert_num_queries):
    # as above, plus the next step's skills and examples
    with django_assert_num_queries(9):
        assert post_step(client, 1, all_answers[1], **HTMX).status_code == 200


def test_submitting_the_quiz(client, all_answers, django_assert_num_queries):
    last = max(all_answers)
    for number in range(1, last):
        post_step(client, number, all_answers[number])
    # steps, session, questions (2), unanswered check (2), catalog (5), plan (2), insert,
    # session update, and savepoints
    with django_assert_num_queries(19):
        assert post_step(client, last, all_answers[last]).status_code == 302
    assert Assessment.objects.count() == 1


def test_the_result_page_and_export(client, all_answers, django_assert_num_queries):
    for number in sorted(all_answers):
        post_step(client, number, all_answers[number])
    token = Assessment.objects.get().token
    with django_assert_num_queries(1):
        assert client.get(reverse("roadmap", args=[token])).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("roadmap_json", args=[token])).status_code == 200
