"""Options shared by the commands of ``reporter``: the workspace (before or after the command
name), ``--no-wait`` and ``--period``."""

from __future__ import annotations

from pathlib import Path

import click

from reporter import pipeline


def _workspace(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """The workspace: ``-w`` after the command name, else ``-w`` before it, else the current folder."""
    if value is not None:
        return value
    before = ctx.find_root().params.get("workspace")
    return before if before is not None else Path(".")


WORKSPACE_HELP = "工作目录（含 inputs/、templates/、outputs/）；写在命令名之前或之后都可以"
WORKSPACE_TYPE = click.Path(file_okay=False, path_type=Path)

workspace_option = click.option(
    "-w", "--workspace", type=WORKSPACE_TYPE, default=None, callback=_workspace, metavar="目录",
    show_default="当前文件夹", help=WORKSPACE_HELP)


def _no_wait(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        pipeline.LOCK_WAITING.wait = False
    return value


no_wait_option = click.option(
    "--no-wait", is_flag=True, expose_value=False, callback=_no_wait,
    help="工作目录正被另一个命令使用时不等待，说明是谁在用后立即退出（退出码 75）")
period_option = click.option(
    "--period", metavar="年-月", default=None,
    help="报送期，如 2018-10（读 inputs/2018-10/）；不写则用配置文件中设定的报送期")
