"""Scoring a finished quiz and keeping the result, its plan and its catalog as they were."""

from dataclasses import asdict

from django.db import IntegrityError, connection, transaction

from careers import scoring
from careers.models import Assessment, StepProgress, TrackSkill, UpskillingStep
from careers.planning import catalog_to_dict, phases
from careers.scoring_catalog import cached_catalog, catalog_version


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


def step_rows(skills: set[str]) -> dict[str, list[dict]]:
    """Each skill's upskilling steps with their resources, in order: two queries."""
    steps = (
        UpskillingStep.objects.filter(skill__slug__in=skills)
        .select_related("skill")
        .prefetch_related("resources")
        .order_by("skill__slug", "order", "pk")
    )
    by_skill: dict[str, list[dict]] = {}
    for step in steps:
        by_skill.setdefault(step.skill.slug, []).append(
            {
                "id": step.pk,
                "skill": step.skill.slug,
                "skill_name": step.skill.name,
                "title": step.title,
                "why": step.why,
                "hours": step.estimated_hours,
                "resources": [{"title": r.title, "url": r.url} for r in step.resources.all()],
            }
        )
    return by_skill


def track_plans(catalog: scoring.Catalog, answers: scoring.Answers, result: scoring.Result):
    """For every track, its phases toward each higher level, each gap with the steps that close
    it: a skill short in several phases takes its first steps in the first, the rest later."""
    plans = {
        track.slug: phases(catalog, track.slug, answers.skills, track.band)
        for track in result.tracks
    }
    skills = {gap.skill for plan in plans.values() for phase in plan for gap in phase.gaps}
    steps = step_rows(skills)
    why = {
        (track, skill): text
        for track, skill, text in TrackSkill.objects.filter(skill__slug__in=skills).values_list(
            "track__slug", "skill__slug", "why_it_matters"
        )
    }
    return {slug: plan_dict(slug, plan, steps, why) for slug, plan in plans.items()}


def plan_dict(track: str, plan, steps: dict, why: dict) -> list[dict]:
    """Steps are written beginner first: a gap of d levels takes the skill's next d steps (at
    least one), so a small gap never gets the advanced ones."""
    seen: dict[str, int] = {}
    phases_out = []
    for phase in plan:
        gaps = []
        for gap in phase.gaps:
            available = steps.get(gap.skill, [])
            taken = seen.get(gap.skill, 0)
            mine = available[taken : taken + max(1, gap.required - gap.current)]
            seen[gap.skill] = taken + len(mine)
            gaps.append(
                {
                    **asdict(gap),
                    "why_for_track": why.get((track, gap.skill), ""),
                    "steps": mine,
                }
            )
        hours = sum(step["hours"] for gap in gaps for step in gap["steps"])
        phases_out.append({"band": phase.band, "level": phase.level, "hours": hours, "gaps": gaps})
    return phases_out


def snapshot(catalog: scoring.Catalog, answers: scoring.Answers, result: scoring.Result) -> dict:
    """Everything the roadmap shows, frozen: later catalog edits cannot change it silently."""
    names = {skill.slug: skill.name for skill in catalog.skills}
    return {
        **asdict(result),
        "skill_names": {slug: names[slug] for slug in answers.skills},
        "plans": track_plans(catalog, answers, result),
    }


def create_assessment(
    skills: dict,
    preferences: dict,
    previous: Assessment | None = None,
    user=None,
    attempt: str = "",
) -> Assessment:
    """Score the answers and keep the result. attempt names the way through the quiz they come
    from (QuizState.attempt): a second call with the same one, after the first or at the same
    time, returns the first one's assessment instead of making another."""
    catalog = cached_catalog()
    answers = known_answers(catalog, skills, preferences)
    assessment = Assessment(
        answers={"skills": dict(answers.skills), "preferences": dict(answers.preferences)},
        catalog_version=catalog_version(catalog),
        catalog=catalog_to_dict(catalog),
        result=snapshot(catalog, answers, scoring.score(catalog, answers)),
        previous=previous,
        user=user if user is not None and user.is_authenticated else None,
        attempt=attempt or None,  # NULL, not "": assessments without an attempt never collide
    )
    try:
        # Only the insert is atomic: inside a caller's transaction it is a savepoint, which
        # leaves that transaction usable after a lost race. (Scoring reads outside it: SQLite's
        # transactions take the write lock at once, and would hold up every other writer.)
        with transaction.atomic():
            assessment.save(force_insert=True)
    except IntegrityError:
        # Another request finished the same attempt first (on PostgreSQL, this insert waited
        # for it to commit): its assessment is the answer.
        kept = Assessment.objects.filter(attempt=attempt).first() if attempt else None
        if kept is None:
            raise
        return kept
    return assessment


def plan_steps(assessment: Assessment, track: str) -> list[dict]:
    """A track's steps in plan order, phase by phase."""
    return [
        step
        for phase in assessment.result["plans"][track]
        for gap in phase["gaps"]
        for step in gap["steps"]
    ]


def statuses(assessment: Assessment) -> dict[int, str]:
    """Step id → status, for the steps the person has touched: one query."""
    return dict(assessment.progress.values_list("step_id", "status"))


def export(assessment: Assessment) -> dict:
    """The documented JSON export of an assessment."""
    result = assessment.result
    names = result["skill_names"]
    status = statuses(assessment)
    return {
        "recommended_track": result["tracks"][0]["name"],
        "tracks": [
            {"name": t["name"], "slug": t["slug"], "fit": t["fit"], "level": t["level"]}
            for t in result["tracks"]
        ],
        "answers": {names[slug]: value for slug, value in assessment.answers["skills"].items()},
        "steps": [
            {
                "skill": step["skill_name"],
                "title": step["title"],
                "status": status.get(step["id"], StepProgress.Status.TODO),
            }
            for step in plan_steps(assessment, result["recommended"])
        ],
        "catalog_version": assessment.catalog_version,
        "created": assessment.created.isoformat(),
    }


def page_state(token: str) -> tuple | None:
    """Everything that can change on a roadmap page without a catalog edit, in one query: the
    assessment's hours, owner and predecessor, and the progress on it and on its predecessor.
    None when no assessment has this token.

    Raw SQL because it is asked on every view of a roadmap before the page cache is consulted:
    one join instead of two ORM queries halves the cost of serving a kept roadmap.
    """
    assessment, progress = Assessment._meta.db_table, StepProgress._meta.db_table
    sql = (
        f"SELECT a.id, a.hours_per_week, a.user_id, a.previous_id, p.assessment_id, p.step_id, "
        f"p.status FROM {assessment} a LEFT JOIN {progress} p "
        f"ON p.assessment_id = a.id OR p.assessment_id = a.previous_id "
        f"WHERE a.token = %s ORDER BY p.assessment_id, p.step_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [token])
        rows = cursor.fetchall()
    if not rows:
        return None
    return (rows[0][:4], [row[4:] for row in rows if row[4] is not None])
