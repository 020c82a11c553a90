"""What-ifs: the result with one answer changed, scored against the assessment's own catalog."""

from dataclasses import replace

from django.core.exceptions import BadRequest

from careers.core import scoring
from careers.core.result import plan_track
from careers.roadmap.models import Assessment
from careers.roadmap.plans import current_snapshot
from careers.roadmap.progress import joined_plan


def changed_answers(assessment: Assessment, skill: str, rating: str) -> dict[str, int]:
    """The assessment's ratings with one changed; BadRequest for what no form would send."""
    known = {s.slug for s in assessment.scoring_catalog.skills}
    if skill not in known or rating not in {"0", "1", "2", "3", "4"}:
        raise BadRequest("Choose a skill and a rating from 0 to 4.")
    return {**assessment.answers["skills"], skill: int(rating)}


def what_if(assessment: Assessment, skill: str, rating: str, track_slug: str) -> dict:
    """The result with one answer changed, scored against the assessment's own catalog; its
    plan takes the steps the catalog offers now, as saving it as a new assessment would."""
    catalog = assessment.scoring_catalog
    skills = changed_answers(assessment, skill, rating)
    answers = scoring.Answers(skills, assessment.answers["preferences"])
    result = scoring.score(catalog, answers)
    track = result.track(track_slug)
    snapshot = replace(current_snapshot(), catalog=catalog)
    planned = plan_track(snapshot, track_slug, answers.skills, track.band)
    return {
        "skill": catalog.skill(skill),
        "before": assessment.answers["skills"].get(skill, 0),
        "value": skills[skill],
        "result": result,
        "track": track,
        "phases": joined_plan(snapshot, track_slug, planned, {}, None).phases,
        "skills": skills,
    }
