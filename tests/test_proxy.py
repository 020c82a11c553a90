"""nginx in front of gunicorn (manage.py nginx_config): slow clients never hold a sync worker.

One gunicorn (two sync workers) and one nginx in front of it for the whole module, each on a free
127.0.0.1 port with its files under a temporary folder (collectstatic writes to STATIC_ROOT, as
on deploy); both are stopped even when a test fails.
Every socket and subprocess has a timeout. Runs on whichever database the suite runs on: a
SQLite file, or the PostgreSQL test database. Skipped without nginx (Debian: apt-get install
nginx; it lands in /usr/sbin), unless REQUIRE_NGINX=1 asks for a failure instead.
"""

import gzip
import http.client
import io
import json
import os
import re
import secrets
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from django.utils.csp import build_policy

from tests import servers
from tests.benchmark.server import database_url, free_port
from tests.servers import site_env, stop, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
REQUIRED = os.environ.get("REQUIRE_NGINX") == "1"
SLOW_CLIENTS = 8

pytestmark = [
    pytest.mark.skipif(
        NGINX is None and not REQUIRED,
        reason="nginx is not installed (apt-get install nginx); REQUIRE_NGINX=1 fails instead",
    ),
    # The server's database: pytest-django sets up the test database only for marked tests.
    # Transactional, so whatever the server writes there is flushed after each test.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def nginx() -> str:
    if NGINX is None:
        pytest.fail("REQUIRE_NGINX=1, but there is no nginx on PATH or in /usr/sbin")
    return NGINX


def render(**options) -> str:
    output = io.StringIO()
    call_command("nginx_config", stdout=output, **options)
    return output.getvalue()


def nginx_test(nginx: str, conf: Path, prefix: Path) -> subprocess.CompletedProcess:
    return subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(prefix)],
                          capture_output=True, text=True, timeout=30)  # fmt: skip


def test_nginx_accepts_the_standalone_config(nginx, tmp_path):
    text = render(prefix=tmp_path, listen="127.0.0.1:8080", upstream=["127.0.0.1:8001,[::1]:8002"])
    for directive in ["proxy_request_buffering on;", "proxy_buffering on;", "server_tokens off;",
                      f"client_max_body_size {settings.MAX_REQUEST_BYTES};", "gzip_static on;",
                      "server [::1]:8002;", "limit_req_status 429;", "events {",
                      f"pid {tmp_path}/nginx.pid;", f"error_log {tmp_path}/error.log"]:  # fmt: skip
        assert directive in text
    for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]:
        assert f"{kind}_temp_path {tmp_path}/{kind}_temp;" in text
    assert not re.search(r"^\s*daemon\b", text, re.MULTILINE)  # given with -g 'daemon off;'
    log_format = re.search(r"log_format careers (.*?);\n", text, re.DOTALL).group(1)
    assert "$careers_loggable_uri" in log_format and "$http_referer" not in log_format
    assert not re.search(r"\$request(_uri)?\b", log_format)  # $request_id is fine
    (tmp_path / "nginx.conf").write_text(text)
    result = nginx_test(nginx, tmp_path / "nginx.conf", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_drop_in_fits_debians_http_block(nginx, tmp_path):
    """Without --prefix: the http-level pieces, next to what Debian's nginx.conf already sets,
    https on 443 and the redirect on 80 as README's Deploy renders them."""
    cert, key = self_signed_certificate(tmp_path)
    text = render(tls_cert=cert, tls_key=key)
    assert re.search(r"^\s*listen 443 ssl;", text, re.MULTILINE)
    redirect = r"^\s*listen 80;\n(.*\n)*?\s*return 301 https://\$host\$request_uri;"
    assert re.search(redirect, text, re.MULTILINE)
    assert "events" not in text and "pid " not in text and "_temp_path" not in text
    (tmp_path / "careers.conf").write_text(text)
    kinds = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    temp_paths = "".join(f"{kind}_temp_path {tmp_path}/{kind};\n" for kind in kinds)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\nhttp {{\n"
        f"sendfile on;\ntcp_nopush on;\ntypes_hash_max_size 2048;\n"
        f"default_type application/octet-stream;\naccess_log {tmp_path}/access.log;\ngzip on;\n"
        f"{temp_paths}include {tmp_path}/careers.conf;\n}}\n"
    )
    # the drop-in's own access log path is /var/log/nginx/...: point it here for the test
    text = text.replace("/var/log/nginx/careers.access.log", str(tmp_path / "careers.log"))
    (tmp_path / "careers.conf").write_text(text)
    result = nginx_test(nginx, tmp_path / "nginx.conf", tmp_path)
    assert result.returncode == 0, result.stderr


# --- one gunicorn and one nginx for the rest of the module -----------------------------------


def wait_for(name: str, port: int, log: Path, process: subprocess.Popen | None = None,
             tls: ssl.SSLContext | None = None, **headers) -> None:  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            if get(port, "/healthz", tls=tls, **headers)[0] == 200:
                return
        except OSError:
            pass
        if (process and process.poll() is not None) or time.monotonic() > deadline:
            pytest.fail(f"{name} did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None, timeout: float = 5, tls: ssl.SSLContext | None = None,
            ) -> tuple[int, http.client.HTTPMessage, bytes]:  # fmt: skip
    """One request to 127.0.0.1 (to localhost over TLS, the name its certificate has)."""
    if tls:
        conn = http.client.HTTPSConnection("localhost", port, timeout=timeout, context=tls)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def get(port: int, path: str, tls: ssl.SSLContext | None = None, **headers,
        ) -> tuple[int, http.client.HTTPMessage, bytes]:  # fmt: skip
    return request(port, "GET", path, headers=headers, tls=tls)


@pytest.fixture(scope="module")
def app_env(django_db_setup, tmp_path_factory, collected_static, seeded_sqlite) -> dict[str, str]:
    """Production settings on the suite's database: the PostgreSQL test database, or a seeded
    SQLite file (an in-memory test database cannot be shared); static files collected."""
    on_postgres = connection.vendor == "postgresql"
    folder = tmp_path_factory.mktemp("app")
    env = site_env() | {
        "DJANGO_SETTINGS_MODULE": "careers.settings",
        "DATABASE_URL": database_url() if on_postgres else seeded_sqlite(folder / "proxy.sqlite3"),
        "DJANGO_SECRET_KEY": "proxy-test-" + "x" * 39,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_TRUSTED_PROXIES": "1",  # nginx is the one proxy
        # One quiz post a minute per client address (the forwarding test): the quiz's limit,
        # and its ceiling per address where that is a multiple of it.
        "DJANGO_QUIZ_RATE": "1",
        "DJANGO_ADDRESS_RATE_FACTOR": "1",
        "DJANGO_MAX_REQUEST_BYTES": str(settings.MAX_REQUEST_BYTES),
        "DJANGO_ADMIN_PATH": settings.ADMIN_PATH,
    }
    return env


@pytest.fixture(scope="module")
def gunicorn(app_env, tmp_path_factory):
    """Two sync workers, as in the operator's report; yields (port, log file)."""
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with servers.gunicorn(app_env, log, workers=2) as base:
        port = int(base.rsplit(":", 1)[1])
        wait_for("gunicorn", port, log)
        yield port, log


@contextmanager
def nginx_folder(tmp_path_factory) -> Iterator[Path]:
    """A folder for one nginx. Started as root, nginx's workers run as "nobody", who cannot
    enter pytest's private temporary folders: then a folder of our own that anyone may enter."""
    if os.geteuid() != 0:
        yield tmp_path_factory.mktemp("nginx")
        return
    folder = Path(tempfile.mkdtemp(prefix="careers-nginx-"))
    try:
        folder.chmod(0o755)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    with nginx_folder(tmp_path_factory) as folder:
        yield folder


@contextmanager
def running_nginx(nginx: str, prefix: Path, text: str, port: int) -> Iterator[None]:
    """nginx with that configuration, run as the standalone config says
    (nginx -c DIR/nginx.conf -p DIR -g 'daemon off;'), once it listens on port."""
    conf = prefix / "nginx.conf"
    conf.write_text(text)
    with (prefix / "nginx.out").open("w") as output:
        process = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            try:
                wait_for_port(port, process)
            except RuntimeError:
                pytest.fail(f"nginx did not start:\n{(prefix / 'nginx.out').read_text()}")
            yield
        finally:
            stop(process)


class Proxy:
    def __init__(self, port: int, prefix: Path, app_log: Path):
        self.port, self.prefix, self.app_log = port, prefix, app_log

    def app_log_entries(self, mentioning: str = "") -> list[dict]:
        """The application's JSON log lines on stderr, those whose message mentions that."""
        entries = []
        for line in self.app_log.read_text().splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # gunicorn's own lines
            if isinstance(entry, dict) and mentioning in str(entry.get("message")):
                entries.append(entry)
        return entries

    def app_paths(self) -> list[str]:
        """The path of every request the application answered."""
        entries = self.app_log_entries()
        return [entry["path"] for entry in entries if isinstance(entry.get("path"), str)]

    def access_log(self, *wanted: str) -> str:
        """nginx's access log, once it has every wanted text (nginx writes a request's line just
        after the response has gone)."""
        deadline = time.monotonic() + 5
        while True:
            log = (self.prefix / "access.log").read_text()
            if all(text in log for text in wanted) or time.monotonic() > deadline:
                return log
            time.sleep(0.05)


@pytest.fixture(scope="module")
def proxy(nginx, gunicorn, prefix):
    """nginx on another free port in front of gunicorn, run in the foreground as the
    standalone config says: nginx -c DIR/nginx.conf -p DIR -g 'daemon off;'."""
    app_port, app_log = gunicorn
    port = free_port()
    upstream = [f"127.0.0.1:{app_port}"]
    text = render(prefix=prefix, listen=f"127.0.0.1:{port}", upstream=upstream,
                  server_name="127.0.0.1 localhost")  # fmt: skip
    with running_nginx(nginx, prefix, text, port):
        wait_for("nginx", port, prefix / "error.log")
        yield Proxy(port, prefix, app_log)


# --- what the proxy does ---------------------------------------------------------------------


def test_slow_clients_do_not_take_the_site_down(proxy):
    """Eight sockets trickle a request header, a byte every half second, and eight more a
    request body after a whole header, and all keep going: nginx holds every one of them
    (gunicorn never hears of them), so /healthz keeps answering within a second throughout."""
    header = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
    body_header = (
        b"POST /proxy-test/slow-body/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n"
    )
    stop_sending = threading.Event()
    failures: list[str] = []
    slow_headers: list[socket.socket] = []
    slow_bodies: list[socket.socket] = []

    def trickle() -> None:
        sent = 0
        while not stop_sending.wait(0.5):
            next_header_byte = header[sent : sent + 1] or b"a"
            for sockets, byte in [(slow_headers, next_header_byte), (slow_bodies, b"x")]:
                for sock in sockets:
                    try:
                        sock.sendall(byte)
                    except OSError as error:
                        failures.append(repr(error))
            sent += 1

    sender = threading.Thread(target=trickle, daemon=True)
    try:
        for _ in range(SLOW_CLIENTS):
            slow_headers.append(socket.create_connection(("127.0.0.1", proxy.port), timeout=5))
            slow_bodies.append(socket.create_connection(("127.0.0.1", proxy.port), timeout=5))
            slow_bodies[-1].sendall(body_header)
        sender.start()
        timings = []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            started = time.monotonic()
            status = request(proxy.port, "GET", "/healthz", timeout=1)[0]
            timings.append(time.monotonic() - started)
            assert status == 200
            time.sleep(0.4)
        assert len(timings) >= 8 and max(timings) < 1, timings
        assert not failures  # every slow socket was still open and being fed
        for sock in slow_headers + slow_bodies:  # and none has had an answer: all still waiting
            sock.setblocking(False)
            with pytest.raises(BlockingIOError):
                sock.recv(1)
    finally:
        stop_sending.set()
        if sender.is_alive():
            sender.join(timeout=5)
        for sock in slow_headers + slow_bodies:
            sock.close()
    paths = proxy.app_paths()
    assert "/healthz" in paths and "/proxy-test/slow-body/" not in paths


def manifest() -> dict[str, str]:
    return json.loads((Path(settings.STATIC_ROOT) / "staticfiles.json").read_text())["paths"]


def test_static_files_come_from_nginx_with_far_future_caching(proxy):
    hashed = manifest()["careers/site.css"]
    status, headers, body = get(proxy.port, f"/static/{hashed}")
    assert status == 200 and body == (Path(settings.STATIC_ROOT) / hashed).read_bytes()
    assert headers["Content-Type"].startswith("text/css")
    assert headers.get_all("Cache-Control") == ["max-age=315360000, public, immutable"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == "nginx"  # server_tokens off: no version

    status, headers, _ = get(proxy.port, f"/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"  # the .gz collectstatic wrote
    assert "Accept-Encoding" in headers["Vary"]

    status, headers, _ = get(proxy.port, "/static/careers/site.css")  # not hashed: an hour
    assert status == 200 and "immutable" not in headers.get("Cache-Control", "")
    assert headers["Cache-Control"] == "max-age=3600"
    assert not [path for path in proxy.app_paths() if path.startswith("/static/")]


def test_a_body_over_the_limit_gets_413_from_nginx(proxy):
    tag = secrets.token_hex(4)
    limit = settings.MAX_REQUEST_BYTES
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
        sock.sendall(f"POST /proxy-test/too-big-{tag}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     f"Content-Type: application/octet-stream\r\nContent-Length: {limit + 1}\r\n"
                     "Connection: close\r\n\r\n".encode())  # fmt: skip
        answer = sock.recv(4096)  # nginx answers from the Content-Length, before any body
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]

    status, _, _ = request(proxy.port, "POST", f"/proxy-test/at-limit-{tag}/", body=b"x" * limit,
                           headers={"Content-Type": "application/octet-stream"})  # fmt: skip
    assert status == 404  # exactly the limit is buffered by nginx and handed on
    paths = proxy.app_paths()
    assert f"/proxy-test/at-limit-{tag}/" in paths
    assert f"/proxy-test/too-big-{tag}/" not in paths  # gunicorn never saw the big one


def test_sign_in_posts_are_rate_limited_and_showing_the_forms_is_not(proxy):
    answers = [request(proxy.port, "POST", "/account/login/", body=b"username=a&password=b",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
               for _ in range(12)]  # fmt: skip
    statuses = [status for status, _, _ in answers]
    assert 429 in statuses and statuses[0] == 403, statuses  # 403: no CSRF token, from Django
    for status, headers, _ in answers:  # the 429s are nginx's: the application echoes X-Request-ID
        assert (status == 429) == ("X-Request-ID" not in headers)
    assert all(get(proxy.port, "/account/login/")[0] == 200 for _ in range(5))  # GETs not counted
    admin_login = f"/{settings.ADMIN_PATH}login/"
    assert request(proxy.port, "POST", admin_login, body=b"")[0] == 429  # the same count
    assert request(proxy.port, "POST", "/account/signup/", body=b"")[0] == 429


def test_a_forged_x_forwarded_for_is_not_taken_as_the_client(proxy):
    """gunicorn gets "X-Forwarded-For: <forged>, 127.0.0.1"; with DJANGO_TRUSTED_PROXIES=1 the
    application counts 127.0.0.1, the address nginx saw. The quiz allows one post a minute per
    address here, in each worker's own count (without REDIS_URL) or in a shared one: five posts
    without a session, each with another forged address, so at least one worker sees two of
    them from one address and refuses one with a 429. Had the application believed the header,
    each post would be a new client and none would be refused. /quiz/999/ is past the last
    step: the posts that do get through store nothing."""
    status, headers, body = get(proxy.port, "/account/login/")
    assert status == 200
    cookie = next(
        c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken=")
    )
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
    statuses = [
        request(proxy.port, "POST", "/quiz/999/", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
            "X-Forwarded-For": f"203.0.113.{9 + n}"})[0]
        for n in range(5)
    ]  # fmt: skip
    assert set(statuses) <= {404, 429} and 429 in statuses, statuses


def test_the_access_log_never_records_a_roadmap_token(proxy):
    token = secrets.token_urlsafe(16)  # 22 characters, like the real ones
    paths = [f"/roadmap/{token}/", f"/roadmap/{token}/steps/3/?x=1", f"/roadmap/{token}.json",
             f"/account/login/?next=/roadmap/{token}/keep/"]  # fmt: skip
    request_ids = [get(proxy.port, path)[1]["X-Request-ID"] for path in paths]
    log = proxy.access_log(*request_ids)
    assert token not in log and token not in (proxy.prefix / "error.log").read_text()
    lines = {request_id: line for line in log.splitlines() for request_id in request_ids
             if line.endswith(f" {request_id}")}  # fmt: skip
    assert re.fullmatch(r"[0-9a-f]{32}", request_ids[0])  # nginx's $request_id, echoed by Django
    expected = ["/roadmap/-redacted-/", "/roadmap/-redacted-/steps/3/", "/roadmap/-redacted-.json",
                "/account/login/?-redacted-"]  # fmt: skip
    for request_id, uri in zip(request_ids, expected, strict=True):
        assert f'"GET {uri} HTTP/1.1"' in lines[request_id]
        assert lines[request_id].startswith("127.0.0.1 ")


def test_a_browser_s_post_passes_the_csrf_check_on_a_port_of_its_own(proxy, catalog):
    """A browser posts with Origin: scheme://host:port; Django compares it with the Host it was
    given, so nginx must pass the port on (issue 24: $host dropped it, and every post was
    refused as forged). /quiz/999/ is past the last step: a post that passes stores nothing."""
    status, headers, body = get(proxy.port, "/account/login/")
    assert status == 200
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": form_token(body)}).encode()
    status, _, answer = request(proxy.port, "POST", "/quiz/999/", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": csrf_cookie(headers),
        "Origin": f"http://127.0.0.1:{proxy.port}"})  # fmt: skip
    assert status in {404, 429}, answer[-600:]  # the CSRF check's refusal would be a 403


# --- nginx's own replies: the site's pages, with its headers ----------------------------------


def assert_a_page_of_the_site(answer: tuple, port: int, tls: ssl.SSLContext | None = None) -> str:
    """One of nginx's own error replies, as a person and a browser see it: the site's readable
    page in its styles (which load), with the headers Django gives every page of its own.
    Returns its heading."""
    _, headers, body = answer
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Security-Policy"] == build_policy(settings.SECURE_CSP)
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert headers["Cache-Control"] == "no-store"
    page = body.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="(/static/careers/[^"]+\.css)">', page)
    assert stylesheets and stylesheets[0].startswith("/static/careers/site.")
    for href in stylesheets:
        status, style_headers, _ = get(port, href, tls=tls)
        assert status == 200 and style_headers["Content-Type"].startswith("text/css"), href
    assert '<header class="site-header">' in page and '<a class="button" href="/">' in page
    heading = re.search(r"<h1>([^<$]+)</h1>", page).group(1)
    assert f"<title>{heading} · careers</title>" in page
    assert "nginx" not in page and "$" not in page  # every variable was filled in
    return heading


def test_nginx_s_own_refusals_are_the_site_s_pages_with_its_headers(proxy):
    limit = settings.MAX_REQUEST_BYTES
    too_big = request(proxy.port, "POST", "/quiz/", headers={"Content-Length": str(limit + 1)})
    too_long = get(proxy.port, "/quiz/?" + "a" * 9000)  # past nginx's 8 KB request line
    sign_ins = [request(proxy.port, "POST", "/account/login/", body=b"") for _ in range(12)]
    too_many = next(answer for answer in sign_ins if answer[0] == 429)
    assert [too_big[0], too_long[0]] == [413, 414]
    answers = {413: too_big, 414: too_long, 429: too_many}
    headings = {status: assert_a_page_of_the_site(answer, proxy.port)
                for status, answer in answers.items()}  # fmt: skip
    assert headings == {413: "That was too large to send", 414: "That address is too long",
                        429: "Too many attempts"}  # fmt: skip
    assert f"at most {limit // 1024} KB" in too_big[2].decode()
    assert too_many[1]["Retry-After"] == "60" and "Retry-After" not in too_big[1]
    assert "X-Request-ID" not in too_many[1]  # nginx's own: the application never saw it


def test_an_application_that_does_not_answer_gets_the_site_s_busy_page(
    nginx, tmp_path_factory, collected_static
):
    """What people saw when a worker was killed (issue 24): nginx's bare 502."""
    port, nothing_listens = free_port(), free_port()
    with nginx_folder(tmp_path_factory) as folder:
        text = render(prefix=folder, listen=f"127.0.0.1:{port}",
                      upstream=[f"127.0.0.1:{nothing_listens}"])  # fmt: skip
        with running_nginx(nginx, folder, text, port):
            answer = get(port, "/quiz/")
            heading = assert_a_page_of_the_site(answer, port)
            head = request(port, "HEAD", "/quiz/")
    assert answer[0] == 502 and heading == "We are busy for a moment"
    assert answer[1]["Retry-After"] == "30"
    assert head[0] == 502 and head[1]["Retry-After"] == "30" and head[2] == b""
    assert re.search(r"error_page (\d+ )*502 503 504 /_careers_error;", text)


# --- point 10: a host the site does not serve; what a load balancer asks ----------------------


def test_a_host_the_site_does_not_serve_gets_a_plain_400_and_one_warning(proxy):
    host = f"evil-{secrets.token_hex(4)}.example"
    status, _, body = get(proxy.port, "/quiz/", Host=host)
    assert status == 400
    page = body.decode()
    assert "We could not read that request" in page
    for internal in [host, "HTTP_HOST", "ALLOWED_HOSTS", "Details"]:
        assert internal not in page
    deadline = time.monotonic() + 10
    while not (lines := proxy.app_log_entries(host)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [(entry["logger"], entry["level"]) for entry in lines] == [
        ("django.security.DisallowedHost", "WARNING")
    ]
    assert "exc_info" not in lines[0] and "Traceback" not in proxy.app_log.read_text()


def test_a_load_balancer_may_ask_healthz_with_head_or_options(proxy):
    """HAProxy's health check sends OPTIONS by default; others send HEAD."""
    status, _, body = request(proxy.port, "HEAD", "/healthz")
    assert status == 200 and body == b""
    status, headers, body = request(proxy.port, "OPTIONS", "/healthz")
    assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}
    assert headers["Allow"] == "GET, HEAD, OPTIONS"
    assert "no-cache" in headers["Cache-Control"]


def test_options_on_healthz_tells_the_truth_too(client, monkeypatch):
    """A balancer asking with OPTIONS takes the instance out when saving cannot work."""

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.options("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "unavailable"


# --- HTTPS, as README's Deploy says ---------------------------------------------------------


def readme_deploy() -> tuple[dict[str, str], list[str]]:
    """README's Deploy commands: what they export, and the arguments they give nginx_config."""
    text = (ROOT / "README.md").read_text()
    block = re.search(r"^## Deploy\n.*?```sh\n(.*?)```", text, re.DOTALL | re.MULTILINE).group(1)
    block = block.replace("\\\n", " ")  # a command continued on the next line
    exports = dict(re.findall(r"^export (\w+)=(\S+)", block, re.MULTILINE))
    line = next(line for line in block.splitlines() if "manage.py nginx_config" in line)
    words = shlex.split(line, comments=True)
    return exports, words[words.index("nginx_config") + 1 : words.index(">")]


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and its key, made as an operator would for a first try."""
    cert, key = folder / "careers.pem", folder / "careers.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    return cert, key


def cookies(headers: http.client.HTTPMessage) -> dict[str, str]:
    return dict(
        cookie.split(";", 1)[0].split("=", 1) for cookie in headers.get_all("Set-Cookie") or []
    )


def csrf_cookie(headers: http.client.HTTPMessage) -> str:
    return f"csrftoken={cookies(headers)['csrftoken']}"


def form_token(body: bytes) -> str:
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()


@pytest.fixture(scope="module")
def https_app(app_env, tmp_path_factory):
    """gunicorn with README's production settings (DJANGO_HTTPS=1, DJANGO_TRUSTED_PROXIES as
    README exports it); yields (port, log file)."""
    exports, _ = readme_deploy()
    env = app_env | {
        name: exports[name] for name in ["DJANGO_HTTPS", "DJANGO_TRUSTED_PROXIES", "DJANGO_GZIP"]
    }
    for name in ["DJANGO_QUIZ_RATE", "DJANGO_ADDRESS_RATE_FACTOR"]:
        del env[name]  # the site's own limits
    log = tmp_path_factory.mktemp("gunicorn-https") / "gunicorn.log"
    with servers.gunicorn(env, log, workers=2) as base:
        port = int(base.rsplit(":", 1)[1])
        wait_for("gunicorn", port, log, **{"X-Forwarded-Proto": "https"})
        yield port, log, env


class HttpsSite:
    def __init__(self, port: int, plain_port: int, tls: ssl.SSLContext):
        self.port, self.plain_port, self.tls = port, plain_port, tls


@pytest.fixture(scope="module")
def https_site(nginx, https_app, tmp_path_factory):
    """README's Deploy word for word: its exports and nginx_config's arguments, with a
    self-signed certificate for its cert and key, the test's gunicorn for its upstream, and
    free ports and a folder of the test's own (--listen, --redirect-from, --prefix) for 443,
    80 and /etc/nginx."""
    exports, arguments = readme_deploy()
    assert exports["DJANGO_HTTPS"] == "1" and exports["DJANGO_TRUSTED_PROXIES"] == "1"
    app_port, _, env = https_app
    with nginx_folder(tmp_path_factory) as folder:
        cert, key = self_signed_certificate(folder)
        ours = {"--upstream": f"127.0.0.1:{app_port}", "--tls-cert": cert, "--tls-key": key}
        assert set(ours) <= set(arguments), arguments
        options = ["", *arguments[:-1]]  # the option before each word: its value if it is ours
        given = [
            str(ours.get(option, word)) for option, word in zip(options, arguments, strict=True)
        ]
        port, plain_port = free_port(), free_port()
        given += ["--listen", f"127.0.0.1:{port}", "--redirect-from", f"127.0.0.1:{plain_port}",
                  "--prefix", str(folder)]  # fmt: skip
        command = [sys.executable, "manage.py", "nginx_config", *given]
        rendered = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                                  timeout=120)  # fmt: skip
        assert rendered.returncode == 0, rendered.stderr
        tls = ssl.create_default_context(cafile=cert)
        with running_nginx(nginx, folder, rendered.stdout, port):
            wait_for("nginx", port, folder / "error.log", tls=tls)
            yield HttpsSite(port, plain_port, tls)


def test_readme_s_deploy_serves_the_quiz_over_https(https_site, catalog):
    """Plain http is sent to https on the site's own port; the quiz shows over TLS with HSTS and
    secure cookies; a browser's answer (CSRF token, Origin and Referer with the port) is saved
    and its redirect followed to the next question."""
    site, base = https_site, f"https://localhost:{https_site.port}"
    plain_host = f"localhost:{site.plain_port}"
    status, headers, _ = get(site.plain_port, "/quiz/?from=http", Host=plain_host)
    assert status == 301 and headers["Location"] == f"{base}/quiz/?from=http"

    status, headers, body = get(site.port, "/quiz/", tls=site.tls)
    assert status == 200 and "max-age=" in headers["Strict-Transport-Security"]
    assert all("; Secure" in cookie for cookie in headers.get_all("Set-Cookie"))
    ask = re.search(rb'name="ask" value="([^"]+)"', body).group(1).decode()
    answer = re.search(rb'type="radio" name="answer" id="[^"]+" value="([^"]+)"', body).group(1)
    form = {"csrfmiddlewaretoken": form_token(body), "ask": ask, "answer": answer.decode(),
            "nav": "next"}  # fmt: skip
    status, headers, reply = request(site.port, "POST", "/quiz/", tls=site.tls,
        body=urllib.parse.urlencode(form).encode(), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": csrf_cookie(headers),
            "Origin": base, "Referer": f"{base}/quiz/"})  # fmt: skip
    assert status == 302, reply[-600:]
    following = urllib.parse.urlsplit(urllib.parse.urljoin(f"{base}/quiz/", headers["Location"]))
    assert following.netloc == f"localhost:{site.port}"
    session = "; ".join(f"{name}={value}" for name, value in cookies(headers).items())
    status, _, body = get(site.port, following.path, tls=site.tls, Cookie=session)
    assert status == 200 and b"Question 2" in body


def test_behind_nginx_the_pages_are_gzipped_by_nginx_not_the_app(https_site, https_app, catalog):
    """README's deploy leaves compression to nginx (DJANGO_GZIP=0): the app sends a page whole,
    and nginx gzips it for a browser that accepts it."""
    app_port, _, env = https_app
    assert env["DJANGO_GZIP"] == "0"
    plain = get(app_port, "/tracks/", **{"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"})
    assert plain[0] == 200 and "Content-Encoding" not in plain[1]
    status, headers, body = get(https_site.port, "/tracks/", tls=https_site.tls,
                                **{"Accept-Encoding": "gzip"})  # fmt: skip
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body).startswith(b"<!doctype html>")


def test_over_https_nginx_s_own_replies_carry_hsts_too(https_site):
    answer = get(https_site.port, "/quiz/?" + "a" * 9000, tls=https_site.tls)
    assert answer[0] == 414
    assert assert_a_page_of_the_site(answer, https_site.port, https_site.tls)
    assert re.search(r'href="/static/careers/site\.[0-9a-f]{12}\.css"', answer[2].decode())
    hsts = answer[1]["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_https_with_nothing_in_front_to_serve_it_is_refused(settings):
    """DJANGO_HTTPS=1 sends every request to https: a plain-http nginx would serve nothing."""
    settings.SECURE_SSL_REDIRECT, settings.TRUSTED_PROXIES = True, 1
    with pytest.raises(CommandError, match="--tls-cert"):
        render()
    with pytest.raises(CommandError, match="--tls-key"):
        render(tls_cert="/etc/ssl/careers.pem")
    settings.TRUSTED_PROXIES = 2  # a load balancer in front terminates TLS
    assert re.search(r"^\s*listen 80;", render(), re.MULTILINE)


def test_behind_a_balancer_its_forwarded_proto_is_believed(nginx, https_app, settings,
                                                            tmp_path_factory, catalog):  # fmt: skip
    """With DJANGO_TRUSTED_PROXIES=2 a balancer in front has terminated TLS and says so in
    X-Forwarded-Proto: nginx passes that on instead of its own "http" (issue 24: the site sent
    every request to https, which arrived as http again, in a loop)."""
    settings.SECURE_SSL_REDIRECT, settings.TRUSTED_PROXIES = True, 2
    app_port = https_app[0]
    port = free_port()
    with nginx_folder(tmp_path_factory) as folder:
        text = render(prefix=folder, listen=f"127.0.0.1:{port}", server_name="localhost",
                      upstream=[f"127.0.0.1:{app_port}"])  # fmt: skip
        with running_nginx(nginx, folder, text, port):
            host = f"localhost:{port}"
            secure = get(port, "/quiz/", Host=host, **{"X-Forwarded-Proto": "https"})
            plain = get(port, "/quiz/", Host=host, **{"X-Forwarded-Proto": "http"})
    assert secure[0] == 200
    assert plain[0] == 301 and plain[1]["Location"] == f"https://{host}/quiz/"
