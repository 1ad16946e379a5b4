"""Importing registration lists into a plan: counts, units, fields, dry run, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.exchange.registration_import import import_registration_list
from dienhinh_desktop.models import Candidate, StatusChange, Unit
from dienhinh_desktop.services.office import get_profile
from tests.corpus.registration import make_corpus as corpus
from tests.corpus.registration.dbsetup import office_and_plan

KEYS = {"new", "updated", "unchanged", "rejected", "candidates", "file", "sheet", "duplicates"}


@pytest.fixture
def sess(bare_db):  # type: ignore[no-untyped-def]
    with bare_db.session() as s:
        yield s
        s.rollback()


def _counts(session) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    return (
        session.scalar(select(func.count()).select_from(Candidate)),
        session.scalar(select(func.count()).select_from(Unit)),
        session.scalar(select(func.count()).select_from(StatusChange)),
    )


def test_import_messy_list(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = office_and_plan(sess)
    result = import_registration_list(sess, corpus.make_messy_xlsx(tmp_path), plan_id=plan.id)
    assert set(result) == KEYS
    assert (result["new"], result["updated"], result["unchanged"]) == (6, 0, 0)
    assert [r["row"] for r in result["rejected"]] == [18, 19, 20, 21, 22]
    unknown_field = result["rejected"][-1]["reason"]
    assert "«Du lịch vũ trụ»" in unknown_field and "không có trong kế hoạch" in unknown_field
    assert result["sheet"] == "Danh sách" and result["file"].endswith("dang_ky_2025.xlsx")
    by_name = {c["name"]: c for c in result["candidates"]}
    assert set(by_name) == {
        "Chi bộ thôn Nà Pồng", "Trường Tiểu học Tân Lập", "Nguyễn Văn An", "Lò Thị Mai", "=Hà Văn Tú",
        "Hộ ông Lường Văn Pọm",
    }  # fmt: skip
    an = by_name["Nguyễn Văn An"]
    assert (an["kind"], an["birth_year"], an["gender"], an["is_party_member"]) == (
        "individual",
        1985,
        "male",
        True,
    )
    assert an["field"] == "Xây dựng Đảng, chính quyền" and an["unit"] == "Chi bộ thôn Nà Pồng"
    assert an["given_name"] == "An" and an["family_name"] == "Nguyễn" and an["action"] == "new"
    assert by_name["Lò Thị Mai"]["field"] == "Giáo dục - đào tạo"
    assert by_name["Trường Tiểu học Tân Lập"]["field"] == "Giáo dục - đào tạo"  # "Giáo dục" matched by name
    assert by_name["Hộ ông Lường Văn Pọm"]["kind"] == "household"
    assert by_name["Hộ ông Lường Văn Pọm"]["field"] == "Kinh tế hộ gia đình"
    # Units are created under the office's own unit, with a kind guessed from the name.
    office_unit = get_profile(sess).unit_id
    units = {u.name: u for u in sess.scalars(select(Unit))}
    assert units["Chi bộ thôn Khuổi Hao"].parent_id == office_unit
    assert units["Chi bộ thôn Khuổi Hao"].kind == "party_cell"
    assert units["Thôn Nà Pồng"].kind == "village" and units["Trường Tiểu học Tân Lập"].kind == "school"
    # Each candidate has its first history line, naming the file and the row.
    c = sess.get(Candidate, an["id"])
    assert c.status == "registered" and "dang_ky_2025.xlsx" in c.history[0].reason
    assert c.history[0].changed_by == "Nguyễn Thị Cán Bộ"


def test_dry_run_writes_nothing_and_counts_the_same(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = office_and_plan(sess)
    before = _counts(sess)
    path = corpus.make_messy_xlsx(tmp_path)
    dry = import_registration_list(sess, path, plan_id=plan.id, dry_run=True)
    assert _counts(sess) == before
    real = import_registration_list(sess, path, plan_id=plan.id)
    for key in ("new", "updated", "unchanged", "rejected"):
        assert dry[key] == real[key], key
    assert [c["name"] for c in dry["candidates"]] == [c["name"] for c in real["candidates"]]
    assert _counts(sess)[0] == before[0] + 6


def test_reimport_changes_nothing(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = office_and_plan(sess)
    path = corpus.make_messy_xlsx(tmp_path)
    first = import_registration_list(sess, path, plan_id=plan.id)
    sess.commit()
    counts = _counts(sess)
    versions = {c.id: c.version for c in sess.scalars(select(Candidate))}
    second = import_registration_list(sess, path, plan_id=plan.id)
    assert (second["new"], second["updated"], second["unchanged"]) == (0, 0, 6)
    assert second["rejected"] == first["rejected"]
    assert {c["id"] for c in second["candidates"]} == {c["id"] for c in first["candidates"]}
    assert all(c["action"] == "unchanged" for c in second["candidates"])
    assert _counts(sess) == counts
    assert {c.id: c.version for c in sess.scalars(select(Candidate))} == versions
    # The .xls and the flat list twice as well.
    for maker in (corpus.make_xls, corpus.make_flat_xlsx):
        p = maker(tmp_path)
        a = import_registration_list(sess, p, plan_id=plan.id)
        b = import_registration_list(sess, p, plan_id=plan.id)
        assert a["new"] == b["unchanged"] and b["new"] == b["updated"] == 0


def test_changed_file_updates_only_what_it_gives(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = office_and_plan(sess)
    path = corpus.make_messy_xlsx(tmp_path)
    import_registration_list(sess, path, plan_id=plan.id)
    an = sess.scalars(select(Candidate).where(Candidate.name == "Nguyễn Văn An")).one()
    an.phone = "0912345678"  # typed in the program, not in the file
    sess.flush()
    wb = load_workbook(path)
    ws = wb.active
    ws["E15"] = "Tày"  # ethnicity corrected
    ws["J15"] = "Đã bổ sung hồ sơ"  # a note
    ws["I15"] = None  # party mark erased: not "provided", so not cleared
    wb.save(path)
    result = import_registration_list(sess, path, plan_id=plan.id)
    assert (result["new"], result["updated"], result["unchanged"]) == (0, 1, 5)
    sess.refresh(an)
    assert an.ethnicity == "Tày" and an.note == "Đã bổ sung hồ sơ"
    assert an.phone == "0912345678" and an.is_party_member is True


def test_duplicates_in_other_plan_and_other_unit(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old_plan = office_and_plan(sess, "Kế hoạch năm 2024")
    plan = office_and_plan(sess)
    import_registration_list(sess, corpus.make_messy_xlsx(tmp_path), plan_id=old_plan.id)
    # The same list into the new plan: everything is new, each with a warning about last year.
    result = import_registration_list(sess, corpus.make_messy_xlsx(tmp_path), plan_id=plan.id)
    assert result["new"] == 6
    warned = {d["row"] for d in result["duplicates"]}
    assert warned == {11, 12, 15, 16, 17, 24}
    assert all("Kế hoạch năm 2024" in d["reason"] for d in result["duplicates"])
    # The same person registered by another unit in the same plan: imported, with a warning.
    wb = load_workbook(corpus.make_messy_xlsx(tmp_path))
    ws = wb.active
    ws["H15"] = "Chi bộ thôn Khuổi Hao"
    other = tmp_path / "khac_don_vi.xlsx"
    wb.save(other)
    result = import_registration_list(sess, other, plan_id=plan.id)
    assert (result["new"], result["unchanged"]) == (1, 5)
    dup = [d for d in result["duplicates"] if d["row"] == 15 and "cùng kế hoạch" in d["reason"]]
    assert len(dup) == 1 and "Chi bộ thôn Nà Pồng" in dup[0]["reason"]


def test_same_row_twice_in_one_file_is_rejected(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = office_and_plan(sess)
    wb = load_workbook(corpus.make_messy_xlsx(tmp_path))
    ws = wb.active
    for col in "ABCDEFGHIJ":  # row 22 (unknown field) becomes a copy of row 15
        ws[f"{col}22"] = ws[f"{col}15"].value
    ws["B22"] = "nguyễn văn an"
    path = tmp_path / "trung.xlsx"
    wb.save(path)
    result = import_registration_list(sess, path, plan_id=plan.id)
    assert {"row": 22, "reason": "Trùng với dòng 15 (cùng tên, năm sinh và đơn vị đăng ký)."} in result[
        "rejected"
    ]
    assert result["new"] == 6


def test_plan_without_fields_rejects_field_text(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = office_and_plan(sess)
    plan.fields.clear()
    sess.flush()
    result = import_registration_list(sess, corpus.make_flat_xlsx(tmp_path), plan_id=plan.id)
    assert result["new"] == 0
    assert all("chưa khai báo lĩnh vực" in r["reason"] for r in result["rejected"] if r["row"] in (4, 5, 6))


def test_bad_file_leaves_the_database_as_it_was(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = office_and_plan(sess)
    before = _counts(sess)
    for maker in (corpus.make_encrypted_xlsx, corpus.make_csv_as_xlsx, corpus.make_no_header_xlsx):
        with pytest.raises(UserError):
            import_registration_list(sess, maker(tmp_path), plan_id=plan.id)
    assert _counts(sess) == before
    with pytest.raises(UserError, match="kế hoạch"):
        import_registration_list(sess, corpus.make_messy_xlsx(tmp_path), plan_id="khong-co")


def test_long_list_costs_a_few_queries_not_several_per_row(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """300 rows (3 units): matched in memory and written in one flush; again: nothing written."""
    from openpyxl import Workbook
    from sqlalchemy import event

    plan = office_and_plan(sess)
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐĂNG KÝ ĐIỂN HÌNH TIÊN TIẾN"])
    ws.append(["TT", "Họ tên", "Năm sinh", "Giới tính", "Dân tộc", "Loại", "Lĩnh vực", "Đơn vị"])
    for i in range(1, 301):
        unit = f"Chi bộ thôn {('Nậm Cang', 'Bản Mế', 'Khe Bốc')[i % 3]}"
        ws.append([i, f"Nguyễn Văn Số {i}", 1950 + i % 50, "Nam", "Kinh", "Cá nhân", "4.1", unit])
    path = tmp_path / "dai.xlsx"
    wb.save(path)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = sess.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        first = import_registration_list(sess, path, plan_id=plan.id)
        writes = len(statements)
        statements.clear()
        again = import_registration_list(sess, path, plan_id=plan.id)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert (first["new"], again["unchanged"]) == (300, 300)
    assert writes < 60, writes  # one query (or more) per row was 600+
    assert len(statements) < 30 and not any(
        s.lstrip().upper().startswith(("INSERT", "UPDATE")) for s in statements
    )
