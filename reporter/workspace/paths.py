"""The workspace folder: where a campaign's configuration, templates, inputs and outputs live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reporter.errors import UsageError
from reporter.model import Campaign, Source
from reporter.workspace.reading import read_campaign

CONFIG_NAME = "配置.toml"
TASKS_NAME = "责任分解表.xlsx"


@dataclass(frozen=True)
class Workspace:
    """A folder laid out as a reporter workspace, and the campaign configured in it.

    ``campaign`` is read from ``inputs/配置.toml`` on first use and kept for the life of the
    object, so a command that opens the workspace once reads its configuration once.
    """

    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / "inputs" / CONFIG_NAME

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def tasks_path(self) -> Path:
        """The office's filled 标准与责任分解表."""
        return self.root / "inputs" / TASKS_NAME

    @property
    def inspections(self) -> Path:
        """The folder of inspection round workbooks (and their photos)."""
        return self.root / "inputs" / "督查"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @property
    def xlsx_templates(self) -> Path:
        return self.root / "templates" / "xlsx"

    @property
    def docx_templates(self) -> Path:
        return self.root / "templates" / "docx"

    @cached_property
    def campaign(self) -> Campaign:
        """The configured campaign, read and validated once; an InputError listing every problem."""
        return read_campaign(self.config_path, self.relative(self.config_path))

    def submissions_dir(self, campaign: Campaign) -> Path:
        """The folder where the units' filled workbooks of the period are collected."""
        return self.inputs / campaign.period.key

    def source(self, path: Path) -> Source:
        """``path`` with the name users see for it."""
        return Source(path, self.relative(path))

    def relative(self, path: Path) -> str:
        """A path as users see it in messages: relative to the workspace when inside it."""
        try:
            return readable(path.resolve().relative_to(self.root.resolve()).as_posix())
        except ValueError:
            return readable(str(path))


def readable(path: str) -> str:
    """``path`` as text that can be shown and written into documents.

    A file name that is not UTF-8 (a zip made on Chinese Windows, unpacked on Linux) reaches
    Python with its bytes escaped; each such part of the path is decoded as GBK when it is GBK,
    else shown with its bytes written as \\xNN.
    """
    parts = []
    for part in path.split("/"):
        try:
            part.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(part)
            try:
                part = raw.decode("gbk")
            except UnicodeDecodeError:
                part = raw.decode("utf-8", "backslashreplace")
        parts.append(part)
    return "/".join(parts)


def open_workspace(root: str | Path) -> Workspace:
    """The workspace at ``root``; a usage error when it has no configuration."""
    ws = Workspace(Path(root))
    if not ws.config_path.is_file():
        raise UsageError(f"{ws.root}: 不是 reporter 工作目录（缺少 inputs/{CONFIG_NAME}），"
                         "请用 -w 指定工作目录，或用 reporter init 新建")
    return ws


def load_campaign(ws: Workspace) -> Campaign:
    """The campaign of ``ws`` (``ws.campaign``: read once, however often this is called)."""
    return ws.campaign
