"""Excel lists: title block, header row(s), borders, widths, wrapped text, A4 print set-up.

``write_xlsx_list(path, *, title_lines, columns, rows=(), sections=None, landscape=True,
signature=None, header_left=None, header_right=None, footer_lines=None,
sheet_title="Danh sách", font_size=12) -> Path``

- ``columns``: ``[(header, width)]`` or ``[(header, width, group)]``; consecutive columns
  with the same ``group`` get a two-level header ("Năm sinh" over "Nam" | "Nữ"), the
  other headers are merged over both header rows.
- ``rows``: lists of values; or ``sections``: ``[(section_title, rows)]`` where each
  section title is a bold row merged across the table ("I. TẬP THỂ").
- ``title_lines``: str (the first bold 14 pt, the next bold 13 pt) or ``(text, {"bold",
  "italic", "size"})``; ``header_left`` / ``header_right``: the two-column paper header
  above the title (issuing body | national motto or "ĐẢNG CỘNG SẢN VIỆT NAM", place-date).
- ``signature``: lines placed under the table on the right (on behalf, title, blank
  lines, name); ``footer_lines``: lines under the table on the left (totals…).

Helpers: :func:`sections_from_groups` turns the grouped rows papers build into
``sections``; :func:`dienhinh_desktop.documents.profiles.xlsx_profile_parts` gives
``header_left``, ``header_right`` and ``signature`` in the office's profile;
:func:`a4_print_setup` is the print set-up of every sheet.

Every string is written as a text cell (``data_type == "s"``), never a formula: a name
beginning with "=" stays a name (and gets Excel's quote prefix, so editing the cell in
Excel keeps it text). Python ``int``/``float`` values (counts the program computed) stay
numbers. Times New Roman everywhere; A4 landscape, fit to one page wide, header rows
repeated on every printed page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}
_RISKY_START = ("=", "+", "-", "@")


def _font(size: float, bold: bool = False, italic: bool = False, underline: bool = False) -> Font:
    return Font(
        name=FONT_NAME, size=size, bold=bold, italic=italic, underline="single" if underline else None
    )


def set_text(cell: Cell, value: Any) -> None:
    """Write ``value`` into ``cell`` as text (numbers the program computed stay numbers)."""
    if value is None:
        cell.value = None
        return
    if isinstance(value, bool):
        value = "Có" if value else "Không"
    if isinstance(value, (int, float)):
        cell.value = value
        return
    text = str(value).translate(_ILLEGAL)
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever it starts with
    if text.startswith(_RISKY_START):
        cell.quotePrefix = True


def estimate_lines(text: Any, width: float, font_size: float = 12) -> int:
    """How many lines a wrapped cell needs (Excel and LibreOffice do not grow rows that a
    program wrote; a generous estimate is better than a clipped name)."""
    if text is None or text == "":
        return 1
    per_line = max(width * 1.15 * 11 / font_size - 1.5, 1)
    total = 0
    for line in str(text).split("\n"):
        total += max(1, -(-len(line) // int(per_line)))
    return total


def sections_from_groups(
    groups: Iterable[Mapping[str, Any]], keys: Sequence[str]
) -> list[tuple[str, list[list[Any]]]]:
    """``sections`` for :func:`write_xlsx_list` out of the grouped rows papers build
    (``[{"title", "rows": [dict]}]``): each row's values under ``keys``, in that order."""
    return [(g["title"], [[r[k] for k in keys] for r in g["rows"]]) for g in groups]


def a4_print_setup(
    ws: Worksheet, *, landscape: bool, header_top: int | None = None, header_bottom: int | None = None
) -> None:
    """A4, fit to one page wide; the header rows (when given) repeated on every printed page
    and frozen."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if header_top is not None and header_bottom is not None:
        ws.print_title_rows = f"{header_top}:{header_bottom}"
        ws.freeze_panes = ws.cell(row=header_bottom + 1, column=1)


def _line_spec(item: Any, default: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if isinstance(item, tuple):
        text, opts = item
        return str(text), {**default, **opts}
    return str(item), dict(default)


def write_xlsx_list(
    path: Path | str,
    *,
    title_lines: Sequence[Any],
    columns: Sequence[tuple[Any, ...]],
    rows: Iterable[Sequence[Any]] = (),
    sections: Sequence[tuple[str, Iterable[Sequence[Any]]]] | None = None,
    landscape: bool = True,
    signature: Sequence[str] | dict[str, str] | None = None,
    header_left: Sequence[str] | None = None,
    header_right: Sequence[str] | None = None,
    footer_lines: Sequence[str] | None = None,
    sheet_title: str = "Danh sách",
    font_size: float = 12,
) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    try:  # the workbook's default font (empty cells, new cells typed in Excel)
        wb._named_styles["Normal"].font = _font(font_size)
        wb._fonts[0] = _font(font_size)  # type: ignore[attr-defined]
    except (AttributeError, KeyError, IndexError, TypeError):
        pass
    ncols = len(columns)
    for idx, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = float(col[1])
    last_col = get_column_letter(ncols)
    row = 1

    def merged_line(
        text: str, opts: dict[str, Any], first: int = 1, last: int = ncols, height: float | None = None
    ):
        nonlocal row
        cell = ws.cell(row=row, column=first)
        set_text(cell, text)
        cell.font = _font(
            opts.get("size", font_size),
            opts.get("bold", False),
            opts.get("italic", False),
            opts.get("underline", False),
        )
        cell.alignment = Alignment(horizontal=opts.get("align", "center"), vertical="center", wrap_text=True)
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        if height:
            ws.row_dimensions[row].height = height

    # -- paper header: two columns (issuing body | motto), like the Word papers
    if header_left or header_right:
        split = max(2, min(ncols - 2, round(ncols * 0.4)))
        left = list(header_left or [])
        right = list(header_right or [])
        for i in range(max(len(left), len(right))):
            if i < len(left):
                merged_line(left[i], {"bold": i == len(left) - 1, "size": 13}, 1, split)
            if i < len(right):
                italic = i == len(right) - 1 and len(right) > 1 and "ngày" in right[i]
                merged_line(right[i], {"bold": not italic, "italic": italic, "size": 13}, split + 1, ncols)
            row += 1
        row += 1

    # -- title block
    for i, item in enumerate(title_lines):
        text, opts = _line_spec(item, {"bold": True, "size": 14 if i == 0 else 13})
        merged_line(text, opts, height=None if len(text) < 120 else 36)
        row += 1
    row += 1

    # -- header rows
    grouped = any(len(col) > 2 and col[2] for col in columns)
    header_top = row
    header_rows = 2 if grouped else 1
    col = 1
    while col <= ncols:
        spec = columns[col - 1]
        group = spec[2] if len(spec) > 2 else None
        if group:
            span = 1
            while (
                col + span <= ncols
                and len(columns[col + span - 1]) > 2
                and columns[col + span - 1][2] == group
            ):
                span += 1
            cell = ws.cell(row=header_top, column=col)
            set_text(cell, group)
            if span > 1:
                ws.merge_cells(
                    start_row=header_top, start_column=col, end_row=header_top, end_column=col + span - 1
                )
            for k in range(span):
                set_text(ws.cell(row=header_top + 1, column=col + k), columns[col + k - 1][0])
            col += span
        else:
            set_text(ws.cell(row=header_top, column=col), spec[0])
            if header_rows == 2:
                ws.merge_cells(start_row=header_top, start_column=col, end_row=header_top + 1, end_column=col)
            col += 1
    for r in range(header_top, header_top + header_rows):
        for c in range(1, ncols + 1):
            cell = ws.cell(row=r, column=c)
            cell.font = _font(font_size, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BOX
    header_bottom = header_top + header_rows - 1
    for r in range(header_top, header_bottom + 1):
        need = 1
        for c in range(1, ncols + 1):
            value = ws.cell(row=r, column=c).value
            lines = estimate_lines(value, float(columns[c - 1][1]), font_size)
            need = max(need, -(-lines // header_rows) if header_rows > 1 and r == header_top else lines)
        ws.row_dimensions[r].height = round(need * font_size * 1.32 + 4, 1)
    row = header_bottom + 1

    # -- body
    line_height = font_size * 1.32

    def data_row(values: Sequence[Any]) -> None:
        nonlocal row
        lines = 1
        for c in range(1, ncols + 1):
            cell = ws.cell(row=row, column=c)
            set_text(cell, values[c - 1] if c - 1 < len(values) else None)
            cell.font = _font(font_size)
            short = isinstance(cell.value, (int, float)) or (
                isinstance(cell.value, str) and len(cell.value) <= 6
            )
            cell.alignment = Alignment(
                horizontal="center" if short else "left", vertical="top", wrap_text=True
            )
            cell.border = BOX
            lines = max(lines, estimate_lines(cell.value, float(columns[c - 1][1]), font_size))
        ws.row_dimensions[row].height = round(lines * line_height + 4, 1)
        row += 1

    if sections is not None:
        for title, section_rows in sections:
            cell = ws.cell(row=row, column=1)
            set_text(cell, title)
            cell.font = _font(font_size, bold=True)
            cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
            for c in range(1, ncols + 1):
                ws.cell(row=row, column=c).border = BOX
            row += 1
            for values in section_rows:
                data_row(values)
    else:
        for values in rows:
            data_row(values)

    # -- under the table
    row += 1
    footer = list(footer_lines or [])
    if isinstance(signature, dict):
        signature = (
            [signature.get(k, "") for k in ("place_date", "on_behalf", "title")]
            + ["", "", ""]
            + [signature.get("name", "")]
        )
    sig = list(signature or [])
    split = max(2, min(ncols - 2, round(ncols * 0.5)))
    for i in range(max(len(footer), len(sig))):
        if i < len(footer):
            merged_line(footer[i], {"italic": True, "bold": False, "align": "left"}, 1, split)
        if i < len(sig) and sig[i]:
            merged_line(sig[i], {"bold": True}, split + 1, ncols)
        row += 1

    # -- print set-up: A4, landscape, fit to width, header rows repeated, margins of Decree 30
    a4_print_setup(ws, landscape=landscape, header_top=header_top, header_bottom=header_bottom)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = 0.79  # 20 mm (a landscape sheet is bound on the short side)
    ws.page_margins.right = 0.59
    ws.page_margins.top = 0.79
    ws.page_margins.bottom = 0.79
    ws.print_area = f"A1:{last_col}{max(row - 1, header_bottom)}"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path
