"""Rate limits on what writes: per person first, with a much higher ceiling per address.

A person is their session (a classroom or an office shares one address, and each of its people
gets the whole limit), a roadmap's progress counts per roadmap, and sign-ins per address; the
ceiling per address stops one machine that makes a new session for every request. Kept results
count per address only (scope "result"): each is a whole new row of about 80 KB, and a fresh
session costs nothing to make. An address
is REMOTE_ADDR, or behind DJANGO_TRUSTED_PROXIES proxies the entry of X-Forwarded-For that the
outermost one added.

Counts live in the default cache: shared by every app process with REDIS_URL; without it each
process counts on its own, so N processes let a client send up to N times the limit. Limits
come from settings.RATE_LIMITS (scope → (requests, seconds)) and ADDRESS_RATE_LIMITS.
"""

import ipaddress
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from careers.plumbing import shared_cache
from careers.plumbing.errors import error_page


def client_address(request: HttpRequest) -> str:
    """The address of the client, as the outermost trusted proxy saw it."""
    hops = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return request.META.get("REMOTE_ADDR", "unknown")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address if it is an IP address, else None: django-axes stores it in an IP
    address column (a request made in code, such as force_login's, has none)."""
    candidate = client_address(request)
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return None
    return candidate


def person(request: HttpRequest, **kwargs) -> str | None:
    """The session; None before there is one (only the address's ceiling then applies)."""
    session_key = request.session.session_key
    return f"session:{session_key}" if session_key else None


def address(request: HttpRequest, **kwargs) -> str:
    return f"address:{client_address(request)}"


def roadmap(request: HttpRequest, token: str, **kwargs) -> str:
    return f"roadmap:{token}"


def over_limit(scope: str, limits: dict, who: str, kind: str = "limit") -> int:
    """Count one request; return the seconds to wait if who is over the limit, else 0.
    Without a reachable cache nothing is counted: an answer is worth more than a limit."""
    limit, period = limits[scope]
    window = int(time.time() // period)
    key = f"ratelimit:{kind}:{scope}:{who}:{window}"
    count = shared_cache.count(key, timeout=period + 1)
    if count is None or count <= limit:
        return 0
    return period - int(time.time()) % period


def wait_for(scope: str, request: HttpRequest, per: Callable[..., str | None], **kwargs) -> int:
    """Count one of scope's writes for whoever per names (nobody's yet: not counted); the
    seconds to wait if that was over settings.RATE_LIMITS[scope], else 0."""
    who = per(request, **kwargs)
    return over_limit(scope, settings.RATE_LIMITS, who) if who else 0


def rate_limited(scope: str, per: Callable[..., str | None] = person) -> Callable:
    """Answer POSTs over the limit with a friendly 429; per says whose count it is (a person,
    an address, a roadmap; None: nobody's yet). Scopes in ADDRESS_RATE_LIMITS also count toward
    their address's ceiling."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                wait = wait_for(scope, request, per, **kwargs)
                if scope in settings.ADDRESS_RATE_LIMITS:
                    limits, who = settings.ADDRESS_RATE_LIMITS, address(request)
                    ceiling = over_limit(scope, limits, who, kind="ceiling")
                    wait = max(wait, ceiling)
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request: HttpRequest, wait: int) -> HttpResponse:
    return error_page(
        request,
        429,
        "Slow down a little",
        f"That was a lot of requests in a short time, so this one was not saved. Wait "
        f"{how_long(wait)} and try again; your earlier answers are kept.",
        retry_after=wait,
    )


def too_many_results(request: HttpRequest, wait: int) -> HttpResponse:
    """The refusal of a result over the address's limit: the answers stay in the session."""
    return error_page(
        request,
        429,
        "Your result is not ready yet",
        "Many results were made from your network in the last hour, more than this site keeps "
        f"for one network, so yours was not made yet. Your answers are kept in this browser: "
        f"come back in {how_long(wait)} and ask for your result again.",
        retry_after=wait,
    )


def how_long(seconds: int) -> str:
    """A wait in words: seconds up to two minutes, then minutes."""
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"about {-(-seconds // 60)} minutes"
