"""The command line's own words in Chinese: click's messages translated, help pages laid out
in Chinese, usage errors told in Chinese.

Click passes every text it shows (help headings, usage errors) through ``gettext`` and
``ngettext``; ``CATALOGUE`` maps each of click's English texts to its Chinese, keeping click's
``{placeholders}`` (without ``!r``: the Chinese quotes values itself). ``translate`` and
``translate_plural`` are what the command line installs in click's modules in their place.
A text missing here stays English; the test of Chinese-only output finds it.

``install`` puts the catalogue in place; ``ReporterCommand`` and ``ReporterContext`` give
usage lines and help headings their Chinese form; ``chinese`` turns any usage error of click
into a ``ChineseUsageError``, which shows itself in Chinese.
"""

from __future__ import annotations

from typing import IO, Any

import click

CATALOGUE = {
    # Help pages.
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本说明并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（运行时确定）",
    "deprecated": "已停用",
    "required": "必填",
    # Usage errors.
    "Error: {message}": "命令用法有误：{message}",
    "Try '{command} {option}' for help.": "运行 {command} {option} 查看用法。",
    "Missing command.": "缺少命令名。",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是以下之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多出了参数（{args}），请删去或检查空格和引号",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}），请删去或检查空格和引号",
    "Option {name!r} requires an argument.": "选项 {name} 后面要写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 后面要写 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name} 后面不能写值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 要写 {nargs} 个值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值有误：{message}",
    "Invalid value: {message}": "值有误：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Takes {nargs} values but 1 was given.": "要写 {nargs} 个值，只写了 1 个。",
    "Takes {nargs} values but {len} were given.": "要写 {nargs} 个值，写了 {len} 个。",
    "Value must be an iterable.": "应写成一组值。",
    "{value!r} is not {choice}.": "“{value}”不是可选的值，只能是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是可选的值，应为 {choices} 之一。",
    "Choose from:\n\t{choices}": "可选：{choices}",
    # reporter's only date option takes 年-月-日; click would show strptime's %Y-%m-%d.
    "{value!r} does not match the format {format}.": "“{value}”不是日期，请写成 年-月-日（如 2018-11-27）。",
    "{value!r} does not match the formats {formats}.": "“{value}”不是日期，请写成 年-月-日（如 2018-11-27）。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是数字，请写阿拉伯数字（如 3）。",
    "{value} is not in the range {range}.": "{value} 超出了允许的范围 {range}。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是是否值，应为 {states} 之一。",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的编号。",
    "{len_type} values are required, but {len_value} was given.": "要写 {len_type} 个值，写了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.": "要写 {len_type} 个值，写了 {len_value} 个。",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在，请检查路径。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，这里要写文件夹。",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，这里要写文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”没有读取权限。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”没有写入权限。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不能运行。",
    "Could not open file {filename!r}: {message}": "打不开文件“{filename}”：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "integer": "整数",
    "float": "数字",
    "Aborted!": "已中止。",
    "unknown error": "未知错误",
    "Error: invalid input": "输入有误",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不再询问，直接执行。",
    "Repeat for confirmation": "请再输入一次确认",
    "Error: The two entered values do not match.": "两次输入不一致。",
    "Press any key to continue...": "按任意键继续…",
}


def translate(message: str) -> str:
    """Click's ``message`` in Chinese (unchanged when the catalogue lacks it)."""
    return CATALOGUE.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    """Click's singular or plural ``message`` for ``count``, in Chinese."""
    return translate(singular if count == 1 else plural)


def install() -> None:
    """Click's own texts (help headings, usage errors) in Chinese: click looks each up through
    ``gettext``/``ngettext`` in its modules' namespace, where the catalogue is put instead."""
    for module in (click.core, click.exceptions, click.parser, click.types, click.decorators,
                   click.formatting, click.termui):
        names = vars(module)
        names["_"] = translate
        if "ngettext" in names:
            names["ngettext"] = translate_plural


class ChineseHelpFormatter(click.HelpFormatter):
    """Click's help layout with headings ending in a full-width colon (选项：)."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class ReporterContext(click.Context):
    """A click context that writes help pages in Chinese layout."""

    formatter_class = ChineseHelpFormatter


class ReporterCommand(click.Command):
    """A command whose usage line reads in Chinese (reporter check [选项])."""

    context_class = ReporterContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class ChineseUsageError(click.UsageError):
    """A usage error shown in Chinese: what is wrong, the command's usage line, where to read more."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"命令用法有误：{self.format_message()}", err=True)
        ctx = self.ctx
        if ctx is not None:
            click.echo(ctx.get_usage(), err=True)
        path = ctx.command_path if ctx is not None else "reporter"
        more = "" if path == "reporter" else f"运行 {path} --help 查看这个命令的用法，"
        click.echo(f"{more}运行 reporter --help 查看全部命令。", err=True)


def chinese(error: click.UsageError) -> ChineseUsageError:
    """``error`` as a usage error shown in Chinese."""
    if isinstance(error, ChineseUsageError):
        return error
    message = error.format_message()
    param = getattr(error, "param", None)
    if isinstance(error, click.MissingParameter) and param is not None:
        # Click's "Missing argument 'X'." puts the name between English punctuation.
        if isinstance(param, click.Argument):
            message = f"缺少参数“{param.metavar or param.name}”"
        else:
            message = f"缺少选项 {'/'.join(param.opts)}"
    # Click joins its sentence and its suggestion with a space.
    return ChineseUsageError(message.replace("。 ", "。"), error.ctx)
