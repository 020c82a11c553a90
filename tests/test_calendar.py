"""The roadmap's study calendar (/roadmap/<token>.ics): parsed back and held to RFC 5545, one
block a week at the person's pace naming that week's steps, following progress, token only."""

import re
from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from careers.catalog.models import CalibrationPersona
from careers.core.planning import weeks_for
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.progress import plan_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(catalog) -> Assessment:
    builder = CalibrationPersona.objects.get(name="LLM product builder")
    return create_assessment(builder.skills, builder.preferences)


def fetch(client, assessment, **query):
    return client.get(reverse("roadmap_calendar", args=[assessment.token]), query)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def rfc5545_problems(body: bytes, calendar: Calendar) -> list[str]:
    """What RFC 5545 requires of this calendar and its events and alarms (section 3.6)."""
    problems = []
    lines = body.split(b"\r\n")
    if lines[-1] != b"" or any(b"\n" in line for line in lines):
        problems.append("lines must end in CRLF")
    problems += [f"line over 75 octets: {line[:20]!r}" for line in lines if len(line) > 75]
    if calendar.get("VERSION") != "2.0" or not calendar.get("PRODID"):
        problems.append("VCALENDAR needs VERSION:2.0 and PRODID")
    uids = []
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if required not in event:
                problems.append(f"VEVENT without {required}")
        if "DTEND" in event and "DURATION" in event:
            problems.append("VEVENT with both DTEND and DURATION")
        uids.append(str(event["UID"]))
        for alarm in event.walk("VALARM"):
            if alarm.get("ACTION") != "DISPLAY" or "TRIGGER" not in alarm:
                problems.append("VALARM needs ACTION and TRIGGER")
            if "DESCRIPTION" not in alarm:
                problems.append("a DISPLAY VALARM needs DESCRIPTION")
    if len(uids) != len(set(uids)):
        problems.append("UIDs repeat")
    return problems


def by_week(events) -> dict[int, list]:
    weeks: dict[int, list] = {}
    for event in events:
        weeks.setdefault(int(re.match(r"week-(\d+)-", str(event["UID"]))[1]), []).append(event)
    return weeks


def week_hours(event) -> int:
    return int(re.search(r"about (\d+) hours", str(event["DESCRIPTION"]))[1])


def test_a_study_block_a_week_at_the_persons_pace_naming_its_steps(client, assessment):
    assessment.hours_per_week = 6
    assessment.save(update_fields=["hours_per_week"])
    steps = plan_steps(assessment, "ai-engineer")
    response = fetch(client, assessment)
    calendar = parse(response)
    assert rfc5545_problems(response.content, calendar) == []
    events = calendar.walk("VEVENT")
    weeks = by_week(events)
    total = sum(step.hours for step in steps)
    assert len(weeks) == weeks_for(total, 6)
    assert sum(week_hours(week[0]) for week in weeks.values()) == total
    starts = [week[0].decoded("DTSTART") for week in weeks.values()]
    assert starts[0].date() > date.today() and starts[0].weekday() == 5  # the next Saturday
    assert starts[0].time() == time(10, 0) and starts[0].tzinfo is None  # floating, local
    assert all(b - a == timedelta(weeks=1) for a, b in zip(starts, starts[1:], strict=False))
    assert steps[0].title in str(events[0]["SUMMARY"])
    assert steps[0].title in str(events[0]["DESCRIPTION"])
    assert all(event.walk("VALARM") for event in events)  # a reminder each week
    assert assessment.token not in " ".join(str(event["UID"]) for event in events)
    assert assessment.get_absolute_url() in str(events[0]["DESCRIPTION"])
    assert "Content-Disposition" not in response  # subscribable as it is
    download = fetch(client, assessment, download="1")
    assert download["Content-Disposition"].startswith('attachment; filename="roadmap-')


def test_the_calendar_follows_progress(client, assessment):
    steps = plan_steps(assessment, "ai-engineer")
    before = parse(fetch(client, assessment)).walk("VEVENT")
    # The started step is the first of its skill (since issue 27, LLM cost & latency's prompt
    # caching): a started harder step would bring its skill's easier one ahead (issue 26).
    started = steps[4]
    assert started.skill not in {step.skill for step in steps[:4]}
    StepProgress.objects.create(assessment=assessment, step_id=steps[0].id, status="done")
    StepProgress.objects.create(assessment=assessment, step_id=started.id, status="doing")
    after = parse(fetch(client, assessment)).walk("VEVENT")
    text = " ".join(str(event["DESCRIPTION"]) for event in after)
    assert steps[0].title in " ".join(str(event["DESCRIPTION"]) for event in before)
    assert steps[0].title not in text  # finished: gone
    assert started.title in str(after[0]["SUMMARY"])  # started: first
    hours = sum(week_hours(week[0]) for week in by_week(after).values())
    assert hours == sum(week_hours(week[0]) for week in by_week(before).values()) - steps[0].hours


def test_only_the_token_opens_it(client, assessment):
    assert client.get(reverse("roadmap_calendar", args=["x" * 32])).status_code == 404
    assert fetch(client, assessment, track="no-such-track").status_code == 400
    response = fetch(client, assessment)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_calendar_costs_the_same_queries_as_the_plan_grows(
    client, sized_catalog, django_assert_num_queries
):
    builder = CalibrationPersona.objects.get(name="LLM product builder")
    assessment = create_assessment(builder.skills, builder.preferences)
    assessment.scoring_catalog  # noqa: B018 (parsed once per process and catalog version)
    with django_assert_num_queries(2):  # the assessment, its progress
        assert fetch(client, assessment).status_code == 200


@pytest.mark.parametrize("hours_per_week", [3, 8, 10, 40])
def test_a_weeks_sittings_last_the_hours_its_text_gives(client, assessment, hours_per_week):
    assessment.hours_per_week = hours_per_week
    assessment.save(update_fields=["hours_per_week"])
    for week in by_week(parse(fetch(client, assessment)).walk("VEVENT")).values():
        lengths = [event.decoded("DURATION") for event in week]
        assert sum(lengths, timedelta()) == timedelta(hours=week_hours(week[0]))
        assert len(week) <= 7 and all(length > timedelta() for length in lengths)
        if hours_per_week <= 28:  # a day's sitting stays short while the week has room
            assert max(lengths) <= timedelta(hours=4)
        days = [event.decoded("DTSTART").date() for event in week]
        assert days == [days[0] + timedelta(days=n) for n in range(len(days))]


@pytest.mark.parametrize("hours_per_week", [1, 5, 7, 9, 12])
def test_the_last_sitting_falls_on_the_day_the_roadmap_says_it_is_done(client, hours_per_week):
    graduate = CalibrationPersona.objects.get(name="New graduate")  # a plan of several phases
    assessment = create_assessment(graduate.skills, graduate.preferences)
    assessment.hours_per_week = hours_per_week
    assessment.save(update_fields=["hours_per_week"])
    track = assessment.result["recommended"] or "ai-engineer"
    page = client.get(assessment.get_absolute_url(), {"track": track}).content.decode()
    weeks, done = re.search(r"takes about <strong>(\d+) weeks?</strong>: done around <strong>"
                            r"([^<]+)</strong>", page).groups()  # fmt: skip
    events = parse(fetch(client, assessment, track=track)).walk("VEVENT")
    assert len(by_week(events)) == int(weeks)
    last = max(event.decoded("DTSTART").date() for event in events)
    assert last.strftime("%-d %B %Y") == done
