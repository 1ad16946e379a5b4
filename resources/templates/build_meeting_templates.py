"""Build the Word templates of the council meeting (reproducible; the .docx files are committed).

    .venv/bin/python resources/templates/build_meeting_templates.py

Uses the shared helpers of ``build_templates.py`` (same folder) and the profile blocks
({{p header_block }}, {{p title_block }}, {{p signature_block }}) of the paper engine.

- ``meeting_minutes.docx``  — biên bản họp bình xét (members, discussion, voting table,
  conclusion, signatures of the secretary and the chair);
- ``meeting_decision.docx`` — quyết định công nhận, ghi danh / khen thưởng with its bases,
  articles, recipients, signature and, on a new page, the attached list grouped into
  collectives, individuals and households;
- ``meeting_ballot.docx``   — phiếu bầu (one page per copy);
- ``meeting_tally.docx``    — biên bản kiểm phiếu (A4 landscape), blank cells to fill in the
  room, or the figures already entered.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from build_templates import (  # noqa: E402
    body_par,
    cell_text,
    new_document,
    save,
    tag,
    tidy_cells,
)
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: E402

from dienhinh_desktop.documents.docx_style import (  # noqa: E402
    add_par,
    all_borders,
    cant_split,
    fixed_layout,
    line_paragraph,
    no_borders,
    repeat_header,
    set_paragraph,
    style_run,
    text_width_mm,
)

MINUTES_COLUMNS = [  # (header, width mm, align of the data cells): 165 mm
    ("TT", 10, "center"),
    ("Tên tập thể, cá nhân", 47, "left"),
    ("Danh hiệu, hình thức", 33, "left"),
    ("Đồng ý / hợp lệ", 22, "center"),
    ("{{ share_header }}", 29, "center"),
    ("Kết quả", 24, "center"),
]
MINUTES_CELLS = [
    "{{ r.no }}",
    "{{ r.name }}",
    "{{ r.title }}",
    "{{ r.agree_valid }}",
    "{{ r.share }}",
    "{{ r.result }}",
]

MINUTES_ONE_TITLE = [  # one title considered: no title column
    ("TT", 10, "center"),
    ("Tên tập thể, cá nhân", 71, "left"),
    ("Đồng ý / hợp lệ", 24, "center"),
    ("{{ share_header }}", 36, "center"),
    ("Kết quả", 24, "center"),
]
MINUTES_ONE_CELLS = ["{{ r.no }}", "{{ r.name }}", "{{ r.agree_valid }}", "{{ r.share }}", "{{ r.result }}"]

LIST_COLUMNS = [  # attached list of a decision: 165 mm
    ("TT", 10, "center"),
    ("Họ và tên / Tên tập thể", 44, "left"),
    ("Năm sinh", 14, "center"),
    ("Dân tộc", 14, "center"),
    ("Chức vụ, đơn vị công tác / Địa chỉ", 48, "left"),
    ("Lĩnh vực", 35, "left"),
]
LIST_CELLS = [
    "{{ r.no }}",
    "{{ r.name }}",
    "{{ r.birth_year }}",
    "{{ r.ethnicity }}",
    "{{ r.position_unit }}",
    "{{ r.field }}",
]

BALLOT_COLUMNS = [
    ("TT", 10, "center"),
    ("Tên tập thể, cá nhân", 62, "left"),
    ("Danh hiệu, hình thức", 45, "left"),
    ("Đồng ý", 24, "center"),
    ("Không đồng ý", 24, "center"),
]
BALLOT_CELLS = ["{{ r.no }}", "{{ r.name }}", "{{ r.title }}", "", ""]

TALLY_COLUMNS = [  # landscape: 252 mm
    ("TT", 10, "center"),
    ("Tên tập thể, cá nhân", 60, "left"),
    ("Danh hiệu, hình thức", 38, "left"),
    ("Phiếu phát ra", 18, "center"),
    ("Phiếu thu về", 18, "center"),
    ("Phiếu hợp lệ", 18, "center"),
    ("Đồng ý", 18, "center"),
    ("Không đồng ý", 18, "center"),
    ("{{ share_header }}", 33, "center"),
    ("Kết quả", 21, "center"),
]
TALLY_CELLS = [
    "{{ r.no }}",
    "{{ r.name }}",
    "{{ r.title }}",
    "{{ r.issued }}",
    "{{ r.returned }}",
    "{{ r.valid }}",
    "{{ r.agree }}",
    "{{ r.disagree }}",
    "{{ r.share }}",
    "{{ r.result }}",
]


# --------------------------------------------------------------------------- helpers
def grouped_table(doc, columns, cells, *, size: float = 12, groups: bool = True):
    """A bordered table: header row (repeated on every page), then ``{%tr for g in groups %}``
    with a merged group title row and ``{%tr for r in g.rows %}`` data rows (or plain
    ``{%tr for r in rows %}`` rows when ``groups`` is false)."""
    n = len(columns)
    n_rows = 7 if groups else 4
    table = doc.add_table(rows=n_rows, cols=n)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    all_borders(table)
    fixed_layout(table, [w for _h, w, _a in columns])
    head = table.rows[0]
    repeat_header(head)
    cant_split(head)
    for idx, (text, _w, _a) in enumerate(columns):
        cell_text(head.cells[idx], text, size=size, bold=True, align="center")
    if groups:
        loop_g, title_row, loop_r, data_row, end_r, end_g = (table.rows[i] for i in range(1, 7))
        cell_text(loop_g.cells[0], "{%tr for g in groups %}", size=size)
        title_cell = title_row.cells[0].merge(title_row.cells[n - 1])
        cell_text(title_cell, "{{ g.title }}", size=size, bold=True)
        cant_split(title_row)
        cell_text(loop_r.cells[0], "{%tr for r in g.rows %}", size=size)
        cell_text(end_r.cells[0], "{%tr endfor %}", size=size)
        cell_text(end_g.cells[0], "{%tr endfor %}", size=size)
    else:
        loop_r, data_row, end_r = (table.rows[i] for i in range(1, 4))
        cell_text(loop_r.cells[0], "{%tr for r in rows %}", size=size)
        cell_text(end_r.cells[0], "{%tr endfor %}", size=size)
    for idx, text in enumerate(cells):
        cell_text(data_row.cells[idx], text, size=size, align=columns[idx][2])
        data_row.cells[idx].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    cant_split(data_row)
    return table


def signature_pair(
    doc,
    left_title: str,
    right_title: str,
    left_name: str,
    right_name: str,
    *,
    widths=(82.5, 82.5),
    note: str = "(Ký, ghi rõ họ tên)",
):
    """Two signatures side by side (secretary | chair), no recipients."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    fixed_layout(table, list(widths))
    cant_split(table.rows[0])
    for cell, title, name in (
        (table.cell(0, 0), left_title, left_name),
        (table.cell(0, 1), right_title, right_name),
    ):
        add_par(cell, title, size=14, bold=True, align="center", before=12, keep_next=True)
        if note:
            add_par(cell, note, size=13, italic=True, align="center", keep_next=True)
        for _ in range(4):
            add_par(cell, "", size=14, align="center", keep_next=True)
        add_par(cell, name, size=14, bold=True, align="center")
    tidy_cells(table)
    return table


def labelled(doc, label: str, value: str, *, size: float = 14):
    """A body paragraph with a bold label and a plain value ("Thời gian: …")."""
    p = doc.add_paragraph(style="Nội dung văn bản")
    style_run(p.add_run(label), size=size, bold=True)
    style_run(p.add_run(value), size=size)
    return p


def simple_header(doc, *, landscape: bool = False):
    """Council header without number or date (ballot papers): issuer and council on the
    left, the party's name or the national motto on the right."""
    width = text_width_mm(landscape)
    widths = (width * 0.45, width * 0.55)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    fixed_layout(table, list(widths))
    left, right = table.cell(0, 0), table.cell(0, 1)
    tag(left, "{%p if header.superior %}", 13)
    add_par(left, "{{ header.superior }}", size=13, align="center")
    tag(left, "{%p endif %}", 13)
    add_par(left, "{{ header.issuer }}", size=13, bold=True, align="center")
    line_paragraph(left, line_mm=28, cell_mm=widths[0])
    tag(right, "{%p if header.party %}", 13)
    add_par(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=14, bold=True, align="center")
    line_paragraph(right, line_mm=68, cell_mm=widths[1])
    tag(right, "{%p else %}", 13)
    add_par(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align="center")
    add_par(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align="center")
    line_paragraph(right, line_mm=61, cell_mm=widths[1])
    tag(right, "{%p endif %}", 13)
    tidy_cells(table)
    return table


# --------------------------------------------------------------------------- minutes
def build_minutes():
    doc = new_document()
    add_par(doc, "{{p header_block }}")
    add_par(doc, "{{p title_block }}")
    body_par(doc, "{{ opening }}")
    body_par(doc, "I. THÀNH PHẦN DỰ HỌP", bold=True)
    labelled(doc, "- Chủ trì: ", "{{ chair_text }}")
    labelled(doc, "- Thư ký: ", "{{ secretary_text }}")
    labelled(doc, "- Thành viên có mặt: ", "{{ present_text }}")
    tag(doc, "{%p for p in present %}")
    p = body_par(doc, "{{ loop.index }}. {{ p }}")
    set_paragraph(p, align="justify", after=0, first_line_mm=0, left_mm=12.7)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if written %}")
    labelled(doc, "- Biểu quyết bằng văn bản: ", "{{ written_text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if absent %}")
    labelled(doc, "- Vắng mặt: ", "{{ absent_text }}")
    tag(doc, "{%p for a in absent %}")
    p = body_par(doc, "+ {{ a }}")
    set_paragraph(p, align="justify", after=0, first_line_mm=0, left_mm=12.7)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    p = body_par(doc, "{{ quorum_text }}", italic=True)
    set_paragraph(p, align="justify", before=6, after=6, first_line_mm=12.7)

    body_par(doc, "II. NỘI DUNG CUỘC HỌP", bold=True)
    tag(doc, "{%p if agenda %}")
    body_par(doc, "{{ agenda | paragraphs }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if discussion %}")
    body_par(doc, "{{ discussion | paragraphs }}")
    tag(doc, "{%p endif %}")

    body_par(doc, "III. KẾT QUẢ {{ vote_word }}", bold=True)
    body_par(doc, "{{ method_text }}")
    tag(doc, "{%p if one_title %}")
    grouped_table(doc, MINUTES_ONE_TITLE, MINUTES_ONE_CELLS, size=12)
    tag(doc, "{%p else %}")
    grouped_table(doc, MINUTES_COLUMNS, MINUTES_CELLS, size=12)
    tag(doc, "{%p endif %}")
    add_par(doc, "{{ table_note }}", size=12, italic=True, align="justify", before=3, after=6)
    tag(doc, "{%p for n in notes %}")
    body_par(doc, "{{ n }}")
    tag(doc, "{%p endfor %}")

    body_par(doc, "IV. KẾT LUẬN", bold=True)
    body_par(doc, "{{ conclusion | paragraphs }}")
    body_par(doc, "{{ closing }}")
    signature_pair(doc, "THƯ KÝ", "{{ chair_title }}", "{{ secretary_name }}", "{{ chair_name }}")
    return doc


# --------------------------------------------------------------------------- decision
def build_decision():
    doc = new_document()
    add_par(doc, "{{p header_block }}")
    add_par(doc, "{{p title_block }}")
    tag(doc, "{%p if not header.party %}")
    add_par(doc, "{{ authority }}", size=14, bold=True, align="center", after=12, keep_next=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for b in bases %}")
    tag(doc, "{%p if header.party %}")
    p = body_par(doc, "- {{ b }}")
    set_paragraph(p, align="justify", after=3, first_line_mm=12.7)
    tag(doc, "{%p else %}")
    p = body_par(doc, "{{ b }}", italic=True)
    set_paragraph(p, align="justify", after=3, first_line_mm=12.7)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if header.party %}")
    add_par(doc, "{{ authority }}", size=14, bold=True, align="center", before=12, keep_next=True)
    add_par(doc, "QUYẾT ĐỊNH", size=14, bold=True, align="center", after=12, keep_next=True)
    tag(doc, "{%p else %}")
    add_par(doc, "QUYẾT ĐỊNH:", size=14, bold=True, align="center", before=12, after=12, keep_next=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for a in articles %}")
    p = doc.add_paragraph(style="Nội dung văn bản")
    style_run(p.add_run("{{ a.lead }}"), size=14, bold=True)
    style_run(p.add_run("{{ a.text }}"), size=14)
    tag(doc, "{%p endfor %}")
    add_par(doc, "{{p signature_block }}")

    # The attached list, on a new page.
    p = add_par(doc, "{{ list_heading }}", size=14, bold=True, align="center")
    p.paragraph_format.page_break_before = True
    add_par(doc, "{{ list_title }}", size=14, bold=True, align="center")
    add_par(doc, "{{ list_ref }}", size=14, italic=True, align="center")
    line_paragraph(doc, line_mm=45, cell_mm=text_width_mm() + 3.8)
    add_par(doc, "", size=8)
    grouped_table(doc, LIST_COLUMNS, LIST_CELLS, size=12)
    add_par(doc, "{{ list_total }}", size=13, italic=True, before=6)
    return doc


# --------------------------------------------------------------------------- ballot papers
def build_ballot():
    doc = new_document()
    tag(doc, "{%p for copy in copies %}")
    tag(doc, "{%p if not loop.first %}")
    p = add_par(doc, "", size=6)
    p.paragraph_format.page_break_before = True
    tag(doc, "{%p endif %}")
    simple_header(doc)
    add_par(doc, "PHIẾU BẦU", size=16, bold=True, align="center", before=18)
    add_par(doc, "{{ purpose }}", size=14, bold=True, align="center")
    add_par(doc, "{{ meeting_line }}", size=14, italic=True, align="center", after=12)
    grouped_table(doc, BALLOT_COLUMNS, BALLOT_CELLS, size=13, groups=False)
    add_par(doc, "Ghi chú:", size=13, bold=True, italic=True, before=12)
    add_par(doc, "{{ instructions | paragraphs }}", size=13, italic=True, align="justify", first_line_mm=0)
    tag(doc, "{%p endfor %}")
    return doc


# --------------------------------------------------------------------------- tally sheet
def build_tally():
    doc = new_document(landscape=True)
    add_par(doc, "{{p header_block }}")
    add_par(doc, "{{p title_block }}")
    body_par(doc, "{{ opening }}")
    body_par(doc, "{{ members_text }}")
    body_par(doc, "{{ method_text }}")
    grouped_table(doc, TALLY_COLUMNS, TALLY_CELLS, size=12)
    add_par(doc, "{{ table_note }}", size=12, italic=True, before=3, after=6)
    body_par(doc, "{{ closing }}")
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    fixed_layout(table, [126.0, 126.0])
    cant_split(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    add_par(left, "CÁC THÀNH VIÊN TỔ KIỂM PHIẾU", size=14, bold=True, align="center", before=12)
    add_par(left, "(Ký, ghi rõ họ tên)", size=13, italic=True, align="center")
    add_par(right, "TỔ TRƯỞNG TỔ KIỂM PHIẾU", size=14, bold=True, align="center", before=12)
    add_par(right, "(Ký, ghi rõ họ tên)", size=13, italic=True, align="center")
    for cell in (left, right):
        for _ in range(4):
            add_par(cell, "", size=14)
    tidy_cells(table)
    return doc


def main() -> None:
    for path in (
        save(build_minutes(), "meeting_minutes.docx"),
        save(build_decision(), "meeting_decision.docx"),
        save(build_ballot(), "meeting_ballot.docx"),
        save(build_tally(), "meeting_tally.docx"),
    ):
        print(path)


if __name__ == "__main__":
    main()
