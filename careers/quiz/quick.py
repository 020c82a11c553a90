"""The quick quiz as people take it: one question at a time, stopping once the verdict is settled.

The stop rule and the choice of the next question are the core's (careers/core/adaptive.py);
this module keeps the person's answers in their session (QuizState), reads a question's form,
and says how sure the verdict is when they finish. The answers are the full questionnaire's
own, so "Answer every question" goes on from them.
"""

from dataclasses import dataclass
from math import ceil, floor
from weakref import WeakKeyDictionary

from django.core.exceptions import BadRequest
from django.http import QueryDict

from careers.catalog.per_edition import per_edition
from careers.catalog.scoring_catalog import kept_catalog
from careers.core.adaptive import Ask, Outlook, QuickQuiz, Told
from careers.core.likely import Chances, Likely, next_question
from careers.core.memo import Recent
from careers.core.scoring import LEVELS, Catalog
from careers.quiz.state import QuizState
from careers.quiz.steps import Question, QuizCatalog
from careers.roadmap.assessments import known_answers

FORM_FIELDS = {"csrfmiddlewaretoken", "ask", "answer", "nav"}
NAVIGATION = {"next", "back", "result"}
# What the quiz promises a newcomer: at least the median questions to a settled or very likely
# track in the benchmark's figures (README, "Quick quiz"; tests/test_benchmark.py holds the
# two together).
PROMISED_QUESTIONS = 15
STILL_OPEN_SHOWN = 5  # the questions a result names as able to change it
RECENT_VERDICTS = 256  # answers whose verdict a process keeps, per person model


@per_edition
def quick_quiz(edition: int) -> QuickQuiz:
    """The stop rule's tables for the current catalog, built once per edition and process."""
    return QuickQuiz(kept_catalog().catalog)


@per_edition
def likely_quiz(edition: int) -> Likely:
    """The person model's tables over the stop rule's, built once per edition and process."""
    return Likely(quick_quiz())


_verdicts: WeakKeyDictionary[Likely, Recent] = WeakKeyDictionary()


def verdict_of(likely: Likely, now: Told) -> tuple[Ask | None, Outlook, Chances]:
    """next_question(likely, now), kept for the most recent answers: a plain post works it out to
    know whether the quiz is over, and the page it redirects to asks the same (the costliest part
    of a question). Kept per person model, which is per catalog edition: an edit never reads an
    old one."""
    recent = _verdicts.get(likely)
    if recent is None:
        recent = _verdicts.setdefault(likely, Recent(RECENT_VERDICTS))
    key = (now.answers, frozenset(now.screens.items()))
    return recent.get(key, lambda _: next_question(likely, now))


def ask_name(ask: Ask) -> str:
    """How a question is named in forms and in the session: "skill:pytorch"."""
    return f"{ask.kind}:{ask.key}"


def ask_from_name(name: str) -> Ask:
    kind, _, key = name.partition(":")
    return Ask(kind, key)


def told(state: QuizState, catalog: Catalog) -> Told:
    """What the person has said, as the core reads it: answers the catalog no longer has (an
    editor removed a skill or an option mid-quiz) drop out."""
    answers = known_answers(catalog, state.skills, state.preferences)
    categories = {skill.category for skill in catalog.skills}
    screens = {slug: value for slug, value in state.screens.items() if slug in categories}
    return Told(answers, screens)


@dataclass
class QuickStep:
    """Where the person is: the question to show (None once the verdict is settled), its number
    among those asked, and the verdict as it stands."""

    ask: Ask | None
    number: int
    outlook: Outlook
    chances: Chances
    verdict: dict  # verdict_so_far(outlook)
    question: Question | None = None


def current(state: QuizState, questions: QuizCatalog) -> QuickStep:
    """The question gone Back to, else the one that can move the verdict most."""
    likely = likely_quiz()
    now = told(state, likely.catalog)
    ask, outlook, chances = verdict_of(likely, now)
    number = len(state.asked) + 1
    if state.revisit in state.asked and state.revisit in questions.one_by_one:
        ask = ask_from_name(state.revisit)
        number = state.asked.index(state.revisit) + 1
    verdict = verdict_so_far(outlook, chances, likely.catalog)
    step = QuickStep(ask, number, outlook, chances, verdict)
    if ask is not None:
        step.question = questions.one_by_one[ask_name(ask)].question(given(state, ask))
    return step


def answers_of(state: QuizState, ask: Ask) -> dict:
    """The person's answers of this question's kind (ratings, preferences or screens)."""
    return {"skill": state.skills, "preference": state.preferences, "screen": state.screens}[
        ask.kind
    ]


def given(state: QuizState, ask: Ask):
    """The answer already given to this question, or None."""
    return answers_of(state, ask).get(ask.key)


def parse_answer(
    data: QueryDict, questions: QuizCatalog
) -> tuple[Ask | None, str | int | None, str]:
    """The question a form answers, its answer (None if not chosen) and where to go next.

    Anything an honest form cannot send (unknown or repeated fields, a question the catalog
    does not ask, an answer not among its choices) raises BadRequest (400); nothing is kept.
    """
    for key in data:
        if key not in FORM_FIELDS:
            raise BadRequest(f"Unknown field {key!r}.")
        if len(data.getlist(key)) > 1:
            raise BadRequest(f"Field {key!r} was sent more than once.")
    nav = data.get("nav", "next")
    if nav not in NAVIGATION:
        raise BadRequest("Unknown navigation.")
    if nav == "result" and not data.get("ask") and "answer" not in data:
        return None, None, nav  # the settled page's button: no question on it
    spec = questions.one_by_one.get(data.get("ask", ""))
    if spec is None:
        raise BadRequest("The form does not answer a question of this quiz.")
    ask = ask_from_name(data["ask"])
    value = data.get("answer", "")
    if value == "":
        return ask, None, nav
    if value not in {value for value, _, _ in spec.choices}:
        raise BadRequest(f"{value!r} is not an answer to {spec.legend!r}.")
    return ask, int(value) if ask.kind == "skill" else value, nav


def record_answer(state: QuizState, ask: Ask, value: str | int) -> None:
    """Keep the answer; the question counts as asked, and the quiz goes on from the newest."""
    if state.finished:
        state.start_again()
    answers_of(state, ask)[ask.key] = value
    if ask_name(ask) not in state.asked:
        state.asked.append(ask_name(ask))
    state.revisit = ""


def go_back(state: QuizState, showing: Ask | None) -> None:
    """Show the question asked before the one showing again (none before the first)."""
    name = ask_name(showing) if showing else ""
    at = state.asked.index(name) if name in state.asked else len(state.asked)
    if at:
        state.revisit = state.asked[at - 1]


def verdict_so_far(outlook: Outlook, chances: Chances, catalog: Catalog) -> dict:
    """The verdict as the quiz shows it between questions: the track once settled or very
    likely (else the one ahead so far), and the level as the range it could still take, with
    the likely one."""
    names = {track.slug: track.name for track in catalog.tracks}
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
        "likely_level": LEVELS[chances.likely_band],
        "level_settled": low == high,
    }


def percent(share: float) -> int:
    """A sampled share as whole percent. At most 99: the completions agreeing are not every
    way to answer the rest (only a settled verdict is certain, and it says so in words)."""
    return min(99, round(100 * share))


def rated_skills(state: QuizState, catalog: Catalog) -> dict[str, int]:
    """The ratings a finished quick quiz gives: those answered, and None for every skill of a
    category the person said they have not worked with at all (they told us)."""
    skills = dict(state.skills)
    for skill in catalog.skills:
        if state.screens.get(skill.category) == "none":
            skills.setdefault(skill.slug, 0)
    return skills


def how_sure(state: QuizState, questions: QuizCatalog, step: QuickStep | None = None) -> dict:
    """What a result finished in the quick quiz says about itself (kept in the assessment):
    how many questions it took, whether the verdict is settled or very likely (and how
    likely), each track's level range and the likely level, and the questions that could
    still change it. `step`: the answers' own, when already worked out."""
    quiz = quick_quiz()
    if step is None:
        _, outlook, chances = verdict_of(likely_quiz(), told(state, quiz.catalog))
    else:
        outlook, chances = step.outlook, step.chances
    names = {track.slug: track.name for track in quiz.catalog.tracks}
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
        "likely_level": LEVELS[chances.likely_band],
        "levels": {
            track: [LEVELS[low], LEVELS[high]] for track, (low, high) in outlook.bands.items()
        },
        "could_change": [
            questions.one_by_one[ask_name(ask)].legend
            for ask in outlook.open[:STILL_OPEN_SHOWN]
            if ask_name(ask) in questions.one_by_one
        ],
    }
