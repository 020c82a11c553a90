"""The seed catalog holds the article's content, figure for figure, and loads only once."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from careers.catalog.models import (
    Compensation,
    DemandFact,
    EmployerFocus,
    ExitPath,
    FaqEntry,
    Industry,
    KeyInsight,
    Level,
    Responsibility,
    Skill,
    SkillCategory,
    Track,
    TrackSkill,
)

ARTICLE = (Path(__file__).parent.parent / "fixtures" / "source" / "article.md").read_text()
TRACK_NAMES = {"AI Engineer": "ai-engineer", "ML Engineer": "ml-engineer"}

pytestmark = pytest.mark.django_db


def plain(text: str) -> str:
    return text.replace("**", "").strip()


def table_after(heading: str) -> list[list[str]]:
    """The rows (without header and rule) of the first markdown table after a heading."""
    section = ARTICLE[ARTICLE.index(heading) :]
    rows = []
    for line in section.splitlines():
        if line.startswith("|"):
            rows.append([plain(cell) for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]


def salary_rows():
    track = None
    for role, tier, total, base, equity, bonus, source in table_after("## **2. Salary"):
        track = role or track
        yield track, tier, total, base, equity, bonus, source


def dollars(amount: int) -> str:
    return f"${amount:,}"


def test_seed_loads_only_into_an_empty_catalog(catalog):
    before = Track.objects.count(), Compensation.objects.count()
    out = io.StringIO()
    call_command("seed_catalog", stdout=out)
    assert "nothing loaded" in out.getvalue()
    assert (Track.objects.count(), Compensation.objects.count()) == before == (2, 6)


@pytest.mark.parametrize("row", list(salary_rows()), ids=lambda row: f"{row[0]}-{row[1]}")
def test_every_salary_figure_is_in_the_database_exactly(catalog, row):
    track, tier, total, base, equity, bonus, source = row
    tier_name = tier.split(" (")[0]
    pay = Compensation.objects.get(track__name=track, tier__name=tier_name)
    assert [
        dollars(pay.total),
        dollars(pay.base),
        dollars(pay.equity_per_year),
        dollars(pay.bonus),
    ] == [total, base, equity, bonus]
    assert pay.citation.startswith(source.split(" (")[0])
    if "(" in tier:
        assert f"({pay.levels_covered})" in tier
    if "(" in source:
        assert pay.source_year in source


@pytest.mark.parametrize("row", table_after("## **4. Demand"), ids=lambda row: row[0])
def test_every_demand_figure_is_in_the_database_exactly(catalog, row):
    metric, ai, ml, source = row
    for track, written in (("ai-engineer", ai), ("ml-engineer", ml)):
        fact = DemandFact.objects.get(track__slug=track, metric__name=metric.split(" (")[0])
        assert f"{fact.value} {fact.qualifier}".strip() == written
        assert fact.source == source
        if "(" in metric:  # the period the metric's label gives, e.g. "(Q2 2024)"
            assert fact.source_year in metric


@pytest.mark.parametrize("row", table_after("## **5. Skills"), ids=lambda row: row[0])
def test_every_skills_table_entry_is_in_the_database(catalog, row):
    category, ai, ml, standard = row
    category = SkillCategory.objects.get(name=category)
    assert category.industry_standard == standard
    focus = {f.track.name: f.summary for f in EmployerFocus.objects.filter(category=category)}
    assert focus == {"AI Engineer": ai, "ML Engineer": ml}


def test_roles_responsibilities_and_industries_match_the_article(catalog):
    for name, slug in TRACK_NAMES.items():
        section = ARTICLE.split(f"### **{name}**")[1].split("###")[0]
        for title, description in re.findall(r"- \*\*(.+?):\*\* (.+)", section):
            resp = Responsibility.objects.get(track__slug=slug, title=title)
            assert resp.description == plain(description)
        for industry in Industry.objects.filter(track__slug=slug):
            assert industry.example_companies in section
    assert Responsibility.objects.count() == 10


def test_career_ladders_and_exits_match_the_article(catalog):
    for name, slug in TRACK_NAMES.items():
        section = ARTICLE.split("## **3. Career")[1].split(f"### **{name}**")[1].split("###")[0]
        written = dict(re.findall(r"- \*\*(.+?):\*\* (.+)", section))
        levels = Level.objects.filter(track__slug=slug)
        assert len(levels) == 3
        for level in levels:
            assert plain(written[f"{level.title} ({level.ladder_label})"]) == level.description
        for exit_path in ExitPath.objects.filter(track__slug=slug):
            assert plain(written[exit_path.title]) == exit_path.description
    assert ExitPath.objects.count() == 6


def test_ml_mid_level_keeps_the_articles_label_and_says_so(catalog):
    ml_mid = Level.objects.get(track__slug="ml-engineer", band=Level.Band.MID)
    assert ml_mid.ladder_label == "L5"
    assert "L5" in ml_mid.note and ml_mid.get_band_display() == "L5-L6"


def test_every_key_insight_and_faq_answer_is_there_with_a_source(catalog):
    for insight in KeyInsight.objects.all():
        assert insight.source
        first_clause = plain(insight.body).split(" (e.g.")[0].split(",")[0]
        assert first_clause.lower() in plain(ARTICLE).lower()
    assert KeyInsight.objects.filter(topic="salary").count() == 3
    assert KeyInsight.objects.filter(topic="demand").count() == 3
    assert KeyInsight.objects.filter(topic="skills").count() == 2
    questions = re.findall(r"### \*\*Q\d: (.+?)\*\*", ARTICLE)
    assert list(FaqEntry.objects.values_list("question", flat=True)) == questions
    for entry in FaqEntry.objects.all():
        assert entry.source and entry.data_point
        figure = re.search(r"\d+%", entry.data_point).group()
        assert figure in ARTICLE.split(entry.question)[1].split("###")[0]


def test_headline_figures_are_consistent_with_the_tables(catalog):
    """The article's 22% premium and 3.5x postings ratio follow from its own tables."""
    ai = Compensation.objects.get(track__slug="ai-engineer", tier__slug="faang-plus").total
    ml = Compensation.objects.get(track__slug="ml-engineer", tier__slug="faang-plus").total
    assert round((ai - ml) / ml * 100) == 22
    postings = {
        f.track.slug: int(f.value.replace(",", ""))
        for f in DemandFact.objects.filter(metric__slug="job-postings")
    }
    assert round(postings["ml-engineer"] / postings["ai-engineer"], 1) == 3.5


NAMED_IN_THE_BRIEF = [
    "Python", "C++", "Go", "Java", "Scala", "SQL", "PyTorch", "JAX", "TensorFlow Extended",
    "TensorFlow", "scikit-learn", "Spark ML", "Vertex AI", "SageMaker", "Ray", "Databricks",
    "Kubeflow", "Kubernetes", "Airflow", "Spark", "Dask", "XGBoost", "LightGBM", "Hugging Face",
    "fine-tuning", "RAG", "RLAIF", "prompt engineering", "reading papers", "Triton", "vLLM",
    "quantization", "pruning", "A/B testing", "experiment tracking", "Weights & Biases",
    "feature stores", "drift monitoring", "unstructured",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMED_IN_THE_BRIEF)
def test_every_tool_and_practice_the_article_names_is_a_skill(catalog, name):
    skill = Skill.objects.filter(name__icontains=name).first()
    assert skill is not None, f"no skill named like {name!r}"
    assert {ts.track.slug for ts in skill.track_skills.all()} == set(TRACK_NAMES.values())
    assert skill.steps.exists(), f"{skill} has no upskilling step"


def test_every_skill_is_rated_for_both_tracks_and_can_be_learned(catalog):
    for skill in Skill.objects.prefetch_related("track_skills", "steps__resources"):
        assert skill.track_skills.count() == 2, skill
        for requirement in skill.track_skills.all():
            levels = [requirement.required_for(band) for band in (1, 2, 3)]
            assert levels == sorted(levels) and levels[0] >= 0 and levels[-1] <= 4, requirement
            assert 1 <= requirement.importance <= 5
        steps = list(skill.steps.all())
        assert steps, skill
        assert all(step.estimated_hours > 0 and step.resources.all() for step in steps), skill


def mean_importance(track: str, skills: list[str]) -> float:
    rows = TrackSkill.objects.filter(track__slug=track, skill__slug__in=skills)
    assert rows.count() == len(skills), sorted(set(skills) - {r.skill.slug for r in rows})
    return sum(row.importance for row in rows) / len(skills)


def test_the_critical_delta_shows_in_the_weights(catalog):
    """AI leans on research-adjacent LLM work; ML on scalable structured-data pipelines."""
    llm_work = list(
        Skill.objects.filter(category__slug__in=["llm", "research"]).values_list("slug", flat=True)
    )
    pipelines = ["spark", "feature-stores", "airflow", "kubeflow", "databricks", "xgboost"]
    ai, ml = "ai-engineer", "ml-engineer"
    assert mean_importance(ai, llm_work) - mean_importance(ml, llm_work) >= 1.5
    assert mean_importance(ml, pipelines) - mean_importance(ai, pipelines) >= 1.5
    shared = ["python", "sql", "kubernetes"]
    assert abs(mean_importance(ai, shared) - mean_importance(ml, shared)) <= 1


def test_editors_can_add_rows_after_seeding(catalog):
    """Seeded rows carry explicit ids; new rows must still get fresh ones (sequences reset)."""
    python = Skill.objects.get(slug="python")
    step = python.steps.create(title="Write a CLI", why="Practice", estimated_hours=2, order=9)
    assert step.pk > max(s.pk for s in python.steps.exclude(pk=step.pk))


def test_every_seeded_row_passes_the_editors_validation(catalog):
    """What the admin would refuse, the seed must not contain (e.g. pay parts that don't add up)."""
    from django.apps import apps

    not_seeded = {"Assessment", "HealthProbe"}  # people's results and /healthz's row
    for model in apps.get_app_config("careers").get_models():
        if model.__name__.startswith("Historical") or model.__name__ in not_seeded:
            continue
        for row in model.objects.all():
            row.full_clean()
