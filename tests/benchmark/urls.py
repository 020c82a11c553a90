"""Every page of the site plus /bench/bare: a view that does nothing, behind the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from careers.urls import handler400, handler500
from careers.urls import urlpatterns as site_urlpatterns

BARE_PATH = "/bench/bare"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.lstrip("/"), bare), *site_urlpatterns]

__all__ = ["handler400", "handler500", "urlpatterns"]
