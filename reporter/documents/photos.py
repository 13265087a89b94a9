"""Photos of problems as documents show them: each picture with its caption naming the unit,
the place and the day it was taken (the day of the inspection that recorded it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reporter import cnfmt
from reporter.figures.scoring import ProblemRecord
from reporter.model import Campaign, ImageRef

#: Width of a problem's photo in the 156 mm type area: two thirds of it, so that a photo, its
#: caption and the problem's text fit in a third of a page.
PHOTO_WIDTH_MM = 75


def caption(unit: str, place: str, day: dt.date | None) -> str:
    """A photo's caption: 西城街道　中央大街18号（2018年11月20日）."""
    where = "\u3000".join(part for part in (unit, place) if part)
    return f"{where}（{cnfmt.cn_date(day)}）" if day else where


def captioned_photos(campaign: Campaign, record: ProblemRecord) -> list[dict[str, Any]]:
    """The photos of a problem (from every finding of it, in order), each as ``{"图": ImageRef,
    "说明": caption}``; the caption names the problem's unit, its place and the finding's day."""
    unit = campaign.unit(record.first.unit_code).short
    photos = []
    for finding in record.history:
        for name in finding.photos:
            photos.append({"图": ImageRef(PHOTO_WIDTH_MM, path=str(Path(finding.photo_dir) / name)),
                           "说明": caption(unit, finding.place or record.first.place, finding.date)})
    return photos
