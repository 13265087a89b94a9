"""Which names may become file names: unit short names name their forms and documents."""

from __future__ import annotations

import unicodedata

from reporter.workspace.names import INVISIBLE

WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {
    f"LPT{i}" for i in range(1, 10)}
MAX_NAME_BYTES = 150


def safe_file_stem(name: str) -> str | None:
    """Why ``name`` cannot be used as a file name inside ``outputs/``, or None when it can."""
    normal = unicodedata.normalize("NFKC", name)
    if not normal.strip():
        return "不能为空"
    if any(ch in normal for ch in '/\\:*?"<>|') or any(ord(ch) < 32 for ch in normal):
        return "不能含有 / \\ : * ? \" < > | 或控制字符"
    if normal.startswith((".", "~")):
        return "不能以“.”或“~”开头（会成为隐藏文件或临时文件，检查时被跳过）"
    if INVISIBLE.search(name):
        return "不能含有看不见的字符（如零宽空格）"
    if normal.strip(".") == "" or ".." in normal:
        return "不能含有“..”"
    if normal != normal.rstrip(". "):
        return "不能以句点或空格结尾"
    if normal.split(".")[0].upper() in WINDOWS_RESERVED:
        return "是 Windows 保留名称"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"过长（不超过 {MAX_NAME_BYTES // 3} 个汉字）"
    return None
