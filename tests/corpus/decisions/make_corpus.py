"""Build a corpus of realistic received decisions, with the expected match of every entry.

    python tests/corpus/decisions/make_corpus.py OUT_DIR   # writes the files and expected.json

The fixture commune (``FIXTURE``) is xã Tân Lập (Lào Cai): its units and candidates, with
homonyms (two "Nguyễn Văn An", two "Nguyễn Thị Lan" born the same year), a person who is
also a household head, and collectives whose names real decisions abbreviate. The files:

- ``qd_125_tinh_uy.docx``  party decision, header table, list in a Word table with merged
  section rows (I. TẬP THỂ / II. CÁ NHÂN / III. HỘ GIA ĐÌNH), entries from several communes;
- ``qd_2345_ubnd.docx``    state decision whose entries are the numbered items of Article 1;
- ``ds_318_giay_khen.xlsx`` Excel list: title block, merged cells, two-level header "Năm sinh"
  over "Nam | Nữ", a column-number row, section rows, amounts, decomposed Unicode, capitals;
- ``ds_56_hnd.xls``        old Excel (.xls, written with xlwt), one-level header, other communes;
- ``qd_77_tcvn3.docx``     typed in TCVN3 (.VnTime body, .VnTimeH capitals);
- ``qd_41_vni.docx``       typed in VNI (VNI-Times).

Expected status per entry: ``auto`` only where a careful officer would be sure.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dienhinh_desktop.exchange.legacy_encoding import TCVN3, TCVN3_UPPER, VNI, encode  # noqa: E402

# --------------------------------------------------------------------------- the fixture commune

OFFICE = {
    "name": "Đảng ủy xã Tân Lập",
    "commune_name": "Tân Lập",
    "province_name": "Lào Cai",
    "place_name": "Tân Lập",
    "level": "commune",
    "is_party": True,
}
UNITS = {
    "u_nalang": "Chi bộ thôn Nà Lang",
    "u_kema": "Chi bộ thôn Khe Mạ",
    "u_banme": "Chi bộ thôn Bản Mế",
    "u_school": "Trường Tiểu học Tân Lập",
    "u_health": "Trạm Y tế xã Tân Lập",
    "u_htx": "Hợp tác xã Nông nghiệp Tân Lập",
}
# key: (kind, name, birth_year, gender, ethnicity, position_unit, unit key, status)
FIXTURE: dict[str, tuple[Any, ...]] = {
    "t_cb_nalang": ("collective", "Chi bộ thôn Nà Lang", None, None, None, "Đảng bộ xã Tân Lập", "u_nalang", "proposed"),
    "t_cb_kema": ("collective", "Chi bộ thôn Khe Mạ", None, None, None, "Đảng bộ xã Tân Lập", "u_kema", "proposed"),
    "t_cb_banme": ("collective", "Chi bộ thôn Bản Mế", None, None, None, "Đảng bộ xã Tân Lập", "u_banme", "registered"),
    "t_thon_nalang": ("collective", "Thôn Nà Lang", None, None, None, "xã Tân Lập", None, "proposed"),
    "t_htx": ("collective", "Hợp tác xã Nông nghiệp Tân Lập", None, None, None, "xã Tân Lập", "u_htx", "proposed"),
    "t_lhpn": ("collective", "Hội Liên hiệp Phụ nữ xã Tân Lập", None, None, None, None, None, "proposed"),
    "t_doan": ("collective", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập", None, None, None, None, None, "proposed"),
    "t_school": ("collective", "Trường Tiểu học Tân Lập", None, None, None, "xã Tân Lập", "u_school", "proposed"),
    "t_ccb": ("collective", "Hội Cựu chiến binh xã Tân Lập", None, None, None, None, None, "proposed"),
    "p_an75": ("individual", "Nguyễn Văn An", 1975, "male", "Kinh", "Bí thư Chi bộ thôn Nà Lang", "u_nalang", "proposed"),
    "p_an90": ("individual", "Nguyễn Văn An", 1990, "male", "Kinh", "Trưởng thôn Khe Mạ", "u_kema", "proposed"),
    "p_hoa": ("individual", "Lê Thị Hòa", 1982, "female", "Kinh", "Chi hội trưởng Phụ nữ thôn Khe Mạ", "u_kema", "proposed"),
    "p_thuy": ("individual", "Hoàng Thị Thủy", 1988, "female", "Tày", "Giáo viên Trường Tiểu học Tân Lập", "u_school", "proposed"),
    "p_pom": ("individual", "Lò Văn Pọm", 1970, "male", "Thái", "Nông dân thôn Bản Mế", "u_banme", "proposed"),
    "p_ha": ("individual", "Trần Văn Hà", 1985, "male", "Kinh", "Đội trưởng Đội sản xuất thôn Nà Lang", "u_nalang", "proposed"),
    "p_hang": ("individual", "Phạm Thị Hằng", 1979, "female", "Kinh", "Trạm trưởng Trạm Y tế xã Tân Lập", "u_health", "proposed"),
    "p_thang": ("individual", "Vũ Đức Thắng", 1968, "male", "Kinh", "Chủ nhiệm Hợp tác xã Nông nghiệp Tân Lập", "u_htx", "proposed"),
    "p_duc": ("individual", "Đặng Văn Đức", 1980, "male", "Kinh", "Nông dân thôn Khe Mạ", "u_kema", "proposed"),
    "p_mai": ("individual", "Nguyễn Thị Mai", 1992, "female", "Kinh", "Bí thư Chi đoàn thôn Bản Mế", "u_banme", "proposed"),
    "p_tuan": ("individual", "Bùi Văn Tuấn", 1976, "male", "Kinh", "Công an viên thôn Nà Lang", "u_nalang", "proposed"),
    "p_son": ("individual", "Hà Văn Sơn", 1983, "male", "Tày", "Bí thư Chi đoàn thôn Nà Lang", "u_nalang", "proposed"),
    "p_lan_a": ("individual", "Nguyễn Thị Lan", 1987, "female", "Kinh", "Giáo viên Trường Tiểu học Tân Lập", "u_school", "proposed"),
    "p_lan_b": ("individual", "Nguyễn Thị Lan", 1987, "female", "Kinh", "Nông dân thôn Bản Mế", "u_banme", "proposed"),
    "p_thanh": ("individual", "Lò Văn Thanh", 1965, "male", "Thái", "Trưởng thôn Bản Mế", "u_banme", "proposed"),
    "p_dung": ("individual", "Trịnh Văn Dũng", 1978, "male", "Kinh", "Phó Chủ tịch Hội Nông dân xã Tân Lập", None, "proposed"),
    "p_huong": ("individual", "Nguyễn Thị Hương", 1990, "female", "Kinh", "Hội viên Chi hội Phụ nữ thôn Nà Lang", "u_nalang", "proposed"),
    "p_cuong": ("individual", "Ma Văn Cường", 1981, "male", "Tày", "Nông dân thôn Khe Mạ", "u_kema", "registered"),
    "h_thanh": ("household", "Hộ ông Lò Văn Thanh", 1965, "male", "Thái", "thôn Bản Mế", "u_banme", "proposed"),
    "h_do": ("household", "Hộ bà Giàng Thị Dợ", 1972, "female", "Mông", "thôn Khe Mạ", "u_kema", "proposed"),
    "h_binh": ("household", "Hộ ông Nguyễn Văn Bình", 1960, "male", "Kinh", "thôn Nà Lang", "u_nalang", "proposed"),
}  # fmt: skip

# --------------------------------------------------------------------------- the files
# Each entry: (name, birth year, gender for the Nam/Nữ columns, ethnicity, position/unit,
#              expected status, expected candidate key or None)

F1_ENTRIES = {
    "I. TẬP THỂ": [
        ("Chi bộ thôn Nà Lang", None, None, None, "Đảng bộ xã Tân Lập", "auto", "t_cb_nalang"),
        ("Chi bộ thôn Nà Lang", None, None, None, "Đảng bộ xã Bình Minh", "none", None),
        ("Hợp tác xã Nông nghiệp Tân Lập", None, None, None, "xã Tân Lập", "auto", "t_htx"),
        ("Hội LHPN xã Tân Lập", None, None, None, "", "auto", "t_lhpn"),
        ("Trường Tiểu học Bình Minh", None, None, None, "xã Bình Minh", "none", None),
        ("Đoàn TNCS Hồ Chí Minh xã Tân Lập", None, None, None, "", "auto", "t_doan"),
    ],
    "II. CÁ NHÂN": [
        ("Nguyễn Văn An", 1975, None, "Kinh", "Bí thư Chi bộ thôn Nà Lang, xã Tân Lập", "auto", "p_an75"),
        ("Nguyễn Văn An", 1975, None, "Kinh", "Nông dân thôn Cốc Ly, xã Bình Minh", "none", None),
        ("Lê Thị Hoà", 1982, None, "Kinh", "Chi hội trưởng Phụ nữ thôn Khe Mạ, xã Tân Lập", "auto", "p_hoa"),
        (
            "Bà Hoàng Thị Thuỷ",
            1988,
            None,
            "Tày",
            "Giáo viên Trường Tiểu học Tân Lập, xã Tân Lập",
            "auto",
            "p_thuy",
        ),
        ("Vũ Đức Thắng", 1972, None, "Kinh", "Chủ nhiệm HTX Thành Công, xã Bình Minh", "none", None),
        ("Đặng Văn Đức", None, None, None, "", "review", "p_duc"),
        ("Trần Văn Hạ", 1985, None, "Kinh", "Thôn Nà Lang, xã Tân Lập", "review", "p_ha"),
        ("Nguyễn Thị Lan", 1987, None, "Kinh", "Giáo viên Trường Tiểu học Tân Lập", "auto", "p_lan_a"),
        ("Đ/c Hà Văn Sơn", 1983, None, "Tày", "Bí thư Chi đoàn thôn Nà Lang, xã Tân Lập", "auto", "p_son"),
    ],
    "III. HỘ GIA ĐÌNH": [
        ("Hộ ông Lò Văn Thanh", 1965, None, "Thái", "Thôn Bản Mế, xã Tân Lập", "auto", "h_thanh"),
        ("Hộ gia đình bà Giàng Thị Dợ", 1972, None, "Mông", "Thôn Khe Mạ, xã Tân Lập", "auto", "h_do"),
        ("Hộ ông Nguyễn Văn Bình", 1958, None, "Kinh", "Thôn Nà Lang, xã Bình Minh", "none", None),
    ],
}

F2_ITEMS = {
    "a) Tập thể:": [
        ("Chi bộ thôn Khe Mạ, Đảng bộ xã Tân Lập;", "auto", "t_cb_kema"),
        ("Hội Cựu chiến binh xã Tân Lập;", "auto", "t_ccb"),
        ("Chi bộ thôn Nà Lang, Đảng bộ xã Bình Minh;", "none", None),
    ],
    "b) Cá nhân:": [
        ("Ông Nguyễn Văn An, sinh năm 1990, Trưởng thôn Khe Mạ, xã Tân Lập;", "auto", "p_an90"),
        ("Bà Phạm Thị Hằng, Trạm trưởng Trạm Y tế xã Tân Lập;", "auto", "p_hang"),
        ("Ông Bùi Văn Tuân, Công an viên thôn Nà Lang, xã Tân Lập;", "review", "p_tuan"),
        ("Ông Nguyễn Văn An, Trưởng thôn Cốc Ly, xã Bình Minh;", "none", None),
        ("Ông Trịnh Văn Dũng, Phó Chủ tịch Hội ND xã Tân Lập.", "auto", "p_dung"),
    ],
}

F3_ENTRIES = {
    "I. TẬP THỂ": [
        ("Trường TH Tân Lập", None, None, None, "xã Tân Lập", "auto", "t_school"),
        ("Thôn Nà Lang", None, None, None, "xã Tân Lập", "auto", "t_thon_nalang"),
    ],
    "II. CÁ NHÂN": [
        (
            "NGUYỄN THỊ HƯƠNG",
            1990,
            "female",
            "Kinh",
            "Hội viên Chi hội Phụ nữ thôn Nà Lang",
            "auto",
            "p_huong",
        ),
        ("Lò Văn Pọm", 1970, "male", "Thái", "Nông dân thôn Bản Mế", "auto", "p_pom"),
        ("Nguyễn Thị Mai", 1993, "female", "Kinh", "Bí thư Chi đoàn thôn Bản Mế", "review", "p_mai"),
        ("Nguyễn Thị Lan", 1987, "female", "Kinh", "", "review", None),
        ("Nguyễn Văn An", 1975, "male", "Kinh", "Bí thư Chi bộ thôn Nà Lang", "auto", "p_an75"),
        ("Trần Văn Hà", 1985, "male", "Kinh", "Đội trưởng Đội sản xuất thôn Nà Lang", "auto", "p_ha"),
        ("Ma Thị Hiền", 1995, "female", "Tày", "Nông dân thôn Khe Mạ", "none", None),
    ],
}

F4_ENTRIES = [
    ("Lò Văn Pọm", 1970, "Nam", "Thôn Bản Mế, xã Tân Lập", "Sản xuất nông nghiệp", "auto", "p_pom"),
    ("Đặng Văn Đức", 1980, "Nam", "Thôn Khe Mạ, xã Tân Lập", "Chăn nuôi", "auto", "p_duc"),
    ("Đặng Văn Đức", 1966, "Nam", "Thôn Làng Mới, xã Bình Minh", "Chăn nuôi", "none", None),
    ("Hộ ông Nguyễn Văn Bình", 1960, "Nam", "Thôn Nà Lang, xã Tân Lập", "Trồng trọt", "auto", "h_binh"),
    ("Trịnh Văn Dũng", 1978, "Nam", "xã Tân Lập", "Phong trào nông dân", "auto", "p_dung"),
    ("Nguyễn Văn An", None, "Nam", "", "Sản xuất nông nghiệp", "review", None),
]

F5_ENTRIES = [
    ("Đoàn TNCS Hồ Chí Minh xã Tân Lập", None, "", "auto", "t_doan"),
    ("Hà Văn Sơn", 1983, "Bí thư Chi đoàn thôn Nà Lang, xã Tân Lập", "auto", "p_son"),
    ("Nguyễn Thị Mai", 1992, "Bí thư Chi đoàn thôn Bản Mế, xã Tân Lập", "auto", "p_mai"),
    ("Lê Văn Hùng", 1995, "Bí thư Chi đoàn thôn Làng Mới, xã Bình Minh", "none", None),
]

F6_ENTRIES = [
    ("Hội LHPN xã Tân Lập", None, "", "auto", "t_lhpn"),
    ("Lê Thị Hòa", 1982, "Chi hội trưởng Phụ nữ thôn Khe Mạ, xã Tân Lập", "auto", "p_hoa"),
    ("Hoàng Thị Thủy", 1988, "Giáo viên Trường Tiểu học Tân Lập, xã Tân Lập", "auto", "p_thuy"),
    ("Nguyễn Thị Lan", 1987, "Nông dân thôn Bản Mế, xã Tân Lập", "auto", "p_lan_b"),
    ("Nguyễn Thị Lan", 1987, "Giáo viên Trường Tiểu học Tân Lập, xã Tân Lập", "auto", "p_lan_a"),
]

# The decision facts each file must yield.
FACTS = {
    "qd_125_tinh_uy.docx": {
        "number": "125-QĐ/TU",
        "date": "2026-12-12",
        "award_kind": "recognition",
        "issuer_contains": "Tỉnh ủy",
        "format": "docx",
        "legacy": None,
    },
    "qd_2345_ubnd.docx": {
        "number": "2345/QĐ-UBND",
        "date": "2026-12-20",
        "award_kind": "merit",
        "issuer_contains": "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "format": "docx",
        "legacy": None,
    },
    "ds_318_giay_khen.xlsx": {
        "number": "318-QĐ/BTGDVTU",
        "date": "2026-12-22",
        "award_kind": "certificate",
        "issuer_contains": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "format": "xlsx",
        "legacy": None,
    },
    "ds_56_hnd.xls": {
        "number": "56/QĐ-HNDT",
        "date": "2026-12-05",
        "award_kind": "certificate",
        "issuer_contains": "Hội Nông dân tỉnh",
        "format": "xls",
        "legacy": None,
    },
    "qd_77_tcvn3.docx": {
        "number": "77-QĐ/TĐTN",
        "date": "2026-11-26",
        "award_kind": "merit",
        "issuer_contains": "TỈNH ĐOÀN LÀO CAI",
        "format": "docx",
        "legacy": "tcvn3",
    },
    "qd_41_vni.docx": {
        "number": "41/QĐ-HLHPN",
        "date": "2026-10-15",
        "award_kind": "certificate",
        "issuer_contains": "HỘI LIÊN HIỆP PHỤ NỮ TỈNH",
        "format": "docx",
        "legacy": "vni",
    },
}


# --------------------------------------------------------------------------- writers


def _no_borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _para(doc: Any, text: str, *, bold: bool = False, center: bool = False, font: str | None = None) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if font:
        run.font.name = font
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _cell(cell: Any, text: str, *, bold: bool = False, font: str | None = None) -> None:
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        if font:
            run.font.name = font


def _header_table(
    doc: Any, left: str, right: str, enc: Any = None, fonts: tuple[str, str] | None = None
) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _cell(table.cell(0, 0), left, bold=True, font=fonts[0] if fonts else None)
    _cell(table.cell(0, 1), right, bold=True, font=fonts[1] if fonts else None)


def write_f1(path: Path) -> list[dict[str, Any]]:
    """Party decision (Ban Thường vụ Tỉnh ủy): header table, Article 1, attached list table."""
    from docx import Document

    doc = Document()
    _header_table(
        doc,
        "ĐẢNG BỘ TỈNH LÀO CAI\nTỈNH ỦY\n*\nSố 125-QĐ/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM\nLào Cai, ngày 12 tháng 12 năm 2026",
    )
    _para(doc, "QUYẾT ĐỊNH", bold=True, center=True)
    _para(
        doc, "về việc công nhận, ghi danh điển hình tiên tiến giai đoạn 2025 – 2030", bold=True, center=True
    )
    _para(doc, "-----", center=True)
    _para(doc, "BAN THƯỜNG VỤ TỈNH ỦY", bold=True, center=True)
    _para(doc, "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;")
    _para(doc, "- Căn cứ Quy chế làm việc của Tỉnh ủy khóa XVIII, nhiệm kỳ 2025 – 2030;")
    _para(doc, "- Xét đề nghị của Ban Tuyên giáo và Dân vận Tỉnh ủy ngày 01 tháng 12 năm 2026,")
    _para(doc, "QUYẾT ĐỊNH", bold=True, center=True)
    _para(
        doc,
        "Điều 1. Công nhận, ghi danh điển hình tiên tiến giai đoạn 2025 – 2030 đối với 6 tập thể, "
        "9 cá nhân và 3 hộ gia đình (có danh sách kèm theo).",
    )
    _para(
        doc, "Điều 2. Các cấp ủy, tổ chức đảng và các tập thể, cá nhân có liên quan thi hành Quyết định này."
    )
    _para(doc, "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nHoàng Văn Minh", bold=True)
    doc.add_page_break()
    _para(doc, "DANH SÁCH", bold=True, center=True)
    _para(
        doc,
        "tập thể, cá nhân, hộ gia đình được công nhận, ghi danh điển hình tiên tiến",
        bold=True,
        center=True,
    )
    _para(
        doc,
        "(Kèm theo Quyết định số 125-QĐ/TU, ngày 12/12/2026 của Ban Thường vụ Tỉnh ủy)",
        center=True,
    )
    headers = ["TT", "Tên tập thể, họ và tên cá nhân", "Năm sinh", "Dân tộc", "Chức vụ, đơn vị"]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for i, h in enumerate(headers):
        _cell(table.cell(0, i), h, bold=True)
    expected: list[dict[str, Any]] = []
    for section, rows in F1_ENTRIES.items():
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        _cell(merged, section, bold=True)
        for n, (name, year, _g, eth, pos, status, key) in enumerate(rows, 1):
            cells = table.add_row().cells
            for i, v in enumerate([str(n), name, str(year or ""), eth or "", pos]):
                _cell(cells[i], v)
            expected.append({"name": name, "status": status, "candidate": key})
    _para(doc, "(Danh sách này có 6 tập thể, 9 cá nhân và 3 hộ gia đình)", center=True)
    doc.save(str(path))
    return expected


def write_f2(path: Path) -> list[dict[str, Any]]:
    """State decision (UBND tỉnh): header in tab-separated paragraphs, entries as Article 1 items."""
    from docx import Document

    doc = Document()
    _para(doc, "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    _para(doc, "TỈNH LÀO CAI\tĐộc lập - Tự do - Hạnh phúc", bold=True)
    _para(doc, "Số: 2345/QĐ-UBND\tLào Cai, ngày 20 tháng 12 năm 2026")
    _para(doc, "QUYẾT ĐỊNH", bold=True, center=True)
    _para(doc, "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", bold=True, center=True)
    _para(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI", bold=True, center=True)
    _para(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    _para(doc, "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 15 tháng 6 năm 2025 của Chính phủ;")
    _para(doc, "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 456/TTr-SNV ngày 10 tháng 12 năm 2026.")
    _para(doc, "QUYẾT ĐỊNH:", bold=True, center=True)
    _para(
        doc,
        "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 3 tập thể và 5 cá nhân đã có "
        "thành tích xuất sắc trong phong trào thi đua yêu nước năm 2026, gồm:",
    )
    expected: list[dict[str, Any]] = []
    for heading, items in F2_ITEMS.items():
        _para(doc, heading)
        for n, (text, status, key) in enumerate(items, 1):
            _para(doc, f"{n}. {text}")
            expected.append({"name": text.split(",")[0].rstrip(";."), "status": status, "candidate": key})
    _para(doc, "Mỗi tập thể được thưởng 3.000.000 đồng, mỗi cá nhân được thưởng 1.500.000 đồng.")
    _para(
        doc, "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ … chịu trách nhiệm thi hành."
    )
    _para(doc, "Nơi nhận:\t\tCHỦ TỊCH")
    doc.save(str(path))
    return expected


def write_f3(path: Path) -> list[dict[str, Any]]:
    """Excel list: title block, merged cells, "Năm sinh" over "Nam | Nữ", number row, sections."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY LÀO CAI"
    ws.merge_cells("A1:C1")
    ws["E1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws.merge_cells("E1:H1")
    ws["A2"] = "*"
    ws["E2"] = "Lào Cai, ngày 22 tháng 12 năm 2026"
    ws.merge_cells("E2:H2")
    ws["A3"] = "DANH SÁCH"
    ws.merge_cells("A3:H3")
    ws["A4"] = "tập thể, cá nhân xã Tân Lập được tặng Giấy khen"
    ws.merge_cells("A4:H4")
    ws["A5"] = "(Kèm theo Quyết định số 318-QĐ/BTGDVTU ngày 22/12/2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy)"
    ws.merge_cells("A5:H5")
    # Two-level header on rows 7-8.
    top = [
        "STT",
        "Họ và tên",
        "Năm sinh",
        None,
        "Dân tộc",
        "Chức vụ, đơn vị",
        "Hình thức khen thưởng",
        "Số tiền (đồng)",
    ]
    for i, v in enumerate(top, 1):
        if v:
            ws.cell(row=7, column=i, value=v).font = Font(bold=True)
    ws.cell(row=8, column=3, value="Nam")
    ws.cell(row=8, column=4, value="Nữ")
    for col in "ABEFGH":
        ws.merge_cells(f"{col}7:{col}8")
    ws.merge_cells("C7:D7")
    for i in range(1, 9):
        ws.cell(row=9, column=i, value=f"({i})").alignment = Alignment(horizontal="center")
    r = 10
    expected: list[dict[str, Any]] = []
    for section, rows in F3_ENTRIES.items():
        ws.cell(row=r, column=1, value=section).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
        r += 1
        for n, (name, year, gender, eth, pos, status, key) in enumerate(rows, 1):
            shown = unicodedata.normalize("NFD", name) if name == "Lò Văn Pọm" else name
            ws.cell(row=r, column=1, value=n)
            ws.cell(row=r, column=2, value=shown)
            if year:
                ws.cell(row=r, column=3 if gender == "male" else 4, value=year)
            ws.cell(row=r, column=5, value=eth)
            ws.cell(row=r, column=6, value=pos or None)
            ws.cell(row=r, column=7, value="Giấy khen")
            ws.cell(row=r, column=8, value="1.500.000" if section.startswith("I.") else 500000)
            expected.append({"name": name, "status": status, "candidate": key})
            r += 1
    ws.cell(row=r, column=1, value="Tổng cộng")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    ws.cell(row=r + 2, column=6, value="T/M BAN TUYÊN GIÁO VÀ DÂN VẬN")
    wb.save(str(path))
    return expected


def write_f4(path: Path) -> list[dict[str, Any]]:
    """Old .xls (xlwt): title rows, merged title, one-level header, other communes."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("DS")
    bold = xlwt.easyxf("font: bold on; align: horiz center")
    ws.write_merge(0, 0, 0, 2, "HỘI NÔNG DÂN TỈNH LÀO CAI", bold)
    ws.write_merge(0, 0, 3, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    ws.write_merge(1, 1, 3, 5, "Độc lập - Tự do - Hạnh phúc", bold)
    ws.write_merge(3, 3, 0, 5, "DANH SÁCH HỘI VIÊN NÔNG DÂN ĐƯỢC TẶNG GIẤY KHEN", bold)
    ws.write_merge(
        4, 4, 0, 5, "(Kèm theo Quyết định số 56/QĐ-HNDT ngày 05/12/2026 của Ban Thường vụ Hội Nông dân tỉnh)"
    )
    for i, h in enumerate(["TT", "Họ và tên", "Năm sinh", "Giới tính", "Địa chỉ", "Lĩnh vực"]):
        ws.write(6, i, h, bold)
    expected: list[dict[str, Any]] = []
    for n, (name, year, gender, addr, fld, status, key) in enumerate(F4_ENTRIES, 1):
        row = 6 + n
        ws.write(row, 0, n)
        ws.write(row, 1, name)
        if year:
            ws.write(row, 2, year)
        ws.write(row, 3, gender)
        ws.write(row, 4, addr)
        ws.write(row, 5, fld)
        expected.append({"name": name, "status": status, "candidate": key})
    wb.save(str(path))
    return expected


def _legacy_docx(path: Path, enc: str, body_font: str, head_font: str, spec: dict[str, Any]) -> None:
    """A decision typed in a legacy font: every run's text encoded, the font named on it."""
    from docx import Document

    doc = Document()
    if enc == TCVN3:
        # The body font comes from the Normal style (runs carry no font of their own).
        doc.styles["Normal"].font.name = body_font
        body_run_font = None
    else:
        body_run_font = body_font

    def up(text: str) -> str:
        return encode(text, TCVN3_UPPER) if enc == TCVN3 else encode(text.upper(), enc)

    def low(text: str) -> str:
        return encode(text, enc)

    head_run_font = head_font
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _cell(table.cell(0, 0), "\n".join(up(x) for x in spec["left"]), bold=True, font=head_run_font)
    _cell(table.cell(0, 1), "\n".join(up(x) for x in spec["right"]), bold=True, font=head_run_font)
    p = doc.add_paragraph()
    p.add_run(low(spec["place_date"])).font.name = body_run_font
    _para(doc, up("Quyết định"), bold=True, center=True, font=head_run_font)
    _para(doc, low(spec["title"]), bold=True, center=True, font=body_run_font)
    _para(doc, up(spec["authority"]), bold=True, center=True, font=head_run_font)
    _para(doc, low("Căn cứ Điều lệ và Quy chế làm việc;"), font=body_run_font)
    _para(doc, up("Quyết định:"), bold=True, center=True, font=head_run_font)
    _para(doc, low(spec["article1"]), font=body_run_font)
    _para(doc, low("Điều 2. Các đơn vị có liên quan thi hành Quyết định này."), font=body_run_font)
    headers = ["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị"]
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(headers):
        _cell(t.cell(0, i), low(h), bold=True, font=body_run_font)
    for n, (name, year, pos, *_rest) in enumerate(spec["entries"], 1):
        cells = t.add_row().cells
        for i, v in enumerate([str(n), name, str(year or ""), pos]):
            _cell(cells[i], low(v), font=body_run_font)
    doc.save(str(path))


def write_f5(path: Path) -> list[dict[str, Any]]:
    _legacy_docx(
        path,
        TCVN3,
        ".VnTime",
        ".VnTimeH",
        {
            "left": ["Ban chấp hành Đoàn tỉnh Lào Cai", "***", "Số: 77-QĐ/TĐTN"],
            "right": ["Đoàn TNCS Hồ Chí Minh"],
            "place_date": "Lào Cai, ngày 26 tháng 11 năm 2026",
            "title": "Về việc tặng Bằng khen của Ban Chấp hành Tỉnh đoàn",
            "authority": "Ban Thường vụ Tỉnh đoàn Lào Cai",
            "article1": "Điều 1. Tặng Bằng khen của Ban Chấp hành Tỉnh đoàn cho 1 tập thể và 3 cá nhân (có danh sách kèm theo).",
            "entries": F5_ENTRIES,
        },
    )
    return [{"name": e[0], "status": e[3], "candidate": e[4]} for e in F5_ENTRIES]


def write_f6(path: Path) -> list[dict[str, Any]]:
    _legacy_docx(
        path,
        VNI,
        "VNI-Times",
        "VNI-Times",
        {
            "left": ["Hội Liên hiệp Phụ nữ tỉnh Lào Cai", "Số: 41/QĐ-HLHPN"],
            "right": ["Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc"],
            "place_date": "Lào Cai, ngày 15 tháng 10 năm 2026",
            "title": "Về việc tặng Giấy khen cho tập thể, cá nhân",
            "authority": "Ban Thường vụ Hội Liên hiệp Phụ nữ tỉnh",
            "article1": "Điều 1. Tặng Giấy khen của Ban Thường vụ Hội LHPN tỉnh cho 1 tập thể và 4 cá nhân.",
            "entries": F6_ENTRIES,
        },
    )
    return [{"name": e[0], "status": e[3], "candidate": e[4]} for e in F6_ENTRIES]


WRITERS = {
    "qd_125_tinh_uy.docx": write_f1,
    "qd_2345_ubnd.docx": write_f2,
    "ds_318_giay_khen.xlsx": write_f3,
    "ds_56_hnd.xls": write_f4,
    "qd_77_tcvn3.docx": write_f5,
    "qd_41_vni.docx": write_f6,
}


def build(out_dir: Path) -> dict[str, Any]:
    """Write every corpus file into ``out_dir``; return the expected results (expected.json's content)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Any] = {}
    for name, writer in WRITERS.items():
        entries = writer(out_dir / name)
        expected[name] = {"facts": FACTS[name], "entries": entries}
    return expected


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else HERE / "out"
    expected = build(out)
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(expected)} tệp trong {out}; kết quả mong đợi: {HERE / 'expected.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))


def populate(session: Any, plan_id: str | None = None) -> dict[str, str]:
    """Create the fixture commune (office, plan, units, candidates) in ``session``; return
    {fixture key: candidate id}. Does not commit."""
    from dienhinh_desktop.models import Candidate, OfficeProfile, Plan, Unit
    from dienhinh_desktop.services import derived  # noqa: F401  (keeps the derived keys right)

    office_unit = Unit(name=OFFICE["name"], kind="commune")
    session.add(office_unit)
    session.flush()
    session.add(OfficeProfile(unit_id=office_unit.id, **OFFICE))
    if plan_id is None:
        plan = Plan(name="Xây dựng, nhân rộng điển hình tiên tiến xã Tân Lập giai đoạn 2025 – 2030")
        session.add(plan)
        session.flush()
        plan_id = plan.id
    units: dict[str, str] = {}
    for key, name in UNITS.items():
        u = Unit(name=name, kind="other", parent_id=office_unit.id)
        session.add(u)
        session.flush()
        units[key] = u.id
    ids: dict[str, str] = {}
    for key, (kind, name, year, gender, eth, pos, unit_key, status) in FIXTURE.items():
        c = Candidate(
            plan_id=plan_id,
            kind=kind,
            name=name,
            birth_year=year,
            gender=gender,
            ethnicity=eth,
            position_unit=pos,
            unit_id=units.get(unit_key) if unit_key else None,
            status=status,
            selected_for_proposal=status == "proposed",
        )
        session.add(c)
        session.flush()
        ids[key] = c.id
    return ids
