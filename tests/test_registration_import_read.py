"""Reading registration lists (no database): headers, sections, years, genders, refusals."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.exchange.registration_import import (
    _parse_year,
    _section_kind,
    header_role,
    read_registration_rows,
)
from tests.corpus.registration import make_corpus as corpus


def _by_row(rows):  # type: ignore[no-untyped-def]
    return {r.row: r for r in rows}


def test_messy_xlsx_kinds_genders_years_units(tmp_path: Path) -> None:
    sheet, rows = read_registration_rows(corpus.make_messy_xlsx(tmp_path))
    assert sheet == "Danh sách"
    rows = _by_row(rows)
    # Title block, header, numbering row, section rows, spacer, total and signature: not rows.
    assert sorted(rows) == [11, 12, 15, 16, 17, 18, 19, 20, 21, 22, 24]
    good = {n: r for n, r in rows.items() if r.error is None}
    assert sorted(good) == [11, 12, 15, 16, 17, 22, 24]
    assert good[11].values == {"kind": "collective", "name": "Chi bộ thôn Nà Pồng"}
    assert good[11].unit_name == "Chi bộ thôn Nà Pồng" and good[11].field_text == "4.9"
    assert good[12].values["kind"] == "collective"
    an = good[15].values
    assert an["kind"] == "individual" and an["name"] == "Nguyễn Văn An"  # UPPER CASE normalised
    assert an["birth_year"] == 1985 and isinstance(an["birth_year"], int)  # 1985.0
    assert an["gender"] == "male" and an["is_party_member"] is True and an["ethnicity"] == "Kinh"
    mai = good[16].values
    assert mai["name"] == "Lò Thị Mai" and mai["name"] == __import__("unicodedata").normalize(
        "NFC", mai["name"]
    )
    assert mai["birth_year"] == 1990 and mai["gender"] == "female"  # text year in the Nữ column
    assert mai["ethnicity"] == "Thái" and mai["note"] == "Giáo viên dạy giỏi cấp tỉnh"
    assert "is_party_member" not in mai
    assert good[17].values["name"] == "=Hà Văn Tú"  # stays text
    assert good[24].values["kind"] == "household" and good[24].values["birth_year"] == 1965
    assert good[24].unit_name == "Thôn Nà Pồng"


def test_messy_xlsx_rejected_rows_say_why(tmp_path: Path) -> None:
    _sheet, rows = read_registration_rows(corpus.make_messy_xlsx(tmp_path))
    errors = {r.row: r.error for r in rows if r.error}
    assert "«abc»" in errors[18] and "không phải là một năm" in errors[18]
    assert "1850" in errors[19] and "ngoài khoảng" in errors[19]
    assert "không có họ và tên" in errors[20]
    assert "cả cột Nam và cột Nữ" in errors[21]
    assert set(errors) == {18, 19, 20, 21}


def test_old_xls_with_legacy_font_and_gender_column(tmp_path: Path) -> None:
    sheet, rows = read_registration_rows(corpus.make_xls(tmp_path))
    assert sheet == "DS dang ky"
    rows = _by_row(rows)
    assert sorted(rows) == [7, 9, 10, 11]
    assert rows[7].values == {"kind": "collective", "name": "Chi đoàn thôn Nà Pồng"}
    assert rows[9].values["name"] == "Đinh Văn Hải"  # typed in .VnTime (TCVN3)
    assert rows[9].values["birth_year"] == 1975 and rows[9].values["gender"] == "male"
    assert rows[10].values["birth_year"] == 1982 and rows[10].values["gender"] == "female"
    assert rows[10].error is None
    assert "mâu thuẫn" in rows[11].error and "«Nam»" in rows[11].error


def test_flat_list_with_kind_column_and_cover_sheet(tmp_path: Path) -> None:
    sheet, rows = read_registration_rows(corpus.make_flat_xlsx(tmp_path))
    assert sheet == "DS"
    rows = _by_row(rows)
    assert rows[4].values["kind"] == "collective"
    assert rows[5].values["kind"] == "individual" and rows[5].values["birth_year"] == 1992
    assert rows[5].values["gender"] == "female" and rows[5].values["position_unit"] == "Y sĩ"
    assert rows[6].values["kind"] == "household" and rows[6].values["birth_year"] == 1959
    assert "Giới tính «abc»" in rows[7].error
    assert "Loại «Khác»" in rows[8].error


@pytest.mark.parametrize(
    ("maker", "fragment", "code"),
    [
        ("make_encrypted_xlsx", "tệp được đặt mật khẩu", "encrypted_file"),
        ("make_csv_as_xlsx", "không phải tệp Excel", "bad_file"),
        ("make_broken_xlsx", "hỏng", None),
        ("make_empty_xlsx", "trống", "empty_file"),
        ("make_no_header_xlsx", "«Họ và tên»", "no_header"),
    ],
)
def test_refused_files_name_the_file(tmp_path: Path, maker: str, fragment: str, code: str | None) -> None:
    path = getattr(corpus, maker)(tmp_path)
    with pytest.raises(UserError) as err:
        read_registration_rows(path)
    assert path.name in err.value.message
    assert fragment in err.value.message
    if code:
        assert err.value.code == code


def test_other_files_are_refused(tmp_path: Path) -> None:
    html = tmp_path / "web.xls"
    html.write_text("<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(UserError, match="trang web"):
        read_registration_rows(html)
    zero = tmp_path / "rong.xlsx"
    zero.write_bytes(b"")
    with pytest.raises(UserError, match="rỗng"):
        read_registration_rows(zero)
    with pytest.raises(UserError, match="Không tìm thấy"):
        read_registration_rows(tmp_path / "khong_co.xlsx")
    zip_not_excel = tmp_path / "nen.xlsx"
    import zipfile

    with zipfile.ZipFile(zip_not_excel, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UserError, match="không phải sổ làm việc Excel"):
        read_registration_rows(zip_not_excel)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("STT", "stt"),
        ("TT", "stt"),
        ("Họ và tên", "name"),
        ("HỌ TÊN", "name"),
        ("Ho va ten", "name"),
        ("Tên tập thể", "name"),
        ("Tên tập thể, cá nhân", "name"),
        ("Họ và tên\n(Tên tập thể)", "name"),
        ("Năm sinh", "year"),
        ("Ngày, tháng, năm sinh", "year"),
        ("Giới tính", "gender"),
        ("Dân tộc", "ethnicity"),
        ("Chức vụ, đơn vị", "position_unit"),
        ("Chức vụ, đơn vị công tác", "position_unit"),
        ("Lĩnh vực", "field"),
        ("Đơn vị đăng ký", "unit"),
        ("Đảng viên", "party"),
        ("Ghi chú", "note"),
        ("Nguyễn Văn An", None),
        (1985, None),
    ],
)
def test_header_synonyms(text: object, role: str | None) -> None:
    assert header_role(text) == role
    if isinstance(text, str):
        import unicodedata

        assert header_role(unicodedata.normalize("NFD", text)) == role


@pytest.mark.parametrize(
    ("value", "year"),
    [(1985, 1985), (1985.0, 1985), ("1985", 1985), (" 1985.0 ", 1985), ("năm 1985", 1985),
     ("12/03/1985", 1985), (datetime(1985, 3, 12), 1985), (date(1985, 3, 12), 1985), (None, None), ("", None)],
)  # fmt: skip
def test_years(value: object, year: int | None) -> None:
    assert _parse_year(value) == (year, None)


@pytest.mark.parametrize("value", ["abc", "85", 1985.5, 1850, 2999, "19855"])
def test_bad_years(value: object) -> None:
    year, error = _parse_year(value)
    assert year is None and error and "Năm sinh" in error


@pytest.mark.parametrize(
    ("text", "kind"),
    [("I. TẬP THỂ", "collective"), ("II. CÁ NHÂN", "individual"), ("III. HỘ GIA ĐÌNH", "household"),
     ("A. Tập thể (05)", "collective"), ("Cá nhân điển hình tiên tiến", "individual"),
     ("Tập thể lớp 9A", None), ("Chi bộ thôn 3", None)],
)  # fmt: skip
def test_section_rows(text: str, kind: str | None) -> None:
    assert _section_kind(text) == kind


def test_gender_marks_group_rows_and_repeated_header(tmp_path: Path) -> None:
    """ "Giới tính" over "Nam | Nữ" with an "x"; unit group rows instead of a unit column; the
    header printed again on a new page; a pre-numbered empty row; "TT" instead of "STT"."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐĂNG KÝ"])
    ws.append(["TT", "Họ tên", "Năm sinh", "Giới tính", None, "Chức vụ", "Đơn vị công tác", "Đảng viên"])
    ws.append([None, None, None, "Nam", "Nữ"])
    ws.merge_cells("D2:E2")
    ws.append(["1. Chi bộ thôn Bản Chang"])
    ws.merge_cells("A4:H4")
    ws.append([1, "Sầm Văn Tiến", 1968, "x", None, "Trưởng bản", "Bản Chang", "Có"])
    ws.append(["TT", "Họ tên", "Năm sinh", "Giới tính", None, "Chức vụ", "Đơn vị công tác", "Đảng viên"])
    ws.append(["2. Trường Mầm non Hoa Sen"])
    ws.merge_cells("A7:H7")
    ws.append([1, "Mạc Thị Hương", "1995", None, "x", "Giáo viên", "Trường Mầm non Hoa Sen", None])
    ws.append([2, "Đào Thị Yến", 1996, "x", "x"])
    ws.append([3])
    ws.append([None, None, None, None, None, "Hà Giang, ngày 02 tháng 4 năm 2025"])
    ws.append([None, "Trần Văn Ký"])
    path = tmp_path / "nhom.xlsx"
    wb.save(path)
    _sheet, rows = read_registration_rows(path)
    rows = _by_row(rows)
    assert sorted(rows) == [5, 8, 9]
    assert rows[5].values["gender"] == "male" and rows[5].values["is_party_member"] is True
    assert (
        rows[5].values["position_unit"] == "Trưởng bản, Bản Chang"
        and rows[5].values["position"] == "Trưởng bản"
    )
    assert rows[5].unit_name == "Chi bộ thôn Bản Chang"
    assert rows[8].values["gender"] == "female" and rows[8].values["birth_year"] == 1995
    assert rows[8].unit_name == "Trường Mầm non Hoa Sen"
    assert "cả cột Nam và cột Nữ" in rows[9].error
