"""Results nobody came back to are removed after a while (`manage.py clear_stale_results`):
never opened again after the day they were made, with no progress, in no account and retaken
by none. Regression tests for issue 24, point 4: nothing ever removed them."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.progress import plan_steps

pytestmark = pytest.mark.django_db


def made(days_ago: int, opened_days_later: float = 0, **fields) -> Assessment:
    """A result made days_ago, last opened opened_days_later after that."""
    assessment = create_assessment({"python": 2}, {})
    created = timezone.now() - timedelta(days=days_ago)
    last_seen = created + timedelta(days=opened_days_later)
    Assessment.objects.filter(pk=assessment.pk).update(
        created=created, last_seen=last_seen, **fields
    )
    return assessment


def clear(*args: str) -> str:
    out = io.StringIO()
    call_command("clear_stale_results", *args, stdout=out)
    return out.getvalue()


def remaining(*assessments: Assessment) -> set[int]:
    return set(
        Assessment.objects.filter(pk__in=[a.pk for a in assessments]).values_list("pk", flat=True)
    )


def test_a_result_nobody_came_back_to_is_removed_after_30_days(catalog):
    stale, recent = made(days_ago=31), made(days_ago=29)
    assert "Removed 1 result" in clear()
    assert remaining(stale, recent) == {recent.pk}


def test_the_period_is_an_option(catalog):
    week_old, day_old = made(days_ago=8), made(days_ago=1)
    clear("--days", "7")
    assert remaining(week_old, day_old) == {day_old.pk}


def test_results_someone_came_back_to_or_keeps_stay(catalog, django_user_model):
    kept = made(days_ago=90, user=django_user_model.objects.create_user("ada"))
    reopened = made(days_ago=90, opened_days_later=2)
    with_progress = made(days_ago=90)
    step = plan_steps(with_progress, with_progress.result["recommended"])[0]
    StepProgress.objects.create(assessment=with_progress, step_id=step.id, status="done")
    retaken = made(days_ago=90)
    create_assessment({"python": 3}, {}, previous=retaken)  # shows what improved since
    assert "Removed 0 results" in clear()
    assert remaining(kept, reopened, with_progress, retaken) == {
        kept.pk, reopened.pk, with_progress.pk, retaken.pk,
    }  # fmt: skip


@pytest.mark.parametrize("page", ["roadmap", "roadmap_json", "roadmap_calendar"])
def test_opening_a_result_a_day_later_keeps_it(client, catalog, page):
    assessment = made(days_ago=31)
    assert client.get(reverse(page, args=[assessment.token])).status_code == 200
    clear()
    assert remaining(assessment) == {assessment.pk}


def test_an_opening_is_written_at_most_once_a_day(client, catalog):
    assessment = made(days_ago=3)
    url = assessment.get_absolute_url()
    updates = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        updates.append(sum('UPDATE "careers_assessment"' in q["sql"] for q in queries))
    assert updates == [1, 0, 0]
    assessment.refresh_from_db()
    assert timezone.now() - assessment.last_seen < timedelta(minutes=1)


@pytest.mark.parametrize("days", ["0", "-5", "x", "²"])
def test_a_period_that_would_reach_todays_results_is_refused(catalog, days):
    today = made(days_ago=0)
    with pytest.raises(CommandError, match="whole number of days"):
        clear("--days", days)
    assert remaining(today) == {today.pk}


def test_removing_reads_no_result_and_no_answers(catalog):
    made(days_ago=31)
    with CaptureQueriesContext(connection) as queries:
        clear()
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert reads and not [sql for sql in reads if '"result"' in sql or '"answers"' in sql]
