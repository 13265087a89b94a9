"""The benchmark scripts of ``make bench`` compile: a slip in one would only show after the
minutes the benchmarks before it take."""

from __future__ import annotations

import py_compile
from pathlib import Path

import pytest

SCRIPTS = sorted((Path(__file__).resolve().parent.parent / "scripts").glob("*.py"))


def test_there_are_bench_scripts():
    assert any(path.name.startswith("bench") for path in SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_script_compiles(script: Path, tmp_path: Path):
    py_compile.compile(str(script), cfile=str(tmp_path / "compiled.pyc"), doraise=True)
