"""What a roadmap page shows, built from an assessment's snapshot and the person's progress."""

from collections.abc import Mapping
from statistics import mean
from types import MappingProxyType

from django.core.exceptions import BadRequest

from careers.catalog.models import (
    CatalogEdition,
    Compensation,
    DemandFact,
    ExitPath,
    FaqEntry,
    Level,
    Proficiency,
    SkillCategory,
)
from careers.catalog.per_edition import per_edition
from careers.core import charts
from careers.core.result import Carried, SavedResult, TrackVerdict
from careers.core.scoring import LEVELS
from careers.core.verdict import VerdictKind, headline, sure_words
from careers.roadmap.calendar import DEFAULT_HOURS
from careers.roadmap.models import Assessment, StepProgress
from careers.roadmap.progress import (
    DOING,
    DONE,
    PART_HOURS,
    TODO,
    Plan,
    build_plan,
    level_with_progress,
    statuses,
)


def chosen_track(assessment: Assessment, requested: str | None) -> TrackVerdict:
    """The track whose plan to show: the recommendation unless the person asked for another."""
    result = assessment.saved_result
    if requested is None:
        return result.tracks[0]
    try:
        return result.track(requested)
    except KeyError:
        raise BadRequest("No such track in this result.") from None


@per_edition
def category_names(edition: int) -> Mapping[str, str]:
    return MappingProxyType(dict(SkillCategory.objects.values_list("slug", "name")))


PERSON_LABEL = {False: "You: the skills you rated", True: "You: the skills rated and estimated"}


def profile_chart(assessment: Assessment, track: TrackVerdict) -> charts.Chart | None:
    """Per skill category, the person's average rating against what the next level asks (the
    top level once reached).

    The two bars cover different skills, and say so. "You" is the person's own: the average
    over the category's skills, each as rated or at the quiz's estimate (the one picture of the
    person every figure rests on, issue 26), the same whichever track's plan is shown (averaging
    only the skills a track weighs highly made one person 3.0 on one plan and 1.5 on the other).
    The requirement averages what the level asks of the skills the track weighs 3 or more
    (peripheral ones would flatten it). A category the person rated nothing in is left out, and
    with none left there is no chart (None)."""
    catalog = assessment.scoring_catalog
    spec = next(t for t in catalog.tracks if t.slug == track.slug)
    target = min(track.band + 1, 3)
    category = {skill.slug: skill.category for skill in catalog.skills}
    rated: dict[str, list[int]] = {}
    for skill, rating in assessment.ratings.items():
        if skill in category:
            rated.setdefault(category[skill], []).append(rating)
    asked: dict[str, list[int]] = {}
    for req in spec.requirements:
        if req.importance >= 3:
            asked.setdefault(category[req.skill], []).append(req.required[target - 1])
    names = category_names()
    rows = [
        charts.ProfileRow(names.get(slug, slug), mean(rated[slug]), mean(need))
        for slug, need in asked.items()
        if slug in rated
    ]
    if not rows:  # nothing rated yet where the track asks much: nothing to chart
        return None
    return charts.skill_profile_chart(
        rows,
        track.name,
        person_label=PERSON_LABEL[bool(assessment.saved_result.estimated)],
        required_label=f"{LEVELS[target]} requires: the skills {track.name} weighs 3+",
    )


def plan_timeline(assessment: Assessment, plan: Plan) -> charts.Chart | None:
    """The plan's phases on an axis of weeks at the person's pace (the calendar's until they
    give one), done and in-progress hours shaded; skipped steps take no time. None when no
    step is left to draw."""
    phases = [
        charts.TimelinePhase(
            f"Phase {phase.number}: reach {phase.level}",
            *(
                sum(s.hours for g in phase.gaps for s in g.steps if s.status == status)
                for status in (DONE, DOING, TODO)
            ),
        )
        for phase in plan.phases
    ]
    if not any(phase.hours for phase in phases):
        return None
    return charts.plan_timeline_chart(phases, assessment.hours_per_week or DEFAULT_HOURS)


def track_context(track_slug: str, band: int) -> dict:
    """What the market says about the track, each figure with its source: five queries."""
    return {
        "salaries": Compensation.objects.for_track(track_slug),
        "next_levels": Level.objects.ahead_of(track_slug, band),
        "exit_paths": ExitPath.objects.for_track(track_slug),
        "demand": DemandFact.objects.for_track(track_slug),
        "faq": FaqEntry.objects.for_track(track_slug),
    }


def page_context(
    assessment: Assessment, requested_track: str | None, open_phase: int | None = None
) -> dict:
    """Everything the page shows. The plan's first phase is laid out; a later one only when
    open_phase names it (the plain link a folded phase offers without JavaScript)."""
    result = assessment.saved_result
    track = chosen_track(assessment, requested_track)
    plan = build_plan(assessment, track.slug, statuses(assessment))
    return {
        "edition": CatalogEdition.current(),  # what the market facts' fragment is kept under
        "assessment": assessment,
        "result": result,
        **verdict_context(assessment),
        "recommended": result.tracks[0],
        "runner_up": result.tracks[1] if len(result.tracks) > 1 else None,
        "leanings": leanings(result),
        "neither": shared_first_skills(assessment),
        "every_skill": every_skill(assessment),
        "track": track,
        "other_tracks": [t for t in result.tracks if t.slug != track.slug],
        "switched": track.slug != result.recommended,
        "plan": plan,
        "level_now": level_with_progress(assessment, track.slug, plan),
        "profile": profile_chart(assessment, track),
        "timeline": plan_timeline(assessment, plan),
        "statuses": StepProgress.Status.choices,
        "part_hours": PART_HOURS,
        "open_phase": open_phase,
        "calendar_hours": assessment.hours_per_week or DEFAULT_HOURS,
        "scale": Proficiency.choices,
        **track_context(track.slug, track.band),
    }


def verdict_context(assessment: Assessment) -> dict:
    """The headline, in the words the quiz's last screen used (careers/core/verdict.py), how
    sure it is, and whether a track is named ahead at all (not for a tie)."""
    verdict = assessment.saved_result.verdict
    names = {t.slug: t.name for t in assessment.saved_result.tracks}
    return {
        "verdict": verdict,
        "headline": headline(verdict, names),
        "sure_words": sure_words(verdict),
        "tie": verdict.kind is VerdictKind.BOTH and verdict.track is None,
    }


def every_skill(assessment: Assessment) -> list[tuple[str, str, int, bool]]:
    """What the what-if offers: every skill, (slug, name, rating now, estimated?), the rated and
    the estimated alike (a never-rated one of an older result at None)."""
    estimated = assessment.saved_result.estimated
    ratings = assessment.ratings
    return [
        (skill.slug, skill.name, ratings.get(skill.slug, 0), skill.slug in estimated)
        for skill in assessment.scoring_catalog.skills
    ]


def shared_first_skills(assessment: Assessment) -> list[str] | None:
    """When the verdict is neither track yet, the rated skills both ask for first (gaps toward
    L4 on every track, most valuable first; an estimated skill is rated first, not learnt);
    None when a track does fit."""
    result = assessment.saved_result
    if result.verdict.kind is not VerdictKind.NEITHER:
        return None
    tracks, estimated = result.tracks, result.estimated
    names = assessment.snapshot_content.skill_names
    everywhere = set.intersection(*({gap.skill for gap in t.gaps} for t in tracks))
    shared = [gap.skill for gap in tracks[0].gaps if gap.skill in everywhere]
    return [names[skill] for skill in shared if skill not in estimated][:5]


def leanings(result: SavedResult) -> dict[str, tuple[str, int]]:
    """Where the skills and the preferences point on their own: part → (track name, points)."""
    tracks = result.tracks
    found = {}
    margins = {"skills": result.skills_margin, "preferences": result.preferences_margin}
    for part, points in margins.items():
        toward = tracks[0] if points >= 0 or len(tracks) < 2 else tracks[1]
        found[part] = (toward.name, abs(points))
    return found


def comparison(assessment: Assessment) -> dict | None:
    """What improved since the assessment this one retakes: skills up, fit and level, steps."""
    before = assessment.previous
    if before is None:
        return None
    names = assessment.rated_skill_names | before.rated_skill_names
    old, new = before.answers["skills"], assessment.answers["skills"]
    # Only skills rated both times: a skill estimated or not asked before has no "before".
    skills_up = [
        {"name": names.get(slug, slug), "before": old[slug], "after": value}
        for slug, value in new.items()
        if slug in old and value > old[slug]
    ]
    first_rated = [
        {"name": names.get(slug, slug), "after": value}
        for slug, value in new.items()
        if slug not in old
    ]
    old_tracks = {t.slug: t for t in before.saved_result.tracks}
    tracks = [
        {
            "name": t.name,
            "fit_before": old_tracks[t.slug].fit,
            "fit_after": t.fit,
            "level_before": old_tracks[t.slug].level,
            "level_after": t.level,
        }
        for t in assessment.saved_result.tracks
        if t.slug in old_tracks
    ]
    closed = before.progress.filter(status=DONE).count()
    return {
        "before": before,
        "skills_up": skills_up,
        "first_rated": first_rated,
        "tracks": tracks,
        "steps_closed": closed,
        "carried": carried_words(assessment.saved_result.carried),
    }


def carried_words(carried: Carried | None) -> list[str] | None:
    """What the result took over from the one it retakes, in words ("2 steps done", "your 6
    hours a week"); None for a result kept before progress was carried over."""
    if carried is None:
        return None
    labels = dict(StepProgress.Status.choices)
    words = [
        f"{count} step{'s' if count != 1 else ''} {labels[status].lower()}"
        for status, count in carried.statuses.items()
        if count
    ]
    if hours := carried.hours_per_week:
        words.append(f"your {hours} hour{'s' if hours != 1 else ''} a week")
    return words
