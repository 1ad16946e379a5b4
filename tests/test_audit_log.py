"""Reading the audit log: filters (dates, user, table, action, text without accents), the old
and new value of every field, the Excel export (text stays text)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dienhinh_desktop.db.audit import LOGIN
from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import AuditEntry, Candidate, Meeting
from dienhinh_desktop.services.audit_log import export_audit_xlsx, query_audit, users
from dienhinh_desktop.services.candidates import update_candidate
from tests.gui_helpers import fill


@pytest.fixture
def office(bare_db):  # type: ignore[no-untyped-def]
    ids = fill(bare_db)["ids"]
    with bare_db.transaction() as s:
        c = s.get(Candidate, ids["Đặng Văn Đức"])
        update_candidate(s, c, birth_year=1979, phone='=HYPERLINK("x")')
    with bare_db.transaction() as s:
        s.delete(s.get(Candidate, ids["Lê Văn An"]))
    return bare_db, ids


def test_newest_first_with_labels_and_changes(office) -> None:  # type: ignore[no-untyped-def]
    db, ids = office
    with db.session() as s:
        entries = query_audit(s)
    deleted = next(e for e in entries if e["action"] == "delete" and e["table"] == "candidates")
    assert (deleted["action_label"], deleted["label"], deleted["table_label"]) == (
        "Xóa",
        "Lê Văn An",
        "Điển hình",
    )
    assert deleted["user"].startswith("Lý Thị Hoa (")
    assert {c["field"] for c in deleted["changes"]} >= {"name", "birth_year"}
    edit = next(e for e in entries if e["action"] == "update" and e["table"] == "candidates")
    assert (edit["action_label"], edit["label"]) == ("Sửa", "Đặng Văn Đức")
    changes = {c["field"]: c for c in edit["changes"]}
    assert (changes["birth_year"]["old"], changes["birth_year"]["new"]) == (1980, 1979)
    assert changes["birth_year"]["field_label"] == "Năm sinh"
    assert changes["phone"]["old_text"] == "—"
    assert all(e["at"] <= entries[0]["at"] for e in entries)
    assert len(entries[0]["at_text"]) == 19 and entries[0]["at_text"][2] == "/"


def test_filters(office) -> None:  # type: ignore[no-untyped-def]
    db, ids = office
    with db.session() as s:
        everything = query_audit(s, limit=None)
        assert {e["action"] for e in query_audit(s, action="update")} == {"update"}
        cands = query_audit(s, table="candidates", limit=None)
        assert cands and {e["table"] for e in cands} == {"candidates"}
        duc = query_audit(s, text="dang van duc")  # without accents
        assert duc and {e["label"] for e in duc} == {"Đặng Văn Đức"}
        assert query_audit(s, user=LOGIN, limit=None) == everything
        by_officer = query_audit(s, user="ly thi hoa", limit=None)  # without accents
        assert by_officer and all(e["officer_name"] == "Lý Thị Hoa" for e in by_officer)
        assert query_audit(s, user="không có ai") == []
        today = date.today()
        assert len(
            query_audit(s, date_from=today - timedelta(days=1), date_to=today + timedelta(days=1), limit=None)
        ) == len(everything)
        assert query_audit(s, date_from=(today + timedelta(days=2)).strftime("%d/%m/%Y")) == []
        assert len(query_audit(s, limit=3, offset=1)) == 3
        assert query_audit(s, limit=3, offset=1)[0]["id"] == everything[1]["id"]
        assert "Lý Thị Hoa" in users(s)


def test_date_range_uses_local_days(office) -> None:  # type: ignore[no-untyped-def]
    db, _ = office
    with db.transaction() as s:
        s.info["no_audit"] = True
        s.add(AuditEntry(at=datetime(2024, 3, 5, 10, 0), action="insert", table_name="meetings",
                         record_id="m1", label="Họp bình xét quý I", changes={"title": [None, "Họp"]}))  # fmt: skip
    with db.session() as s:
        found = query_audit(s, date_from="01/03/2024", date_to="31/03/2024")
        assert [e["label"] for e in found] == ["Họp bình xét quý I"]
        assert found[0]["table_label"] == "Cuộc họp"
        assert Meeting.__tablename__ == "meetings"


def test_bad_filters_are_refused_in_vietnamese(office) -> None:  # type: ignore[no-untyped-def]
    db, _ = office
    with db.session() as s:
        with pytest.raises(UserError, match="Từ ngày"):
            query_audit(s, date_from="32/13/2024")
        with pytest.raises(UserError, match="trước"):
            query_audit(s, date_from="05/03/2024", date_to="01/03/2024")
        with pytest.raises(UserError, match="Thao tác"):
            query_audit(s, action="drop")


def test_export_xlsx_keeps_text_as_text(office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = office
    with db.session() as s:
        n = len(query_audit(s, table="candidates", limit=None))
        out = export_audit_xlsx(s, tmp_path / "nhat-ky.xlsx", table="candidates", limit=5)
    ws = load_workbook(out).active
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "NHẬT KÝ THAY ĐỔI DỮ LIỆU" in texts
    assert any("Năm sinh: 1980 → 1979" in t for t in texts)
    assert f"Tổng số: {n} thay đổi." in texts
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    cell = next(
        c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value
    )
    assert cell.data_type == "s"
