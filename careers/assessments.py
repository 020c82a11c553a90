"""Scoring a finished quiz and keeping the result as it was on the day."""

from dataclasses import asdict

from django.db import transaction

from careers import scoring
from careers.models import Assessment, UpskillingStep
from careers.scoring_catalog import catalog_version, load_catalog

TODO = "todo"


def known_answers(catalog: scoring.Catalog, skills: dict, preferences: dict) -> scoring.Answers:
    """The answers the catalog can score: a skill or option an editor removed mid-quiz drops out."""
    slugs = {skill.slug for skill in catalog.skills}
    questions = {question.slug: question for question in catalog.preferences}
    return scoring.Answers(
        {slug: value for slug, value in skills.items() if slug in slugs},
        {
            slug: value
            for slug, value in preferences.items()
            if slug in questions and questions[slug].option(value) is not None
        },
    )


def plan_steps(result: scoring.Result) -> list[dict]:
    """The upskilling steps that close the recommended track's gaps, most valuable gap first."""
    gaps = result.track(result.recommended).gaps
    rank = {gap.skill: index for index, gap in enumerate(gaps)}
    steps = (
        UpskillingStep.objects.filter(skill__slug__in=rank)
        .select_related("skill")
        .prefetch_related("resources")
    )
    ordered = sorted(steps, key=lambda step: (rank[step.skill.slug], step.order, step.pk))
    return [
        {
            "id": step.pk,
            "skill": step.skill.slug,
            "skill_name": step.skill.name,
            "title": step.title,
            "why": step.why,
            "hours": step.estimated_hours,
            "resources": [{"title": r.title, "url": r.url} for r in step.resources.all()],
            "status": TODO,
        }
        for step in ordered
    ]


def snapshot(catalog: scoring.Catalog, answers: scoring.Answers, result: scoring.Result) -> dict:
    """Everything the roadmap shows, frozen: later catalog edits cannot change it silently."""
    names = {skill.slug: skill.name for skill in catalog.skills}
    return {
        **asdict(result),
        "skill_names": {slug: names[slug] for slug in answers.skills},
        "plan": plan_steps(result),
    }


@transaction.atomic
def create_assessment(skills: dict, preferences: dict) -> Assessment:
    catalog = load_catalog()
    answers = known_answers(catalog, skills, preferences)
    result = scoring.score(catalog, answers)
    return Assessment.objects.create(
        answers={"skills": dict(answers.skills), "preferences": dict(answers.preferences)},
        catalog_version=catalog_version(catalog),
        result=snapshot(catalog, answers, result),
    )


def export(assessment: Assessment) -> dict:
    """The documented JSON export of an assessment."""
    result = assessment.result
    names = result["skill_names"]
    by_slug = {track["slug"]: track for track in result["tracks"]}
    return {
        "recommended_track": by_slug[result["recommended"]]["name"],
        "tracks": [
            {"name": t["name"], "slug": t["slug"], "fit": t["fit"], "level": t["level"]}
            for t in result["tracks"]
        ],
        "answers": {names[slug]: value for slug, value in assessment.answers["skills"].items()},
        "steps": [
            {"skill": step["skill_name"], "title": step["title"], "status": step["status"]}
            for step in result["plan"]
        ],
        "catalog_version": assessment.catalog_version,
        "created": assessment.created.isoformat(),
    }
