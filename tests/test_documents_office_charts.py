"""Native Office charts out of ``ChartSpec``: the chart XML per kind (direction, grouping,
series, caches equal to the spec, colours, axes shown), the Word chart part with its
embedded workbook (python-docx reads it back, the relationships resolve, the workbook holds
the numbers), the empty chart, and a chart in an Excel sheet."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from openpyxl import Workbook, load_workbook

from dienhinh_desktop.documents.office_charts import (
    A_NS,
    C_NS,
    CT_CHART,
    CT_XLSX,
    DATA_SHEET,
    R_NS,
    RT_CHART,
    RT_PACKAGE,
    add_docx_chart,
    chart_workbook,
    chart_xml,
    nice_scale,
    openpyxl_chart,
)
from dienhinh_desktop.services.charts import STATUS_COLORS, ChartSpec, bar_chart, multi_chart

NS = {"c": C_NS, "a": A_NS, "r": R_NS}
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

SPECS: dict[str, ChartSpec] = {
    "bar": bar_chart(
        [("a", "Đăng ký mới", 3), ("b", "Bồi dưỡng", 12), ("c", "Được công nhận", 0)], title="Cột đơn"
    ),
    "barh": bar_chart(
        [("x", "LV1. Xây dựng Đảng", 29), ("y", "LV2. Cơ quan nhà nước", 7)],
        title="Theo lĩnh vực",
        horizontal=True,
        colors="#76b7b2",
    ),
    "grouped": multi_chart(
        "grouped",
        [("collective", "Tập thể"), ("individual", "Cá nhân"), ("household", "Hộ gia đình")],
        [
            ("previous", "Kỳ trước (năm 2025)", [1, 2, 0], "#b9c3cc"),
            ("current", "Kỳ này", [3, 4, 5], "#4e79a7"),
        ],
        title="So với kỳ trước",
    ),
    "stacked": multi_chart(
        "stacked",
        [("01/2026", "T1"), ("02/2026", "T2"), ("03/2026", "T3"), ("04/2026", "T4")],
        [
            ("registered", "Đăng ký mới", [113, 0, 4, 0], "#4e79a7"),
            ("nurturing", "Bồi dưỡng", [126, 87, 2, 0], "#f28e2b"),
            ("recognised", "Được công nhận", [0, 1, 0, 0], "#59a14f"),
        ],
        title="Diễn biến theo tháng",
        axis_title="Tháng (năm 2026)",
    ),
    "colors": bar_chart(
        [("registered", "Đã đăng ký", 45), ("nurturing", "Đang bồi dưỡng", 114), ("removed", "Đã loại", 6)],
        title="Theo trạng thái",
        horizontal=True,
        colors=STATUS_COLORS,
    ),
}
EMPTY = bar_chart([("a", "Kinh", 0), ("b", "Tày", 0)], title="Theo dân tộc")


def _xml(spec: ChartSpec) -> etree._Element:
    _blob, chart = chart_workbook(spec)
    return chart_xml(chart)


def _val(el: etree._Element, path: str) -> str | None:
    found = el.find(path, NS)
    return None if found is None else found.get("val")


def _cache(ser: etree._Element, part: str) -> list[str]:
    return [v.text for v in ser.findall(f"c:{part}//c:pt/c:v", NS)]


@pytest.mark.parametrize("kind", list(SPECS))
def test_chart_xml_matches_the_spec(kind: str) -> None:
    spec = SPECS[kind]
    root = _xml(spec)
    assert etree.QName(root).localname == "chartSpace"
    assert root.find("c:roundedCorners", NS).get("val") == "0"
    bar = root.find("c:chart/c:plotArea/c:barChart", NS)
    assert _val(bar, "c:barDir") == ("bar" if spec.kind == "barh" else "col")
    assert _val(bar, "c:grouping") == ("stacked" if spec.kind == "stacked" else "clustered")
    if spec.kind == "stacked":
        assert _val(bar, "c:overlap") == "100"
    series = bar.findall("c:ser", NS)
    assert len(series) == len(spec.series)
    for ser, s in zip(series, spec.series, strict=True):
        assert [float(v) for v in _cache(ser, "val")] == list(s.values)
        assert _cache(ser, "cat") == spec.labels
        assert _cache(ser, "tx") == [s.label]
        assert ser.find("c:val/c:numRef/c:f", NS).text.startswith(f"'{DATA_SHEET}'!$")
        assert ser.find("c:cat/c:strRef/c:f", NS).text == f"'{DATA_SHEET}'!$A$2:$A${len(spec.categories) + 1}"
        fill = ser.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val")
        assert fill == s.color.lstrip("#").upper()
        labels = ser.find("c:dLbls", NS)
        assert _val(labels, "c:showVal") == "1" and _val(labels, "c:showSerName") == "0"
        assert labels.find("c:numFmt", NS).get("sourceLinked") == "0"
    # axes shown (openpyxl hides them by default), integer value axis, Times New Roman
    plot = root.find("c:chart/c:plotArea", NS)
    assert _val(plot, "c:catAx/c:delete") == "0" and _val(plot, "c:valAx/c:delete") == "0"
    assert plot.find("c:valAx/c:numFmt", NS).get("formatCode") == "#,##0"
    assert float(_val(plot, "c:valAx/c:scaling/c:max")) > spec.maximum()
    fonts = {f.get("typeface") for f in root.iter(f"{{{A_NS}}}latin")}
    assert fonts == {"Times New Roman"}
    title = "".join(t.text for t in root.findall("c:chart/c:title//a:t", NS))
    assert title == spec.title
    assert (root.find("c:chart/c:legend", NS) is not None) == spec.show_legend
    if spec.kind == "barh" or kind == "colors":
        assert _val(plot, "c:catAx/c:scaling/c:orientation") == "maxMin"  # first category on top
        assert _val(plot, "c:valAx/c:crosses") == "max"
    else:
        assert _val(plot, "c:catAx/c:scaling/c:orientation") == "minMax"


def test_stacked_chart_has_totals_above_and_not_in_legend() -> None:
    spec = SPECS["stacked"]
    root = _xml(spec)
    line = root.find("c:chart/c:plotArea/c:lineChart", NS)
    (total,) = line.findall("c:ser", NS)
    assert [float(v) for v in _cache(total, "val")] == spec.totals()
    assert total.find("c:spPr/a:ln/a:noFill", NS) is not None
    assert _val(total, "c:dLbls/c:dLblPos") == "t"
    entry = root.find("c:chart/c:legend/c:legendEntry", NS)
    assert _val(entry, "c:idx") == str(len(spec.series)) and _val(entry, "c:delete") == "1"
    # the line shares the bar chart's axes
    bar_axes = [a.get("val") for a in root.findall("c:chart/c:plotArea/c:barChart/c:axId", NS)]
    assert [a.get("val") for a in line.findall("c:axId", NS)] == bar_axes
    # segments too thin for a label are not labelled
    fmt = root.find("c:chart/c:plotArea/c:barChart/c:ser/c:dLbls/c:numFmt", NS).get("formatCode")
    assert fmt.startswith("[<") and fmt.endswith('"";#,##0')


def test_category_colours_are_data_points() -> None:
    spec = SPECS["colors"]
    (ser,) = _xml(spec).findall("c:chart/c:plotArea/c:barChart/c:ser", NS)
    points = {
        int(_val(p, "c:idx")): p.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val")
        for p in ser.findall("c:dPt", NS)
    }
    expected = {i: STATUS_COLORS[key].lstrip("#").upper() for i, (key, _) in enumerate(spec.categories)}
    base = spec.series[0].color.lstrip("#").upper()
    assert points == {i: c for i, c in expected.items() if c != base}
    assert expected[0] == base  # "registered" has the series' own colour: no data point needed


def test_nice_scale() -> None:
    assert nice_scale(0) == (1, 1)
    assert nice_scale(4) == (5, 1)
    maximum, step = nice_scale(239)
    assert maximum > 239 and maximum % step == 0 and 3 <= maximum // step <= 8
    maximum, step = nice_scale(12345)
    assert maximum > 12345 and step >= 1000


def _chart_parts(doc) -> list:  # type: ignore[no-untyped-def]
    """The chart parts of a python-docx document in the order the body shows them."""
    part = doc.part
    out = []
    for chart in part.element.iter(f"{{{C_NS}}}chart"):
        rid = chart.get(f"{{{R_NS}}}id")
        rel = part.rels[rid]
        assert rel.reltype == RT_CHART
        out.append(rel.target_part)
    return out


def test_docx_charts_round_trip(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Mở đầu")
    placed = [add_docx_chart(doc.add_paragraph(), spec, 160) for spec in SPECS.values()]
    empty = doc.add_paragraph()
    placed.append(add_docx_chart(empty, EMPTY, 160))
    run_par = doc.add_paragraph()
    assert add_docx_chart(run_par.add_run(), SPECS["bar"], 120, 50)  # into a run
    assert placed == [True] * len(SPECS) + [False]
    path = tmp_path / "bieu-do.docx"
    doc.save(str(path))

    again = Document(str(path))
    assert "Theo dân tộc: chưa có số liệu." in [p.text for p in again.paragraphs]
    parts = _chart_parts(again)
    assert len(parts) == len(SPECS) + 1
    assert len(again.inline_shapes) == len(SPECS) + 1
    names = [str(p.partname) for p in parts]
    assert names == [f"/word/charts/chart{i}.xml" for i in range(1, len(parts) + 1)]
    for part, spec in zip(parts, [*SPECS.values(), SPECS["bar"]], strict=True):
        assert part.content_type == CT_CHART
        root = etree.fromstring(part.blob)
        ext = root.find("c:externalData", NS)
        assert _val(ext, "c:autoUpdate") == "0"
        assert root.index(ext) == len(root) - 1  # after c:chart, c:spPr, c:txPr
        rel = part.rels[ext.get(f"{{{R_NS}}}id")]
        assert rel.reltype == RT_PACKAGE
        embedded = rel.target_part
        assert embedded.content_type == CT_XLSX
        assert str(embedded.partname).startswith("/word/embeddings/Microsoft_Excel_Worksheet")
        ws = load_workbook(io.BytesIO(embedded.blob))[DATA_SHEET]
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][1 : 1 + len(spec.series)] == tuple(s.label for s in spec.series)
        assert [r[0] for r in rows[1:]] == spec.labels
        for j, s in enumerate(spec.series, start=1):
            assert [r[j] for r in rows[1:]] == list(s.values)
        cached = [float(v) for v in _cache(root.find("c:chart/c:plotArea/c:barChart/c:ser", NS), "val")]
        assert cached == list(spec.series[0].values)
    # the inline drawing: size, a unique docPr id per chart
    inlines = list(again.element.body.iter(f"{{{WP}}}inline"))
    ids = [int(i.find(f"{{{WP}}}docPr").get("id")) for i in inlines]
    assert len(set(ids)) == len(ids)
    assert inlines[0].find(f"{{{WP}}}extent").get("cx") == str(160 * 36000)
    assert inlines[0].find(f"{{{WP}}}extent").get("cy") == str(int(SPECS["bar"].height_mm * 36000))
    assert inlines[-1].find(f"{{{WP}}}extent").get("cy") == str(50 * 36000)
    # saved again by python-docx: the parts stay
    again.save(str(tmp_path / "lan-2.docx"))
    with zipfile.ZipFile(tmp_path / "lan-2.docx") as z:
        listed = z.namelist()
        assert sum(n.startswith("word/charts/chart") for n in listed) == len(parts)
        assert sum(n.startswith("word/embeddings/") for n in listed) == len(parts)
        types = z.read("[Content_Types].xml").decode()
        assert CT_CHART in types and CT_XLSX in types


def test_empty_spec() -> None:
    with pytest.raises(ValueError):
        openpyxl_chart(ChartSpec(kind="bar", title="x", categories=(), series=()), Workbook().active, 1)
    doc = Document()
    p = doc.add_paragraph()
    assert add_docx_chart(p, EMPTY, 160) is False
    assert p.runs[0].italic and p.alignment == 1  # centred
    assert not list(doc.element.body.iter(f"{{{WP}}}inline"))


def test_chart_in_an_excel_sheet(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu đồ"
    row = 1
    for spec in SPECS.values():
        chart, end = openpyxl_chart(spec, ws, row, 2)
        assert end == row + 1 + len(spec.categories)
        ws.add_chart(chart, f"H{row}")
        row = end + 1
    path = tmp_path / "bieu-do.xlsx"
    wb.save(str(path))
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == len(SPECS)
        root = etree.fromstring(z.read(charts[3]))  # the stacked chart
    stacked = SPECS["stacked"]
    series = root.findall(".//c:barChart/c:ser", NS)
    assert [[float(v) for v in _cache(s, "val")] for s in series] == [list(s.values) for s in stacked.series]
    assert series[0].find("c:val/c:numRef/c:f", NS).text.startswith("'Biểu đồ'!$C$")
    data = load_workbook(str(path))["Biểu đồ"]
    first = SPECS["bar"]
    assert [data.cell(row=2 + i, column=3).value for i in range(3)] == list(first.series[0].values)
    assert data.cell(row=2, column=2).value == "Đăng ký mới"
