"""One person's answers so far, kept in their session until the quiz is finished.

The session holds {"skills": {slug: 0–4}, "preferences": {slug: value}, ...} under SESSION_KEY;
only finishing writes to the database (the quiz pages also count the day's quiz starts, which
name no one). The quick quiz (careers/quiz/quick.py) also keeps the screening answers, the order
it asked in, and the verdict its last answer gave (what the page it redirects to shows); the
full questionnaire reads and adds to the same answers, so a person can move from one to the
other without losing any.
"""

import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from careers.core.adaptive import Kind, Told
from careers.core.scoring import Answers, Catalog

SESSION_KEY = "quiz"


@dataclass
class QuizState:
    """One person's way through the quiz, kept in their session.

    attempt names this way through from its first answers to its assessment, which keeps it
    (Assessment.attempt): finishing twice, one after the other or both at once, makes one
    assessment. Once finished, the answers are dropped and only finished, the token of the
    roadmap they made, is kept: a resubmit of the last step goes there. New answers start a
    new attempt.
    """

    skills: dict[str, int] = field(default_factory=dict)
    preferences: dict[str, str] = field(default_factory=dict)
    previous: str = ""  # the token of the assessment this quiz retakes
    attempt: str = ""
    finished: str = ""
    screens: dict[str, str] = field(default_factory=dict)  # category slug → screening answer
    asked: list[str] = field(default_factory=list)  # the quick quiz's questions, as answered
    revisit: str = ""  # the quick question gone Back to, shown again until it is answered
    # The quick quiz's verdict on these answers, as its page shows it (careers/quiz/quick.py);
    # emptied whenever an answer changes.
    shown: dict = field(default_factory=dict)

    @classmethod
    def from_session(cls, session) -> "QuizState":
        stored = session.get(SESSION_KEY) or {}
        return cls(
            dict(stored.get("skills", {})),
            dict(stored.get("preferences", {})),
            stored.get("previous", ""),
            stored.get("attempt", ""),
            stored.get("finished", ""),
            dict(stored.get("screens", {})),
            list(stored.get("asked", [])),
            stored.get("revisit", ""),
            dict(stored.get("shown", {})),
        )

    def save(self, session) -> None:
        """Keep the state in the session, only if it changed: a session is a database row, and
        a request that keeps nothing (an empty step, Back, a retry) must not make or rewrite
        one."""
        if self != QuizState.from_session(session):
            session[SESSION_KEY] = asdict(self)

    def begin(self) -> bool:
        """Name this way through the quiz at its first answers (or a retake's): True when it
        begins now."""
        if self.attempt or not self.answered:
            return False
        self.attempt = secrets.token_urlsafe(16)
        return True

    def given(self, kind: Kind) -> dict:
        """The answers of one kind: ratings, preferences or screens (the live dict)."""
        if kind is Kind.SKILL:
            return self.skills
        return self.preferences if kind is Kind.PREFERENCE else self.screens

    def record(self, kind: Kind, answers: Mapping[str, int | str]) -> None:
        """Keep these answers of one kind. Answers after finishing are the quiz taken again,
        anew; a changed answer leaves no verdict shown for the old ones."""
        if not answers:
            return
        if self.finished:
            self.start_again()
        given = self.given(kind)
        if any(given.get(key) != value for key, value in answers.items()):
            given.update(answers)
            # what was shown stays as "before": a very likely verdict that no longer holds is
            # said to have changed, and by which answer
            self.shown = {"before": self.shown.get("so_far", self.shown.get("before"))}

    def told(self, catalog: Catalog) -> Told:
        """The answers as the core reads them, those the catalog can still score (an editor may
        have removed a skill, an option or a category mid-quiz)."""
        return Told(Answers(self.skills, self.preferences), self.screens).known_to(catalog)

    def finish(self, token: str) -> None:
        """The attempt became the assessment with this token: forget the answers."""
        self.skills, self.preferences, self.previous, self.finished = {}, {}, "", token
        # asked stays: a finishing post sent again names a question in it (web/quiz_pages.py)
        self.screens, self.revisit, self.shown = {}, "", {}

    def start_again(self) -> None:
        """New answers after finishing: the quiz taken again, as a new attempt."""
        self.attempt = self.finished = ""
        self.asked = []

    @property
    def answered(self) -> bool:
        return bool(self.skills or self.preferences or self.screens)

    @property
    def blank(self) -> bool:
        """Nothing answered, nothing finished, no retake: the quiz as anyone first sees it."""
        return not (self.answered or self.previous or self.finished)
