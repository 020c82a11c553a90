"""The public pages as a visitor reads them: everything comes from the catalog (an editor's change
shows at once), every figure of the article is on /tracks/ with its source and year, unknown
tracks and levels are 404s, and each page runs a fixed number of queries as the catalog grows.
"""

import html
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from careers.catalog.models import (
    CatalogEdition,
    Compensation,
    DemandFact,
    EmployerFocus,
    ExitPath,
    FaqEntry,
    Industry,
    KeyInsight,
    Level,
    Resource,
    Responsibility,
    Skill,
    SkillCategory,
    Track,
    TrackSkill,
    UpskillingStep,
)
from careers.templatetags.careers_tags import scale_word
from careers.web.navigation import track_links

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/tracks/", "/tracks/ai-engineer/", "/tracks/ai-engineer/mid/"]

# Elements whose content reads as a separate piece of text (cells, paragraphs, list items).
BLOCKS = {
    "p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div",
    "section", "caption", "summary", "table", "ul", "ol", "figcaption", "title", "desc", "text",
    "tspan", "nav", "header", "footer", "main", "article", "br", "details", "figure",
}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip -= 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(response) -> str:
    """The page's text as a reader gets it: tags gone, entities decoded, one space between words
    and " | " between blocks (cells, paragraphs, list items)."""
    parser = _Text()
    parser.feed(response.content.decode())
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return " | ".join(line for line in lines if line)


def money(value: int) -> str:
    return f"${value:,}"


def get_ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:careers_{model._meta.model_name}_{view}", args=args)


# --- home ----------------------------------------------------------------------------------------


def test_home_says_what_the_app_does_and_for_whom(client, catalog):
    response = get_ok(client, "/")
    text = page_text(response)
    assert "AI Engineer or ML Engineer?" in text
    for audience in ("Software engineers", "Data scientists", "Students", "Career switchers"):
        assert audience in text
    assert f'href="{reverse("quiz")}">Start the skills quiz</a>' in response.text
    assert f'href="{reverse("tracks")}">Compare the two tracks</a>' in response.text


def test_home_shows_the_headline_figures_with_their_sources(client, catalog):
    headlines = list(KeyInsight.objects.filter(topic=KeyInsight.Topic.HEADLINE))
    assert len(headlines) >= 2
    text = page_text(get_ok(client, "/"))
    for insight in headlines:
        assert f"{insight.headline} | {insight.body} | Source: {insight.citation}" in text


def test_home_follows_the_catalog(client, catalog):
    KeyInsight.objects.filter(topic="headline", order=1).update(headline="Pay moved", body="New.")
    Track.objects.filter(slug="ai-engineer").update(focus="Agents all the way down.")
    text = page_text(get_ok(client, "/"))
    assert "Pay moved | New. | Source: Levels.fyi (2023)" in text
    assert "AI Engineer | Agents all the way down." in text


# --- /tracks/: every figure of the article, with its source ---------------------------------------


def pay_row(pay: Compensation) -> str:
    tier = f"{pay.tier.name} ({pay.levels_covered})" if pay.levels_covered else pay.tier.name
    figures = (pay.total, pay.base, pay.equity_per_year, pay.bonus)
    return " | ".join([tier, *map(money, figures), pay.citation])


def test_an_editors_salary_change_shows_at_once(editor_client, catalog):
    pay = Compensation.objects.select_related("track", "tier").get(
        track__slug="ml-engineer", tier__slug="faang-plus"
    )
    form = {
        "track": pay.track_id,
        "tier": pay.tier_id,
        "levels_covered": pay.levels_covered,
        "total": 199_000,
        "base": pay.base + 27_000,  # the parts must add up to the total
        "equity_per_year": pay.equity_per_year,
        "bonus": pay.bonus,
        "source": pay.source,
        "source_year": pay.source_year,
    }
    response = editor_client.post(admin_url(Compensation, "change", pay.pk), form)
    assert response.status_code == 302

    text = page_text(get_ok(editor_client, reverse("tracks")))
    assert "FAANG+ (L5-L7) | $199,000 | $167,000 | $25,000 | $7,000 | Levels.fyi (2023)" in text
    assert "FAANG+ (L5-L7) | $172,000" not in text
    # The chart and its table follow too.
    assert "FAANG+ | $210,000 | $199,000" in text


def test_every_salary_is_on_the_comparison_with_its_source(client, catalog):
    text = page_text(get_ok(client, reverse("tracks")))
    rows = Compensation.objects.select_related("track", "tier")
    assert rows.count() == 6
    for pay in rows:
        assert pay_row(pay) in text, pay
    assert "AI Engineer | FAANG+ (L5-L7) | $210,000 | $165,000 | $35,000 | $10,000" in text
    assert "ML Engineer | FAANG+ (L5-L7) | $172,000 | $140,000 | $25,000 | $7,000" in text


def test_every_demand_figure_is_on_the_comparison_as_written(client, catalog):
    text = page_text(get_ok(client, reverse("tracks")))
    facts = DemandFact.objects.select_related("metric", "track")
    assert facts.count() == 8
    for fact in facts:
        value = f"{fact.value} {fact.qualifier}".strip()
        assert value in text, fact
        assert fact.citation in text, fact
    assert "Job Postings | 12,500 (LinkedIn) | 44,000 (LinkedIn) | LinkedIn Jobs (Q2 2024)" in text
    assert "Year-over-Year Growth | +180% | +40% | Indeed Hiring Lab (year not stated)" in text
    assert "Remote Work Share | 38% | 52% | FlexJobs (year not stated)" in text


def test_every_key_insight_is_on_the_comparison_with_its_source(client, catalog):
    text = page_text(get_ok(client, reverse("tracks")))
    insights = KeyInsight.objects.all()
    assert insights.count() == 10
    for insight in insights:
        assert f"{insight.body} Source: {insight.citation}" in text or (
            f"{insight.body} | Source: {insight.citation}" in text
        ), insight
    assert "AI Engineers command a 22% premium at FAANG+" in text


def test_an_insight_whose_body_does_not_repeat_its_headline_keeps_it(client, catalog):
    KeyInsight.objects.filter(headline="Non-tech firms lag").update(headline="Enterprises trail")
    text = page_text(get_ok(client, reverse("tracks")))
    assert "Enterprises trail. Non-tech firms lag in compensation" in text


def test_the_skills_table_is_on_the_comparison(client, catalog):
    text = page_text(get_ok(client, reverse("tracks")))
    for category in SkillCategory.objects.exclude(industry_standard=""):
        ai, ml = (
            EmployerFocus.objects.get(category=category, track__slug=slug).summary
            for slug in ("ai-engineer", "ml-engineer")
        )
        assert f"{category.name} | {ai} | {ml} | {category.industry_standard}" in text
    for focus in EmployerFocus.objects.all():
        assert focus.summary in text
    assert "Languages | Python, C++, Go | Python, Java, Scala | Python (both)" in text
    assert "| Weights & Biases |" in text


def test_the_ladder_shows_every_level_with_the_articles_own_label(client, catalog):
    text = page_text(get_ok(client, reverse("tracks")))
    for level in Level.objects.select_related("track"):
        assert (
            f"{level.track.name}: {level.title} | As the article writes it: {level.ladder_label}"
            f" | {level.description}"
        ) in text, level
        assert level.get_band_display() in text
        if level.note:
            assert f"{level.description} | {level.note}" in text
    assert "As the article writes it: L5 |" in text  # ML mid-level, in the L5-L6 band
    for band in ("L4", "L5-L6", "L7+"):
        assert f"| {band} |" in text


def test_scope_responsibilities_industries_and_exits_are_on_the_comparison(client, catalog):
    text = page_text(get_ok(client, reverse("tracks")))
    for track in Track.objects.all():
        assert track.scope in text
    for item in Responsibility.objects.all():
        assert f"{item.title} | {item.description}" in text
    for industry in Industry.objects.all():
        assert f"{industry.name}: {industry.example_companies}" in text
    for exit_path in ExitPath.objects.all():
        assert f"{exit_path.title}: {exit_path.description}" in text


def test_the_faq_is_on_the_comparison_with_bullets_and_sources(client, catalog):
    response = get_ok(client, reverse("tracks"))
    text = page_text(response)
    entries = FaqEntry.objects.all()
    assert entries.count() == 3
    for entry in entries:
        assert entry.question in text
        for line in entry.answer.splitlines():
            if line.startswith("- "):
                assert f"<li>{line[2:]}</li>" in html.unescape(response.text)
            else:
                assert f"| {line} |" in text
        assert f"{entry.data_point} Source: {entry.citation}" in text
    assert "Source: McKinsey (year not stated)" in text


def test_the_comparison_charts_have_table_alternatives(client, catalog):
    response = get_ok(client, reverse("tracks"))
    text = page_text(response)
    assert 'id="pay-by-tier"' in response.text and 'id="pay-components"' in response.text
    assert response.text.count('role="img"') == 2
    assert "Company tier | AI Engineer | ML Engineer" in text
    assert "FAANG+ | $210,000 | $172,000" in text
    assert "Track and company tier | Base salary | Equity per year | Bonus | Total" in text
    assert "AI Engineer, FAANG+ | $165,000 | $35,000 | $10,000 | $210,000" in text


def test_a_renamed_track_keeps_its_colour_on_the_pay_chart(client, catalog):
    Track.objects.filter(slug="ai-engineer").update(name="Applied AI Engineer")
    response = get_ok(client, reverse("tracks"))
    legend = re.search(r'id="pay-by-tier".*?</ul>', response.text, re.S).group(0)
    assert '<span class="chart-swatch series-ai"></span>Applied AI Engineer' in legend
    assert '<span class="chart-swatch series-ml"></span>ML Engineer' in legend


def test_the_comparison_survives_a_tier_with_one_track_only(client, catalog):
    Compensation.objects.filter(track__slug="ml-engineer", tier__slug="unicorn-startups").delete()
    text = page_text(get_ok(client, reverse("tracks")))
    assert "Unicorn Startups | $180,000" in text  # the table still has the AI row


def test_no_inline_styles_or_scripts_on_the_public_pages(client, catalog):
    for url in PUBLIC_PAGES:
        page = get_ok(client, url).text
        assert " style=" not in page, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        # Nothing loaded from elsewhere: no CDN, no web fonts.
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page), url


# --- a track -------------------------------------------------------------------------------------


def test_a_track_shows_its_skills_per_level_in_words_and_numbers(client, catalog):
    track = Track.objects.get(slug="ai-engineer")
    text = page_text(get_ok(client, reverse("track", args=[track.slug])))
    requirements = TrackSkill.objects.filter(track=track).select_related("skill")
    assert requirements.count() == Skill.objects.count() == 60
    for item in requirements:
        levels = (item.entry_required, item.mid_required, item.senior_required)
        cells = [f"{scale_word(value)} ({value})" for value in levels]
        row = " | ".join([item.skill.name, f"{item.importance} of 5", *cells])
        assert row in text, row
    assert "Python | 5 of 5 | Working (2) | Proficient (3) | Expert (4)" in text
    for category in SkillCategory.objects.filter(skills__track_skills__track=track).distinct():
        assert f"| {category.name} |" in text


def test_a_track_shows_responsibilities_levels_steps_and_exits(client, catalog):
    track = Track.objects.get(slug="ml-engineer")
    text = page_text(get_ok(client, reverse("track", args=[track.slug])))
    assert f"ML Engineer | {track.focus} | {track.scope}" in text
    for item in track.responsibilities.all():
        assert f"{item.title} | {item.description}" in text
    for level in track.levels.all():
        assert f"{level.title} | As the article writes it: {level.ladder_label}" in text
        assert level.description in text
    assert "Mid-Level | As the article writes it: L5" in text
    for step in UpskillingStep.objects.filter(skill__track_skills__track=track):
        assert step.title in text
    for exit_path in track.exit_paths.all():
        assert f"{exit_path.title}: {exit_path.description}" in text


def test_a_track_follows_the_catalog(client, catalog):
    python = TrackSkill.objects.get(track__slug="ai-engineer", skill__slug="python")
    python.mid_required = 4
    python.save()
    text = page_text(get_ok(client, reverse("track", args=["ai-engineer"])))
    assert "Python | 5 of 5 | Working (2) | Expert (4) | Expert (4)" in text


# --- a level -------------------------------------------------------------------------------------


def cards(response) -> list[str]:
    """The skill names on a level page's requirement cards."""
    found = re.findall(r'<li class="card requirement">\s*<h4>([^<]+)</h4>', response.text)
    return [html.unescape(name) for name in found]


@pytest.mark.parametrize("slug", ["ai-engineer", "ml-engineer"])
@pytest.mark.parametrize("band", [1, 2, 3])
def test_a_level_lists_exactly_the_skills_it_requires(client, catalog, slug, band):
    level = Level.objects.get(track__slug=slug, band=band)
    response = get_ok(client, reverse("track_level", args=[slug, level.slug]))
    required = [
        item.skill.name
        for item in TrackSkill.objects.filter(track__slug=slug).select_related("skill")
        if item.required_for(band) > 0
    ]
    assert sorted(cards(response)) == sorted(required)
    assert 0 < len(required) <= Skill.objects.count()


def test_a_level_shows_what_it_requires_with_steps_and_resources(client, catalog):
    response = get_ok(client, reverse("track_level", args=["ai-engineer", "mid"]))
    text = page_text(response)
    level = Level.objects.get(track__slug="ai-engineer", band=2)
    assert f"AI Engineer: {level.title}" in text
    assert level.description in text
    python = TrackSkill.objects.get(track__slug="ai-engineer", skill__slug="python")
    assert "Python | Requires Proficient (3 of 4), up from Working (2) at L4" in text
    assert python.why_it_matters in text
    # the steps to Proficient, each with its level, and not the senior step a later level asks
    for step in UpskillingStep.objects.filter(skill__slug="python", level__lte=2):
        assert (
            f"{step.title} (about {step.estimated_hours} hours · {step.get_level_display()}" in text
        )
        assert step.why in text
    for resource in Resource.objects.filter(step__skill__slug="python", step__level__lte=2):
        assert f'<a href="{resource.url}">{resource.title}</a>' in response.text
    senior = UpskillingStep.objects.get(skill__slug="python", level=3)
    assert senior.title not in text
    assert senior.title in page_text(
        get_ok(client, reverse("track_level", args=["ai-engineer", "senior"]))
    )


def test_the_ml_mid_level_page_gives_the_articles_label_and_note(client, catalog):
    level = Level.objects.get(track__slug="ml-engineer", band=2)
    text = page_text(get_ok(client, reverse("track_level", args=["ml-engineer", "mid"])))
    heading = "L5-L6 | ML Engineer: Mid-Level | As the article writes it: L5"
    assert f"{heading} | {level.description}" in text
    assert level.note in text


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/tracks/data-engineer/",
        "/tracks/data-engineer/mid/",
        "/tracks/ai-engineer/principal/",
        "/tracks/ai-engineer/L4/",
    ],
)
def test_unknown_tracks_and_levels_are_not_found(client, catalog, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_a_level_missing_from_the_catalog_is_not_found(client, catalog):
    Level.objects.filter(track__slug="ml-engineer", band=3).delete()
    assert client.get("/tracks/ml-engineer/senior/").status_code == 404


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_the_public_pages_only_answer_get(client, catalog, url):
    assert client.post(url).status_code == 405


def test_the_header_links_to_the_comparison_and_each_track(client, catalog):
    page = get_ok(client, reverse("track", args=["ml-engineer"])).text
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    assert '<a href="/tracks/">Compare tracks</a>' in nav
    assert '<a href="/tracks/ai-engineer/">AI Engineer</a>' in nav
    assert '<a href="/tracks/ml-engineer/" aria-current="page">ML Engineer</a>' in nav
    assert ">Skills quiz</a>" in nav


# --- queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 2),  # tracks, headline insights
        # tracks + responsibilities, industries, levels, exits (5); pay; insights; demand;
        # skill categories + what employers value (2); FAQ; the edition it is kept under
        ("/tracks/", 12),
        # every track's outline, kept per edition: the tracks + responsibilities, industries,
        # levels, exits (5); each track's skills and their steps (2 × 2); the edition
        ("/tracks/ai-engineer/", 10),
        # the level and its track; the track's levels; the skills it requires; steps; resources
        ("/tracks/ai-engineer/mid/", 5),
    ],
)
def test_queries_per_page_stay_fixed_as_the_catalog_grows(
    client, sized_catalog, django_assert_num_queries, url, queries
):
    CatalogEdition.start_new()  # nothing built for this edition yet in this process
    track_links()  # the header's links, read once per catalog edition and process
    # the page's own queries, the catalog's edition for the page and for the header's links;
    # then, served as rendered, the edition
    with django_assert_num_queries(queries + 2):
        response = client.get(url)
    assert response.status_code == 200
    if sized_catalog > 1 and url.startswith("/tracks/ai-engineer/"):
        assert f"Python #{sized_catalog - 1}" in response.text  # the copies are on the page
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.status_code == 200


def test_the_header_links_every_track_as_the_catalog_names_it(client, catalog):
    track = Track.objects.get(slug="ml-engineer")
    track.name, track.slug = "Machine Learning Engineer", "machine-learning-engineer"
    track.save()
    header = client.get("/").text.split("</nav>")[0]
    assert '<a href="/tracks/machine-learning-engineer/">Machine Learning Engineer</a>' in header
    page = client.get("/tracks/machine-learning-engineer/").text.split("</nav>")[0]
    assert 'href="/tracks/machine-learning-engineer/" aria-current="page"' in page
