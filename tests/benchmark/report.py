"""The benchmark's figures as the Markdown table README records: plain Python, no Django."""

from dataclasses import dataclass

from tests.benchmark.postings import GOALS
from tests.benchmark.visits import VisitFigures
from tests.benchmark.wrk import Load

# Share of a bare Django view's requests/s that the pages the same for everyone keep, warm (issue
# 11); one person's own pages are never kept, and their cost is what the real visits measure.
LOAD_TARGETS = {"Landing": 0.4, "Track comparison": 0.4, "Quiz step, blank": 0.4}
PER_PERSON = ("Quiz step, with answers", "Roadmap")
# The quick quiz (issue 12): questions to a settled verdict (median, 95th percentile), agreement
# with the full quiz, words read to a verdict.
QUICK_QUIZ_TARGETS = {
    "track_median": 15, "track_p95": 25, "level_median": 15, "level_p95": 30, "words_median": 1500,
}  # fmt: skip
QUICK_QUIZ_AGREEMENT = {"agree_track": 0.97, "agree_level": 0.90}
FIRST_LOAD_LIMIT = 60 * 1024
RESULT_LIMIT = 16 * 1024  # a kept result in the database (issue 25)
SWAP_LIMIT = 8 * 1024
README_START = "<!-- benchmark: start (written by `manage.py benchmark --write-readme`) -->"
README_END = "<!-- benchmark: end -->"


@dataclass(frozen=True)
class Figures:
    machine: str
    setup: str
    bare: list[Load]  # before and after the pages, to see drift
    loads: dict[str, Load]
    # page → queries to render it with the seed catalog and with 10×, and to serve it kept
    queries: dict[str, tuple[int, int, int]]
    first_loads: dict[str, tuple[int, int]]  # page → (bytes, files)
    swap_bytes: int
    scoring: dict
    visits: VisitFigures | None = None
    visit_target: float = 0.10  # share of bare per request: 0.10 on SQLite, 0.08 on PostgreSQL
    quick_quiz: dict | None = None  # tests/benchmark/quick_quiz.py
    quick_bound: dict | None = None  # tests/benchmark/quick_quiz_bound.py
    result_bytes: dict | None = None  # tests/benchmark/result_size.py
    postings: dict | None = None  # tests/benchmark/postings.py

    @property
    def bare_per_second(self) -> float:
        return sum(load.per_second for load in self.bare) / len(self.bare)

    def share(self, page: str) -> float:
        return self.loads[page].per_second / self.bare_per_second


def verdict(ok: bool) -> str:
    return "✓" if ok else "✗ missed"


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def misses(figures: Figures) -> list[str]:
    """Every target the run missed, in words (empty when all are met)."""
    missed = [
        f"{page}: {figures.share(page):.2f} of bare, target {target}"
        for page, target in LOAD_TARGETS.items()
        if figures.share(page) < target
    ]
    missed += [
        f"{page}: {small} queries with the seed catalog, {big} with 10×"
        for page, (small, big, _) in figures.queries.items()
        if small != big
    ]
    missed += [
        f"{page}: first load {kb(size)}"
        for page, (size, _) in figures.first_loads.items()
        if size > FIRST_LOAD_LIMIT
    ]
    if figures.swap_bytes > SWAP_LIMIT:
        missed.append(f"quiz step swap {kb(figures.swap_bytes)}")
    if figures.visits and figures.visits.share < figures.visit_target:
        missed.append(f"real visits: {figures.visits.share:.2f} of bare per request")
    missed += [
        f"{page}: {load.errors} failed requests" for page, load in all_loads(figures) if load.errors
    ]
    if (sizes := figures.result_bytes) and max(sizes["whole"], *sizes["quick"]) > RESULT_LIMIT:
        missed.append(f"a kept result: {result_line(sizes)}")
    if q := figures.quick_quiz:
        missed += [f"quick quiz {k}: {q[k]}, target ≤ {t}"
                   for k, t in QUICK_QUIZ_TARGETS.items() if q[k] > t]  # fmt: skip
        missed += [f"quick quiz {k}: {q[k]:.1%}, target ≥ {t:.0%}"
                   for k, t in QUICK_QUIZ_AGREEMENT.items() if q[k] < t]  # fmt: skip
    return missed


def quick_quiz_lines(q: dict) -> list[str]:
    """The quick quiz's table: questions and words to a settled verdict, against the goals."""
    t, a = QUICK_QUIZ_TARGETS, QUICK_QUIZ_AGREEMENT

    def row(name: str, median: str, p95: str) -> str:
        return (f"| {name} | {q[median]:g} | {q[p95]:g} | ≤ {t[median]} / ≤ {t[p95]} "
                f"{verdict(q[median] <= t[median] and q[p95] <= t[p95])} |")  # fmt: skip

    return [
        f"Quick quiz on {q['sets']:,} answer sets (the {q['personas']} calibration personas with "
        f"noise; the full quiz asks {q['full_questions']} questions, {q['full_words']:,} words): "
        f"{q['ms_per_question']:.1f} ms of choosing per question.",
        "",
        "| Questions asked (screens included) | Median | 95th percentile | Goal |",
        "| --- | ---: | ---: | --- |",
        row("To a settled or very likely track", "track_median", "track_p95"),
        row("To a settled or very likely track and level", "level_median", "level_p95"),
        "",
        f"Words read to a verdict: median {q['words_median']:,.0f} (goal ≤ "
        f"{t['words_median']:,} {verdict(q['words_median'] <= t['words_median'])}). "
        f"{q.get('settled', 0):.1%} of the sets stop settled (no answer left could change the "
        f"verdict), the rest very likely (careers/core/likely.py). The verdict "
        f"agrees with the full quiz's on {q['agree_track']:.1%} of tracks (goal ≥ "
        f"{a['agree_track']:.0%} {verdict(q['agree_track'] >= a['agree_track'])}) and "
        f"{q['agree_level']:.1%} of levels (goal ≥ {a['agree_level']:.0%} "
        f"{verdict(q['agree_level'] >= a['agree_level'])}), counting what the page states: "
        f"the verdict of the estimate (rated skills as rated, the rest at the person model's "
        f'estimate), a close call\'s "both" agreeing with both fit or with the track it '
        f"leans to ahead by less than 10 points ({q.get('close_calls', 0):.1%} of the sets "
        f"stop on a close call). The level was already clear when the track was for "
        f"{q['level_with_track']:.1%}; from track to level took a median of "
        f"{q.get('track_to_level_median', 0):g} more questions.",
    ]


def quick_bound_line(b: dict) -> str:
    """What the benchmark's sets allow at best: a rule that knows how they were made."""
    bars = "; ".join(
        f"at {float(bar):.0%} of its completions, a median of {f['median']:g} questions, 95th "
        f"percentile {f['p95']:g}, agreeing with the full quiz on {f['agree']:.1%}"
        for bar, f in b["bars"].items()
    )
    line = (
        f"The best the sets allow (tests/benchmark/quick_quiz_bound.py, {b['sets']:,} of "
        f"them): a rule that knows the calibration personas and the noise the sets were made "
        f"with, and no other, stops on the track {bars}; made to stop by "
        f"{b['budget']} questions, it agrees on {b['agree_by_budget']:.1%}."
    )
    if b.get("joint"):
        line += " " + joint_bound_line(b["joint"])
    return line


def joint_bound_line(joint: dict) -> str:
    """The same rule to the verdict the page states, at each pair of bars."""
    parts = []
    for bars, f in joint.items():
        track_bar, level_bar = (float(bar) for bar in bars.split("/"))
        parts.append(
            f"stopping with the most common verdict in {track_bar:.0%} of its completions and "
            f"its level in {level_bar:.0%} of those, a median of {f['median']:g} questions, "
            f"95th percentile {f['p95']:g}, agreeing with the full quiz on "
            f"{f['agree_track']:.1%} of tracks and {f['agree_level']:.1%} of levels"
        )
    return "To the verdict the page states, track and level: " + "; ".join(parts) + "."


def result_line(sizes: dict) -> str:
    """What a kept result weighs in the database, against the goal."""
    low, high = sizes["quick"]
    ok = max(sizes["whole"], high) <= RESULT_LIMIT
    quick = kb(low) if low == high else f"{kb(low)}–{kb(high)}"
    return (
        f"A kept result in the database (answers and result, as JSON; tests/benchmark/"
        f"result_size.py): {kb(sizes['whole'])} for the whole questionnaire, {quick} for a "
        f"quick result of one answer; goal ≤ 16 KB {verdict(ok)}."
    )


def all_loads(figures: Figures) -> list[tuple[str, Load]]:
    return [*(("Bare Django view", load) for load in figures.bare), *figures.loads.items()]


def visits_line(v: VisitFigures, target: float | None = None) -> str:
    """One sentence: what a request of a real visit costs, against a bare view's."""
    judged = f"; target ≥ {target:.2f} {verdict(v.share >= target)}" if target else ""
    return (
        f"{v.visitors} real visits ({v.visits.requests} requests, {v.visits.requests // v.visitors}"
        f" each): {v.visits.per_request_ms:.1f} ms of server CPU per request "
        f"({1000 * v.visits.database_seconds / v.visits.requests:.1f} ms of it the database's "
        f"and cache's own processes); a bare view {v.bare.per_request_ms:.2f} ms: "
        f"{v.share:.3f} of bare{judged}."
    )


def markdown(figures: Figures) -> str:
    lines = [figures.machine, "", figures.setup, ""]
    if figures.visits:
        lines += [visits_line(figures.visits, figures.visit_target), ""]
    lines += [
        "| Page | Requests/s | p50 | p95 | Share of bare | Target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for number, load in enumerate(figures.bare, 1):
        lines.append(
            f"| Bare Django view (run {number}) | {load.per_second:,.0f} | {load.p50_ms:.1f} ms "
            f"| {load.p95_ms:.1f} ms | 1.00 | |"
        )
    for page, load in figures.loads.items():
        share, target = figures.share(page), LOAD_TARGETS.get(page)
        judged = f"≥ {target} {verdict(share >= target)}" if target else "one person's: real visits"
        lines.append(
            f"| {page} | {load.per_second:,.0f} | {load.p50_ms:.1f} ms | {load.p95_ms:.1f} ms "
            f"| {share:.2f} | {judged} |"
        )
    lines += [
        "",
        "| Page | Queries to render, seed catalog | Same, 10× catalog | Constant | Served kept |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for page, (small, big, kept) in figures.queries.items():
        lines.append(f"| {page} | {small} | {big} | {verdict(small == big)} | {kept} |")
    lines += ["", "| Transfer | Size | Files | Target |", "| --- | ---: | ---: | --- |"]
    for page, (size, files) in figures.first_loads.items():
        ok = size <= FIRST_LOAD_LIMIT
        lines.append(f"| {page}, first load | {kb(size)} | {files} | ≤ 60 KB {verdict(ok)} |")
    ok = figures.swap_bytes <= SWAP_LIMIT
    lines.append(f"| Quiz step, htmx swap | {kb(figures.swap_bytes)} | 1 | ≤ 8 KB {verdict(ok)} |")
    if figures.result_bytes:
        lines += ["", result_line(figures.result_bytes)]
    s = figures.scoring
    lines += [
        "",
        f"Scoring the seed catalog ({s['skills']} skills × {s['tracks']} tracks): "
        f"{s['median_ms']:.2f} ms an evaluation. Choosing one question of the adaptive quiz "
        f"(issue 12) by scoring every answer it could get ({s['evaluations']} evaluations) would "
        f"take {s['choice_ms']:.0f} ms (slowest {s['choice_max_ms']:.0f} ms of {s['runs']} "
        "runs): the ceiling that bounds per skill must stay well under.",
    ]
    if figures.quick_quiz:
        lines += ["", *quick_quiz_lines(figures.quick_quiz)]
    if figures.quick_bound:
        lines += ["", quick_bound_line(figures.quick_bound)]
    if figures.postings:
        lines += ["", postings_line(figures.postings)]
    return "\n".join(lines) + "\n"


def postings_line(p: dict) -> str:
    """Issue 27: candidates written from real postings, through both ways of answering."""
    n = p["postings"]

    def share(key: str, goal: float) -> str:
        return (
            f"{p[key]} of {n} ({p[key] / n:.0%}, goal ≥ {goal:.0%} {verdict(p[key] >= goal * n)})"
        )

    return (
        f"Job postings (tests/benchmark/postings.py): {n} candidates written from real postings "
        f"(fixtures/source/postings/) read their posting's track in "
        f"{share('full_track', GOALS['track'])} through the full questionnaire and "
        f"{share('quick_track', GOALS['track'])} through the quick quiz, and its level in "
        f"{share('full_level', GOALS['level'])} and {share('quick_level', GOALS['level'])}; "
        f"the quick quiz asks them a median of {p['quick_median']:g} questions."
    )


def replace_in_readme(readme: str, block: str) -> str:
    """README with the text between the benchmark markers replaced by block."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError("README has no benchmark markers to write between")
    return f"{readme[: start + len(README_START)]}\n{block}{readme[end:]}"
