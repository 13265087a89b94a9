"""The exception tree of reporter: every error a user can see, with its exit code.

Each error knows how to show itself in Chinese; the CLI catches ``ReporterError`` once.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_TOOL = 3
EXIT_INTERNAL = 70

INTERRUPTED = "\n已中断：本次没有写入任何文件，原有文件保持不变。\n"


# A problem is shown on one line: line breaks and tabs inside quoted values are made visible.
ONE_LINE = str.maketrans({"\n": "↵", "\r": "", "\t": " ", "\v": " ", "\f": " ", "\u2028": "↵", "\u2029": "↵"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, addressed as precisely as possible.

    ``path`` is the file (relative to the workspace where possible), ``sheet`` and ``cell``
    narrow it down inside a workbook, ``where`` is any other address (a key path in the
    configuration, a paragraph in a template).
    """

    path: str
    message: str
    sheet: str | None = None
    cell: str | None = None
    where: str | None = None

    def __str__(self) -> str:
        if self.sheet and self.cell:
            place = f"{self.path}:{self.sheet}!{self.cell}"
        elif self.sheet:
            place = f"{self.path}:{self.sheet}"
        elif self.where:
            place = f"{self.path}: {self.where}"
        else:
            place = self.path
        return f"{place}: {self.message}".translate(ONE_LINE)


class ReporterError(Exception):
    """Base of every error reporter shows to a user; ``exit_code`` says how the run ends."""

    exit_code = EXIT_INPUT

    def lines(self) -> list[str]:
        """The message as lines to print."""
        return [str(self)]


class InputError(ReporterError):
    """Inputs, configuration or templates need fixing; carries every problem found."""

    def __init__(self, problems: list[Problem], summary: str = ""):
        self.problems = list(problems)
        self.summary = summary
        super().__init__(summary or (str(problems[0]) if problems else "输入有误"))

    def lines(self) -> list[str]:
        out = [str(p) for p in self.problems]
        if self.summary:
            out.append(self.summary)
        return out


class UsageError(ReporterError):
    """The command was called wrongly (a missing workspace, an unknown option value)."""

    exit_code = EXIT_USAGE


class ToolError(ReporterError):
    """An outside tool (LibreOffice) is missing, failed or timed out."""

    exit_code = EXIT_TOOL


class InternalError(ReporterError):
    """A fault in reporter itself, never the user's: shown as 内部错误 with the report file
    (traceback, version, command line) to pass on to whoever maintains reporter."""

    exit_code = EXIT_INTERNAL

    def __init__(self, error: BaseException, report: str | None):
        self.error = error
        self.report = report
        super().__init__(f"内部错误：{type(error).__name__}: {error}")

    def lines(self) -> list[str]:
        out = [f"内部错误：reporter 自身出现故障（{type(self.error).__name__}: {self.error}），不是您的输入或模板有误。"]
        if self.report:
            out.append(f"详细情况已写入 {self.report}，请把这个文件发给 reporter 的维护人员。")
        else:
            out.append("未能写入故障报告文件，请把本窗口的全部文字发给 reporter 的维护人员。")
        return out


# Why the system refused to read or write a file, for the errors users can do something about.
OS_REASONS = {
    errno.ENOSPC: "磁盘已满", errno.EDQUOT: "磁盘配额已用完", errno.EACCES: "没有权限",
    errno.EPERM: "没有权限", errno.EROFS: "磁盘是只读的", errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中有一段不是文件夹", errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被其他程序使用", errno.ETXTBSY: "文件正被其他程序使用",
    errno.ENAMETOOLONG: "文件名太长", errno.EMFILE: "同时打开的文件太多", errno.EIO: "磁盘读写出错",
}


def os_reason(error: OSError) -> str:
    """Why ``error`` happened, in Chinese (the system's error number when it is not a common one)."""
    return OS_REASONS.get(error.errno or 0, f"系统错误代码 {error.errno}")
