"""Print the nginx configuration that goes in front of gunicorn (templates/deploy/nginx.conf).

gunicorn's sync workers need a buffering proxy: nginx reads each request whole and takes each
response whole, so slow clients cost nginx a little memory and never hold a worker.

Without --prefix, the http-level pieces for /etc/nginx/conf.d/careers.conf; with it, a whole
nginx.conf with every path under that folder, to run as
`nginx -c DIR/nginx.conf -p DIR -g 'daemon off;'`.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse

DEFAULT_UPSTREAM = "127.0.0.1:8001"
ADDRESS = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}|unix:/[^\s;{}'\"]+")
LISTEN = re.compile(r"((\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?\d{1,5}")
# What nginx reads as one word: no spaces, quotes, semicolons, braces or "$" (a variable).
WORD = re.compile(r"[^\s;{}'\"$#\\]+")


class Command(BaseCommand):
    help = (
        "Print an nginx configuration for this site: buffering reverse proxy to gunicorn, "
        "static files from STATIC_ROOT, sign-in rate limit, roadmap tokens kept out of the log."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--upstream",
            action="append",
            metavar="HOST:PORT",
            help=f"an application process (gunicorn --bind); repeat it or separate with commas "
            f"for several (default {DEFAULT_UPSTREAM}; unix:/path for a socket)",
        )
        parser.add_argument("--listen", default="80", help="nginx's port or ADDRESS:PORT (80)")
        parser.add_argument(
            "--server-name", help="host names, space-separated (default: settings.ALLOWED_HOSTS)"
        )
        parser.add_argument(
            "--static-root", help="collectstatic's folder (default: settings.STATIC_ROOT)"
        )
        parser.add_argument(
            "--prefix",
            metavar="DIR",
            help="print a standalone nginx.conf with its pid, logs and temporary files under DIR",
        )

    def handle(self, *args, **options) -> None:
        self.stdout.write(render_config(**options), ending="")


def render_config(
    upstream: list[str] | None = None,
    listen: str = "80",
    server_name: str | None = None,
    static_root: str | Path | None = None,
    prefix: str | Path | None = None,
    **_options,
) -> str:
    upstreams = [
        part.strip() for item in upstream or [DEFAULT_UPSTREAM] for part in item.split(",")
    ]
    upstreams = [address for address in upstreams if address]
    for address in upstreams:
        if not ADDRESS.fullmatch(address):
            raise CommandError(f"--upstream {address!r}: expected HOST:PORT or unix:/path")
    if not upstreams:
        raise CommandError("--upstream: give at least one HOST:PORT")
    if not LISTEN.fullmatch(listen):
        raise CommandError(f"--listen {listen!r}: expected PORT or ADDRESS:PORT")
    names = server_name.split() if server_name is not None else server_names()
    static_root = Path(static_root or settings.STATIC_ROOT).resolve()
    prefix = Path(prefix).resolve() if prefix else None
    for value in [*names, str(static_root), str(prefix or "")]:
        if value and not WORD.fullmatch(value):
            raise CommandError(f"{value!r} cannot go in an nginx configuration as it is")
    static_url = "/" + urlsplit(settings.STATIC_URL).path.strip("/") + "/"
    context = {
        "standalone": prefix is not None,
        "prefix": prefix,
        "upstreams": upstreams,
        "listen": listen,
        "server_name": " ".join(names) or "_",
        "static_url": static_url,
        "static_root": str(static_root).rstrip("/"),
        "access_log": prefix / "access.log" if prefix else "/var/log/nginx/careers.access.log",
        "max_body_bytes": settings.MAX_REQUEST_BYTES,
        "client_timeout": "10s",
        "keepalive_timeout": "15s",
        "connect_timeout": "5s",
        "read_timeout": "30s",
        "sign_in_rate": "10r/m",
        "sign_in_burst": 5,
        "sign_in_paths": sign_in_paths(),
    }
    return render_to_string("deploy/nginx.conf", context)


def server_names() -> list[str]:
    """ALLOWED_HOSTS as nginx names: ".example.com" means the same to both; "*" (any host)
    needs no name, since this is the only server on its port."""
    return [host for host in settings.ALLOWED_HOSTS if host != "*"]


def sign_in_paths() -> list[str]:
    """Every form that hashes a password for anyone who asks: signing in and signing up."""
    return [reverse("login"), reverse("signup"), reverse("admin:login")]
