"""Low-level Word helpers shared by the engine and ``resources/templates/build_templates.py``.

- :func:`enforce_fonts` makes every run, style and default of a document Times New Roman
  (``w:ascii``, ``w:hAnsi``, ``w:eastAsia``, ``w:cs``) and removes every theme-font
  attribute (``w:asciiTheme`` …), also in the theme part, so headings never fall back
  to Calibri Light (DESIGN.md §7).
- :func:`page_setup` sets A4, the margins of Decree 30/2020/NĐ-CP and Guidance 36-HD/VPTW.
- Small builders (:func:`add_par`, :func:`set_cell_width`, :func:`no_borders` …) used to
  write the templates with python-docx.
"""

from __future__ import annotations

import re
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")

# Margins in millimetres: top/bottom 20–25, left 30–35, right 15–20 (both profiles).
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
A4_MM = (210, 297)

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

_RPR_FIRST = ("w:rStyle",)  # rFonts must come right after rStyle (schema order)


# --------------------------------------------------------------------------- fonts
_Q_THEME = tuple(qn(a) for a in THEME_ATTRS)
_Q_FONT = tuple(qn(a) for a in FONT_ATTRS)
_Q_HINT = qn("w:hint")
_Q_RFONTS, _Q_RPR, _Q_RUN, _Q_RSTYLE = qn("w:rFonts"), qn("w:rPr"), qn("w:r"), qn("w:rStyle")


def _fix_rfonts(rfonts: Any) -> None:
    attrib = rfonts.attrib
    for key in _Q_THEME:
        if key in attrib:
            del attrib[key]
    for key in _Q_FONT:
        if attrib.get(key) != FONT:
            attrib[key] = FONT
    if _Q_HINT in attrib:
        del attrib[_Q_HINT]


def _ensure_rfonts(rpr: Any) -> None:
    rfonts = rpr.find(_Q_RFONTS)
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        index = 0
        for i, child in enumerate(rpr):
            if child.tag == _Q_RSTYLE:
                index = i + 1
        rpr.insert(index, rfonts)
    _fix_rfonts(rfonts)


def enforce_fonts_in_element(root: Any) -> None:
    """Every ``w:rPr`` below ``root`` gets Times New Roman on all four scripts; every
    run without properties gets them too; theme attributes are removed."""
    for rpr in root.iter(_Q_RPR):
        _ensure_rfonts(rpr)
    for rfonts in root.iter(_Q_RFONTS):  # also those outside a w:rPr (none expected)
        _fix_rfonts(rfonts)
    for run in root.iter(_Q_RUN):
        if run.find(_Q_RPR) is None:
            rpr = OxmlElement("w:rPr")
            run.insert(0, rpr)
            _ensure_rfonts(rpr)


def _ensure_doc_defaults(styles_el: Any) -> None:
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_el.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _ensure_rfonts(rpr)


_THEME_FONT_RE = re.compile(rb'(<a:(?:latin|ea|cs) typeface=")[^"]*(")')


def enforce_fonts(document: Any) -> None:
    """Times New Roman everywhere in a python-docx ``Document``: body, styles (with the
    document defaults), headers/footers, numbering, and the theme's major/minor fonts."""
    enforce_fonts_in_element(document.element)
    styles_el = document.styles.element
    _ensure_doc_defaults(styles_el)
    enforce_fonts_in_element(styles_el)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                enforce_fonts_in_element(part._element)
    package = document.part.package
    for part in package.iter_parts():
        ctype = getattr(part, "content_type", "")
        if ctype.endswith("numbering+xml") and hasattr(part, "element"):
            enforce_fonts_in_element(part.element)
        elif ctype.endswith("theme+xml"):
            blob = part.blob
            new = _THEME_FONT_RE.sub(lambda m: m.group(1) + FONT.encode() + m.group(2), blob)
            new = new.replace(b'<a:ea typeface=""', b'<a:ea typeface="' + FONT.encode() + b'"')
            if new != blob:
                part._blob = new


# --------------------------------------------------------------------------- page
def page_setup(document: Any, *, landscape: bool = False) -> None:
    """A4 (portrait or landscape) with the margins of both official rules."""
    for section in document.sections:
        w, h = A4_MM
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(h), Mm(w)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(w), Mm(h)
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)


def text_width_mm(landscape: bool = False) -> float:
    w, h = A4_MM
    page = h if landscape else w
    return page - MARGINS_MM["left"] - MARGINS_MM["right"]


# --------------------------------------------------------------------------- builders
def style_run(
    run: Any, *, size: float = 14, bold: bool = False, italic: bool = False, underline: bool = False
) -> Any:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    return run


def set_paragraph(
    p: Any,
    *,
    align: str = "left",
    before: float = 0,
    after: float = 0,
    first_line_mm: float | None = None,
    left_mm: float | None = None,
    right_mm: float | None = None,
    keep_next: bool = False,
    mark_size: float | None = None,
) -> Any:
    fmt = p.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if first_line_mm is not None:
        fmt.first_line_indent = Mm(first_line_mm)
    if left_mm is not None:
        fmt.left_indent = Mm(left_mm)
    if right_mm is not None:
        fmt.right_indent = Mm(right_mm)
    if keep_next:
        fmt.keep_with_next = True
    if mark_size is not None:
        ppr = p._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(int(mark_size * 2)))
        rpr.append(sz)
    return p


def add_par(
    container: Any,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: str = "left",
    before: float = 0,
    after: float = 0,
    first_line_mm: float | None = None,
    left_mm: float | None = None,
    right_mm: float | None = None,
    keep_next: bool = False,
    style: str | None = None,
) -> Any:
    """Add a paragraph (to a Document or a table cell) with one formatted run."""
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    set_paragraph(
        p,
        align=align,
        before=before,
        after=after,
        first_line_mm=first_line_mm,
        left_mm=left_mm,
        right_mm=right_mm,
        keep_next=keep_next,
        mark_size=size,
    )
    if text:
        style_run(p.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return p


def bottom_border(p: Any, *, size_eighths: int = 6) -> None:
    """A solid line under the paragraph (spans the paragraph between its indents)."""
    ppr = p._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "auto")
    pbdr.append(bottom)
    # pBdr goes before spacing/ind/jc in CT_PPr order: insert after keepNext etc.
    anchor = None
    for tag in ("w:spacing", "w:ind", "w:jc", "w:rPr"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(pbdr)
    else:
        ppr.append(pbdr)


def line_paragraph(cell: Any, *, line_mm: float, cell_mm: float) -> Any:
    """A short centred horizontal line (Decree 30: under the issuer and the motto): an
    empty 1-pt paragraph with a bottom border, narrowed by equal left/right indents."""
    side = max((cell_mm - line_mm) / 2 - 1.9, 0)  # 1.9 mm: the cell's own padding
    p = cell.add_paragraph()
    set_paragraph(p, align="center", left_mm=side, right_mm=side, mark_size=1)
    bottom_border(p)
    return p


def no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def all_borders(table: Any, size_eighths: int = 4) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size_eighths))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "auto")
        borders.append(el)
    tbl_pr.append(borders)


def fixed_layout(table: Any, widths_mm: list[float]) -> None:
    """Fixed column widths (grid and every cell), so Word and LibreOffice agree."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(mm_to_twips(w) for w in widths_mm)))
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(mm_to_twips(w)))
    for row in table.rows:
        for idx, cell in enumerate(row.cells):
            if idx < len(widths_mm):
                cell.width = Mm(widths_mm[idx])


def repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def mm_to_twips(mm: float) -> int:
    return int(round(mm / 25.4 * 1440))


def twips_to_mm(twips: float) -> float:
    return twips / 1440 * 25.4
