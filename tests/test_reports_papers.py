"""The periodic report as papers: the Word report (profile, sections, tables, native
charts in place of the markers) and the Excel workbook (one sheet per table, the charts on
«Biểu đồ»); the demo's activities and dated history."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from docx import Document
from lxml import etree
from openpyxl import load_workbook

from dienhinh_desktop.documents.exporters import ExportContext, run_export
from dienhinh_desktop.documents.office_charts import C_NS, DATA_SHEET, R_NS, RT_CHART, RT_PACKAGE
from dienhinh_desktop.documents.papers.report import insert_charts
from dienhinh_desktop.services import reports as R
from dienhinh_desktop.services.charts import report_charts
from tests.test_reports_figures import data  # noqa: F401  (the fixture)

NS = {"c": C_NS, "r": R_NS}
CHART_ORDER = ["compare", "series", "status", "kind", "field", "ethnicity"]  # as the template places them


def _text(doc: Document) -> str:  # type: ignore[valid-type]
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def _charts_in_body(doc) -> list[etree._Element]:  # type: ignore[no-untyped-def]
    """The chartSpace of every chart the body shows, in order (relationships resolved)."""
    out = []
    for ref in doc.part.element.body.iter(f"{{{C_NS}}}chart"):
        rel = doc.part.rels[ref.get(f"{{{R_NS}}}id")]
        assert rel.reltype == RT_CHART
        out.append(etree.fromstring(rel.target_part.blob))
    return out


def _values(root: etree._Element) -> list[list[float]]:
    return [
        [float(v.text) for v in ser.findall("c:val//c:pt/c:v", NS)]
        for ser in root.findall("c:chart/c:plotArea/c:barChart/c:ser", NS)
    ]


def test_report_charts_are_native_word_charts(session, data, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    f = R.report_figures(session, data["plan"].id, date(2025, 1, 1), date(2025, 12, 31))
    specs = report_charts(f)
    assert set(specs) == set(CHART_ORDER)
    doc = Document()
    for name in [*CHART_ORDER, "missing"]:
        doc.add_paragraph(f"§HÌNH:{name}§")
    path = tmp_path / "r.docx"
    doc.save(str(path))
    placed = insert_charts(path, specs)
    assert placed == sum(not s.is_empty for s in specs.values())
    doc = Document(str(path))
    assert not any("§HÌNH" in p.text for p in doc.paragraphs)  # "missing" removed too
    charts = _charts_in_body(doc)
    assert len(charts) == placed
    shown = [n for n in CHART_ORDER if not specs[n].is_empty]
    for name, root in zip(shown, charts, strict=True):
        assert _values(root) == [list(s.values) for s in specs[name].series]


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
    assert "§HÌNH" not in text  # every chart marker became a native chart
    assert len(doc.inline_shapes) == 6
    charts = _charts_in_body(doc)
    assert len(charts) == 6  # one chart part per marker
    compare = _values(charts[0])  # this period against the previous one, per measure
    assert compare[0][0] == 2.0 and compare[0][3] == 0.0  # 2024: registered 2, rewarded 0 (Biểu 1)
    assert compare[1][0] == 4.0 and compare[1][3] == 1.0  # 2025: registered 4, rewarded 1
    kind = _values(charts[3])  # per kind: registered (collective, individual, household)
    assert kind[0][1] == 4.0
    with zipfile.ZipFile(files[0]) as z:
        embedded = sorted(n for n in z.namelist() if n.startswith("word/embeddings/"))
        assert len(embedded) == 6
        ws = load_workbook(io.BytesIO(z.read(embedded[0])))[DATA_SHEET]
        assert [r[2] for r in ws.iter_rows(min_row=2, values_only=True)] == [4, *compare[1][1:]]
        rels = z.read("word/charts/_rels/chart1.xml.rels").decode()
        assert RT_PACKAGE in rels
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
        "Biểu đồ",
    ]
    ws = wb["Biểu đồ"]
    titles = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Biểu đồ ")]
    assert len(titles) == 6 and titles[0].startswith("Biểu đồ 1. Kết quả trong kỳ so với kỳ trước")
    with zipfile.ZipFile(files[1]) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 6
        first = etree.fromstring(z.read("xl/charts/chart1.xml"))
    assert _values(first) == compare
    assert first.find(".//c:ser/c:val/c:numRef/c:f", NS).text.startswith("'Biểu đồ'!$")
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
