"""Request ids, one structured log line per request, a health check for load balancers, and the
Permissions-Policy header."""

import json
import logging
import time
import uuid

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("careers.requests")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: easy to grep here, easy to ship to a log store elsewhere."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def request_log(get_response):
    """Middleware: give each request an id (kept from X-Request-ID if a proxy set one), echo it
    in the response, and log method, path, status and duration once the response is ready."""

    def middleware(request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if 0 < len(incoming) <= 64 else uuid.uuid4().hex
        started = time.perf_counter()
        response = get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response["X-Request-ID"] = request.id
        fields = {
            "request_id": request.id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "htmx": bool(request.headers.get("HX-Request")),
        }
        logger.info("%s %s %s", request.method, request.path, response.status_code,
                    extra={"fields": fields})  # fmt: skip
        return response

    return middleware


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not: for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure to reach the database means "not healthy"
        logger.warning("health check failed", extra={"fields": {"error": str(error)}})
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def permissions_policy(get_response):
    """Middleware: the page uses no camera, microphone, location, payment or USB; say so."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
