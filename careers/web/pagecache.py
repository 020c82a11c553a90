"""Pages that are the same for everyone, rendered once and served many times, with the
per-request parts filled in afterwards.

Every HTML page is rendered with placeholders ("holes") where the two values that must differ
per request go — the CSRF token and the CSP nonce — and the fill_holes middleware puts the real
ones in. That makes a rendered page safe to reuse: cached_render keeps it in this process's
memory, keyed by the request's address, host and kind (htmx or not) and the catalog's edition.

Only pages that show nothing but the catalog are kept (the landing page, the tracks, a level, a
quiz step before any answer), and only for people signed out: a signed-in header names the
person. A per-person page (answers, a roadmap) is never kept: it is made cheap to render. Every
way of editing the catalog starts a new edition in the database (careers/catalog/models/), so no
process serves a page from before an edit. Kept views read no query parameters, so made-up ones
cannot fill the cache. tests/test_pagecache.py checks that a kept view reads catalog tables only.
"""

import hashlib
import secrets
from collections.abc import Callable, Iterable
from functools import wraps

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token

from careers.catalog.models import CatalogEdition

# Random per process (kept pages never leave it), so no one can write a placeholder into a page
# and have it filled: neither a visitor's text nor injected markup gets a token or a nonce.
# Not a possible token either: tokens are letters and digits only.
CSRF_HOLE = f"csrf-hole-{secrets.token_hex(8)}"
NONCE_HOLE = f"nonce-hole-{secrets.token_hex(8)}"
HOLES = (CSRF_HOLE.encode(), NONCE_HOLE.encode())
CACHE = "pages"


def holes(request: HttpRequest) -> dict[str, str]:
    """Context processor, after Django's csrf and csp ones: placeholders instead of values, for
    requests that fill_holes will fill (not, say, an error page made by an outer middleware)."""
    if getattr(request, "fills_holes", False):
        return {"csrf_token": CSRF_HOLE, "csp_nonce": NONCE_HOLE}
    return {}


def fill_holes(get_response: Callable) -> Callable:
    """Middleware (inside CSRF and CSP): the request's own token and nonce into the page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        request.fills_holes = True
        response = get_response(request)
        # Pages made after this point (an outer middleware's error page) get real values.
        request.fills_holes = False
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        content = response.content
        for hole, value in hole_values(request, [h for h in HOLES if h in content]).items():
            content = content.replace(hole, value)
        response.content = content
        return response

    return middleware


def hole_values(request: HttpRequest, holes: Iterable[bytes]) -> dict[bytes, bytes]:
    """This request's values for the holes a page has."""
    csrf, nonce = HOLES
    values = {}
    if csrf in holes:  # asking for the token also sets the CSRF cookie when needed
        values[csrf] = get_token(request).encode()
    if nonce in holes:  # evaluating the nonce makes the CSP header name it
        # "is None", not "or": an unevaluated LazyNonce is falsy
        lazy = get_nonce(request)
        values[nonce] = b"" if lazy is None else str(lazy).encode()
    return values


def cached_render(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """render()'s response, or the one kept from an earlier request that would look the same.
    Only 200 answers to GET from people signed out are kept."""
    if (
        request.method != "GET"
        or not getattr(request, "fills_holes", False)
        or request.user.is_authenticated
    ):
        return render()
    key = hashlib.sha256(
        repr(
            (
                request.path,
                request.get_host(),
                request.scheme,
                bool(request.htmx),
                bool(request.htmx and request.htmx.history_restore_request),
                CatalogEdition.current(),
            )
        ).encode()
    ).hexdigest()
    kept = caches[CACHE].get(key)
    if kept is None:
        response = render()
        if response.status_code != 200 or response.streaming or has_own_headers(response):
            return response
        kept = (response.content, response["Content-Type"])
        caches[CACHE].set(key, kept)
    # Still with its holes: fill_holes gives it this request's token and nonce.
    content, content_type = kept
    return HttpResponse(content, content_type=content_type)


def has_own_headers(response: HttpResponse) -> bool:
    """Headers a kept copy would lose (htmx's HX-*, cookies): such responses are not kept."""
    return bool(response.cookies) or any(
        name.lower().startswith("hx-") for name in response.headers
    )


def cached_page(view: Callable) -> Callable:
    """For a view whose page shows only the catalog and the request: cached_render around it."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return cached_render(request, lambda: view(request, *args, **kwargs))

    return wrapped
