"""The documented JSON export of an assessment."""

from careers.catalog.models import Level
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.progress import plan_steps, statuses


def export(assessment: Assessment) -> dict:
    result = assessment.result
    names = result["skill_names"]
    status = statuses(assessment)
    return {
        "recommended_track": result["tracks"][0]["name"],
        "both_fit": result["both_fit"],
        "margin": result["margin"],
        # where the skills and the preferences point on their own, + toward recommended_track
        "skills_margin": assessment.margins[0],
        "preferences_margin": assessment.margins[1],
        # how the verdict was reached: questions answered, and whether more could change it
        "questions_asked": assessment.how_sure["questions_asked"],
        "settled": assessment.how_sure["settled"],
        "tracks": [
            {"name": t["name"], "slug": t["slug"], "fit": t["fit"], "level": t["level"]}
            for t in result["tracks"]
        ],
        "answers": {names[slug]: value for slug, value in assessment.answers["skills"].items()},
        "steps": [
            {
                "skill": step["skill_name"],
                "title": step["title"],
                "hours": step["hours"],
                # the level the step serves ("L7+"); None in a plan kept before steps had one
                "level": Level.Band(step["level"]).label if "level" in step else None,
                "status": status.get(step["id"], StepProgress.Status.TODO),
            }
            for step in plan_steps(assessment, result["recommended"])
        ],
        "catalog_version": assessment.catalog_version,
        "created": assessment.created.isoformat(),
    }
