"""What the public pages show of the catalog: the landing page, the two tracks side by side, a
track and one of its levels, each built in a fixed number of queries however large the catalog.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from careers.catalog.models import (
    Compensation,
    DemandFact,
    FaqEntry,
    KeyInsight,
    Level,
    SkillCategory,
    Track,
    TrackSkill,
    UpskillingStep,
)
from careers.catalog.per_edition import per_edition
from careers.core import charts
from careers.core.planning import step_level

# The level slugs of the URLs (Level.slug) and the TrackSkill field each band's requirement is in.
LEVEL_BANDS = {"entry": Level.Band.ENTRY, "mid": Level.Band.MID, "senior": Level.Band.SENIOR}
REQUIRED_FIELDS = {
    Level.Band.ENTRY: "entry_required",
    Level.Band.MID: "mid_required",
    Level.Band.SENIOR: "senior_required",
}


@dataclass(frozen=True)
class Requirement:
    """What one level asks of one skill, and what the level below asked (None at entry)."""

    track_skill: TrackSkill
    required: int
    previous: int | None

    @property
    def steps(self) -> list[UpskillingStep]:
        """The steps that get a skill from nothing to what the level asks: an L4 page leaves out
        the senior ones."""
        top = step_level(self.required)
        return [step for step in self.track_skill.skill.steps.all() if step.level <= top]

    @property
    def hours(self) -> int:
        return sum(step.estimated_hours for step in self.steps)


def answer_blocks(text: str) -> list[dict]:
    """An FAQ answer as paragraphs and bullet lists: lines starting "- " are bullets."""
    blocks: list[dict] = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        if line.startswith("- "):
            if not blocks or blocks[-1]["kind"] != "list":
                blocks.append({"kind": "list", "items": []})
            blocks[-1]["items"].append(line[2:])
        else:
            blocks.append({"kind": "paragraph", "text": line})
    return blocks


def by_track(rows: Iterable, tracks: Sequence[Track]) -> list[tuple[Track, object]]:
    """(track, its row or None) for every track, in track order: one line of a side-by-side."""
    found = {row.track_id: row for row in rows}
    return [(track, found.get(track.pk)) for track in tracks]


def skill_groups(track_skills: Iterable[TrackSkill]) -> list[dict]:
    """Track skills by skill category (they come ordered by it), with each group's step count."""
    groups: list[dict] = []
    for item in track_skills:
        if not groups or groups[-1]["category"] != item.skill.category:
            groups.append({"category": item.skill.category, "items": [], "steps": 0})
        groups[-1]["items"].append(item)
        groups[-1]["steps"] += len(item.skill.steps.all())
    return groups


def ladder(tracks: Sequence[Track]) -> list[tuple[Level.Band, list[tuple[Track, Level | None]]]]:
    """The career ladder band by band, each band's level on every track side by side."""
    levels = [level for track in tracks for level in track.levels.all()]
    return [
        (band, by_track((level for level in levels if level.band == band), tracks))
        for band in Level.Band
    ]


def pay_charts(pay: Sequence[Compensation], tracks: Sequence[Track]) -> dict:
    """Total pay by company tier (tiers every track has a figure for) and its components."""
    tiers: dict[str, dict[str, float]] = {}
    for row in pay:
        tiers.setdefault(row.tier.name, {})[row.track.name] = row.total
    names = [track.name for track in tracks if any(row.track_id == track.pk for row in pay)]
    groups = [(tier, totals) for tier, totals in tiers.items() if set(names) <= set(totals)]
    parts = [
        charts.CompensationRow(
            row.track.name, row.tier.name, row.base, row.equity_per_year, row.bonus
        )
        for row in pay
    ]
    return {
        "total": (
            charts.compensation_chart(
                groups, chart_id="pay-by-tier", series_keys={t.name: t.slug for t in tracks}
            )
            if groups
            else None
        ),
        "components": (
            charts.compensation_components_chart(parts, chart_id="pay-components")
            if parts
            else None
        ),
    }


def landing() -> dict:
    """The tracks and the headline figures (two queries)."""
    return {"tracks": Track.objects.all(), "headlines": KeyInsight.objects.headlines()}


@per_edition
def comparison(edition: int) -> dict:
    """Both tracks side by side: scope, pay, ladder, exits, demand, skills and the FAQ. The same
    for a whole catalog edition, so built once per edition and process (read, never change)."""
    all_tracks = list(Track.objects.with_outline())
    pay = list(Compensation.objects.with_names())
    return {
        "tracks": all_tracks,
        "pay": [(track, [row for row in pay if row.track_id == track.pk]) for track in all_tracks],
        "charts": pay_charts(pay, all_tracks),
        **insights_by_topic(list(KeyInsight.objects.all())),
        "ladder": ladder(all_tracks),
        "demand": demand(all_tracks),
        "skills": [
            (category, by_track(category.employer_focus.all(), all_tracks))
            for category in SkillCategory.objects.with_employer_focus()
            if category.industry_standard or category.employer_focus.all()
        ],
        "faq": [(entry, answer_blocks(entry.answer)) for entry in FaqEntry.objects.all()],
    }


def insights_by_topic(insights: list[KeyInsight]) -> dict:
    """The key insights per topic, and those whose body opens with its headline (as the article
    writes them), which need no headline."""
    return {
        "insights": {
            topic: [insight for insight in insights if insight.topic == topic]
            for topic in KeyInsight.Topic.values
        },
        "repeats_headline": {i.pk for i in insights if i.body.startswith(i.headline)},
    }


def demand(tracks: Sequence[Track]) -> list[dict]:
    """Each demand metric with its figure per track, side by side, and the sources cited."""
    metrics: dict = {}
    for fact in DemandFact.objects.with_metric():
        metrics.setdefault(fact.metric, []).append(fact)
    return [
        {
            "metric": metric,
            "cells": by_track(rows, tracks),
            "citations": list(dict.fromkeys(row.citation for row in rows)),
        }
        for metric, rows in metrics.items()
    ]


@per_edition
def track_outlines(edition: int) -> dict[str, dict]:
    """Every track's outline by slug, once per catalog edition and process."""
    return {track.slug: track_outline(track) for track in Track.objects.with_outline()}


def track_outline(track: Track) -> dict:
    """One track (from Track.objects.with_outline()): its ladder, and its skills by category
    with their steps."""
    return {
        "track": track,
        "levels": track.levels.all(),
        "bands": Level.Band.labels,  # the columns of entry/mid/senior_required
        "skill_groups": skill_groups(TrackSkill.objects.on_track_page(track)),
    }


def level_outline(level: Level) -> dict:
    """One level (with its track): what it does, and each skill it requires against what the
    level below asked, with steps and resources."""
    band = level.band
    requirements = [
        Requirement(ts, ts.required_for(band), ts.required_for(band - 1) if band > 1 else None)
        for ts in TrackSkill.objects.required_at(level.track, REQUIRED_FIELDS[band])
    ]
    return {
        "track": level.track,
        "level": level,
        "levels": level.track.levels.all(),
        "requirements": requirements,
        "previous_band": Level.Band(band - 1).label if band > 1 else "",
    }
