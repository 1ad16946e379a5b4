"""The periodic report as papers: the Word report (profile, sections, tables, charts as
pictures) and the Excel workbook (one sheet per table); the charts as PNG; the demo's
activities and dated history."""

from __future__ import annotations

from datetime import date

from docx import Document
from openpyxl import load_workbook

from dienhinh_desktop.documents.exporters import ExportContext, run_export
from dienhinh_desktop.services import reports as R
from dienhinh_desktop.services.charts import report_charts
from tests.test_reports_figures import data  # noqa: F401  (the fixture)

PNG = b"\x89PNG\r\n\x1a\n"


def _text(doc: Document) -> str:  # type: ignore[valid-type]
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_charts_are_png_files(session, data, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    f = R.report_figures(session, data["plan"].id, date(2025, 1, 1), date(2025, 12, 31))
    paths = report_charts(f, tmp_path)
    assert set(paths) == {"compare", "series", "status", "kind", "field", "ethnicity"}
    for path in paths.values():
        head = path.read_bytes()[:8]
        assert head == PNG and path.stat().st_size > 5000


def test_word_and_excel_report(session, data, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ctx = ExportContext(
        out_dir=tmp_path, plan_id=data["plan"].id, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)
    )
    files = run_export(session, "report", ctx)
    assert [p.name for p in files] == [
        "bao-cao-nhan-rong-dien-hinh-nam-2025.docx",
        "bao-cao-nhan-rong-dien-hinh-nam-2025.xlsx",
    ]
    doc = Document(str(files[0]))
    text = _text(doc)
    for needle in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BÁO CÁO",
        "Kết quả xây dựng, nhân rộng điển hình tiên tiến năm 2025",
        "I. TÌNH HÌNH TRIỂN KHAI",
        "II. KẾT QUẢ",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "Phần đồng chí phụ trách viết",
        "Trong đó: dân tộc thiểu số",
        "Biểu 1. Kết quả chủ yếu năm 2025 so với năm 2024",
    ):
        assert needle in text, needle
    assert "§HÌNH" not in text  # every chart marker became a picture
    assert len(doc.inline_shapes) == 6
    # Biểu 1: registered 2024 → 2025 = 2 → 4 (+2); tracked 2 → 5.
    assert "1 | Đăng ký mới xây dựng điển hình | 2 | 4 | +2" in text
    assert "10 | Điển hình đang theo dõi đến cuối kỳ | 2 | 5 | +3" in text
    # Biểu 3 (kind): individuals registered 4, tracked 3 (A, B, F; E removed).
    assert "2 | Cá nhân | 4 | 2 | 1 | - | - | 3" in text
    wb = load_workbook(str(files[1]))
    assert wb.sheetnames == [
        "Tổng hợp",
        "Trạng thái cuối kỳ",
        "Theo loại",
        "Theo lĩnh vực",
        "Theo đơn vị",
        "Theo giới tính",
        "Theo dân tộc",
        "Theo đảng viên",
        "Hoạt động nhân rộng",
        "Chỉ tiêu",
        "Diễn biến",
    ]
    ws = wb["Theo dân tộc"]
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r and r[1]}
    assert rows["Kinh"][2:] == (2, 1, 0, 0, 0, 1)  # B and E registered; E removed since
    assert rows["Trong đó: dân tộc thiểu số"][2:] == (1, 1, 1, 0, 0, 2)
    assert rows["Tổng cộng"][7] == 4
    summary = {r[1]: r for r in wb["Tổng hợp"].iter_rows(values_only=True) if r and r[1]}
    assert summary["Được khen thưởng"][2:] == (0, 1, 1)


def test_demo_year_has_replication_and_history(bare_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.services.demo import build_demo
    from dienhinh_desktop.services.plan_templates import install_templates

    with bare_db.transaction() as s:
        install_templates(s)
        result = build_demo(s, size=40, today=date(2026, 11, 21))
    assert result.extras["activities"] >= 12 and result.extras["rewarded"] >= 1
    with bare_db.session() as s:
        f = R.report_figures(
            s, result.plan_id, date(2026, 1, 1), date(2026, 12, 31), today=date(2026, 11, 21)
        )
        assert f.activities["total"] >= 10 and f.activities["models_spread"] >= 5
        assert f.events["registered"] > 0 and f.events["nurturing"] > 0 and f.events["recognised"] > 0
        assert f.events["rewarded"] >= 1 and f.events["replicating"] >= 1
        assert f.tracked == sum(n for st, n in f.status_at_end.items() if st not in R.NOT_TRACKED)
        assert (
            sum(v["registered"] for _, v in f.series) + f.previous.events["registered"]
            >= f.events["registered"]
        )
