"""Old Vietnamese encodings (TCVN3/ABC, VNI) to Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from dienhinh_desktop.exchange import legacy_encoding as le

SAMPLES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Nguyễn Thị Hằng, Bí thư Chi bộ thôn Nà Lang, Đảng bộ xã Tân Lập",
    "Hoàng Thị Thuỷ, dân tộc Tày; Lò Văn Pọm, người Thái; Giàng Thị Dợ (Mông)",
    "Ủy ban nhân dân tỉnh, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, ưu tú, ước, ở, ỡ, ợ, ỹ, ỵ",
]


def test_known_tcvn3_strings() -> None:
    assert le.convert("Céng hoµ x· héi chñ nghÜa ViÖt Nam", le.TCVN3) == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert le.convert("§éc lËp - Tù do - H¹nh phóc", le.TCVN3) == "Độc lập - Tự do - Hạnh phúc"
    assert le.convert("QuyÕt ®Þnh", le.TCVN3_UPPER) == "QUYẾT ĐỊNH"


def test_known_vni_strings() -> None:
    assert (
        le.convert("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", le.VNI) == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert le.convert("Quyeát ñònh", le.VNI) == "Quyết định"
    assert le.convert("NGUYEÃN VAÊN ÑÖÙC", le.VNI) == "NGUYỄN VĂN ĐỨC"
    assert le.convert("Ngöôøi", le.VNI) == "Người"


@pytest.mark.parametrize("text", SAMPLES)
def test_round_trip_and_detection(text: str) -> None:
    lower = text.lower()
    tcvn = le.encode(lower, le.TCVN3)
    assert le.convert(tcvn, le.TCVN3) == lower
    assert le.detect_encoding(tcvn) == le.TCVN3
    vni = le.encode(text, le.VNI)
    assert le.convert(vni, le.VNI) == text
    assert le.detect_encoding(vni) == le.VNI
    upper = le.encode(text, le.TCVN3_UPPER)
    assert le.convert(upper, le.TCVN3_UPPER) == text.upper()


def test_unicode_and_plain_text_are_left_alone() -> None:
    assert le.detect_encoding("Nguyễn Văn An") is None
    assert le.detect_encoding("plain ascii text") is None
    assert le.detect_encoding("Café © 2020") is None
    assert le.to_unicode("Nguye\u0302\u0303n Va\u0306n An") == ("Nguyễn Văn An", None)


def test_font_names() -> None:
    assert le.encoding_for_font(".VnTime") == le.TCVN3
    assert le.encoding_for_font(".VnArial Narrow") == le.TCVN3
    assert le.encoding_for_font(".VnTimeH") == le.TCVN3_UPPER
    assert le.encoding_for_font("VNI-Times") == le.VNI
    assert le.encoding_for_font("Times New Roman") is None
    assert le.encoding_for_font(None) is None
    # A Unicode run in a legacy-named font (retyped with Unikey) is kept.
    assert le.to_unicode("Nguyễn", ".VnTime") == ("Nguyễn", None)
    text, enc = le.to_unicode("NguyÔn V¨n An", ".VnTime")
    assert (text, enc) == ("Nguyễn Văn An", le.TCVN3)


def test_output_is_nfc() -> None:
    out = le.convert(le.encode("Thuỷ", le.VNI), le.VNI)
    assert out == unicodedata.normalize("NFC", out)
