"""The job postings kept as the level ladder's evidence (#27) are well formed and balanced.

fixtures/source/postings/ holds one TOML file a posting, read with the search tool; its README
says how. These checks need no database.
"""

import tomllib
from collections import Counter
from pathlib import Path

import pytest

POSTINGS = Path(__file__).resolve().parent.parent / "fixtures" / "source" / "postings"
FILES = sorted(POSTINGS.glob("*.toml"))
LOADED = {path.name: tomllib.loads(path.read_text()) for path in FILES}

TRACKS = {"ai-engineer", "ml-engineer"}
LEVELS = {"L4", "L5-L6", "L7+"}
KINDS = {"big tech", "startup", "enterprise"}
SPECIALISMS = {
    "ai-engineer": {
        "AI application / LLM product",
        "AI inference & platform",
        "AI research engineering",
    },
    "ml-engineer": {"ML modelling & ranking", "ML platform / MLOps"},
}
STRINGS = ("url", "title", "employer", "employer_kind", "industry", "country", "seen")
LISTS = ("seniority_words", "required", "preferred")


@pytest.mark.parametrize("name", sorted(LOADED))
def test_a_posting_has_every_field_with_an_allowed_value(name):
    posting = LOADED[name]
    for field in STRINGS:
        assert isinstance(posting[field], str) and posting[field].strip(), field
    for field in LISTS:
        assert all(isinstance(item, str) and item.strip() for item in posting[field]), field
    assert posting["required"], "a posting quotes at least one requirement"
    assert posting["seniority_words"]
    assert isinstance(posting["years"], int) and 0 <= posting["years"] <= 20
    assert posting["url"].startswith("https://")
    assert posting["employer_kind"] in KINDS
    reading = posting["reading"]
    assert reading["track"] in TRACKS
    assert reading["specialism"] in SPECIALISMS[reading["track"]]
    assert reading["level"] in LEVELS
    assert reading["reason"].strip()


def test_a_file_name_is_numbered_lowercase_and_hyphenated():
    for path in FILES:
        number, _, rest = path.stem.partition("-")
        assert number.isdigit() and len(number) == 2, path.name
        assert rest == rest.lower() and " " not in rest and "_" not in rest, path.name


def test_there_are_at_least_forty_postings_with_no_address_twice():
    assert len(LOADED) >= 40
    urls = [posting["url"] for posting in LOADED.values()]
    assert len(set(urls)) == len(urls)


def test_the_set_is_balanced_between_tracks_and_spread_over_levels_kinds_and_countries():
    readings = [posting["reading"] for posting in LOADED.values()]
    tracks = Counter(reading["track"] for reading in readings)
    for track in TRACKS:
        assert 0.4 <= tracks[track] / len(readings) <= 0.6, tracks
    assert {reading["level"] for reading in readings} == LEVELS
    assert {posting["employer_kind"] for posting in LOADED.values()} == KINDS
    assert len({posting["country"] for posting in LOADED.values()}) >= 4
