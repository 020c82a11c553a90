"""Test modules share helpers through helpers modules, never by importing one another.

What more than one test needs lives in tests/helpers.py, tests/servers.py (real servers) or
tests/e2e/helpers.py (browser tests); fixtures live in the conftest files. A test module that
imports another couples the two and hides where a helper lives, so none may.
"""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
TEST_FILES = sorted(TESTS.rglob("test_*.py"))
TEST_MODULES = {path.stem for path in TEST_FILES}
# the helpers and conftest files too: a helper that imported a test module would undo the point
PYTHON_FILES = sorted(TESTS.rglob("*.py"))


def imported_test_modules(source: str) -> list[str]:
    """Every test module the source imports, however it is spelled: tests.test_x,
    tests.e2e.test_x, e2e.test_x or test_x (tests/ is on sys.path under pytest), relative
    imports, and `from tests import test_x`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            modules = [base, *(f"{base.rstrip('.')}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [name.lstrip(".") for name in modules if name.rsplit(".", 1)[-1] in TEST_MODULES]
    return found


def test_the_check_sees_every_way_of_importing_a_test_module():
    # spelled with {tests}, so that grepping tests/ for such imports finds none in this file
    source = """
import {tests}.test_quiz
import {tests}.e2e.test_pages as pages
from {tests}.test_scoring import SMALL
from {tests}.e2e.test_quiz import NO_JS
from {tests} import test_security
from {tests}.e2e import test_roadmap
from e2e.test_quiz import PERSONAS
from test_commands import fetch
from .test_concurrency import Visitor
from . import test_proxy
from {tests}.helpers import HTMX
from {tests}.e2e.helpers import AXE
from {tests}.servers import gunicorn
import careers.quiz
""".format(tests="tests")
    assert imported_test_modules(source) == [
        "tests.test_quiz",
        "tests.e2e.test_pages",
        "tests.test_scoring",
        "tests.e2e.test_quiz",
        "tests.test_security",
        "tests.e2e.test_roadmap",
        "e2e.test_quiz",
        "test_commands",
        "test_concurrency",
        "test_proxy",
    ]


def test_the_test_files_are_all_found():
    names = {path.relative_to(TESTS).as_posix() for path in TEST_FILES}
    assert {"test_quiz.py", "e2e/test_quiz.py", "test_layout_of_tests.py"} <= names
    helpers = {path.relative_to(TESTS).as_posix() for path in PYTHON_FILES} - names
    assert {"helpers.py", "servers.py", "e2e/helpers.py", "conftest.py"} <= helpers


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda path: path.relative_to(TESTS).as_posix())
def test_no_file_under_tests_imports_a_test_module(path):
    imports = imported_test_modules(path.read_text(encoding="utf-8"))
    assert imports == [], (
        f"{path.relative_to(TESTS.parent)} imports test module(s) {imports}: move what they share "
        "to tests/helpers.py, tests/servers.py or tests/e2e/helpers.py"
    )
