"""Build the Word templates of this folder with python-docx (reproducible).

    .venv/bin/python resources/templates/build_templates.py

The generated .docx files are committed; an officer may open and adjust them in Word
(or put an edited copy in "<data folder>/templates/", which wins). Tags are docxtpl /
Jinja: ``{{ value }}``, ``{%p if … %}`` … ``{%p endif %}`` (a whole paragraph),
``{%tr for … %}`` (a whole table row).

- ``_profile_state.docx`` — Decree 30/2020/NĐ-CP layout (state bodies);
- ``_profile_party.docx`` — Guidance 36-HD/VPTW layout (party bodies).
  Each has three blocks introduced by a marker paragraph: "#KHỐI: phần đầu" (the
  two-column header with number and place-date), "#KHỐI: tên loại và trích yếu"
  (document type name and summary line) and "#KHỐI: nơi nhận và chữ ký"
  (recipients and signature). Papers place them with {{p header_block }},
  {{p title_block }}, {{p signature_block }}.
- ``registration_form.docx`` — phiếu đăng ký xây dựng điển hình tiên tiến (one candidate);
- ``registration_summary.docx`` — biểu tổng hợp đăng ký (A4 landscape).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from dienhinh_desktop.documents.docx_style import (  # noqa: E402
    FONT,
    add_par,
    all_borders,
    cant_split,
    enforce_fonts,
    fixed_layout,
    line_paragraph,
    no_borders,
    page_setup,
    repeat_header,
    set_paragraph,
    style_run,
    text_width_mm,
)

BODY_STYLE = "Nội dung văn bản"
# Widths (mm) of the header and signature tables on a portrait page (165 mm of text).
STATE_HEADER = (65.0, 100.0)
PARTY_HEADER = (80.0, 85.0)
SIGNATURE = (75.0, 90.0)
# Lengths of the lines under the texts, measured on Times New Roman (Liberation Serif) bold.
MOTTO_LINE_MM = 61.0  # "Độc lập - Tự do - Hạnh phúc", 14 pt bold
PARTY_LINE_MM = 73.0  # "ĐẢNG CỘNG SẢN VIỆT NAM", 15 pt bold
ISSUER_LINE_MM = 30.0  # 1/3–1/2 of the issuer line
SUMMARY_LINE_MM = 45.0


def new_document(*, landscape: bool = False, body_size: float = 14) -> Document:
    doc = Document()
    page_setup(doc, landscape=landscape)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(body_size)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    body = doc.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.font.name = FONT
    body.font.size = Pt(body_size)
    fmt = body.paragraph_format
    fmt.alignment = 3  # justify
    fmt.first_line_indent = Mm(12.7)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.0
    return doc


def body_par(doc, text: str = "", *, bold: bool = False, italic: bool = False, size: float = 14):
    p = doc.add_paragraph(style=BODY_STYLE)
    if text:
        style_run(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def tag(container, text: str, size: float = 14):
    """A paragraph holding only a control tag ({%p …%}); removed when rendered."""
    return add_par(container, text, size=size)


def tidy_cells(table) -> None:
    """python-docx starts every cell with an empty paragraph: drop it where the cell
    has other paragraphs."""
    for row in table.rows:
        for cell in row.cells:
            paragraphs = cell.paragraphs
            if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0]._p.pPr:
                paragraphs[0]._p.getparent().remove(paragraphs[0]._p)


def marker(doc, label: str) -> None:
    add_par(doc, f"#KHỐI: {label}", size=10, italic=True)


def signature_table(doc, left: tuple[str, str], right: tuple[str, str, str]):
    """A paper's own signatures: who confirms (``left``: title, note) and who signs
    (``right``: title, note, name), without recipients."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    fixed_layout(table, [80.0, 85.0])
    cant_split(table.rows[0])
    cell_l, cell_r = table.cell(0, 0), table.cell(0, 1)
    add_par(cell_l, left[0], size=13, bold=True, align="center", before=12)
    add_par(cell_l, left[1], size=13, italic=True, align="center")
    add_par(cell_r, right[0], size=13, bold=True, align="center", before=12)
    add_par(cell_r, right[1], size=13, italic=True, align="center")
    for _ in range(4):
        add_par(cell_r, "", size=14)
    add_par(cell_r, right[2], size=14, bold=True, align="center")
    tidy_cells(table)
    return table


# --------------------------------------------------------------------------- profiles
def build_profile(party: bool) -> Document:
    doc = new_document()
    widths = PARTY_HEADER if party else STATE_HEADER
    size_left = 14 if party else 13

    marker(doc, "phần đầu")
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    fixed_layout(table, list(widths))
    left, right = table.cell(0, 0), table.cell(0, 1)
    tag(left, "{%p if header.superior %}", size_left)
    add_par(left, "{{ header.superior }}", size=size_left, align="center")
    tag(left, "{%p endif %}", size_left)
    add_par(left, "{{ header.issuer }}", size=size_left, bold=True, align="center")
    if party:
        add_par(left, "*", size=14, align="center")
        add_par(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, align="center")
        line_paragraph(right, line_mm=PARTY_LINE_MM, cell_mm=widths[1])
    else:
        line_paragraph(left, line_mm=ISSUER_LINE_MM, cell_mm=widths[0])
        add_par(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align="center")
        add_par(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align="center")
        line_paragraph(right, line_mm=MOTTO_LINE_MM, cell_mm=widths[1])
    n_left, n_right = table.cell(1, 0), table.cell(1, 1)
    add_par(n_left, "{{ number_text }}", size=14 if party else 13, align="center", before=6)
    add_par(n_right, "{{ place_date }}", size=14, italic=True, align="right" if party else "center", before=6)
    tidy_cells(table)

    marker(doc, "tên loại và trích yếu")
    add_par(
        doc, "{{ doc_title }}", size=15 if party else 14, bold=True, align="center", before=18, keep_next=True
    )
    tag(doc, "{%p if doc_summary %}")
    add_par(doc, "{{ doc_summary }}", size=14, bold=True, align="center", keep_next=True)
    if party:
        add_par(doc, "-----", size=14, align="center", keep_next=True)
    else:
        p = line_paragraph(doc, line_mm=SUMMARY_LINE_MM, cell_mm=text_width_mm() + 3.8)
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Pt(3)
    tag(doc, "{%p endif %}")
    add_par(doc, "", size=14, after=6)

    marker(doc, "nơi nhận và chữ ký")
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    fixed_layout(table, list(SIGNATURE))
    rec, sign = table.cell(0, 0), table.cell(0, 1)
    cant_split(table.rows[0])
    tag(rec, "{%p if recipients %}", 12)
    if party:
        add_par(rec, "Nơi nhận:", size=14, underline=True, before=12)
        tag(rec, "{%p for r in recipients %}", 12)
        add_par(rec, "- {{ r }}", size=12)
    else:
        add_par(rec, "Nơi nhận:", size=12, bold=True, italic=True, before=12)
        tag(rec, "{%p for r in recipients %}", 11)
        add_par(rec, "- {{ r }}", size=11)
    tag(rec, "{%p endfor %}", 12)
    tag(rec, "{%p endif %}", 12)
    add_par(rec, "", size=11)  # a cell must keep one paragraph
    tag(sign, "{%p if signature.on_behalf %}")
    add_par(sign, "{{ signature.on_behalf }}", size=14, bold=True, align="center", before=12)
    tag(sign, "{%p endif %}")
    add_par(sign, "{{ signature.title }}", size=14, bold=True, align="center")
    for _ in range(4):
        add_par(sign, "", size=14, align="center")
    add_par(sign, "{{ signature.name }}", size=14, bold=True, align="center")
    tidy_cells(table)
    return doc


# --------------------------------------------------------------------------- registration form
def field_line(doc, label: str, value: str):
    p = doc.add_paragraph(style=BODY_STYLE)
    set_paragraph(p, align="left", after=3, first_line_mm=12.7)
    style_run(p.add_run(label), size=14)
    style_run(p.add_run(value), size=14)
    return p


def build_registration_form() -> Document:
    doc = new_document()
    add_par(doc, "{{p header_block }}")
    add_par(doc, "{{p title_block }}")
    add_par(doc, "Kính gửi: {{ recipient_body }}", size=14, align="center", after=12)

    body_par(doc, "I. THÔNG TIN CHUNG", bold=True)
    tag(doc, '{%p if c.kind == "collective" %}')
    field_line(doc, "1. Tên tập thể: ", "{{ c.name }}")
    field_line(doc, "2. Loại hình: ", "{{ c.collective_type }}")
    field_line(doc, "3. Người đứng đầu: ", "{{ c.leader_name }}")
    field_line(doc, "4. Số thành viên: ", "{{ c.member_count }}")
    field_line(doc, "5. Địa chỉ: ", "{{ c.address }}")
    field_line(doc, "6. Điện thoại: ", "{{ c.phone }}")
    tag(doc, '{%p elif c.kind == "household" %}')
    field_line(doc, "1. Họ và tên chủ hộ: ", "{{ c.head_name }}")
    field_line(doc, "2. Năm sinh: ", "{{ c.birth_year }}; Giới tính: {{ c.gender }}")
    field_line(doc, "3. Dân tộc: ", "{{ c.ethnicity }}; Tôn giáo: {{ c.religion }}")
    field_line(doc, "4. Số nhân khẩu: ", "{{ c.member_count }}")
    field_line(doc, "5. Địa chỉ: ", "{{ c.address }}")
    field_line(doc, "6. Điện thoại: ", "{{ c.phone }}")
    tag(doc, "{%p else %}")
    field_line(doc, "1. Họ và tên: ", "{{ c.name }}")
    field_line(doc, "2. Năm sinh: ", "{{ c.birth_year }}; Giới tính: {{ c.gender }}")
    field_line(doc, "3. Dân tộc: ", "{{ c.ethnicity }}; Tôn giáo: {{ c.religion }}")
    field_line(doc, "4. Chức vụ, đơn vị công tác: ", "{{ c.position_unit }}")
    field_line(doc, "5. Đảng viên: ", "{{ c.party_member }}; Trình độ: {{ c.education }}")
    field_line(doc, "6. Địa chỉ: ", "{{ c.address }}; Điện thoại: {{ c.phone }}")
    tag(doc, "{%p endif %}")
    field_line(doc, "7. Lĩnh vực đăng ký: ", "{{ c.field }}")
    field_line(doc, "8. Đơn vị đăng ký: ", "{{ c.unit }}")

    body_par(doc, "II. NỘI DUNG ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH", bold=True)
    tag(doc, "{%p if c.registration_content %}")
    body_par(doc, "{{ c.registration_content | paragraphs }}")
    tag(doc, "{%p else %}")
    for _ in range(3):
        body_par(doc, "." * 95)
    tag(doc, "{%p endif %}")

    body_par(doc, "III. NGƯỜI PHỤ TRÁCH BỒI DƯỠNG, GIÚP ĐỠ", bold=True)
    tag(doc, "{%p if mentors %}")
    tag(doc, "{%p for m in mentors %}")
    body_par(doc, "- {{ m.text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    body_par(doc, "- Họ và tên: " + "." * 40 + " Chức vụ, đơn vị: " + "." * 30)
    tag(doc, "{%p endif %}")

    body_par(doc, "IV. CAM KẾT", bold=True)
    body_par(doc, "{{ commitment }}")
    signature_table(
        doc,
        ("{{ confirm_title }}", "(Ký tên, đóng dấu)"),
        ("{{ registrant_title }}", "(Ký, ghi rõ họ tên)", "{{ registrant_name }}"),
    )
    return doc


# --------------------------------------------------------------------------- registration summary
SUMMARY_COLUMNS = [  # (header, width mm, group): 252 mm of a landscape page
    ("STT", 12, None),
    ("Họ và tên / Tên tập thể", 42, None),
    ("Nam", 13, "Năm sinh"),
    ("Nữ", 13, "Năm sinh"),
    ("Dân tộc", 16, None),
    ("Chức vụ, đơn vị", 38, None),
    ("Lĩnh vực", 30, None),
    ("Nội dung đăng ký", 44, None),
    ("Người phụ trách bồi dưỡng", 32, None),
    ("Ghi chú", 12, None),
]
# The first cells of every "Năm sinh Nam | Nữ" list (registration summary, appraisal and proposal lists).
LIST_LEAD_CELLS = [
    ("{{ r.stt }}", "center"),
    ("{{ r.name }}", "left"),
    ("{{ r.male }}", "center"),
    ("{{ r.female }}", "center"),
    ("{{ r.ethnicity }}", "center"),
    ("{{ r.position_unit }}", "left"),
    ("{{ r.field }}", "left"),
]
SUMMARY_CELLS = [
    *LIST_LEAD_CELLS,
    ("{{ r.content }}", "left"),
    ("{{ r.mentor }}", "left"),
    ("{{ r.note }}", "left"),
]


def cell_text(
    cell, text: str, *, size: float = 12, bold: bool = False, italic: bool = False, align: str = "left"
):
    p = cell.paragraphs[0]
    set_paragraph(p, align=align, before=2, after=2, mark_size=size)
    if text:
        style_run(p.add_run(text), size=size, bold=bold, italic=italic)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return p


def data_table(
    doc,
    columns,
    loop: str,
    *,
    size: float,
    total: str | None = None,
    head_whole: bool = True,
    var: str = "r",
):
    """A bordered table: a header row (repeated on every page; kept on one page when
    ``head_whole``), ``{%tr for <var> in <loop> %}`` rows, and an optional bold total row
    whose cells read ``{{ <total>.<key> }}`` (the same keys as the data row). ``columns``:
    ``[(header, width mm, "{{ <var>.key }}", align)]``."""
    rows = 4 + (1 if total else 0)
    table = doc.add_table(rows=rows, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    all_borders(table)
    fixed_layout(table, [w for _, w, _, _ in columns])
    head = table.rows[0]
    repeat_header(head)
    if head_whole:
        cant_split(head)
    for idx, (title, _w, _v, _a) in enumerate(columns):
        cell_text(head.cells[idx], title, size=size, bold=True, align="center")
    cell_text(table.rows[1].cells[0], f"{{%tr for {var} in {loop} %}}", size=size)
    data = table.rows[2]
    for idx, (_t, _w, value, align) in enumerate(columns):
        cell_text(data.cells[idx], value, size=size, align=align)
        data.cells[idx].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    cant_split(data)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}", size=size)
    if total:
        row = table.rows[4]
        label = row.cells[0].merge(row.cells[1])
        cell_text(label, f"{{{{ {total}.label }}}}", size=size, bold=True, align="center")
        for idx in range(2, len(columns)):
            key = columns[idx][2].replace(f"{{{{ {var}.", "").replace(" }}", "")
            cell_text(row.cells[idx], f"{{{{ {total}.{key} }}}}", size=size, bold=True, align="center")
        cant_split(row)
    return table


def list_paper(columns, cells, *, attached_to: bool = True, keep_titles: bool = False):
    """A landscape list in the office's profile (registration summary, appraisal list,
    proposal list): the optional ``{{ attached_to }}`` line, a table whose two header rows
    put "Năm sinh" over "Nam" | "Nữ" (``columns``: ``[(header, width mm, group)]``; the other
    headers are merged over both rows), ``{%tr for g in groups %}`` title rows (kept with
    the next row when ``keep_titles``) and ``{%tr for r in g.rows %}`` rows (``cells``:
    ``[(text, align)]``), the totals line and the signature block.
    Returns the document and the table's data row."""
    doc = new_document(landscape=True)
    add_par(doc, "{{p header_block }}")
    add_par(doc, "{{p title_block }}")
    if attached_to:
        tag(doc, "{%p if attached_to %}")
        add_par(doc, "{{ attached_to }}", size=14, italic=True, align="center", after=6)
        tag(doc, "{%p endif %}")
    ncols = len(columns)
    table = doc.add_table(rows=8, cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    all_borders(table)
    fixed_layout(table, [w for _, w, _ in columns])
    top, sub = table.rows[0], table.rows[1]
    repeat_header(top)
    repeat_header(sub)
    col = 0
    while col < ncols:
        header, _w, group = columns[col]
        if group:
            span = 1
            while col + span < ncols and columns[col + span][2] == group:
                span += 1
            merged = top.cells[col].merge(top.cells[col + span - 1])
            cell_text(merged, group, bold=True, align="center")
            for k in range(span):
                cell_text(sub.cells[col + k], columns[col + k][0], bold=True, align="center")
            col += span
        else:
            merged = top.cells[col].merge(sub.cells[col])
            cell_text(merged, header, bold=True, align="center")
            col += 1
    loop_g, title_row, loop_r, data_row, end_r, end_g = (table.rows[i] for i in range(2, 8))
    cell_text(loop_g.cells[0], "{%tr for g in groups %}")
    title_cell = title_row.cells[0].merge(title_row.cells[ncols - 1])
    title_p = cell_text(title_cell, "{{ g.title }}", bold=True)
    if keep_titles:
        title_p.paragraph_format.keep_with_next = True
    cell_text(loop_r.cells[0], "{%tr for r in g.rows %}")
    for idx, (text, align) in enumerate(cells):
        cell_text(data_row.cells[idx], text, align=align)
        data_row.cells[idx].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    cant_split(data_row)
    cell_text(end_r.cells[0], "{%tr endfor %}")
    cell_text(end_g.cells[0], "{%tr endfor %}")
    add_par(doc, "{{ totals_text }}", size=13, italic=True, before=6, after=6)
    add_par(doc, "{{p signature_block }}")
    return doc, data_row


def build_registration_summary() -> Document:
    doc, _row = list_paper(SUMMARY_COLUMNS, SUMMARY_CELLS, attached_to=False, keep_titles=True)
    return doc


def save(doc: Document, name: str) -> Path:
    enforce_fonts(doc)
    path = HERE / name
    doc.save(str(path))
    return path


def main() -> None:
    for path in (
        save(build_profile(party=False), "_profile_state.docx"),
        save(build_profile(party=True), "_profile_party.docx"),
        save(build_registration_form(), "registration_form.docx"),
        save(build_registration_summary(), "registration_summary.docx"),
    ):
        print(path)


if __name__ == "__main__":
    main()
