"""What the dark colour scheme may change: colours, and nothing else.

The browser tests run axe-core's full WCAG rule set on each page in the light scheme and only its
colour rules on the same page in the dark one (tests/e2e/helpers.py, axe_in_both_schemes). That
is sound only while the dark scheme changes nothing but colours; this keeps it so.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = sorted((ROOT / "careers" / "static" / "careers").glob("*.css"))
DARK = "@media (prefers-color-scheme: dark)"
COLOUR = re.compile(r"#[0-9a-f]{3,8}|var\(--[a-z0-9-]+(, #[0-9a-f]{3,8})?\)")


def dark_blocks(css: str) -> list[str]:
    """The text inside each dark-scheme @media block."""
    blocks = []
    for match in re.finditer(re.escape(DARK) + r"\s*\{", css):
        depth, start = 1, match.end()
        end = start
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        blocks.append(css[start : end - 1])
    return blocks


def declarations(block: str) -> list[tuple[str, str]]:
    """(property, value) of every declaration in the rules of a block."""
    found = []
    for body in re.findall(r"\{([^{}]*)\}", block):
        for declaration in filter(None, (part.strip() for part in body.split(";"))):
            name, _, value = declaration.partition(":")
            found.append((name.strip(), value.strip()))
    return found


def test_the_dark_scheme_changes_colours_only():
    checked = 0
    for sheet in STYLESHEETS:
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.S)
        assert "light-dark(" not in css, f"{sheet.name}: light-dark() changes with the scheme"
        for block in dark_blocks(css):
            for name, value in declarations(block):
                assert name.startswith("--"), f"{sheet.name}: the dark scheme sets {name}"
                assert COLOUR.fullmatch(value), f"{sheet.name}: {name}: {value} is not a colour"
                checked += 1
    assert checked > 10, "no dark-scheme colours found: has the stylesheet moved?"


def test_nothing_but_the_stylesheets_asks_for_the_colour_scheme():
    sources = [*(ROOT / "templates").rglob("*.html"), *(ROOT / "careers").rglob("*.js"),
               *(ROOT / "careers").rglob("*.py")]  # fmt: skip
    asking = [str(path.relative_to(ROOT)) for path in sources
              if "prefers-color-scheme" in path.read_text()]  # fmt: skip
    assert asking == []


def test_the_check_sees_a_dark_block_that_changes_more_than_colours():
    css = f"{DARK} {{ :root {{ --bg: #000; }} .card {{ padding: 0; }} }}"
    assert declarations(dark_blocks(css)[0]) == [("--bg", "#000"), ("padding", "0")]
