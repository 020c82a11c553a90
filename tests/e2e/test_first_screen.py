"""The roadmap's first screen in a real browser, on a desktop and on a phone: the verdict, the
level and the next three steps with their buttons and hours, before any scrolling; the steps
set from there with JavaScript (in place) and without (a plain post)."""

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from careers.roadmap.models import StepProgress
from tests.e2e.helpers import (
    NO_JS,
    assert_no_reload,
    make_assessment,
    mark_no_reload,
    open_roadmap,
    roadmap_url,
    step_ids,
)

SCREENSHOTS = Path("/tmp")
SIZES = pytest.mark.parametrize(
    "size", [(1280, 900), (375, 812)], ids=lambda size: f"{size[0]}x{size[1]}"
)


def on_first_screen(locator: Locator, height: int) -> None:
    box = locator.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, box


@SIZES
def test_the_first_screen_says_what_to_do_next(page: Page, live_site, catalog, size):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    assessment = make_assessment("LLM product builder")
    plan = {step["id"]: step for phase in assessment.result["plans"]["ai-engineer"]
            for gap in phase["gaps"] for step in gap["steps"]}  # fmt: skip
    open_roadmap(page, live_site, assessment)
    page.screenshot(path=SCREENSHOTS / f"roadmap-first-screen-{width}.png")
    on_first_screen(page.locator("h1#verdict"), height)
    level = page.locator("h1#verdict + p strong")
    expect(level).to_have_text(assessment.result["tracks"][0]["level"])
    on_first_screen(level, height)
    on_first_screen(page.get_by_role("heading", name="Your next 3 steps"), height)
    steps = page.locator("#next-steps li")
    expect(steps).to_have_count(3)
    for number, step_id in enumerate(step_ids(assessment)[:3]):
        step = steps.nth(number)
        expect(step).to_have_id(f"next-{step_id}")
        expect(step).to_contain_text(f"About {plan[step_id]['hours']} hours")
        for label in StepProgress.Status.labels:
            on_first_screen(step.get_by_role("button", name=label, exact=True), height)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def next_button(page: Page, step_id: int, label: str) -> Locator:
    return page.locator(f"li#next-{step_id}").get_by_role("button", name=label, exact=True)


def plan_button(page: Page, step_id: int, label: str) -> Locator:
    return page.locator(f"li#step-{step_id}").get_by_role("button", name=label, exact=True)


def _done_from_the_top(page: Page, live_site, javascript: bool) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    assessment = make_assessment("Tabular-ML engineer")
    ids = step_ids(assessment)
    open_roadmap(page, live_site, assessment)
    if javascript:
        mark_no_reload(page)
    # Started: it stays, pressed
    next_button(page, ids[1], "In progress").click()
    expect(next_button(page, ids[1], "In progress")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#next-steps li").first).to_have_id(f"next-{ids[1]}")  # started first
    # Done: it leaves the list, the fourth step comes in, and the plan below says Done too
    next_button(page, ids[0], "Done").click()
    expect(page.locator(f"li#next-{ids[0]}")).to_have_count(0)
    expect(page.locator(f"li#next-{ids[3]}")).to_be_visible()
    expect(plan_button(page, ids[0], "Done")).to_have_attribute("aria-pressed", "true")
    expect(plan_button(page, ids[1], "In progress")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#plan-progress-label")).to_have_text(
        f"1 of {len(ids)} steps done or skipped"
    )
    if javascript:
        assert_no_reload(page)
        expect(page.locator("#next-heading")).to_be_focused()
    else:
        expect(page).to_have_url(f"{roadmap_url(live_site, assessment)}#next-steps")
    assert dict(assessment.progress.values_list("step_id", "status")) == {
        ids[0]: "done",
        ids[1]: "doing",
    }


def test_steps_set_from_the_top_with_javascript(page: Page, live_site, catalog):
    _done_from_the_top(page, live_site, javascript=True)


@NO_JS
def test_steps_set_from_the_top_without_javascript(page: Page, live_site, catalog):
    _done_from_the_top(page, live_site, javascript=False)
