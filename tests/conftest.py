"""Shared fixtures and helpers: copies of the example workspace (private, or built once per run
and shared read-only), the CLI runner, the text of a .docx, the LibreOffice and validator gates,
and the hypothesis profiles."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import docx
import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from reporter.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


# --- hypothesis profiles ------------------------------------------------------------------------
#
# HYPOTHESIS_PROFILE=ci (set by .ci/run) runs every property test with its full number of
# examples; dev, the default, runs a quarter of them so that `make test` stays quick.

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, max_examples=25)
settings.load_profile(PROFILE)


def examples(full: int) -> int:
    """The number of examples for a property test that runs ``full`` of them under the ci
    profile: a quarter of it (at least 10) under dev."""
    return full if PROFILE == "ci" else min(full, max(10, full // 4))


# --- the command line and documents -------------------------------------------------------------


def run(*args: str | Path) -> Result:
    """``reporter ARGS`` through click's test runner; the result has exit_code and output."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def ctrl_c_as_at_a_terminal() -> None:
    """``preexec_fn`` of a child that a test interrupts with SIGINT: Ctrl-C reaches it as at a
    terminal even when the test run itself was started as a background job (which ignores it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def docx_paragraphs(path: Path) -> list[str]:
    """The text of each body paragraph of a .docx, in order."""
    return [p.text for p in docx.Document(path).paragraphs]


def docx_cells(path: Path) -> list[str]:
    """The text of each table cell of a .docx, table by table, row by row (a merged cell
    once for each grid cell it covers)."""
    document = docx.Document(path)
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def docx_text(path: Path) -> str:
    """All the text of a .docx: its paragraphs, then its table cells, one per line."""
    return "\n".join(docx_paragraphs(path) + docx_cells(path))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to show a run changed nothing."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- workspaces ---------------------------------------------------------------------------------


def copy_example(target: Path) -> Path:
    """The example workspace's inputs and templates copied to ``target``."""
    for name in ("inputs", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture
def example_ws(tmp_path: Path) -> Path:
    """A copy of the example workspace (inputs and templates) that a test may change."""
    return copy_example(tmp_path / "ws")


def _digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for name, data in snapshot(folder).items():
        sha.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return sha.hexdigest()


def _built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name`` made by ``build`` once per test run.

    Under pytest-xdist the workers share one copy: the first to need it builds it while the
    others wait on a lock, in the run's own temporary folder (never one of another run).
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = factory.mktemp(name)
        build(folder)
        return folder
    shared = factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if folder.exists():  # a worker failed half-way: start again
                shutil.rmtree(folder)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def _read_only(folder: Path):
    """Yields ``folder``, then fails the test run if anything in it was changed."""
    before = _digest(folder)
    yield folder
    assert _digest(folder) == before, f"a test changed the shared workspace {folder}"


def _build_example(ws: Path) -> None:
    copy_example(ws)
    for command in ("forms", "report", "tasks", "notice"):
        result = run(command, "-w", ws)
        assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def built_ws(tmp_path_factory: pytest.TempPathFactory):
    """The example workspace after ``reporter forms``, ``report``, ``tasks`` and ``notice``,
    built once per run and shared: only look at it (copy it with ``built_copy`` to change it)."""
    yield from _read_only(_built_once(tmp_path_factory, "built", _build_example))


#: The documents converted in ``pdf_ws``: the report, the notice with its rectification
#: notices, and the breakdown table (not the per-unit task lists).
PDF_DOCUMENTS = ("工作情况汇报.docx", "督查通报.docx", "责任分解表.docx", "整改通知/*.docx")


def missing(variable: str, reason: str) -> NoReturn:
    """Skips the test for what this machine lacks (``reason``), or fails it when CI requires
    it: ``variable`` set to 1, as .ci/run sets the REPORTER_REQUIRE_* variables."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{variable}=1 but {reason}")
    pytest.skip(reason)


def require_soffice() -> str:
    """The LibreOffice binary; skips without it, fails when CI requires it
    (REPORTER_REQUIRE_LIBREOFFICE=1). Usable from fixtures of any scope."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        missing("REPORTER_REQUIRE_LIBREOFFICE", "LibreOffice (soffice) is not installed")
    return binary


@pytest.fixture
def soffice() -> str:
    """The LibreOffice binary; skips without it, fails when CI requires it."""
    return require_soffice()


@pytest.fixture(scope="session")
def pdf_ws(tmp_path_factory: pytest.TempPathFactory, built_ws: Path):
    """``built_ws`` with the PDFs of PDF_DOCUMENTS (reporter pdf), built once per run and
    shared read-only. Needs LibreOffice."""
    require_soffice()

    def build(ws: Path) -> None:
        shutil.copytree(built_ws, ws, dirs_exist_ok=True)
        documents = sorted(d for pattern in PDF_DOCUMENTS for d in (ws / "outputs").glob(pattern))
        result = run("pdf", "-w", ws, *documents)
        assert result.exit_code == 0, result.output

    yield from _read_only(_built_once(tmp_path_factory, "pdf", build))


def private_copy(shared: Path, target: Path) -> Path:
    """A copy of a shared workspace that a test may change (modification times kept, so
    outputs stay newer than their inputs, PDFs than their documents)."""
    shutil.copytree(shared, target, symlinks=True)
    return target


@pytest.fixture
def built_copy(tmp_path: Path, built_ws: Path) -> Path:
    """A private copy of ``built_ws``: the example workspace with every document already
    generated, for tests that change it."""
    return private_copy(built_ws, tmp_path / "ws")


# --- the Open XML SDK validator -----------------------------------------------------------------

VALIDATOR = ROOT / "node_modules" / ".bin" / "ooxml-validator"


@pytest.fixture
def ooxml_validator():
    """A function asserting a file passes the Open XML SDK validator; skips without it
    unless REPORTER_REQUIRE_VALIDATOR=1 (as in CI)."""
    import json
    import subprocess

    if not VALIDATOR.exists():
        missing("REPORTER_REQUIRE_VALIDATOR", "the Open XML SDK validator is not installed (npm install)")

    def validate(path: Path) -> None:
        run = subprocess.run([str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=120, check=False)
        report = json.loads(run.stdout)
        assert run.returncode == 0 and report["ok"], report["errors"][:5]

    return validate


def make_template(path: Path, paragraphs: list, table: list[list[str]] | None = None,
                  header: str | None = None) -> Path:
    """A plain .docx template: paragraphs are strings, or lists of (text, bold) runs; an
    optional table of cell texts and header text."""
    document = docx.Document()
    for content in paragraphs:
        paragraph = document.add_paragraph()
        runs = [(content, False)] if isinstance(content, str) else content
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    document.save(path)
    return path


@pytest.fixture
def umask_027() -> Iterator[None]:
    """A umask (027) that differs from every explicit file mode reporter asks for, for the test."""
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


def mode_of(path: Path) -> int:
    """The permission bits of ``path`` (0o640 and the like)."""
    return stat.S_IMODE(path.stat().st_mode)
