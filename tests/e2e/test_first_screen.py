"""The roadmap's first screen in a real browser, on a desktop and on a phone: the verdict, the
level and the next three steps with their buttons and hours, before any scrolling; the steps
set from there with JavaScript (in place) and without (a plain post); the plan below folded."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from careers.roadmap.assessments import create_assessment
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
    plan = assessment.snapshot_content.step
    open_roadmap(page, live_site, assessment)
    page.screenshot(path=SCREENSHOTS / f"roadmap-first-screen-{width}.png")
    on_first_screen(page.locator("h1#verdict"), height)
    level = page.locator("h1#verdict + p strong").last  # after how sure, in words
    expect(level).to_have_text(assessment.result["tracks"][0]["level"])
    on_first_screen(level, height)
    on_first_screen(page.get_by_role("heading", name="Your next 3 steps"), height)
    steps = page.locator("#next-steps li")
    expect(steps).to_have_count(3)
    for number, step_id in enumerate(step_ids(assessment)[:3]):
        step = steps.nth(number)
        expect(step).to_have_id(f"next-{step_id}")
        expect(step).to_contain_text(f"About {plan[step_id].hours} hours")
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
    # started first, but never before an easier step of its own skill (issue 26): the two are
    # Distributed training's, Aware → Working then on toward Expert
    expect(page.locator("#next-steps li").nth(0)).to_have_id(f"next-{ids[0]}")
    expect(page.locator("#next-steps li").nth(1)).to_have_id(f"next-{ids[1]}")
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


@SIZES
def test_the_plan_is_folded_into_parts_and_skills_and_finished_steps_can_be_hidden(
    page: Page, live_site, catalog, size
):
    _folded_and_hidden(page, live_site, size)


@NO_JS
@SIZES
def test_folding_and_hiding_finished_steps_work_without_javascript(
    page: Page, live_site, catalog, size
):
    _folded_and_hidden(page, live_site, size)


def _folded_and_hidden(page: Page, live_site, size: tuple[int, int]) -> None:
    """Native <details> and a checkbox the stylesheet reads: the same with or without
    JavaScript, on a desktop and on a phone."""
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    assessment = make_assessment("LLM product builder")
    ids = step_ids(assessment)
    StepProgress.objects.create(assessment=assessment, step_id=ids[0], status="done")
    open_roadmap(page, live_site, assessment)
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


@pytest.mark.parametrize(
    ("who", "later_phases"), [("LLM product builder", 0), ("New graduate", 1), ("a beginner", 2)]
)
def test_everything_folded_the_page_is_at_most_4000_px_at_1280_however_long_the_plan(
    page: Page, live_site, catalog, who, later_phases
):
    """One phase of 43 steps, two of 68, and three of 81 for someone who rated nothing yet."""
    page.set_viewport_size({"width": 1280, "height": 900})
    assessment = create_assessment({}, {}) if who == "a beginner" else make_assessment(who)
    open_roadmap(page, live_site, assessment)
    page.screenshot(path=SCREENSHOTS / f"roadmap-folded-{who[:5]}-1280.png", full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 4000, height
    expect(page.locator("details.phase-later")).to_have_count(later_phases)


# --- a later phase, folded whole ------------------------------------------------------------


def later_step(assessment) -> tuple[int, int]:
    """The band of the plan's second phase and its first step's id."""
    later = assessment.saved_result.track("ai-engineer").plan[1]
    return later.band, later.gaps[0].steps[0]


def test_a_later_phase_loads_when_opened_and_its_steps_work_with_javascript(
    page: Page, live_site, catalog
):
    assessment = make_assessment("New graduate")
    band, step_id = later_step(assessment)
    open_roadmap(page, live_site, assessment)
    expect(page.locator(f"li#step-{step_id}")).to_have_count(0)  # not drawn until wanted
    mark_no_reload(page)
    reveal_step(page, step_id)  # opening the phase loads its parts in place
    step = page.locator(f"li#step-{step_id}")
    expect(step).to_be_visible()
    step.get_by_role("button", name="Done", exact=True).click()
    expect(step.get_by_role("button", name="Done", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("#plan-progress-label")).to_contain_text("1 of ")
    assert_no_reload(page)
    assert assessment.progress.get(step_id=step_id).status == "done"
    expect(page.locator(f"#phase-{band}-later")).to_have_attribute("open", "")


@NO_JS
def test_a_later_phase_opens_by_its_link_and_a_status_returns_to_it_without_javascript(
    page: Page, live_site, catalog
):
    assessment = make_assessment("New graduate")
    band, step_id = later_step(assessment)
    open_roadmap(page, live_site, assessment)
    page.locator(f"#phase-{band}-later > summary").click()
    page.get_by_role("link", name="Show the steps of phase 2").click()
    expect(page).to_have_url(re.compile(rf"\?phase={band}#phase-{band}$"))
    reveal_step(page, step_id)
    step = page.locator(f"li#step-{step_id}")
    step.get_by_role("button", name="Done", exact=True).click()
    # the plain post comes back to the step, its phase still laid out
    expect(page).to_have_url(re.compile(rf"\?phase={band}#step-{step_id}$"))
    expect(
        page.locator(f"li#step-{step_id}").get_by_role("button", name="Done", exact=True)
    ).to_have_attribute("aria-pressed", "true")
