"""Accessibility in a real browser, beyond the public pages (test_pages.py covers those).

- axe-core finds no WCAG 2.2 A/AA violation, in light and dark mode, on the quiz (its intro,
  every step, a step in its error state), the roadmap (as it loads, on the other track, with
  progress, the hours form in its error state, a what-if shown in place), the what-if page,
  the 404 page and the account forms (also in their error state);
- the whole journey, from the home page to a finished roadmap step, works by keyboard alone,
  with JavaScript on (htmx swaps) and off (plain forms);
- every element the Tab key reaches on a quiz step, the roadmap and the header has a visible
  focus indicator.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from careers import quiz
from careers.models import StepProgress
from tests.e2e.test_pages import AXE, WCAG_TAGS, open_all_details
from tests.e2e.test_quiz import (
    NO_JS,
    PERSONAS,
    ROADMAP_URL,
    continue_to_next,
    open_step_one,
    press_continue,
    question_names,
)
from tests.e2e.test_roadmap import (
    assert_no_reload,
    choose_what_if,
    make_assessment,
    mark_no_reload,
    open_roadmap,
    plan_hours,
    step_ids,
)

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])
JS_OR_NOT = pytest.mark.parametrize(
    "javascript", [True, pytest.param(False, marks=NO_JS)], ids=["js", "no-js"]
)
PERSONA = "ML engineer moving to AI"  # recommended ML Engineer, AI Engineer close behind


# --- axe ---------------------------------------------------------------------------------------


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now (disclosures opened)."""
    open_all_details(page)
    results = AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response["violations"]


def describe_violations(where: str, violations: list[dict]) -> str:
    """One block per rule: id, impact, what it asks, its help page, and each failing element."""
    lines = [f"{where}: {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(
            f"  [{violation['id']}] impact={violation['impact']}: {violation['help']}\n"
            f"    {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", "\n        ")
            lines.append(
                f"    - target: {target}\n      html: {node['html'][:300]}\n      {summary}"
            )
    return "\n".join(lines)


def check_axe(page: Page, where: str, found: list[str] | None = None) -> None:
    """Assert no violation here; with `found`, collect the report instead (to assert later)."""
    violations = axe_violations(page)
    if found is not None:
        if violations:
            found.append(describe_violations(where, violations))
        return
    assert not violations, describe_violations(where, violations)


def set_scheme(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")


@SCHEMES
def test_axe_quiz_intro_every_step_and_the_roadmap_it_gives(
    page: Page, live_server, catalog, scheme
):
    set_scheme(page, scheme)
    found: list[str] = []
    page.goto(f"{live_server.url}/quiz/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skills quiz")
    check_axe(page, f"/quiz/ ({scheme})", found)

    open_step_one(page, live_server)
    total = len(quiz.quiz_steps())
    persona = PERSONAS["LLM product builder"]
    for number in range(1, total + 1):
        check_axe(page, f"/quiz/{number}/ ({scheme})", found)
        assert continue_to_next(page, live_server, persona) == (number + 1) % (total + 1)
    page.wait_for_load_state("load")
    expect(page.locator("h1#verdict")).to_be_visible()
    check_axe(page, f"roadmap after the quiz ({scheme})", found)
    assert not found, "\n\n".join(found)


@SCHEMES
@JS_OR_NOT
def test_axe_quiz_step_in_its_error_state(page: Page, live_server, catalog, scheme, javascript):
    set_scheme(page, scheme)
    open_step_one(page, live_server)
    press_continue(page)  # nothing answered
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#quiz-step .field-error")).to_have_count(len(question_names(page)))
    check_axe(page, f"/quiz/1/ error state ({scheme}, {'JS' if javascript else 'no JS'})")


ROADMAP_STATES = ["as-loaded", "switched-track", "with-progress", "hours-error", "what-if"]


@SCHEMES
@pytest.mark.parametrize("state", ROADMAP_STATES)
def test_axe_roadmap(page: Page, live_server, catalog, scheme, state):
    assessment = make_assessment(PERSONA)
    recommended, other = (t["slug"] for t in assessment.result["tracks"][:2])
    set_scheme(page, scheme)
    if state == "switched-track":
        open_roadmap(page, live_server, assessment, f"?track={other}")
        expect(page.locator("#track-plan .notice")).to_be_visible()
    elif state == "with-progress":  # pressed buttons of every status, a finish date
        ids = step_ids(assessment)
        for step_id, status in zip(ids, ["done", "doing", "skipped"], strict=False):
            StepProgress.objects.create(assessment=assessment, step_id=step_id, status=status)
        assessment.hours_per_week = 6
        assessment.save(update_fields=["hours_per_week"])
        open_roadmap(page, live_server, assessment)
        expect(page.locator("#finish")).to_be_visible()
    else:
        open_roadmap(page, live_server, assessment)
    if state == "hours-error":  # swapped in place by htmx
        mark_no_reload(page)
        plan_hours(page, "0")
        expect(page.locator("#hours-error")).to_be_visible()
        expect(page.locator("#hours_per_week")).to_be_focused()
        assert_no_reload(page)
    elif state == "what-if":  # shown in place by htmx
        mark_no_reload(page)
        choose_what_if(page, "python", 4)
        expect(page.locator("#what-if-result h3")).to_be_visible()
        assert_no_reload(page)
    check_axe(page, f"roadmap, {state} ({scheme}) {page.url}")


@NO_JS
@SCHEMES
def test_axe_what_if_page_without_javascript(page: Page, live_server, catalog, scheme):
    assessment = make_assessment(PERSONA)
    recommended = assessment.result["recommended"]
    set_scheme(page, scheme)
    url = f"{assessment.get_absolute_url()}what-if/?skill=python&value=4&track={recommended}"
    page.goto(f"{live_server.url}{url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^What if your "))
    check_axe(page, f"{url} ({scheme})")


@SCHEMES
def test_axe_not_found_page(page: Page, live_server, catalog, scheme):
    set_scheme(page, scheme)
    url = f"/roadmap/{'x' * 32}/"
    response = page.goto(f"{live_server.url}{url}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_axe(page, f"{url} ({scheme})")


ACCOUNT_PAGES = ["login", "login-error", "signup", "signup-error"]


@SCHEMES
@pytest.mark.parametrize("state", ACCOUNT_PAGES)
def test_axe_account_pages(page: Page, live_server, catalog, scheme, state):
    set_scheme(page, scheme)
    name = state.removesuffix("-error")
    page.goto(f"{live_server.url}/account/{name}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if state == "login-error":
        page.locator("#id_username").fill("nobody")
        page.locator("#id_password").fill("not-the-password")
        page.get_by_role("button", name="Log in", exact=True).click()
    elif state == "signup-error":
        page.locator("#id_username").fill("a11y-tester")
        page.locator("#id_password1").fill("correct-horse-9")
        page.locator("#id_password2").fill("a-different-one-9")
        page.get_by_role("button", name="Create account").click()
    if state.endswith("-error"):
        expect(page.locator("#error-summary")).to_be_visible()
        expect(page.locator("#error-summary")).to_be_focused()
    check_axe(page, f"/account/{name}/ {state} ({scheme})")


# --- the keyboard alone ------------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  const id = el.id ? '#' + el.id : '';
  const name = el.name ? `[name=${el.name}]` : '';
  const text = (el.innerText || el.value || '').trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${id}${name} "${text}"`;
}"""


def focused(page: Page) -> str:
    return page.evaluate(FOCUSED)


def is_focused(page: Page, selector: str) -> bool:
    return page.evaluate(
        "sel => !!document.activeElement && document.activeElement.matches(sel)", selector
    )


def tab_to(page: Page, selector: str, limit: int) -> int:
    """Press Tab until the focused element matches `selector`; fail after `limit` presses,
    naming every element the focus went through. Returns the number of presses."""
    path = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if is_focused(page, selector):
            return presses
        path.append(focused(page))
    raise AssertionError(
        f"{limit} Tab press(es) on {page.url} never reached {selector}; focus went through:\n  "
        + "\n  ".join(path)
    )


def answer_step_by_keyboard(page: Page, first_limit: int) -> None:
    """Tab into each radio group of the step, ArrowDown to choose (the second option), then
    Tab to Continue (or See my result) and press Enter. Only the first group may take more
    than one Tab (`first_limit`): every other group is the very next tab stop."""
    names = question_names(page)
    assert names, f"no questions on {page.url}"
    for index, name in enumerate(names):
        tab_to(page, f'input[type="radio"][name="{name}"]', first_limit if index == 0 else 1)
        page.keyboard.press("ArrowDown")
        chosen = page.locator(f'input[type="radio"][name="{name}"]:checked')
        expect(chosen).to_have_count(1)
        assert chosen.evaluate("el => el === document.activeElement"), (
            f"ArrowDown in {name} checked a radio but moved the focus to {focused(page)}"
        )
    tab_to(page, '#quiz-step button[name="nav"][value="next"]', 1)
    page.keyboard.press("Enter")


def walk_the_quiz_by_keyboard(page: Page, live_server, javascript: bool) -> None:
    """From the home page to the roadmap, keyboard only."""
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("load")
    tab_to(page, 'main a[href="/quiz/"]', 20)  # "Start the skills quiz"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/quiz/")
    page.wait_for_load_state("load")
    tab_to(page, 'main a[href="/quiz/1/"]', 20)  # "Start the quiz"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/quiz/1/")
    page.wait_for_load_state("load")

    total = len(quiz.quiz_steps())
    for number in range(1, total + 1):
        expect(page.locator("#progress-label")).to_have_text(f"Step {number} of {total}")
        expect(page.locator("#error-summary")).to_have_count(0)
        if javascript and number > 1:
            # htmx swapped the step in and moved the focus to its heading: Tab goes on from there.
            expect(page.locator("#step-heading")).to_be_focused()
            answer_step_by_keyboard(page, first_limit=1)
        elif javascript:
            answer_step_by_keyboard(page, first_limit=20)  # past the header's links
        else:
            # A fresh page: the skip link comes first, and takes the focus to the content.
            page.keyboard.press("Tab")
            assert is_focused(page, "a.skip-link"), f"first Tab went to {focused(page)}"
            page.keyboard.press("Enter")
            answer_step_by_keyboard(page, first_limit=1)
        if number < total:
            expect(page).to_have_url(f"{live_server.url}/quiz/{number + 1}/")
    expect(page).to_have_url(ROADMAP_URL)
    page.wait_for_load_state("load")
    expect(page.locator("h1#verdict")).to_be_visible()


def finish_first_step_by_keyboard(page: Page, key: str) -> None:
    """Tab to the first step's Done button, press `key`; the step is then Done, 1 step done."""
    first = page.locator("li.step").first.get_attribute("id")
    done = f'li#{first} button[name="status"][value="done"]'
    expect(page.locator(done)).to_have_attribute("aria-pressed", "false")
    total = page.locator("li.step").count()
    tab_to(page, done, 300)
    page.keyboard.press(key)
    expect(page.locator(done)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"li#{first}")).to_have_class(re.compile(r"\bstatus-done\b"))
    expect(page.locator("#plan-progress-label")).to_have_text(f"1 of {total} steps done or skipped")


def test_whole_journey_by_keyboard_with_javascript(page: Page, live_server, catalog):
    walk_the_quiz_by_keyboard(page, live_server, javascript=True)
    mark_no_reload(page)
    finish_first_step_by_keyboard(page, "Enter")
    assert_no_reload(page)  # swapped in place
    first = page.locator("li.step").first.get_attribute("id")
    # The swapped-in step hands the focus back to its pressed button, not to the page's start.
    expect(page.locator(f'li#{first} button[value="done"]')).to_be_focused()


@NO_JS
def test_whole_journey_by_keyboard_without_javascript(page: Page, live_server, catalog):
    walk_the_quiz_by_keyboard(page, live_server, javascript=False)
    first = page.locator("li.step").first.get_attribute("id")
    finish_first_step_by_keyboard(page, "Space")  # submits the step's form: a page load
    expect(page).to_have_url(re.compile(rf"#{first}$"))
    expect(page.locator(f"li#{first}")).to_be_in_viewport()


# --- a visible focus indicator -----------------------------------------------------------------

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
    focusVisible: el.matches(':focus-visible'),
  };
}"""


def assert_focus_visible(page: Page, where: str) -> None:
    style = page.evaluate(FOCUS_STYLE)
    assert style["outlineStyle"] != "none" and style["outlineWidth"] > 0, (
        f"{where}: no visible focus indicator on {focused(page)}: {style}"
    )


def walk_tab_order(page: Page, limit: int) -> list[str]:
    """Tab through the page from its start, checking the focus indicator of every stop; stop
    when the focus leaves the page or comes round again. Returns the elements without one."""
    missing, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        here = page.evaluate(
            "() => { const el = document.activeElement;"
            " if (!el || el === document.body) return null;"
            " if (!el.dataset.a11yStop) el.dataset.a11yStop = String(Math.random());"
            " return el.dataset.a11yStop; }"
        )
        if here is None or here in seen:
            break
        seen.add(here)
        style = page.evaluate(FOCUS_STYLE)
        if style["outlineStyle"] == "none" or style["outlineWidth"] == 0:
            missing.append(f"{focused(page)}: {style}")
    assert seen, f"Tab reached nothing on {page.url}"
    return missing


def test_focus_indicator_on_the_nav_links(page: Page, live_server, catalog):
    page.goto(f"{live_server.url}/tracks/")
    page.wait_for_load_state("load")
    labels = ["careers", "Compare tracks", "AI Engineer", "ML Engineer", "Skills quiz", "Log in"]
    tab_to(page, "a.skip-link", 1)
    assert_focus_visible(page, "skip link")
    for label in labels:
        page.keyboard.press("Tab")
        link = page.get_by_role("navigation", name="Main").get_by_role(
            "link", name=label, exact=True
        )
        expect(link).to_be_focused()
        assert_focus_visible(page, f"nav link {label!r}")


def test_focus_indicator_on_a_quiz_step(page: Page, live_server, catalog):
    open_step_one(page, live_server)
    page.reload()  # start the tab order from the top of a fresh page
    page.wait_for_load_state("load")
    tab_to(page, '#quiz-step input[type="radio"]', 20)
    assert_focus_visible(page, "first radio of step 1")
    page.keyboard.press("ArrowDown")
    assert_focus_visible(page, "radio chosen with ArrowDown")
    for nav in ["next", "back"]:  # Continue, Back
        tab_to(page, f'#quiz-step button[name="nav"][value="{nav}"]', 40)
        assert_focus_visible(page, f"{nav} button")
    page.reload()
    page.wait_for_load_state("load")
    assert walk_tab_order(page, 200) == []


def test_focus_indicator_on_the_roadmap_status_buttons(page: Page, live_server, catalog):
    assessment = make_assessment(PERSONA)
    first = step_ids(assessment)[0]
    StepProgress.objects.create(assessment=assessment, step_id=first, status="doing")
    open_roadmap(page, live_server, assessment)
    for value in ["todo", "doing", "done", "skipped"]:  # pressed and not pressed
        tab_to(page, f'li#step-{first} button[name="status"][value="{value}"]', 300)
        assert_focus_visible(page, f"status button {value} of step {first}")
    page.reload()
    page.wait_for_load_state("load")
    assert walk_tab_order(page, 1000) == []
