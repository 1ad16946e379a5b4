"""dienhinh_desktop.text.names: honorifics, household heads, splitting names."""

from __future__ import annotations

import unicodedata

import pytest

from dienhinh_desktop.text import household_head, split_name, strip_honorific


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("Lê An", ("Lê", "", "An")),
        ("Hoàng Thị Thu Hà", ("Hoàng", "Thị Thu", "Hà")),
        ("An", ("", "", "An")),
        ("", ("", "", "")),
        (None, ("", "", "")),
        ("  Trần \u00a0 Thị\tBích  Ngọc ", ("Trần", "Thị Bích", "Ngọc")),
        # Compound family names stay whole when two more words follow …
        ("Tôn Nữ Thị Hoa", ("Tôn Nữ", "Thị", "Hoa")),
        ("Tôn Thất Văn Minh", ("Tôn Thất", "Văn", "Minh")),
        ("Nguyễn Phúc Bửu Chánh", ("Nguyễn Phúc", "Bửu", "Chánh")),
        ("Âu Dương Thị Lan", ("Âu Dương", "Thị", "Lan")),
        ("Tư Mã Văn Ý", ("Tư Mã", "Văn", "Ý")),
        ("Công Tôn Thị Mai", ("Công Tôn", "Thị", "Mai")),
        ("TÔN NỮ THỊ HOA", ("TÔN NỮ", "THỊ", "HOA")),
        # … but not otherwise.
        ("Tôn Thất Thuyết", ("Tôn", "Thất", "Thuyết")),
        ("Nguyễn Phúc An", ("Nguyễn", "Phúc", "An")),
        # Minority names: positional.
        ("Giàng A Páo", ("Giàng", "A", "Páo")),
        ("Sùng Thị Mỷ", ("Sùng", "Thị", "Mỷ")),
        ("Hầu A Lử", ("Hầu", "A", "Lử")),
        ("Lò Văn Pọm", ("Lò", "Văn", "Pọm")),
        ("Ma Seo Chử", ("Ma", "Seo", "Chử")),
        # Honorific dropped first.
        ("Ông Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("Bà Lò Thị Mai", ("Lò", "Thị", "Mai")),
        ("Đ/c Hầu A Lử", ("Hầu", "A", "Lử")),
        ("Đồng chí Lê An", ("Lê", "", "An")),
    ],
)
def test_split_name(full, parts):
    assert split_name(full) == parts


def test_split_name_decomposed_input_gives_nfc_parts():
    parts = split_name(unicodedata.normalize("NFD", "Nguyễn Thị Hằng"))
    assert parts == ("Nguyễn", "Thị", "Hằng")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ông Nguyễn Văn A", "Nguyễn Văn A"),
        ("ông Nguyễn Văn A", "Nguyễn Văn A"),
        ("ÔNG NGUYỄN VĂN A", "NGUYỄN VĂN A"),
        ("Ông. Trần Văn B", "Trần Văn B"),
        ("Bà Lò Thị Mai", "Lò Thị Mai"),
        ("Bà.Lò Thị Mai", "Lò Thị Mai"),
        ("Anh Giàng A Páo", "Giàng A Páo"),
        ("Chị Sùng Thị Mỷ", "Sùng Thị Mỷ"),
        ("Cô Lê Thị Hoa", "Lê Thị Hoa"),
        ("Thầy Phạm Văn Đồng", "Phạm Văn Đồng"),
        ("Đồng chí Hầu A Lử", "Hầu A Lử"),
        ("đồng chí Hầu A Lử", "Hầu A Lử"),
        ("ĐỒNG CHÍ Hầu A Lử", "Hầu A Lử"),
        ("đ/c Lò Văn Pọm", "Lò Văn Pọm"),
        ("Đ/c Lò Văn Pọm", "Lò Văn Pọm"),
        ("Đ/C Lò Văn Pọm", "Lò Văn Pọm"),
        ("Đ/c. Lò Văn Pọm", "Lò Văn Pọm"),
        ("Đ/cLò Văn Pọm", "Lò Văn Pọm"),
        ("  Ông   Ma Seo Chử ", "Ma Seo Chử"),
        # Nothing to strip.
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("Ông", "Ông"),
        ("Bà ", "Bà"),
        ("Anhthư Nguyễn", "Anhthư Nguyễn"),
        ("Bàng Văn Cường", "Bàng Văn Cường"),
        ("Ông Ích Khiêm", "Ông Ích Khiêm"),  # Ông is also a family name
        ("", ""),
        (None, ""),
    ],
)
def test_strip_honorific(text, name):
    assert strip_honorific(text) == name


def test_strip_honorific_decomposed():
    text = unicodedata.normalize("NFD", "Đồng chí Lò Văn Pọm")
    assert strip_honorific(text) == "Lò Văn Pọm"


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Hộ ông Nguyễn Văn A", "Nguyễn Văn A"),
        ("Hộ gia đình bà Lò Thị B", "Lò Thị B"),
        ("Hộ Nguyễn Văn C", "Nguyễn Văn C"),
        ("hộ bà Sùng Thị Mỷ", "Sùng Thị Mỷ"),
        ("HỘ ÔNG NGUYỄN VĂN D", "NGUYỄN VĂN D"),
        ("Hộ Ông Ba", "Ba"),
        ("Hộ gia đình Hầu A Lử", "Hầu A Lử"),
        ("Hộ gđ ông Giàng A Páo", "Giàng A Páo"),
        ("Gia đình ông Hồ Văn E", "Hồ Văn E"),
        ("Hộ ông/bà Trần Văn F", "Trần Văn F"),
        ("Hộ ông Nguyễn Văn G, thôn Tân Lập", "Nguyễn Văn G"),
        ("Hộ ông Nguyễn Văn H (thôn 3)", "Nguyễn Văn H"),
        ("Hộ ông Nguyễn Văn I - thôn 3", "Nguyễn Văn I"),
        ("Nguyễn Văn K", "Nguyễn Văn K"),
        ("Ông Nguyễn Văn L", "Nguyễn Văn L"),
        ("Hồ Văn M", "Hồ Văn M"),
        ("", ""),
        (None, ""),
    ],
)
def test_household_head(text, head):
    assert household_head(text) == head
