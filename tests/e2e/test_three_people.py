"""Issue 26's three people, each taking the default quick quiz in a browser as they would answer
it: an LLM application developer two years in (JavaScript on), a data scientist of four years
moving toward ML engineering (JavaScript off) and a final-year student (the "New graduate"
calibration persona, JavaScript on). Each reads on the roadmap the verdict the full
questionnaire gives, as the quiz's last screen said it; no step of the first three is for a skill
the quiz only estimated; and rating an estimated skill in place gives the new result."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from careers.catalog.scoring_catalog import cached_catalog
from careers.core.adaptive import Ask
from careers.core.scoring import Answers, score
from careers.core.verdict import Sure, headline, verdict_of
from careers.roadmap.models import Assessment
from tests.benchmark.quick_quiz import respondent
from tests.e2e.helpers import NO_JS, PERSONAS, ROADMAP_URL, SKILL_NAMES, axe_in_both_schemes
from tests.helpers import stated_as_heading

LLM_DEVELOPER = Answers(
    {"python": 3, "go": 1, "java": 1, "pytorch": 2, "scikit-learn": 1, "kubernetes": 2,
     "sql": 2, "unstructured-data": 2, "hugging-face": 2, "fine-tuning": 2, "rag": 3,
     "prompt-engineering": 3, "llm-evaluation-and-guardrails": 2, "ai-agents": 2,
     "model-serving": 2, "vllm": 1, "experiment-tracking": 1, "ci-cd-for-ml": 1,
     "reading-papers": 2, "ai-compliance-and-safety": 1, "multimodal-and-diffusion-models": 1,
     "quantization": 1, "weights-and-biases": 1, "experiment-design": 1},
    # two years in, building features others plan
    {"scope": "tasks", "years": "2-to-4", "data": "unstructured", "work": "operational",
     "product": "generative"},
)  # fmt: skip
DATA_SCIENTIST = Answers(
    {"python": 3, "sql": 3, "scikit-learn": 3, "xgboost": 3, "lightgbm": 2, "pytorch": 1,
     "tensorflow": 2, "spark": 2, "spark-ml": 1, "feature-engineering": 3, "tabular-modeling": 3,
     "experiment-design": 2, "ab-testing": 3, "reading-papers": 1, "airflow": 2, "databricks": 2,
     "experiment-tracking": 2, "model-serving": 2, "data-quality-and-drift-monitoring": 2,
     "ci-cd-for-ml": 1, "distributed-training": 1, "feature-stores": 1, "kubernetes": 1,
     "sagemaker": 1, "unstructured-data": 1, "prompt-engineering": 1, "java": 1},
    # four years owning models end to end: mid-level modelling depth and scope (issue 27)
    {"scope": "project", "years": "2-to-4", "data": "structured", "work": "both",
     "product": "predictive"},
)  # fmt: skip
STUDENT = Answers(PERSONAS["New graduate"]["skills"], PERSONAS["New graduate"]["preferences"])
SCREENSHOTS = Path("/tmp")
MOST_SCREENS = 60  # more than the quiz has questions: a loop that runs past it is a bug


def wait_for_the_next_screen(page: Page, before: str) -> None:
    """htmx has swapped in the next question, or the screen stating the verdict, or loaded the
    roadmap, and settled."""
    page.wait_for_function(
        """before => {
            if (location.pathname.startsWith('/roadmap/')) return true;
            const busy = '.htmx-request, .htmx-swapping, .htmx-settling';
            if (document.querySelector(busy)) return false;
            const ask = document.querySelector('#quick-quiz input[name="ask"]');
            return ask ? ask.value !== before : !!document.querySelector('.verdict-headline');
        }""",
        arg=before,
    )


def take(page: Page, answers: Answers, javascript: bool) -> str:
    """Answer as the person would until the roadmap; what the quiz's last screen stated."""
    respond = respondent(cached_catalog(), answers)
    stated = ""
    for _ in range(MOST_SCREENS):
        ask_input = page.locator('#quick-quiz input[name="ask"]')
        if ask_input.count():
            stated = page.locator("#verdict-so-far").inner_text()
            ask = Ask.from_name(ask_input.get_attribute("value"))
            page.locator(f'input[type="radio"][id="{ask.key}-{respond(ask)}"]').check()
            page.locator('#quick-quiz button[name="nav"][value="next"]').click()
            if javascript:
                wait_for_the_next_screen(page, ask.name)
            else:
                page.wait_for_load_state("load")
        else:  # the screen that states the verdict, then on to the roadmap
            stated = page.locator(".verdict-headline").inner_text()
            if javascript:  # axe needs scripts; the page is the same without
                look_at_the_verdict_screen(page)
            with page.expect_navigation():
                page.get_by_role("button", name="See my result and roadmap").click()
        if ROADMAP_URL.search(page.url):
            page.wait_for_load_state("load")
            return stated
    raise AssertionError("the quick quiz did not finish")


def look_at_the_verdict_screen(page: Page) -> None:
    """No axe violation, and screenshots at both widths to look at."""
    found = axe_in_both_schemes(page)
    assert not any(found.values()), found
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"quiz-verdict-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def rate_an_estimate_in_place(page: Page, assessment: Assessment, answers: Answers) -> None:
    """Rate the first skill "Rate these first" names (else any estimated one) as the person
    would: the new result opens, with that skill rated."""
    first = page.locator(".rate-first details").first
    if first.count():
        skill = first.get_attribute("id").removeprefix("rate-")
        first.locator("summary").click()
        rating = answers.skills.get(skill, 0)
        first.locator(f'input[name="rating"][value="{rating}"]').check()
        form = first
    else:
        page.locator("#estimated summary").click()
        form = page.locator("#estimated form.rate-skill")
        skill = form.locator('select[name="skill"]').input_value()
        rating = answers.skills.get(skill, 0)
        form.locator('select[name="rating"]').select_option(str(rating))
    with page.expect_navigation():
        form.get_by_role("button", name="Rate it").click()
    new = Assessment.objects.exclude(pk=assessment.pk).latest("created")
    expect(page).to_have_url(re.compile(re.escape(new.get_absolute_url())))
    assert new.answers["skills"][skill] == rating and skill not in new.saved_result.estimated
    expect(page.locator("h1#verdict")).to_be_visible()
    # the new result no longer counts it among the skills estimated
    expect(page.locator("#estimated > p")).not_to_contain_text(SKILL_NAMES[skill])


def walk(page: Page, live_site, answers: Answers, javascript: bool, expected: str) -> None:
    names = {track.slug: track.name for track in cached_catalog().tracks}
    full = headline(verdict_of(score(cached_catalog(), answers), Sure.SETTLED), names)
    assert full == expected  # the person as written: what the full questionnaire tells them
    page.goto(f"{live_site.url}/quiz/")
    page.wait_for_load_state("load")
    stated = take(page, answers, javascript)
    expect(page.locator("h1#verdict")).to_have_text(expected)
    assert stated_as_heading(stated) == expected
    assessment = Assessment.objects.latest("created")
    estimated = assessment.saved_result.estimated
    assert estimated  # the quick quiz left skills unasked: the page rests on their estimate
    first_three = page.locator(".next-list .next-meta").all_inner_texts()[:3]
    assert len(first_three) == 3
    for meta in first_three:
        assert not any(f"{SKILL_NAMES[slug]}:" in meta for slug in estimated), meta
    rate_an_estimate_in_place(page, assessment, answers)


def test_an_llm_application_developer_with_javascript(page: Page, live_site, catalog):
    walk(page, live_site, LLM_DEVELOPER, True, "AI Engineer fits you best, at L4")


@NO_JS
def test_a_data_scientist_moving_to_ml_engineering_without_javascript(
    page: Page, live_site, catalog
):
    walk(page, live_site, DATA_SCIENTIST, False, "ML Engineer fits you best, at L5-L6")


def test_a_final_year_student_with_javascript(page: Page, live_site, catalog):
    walk(page, live_site, STUDENT, True, "AI Engineer fits you best, at L4")
