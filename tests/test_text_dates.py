"""dienhinh_desktop.text.dates: dd/mm/yyyy and the Decree 30 long form."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dienhinh_desktop.text import fmt_date, long_date, parse_date, place_date


def test_fmt_date():
    assert fmt_date(date(2026, 2, 5)) == "05/02/2026"
    assert fmt_date(date(2026, 12, 31)) == "31/12/2026"
    assert fmt_date(datetime(2026, 2, 5, 14, 30)) == "05/02/2026"
    assert fmt_date(None) == ""


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
        (date(2026, 12, 9), "ngày 09 tháng 12 năm 2026"),
        (date(2026, 1, 10), "ngày 10 tháng 01 năm 2026"),
        (date(2025, 10, 1), "ngày 01 tháng 10 năm 2025"),
        (date(2025, 11, 20), "ngày 20 tháng 11 năm 2025"),
    ],
)
def test_long_date_decree_30(d, text):
    assert long_date(d) == text


def test_long_date_none_and_datetime():
    assert long_date(None) == ""
    assert long_date(datetime(2026, 2, 5, 8, 0)) == "ngày 05 tháng 02 năm 2026"


def test_place_date():
    assert place_date("Tân Lập", date(2026, 2, 5)) == "Tân Lập, ngày 05 tháng 02 năm 2026"
    assert place_date(" Hà  Nội ", date(2026, 3, 15)) == "Hà Nội, ngày 15 tháng 3 năm 2026"
    assert place_date("", date(2026, 12, 9)) == "Ngày 09 tháng 12 năm 2026"


@pytest.mark.parametrize(
    "text",
    [
        "5/2/2026",
        "05/02/2026",
        "05-02-2026",
        "05.02.2026",
        "2026-02-05",
        "2026-02-05 00:00:00",
        "2026-02-05T08:30:00",
        "05/02/2026 00:00",
        " 05 / 02 / 2026 ",
        "ngày 05 tháng 02 năm 2026",
        "Ngày 5 tháng 2 năm 2026",
        "05 tháng 02 năm 2026",
        "ngay 05 thang 02 nam 2026",
        "NGÀY 05 THÁNG 02 NĂM 2026",
        "Tân Lập, ngày 05 tháng 02 năm 2026",
        "ngày\u00a005 tháng 02 năm 2026",
        "5/2/26",
    ],
)
def test_parse_date_forms(text):
    assert parse_date(text) == date(2026, 2, 5)


def test_parse_date_decomposed_and_passthrough():
    import unicodedata

    assert parse_date(unicodedata.normalize("NFD", "ngày 05 tháng 02 năm 2026")) == date(2026, 2, 5)
    assert parse_date(date(2026, 2, 5)) == date(2026, 2, 5)
    assert parse_date(datetime(2026, 2, 5, 9)) == date(2026, 2, 5)
    assert parse_date("12/3/65") == date(1965, 3, 12)


@pytest.mark.parametrize(
    "text", ["", None, "abc", "31/02/2026", "32/01/2026", "05/13/2026", "05/02-2026", "2026"]
)
def test_parse_date_errors_are_vietnamese(text):
    with pytest.raises(ValueError) as err:
        parse_date(text)
    message = str(err.value)
    assert "ngày" in message.lower()
    assert "dd/mm/yyyy" in message


def test_roundtrip():
    d = date(2026, 2, 5)
    assert parse_date(fmt_date(d)) == d
    assert parse_date(long_date(d)) == d
    assert parse_date(place_date("Tân Lập", d)) == d
