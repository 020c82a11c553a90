"""What scoring costs where the adaptive quiz will need it: plain Python, no Django.

The quiz that asks the question that can move the verdict most (issue 12) weighs, before each
question, what every answer to every question not yet asked would do. Scored by brute force,
that is one evaluation per (question, answer): the figure here is how long one question's choice
takes that way on the real catalog, the ceiling any smarter rule (bounds per skill) stays under.
"""

import gc
import statistics
import time

from careers.core import scoring
from careers.core.planning import catalog_from_dict


def candidate_answers(catalog: scoring.Catalog) -> list[scoring.Answers]:
    """From a quiz with nothing answered yet, every answer set one more answer could give."""
    candidates = [
        scoring.Answers({skill.slug: rating}) for skill in catalog.skills for rating in range(5)
    ]
    candidates += [
        scoring.Answers({}, {question.slug: option.value})
        for question in catalog.preferences
        for option in question.options
    ]
    return candidates


def time_scoring(catalog_dict: dict, runs: int = 7) -> dict:
    """Median and slowest wall time of one score, and of one question's choice by brute force
    (every candidate answer scored), in milliseconds."""
    catalog = catalog_from_dict(catalog_dict)
    candidates = candidate_answers(catalog)
    scoring.score(catalog, candidates[0])  # warm up
    # Time the scoring, not the collector walking whatever else this process holds.
    gc.collect()
    gc.freeze()
    singles, choices = [], []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            for answers in candidates:
                scoring.score(catalog, answers)
            elapsed = time.perf_counter() - start
            choices.append(elapsed * 1000)
            singles.append(elapsed * 1000 / len(candidates))
    finally:
        gc.unfreeze()
    return {
        "skills": len(catalog.skills),
        "tracks": len(catalog.tracks),
        "evaluations": len(candidates),
        "runs": runs,
        "median_ms": statistics.median(singles),
        "choice_ms": statistics.median(choices),
        "choice_max_ms": max(choices),
    }
