"""Read a decision that came back as a plain file (.docx, .xlsx, .xls).

When the level above does not use this program, its decision arrives as a Word or Excel
file: the decision itself, often followed by "Danh sách … (Kèm theo Quyết định số … ngày
… của …)". :func:`read_decision_file` finds

- the decision's number and symbol ("Số 125-QĐ/TU", "Số: 2345/QĐ-UBND"), its date (the
  place-and-date line "…, ngày 12 tháng 12 năm 2026", or "Kèm theo Quyết định số … ngày
  20/12/2026 …"), the issuing body and the form of award (công nhận/ghi danh, Giấy khen,
  Bằng khen, biểu dương);
- the entries wherever real decisions put them: a table in a Word file (section rows such
  as "I. TẬP THỂ" merged across the table), the numbered items of Article 1 ("1. Chi bộ
  thôn …, Đảng bộ xã …;"), an Excel sheet with a title block, merged cells, section rows
  and two-level headers (the birth year under "Nam" or "Nữ").

Text typed in the old Vietnamese encodings (TCVN3/ABC, VNI) is converted to Unicode;
decomposed Unicode is composed (NFC). Nothing here touches the database.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..models.enums import AwardKind, CandidateKind, Gender
from ..text import fold, nfc
from . import legacy_encoding as le
from .safe_zip import check_zip

__all__ = ["ParsedDecision", "ParsedEntry", "read_decision_file"]

MAX_ROWS = 50_000  # rows looked at in one sheet or table
MAX_FILE_SIZE = 50 * 1024 * 1024


@dataclass
class ParsedEntry:
    """One line of the decision's list."""

    row: int  # 1, 2, 3… in reading order over the whole decision (unique)
    section: str | None  # CandidateKind: collective / individual / household, when known
    name: str
    position_unit: str | None = None  # "Chức vụ, đơn vị" as written (or the text after the name)
    unit: str | None = None  # a separate "Đơn vị" column, when the list has one
    birth_year: int | None = None
    gender: str | None = None  # Gender
    ethnicity: str | None = None
    field: str | None = None
    award_label: str | None = None  # the entry's own form of award, when the list gives one
    amount: float | None = None
    group: str | None = None  # a heading row above it that is not a kind ("Đảng bộ xã Bình Minh")
    raw: dict[str, Any] = _field(default_factory=dict)  # the row as read: {header: text}


@dataclass
class ParsedDecision:
    number: str | None
    date: date | None
    issuer: str | None
    award_kind: str  # AwardKind
    award_label: str | None
    title: str | None
    entries: list[ParsedEntry]
    source_format: str  # docx / xlsx / xls
    warnings: list[str] = _field(default_factory=list)
    legacy_encoding: str | None = None  # tcvn3 / vni when the file was converted
    lines: list[str] = _field(default_factory=list)  # the text outside the lists, in order


# --------------------------------------------------------------------------- entry point


def read_decision_file(path: Path | str) -> ParsedDecision:
    """Read a decision file; raise :class:`UserError` (Vietnamese) when it cannot be read.

    .docx, .xlsx/.xlsm and the old .xls are read; a .pdf, a scan (image), an old .doc, a
    password-protected or damaged file is refused with a message that says what to do.
    """
    p = Path(path)
    label = p.name
    if not p.is_file():
        raise UserError(f"Không tìm thấy tệp {label}.", code="not_found")
    size = p.stat().st_size
    if size == 0:
        raise UserError(f"Tệp {label} rỗng (0 byte).")
    if size > MAX_FILE_SIZE:
        raise UserError(f"Tệp {label} quá lớn ({size // (1024 * 1024)} MB) cho một quyết định.")
    with open(p, "rb") as fh:
        magic = fh.read(8)
    ext = p.suffix.lower()
    if magic.startswith(b"%PDF"):
        raise UserError(
            f"Tệp {label} là tệp PDF: chương trình không đọc được chữ trong PDF hay bản quét. "
            "Hãy xin cấp trên tệp Word (.docx) hoặc Excel (.xlsx) của quyết định, hoặc nhập danh sách bằng tay.",
            code="unsupported_format",
        )
    if _is_image(magic) or ext in (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif"):
        raise UserError(
            f"Tệp {label} là ảnh (bản quét): chương trình không đọc được chữ trong ảnh. "
            "Hãy xin cấp trên tệp Word (.docx) hoặc Excel (.xlsx), hoặc nhập danh sách bằng tay.",
            code="unsupported_format",
        )
    if magic.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: .xls, .doc, or an encrypted .docx/.xlsx
        if ext == ".xls":
            return _read_xls(p)
        if ext in (".docx", ".xlsx", ".xlsm"):
            raise UserError(
                f"Tệp {label} đã được đặt mật khẩu (mã hóa), chương trình không mở được. "
                "Hãy mở tệp bằng Word/Excel, bỏ mật khẩu rồi lưu lại và nhập lại.",
                code="encrypted_or_legacy",
            )
        if ext == ".doc":
            raise UserError(
                f"Tệp {label} là tệp Word cũ (.doc). Hãy mở bằng Word, chọn Lưu thành… định dạng "
                "Word (.docx) rồi nhập lại.",
                code="unsupported_format",
            )
        # Unknown extension: try as .xls.
        return _read_xls(p)
    if magic.startswith(b"PK"):
        check_zip(p)
        kind = _ooxml_kind(p)
        if kind == "docx":
            return _read_docx(p)
        if kind == "xlsx":
            return _read_xlsx(p)
        raise UserError(f"Tệp {label} không phải tệp Word (.docx) hay Excel (.xlsx) của một quyết định.")
    if ext in (".doc", ".rtf") or magic.startswith(b"{\\rtf"):
        raise UserError(
            f"Tệp {label} là định dạng Word cũ. Hãy mở bằng Word và lưu thành .docx rồi nhập lại.",
            code="unsupported_format",
        )
    raise UserError(
        f"Tệp {label} không phải tệp .docx, .xlsx hay .xls (có thể đã hỏng hoặc sai định dạng).",
        code="unsupported_format",
    )


def _is_image(magic: bytes) -> bool:
    return (
        magic.startswith(b"\x89PNG")
        or magic.startswith(b"\xff\xd8\xff")
        or magic[:4] in (b"II*\x00", b"MM\x00*")
        or magic.startswith(b"GIF8")
        or magic.startswith(b"BM")
    )


def _ooxml_kind(p: Path) -> str | None:
    with zipfile.ZipFile(p) as zf:
        names = set(zf.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


# --------------------------------------------------------------------------- legacy text


class _Decoder:
    """Converts every string of one file: per-font when the font is legacy, else the
    encoding detected over the whole file's text (never cell by cell: "Hoàng" alone
    looks like VNI)."""

    def __init__(self, sample: Iterable[str]) -> None:
        text = "\n".join(s for s in sample if s)
        self.doc_encoding = le.detect_encoding(text[:200_000])
        self.found: str | None = self.doc_encoding

    def __call__(self, text: str | None, font: str | None = None) -> str:
        if not text:
            return ""
        enc = le.encoding_for_font(font) if font else None
        if enc is not None and not _beyond_latin1(text):
            self.found = self.found or (le.TCVN3 if enc == le.TCVN3_UPPER else enc)
            return le.convert(text, enc)
        if self.doc_encoding and not _beyond_latin1(text):
            return le.convert(text, self.doc_encoding)
        return text


def _beyond_latin1(text: str) -> bool:
    return any(
        ord(c) > 0xFF and c not in "\u2212\u03bc\u2013\u2014\u2018\u2019\u201c\u201d\u2026" for c in text
    )


# --------------------------------------------------------------------------- .docx


def _read_docx(p: Path) -> ParsedDecision:
    from docx import Document
    from docx.oxml.ns import qn

    try:
        doc = Document(str(p))
    except Exception as exc:  # python-docx raises many kinds on a broken part
        raise UserError(f"Tệp {p.name} bị hỏng, Word không mở được nội dung ({type(exc).__name__}).") from exc

    fonts = _DocxFonts(doc)
    body = doc.element.body
    # First pass: raw runs (text, font) to decide the file's encoding.
    blocks: list[tuple[str, Any]] = []  # ("p", [(text, font)]) or ("t", grid of [(text, font)])
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(("p", _docx_para_runs(child, fonts)))
        elif child.tag == qn("w:tbl"):
            blocks.append(("t", _docx_table(child, fonts)))
    sample: list[str] = []
    for kind, content in blocks:
        if kind == "p":
            sample.append("".join(t for t, f in content if not le.encoding_for_font(f)))
        else:
            for row in content:
                for cell in row:
                    if cell is not None:
                        sample.append("".join(t for t, f in cell[1] if not le.encoding_for_font(f)))
    dec = _Decoder(sample)

    def conv(runs: list[tuple[str, str | None]]) -> str:
        # Paragraph breaks inside a cell and tabs stay as "\n" (lines of the header block).
        text = "".join(dec(t, f) if t not in ("\n", "\t") else t for t, f in runs)
        return "\n".join(x for x in (nfc(part) for part in re.split(r"[\n\t]+", text)) if x)

    items: list[tuple[str, Any]] = []
    for kind, content in blocks:
        if kind == "p":
            items.append(("p", conv(content)))
        else:
            grid: list[list[str]] = []
            full_rows: set[int] = set()
            for r, row in enumerate(content):
                cells = [conv(c[1]) if c is not None else "" for c in row]
                grid.append(cells)
                spans = {c[0] for c in row if c is not None}
                if len(spans) == 1 and len(row) > 1:
                    full_rows.add(r)
            items.append(("t", (grid, full_rows)))
    return _assemble(items, "docx", p.name, dec.found)


class _DocxFonts:
    """Effective font of a run: its own rFonts, its character style, its paragraph style, the defaults."""

    def __init__(self, doc: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.styles: dict[str, tuple[str | None, str | None]] = {}  # id -> (font, based_on)
        styles_el = doc.styles.element
        for st in styles_el.findall(qn("w:style")):
            sid = st.get(qn("w:styleId"))
            rpr = st.find(qn("w:rPr"))
            based = st.find(qn("w:basedOn"))
            self.styles[sid] = (
                self._rfonts(rpr) if rpr is not None else None,
                based.get(qn("w:val")) if based is not None else None,
            )
        self.default: str | None = None
        dd = styles_el.find(qn("w:docDefaults"))
        if dd is not None:
            rpr = dd.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                self.default = self._rfonts(rpr)
        self._cache: dict[str | None, str | None] = {}

    def _rfonts(self, rpr: Any) -> str | None:
        rf = rpr.find(self.qn("w:rFonts"))
        if rf is None:
            return None
        for attr in ("w:hAnsi", "w:ascii", "w:cs"):
            v = rf.get(self.qn(attr))
            if v:
                return v
        return None

    def style_font(self, sid: str | None) -> str | None:
        if sid in self._cache:
            return self._cache[sid]
        seen = set()
        cur = sid
        font = None
        while cur and cur not in seen:
            seen.add(cur)
            f, based = self.styles.get(cur, (None, None))
            if f:
                font = f
                break
            cur = based
        self._cache[sid] = font
        return font

    def run_font(self, r: Any, para_style: str | None) -> str | None:
        qn = self.qn
        rpr = r.find(qn("w:rPr"))
        if rpr is not None:
            f = self._rfonts(rpr)
            if f:
                return f
            rs = rpr.find(qn("w:rStyle"))
            if rs is not None:
                f = self.style_font(rs.get(qn("w:val")))
                if f:
                    return f
        return self.style_font(para_style) or self.style_font("Normal") or self.default


def _docx_para_runs(p_el: Any, fonts: _DocxFonts) -> list[tuple[str, str | None]]:
    qn = fonts.qn
    ppr = p_el.find(qn("w:pPr"))
    pstyle = None
    if ppr is not None:
        ps = ppr.find(qn("w:pStyle"))
        if ps is not None:
            pstyle = ps.get(qn("w:val"))
    out: list[tuple[str, str | None]] = []
    for r in p_el.iter(qn("w:r")):
        parts = []
        for ch in r.iterchildren():
            if ch.tag == qn("w:t"):
                parts.append(ch.text or "")
            elif ch.tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
                if parts:
                    out.append(("".join(parts), fonts.run_font(r, pstyle)))
                    parts = []
                out.append(("\t", None))
        if parts:
            out.append(("".join(parts), fonts.run_font(r, pstyle)))
    return out


def _docx_table(tbl: Any, fonts: _DocxFonts) -> list[list[tuple[int, list[tuple[str, str | None]]] | None]]:
    """The table as a grid: each position holds (span id, runs). Horizontally merged cells
    repeat the same span id; vertically merged continuation cells repeat the text above."""
    qn = fonts.qn
    grid: list[list[tuple[int, list[tuple[str, str | None]]] | None]] = []
    above: dict[int, tuple[int, list[tuple[str, str | None]]]] = {}
    span_id = 0
    for r_idx, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        if r_idx >= MAX_ROWS:
            break
        row: list[tuple[int, list[tuple[str, str | None]]] | None] = []
        trpr = tr.find(qn("w:trPr"))
        if trpr is not None:
            gb = trpr.find(qn("w:gridBefore"))
            if gb is not None:
                row.extend([None] * int(gb.get(qn("w:val"), "0") or 0))
        for tc in tr.iterchildren(qn("w:tc")):
            span = tc.grid_span
            vm = tc.vMerge
            col = len(row)
            if vm == "continue" and col in above:
                cell = above[col]
            else:
                runs: list[tuple[str, str | None]] = []
                for i, p in enumerate(tc.iterchildren(qn("w:p"))):
                    if i:
                        runs.append(("\n", None))
                    runs.extend(_docx_para_runs(p, fonts))
                span_id += 1
                cell = (span_id, runs)
            for k in range(span):
                row.append(cell)
                above[col + k] = cell
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    for r in grid:
        r.extend([None] * (width - len(r)))
    return grid


# --------------------------------------------------------------------------- .xlsx


def _read_xlsx(p: Path) -> ParsedDecision:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(str(p), read_only=True, data_only=True)
    except Exception as exc:
        raise UserError(
            f"Tệp {p.name} bị hỏng, Excel không mở được nội dung ({type(exc).__name__})."
        ) from exc
    try:
        merges = _xlsx_merges(p, wb)
        sheets: list[tuple[str, list[list[Any]], list[tuple[int, int, int, int]]]] = []
        for ws in wb.worksheets:
            rows: list[list[Any]] = []
            for i, row in enumerate(ws.iter_rows()):
                if i >= MAX_ROWS:
                    break
                vals: list[Any] = []
                for cell in row:
                    v = getattr(cell, "value", None)
                    if isinstance(v, str) and not v.isascii() and not _beyond_latin1(v):
                        font = getattr(getattr(cell, "font", None), "name", None)
                        vals.append((v, font))
                    else:
                        vals.append(v)
                rows.append(vals)
            sheets.append((ws.title, rows, merges.get(ws.title, [])))
    finally:
        wb.close()
    return _from_sheets(sheets, "xlsx", p.name)


_MERGE_RE = re.compile(rb'<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _xlsx_merges(p: Path, wb: Any) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged ranges per sheet title, read from the sheet XML (read-only openpyxl skips them).
    Ranges are (first row, last row, first col, last col), 0-based, inclusive."""
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    with zipfile.ZipFile(p) as zf:
        for ws in wb.worksheets:
            part = getattr(ws, "_worksheet_path", None)
            if not part:
                continue
            try:
                data = zf.read(part.lstrip("/"))
            except KeyError:
                continue
            ranges = []
            for m in _MERGE_RE.finditer(data):
                ranges.append(
                    (int(m.group(2)) - 1, int(m.group(4)) - 1, _col_index(m.group(1)), _col_index(m.group(3)))
                )
            out[ws.title] = ranges
    return out


# --------------------------------------------------------------------------- .xls


def _read_xls(p: Path) -> ParsedDecision:
    import xlrd

    try:
        book = xlrd.open_workbook(str(p), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        msg = str(exc).lower()
        if "encrypt" in msg or "password" in msg:
            raise UserError(
                f"Tệp {p.name} đã được đặt mật khẩu, chương trình không mở được. "
                "Hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại và nhập lại.",
                code="encrypted_or_legacy",
            ) from exc
        raise UserError(f"Tệp {p.name} không phải tệp Excel .xls đọc được ({exc}).") from exc
    except Exception as exc:
        raise UserError(f"Tệp {p.name} bị hỏng, không đọc được như tệp Excel .xls.") from exc
    try:
        sheets: list[tuple[str, list[list[Any]], list[tuple[int, int, int, int]]]] = []
        for si in range(book.nsheets):
            sh = book.sheet_by_index(si)
            rows: list[list[Any]] = []
            for r in range(min(sh.nrows, MAX_ROWS)):
                vals: list[Any] = []
                for c in range(sh.ncols):
                    cell = sh.cell(r, c)
                    v: Any = cell.value
                    if cell.ctype == xlrd.XL_CELL_EMPTY or cell.ctype == xlrd.XL_CELL_BLANK:
                        v = None
                    elif cell.ctype == xlrd.XL_CELL_DATE:
                        try:
                            t = xlrd.xldate_as_tuple(v, book.datemode)
                            v = f"{t[2]:02d}/{t[1]:02d}/{t[0]:04d}"
                        except Exception:
                            v = str(v)
                    elif cell.ctype == xlrd.XL_CELL_NUMBER and float(v).is_integer():
                        v = int(v)
                    elif isinstance(v, str) and not v.isascii() and not _beyond_latin1(v):
                        font = None
                        try:
                            xf = book.xf_list[sh.cell_xf_index(r, c)]
                            font = book.font_list[xf.font_index].name
                        except Exception:
                            font = None
                        v = (v, font)
                    vals.append(v)
                rows.append(vals)
            merges = [(rlo, rhi - 1, clo, chi - 1) for rlo, rhi, clo, chi in sh.merged_cells]
            sheets.append((sh.name, rows, merges))
            book.unload_sheet(si)
    finally:
        book.release_resources()
    return _from_sheets(sheets, "xls", p.name)


# --------------------------------------------------------------------------- sheets -> items


def _from_sheets(
    sheets: list[tuple[str, list[list[Any]], list[tuple[int, int, int, int]]]], fmt: str, label: str
) -> ParsedDecision:
    if not sheets or all(not any(v not in (None, "") for row in rows for v in row) for _, rows, _ in sheets):
        raise UserError(f"Tệp {label} không có dữ liệu (bảng tính trống).", code="empty")
    sample: list[str] = []
    for _, rows, _ in sheets:
        for row in rows:
            for v in row:
                if isinstance(v, tuple):
                    if not le.encoding_for_font(v[1]):
                        sample.append(v[0])
                elif isinstance(v, str):
                    sample.append(v)
    dec = _Decoder(sample)
    items: list[tuple[str, Any]] = []
    for _, rows, merges in sheets:
        width = max((len(r) for r in rows), default=0)
        grid: list[list[str]] = []
        for row in rows:
            cells = []
            for v in row:
                if isinstance(v, tuple):
                    cells.append(nfc(dec(v[0], v[1])))
                elif isinstance(v, str):
                    cells.append(nfc(dec(v)))
                elif v is None:
                    cells.append("")
                elif isinstance(v, float) and v.is_integer():
                    cells.append(str(int(v)))
                elif isinstance(v, date):
                    cells.append(f"{v.day:02d}/{v.month:02d}/{v.year:04d}")
                else:
                    cells.append(str(v))
            cells.extend([""] * (width - len(cells)))
            grid.append(cells)
        # Trailing empty columns out.
        used = 0
        for row in grid:
            for i in range(len(row) - 1, -1, -1):
                if row[i]:
                    used = max(used, i + 1)
                    break
        grid = [row[:used] for row in grid]
        full_rows: set[int] = set()
        for r0, r1, c0, c1 in merges:
            if r0 >= len(grid):
                continue
            value = grid[r0][c0] if c0 < len(grid[r0]) else ""
            for r in range(r0, min(r1, len(grid) - 1) + 1):
                for c in range(c0, min(c1, used - 1) + 1):
                    grid[r][c] = value
            if c0 == 0 and c1 >= used - 1 and used > 1:
                full_rows.update(range(r0, r1 + 1))
        items.append(("t", (grid, full_rows)))
    return _assemble(items, fmt, label, dec.found)


# --------------------------------------------------------------------------- the reading proper

_KIND_WORDS = {
    "tap the": CandidateKind.COLLECTIVE.value,
    "ca nhan": CandidateKind.INDIVIDUAL.value,
    "ho gia dinh": CandidateKind.HOUSEHOLD.value,
    "gia dinh": CandidateKind.HOUSEHOLD.value,
}
_ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_SECTION_PREFIX = re.compile(r"^\s*(?:[IVXLC]+|[A-ZĐ]|[a-zđ]|\d+(?:\.\d+)*)\s*[.)/-]\s*|^\s*[-–•+*]\s*")
_COUNT_TAIL = re.compile(r"\s*[(:]\s*(?:gồm\s*)?\d+\s*[\w ]*[)]?\s*:?\s*$", re.IGNORECASE)


def _section_kind(text: str) -> str | None:
    """The kind a heading names: "I. TẬP THỂ", "B. Cá nhân (12)", "III - HỘ GIA ĐÌNH:"."""
    t = _SECTION_PREFIX.sub("", text)
    t = _COUNT_TAIL.sub("", t).strip(" .:;")
    f = fold(t)
    f = re.sub(r"^(?:danh sach|khen thuong|cong nhan|ghi danh|cac)\s+", "", f)
    f = re.sub(r"\s+(?:dien hinh tien tien|tieu bieu|xuat sac|dien hinh)$", "", f)
    f = re.sub(r"^(?:cac|nhung)\s+", "", f)
    if f in _KIND_WORDS:
        return _KIND_WORDS[f]
    for key, kind in _KIND_WORDS.items():
        if f.startswith(key) and len(f.split()) <= len(key.split()) + 3:
            return kind
    return None


# Header labels (folded) -> column role.
_HEADER_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("row", re.compile(r"^(?:stt|tt|so tt|so thu tu|thu tu|s tt)$")),
    ("birth", re.compile(r"nam sinh|ngay.*sinh|sinh nam")),
    ("gender", re.compile(r"^gioi tinh|^gioi$")),
    ("ethnicity", re.compile(r"^dan toc")),
    ("amount", re.compile(r"so tien|tien thuong|muc thuong|thanh tien|muc tien|^tien\b")),
    ("award", re.compile(r"hinh thuc|danh hieu|khen thuong")),
    ("field", re.compile(r"linh vuc|nganh nghe|linh vuc dien hinh")),
    ("note", re.compile(r"^ghi chu")),
    ("achievement", re.compile(r"thanh tich|tom tat|noi dung")),
    (
        "name",
        re.compile(
            r"ho (?:va )?ten|ho, ten|^ten\b|tap the|ca nhan|^ho gia dinh|ten don vi|ten tap the|"
            r"ten co so|ten mo hinh|^don vi, ca nhan"
        ),
    ),
    ("position_unit", re.compile(r"chuc vu|noi cong tac|don vi cong tac|dia chi|noi o|que quan|cong tac")),
    ("unit", re.compile(r"^don vi|^co quan|^thuoc|^dang bo|^xa|^phuong|^dia phuong")),
    ("party", re.compile(r"^dang vien")),
]


def _role(label: str) -> str | None:
    f = fold(label).strip(" .:")
    f = re.sub(r"\s*\(\d+\)\s*$", "", f)
    if not f:
        return None
    for role, rx in _HEADER_ROLES:
        if rx.search(f):
            # "Tên đơn vị" is a name; "Đơn vị" alone is a unit.
            return role
    return None


def _is_column_number_row(cells: list[str]) -> bool:
    vals = [c for c in cells if c]
    if len(vals) < 3:
        return False
    nums = []
    for v in vals:
        m = re.fullmatch(r"\(?\s*(\d{1,2}|[A-Z])\s*\)?", v)
        if not m:
            return False
        nums.append(m.group(1))
    return True


@dataclass
class _Columns:
    header_rows: int
    start: int  # first data row index
    roles: dict[int, str]
    labels: dict[int, str]
    birth_gender: dict[int, str]  # birth column -> gender, for "Năm sinh" over "Nam | Nữ"
    gender_marks: dict[int, str]  # "Giới tính" over "Nam | Nữ" with an "x" in the cell


def _find_header(grid: list[list[str]]) -> _Columns | None:
    for r in range(min(len(grid), 40)):
        row = grid[r]
        roles = {c: _role(v) for c, v in enumerate(row) if v}
        names = [c for c, ro in roles.items() if ro == "name"]
        others = {ro for ro in roles.values() if ro and ro != "name"}
        if not names or not others & {"row", "birth", "position_unit", "unit", "award", "ethnicity", "field"}:
            continue
        # A second header row: sub-labels under merged top labels ("Nam" | "Nữ" under "Năm sinh").
        header_rows = 1
        labels = {c: v for c, v in enumerate(row)}
        birth_gender: dict[int, str] = {}
        gender_marks: dict[int, str] = {}
        if r + 1 < len(grid):
            nxt = grid[r + 1]
            subs = {}
            continuation = True
            for c, v in enumerate(nxt):
                top = row[c] if c < len(row) else ""
                if not v:
                    continue
                if v == top:
                    continue
                fv = fold(v)
                if re.fullmatch(r"\d+", v) and roles.get(c) == "row":
                    continuation = False
                    break
                subs[c] = v
                if _role(v) is None and fv not in ("nam", "nu") and len(fv) > 25:
                    continuation = False
            if continuation and subs and all(_looks_like_label(v) for v in subs.values()):
                header_rows = 2
                for c, v in subs.items():
                    top = row[c] if c < len(row) else ""
                    fv = fold(v)
                    ftop = fold(top)
                    if fv in ("nam", "nu") and ("sinh" in ftop or "ngay" in ftop):
                        roles[c] = "birth"
                        birth_gender[c] = Gender.MALE.value if fv == "nam" else Gender.FEMALE.value
                    elif fv in ("nam", "nu") and "gioi" in ftop:
                        roles[c] = "gender_mark"
                        gender_marks[c] = Gender.MALE.value if fv == "nam" else Gender.FEMALE.value
                    else:
                        sub_role = _role(v)
                        if sub_role and (roles.get(c) in (None, "name", "position_unit", "unit") or not top):
                            roles[c] = sub_role if roles.get(c) != "name" or sub_role != "unit" else "name"
                        labels[c] = f"{top} - {v}" if top and top != v else v
        start = r + header_rows
        while start < len(grid) and _is_column_number_row(grid[start]):
            start += 1
        # One column per role (the first); extra position/unit columns are kept as extras.
        final: dict[int, str] = {}
        seen: set[str] = set()
        for c in sorted(roles):
            ro = roles[c]
            if not ro:
                continue
            if ro in seen and ro not in ("birth", "gender_mark", "position_unit", "unit", "name"):
                continue
            seen.add(ro)
            final[c] = ro
        # Two "name" columns (horizontally merged header) -> only the first holds the name.
        name_cols = [c for c, ro in final.items() if ro == "name"]
        for c in name_cols[1:]:
            if labels.get(c) == labels.get(name_cols[0]):
                del final[c]
            else:
                final[c] = "position_unit"
        return _Columns(header_rows, start, final, labels, birth_gender, gender_marks)
    return None


def _looks_like_label(v: str) -> bool:
    f = fold(v)
    if not f or len(f) > 40:
        return False
    return not re.search(r"\d{3,}", f)


_YEAR_RE = re.compile(r"(?<!\d)(19[0-9]{2}|20[0-9]{2})(?!\d)")


def _year(text: str) -> int | None:
    m = _YEAR_RE.search(text or "")
    return int(m.group(1)) if m else None


def _amount(text: str) -> float | None:
    t = (text or "").strip()
    if not t:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", t) and t.count(".") == 1 and len(t.split(".")[1]) != 3:
        return float(t)
    digits = re.sub(r"[^\d]", "", t.split(",")[0] if re.search(r",\d{1,2}$", t) else t)
    return float(digits) if digits else None


def _gender(text: str) -> str | None:
    f = fold(text)
    if f in ("nam", "m", "male"):
        return Gender.MALE.value
    if f in ("nu", "f", "female"):
        return Gender.FEMALE.value
    return None


def _clean_name(text: str) -> str:
    t = nfc(text).strip(" ;,.:-–")
    t = re.sub(r"^\d+\s*[.)]\s+", "", t)
    return t


def _is_total_row(name: str) -> bool:
    f = fold(name)
    return bool(re.match(r"^(?:tong cong|tong so|cong|tong)\b", f)) or f.startswith("danh sach nay")


def _entries_from_grid(
    grid: list[list[str]],
    full_rows: set[int],
    cols: _Columns,
    start_row: int,
    warnings: list[str],
    label: str,
) -> tuple[list[ParsedEntry], int]:
    """Entries below the header; returns (entries, index of the first row after the list)."""
    entries: list[ParsedEntry] = []
    name_col = next(c for c, ro in cols.roles.items() if ro == "name")
    row_col = next((c for c, ro in cols.roles.items() if ro == "row"), None)
    section: str | None = None
    group: str | None = None
    r = cols.start
    end = len(grid)
    row_no = start_row
    blank_run = 0
    while r < end:
        cells = [nfc(v) for v in grid[r]]
        vals = [v for v in cells if v]
        if not vals:
            blank_run += 1
            r += 1
            if blank_run >= 3 and entries:
                break
            continue
        blank_run = 0
        distinct = list(dict.fromkeys(vals))
        first = cells[row_col] if row_col is not None and row_col < len(cells) else ""
        name = cells[name_col] if name_col < len(cells) else ""
        # A heading row: one value across the row, or a Roman numeral / letter and one text.
        is_heading = (r in full_rows or len(distinct) == 1) and not (
            len(distinct) == 1 and row_col is not None and first and re.fullmatch(r"\d+", first)
        )
        if not is_heading and row_col is not None and first:
            ff = fold(first).strip(" .")
            if (_ROMAN.match(ff) or re.fullmatch(r"[a-z]", ff)) and len(distinct) <= 2:
                is_heading = True
        if is_heading:
            text = " ".join(distinct) if len(distinct) <= 2 else distinct[0]
            ft = fold(text)
            if ft.startswith(("nguoi lap", "tm.", "t/m", "kt.", "chu tich", "bi thu", "noi nhan")):
                break
            if _is_total_row(text):
                r += 1
                continue
            kind = _section_kind(text)
            if kind:
                section = kind
                group = None
            else:
                g = _SECTION_PREFIX.sub("", distinct[-1]).strip(" :.")
                # A long sentence is a note ("Danh sách có 25 cá nhân"), not a heading.
                if len(g) <= 120 and not ft.startswith(("danh sach co", "an dinh", "(an dinh")):
                    group = _COUNT_TAIL.sub("", g).strip(" :.") or None
            r += 1
            continue
        if not name or _is_total_row(name) or (first and _is_total_row(first)):
            r += 1
            continue
        if re.fullmatch(r"[\d\s.,()]+", name):
            r += 1
            continue
        row_no += 1
        e = ParsedEntry(row=row_no, section=section, name=_clean_name(name), group=group)
        pos_parts: list[str] = []
        unit_parts: list[str] = []
        for c, ro in cols.roles.items():
            v = cells[c] if c < len(cells) else ""
            lab = cols.labels.get(c) or f"Cột {c + 1}"
            if v:
                e.raw[lab] = v
            if not v or c == name_col:
                continue
            if ro == "position_unit" or (ro == "name" and c != name_col):
                if v not in pos_parts:
                    pos_parts.append(v)
            elif ro == "unit":
                if v not in unit_parts:
                    unit_parts.append(v)
            elif ro == "birth":
                y = _year(v)
                if y:
                    e.birth_year = y
                    if c in cols.birth_gender:
                        e.gender = cols.birth_gender[c]
            elif ro == "gender":
                e.gender = _gender(v) or e.gender
            elif ro == "gender_mark":
                if fold(v) in ("x", "v", "1", "co", "nam", "nu"):
                    e.gender = cols.gender_marks[c]
            elif ro == "ethnicity":
                e.ethnicity = v
            elif ro == "field":
                e.field = v
            elif ro == "award":
                e.award_label = v
            elif ro == "amount":
                e.amount = _amount(v)
        if unit_parts:
            e.unit = ", ".join(unit_parts)
        if pos_parts or unit_parts:
            e.position_unit = ", ".join(pos_parts + [u for u in unit_parts if u not in pos_parts])
        if first:
            e.raw.setdefault("STT", first)
        _fill_from_name(e)
        entries.append(e)
        r += 1
    return entries, r


_PAREN_RE = re.compile(r"\(([^()]*)\)")
_BIRTH_IN_TEXT = re.compile(
    r"(?:sinh\s+năm|năm\s+sinh|sinh\s+ngày\s+\S+|\bSN|\bs\.n\.?)\s*:?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-])?(\d{4})",
    re.IGNORECASE,
)
_ETHNIC_RE = re.compile(r"dân\s+tộc\s*:?\s*([A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*)?)", re.IGNORECASE)


def _fill_from_name(e: ParsedEntry) -> None:
    """What the name cell carries besides the name: "(sinh năm 1975)", "(1975)", "Hộ ông …"."""
    name = e.name
    m = _BIRTH_IN_TEXT.search(name)
    if m and e.birth_year is None:
        e.birth_year = int(m.group(1))
    # Parenthesised tails: a year, a note.
    for pm in list(_PAREN_RE.finditer(name)):
        inner = pm.group(1)
        y = _year(inner)
        if y and e.birth_year is None and len(inner) <= 20:
            e.birth_year = y
    stripped = _PAREN_RE.sub("", name)
    stripped = _BIRTH_IN_TEXT.sub("", stripped)
    stripped = nfc(stripped).strip(" ,;.-–")
    if stripped:
        e.name = stripped
    if e.section is None:
        e.section = _guess_kind(e.name)


_COLLECTIVE_START = re.compile(
    r"^(?:tap the|chi bo|dang bo|dang uy|thon|ban|ban chap hanh|bch|bo chi huy|chi hoi|hoi|doan|chi doan|"
    r"htx|hop tac xa|to|to dan pho|khu|khu pho|xom|ap|lang|truong|tram|phong|cong ty|cty|doanh nghiep|"
    r"ubnd|uy ban|mttq|mat tran|uy ban mat tran|cong an|quan su|ban chi huy|clb|cau lac bo|nhom|"
    r"doi|co quan|van phong|trung tam|benh vien|phong kham|hop tac|lien hiep|lhpn|hlhpn|hnd|hccb|"
    r"ccb|doan tncs|tncs|dtn|bo phan|nha|xi nghiep|nha may|hkd|ho kinh doanh|dai|to chuc|lop|khoi)\b"
)
_HOUSEHOLD_START = re.compile(r"^(?:ho|gia dinh|gd)\b")


def _guess_kind(name: str) -> str:
    f = fold(name)
    if _HOUSEHOLD_START.match(f) and not f.startswith(("ho chi minh", "hoi")):
        # "Hộ ông …", "Gia đình bà …"; but "Hồ Văn A" folds to "ho van a" as well.
        n = nfc(name).lower()
        if n.startswith(("hộ", "gia đình", "gđ")):
            return CandidateKind.HOUSEHOLD.value
    if _COLLECTIVE_START.match(f):
        return CandidateKind.COLLECTIVE.value
    return CandidateKind.INDIVIDUAL.value


# --------------------------------------------------------------------------- Article 1 items

_ITEM_RE = re.compile(r"^\s*(?:(\d{1,4})\s*[.)]|[-–•+*])\s+(.+)$")
_SUBSECTION_RE = re.compile(r"^\s*(?:[a-zđ]|[IVX]+|[A-ZĐ])\s*[.)]\s*(.+)$")


def _article1_entries(paras: list[str], start_row: int) -> list[ParsedEntry]:
    """The numbered items of Article 1 ("1. Chi bộ thôn Nà Lang, Đảng bộ xã Tân Lập;")."""
    entries: list[ParsedEntry] = []
    inside = False
    section: str | None = None
    group: str | None = None
    row_no = start_row
    for text in paras:
        f = fold(text)
        if re.match(r"^dieu\s*1\b", f):
            inside = True
            continue
        if not inside:
            continue
        if re.match(r"^dieu\s*\d+\b", f):
            break
        if not text.strip():
            continue
        sm = _SUBSECTION_RE.match(text)
        if sm and not _ITEM_RE.match(text):
            heading = sm.group(1)
            kind = _section_kind(heading)
            if kind:
                section, group = kind, None
            elif heading.rstrip().endswith(":"):
                group = heading.strip(" :")
            continue
        m = _ITEM_RE.match(text)
        if not m:
            if text.rstrip().endswith(":"):
                kind = _section_kind(text)
                if kind:
                    section, group = kind, None
            continue
        body = m.group(2).strip()
        fb = fold(body)
        if body.endswith(":"):
            kind = _section_kind(body)
            if kind:
                section, group = kind, None
            else:
                group = body.strip(" :")
            continue
        if "danh sach kem theo" in fb or re.match(r"^(?:tang|cong nhan|ghi danh|khen thuong)\b", fb):
            continue
        row_no += 1
        entries.append(_entry_from_item(row_no, body, section, group, m.group(1)))
    return entries


def _entry_from_item(
    row: int, body: str, section: str | None, group: str | None, num: str | None
) -> ParsedEntry:
    body = body.rstrip(" ;.,")
    e = ParsedEntry(row=row, section=section, name=body, group=group, raw={"Nội dung": body})
    if num:
        e.raw["STT"] = num
    # Split the name from the rest at the first comma (or " - ").
    m = re.match(r"^(.+?)(?:,\s*|\s+[-–]\s+)(.+)$", body)
    if m:
        e.name, rest = m.group(1).strip(), m.group(2).strip()
        y = None
        bm = _BIRTH_IN_TEXT.search(rest)
        if bm:
            y = int(bm.group(1))
            rest = nfc(_BIRTH_IN_TEXT.sub("", rest)).strip(" ,;")
        em = _ETHNIC_RE.search(rest)
        if em:
            e.ethnicity = em.group(1)
        e.position_unit = rest or None
        if y:
            e.birth_year = y
    _fill_from_name(e)
    return e


# --------------------------------------------------------------------------- decision facts

_NUMBER_LINE = re.compile(r"(?:^|\s)Số\s*:?\s*(\d{1,6}\s*[-/].*)$", re.IGNORECASE)
_LONG_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_SHORT_DATE = re.compile(r"ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", re.IGNORECASE)
_ATTACHED = re.compile(r"kèm\s+theo\s+quyết\s+định\s+số\s*:?\s*(.+)$", re.IGNORECASE)


def _number_from(text: str) -> str | None:
    m = _NUMBER_LINE.search(text)
    if not m:
        return None
    tokens = m.group(1).replace("\t", "  ").split()
    out: list[str] = []
    for i, tok in enumerate(tokens):
        tok = tok.strip(",;")
        if not tok:
            break
        if i == 0 and not tok[0].isdigit():
            return None
        if re.fullmatch(r"[0-9A-ZĐ\-/.–]+", tok) or tok in ("-", "/"):
            out.append(tok)
            if tok != m.group(1).split()[i]:  # a comma ended it
                break
        else:
            break
    num = "".join(out).replace("–", "-").strip("-/.")
    if not re.search(r"[A-ZĐ]", num):
        return None
    return num


def _date_from(text: str) -> date | None:
    for rx in (_LONG_DATE, _SHORT_DATE):
        m = rx.search(text)
        if m:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    return None


_MOTTO = ("cong hoa xa hoi", "doc lap", "dang cong san viet nam", "***", "*")


def _facts(lines: list[str], parsed: ParsedDecision) -> None:
    """Number, date, issuer, title and award from the text outside the lists."""
    header_end = len(lines)
    for i, t in enumerate(lines):
        f = fold(t)
        if f.startswith(("quyet dinh", "danh sach", "can cu")) and i > 0:
            header_end = i
            break
    header = lines[:header_end]
    # Number: the header's "Số …", else "Kèm theo Quyết định số …", else any "Số … QĐ".
    for t in header:
        n = _number_from(t)
        if n:
            parsed.number = n
            break
    attached_issuer = None
    attached_date = None
    for t in lines:
        m = _ATTACHED.search(t)
        if m:
            rest = m.group(1).strip(" )")
            if parsed.number is None:
                parsed.number = _number_from("Số " + rest)
            attached_date = _date_from(rest)
            im = re.search(r"\bcủa\s+(.+?)\s*\)?\s*$", rest, re.IGNORECASE)
            if im:
                attached_issuer = im.group(1).strip(" )")
            break
    if parsed.number is None:
        for t in lines:
            n = _number_from(t)
            if n and "QĐ" in n.upper():
                parsed.number = n
                break
    # Date: the place-and-date line of the header, else the attached-list line.
    for t in header:
        if "ngày" in t.lower() and not fold(t).startswith("can cu"):
            d = _date_from(t)
            if d:
                parsed.date = d
                break
    if parsed.date is None:
        parsed.date = attached_date
    if parsed.date is None:
        for t in lines:
            if re.search(r",\s*ngày", t) and not fold(t).startswith("can cu"):
                d = _date_from(t)
                if d:
                    parsed.date = d
                    break
    # Title (trích yếu): the lines after "QUYẾT ĐỊNH" (or the "DANH SÁCH" heading).
    title_lines: list[str] = []
    authority: str | None = None
    for i, t in enumerate(lines):
        f = fold(t)
        if f in ("quyet dinh", "quyet dinh:") or re.fullmatch(r"quyet dinh\s*", f):
            j = i + 1
            while j < len(lines) and len(title_lines) < 4:
                fj = fold(lines[j])
                if not lines[j].strip() or fj.startswith(("can cu", "xet de nghi", "theo de nghi")):
                    break
                if not re.search(r"\w", lines[j]):  # "-----", "***"
                    j += 1
                    if title_lines:
                        break
                    continue
                if lines[j].isupper() and title_lines:
                    authority = lines[j]
                    break
                if fj.startswith(("ve viec", "v/v")) or title_lines:
                    title_lines.append(lines[j])
                elif lines[j].isupper():
                    authority = lines[j]
                    break
                j += 1
            if title_lines and authority is None and j < len(lines) and lines[j].isupper():
                authority = lines[j]
            break
    if not title_lines:
        for i, t in enumerate(lines):
            if fold(t).startswith("danh sach"):
                title_lines = [t]
                k = i + 1
                while k < len(lines) and len(title_lines) < 4:
                    fk = fold(lines[k])
                    if not lines[k].strip() or fk.startswith(("(kem theo", "kem theo")):
                        break
                    title_lines.append(lines[k])
                    k += 1
                break
    if title_lines:
        parsed.title = nfc(" ".join(title_lines))
    # Issuer: "(… của Ban Thường vụ Tỉnh ủy)", the authority line, else the header's left column.
    if attached_issuer:
        parsed.issuer = attached_issuer
    elif authority:
        a = re.sub(r"^(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|BÍ THƯ)\s+", "", authority.strip())
        parsed.issuer = a
    else:
        left = []
        for t in header:
            f = fold(t)
            if not t.strip() or any(f.startswith(m) for m in _MOTTO) or f.startswith("so"):
                continue
            if "ngay" in f and _date_from(t):
                continue
            if t.isupper():
                left.append(t.strip(" *"))
        left = [x for x in left if x]
        if left:
            if len(left) >= 2 and fold(left[0]).startswith("dang bo"):
                parsed.issuer = left[-1]
            else:
                parsed.issuer = " ".join(left)
    # Form of award.
    article = " ".join(t for t in lines if fold(t).startswith("dieu 1"))
    text = fold(" ".join([parsed.title or "", article]))
    kind = None
    if "bang khen" in text:
        kind = AwardKind.MERIT.value
    elif "giay khen" in text:
        kind = AwardKind.CERTIFICATE.value
    elif re.search(r"cong nhan|ghi danh|dien hinh tien tien", text):
        kind = AwardKind.RECOGNITION.value
    elif re.search(r"bieu duong|tuyen duong", text):
        kind = AwardKind.COMMENDATION.value
    parsed.award_kind = kind or AwardKind.OTHER.value
    if kind is None:
        parsed.warnings.append(
            "Không xác định được hình thức (công nhận, Giấy khen, Bằng khen…); cần chọn tay."
        )
    label = None
    m = re.search(r"[Tt]ặng\s+((?:Bằng|Giấy)\s+khen.*?)(?:\s+cho\b|\s+đối với\b|:|$)", article or "")
    if m:
        label = m.group(1).strip(" ,.;")
    if label is None:
        m = re.search(
            r"((?:bằng|giấy)\s+khen(?:\s+của\s+[^,;()]+)?)", " ".join([parsed.title or "", article]), re.I
        )
        if m:
            label = m.group(1).strip(" ,.;")
            label = label[:1].upper() + label[1:]
    if label is None and parsed.title:
        label = re.sub(r"^(?:về việc|v/v|danh sách)\s*", "", parsed.title, flags=re.IGNORECASE).strip()
        label = label[:1].upper() + label[1:] if label else None
    if label and label.isupper():  # "GIẤY KHEN" from an all-capitals title
        label = label[:1] + label[1:].lower()
    parsed.award_label = label


def _assemble(items: list[tuple[str, Any]], fmt: str, label: str, found: str | None) -> ParsedDecision:
    parsed = ParsedDecision(
        number=None,
        date=None,
        issuer=None,
        award_kind=AwardKind.OTHER.value,
        award_label=None,
        title=None,
        entries=[],
        source_format=fmt,
        legacy_encoding=found,
    )
    lines: list[str] = []
    paras: list[str] = []
    entries: list[ParsedEntry] = []
    for kind, content in items:
        if kind == "p":
            lines.extend(content.split("\n"))
            paras.append(nfc(content))
            continue
        grid, full_rows = content
        r = 0
        while r < len(grid):
            cols = _find_header(grid[r:])
            if cols is None:
                for row in grid[r:]:
                    lines.extend(_row_lines(row))
                break
            for row in grid[r : r + cols.start - cols.header_rows]:
                lines.extend(_row_lines(row))
            shifted = _Columns(
                cols.header_rows,
                cols.start + r,
                cols.roles,
                cols.labels,
                cols.birth_gender,
                cols.gender_marks,
            )
            found_entries, nxt = _entries_from_grid(
                grid, full_rows, shifted, len(entries), parsed.warnings, label
            )
            entries.extend(found_entries)
            r = max(nxt, r + cols.start + 1)
    lines = [x for x in (nfc(t) for t in lines) if x]
    if not entries:
        entries = _article1_entries([nfc(t) for t in paras], 0)
    parsed.entries = entries
    parsed.lines = lines
    _facts(lines, parsed)
    if not entries:
        looks_like_decision = any(fold(t).startswith(("quyet dinh", "danh sach")) for t in lines)
        if not looks_like_decision:
            raise UserError(
                f"Tệp {label} không giống một quyết định hay danh sách kèm theo quyết định "
                "(không thấy tiêu đề “QUYẾT ĐỊNH”/“DANH SÁCH” và không có danh sách họ tên).",
                code="not_a_decision",
            )
        raise UserError(
            f"Tệp {label}: không tìm thấy danh sách tập thể, cá nhân trong quyết định (cần một bảng có cột "
            "“Họ và tên” hoặc các mục đánh số ở Điều 1).",
            code="no_entries",
        )
    if parsed.number is None:
        parsed.warnings.append("Không tìm thấy số, ký hiệu của quyết định; cần nhập tay.")
    if parsed.date is None:
        parsed.warnings.append("Không tìm thấy ngày ký quyết định; cần nhập tay.")
    if found:
        name = "TCVN3 (ABC)" if found in (le.TCVN3, le.TCVN3_UPPER) else "VNI"
        parsed.warnings.append(f"Tệp gõ bằng bảng mã cũ {name}; đã chuyển sang Unicode.")
    return parsed


def _row_lines(row: list[str]) -> list[str]:
    out: list[str] = []
    prev = None
    for v in row:
        if v and v != prev:
            out.extend(v.split("\n"))
        prev = v
    return out
