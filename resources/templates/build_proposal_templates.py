"""Build the Word templates of the proposal dossier (reproducible).

    .venv/bin/python resources/templates/build_proposal_templates.py

- ``proposal_cover.docx`` — tờ trình đề nghị công nhận, ghi danh (khen thưởng) điển hình
  tiên tiến: "Kính gửi: …", the bases ("Căn cứ …"), what this level did, the proposal with
  the list of those proposed and their achievement summaries, the reason when the quota is
  exceeded, "(Có hồ sơ kèm theo)", recipients and signature;
- ``proposal_list.docx`` — danh sách tập thể, cá nhân đề nghị (A4 landscape) with the
  trích ngang thành tích of each.

The helpers (page set-up, the body style, table cells) are those of ``build_templates.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from build_templates import body_par, cell_text, new_document, save, tag  # noqa: E402
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: E402

from dienhinh_desktop.documents.docx_style import (  # noqa: E402
    add_par,
    all_borders,
    cant_split,
    fixed_layout,
    repeat_header,
    set_paragraph,
    style_run,
)


def build_cover() -> object:
    doc = new_document()
    add_par(doc, "{{p header_block }}")
    add_par(doc, "{{p title_block }}")
    p = add_par(doc, "Kính gửi: {{ to_body }}", size=14, align="center", after=12)
    p.paragraph_format.keep_with_next = True

    tag(doc, "{%p for b in bases %}")
    body_par(doc, "{{ b }}", italic=True)
    tag(doc, "{%p endfor %}")
    body_par(doc, "{{ intro | paragraphs }}")
    body_par(doc, "{{ proposal_sentence }}")
    tag(doc, "{%p for g in groups %}")
    body_par(doc, "{{ g.title }}", bold=True)
    tag(doc, "{%p for r in g.rows %}")
    p = doc.add_paragraph(style="Nội dung văn bản")
    style_run(p.add_run("{{ r.stt }}. {{ r.name }}"), size=14, bold=True)
    style_run(p.add_run("{% if r.position_unit %}, {{ r.position_unit }}{% endif %}."), size=14)
    tag(doc, "{%p if r.summary %}")
    body_par(doc, "{{ r.summary | paragraphs }}", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if breach_reason %}")
    body_par(doc, "{{ breach_text }}")
    tag(doc, "{%p endif %}")
    body_par(doc, "(Có hồ sơ kèm theo)", italic=True)
    body_par(doc, "{{ closing }}")
    add_par(doc, "{{p signature_block }}")
    return doc


LIST_COLUMNS = [  # (header, width mm, group): 252 mm of a landscape page
    ("STT", 13, None),
    ("Họ và tên / Tên tập thể", 38, None),
    ("Nam", 13, "Năm sinh"),
    ("Nữ", 13, "Năm sinh"),
    ("Dân tộc", 15, None),
    ("Chức vụ, đơn vị", 42, None),
    ("Lĩnh vực", 28, None),
    ("Trích ngang thành tích", 74, None),
    ("Ghi chú", 16, None),
]
LIST_CELLS = [
    ("{{ r.stt }}", "center"),
    ("{{ r.name }}", "left"),
    ("{{ r.male }}", "center"),
    ("{{ r.female }}", "center"),
    ("{{ r.ethnicity }}", "center"),
    ("{{ r.position_unit }}", "left"),
    ("{{ r.field }}", "left"),
    ("{{ r.summary }}", "left"),
    ("{{ r.note }}", "left"),
]


def build_list() -> object:
    doc = new_document(landscape=True)
    add_par(doc, "{{p header_block }}")
    add_par(doc, "{{p title_block }}")
    tag(doc, "{%p if attached_to %}")
    add_par(doc, "{{ attached_to }}", size=14, italic=True, align="center", after=6)
    tag(doc, "{%p endif %}")
    ncols = len(LIST_COLUMNS)
    table = doc.add_table(rows=8, cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    all_borders(table)
    fixed_layout(table, [w for _, w, _ in LIST_COLUMNS])
    top, sub = table.rows[0], table.rows[1]
    repeat_header(top)
    repeat_header(sub)
    col = 0
    while col < ncols:
        header, _w, group = LIST_COLUMNS[col]
        if group:
            span = 1
            while col + span < ncols and LIST_COLUMNS[col + span][2] == group:
                span += 1
            merged = top.cells[col].merge(top.cells[col + span - 1])
            cell_text(merged, group, bold=True, align="center")
            for k in range(span):
                cell_text(sub.cells[col + k], LIST_COLUMNS[col + k][0], bold=True, align="center")
            col += span
        else:
            merged = top.cells[col].merge(sub.cells[col])
            cell_text(merged, header, bold=True, align="center")
            col += 1
    loop_g, title_row, loop_r, data_row, end_r, end_g = (table.rows[i] for i in range(2, 8))
    cell_text(loop_g.cells[0], "{%tr for g in groups %}")
    title_cell = title_row.cells[0].merge(title_row.cells[ncols - 1])
    cell_text(title_cell, "{{ g.title }}", bold=True)
    cell_text(loop_r.cells[0], "{%tr for r in g.rows %}")
    for idx, (text, align) in enumerate(LIST_CELLS):
        cell_text(data_row.cells[idx], text, align=align)
        data_row.cells[idx].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    # The summary keeps its line breaks as paragraphs.
    summary_p = data_row.cells[7].paragraphs[0]
    summary_p.text = ""
    set_paragraph(summary_p, align="justify", before=2, after=2, mark_size=12)
    style_run(summary_p.add_run("{{ r.summary | paragraphs }}"), size=12)
    cant_split(data_row)
    cell_text(end_r.cells[0], "{%tr endfor %}")
    cell_text(end_g.cells[0], "{%tr endfor %}")
    add_par(doc, "{{ totals_text }}", size=13, italic=True, before=6, after=6)
    add_par(doc, "{{p signature_block }}")
    return doc


def main() -> None:
    for path in (save(build_cover(), "proposal_cover.docx"), save(build_list(), "proposal_list.docx")):
        print(path)


if __name__ == "__main__":
    main()
