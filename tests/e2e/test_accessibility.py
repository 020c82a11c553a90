"""Accessibility in a real browser, beyond the public pages (test_pages.py covers those).

- axe-core finds no WCAG 2.2 A/AA violation, in light and dark mode, on the quiz (its intro,
  every step, a step in its error state), the roadmap (as it loads, on the other track, with
  progress, the hours form in its error state, a what-if shown in place), the what-if page,
  the 404 page and the account forms (also in their error state);
- the whole journey, from the home page to a finished roadmap step, works by keyboard alone,
  with JavaScript on (htmx swaps) and off (plain forms);
- every element the Tab key reaches on a quiz step, the roadmap and the header has a visible
  focus indicator, whose ring contrasts 3:1 with the background behind it (WCAG 1.4.11).

With JavaScript off, axe cannot run at all (its promise never settles), so the no-JS states it
checks are served with the site's scripts refused instead (block_scripts); the keyboard journey
without JavaScript turns JavaScript off for real.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from careers.quiz.steps import quiz_steps
from careers.roadmap.models import StepProgress
from tests.e2e.helpers import (
    NO_JS,
    PERSONAS,
    ROADMAP_URL,
    assert_no_reload,
    axe_in_both_schemes,
    choose_what_if,
    continue_to_next,
    make_assessment,
    mark_no_reload,
    open_all_details,
    open_roadmap,
    open_step_one,
    plan_hours,
    press_continue,
    question_names,
    quick_assessment,
    reveal_step,
    set_scheme,
    sign_in_to_admin,
    step_ids,
    wait_for_htmx,
)

SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])
PERSONA = "ML engineer moving to AI"  # recommended ML Engineer, AI Engineer close behind


# --- axe ---------------------------------------------------------------------------------------


def axe_violations(page: Page) -> dict[str, list[dict]]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now, in the light and the dark
    scheme, once htmx has settled it (disclosures opened)."""
    wait_for_htmx(page)
    open_all_details(page)
    return axe_in_both_schemes(page)


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
    """Assert no violation here, in either scheme; with `found`, collect the report instead (to
    assert later)."""
    reports = [
        describe_violations(f"{where} ({scheme})", violations)
        for scheme, violations in axe_violations(page).items()
        if violations
    ]
    if found is not None:
        found.extend(reports)
        return
    assert not reports, "\n\n".join(reports)


def block_scripts(page: Page) -> None:
    """Serve the page as it is without JavaScript: the site's scripts are all files (the CSP
    allows no inline ones), so refusing them leaves plain HTML forms. (axe cannot run in a
    context with java_script_enabled=False: its promise never settles and the test hangs.)"""
    page.route(re.compile(r"\.js(\?.*)?$"), lambda route: route.abort())


def test_axe_quiz_intro_every_step_and_the_roadmap_it_gives(page: Page, live_site, catalog):
    found: list[str] = []
    page.goto(f"{live_site.url}/quiz/all/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skills quiz: every question")
    check_axe(page, "/quiz/all/", found)

    open_step_one(page, live_site)
    total = len(quiz_steps())
    persona = PERSONAS["LLM product builder"]
    for number in range(1, total + 1):
        check_axe(page, f"/quiz/{number}/", found)
        assert continue_to_next(page, live_site, persona) == (number + 1) % (total + 1)
    page.wait_for_load_state("load")
    expect(page.locator("h1#verdict")).to_be_visible()
    check_axe(page, "roadmap after the quiz", found)
    assert not found, "\n\n".join(found)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_axe_quiz_step_in_its_error_state(page: Page, live_site, catalog, javascript):
    if not javascript:
        block_scripts(page)
    open_step_one(page, live_site)
    press_continue(page)  # nothing answered
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#quiz-step .field-error")).to_have_count(len(question_names(page)))
    if not javascript:
        assert page.title().startswith("Error: ")  # the whole page, as a plain post renders it
    check_axe(page, f"/quiz/1/ error state ({'JS' if javascript else 'no JS'})")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_axe_quick_quiz_and_the_early_result(page: Page, live_site, catalog, javascript):
    """The quick quiz's first question, its error state, a later question (with the verdict so
    far and every button), and the roadmap of a result shown before it settled."""
    if not javascript:
        block_scripts(page)
    mode = "JS" if javascript else "no JS"
    found: list[str] = []
    page.goto(f"{live_site.url}/quiz/")
    page.wait_for_load_state("load")
    check_axe(page, f"/quiz/ first question ({mode})", found)
    page.locator('#quick-quiz button[name="nav"][value="next"]').click()
    expect(page.locator("#error-summary")).to_be_focused()
    check_axe(page, f"/quiz/ error state ({mode})", found)
    page.locator('#quick-quiz input[name="answer"]').first.check()
    page.locator('#quick-quiz button[name="nav"][value="next"]').click()
    expect(page.locator("#verdict-so-far")).to_contain_text("So far")
    expect(page.locator('#quick-quiz button[value="result"]')).to_be_visible()
    check_axe(page, f"/quiz/ second question ({mode})", found)
    page.locator('#quick-quiz button[name="nav"][value="result"]').click()
    expect(page).to_have_url(ROADMAP_URL)
    expect(page.locator("#how-sure")).to_be_visible()
    check_axe(page, f"roadmap of an early result ({mode})", found)
    assert not found, "\n\n".join(found)


ROADMAP_STATES = [
    "as-loaded",
    "switched-track",
    "with-progress",
    "hours-error",
    "hours-error-no-js",
    "what-if",
    "later-phase-opened",
    "quick-estimated",  # issue 26: the skills to rate first, one's quick question open
]


@pytest.mark.parametrize("state", ROADMAP_STATES)
def test_axe_roadmap(page: Page, live_site, catalog, state):
    # a new graduate's plan has a later phase to open; the default persona's has one phase
    assessment = make_assessment("New graduate" if state == "later-phase-opened" else PERSONA)
    if state == "quick-estimated":
        assessment = quick_assessment(PERSONA)
    recommended, other = (t["slug"] for t in assessment.result["tracks"][:2])
    if state.endswith("-no-js"):
        block_scripts(page)
    if state == "switched-track":
        open_roadmap(page, live_site, assessment, f"?track={other}")
        expect(page.locator("#track-plan .notice")).to_be_visible()
    elif state == "with-progress":  # pressed buttons of every status, a finish date
        ids = step_ids(assessment)
        for step_id, status in zip(ids, ["done", "doing", "skipped"], strict=False):
            StepProgress.objects.create(assessment=assessment, step_id=step_id, status=status)
        assessment.hours_per_week = 6
        assessment.save(update_fields=["hours_per_week"])
        open_roadmap(page, live_site, assessment)
        expect(page.locator("#finish")).to_be_visible()
    else:
        open_roadmap(page, live_site, assessment)
    if state == "hours-error":  # swapped in place by htmx
        mark_no_reload(page)
        plan_hours(page, "0")
        expect(page.locator("#hours-error")).to_be_visible()
        expect(page.locator("#hours_per_week")).to_be_focused()
        assert_no_reload(page)
    elif state == "hours-error-no-js":  # the whole page again, from a plain post
        with page.expect_navigation():
            plan_hours(page, "0")
        expect(page.locator("#hours-error")).to_be_visible()
        expect(page.locator("#hours_per_week")).to_be_focused()
        expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    elif state == "what-if":  # shown in place by htmx
        mark_no_reload(page)
        choose_what_if(page, "python", 4)
        expect(page.locator("#what-if-result h3")).to_be_visible()
        assert_no_reload(page)
    elif state == "later-phase-opened":  # its parts loaded by htmx, a part and a skill open
        later = assessment.saved_result.track(recommended).plan[1]
        reveal_step(page, later.gaps[0].steps[0])
    elif state == "quick-estimated":
        page.locator(".rate-first summary").first.click()
        page.locator("#estimated summary").click()
    check_axe(page, f"roadmap, {state} {page.url}")


def test_axe_what_if_page_without_javascript(page: Page, live_site, catalog):
    assessment = make_assessment(PERSONA)
    recommended = assessment.result["recommended"]
    block_scripts(page)
    url = f"{assessment.get_absolute_url()}what-if/?skill=python&value=4&track={recommended}"
    page.goto(f"{live_site.url}{url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^What if your "))
    check_axe(page, url)


def test_axe_insights_page(page: Page, live_site, catalog, editor):
    """The editors' insights, with counts shown and hidden, charts and tables."""
    for name, times in [("Tabular-ML engineer", 7), ("LLM product builder", 3)]:
        for _ in range(times):
            make_assessment(name)
    sign_in_to_admin(page, live_site)
    page.get_by_role("link", name="Insights", exact=True).click()
    expect(page.locator("#insights-total")).to_contain_text("10 results kept")
    expect(page.locator("#insight-per-week")).to_be_visible()  # a chart
    expect(page.get_by_role("cell", name="fewer than 5").first).to_be_visible()
    check_axe(page, "/admin/insights/")


def test_axe_not_found_page(page: Page, live_site, catalog):
    url = f"/roadmap/{'x' * 32}/"
    response = page.goto(f"{live_site.url}{url}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_axe(page, url)


ACCOUNT_PAGES = ["login", "login-error", "signup", "signup-error"]


@pytest.mark.parametrize("state", ACCOUNT_PAGES)
def test_axe_account_pages(page: Page, live_site, catalog, state):
    name = state.removesuffix("-error")
    page.goto(f"{live_site.url}/account/{name}/")
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
    check_axe(page, f"/account/{name}/ {state}")


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


def walk_the_quiz_by_keyboard(page: Page, live_site, javascript: bool) -> None:
    """From the home page to the roadmap, keyboard only."""
    page.goto(f"{live_site.url}/")
    page.wait_for_load_state("load")
    tab_to(page, 'main a[href="/quiz/"]', 20)  # "Start the skills quiz"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_site.url}/quiz/")
    page.wait_for_load_state("load")
    tab_to(page, 'main a[href="/quiz/1/"]', 20)  # "Answer every question instead"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_site.url}/quiz/1/")
    page.wait_for_load_state("load")

    total = len(quiz_steps())
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
            expect(page).to_have_url(f"{live_site.url}/quiz/{number + 1}/")
    expect(page).to_have_url(ROADMAP_URL)
    page.wait_for_load_state("load")
    expect(page.locator("h1#verdict")).to_be_visible()


def finish_first_step_by_keyboard(page: Page, key: str) -> str:
    """Tab to the Done button of the first of "Your next 3 steps" (the first a keyboard meets),
    press `key`: that step is then Done in the plan, and 1 step is done. Its id."""
    first = page.locator("li.next-step").first.get_attribute("id").removeprefix("next-")
    done = f'li#next-{first} button[name="status"][value="done"]'
    expect(page.locator(done)).to_have_attribute("aria-pressed", "false")
    # the whole plan's steps: later phases are folded away, not on the page until opened
    label = page.locator("#plan-progress-label").inner_text()
    total = int(re.fullmatch(r"0 of (\d+) steps done or skipped", label.strip())[1])
    tab_to(page, done, 300)
    page.keyboard.press(key)
    in_plan = f'li#step-{first} button[name="status"][value="done"]'
    expect(page.locator(in_plan)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"li#step-{first}")).to_have_class(re.compile(r"\bstatus-done\b"))
    expect(page.locator(f"li#next-{first}")).to_have_count(0)  # done: no longer next
    expect(page.locator("#plan-progress-label")).to_have_text(f"1 of {total} steps done or skipped")
    return first


def test_whole_journey_by_keyboard_with_javascript(page: Page, live_site, catalog):
    walk_the_quiz_by_keyboard(page, live_site, javascript=True)
    mark_no_reload(page)
    finish_first_step_by_keyboard(page, "Enter")
    assert_no_reload(page)  # swapped in place
    # The step left the list: the focus goes to the list's heading, not to the page's start.
    expect(page.locator("#next-heading")).to_be_focused()


@NO_JS
def test_whole_journey_by_keyboard_without_javascript(page: Page, live_site, catalog):
    walk_the_quiz_by_keyboard(page, live_site, javascript=False)
    finish_first_step_by_keyboard(page, "Space")  # submits the step's form: a page load
    expect(page).to_have_url(re.compile(r"#next-steps$"))
    expect(page.locator("#next-steps")).to_be_in_viewport()


# --- a visible focus indicator -----------------------------------------------------------------

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
    visible: el.matches(':focus-visible'),
  };
}"""


def assert_focus_visible(page: Page, where: str) -> None:
    style = page.evaluate(FOCUS_STYLE)
    assert style["outlineStyle"] != "none" and style["outlineWidth"] > 0 and style["visible"], (
        f"{where}: no visible focus indicator on {focused(page)}: {style}"
    )


def walk_tab_order(page: Page, limit: int) -> tuple[int, list[str]]:
    """Tab through the whole page from its start, checking the focus indicator of every stop,
    until the focus leaves the page or comes round again. Returns the number of stops and the
    elements that showed no indicator."""
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
        if style["outlineStyle"] == "none" or not style["outlineWidth"] or not style["visible"]:
            missing.append(f"{focused(page)}: {style}")
    else:
        raise AssertionError(f"{limit} Tab presses did not get through {page.url}")
    return len(seen), missing


def test_focus_indicator_on_the_nav_links(page: Page, live_site, catalog):
    page.goto(f"{live_site.url}/tracks/")
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
    page.reload()
    page.wait_for_load_state("load")
    stops, missing = walk_tab_order(page, 300)  # the header, then the page's own controls
    assert stops > len(labels) + 1
    assert missing == [], "\n".join(missing)


def test_focus_indicator_on_a_quiz_step(page: Page, live_site, catalog):
    open_step_one(page, live_site)
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
    stops, missing = walk_tab_order(page, 200)
    assert stops >= len(question_names(page)) + 2 + 7  # groups, buttons, skip link and header
    assert missing == [], "\n".join(missing)


def test_focus_indicator_on_the_roadmap_status_buttons(page: Page, live_site, catalog):
    assessment = make_assessment(PERSONA)
    first = step_ids(assessment)[0]
    StepProgress.objects.create(assessment=assessment, step_id=first, status="doing")
    open_roadmap(page, live_site, assessment)
    reveal_step(page, first)
    for value in ["todo", "doing", "done", "skipped"]:  # pressed and not pressed
        tab_to(page, f'li#step-{first} button[name="status"][value="{value}"]', 300)
        assert_focus_visible(page, f"status button {value} of step {first}")
    page.reload()
    page.wait_for_load_state("load")
    stops, missing = walk_tab_order(page, 1500)
    # the next steps' four buttons each, and every folded skill of the plan, and more
    assert stops >= 4 * 3 + page.locator("details.gap > summary").count()
    assert missing == [], "\n".join(missing)


RING_CONTRAST = """() => {
  const el = document.activeElement;
  const parse = (text) => {
    const m = text.match(/^rgba?\\(([^)]+)\\)$/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => [r, g, b]
    .map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  // The ring is drawn outside the element (outline-offset), over its container's background.
  let background = null, behind = 'html';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour && colour.a > 0) {
      background = colour;
      behind = node.tagName.toLowerCase() + (node.className ? '.' + node.className : '');
      break;
    }
  }
  background = background || { r: 255, g: 255, b: 255, a: 1 };
  const ring = parse(getComputedStyle(el).outlineColor);
  if (!ring) return { ratio: 0, ring: getComputedStyle(el).outlineColor, behind };
  const [hi, lo] = [luminance(ring), luminance(background)].sort((x, y) => y - x);
  return {
    ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100,
    ring: getComputedStyle(el).outlineColor,
    background: `rgb(${background.r}, ${background.g}, ${background.b})`,
    behind,
  };
}"""


@SCHEMES
def test_focus_ring_contrasts_with_what_is_behind_it(page: Page, live_site, catalog, scheme):
    """WCAG 1.4.11 (non-text contrast, AA): a focus indicator needs 3:1 against the colours
    next to it. The ring sits outside the element (outline-offset), so that is the background
    of the element's container: the page, a card or the header."""
    assessment = make_assessment(PERSONA)
    first = step_ids(assessment)[0]
    set_scheme(page, scheme)
    targets = [
        ("/tracks/", 'nav[aria-label="Main"] a[href="/tracks/"]'),  # on the header
        ("/quiz/1/", '#quiz-step input[type="radio"]'),  # on a question's card
        ("/quiz/1/", '#quiz-step button[name="nav"][value="next"]'),  # on the page
        (assessment.get_absolute_url(), f'li#step-{first} button[value="done"]'),  # a step card
        (assessment.get_absolute_url(), "#hours_per_week"),  # on the page
    ]
    low = []
    for path, selector in targets:
        page.goto(f"{live_site.url}{path}")
        page.wait_for_load_state("load")
        if selector.startswith("li#step-"):
            reveal_step(page, first)
        tab_to(page, selector, 300)
        result = page.evaluate(RING_CONTRAST)
        if result["ratio"] < 3:
            low.append(f"{path} {selector}: {result}")
    assert low == [], f"focus ring below 3:1 ({scheme}):\n" + "\n".join(low)
