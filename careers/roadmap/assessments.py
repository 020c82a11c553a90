"""Scoring a finished quiz and keeping the result and its plan, pointing into the catalog
snapshot they were made from (careers/core/result.py)."""

from collections.abc import Mapping

from django.db import IntegrityError, transaction

from careers.core import scoring
from careers.core.result import Carried, HowSure, SavedResult, Snapshot, plan_all
from careers.roadmap.models import Assessment, CatalogSnapshot, StepProgress
from careers.roadmap.plans import current_catalog


def create_assessment(
    skills: dict,
    preferences: dict,
    previous: Assessment | None = None,
    user=None,
    attempt: str = "",
    how_sure: dict | HowSure | None = None,
    estimated: dict | None = None,  # issue 26: the page's branch stores and scores it
) -> Assessment:
    """Score the answers and keep the result. attempt names the way through the quiz they come
    from (QuizState.attempt): a second call with the same one, after the first or at the same
    time, returns the first one's assessment instead of making another. how_sure is what the
    quick quiz says of a result it stopped at (careers/quiz/quick.py); every question answered,
    the result is settled by definition."""
    current = current_catalog()
    snapshot = current.snapshot
    answers = scoring.known_answers(snapshot.catalog, scoring.Answers(skills, preferences))
    scored = scoring.score(snapshot.catalog, answers)
    plans = plan_all(snapshot, answers.skills, scored)
    carried = carried_progress(previous, plans) if previous else {}
    said = sureness(how_sure, snapshot.catalog)
    result = SavedResult.of(scored, plans, said, carried_summary(carried, previous))
    assessment = Assessment(
        answers={"skills": dict(answers.skills), "preferences": dict(answers.preferences)},
        catalog_version=current.version,
        result=result.to_json(),
        hours_per_week=previous.hours_per_week if previous else None,
        previous=previous,
        user=user if user is not None and user.is_authenticated else None,
        attempt=attempt or None,  # NULL, not "": assessments without an attempt never collide
    )
    assessment.saved_result = result  # what to_json wrote, read back: no need to read it again
    return keep(assessment, snapshot, carried, attempt)


def sureness(how_sure: dict | HowSure | None, catalog: scoring.Catalog) -> HowSure:
    """What the quiz said of the result (the quick quiz's dict, read as the stored result reads
    it), or, every question answered, settled by definition."""
    if how_sure is None:
        return HowSure.answered_in_full(catalog)
    if isinstance(how_sure, dict):  # issue 26: the page's branch keeps the verdict; merge: theirs
        how_sure = {key: value for key, value in how_sure.items() if key != "verdict"}
    return how_sure if isinstance(how_sure, HowSure) else HowSure.from_json(how_sure)


def keep(assessment: Assessment, snapshot: Snapshot, carried: dict, attempt: str) -> Assessment:
    """Insert the assessment, its snapshot's row if new, and the progress it carried over; if
    another request finished the same attempt first, that one's assessment."""
    try:
        # Only the inserts are atomic: inside a caller's transaction it is a savepoint, which
        # leaves that transaction usable after a lost race. (Scoring reads outside it: SQLite's
        # transactions take the write lock at once, and would hold up every other writer.)
        with transaction.atomic():
            assessment.snapshot = CatalogSnapshot.keep(snapshot)
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


def carried_progress(previous: Assessment, plans: Mapping[str, tuple]) -> dict[int, str]:
    """Progress follows the person: the statuses set on the previous plan's steps that the new
    plan has too (the same upskilling step, on any track), step id → status. One query."""
    in_plan = {
        step
        for plan in plans.values()
        for phase in plan
        for gap in phase.gaps
        for step in gap.steps
    }
    return {
        step_id: status
        for step_id, status in previous.progress.values_list("step_id", "status")
        if step_id in in_plan and status != StepProgress.Status.TODO
    }


def carried_summary(carried: dict[int, str], previous: Assessment | None) -> Carried:
    """What the new result says it carried over: how many steps of each status, and the hours a
    week."""
    kinds = StepProgress.Status
    counts = {kind.value: 0 for kind in (kinds.DONE, kinds.IN_PROGRESS, kinds.SKIPPED)}
    for status in carried.values():
        counts[status] += 1
    return Carried(counts, previous.hours_per_week if previous else None)
