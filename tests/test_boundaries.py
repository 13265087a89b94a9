"""The layering of DESIGN.md: each outside library is imported in one place only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reporter"

# library -> the modules (paths relative to reporter/) allowed to import it
ALLOWED = {
    "click": {"cli.py"},
    "openpyxl": {"forms/"},
    "docx": {"render.py", "batchrender.py", "docstyle.py", "templatebuild.py"},
    "docxtpl": {"render.py", "batchrender.py"},
    "jinja2": {"render.py", "batchrender.py", "lint.py"},
    "pypdf": {"pdf.py"},
    "subprocess": {"pdf.py"},
}
CORE = {"model.py", "cnfmt.py", "errors.py"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def allowed(relative: str, library: str) -> bool:
    return any(relative == rule or (rule.endswith("/") and relative.startswith(rule)) for rule in ALLOWED[library])


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE).as_posix() for p in MODULES])
def test_outside_libraries_stay_in_their_layer(path: Path):
    relative = path.relative_to(PACKAGE).as_posix()
    for name in imports_of(path):
        library = name.split(".")[0]
        if library in ALLOWED:
            assert allowed(relative, library), f"{relative} imports {library}"


@pytest.mark.parametrize("name", sorted(CORE))
def test_core_imports_nothing_above_it(name: str):
    path = PACKAGE / name
    ours = {n for n in imports_of(path) if n.startswith("reporter")}
    if name == "errors.py":
        assert ours == set()
    else:
        assert ours <= {"reporter.errors"}, ours


def test_only_the_cli_imports_click_and_nothing_imports_the_cli():
    """launch.py, the console entry, loads the CLI lazily so Ctrl-C during start-up is caught."""
    for path in MODULES:
        relative = path.relative_to(PACKAGE).as_posix()
        if relative not in ("cli.py", "__main__.py", "launch.py"):
            assert "reporter.cli" not in imports_of(path), relative
