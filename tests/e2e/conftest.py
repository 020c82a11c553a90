"""Browser tests: pytest-playwright driving Debian's Chromium against a live server."""

import os
import shutil
import tempfile

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be
# allowed there (live_server runs the app in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Chromium writes its profile under $HOME; keep it out of the way.
_profile_home = tempfile.mkdtemp(prefix="careers-chromium-")
os.environ.setdefault("XDG_CONFIG_HOME", _profile_home)
os.environ.setdefault("XDG_CACHE_HOME", _profile_home)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    """Skip browser tests where there is no Chromium, unless CI demands them (REQUIRE_BROWSER)."""
    if CHROMIUM:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError("REQUIRE_BROWSER is set but no chromium is on PATH.")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in item.nodeid.split("/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
