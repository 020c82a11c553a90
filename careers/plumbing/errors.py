"""Error pages that say what happened in words: requests no honest form would send, too many
requests, a database that cannot be reached."""

import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.defaults import server_error

RETRY_SECONDS = 30


def error_page(
    request: HttpRequest, status: int, heading: str, explanation: str, retry_after: int = 0
) -> HttpResponse:
    """The site's error page, saying in words what happened; retry_after (seconds) becomes the
    Retry-After header."""
    context = {"heading": heading, "explanation": explanation}
    page = render(request, "error.html", context, status=status)
    if retry_after:
        page["Retry-After"] = str(retry_after)
    return page


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page, the same words whatever was wrong: the exception's text is written for
    the log (a refused host name, with advice on ALLOWED_HOSTS), not for the person."""
    context = {
        "heading": "We could not read that request",
        "explanation": "The page sent something this site's forms never send, so nothing was "
        "saved. Go back, reload the page and try again.",
    }
    return render(request, "400.html", context, status=400)


def server_error_or_unavailable(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database that cannot be reached or refuses writes (a full disk, a
    failover) is a 503 worth retrying, from a page that needs no database to render; anything
    else is Django's own 500 page."""
    if not isinstance(sys.exception(), DatabaseError):
        return server_error(request)
    page = loader.get_template("503.html").render()
    return HttpResponse(page, status=503, headers={"Retry-After": str(RETRY_SECONDS)})
