"""Native Office charts out of :class:`services.charts.ChartSpec` — no picture library.

Word, Excel and LibreOffice draw these charts themselves, and the officer can restyle them
or change their numbers («Chỉnh sửa dữ liệu» in Word opens the embedded workbook).

- :func:`openpyxl_chart` writes a spec's numbers into a worksheet (a header row with the
  series' names, then one row per category) and returns an ``openpyxl`` bar chart drawing
  them, with the caches filled in (Word and LibreOffice draw a chart in a document from its
  cached values), Times New Roman text, the spec's colours, value labels, integer axis.
  Add it to the sheet with ``ws.add_chart(chart, "H3")``.
- :func:`add_docx_chart` puts a native chart into a python-docx paragraph: a chart part
  ``/word/charts/chartN.xml`` related from the paragraph's part, the workbook holding its
  numbers embedded as ``/word/embeddings/Microsoft_Excel_WorksheetN.xlsx`` and named by
  ``c:externalData``, and an inline ``w:drawing`` like the one Word writes. An empty spec
  (:attr:`ChartSpec.is_empty`) gives no chart but the line "<title>: chưa có số liệu."
  (centred, italic).

A stacked chart shows each non-zero segment's value in it and the column's total above it
(an invisible line series «Tổng cộng», left out of the legend). Zero values are not
labelled (number format ``#,##0;-#,##0;;``).
"""

from __future__ import annotations

import io
import math
from typing import Any

from lxml import etree
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import (
    AxDataSource,
    NumData,
    NumDataSource,
    NumFmt,
    NumRef,
    NumVal,
    StrData,
    StrRef,
    StrVal,
)
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend, LegendEntry
from openpyxl.chart.marker import DataPoint, Marker
from openpyxl.chart.series import Series as XlSeries
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.descriptors import Typed
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import (
    CharacterProperties,
    Font,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
    RichTextProperties,
)
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from ..services.charts import EMPTY_TEXT, ChartSpec
from .xlsx_writer import set_text

FONT = "Times New Roman"
EMU_PER_MM = 36000
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DATA_SHEET = "Số liệu"  # the embedded workbook's sheet
TOTAL_LABEL = "Tổng cộng"
LABEL_FORMAT = "#,##0;-#,##0;;"  # zero values get no label
SEGMENT_LABEL_SHARE = 0.07  # a stacked segment shorter than this share of the axis: no label
TEXT_COLOR = "262626"
GRID_COLOR = "D9D9D9"
AXIS_COLOR = "A6A6A6"
GAP_WIDTH = {"bar": 60, "barh": 45, "grouped": 70, "stacked": 55}
TITLE_PT, AXIS_PT, LABEL_PT, LEGEND_PT = 11, 10, 9, 10


# ------------------------------------------------------------------------------ text and colours
def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def _chars(size_pt: float, *, bold: bool = False, color: str = TEXT_COLOR) -> CharacterProperties:
    return CharacterProperties(
        sz=int(size_pt * 100),
        b=bold,
        solidFill=color,
        latin=Font(typeface=FONT),
        ea=Font(typeface=FONT),
        cs=Font(typeface=FONT),
    )


def _text_props(
    size_pt: float, *, bold: bool = False, rot: int | None = None, color: str = TEXT_COLOR
) -> RichText:
    """``c:txPr``: the font of an axis, labels or legend."""
    chars = _chars(size_pt, bold=bold, color=color)
    para = Paragraph(pPr=ParagraphProperties(defRPr=chars), endParaRPr=_chars(size_pt, color=color))
    para.r = []  # openpyxl adds an empty run
    return RichText(bodyPr=RichTextProperties(rot=rot, vert="horz" if rot is not None else None), p=[para])


def _title(text: str, size_pt: float, *, rot: int | None = None) -> Title:
    chars = _chars(size_pt, bold=True)
    para = Paragraph(pPr=ParagraphProperties(defRPr=chars), r=[RegularTextRun(rPr=chars, t=text)])
    body = RichTextProperties(rot=rot, vert="horz") if rot is not None else RichTextProperties()
    return Title(tx=Text(rich=RichText(bodyPr=body, p=[para])), overlay=False)


def _fill(color: str) -> GraphicalProperties:
    # no outline: a white one would paint over the axis where a segment is zero
    return GraphicalProperties(solidFill=_hex(color), ln=LineProperties(noFill=True))


class _DataLabels(DataLabelList):
    """``c:dLbls`` whose ``c:numFmt`` says ``sourceLinked="0"`` (openpyxl leaves it out,
    and LibreOffice Calc then formats the labels like the cells, zeros included)."""

    tagname = "dLbls"
    numFmt = Typed(expected_type=NumFmt, allow_none=True)
    __elements__ = DataLabelList.__elements__
    __attrs__ = DataLabelList.__attrs__
    __nested__ = tuple(n for n in DataLabelList.__nested__ if n != "numFmt")


def _on(color: str) -> str:
    """The colour of a label written on a bar of ``color``: white on dark, else dark."""
    h = _hex(color)
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return "FFFFFF" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else TEXT_COLOR


def _labels(
    position: str, *, bold: bool = False, color: str = TEXT_COLOR, fmt: str = LABEL_FORMAT
) -> DataLabelList:
    return _DataLabels(
        numFmt=NumFmt(formatCode=fmt, sourceLinked=False),
        spPr=GraphicalProperties(noFill=True, ln=LineProperties(noFill=True)),
        txPr=_text_props(LABEL_PT, bold=bold, color=color),
        dLblPos=position,
        showLegendKey=False,
        showVal=True,
        showCatName=False,
        showSerName=False,
        showPercent=False,
        showBubbleSize=False,
    )


# ------------------------------------------------------------------------------ data and caches
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _clean(text: str) -> str:
    """A label as XML can hold it (no control characters), never empty (``c:v`` is required)."""
    return str(text).translate(_ILLEGAL) or " "


class _BarChart(BarChart):
    """A bar chart whose ``c:chartSpace`` also has a ``c:txPr`` (Times New Roman): the font
    of whatever the officer adds to the chart later in Word or Excel."""

    # openpyxl's metaclass would otherwise compute them from this class alone (none)
    __elements__ = BarChart.__elements__
    __attrs__ = BarChart.__attrs__
    __nested__ = BarChart.__nested__

    def _write(self) -> Any:
        tree = super()._write()
        children = list(tree)
        spot = next(
            (
                i + 1
                for i, el in reversed(list(enumerate(children)))
                if el.tag.rsplit("}", 1)[-1] in ("chart", "spPr")
            ),
            0,
        )
        tree.insert(spot, _text_props(AXIS_PT).to_tree("txPr"))
        return tree


def _number(value: float) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() else value


def _num_ref(ref: Reference, values: list[float]) -> NumRef:
    cache = NumData(
        formatCode="General",
        ptCount=len(values),
        pt=[NumVal(idx=i, v=float(v)) for i, v in enumerate(values)],
    )
    return NumRef(f=str(ref), numCache=cache)


def _str_ref(ref: Reference, texts: list[str]) -> StrRef:
    cache = StrData(ptCount=len(texts), pt=[StrVal(idx=i, v=t) for i, t in enumerate(texts)])
    return StrRef(f=str(ref), strCache=cache)


def _series(
    ws: Worksheet, col: int, header: int, n: int, label: str, values: list[float], idx: int
) -> XlSeries:
    """A series reading ``values`` from column ``col`` (its name in row ``header``), the
    categories from the column left of the data, every reference with its cache."""
    ser = XlSeries()
    ser.idx = ser.order = idx
    ser.tx = SeriesLabel(strRef=_str_ref(Reference(ws, min_col=col, min_row=header), [label]))
    ser.val = NumDataSource(
        numRef=_num_ref(Reference(ws, min_col=col, min_row=header + 1, max_row=header + n), values)
    )
    return ser


def nice_scale(top: float) -> tuple[int, int]:
    """(maximum, step) of an integer value axis that leaves room above ``top`` for a label."""
    if top <= 0:
        return 1, 1
    raw = max(top / 5, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude)
    step = max(int(step), 1)
    maximum = step * math.ceil(top * 1.12 / step)
    if maximum <= top:
        maximum += step
    return int(maximum), step


def _write_table(spec: ChartSpec, ws: Worksheet, top_row: int, left_col: int) -> None:
    head = ws.cell(row=top_row, column=left_col)
    set_text(head, spec.axis_title or "Nội dung")
    for j, s in enumerate(spec.series):
        set_text(ws.cell(row=top_row, column=left_col + 1 + j), _clean(s.label))
    stacked_total = spec.kind == "stacked"
    if stacked_total:
        set_text(ws.cell(row=top_row, column=left_col + 1 + len(spec.series)), TOTAL_LABEL)
    totals = spec.totals()
    for i, (_key, label) in enumerate(spec.categories):
        row = top_row + 1 + i
        set_text(ws.cell(row=row, column=left_col), _clean(label))
        for j, s in enumerate(spec.series):
            ws.cell(row=row, column=left_col + 1 + j, value=_number(s.values[i]))
        if stacked_total:
            ws.cell(row=row, column=left_col + 1 + len(spec.series), value=_number(totals[i]))


def openpyxl_chart(spec: ChartSpec, ws: Worksheet, top_row: int, left_col: int = 1) -> tuple[BarChart, int]:
    """Write ``spec``'s numbers into ``ws`` from ``(top_row, left_col)`` — a header row
    (category heading, one column per series, "Tổng cộng" for a stacked chart), then one row
    per category — and return ``(chart, next free row)``. The chart (``chart.width`` /
    ``chart.height`` in cm are left to the caller) reads those cells and holds their values
    in its caches. ``spec`` must have categories (callers show :data:`EMPTY_TEXT` for an
    empty spec)."""
    if not spec.categories or not spec.series:
        raise ValueError("ChartSpec without categories or series")
    n = len(spec.categories)
    labels = [_clean(label) for label in spec.labels]
    _write_table(spec, ws, top_row, left_col)
    cats = Reference(ws, min_col=left_col, min_row=top_row + 1, max_row=top_row + n)

    chart = _BarChart()
    chart.type = "bar" if spec.kind == "barh" else "col"
    chart.grouping = "stacked" if spec.kind == "stacked" else "clustered"
    chart.overlap = 100 if spec.kind == "stacked" else 0
    chart.gapWidth = GAP_WIDTH.get(spec.kind, 60)
    chart.varyColors = False
    chart.style = None
    chart.roundedCorners = False
    chart.title = _title(spec.title, TITLE_PT)
    chart.graphical_properties = GraphicalProperties(solidFill="FFFFFF", ln=LineProperties(noFill=True))
    chart.plot_area.graphicalProperties = GraphicalProperties(noFill=True, ln=LineProperties(noFill=True))

    single = len(spec.series) == 1
    maximum, step = nice_scale(spec.maximum())
    position = "ctr" if spec.kind == "stacked" else "outEnd"
    for j, s in enumerate(spec.series):
        values = [float(v) for v in s.values]
        ser = _series(ws, left_col + 1 + j, top_row, n, _clean(s.label), values, j)
        ser.cat = AxDataSource(strRef=_str_ref(cats, labels))
        ser.graphicalProperties = _fill(s.color)
        ser.invertIfNegative = False
        if single and spec.category_colors is not None:
            ser.dPt = [
                DataPoint(idx=i, invertIfNegative=False, spPr=_fill(spec.color_of(s, i)))
                for i in range(n)
                if _hex(spec.color_of(s, i)) != _hex(s.color)
            ]
        if spec.kind == "stacked":  # no label in a segment too thin to hold it (the total is above)
            fmt = f'[<{max(maximum * SEGMENT_LABEL_SHARE, 0.5):g}]"";#,##0'
            ser.dLbls = _labels(position, color=_on(s.color), fmt=fmt)
        else:
            ser.dLbls = _labels(position)
        chart.series.append(ser)

    # axes: openpyxl >= 3.1 deletes them unless told otherwise
    x, y = chart.x_axis, chart.y_axis
    x.delete = False
    y.delete = False
    x.txPr = _text_props(AXIS_PT)
    y.txPr = _text_props(AXIS_PT)
    x.majorTickMark = "none"
    x.minorTickMark = "none"
    x.tickLblPos = "nextTo"
    x.spPr = GraphicalProperties(ln=LineProperties(solidFill=AXIS_COLOR, w=9525))
    x.noMultiLvlLbl = True
    if spec.axis_title:
        x.title = _title(spec.axis_title, AXIS_PT, rot=-5400000 if spec.kind == "barh" else None)
    y.scaling.min = 0
    y.scaling.max = maximum
    y.majorUnit = step
    y.numFmt = NumFmt(formatCode="#,##0", sourceLinked=False)
    y.majorTickMark = "none"
    y.minorTickMark = "none"
    y.tickLblPos = "nextTo"
    y.spPr = GraphicalProperties(ln=LineProperties(noFill=True))
    y.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill=GRID_COLOR, w=6350))
    y.crossBetween = "between"
    if spec.kind == "barh":
        x.axPos, y.axPos = "l", "b"
        x.scaling.orientation = "maxMin"  # the first category on top
        y.crosses = "max"  # and the value axis at the bottom
    else:
        x.axPos, y.axPos = "b", "l"

    if spec.kind == "stacked":  # the total of each column above it
        col = left_col + 1 + len(spec.series)
        totals = [float(t) for t in spec.totals()]
        line = LineChart()
        total = _series(ws, col, top_row, n, TOTAL_LABEL, totals, len(spec.series))
        total.cat = AxDataSource(strRef=_str_ref(cats, labels))
        total.graphicalProperties = GraphicalProperties(ln=LineProperties(noFill=True))
        total.marker = Marker(symbol="none")
        total.smooth = False
        total.dLbls = _labels("t", bold=True)
        line.series.append(total)
        line.x_axis = x
        line.y_axis = y
        chart += line

    if spec.show_legend:
        chart.legend = Legend(legendPos="b", overlay=False, txPr=_text_props(LEGEND_PT))
        if spec.kind == "stacked":
            chart.legend.legendEntry = [LegendEntry(idx=len(spec.series), delete=True)]
    else:
        chart.legend = None
    return chart, top_row + 1 + n


# ------------------------------------------------------------------------------ Word
def _prefixed(el: etree._Element, parent: etree._Element | None = None) -> etree._Element:
    """A copy of ``el`` written with the prefixes Word uses (``c:``, ``a:``, ``r:``) instead
    of openpyxl's default namespace (the same XML, as Word itself writes it)."""
    if parent is None:
        new = etree.Element(el.tag, dict(el.attrib), nsmap={"c": C_NS, "a": A_NS, "r": R_NS})
    else:
        new = etree.SubElement(parent, el.tag, dict(el.attrib))
    new.text, new.tail = el.text, None if parent is None else el.tail
    for child in el:
        if isinstance(child.tag, str):
            _prefixed(child, new)
    return new


def chart_xml(chart: BarChart) -> etree._Element:
    """The ``c:chartSpace`` element of ``chart`` (lxml, ``c:``/``a:`` prefixes), with
    ``c:date1904`` and ``c:lang`` first."""
    root = _prefixed(etree.fromstring(tostring(chart._write())))
    first = [etree.Element(f"{{{C_NS}}}date1904", val="0"), etree.Element(f"{{{C_NS}}}lang", val="vi-VN")]
    for i, el in enumerate(first):
        root.insert(i, el)
    return root


def _add_external_data(root: etree._Element, r_id: str) -> None:
    """``c:externalData`` goes after ``c:chart``, ``c:spPr``, ``c:txPr`` (schema order)."""
    ext = etree.Element(f"{{{C_NS}}}externalData", nsmap={"r": R_NS})
    ext.set(f"{{{R_NS}}}id", r_id)
    etree.SubElement(ext, f"{{{C_NS}}}autoUpdate", val="0")
    before = {f"{{{C_NS}}}{t}" for t in ("printSettings", "userShapes", "extLst")}
    for i, child in enumerate(root):
        if child.tag in before:
            root.insert(i, ext)
            return
    root.append(ext)


def chart_workbook(spec: ChartSpec) -> tuple[bytes, BarChart]:
    """The workbook embedded in a Word chart (the numbers on sheet «Số liệu») and the chart
    reading it."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    chart, _ = openpyxl_chart(spec, ws, 1)
    ws.column_dimensions["A"].width = 36
    for j in range(len(spec.series) + 1):
        ws.column_dimensions[get_column_letter(2 + j)].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), chart


def _inline(cx: int, cy: int, shape_id: int, name: str, r_id: str) -> Any:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(
        f'<wp:inline distT="0" distB="0" distL="0" distR="0" {nsdecls("wp", "a", "c", "r")}>'
        f'<wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="{name}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart r:id="{r_id}"/></a:graphicData></a:graphic>'
        "</wp:inline>"
    )


def _next_shape_id(part: Any) -> int:
    """A ``wp:docPr`` id not used anywhere in the part (python-docx's ``next_id``)."""
    try:
        return int(part.next_id)
    except AttributeError:
        ids = [int(v) for v in part.element.xpath("//@id") if str(v).isdigit()]
        return max(ids, default=0) + 1


def add_docx_chart(paragraph: Any, spec: ChartSpec, width_mm: float, height_mm: float | None = None) -> bool:
    """Append a native chart of ``spec`` to ``paragraph`` (a python-docx ``Paragraph``, or a
    ``Run`` to put it in) — ``width_mm`` × ``height_mm`` (default ``spec.height_mm``).
    Returns False when the spec is empty: the paragraph then gets the centred, italic line
    "<title>: chưa có số liệu." instead of a chart."""
    from docx.opc.part import Part, XmlPart
    from docx.oxml import parse_xml
    from docx.shared import Pt

    if hasattr(paragraph, "add_run"):  # a Paragraph
        run = paragraph.add_run()
        if spec.is_empty:
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        run = paragraph
    if spec.is_empty:
        run.text = f"{spec.title}: {EMPTY_TEXT[:1].lower()}{EMPTY_TEXT[1:]}."
        run.italic = True
        run.font.size = Pt(12)
        return False
    part = run.part
    package = part.package
    blob, chart = chart_workbook(spec)

    chart_part = XmlPart(
        package.next_partname("/word/charts/chart%d.xml"),
        CT_CHART,
        parse_xml(etree.tostring(chart_xml(chart))),
        package,
    )
    r_doc = part.relate_to(chart_part, RT_CHART)  # related before the next partname is chosen
    xlsx_part = Part(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"), CT_XLSX, blob, package
    )
    _add_external_data(chart_part.element, chart_part.relate_to(xlsx_part, RT_PACKAGE))

    shape_id = _next_shape_id(part)
    number = int("".join(ch for ch in chart_part.partname.filename if ch.isdigit()) or shape_id)
    height = spec.height_mm if height_mm is None else height_mm
    inline = _inline(
        int(width_mm * EMU_PER_MM), int(height * EMU_PER_MM), shape_id, f"Biểu đồ {number}", r_doc
    )
    run._r.add_drawing(inline)
    return True
