"""``-w DIR`` works written before the command name (as with ``git -C``) or after it, for every
command; written in both places, the one after the command name counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter.cli import cli
from tests.conftest import run

# Each command that works in a workspace, with the arguments it needs besides -w.
WORKSPACE_COMMANDS = {
    "forms": [], "check": [], "report": [], "tasks": [], "notice": [], "remind": [],
    "pdf": [], "booklet": [], "lint": ["模板.docx"], "links": [], "serve": [], "palette": [],
    "backup": [],
}
# The commands that make a new workspace from something else.
CREATING_COMMANDS = {"init", "learn", "restore"}


def test_every_command_is_covered():
    assert set(cli.commands) == {*WORKSPACE_COMMANDS, *CREATING_COMMANDS}  # type: ignore[attr-defined]


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
@pytest.mark.parametrize("command", sorted(WORKSPACE_COMMANDS))
def test_workspace_reaches_every_command(tmp_path: Path, command: str, before: bool):
    """A folder that is no workspace is refused by name: the command looked exactly there."""
    folder = tmp_path / "不是工作目录"
    folder.mkdir()
    extra = WORKSPACE_COMMANDS[command]
    args = ["-w", folder, command, *extra] if before else [command, "-w", folder, *extra]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert f"{folder}: 不是 reporter 工作目录" in result.output


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_check_runs_in_the_workspace_given(example_ws: Path, before: bool):
    args = ["-w", example_ws, "check"] if before else ["check", "-w", example_ws]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "共检查 22 个文件，未发现问题。" in result.output


def test_after_the_command_name_wins(example_ws: Path, tmp_path: Path):
    result = run("-w", tmp_path, "check", "-w", example_ws)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("how", ["before", "after", "argument"])
def test_init_takes_its_directory_any_way(tmp_path: Path, how: str):
    target = tmp_path / "新活动"
    args = {"before": ["-w", target, "init"], "after": ["init", "-w", target], "argument": ["init", target]}[how]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert (target / "inputs" / "配置.toml").is_file()
