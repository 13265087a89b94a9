"""The layout of the test suite: packages mirroring reporter/, every folder a package, one
basename for each test module, and no test module importing another one (shared helpers live
in a conftest.py or in a helper module that is not a test module)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _test_modules() -> list[Path]:
    return sorted(TESTS.rglob("test_*.py"))


def _imported_modules(path: Path) -> set[str]:
    """The dotted names of the modules ``path`` imports, at any depth of its code (``from
    tests.web import test_x`` gives ``tests.web.test_x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_suite_has_test_modules_in_packages():
    modules = _test_modules()
    assert len(modules) > 100
    assert len({p.parent for p in modules}) > 10


def test_no_test_module_imports_another():
    imports = {}
    for path in _test_modules():
        bad = sorted(name for name in _imported_modules(path)
                     if name.startswith("tests.") and name.rsplit(".", 1)[-1].startswith("test_"))
        if bad:
            imports[path.relative_to(TESTS).as_posix()] = bad
    assert imports == {}, "put what is shared in a conftest.py or a helper module"


def test_no_two_test_modules_share_a_basename():
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in _test_modules():
        by_name[path.name].append(path.relative_to(TESTS).as_posix())
    assert by_name
    assert {name: paths for name, paths in by_name.items() if len(paths) > 1} == {}


def test_every_test_folder_is_a_package():
    folders = {p.parent for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts}
    assert TESTS in folders and len(folders) > 10
    assert sorted(f.relative_to(TESTS.parent).as_posix() for f in folders if not (f / "__init__.py").is_file()) == []
