"""Scoring a finished quiz and keeping the result, its plan and its catalog as they were."""

from django.db import IntegrityError, connection, transaction

from careers.catalog.scoring_catalog import cached_catalog, catalog_version
from careers.core import scoring
from careers.core.planning import catalog_to_dict
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.plans import snapshot


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
