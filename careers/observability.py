"""Request ids, one structured log line per request, a health check for load balancers, and the
Permissions-Policy header."""

import logging
import time
import uuid

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from careers import shared_cache
from careers.logs import redact
from careers.models import HealthProbe

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


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """What saving an answer needs, checked for real: 503 (take this instance out of the load
    balancer) when the database cannot take a write; 200 "degraded" when only the shared cache
    is unreachable, since answers still save without it (rate limits are off meanwhile)."""
    database = "ok" if database_accepts_writes() else "unavailable"
    report = {"status": "ok", "database": database}
    if settings.REDIS_URL:
        report["cache"] = "ok" if shared_cache.reachable() else "unreachable"
    if database != "ok":
        report["status"] = "error"
    elif report.get("cache", "ok") != "ok":
        report["status"] = "degraded"
    return JsonResponse(report, status=200 if database == "ok" else 503)


def database_accepts_writes() -> bool:
    """One committed one-row UPDATE: a full disk or a read-only database still answers reads."""
    try:
        with transaction.atomic():
            if not HealthProbe.objects.filter(pk=1).update(checked=timezone.now()):
                HealthProbe.objects.get_or_create(pk=1)  # migration 0006's row was flushed
    except DatabaseError as error:
        logger.warning("health check failed", extra={"error": str(error)})
        return False
    return True


def permissions_policy(get_response):
    """Middleware: the page uses no camera, microphone, location, payment or USB; say so."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
