"""Import a registration list (danh sách đăng ký xây dựng điển hình) from Excel (.xlsx, .xls).

The lists come as communes really keep them: a title block with merged cells, a header
row somewhere below it (found by its column names, accent- and case-insensitive, with the
usual synonyms), sometimes a two-level header ("Năm sinh" over "Nam | Nữ": the column that
holds the year gives the gender), a row of column numbers, section rows ("I. TẬP THỂ",
"II. CÁ NHÂN", "III. HỘ GIA ĐÌNH") that set the kind of the rows below them, blank spacer
rows, total rows and a signature block at the bottom. Names may be decomposed Unicode or
UPPER CASE, years may be floats (1985.0), text or dates, and old .xls files may still be
typed in the TCVN3 (ABC) or VNI fonts.

:func:`import_registration_list` reads the file first (refusing it whole, with a
Vietnamese :class:`UserError`, when it is not a readable Excel workbook), then writes the
good rows inside a SAVEPOINT of the caller's session: released on a real run, rolled back
on a dry run, so the counts of a dry run are exactly those of the real one. Rows it cannot
read are reported in ``rejected`` with their Excel row number; the other rows still import.
Importing the same file twice changes nothing.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..errors import UserError
from ..models import Candidate, Plan, Unit
from ..models.enums import CandidateKind, Gender, UnitKind
from ..services.candidates import (
    candidate_to_dict,
    create_candidate,
    find_field,
    unit_by_name,
    update_candidate,
    validate_candidate,
)
from ..services.derived import refresh_candidate_keys
from ..services.office import find_or_create_unit, get_profile
from ..text import fold, nfc, normalize_name
from . import legacy_encoding

__all__ = ["import_registration_list", "read_registration_rows", "RegistrationRow"]

MAX_FILE_BYTES = 30 * 1024 * 1024  # a registration list is a few kilobytes
MAX_ROWS = 20_000
MAX_COLS = 80
HEADER_SCAN_ROWS = 40

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = ("EncryptionInfo", "EncryptedPackage")

EXPECTED_COLUMNS = (
    "«Họ và tên» (hoặc «Tên tập thể», «Tên tập thể, cá nhân») và ít nhất một trong các cột «STT», "
    "«Năm sinh», «Giới tính», «Dân tộc», «Chức vụ, đơn vị», «Lĩnh vực», «Đơn vị đăng ký», «Đảng viên»"
)

# Columns a row's values come from (roles), and how they are named in the lists.
NAME, STT, YEAR, YEAR_MALE, YEAR_FEMALE, GENDER = "name", "stt", "year", "year_male", "year_female", "gender"
MARK_MALE, MARK_FEMALE, ETHNICITY, POSITION_UNIT = "mark_male", "mark_female", "ethnicity", "position_unit"
POSITION, WORKPLACE, FIELD, UNIT, PARTY, NOTE, KIND = (
    "position",
    "workplace",
    "field",
    "unit",
    "party",
    "note",
    "kind",
)
CONTENT, ADDRESS, PHONE, RELIGION, EDUCATION = "content", "address", "phone", "religion", "education"

_DESCRIBING = {YEAR, GENDER, ETHNICITY, POSITION_UNIT, POSITION, WORKPLACE, FIELD, UNIT, PARTY, KIND, STT}
_PERSON_KEYS = ("birth_year", "gender", "ethnicity", "religion", "is_party_member")
# Candidate attributes the file can provide (besides kind and name), compared for "unchanged".
_VALUE_KEYS = (
    "birth_year", "gender", "ethnicity", "religion", "position", "position_unit", "field_id",
    "is_party_member", "education", "address", "phone", "registration_content", "note",
)  # fmt: skip


def _clean(text: Any) -> str:
    """Folded text with punctuation turned into spaces: "Chức vụ, đơn vị" -> "chuc vu don vi"."""
    s = fold(str(text)) if text is not None else ""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", s).split())


def header_role(text: Any) -> str | None:
    """The role of a header cell, or ``None`` when its text is no known column name."""
    if text is None or isinstance(text, (int, float, date)):
        return None
    s = _clean(text)
    if not s or len(s) > 120:
        return None
    if s in {"stt", "tt", "so tt", "so thu tu", "thu tu", "s tt"}:
        return STT
    if s.startswith("ghi chu"):
        return NOTE
    if "chuc vu" in s and any(w in s for w in ("don vi", "noi cong tac", "co quan")):
        return POSITION_UNIT
    if "chuc danh" in s and "don vi" in s:
        return POSITION_UNIT
    if "ho va ten" in s or "ho ten" in s or s in {"ten", "chu ho", "ten chu ho", "ten ho gia dinh"}:
        return NAME
    if s.startswith("ten ") and any(
        w in s for w in ("tap the", "ca nhan", "ho gia dinh", "dien hinh", "guong")
    ):
        return NAME
    if re.search(r"\b(nam|ngay|thang nam) sinh\b", s) or s.startswith("sinh nam"):
        return YEAR
    if "gioi tinh" in s or s == "gioi":
        return GENDER
    if "dan toc" in s:
        return ETHNICITY
    if "ton giao" in s:
        return RELIGION
    if "dang vien" in s:
        return PARTY
    if "linh vuc" in s:
        return FIELD
    if any(w in s for w in ("don vi cong tac", "noi cong tac", "co quan cong tac", "noi lam viec")):
        return WORKPLACE
    if any(w in s for w in ("don vi dang ky", "don vi de nghi", "don vi gioi thieu", "don vi quan ly")):
        return UNIT
    if s in {
        "don vi",
        "co quan don vi",
        "chi bo",
        "chi bo dang ky",
        "thuoc don vi",
        "thuoc chi bo",
        "don vi chi bo",
    }:
        return UNIT
    if "chuc vu" in s or "chuc danh" in s or "nghe nghiep" in s:
        return POSITION
    if any(w in s for w in ("dia chi", "noi o", "noi cu tru", "thuong tru")):
        return ADDRESS
    if s in {
        "loai",
        "doi tuong",
        "phan loai",
        "loai dien hinh",
        "tap the ca nhan",
        "tap the ca nhan ho gia dinh",
    }:
        return KIND
    if s.startswith("loai "):
        return KIND
    if any(w in s for w in ("noi dung", "mo hinh", "thanh tich", "ten mo hinh")):
        return CONTENT
    if "dien thoai" in s or s in {"sdt", "dt"}:
        return PHONE
    if "trinh do" in s:
        return EDUCATION
    return None


# --------------------------------------------------------------------------- reading the workbook


@dataclass
class _Sheet:
    name: str
    rows: list[list[Any]]  # cell values, merged ranges filled with their top-left value
    merged_cols: list[set[int]] = field(default_factory=list)  # per row: columns inside a horizontal merge


def _fail(path: Path, text: str, code: str = "bad_file") -> UserError:
    return UserError(f"Không nhập được tệp «{path.name}»: {text}", code=code)


def _legacy(text: str, font_name: str | None) -> str:
    enc = legacy_encoding.encoding_for_font(font_name)
    if enc is None:
        return text
    return legacy_encoding.to_unicode(text, font_name)[0]


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _fill_merged(rows: list[list[Any]], merged: Iterable[tuple[int, int, int, int]]) -> list[set[int]]:
    """Copy each merged range's top-left value into the whole range (0-based, inclusive)."""
    hmerged: list[set[int]] = [set() for _ in rows]
    nrows = len(rows)
    for r1, c1, r2, c2 in merged:
        if r1 >= nrows:
            continue
        r2 = min(r2, nrows - 1)
        c2 = min(c2, MAX_COLS - 1)
        value = rows[r1][c1] if c1 < len(rows[r1]) else None
        for r in range(r1, r2 + 1):
            row = rows[r]
            if len(row) <= c2:
                row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                row[c] = value
                if c2 > c1:
                    hmerged[r].add(c)
    return hmerged


def _read_xlsx(path: Path) -> list[_Sheet]:
    from ..exchange.safe_zip import check_zip

    check_zip(path)
    import zipfile

    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names and not any(n.endswith("/workbook.xml") for n in names):
            if "mimetype" in names and b"opendocument" in zf.read("mimetype"):
                raise _fail(
                    path,
                    "đây là bảng tính OpenDocument (.ods), không phải Excel. Hãy mở bằng LibreOffice "
                    "hoặc Excel rồi lưu thành .xlsx.",
                )
            raise _fail(path, "tệp nén này không phải sổ làm việc Excel (.xlsx).")
        if "xl/workbook.bin" in names:
            raise _fail(path, "tệp Excel nhị phân (.xlsb) chưa được hỗ trợ; hãy lưu lại thành .xlsx.")
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Normal mode (not read-only): merged ranges and fonts are needed; the files are small.
            wb = openpyxl.load_workbook(path, data_only=True)
    except UserError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged parts
        raise _fail(path, f"tệp bị hỏng hoặc không đúng định dạng .xlsx ({type(exc).__name__}).") from exc
    sheets: list[_Sheet] = []
    try:
        worksheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        worksheets += [ws for ws in wb.worksheets if ws not in worksheets]
        for ws in worksheets:
            if not hasattr(ws, "merged_cells"):  # chartsheets
                continue
            cells = [
                (r, c, cell)
                for (r, c), cell in ws._cells.items()  # sparse: a stray style far below costs nothing
                if cell.value is not None and r <= MAX_ROWS and c <= MAX_COLS
            ]
            if not cells:
                sheets.append(_Sheet(ws.title, []))
                continue
            nrows = max(r for r, _c, _cell in cells)
            ncols = max(c for _r, c, _cell in cells)
            rows: list[list[Any]] = [[None] * ncols for _ in range(nrows)]
            for r, c, cell in cells:
                value = cell.value
                if isinstance(value, str):
                    font = cell.font.name if cell.has_style and cell.font is not None else None
                    value = _legacy(value, font)
                elif not isinstance(value, (int, float, datetime, date, bool)):
                    value = str(value)
                rows[r - 1][c - 1] = value
            merged = [
                (rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1)
                for rng in ws.merged_cells.ranges
                if rng.min_col <= MAX_COLS
            ]
            hmerged = _fill_merged(rows, merged)
            sheets.append(_Sheet(ws.title, rows, hmerged))
    finally:
        wb.close()
    return sheets


def _read_xls(path: Path, data: bytes) -> list[_Sheet]:
    import xlrd

    log = io.StringIO()
    try:
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=log)
        except NotImplementedError:  # formatting_info is BIFF8-only in some files
            book = xlrd.open_workbook(file_contents=data, logfile=log)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise _fail(
                path,
                "tệp được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu rồi lưu lại và nhập lại.",
                code="encrypted_file",
            ) from exc
        raise _fail(path, f"tệp .xls bị hỏng hoặc không phải bảng tính Excel ({exc}).") from exc
    except Exception as exc:
        raise _fail(path, f"tệp .xls bị hỏng, không đọc được ({type(exc).__name__}).") from exc
    sheets: list[_Sheet] = []
    fonts = book.font_list if book.formatting_info else []
    xfs = book.xf_list if book.formatting_info else []
    order = [sh for sh in book.sheets() if sh.visibility == 0]
    order += [sh for sh in book.sheets() if sh not in order]
    for sh in order:
        nrows, ncols = min(sh.nrows, MAX_ROWS), min(sh.ncols, MAX_COLS)
        rows: list[list[Any]] = []
        for r in range(nrows):
            row: list[Any] = []
            for c in range(ncols):
                cell = sh.cell(r, c)
                ctype, value = cell.ctype, cell.value
                if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    value = None
                elif ctype == xlrd.XL_CELL_DATE:
                    try:
                        value = xlrd.xldate_as_datetime(value, book.datemode)
                    except Exception:  # noqa: BLE001 - a date out of range stays a number
                        pass
                elif ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif ctype == xlrd.XL_CELL_TEXT and xfs:
                    try:
                        font = fonts[xfs[cell.xf_index].font_index].name
                    except (IndexError, AttributeError, TypeError):
                        font = None
                    value = _legacy(value, font)
                row.append(value)
            rows.append(row)
        merged = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in getattr(sh, "merged_cells", [])]
        hmerged = _fill_merged(rows, merged)
        sheets.append(_Sheet(sh.name, rows, hmerged))
    return sheets


def _read_workbook(path: Path) -> list[_Sheet]:
    """All sheets of the workbook (visible first), or a UserError naming the file."""
    if not path.is_file():
        raise UserError(f"Không tìm thấy tệp «{path}».", code="not_found")
    size = path.stat().st_size
    if size == 0:
        raise _fail(path, "tệp rỗng (0 byte).")
    if size > MAX_FILE_BYTES:
        raise _fail(path, f"tệp quá lớn ({size // (1024 * 1024)} MB) so với một danh sách đăng ký.")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK"):
        return _read_xlsx(path)
    if head == OLE_MAGIC:
        data = path.read_bytes()
        streams = _ole_stream_names(data)
        if any(s in streams for s in _ENCRYPTED_STREAMS) or (
            not streams and any(s.encode("utf-16-le") in data for s in _ENCRYPTED_STREAMS)
        ):
            raise _fail(
                path,
                "tệp được đặt mật khẩu (đã mã hóa). Hãy mở bằng Excel, gỡ mật khẩu "
                "(Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu), "
                "lưu lại rồi nhập lại.",
                code="encrypted_file",
            )
        if streams and not ({"Workbook", "Book"} & streams):
            raise _fail(path, "đây là tệp Office cũ nhưng không phải bảng tính Excel (.xls).")
        return _read_xls(path, data)
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_head.startswith((b"<html", b"<!doc", b"<?xml", b"<table", b"<meta")):
        raise _fail(
            path,
            "đây là trang web/XML mang đuôi Excel, không phải tệp Excel thật. "
            "Hãy mở bằng Excel rồi «Lưu thành» Sổ làm việc Excel (.xlsx).",
        )
    with open(path, "rb") as fh:
        sample = fh.read(4096)
    if sample and b"\x00" not in sample:
        raise _fail(
            path,
            "đây là tệp văn bản (CSV?) được đổi đuôi, không phải tệp Excel (.xlsx, .xls). "
            "Hãy mở bằng Excel rồi «Lưu thành» Sổ làm việc Excel (.xlsx).",
        )
    raise _fail(path, "không phải tệp Excel (.xlsx, .xls).")


def _ole_stream_names(data: bytes) -> set[str]:
    """Names in an OLE2 (compound document) directory; empty when the directory cannot be read."""
    try:
        from xlrd import compdoc

        doc = compdoc.CompDoc(data, logfile=io.StringIO())
        return {d.name for d in doc.dirlist if d.etype in (1, 2)}
    except Exception:  # noqa: BLE001 - a damaged directory: fall back to a byte search
        return set()


# --------------------------------------------------------------------------- understanding rows


@dataclass
class RegistrationRow:
    """One data row as read from the file (before it touches the database)."""

    row: int  # Excel row number, 1-based, as the officer sees it
    values: dict[str, Any] = field(default_factory=dict)  # Candidate attributes
    unit_name: str | None = None
    field_text: str | None = None
    error: str | None = None


@dataclass
class _Header:
    row: int  # 0-based index of the (last) header row
    roles: dict[str, int]  # role -> column
    first: int = -1  # 0-based index of the first header row (two-level headers)


_ENUM_RE = re.compile(r"^\s*(?:[ivxlcdm]+|[a-h]|\d{1,2})\s*[.):/\-]\s*", re.IGNORECASE)
_ROMAN_RE = re.compile(r"^\s*(?:[IVXLCDM]+|[A-H])\s*[.):/\-]?\s*$")
_SECTION_RE = re.compile(
    r"^(?:cac |danh sach |khoi )?(?:dien hinh |guong )?(tap the|ca nhan|ho gia dinh|gia dinh|ho)\b(.*)$"
)
_SECTION_REST_RE = re.compile(
    r"^(?:\s|\d|(?:dien hinh|tien tien|tieu bieu|dang ky|xay dung|guong|co|gom|so luong|la)\b)*$"
)
_SIGNATURE_RE = re.compile(
    r"^(?:nguoi lap(?: bieu)?|nguoi tong hop|nguoi ke khai|xac nhan cua|thu truong|noi nhan|ky ten|\(ky"
    r"|t\s*/\s*m[\s.]|tm[.\s]|k\s*/\s*t[\s.]|kt[.\s]|t\s*/\s*l[\s.]|tl[.\s]|tuq[.\s])"
)
_PLACE_DATE_RE = re.compile(r"ngay\s*[\d.…_ ]*\s*thang\s*[\d.…_ ]*\s*nam\s*[\d.…_ ]*\s*$")
_TOTAL_RE = re.compile(r"^(?:tong cong|tong so|cong)(?: \d.*)?$")
_UNIT_WORDS = (
    "chi bo", "dang bo", "thon", "ban ", "xom", "to dan pho", "tdp", "khu pho", "ap ", "buon", "lang ",
    "truong", "tram", "co quan", "hoi ", "doan ", "cong doan", "mat tran", "uy ban", "ubnd", "phong ",
    "cong ty", "hop tac xa", "htx", "to ", "khoi ",
)  # fmt: skip


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (datetime, date)):
        return v.strftime("%d/%m/%Y")
    return nfc(str(v))


def _find_header(sheet: _Sheet) -> _Header | None:
    for i, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        roles: dict[str, int] = {}
        for c, v in enumerate(row):
            role = header_role(v)
            if role and role not in roles:
                roles[role] = c
        if NAME not in roles or not (_DESCRIBING & set(roles)):
            continue
        header = _Header(i, roles, i)
        _read_subheader(sheet, header)
        return header
    return None


def _read_subheader(sheet: _Sheet, header: _Header) -> None:
    """A second header row below the first: "Nam | Nữ" under "Năm sinh" or "Giới tính",
    "Chức vụ | Đơn vị" under "Chức vụ, đơn vị", or the first row repeated by a vertical merge."""
    i = header.row
    if i + 1 >= len(sheet.rows):
        return
    top, sub = sheet.rows[i], sheet.rows[i + 1]
    folded = [_clean(v) if isinstance(v, str) else "" for v in sub]
    has_gender_pair = any(f in ("nam", "nam gioi") for f in folded) and any(
        f in ("nu", "nu gioi") for f in folded
    )
    name_col = header.roles[NAME]
    repeated = name_col < len(sub) and sub[name_col] is not None and sub[name_col] == top[name_col]
    if not (has_gender_pair or repeated):
        return
    roles = dict(header.roles)
    for c, f in enumerate(folded):
        if not f:
            continue
        top_role = header_role(top[c]) if c < len(top) else None
        if f in ("nam", "nam gioi", "nu", "nu gioi"):
            male = f.startswith("nam")
            if top_role == GENDER:
                roles[MARK_MALE if male else MARK_FEMALE] = c
            else:  # under "Năm sinh" (or unlabelled): the year written in the Nam or Nữ column
                roles[YEAR_MALE if male else YEAR_FEMALE] = c
            if roles.get(top_role or "") == c:
                del roles[top_role]  # type: ignore[arg-type]
            continue
        sub_role = header_role(sub[c])
        if sub_role is None or sub_role == top_role:
            continue
        if top_role == POSITION_UNIT and sub_role in (UNIT, WORKPLACE, POSITION):
            sub_role = POSITION if sub_role == POSITION else WORKPLACE
        if roles.get(top_role or "") == c:
            del roles[top_role]  # type: ignore[arg-type]
        roles.setdefault(sub_role, c)
    header.roles = roles
    header.row = i + 1


def _is_numbering_row(row: list[Any]) -> bool:
    """The "(1) (2) (3)…" or "1 2 3…" row printed under a header."""
    cells = [v for v in row if not _blank(v)]
    if len(cells) < 3:
        return False
    return all(re.fullmatch(r"\(?\s*[0-9a-zA-Z]{1,2}\s*\)?", _text(v)) for v in cells)


def _section_kind(text: str) -> str | None:
    s = _clean(_ENUM_RE.sub("", fold(text)))
    m = _SECTION_RE.match(s)
    if not m or not _SECTION_REST_RE.match(m.group(2)):
        return None
    word = m.group(1)
    if word == "tap the":
        return CandidateKind.COLLECTIVE.value
    if word == "ca nhan":
        return CandidateKind.INDIVIDUAL.value
    return CandidateKind.HOUSEHOLD.value


def _kind_from_cell(v: Any) -> str | None | bool:
    """A kind column's value: the kind, ``None`` when blank, ``False`` when unreadable."""
    s = _clean(v)
    if not s:
        return None
    if s in {"tap the", "tt", "t", "collective"} or s.startswith("tap the"):
        return CandidateKind.COLLECTIVE.value
    if s in {"ca nhan", "cn", "c", "individual"} or s.startswith("ca nhan"):
        return CandidateKind.INDIVIDUAL.value
    if s in {"ho", "hgd", "ho gd", "ho gia dinh", "gia dinh", "household"} or s.startswith("ho gia dinh"):
        return CandidateKind.HOUSEHOLD.value
    return False


_COLLECTIVE_START = (
    "chi bo", "dang bo", "tap the", "truong", "tram", "thon", "ban ", "xom", "to ", "hoi ", "doan ",
    "cong doan", "chi hoi", "chi doan", "cong ty", "hop tac xa", "htx", "co quan", "phong ", "ubnd",
    "uy ban", "mat tran", "lop ", "khu pho", "to dan pho", "cau lac bo", "clb", "doi ", "nha van hoa",
)  # fmt: skip


def _guess_kind(name: str, has_person_data: bool) -> str:
    s = fold(name)
    if s.startswith(("ho ong", "ho ba", "ho gia dinh", "gia dinh ong", "gia dinh ba", "ho anh", "ho chi")):
        return CandidateKind.HOUSEHOLD.value
    if not has_person_data and s.startswith(_COLLECTIVE_START):
        return CandidateKind.COLLECTIVE.value
    return CandidateKind.INDIVIDUAL.value


def _parse_year(v: Any) -> tuple[int | None, str | None]:
    """(year, error). Accepts 1985, 1985.0, "1985", "1985.0", "năm 1985", dates, "12/03/1985"."""
    if _blank(v):
        return None, None
    this_year = date.today().year
    year: int | None = None
    if isinstance(v, bool):
        return None, f"Năm sinh «{v}» không phải là một năm."
    if isinstance(v, (datetime, date)):
        year = v.year
    elif isinstance(v, (int, float)):
        if isinstance(v, float) and not v.is_integer():
            return None, f"Năm sinh «{v}» không phải là một năm."
        year = int(v)
    else:
        s = nfc(str(v))
        folded = fold(s)
        m = re.fullmatch(r"(?:nam\s*)?(\d{4})(?:\.0+)?", folded)
        if m:
            year = int(m.group(1))
        else:
            m = re.fullmatch(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(\d{4})", folded) or re.fullmatch(
                r"(\d{4})\s*-\s*\d{1,2}\s*-\s*\d{1,2}(?:[ t].*)?", folded
            )
            if not m:
                return None, f"Năm sinh «{s}» không phải là một năm (ghi 4 chữ số, ví dụ 1985)."
            year = int(m.group(1))
    if not 1900 <= year <= this_year:
        return None, f"Năm sinh {year} nằm ngoài khoảng 1900–{this_year}."
    return year, None


def _parse_gender(v: Any) -> tuple[str | None, str | None]:
    s = _clean(v)
    if not s:
        return None, None
    if s in {"nam", "nam gioi", "m", "male", "trai", "ong"}:
        return Gender.MALE.value, None
    if s in {"nu", "nu gioi", "f", "female", "gai", "ba"}:
        return Gender.FEMALE.value, None
    return None, f"Giới tính «{_text(v)}» không rõ (ghi «Nam» hoặc «Nữ»)."


_NO = {"", "0", "khong", "k", "no", "false", "chua", "-", "quan chung"}


def _is_marked(v: Any) -> bool:
    if _blank(v):
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    return _clean(v) not in _NO


def _person_name(text: str) -> str:
    """normalize_name, keeping a leading non-letter prefix ("=…") as written, as text."""
    s = nfc(text)
    m = re.match(r"^([^\w]+)(.*)$", s)
    if m and m.group(2):
        return m.group(1) + normalize_name(m.group(2))
    return normalize_name(s)


def _cell(row: list[Any], col: int | None) -> Any:
    if col is None or col >= len(row):
        return None
    v = row[col]
    if isinstance(v, str):
        v = nfc(v)
        return v or None
    return v


def read_registration_rows(path: Path | str) -> tuple[str, list[RegistrationRow]]:
    """Read a registration list: the sheet's name and its data rows (good ones and those with
    ``error`` set). Raises UserError when the file cannot be used at all. Touches no database."""
    path = Path(path)
    sheets = _read_workbook(path)
    if not any(s.rows for s in sheets):
        raise _fail(path, "sổ làm việc trống, không có dữ liệu.", code="empty_file")
    for sheet in sheets:
        header = _find_header(sheet)
        if header is not None:
            return sheet.name, _read_rows(sheet, header)
    raise _fail(
        path,
        f"không tìm thấy dòng tiêu đề cột của danh sách đăng ký. Cần có cột {EXPECTED_COLUMNS}.",
        code="no_header",
    )


def _row_texts(row: list[Any]) -> list[str]:
    seen: list[str] = []
    for v in row:
        if _blank(v):
            continue
        t = _text(v)
        if t not in seen:
            seen.append(t)
    return seen


def _read_rows(sheet: _Sheet, header: _Header) -> list[RegistrationRow]:
    roles = header.roles
    col = roles.get
    name_col, stt_col = roles[NAME], col(STT)
    header_names = {
        fold(_text(v)) for r in sheet.rows[header.first : header.row + 1] for v in r if not _blank(v)
    }
    kind: str | None = None
    group: str | None = None
    out: list[RegistrationRow] = []
    for i in range(header.row + 1, len(sheet.rows)):
        row = sheet.rows[i]
        texts = _row_texts(row)
        if not texts:
            continue  # spacer row
        stt = _cell(row, stt_col)
        stt_is_number = isinstance(stt, (int, float)) or bool(re.fullmatch(r"\d{1,5}\.?", _text(stt)))
        folded_texts = [fold(t) for t in texts]
        if not stt_is_number and len(texts) <= 4:
            if any(_SIGNATURE_RE.match(t) or _PLACE_DATE_RE.search(t) for t in folded_texts):
                break  # signature block: nothing below is a candidate
            if _TOTAL_RE.match(_clean(texts[0])) or _clean(texts[0]).startswith(("ghi chu", "luu y")):
                continue
        if len(out) == 0 and _is_numbering_row(row):
            continue
        if {fold(t) for t in texts} <= header_names and len(texts) >= 2:
            continue  # the header repeated (a new printed page, a new section)
        # A label row: one text (perhaps with a roman numeral in the STT column), no data.
        label_texts = [t for t in texts if not _ROMAN_RE.match(t)]
        is_label = False
        if not stt_is_number and len(label_texts) == 1:
            label = label_texts[0]
            spread = sum(1 for v in row if not _blank(v) and _text(v) == label)
            section = _section_kind(label)
            if section is not None:
                kind, group = section, None
                continue
            outside_name = _text(_cell(row, name_col)) != label
            if spread >= 3 or outside_name or len(texts) > len(label_texts):
                is_label = True
                group = _ENUM_RE.sub("", label).strip() or None
        if is_label:
            continue
        rec = _read_data_row(i + 1, row, roles, kind, group)
        if rec is not None:  # None: only a number in the STT column (a pre-numbered empty form)
            out.append(rec)
    return out


def _read_data_row(
    excel_row: int, row: list[Any], roles: dict[str, int], section_kind: str | None, group: str | None
) -> RegistrationRow | None:
    col = roles.get
    rec = RegistrationRow(excel_row)
    raw_name = _cell(row, roles[NAME])
    others = [c for c, v in enumerate(row) if not _blank(v) and c not in (roles[NAME], col(STT))]
    name = _text(raw_name)
    if not name:
        if not others:
            return None
        rec.error = "Dòng không có họ và tên (tên tập thể)."
        return rec
    if isinstance(raw_name, (int, float)) and not isinstance(raw_name, bool):
        rec.error = f"Cột «Họ và tên» ghi một con số («{name}»), không phải tên."
        return rec

    year, err = _parse_year(_cell(row, col(YEAR)))
    errors = [err] if err else []
    gender, err = _parse_gender(_cell(row, col(GENDER)))
    if err:
        errors.append(err)
    ym, err_m = _parse_year(_cell(row, col(YEAR_MALE)))
    yf, err_f = _parse_year(_cell(row, col(YEAR_FEMALE)))
    errors += [e for e in (err_m, err_f) if e]
    split_gender = None
    if ym is not None and yf is not None:
        errors.append("Năm sinh ghi ở cả cột Nam và cột Nữ; chỉ ghi ở một cột.")
    elif ym is not None or yf is not None:
        split_gender = Gender.MALE.value if ym is not None else Gender.FEMALE.value
        if year is not None and year != (ym or yf):
            errors.append(f"Hai cột năm sinh mâu thuẫn ({year} và {ym or yf}).")
        year = ym if ym is not None else yf
    mark_m, mark_f = _is_marked(_cell(row, col(MARK_MALE))), _is_marked(_cell(row, col(MARK_FEMALE)))
    if mark_m and mark_f:
        errors.append("Đánh dấu cả cột Nam và cột Nữ.")
    elif mark_m or mark_f:
        mark_gender = Gender.MALE.value if mark_m else Gender.FEMALE.value
        split_gender = split_gender or mark_gender
        if split_gender != mark_gender:
            errors.append("Năm sinh và dấu giới tính nằm ở hai cột Nam, Nữ khác nhau.")
    if split_gender is not None:
        if gender is not None and gender != split_gender:
            written = "Nam" if gender == Gender.MALE else "Nữ"
            column = "Nam" if split_gender == Gender.MALE else "Nữ"
            errors.append(f"Giới tính «{written}» mâu thuẫn với năm sinh ghi ở cột {column}.")
        gender = split_gender

    kind_cell = _kind_from_cell(_cell(row, col(KIND)))
    if kind_cell is False:
        errors.append(f"Loại «{_text(_cell(row, col(KIND)))}» không rõ (Tập thể, Cá nhân hoặc Hộ gia đình).")
        kind_cell = None
    has_person_data = year is not None or gender is not None
    kind = kind_cell or section_kind or _guess_kind(name, has_person_data)

    values: dict[str, Any] = {"kind": kind}
    if kind == CandidateKind.COLLECTIVE:
        values["name"] = " ".join(name.split())
        if has_person_data:
            errors.append(
                "Dòng thuộc loại tập thể nhưng có năm sinh hoặc giới tính; kiểm tra lại mục, cột Loại."
            )
    else:
        values["name"] = _person_name(name)
        values["birth_year"] = year
        values["gender"] = gender
        eth = _text(_cell(row, col(ETHNICITY)))
        if eth:
            eth = re.sub(r"^(?:dân tộc|dan toc)\s+", "", eth, flags=re.IGNORECASE)
            values["ethnicity"] = (
                eth[:1].upper() + eth[1:].lower() if (eth.isupper() or eth.islower()) else eth
            )
        rel = _text(_cell(row, col(RELIGION)))
        if rel:
            values["religion"] = rel
        if _is_marked(_cell(row, col(PARTY))):
            values["is_party_member"] = True
    pos_unit = _text(_cell(row, col(POSITION_UNIT)))
    position = _text(_cell(row, col(POSITION)))
    workplace = _text(_cell(row, col(WORKPLACE)))
    if pos_unit:
        values["position_unit"] = pos_unit
        if position:
            values["position"] = position
    elif position or workplace:
        values["position_unit"] = ", ".join(p for p in (position, workplace) if p)
        if position:
            values["position"] = position
    for role, key in ((NOTE, "note"), (CONTENT, "registration_content"), (ADDRESS, "address"),
                      (PHONE, "phone"), (EDUCATION, "education")):  # fmt: skip
        t = _text(_cell(row, col(role)))
        if t:
            values[key] = t
    rec.field_text = _text(_cell(row, col(FIELD))) or None
    unit_text = _text(_cell(row, col(UNIT)))
    if not unit_text and group and fold(group + " ").startswith(_UNIT_WORDS):
        unit_text = group
    rec.unit_name = unit_text or None

    values = {k: v for k, v in values.items() if v is not None}
    for key, value in values.items():
        if isinstance(value, str):
            limit = getattr(Candidate.__table__.c[key].type, "length", None)
            if limit and len(value) > limit:
                errors.append(f"Cột «{_LABELS.get(key, key)}» dài quá {limit} ký tự.")
    if not errors:
        try:
            validate_candidate(dict(values))
        except UserError as exc:
            errors.append(exc.message)
    rec.values = values
    rec.error = " ".join(errors) if errors else None
    return rec


_LABELS = {
    "name": "Họ và tên", "ethnicity": "Dân tộc", "religion": "Tôn giáo", "position": "Chức vụ",
    "position_unit": "Chức vụ, đơn vị", "address": "Địa chỉ", "phone": "Điện thoại",
    "education": "Trình độ", "note": "Ghi chú",
}  # fmt: skip


# --------------------------------------------------------------------------- writing


_UNIT_KIND_WORDS = (
    (("chi bo", "dang bo"), UnitKind.PARTY_CELL),
    (("thon", "ban ", "xom", "to dan pho", "tdp", "khu pho", "ap ", "buon", "lang "), UnitKind.VILLAGE),
    (("truong", "mam non", "mau giao"), UnitKind.SCHOOL),
    (("tram y te", "trung tam y te", "phong kham"), UnitKind.HEALTH),
    (("hoi ", "doan ", "cong doan", "mat tran", "chi hoi", "chi doan"), UnitKind.MASS_ORG),
    (("cong ty", "hop tac xa", "htx", "doanh nghiep"), UnitKind.ENTERPRISE),
    (("cong an", "quan su", "ban chqs", "bien phong"), UnitKind.ARMED_FORCES),
    (("uy ban", "ubnd", "van phong", "phong "), UnitKind.AGENCY),
)


def _unit_kind(name: str) -> str:
    s = fold(name) + " "
    for words, kind in _UNIT_KIND_WORDS:
        if s.startswith(words):
            return kind.value
    return UnitKind.OTHER.value


def _field_for(session: Session, plan_id: str, text: str):  # type: ignore[no-untyped-def]
    found = find_field(session, plan_id, text)
    if found is None:
        m = re.match(r"^\s*(\d+(?:\.\d+)*)\.?\s*(.*)$", text)
        if m:
            found = find_field(session, plan_id, m.group(2)) if m.group(2) else None
            found = found or find_field(session, plan_id, m.group(1))
    return found


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return nfc(a) == nfc(b)
    return a == b


def import_registration_list(
    session: Session, path: Path | str, *, plan_id: str, dry_run: bool = False
) -> dict:
    """Import a registration list into plan ``plan_id``.

    Returns ``{"new", "updated", "unchanged", "rejected": [{"row", "reason"}], "candidates":
    [candidate dicts, each with its "row" and "action"], "file", "sheet", "duplicates":
    [{"row", "candidate_id", "reason"}]}``. Writes inside a SAVEPOINT of the caller's
    transaction and does not commit; with ``dry_run`` the savepoint is rolled back, so nothing
    is written and the counts are those a real run would give. A file that cannot be used at
    all raises UserError before anything is written.
    """
    path = Path(path)
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
    sheet_name, rows = read_registration_rows(path)
    result: dict[str, Any] = {
        "new": 0, "updated": 0, "unchanged": 0, "rejected": [], "candidates": [],
        "file": str(path), "sheet": sheet_name, "duplicates": [],
    }  # fmt: skip
    profile = get_profile(session)
    changed_by = profile.officer_name if profile else None
    parent_unit_id = profile.unit_id if profile else None
    has_fields = bool(plan.fields)

    savepoint = session.begin_nested()
    try:
        _write_rows(session, plan, rows, result, path, changed_by, parent_unit_id, has_fields)
        session.flush()
    except BaseException:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()
    result["rejected"].sort(key=lambda r: r["row"])
    return result


def _write_rows(
    session: Session, plan: Plan, rows: list[RegistrationRow], result: dict[str, Any], path: Path,
    changed_by: str | None, parent_unit_id: str | None, has_fields: bool,
) -> None:  # fmt: skip
    """Match and write every good row, in two passes: first each row's field, unit (units
    new to the database are created then) and duplicate key; then the plan's candidates and
    the other plans' duplicate keys are read once (:class:`_MatchIndex`), the rows matched
    in memory, and new and changed candidates only added to the session: ONE flush writes
    them all, so a list of thousands of rows costs a few queries, not several per row."""
    units: dict[str, Unit] = {}
    fields: dict[str, Any] = {}  # field text -> Field | None
    ready: list[tuple[RegistrationRow, Any, Unit | None, str, str]] = []  # (row, field, unit, name, dup_key)
    written: list[tuple[Candidate, int, str]] = []  # (candidate, row, action), in row order
    warnings: list[tuple[int, str, str | None]] = []  # (row, other candidate id, unit id)

    def reject(rec: RegistrationRow, reason: str) -> None:
        result["rejected"].append({"row": rec.row, "reason": reason})

    for rec in rows:
        if rec.error:
            reject(rec, rec.error)
            continue
        fld = None
        if rec.field_text:
            if rec.field_text not in fields:
                fields[rec.field_text] = _field_for(session, plan.id, rec.field_text)
            fld = fields[rec.field_text]
            if fld is None:
                if has_fields:
                    names = "; ".join(f.name for f in plan.fields[:12])
                    reject(
                        rec, f"Lĩnh vực «{rec.field_text}» không có trong kế hoạch (các lĩnh vực: {names})."
                    )
                else:
                    reject(rec, f"Lĩnh vực «{rec.field_text}»: kế hoạch chưa khai báo lĩnh vực nào.")
                continue
        unit: Unit | None = None
        if rec.unit_name:
            key = fold(rec.unit_name)
            unit = units.get(key)
            if unit is None:
                unit = unit_by_name(session, rec.unit_name) or find_or_create_unit(
                    session, rec.unit_name, kind=_unit_kind(rec.unit_name), parent_id=parent_unit_id
                )
                units[key] = unit
        probe = Candidate(
            kind=rec.values["kind"], name=rec.values["name"], birth_year=rec.values.get("birth_year")
        )
        refresh_candidate_keys(probe)
        ready.append((rec, fld, unit, probe.name, probe.dup_key))

    index = _MatchIndex(session, plan.id, {dup_key for *_rest, dup_key in ready})
    seen: dict[tuple[str, str, str | None], int] = {}  # (kind, dup_key, unit) -> first row
    with session.no_autoflush:
        for rec, fld, unit, name, dup_key in ready:
            values = dict(rec.values)
            kind = values.pop("kind")
            values.pop("name")
            if fld is not None:
                values["field_id"] = fld.id
            unit_id = unit.id if unit else None
            first = seen.get((kind, dup_key, unit_id))
            if first is not None:
                reject(rec, f"Trùng với dòng {first} (cùng tên, năm sinh và đơn vị đăng ký).")
                continue
            seen[(kind, dup_key, unit_id)] = rec.row

            match, others = index.find(plan.id, kind, name, dup_key, unit_id)
            if match is None:
                candidate = create_candidate(
                    session, plan_id=plan.id, kind=kind, name=name, unit_id=unit_id, changed_by=changed_by,
                    reason=f"Nhập từ danh sách đăng ký «{path.name}», dòng {rec.row}", flush=False, **values,
                )  # fmt: skip
                candidate.unit, candidate.field = unit, fld  # read back without a query
                index.add(candidate, plan.id, kind, name, dup_key, unit_id)
                action = "new"
            else:
                candidate = index.candidate(session, match)
                changes = {k: v for k, v in values.items() if not _same(getattr(candidate, k), v)}
                if changes:
                    update_candidate(session, candidate, flush=False, **changes)
                    action = "updated"
                else:
                    action = "unchanged"
            result[action] += 1
            warnings.extend((rec.row, other.id, unit_id) for other in others if other.id != candidate.id)
            written.append((candidate, rec.row, action))

    session.flush()  # the one write of the whole list
    for candidate, row, action in written:
        item = candidate_to_dict(candidate)
        item["row"] = row
        item["action"] = action
        result["candidates"].append(item)
    if warnings:
        others_by_id = _load_candidates(session, {other_id for _row, other_id, _unit in warnings})
        for row, other_id, unit_id in warnings:
            result["duplicates"].append(
                {
                    "row": row,
                    "candidate_id": other_id,
                    "reason": _duplicate_reason(plan, others_by_id[other_id], unit_id),
                }
            )


@dataclass(eq=False)
class _Known:
    """A candidate as matching sees it: in the database at the start, or added by this import."""

    seq: int  # the order of creation (created_at, id), new ones last
    id: str
    plan_id: str
    kind: str | None
    name: str | None
    dup_key: str
    unit_id: str | None
    merged: bool


class _MatchIndex:
    """Every candidate's duplicate key, read once: this plan's candidates with what matching
    needs (kind, name, unit), the other plans' keys for the duplicate warnings. Rows are
    matched in memory, as one query per row did before: the same plan, kind, duplicate key,
    unit and name is the same candidate; the same key (for a person: the same folded name,
    any birth year) elsewhere is a possible duplicate."""

    def __init__(self, session: Session, plan_id: str, wanted: set[str]) -> None:
        C = Candidate
        own = session.execute(
            select(
                C.created_at, C.id, C.plan_id, C.kind, C.name, C.dup_key, C.unit_id, C.merged_into_id
            ).where(C.plan_id == plan_id)
        ).all()
        other = session.execute(
            select(C.created_at, C.id, C.plan_id, C.dup_key, C.merged_into_id).where(C.plan_id != plan_id)
        ).all()
        known = [
            (r.created_at, r.id, _Known(0, r.id, r.plan_id, r.kind, r.name, r.dup_key or "", r.unit_id, r.merged_into_id is not None))
            for r in own
        ] + [
            (r.created_at, r.id, _Known(0, r.id, r.plan_id, None, None, r.dup_key or "", None, r.merged_into_id is not None))
            for r in other
        ]  # fmt: skip
        known.sort(key=lambda t: (t[0], t[1]))
        self.by_key: dict[str, list[_Known]] = {}
        self.by_prefix: dict[str, list[_Known]] = {}  # "p|<folded name>|" -> people of that name
        self.count = 0
        for _created, _id, entry in known:
            self._register(entry)
        # the plan's candidates a row may be: loaded whole, in a few queries
        ids = [e.id for e in self._own(plan_id, wanted)]
        self.loaded: dict[str, Candidate] = _load_candidates(session, set(ids)) if ids else {}

    def _own(self, plan_id: str, wanted: set[str]) -> list[_Known]:
        return [e for key in wanted for e in self.by_key.get(key, ()) if e.plan_id == plan_id]

    def _register(self, entry: _Known) -> None:
        entry.seq = self.count
        self.count += 1
        key = entry.dup_key
        self.by_key.setdefault(key, []).append(entry)
        if key.startswith("p|"):  # under each "…|" prefix, as LIKE 'p|name|%' finds it
            end = key.find("|", 2)
            while end != -1:
                self.by_prefix.setdefault(key[: end + 1], []).append(entry)
                end = key.find("|", end + 1)

    def add(
        self, c: Candidate, plan_id: str, kind: str, name: str, dup_key: str, unit_id: str | None
    ) -> None:
        self._register(_Known(0, c.id, plan_id, kind, name, dup_key, unit_id, False))
        self.loaded[c.id] = c

    def candidate(self, session: Session, entry: _Known) -> Candidate:
        found = self.loaded.get(entry.id)
        return found if found is not None else session.get(Candidate, entry.id)  # type: ignore[return-value]

    def find(
        self, plan_id: str, kind: str, name: str, dup_key: str, unit_id: str | None
    ) -> tuple[_Known | None, list[_Known]]:
        """The candidate this row is (same plan, kind, name, birth year and unit) and the others
        that look like the same subject (other units, other plans, the same name with another year)."""
        person = dup_key.startswith("p|")
        if person:
            pool = self.by_prefix.get(dup_key.rsplit("|", 1)[0] + "|", [])
        else:
            pool = self.by_key.get(dup_key, [])
        found = sorted(pool, key=lambda e: (e.merged, e.seq))  # as before: not merged first, oldest first
        match = None
        wanted = nfc(name)
        for c in found:
            if c.plan_id == plan_id and c.kind == kind and c.dup_key == dup_key and c.unit_id == unit_id:
                if nfc(c.name or "") == wanted:
                    match = c
                    break
        year = dup_key.rsplit("|", 1)[-1]
        others = []
        for c in found:
            if c is match:
                continue
            c_year = c.dup_key.rsplit("|", 1)[-1] if c.dup_key.startswith("p|") else ""
            # Same name, both years known and different: two people, no warning.
            if person and year and c_year and year != c_year:
                continue
            others.append(c)
        return match, others


def _load_candidates(session: Session, ids: set[str]) -> dict[str, Candidate]:
    """Candidates by id with their unit, field and plan, 500 ids a query."""
    out: dict[str, Candidate] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        stmt = (
            select(Candidate)
            .options(joinedload(Candidate.unit), joinedload(Candidate.field), joinedload(Candidate.plan))
            .where(Candidate.id.in_(ordered[start : start + 500]))
        )
        out.update((c.id, c) for c in session.scalars(stmt).unique())
    return out


def _duplicate_reason(plan: Plan, other: Candidate, unit_id: str | None) -> str:
    who = f"«{other.name}»" + (f" ({other.birth_year})" if other.birth_year else "")
    where = f"đơn vị «{other.unit.name}»" if other.unit else "không ghi đơn vị"
    if other.plan_id != plan.id:
        plan_name = other.plan.name if other.plan else other.plan_id
        return f"Có thể trùng với điển hình {who}, {where}, đã đăng ký trong kế hoạch «{plan_name}»."
    if other.unit_id != unit_id:
        return f"Có thể trùng với điển hình {who} do {where} đăng ký trong cùng kế hoạch."
    return f"Có thể trùng với điển hình {who} cùng đơn vị, cùng kế hoạch (khác năm sinh, cách viết tên hoặc loại)."
