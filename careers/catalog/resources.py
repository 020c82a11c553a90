"""CSV/JSON import and export of catalog tables (django-import-export).

Rows refer to tracks, skills, categories, tiers and metrics by slug, so a file exported from one
database imports cleanly into another. Imported rows are validated like admin forms.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from careers.catalog import models


def by_slug(model, column: str) -> fields.Field:
    return fields.Field(
        attribute=column, column_name=column, widget=ForeignKeyWidget(model, "slug")
    )


class CatalogResource(resources.ModelResource):
    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class TrackResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = models.Track
        import_id_fields = ["slug"]
        exclude = ["id"]


class SkillCategoryResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = models.SkillCategory
        import_id_fields = ["slug"]
        exclude = ["id"]


class SkillResource(CatalogResource):
    category = by_slug(models.SkillCategory, "category")

    class Meta(CatalogResource.Meta):
        model = models.Skill
        import_id_fields = ["slug"]
        fields = ["name", "slug", "category", "description", "order"]


class TrackSkillResource(CatalogResource):
    track = by_slug(models.Track, "track")
    skill = by_slug(models.Skill, "skill")

    class Meta(CatalogResource.Meta):
        model = models.TrackSkill
        import_id_fields = ["track", "skill"]
        fields = [
            "track",
            "skill",
            "importance",
            "entry_required",
            "mid_required",
            "senior_required",
            "why_it_matters",
        ]


class CompensationResource(CatalogResource):
    track = by_slug(models.Track, "track")
    tier = by_slug(models.CompanyTier, "tier")

    class Meta(CatalogResource.Meta):
        model = models.Compensation
        import_id_fields = ["track", "tier"]
        fields = [
            "track",
            "tier",
            "levels_covered",
            "total",
            "base",
            "equity_per_year",
            "bonus",
            "source",
            "source_year",
        ]


class DemandFactResource(CatalogResource):
    track = by_slug(models.Track, "track")
    metric = by_slug(models.DemandMetric, "metric")

    class Meta(CatalogResource.Meta):
        model = models.DemandFact
        import_id_fields = ["track", "metric"]
        fields = ["track", "metric", "value", "qualifier", "source", "source_year"]


class UpskillingStepResource(CatalogResource):
    skill = by_slug(models.Skill, "skill")

    class Meta(CatalogResource.Meta):
        model = models.UpskillingStep
        fields = ["id", "skill", "title", "why", "estimated_hours", "level", "order"]
