"""How long scoring takes on a catalog far bigger than the seed one: plain Python, no Django."""

import gc
import random
import statistics
import time

from careers.core import scoring


def synthetic_catalog(skills: int = 1000, tracks: int = 10, seed: int = 6) -> scoring.Catalog:
    """Every track asks for every skill, with seeded random importance and levels."""
    rng = random.Random(seed)
    specs = tuple(
        scoring.SkillSpec(f"skill-{i}", f"Skill {i}", f"Category {i % 12}") for i in range(skills)
    )
    track_specs = []
    for t in range(tracks):
        requirements = []
        for spec in specs:
            entry = rng.randint(0, 2)
            mid = rng.randint(entry, 3)
            requirements.append(
                scoring.Requirement(spec.slug, rng.randint(1, 5), (entry, mid, rng.randint(mid, 4)))
            )
        track_specs.append(
            scoring.TrackSpec(f"track-{t}", f"Track {t}", f"T{t}", tuple(requirements))
        )
    questions = tuple(
        scoring.PreferenceQuestion(
            f"question-{q}",
            f"Question {q}",
            tuple(
                scoring.PreferenceOption(
                    f"option-{o}", f"Option {o}", ((f"track-{(q + o) % tracks}", 2),)
                )
                for o in range(4)
            ),
        )
        for q in range(8)
    )
    return scoring.Catalog(specs, tuple(track_specs), questions)


def synthetic_answers(catalog: scoring.Catalog, seed: int = 6) -> scoring.Answers:
    """Someone who rated every skill and answered every preference question."""
    rng = random.Random(seed)
    return scoring.Answers(
        {spec.slug: rng.randint(0, 4) for spec in catalog.skills},
        {q.slug: rng.choice(q.options).value for q in catalog.preferences},
    )


def time_scoring(skills: int = 1000, tracks: int = 10, runs: int = 20) -> dict:
    """Median and worst wall time of scoring.score over several runs, in milliseconds."""
    catalog = synthetic_catalog(skills, tracks)
    answers = synthetic_answers(catalog)
    scoring.score(catalog, answers)  # warm up
    # Time the scoring, not the collector walking whatever else this process holds (a Django
    # process after a benchmark holds a lot): set aside what exists now, as a preloaded server
    # does with its startup objects.
    gc.collect()
    gc.freeze()
    times = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            scoring.score(catalog, answers)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        gc.unfreeze()
    return {
        "skills": skills,
        "tracks": tracks,
        "runs": runs,
        "median_ms": statistics.median(times),
        "max_ms": max(times),
    }
