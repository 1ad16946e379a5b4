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

from build_templates import LIST_LEAD_CELLS, body_par, list_paper, new_document, save, tag  # noqa: E402

from dienhinh_desktop.documents.docx_style import add_par, set_paragraph, style_run  # noqa: E402


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
    *LIST_LEAD_CELLS,
    ("{{ r.summary }}", "left"),
    ("{{ r.note }}", "left"),
]


def build_list() -> object:
    doc, data_row = list_paper(LIST_COLUMNS, LIST_CELLS)
    # The summary keeps its line breaks as paragraphs.
    summary_p = data_row.cells[7].paragraphs[0]
    summary_p.text = ""
    set_paragraph(summary_p, align="justify", before=2, after=2, mark_size=12)
    style_run(summary_p.add_run("{{ r.summary | paragraphs }}"), size=12)
    return doc


def main() -> None:
    for path in (save(build_cover(), "proposal_cover.docx"), save(build_list(), "proposal_list.docx")):
        print(path)


if __name__ == "__main__":
    main()
