"""File-level checks before a workbook is opened: format, encryption, damage and size.

Opening a hostile or broken file with openpyxl can take unbounded memory; these checks look
only at the first bytes and the zip directory, and say in Chinese what to do instead.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）再报送"
OTHER_FORMATS = {
    ".xls": "是旧版 Excel 97-2003 格式（.xls）",
    ".et": "是 WPS 表格格式（.et）",
    ".ett": "是 WPS 表格模板格式（.ett）",
    ".xlsb": "是 Excel 二进制格式（.xlsb）",
    ".xlsm": "是启用宏的工作簿（.xlsm）",
    ".ods": "是 OpenDocument 表格格式（.ods）",
    ".csv": "是 CSV 文本文件",
}
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/spreadsheetml/main"


@dataclass(frozen=True)
class Limits:
    """Bounds on what a workbook may expand to before it is refused unopened."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_unpacked_bytes: int = 60 * 1024 * 1024
    max_parts: int = 2000
    max_ratio: int = 200
    max_rows: int = 20000


def container_problem(path: Path, limits: Limits = Limits()) -> str | None:
    """Why the file at ``path`` cannot be opened as a form workbook, or None when it can."""
    if path.is_dir():
        return "是一个文件夹，不是 Excel 文件，请把它改名或移走，放入要报送的 .xlsx 文件"
    suffix = path.suffix.lower()
    if suffix in OTHER_FORMATS:
        return f"{OTHER_FORMATS[suffix]}，{SAVE_AS_XLSX}"
    if suffix != ".xlsx":
        return f"不是 Excel 工作簿（扩展名为“{path.suffix or '无'}”），请报送 .xlsx 文件"
    size = path.stat().st_size
    if size == 0:
        return "文件是空的（0 字节），请重新保存后报送"
    if size > limits.max_file_bytes:
        return f"文件过大（{size // 1024 // 1024} MB），填报表通常不超过 1 MB，请核对是否报错了文件"
    with path.open("rb") as f:
        head = f.read(65536)
    if head.startswith(OLE2_MAGIC):
        if ENCRYPTION_STREAM in head:
            return "工作簿设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存再报送"
        return f"实际是旧版 .xls 格式（只是扩展名改成了 .xlsx），{SAVE_AS_XLSX}"
    if not head.startswith(ZIP_MAGIC):
        return f"不是 Excel 工作簿（文件内容不是 .xlsx 格式），{SAVE_AS_XLSX}"
    return _zip_problem(path, limits)


def _zip_problem(path: Path, limits: Limits) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "文件已损坏或不完整（可能传输中断），请重新保存后报送"
    names = {info.filename for info in infos}
    missing = [part for part in REQUIRED_PARTS if part not in names]
    if missing:
        return f"文件缺少必要部分（{missing[0]}），已损坏，请重新保存后报送"
    if len(infos) > limits.max_parts:
        return f"文件内部结构异常（{len(infos)} 个部件），已拒绝打开"
    unpacked = sum(info.file_size for info in infos)
    packed = max(sum(info.compress_size for info in infos), 1)
    if unpacked > limits.max_unpacked_bytes or unpacked > limits.max_ratio * packed + 1024 * 1024:
        return (f"文件解压后达 {unpacked // 1024 // 1024} MB，远超正常填报表，已拒绝打开"
                "（可能是异常文件），请核对后重新报送")
    if _is_strict(path):
        return ("是“Strict Open XML 电子表格”格式，本系统读不了，请在 Excel 中“另存为”"
                "“Excel 工作簿（*.xlsx）”后报送")
    return _rows_problem(path, [i for i in infos if i.filename.startswith("xl/worksheets/sheet")], limits)


def _is_strict(path: Path) -> bool:
    """Whether the workbook is saved as Strict Open XML (namespaces openpyxl does not read)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("xl/workbook.xml") as stream:
            return STRICT_NAMESPACE in stream.read(4096)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return False


def _rows_problem(path: Path, sheets: list[zipfile.ZipInfo], limits: Limits) -> str | None:
    """Counts the rows of every worksheet by streaming its XML, before anything is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in sheets:
                rows, tail = 0, b""
                with archive.open(info) as stream:
                    while chunk := stream.read(1 << 20):
                        data = tail + chunk
                        rows += data.count(b"<row ") + data.count(b"<x:row ")
                        tail = data[-6:]
                        rows -= tail.count(b"<row ") + tail.count(b"<x:row ")
                        if rows > limits.max_rows:
                            return (f"工作表有超过 {limits.max_rows} 行数据，远超填报表的正常范围，已拒绝打开，"
                                    "请删除多余的行后重新报送")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "文件已损坏或不完整（可能传输中断），请重新保存后报送"
    return None
