"""What the measured pages need: a person half-way through the quiz, and a roadmap."""

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings

from careers.catalog.models import PreferenceQuestion, Skill, Track
from careers.quiz.state import QuizState
from careers.roadmap.assessments import create_assessment

WORKING = 2  # "Working" on the 0–4 scale: a plausible, unremarkable answer


@dataclass(frozen=True)
class Visitor:
    session_cookie: str  # "name=key", as a browser sends it
    roadmap_token: str
    track: str
    level: str

    @property
    def cookie_header(self) -> dict[str, str]:
        return {"Cookie": self.session_cookie}


def answers() -> tuple[dict[str, int], dict[str, str]]:
    skills = dict.fromkeys(Skill.objects.values_list("slug", flat=True), WORKING)
    preferences = {
        question.slug: question.options.order_by("order", "id").first().value
        for question in PreferenceQuestion.objects.all()
    }
    return skills, preferences


def visitor() -> Visitor:
    """A stored session that has answered every step, so any step shows, and a roadmap."""
    skills, preferences = answers()
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    QuizState(skills, preferences).save(session)
    session.save()
    assessment = create_assessment(skills, preferences)
    track = Track.objects.first()
    level = track.levels.first()
    return Visitor(
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        assessment.token,
        track.slug,
        level.slug,
    )
