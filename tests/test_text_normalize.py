"""dienhinh_desktop.text.normalize: NFC, folding, tone placement, name case, search."""

from __future__ import annotations

import unicodedata

import pytest

from dienhinh_desktop.text import (
    fold,
    matches,
    nfc,
    normalize_name,
    normalize_tone_placement,
    search_tokens,
    vn_title,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def test_nfc_whitespace_and_none():
    assert nfc(None) == ""
    assert nfc("") == ""
    assert nfc("  Nguyễn\u00a0\u00a0Văn\tAn \n") == "Nguyễn Văn An"
    assert nfc("Lê\u2003Thị\u200b Hoa") == "Lê Thị Hoa"
    assert nfc(nfd("Đặng Văn Đức")) == "Đặng Văn Đức"
    assert unicodedata.is_normalized("NFC", nfc(nfd("Nguyễn Thị Hằng")))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặng Văn Đức", "dang van duc"),
        ("NGUYỄN THỊ HẰNG", "nguyen thi hang"),
        ("đường Điện Biên", "duong dien bien"),
        ("  Ông\u00a0 Trần\tVĂN  Ơn ", "ong tran van on"),
        ("Ð (eth) Đ đ", "d (eth) d d"),
        ("plain ASCII  Text", "plain ascii text"),
        ("Chi bộ thôn 3", "chi bo thon 3"),
        ("José Müller", "jose muller"),
        (None, ""),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_decomposed_and_mixed_input():
    for s in ["Đặng Văn Đức", "Nguyễn Thị Hằng", "Phạm Ngọc Thạch", "Hồ Hoàn Kiếm"]:
        assert fold(nfd(s)) == fold(s)
        assert fold(s.upper()) == fold(s)
    # Greek and other scripts still lose their marks.
    assert fold("Ἀθῆναι") == "αθηναι"


def test_search_tokens_and_matches():
    assert search_tokens("  Đặng  ĐỨC ") == ["dang", "duc"]
    text = fold("Đặng Văn Đức, Trưởng thôn Tân Lập")
    assert matches("duc", text)
    assert matches("Đức dang", text)
    assert matches("tan lap", text)
    assert matches("TRƯỞNG", text)
    assert matches("", text)
    assert not matches("đực hòa", text)
    assert not matches("binh", text)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hoà", "Hòa"),
        ("Thuỷ", "Thủy"),
        ("hoá", "hóa"),
        ("khoẻ", "khỏe"),
        ("Quý", "Quý"),
        ("Qúy", "Quý"),
        ("HOÀ", "HÒA"),
        ("THUỶ", "THỦY"),
        ("Tuỳ", "Tùy"),
        ("uỷ ban", "ủy ban"),
        ("Nhoè", "Nhòe"),
        ("gìa", "già"),
        ("Thuỵ", "Thụy"),
        # Already right, or a closed syllable (tone on the last vowel): unchanged.
        ("Hòa", "Hòa"),
        ("Hoàng", "Hoàng"),
        ("Toán", "Toán"),
        ("Huých", "Huých"),
        ("Quỳnh", "Quỳnh"),
        ("Quốc", "Quốc"),
        ("Nguyễn", "Nguyễn"),
        ("người", "người"),
        ("thuở", "thuở"),
        ("ngoài", "ngoài"),
        ("khuỷu", "khuỷu"),
        ("Giàng", "Giàng"),
        ("giỏi", "giỏi"),
        ("mưa", "mưa"),
        ("Páo", "Páo"),
        ("Mỷ", "Mỷ"),
        # A closed syllable written with the tone on the wrong vowel is fixed too.
        ("Hòan", "Hoàn"),
    ],
)
def test_tone_placement(old, new):
    assert normalize_tone_placement(old) == new
    assert normalize_tone_placement(nfd(old)) == new


def test_tone_placement_in_text_keeps_everything_else():
    assert (
        normalize_tone_placement("Cộng hoà xã hội, Khánh Hoà (2026)!") == "Cộng hòa xã hội, Khánh Hòa (2026)!"
    )
    assert normalize_tone_placement("") == ""
    assert normalize_tone_placement(None) == ""
    assert normalize_tone_placement("ASCII only") == "ASCII only"
    # Not a Vietnamese syllable: left alone.
    assert normalize_tone_placement("Hòahòa") == "Hòahòa"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("  ĐẶNG   THỊ  HOÀ ", "Đặng Thị Hòa"),
        ("đinh thị thuỷ", "Đinh Thị Thủy"),
        ("GIÀNG A PÁO", "Giàng A Páo"),
        ("H'HEN NIÊ", "H'Hen Niê"),
        ("Nguyễn văn An", "Nguyễn văn An"),  # mixed case: kept as written
        ("McDonald Trần", "McDonald Trần"),
        ("ÐỖ VĂN ÐỨC", "Đỗ Văn Đức"),  # eth typed for Đ
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_name(raw, clean):
    assert normalize_name(raw) == clean


def test_normalize_name_decomposed_input():
    for raw, clean in [("NGUYỄN THỊ HOÀ", "Nguyễn Thị Hòa"), ("Lò Văn Pọm", "Lò Văn Pọm")]:
        out = normalize_name(nfd(raw))
        assert out == clean
        assert unicodedata.is_normalized("NFC", out)


def test_normalize_name_is_idempotent():
    for raw in ["NGUYỄN VĂN AN", "hoàng thị thuỷ", "Tôn Nữ Thị Hoà", "Ma Seo Chử"]:
        once = normalize_name(raw)
        assert normalize_name(once) == once


def test_vn_title():
    assert vn_title("đỗ thị ánh") == "Đỗ Thị Ánh"
    assert vn_title("lê-thị hoa") == "Lê-Thị Hoa"
