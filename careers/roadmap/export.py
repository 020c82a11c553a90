"""The documented JSON export of an assessment."""

from careers.catalog.models import Level
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.progress import plan_steps, statuses


def export(assessment: Assessment) -> dict:
    result = assessment.saved_result
    names = assessment.snapshot_content.skill_names
    status = statuses(assessment)
    return {
        "recommended_track": result.tracks[0].name,
        "both_fit": result.both_fit,
        "margin": result.margin,
        # where the skills and the preferences point on their own, + toward recommended_track
        "skills_margin": result.skills_margin,
        "preferences_margin": result.preferences_margin,
        # how the verdict was reached: questions answered, and whether more could change it
        "questions_asked": result.how_sure.questions_asked,
        "settled": result.how_sure.settled,
        # the verdict as the page's headline states it: kind ("track", "both": both fit or a
        # close call, "neither"), track (null for a tie), level, how sure ("settled", "very
        # likely", "open") and the skills scored at the quiz's estimate (issue 26)
        "verdict": result.verdict.to_json(),
        "tracks": [
            {"name": t.name, "slug": t.slug, "fit": t.fit, "level": t.level} for t in result.tracks
        ],
        "answers": {names[slug]: value for slug, value in assessment.answers["skills"].items()},
        # the ratings estimated for the skills not asked, which the figures rest on too
        "estimated": {names[slug]: value for slug, value in result.estimated.items()},
        "steps": [
            {
                "skill": names[step.skill],
                "title": step.title,
                "hours": step.hours,
                # the level the step serves ("L7+"); None for a step kept before steps had one
                "level": Level.Band(step.level).label if step.level else None,
                "status": status.get(step.id, StepProgress.Status.TODO),
            }
            for step in plan_steps(assessment, result.recommended)
        ],
        "catalog_version": assessment.catalog_version,
        "created": assessment.created.isoformat(),
    }
