"""Error pages that say what happened in words: requests no honest form would send, bodies
too large, a database that cannot be reached."""

import sys

from django.conf import settings
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
    context = {
        "heading": "We could not read that request",
        "explanation": "The page sent something this site's forms never send, so nothing was "
        "saved. Go back, reload the page and try again.",
        "reason": str(exception),
    }
    return render(request, "400.html", context, status=400)


def readable_method_errors(get_response):
    """Middleware: give the empty 405 of @require_GET/@require_POST a page that explains it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = error_page(
            request,
            405,
            "That action is not available here",
            f"This page does not accept {request.method} requests.",
        )
        page["Allow"] = response["Allow"]
        return page

    return middleware


def server_error_or_unavailable(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database that cannot be reached or refuses writes (a full disk, a
    failover) is a 503 worth retrying, from a page that needs no database to render; anything
    else is Django's own 500 page."""
    if not isinstance(sys.exception(), DatabaseError):
        return server_error(request)
    page = loader.get_template("503.html").render()
    return HttpResponse(page, status=503, headers={"Retry-After": str(RETRY_SECONDS)})


def limit_request_size(get_response):
    """Middleware, before anything reads the body: refuse one over settings.MAX_REQUEST_BYTES
    (files included, which Django's own DATA_UPLOAD_MAX_MEMORY_SIZE leaves out) with a 413."""

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body without a valid length
        if length <= settings.MAX_REQUEST_BYTES:
            return get_response(request)
        return error_page(
            request,
            413,
            "That was too large to send",
            f"This site takes at most {settings.MAX_REQUEST_BYTES // 1024} KB in one request, so "
            "nothing was read or saved. Catalog imports larger than that can be split into "
            "several files.",
        )

    return middleware
