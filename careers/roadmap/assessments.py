"""Scoring a finished quiz and keeping the result and its plan, pointing into the catalog
snapshot they were made from (careers/core/result.py)."""

from collections.abc import Mapping
from dataclasses import replace

from django.db import IntegrityError, transaction

from careers.core import scoring
from careers.core.result import Carried, HowSure, SavedResult, Snapshot, plan_all
from careers.core.verdict import Sure, Verdict, verdict_of
from careers.roadmap.models import Assessment, CatalogSnapshot, StepProgress
from careers.roadmap.plans import current_catalog


def create_assessment(
    skills: dict,
    preferences: dict,
    previous: Assessment | None = None,
    user=None,
    attempt: str = "",
    how_sure: dict | HowSure | None = None,
    estimated: Mapping[str, int] | None = None,
    vouched: Verdict | None = None,
) -> Assessment:
    """Score the answers and keep the result. attempt: the way through the quiz they come from
    (QuizState.attempt); a second call with it returns the first one's assessment. how_sure:
    what the quick quiz says of a result it stopped at, its "verdict" what its last screen
    showed (none: every question answered, settled). estimated: the ratings the quiz's person
    model gives the skills it did not ask, scored with the rated ones so the page shows the
    person the quiz vouched for (issue 26); the answers kept are what was rated. vouched: the
    verdict of a result this one changes by an answer, whose sureness holds if it stays."""
    current = current_catalog()
    snapshot = current.snapshot
    answers = scoring.known_answers(snapshot.catalog, scoring.Answers(skills, preferences))
    guessed = estimates(snapshot.catalog, answers, estimated or {})
    both = scoring.Answers({**guessed, **answers.skills}, answers.preferences)
    scored = scoring.score(snapshot.catalog, both, estimated=tuple(guessed))
    plans = plan_all(snapshot, both.skills, scored)
    carried = carried_progress(previous, plans) if previous else {}
    said, shown = sureness(how_sure, snapshot.catalog)
    verdict = shown or stated(scored, said, tuple(guessed), vouched)
    summary = carried_summary(carried, previous)
    result = SavedResult.of(scored, plans, said, summary, verdict, answers.skills, guessed)
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


def estimates(
    catalog: scoring.Catalog, answers: scoring.Answers, estimated: Mapping[str, int]
) -> dict[str, int]:
    """The estimates of skills the catalog has and the person did not rate; ValueError for a
    rating off the 0-4 scale (the quiz computes them: never a person's input)."""
    known = {skill.slug for skill in catalog.skills}
    kept = {s: r for s, r in estimated.items() if s in known and s not in answers.skills}
    if any(type(r) is not int or not 0 <= r <= 4 for r in kept.values()):
        raise ValueError("an estimated rating is a whole number from 0 to 4")
    return kept


def sureness(
    how_sure: dict | HowSure | None, catalog: scoring.Catalog
) -> tuple[HowSure, Verdict | None]:
    """What the quiz said of the result (the quick quiz's dict, read as the stored result reads
    it) and the verdict its last screen showed, if it sent one; or, every question answered,
    settled by definition."""
    if how_sure is None:
        return HowSure.answered_in_full(catalog), None
    if isinstance(how_sure, HowSure):
        return how_sure, None
    said = dict(how_sure)
    shown = said.pop("verdict", None)
    return HowSure.from_json(said), Verdict.from_json(shown) if shown else None


def stated(
    scored: scoring.Result, said: HowSure, guessed: tuple[str, ...], vouched: Verdict | None
) -> Verdict:
    """The verdict of a result the quiz sent none for, as sure as sure_of says."""
    verdict = verdict_of(scored, Sure.OPEN, guessed)
    return replace(verdict, sure=sure_of(said, verdict, vouched))


def sure_of(said: HowSure, verdict: Verdict, vouched: Verdict | None) -> Sure:
    """How sure a verdict the quiz did not send is: settled when no answer left could change
    it (every question answered: a full questionnaire, or a what-if of one); as sure as the
    verdict it changes when one answer more leaves it the same; else open."""
    if said.settled:
        return Sure.SETTLED
    same = vouched and (vouched.kind, vouched.track, vouched.level) == (
        verdict.kind, verdict.track, verdict.level,
    )  # fmt: skip
    return vouched.sure if same else Sure.OPEN


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
