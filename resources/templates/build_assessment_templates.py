"""Build the Word templates of the assessment papers with python-docx (reproducible).

    .venv/bin/python resources/templates/build_assessment_templates.py

Same conventions as ``build_templates.py`` (whose helpers this script uses): docxtpl /
Jinja tags, the profile blocks ``{{p header_block }}``, ``{{p title_block }}``,
``{{p signature_block }}``; an officer may open the generated files in Word and adjust
them (or put an edited copy in "<data folder>/templates/").

- ``self_assessment.docx`` — báo cáo tự đánh giá kết quả thực hiện các tiêu chí (one
  candidate; seed 002 IV.3.2 step 1);
- ``achievement_report.docx`` — báo cáo thành tích (one candidate; the layout of the
  forms offices use: I. sơ lược lý lịch / đặc điểm, II. thành tích, III. các hình thức
  đã được khen thưởng as a table);
- ``appraisal_list.docx`` — danh sách tập thể, cá nhân đủ tiêu chí đề nghị công nhận
  (A4 landscape; seed 002 IV.3.2 step 2).

A candidate's own paper (self-assessment, achievement report) is not issued by the
office: a collective's header names the collective under the office ({{p header_block }}
with ``header`` given by the program); a person's header is only the national motto (state
profile) or "ĐẢNG CỘNG SẢN VIỆT NAM" (party profile), drawn here under
``{%p if header.party %}``. Their signature table is the paper's own
(confirmation on the left, the reporting person or head on the right).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from build_templates import (  # noqa: E402
    BODY_STYLE,
    LIST_LEAD_CELLS,
    MOTTO_LINE_MM,
    PARTY_LINE_MM,
    body_par,
    data_table,
    list_paper,
    new_document,
    save,
    signature_table,
    tag,
)

from dienhinh_desktop.documents.docx_style import (  # noqa: E402
    add_par,
    line_paragraph,
    set_paragraph,
    style_run,
    text_width_mm,
)

PORTRAIT_MM = text_width_mm()  # 165
LANDSCAPE_MM = text_width_mm(landscape=True)  # 252


# --------------------------------------------------------------------------- shared parts
def person_header(doc) -> None:
    """The header of a paper a person writes: the motto (state) or the Party's name
    (party), centred, with its line; the place and date on the right."""
    tag(doc, "{%p if header.party %}")
    add_par(doc, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, align="center")
    line_paragraph(doc, line_mm=PARTY_LINE_MM, cell_mm=PORTRAIT_MM + 3.8)
    tag(doc, "{%p else %}")
    add_par(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align="center")
    add_par(doc, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align="center")
    line_paragraph(doc, line_mm=MOTTO_LINE_MM, cell_mm=PORTRAIT_MM + 3.8)
    tag(doc, "{%p endif %}")
    add_par(doc, "{{ place_date }}", size=14, italic=True, align="right", before=6)


def header(doc) -> None:
    tag(doc, "{%p if collective %}")
    add_par(doc, "{{p header_block }}")
    tag(doc, "{%p else %}")
    person_header(doc)
    tag(doc, "{%p endif %}")
    add_par(doc, "{{p title_block }}")


def heading(doc, text: str) -> None:
    p = body_par(doc, text, bold=True)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_before = p.paragraph_format.space_after


def info_lines(doc) -> None:
    """``info``: [{"label", "value"}] — one "- Label: value" line each (dots when empty)."""
    tag(doc, "{%p for f in info %}")
    p = doc.add_paragraph(style=BODY_STYLE)
    set_paragraph(p, align="justify", after=3, first_line_mm=12.7)
    style_run(p.add_run("- {{ f.label }}: "), size=14)
    style_run(p.add_run("{{ f.value }}"), size=14)
    tag(doc, "{%p endfor %}")


def text_or_dots(doc, expr: str, lines: int = 3) -> None:
    tag(doc, "{%p if " + expr + " %}")
    body_par(doc, "{{ " + expr + " | paragraphs }}")
    tag(doc, "{%p else %}")
    for _ in range(lines):
        body_par(doc, "." * 100)
    tag(doc, "{%p endif %}")


def own_signature(doc) -> None:
    """Confirmation (left) and the person or head who reports (right)."""
    signature_table(
        doc,
        ("{{ sign.left_title }}", "{{ sign.left_note }}"),
        ("{{ sign.right_title }}", "{{ sign.right_note }}", "{{ sign.right_name }}"),
    )


# --------------------------------------------------------------------------- self-assessment
SELF_TABLE_COLUMNS = [  # (header, width mm, cell, align)
    ("STT", 14.0, "{{ r.number }}", "center"),
    ("Tiêu chí", 86.0, "{{ r.label }}", "left"),
    ("Kết quả", 40.0, "{{ r.result }}", "left"),
    ("Tự đánh giá", 25.0, "{{ r.verdict }}", "center"),
]


def build_self_assessment():
    doc = new_document()
    header(doc)
    add_par(doc, "Kính gửi: {{ recipient }}", size=14, align="center", after=12)

    heading(doc, "I. THÔNG TIN CHUNG")
    info_lines(doc)
    tag(doc, "{%p if registration_content %}")
    p = doc.add_paragraph(style=BODY_STYLE)
    style_run(p.add_run("- Nội dung đăng ký xây dựng điển hình: "), size=14)
    style_run(p.add_run("{{ registration_content }}"), size=14)
    tag(doc, "{%p endif %}")

    heading(doc, "II. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ")
    tag(doc, "{%p for g in groups %}")
    body_par(doc, "{{ g.number }}. {{ g.title }}", bold=True)
    tag(doc, "{%p for i in g.entries %}")
    p = doc.add_paragraph(style=BODY_STYLE)
    style_run(p.add_run("{{ i.number }}. "), size=14, bold=True)
    style_run(p.add_run("{{ i.text }}"), size=14, italic=True)
    style_run(p.add_run("{{ i.why_note }}"), size=13, italic=True)
    tag(doc, "{%p if i.figures %}")
    body_par(doc, "- {{ i.figures }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if i.self_text %}")
    body_par(doc, "- Kết quả thực hiện: {{ i.self_text }}")
    tag(doc, "{%p else %}")
    body_par(doc, "- Kết quả thực hiện: " + "." * 80)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if i.evidence %}")
    body_par(doc, "- Minh chứng: {{ i.evidence }}")
    tag(doc, "{%p endif %}")
    p = doc.add_paragraph(style=BODY_STYLE)
    style_run(p.add_run("- Tự đánh giá: "), size=14)
    style_run(p.add_run("{{ i.verdict }}"), size=14, bold=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    heading(doc, "III. TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ")
    data_table(doc, SELF_TABLE_COLUMNS, "table", size=13, head_whole=False)
    add_par(doc, "", size=8)
    body_par(doc, "{{ conclusion }}")
    body_par(doc, "{{ proposal }}")
    own_signature(doc)
    return doc


# --------------------------------------------------------------------------- achievement report
AWARD_COLUMNS = [  # (header, width mm, cell, align)
    ("Năm", 18.0, "{{ a.year }}", "center"),
    ("Danh hiệu thi đua, hình thức khen thưởng", 62.0, "{{ a.title }}", "left"),
    ("Số, ngày, tháng, năm của quyết định", 42.0, "{{ a.decision }}", "left"),
    ("Cơ quan ban hành quyết định", 43.0, "{{ a.issuer }}", "left"),
]


def build_achievement_report():
    doc = new_document()
    header(doc)
    tag(doc, "{%p if subtitle %}")
    add_par(doc, "{{ subtitle }}", size=14, bold=True, align="center", after=12)
    tag(doc, "{%p endif %}")

    heading(doc, "{{ section1 }}")
    tag(doc, "{%p if collective %}")
    body_par(doc, "1. Đặc điểm, tình hình", bold=True)
    info_lines(doc)
    body_par(doc, "2. Chức năng, nhiệm vụ được giao", bold=True)
    text_or_dots(doc, "tasks")
    tag(doc, "{%p else %}")
    info_lines(doc)
    tag(doc, "{%p endif %}")

    heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    tag(doc, "{%p if not collective %}")
    body_par(doc, "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận", bold=True)
    text_or_dots(doc, "tasks")
    tag(doc, "{%p endif %}")
    body_par(doc, "{{ n_results }}. Thành tích đạt được", bold=True)
    text_or_dots(doc, "results", 5)
    body_par(doc, "{{ n_initiatives }}. Các giải pháp, sáng kiến, mô hình mới, cách làm hay", bold=True)
    text_or_dots(doc, "initiatives")
    tag(doc, "{%p if criteria %}")
    body_par(doc, "{{ n_criteria }}. Kết quả thực hiện các tiêu chí điển hình tiên tiến", bold=True)
    tag(doc, "{%p for line in criteria %}")
    body_par(doc, "- {{ line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    heading(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    data_table(doc, AWARD_COLUMNS, "awards", size=13, head_whole=False, var="a")
    tag(doc, "{%p if not awards %}")
    add_par(
        doc,
        "(Chưa có hình thức khen thưởng nào được ghi nhận.)",
        size=13,
        italic=True,
        align="center",
        before=3,
    )
    tag(doc, "{%p endif %}")
    add_par(doc, "", size=8)
    own_signature(doc)
    return doc


# --------------------------------------------------------------------------- appraisal list
LIST_COLUMNS = [  # (header, width mm, group)
    ("STT", 12, None),
    ("Họ và tên / Tên tập thể", 38, None),
    ("Nam", 13, "Năm sinh"),
    ("Nữ", 13, "Năm sinh"),
    ("Dân tộc", 15, None),
    ("Chức vụ, đơn vị", 34, None),
    ("Lĩnh vực", 26, None),
    ("Kết quả thẩm định", 24, None),
    ("Tóm tắt thành tích", 65, None),
    ("Ghi chú", 12, None),
]
LIST_CELLS = [
    *LIST_LEAD_CELLS,
    ("{{ r.result }}", "center"),
    ("{{ r.summary }}", "left"),
    ("{{ r.note }}", "left"),
]


def build_appraisal_list():
    assert abs(sum(w for _, w, _ in LIST_COLUMNS) - LANDSCAPE_MM) < 1
    doc, _row = list_paper(LIST_COLUMNS, LIST_CELLS)
    return doc


def main() -> None:
    for path in (
        save(build_self_assessment(), "self_assessment.docx"),
        save(build_achievement_report(), "achievement_report.docx"),
        save(build_appraisal_list(), "appraisal_list.docx"),
    ):
        print(path)


if __name__ == "__main__":
    main()
