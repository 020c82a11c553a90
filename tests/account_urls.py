"""Test-only URLs: the site's, plus the account pages, whether or not careers.urls has them yet."""

from careers import urls as site
from careers.web.account_pages import ACCOUNT_URLS

names = {getattr(pattern, "name", None) for pattern in site.urlpatterns}
urlpatterns = [
    *site.urlpatterns,
    *(pattern for pattern in ACCOUNT_URLS if pattern.name not in names),
]

handler400 = site.handler400
handler500 = site.handler500
