"""What more than one browser test needs: the seed's personas and names, walking the quiz step by
step, opening a roadmap made straight from a persona, and axe-core's WCAG 2.2 A/AA run.

A helpers module, not a test module: the browser tests import from here (and from
tests/helpers.py), never from each other, so where a helper lives is plain and no test file
depends on another. Plain functions and constants only.
"""

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from careers.catalog.scoring_catalog import load_catalog
from careers.core import scoring
from careers.core.verdict import Sure, verdict_of
from careers.roadmap.assessments import create_assessment
from careers.roadmap.models import Assessment
from careers.roadmap.progress import plan_steps

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "catalog"


def load_fixture(name: str) -> list[dict]:
    """The rows of one seed fixture file (fixtures/catalog/<name>)."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


PERSONAS = {
    row["fields"]["name"]: row["fields"]
    for row in load_fixture("05_quiz.json")
    if row["model"] == "careers.calibrationpersona"
}
TRACK_NAMES = {
    row["fields"]["slug"]: row["fields"]["name"]
    for row in load_fixture("01_tracks.json")
    if row["model"] == "careers.track"
}
SKILL_NAMES = {
    row["fields"]["slug"]: row["fields"]["name"]
    for row in load_fixture("03_skills.json")
    if row["model"] == "careers.skill"
}
PREFERENCE_SLUGS = {
    row["fields"]["slug"]
    for row in load_fixture("05_quiz.json")
    if row["model"] == "careers.preferencequestion"
}

ROADMAP_URL = re.compile(r"/roadmap/[^/]+/$")
NO_JS = pytest.mark.browser_context_args(java_script_enabled=False)


# --- the quiz, step by step --------------------------------------------------------------------


def answer_for(persona: dict, name: str) -> str:
    """The persona's answer to a question: its preference, else its skill level (0 if left out)."""
    if name in PREFERENCE_SLUGS:
        return persona["preferences"][name]
    return str(persona["skills"].get(name, 0))


def question_names(page: Page) -> list[str]:
    """The slugs of the questions on the current step, in page order."""
    ids = page.locator("#quiz-step fieldset.question").evaluate_all("els => els.map(e => e.id)")
    return [fieldset_id.removeprefix("q-") for fieldset_id in ids]


def radio(page: Page, name: str, value: str):
    return page.locator(f'input[type="radio"][id="{name}-{value}"]')


def progress(page: Page) -> tuple[int, int]:
    """(k, n) from the progress label "Step k of n"."""
    text = page.locator("#progress-label").inner_text()
    match = re.fullmatch(r"Step (\d+) of (\d+)", text.strip())
    assert match, f"unexpected progress label {text!r}"
    return int(match[1]), int(match[2])


def open_step_one(page: Page, live_site) -> None:
    """From the full questionnaire's intro, follow "Start the quiz" to step 1 (scripts loaded
    when JS is on)."""
    page.goto(f"{live_site.url}/quiz/all/")
    page.get_by_role("link", name="Start the quiz").click()
    expect(page).to_have_url(f"{live_site.url}/quiz/1/")
    page.wait_for_load_state("load")
    expect(page.locator("#progress-label")).to_have_text(re.compile(r"^Step 1 of \d+$"))


def answer_step(page: Page, persona: dict, only: int | None = None) -> dict[str, str]:
    """Check the persona's answer to every question on this step (or to the first `only`)."""
    given = {}
    for name in question_names(page)[:only]:
        value = answer_for(persona, name)
        radio(page, name, value).check()
        given[name] = value
    return given


def press_continue(page: Page) -> None:
    page.locator('#quiz-step button[name="nav"][value="next"]').click()


def wait_for_htmx(page: Page) -> None:
    """Wait until htmx has no request in flight and nothing left to settle. An element swapped
    in keeps the old one's attributes until htmx settles it (20 ms later), when it also moves
    the focus (autofocus): what is then read straight off the page is its final state. Checked
    on every animation frame, so it returns as soon as htmx is done."""
    busy = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"
    page.wait_for_function("busy => !document.querySelector(busy)", arg=busy)


def wait_for_step(page: Page, live_site, number: int, total: int) -> None:
    """Wait until step `number` is shown: its URL and its progress label (works with htmx swaps,
    where the URL is pushed around the swap, and with plain post/redirect/get)."""
    expect(page).to_have_url(f"{live_site.url}/quiz/{number}/")
    expect(page.locator("#progress-label")).to_have_text(f"Step {number} of {total}")
    expect(page.locator("#error-summary")).to_have_count(0)


def continue_to_next(page: Page, live_site, persona: dict) -> int:
    """Answer the whole current step from the persona, press Continue, wait for the next step;
    return its number (or 0 after the last step, once the roadmap has loaded)."""
    number, total = progress(page)
    answer_step(page, persona)
    press_continue(page)
    if number == total:
        expect(page).to_have_url(ROADMAP_URL)
        return 0
    wait_for_step(page, live_site, number + 1, total)
    return number + 1


def checked_values(page: Page, names: list[str], rendered: bool = False) -> dict[str, str | None]:
    """The checked value of each named radio group (None if none is checked); no page scripts,
    so it also works with JavaScript off. rendered=True reads the `checked` attributes the
    server sent instead, so the browser's own form-state restoration cannot stand in for them."""
    state = "[checked]" if rendered else ":checked"
    values = {}
    for name in names:
        checked = page.locator(f'input[type="radio"][name="{name}"]{state}')
        values[name] = checked.get_attribute("value") if checked.count() else None
    return values


# --- the roadmap, made straight from a persona ---------------------------------------------------


def full_answers(persona: dict) -> dict[str, int]:
    """Every skill of the catalog rated, 0 for those the persona leaves out (as the quiz does)."""
    return {slug: persona["skills"].get(slug, 0) for slug in SKILL_NAMES}


def make_assessment(persona_name: str) -> Assessment:
    persona = PERSONAS[persona_name]
    return create_assessment(full_answers(persona), persona["preferences"])


def quick_assessment(name: str, rated: int = 8) -> Assessment:
    """A persona through the quick quiz: its first `rated` skills rated, the rest estimated at
    its own ratings, with the verdict the quiz's last screen showed (very likely)."""
    persona = PERSONAS[name]
    skills = {slug: persona["skills"].get(slug, 0) for slug in SKILL_NAMES}
    asked = dict(list(persona["skills"].items())[:rated])
    estimated = {slug: value for slug, value in skills.items() if slug not in asked}
    scored = scoring.score(load_catalog(), scoring.Answers(skills, persona["preferences"]))
    shown = verdict_of(scored, Sure.VERY_LIKELY, tuple(estimated)).to_json()
    how_sure = {"mode": "quick", "questions_asked": rated, "settled": False,
                "track_settled": False, "track_likely": True, "chance_track": 97,
                "chance_level": 94, "likely_level": shown["level"], "verdict": shown}  # fmt: skip
    return create_assessment(asked, persona["preferences"], how_sure=how_sure, estimated=estimated)


def roadmap_url(live_site, assessment: Assessment) -> str:
    return f"{live_site.url}{assessment.get_absolute_url()}"


def open_roadmap(page: Page, live_site, assessment: Assessment, query: str = "") -> None:
    """Open the roadmap and wait for its scripts (htmx, roadmap.js) to have run."""
    page.goto(roadmap_url(live_site, assessment) + query)
    page.wait_for_load_state("load")
    expect(page.locator("h1#verdict")).to_be_visible()


def step_ids(assessment: Assessment, track: str | None = None, phase: int | None = None):
    """The ids of a track's steps in page order (those of one phase if `phase` is given)."""
    track = track or assessment.result["recommended"]
    if phase is None:
        return [step.id for step in plan_steps(assessment, track)]
    gaps = assessment.saved_result.track(track).plan[phase].gaps
    return [step for gap in gaps for step in gap.steps]


def mark_no_reload(page: Page) -> None:
    page.evaluate("window.__noReload = 1")  # lost on any full page load


def assert_no_reload(page: Page) -> None:
    assert page.evaluate("window.__noReload") == 1, "the page was reloaded"


def choose_what_if(page: Page, skill: str, value: int) -> None:
    page.locator("#what-if-skill").select_option(skill)
    page.locator("#what-if-value").select_option(str(value))
    page.get_by_role("button", name="Show me").click()


def plan_hours(page: Page, value: str) -> None:
    page.locator("#hours_per_week").fill(value)
    page.get_by_role("button", name="Plan my weeks").click()


# --- axe-core ----------------------------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The rules whose verdict depends on colours. The dark scheme changes colours alone (the CSS
# check test_the_dark_scheme_changes_colours_only keeps it so), so on a dark page these are the
# only rules that can find what the same page's light run did not; the others cost two thirds of
# an axe run.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE = Axe()


def axe_in_both_schemes(page: Page) -> dict[str, list[dict]]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now, by colour scheme: every rule
    in the light scheme, then the colour rules with the same page switched to the dark one (no
    second walk to get there). The page is left in the light scheme."""
    found = {}
    for scheme, rules in [
        ("light", {"type": "tag", "values": WCAG_TAGS}),
        ("dark", {"type": "rule", "values": COLOUR_RULES}),
    ]:
        set_scheme(page, scheme)
        options = {"runOnly": rules, "resultTypes": ["violations"]}
        response = AXE.run(page, options=options).response
        ran = response["passes"] or response["violations"]
        assert ran, f"axe ran no rule at all ({scheme})"
        found[scheme] = response["violations"]
    set_scheme(page, "light")
    return found


def set_scheme(page: Page, scheme: str) -> None:
    """Show the page in the light or the dark colour scheme (and check the browser did)."""
    page.emulate_media(color_scheme=scheme)
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert dark == (scheme == "dark"), f"the browser did not switch to the {scheme} scheme"
    # Colours that ease into the new scheme (the admin's links take 0.15 s) are measured once
    # they have arrived, not halfway: styles worked out, then every transition finished.
    page.evaluate(
        """() => { getComputedStyle(document.body).color;
                   return Promise.all(document.getAnimations().map(a => a.finished)); }"""
    )


def open_all_details(page: Page) -> None:
    """Open every disclosure, so what it hides is measured and checked too."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def words_broken_mid_word(page: Page) -> list[str]:
    """Words the layout splits across lines inside them ("PyTorc / h"), on what is shown: a
    break at a hyphen, slash or dash is where a line may end, so each part counts alone."""
    return page.evaluate(
        r"""() => {
          const found = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node; (node = walker.nextNode()); ) {
            const el = node.parentElement;
            if (!el || el.closest('svg, script, style')) continue;
            let shown = true;
            for (let a = el; a; a = a.parentElement) {
              const box = a.getBoundingClientRect();
              if (box.width <= 1 || box.height <= 1) { shown = false; break; }
            }
            if (!shown) continue;
            const words = /[^\s\-/–—(),.]{3,}/g;
            for (let m; (m = words.exec(node.textContent)); ) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const lines = new Set([...range.getClientRects()].filter(r => r.width)
                .map(r => Math.round(r.top)));
              if (lines.size > 1) found.push(`${m[0]} in ${el.tagName.toLowerCase()}`);
            }
          }
          return found;
        }"""
    )


def reveal_step(page: Page, step_id: int) -> None:
    """Open the plan's folded part and skill that hold the step, as a person would (their
    summaries); a step of a later phase first needs that phase opened, which loads it (htmx)."""
    step = page.locator(f"li#step-{step_id}")
    later = page.locator("details.phase-later:not([open])")
    while not step.count() and later.count():
        opening = page.locator(f"#{later.first.get_attribute('id')}")
        opening.locator("> summary").click()
        expect(opening.locator(".part").first).to_be_attached()
    folded = page.locator(f"details:has(li#step-{step_id})")  # its part, then its skill
    for number in range(folded.count()):
        if folded.nth(number).get_attribute("open") is None:
            folded.nth(number).locator("> summary").click()


def sign_in_to_admin(page: Page, live_site) -> None:
    """Sign in as the `editor` fixture's superuser, through the admin's own form."""
    page.goto(f"{live_site.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
