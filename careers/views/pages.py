"""The public pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from careers.models import Track


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: what the app does, for whom, and the tracks it compares."""
    return render(request, "careers/home.html", {"tracks": Track.objects.all()})
