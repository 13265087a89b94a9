"""File-level checks before a workbook is opened: format, encryption, damage and size.

Opening a hostile or broken file with openpyxl can take unbounded memory; these checks look
only at the first bytes and the zip directory, and say in Chinese what to do instead.
"""

from __future__ import annotations

import io
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
#: Names of the stream holding an Excel 97-2003 (BIFF) workbook in an OLE2 file, as they are
#: stored in its directory (UTF-16LE); WPS .et files use the same stream.
BIFF_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: A shared-strings part this big that holds far more strings than the sheets use is refused
#: before openpyxl parses it (32 MB of unused strings cost 14.9 s of CPU).
SHARED_STRINGS_FREE_BYTES = 1024 * 1024
SHARED_STRINGS_SPARE = 1000
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
    sheets = [i for i in infos if i.filename.startswith("xl/worksheets/sheet")]
    return _rows_problem(path, sheets, limits) or _unused_strings_problem(path, infos, sheets)


def _unused_strings_problem(path: Path, infos: list[zipfile.ZipInfo], sheets: list[zipfile.ZipInfo]) -> str | None:
    """Whether the shared strings hold far more entries than the sheets have string cells,
    counted by streaming both, before anything is parsed."""
    table = next((i for i in infos if i.filename.lower() == "xl/sharedstrings.xml"), None)
    if table is None or table.file_size <= SHARED_STRINGS_FREE_BYTES:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            entries = _count(archive, table, (b"<si>", b"<si ", b"<x:si>", b"<x:si "))
            used = sum(_count(archive, sheet, (b't="s"', b"t='s'")) for sheet in sheets)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "文件已损坏或不完整（可能传输中断），请重新保存后报送"
    if entries > 2 * used + SHARED_STRINGS_SPARE:
        return (f"文件内含 {table.file_size // 1024 // 1024} MB 表格中没有用到的文字（{entries} 条，只用到 {used} 处），"
                "已拒绝打开，请在 Excel 或 WPS 中另存一份后重新报送")
    return None


def _count(archive: zipfile.ZipFile, info: zipfile.ZipInfo, needles: tuple[bytes, ...]) -> int:
    """How often any of ``needles`` occurs in a part, streamed in chunks."""
    found, tail = 0, b""
    keep = max(len(n) for n in needles) - 1
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            found += sum(data.count(n) for n in needles)
            tail = data[-keep:]
            found -= sum(tail.count(n) for n in needles)
    return found


def content_kind(data: bytes) -> str:
    """What an upload is by its content, whatever its name says: "xlsx" (an Office Open XML
    workbook), "biff" (an Excel 97-2003 or WPS .et workbook in an OLE2 file), "encrypted"
    (an OLE2 file holding an encrypted workbook), "ods" (an OpenDocument spreadsheet, zipped),
    "other" (a zip of something else, XML, HTML, text, anything)."""
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                    return "ods" if archive.read("mimetype").strip() == ODS_MIMETYPE else "other"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "other"
        return "other"
    if data.startswith(OLE2_MAGIC):
        if ENCRYPTION_STREAM in data:
            return "encrypted"
        return "biff" if any(stream in data for stream in BIFF_STREAMS) else "other"
    return "other"


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
