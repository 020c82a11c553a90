"""Small functions where the next changes land (issue 25): every function of careers/ outside the
migrations is at most 40 lines long and of cyclomatic complexity at most 15, as radon counts it
(each branch, loop, boolean operator and comprehension's condition adds one)."""

import ast
from pathlib import Path

import pytest
from radon.complexity import cc_visit
from radon.visitors import Function

CAREERS = Path(__file__).resolve().parent.parent / "careers"
SOURCES = sorted(p for p in CAREERS.rglob("*.py") if "migrations" not in p.parts)
MOST_LINES = 40
MOST_COMPLEXITY = 15


def functions(blocks) -> list[Function]:
    """Every function radon found (its blocks list methods beside their classes), and the
    functions defined inside them."""
    found = []
    for block in blocks:
        if isinstance(block, Function):
            found += [block, *functions(block.closures)]
    return found


def too_complex(source: str) -> list[str]:
    return [
        f"{f.fullname} (line {f.lineno}): complexity {f.complexity}"
        for f in functions(cc_visit(source))
        if f.complexity > MOST_COMPLEXITY
    ]


def too_long(source: str) -> list[str]:
    return [
        f"{node.name} (line {node.lineno}): {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MOST_LINES
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(CAREERS)))
def test_every_function_is_short_and_simple(path):
    source = path.read_text()
    assert too_long(source) + too_complex(source) == []


def test_the_check_sees_a_long_or_tangled_function_and_a_method():
    branches = "\n".join(f"    if x == {n}:\n        return {n}" for n in range(16))
    tangled = f"class A:\n  def m(self, x):\n{branches.replace('    ', '      ')}\n"
    assert too_complex(tangled) == ["A.m (line 2): complexity 17"]
    long = "def f():\n" + "    x = 1\n" * 40
    assert too_long(long) == ["f (line 1): 41 lines"]
    assert too_long("def f():\n" + "    x = 1\n" * 39) == []
