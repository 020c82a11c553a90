"""CSV/JSON import and export of catalog tables (django-import-export).

Rows refer to tracks, skills, categories, tiers, metrics and questions by slug, so a file
exported from one database imports cleanly into another; rows with no name of their own
(responsibilities, insights, steps…) by id. Every table has its resource here, each validating
an imported row like the admin's form (clean_model_instances: the model's full_clean), since the
library's default resource does neither and writes an HTML diff the preview cannot read.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from careers.catalog import models
from careers.catalog.import_preview import Cell


class SlugWidget(ForeignKeyWidget):
    """A reference by slug. One that names nothing is the row's fault, said against its
    column and value, not an exception about a query ("Skill matching query does not exist")."""

    def __init__(self, model, column: str):
        super().__init__(model, "slug")
        self.column = column
        # Each resource works on its own copy of its fields, so this lives for one import: a
        # file names the same few tracks and skills on every row, each looked up once.
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        key = str(value)
        if key not in self.found:
            try:
                self.found[key] = super().clean(value, row, **kwargs)
            except self.model.DoesNotExist:
                name = self.model._meta.verbose_name
                message = f"No {name} has the slug “{value}”."
                raise ValidationError({self.column: message}) from None
        return self.found[key]


def by_slug(model, column: str) -> fields.Field:
    return fields.Field(attribute=column, column_name=column, widget=SlugWidget(model, column))


class SlugsWidget(ManyToManyWidget):
    """Several references by slug, comma-separated; one that names nothing is refused, where
    the library's widget would drop it without a word."""

    def __init__(self, model, column: str):
        super().__init__(model, separator=",", field="slug")
        self.column = column

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        wanted = {slug.strip() for slug in str(value or "").split(",") if slug.strip()}
        if missing := sorted(wanted - {row.slug for row in found}):
            name = self.model._meta.verbose_name_plural
            raise ValidationError({self.column: f"No {name} have the slugs {', '.join(missing)}."})
        return found


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


REQUIRED = ("entry_required", "mid_required", "senior_required")  # lowest level first


class TrackSkillResource(CatalogResource):
    """A requirement that asks less of a higher level than of a lower one is refused by the
    model against the higher level's column; in an import, the column the file changed is the
    one named (issue 24: L4 raised above L5-L6 was blamed on L5-L6, which the file left as it
    was)."""

    track = by_slug(models.Track, "track")
    skill = by_slug(models.Skill, "skill")

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.stored_requirements = None if new else [getattr(instance, f) for f in REQUIRED]
        super().after_init_instance(instance, new, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise blamed_on_the_change(error, instance) from None

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


def blamed_on_the_change(error: ValidationError, instance) -> ValidationError:
    """The error, its "requirements decrease" part said against the column the file changed
    where exactly one of the two levels out of order was changed."""
    column = changed_column(instance)
    errors = error.update_error_dict({})
    moved = [e for f in REQUIRED for e in errors.get(f, []) if e.code == "requirements_decrease"]
    if column is None or not moved:
        return error
    kept = {f: [e for e in found if e not in moved] for f, found in errors.items()}
    kept = {f: found for f, found in kept.items() if found}
    return ValidationError(kept | {column: kept.get(column, []) + moved})


def changed_column(instance) -> str | None:
    levels = [getattr(instance, f) for f in REQUIRED]
    stored = getattr(instance, "stored_requirements", None)
    if stored is None or None in levels:
        return None
    for lower in range(len(REQUIRED) - 1):
        if levels[lower] > levels[lower + 1]:
            pair = (lower, lower + 1)
            changed = [REQUIRED[i] for i in pair if levels[i] != stored[i]]
            return changed[0] if len(changed) == 1 else None
    return None


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


# The ladder ------------------------------------------------------------------------------------


class LevelResource(CatalogResource):
    track = by_slug(models.Track, "track")

    class Meta(CatalogResource.Meta):
        model = models.Level
        import_id_fields = ["track", "band"]
        fields = ["track", "band", "title", "ladder_label", "description", "note"]


class ResponsibilityResource(CatalogResource):
    track = by_slug(models.Track, "track")

    class Meta(CatalogResource.Meta):
        model = models.Responsibility
        fields = ["id", "track", "title", "description", "order"]


class IndustryResource(CatalogResource):
    track = by_slug(models.Track, "track")

    class Meta(CatalogResource.Meta):
        model = models.Industry
        fields = ["id", "track", "name", "example_companies", "order"]


class ExitPathResource(CatalogResource):
    track = by_slug(models.Track, "track")

    class Meta(CatalogResource.Meta):
        model = models.ExitPath
        fields = ["id", "track", "title", "description", "examples", "order"]


# Skills ------------------------------------------------------------------------------------------


class ProficiencyExampleResource(CatalogResource):
    skill = by_slug(models.Skill, "skill")

    class Meta(CatalogResource.Meta):
        model = models.ProficiencyExample
        import_id_fields = ["skill", "proficiency"]
        fields = ["skill", "proficiency", "example"]


class EmployerFocusResource(CatalogResource):
    track = by_slug(models.Track, "track")
    category = by_slug(models.SkillCategory, "category")

    class Meta(CatalogResource.Meta):
        model = models.EmployerFocus
        import_id_fields = ["track", "category"]
        fields = ["track", "category", "summary"]


class ResourceResource(CatalogResource):
    """A learning resource of an upskilling step (named by the step's id, as steps are)."""

    class Meta(CatalogResource.Meta):
        model = models.Resource
        fields = ["id", "step", "title", "url"]


# Market facts ------------------------------------------------------------------------------------


class CompanyTierResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = models.CompanyTier
        import_id_fields = ["slug"]
        fields = ["name", "slug", "order"]


class DemandMetricResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = models.DemandMetric
        import_id_fields = ["slug"]
        fields = ["name", "slug", "order"]


class KeyInsightResource(CatalogResource):
    track = by_slug(models.Track, "track")

    class Meta(CatalogResource.Meta):
        model = models.KeyInsight
        fields = ["id", "topic", "headline", "body", "track", "source", "source_year", "order"]


class FaqEntryResource(CatalogResource):
    tracks = fields.Field(
        attribute="tracks", column_name="tracks", widget=SlugsWidget(models.Track, "tracks")
    )

    class Meta(CatalogResource.Meta):
        model = models.FaqEntry
        fields = [
            "id",
            "question",
            "answer",
            "data_point",
            "tracks",
            "source",
            "source_year",
            "order",
        ]


# The quiz ----------------------------------------------------------------------------------------


class PreferenceQuestionResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = models.PreferenceQuestion
        import_id_fields = ["slug"]
        fields = ["slug", "text", "hint", "order"]


class PreferenceOptionResource(CatalogResource):
    question = by_slug(models.PreferenceQuestion, "question")

    class Meta(CatalogResource.Meta):
        model = models.PreferenceOption
        import_id_fields = ["question", "value"]
        fields = ["question", "value", "label", "points", "level_cap", "order"]


# Specialisms -------------------------------------------------------------------------------------


class SpecialismResource(CatalogResource):
    track = by_slug(models.Track, "track")

    class Meta(CatalogResource.Meta):
        model = models.Specialism
        import_id_fields = ["slug"]
        fields = [
            "slug", "track", "name", "summary", "evidence",
            "entry_asks", "mid_asks", "senior_asks", "order",
        ]  # fmt: skip


class SpecialismSkillResource(CatalogResource):
    specialism = by_slug(models.Specialism, "specialism")
    skill = by_slug(models.Skill, "skill")

    class Meta(CatalogResource.Meta):
        model = models.SpecialismSkill
        import_id_fields = ["specialism", "skill"]
        fields = ["specialism", "skill", "order"]


class CalibrationPersonaResource(CatalogResource):
    expected_track = by_slug(models.Track, "expected_track")

    class Meta(CatalogResource.Meta):
        model = models.CalibrationPersona
        import_id_fields = ["name"]
        fields = [
            "name",
            "description",
            "skills",
            "preferences",
            "expected_track",
            "expected_level",
            "order",
        ]
