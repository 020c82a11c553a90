"""The quick quiz as people take it: one question at a time, stopping once the verdict is settled.

The stop rule and the choice of the next question are the core's (careers/core/likely.py over
careers/core/adaptive.py); this module keeps the person's answers in their session (QuizState)
with the verdict they give, shows a question, and says how sure the verdict is when they finish.
The answers are the full questionnaire's own, so "Answer every question" goes on from them.

The verdict (the person model and its completions) is the costliest part of a question. A post
that changes the answers works it out once and keeps what the page shows of it in the state, so
the page it redirects to shows it as kept; a page works it out only when the state keeps none
for the catalog's current edition (a first visit, a catalog edit).
"""

import dataclasses
from dataclasses import dataclass
from math import ceil, floor

from careers.catalog.per_edition import per_edition
from careers.catalog.scoring_catalog import edition_catalog
from careers.core.adaptive import Ask, Outlook, QuickQuiz
from careers.core.likely import Chances, Likely, next_question
from careers.core.scoring import LEVELS, Answers, Catalog
from careers.core.verdict import Sure, headline, sure_words, track_words
from careers.core.verdict import Verdict as Stated
from careers.quiz.state import QuizState
from careers.quiz.steps import Question, QuizCatalog

# What the quiz promises a newcomer: at least the median questions to the verdict the page
# states, track and level, in the benchmark's figures (README, "Quick quiz"; tests/
# test_benchmark.py holds the two together): 10 on 2,000 persona sets since issue 27, but 19
# for candidates written from real job postings, whose profiles are sparser; the promise is the
# larger.
PROMISED_QUESTIONS = 20
# The benchmark's median of questions from "track very likely" to "level very likely"
# (README, "Quick quiz"; tests/test_benchmark.py holds the two together): what "about N more
# for your level" counts down from.
LEVEL_QUESTIONS = 2  # 0 at the median since issue 27 (scope is asked first); a few at worst
STILL_OPEN_SHOWN = 5  # the questions a result names as able to change it


@per_edition
def quick_quiz(edition: int) -> QuickQuiz:
    """The stop rule's tables for the current catalog, built once per edition and process."""
    return QuickQuiz(edition_catalog().catalog)


@per_edition
def likely_quiz(edition: int) -> Likely:
    """The person model's tables over the stop rule's, built once per edition and process."""
    return Likely(quick_quiz())


@dataclass(frozen=True)
class WorkedOut:
    """The core's verdict on the answers, as worked out in this request."""

    ask: Ask | None  # the question to ask next; None once settled or sure enough
    outlook: Outlook
    chances: Chances
    quiz: QuickQuiz  # the stop rule's tables it was worked out on


@dataclass(frozen=True)
class Verdict:
    """The verdict as the quiz page shows it, kept in the state (QuizState.shown) for the
    edition it was worked out on; `worked`: the core's own, when worked out in this request."""

    edition: int
    ask: str  # the next question's name ("skill:pytorch"); "" once settled or sure enough
    so_far: dict  # verdict_so_far()
    worked: WorkedOut | None = None

    @property
    def over(self) -> bool:
        return not self.ask


def work_out(state: QuizState) -> WorkedOut:
    """The next question and the verdict on the answers so far (the one call to the core)."""
    likely = likely_quiz()
    ask, outlook, chances = next_question(likely, state.told(likely.catalog))
    return WorkedOut(ask, outlook, chances, likely.quiz)


def verdict(state: QuizState, questions: QuizCatalog) -> Verdict:
    """The verdict the state keeps for this edition, else worked out now and kept in it."""
    kept = state.shown
    if kept.get("edition") == questions.edition:
        return Verdict(kept["edition"], kept["ask"], kept["so_far"])
    worked = work_out(state)
    so_far = verdict_so_far(worked.outlook, worked.chances, worked.quiz.catalog)
    so_far |= progress(state, questions, so_far, kept)
    found = Verdict(questions.edition, worked.ask.name if worked.ask else "", so_far, worked)
    state.shown = {"edition": found.edition, "ask": found.ask, "so_far": found.so_far}
    return found


def progress(state: QuizState, questions: QuizCatalog, so_far: dict, kept: dict) -> dict:
    """Since when the track has been very likely (or settled), about how many questions the
    level likely takes yet, and, where a verdict shown as very likely no longer holds, which
    answer changed it."""
    before = kept.get("so_far") or kept.get("before") or {}
    sure_at = before.get("track_sure_at") if before.get("track_sure") else None
    if so_far["track_sure"] and sure_at is None:
        sure_at = len(state.asked)
    left = 0
    if so_far["track_sure"] and not so_far["sure"]:
        left = max(1, LEVEL_QUESTIONS - (len(state.asked) - sure_at))
    return {
        "track_sure_at": sure_at if so_far["track_sure"] else None,
        "left": left,
        "changed": changed(state, questions, so_far, before),
        # the quiz ends straight on the roadmap only where the last screen stated its verdict
        "stated_before": so_far["sure"] and before.get("states") == so_far["states"],
    }


def changed(state: QuizState, questions: QuizCatalog, so_far: dict, before: dict) -> str:
    """Which answer changed a verdict shown as very likely that no longer holds, or, at the
    quiz's end, the verdict the last screen stated ("" where nothing shown changed)."""
    was = before.get("headline") if before.get("sure") else ""
    now = so_far["headline"]
    if so_far["sure"] and not was:
        was, now = before.get("states", ""), so_far["states"]
    if not was or was == now or not state.asked:
        return ""
    legend = questions.one_by_one.get(state.asked[-1])
    about = legend.legend if legend else "your last question"
    return f"Your answer about {about} changed it: it was “{was}”."


@dataclass(frozen=True)
class QuickPage:
    """What the quick quiz's page shows: the question (None once the verdict is settled) with
    its number among those asked, and the verdict as it stands."""

    number: int
    ask: str
    question: Question | None
    verdict: dict


def page(state: QuizState, questions: QuizCatalog, unanswered: Ask | None = None) -> QuickPage:
    """The question gone Back to, else the one that can move the verdict most; `unanswered`:
    the question sent without an answer, asked again with its error."""
    shown = verdict(state, questions)
    name, number = shown.ask, len(state.asked) + 1
    if state.revisit in state.asked and state.revisit in questions.one_by_one:
        name, number = state.revisit, state.asked.index(state.revisit) + 1
    if unanswered is not None:
        spec = questions.one_by_one[unanswered.name]
        question = spec.question(None, spec.missing_message)
        return QuickPage(number, unanswered.name, question, shown.so_far)
    if not name:
        return QuickPage(number, "", None, shown.so_far)
    ask = Ask.from_name(name)
    question = questions.one_by_one[name].question(state.given(ask.kind).get(ask.key))
    return QuickPage(number, name, question, shown.so_far)


def record_answer(state: QuizState, ask: Ask, value: str | int) -> None:
    """Keep the answer; the question counts as asked, and the quiz goes on from the newest."""
    state.record(ask.kind, {ask.key: value})
    if ask.name not in state.asked:
        state.asked.append(ask.name)
    state.revisit = ""


def go_back(state: QuizState, showing: Ask | None) -> None:
    """Show the question asked before the one showing again (none before the first)."""
    name = showing.name if showing else ""
    at = state.asked.index(name) if name in state.asked else len(state.asked)
    if at:
        state.revisit = state.asked[at - 1]


def stated(outlook: Outlook, chances: Chances) -> Stated:
    """The verdict the quiz vouches for — the estimate's, as the roadmap's heading states it —
    with how sure it is: settled (no answer could change it), very likely, or open (the
    result asked for sooner)."""
    sure = Sure.SETTLED if outlook.settled else Sure.VERY_LIKELY if chances.sure else Sure.OPEN
    return dataclasses.replace(
        chances.verdict, sure=sure, estimated_skills=tuple(sorted(chances.estimate))
    )


def said(verdict: Stated, catalog: Catalog) -> str:
    """The verdict in the words the roadmap's heading uses: "Very likely: AI Engineer fits you
    best, at L4"."""
    names = {track.slug: track.name for track in catalog.tracks}
    return f"{sure_words(verdict)}: {headline(verdict, names)}"


def verdict_so_far(outlook: Outlook, chances: Chances, catalog: Catalog) -> dict:
    """The verdict as the quiz shows it between questions: in the roadmap's words once sure
    enough (or settled); the track once very likely (else the one ahead so far), and the level
    as the range it could still take, with the estimate's."""
    names = {track.slug: track.name for track in catalog.tracks}
    verdict = stated(outlook, chances)
    sure = verdict.sure is not Sure.OPEN
    track_sure = sure or outlook.track_settled or chances.track_sure
    likely = chances.track_sure and not outlook.track_settled
    if likely:
        track, both_fit = chances.recommended, chances.both_fit
    else:
        track, both_fit = outlook.recommended or outlook.leader, outlook.both_fit
    low, high = outlook.bands[track]
    return {
        "track_settled": outlook.track_settled,
        "track_likely": likely,
        "chance": percent(chances.track),
        "both_fit": both_fit,
        "track": names[track],
        "level": LEVELS[low] if low == high else f"{LEVELS[low]} to {LEVELS[high]}",
        "likely_level": LEVELS[chances.band],
        "level_settled": low == high,
        "sure": sure,
        "settled": verdict.sure is Sure.SETTLED,
        "track_sure": track_sure,
        "close_call": chances.close_call,
        "headline": said(verdict, catalog),
        # what the screen states as the verdict once the track is very likely: track and level
        # in the roadmap heading's words (a lean, before then, states none)
        "states": headline(verdict, names) if track_sure else "",
        # the track's words alone, while the level is not yet sure ("…, at L4" left off)
        "track_words": track_words(verdict, names),
    }


def percent(share: float) -> int:
    """A sampled share as whole percent. At most 99: the completions agreeing are not every
    way to answer the rest (only a settled verdict is certain, and it says so in words)."""
    return min(99, round(100 * share))


def estimated(worked: WorkedOut) -> dict[str, int]:
    """Per skill the quiz did not ask (nor screen out), the person model's estimate."""
    return dict(worked.chances.estimate)


def rated(state: QuizState, worked: WorkedOut) -> Answers:
    """The answers a finished quick quiz keeps: those given, and None for every skill of a
    category the person said they have not worked with at all (they told us)."""
    return state.told(worked.quiz.catalog).rated(worked.quiz.categories)


def how_sure(state: QuizState, questions: QuizCatalog, worked: WorkedOut) -> dict:
    """What a result finished in the quick quiz says about itself (kept in the assessment):
    how many questions it took, whether the verdict is settled or very likely (and how
    likely), each track's level range and the likely level, and the questions that could
    still change it."""
    outlook, chances = worked.outlook, worked.chances
    names = {track.slug: track.name for track in worked.quiz.catalog.tracks}
    low, high = outlook.margin_range
    return {
        "mode": "quick",
        # how far ahead the leader could still end, in points (negative: behind)
        "margin_range": [names[outlook.leader], names[outlook.runner_up], floor(low), ceil(high)],
        "questions_asked": len(state.asked),
        "settled": outlook.settled,
        "track_settled": outlook.track_settled,
        # Not settled, but today's verdict holds in nearly every plausible way to answer the
        # rest (careers/core/likely.py): the shares, in percent, and the likely level.
        "track_likely": chances.track_sure and not outlook.track_settled,
        "sure": chances.sure and not outlook.settled,
        "chance_track": percent(chances.track),
        "chance_level": percent(chances.level),
        "likely_level": LEVELS[chances.band],
        "levels": {
            track: [LEVELS[low], LEVELS[high]] for track, (low, high) in outlook.bands.items()
        },
        "verdict": stated(outlook, chances).to_json(),
        "could_change": [
            questions.one_by_one[ask.name].legend
            for ask in outlook.open[:STILL_OPEN_SHOWN]
            if ask.name in questions.one_by_one
        ],
    }
