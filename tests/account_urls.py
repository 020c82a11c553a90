"""Test-only URLs: the site's, plus the account pages, whether or not careers.urls has them yet."""

from django.urls import include, path

from careers import urls as site
from careers.web.account_pages import ACCOUNT_URLS


def includes_auth_urls(patterns: list) -> bool:
    modules = (getattr(pattern, "urlconf_name", None) for pattern in patterns)
    return any(getattr(m, "__name__", m) == "django.contrib.auth.urls" for m in modules)


names = {getattr(pattern, "name", None) for pattern in site.urlpatterns}
urlpatterns = [
    *site.urlpatterns,
    *(pattern for pattern in ACCOUNT_URLS if pattern.name not in names),
]
if not includes_auth_urls(site.urlpatterns):
    urlpatterns.append(path("account/", include("django.contrib.auth.urls")))

handler400 = site.handler400
handler500 = site.handler500
