"""Bar charts for notices, drawn with Pillow in a CJK font so Chinese labels render.

The font is the first one found of ``FONT_CANDIDATES`` (or ``REPORTER_CJK_FONT``); without
one the chart cannot show Chinese, and a ``ToolError`` says how to install fonts.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from reporter.errors import ToolError

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/local/share/fonts/fandol/FandolHei-Regular.otf",
    "/usr/local/share/fonts/fandol/FandolFang-Regular.otf",
)
MAX_BARS = 40
WIDTH, BAR, GAP, LEFT, TOP = 1600, 34, 12, 320, 90
BLUE, RED, GREY, INK = (68, 114, 196), (192, 0, 0), (210, 210, 210), (40, 40, 40)


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value and whether it is highlighted (e.g. on the 黑榜)."""

    label: str
    value: Decimal
    highlight: bool = False


def cjk_font_path() -> Path:
    """A font file with Chinese glyphs, or a ToolError naming the install command."""
    override = os.environ.get("REPORTER_CJK_FONT")
    for candidate in ([override] if override else []) + list(FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ToolError("找不到中文字体，无法绘制图表。请以管理员身份运行 make system-deps"
                    "（或 apt-get install fonts-noto-cjk），也可用环境变量 REPORTER_CJK_FONT 指定字体文件")


def _shown(bars: list[Bar]) -> list[Bar | None]:
    """At most MAX_BARS bars: the best and the worst halves, None marking the gap."""
    if len(bars) <= MAX_BARS:
        return list(bars)
    half = MAX_BARS // 2
    return bars[:half] + [None] + bars[-half:]


def bar_chart_png(title: str, bars: list[Bar], maximum: Decimal, minimum: Decimal = Decimal(0)) -> bytes:
    """A horizontal bar chart, best first, as PNG bytes; the axis runs from ``minimum``
    (a score chart starting near the lowest score shows the differences)."""
    font_path = cjk_font_path()
    font = ImageFont.truetype(str(font_path), 26)
    title_font = ImageFont.truetype(str(font_path), 34)
    rows = _shown(bars)
    height = TOP + len(rows) * (BAR + GAP) + 40
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((WIDTH // 2, 40), title, font=title_font, fill=INK, anchor="mm")
    span = WIDTH - LEFT - 160
    top = maximum - minimum if maximum > minimum else Decimal(1)
    for index, bar in enumerate(rows):
        y = TOP + index * (BAR + GAP)
        if bar is None:
            draw.text((LEFT, y + BAR // 2), "……", font=font, fill=INK, anchor="lm")
            continue
        length = int(span * max(bar.value - minimum, Decimal(0)) / top)
        draw.text((LEFT - 16, y + BAR // 2), bar.label, font=font, fill=INK, anchor="rm")
        draw.rectangle((LEFT, y, LEFT + max(length, 2), y + BAR), fill=RED if bar.highlight else BLUE)
        draw.text((LEFT + length + 12, y + BAR // 2), f"{bar.value}", font=font, fill=INK, anchor="lm")
    draw.line((LEFT, TOP - 6, LEFT, height - 30), fill=GREY, width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
