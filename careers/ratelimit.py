"""Per-client rate limits through the cache, so several app processes share one count.

A client is its address as the server sees it (REMOTE_ADDR); behind a proxy that sets
X-Forwarded-For, set DJANGO_TRUSTED_PROXIES to how many proxies to trust. Limits come from
settings.RATE_LIMITS: scope → (requests, seconds).
"""

import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from careers import shared_cache


def client_id(request: HttpRequest) -> str:
    hops = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return request.META.get("REMOTE_ADDR", "unknown")


def over_limit(scope: str, client: str) -> int:
    """Count one request; return the seconds to wait if the client is over its limit, else 0.
    Without a reachable cache nothing is counted: an answer is worth more than a limit."""
    limit, period = settings.RATE_LIMITS[scope]
    window = int(time.time() // period)
    count = shared_cache.count(f"ratelimit:{scope}:{client}:{window}", timeout=period + 1)
    if count is None or count <= limit:
        return 0
    return period - int(time.time()) % period


def rate_limited(scope: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """Answer with a friendly 429 page when a client sends too many of these requests."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods:
                wait = over_limit(scope, client_id(request))
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request: HttpRequest, wait: int) -> HttpResponse:
    context = {
        "heading": "Slow down a little",
        "explanation": f"That was a lot of requests in a short time, so this one was not saved. "
        f"Wait {wait} second{'s' if wait != 1 else ''} and try again; your earlier answers "
        "are kept.",
    }
    response = render(request, "error.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response
