"""Issue 26: every calibration persona, taken through the default quick quiz over plain posts as
the person would answer, reads on the roadmap the verdict their expectation names, and the quiz's
last screen said the same."""

import re
from html import unescape

import pytest
from django.urls import reverse

from careers.catalog.models import CalibrationPersona
from careers.catalog.scoring_catalog import cached_catalog
from careers.core.adaptive import Ask
from careers.core.scoring import Answers
from tests.benchmark.quick_quiz import respondent
from tests.helpers import load_personas, post_quick, shown_ask, stated_as_heading

pytestmark = pytest.mark.django_db


def text_of(html: str, pattern: str) -> str:
    found = re.search(pattern, html, re.S)
    assert found, pattern
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def last_said(html: str) -> str:
    """The verdict the quiz's screen states, in the roadmap heading's words: the verdict
    screen's own, or a question screen's "Very likely: … Your level is most likely …"."""
    if not shown_ask(html):
        return stated_as_heading(text_of(html, r'class="verdict-headline">(.*?)</p>'))
    return stated_as_heading(text_of(html, r'id="verdict-so-far"[^>]*>(.*?)</div>'))


def walk(client, answers: Answers) -> tuple[list[str], str]:
    """The quick quiz to its end, as the person answers: its screens, and the roadmap it
    finished on."""
    respond = respondent(cached_catalog(), answers)
    html = client.get(reverse("quiz")).text
    screens = [html]
    while True:
        ask = shown_ask(html)
        if ask:
            kind, _, key = ask.partition(":")
            response = post_quick(client, ask, respond(Ask(kind, key)))
        else:  # the screen stating the verdict: on to the roadmap
            response = client.post(reverse("quiz"), {"nav": "result"})
        assert response.status_code == 302
        if response["Location"] != reverse("quiz"):
            return screens, client.get(response["Location"]).text
        html = client.get(reverse("quiz")).text
        screens.append(html)


# Where the quick quiz reads a persona otherwise than the full questionnaire, and why. Such a
# persona must still read the same words on the quiz's last screen and on the roadmap.
QUICK_MISSES = {
    "Computer-vision engineer": (
        "ML Engineer fits you best",
        "A close call (ML by 2 with every answer): with the eleven skills of issue 27 the quiz "
        "stops after 18 questions very sure of ML by 11, because the person model estimates the "
        "serving skills it has not asked (Triton, quantization, pruning: Proficient) from vLLM, "
        "which this engineer has never used.",
    ),
}


@pytest.mark.parametrize("name", [p["name"] for p in load_personas()])
def test_a_persona_reads_its_expected_verdict_and_the_quiz_said_it_first(client, catalog, name):
    persona = CalibrationPersona.objects.get(name=name)
    screens, page = walk(client, Answers(persona.skills, persona.preferences))
    heading = text_of(page, r'<h1 id="verdict">(.*?)</h1>')
    assert last_said(screens[-1]) == heading
    if not shown_ask(screens[-1]):
        # The last answer changed what the question before stated, or it stated no verdict
        # yet: the screen that states it says what it was.
        before = last_said(screens[-2])
        assert before != heading
        if before:
            assert f"changed it: it was “{before}”" in unescape(screens[-1])
    track, level = re.fullmatch(r"(.*), (?:at )?(below L4|L4|L5-L6|L7\+)", heading).groups()
    if name in QUICK_MISSES:
        assert track == QUICK_MISSES[name][0]  # still the miss the note explains
    elif persona.expected_track:
        assert track == f"{persona.expected_track.name} fits you best"
    else:
        assert track.startswith("Both tracks fit you")
    assert level == (persona.expected_level or level)  # a persona may leave its level open


def test_back_from_the_screen_stating_the_verdict_shows_the_last_question(client, catalog):
    """The last answer may be a slip: the verdict's screen goes back to it, answer kept."""
    persona = CalibrationPersona.objects.get(name="New graduate")
    respond = respondent(cached_catalog(), Answers(persona.skills, persona.preferences))
    html, last = client.get(reverse("quiz")).text, ""
    while ask := shown_ask(html):
        kind, _, key = ask.partition(":")
        post_quick(client, ask, respond(Ask(kind, key)))
        html, last = client.get(reverse("quiz")).text, ask
    assert 'class="verdict-headline"' in html  # this persona's last answer made it very likely
    response = client.post(reverse("quiz"), {"nav": "back"})
    assert response.status_code == 302
    again = client.get(reverse("quiz")).text
    assert shown_ask(again) == last and "checked" in again
