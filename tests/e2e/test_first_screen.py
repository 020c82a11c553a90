"""The roadmap's first screen in a real browser, on a desktop and on a phone: the verdict, the
level and the next three steps with their buttons and hours, before any scrolling; the steps
set from there with JavaScript (in place) and without (a plain post); the plan below folded."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from careers.roadmap.models import StepProgress
from careers.roadmap.progress import PART_HOURS
from tests.e2e.helpers import (
    NO_JS,
    assert_no_reload,
    make_assessment,
    mark_no_reload,
    open_roadmap,
    reveal_step,
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
    """The same step's button in the plan below (folded away there, so found by its value)."""
    value = dict(zip(StepProgress.Status.labels, StepProgress.Status.values, strict=True))[label]
    return page.locator(f'li#step-{step_id} button[name="status"][value="{value}"]')


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


# --- the plan folded ------------------------------------------------------------------------------


def test_the_plan_is_folded_into_parts_and_skills_and_finished_steps_can_be_hidden(
    page: Page, live_site, catalog
):
    page.set_viewport_size({"width": 1280, "height": 900})
    assessment = make_assessment("LLM product builder")
    ids = step_ids(assessment)
    StepProgress.objects.create(assessment=assessment, step_id=ids[0], status="done")
    open_roadmap(page, live_site, assessment)
    # everything folded: a page to take in, not a 40-step wall
    page.screenshot(path=SCREENSHOTS / "roadmap-folded-1280.png", full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 4000, height
    parts = page.locator("details.part")
    assert parts.count() > 1
    for number in range(parts.count()):  # each part within what a person can finish
        hours = int(
            re.search(r"about (\d+) hours", parts.nth(number).locator("> summary").inner_text())[1]
        )
        steps = parts.nth(number).locator("li.step").count()
        assert hours <= PART_HOURS or steps == 1
    first_gap = page.locator(f"details.gap:has(li#step-{ids[0]})")
    expect(first_gap.locator("> summary")).to_contain_text("1 done or skipped")
    # unfolded, a skill shows its steps; "Hide finished steps" hides the done one
    reveal_step(page, ids[0])
    expect(page.locator(f"li#step-{ids[0]}")).to_be_visible()
    page.get_by_label("Hide finished steps").check()
    expect(page.locator(f"li#step-{ids[0]}")).to_be_hidden()
    reveal_step(page, ids[1])
    expect(page.locator(f"li#step-{ids[1]}")).to_be_visible()
