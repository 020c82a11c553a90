"""What more than one test module needs: the quiz as a form sends it, the public pages, and the
scoring engine's catalogs (a small hand-made one and the seed fixtures read as JSON).

A helpers module, not a test module: tests import from here (browser tests from
tests/e2e/helpers.py, real servers from tests/servers.py), never from each other, so where a
helper lives is plain and no test file depends on another. Plain functions and constants only.
"""

import json
import re
from pathlib import Path

from django.urls import reverse

from careers.catalog.models import (
    CalibrationPersona,
    Level,
    PreferenceQuestion,
    SkillCategory,
    Track,
)
from careers.core.scoring import (
    Catalog,
    PreferenceOption,
    Requirement,
    SkillSpec,
    Specialism,
    TrackSpec,
)
from careers.core.scoring import PreferenceQuestion as PreferenceSpec
from careers.quiz.state import SESSION_KEY
from careers.roadmap.assessments import create_assessment

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "catalog"

# --- the quiz, as a person's form sends it ------------------------------------------------------

HTMX = {"HTTP_HX_REQUEST": "true"}


def step_url(number: int) -> str:
    return reverse("quiz_step", args=[number])


def step_count() -> int:
    return SkillCategory.objects.filter(skills__isnull=False).distinct().count() + 1


def step_skills(number: int) -> list[str]:
    categories = SkillCategory.objects.filter(skills__isnull=False).distinct().order_by("order")
    return list(categories[number - 1].skills.values_list("slug", flat=True))


def answers_for(number: int, persona: dict | None = None, default: int = 2) -> dict:
    """The form a person would send for a step: every question answered."""
    persona = persona or {}
    if number == step_count():
        return {
            q.slug: persona.get(q.slug, q.options.first().value)
            for q in PreferenceQuestion.objects.all()
        }
    return {slug: persona.get(slug, default) for slug in step_skills(number)}


def post_step(client, number: int, answers: dict, nav: str = "next", **extra):
    return client.post(step_url(number), {"step": number, "nav": nav, **answers}, **extra)


def finish_quiz(client, skills: dict | None = None, default: int = 2, **extra):
    for number in range(1, step_count() + 1):
        response = post_step(client, number, answers_for(number, skills, default), **extra)
    return response


def shown_ask(html: str) -> str:
    """The question a quick-quiz page asks ("skill:python"), or "" when it asks none."""
    found = re.search(r'<input type="hidden" name="ask" value="([^"]+)">', html)
    return found.group(1) if found else ""


QUESTION_SCREEN_STATES = re.compile(
    r"(?:Settled|Very likely): (.*?)\. Your level is most likely ([^;]+);"
)


def stated_as_heading(text: str) -> str:
    """What a quick-quiz screen states as the verdict, in the roadmap heading's words: a question
    screen's "Very likely: … Your level is most likely L4; …", or the verdict screen's own
    "Very likely: …, at L4" ("" where it states only a lean)."""
    found = QUESTION_SCREEN_STATES.search(text)
    if found:
        track, level = found.groups()
        return f"{track}, {level}" if level == "below L4" else f"{track}, at {level}"
    sure, _, verdict = text.partition(": ")
    return verdict if sure in ("Settled", "Very likely") else ""


def shown_choices(html: str) -> list[str]:
    """The answers a quick-quiz page offers, in order."""
    return re.findall(r'<input type="radio" name="answer" id="[^"]+" value="([^"]+)"', html)


def post_quick(client, ask: str, answer=None, nav: str = "next", **extra):
    data = {"ask": ask, "nav": nav} | ({} if answer is None else {"answer": answer})
    return client.post(reverse("quiz"), data, **extra)


def quiz_state(client) -> dict:
    return client.session.get(SESSION_KEY, {})


# --- the public pages ---------------------------------------------------------------------------


def public_urls(client) -> list[str]:
    """Every page a visitor can reach; the quiz is answered up to its last step first."""
    for number in range(1, step_count()):
        post_step(client, number, answers_for(number))
    urls = ["/", reverse("tracks"), reverse("quiz"), reverse("quiz_all")]
    urls += [reverse("quiz_step", args=[n]) for n in range(1, step_count() + 1)]
    for track in Track.objects.all():
        urls.append(reverse("track", args=[track.slug]))
        urls += [
            reverse("track_level", args=[track.slug, level.slug])
            for level in Level.objects.filter(track=track)
        ]
    persona = CalibrationPersona.objects.first()
    assessment = create_assessment(persona.skills, persona.preferences)
    urls.append(assessment.get_absolute_url())
    urls.append(reverse("roadmap_what_if", args=[assessment.token]) + "?skill=python&value=4")
    return urls


# --- catalogs for the scoring engine (no database) ----------------------------------------------


def req(skill: str, importance: int, *required: int) -> Requirement:
    return Requirement(skill, importance, tuple(required))


SMALL = Catalog(
    skills=(
        SkillSpec("python", "Python", "languages"),
        SkillSpec("pytorch", "PyTorch", "frameworks"),
        SkillSpec("rag", "RAG", "llm"),
        SkillSpec("sql", "SQL", "data"),
        SkillSpec("spark", "Spark", "data"),
    ),
    tracks=(
        # Entry needs Σw·r = 20 here, so 16 met is exactly the 0.8 threshold.
        TrackSpec(
            "ai",
            "AI Engineer",
            "AI",
            (req("python", 5, 2, 3, 4), req("pytorch", 5, 1, 2, 3), req("rag", 4, 1, 2, 3))
            + (req("sql", 1, 1, 2, 2),),
        ),
        TrackSpec(
            "ml",
            "ML Engineer",
            "ML",
            (req("python", 5, 2, 3, 4), req("spark", 5, 1, 2, 3), req("sql", 4, 2, 3, 3))
            + (req("pytorch", 1, 0, 1, 2),),
        ),
    ),
    preferences=(
        PreferenceSpec(
            "work",
            "Which work?",
            (
                PreferenceOption("research", "Research-adjacent work", (("ai", 2), ("ml", 0))),
                PreferenceOption("ops", "Operational work", (("ai", 0), ("ml", 2))),
                PreferenceOption("both", "Both", (("ai", 1), ("ml", 1))),
            ),
        ),
    ),
)


def load_seed_catalog() -> Catalog:
    """The seed fixtures as the engine sees them, read straight from the JSON (no database)."""
    rows = [
        row
        for name in ("01_tracks.json", "03_skills.json", "05_quiz.json", "06_specialisms.json")
        for row in _load(name)
    ]
    # in the database's order (Skill.Meta.ordering): category, then order, then name
    categories = {f["slug"]: f["order"] for f in _fields(rows, "careers.skillcategory")}
    in_order = sorted(
        _fields(rows, "careers.skill"),
        key=lambda f: (categories[f["category"][0]], f["order"], f["name"]),
    )
    skills = tuple(SkillSpec(f["slug"], f["name"], f["category"][0]) for f in in_order)
    place = {skill.slug: index for index, skill in enumerate(skills)}
    requirements: dict[str, list[Requirement]] = {}
    for f in sorted(_fields(rows, "careers.trackskill"), key=lambda f: place[f["skill"][0]]):
        required = (f["entry_required"], f["mid_required"], f["senior_required"])
        requirements.setdefault(f["track"][0], []).append(
            Requirement(f["skill"][0], f["importance"], required)
        )
    tracks = tuple(
        TrackSpec(f["slug"], f["name"], f["short_name"], tuple(requirements.get(f["slug"], ())))
        for f in sorted(_fields(rows, "careers.track"), key=lambda f: f["order"])
    )
    options: dict[str, list[PreferenceOption]] = {}
    for f in _fields(rows, "careers.preferenceoption"):
        lean = tuple(sorted(f["points"].items()))
        options.setdefault(f["question"][0], []).append(
            PreferenceOption(f["value"], f["label"], lean, f.get("level_cap"))
        )
    questions = tuple(
        PreferenceSpec(f["slug"], f["text"], tuple(options[f["slug"]]))
        for f in _fields(rows, "careers.preferencequestion")
    )
    cores: dict[str, list[str]] = {}
    for f in sorted(_fields(rows, "careers.specialismskill"), key=lambda f: f["order"]):
        cores.setdefault(f["specialism"][0], []).append(f["skill"][0])
    specialisms = tuple(
        Specialism(
            f["slug"],
            f["name"],
            f["track"][0],
            tuple(cores[f["slug"]]),
            (f["entry_asks"], f["mid_asks"], f["senior_asks"]),
        )  # fmt: skip
        for f in sorted(_fields(rows, "careers.specialism"), key=lambda f: f["order"])
    )
    return Catalog(skills, tracks, questions, specialisms)


def load_personas() -> list[dict]:
    """The calibration personas the seed ships (fixtures/catalog/05_quiz.json)."""
    return [
        {
            "name": f["name"],
            "answers": f["skills"],
            "preferences": f["preferences"],
            "expected_track": f["expected_track"][0] if f["expected_track"] else None,
            "expected_level": f["expected_level"],
        }
        for f in _fields(_load("05_quiz.json"), "careers.calibrationpersona")
    ]


def _load(name: str) -> list[dict]:
    return json.loads((SEED / name).read_text())


def _fields(rows: list[dict], model: str) -> list[dict]:
    return [row["fields"] for row in rows if row["model"] == model]


SEED_CATALOG = load_seed_catalog()
