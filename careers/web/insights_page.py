"""The editors' view of people's results (careers/roadmap/insights.py), in the admin: for
signed-in staff who may view assessments; as a page, or as CSV."""

import csv
import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from careers.catalog.spreadsheet_cells import escape_formula
from careers.roadmap.insights import insights

DEFAULT_WEEKS = 12
LONGEST = datetime.timedelta(days=3 * 366)


class RangeForm(forms.Form):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("“From” must not come after “To”.")
        if start and end and end - start > LONGEST:
            raise forms.ValidationError("Choose a range of three years at most.")
        return data


def default_range() -> dict[str, datetime.date]:
    today = timezone.localdate()
    return {
        "start": today - datetime.timedelta(weeks=DEFAULT_WEEKS) + datetime.timedelta(days=1),
        "end": today,
    }


@require_GET
@never_cache
def insights_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("careers.view_assessment"):
        raise PermissionDenied
    form = RangeForm(request.GET if "start" in request.GET else None, initial=default_range())
    if form.is_bound and not form.is_valid():
        found = None
    else:
        chosen = form.cleaned_data if form.is_bound else default_range()
        found = insights(chosen["start"], chosen["end"])
    if found is not None and request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"insights-{found.start:%Y-%m-%d}-to-{found.end:%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        # names are the editors' (a skill may be renamed "=HYPERLINK(…)"): none runs as a formula
        csv.writer(response).writerows(map(escape_formula, row) for row in found.csv_rows())
        return response
    context = {
        **admin.site.each_context(request),
        "title": "Insights: what people's results look like",
        "form": form,
        "insights": found,
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "admin/careers/insights.html", context)
