"""Print the nginx configuration that goes in front of gunicorn (templates/deploy/nginx.conf).

gunicorn's sync workers need a buffering proxy: nginx reads each request whole and takes each
response whole, so slow clients cost nginx a little memory and never hold a worker.

With --tls-cert and --tls-key nginx serves https (on 443, or --listen) and sends plain http
(on 80, or --redirect-from) there; without them it serves plain http, which only suits a load
balancer in front that terminates TLS (DJANGO_TRUSTED_PROXIES=2) or a site without
DJANGO_HTTPS.

Without --prefix, the http-level pieces for /etc/nginx/conf.d/careers.conf; with it, a whole
nginx.conf with every path under that folder, to run as
`nginx -c DIR/nginx.conf -p DIR -g 'daemon off;'`.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.csp import build_policy

from careers.plumbing.errors import RETRY_SECONDS

DEFAULT_UPSTREAM = "127.0.0.1:8001"
ADDRESS = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}|unix:/[^\s;{}'\"]+")
LISTEN = re.compile(r"((\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?\d{1,5}")
# What nginx reads as one word: no spaces, quotes, semicolons, braces or "$" (a variable).
WORD = re.compile(r"[^\s;{}'\"$#\\]+")
# What fits in a double-quoted nginx string as it is: no quote, backslash or "$".
QUOTABLE = re.compile(r"[^\"\\$\n]*")
# The error page goes in single quotes; nginx fills in its two variables and no others.
PAGE_VARIABLES = re.compile(r"\$careers_error_(heading|text)\b")
# nginx reads one word of a configuration into a 4 KB buffer.
LONGEST_WORD = 4000


class Command(BaseCommand):
    help = (
        "Print an nginx configuration for this site: https with --tls-cert/--tls-key, buffering "
        "reverse proxy to gunicorn, static files from STATIC_ROOT, the site's own error pages, "
        "sign-in rate limit, roadmap tokens kept out of the log."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--upstream",
            action="append",
            metavar="HOST:PORT",
            help=f"an application process (gunicorn --bind); repeat it or separate with commas "
            f"for several (default {DEFAULT_UPSTREAM}; unix:/path for a socket)",
        )
        parser.add_argument("--tls-cert", metavar="FILE", help="certificate chain (PEM) for https")
        parser.add_argument("--tls-key", metavar="FILE", help="its private key (PEM)")
        parser.add_argument(
            "--listen", help="where the site is served: PORT or ADDRESS:PORT (443 with TLS; 80)"
        )
        parser.add_argument(
            "--redirect-from",
            metavar="PORT",
            help="with TLS, where plain http is sent to https: PORT or ADDRESS:PORT (80)",
        )
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
    listen: str | None = None,
    server_name: str | None = None,
    static_root: str | Path | None = None,
    prefix: str | Path | None = None,
    tls_cert: str | Path | None = None,
    tls_key: str | Path | None = None,
    redirect_from: str | None = None,
    **_options,
) -> str:
    tls = tls_files(tls_cert, tls_key)
    names = server_name.split() if server_name is not None else server_names()
    static_root = Path(static_root or settings.STATIC_ROOT).resolve()
    prefix = Path(prefix).resolve() if prefix else None
    for value in [*names, str(static_root), str(prefix or ""), *tls.values()]:
        if value and not WORD.fullmatch(value):
            raise CommandError(f"{value!r} cannot go in an nginx configuration as it is")
    context = {
        "standalone": prefix is not None,
        "prefix": prefix,
        "upstreams": upstreams(upstream),
        **listening(listen, redirect_from, tls),
        "server_name": " ".join(names) or "_",
        "static_root": str(static_root).rstrip("/"),
        "access_log": prefix / "access.log" if prefix else "/var/log/nginx/careers.access.log",
        **tls,
        "behind_balancer": settings.TRUSTED_PROXIES >= 2,
        **settled_values(),
        **error_pages(),
    }
    return render_to_string("deploy/nginx.conf", context)


def listening(listen: str | None, redirect_from: str | None, tls: dict) -> dict:
    """Where nginx listens (443 with TLS, else 80), where plain http is sent on to https (80,
    with TLS only), and the https port as a redirect writes it (none for 443)."""
    listen = checked_listen("--listen", listen or ("443" if tls else "80"))
    if redirect_from and not tls:
        raise CommandError("--redirect-from sends plain http to https: give --tls-cert too")
    port = listen.rsplit(":", 1)[-1]
    return {
        "listen": listen,
        "redirect_from": checked_listen("--redirect-from", redirect_from or "80") if tls else None,
        "https_port": "" if port == "443" else f":{port}",
    }


def tls_files(cert: str | Path | None, key: str | Path | None) -> dict[str, str]:
    """The certificate and key as absolute paths; refuses a site that redirects every request to
    https (DJANGO_HTTPS=1) while neither this nginx nor a balancer in front would serve it."""
    if bool(cert) != bool(key):
        raise CommandError("https needs both --tls-cert and --tls-key")
    if cert:
        # absolute(), not resolve(): certbot's live/ names are links to the newest files, and
        # nginx must follow them at each reload, not keep today's target.
        return {"tls_cert": str(Path(cert).absolute()), "tls_key": str(Path(key).absolute())}
    if settings.SECURE_SSL_REDIRECT and settings.TRUSTED_PROXIES < 2:
        raise CommandError(
            "DJANGO_HTTPS=1 sends every request to https, which this nginx would not serve: give "
            "--tls-cert and --tls-key, or, behind a load balancer that terminates TLS, set "
            "DJANGO_TRUSTED_PROXIES=2"
        )
    return {}


def checked_listen(option: str, value: str) -> str:
    if not LISTEN.fullmatch(value):
        raise CommandError(f"{option} {value!r}: expected PORT or ADDRESS:PORT")
    return value


def upstreams(given: list[str] | None) -> list[str]:
    addresses = [part.strip() for item in given or [DEFAULT_UPSTREAM] for part in item.split(",")]
    addresses = [address for address in addresses if address]
    for address in addresses:
        if not ADDRESS.fullmatch(address):
            raise CommandError(f"--upstream {address!r}: expected HOST:PORT or unix:/path")
    if not addresses:
        raise CommandError("--upstream: give at least one HOST:PORT")
    return addresses


def settled_values() -> dict:
    """Figures the configuration shares with the settings or fixes itself."""
    return {
        "static_url": "/" + urlsplit(settings.STATIC_URL).path.strip("/") + "/",
        "max_body_bytes": settings.MAX_REQUEST_BYTES,
        "max_body_kb": settings.MAX_REQUEST_BYTES // 1024,
        "retry_seconds": RETRY_SECONDS,
        "client_timeout": "10s",
        "keepalive_timeout": "15s",
        "connect_timeout": "5s",
        "read_timeout": "30s",
        "sign_in_rate": "10r/m",
        "sign_in_retry_seconds": 60,
        "sign_in_burst": 5,
        "sign_in_paths": sign_in_paths(),
    }


def server_names() -> list[str]:
    """ALLOWED_HOSTS as nginx names: ".example.com" means the same to both; "*" (any host)
    needs no name, since this is the only server on its port."""
    return [host for host in settings.ALLOWED_HOSTS if host != "*"]


def sign_in_paths() -> list[str]:
    """Every form that hashes a password for anyone who asks: signing in and signing up."""
    return [reverse("login"), reverse("signup"), reverse("admin:login")]


def error_pages() -> dict:
    """nginx's own error replies as the site's page, with the headers Django's middleware gives
    every page of its own (nginx's bare pages had none of them)."""
    headers = security_headers()
    page = render_to_string("deploy/error_page.html", static_links()).strip()
    if "'" in page or "\\" in page or "$" in PAGE_VARIABLES.sub("", page):
        raise CommandError("templates/deploy/error_page.html: no ', \\ or other $ may appear")
    if len(page.encode()) > LONGEST_WORD:
        raise CommandError("templates/deploy/error_page.html is too long for one nginx word")
    for value in headers.values():
        if not QUOTABLE.fullmatch(value):
            raise CommandError(f"{value!r} cannot go in an nginx configuration as it is")
    return {"security_headers": headers.items(), "error_page": page}


def security_headers() -> dict[str, str]:
    """What Django's SecurityMiddleware, XFrameOptionsMiddleware, CSP middleware and ours add to
    a page, as these settings make them (the page has no script, so the CSP has no nonce)."""
    headers = {
        "Content-Security-Policy": build_policy(settings.SECURE_CSP),
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
        "X-Content-Type-Options": "nosniff" if settings.SECURE_CONTENT_TYPE_NOSNIFF else "",
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY or "",
        "Permissions-Policy": settings.PERMISSIONS_POLICY,
        "Cache-Control": "no-store",
    }
    if settings.SECURE_HSTS_SECONDS:
        hsts = [f"max-age={settings.SECURE_HSTS_SECONDS}"]
        hsts += ["includeSubDomains"] * settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
        hsts += ["preload"] * settings.SECURE_HSTS_PRELOAD
        headers["Strict-Transport-Security"] = "; ".join(hsts)
    return {name: value for name, value in headers.items() if value}


def static_links() -> dict:
    """The error page's stylesheets and icon, by the hashed names collectstatic wrote (read
    afresh from its manifest); before collectstatic, by their plain names."""
    storage = storages.create_storage(settings.STORAGES["staticfiles"])

    def url(name: str) -> str:
        try:
            return storage.url(name)
        except ValueError:  # not in the manifest (yet)
            return "/" + urlsplit(settings.STATIC_URL).path.strip("/") + "/" + name

    styles = ["careers/site.css", "careers/pages.css"]
    return {"favicon": url("careers/favicon.svg"), "stylesheets": [url(name) for name in styles]}
