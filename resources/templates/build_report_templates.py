"""Build the Word template of the periodic report (reproducible).

    .venv/bin/python resources/templates/build_report_templates.py

- ``periodic_report.docx`` — "BÁO CÁO Kết quả xây dựng, nhân rộng điển hình tiên tiến
  6 tháng đầu năm / năm …": I. Tình hình triển khai; II. Kết quả (the figures, the tables
  "Biểu 1…", the charts); III. Đánh giá chung (room for the officer's words, highlighted in
  yellow, with hints drawn from the figures); IV. Phương hướng, nhiệm vụ thời gian tới;
  recipients and signature.

A chart is a paragraph holding only ``{{ c }}`` (a marker such as "§HÌNH:compare§"); the
program puts the picture there after rendering. An officer may move or delete those
paragraphs in Word. Tables repeat the same columns: ``{%tr for r in t.rows %}``.

The helpers (page set-up, the body style, table cells) are those of ``build_templates.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from build_templates import body_par, new_document, save, tag  # noqa: E402
from build_templates import data_table as _data_table  # noqa: E402
from docx.enum.text import WD_COLOR_INDEX  # noqa: E402

from dienhinh_desktop.documents.docx_style import add_par  # noqa: E402

TABLE_SIZE = 11

# The breakdown tables (kind, field, unit, gender, ethnicity, party): 165 mm of a portrait page.
BREAKDOWN_COLUMNS = [
    ("STT", 12, "{{ r.stt }}", "center"),
    ("Nội dung", 49, "{{ r.label }}", "left"),
    ("Đăng ký mới", 17, "{{ r.registered }}", "center"),
    ("Bồi dưỡng", 17, "{{ r.nurturing }}", "center"),
    ("Được công nhận", 18, "{{ r.recognised }}", "center"),
    ("Được khen thưởng", 18, "{{ r.rewarded }}", "center"),
    ("Nhân rộng", 16, "{{ r.replicating }}", "center"),
    ("Đang theo dõi cuối kỳ", 18, "{{ r.tracked }}", "center"),
]
SUMMARY_COLUMNS = [
    ("STT", 12, "{{ r.stt }}", "center"),
    ("Nội dung", 81, "{{ r.label }}", "left"),
    ("{{ previous_short }}", 24, "{{ r.previous }}", "center"),
    ("{{ period_short }}", 24, "{{ r.current }}", "center"),
    ("Tăng (+), giảm (-)", 24, "{{ r.change }}", "center"),
]
STATUS_COLUMNS = [
    ("STT", 12, "{{ r.stt }}", "center"),
    ("Trạng thái", 93, "{{ r.label }}", "left"),
    ("Số lượng", 30, "{{ r.count }}", "center"),
    ("Tỷ lệ", 30, "{{ r.share }}", "center"),
]
ACTIVITY_COLUMNS = [
    ("STT", 12, "{{ r.stt }}", "center"),
    ("Ngày", 23, "{{ r.date }}", "center"),
    ("Hoạt động, địa điểm", 50, "{{ r.title }}", "left"),
    ("Hình thức", 25, "{{ r.kind }}", "left"),
    ("Điển hình được giới thiệu", 38, "{{ r.models }}", "left"),
    ("Số người", 17, "{{ r.people }}", "center"),
]
QUOTA_COLUMNS = [
    ("STT", 12, "{{ r.stt }}", "center"),
    ("Đơn vị", 43, "{{ r.unit }}", "left"),
    ("Chỉ tiêu", 40, "{{ r.what }}", "left"),
    ("Yêu cầu", 24, "{{ r.bound }}", "center"),
    ("Đã có", 16, "{{ r.count }}", "center"),
    ("Đánh giá", 30, "{{ r.state }}", "center"),
]


def caption(doc, text: str) -> None:
    add_par(doc, text, size=13, bold=True, align="center", before=6, after=3, keep_next=True)


def data_table(doc, columns, loop: str, *, total: str | None = None) -> None:
    """``build_templates.data_table`` in the report's table size."""
    _data_table(doc, columns, loop, size=TABLE_SIZE, total=total)


def lines(doc, name: str, prefix: str = "") -> None:
    tag(doc, "{%p for line in " + name + " %}")
    body_par(doc, prefix + "{{ line }}")
    tag(doc, "{%p endfor %}")


def charts(doc, name: str) -> None:
    tag(doc, "{%p for c in " + name + " %}")
    add_par(doc, "{{ c }}", size=12, align="center", before=6, after=6)
    tag(doc, "{%p endfor %}")


def to_fill(doc, text: str) -> None:
    """A paragraph for the officer to write, highlighted in yellow."""
    p = body_par(doc, "")
    run = p.add_run(text)
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def heading(doc, text: str) -> None:
    p = body_par(doc, text, bold=True)
    p.paragraph_format.keep_with_next = True


def breakdown_tables(doc, name: str) -> None:
    """``{%p for t in <name> %}``: each breakdown's caption, table, note and charts."""
    tag(doc, "{%p for t in " + name + " %}")
    caption(doc, "{{ t.caption }}")
    data_table(doc, BREAKDOWN_COLUMNS, "t.rows", total="t.total")
    tag(doc, "{%p if t.note %}")
    add_par(doc, "{{ t.note }}", size=12, italic=True, before=2, after=6)
    tag(doc, "{%p endif %}")
    charts(doc, "t.charts")
    tag(doc, "{%p endfor %}")


def build_report() -> object:
    doc = new_document()
    add_par(doc, "{{p header_block }}")
    add_par(doc, "{{p title_block }}")
    body_par(doc, "{{ intro }}")

    heading(doc, "I. TÌNH HÌNH TRIỂN KHAI")
    lines(doc, "deployment")

    heading(doc, "II. KẾT QUẢ XÂY DỰNG, NHÂN RỘNG ĐIỂN HÌNH TIÊN TIẾN")
    heading(doc, "1. Kết quả chung")
    lines(doc, "overall")
    caption(doc, "{{ summary_caption }}")
    data_table(doc, SUMMARY_COLUMNS, "summary_rows")
    charts(doc, "charts_overall")
    tag(doc, "{%p if status_rows %}")
    caption(doc, "{{ status_caption }}")
    data_table(doc, STATUS_COLUMNS, "status_rows", total="status_total")
    charts(doc, "charts_status")
    tag(doc, "{%p endif %}")

    heading(doc, "2. Kết quả theo loại điển hình, lĩnh vực, đơn vị")
    breakdown_tables(doc, "tables_main")

    heading(doc, "3. Kết quả theo giới tính, dân tộc, đảng viên")
    lines(doc, "people_lines")
    breakdown_tables(doc, "tables_people")

    heading(doc, "4. Công nhận, ghi danh, khen thưởng")
    lines(doc, "award_lines")

    heading(doc, "5. Tuyên truyền, nhân rộng điển hình")
    lines(doc, "activity_lines")
    tag(doc, "{%p if activity_rows %}")
    caption(doc, "{{ activity_caption }}")
    data_table(doc, ACTIVITY_COLUMNS, "activity_rows")
    tag(doc, "{%p endif %}")

    heading(doc, "6. So với chỉ tiêu được giao")
    lines(doc, "quota_lines")
    tag(doc, "{%p if quota_rows %}")
    caption(doc, "{{ quota_caption }}")
    data_table(doc, QUOTA_COLUMNS, "quota_rows")
    tag(doc, "{%p endif %}")

    heading(doc, "III. ĐÁNH GIÁ CHUNG")
    heading(doc, "1. Ưu điểm")
    to_fill(
        doc,
        "[Phần đồng chí phụ trách viết: những kết quả nổi bật, cách làm hay, điển hình tiêu biểu "
        "trong kỳ. Xóa dòng hướng dẫn này sau khi viết.]",
    )
    heading(doc, "2. Hạn chế, nguyên nhân")
    to_fill(
        doc,
        "[Phần đồng chí phụ trách viết: những việc chưa làm được, nguyên nhân chủ quan, khách quan. "
        "Xóa dòng hướng dẫn này sau khi viết.]",
    )
    tag(doc, "{%p if hints %}")
    add_par(
        doc,
        "Gợi ý từ số liệu của chương trình (tham khảo, xóa khi hoàn thiện báo cáo):",
        size=13,
        italic=True,
        before=3,
        after=3,
    )
    tag(doc, "{%p for line in hints %}")
    add_par(doc, "- {{ line }}", size=13, italic=True, after=2)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    lines(doc, "directions", prefix="- ")
    to_fill(doc, "[Bổ sung nhiệm vụ, giải pháp cụ thể của cơ quan, đơn vị trong thời gian tới.]")
    tag(doc, "{%p if proposals %}")
    heading(doc, "V. ĐỀ XUẤT, KIẾN NGHỊ")
    to_fill(doc, "{{ proposals }}")
    tag(doc, "{%p endif %}")
    body_par(doc, "{{ closing }}")
    add_par(doc, "{{p signature_block }}")
    return doc


def main() -> None:
    print(save(build_report(), "periodic_report.docx"))


if __name__ == "__main__":
    main()
