"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from careers.plumbing.production import refuse_development_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careers.settings")

application = get_asgi_application()
refuse_development_secret_key()
