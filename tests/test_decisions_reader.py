"""Reading received decision files: every corpus format, the decision facts, bad input."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.exchange.decision_reader import read_decision_file
from dienhinh_desktop.exchange.safe_zip import check_xml_bytes, check_zip

CORPUS = Path(__file__).parent / "corpus" / "decisions"
sys.path.insert(0, str(CORPUS))
import make_corpus  # noqa: E402

EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    built = make_corpus.build(out)
    assert built == EXPECTED, "expected.json is out of date: run tests/corpus/decisions/make_corpus.py"
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_is_read(corpus_dir: Path, name: str) -> None:
    spec = EXPECTED[name]
    facts = spec["facts"]
    parsed = read_decision_file(corpus_dir / name)
    assert parsed.source_format == facts["format"]
    assert parsed.number == facts["number"]
    assert parsed.date is not None and parsed.date.isoformat() == facts["date"]
    assert parsed.award_kind == facts["award_kind"]
    assert parsed.issuer and facts["issuer_contains"] in parsed.issuer
    assert (parsed.legacy_encoding or None) == facts["legacy"]
    names = [e.name for e in parsed.entries]
    assert len(names) == len(spec["entries"])
    assert [e.row for e in parsed.entries] == list(range(1, len(names) + 1))
    # Names come out as written, in Unicode NFC, whatever the file's encoding.
    assert names == [x["name"] for x in spec["entries"]]


def test_word_table_sections_and_columns(corpus_dir: Path) -> None:
    parsed = read_decision_file(corpus_dir / "qd_125_tinh_uy.docx")
    kinds = [e.section for e in parsed.entries]
    assert kinds == ["collective"] * 6 + ["individual"] * 9 + ["household"] * 3
    an = parsed.entries[6]
    assert (an.name, an.birth_year, an.ethnicity) == ("Nguyễn Văn An", 1975, "Kinh")
    assert an.position_unit == "Bí thư Chi bộ thôn Nà Lang, xã Tân Lập"
    assert parsed.title and parsed.title.startswith("về việc công nhận, ghi danh")
    assert "-----" not in parsed.title


def test_article1_items(corpus_dir: Path) -> None:
    parsed = read_decision_file(corpus_dir / "qd_2345_ubnd.docx")
    assert [e.section for e in parsed.entries] == ["collective"] * 3 + ["individual"] * 5
    first = parsed.entries[0]
    assert (first.name, first.position_unit) == ("Chi bộ thôn Khe Mạ", "Đảng bộ xã Tân Lập")
    an = parsed.entries[3]
    assert (an.name, an.birth_year, an.position_unit) == (
        "Ông Nguyễn Văn An",
        1990,
        "Trưởng thôn Khe Mạ, xã Tân Lập",
    )
    assert parsed.award_label == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def test_excel_two_level_header(corpus_dir: Path) -> None:
    parsed = read_decision_file(corpus_dir / "ds_318_giay_khen.xlsx")
    by_name = {e.name: e for e in parsed.entries}
    huong = by_name["NGUYỄN THỊ HƯƠNG"]
    assert (huong.birth_year, huong.gender, huong.ethnicity) == (1990, "female", "Kinh")
    pom = by_name["Lò Văn Pọm"]  # decomposed in the file, NFC here
    assert (pom.birth_year, pom.gender) == (1970, "male")
    assert by_name["Trường TH Tân Lập"].amount == 1_500_000
    assert by_name["Lò Văn Pọm"].amount == 500_000
    assert all(e.award_label == "Giấy khen" for e in parsed.entries)
    assert parsed.entries[0].section == "collective" and parsed.entries[-1].section == "individual"


def test_old_xls(corpus_dir: Path) -> None:
    parsed = read_decision_file(corpus_dir / "ds_56_hnd.xls")
    assert parsed.entries[0].field == "Sản xuất nông nghiệp"
    assert parsed.entries[3].section == "household"
    assert parsed.entries[0].gender == "male"


def test_legacy_files_converted(corpus_dir: Path) -> None:
    tcvn = read_decision_file(corpus_dir / "qd_77_tcvn3.docx")
    assert tcvn.entries[1].position_unit == "Bí thư Chi đoàn thôn Nà Lang, xã Tân Lập"
    assert tcvn.title == "Về việc tặng Bằng khen của Ban Chấp hành Tỉnh đoàn"
    assert any("TCVN3" in w for w in tcvn.warnings)
    vni = read_decision_file(corpus_dir / "qd_41_vni.docx")
    assert [e.name for e in vni.entries][:3] == ["Hội LHPN xã Tân Lập", "Lê Thị Hòa", "Hoàng Thị Thủy"]


# --------------------------------------------------------------------------- bad input


def _docx_bytes(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        zf.writestr("word/document.xml", document_xml)
        for k, v in (extra or {}).items():
            zf.writestr(k, v)
    return buf.getvalue()


def _refused(path: Path, *words: str) -> UserError:
    with pytest.raises(UserError) as info:
        read_decision_file(path)
    msg = info.value.message
    assert path.name in msg
    for w in words:
        assert w in msg, msg
    return info.value


def test_pdf_and_scans_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "qd.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%...\n")
    _refused(pdf, "PDF")
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    _refused(png, "ảnh")


def test_password_protected_and_old_word_refused(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    enc = tmp_path / "ds.xlsx"
    enc.write_bytes(ole)
    assert _refused(enc, "mật khẩu").code == "encrypted_or_legacy"
    doc = tmp_path / "qd.doc"
    doc.write_bytes(ole)
    _refused(doc, ".docx")
    xls = tmp_path / "hong.xls"
    xls.write_bytes(ole)
    _refused(xls)


def test_empty_and_broken_files(tmp_path: Path) -> None:
    import openpyxl

    empty = tmp_path / "trong.xlsx"
    openpyxl.Workbook().save(str(empty))
    assert _refused(empty, "trống").code == "empty"
    zero = tmp_path / "rong.docx"
    zero.write_bytes(b"")
    _refused(zero, "rỗng")
    good = tmp_path / "tot.docx"
    from docx import Document

    Document().save(str(good))
    broken = tmp_path / "hong.docx"
    broken.write_bytes(good.read_bytes()[:1500])
    _refused(broken, "hỏng")
    text = tmp_path / "van_ban.docx"
    text.write_bytes(b"just some text, not a zip")
    _refused(text)


def test_not_a_decision(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Thư mời họp chi bộ tháng 12.")
    p = tmp_path / "thu_moi.docx"
    doc.save(str(p))
    assert _refused(p, "không giống một quyết định").code == "not_a_decision"
    doc = Document()
    doc.add_paragraph("QUYẾT ĐỊNH")
    doc.add_paragraph("Về việc kiện toàn Ban Chỉ đạo")
    p2 = tmp_path / "qd_khong_ds.docx"
    doc.save(str(p2))
    assert _refused(p2, "không tìm thấy danh sách").code == "no_entries"


def test_zip_bomb_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(_docx_bytes(b"<w:document/>", {"word/media/big.bin": b"\x00" * (8 * 1024 * 1024)}))
    err = _refused(bomb, "zip bomb")
    assert err.code == "unsafe_file"


def test_entity_bomb_refused(tmp_path: Path) -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<w:document>&lol2;</w:document>"
    )
    bomb = tmp_path / "entity.docx"
    bomb.write_bytes(_docx_bytes(xml))
    assert _refused(bomb, "DOCTYPE").code == "unsafe_file"
    with pytest.raises(UserError):
        check_xml_bytes(xml.decode().encode("utf-16"), "word/document.xml")


def test_path_traversal_and_too_many_entries(tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    evil.write_bytes(_docx_bytes(b"<w:document/>", {"../../evil.txt": b"x"}))
    with pytest.raises(UserError, match="không an toàn"):
        check_zip(evil)
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(30):
            zf.writestr(f"f{i}.txt", "x")
    with pytest.raises(UserError, match="quá nhiều"):
        check_zip(many, max_entries=10)
    check_zip(many)  # within the default limits
