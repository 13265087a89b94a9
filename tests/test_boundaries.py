"""The layering of DESIGN.md: outside libraries each in their own layer, our packages importing
downwards only, no import cycles."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reporter"

# library -> the modules or packages (paths relative to reporter/) allowed to import it
ALLOWED = {
    "click": {"cli/", "clitext.py"},
    "openpyxl": {"intake/", "publish/"},
    "docx": {"render/"},
    "docxtpl": {"render/"},
    "jinja2": {"render/"},
    "lxml": {"render/"},
    "pypdf": {"publish/"},
    "subprocess": {"publish/"},
    "PIL": {"intake/photos.py", "render/sanitize.py"},
    "flask": {"web/"},
    "werkzeug": {"web/"},
    "waitress": {"web/server.py"},
    "sqlalchemy": {"web/storage.py", "web/originals.py", "web/jobrows.py", "web/dump.py"},
}

# Layers of reporter itself: a layer may import the layers listed for it, and itself.
CORE = {"model", "cnfmt", "errors", "atomic", "zipfiles", "feedback", "vocabulary", "processes", "stopping", "printed"}
LAYERS = {
    "core": set(),
    "workspace": {"core"},
    "figures": {"core"},
    "render": {"core"},
    "publish": {"core", "figures"},
    "intake": {"core", "workspace", "publish"},
    "documents": {"core", "figures"},
    "learn": {"core"},
    "pipeline": {"core", "workspace", "figures", "render", "publish", "intake", "documents", "learn"},
    "web": {"core", "workspace", "pipeline"},
    "cli": {"core", "pipeline", "web", "clitext"},
    "clitext": set(),
    "launch": {"core", "cli"},
    "__main__": {"launch"},
    "__init__": set(),
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def layer_of(module: str) -> str:
    """The layer of a dotted module name inside reporter (``reporter.intake.build`` → intake)."""
    first = module.split(".")[1] if "." in module else "__init__"
    return "core" if first in CORE else first


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def our_modules(names: set[str]) -> set[str]:
    """The names that are modules of reporter (``from x import name`` may name a function)."""
    known = {module_name(p) for p in MODULES}
    return {n for n in names if n in known and n != "reporter"}


def allowed(relative: str, library: str) -> bool:
    return any(relative == rule or (rule.endswith("/") and relative.startswith(rule)) for rule in ALLOWED[library])


def test_the_walk_reads_every_layer_and_its_imports():
    """The checks below loop over MODULES and their imports: an empty walk would pass them all."""
    assert len(MODULES) > 100
    assert {layer_of(module_name(p)) for p in MODULES} == set(LAYERS)
    assert [p for p in MODULES if not imports_of(p) and p.name != "__init__.py"] == []
    assert sum(len(our_modules(imports_of(p))) for p in MODULES) > 200
    assert set(ALLOWED) <= {name.split(".")[0] for p in MODULES for name in imports_of(p)}


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE).as_posix() for p in MODULES])
def test_outside_libraries_stay_in_their_layer(path: Path):
    relative = path.relative_to(PACKAGE).as_posix()
    for name in imports_of(path):
        library = name.split(".")[0]
        if library in ALLOWED:
            assert allowed(relative, library), f"{relative} imports {library}"


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE).as_posix() for p in MODULES])
def test_layers_import_downwards_only(path: Path):
    own = layer_of(module_name(path))
    for name in our_modules(imports_of(path)):
        target = layer_of(name)
        assert target == own or target in LAYERS[own], f"{module_name(path)} ({own}) imports {name} ({target})"


def test_no_import_cycles():
    graph: dict[str, set[str]] = defaultdict(set)
    for path in MODULES:
        graph[module_name(path)] = our_modules(imports_of(path)) - {module_name(path)}
    assert len(graph) == len(MODULES) and sum(len(targets) for targets in graph.values()) > 200
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            cycle = trail[trail.index(node):] + [node]
            pytest.fail("import cycle: " + " → ".join(cycle))
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            visit(target, trail + [node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    assert done == set(graph)


def test_core_imports_only_core():
    core = [p for p in MODULES if layer_of(module_name(p)) == "core"]
    assert core and {module_name(p).split(".")[1] for p in core} == CORE  # each a module or a package
    for path in core:
        ours = our_modules(imports_of(path))
        assert all(layer_of(n) == "core" for n in ours), (module_name(path), ours)
    assert our_modules(imports_of(PACKAGE / "errors.py")) == set()


def test_only_the_cli_imports_click_and_nothing_imports_the_cli():
    """launch.py, the console entry, loads the CLI lazily so Ctrl-C during start-up is caught."""
    checked = 0
    for path in MODULES:
        relative = path.relative_to(PACKAGE).as_posix()
        if not relative.startswith("cli/") and relative not in ("__main__.py", "launch.py"):
            assert "reporter.cli" not in imports_of(path), relative
            checked += 1
    assert checked > 100
