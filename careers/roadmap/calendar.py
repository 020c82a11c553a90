"""A roadmap's study weeks as an iCalendar file (RFC 5545): a block each week, naming its steps.

The same address serves a download and a subscription: a calendar app that subscribes asks
again now and then, and each answer is worked out from the progress of that moment, so finished
steps leave the calendar and the weeks move up. Times are floating (no time zone), so a block
is at 10:00 wherever the person is.
"""

import hashlib
from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vDuration

from careers.core.planning import first_study_day, sittings, weekly_blocks
from careers.roadmap.progress import Plan, next_steps

DEFAULT_HOURS = 5  # a week's hours when the person has not said
SITTING_START = time(10, 0)
REMINDER = timedelta(hours=-12)  # the evening before


def study_calendar(
    token: str, track_name: str, plan: Plan, hours_per_week: int | None, url: str,
    today: date, now: datetime,
) -> bytes:  # fmt: skip
    """The unfinished steps, started ones first, packed into weeks at the person's pace; each
    week's hours as sittings on consecutive days from the first Saturday after today (the day
    the roadmap says the plan is done is the last sitting's), each with a reminder."""
    hours = hours_per_week or DEFAULT_HOURS
    pace = f"{hours} hours a week" + ("" if hours_per_week else " (set your own on the roadmap)")
    steps = {item.step.id: item.step for item in next_steps(plan.phases, count=None)}
    weeks = weekly_blocks(((sid, step.hours) for sid, step in steps.items()), hours)
    calendar = Calendar()
    calendar.add("prodid", "-//careers//study plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Study plan: {track_name}")
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(timedelta(hours=12)))
    # The UID must not carry the token: calendars sync UIDs to places the link was never shared.
    owner = hashlib.sha256(token.encode()).hexdigest()[:16]
    first = first_study_day(today)
    for number, week in enumerate(weeks, 1):
        titles = [steps[sid].title for sid, _ in week]
        week_hours = sum(part for _, part in week)
        lines = [f"Week {number} of {len(weeks)} at {pace}: about {week_hours} hours."]
        lines += [f"- {steps[sid].title} ({part} h)" for sid, part in week]
        lines += ["", f"Your roadmap, to tick off what you finish: {url}"]
        week_start = datetime.combine(first + timedelta(weeks=number - 1), SITTING_START)
        for event in sittings_of_week(number, week_hours, titles, week_start, owner):
            event.add("dtstamp", now)
            event.add("description", "\n".join(lines))
            event.add("url", url)
            calendar.add_component(event)
    return calendar.to_ical()


def sittings_of_week(
    number: int, hours: int, titles: list[str], start: datetime, owner: str
) -> list[Event]:
    """The week's sittings, a day after each other from start, each with its own reminder."""
    more = f" and {len(titles) - 1} more" if len(titles) > 1 else ""
    parts = sittings(hours)
    events = []
    for index, length in enumerate(parts, 1):
        of = f", sitting {index} of {len(parts)} ({length} h)" if len(parts) > 1 else ""
        event = Event()
        event.add("uid", f"week-{number}-{index}-{owner}@careers")
        event.add("dtstart", start + timedelta(days=index - 1))
        event.add("duration", timedelta(hours=length))
        event.add("summary", f"Study week {number}{of}: {titles[0]}{more}")
        event.add_component(reminder(f"Tomorrow: study week {number}{of}, {titles[0]}{more}"))
        events.append(event)
    return events


def reminder(text: str) -> Alarm:
    """A notice the evening before."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER)
    alarm.add("description", text)
    return alarm
