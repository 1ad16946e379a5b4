"""Times New Roman everywhere: python-docx's default headings use theme fonts (DESIGN.md §7)."""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.oxml.ns import qn

from dienhinh_desktop.documents.docx_style import enforce_fonts
from dienhinh_desktop.documents.engine import safe_file_stem


def test_theme_fonts_are_removed():
    doc = Document()
    doc.add_heading("BÁO CÁO", level=1)
    doc.add_paragraph("Nội dung").add_run(" thêm")
    enforce_fonts(doc)
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        for name in ("word/document.xml", "word/styles.xml"):
            xml = z.read(name).decode()
            assert not re.search(r"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", xml)
        assert "Calibri" not in z.read("word/theme/theme1.xml").decode()
    doc = Document(buf)
    for root in (doc.element, doc.styles.element):
        for rfonts in root.iter(qn("w:rFonts")):
            assert {rfonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
                "Times New Roman"
            }
    assert all(r.find(qn("w:rPr")) is not None for r in doc.element.body.iter(qn("w:r")))


def test_safe_file_stem():
    assert safe_file_stem("Đặng Văn Đức", "0000-1a2b3c4d") == "dang-van-duc-1a2b3c4d"
    # time-ordered ids share their start: the end tells them apart
    a, b = "0190aaaa-bbbb-7ccc-8ddd-000000000001", "0190aaaa-bbbb-7ccc-8ddd-000000000002"
    assert safe_file_stem("An", a) != safe_file_stem("An", b)
    assert safe_file_stem('=HYPERLINK("x")/..\\') == "hyperlink-x"
    assert safe_file_stem("") == "giay-to"
