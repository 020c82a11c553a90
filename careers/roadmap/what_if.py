"""What-ifs and ratings given on the page: the result with one answer changed, scored against
the assessment's own catalog, on the rated skills and the estimates of the rest (issue 26)."""

from dataclasses import replace

from django.core.exceptions import BadRequest

from careers.core import scoring
from careers.core.result import plan_track
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment
from careers.roadmap.plans import current_snapshot
from careers.roadmap.progress import joined_plan

RATINGS = {"0", "1", "2", "3", "4"}


def changed_answers(assessment: Assessment, skill: str, rating: str) -> dict[str, int]:
    """The assessment's ratings with one changed (or given, for a skill only estimated);
    BadRequest for what no form would send."""
    known = {s.slug for s in assessment.scoring_catalog.skills}
    if skill not in known or rating not in RATINGS:
        raise BadRequest("Choose a skill and a rating from 0 to 4.")
    return {**assessment.answers["skills"], skill: int(rating)}


def what_if(assessment: Assessment, skill: str, rating: str, track_slug: str) -> dict:
    """The result with one answer changed, scored against the assessment's own catalog with the
    other estimates as they were; its plan takes the steps the catalog offers now, as keeping
    it as a new assessment would."""
    catalog = assessment.scoring_catalog
    skills = {**assessment.ratings, **changed_answers(assessment, skill, rating)}
    answers = scoring.Answers(skills, assessment.answers["preferences"])
    result = scoring.score(catalog, answers)
    track = result.track(track_slug)
    snapshot = replace(current_snapshot(), catalog=catalog)
    planned = plan_track(snapshot, track_slug, answers.skills, track.band)
    estimated = assessment.saved_result.estimated.keys() - {skill}
    return {
        "skill": catalog.skill(skill),
        "before": assessment.ratings.get(skill, 0),
        "was_estimated": skill in assessment.saved_result.estimated,
        "value": skills[skill],
        "result": result,
        "track": track,
        "phases": joined_plan(snapshot, track_slug, planned, {}, None, estimated).phases,
        "skills": skills,
    }


def kept_with(assessment: Assessment, skill: str, rating: str, user) -> Assessment:
    """A new assessment retaking this one with one answer changed or an estimate rated (a
    what-if kept, a rating given in place): its progress carried like any retake's, the other
    estimates as they were, and as sure as this one's verdict if the verdict stays."""
    result = assessment.saved_result
    skills = changed_answers(assessment, skill, rating)
    asked = result.how_sure.questions_asked + (skill in result.estimated)
    how_sure = replace(result.how_sure, questions_asked=asked)
    estimated = {slug: value for slug, value in result.estimated.items() if slug != skill}
    return create_assessment(
        skills, assessment.answers["preferences"], assessment, user,
        how_sure=how_sure, estimated=estimated, vouched=result.verdict,
    )  # fmt: skip
