"""Excel lists: text stays text, print set-up, header rows, fonts."""

from __future__ import annotations

from openpyxl import load_workbook

from dienhinh_desktop.documents.xlsx_writer import write_xlsx_list


def test_user_text_is_never_a_formula(tmp_path):
    path = write_xlsx_list(
        tmp_path / "ds.xlsx",
        header_left=["ĐẢNG BỘ TỈNH LÀO CAI", "ĐẢNG ỦY XÃ TÂN LẬP"],
        header_right=["ĐẢNG CỘNG SẢN VIỆT NAM", "Tân Lập, ngày 05 tháng 02 năm 2026"],
        title_lines=["DANH SÁCH", ("kèm theo", {"italic": True, "bold": False})],
        columns=[
            ("STT", 6),
            ("Họ và tên", 30),
            ("Nam", 8, "Năm sinh"),
            ("Nữ", 8, "Năm sinh"),
            ("Ghi chú", 20),
        ],
        sections=[
            ("I. CÁ NHÂN", [[1, "=SUM(A1:A9)", "1980", "", "+84 912"], [2, "@cmd", "", "1990", "-1"]]),
            ("II. TẬP THỂ", [[1, "Chi bộ <thôn> & bản", "", "", "x\x0by"]]),
        ],
        signature=["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "", "Hoàng Văn Giang"],
        footer_lines=["Tổng số: 03"],
    )
    wb = load_workbook(path)
    ws = wb.active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    for text in ("=SUM(A1:A9)", "@cmd", "+84 912", "-1", "1980"):
        assert cells[text].data_type == "s", text
    assert cells["=SUM(A1:A9)"].quotePrefix
    assert cells["xy"].data_type == "s"  # a control character is dropped
    assert isinstance(cells["Chi bộ <thôn> & bản"].value, str)
    # two-level header: "Năm sinh" over "Nam" | "Nữ", the others merged down
    head = next(c for c in cells.values() if c.value == "Năm sinh")
    r = head.row
    assert ws.cell(row=r + 1, column=3).value == "Nam" and ws.cell(row=r + 1, column=4).value == "Nữ"
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert f"A{r}:A{r + 1}" in merged and f"C{r}:D{r}" in merged
    assert ws.print_title_rows.replace("$", "") == f"{r}:{r + 1}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.cell(row=r, column=1).border.left.style == "thin"
    assert ws.cell(row=r + 2, column=1).value == "I. CÁ NHÂN"
    assert ws.cell(row=r + 3, column=2).alignment.wrap_text
    assert ws.column_dimensions["B"].width == 30
    for c in cells.values():
        assert c.font.name == "Times New Roman"


def test_portrait_and_plain_rows(tmp_path):
    path = write_xlsx_list(
        tmp_path / "b.xlsx",
        title_lines=["BIỂU"],
        columns=[("A", 10), ("B", 10)],
        rows=[["=1+1", 3]],
        landscape=False,
    )
    ws = load_workbook(path).active
    assert ws.page_setup.orientation == "portrait"
    values = [c for row in ws.iter_rows() for c in row if c.value is not None]
    formula = next(c for c in values if c.value == "=1+1")
    assert formula.data_type == "s"
    assert next(c for c in values if c.value == 3).data_type == "n"
