"""Getting around the site: the header's links to each track, from the catalog (so a renamed or
added track shows), and leaving a page for another."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect

from careers.catalog.models import Track
from careers.catalog.per_edition import per_edition


@per_edition
def track_links(edition: int) -> tuple[dict[str, str], ...]:
    return tuple(Track.objects.values("slug", "name"))


def nav_tracks(request: HttpRequest) -> dict:
    # A callable, which a template calls only when it renders the header (not for htmx
    # fragments or JSON); the links are read once per catalog edition.
    return {"nav_tracks": track_links}


def leave(request: HttpRequest, url: str) -> HttpResponse:
    """Go to another page: htmx loads it whole, a plain request is redirected (post/redirect/
    get)."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
