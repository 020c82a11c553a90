"""Guards shared by the production entry points (wsgi, asgi)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_development_secret_key() -> None:
    """Stop a production server that would sign sessions with the public development key."""
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY before serving with DJANGO_DEBUG off "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
