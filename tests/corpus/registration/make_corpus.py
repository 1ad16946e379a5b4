"""Build realistic, messy registration lists (danh sách đăng ký) for the import tests.

Each ``make_*`` function writes one file into a folder and returns its path; ``build_all``
writes them all. Run ``python tests/corpus/registration/make_corpus.py OUTDIR`` to look at
them in Excel or LibreOffice.

What the files contain (and the tests rely on) is described next to each builder.
"""

from __future__ import annotations

import struct
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

# The plan the tests import into has these fields (code, name).
FIELDS = [
    ("4.1", "Kinh tế hộ gia đình"),
    ("4.4", "Giáo dục - đào tạo"),
    ("4.9", "Xây dựng Đảng, chính quyền"),
]


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --------------------------------------------------------------------------- .xlsx (openpyxl)


def make_messy_xlsx(folder: Path, name: str = "dang_ky_2025.xlsx") -> Path:
    """A commune's list: title block (merged), two-level header "Năm sinh" over "Nam | Nữ",
    a numbering row, section rows (merged and not), decomposed and UPPER CASE names, a name
    starting with "=" stored as text, float and text years, bad rows, spacer rows, a total row
    and a signature block.

    Expected: 2 collectives, 3 individuals, 1 household imported; rejected rows 18 (year
    "abc"), 19 (year 1850), 20 (no name), 21 (year in both Nam and Nữ), 22 (unknown field).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    bold = Font(name="Times New Roman", bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def put(coord: str, value, merge: str | None = None, font=bold) -> None:  # type: ignore[no-untyped-def]
        ws[coord] = value
        ws[coord].font = font
        ws[coord].alignment = center
        if merge:
            ws.merge_cells(f"{coord}:{merge}")

    put("A1", "ĐẢNG BỘ XÃ TÂN LẬP", "D1")
    put("F1", "ĐẢNG CỘNG SẢN VIỆT NAM", "J1")
    put("A2", "CHI BỘ THÔN NÀ PỒNG", "D2")
    put("F2", "Tân Lập, ngày 10 tháng 3 năm 2025", "J2", Font(italic=True))
    put("A4", "DANH SÁCH ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN NĂM 2025", "J4")
    put("A5", "(Kèm theo Công văn số 12-CV/ĐU ngày 05/3/2025 của Đảng ủy xã)", "J5", Font(italic=True))
    # Two-level header.
    put("A7", "STT", "A8")
    put("B7", "Họ và tên\n(Tên tập thể)", "B8")
    put("C7", "Năm sinh", "D7")
    put("C8", "Nam")
    put("D8", "Nữ")
    put("E7", "Dân tộc", "E8")
    put("F7", "Chức vụ, đơn vị công tác", "F8")
    put("G7", "Lĩnh vực", "G8")
    put("H7", "Đơn vị đăng ký", "H8")
    put("I7", "Đảng viên", "I8")
    put("J7", "Ghi chú", "J8")
    for i, col in enumerate("ABCDEFGHIJ", start=1):
        ws[f"{col}9"] = f"({i})"
    put("A10", "I. TẬP THỂ", "J10")
    rows = {
        11: [1, "Chi bộ thôn Nà Pồng", None, None, None, None, "4.9", "Chi bộ thôn Nà Pồng", None, None],
        12: [2, "Trường Tiểu học Tân Lập", None, None, None, None, "Giáo dục", "Trường Tiểu học Tân Lập"],
        14: ["II", "CÁ NHÂN"],
        15: [1, "NGUYỄN VĂN AN", 1985.0, None, "Kinh", "Bí thư chi bộ thôn Nà Pồng",
             "Xây dựng Đảng, chính quyền", "Chi bộ thôn Nà Pồng", "x"],
        16: [2, nfd("Lò Thị Mai"), None, "1990", "thái", nfd("Giáo viên Trường Tiểu học Tân Lập"),
             "4.4", "Trường Tiểu học Tân Lập", None, "Giáo viên dạy giỏi cấp tỉnh"],
        17: [3, "=Hà Văn Tú", 1978, None, "Tày", "Trưởng thôn Khuổi Hao", "4.9", "Chi bộ thôn Khuổi Hao", "có"],
        18: [4, "Phạm Thị Hằng", None, "abc", "Kinh", None, "4.4", "Chi bộ thôn Nà Pồng"],
        19: [5, "Vũ Minh Đức", 1850, None, "Kinh", None, "4.4", "Chi bộ thôn Nà Pồng"],
        20: [6, None, 1980, None, "Kinh", "Công an viên", "4.9", "Chi bộ thôn Nà Pồng"],
        21: [7, "Đặng Văn Bình", 1970, 1971, "Kinh", None, "4.9", "Chi bộ thôn Nà Pồng"],
        22: [8, "Trần Thị Lan", None, 1988, "Kinh", None, "Du lịch vũ trụ", "Chi bộ thôn Nà Pồng"],
        24: [1, "Hộ ông Lường Văn Pọm", 1965, None, "Thái", "Nông dân", "Kinh tế hộ gia đình", "Thôn Nà Pồng"],
        26: [None, "Tổng cộng: 2 tập thể, 3 cá nhân, 1 hộ gia đình"],
        28: [None, "Người lập biểu", None, None, None, None, None, "T/M CHI BỘ"],
        29: [None, None, None, None, None, None, None, "BÍ THƯ"],
        32: [None, "Nguyễn Thị Thu", None, None, None, None, None, "Hoàng Văn Dũng"],
    }  # fmt: skip
    thin = Side(style="thin")
    for r, values in rows.items():
        for c, v in enumerate(values, start=1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if r < 26:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.merge_cells("B26:G26")
    put("A23", "III. HỘ GIA ĐÌNH", "J23")
    for col, width in zip("ABCDEFGHIJ", (5, 28, 8, 8, 8, 30, 22, 24, 8, 20), strict=True):
        ws.column_dimensions[col].width = width
    path = folder / name
    wb.save(path)
    return path


def make_flat_xlsx(folder: Path, name: str = "dang_ky_phang.xlsx") -> Path:
    """A flat list without sections: "TT | Họ tên | Ngày sinh | Giới tính | Dân tộc | Chức vụ |
    Loại | Lĩnh vực | Đơn vị" with a kind column, a real date of birth, text genders, a second
    sheet that is a cover page (skipped, it comes first).

    Expected: rows 4 (collective), 5 (female, 1992 from a date), 6 (male household head)
    imported; row 7 rejected (gender «abc»), row 8 rejected (kind «Khác»).
    """
    from openpyxl import Workbook

    wb = Workbook()
    cover = wb.active
    cover.title = "Bìa"
    cover["A1"] = "BÁO CÁO KẾT QUẢ ĐĂNG KÝ"
    ws = wb.create_sheet("DS")
    ws["A1"] = "DANH SÁCH ĐĂNG KÝ ĐIỂN HÌNH TIÊN TIẾN"
    ws.append([])
    ws.append(["TT", "Họ tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chức vụ", "Loại", "Lĩnh vực", "Đơn vị"])
    ws.append([1, "Hội Phụ nữ xã Tân Lập", None, None, None, None, "Tập thể", "4.1", "Hội Phụ nữ xã"])
    ws.append(
        [2, "Hoàng Thị Ngọc", datetime(1992, 5, 17), "nữ", "Nùng", "Y sĩ", "Cá nhân", "4.4", "Trạm Y tế xã"]
    )
    ws.append([3, "Nông Văn Sáu", "1959", "Nam", "Tày", None, "Hộ gia đình", "4.1", "Thôn Khuổi Hao"])
    ws.append([4, "Ma Văn Lực", 1980, "abc", "Tày", None, "Cá nhân", "4.1", "Thôn Khuổi Hao"])
    ws.append([5, "Lý Thị Xuân", 1983, "Nữ", "Dao", None, "Khác", "4.1", "Thôn Khuổi Hao"])
    path = folder / name
    wb.save(path)
    return path


def make_empty_xlsx(folder: Path, name: str = "trong.xlsx") -> Path:
    from openpyxl import Workbook

    path = folder / name
    Workbook().save(path)
    return path


def make_no_header_xlsx(folder: Path, name: str = "khong_tieu_de.xlsx") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "BÁO CÁO TỔNG HỢP"
    ws.append(["Nội dung", "Số lượng"])
    ws.append(["Tập thể", 5])
    path = folder / name
    wb.save(path)
    return path


# --------------------------------------------------------------------------- .xls (xlwt)


def make_xls(folder: Path, name: str = "dang_ky_cu.xls") -> Path:
    """An old .xls: merged title, "Năm sinh" over "Nam | Nữ" plus a "Giới tính" column, section
    rows, a name typed in the TCVN3 (.VnTime) font, a text year, a gender contradiction.

    Expected: row 7 collective, rows 9 (male, TCVN3 name "Đinh Văn Hải" 1975), 10 (female,
    1982 from text) imported; row 11 rejected (Giới tính Nam, year in the Nữ column).
    """
    import xlwt

    from dienhinh_desktop.exchange.legacy_encoding import TCVN3, encode

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("DS dang ky")
    title = xlwt.easyxf("font: bold on, name Times New Roman; align: horiz center")
    plain = xlwt.easyxf("font: name Times New Roman")
    legacy = xlwt.easyxf("font: name .VnTime")
    ws.write_merge(0, 0, 0, 7, "DANH SÁCH ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN", title)
    ws.write_merge(1, 1, 0, 7, "Năm 2025", title)
    ws.write_merge(3, 4, 0, 0, "TT", title)
    ws.write_merge(3, 4, 1, 1, "Tên tập thể, cá nhân", title)
    ws.write_merge(3, 3, 2, 3, "Năm sinh", title)
    ws.write(4, 2, "Nam", title)
    ws.write(4, 3, "Nữ", title)
    ws.write_merge(3, 4, 4, 4, "Giới tính", title)
    ws.write_merge(3, 4, 5, 5, "Chức vụ, đơn vị", title)
    ws.write_merge(3, 4, 6, 6, "Lĩnh vực", title)
    ws.write_merge(3, 4, 7, 7, "Đơn vị đăng ký", title)
    ws.write_merge(5, 5, 0, 7, "I. Tập thể", title)
    data = {
        6: [1, "Chi đoàn thôn Nà Pồng", None, None, None, None, "4.9", "Chi bộ thôn Nà Pồng"],
        7: ["II", "Cá nhân"],
        8: [
            1,
            encode("Đinh Văn Hải", TCVN3),
            1975.0,
            None,
            None,
            "Chủ nhiệm HTX",
            "4.1",
            "Chi bộ thôn Nà Pồng",
        ],
        9: [2, "Bế Thị Thoa", None, "1982", "Nữ", "Hội viên", "4.1", "Chi bộ thôn Khuổi Hao"],
        10: [3, "La Văn Cầu", None, 1979.0, "Nam", None, "4.1", "Chi bộ thôn Khuổi Hao"],
    }
    for r, values in data.items():
        for c, v in enumerate(values):
            if v is not None:
                ws.write(r, c, v, legacy if (r == 8 and c == 1) else plain)
    ws.write(13, 1, "Người lập biểu", plain)
    ws.write(13, 6, "TM. ĐẢNG ỦY", plain)
    ws.write(16, 1, "Vi Thị Hoa", plain)
    path = folder / name
    wb.save(str(path))
    return path


# --------------------------------------------------------------------------- files to refuse


def make_broken_xlsx(folder: Path, name: str = "hong.xlsx") -> Path:
    """Starts like a zip but is cut off (a download that broke)."""
    path = folder / name
    path.write_bytes(b"PK\x03\x04" + b"\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 3)
    return path


def make_csv_as_xlsx(folder: Path, name: str = "danh_sach.xlsx") -> Path:
    """A CSV export renamed to .xlsx."""
    path = folder / name
    path.write_text("STT,Họ và tên,Năm sinh\n1,Nguyễn Văn An,1985\n", encoding="utf-8")
    return path


def make_encrypted_xlsx(folder: Path, name: str = "co_mat_khau.xlsx") -> Path:
    """What Excel writes for a password-protected .xlsx: an OLE2 compound file holding the
    streams "EncryptionInfo" and "EncryptedPackage" (contents here are filler)."""
    path = folder / name
    path.write_bytes(
        _ole_file({"EncryptionInfo": b"\x04\x00\x04\x00" * 1024, "EncryptedPackage": b"\x5a" * 4096})
    )
    return path


def _ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal valid OLE2 compound file (version 3, 512-byte sectors). Every stream must be
    at least 4096 bytes long (so no mini stream is needed)."""
    sector = 512
    end, free, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    items = list(streams.items())
    assert all(len(d) >= 4096 for _n, d in items)
    # Sector 0: the FAT; sector 1: the directory; then the streams.
    fat = [fatsect, end]
    starts = []
    for _name, data in items:
        n = -(-len(data) // sector)
        first = len(fat)
        starts.append(first)
        fat += [first + k + 1 for k in range(n - 1)] + [end]
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))

    def entry(name: str, etype: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), etype, 1)
            + struct.pack("<III", left, right, child)
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )

    # Root's child is the first stream; the others hang off its right sibling chain.
    dir_entries = [entry("Root Entry", 5, nostream, nostream, 1, end, 0)]
    for i, (name, data) in enumerate(items):
        right = i + 2 if i + 1 < len(items) else nostream
        dir_entries.append(entry(name, 2, nostream, right, nostream, starts[i], len(data)))
    while len(dir_entries) < 4:
        dir_entries.append(entry("", 0, nostream, nostream, nostream, 0, 0))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == sector
    body = struct.pack("<128I", *fat) + b"".join(dir_entries)
    for _name, data in items:
        body += data.ljust(-(-len(data) // sector) * sector, b"\x00")
    return header + body


def build_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "messy": make_messy_xlsx(folder),
        "flat": make_flat_xlsx(folder),
        "xls": make_xls(folder),
        "empty": make_empty_xlsx(folder),
        "no_header": make_no_header_xlsx(folder),
        "broken": make_broken_xlsx(folder),
        "csv": make_csv_as_xlsx(folder),
        "encrypted": make_encrypted_xlsx(folder),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "registration-corpus")
    for key, p in build_all(out).items():
        print(f"{key:10} {p}")
