"""The ``reporter`` command line: parses options, calls the pipeline, prints in Chinese.

The only module that imports click; ``ReporterError`` becomes a message and an exit code
in one place (``ReporterGroup.invoke``), and so does any other error: a fault of reporter
itself, shown as 内部错误 with a report file for its maintainers (exit 70).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shlex
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from reporter import __version__, pipeline
from reporter.errors import EXIT_TOOL, INTERRUPTED, InternalError, ReporterError

T = TypeVar("T")

workspace_option = click.option(
    "-w", "--workspace", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default="当前文件夹", help="工作目录（含 inputs/、templates/、outputs/）")
period_option = click.option(
    "--period", metavar="年-月", default=None,
    help="报送期，如 2018-10（读 inputs/2018-10/）；不写则用配置文件中的 period")


class ChineseUsageError(click.UsageError):
    """A usage error shown with a Chinese explanation (click's own detail kept after it)."""

    def show(self, file=None) -> None:
        click.echo(f"命令用法有误：{self.format_message()}", err=True)
        click.echo("运行 reporter --help（或 reporter 命令名 --help）查看用法；"
                   "-w 目录 写在命令名之后，如 reporter check -w 目录。", err=True)


def _chinese(error: click.UsageError) -> ChineseUsageError:
    return error if isinstance(error, ChineseUsageError) else ChineseUsageError(error.format_message(), error.ctx)


class ReporterGroup(click.Group):
    """A click group that shows a ``ReporterError`` as Chinese lines and exits with its code."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as e:
            raise _chinese(e) from e

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            raise _chinese(e) from e
        except ReporterError as e:
            for line in e.lines():
                click.echo(line, err=True)
            ctx.exit(e.exit_code)
        except OSError as e:
            # Anything the pipeline did not explain itself (disk full, no permission …).
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"{where}文件读写失败（{e.strerror or e}）：磁盘可能已满或没有权限。"
                       "本次没有写入任何文件，原有文件保持不变。", err=True)
            ctx.exit(EXIT_TOOL)
        except KeyboardInterrupt:
            click.echo(INTERRUPTED.rstrip("\n"), err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as e:
            internal = InternalError(e, crash_report(e))
            for line in internal.lines():
                click.echo(line, err=True)
            ctx.exit(internal.exit_code)


def crash_report(error: BaseException) -> str | None:
    """Write what the maintainers need about an unexpected error (version, command line,
    traceback) to a new file in the system's temporary folder; its path, or ``None`` when
    it cannot be written."""
    text = "".join([
        f"reporter {__version__} internal error report\n",
        f"time: {dt.datetime.now().isoformat(timespec='seconds')}\n",
        f"command: {shlex.join(sys.argv)}\n",
        f"python: {sys.version.split()[0]} on {platform.platform()}\n\n",
        *traceback.format_exception(error),
    ])
    try:
        handle, path = tempfile.mkstemp(prefix="reporter-error-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as report:
            report.write(text)
    except OSError:
        return None
    return path


def progress(items: Iterable[T], label: str) -> Iterator[T]:
    """A progress bar on standard error for batches of more than one item."""
    items = list(items)
    if len(items) < 2:
        yield from items
        return
    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


@click.group(cls=ReporterGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reporter", message="reporter %(version)s")
def cli() -> None:
    """reporter：把部门、街道报送的数据汇总成规范公文。"""


@cli.command()
@workspace_option
@period_option
def forms(workspace: Path, period: str | None) -> None:
    """为每个单位生成个性化填报表（outputs/forms/单位简称.xlsx）；加 --period 时旁附上期数值供参考。"""
    written = pipeline.build_forms(workspace, progress, period)
    folder = written[0].parent if written else workspace / "outputs" / "forms"
    click.echo(f"已生成 {len(written)} 份填报表：{folder}")


@cli.command()
@workspace_option
@period_option
def check(workspace: Path, period: str | None) -> None:
    """检查 inputs/ 中各单位报回的填报表，列出全部问题和未报单位。"""
    result = pipeline.check_inputs(workspace, progress, period=period)
    for problem in result.problems:
        click.echo(str(problem))
    campaign = result.campaign
    total = len(campaign.units)
    reported = total - len(result.missing_units)
    click.echo(f"共检查 {len(result.files)} 个文件，"
               + (f"发现 {len(result.problems)} 处问题，请按上面的提示修改。" if result.problems else "未发现问题。"))
    click.echo(f"{campaign.period.label}应报单位 {total} 个，已报 {reported} 个，未报 {total - reported} 个。")
    if result.missing_units:
        click.echo("未报单位：" + "、".join(u.short for u in result.missing_units))
    if result.problems:
        sys.exit(1)


@cli.command()
@workspace_option
@click.option("--allow-missing", is_flag=True,
              help="有单位或月份未报送时也生成（草稿，缺数处标为〔缺数〕〔N个单位未报〕〔缺某月〕）")
@period_option
def report(workspace: Path, allow_missing: bool, period: str | None) -> None:
    """汇总各单位数据，生成工作情况汇报及其数据来源表。"""
    result = pipeline.build_report(workspace, allow_missing, progress, period)
    for warning in result.warnings:
        click.echo(f"提醒：{warning}", err=True)
    for path in result.written:
        click.echo(f"已生成：{path}")


@cli.command()
@workspace_option
@period_option
def tasks(workspace: Path, period: str | None) -> None:
    """生成责任分解表、各单位任务清单和任务推进情况表。"""
    written = pipeline.build_tasks(workspace, progress, period)
    click.echo(f"已生成 {len(written)} 个文件：{written[0]} 等")


@cli.command()
@workspace_option
@click.option("--round", "round_number", type=int, default=None, help="第几轮督查（默认最近一轮）")
def notice(workspace: Path, round_number: int | None) -> None:
    """生成督查通报、各单位整改通知书和督查问题台账。"""
    written = pipeline.build_notice(workspace, round_number, progress)
    click.echo(f"已生成 {len(written)} 个文件：{written[0]} 等")


@cli.command()
@workspace_option
@click.option("--date", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="催报日期，格式 年-月-日（默认今天）")
def remind(workspace: Path, as_of: dt.datetime | None) -> None:
    """生成催报通知（outputs/催报通知.docx），并打印一段可直接发到工作群的催报文字。"""
    reminder = pipeline.build_reminder(workspace, as_of.date() if as_of else None, progress)
    if reminder.document is None:
        click.echo("各单位均已报送且检查无误，无需催报。")
        return
    click.echo(f"已生成：{reminder.document}", err=True)
    click.echo(reminder.text)


@cli.command(name="pdf")
@workspace_option
@click.option("--force", is_flag=True, help="全部重新转换（默认只转换新生成或有改动的文档）")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def pdf_command(workspace: Path, force: bool, files: tuple[Path, ...]) -> None:
    """把 outputs/ 中的 Word 文档转换为 PDF（需要 LibreOffice）。"""
    written = pipeline.build_pdfs(workspace, list(files), force, progress)
    click.echo(f"已转换 {len(written)} 个 PDF。" if written else "PDF 都是最新的，无需转换。")


@cli.command()
@workspace_option
def booklet(workspace: Path) -> None:
    """把全部 PDF 合订为 outputs/汇编.pdf：封面、目录、书签，每份文件从奇数页开始（需要 LibreOffice）。"""
    click.echo(f"已生成：{pipeline.build_booklet(workspace, progress)}")


@cli.command()
@workspace_option
@click.argument("template", type=click.Path(path_type=Path))
def lint(workspace: Path, template: Path) -> None:
    """检查一个 Word 模板：语法、变量名、被拆开的标签、中文引号。"""
    problems = pipeline.lint(workspace, template)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"模板有 {len(problems)} 处问题。")
        sys.exit(1)
    click.echo("模板检查通过。")


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """新建一个工作目录：配置文件、填报表母版、汇报起步模板和 Makefile。"""
    written = pipeline.init_workspace(directory)
    for path in written:
        click.echo(f"已创建：{path}")
    click.echo(f"下一步：修改 {directory / 'inputs' / '配置.toml'}，然后运行 reporter forms -w {directory}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reporter")
