from careers.views.pages import home, track, track_level, tracks
from careers.views.quiz import quiz_start, quiz_step
from careers.views.roadmap import (
    roadmap,
    roadmap_hours,
    roadmap_json,
    roadmap_retake,
    roadmap_step,
    roadmap_what_if,
    roadmap_what_if_save,
)

__all__ = [
    "home",
    "quiz_start",
    "quiz_step",
    "roadmap",
    "roadmap_hours",
    "roadmap_json",
    "roadmap_retake",
    "roadmap_step",
    "roadmap_what_if",
    "roadmap_what_if_save",
    "track",
    "track_level",
    "tracks",
]
