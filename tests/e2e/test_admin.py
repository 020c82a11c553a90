"""The editors' admin in a real browser, under the site's Content-Security-Policy."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in_to_admin


def test_export_select_all_toggle_works_without_inline_script(
    page: Page, live_site, catalog, editor
):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    sign_in_to_admin(page, live_site)
    page.goto(f"{live_site.url}/admin/careers/skill/export/")
    fields = page.locator('.selectable-field-export-row:visible input[type="checkbox"]')
    expect(fields.first).to_be_checked()
    page.locator(".select-toggle").uncheck()
    for index in range(fields.count()):
        expect(fields.nth(index)).not_to_be_checked()
    page.locator(".select-toggle").check()
    for index in range(fields.count()):
        expect(fields.nth(index)).to_be_checked()
    assert fields.count() > 3
    # the page carries nothing the policy refuses (issue 24: an inline handler it blocked)
    assert blocked == []


def test_the_insights_link_on_the_admins_home_reads_on_one_line(
    page: Page, live_site, catalog, editor
):
    """Issue 24: the link was squeezed to one letter a line beside its description."""
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_to_admin(page, live_site)
    link = page.get_by_role("link", name="Insights", exact=True)
    expect(link).to_be_visible()
    box = link.bounding_box()
    font = link.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
    # one line of eight letters: under two lines' height, and wider than four letters
    assert box["height"] < 2 * font and box["width"] > 2 * font, (box, font)


def test_the_skill_requirements_list_shows_every_level_at_1280_px(
    page: Page, live_site, catalog, editor
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_to_admin(page, live_site)
    page.goto(f"{live_site.url}/admin/careers/trackskill/")
    results = page.locator("#changelist .results").bounding_box()
    table = page.locator("#result_list").bounding_box()
    assert table["x"] + table["width"] <= results["x"] + results["width"] + 1, (table, results)
    for header in ("L4 requires", "L5-L6 requires", "L7+ requires"):
        expect(page.get_by_role("columnheader", name=header)).to_be_in_viewport()
    # each level's requirement reads as the scale's number and word
    expect(page.locator("#id_form-0-senior_required option:checked")).to_have_text(
        re.compile(r"^[0-4] (None|Aware|Working|Proficient|Expert)$")
    )


def test_an_import_of_one_change_among_many_previews_on_a_short_page(
    page: Page, live_site, catalog, editor, tmp_path
):
    """The whole skill requirements table exported, one value changed, imported: the change
    as old → new, the 97 unchanged rows folded away (the preview was 9,757 px tall)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_to_admin(page, live_site)
    page.goto(f"{live_site.url}/admin/careers/trackskill/export/")
    page.locator("#id_format").select_option(label="csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Submit").click()
    lines = download.value.path().read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("ai-engineer,python,"))
    lines[number] = lines[number].replace(
        "ai-engineer,python,5,2,3,4", "ai-engineer,python,5,2,2,4"
    )
    changed = tmp_path / "requirements.csv"
    changed.write_text("\n".join(lines) + "\n")
    page.goto(f"{live_site.url}/admin/careers/trackskill/import/")
    page.set_input_files("#id_import_file", changed)
    page.locator("#id_format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#written-rows")).to_contain_text("mid_required: 3 → 2")
    expect(page.locator("#unchanged-rows")).not_to_have_attribute("open", "")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 1500, height
    expect(page.get_by_role("button", name="Confirm import")).to_be_visible()
