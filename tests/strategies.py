"""Hypothesis strategies for the scoring engine's properties: small generated catalogs and
answers to them (a helpers module: tests import from here, never from each other)."""

from hypothesis import strategies as st

from careers.core.adaptive import Told
from careers.core.scoring import (
    Answers,
    Catalog,
    PreferenceOption,
    PreferenceQuestion,
    Requirement,
    SkillSpec,
    TrackSpec,
)
from tests.benchmark.quick_quiz import truthful_screen

ratings = st.integers(0, 4)


@st.composite
def catalogs(draw) -> Catalog:
    categories = draw(st.integers(1, 3))
    skills = tuple(
        SkillSpec(f"s{i}", f"Skill {i}", f"c{i % categories}")
        for i in range(draw(st.integers(1, 6)))
    )
    tracks = []
    for t in range(draw(st.integers(2, 3))):
        chosen = draw(st.lists(st.sampled_from(skills), min_size=1, unique=True))
        requirements = tuple(
            Requirement(
                s.slug, draw(st.integers(1, 5)), tuple(sorted(draw(st.tuples(*[ratings] * 3))))
            )
            for s in chosen
        )
        tracks.append(TrackSpec(f"t{t}", f"Track {t}", f"T{t}", requirements))
    lean = st.tuples(*(st.tuples(st.just(t.slug), st.integers(0, 2)) for t in tracks))
    questions = tuple(
        PreferenceQuestion(
            f"q{q}",
            f"Question {q}?",
            tuple(
                PreferenceOption(f"o{o}", f"Option {o}", draw(lean))
                for o in range(draw(st.integers(1, 3)))
            ),
        )
        for q in range(draw(st.integers(0, 3)))
    )
    return Catalog(skills, tuple(tracks), questions)


@st.composite
def scored(draw) -> tuple[Catalog, Answers]:
    catalog = draw(catalogs())
    answered = draw(st.lists(st.sampled_from(catalog.skills), unique=True))
    skills = {s.slug: draw(ratings) for s in answered}
    preferences = {
        q.slug: draw(st.sampled_from(q.options)).value
        for q in catalog.preferences
        if draw(st.booleans())
    }
    return catalog, Answers(skills, preferences)


@st.composite
def complete(draw, catalog: Catalog) -> Answers:
    """Every question of the full quiz answered."""
    return Answers(
        {s.slug: draw(ratings) for s in catalog.skills},
        {q.slug: draw(st.sampled_from(q.options)).value for q in catalog.preferences},
    )


@st.composite
def partly_told(draw):
    """A catalog, a person's full answers, and part of them told (screens included)."""
    catalog = draw(catalogs())
    full = draw(complete(catalog))
    skills = {s.slug: full.skills[s.slug] for s in catalog.skills if draw(st.booleans())}
    preferences = {q: v for q, v in full.preferences.items() if draw(st.booleans())}
    categories = sorted({s.category for s in catalog.skills})
    screens = {c: truthful_screen(catalog, full, c) for c in categories if draw(st.booleans())}
    return catalog, full, Told(Answers(skills, preferences), screens)
