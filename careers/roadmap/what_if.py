"""What-ifs: the result with one answer changed, scored against the assessment's own catalog."""

from django.core.exceptions import BadRequest

from careers.core import scoring
from careers.roadmap.models import Assessment
from careers.roadmap.plans import track_plans


def changed_answers(assessment: Assessment, skill: str, rating: str) -> dict[str, int]:
    """The assessment's ratings with one changed; BadRequest for what no form would send."""
    known = {s.slug for s in assessment.scoring_catalog.skills}
    if skill not in known or rating not in {"0", "1", "2", "3", "4"}:
        raise BadRequest("Choose a skill and a rating from 0 to 4.")
    return {**assessment.answers["skills"], skill: int(rating)}


def what_if(assessment: Assessment, skill: str, rating: str, track_slug: str) -> dict:
    """The result with one answer changed, scored against the assessment's own catalog."""
    catalog = assessment.scoring_catalog
    skills = changed_answers(assessment, skill, rating)
    value = skills[skill]
    answers = scoring.Answers(skills, assessment.answers["preferences"])
    result = scoring.score(catalog, answers)
    track = result.track(track_slug)
    plan = track_plans(catalog, answers, result)[track_slug]
    return {
        "skill": next(s for s in catalog.skills if s.slug == skill),
        "before": assessment.answers["skills"].get(skill, 0),
        "value": value,
        "result": result,
        "track": track,
        "phases": plan,
        "skills": skills,
    }
