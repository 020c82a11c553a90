"""What a plan points into: the current catalog as one Snapshot (careers/core/result.py), built
once per catalog edition and process, and kept in the CatalogSnapshot table by its content's key
when an assessment is made from it."""

from dataclasses import dataclass

from careers.catalog.models import TrackSkill, UpskillingStep
from careers.catalog.per_edition import per_edition
from careers.catalog.scoring_catalog import edition_catalog
from careers.core.result import Resource, Snapshot, Step


@dataclass(frozen=True)
class CurrentCatalog:
    snapshot: Snapshot
    version: str  # the scoring catalog's fingerprint, as Assessment.catalog_version keeps it


@per_edition
def current_catalog(edition: int) -> CurrentCatalog:
    """The scoring catalog, every upskilling step with its resources in plan order, and why each
    track needs each skill: three queries besides the scoring catalog's, once per catalog
    edition and process."""
    steps = tuple(
        Step(
            step.pk,
            step.skill.slug,
            step.title,
            step.why,
            step.estimated_hours,
            step.level,
            tuple(Resource(r.title, r.url) for r in step.resources.all()),
        )
        for step in UpskillingStep.objects.in_plan_order()
    )
    why = {(track, skill): text for track, skill, text in TrackSkill.objects.reasons()}
    scoring_catalog = edition_catalog()
    snapshot = Snapshot(scoring_catalog.catalog, steps, why)
    snapshot.key  # noqa: B018 (worked out here, once, not by the first request to need it)
    return CurrentCatalog(snapshot, scoring_catalog.version)


def current_snapshot() -> Snapshot:
    return current_catalog().snapshot
