"""The health check load balancers ask: can this instance save an answer right now?"""

import logging

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from careers.plumbing import shared_cache

logger = logging.getLogger("careers.requests")


class HealthProbe(models.Model):
    """One row that /healthz rewrites: the only honest test that the database accepts writes
    (a full disk or a read-only replica still answers SELECT 1)."""

    checked = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "health probe"

    def __str__(self) -> str:
        return f"health probe at {self.checked}"


# Load balancers ask with GET, HEAD or OPTIONS (HAProxy's check sends OPTIONS by default). Each
# gets the same check and the same status: an OPTIONS answered 200 without checking would keep
# an instance that cannot save in the pool.
METHODS = ["GET", "HEAD", "OPTIONS"]


@require_http_methods(METHODS)
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
    response = JsonResponse(report, status=200 if database == "ok" else 503)
    response["Allow"] = ", ".join(METHODS)
    return response


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
