"""The outgoing-number register: unique per type and year, retried on a collision."""

from __future__ import annotations

from datetime import date

import pytest

from dienhinh_desktop.documents import numbering
from dienhinh_desktop.documents.numbering import format_number, next_number, number_text
from dienhinh_desktop.documents.profiles import profile_context
from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import DocumentNumber
from dienhinh_desktop.services.office import init_office


@pytest.fixture(params=[True, False], ids=["party", "state"])
def profile(request, bare_db):
    session = bare_db.session()
    name = "Đảng ủy xã Tân Lập" if request.param else "UBND xã Tân Lập"
    p = init_office(session, name, party=request.param, province="Lào Cai")
    yield session, p
    session.rollback()
    session.close()


def test_formats():
    assert format_number(12, "BC", "UBND", party=False) == "12/BC-UBND"
    assert format_number(12, "BC", "ĐU", party=True) == "12-BC/ĐU"
    assert format_number(5, "TTr", "ĐU", party=True) == "05-TTr/ĐU"
    assert number_text("12/BC-UBND", party=False) == "Số: 12/BC-UBND"
    assert number_text("12-BC/ĐU", party=True) == "Số 12-BC/ĐU"
    assert number_text("", party=True) == ""


def test_numbers_never_collide_and_restart_each_year(profile):
    session, p = profile
    a = next_number(session, "BC", 2026, title="Báo cáo 1")
    b = next_number(session, "BC", 2026, title="Báo cáo 2")
    other = next_number(session, "TTr", 2026)
    new_year = next_number(session, "BC", 2027, issued_on=date(2027, 1, 2))
    assert (a.number, b.number, other.number, new_year.number) == (1, 2, 1, 1)
    assert a.full_number != b.full_number
    if p.is_party:
        assert (a.full_number, b.full_number) == ("01-BC/ĐU", "02-BC/ĐU")
    else:
        assert (a.full_number, b.full_number) == ("01/BC-UBND", "02/BC-UBND")
    ctx = profile_context(p, "BC", b, date(2026, 2, 5))
    assert ctx["number_text"] == ("Số 02-BC/ĐU" if p.is_party else "Số: 02/BC-UBND")
    assert ctx["place_date"] == "Tân Lập, ngày 05 tháng 02 năm 2026"


def test_retry_when_another_officer_took_the_number(profile, monkeypatch):
    session, _p = profile
    next_number(session, "QĐ", 2026)
    real = numbering._max_number
    calls = {"n": 0}

    def racing(s, doc_type, year):
        calls["n"] += 1
        return 0 if calls["n"] == 1 else real(s, doc_type, year)  # first read is stale

    monkeypatch.setattr(numbering, "_max_number", racing)
    record = next_number(session, "QĐ", 2026)
    assert record.number == 2 and calls["n"] >= 2
    assert session.query(DocumentNumber).filter_by(doc_type="QĐ", year=2026).count() == 2


def test_missing_type_is_refused(profile):
    session, _p = profile
    with pytest.raises(UserError):
        next_number(session, " ", 2026)
