"""The roadmap on paper (issue 13): a typical plan prints on six A4 pages or fewer, with page
margins, the chart on the same page as its title, statuses in words instead of pressed buttons,
the roadmap's address to come back to, no controls and no page left half empty before the last.
Chromium prints to PDF as its print dialog would; pypdf reads the pages back."""

import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from careers.roadmap.models import StepProgress
from tests.e2e.helpers import make_assessment, open_roadmap, roadmap_url, step_ids

A4 = (595, 842)  # points, as PDF measures a page


def printed(page: Page, path: Path) -> list[tuple[str, float]]:
    """Each printed page's text and how far down its content reaches (0 = the bottom edge)."""
    page.pdf(path=path, prefer_css_page_size=True)
    pages = []
    for sheet in PdfReader(path).pages:
        assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == A4
        lowest = [float(sheet.mediabox.height)]

        def visit(text, cm, tm, font, size, lowest=lowest):
            if text.strip():
                lowest.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

        text = sheet.extract_text(visitor_text=visit)
        # NFKC: the PDF's ligatures ("ﬁ") read as the letters
        pages.append((unicodedata.normalize("NFKC", text), min(lowest)))
    return pages


@pytest.mark.parametrize("who", ["LLM product builder", "New graduate"])
def test_a_typical_plan_prints_on_six_a4_pages_at_most(
    page: Page, live_site, catalog, who, tmp_path
):
    assessment = make_assessment(who)
    steps = step_ids(assessment)
    StepProgress.objects.create(assessment=assessment, step_id=steps[0], status="done")
    StepProgress.objects.create(assessment=assessment, step_id=steps[1], status="doing")
    open_roadmap(page, live_site, assessment)
    pages = printed(page, tmp_path / "roadmap.pdf")
    assert len(pages) <= 6, len(pages)
    everything = "".join(text for text, _ in pages).replace("\n", " ")
    # the address to come back to, statuses in words, and no controls
    assert roadmap_url(live_site, assessment) in "".join(text for text, _ in pages).replace(
        "\n", ""
    )
    assert "Status: Done" in everything and "Status: In progress" in everything
    for control in ("Plan my weeks", "Copy link", "Hide finished steps", "What if?"):
        assert control not in everything, control
    # the skill chart on the page of its title, its axis with it
    title = next(n for n, (text, _) in enumerate(pages) if "Your skills against" in text)
    assert "Average proficiency" in pages[title][0]
    # every page but the last filled at least down to its lower third: none left half empty
    for number, (_, lowest) in enumerate(pages[:-1], 1):
        assert lowest < A4[1] / 3, (number, lowest)
