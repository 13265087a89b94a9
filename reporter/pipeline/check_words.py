"""The words every check summary is made of, for ``reporter check``, the board and the earlier
months' lines alike: how many files were checked and what was found, how many units reported."""

from __future__ import annotations


def files_clause(files: int, problems: int) -> str:
    """共检查 22 个文件，未发现问题 (or 发现 3 处问题): the words every check summary uses."""
    return f"共检查 {files} 个文件，" + (f"发现 {problems} 处问题" if problems else "未发现问题")


def units_clause(total: int, missing: int) -> str:
    """应报单位 19 个，已报 17 个，未报 2 个."""
    return f"应报单位 {total} 个，已报 {total - missing} 个，未报 {missing} 个"
