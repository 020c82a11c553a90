"""The public pages in a real browser: screenshots on a desktop and a phone, no sideways scroll
down to 360 px (and at 200 % zoom), working navigation, and axe-core finding no WCAG 2.2 A/AA
violation in light or dark mode.

Screenshots land in /tmp/pages-<page>-<width>.png for people to look at.
"""

from pathlib import Path

import pytest
from axe_playwright_python.base import AxeResults
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    axe_in_both_schemes,
    make_assessment,
    open_all_details,
    open_roadmap,
    words_broken_mid_word,
)

PAGES = {
    "home": "/",
    "tracks": "/tracks/",
    "track": "/tracks/ml-engineer/",
    "level": "/tracks/ml-engineer/mid/",
}
SCREENSHOTS = Path("/tmp")


def open_page(page: Page, live_site, path: str) -> None:
    page.goto(f"{live_site.url}{path}")
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_be_visible()


def sideways_overflow(page: Page) -> list[str]:
    """The document's scroll width against the viewport, and any element sticking out of it."""
    return page.evaluate(
        """() => {
          const width = window.innerWidth;
          const found = [];
          if (document.documentElement.scrollWidth > width) {
            found.push(`document ${document.documentElement.scrollWidth} > ${width}`);
          }
          for (const el of document.querySelectorAll('body *')) {
            if (el.closest('.table-wrap, .chart-table-wrap')) continue;  // scroll on their own
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1) {
              found.push(`${el.tagName.toLowerCase()}.${el.className} right=${box.right}`);
            }
          }
          return found.slice(0, 10);
        }"""
    )


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_screenshot_and_no_sideways_scroll(page: Page, live_site, catalog, name, width):
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 740})
    open_page(page, live_site, PAGES[name])
    page.screenshot(path=SCREENSHOTS / f"pages-{name}-{width}.png", full_page=True)
    open_all_details(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        sideways_overflow(page)
    )
    assert sideways_overflow(page) == []


@pytest.mark.parametrize("width", [360, 640], ids=["360px", "200pc-zoom"])
@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scroll_on_narrow_screens_or_zoom(page: Page, live_site, catalog, name, width):
    # 640 CSS pixels is what a 1280-pixel window shows at 200 % zoom.
    page.set_viewport_size({"width": width, "height": 700})
    open_page(page, live_site, PAGES[name])
    open_all_details(page)
    assert sideways_overflow(page) == []


@pytest.mark.parametrize("name", [*PAGES, "roadmap"])
def test_on_a_phone_no_word_breaks_and_wide_tables_say_they_scroll(
    page: Page, live_site, catalog, name
):
    page.set_viewport_size({"width": 375, "height": 812})
    if name == "roadmap":
        open_roadmap(page, live_site, make_assessment("Tabular-ML engineer"))
    else:
        open_page(page, live_site, PAGES[name])
    open_all_details(page)
    assert words_broken_mid_word(page) == []
    # a table wider than its wrapper scrolls there, with a shadow at the edge where more is
    assert (
        page.evaluate(
            """() => [...document.querySelectorAll('table')].filter(table => {
          const wrap = table.closest('.table-wrap, .chart-table-wrap');
          if (!wrap) return table.scrollWidth > table.clientWidth + 1;
          if (wrap.scrollWidth <= wrap.clientWidth + 1) return false;
          const style = getComputedStyle(wrap);
          return style.overflowX !== 'auto' || !style.backgroundImage.includes('gradient');
        }).map(table => table.className)"""
        )
        == []
    )


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(page: Page, live_site, catalog, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, live_site, PAGES[name])
    open_all_details(page)
    for scheme, violations in axe_in_both_schemes(page).items():
        report = AxeResults({"violations": violations}).generate_report()
        assert violations == [], f"{PAGES[name]} ({scheme}, {width}px)\n{report}"


def test_navigation_between_the_pages(page: Page, live_site, catalog):
    open_page(page, live_site, "/")
    page.get_by_role("link", name="Compare the two tracks").click()
    expect(page).to_have_url(f"{live_site.url}/tracks/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Compare tracks")).to_have_attribute("aria-current", "page")

    nav.get_by_role("link", name="ML Engineer", exact=True).click()
    expect(page).to_have_url(f"{live_site.url}/tracks/ml-engineer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ML Engineer")
    expect(nav.get_by_role("link", name="ML Engineer", exact=True)).to_have_attribute(
        "aria-current", "page"
    )

    page.get_by_role("link", name="Skills, steps and resources for mid-level").click()
    expect(page).to_have_url(f"{live_site.url}/tracks/ml-engineer/mid/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ML Engineer: Mid-Level")
    levels = page.get_by_role("navigation", name="Levels of ML Engineer")
    expect(levels.get_by_role("link", name="Mid-Level (L5-L6)")).to_have_attribute(
        "aria-current", "page"
    )
    levels.get_by_role("link", name="Senior (L7+)").click()
    expect(page).to_have_url(f"{live_site.url}/tracks/ml-engineer/senior/")

    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    breadcrumb.get_by_role("link", name="Compare tracks").click()
    expect(page).to_have_url(f"{live_site.url}/tracks/")


def test_home_starts_the_quiz(page: Page, live_site, catalog):
    open_page(page, live_site, "/")
    page.get_by_role("link", name="Start the skills quiz").click()
    expect(page).to_have_url(f"{live_site.url}/quiz/")


def test_chart_tables_open_from_their_disclosure(page: Page, live_site, catalog):
    open_page(page, live_site, "/tracks/")
    chart = page.locator("#pay-by-tier")
    expect(chart.get_by_role("img")).to_be_visible()
    table = chart.get_by_role("table")
    expect(table).to_be_hidden()
    chart.get_by_text("Show the numbers as a table").click()
    expect(table).to_be_visible()
    expect(table).to_contain_text("$210,000")


def test_the_axe_check_sees_a_fault_only_the_dark_scheme_has(page: Page):
    """Both schemes are checked on one load by switching the same page to dark: a contrast fault
    that only the dark scheme's colours make is found there, and not blamed on the light one."""
    page.set_content(
        """<!doctype html><html lang="en"><head><title>Scheme check</title><style>
          body { background: #fff; color: #111; }
          @media (prefers-color-scheme: dark) { body { background: #111; color: #222; } }
        </style></head><body><main><h1>Scheme check</h1><p>Some text</p></main></body></html>"""
    )
    found = axe_in_both_schemes(page)
    assert found["light"] == []
    assert [violation["id"] for violation in found["dark"]] == ["color-contrast"]
