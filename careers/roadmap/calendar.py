"""A roadmap's study weeks as an iCalendar file (RFC 5545): a block each week, naming its steps.

The same address serves a download and a subscription: a calendar app that subscribes asks
again now and then, and each answer is worked out from the progress of that moment, so finished
steps leave the calendar and the weeks move up. Times are floating (no time zone), so a block
is at 10:00 wherever the person is.
"""

import hashlib
from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vDuration

from careers.core.planning import weekly_blocks
from careers.roadmap.progress import Plan, next_steps

DEFAULT_HOURS = 5  # a week's hours when the person has not said
BLOCK_START = time(10, 0)  # on Saturdays
LONGEST_BLOCK = 4  # hours in one sitting; the description gives the week's whole
REMINDER = timedelta(hours=-12)  # the evening before
SATURDAY = 5


def study_calendar(
    token: str, track_name: str, plan: Plan, hours_per_week: int | None, url: str,
    today: date, now: datetime,
) -> bytes:  # fmt: skip
    """The unfinished steps, started ones first, packed into weeks at the person's pace; one
    event a week from the first Saturday after today, with a reminder."""
    hours = hours_per_week or DEFAULT_HOURS
    pace = f"{hours} hours a week" + ("" if hours_per_week else " (set your own on the roadmap)")
    steps = {item["step"]["id"]: item["step"] for item in next_steps(plan.phases, count=None)}
    weeks = weekly_blocks(((sid, step["hours"]) for sid, step in steps.items()), hours)
    first = today + timedelta(days=(SATURDAY - today.weekday() - 1) % 7 + 1)
    calendar = Calendar()
    calendar.add("prodid", "-//careers//study plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Study plan: {track_name}")
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(timedelta(hours=12)))
    # The UID must not carry the token: calendars sync UIDs to places the link was never shared.
    owner = hashlib.sha256(token.encode()).hexdigest()[:16]
    for number, week in enumerate(weeks, 1):
        titles = [steps[sid]["title"] for sid, _ in week]
        week_hours = sum(part for _, part in week)
        start = datetime.combine(first + timedelta(weeks=number - 1), BLOCK_START)
        event = Event()
        event.add("uid", f"week-{number}-{owner}@careers")
        event.add("dtstamp", now)
        event.add("dtstart", start)
        event.add("duration", timedelta(hours=min(week_hours, LONGEST_BLOCK)))
        more = f" and {len(titles) - 1} more" if len(titles) > 1 else ""
        event.add("summary", f"Study week {number}: {titles[0]}{more}")
        lines = [f"Week {number} of {len(weeks)} at {pace}: about {week_hours} hours."]
        lines += [f"- {steps[sid]['title']} ({part} h)" for sid, part in week]
        lines += ["", f"Your roadmap, to tick off what you finish: {url}"]
        event.add("description", "\n".join(lines))
        event.add("url", url)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", REMINDER)
        alarm.add("description", f"Tomorrow: study week {number}, {titles[0]}{more}")
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
