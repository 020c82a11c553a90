"""The editors' tool: the whole catalog, with history, restore, and CSV/JSON import and export."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import TextField
from django.forms import Textarea
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import capfirst
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from careers.catalog import models, resources
from careers.catalog.admin_import import ExplainedImportMixin
from careers.catalog.calibration import check_personas
from careers.catalog.models import Proficiency
from careers.catalog.scoring_catalog import load_catalog
from careers.core.scoring import BOTH_FIT_MARGIN

admin.site.site_header = "Careers catalog"
admin.site.site_title = "Careers catalog admin"
admin.site.index_title = "Edit the catalog"
# The index page lists every table already; beside a list, the sidebar's 300 px are the
# difference between the skill requirements' columns fitting a 1280 px screen and not.
admin.site.enable_nav_sidebar = False

REQUIRED_FIELDS = ["entry_required", "mid_required", "senior_required"]


class RequirementRowForm(forms.ModelForm):
    """A row of the skill requirements list: each level's requirement as the scale's number
    and word ("3 Proficient"), not the full label, so the three fit beside each other."""

    class Meta:
        model = models.TrackSkill
        fields = ["importance", *REQUIRED_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REQUIRED_FIELDS:  # the admin gives the model's labels; these replace them
            self.fields[name].choices = [(p.value, f"{p.value} {p.word}") for p in Proficiency]


class CatalogAdmin(ExplainedImportMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    """Every catalog table: each change is kept with who and when, and can be restored;
    tables export to and import from CSV/JSON with a preview before anything is written.
    After every change — a save, a revert from History, a deletion, an import — the calibration
    personas are scored again, so an editor sees at once whether it moved a verdict."""

    def log_addition(self, request, obj, message):
        report_personas(request)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        report_personas(request)
        return super().log_change(request, obj, message)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        report_personas(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        report_personas(request)

    object_history_form_template = "admin/careers/revert_form.html"

    def process_result(self, result, request):
        response = super().process_result(result, request)
        if not (result.has_errors() or result.has_validation_errors()):  # it wrote something
            report_personas(request)
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The Revert page, with what reverting would change before the editor confirms."""
        current = self.model.objects.filter(pk=object_id).first()
        row = {self.model._meta.pk.attname: object_id}  # a version's own pk is its history_id
        version = self.model.history.filter(**row, history_id=version_id).first()
        if current is not None and version is not None:
            changes = revert_changes(self.model, current, version.instance)
            extra_context = {**(extra_context or {}), "revert_changes": changes}
        return super().history_form_view(request, object_id, version_id, extra_context)


def revert_changes(model, current, version) -> list[tuple[str, str, str]]:
    """Each field a revert changes: its label, its value now, the version's."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    rows = [(capfirst(f.verbose_name), shown(current, f), shown(version, f)) for f in fields]
    return [row for row in rows if row[1] != row[2]]


def shown(row, field) -> str:
    value = getattr(row, field.attname)
    if value is None:
        return ""
    if field.choices:
        return str(row._get_FIELD_display(field))
    if field.is_relation:
        try:
            return str(getattr(row, field.name))
        except ObjectDoesNotExist:  # deleted since: its id is all there is
            return f"#{value}"
    return str(value)


def report_personas(request) -> None:
    checks = check_personas(load_catalog())
    failing = [check for check in checks if not check.passed]
    if not failing:
        messages.info(request, f"All {len(checks)} calibration personas keep their verdict.")
        return
    names = "; ".join(f"{check.persona.name}: now {check.verdict}" for check in failing)
    messages.warning(
        request,
        f"{len(failing)} of {len(checks)} calibration personas no longer get the expected "
        f"verdict — {names}. Review them under Calibration personas › Check personas, or undo "
        "the change from its History page.",
    )


# Inlines -------------------------------------------------------------------------------------


class CompactTabularInline(admin.TabularInline):
    """Keeps long texts to a few lines so a track's whole ladder fits on a screen."""

    formfield_overrides = {TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 60})}}


class LevelInline(admin.StackedInline):
    model = models.Level
    extra = 0
    max_num = len(models.Level.Band)
    fields = [("band", "title", "ladder_label"), "description", "note"]


class ResponsibilityInline(CompactTabularInline):
    model = models.Responsibility
    extra = 0
    fields = ["order", "title", "description"]


class IndustryInline(CompactTabularInline):
    model = models.Industry
    extra = 0
    fields = ["order", "name", "example_companies"]


class ExitPathInline(CompactTabularInline):
    model = models.ExitPath
    extra = 0
    fields = ["order", "title", "description", "examples"]


class TrackSkillInline(CompactTabularInline):
    model = models.TrackSkill
    extra = 0
    fields = ["skill", "importance", "entry_required", "mid_required", "senior_required"]
    autocomplete_fields = ["skill"]
    verbose_name_plural = "skill requirements (importance 1–5; proficiency per level 0–4)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("skill")


class TrackSkillBySkillInline(TrackSkillInline):
    fields = [
        "track",
        "importance",
        "entry_required",
        "mid_required",
        "senior_required",
        "why_it_matters",
    ]
    autocomplete_fields = []

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("track")


class ProficiencyExampleInline(CompactTabularInline):
    model = models.ProficiencyExample
    extra = 0
    max_num = len(models.Proficiency)


class UpskillingStepInline(admin.StackedInline):
    model = models.UpskillingStep
    extra = 0
    fields = [("order", "level", "estimated_hours"), "title", "why"]
    show_change_link = True


class ResourceInline(CompactTabularInline):
    model = models.Resource
    extra = 1


class EmployerFocusInline(CompactTabularInline):
    model = models.EmployerFocus
    extra = 0


# Tracks and their ladder ---------------------------------------------------------------------


@admin.register(models.Track)
class TrackAdmin(CatalogAdmin):
    resource_classes = [resources.TrackResource]
    list_display = ["name", "short_name", "focus", "order"]
    list_editable = ["order"]
    search_fields = ["name", "focus", "scope"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LevelInline, ResponsibilityInline, IndustryInline, TrackSkillInline, ExitPathInline]


@admin.register(models.Level)
class LevelAdmin(CatalogAdmin):
    resource_classes = [resources.LevelResource]
    list_display = ["track", "band", "title", "ladder_label"]
    list_filter = ["track", "band"]
    search_fields = ["title", "description"]
    list_select_related = ["track"]


@admin.register(models.Responsibility)
class ResponsibilityAdmin(CatalogAdmin):
    resource_classes = [resources.ResponsibilityResource]
    list_display = ["title", "track", "order"]
    list_filter = ["track"]
    search_fields = ["title", "description"]
    list_select_related = ["track"]


@admin.register(models.Industry)
class IndustryAdmin(CatalogAdmin):
    resource_classes = [resources.IndustryResource]
    list_display = ["name", "example_companies", "track"]
    list_filter = ["track"]
    search_fields = ["name", "example_companies"]
    list_select_related = ["track"]


@admin.register(models.ExitPath)
class ExitPathAdmin(CatalogAdmin):
    resource_classes = [resources.ExitPathResource]
    list_display = ["title", "track", "examples"]
    list_filter = ["track"]
    search_fields = ["title", "description", "examples"]
    list_select_related = ["track"]


# Skills --------------------------------------------------------------------------------------


@admin.register(models.SkillCategory)
class SkillCategoryAdmin(CatalogAdmin):
    resource_classes = [resources.SkillCategoryResource]
    list_display = ["name", "industry_standard", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [EmployerFocusInline]


@admin.register(models.Skill)
class SkillAdmin(CatalogAdmin):
    resource_classes = [resources.SkillResource]
    list_display = ["name", "category", "description"]
    list_filter = ["category", "track_skills__track"]
    search_fields = ["name", "slug", "description"]
    list_select_related = ["category"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TrackSkillBySkillInline, ProficiencyExampleInline, UpskillingStepInline]


@admin.register(models.TrackSkill)
class TrackSkillAdmin(CatalogAdmin):
    resource_classes = [resources.TrackSkillResource]
    list_display = [
        "skill",
        "track",
        "importance",
        "entry_required",
        "mid_required",
        "senior_required",
    ]
    list_editable = ["importance", *REQUIRED_FIELDS]
    list_filter = ["track", "skill__category", "importance"]
    search_fields = ["skill__name", "why_it_matters"]
    list_select_related = ["track", "skill"]
    autocomplete_fields = ["skill"]

    class Media:
        css = {"all": ["careers/admin_requirements.css"]}

    def get_changelist_form(self, request, **kwargs):
        return RequirementRowForm


@admin.register(models.ProficiencyExample)
class ProficiencyExampleAdmin(CatalogAdmin):
    resource_classes = [resources.ProficiencyExampleResource]
    list_display = ["skill", "proficiency", "example"]
    list_filter = ["proficiency", "skill__category"]
    search_fields = ["skill__name", "example"]
    list_select_related = ["skill"]


@admin.register(models.EmployerFocus)
class EmployerFocusAdmin(CatalogAdmin):
    resource_classes = [resources.EmployerFocusResource]
    list_display = ["category", "track", "summary"]
    list_filter = ["track", "category"]
    search_fields = ["summary"]
    list_select_related = ["category", "track"]


@admin.register(models.UpskillingStep)
class UpskillingStepAdmin(CatalogAdmin):
    resource_classes = [resources.UpskillingStepResource]
    list_display = ["title", "skill", "level", "estimated_hours", "order"]
    list_filter = ["level", "skill__category", "skill"]
    search_fields = ["title", "why", "skill__name"]
    list_select_related = ["skill"]
    autocomplete_fields = ["skill"]
    inlines = [ResourceInline]


@admin.register(models.Resource)
class ResourceAdmin(CatalogAdmin):
    resource_classes = [resources.ResourceResource]
    list_display = ["title", "url", "step"]
    search_fields = ["title", "url", "step__title"]
    list_select_related = ["step__skill"]


# Market facts --------------------------------------------------------------------------------


@admin.register(models.CompanyTier)
class CompanyTierAdmin(CatalogAdmin):
    resource_classes = [resources.CompanyTierResource]
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Compensation)
class CompensationAdmin(CatalogAdmin):
    resource_classes = [resources.CompensationResource]
    list_display = [
        "track",
        "tier",
        "total",
        "base",
        "equity_per_year",
        "bonus",
        "source",
        "source_year",
    ]
    list_filter = ["track", "tier", "source"]
    search_fields = ["source", "tier__name", "track__name"]
    list_select_related = ["track", "tier"]


@admin.register(models.DemandMetric)
class DemandMetricAdmin(CatalogAdmin):
    resource_classes = [resources.DemandMetricResource]
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.DemandFact)
class DemandFactAdmin(CatalogAdmin):
    resource_classes = [resources.DemandFactResource]
    list_display = ["metric", "track", "value", "source", "source_year"]
    list_filter = ["track", "metric", "source"]
    search_fields = ["value", "source"]
    list_select_related = ["metric", "track"]


@admin.register(models.KeyInsight)
class KeyInsightAdmin(CatalogAdmin):
    resource_classes = [resources.KeyInsightResource]
    list_display = ["headline", "topic", "track", "source", "source_year"]
    list_filter = ["topic", "track", "source"]
    search_fields = ["headline", "body", "source"]
    list_select_related = ["track"]


@admin.register(models.FaqEntry)
class FaqEntryAdmin(CatalogAdmin):
    resource_classes = [resources.FaqEntryResource]
    list_display = ["question", "source", "source_year", "order"]
    list_filter = ["tracks"]
    search_fields = ["question", "answer", "data_point"]
    filter_horizontal = ["tracks"]


# The quiz --------------------------------------------------------------------------------------


class PreferenceOptionInline(CompactTabularInline):
    model = models.PreferenceOption
    extra = 0
    fields = ["order", "value", "label", "points", "level_cap"]


@admin.register(models.PreferenceQuestion)
class PreferenceQuestionAdmin(CatalogAdmin):
    resource_classes = [resources.PreferenceQuestionResource]
    list_display = ["text", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["text", "hint"]
    prepopulated_fields = {"slug": ["text"]}
    inlines = [PreferenceOptionInline]


@admin.register(models.PreferenceOption)
class PreferenceOptionAdmin(CatalogAdmin):
    resource_classes = [resources.PreferenceOptionResource]
    list_display = ["label", "question", "value", "points", "level_cap"]
    list_filter = ["question"]
    search_fields = ["label", "value"]
    list_select_related = ["question"]


class SpecialismSkillInline(CompactTabularInline):
    model = models.SpecialismSkill
    extra = 0
    fields = ["order", "skill"]
    autocomplete_fields = ["skill"]
    verbose_name_plural = "core skills (what its levels are judged by)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("skill")


@admin.register(models.Specialism)
class SpecialismAdmin(CatalogAdmin):
    """Where a track's work divides: a person's level is their depth in the core of the
    specialism closest to them, capped by their scope (careers/core/ladder.py)."""

    resource_classes = [resources.SpecialismResource]
    list_display = ["name", "track", "entry_asks", "mid_asks", "senior_asks", "order"]
    list_filter = ["track"]
    list_select_related = ["track"]
    search_fields = ["name", "summary", "evidence"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        ("track", "name", "slug", "order"), "summary", "evidence",
        ("entry_asks", "mid_asks", "senior_asks"),
    ]  # fmt: skip
    inlines = [SpecialismSkillInline]


@admin.register(models.SpecialismSkill)
class SpecialismSkillAdmin(CatalogAdmin):
    resource_classes = [resources.SpecialismSkillResource]
    list_display = ["skill", "specialism", "order"]
    list_filter = ["specialism"]
    list_select_related = ["skill", "specialism"]
    search_fields = ["skill__name", "specialism__name"]
    autocomplete_fields = ["skill"]


@admin.register(models.CalibrationPersona)
class CalibrationPersonaAdmin(CatalogAdmin):
    resource_classes = [resources.CalibrationPersonaResource]
    list_display = ["name", "expected_track", "expected_level", "order"]
    list_filter = ["expected_track", "expected_level"]
    search_fields = ["name", "description"]
    list_select_related = ["expected_track"]
    actions = ["check_selected"]
    change_list_template = "admin/careers/calibrationpersona/change_list.html"

    def get_urls(self):
        check = path(
            "check/",
            self.admin_site.admin_view(self.check_view),
            name="careers_calibrationpersona_check",
        )
        return [check, *super().get_urls()]

    def check_view(self, request, personas=None):
        """Score every persona (or the selected ones) against the catalog as it is now."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        checks = check_personas(load_catalog(), personas)
        context = {
            **self.admin_site.each_context(request),
            "title": "Check calibration personas",
            "opts": self.model._meta,
            "checks": checks,
            "failed": sum(not check.passed for check in checks),
            "tracks": models.Track.objects.all(),
            "close_call": f"Both fit (a close call: less than {BOTH_FIT_MARGIN} points apart)",
        }
        return TemplateResponse(request, "admin/careers/calibrationpersona/check.html", context)

    @admin.action(description="Check selected personas against the current catalog")
    def check_selected(self, request, queryset):
        return self.check_view(request, queryset.select_related("expected_track"))
