"""The skills quiz in a real browser: whole journeys with and without JavaScript, the error
summary, Back and browser history, progress and focus, keyboard-only use and a phone screen.

Answers come from the calibration personas in fixtures/catalog/05_quiz.json (skills left out
mean 0), so each journey also checks the verdict the catalog promises for that persona.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from careers.quiz.steps import quiz_steps
from tests.e2e.helpers import (
    NO_JS,
    PERSONAS,
    TRACK_NAMES,
    answer_step,
    checked_values,
    continue_to_next,
    open_step_one,
    press_continue,
    progress,
    question_names,
    radio,
    wait_for_step,
)

PHONE = pytest.mark.browser_context_args(viewport={"width": 375, "height": 740})


# --- helpers -----------------------------------------------------------------------------------


def active_id(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def record_posts(page: Page) -> list:
    """Every POST the page sends from now on (the Request objects)."""
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request))
    return posts


def assert_roadmap(page: Page, persona: dict) -> None:
    """The roadmap names the persona's expected track (or calls it close) and level."""
    verdict = page.locator("h1#verdict")
    expect(verdict).to_be_visible()
    expected = persona["expected_track"]
    if expected:
        name = re.escape(TRACK_NAMES[expected[0]])
        expect(verdict).to_have_text(
            re.compile(rf"^({name} fits you best|Both tracks fit you, leaning {name}), at ")
        )  # the headline's words (careers/core/verdict.py, issue 26)
    else:
        expect(verdict).to_have_text(re.compile(r"^Both tracks fit you"))
    fits = page.get_by_role("region", name="Fit and level on each track")
    expect(fits).to_be_visible()
    recommended = fits.locator(".card.recommended")
    expect(recommended).to_have_count(1)
    if expected:
        expect(recommended.locator("h3")).to_contain_text(TRACK_NAMES[expected[0]])
    if persona["expected_level"]:
        expect(recommended).to_contain_text(f"Estimated level: {persona['expected_level']}")


# --- whole journeys ----------------------------------------------------------------------------

# One persona a way through, one per track: what the browser adds is the way (htmx swaps, or
# plain posts), not the verdict, which tests/test_quiz.py checks for every persona through the
# same forms without a browser.
JS_PERSONAS = ["LLM product builder"]
NO_JS_PERSONAS = ["Data-platform engineer"]


@pytest.mark.parametrize("persona_name", JS_PERSONAS)
def test_whole_quiz_with_javascript(page: Page, live_site, catalog, persona_name):
    persona = PERSONAS[persona_name]
    total = len(quiz_steps())
    open_step_one(page, live_site)
    assert progress(page) == (1, total)
    page.evaluate("window.__noReload = 1")  # lost if any step were a full page load
    posts = record_posts(page)

    for number in range(1, total):
        assert continue_to_next(page, live_site, persona) == number + 1
        expect(page.locator("#step-heading")).to_be_focused()

    expect(page.get_by_role("button", name="See my result")).to_be_visible()
    assert page.evaluate("window.__noReload") == 1, "a quiz step reloaded the whole page"
    assert continue_to_next(page, live_site, persona) == 0
    assert_roadmap(page, persona)
    # Every step went through htmx, none as a page navigation.
    assert len(posts) == total
    assert all(p.headers.get("hx-request") == "true" for p in posts)
    assert not any(p.is_navigation_request() for p in posts)


@NO_JS
@pytest.mark.parametrize("persona_name", NO_JS_PERSONAS)
def test_whole_quiz_without_javascript(page: Page, live_site, catalog, persona_name):
    persona = PERSONAS[persona_name]
    total = len(quiz_steps())
    open_step_one(page, live_site)
    posts = record_posts(page)
    for number in range(2, total + 1):
        assert continue_to_next(page, live_site, persona) == number
    expect(page.get_by_role("button", name="See my result")).to_be_visible()
    assert continue_to_next(page, live_site, persona) == 0
    assert_roadmap(page, persona)
    # Plain post/redirect/get: each step a form navigation, none sent by htmx.
    assert len(posts) == total
    assert all(p.is_navigation_request() and "hx-request" not in p.headers for p in posts)


# --- error summary -----------------------------------------------------------------------------


def _leave_some_unanswered_and_continue(page: Page, live_site) -> tuple[dict, list[str]]:
    """On step 1, answer the first two questions only and press Continue."""
    open_step_one(page, live_site)
    names = question_names(page)
    assert len(names) > 2, "step 1 needs more than two questions for this test"
    given = answer_step(page, PERSONAS["LLM product builder"], only=2)
    press_continue(page)
    return given, names[2:]


def _assert_error_summary(page: Page, live_site, given: dict, missing: list[str]) -> None:
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    assert active_id(page) == "error-summary"
    links = summary.get_by_role("link")
    expect(links).to_have_count(len(missing))
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    first_radios = [
        page.locator(f"#q-{name} input[type=radio]").first.get_attribute("id") for name in missing
    ]
    assert hrefs == [f"#{radio_id}" for radio_id in first_radios]
    for name in missing:
        expect(page.locator(f"#q-{name} .field-error")).to_be_visible()
    for name in given:
        expect(page.locator(f"#q-{name} .field-error")).to_have_count(0)
    assert checked_values(page, list(given)) == given  # answers given are kept
    assert checked_values(page, missing) == dict.fromkeys(missing)
    expect(page).to_have_url(f"{live_site.url}/quiz/1/")
    assert progress(page)[0] == 1

    target = missing[-1]
    links.last.click()
    expect(page.locator(f"#{first_radios[-1]}")).to_be_focused()
    expect(page.locator(f"#{first_radios[-1]}")).to_be_in_viewport()
    assert active_id(page) == f"{target}-0"


def test_error_summary_with_javascript(page: Page, live_site, catalog):
    given, missing = _leave_some_unanswered_and_continue(page, live_site)
    _assert_error_summary(page, live_site, given, missing)


@NO_JS
def test_error_summary_without_javascript(page: Page, live_site, catalog):
    given, missing = _leave_some_unanswered_and_continue(page, live_site)
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the plain post's page
    _assert_error_summary(page, live_site, given, missing)


def test_page_title_follows_the_step_with_javascript(page: Page, live_site, catalog):
    steps = quiz_steps()
    open_step_one(page, live_site)
    press_continue(page)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    continue_to_next(page, live_site, PERSONAS["New graduate"])
    expect(page).to_have_title(
        re.compile("^" + re.escape(f"{steps[1].title} – step 2 of {len(steps)}"))
    )


# --- Back, reload and browser history ----------------------------------------------------------


@pytest.mark.parametrize(
    "javascript", [True, pytest.param(False, marks=NO_JS)], ids=["js", "no-js"]
)
def test_back_button_keeps_answers(page: Page, live_site, catalog, javascript):
    persona = PERSONAS["Tabular-ML engineer"]
    total = len(quiz_steps())
    open_step_one(page, live_site)
    step1 = answer_step(page, persona)
    press_continue(page)
    wait_for_step(page, live_site, 2, total)
    names2 = question_names(page)
    step2 = answer_step(page, persona, only=2)

    page.get_by_role("button", name="Back").click()
    wait_for_step(page, live_site, 1, total)
    assert checked_values(page, list(step1)) == step1
    assert checked_values(page, list(step1), rendered=True) == step1

    press_continue(page)
    wait_for_step(page, live_site, 2, total)
    expected = {**dict.fromkeys(names2), **step2}
    assert checked_values(page, names2) == expected
    assert checked_values(page, names2, rendered=True) == expected


@pytest.mark.parametrize("reload_first", [True, False], ids=["reload", "no-reload"])
def test_browser_history_keeps_answers(page: Page, live_site, catalog, reload_first):
    persona = PERSONAS["LLM product builder"]
    total = len(quiz_steps())
    open_step_one(page, live_site)
    step1 = answer_step(page, persona)
    press_continue(page)
    wait_for_step(page, live_site, 2, total)
    if reload_first:
        page.reload()
        wait_for_step(page, live_site, 2, total)

    page.go_back()
    wait_for_step(page, live_site, 1, total)
    page.wait_for_load_state("load")
    assert checked_values(page, list(step1)) == step1
    assert checked_values(page, list(step1), rendered=True) == step1  # from the server

    page.go_forward()
    wait_for_step(page, live_site, 2, total)
    page.wait_for_load_state("load")
    expect(page.locator("#step-heading")).to_have_text(quiz_steps()[1].title)


# --- progress, focus, keyboard, phone ----------------------------------------------------------


def test_progress_and_focus_after_swap(page: Page, live_site, catalog):
    steps = quiz_steps()
    open_step_one(page, live_site)
    bar = page.locator("#quiz-step progress")
    total = int(bar.get_attribute("max"))
    assert total == len(steps) == 9
    expect(page.locator("#progress-label")).to_have_text(f"Step 1 of {total}")
    expect(bar).to_have_attribute("value", "1")
    expect(bar).to_have_attribute("aria-labelledby", "progress-label")
    expect(page.locator("#step-heading")).to_have_text(steps[0].title)

    continue_to_next(page, live_site, PERSONAS["New graduate"])
    expect(page.locator("#progress-label")).to_have_text(f"Step 2 of {total}")
    expect(bar).to_have_attribute("value", "2")
    expect(page.locator("#step-heading")).to_have_text(steps[1].title)
    expect(page.locator("#step-heading")).to_be_focused()
    assert active_id(page) == "step-heading"


def test_quiz_step_works_with_the_keyboard_alone(page: Page, live_site, catalog):
    total = len(quiz_steps())
    open_step_one(page, live_site)
    names = question_names(page)

    for _ in range(10):  # past the skip link and the header's links to the first question
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == names[0]:
            break
    focus_outline = "getComputedStyle(document.activeElement).outlineStyle"
    assert page.evaluate(focus_outline) not in ("", "none"), "no visible focus on the radio"
    for name in names:
        assert page.evaluate("document.activeElement.name") == name
        page.keyboard.press("Space")  # "None"
        expect(radio(page, name, "0")).to_be_checked()
        page.keyboard.press("ArrowDown")  # moves to and selects "Aware"
        expect(radio(page, name, "1")).to_be_checked()
        expect(radio(page, name, "1")).to_be_focused()
        page.keyboard.press("Tab")
    continue_button = page.get_by_role("button", name="Continue")
    expect(continue_button).to_be_focused()
    page.keyboard.press("Enter")

    wait_for_step(page, live_site, 2, total)
    expect(page.locator("#step-heading")).to_be_focused()
    for _ in question_names(page):  # one tab stop per unanswered radio group
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.type") == "radio"
    page.keyboard.press("Tab")
    expect(continue_button).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Back")).to_be_focused()
    page.keyboard.press("Space")

    wait_for_step(page, live_site, 1, total)
    assert checked_values(page, names) == dict.fromkeys(names, "1")


@PHONE
def test_quiz_fits_a_phone_screen(page: Page, live_site, catalog):
    persona = PERSONAS["New graduate"]
    total = len(quiz_steps())
    assert page.viewport_size == {"width": 375, "height": 740}
    open_step_one(page, live_site)

    def assert_no_horizontal_scroll():
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
        )
        assert widths[0] <= widths[1] and widths[2] <= widths[1], (
            f"overflow on {page.url}: {widths}"
        )

    def assert_continue_usable():
        button = page.locator('#quiz-step button[name="nav"][value="next"]')
        button.scroll_into_view_if_needed()
        expect(button).to_be_visible()
        expect(button).to_be_in_viewport()
        button.click(trial=True)  # actionable: visible, enabled, not covered
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert box["height"] >= 24  # WCAG 2.5.8 minimum target size

    assert_no_horizontal_scroll()
    assert_continue_usable()
    press_continue(page)  # nothing answered: the error state must fit too
    expect(page.locator("#error-summary")).to_be_visible()
    assert_no_horizontal_scroll()

    for number in range(1, total + 1):
        assert_no_horizontal_scroll()
        assert_continue_usable()
        assert continue_to_next(page, live_site, persona) == (number + 1) % (total + 1)
    assert_roadmap(page, persona)
    assert_no_horizontal_scroll()
