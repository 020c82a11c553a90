"""The site's own middleware: a request id and one log line per request, the
Permissions-Policy header, a cap on request size, and readable 405 pages."""

import logging
import time
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from careers.plumbing.errors import error_page
from careers.plumbing.logs import redact

logger = logging.getLogger("careers.requests")


def request_log(get_response):
    """Middleware: give each request an id (kept from X-Request-ID if a proxy set one), echo it
    in the response, and log method, route, path (tokens redacted), status and duration once
    the response is ready."""

    def middleware(request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if 0 < len(incoming) <= 64 else uuid.uuid4().hex
        started = time.perf_counter()
        response = get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response["X-Request-ID"] = request.id
        match = request.resolver_match
        fields = {
            "request_id": request.id,
            "method": request.method,
            "route": match.route if match else None,
            "path": redact(request.path),
            "status": response.status_code,
            "duration_ms": duration_ms,
            "htmx": bool(request.headers.get("HX-Request")),
        }
        logger.info("%s %s %s", request.method, fields["path"], response.status_code, extra=fields)
        return response

    return middleware


def permissions_policy(get_response):
    """Middleware: the page uses no camera, microphone, location, payment or USB; say so."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


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
