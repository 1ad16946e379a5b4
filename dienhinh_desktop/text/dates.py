"""Dates the Vietnamese way: dd/mm/yyyy in tables, "ngày 05 tháng 02 năm 2026" in documents.

The long form follows Decree 30/2020/NĐ-CP (Appendix I): a day below 10 and the months
1 and 2 are written with a leading zero ("ngày 05 tháng 02", "ngày 15 tháng 3",
"ngày 09 tháng 12").
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .normalize import fold, nfc

__all__ = ["fmt_date", "long_date", "parse_date", "place_date"]


def _as_date(d: date | datetime) -> date:
    return d.date() if isinstance(d, datetime) else d


def fmt_date(d: date | datetime | None) -> str:
    """dd/mm/yyyy ("05/02/2026"); ``None`` gives ``""``."""
    if d is None:
        return ""
    d = _as_date(d)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def long_date(d: date | datetime | None) -> str:
    """The long form "ngày 05 tháng 02 năm 2026" (Decree 30 zero rule); ``None`` gives ``""``."""
    if d is None:
        return ""
    d = _as_date(d)
    day = f"{d.day:02d}" if d.day < 10 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def place_date(place: str | None, d: date | datetime) -> str:
    """The place-and-date line of a document: "Tân Lập, ngày 05 tháng 02 năm 2026".
    Without a place the line starts with a capital: "Ngày 05 tháng 02 năm 2026"."""
    place = nfc(place)
    text = long_date(d)
    if not place:
        return text[:1].upper() + text[1:]
    return f"{place}, {text}"


_TIME = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DMY_RE = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})" + _TIME + "$")
_YMD_RE = re.compile(r"^(\d{4})([\-/.])(\d{1,2})\2(\d{1,2})" + _TIME + "$")
# Matched on the folded text: "ngày 05 tháng 02 năm 2026" -> "ngay 05 thang 02 nam 2026".
_LONG_RE = re.compile(r"^(?:.*?,\s*)?(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:,\s*)?nam\s*(\d{4})\.?$")


def _full_year(y: str) -> int:
    if len(y) == 4:
        return int(y)
    yy = int(y)
    pivot = (date.today().year + 10) % 100
    return 2000 + yy if yy <= pivot else 1900 + yy


def parse_date(s: str | date | datetime | None) -> date:
    """Read a date typed by a person: "5/2/2026", "05/02/2026", "05-02-2026", "05.02.2026",
    "2026-02-05", "ngày 05 tháng 02 năm 2026", "05 tháng 02 năm 2026" (also with a place in
    front, without accents, any case; a two-digit year is read as 19xx/20xx). A ``date`` is
    returned as is. Raises ``ValueError`` with a Vietnamese message when it is not a date."""
    if isinstance(s, datetime):
        return s.date()
    if isinstance(s, date):
        return s
    text = nfc(s)
    if not text:
        raise ValueError("Chưa nhập ngày (cần dạng dd/mm/yyyy, ví dụ 05/02/2026).")
    low = text.lower()
    parts: tuple[int, int, int] | None = None
    if m := _DMY_RE.match(low):
        parts = (int(m.group(1)), int(m.group(3)), _full_year(m.group(4)))
    elif m := _YMD_RE.match(low):
        parts = (int(m.group(4)), int(m.group(3)), int(m.group(1)))
    elif m := _LONG_RE.match(fold(text)):
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if parts is None:
        raise ValueError(f"Không đọc được ngày “{text}” (cần dạng dd/mm/yyyy, ví dụ 05/02/2026).")
    day, month, year = parts
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            f"Ngày “{text}” không có thật (ngày {day}, tháng {month}, năm {year}); cần dạng dd/mm/yyyy."
        ) from None
