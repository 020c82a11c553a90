"""Scoring a finished quiz and keeping the result, its plan and its catalog as they were."""

from django.db import IntegrityError, transaction

from careers.catalog.scoring_catalog import kept_catalog
from careers.core import scoring
from careers.roadmap.models import Assessment, StepProgress, answered_in_full
from careers.roadmap.plans import snapshot


def create_assessment(
    skills: dict,
    preferences: dict,
    previous: Assessment | None = None,
    user=None,
    attempt: str = "",
    how_sure: dict | None = None,
) -> Assessment:
    """Score the answers and keep the result. attempt names the way through the quiz they come
    from (QuizState.attempt): a second call with the same one, after the first or at the same
    time, returns the first one's assessment instead of making another. how_sure is what the
    quick quiz says of a result it stopped at (careers/quiz/quick.py); every question answered,
    the result is settled by definition."""
    kept = kept_catalog()
    catalog = kept.catalog
    answers = scoring.known_answers(catalog, scoring.Answers(skills, preferences))
    result = snapshot(catalog, answers, scoring.score(catalog, answers))
    carried = carried_progress(previous, result["plans"]) if previous else {}
    assessment = Assessment(
        answers={"skills": dict(answers.skills), "preferences": dict(answers.preferences)},
        catalog_version=kept.version,
        catalog=kept.as_dict,
        result={
            **result,
            "how_sure": how_sure or answered_in_full(catalog),
            "carried": carried_summary(carried, previous),
        },
        hours_per_week=previous.hours_per_week if previous else None,
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
            StepProgress.objects.bulk_create(
                StepProgress(assessment=assessment, step_id=step_id, status=status)
                for step_id, status in carried.items()
            )
    except IntegrityError:
        # Another request finished the same attempt first (on PostgreSQL, this insert waited
        # for it to commit): its assessment is the answer.
        kept = Assessment.objects.filter(attempt=attempt).first() if attempt else None
        if kept is None:
            raise
        return kept
    return assessment


def carried_progress(previous: Assessment, plans: dict) -> dict[int, str]:
    """Progress follows the person: the statuses set on the previous plan's steps that the new
    plan has too (the same upskilling step, on any track), step id → status. One query."""
    in_plan = {
        step["id"]
        for plan in plans.values()
        for phase in plan
        for gap in phase["gaps"]
        for step in gap["steps"]
    }
    return {
        step_id: status
        for step_id, status in previous.progress.values_list("step_id", "status")
        if step_id in in_plan and status != StepProgress.Status.TODO
    }


def carried_summary(carried: dict[int, str], previous: Assessment | None) -> dict:
    """What the new result says it carried over: how many steps of each status, and the hours a
    week."""
    kinds = StepProgress.Status
    counts = {kind.value: 0 for kind in (kinds.DONE, kinds.IN_PROGRESS, kinds.SKIPPED)}
    for status in carried.values():
        counts[status] += 1
    return {"statuses": counts, "hours_per_week": previous.hours_per_week if previous else None}
