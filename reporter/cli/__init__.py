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
from collections.abc import Iterable, Iterator, Sized
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from reporter import __version__, clitext, pipeline, stopping
from reporter.feedback import Step
from reporter.errors import (
    EXIT_TOOL,
    INTERRUPTED,
    InternalError,
    Problem,
    ReporterError,
    os_reason,
)

T = TypeVar("T")


clitext.install()

from reporter.cli.options import (  # noqa: E402  (after clitext.install, which sets click's wording)
    WORKSPACE_TYPE,
    no_wait_option,
    period_option,
    workspace_option,
)
from reporter.cli.serving import backup, links, restore, serve  # noqa: E402


class ReporterGroup(click.Group):
    """A click group that shows a ``ReporterError`` as Chinese lines and exits with its code."""

    context_class = clitext.ReporterContext
    command_class = clitext.ReporterCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as e:
            raise clitext.chinese(e) from e

    def invoke(self, ctx: click.Context) -> Any:
        # A command waiting for the workspace says so on standard error (each invocation anew).
        pipeline.LOCK_WAITING.wait = True
        pipeline.LOCK_WAITING.tell = lambda line: click.echo(line, err=True)
        pipeline.NOTES.tell = lambda line: click.echo(line, err=True)  # notes beside the results
        try:
            with stopping.armed():  # where a stop signal stops the command (see reporter.stopping)
                return super().invoke(ctx)
        except click.UsageError as e:
            raise clitext.chinese(e) from e
        except ReporterError as e:
            if stopping.received() is not None:  # whatever the stop broke on its way out
                _stopped(ctx)
            for line in e.lines():
                click.echo(line, err=True)
            ctx.exit(e.exit_code)
        except OSError as e:
            if stopping.received() is not None:
                _stopped(ctx)
            # Anything the pipeline did not explain itself (disk full, no permission …).
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"{where}文件读写失败（{os_reason(e)}）：请检查磁盘空间和文件权限。"
                       "本次没有写入任何文件，原有文件保持不变。", err=True)
            ctx.exit(EXIT_TOOL)
        except KeyboardInterrupt as e:  # Ctrl-C, or SIGTERM or SIGHUP (``stopping.Stopped``)
            _stopped(ctx, e)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as e:
            if stopping.received() is not None:  # e.g. a library cut short by the stop
                _stopped(ctx)
            internal = InternalError(e, crash_report(e))
            for line in internal.lines():
                click.echo(line, err=True)
            ctx.exit(internal.exit_code)


def _stopped(ctx: click.Context, stop: BaseException | None = None) -> NoReturn:
    """End a command that a stop signal interrupted: the interrupted message and exit code
    128 + the signal (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP), never an internal error."""
    try:
        click.echo(INTERRUPTED.rstrip("\n"), err=True)
    except OSError:  # the terminal is gone (SIGHUP)
        pass
    ctx.exit(stopping.exit_code(stop))


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


def show_proofreading(notices: Iterable[Problem]) -> None:
    """The proofreading notices on what a command wrote, one line each on standard error
    (they change neither the files written nor the exit code)."""
    for notice in notices:
        click.echo(f"校对：{notice}", err=True)


def progress(items: Iterable[T], label: str) -> Iterator[T]:
    """A progress bar on standard error for batches of more than one item; an item that is a
    ``Step`` shows its words beside the bar. Items of a sized iterable are shown as they come."""
    sized = items if isinstance(items, Sized) else list(items)
    if len(sized) < 2:
        yield from sized
        return
    words: list[str | None] = [None]

    def shown(item: object) -> str | None:  # the last item's words stay when the bar is done
        if isinstance(item, Step):
            words[0] = item.shown() or None
        return words[0]

    with click.progressbar(sized, label=label, file=sys.stderr, show_pos=True, item_show_func=shown) as bar:
        yield from bar


@click.group(name="reporter", cls=ReporterGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reporter", message="reporter %(version)s")
@click.option("-w", "--workspace", type=WORKSPACE_TYPE, default=None, metavar="目录",
              help="工作目录，对其后的命令有效（也可写在命令名之后）；默认当前文件夹")
def cli(workspace: Path | None) -> None:
    """reporter：把部门、街道报送的数据汇总成规范公文。"""


@cli.command()
@workspace_option
@no_wait_option
@period_option
def forms(workspace: Path, period: str | None) -> None:
    """为每个单位生成个性化填报表（outputs/forms/年-月/单位简称.xlsx，每月一个文件夹）；
    加 --period 时生成该月的填报表，旁附上期数值供参考。"""
    written = pipeline.build_forms(workspace, progress, period)
    folder = written[0].parent if written else workspace / "outputs" / "forms"
    click.echo(f"已生成 {len(written)} 份填报表：{folder}")
    click.echo(f"各单位填好交回后，放进 {workspace / 'inputs' / folder.name}（文件夹名即报送期），再运行 reporter check。")


@cli.command()
@workspace_option
@period_option
def check(workspace: Path, period: str | None) -> None:
    """检查 inputs/ 中各单位报回的填报表，列出全部问题和未报单位；汇报模板用到累计、上期、同期时，
    这些月份的填报表一并检查。"""
    from reporter.pipeline.check_lines import check_lines

    result = pipeline.check_inputs(workspace, progress, period=period)
    for line in check_lines(result):
        click.echo(line)
    if result.every_problem:
        sys.exit(1)


@cli.command()
@workspace_option
@no_wait_option
@click.option("--allow-missing", is_flag=True,
              help="有单位或月份未报送时也生成，但只生成草稿 outputs/工作情况汇报（草稿）.docx（页眉标“草稿”，"
                   "缺数处标为〔缺数〕〔N个单位未报〕〔缺某月〕），不改动正式的汇报")
@period_option
def report(workspace: Path, allow_missing: bool, period: str | None) -> None:
    """汇总各单位数据，生成工作情况汇报及其数据来源表。"""
    result = pipeline.build_report(workspace, allow_missing, progress, period)
    for warning in result.warnings:
        click.echo(f"提醒：{warning}", err=True)
    for path in result.written:
        click.echo(f"已生成：{path}")
    show_proofreading(result.proofreading)


@cli.command()
@workspace_option
@no_wait_option
@period_option
def tasks(workspace: Path, period: str | None) -> None:
    """生成责任分解表、各单位任务清单和任务推进情况表。"""
    built = pipeline.build_tasks(workspace, progress, period)
    click.echo(f"已生成 {len(built.written)} 个文件：{built.written[0]} 等")
    show_proofreading(built.proofreading)


@cli.command()
@workspace_option
@no_wait_option
@click.option("--round", "round_number", type=int, metavar="轮次", default=None, help="第几轮督查（默认最近一轮）")
def notice(workspace: Path, round_number: int | None) -> None:
    """生成督查通报、各单位整改通知书和督查问题台账。"""
    built = pipeline.build_notice(workspace, round_number, progress)
    click.echo(f"已生成 {len(built.written)} 个文件：{built.written[0]} 等")
    show_proofreading(built.proofreading)


@cli.command()
@workspace_option
@no_wait_option
@click.option("--date", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="年-月-日",
              help="催报日期，格式 年-月-日（默认今天）")
@period_option
def remind(workspace: Path, as_of: dt.datetime | None, period: str | None) -> None:
    """生成催报通知（outputs/催报通知.docx），并打印一段可直接发到工作群的催报文字。
    用网上填报时，最近一次上传未通过检查的单位列为“报送有误”。"""
    from reporter.web.status import refused_uploads

    day = as_of.date() if as_of else dt.date.today()
    refused = {} if period else refused_uploads(workspace, day)  # the server takes the configured period
    reminder = pipeline.build_reminder(workspace, day, progress, refused, period)
    if reminder.document is None:
        click.echo("各单位均已报送且检查无误，无需催报。")
        return
    click.echo(f"已生成：{reminder.document}", err=True)
    click.echo(reminder.text)


for command in (links, serve, backup, restore):
    cli.add_command(command)


@cli.command(name="pdf")
@workspace_option
@no_wait_option
@click.option("--force", is_flag=True, help="全部重新转换（默认只转换新生成或有改动的文档）")
@click.option("--idle-seconds", type=click.IntRange(1, 86400), default=None, metavar="秒",
              help="LibreOffice 连续多少秒没有任何输出即终止（不限总时长；默认 300 秒，也可在配置文件中设定）")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="[文件]...")
def pdf_command(workspace: Path, force: bool, idle_seconds: int | None, files: tuple[Path, ...]) -> None:
    """把 outputs/ 中的 Word 文档转换为 PDF（需要 LibreOffice）。"""
    written = pipeline.build_pdfs(workspace, list(files), force, progress, idle_seconds)
    click.echo(f"已转换 {len(written)} 个 PDF。" if written else "PDF 都是最新的，无需转换。")


@cli.command()
@workspace_option
@no_wait_option
def booklet(workspace: Path) -> None:
    """把全部 PDF 合订为 outputs/汇编.pdf：封面、目录、书签，每份文件从奇数页开始（需要 LibreOffice）。"""
    click.echo(f"已生成：{pipeline.build_booklet(workspace, progress)}")


@cli.command()
@workspace_option
@period_option
@click.argument("template", type=click.Path(path_type=Path), metavar="模板")
def lint(workspace: Path, period: str | None, template: Path) -> None:
    """检查一个 Word 模板：先查写法（全部语法错误、变量名、过滤器），再按工作目录的数据试排，
    找出生成时才会遇到的问题（汇报、责任分解表、督查通报等按模板文件名区分）；
    上期、累计、同期等往期还没有填报表时，用虚拟数据代替。"""
    result = pipeline.lint(workspace, template, period)
    for problem in result.problems:
        click.echo(str(problem))
    for notice in result.notices:
        click.echo(f"提示：{notice}")
    for note in result.notes:
        click.echo(f"说明：{note}")
    if result.problems:
        click.echo(f"模板有 {len(result.problems)} 处问题。")
        sys.exit(1)
    click.echo("模板检查通过。")


@cli.command()
@workspace_option
@no_wait_option
def palette(workspace: Path) -> None:
    """按当前配置重新生成模板素材（templates/docx/模板素材.docx）：全部变量和常用写法，
    每个标签旁边是它用虚拟数据写出的效果，可直接复制到汇报模板中。修改配置文件后运行。"""
    click.echo(f"已生成：{pipeline.build_palette(workspace)}")


@cli.command()
@click.option("--apply", "apply_dir", type=WORKSPACE_TYPE, default=None, metavar="目录",
              help="把 指标核对.xlsx 中改好的名称、数值和由谁填报写入该目录的配置文件，并重新生成填报表")
@period_option
@click.argument("source", required=False, type=click.Path(dir_okay=False, path_type=Path), metavar="上月汇报.docx")
@click.argument("directory", required=False, type=WORKSPACE_TYPE, metavar="目录")
@click.pass_context
def learn(ctx: click.Context, apply_dir: Path | None, period: str | None, source: Path | None,
          directory: Path | None) -> None:
    """从上月的汇报（.docx）新建工作目录：找出文中每个数字，生成配置、模板和指标核对表 指标核对.xlsx；
    改好核对表后运行 reporter learn --apply 目录。"""
    if apply_dir is not None:
        for path in pipeline.apply_review(apply_dir):
            click.echo(f"已生成：{path}")
        click.echo(f"下一步：reporter report -w {apply_dir}（各单位填报的指标需先收回填报表）")
        return
    if source is None or directory is None:
        raise clitext.ChineseUsageError("请写出上月汇报和要新建的工作目录，如 reporter learn 上月汇报.docx 我的活动", ctx)
    learnt = pipeline.learn_workspace(source, directory, period)
    click.echo(f"找到 {len(learnt.report.figures)} 个数字，报送期 {learnt.period.label}。")
    for path in learnt.written:
        click.echo(f"已创建：{path}")
    click.echo(f"下一步：reporter report -w {directory} 即可重现这份汇报；在 {directory / '指标核对.xlsx'} 中"
               f"改名称、写明由谁填报后运行 reporter learn --apply {directory}")


@cli.command()
@click.option("-w", "--workspace", type=WORKSPACE_TYPE, default=None, metavar="目录",
              help="要新建的工作目录（也可直接写在命令名之后，或用 reporter -w 目录 init）")
@click.argument("directory", required=False, type=WORKSPACE_TYPE, metavar="[目录]")
@click.pass_context
def init(ctx: click.Context, workspace: Path | None, directory: Path | None) -> None:
    """新建一个工作目录：配置文件、填报表母版、汇报起步模板、模板素材和 Makefile。"""
    directory = directory or workspace or ctx.find_root().params.get("workspace")
    if directory is None:
        raise clitext.ChineseUsageError("请写出要新建的工作目录，如 reporter init 我的活动", ctx)
    written = pipeline.init_workspace(directory)
    for path in written:
        click.echo(f"已创建：{path}")
    click.echo(f"下一步：修改 {directory / 'inputs' / '配置.toml'}，然后运行 reporter forms -w {directory}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reporter")
