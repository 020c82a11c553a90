"""The public pages: the landing page, the two tracks side by side, a track, and one of its levels.

Everything shown comes from the catalog tables, so an editor's change shows at once. Each view
runs a fixed number of queries (select_related/prefetch_related), however large the catalog.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

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
from careers.core import charts
from careers.web.pagecache import cached_page

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
        return list(self.track_skill.skill.steps.all())

    @property
    def hours(self) -> int:
        return sum(step.estimated_hours for step in self.steps)


def tracks_with_outline() -> QuerySet[Track]:
    """Tracks with what their pages list: responsibilities, industries, levels and exits."""
    return Track.objects.prefetch_related("responsibilities", "industries", "levels", "exit_paths")


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
        "total": charts.compensation_chart(groups, chart_id="pay-by-tier") if groups else None,
        "components": (
            charts.compensation_components_chart(parts, chart_id="pay-components")
            if parts
            else None
        ),
    }


@require_GET
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: what the app does and for whom, the tracks and the headline figures."""
    context = {
        "tracks": Track.objects.all(),
        "headlines": KeyInsight.objects.filter(topic=KeyInsight.Topic.HEADLINE),
    }
    return render(request, "careers/home.html", context)


@require_GET
@cached_page
def tracks(request: HttpRequest) -> HttpResponse:
    """Both tracks side by side: scope, pay, ladder, exits, demand, skills and the FAQ."""
    all_tracks = list(tracks_with_outline())
    pay = list(Compensation.objects.select_related("track", "tier"))
    insights = list(KeyInsight.objects.all())
    facts = list(DemandFact.objects.select_related("metric"))
    metrics: dict = {}
    for fact in facts:
        metrics.setdefault(fact.metric, []).append(fact)
    categories = SkillCategory.objects.prefetch_related("employer_focus")
    context = {
        "tracks": all_tracks,
        "pay": [(track, [row for row in pay if row.track_id == track.pk]) for track in all_tracks],
        "charts": pay_charts(pay, all_tracks),
        "insights": {
            topic: [insight for insight in insights if insight.topic == topic]
            for topic in KeyInsight.Topic.values
        },
        # A body that opens with its headline (as the article writes them) needs no headline.
        "repeats_headline": {i.pk for i in insights if i.body.startswith(i.headline)},
        "ladder": ladder(all_tracks),
        "demand": [
            {
                "metric": metric,
                "cells": by_track(rows, all_tracks),
                "citations": list(dict.fromkeys(row.citation for row in rows)),
            }
            for metric, rows in metrics.items()
        ],
        "skills": [
            (category, by_track(category.employer_focus.all(), all_tracks))
            for category in categories
            if category.industry_standard or category.employer_focus.all()
        ],
        "faq": [(entry, answer_blocks(entry.answer)) for entry in FaqEntry.objects.all()],
    }
    return render(request, "careers/tracks.html", context)


@require_GET
@cached_page
def track(request: HttpRequest, slug: str) -> HttpResponse:
    """One track: responsibilities, ladder, skills per level, upskilling steps and exits."""
    track = get_object_or_404(tracks_with_outline(), slug=slug)
    track_skills = (
        track.track_skills.select_related("skill__category")
        .prefetch_related("skill__steps")
        .order_by("skill__category__order", "skill__category__name", "skill__order", "skill__name")
    )
    context = {
        "track": track,
        "levels": track.levels.all(),
        "bands": Level.Band.labels,  # the columns of entry/mid/senior_required
        "skill_groups": skill_groups(track_skills),
    }
    return render(request, "careers/track.html", context)


@require_GET
@cached_page
def track_level(request: HttpRequest, slug: str, level: str) -> HttpResponse:
    """One level of a track: what it does and the skills it requires, with steps and resources."""
    band = LEVEL_BANDS.get(level)
    if band is None:
        raise Http404("No such level.")
    current = get_object_or_404(Level.objects.select_related("track"), track__slug=slug, band=band)
    field = REQUIRED_FIELDS[band]
    track_skills = (
        TrackSkill.objects.filter(track=current.track, **{f"{field}__gt": 0})
        .select_related("skill__category")
        .prefetch_related("skill__steps__resources")
        .order_by("skill__category__order", "skill__category__name", "skill__order", "skill__name")
    )
    requirements = [
        Requirement(ts, ts.required_for(band), ts.required_for(band - 1) if band > 1 else None)
        for ts in track_skills
    ]
    context = {
        "track": current.track,
        "level": current,
        "levels": current.track.levels.all(),
        "requirements": requirements,
        "previous_band": Level.Band(band - 1).label if band > 1 else "",
    }
    return render(request, "careers/level.html", context)
