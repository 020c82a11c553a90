"""The site header's links to each track, from the catalog (so a renamed or added track shows)."""

from django.http import HttpRequest

from careers.catalog.models import Track


def nav_tracks(request: HttpRequest) -> dict:
    # A lazy QuerySet: one query, and only when a page's header is rendered (not on kept pages,
    # htmx fragments or JSON).
    return {"nav_tracks": Track.objects.only("slug", "name")}
