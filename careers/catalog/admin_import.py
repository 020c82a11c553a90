"""Imports that explain themselves (issue 14), on top of django-import-export's two steps.

The dry run's preview says every row's fate, rejected rows with their column, value and line
(careers/catalog/import_preview.py), and the Confirm button stays when some rows are rejected:
then it imports the others and skips those, which the editor chooses by pressing it. Whatever
is confirmed runs in one transaction that a rejected row rolls back whole, so nothing is
written while the file holds one the editor did not choose to skip.

A file of more than MAX_IMPORT_ROWS rows is refused on the form, counted as it streams past,
before the library reads it into a dataset (careers/catalog/import_rows.py, issue 24).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.results import RowResult
from import_export.tmp_storages import TempFolderStorage

from careers.catalog.import_preview import build_preview
from careers.catalog.import_rows import MAX_IMPORT_ROWS, count_rows

LINE_FORMATS = (base_formats.CSV, base_formats.TSV)  # a record a line, after the header


class ConfirmSkippingForm(ConfirmImportForm):
    # Set only on the button that says it skips the rejected rows.
    skip_rejected = forms.BooleanField(required=False, widget=forms.HiddenInput)


class BoundedImportForm(ImportForm):
    """The library's import form, refusing a file of more rows than an import takes."""

    encoding = "utf-8-sig"  # the library's own (ImportMixin.from_encoding)

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        data = super().clean()
        upload, chosen = data.get("import_file"), data.get("format")
        if upload is None or not chosen:
            return data
        lines = issubclass(self.formats[int(chosen)], LINE_FORMATS)
        rows = count_rows(upload, lines=lines, encoding=self.encoding, limit=MAX_IMPORT_ROWS)
        if rows > MAX_IMPORT_ROWS:
            self.add_error(
                "import_file",
                f"This file has more than {MAX_IMPORT_ROWS:,} rows, and an import takes at most "
                f"{MAX_IMPORT_ROWS:,}: split it into smaller files and import them one by one.",
            )
        return data


class ExactTempFolderStorage(TempFolderStorage):
    """The library's temporary copy of an uploaded file between preview and confirm, read back
    byte for byte: opened in text mode with universal newlines, it turned a cell's "\r\n" (as
    a browser's form sends a textarea) into "\n", so a table's own export read as changed."""

    def _open(self, mode="r"):
        if self.name and "b" not in mode:
            return open(self.get_full_path(), mode, encoding=self.encoding, newline="")
        return super()._open(mode)


class ExplainedImportMixin:
    import_form_class = BoundedImportForm
    tmp_storage_class = ExactTempFolderStorage
    confirm_form_class = ConfirmSkippingForm

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        result = context.get("result")
        if result is None:
            return response
        form = context["form"]
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]
        preview = build_preview(result, lines=issubclass(input_format, LINE_FORMATS))
        context["preview"] = preview
        if "confirm_form" not in context and preview.writes and not preview.file_errors:
            confirm = self.create_confirm_form(request, import_form=form)
            confirm.initial["skip_rejected"] = True
            context["confirm_form"] = confirm
        return response

    def process_dataset(self, dataset, form, request, **kwargs):
        skipped = 0
        if form.cleaned_data.get("skip_rejected"):
            dataset, skipped = self.without_rejected_rows(dataset, form, request)
        kwargs["rollback_on_validation_errors"] = True  # one rejected row: nothing written
        result = super().process_dataset(dataset, form, request, **kwargs)
        result.skipped_rejected = skipped
        return result

    def without_rejected_rows(self, dataset, form, request):
        """The dataset without the rows a dry run rejects, and how many those were."""
        resource = self.choose_import_resource_class(form, request)(
            **self.get_import_resource_kwargs(request, form=form)
        )
        dry = resource.import_data(dataset, dry_run=True, raise_errors=False)
        bad = {row.number for row in dry.invalid_rows} | {row.number for row in dry.error_rows}
        for number in sorted(bad, reverse=True):
            del dataset[number - 1]
        return dataset, len(bad)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            rejected = len(result.invalid_rows) + len(result.error_rows)
            messages.error(
                request,
                f"Nothing was imported: {rejected} row{'s' if rejected != 1 else ''} of the "
                "file would be rejected. Preview it again to see which.",
            )
            opts = self.model._meta
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        response = super().process_result(result, request)
        if left_out := getattr(result, "skipped_rejected", 0):
            one = left_out == 1
            messages.warning(
                request,
                f"{left_out} rejected row{' was' if one else 's were'} left out, as you chose; "
                f"fix {'it' if one else 'them'} and import {'it' if one else 'them'} when ready.",
            )
        return response

    def add_success_message(self, result, request):
        """What was written, and the rows that matched the table apart: the library's "and 96
        skipped" beside "2 rejected rows were skipped" read as one count (issue 24)."""
        new, changed, deleted, same = (
            result.totals[kind]
            for kind in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
            + (RowResult.IMPORT_TYPE_DELETE, RowResult.IMPORT_TYPE_SKIP)
        )
        written, name = new + changed + deleted, self.model._meta.verbose_name_plural
        if not written:
            messages.info(request, f"Nothing to import: the file's rows match the {name}.")
            return
        said = (
            f"Imported {written} row{'s' if written != 1 else ''} of {name}: {new} new, "
            f"{changed} changed, {deleted} deleted."
        )
        if same:
            said += (
                f" The other {same} row{'s' if same != 1 else ''} of the file matched the table "
                f"and {'were left as they were' if same != 1 else 'was left as it was'}."
            )
        messages.success(request, said)
