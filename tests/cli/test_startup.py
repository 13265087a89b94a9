"""A light start: the command line loads no heavy library until a command needs it, so
``reporter --help`` and usage errors answer at once (timed by scripts/bench_startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAVY = ("openpyxl", "docx", "docxtpl", "pypdf", "lxml", "PIL", "jinja2", "defusedxml")

# Runs the command line (arguments after the first) in a fresh interpreter and prints which
# of the heavy modules (the first argument) it loaded.
PROBE = """
import json, sys
from reporter.cli import cli
try:
    cli(sys.argv[2:], prog_name="reporter")
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[1].split()))
print(json.dumps(heavy), file=sys.stderr)
"""


def loaded_by(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, " ".join(HEAVY), *args], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_importing_the_command_line_loads_no_heavy_library():
    probe = ("import sys, reporter.cli, reporter.launch;"
             f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [["--help"], ["report", "--help"], ["--version"], ["没有这个命令"],
                                  ["notice", "--round", "x"]])
def test_cheap_commands_load_no_heavy_library(args: list[str]):
    assert loaded_by(*args) == []


def test_a_real_command_still_finds_its_libraries(tmp_path: Path):
    """The lazy pipeline hands out the same functions as before: init writes a workspace."""
    assert "openpyxl" in loaded_by("init", str(tmp_path / "新活动"))
    assert (tmp_path / "新活动" / "inputs" / "配置.toml").is_file()
