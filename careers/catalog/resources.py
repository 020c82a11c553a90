"""CSV/JSON import and export of catalog tables (django-import-export).

Rows refer to tracks, skills, categories, tiers and metrics by slug, so a file exported from one
database imports cleanly into another. Imported rows are validated like admin forms.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from careers.catalog import models
from careers.catalog.import_preview import Cell


class SlugWidget(ForeignKeyWidget):
    """A reference by slug. One that names nothing is the row's fault, said against its
    column and value, not an exception about a query ("Skill matching query does not exist")."""

    def __init__(self, model, column: str):
        super().__init__(model, "slug")
        self.column = column

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            name = self.model._meta.verbose_name
            raise ValidationError({self.column: f"No {name} has the slug “{value}”."}) from None


def by_slug(model, column: str) -> fields.Field:
    return fields.Field(attribute=column, column_name=column, widget=SlugWidget(model, column))


class CellDiff(resources.Diff):
    """Each column's value before and after, as data (Cell), where the library writes an HTML
    diff whose colours are inline styles the Content-Security-Policy refuses ("32" for 3 → 2)."""

    def as_html(self):
        return [
            Cell("" if self.new else str(old), str(new))
            for old, new in zip(self.left, self.right, strict=True)
        ]


class CatalogResource(resources.ModelResource):
    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_diff_class(self):
        return CellDiff

    def after_import_row(self, row, row_result, **kwargs):
        # the preview tells rows by their place in the file; rejected ones carry it already
        row_result.number = kwargs["row_number"]
        super().after_import_row(row, row_result, **kwargs)


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
