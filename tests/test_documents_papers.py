"""The paper engine and the registration papers, for both profiles (state and party):
layout rules of Decree 30/2020/NĐ-CP and Guidance 36-HD/VPTW read back from the XML."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from dienhinh_desktop.documents.engine import TemplateProblem, render_paper, template_path
from dienhinh_desktop.documents.exporters import Cancelled, ExportContext, run_export
from dienhinh_desktop.models import Field, MentorAssignment, Plan
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.office import find_or_create_unit, init_office

REG = date(2026, 2, 5)
TNR = "Times New Roman"


def _fill(session, party: bool) -> str:
    if party:
        init_office(
            session,
            "Đảng ủy xã Tân Lập",
            party=True,
            province="Lào Cai",
            superior_body="Đảng bộ tỉnh Lào Cai",
            place_name="Tân Lập",
            signer_name="Hoàng Văn Giang",
            signer_title="Phó Bí thư Thường trực",
        )
    else:
        init_office(
            session,
            "UBND xã Tân Lập",
            party=False,
            province="Lào Cai",
            place_name="Tân Lập",
            signer_name="Nguyễn Thị Hằng",
            signer_title="Chủ tịch",
            superior_body="UBND tỉnh Lào Cai",
        )
    plan = Plan(name="Kế hoạch xây dựng, nhân rộng điển hình tiên tiến giai đoạn 2025-2030", code="KH-01")
    session.add(plan)
    session.flush()
    f1 = Field(plan_id=plan.id, name="Kinh tế hộ gia đình", sort_order=1)
    f2 = Field(plan_id=plan.id, name="Giáo dục - đào tạo", sort_order=2)
    session.add_all([f1, f2])
    session.flush()
    u1 = find_or_create_unit(session, "Chi bộ thôn Bản Lầu")
    u2 = find_or_create_unit(session, "Trường Tiểu học Tân Lập")
    mk = create_candidate
    mk(
        session,
        plan_id=plan.id,
        kind="collective",
        name="Chi bộ thôn Bản Lầu",
        field_id=f1.id,
        unit_id=u1.id,
        leader_name="Lý Văn Pao",
        member_count=24,
        registration_content="Chi bộ trong sạch\nKinh tế thôn",
        registered_on=REG,
    )
    mk(
        session,
        plan_id=plan.id,
        kind="collective",
        name="Trường Tiểu học Tân Lập",
        field_id=f2.id,
        unit_id=u2.id,
        registered_on=REG,
    )
    mk(session, plan_id=plan.id, kind="collective", name='=HYPERLINK("http://x")', registered_on=REG)
    c = mk(
        session,
        plan_id=plan.id,
        kind="individual",
        name="Đặng Văn Đức",
        birth_year=1980,
        gender="male",
        ethnicity="Tày",
        position_unit="Bí thư chi bộ",
        is_party_member=True,
        field_id=f1.id,
        unit_id=u1.id,
        registration_content="Trồng quế <an toàn> & bền vững",
        registered_on=REG,
    )
    c.mentors.append(MentorAssignment(mentor_name="Trần Thị Mai", mentor_position="Phó Bí thư"))
    mk(
        session,
        plan_id=plan.id,
        kind="individual",
        name="Nguyễn Thị Hằng",
        birth_year=1992,
        gender="female",
        ethnicity="Kinh",
        field_id=f2.id,
        unit_id=u2.id,
        registered_on=REG,
    )
    mk(
        session,
        plan_id=plan.id,
        kind="individual",
        name="Lò Thị Sen",
        birth_year=1975,
        gender="female",
        registered_on=REG,
    )
    mk(
        session,
        plan_id=plan.id,
        kind="household",
        name="Hộ ông Vàng A Dơ",
        birth_year=1968,
        gender="male",
        ethnicity="Mông",
        member_count=6,
        registered_on=REG,
    )
    mk(session, plan_id=plan.id, kind="household", name="Hộ bà Hoàng Thị Lan", registered_on=REG)
    removed = mk(session, plan_id=plan.id, kind="household", name="Hộ ông Sùng Seo Chử", registered_on=REG)
    removed.status = "removed"
    session.flush()
    return plan.id


@pytest.fixture(params=["state", "party"])
def office(request, bare_db):
    party = request.param == "party"
    with bare_db.transaction() as s:
        plan_id = _fill(s, party)
    return bare_db, plan_id, party


@pytest.fixture
def party_office(bare_db):
    with bare_db.transaction() as s:
        plan_id = _fill(s, True)
    return bare_db, plan_id


def _export(db, what: str, out: Path, **kw) -> list[Path]:
    with db.transaction() as s:
        return run_export(s, what, ExportContext(out_dir=out, **kw))


# --------------------------------------------------------------------------- layout checks
def _mm(length) -> float:
    return length / 36000


def _check_page(doc, landscape: bool) -> None:
    for section in doc.sections:
        w, h = _mm(section.page_width), _mm(section.page_height)
        if landscape:
            w, h = h, w
        assert abs(w - 210) <= 1 and abs(h - 297) <= 1
        tol = 0.05  # twips rounding: 15 mm is stored as 850 twips (14.99 mm)
        assert 20 - tol <= _mm(section.top_margin) <= 25 + tol
        assert 20 - tol <= _mm(section.bottom_margin) <= 25 + tol
        assert 30 - tol <= _mm(section.left_margin) <= 35 + tol
        assert 15 - tol <= _mm(section.right_margin) <= 20 + tol


def _check_fonts(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in ("word/document.xml", "word/styles.xml"):
            xml = z.read(name).decode("utf-8")
            assert not re.search(r"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", xml), name
    doc = Document(str(path))
    for root in (doc.element, doc.styles.element):
        for rfonts in root.iter(qn("w:rFonts")):
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                assert rfonts.get(qn(attr)) == TNR
    for run in doc.element.body.iter(qn("w:r")):
        rfonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert rfonts is not None and rfonts.get(qn("w:ascii")) == TNR


def _runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def _style(paragraph) -> tuple[float, bool, bool]:
    runs = _runs(paragraph)
    assert runs, paragraph.text
    r = runs[0]
    return r.font.size.pt, bool(r.font.bold), bool(r.font.italic)


def _cell_paragraph(cell, text: str):
    for p in cell.paragraphs:
        if p.text.strip() == text:
            return p
    raise AssertionError(f"{text!r} not in {[p.text for p in cell.paragraphs]}")


def _check_header(doc, party: bool, number: str | None = None) -> None:
    header = doc.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    texts = [p.text for p in left.paragraphs if p.text.strip()]
    if party:
        assert texts[0] == "ĐẢNG BỘ TỈNH LÀO CAI"
        assert _style(left.paragraphs[0])[:2] == (14, False)
        issuer = _cell_paragraph(left, "ĐẢNG ỦY XÃ TÂN LẬP")
        assert _style(issuer)[:2] == (14, True)
        assert "*" in texts
        top = _cell_paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM")
        assert _style(top)[:2] == (15, True)
    else:
        assert texts[0] == "UBND TỈNH LÀO CAI"
        issuer = next(p for p in left.paragraphs if "ỦY BAN NHÂN DÂN" in p.text)
        assert issuer.text.replace("\n", " ") == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
        size, bold, _ = _style(issuer)
        assert 12 <= size <= 13 and bold
        nation = _cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        assert 12 <= _style(nation)[0] <= 13 and _style(nation)[1]
        motto = _cell_paragraph(right, "Độc lập - Tự do - Hạnh phúc")
        assert 13 <= _style(motto)[0] <= 14 and _style(motto)[1]
        # the short lines under the issuer and under the motto
        lines = [
            p
            for p in (*left.paragraphs, *right.paragraphs)
            if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None
        ]
        assert len(lines) == 2
    for p in (*left.paragraphs, *right.paragraphs):
        if any(ch.isalpha() for ch in p.text) and p.text != "Độc lập - Tự do - Hạnh phúc":
            assert p.text == p.text.upper()
    place_date = header.cell(1, 1).paragraphs[0]
    size, _bold, italic = _style(place_date)
    assert italic and 13 <= size <= 14
    assert re.fullmatch(r"Tân Lập, ngày \d\d tháng \d\d? năm \d{4}", place_date.text)
    if number is not None:
        num = header.cell(1, 0).paragraphs[0]
        assert num.text == number
        assert _style(num)[0] == (14 if party else 13) and not _style(num)[1]


# --------------------------------------------------------------------------- tests
def test_registration_forms_layout(office, tmp_path):
    db, plan_id, party = office
    files = _export(db, "registration-forms", tmp_path)
    assert len(files) == 8  # the removed candidate has no form
    assert all(re.fullmatch(r"phieu-dang-ky-[a-z0-9-]+-[0-9a-f]{8}\.docx", f.name) for f in files)
    form = next(f for f in files if f.name.startswith("phieu-dang-ky-dang-van-duc"))
    _check_fonts(form)
    doc = Document(str(form))
    _check_page(doc, landscape=False)
    _check_header(doc, party)
    assert doc.tables[0].cell(1, 1).paragraphs[0].text == "Tân Lập, ngày 05 tháng 02 năm 2026"
    body = [p for p in doc.paragraphs if p.text.strip()]
    title = next(p for p in body if p.text.startswith("PHIẾU ĐĂNG KÝ"))
    assert title.text.replace("\n", " ") == "PHIẾU ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN"
    assert _style(title)[:2] == ((15, True) if party else (14, True))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Đặng Văn Đức" in text and "Trồng quế <an toàn> & bền vững" in text
    assert "Trần Thị Mai (Phó Bí thư)" in text and "Kinh tế hộ gia đình" in text
    assert "Kính gửi: " + ("Đảng ủy xã Tân Lập" if party else "Ủy ban nhân dân xã Tân Lập") in text
    assert not re.search(r"\{[{%]|[}%]\}|#KHỐI", text)
    sign = doc.tables[-1]
    assert _cell_paragraph(sign.cell(0, 1), "Đặng Văn Đức").runs[0].font.bold
    # a body paragraph: justified, first-line indent 1–1.27 cm, 6 pt after
    commit = next(p for p in doc.paragraphs if p.text.startswith("Tôi xin cam kết"))
    fmt, style_fmt = commit.paragraph_format, commit.style.paragraph_format
    assert (fmt.alignment or style_fmt.alignment) == 3
    indent = fmt.first_line_indent or style_fmt.first_line_indent
    assert 10 <= _mm(indent) <= 12.7 + 0.1
    assert (fmt.space_after or style_fmt.space_after).pt == 6

    # a collective's form asks for what a collective has
    doc = Document(str(next(f for f in files if f.name.startswith("phieu-dang-ky-chi-bo"))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Tên tập thể: Chi bộ thôn Bản Lầu" in text and "Người đứng đầu: Lý Văn Pao" in text
    assert "Năm sinh" not in text
    assert "Họ và tên:" in text  # the blank mentor line to fill by hand
    contents = [p for p in doc.paragraphs if p.text in ("Chi bộ trong sạch", "Kinh tế thôn")]
    assert len(contents) == 2  # one paragraph per line typed
    sign = doc.tables[-1]
    assert "THỦ TRƯỞNG ĐƠN VỊ" in sign.cell(0, 1).paragraphs[0].text
    assert "XÁC NHẬN CỦA CHI BỘ THÔN BẢN LẦU" in sign.cell(0, 0).paragraphs[0].text
    # a household's form
    doc = Document(str(next(f for f in files if f.name.startswith("phieu-dang-ky-ho-ong-vang-a-do"))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Họ và tên chủ hộ: Vàng A Dơ" in text and "Số nhân khẩu: 6" in text
    assert "CHỦ HỘ" in doc.tables[-1].cell(0, 1).paragraphs[0].text


def test_registration_summary_docx_and_xlsx(office, tmp_path):
    db, plan_id, party = office
    files = _export(db, "registration-summary", tmp_path, plan_id=plan_id)
    xlsx = next(f for f in files if f.suffix == ".xlsx")
    docx = next(f for f in files if f.suffix == ".docx")
    _check_fonts(docx)
    doc = Document(str(docx))
    _check_page(doc, landscape=True)
    _check_header(doc, party)
    table = doc.tables[1]
    first = [c.text for c in table.rows[0].cells]
    second = [c.text for c in table.rows[1].cells]
    assert first[:4] == ["STT", "Họ và tên / Tên tập thể", "Năm sinh", "Năm sinh"]
    assert second[2:4] == ["Nam", "Nữ"]
    rows = [[c.text for c in r.cells] for r in table.rows[2:]]
    titles = [r[0] for r in rows if len(set(r)) == 1]
    assert titles == ["I. TẬP THỂ", "II. CÁ NHÂN", "III. HỘ GIA ĐÌNH"]
    duc = next(r for r in rows if r[1] == "Đặng Văn Đức")
    assert duc[2:5] == ["1980", "", "Tày"] and duc[8] == "Trần Thị Mai (Phó Bí thư)"
    hang = next(r for r in rows if r[1] == "Nguyễn Thị Hằng")
    assert hang[2:4] == ["", "1992"]
    assert not any("Sùng Seo Chử" in r[1] for r in rows)  # removed
    # header rows repeat on every page
    assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None

    wb = load_workbook(xlsx)
    ws = wb.active
    values = {ws.cell(row=r, column=2).value: r for r in range(1, ws.max_row + 1)}
    formula_row = values['=HYPERLINK("http://x")']
    assert ws.cell(row=formula_row, column=2).data_type == "s"
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows
    assert any(ws.cell(row=r, column=1).value == "III. HỘ GIA ĐÌNH" for r in range(1, ws.max_row + 1))


def test_numbered_paper_formats(office, tmp_path):
    """ "Số: 01/BC-UBND" (state) or "Số 01-BC/ĐU" (party), then 02 for the next one."""
    db, plan_id, party = office
    with db.transaction() as s:
        ctx = {"doc_title": "BÁO CÁO", "doc_summary": "Kết quả đăng ký", "groups": [], "totals_text": ""}
        a = render_paper(
            "registration_summary.docx", ctx, tmp_path / "a.docx", s, doc_type="BC", when=date(2026, 3, 2)
        )
        b = render_paper(
            "registration_summary.docx", ctx, tmp_path / "b.docx", s, doc_type="BC", when=date(2026, 3, 2)
        )
        draft = render_paper(
            "registration_summary.docx",
            ctx,
            tmp_path / "c.docx",
            s,
            doc_type="BC",
            number=False,
            when=date(2026, 3, 2),
        )
    first = "Số 01-BC/ĐU" if party else "Số: 01/BC-UBND"
    second = "Số 02-BC/ĐU" if party else "Số: 02/BC-UBND"
    _check_header(Document(str(a)), party, first)
    _check_header(Document(str(b)), party, second)
    blank = Document(str(draft)).tables[0].cell(1, 0).paragraphs[0].text
    assert blank.startswith("Số") and blank.endswith("BC/ĐU" if party else "/BC-UBND") and "03" not in blank
    doc = Document(str(a))
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert _style(title)[:2] == ((15, True) if party else (14, True))
    summary = next(p for p in doc.paragraphs if p.text == "Kết quả đăng ký")
    assert _style(summary)[:2] == (14, True)
    sign = doc.tables[-1].cell(0, 1)
    on_behalf = "T/M BAN THƯỜNG VỤ" if party else "TM. ỦY BAN NHÂN DÂN"
    assert _style(_cell_paragraph(sign, on_behalf))[:2] == (14, True)
    rec = doc.tables[-1].cell(0, 0)
    label = _cell_paragraph(rec, "Nơi nhận:")
    if party:
        assert label.runs[0].font.underline and _style(label)[0] == 14
    else:
        assert _style(label) == (12, True, True)
        assert _style(_cell_paragraph(rec, "- Lưu: VT."))[0] == 11


def test_cancel_removes_partial_files(party_office, tmp_path):
    db, plan_id = party_office
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with db.transaction() as s, pytest.raises(Cancelled):
        run_export(s, "registration-forms", ExportContext(out_dir=tmp_path, is_cancelled=cancelled))
    assert list(tmp_path.glob("*.docx")) == []


def _edited_template(text_from: str, text_to: str) -> None:
    """Put an officer's copy of the form template, with one tag changed, in the data folder."""
    from dienhinh_desktop.documents.engine import user_template_dir

    src = template_path("registration_form.docx")
    doc = Document(str(src))
    for p in doc.paragraphs:
        if text_from in p.text:
            new = p.text.replace(text_from, text_to)
            for r in p.runs[1:]:
                r._r.getparent().remove(r._r)
            p.runs[0].text = new
            break
    else:
        raise AssertionError(text_from)
    user_template_dir().mkdir(parents=True, exist_ok=True)
    doc.save(str(user_template_dir() / "registration_form.docx"))


@pytest.mark.parametrize(
    ("text_from", "text_to", "expected"),
    [
        ("{{ c.name }}", "{{ c.name ", "{{ c.name"),
        ("{{ commitment }}", "{{ commitment | }}", "{{ commitment | }}"),
        ("{%p endif %}", "{%p endfi %}", "endfi"),
        ("{{ commitment }}", "{{ cam_ket }}", "cam_ket"),
    ],
)
def test_broken_tag_is_named(party_office, tmp_path, text_from, text_to, expected):
    db, _ = party_office
    _edited_template(text_from, text_to)
    with pytest.raises(TemplateProblem) as err:
        _export(db, "registration-forms", tmp_path)
    assert expected in err.value.message and "registration_form.docx" in err.value.message
    assert list(tmp_path.glob("*.docx")) == []


def test_cli_export(party_office, tmp_path, capsys):
    from dienhinh_desktop.cli.main import main

    db, plan_id = party_office
    url = db.url
    db.close()
    out = tmp_path / "out"
    assert main(["--db", url, "export", "registration-summary", "--out", str(out), "--json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert sorted(Path(f).suffix for f in files) == [".docx", ".xlsx"]
    assert all(Path(f).exists() for f in files)
    code = main(
        ["--db", url, "export", "registration-forms", "--out", str(out), "--from", "31/02/2026", "--json"]
    )
    assert code == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "bad_input"
    assert (
        main(
            [
                "--db",
                url,
                "export",
                "registration-forms",
                "--out",
                str(out),
                "--candidate",
                "zzzzzzzz",
                "--json",
            ]
        )
        == 2
    )
    capsys.readouterr()


def test_templates_are_reproducible(tmp_path):
    """build_templates.py regenerates the shipped templates (same text, same tags)."""
    import importlib.util

    script = template_path("registration_form.docx").parent / "build_templates.py"
    spec = importlib.util.spec_from_file_location("build_templates", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = tmp_path
    module.main()
    for name in (
        "_profile_state.docx",
        "_profile_party.docx",
        "registration_form.docx",
        "registration_summary.docx",
    ):
        shipped = Document(str(template_path(name)))
        fresh = Document(str(tmp_path / name))
        text = [p.text for p in shipped.element.body.iter(qn("w:t"))]
        text_fresh = [p.text for p in fresh.element.body.iter(qn("w:t"))]
        assert text == text_fresh, name
    shutil.rmtree(tmp_path)
