"""The editors' insights (careers/roadmap/insights.py, admin/insights/): what people's results
look like, with every figure drawn from fewer than five people hidden, siblings that would
give one away too, and quiz starts counted without keeping anything about anyone."""

import csv
import datetime
import io
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from careers.catalog.models import CalibrationPersona, Skill
from careers.plumbing.daily_counts import DailyCount
from careers.roadmap.assessments import create_assessment
from careers.roadmap.events import QUIZ_STARTED
from careers.roadmap.insights import HIDDEN, insights
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.progress import plan_steps
from tests.helpers import answers_for, post_step

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def kept(name: str, times: int) -> list[Assessment]:
    persona = CalibrationPersona.objects.get(name=name)
    return [create_assessment(persona.skills, persona.preferences) for _ in range(times)]


def figure(found, key):
    return next(figure for figure in found.figures if figure.key == key)


def cells(found, key) -> dict[str, list[str]]:
    return dict(figure(found, key).cells())


def range_of_today():
    return TODAY() - datetime.timedelta(days=6), TODAY()


def test_a_verdict_of_four_people_is_hidden_and_of_five_shown(catalog):
    kept("Tabular-ML engineer", 10)  # ML Engineer
    kept("LLM product builder", 4)  # AI Engineer
    verdicts = cells(insights(*range_of_today()), "verdicts")
    assert verdicts["AI Engineer"] == [HIDDEN]
    # the total (14) is shown, so 14 − 10 would give the 4 away: the ML count is hidden too
    assert verdicts["ML Engineer"] == [HIDDEN]
    assert verdicts["Both tracks fit"] == ["0"]

    kept("LLM product builder", 1)  # five now
    verdicts = cells(insights(*range_of_today()), "verdicts")
    assert verdicts["AI Engineer"] == ["5 (33 %)"] and verdicts["ML Engineer"] == ["10 (67 %)"]


def test_fewer_than_five_results_hide_everything_even_the_total(catalog):
    kept("LLM product builder", 4)
    found = insights(*range_of_today())
    assert found.people is None
    for figure_ in found.figures:
        for _, words in figure_.cells():
            assert all(word in (HIDDEN, "0") or "levels" in word for word in words), figure_.key


def test_levels_per_track_hide_small_cells_and_the_sibling_beside_them(catalog):
    kept("Tabular-ML engineer", 6)  # L5-L6 on ML, L4 on AI
    kept("MLOps platform engineer", 3)  # L7+ on both
    levels = cells(insights(*range_of_today()), "levels")
    on_ai, on_ml = 0, 1
    assert levels["below L4"][on_ai] == "0"
    assert levels["L7+"][on_ml] == HIDDEN
    assert levels["L5-L6"][on_ml] == HIDDEN  # 9 − 3: it would give the three away
    assert levels["L4"][on_ml] == "0"


def test_the_most_common_gaps_rank_by_people_times_average_gap_and_leave_out_small_ones(
    catalog,
):
    kept("New graduate", 5)
    found = insights(*range_of_today())
    gaps = figure(found, "gaps")
    graduate = Assessment.objects.first()
    result, names = graduate.saved_result, graduate.snapshot_content.skill_names
    track = result.track(result.recommended)
    expected = sorted(track.gaps, key=lambda g: (-(g.required - g.current), names[g.skill]))
    assert [label for label, _ in gaps.rows] == [names[g.skill] for g in expected[:10]]
    assert all(values[0] == 5 for _, values in gaps.rows)
    Assessment.objects.all().delete()
    kept("New graduate", 4)
    assert figure(insights(*range_of_today()), "gaps").rows == ()


def test_the_funnel_counts_starts_results_settled_verdicts_and_steps_done(client, catalog):
    for _ in range(6):  # six people start the full quiz: one answer each, in their own session
        client.cookies.clear()
        post_step(client, 1, answers_for(1))
    assert DailyCount.objects.get(event=QUIZ_STARTED, day=TODAY()).count == 6
    # nothing else about them is kept in the count
    assert [f.name for f in DailyCount._meta.fields] == ["id", "event", "day", "count"]
    results = kept("LLM product builder", 5)
    for result in results[:4]:  # four people did a step: too few to show
        step = plan_steps(result, result.result["recommended"])[0]
        StepProgress.objects.create(assessment=result, step_id=step.id, status="done")
    funnel = cells(insights(*range_of_today()), "funnel")
    assert funnel["Started the quiz"] == ["6"]
    assert funnel["Kept a result"] == ["5"]
    assert funnel["With a settled verdict"] == ["5"]  # answered in full: settled
    assert funnel["Did at least one step"] == [HIDDEN]
    step = plan_steps(results[4], results[4].result["recommended"])[0]
    StepProgress.objects.create(assessment=results[4], step_id=step.id, status="done")
    assert cells(insights(*range_of_today()), "funnel")["Did at least one step"] == ["5"]


def test_the_range_leaves_out_results_kept_before_it(catalog):
    old = kept("LLM product builder", 5)
    Assessment.objects.filter(pk__in=[a.pk for a in old]).update(
        created=timezone.now() - datetime.timedelta(days=30)
    )
    kept("Tabular-ML engineer", 5)
    found = insights(*range_of_today())
    assert found.people == 5
    assert cells(found, "verdicts")["AI Engineer"] == ["0"]


def analyst(django_user_model, *permissions):
    name = "analyst-" + "-".join(permissions)
    user = django_user_model.objects.create_user(name, password="pw-analyst-1", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return user


def test_only_editors_who_may_view_assessments_see_insights(client, catalog, django_user_model):
    url = reverse("admin_insights")
    assert client.get(url).status_code == 302  # signed out: to the admin's sign-in
    client.force_login(analyst(django_user_model, "view_skill"))
    assert client.get(url).status_code == 403
    assert "Insights" not in client.get(reverse("admin:index")).content.decode()
    client.force_login(analyst(django_user_model, "view_assessment"))
    assert client.get(url).status_code == 200
    assert reverse("admin_insights") in client.get(reverse("admin:index")).content.decode()


def test_the_page_filters_by_date_and_downloads_csv(editor_client, catalog):
    kept("Tabular-ML engineer", 6)
    kept("LLM product builder", 2)
    start, end = range_of_today()
    query = {"start": start.isoformat(), "end": end.isoformat()}
    page = editor_client.get(reverse("admin_insights"), query).content.decode()
    assert "8 results kept" in unescape(re.sub(r"<[^>]+>", "", page))
    assert 'id="insight-per-week"' in page  # the chart of what is shown
    assert 'id="insight-verdicts"' not in page  # every verdict hidden: nothing to draw
    response = editor_client.get(reverse("admin_insights"), query | {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["figure", "row", "column", "value"]
    assert ["Verdicts", "AI Engineer", "People", HIDDEN] in rows
    assert ["Verdicts", "ML Engineer", "People", HIDDEN] in rows  # 8 − 2 would tell


@pytest.mark.parametrize(
    "query",
    [{"start": "2026-13-01", "end": "2026-12-01"}, {"start": "2026-12-05", "end": "2026-12-01"}],
    ids=["no such date", "from after to"],
)
def test_a_bad_range_re_renders_with_its_error(editor_client, catalog, query):
    response = editor_client.get(reverse("admin_insights"), query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page and 'id="insights-total"' not in page


def csv_download(client) -> list[list[str]]:
    start, end = range_of_today()
    query = {"start": start.isoformat(), "end": end.isoformat(), "format": "csv"}
    response = client.get(reverse("admin_insights"), query)
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_a_gap_is_named_as_the_catalog_names_its_skill_now(catalog):
    """Issue 24: each gap took the name from whichever stored result was read last."""
    kept("New graduate", 5)
    top = figure(insights(*range_of_today()), "gaps").rows[0][0]
    Skill.objects.filter(name=top).update(name="Renamed since")
    kept("New graduate", 5)  # ten results now, five naming the skill each way
    labels = [label for label, _ in figure(insights(*range_of_today()), "gaps").rows]
    assert "Renamed since" in labels and top not in labels
    Skill.objects.filter(name="Renamed since").update(name="And again")
    labels = [label for label, _ in figure(insights(*range_of_today()), "gaps").rows]
    assert "And again" in labels and "Renamed since" not in labels


def test_the_csv_writes_a_name_a_spreadsheet_would_run_as_text(editor_client, catalog):
    """OWASP's advice for CSV injection: a cell beginning = + - @ tab or CR gets a quote."""
    kept("New graduate", 5)
    top = figure(insights(*range_of_today()), "gaps").rows[0][0]
    Assessment.objects.all().delete()
    formula = '=HYPERLINK("http://evil.example","Python")'
    Skill.objects.filter(name=top).update(name=formula)
    kept("New graduate", 5)  # kept with the skill's name of the day
    rows = csv_download(editor_client)
    assert ["Most common gaps on the recommended track", "'" + formula, "People", "5"] in rows
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert not [cell for row in rows for cell in row if cell.startswith(starts)]


def test_the_gap_chart_says_what_it_draws_and_the_table_shows_the_same_number(catalog):
    """Issue 24: the axis said "People" while the bars were people × average gap (PyTorch 15
    on the chart beside 12 people in the table)."""
    kept("New graduate", 5)
    gaps = figure(insights(*range_of_today()), "gaps")
    assert gaps.chart.axis_label == "Levels short, all told (people × average gap)"
    assert gaps.columns == ("People", "Levels short, all told")
    drawn = {category.label: category.values[0] for category in gaps.chart.spec.categories}
    assert drawn == {label: float(values[1]) for label, values in gaps.rows}
    for _label, words in gaps.cells():
        people, short, average = words
        assert float(average.split()[0]) == pytest.approx(int(short) / int(people), abs=0.05)
