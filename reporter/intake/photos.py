"""Whether an inspection photo can go into the documents: a real, whole image of a sane size.

The size is read from the image's header before anything is decoded, so a small file that
would expand to gigabytes of pixels is refused without decoding it. A JPEG is then decoded at
an eighth of its size (every byte is still read), so a truncated file is found cheaply; other
formats are verified. Pillow's own warnings never reach the user: the answer is a message.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

MAX_PIXELS = 64_000_000  # 8000×8000: more than any phone or camera photo
FORMATS = ("PNG", "JPEG", "GIF", "BMP")
UNUSABLE = "不是可用的图片，请使用 JPG 或 PNG 格式的照片"


def photo_problem(path: Path) -> str | None:
    """Why the photo at ``path`` cannot be used (a message ending the sentence “照片“名称”…”),
    or None when it can."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked below
        try:
            with Image.open(path) as image:
                if image.format not in FORMATS:
                    return UNUSABLE
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return _too_large(width, height)
                if image.format == "JPEG":
                    image.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))
                    image.load()
                else:
                    image.verify()
        except Image.DecompressionBombError:
            return _too_large(0, 0)
        except OSError as e:
            if "truncated" in str(e):
                return "不完整（文件被截断，可能没有传完），请重新拷贝原照片"
            return UNUSABLE
        except (SyntaxError, ValueError, MemoryError):
            return UNUSABLE
    return None


def _too_large(width: int, height: int) -> str:
    size = f"（{width}×{height} 像素）" if width else ""
    return (f"过大{size}，超过 {MAX_PIXELS // 10000} 万像素，请用手机或画图工具缩小后再放入"
            "（一般照片在 1200 万像素左右）")

