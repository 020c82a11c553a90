"""A result over the address's hourly limit (issue 24, point 4) is refused with the site's
readable 429 page, with JavaScript (htmx) as without, and the answers wait for a later try."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import NO_JS

JS = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


def answer_one_and_ask_for_the_result(page: Page, live_site) -> None:
    page.goto(f"{live_site.url}/quiz/")
    page.locator('#quick-quiz input[type="radio"]').first.check()
    page.locator('#quick-quiz button[name="nav"][value="next"]').click()
    page.locator('#quick-quiz button[name="nav"][value="result"]').click()  # once it is shown


def _refused_readably(page: Page, live_site, settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "result": (0, 3600)}
    answer_one_and_ask_for_the_result(page, live_site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your result is not ready yet")
    expect(page.locator("main")).to_contain_text("Your answers are kept in this browser")
    expect(page).to_have_title("Your result is not ready yet · careers")

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "result": (100, 3600)}
    page.goto(f"{live_site.url}/quiz/")  # an hour later: the answer is still there
    expect(page.locator('#quick-quiz button[name="nav"][value="result"]')).to_be_visible()


def test_a_refused_result_is_a_readable_page_with_javascript(
    page: Page, live_site, catalog, settings
):
    _refused_readably(page, live_site, settings)


@NO_JS
def test_a_refused_result_is_a_readable_page_without_javascript(
    page: Page, live_site, catalog, settings
):
    _refused_readably(page, live_site, settings)
