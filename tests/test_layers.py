"""The folders of careers/ are layers, and imports only run down them (README, Architecture):

    web  →  quiz, roadmap  →  catalog  →  plumbing, core

A layer imports its own modules and those of the layers below it, never one above; quiz and
roadmap stand side by side and import neither the other (the web layer joins them); the core
imports nothing but itself and the standard library (no Django), and the plumbing nothing of
careers but itself. The project's entry points (settings, urls, wsgi, asgi, the app config, the
models and admin faces Django reads, management commands, template tags and
migrations) stand above every layer, and no layer imports them.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CAREERS = ROOT / "careers"
LAYERS = ("core", "plumbing", "catalog", "roadmap", "quiz", "web")  # bottom first
MAY_IMPORT = {
    "core": {"core"},
    "plumbing": {"plumbing"},
    "catalog": {"catalog", "plumbing", "core"},
    "roadmap": {"roadmap", "catalog", "plumbing", "core"},
    # Not the roadmap: a quiz answer's path runs down to the verdict and never back up (#25).
    "quiz": {"quiz", "catalog", "plumbing", "core"},
    "web": {"web", "quiz", "roadmap", "catalog", "plumbing", "core"},
}


def layer_of(module: str) -> str | None:
    """careers.catalog.models.skills → "catalog"; careers.urls → None (an entry point)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def imports(source: str, module: str) -> list[str]:
    """Every module the source imports, relative imports resolved against module."""
    found = []
    package = module.split(".")[:-1] if not module.endswith("__init__") else module.split(".")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from careers import quiz" names a layer; "from careers.quiz.state import X", a module
            names = [f"{base}.{alias.name}" for alias in node.names] if base == "careers" else []
            found += names or [base]
    return found


def violations(source: str, module: str) -> list[str]:
    """What this module imports that its layer may not."""
    layer = layer_of(module)
    if layer is None:
        return []
    wrong = []
    for name in imports(source, module):
        top = name.split(".")[0]
        if layer == "core" and top not in sys.stdlib_module_names and top != "careers":
            wrong.append(f"{module} imports {name}: the core is plain Python")
        elif top == "careers" and name != "careers":
            target = layer_of(name)
            if target not in MAY_IMPORT[layer]:
                wrong.append(f"{module} ({layer}) imports {name} ({target or 'an entry point'})")
    return sorted(set(wrong))


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


SOURCES = sorted(CAREERS.rglob("*.py"))


def test_every_module_of_careers_is_in_a_layer_or_an_entry_point():
    loose = [
        module_name(path)
        for path in SOURCES
        if layer_of(module_name(path)) is None
        and path.parent == CAREERS
        and path.stem
        not in {"__init__", "settings", "urls", "wsgi", "asgi", "apps", "models", "admin"}
    ]
    assert loose == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(CAREERS)))
def test_imports_only_run_down_the_layers(path):
    assert violations(path.read_text(), module_name(path)) == []


def test_the_core_folder_has_no_django_import():
    core = [path for path in SOURCES if layer_of(module_name(path)) == "core"]
    assert len(core) >= 3  # scoring, planning, charts at least
    for path in core:
        assert not any(
            name.split(".")[0] == "django" for name in imports(path.read_text(), module_name(path))
        ), path


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("careers.core.scoring", "from django.db import models", "the core is plain Python"),
        ("careers.core.scoring", "import numpy", "the core is plain Python"),
        ("careers.core.scoring", "from careers.catalog.models import Track", "(catalog)"),
        ("careers.catalog.loading", "from careers.roadmap.models import Assessment", "(roadmap)"),
        ("careers.roadmap.page", "from careers.web import pages", "(web)"),
        ("careers.plumbing.errors", "from careers.catalog import models", "(catalog)"),
        ("careers.quiz.steps", "from careers.urls import urlpatterns", "(an entry point)"),
        ("careers.catalog.models.skills", "from ...roadmap import models", "(roadmap)"),
        ("careers.catalog.admin", "from careers import quiz", "(quiz)"),
        ("careers.quiz.quick", "from careers.roadmap import assessments", "(roadmap)"),
        ("careers.quiz.state", "from careers import roadmap", "(roadmap)"),
        ("careers.roadmap.plans", "from careers.quiz.state import QuizState", "(quiz)"),
    ],
)
def test_an_import_up_the_layers_is_caught(module, source, expected):
    (found,) = violations(source, module)
    assert expected in found


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("careers.web.quiz_pages", "from careers.quiz.state import QuizState"),
        ("careers.web.quiz_pages", "from careers.roadmap.assessments import create_assessment"),
        ("careers.catalog.models.skills", "from .tracks import Track"),
        ("careers.core.planning", "from careers.core.scoring import LEVELS\nimport math"),
        ("careers.urls", "from careers.web import catalog_pages"),
    ],
)
def test_an_import_down_the_layers_is_allowed(module, source):
    assert violations(source, module) == []


def test_the_product_imports_nothing_of_the_tests_but_the_benchmarks_door():
    # The benchmark is a tool beside the product (tests/benchmark/); only `manage.py benchmark`
    # opens onto it, and nothing the site runs depends on it.
    importers = [
        module_name(path)
        for path in SOURCES
        if any(
            name.split(".")[0] == "tests" for name in imports(path.read_text(), module_name(path))
        )
    ]
    assert importers == ["careers.management.commands.benchmark"]
    assert not (CAREERS / "benchmark").exists()
