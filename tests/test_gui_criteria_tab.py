"""The criteria tab: the checklist with why-applies, keyboard work (Space, digits, Enter),
the editor (counts, appraisal), attachments and the summary line."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402
from sqlalchemy import select  # noqa: E402

from dienhinh_desktop.gui.criteria_tab import COL_STATE, COL_WHY, CriteriaTab  # noqa: E402
from dienhinh_desktop.models import Plan  # noqa: E402
from dienhinh_desktop.services import attachments as att  # noqa: E402
from dienhinh_desktop.services import criteria as cr  # noqa: E402
from dienhinh_desktop.services.candidates import create_candidate  # noqa: E402
from dienhinh_desktop.services.plan_templates import copy_plan  # noqa: E402
from tests.gui_helpers import type_text  # noqa: E402


@pytest.fixture
def setup(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        tpl = s.scalars(select(Plan).where(Plan.template_key == "002_e5ed6906e364e8a2")).one()
        plan = copy_plan(s, tpl.id)
        person = create_candidate(
            s,
            plan_id=plan.id,
            kind="individual",
            name="Nguyễn Thị Hằng",
            birth_year=1985,
            is_party_member=True,
        )
        coll = create_candidate(s, plan_id=plan.id, kind="collective", name="Chi bộ thôn Nà Phát")
        return {"person": person.id, "coll": coll.id, "plan": plan.id}


def _tab(qtbot, db, candidate_id):  # type: ignore[no-untyped-def]
    tab = CriteriaTab(db, candidate_id, officer="Lý Thị Hoa")
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def _row_of(tab, code: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, r in enumerate(tab.rows) if r.code == code)


def _state(db, candidate_id: str, code: str) -> str:
    with db.session() as s:
        from dienhinh_desktop.models import Candidate

        items = cr.checklist_for(s, s.get(Candidate, candidate_id))
        return next(it.state for it in items if it.criterion.code == code)


def test_checklist_shows_conditional_criteria_and_summary(qtbot, db, setup) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, db, setup["person"])
    codes = [r.code for r in tab.rows]
    assert codes == ["II.2.2.a", "II.2.2.b", "II.2.2.c", "II.2.2.e", "II.2.2.e.ut"]
    assert tab.table.item(_row_of(tab, "II.2.2.e"), COL_WHY).text() == "áp dụng vì là đảng viên"
    assert tab.summary_text().startswith("0/4 tiêu chí đạt — còn thiếu:")
    assert (
        "II.2.2.d (không áp dụng vì không phải cán bộ, công chức, viên chức)" in tab.not_applying_label.text()
    )
    assert tab.table.item(0, COL_STATE).data(Qt.ItemDataRole.UserRole) == "unanswered"


def test_keyboard_space_digits_enter(qtbot, db, setup) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, db, setup["person"])
    changed = []
    tab.changed.connect(lambda: changed.append(1))
    tab.table.setFocus()
    tab.table.setCurrentCell(0, 1)
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    assert _state(db, setup["person"], "II.2.2.a") == "met"
    assert tab.rows[0].state == "met" and changed
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)  # toggles back to "không đạt"
    assert _state(db, setup["person"], "II.2.2.a") == "not_met"
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.table.currentRow() == 1
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    assert _state(db, setup["person"], "II.2.2.b") == "met"
    # the party rating: 2 = "Đảng viên hoàn thành tốt nhiệm vụ" (met), 3 = "… hoàn thành nhiệm vụ" (not met)
    tab.table.setCurrentCell(_row_of(tab, "II.2.2.e"), 1)
    qtbot.keyClick(tab.table, Qt.Key.Key_2)
    assert _state(db, setup["person"], "II.2.2.e") == "met"
    assert tab.rating_combo.currentText() == "2. Đảng viên hoàn thành tốt nhiệm vụ"
    qtbot.keyClick(tab.table, Qt.Key.Key_3)
    assert _state(db, setup["person"], "II.2.2.e") == "not_met"
    # Enter goes to the text; typed Vietnamese is saved when moving on
    tab.table.setCurrentCell(0, 1)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.focusWidget() is tab.self_text
    type_text(qtbot, tab.self_text, "Chấp hành tốt")
    tab.table.setCurrentCell(1, 1)  # moving on saves
    with db.session() as s:
        from dienhinh_desktop.models import CriterionAssessment

        texts = [a.self_text for a in s.scalars(select(CriterionAssessment))]
    assert "Chấp hành tốt" in texts
    assert tab.summary_text().startswith("1/4 tiêu chí đạt")


def test_counts_and_appraisal_in_editor(qtbot, db, setup) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, db, setup["coll"])
    tab.table.setCurrentCell(_row_of(tab, "II.2.1.d.2"), 1)
    assert tab.num_edit.isVisible() and not tab.bool_combo.isVisible()
    tab.num_edit.setValue(9)
    tab.den_edit.setValue(10)
    assert tab.share_label.text() == "90%"
    assert tab.save_current()
    assert _state(db, setup["coll"], "II.2.1.d.2") == "not_met"  # "trên 90%": exactly 90 % is not enough
    assert "chưa đạt yêu cầu trên 90%" in tab.rows[_row_of(tab, "II.2.1.d.2")].reason
    tab.num_edit.setValue(12)  # more than the total: refused, message shown, nothing saved
    assert not tab.save_current()
    assert "lớn hơn tổng số" in tab.error.text()
    tab.num_edit.setValue(46)
    tab.den_edit.setValue(50)
    assert tab.save_current()
    assert _state(db, setup["coll"], "II.2.1.d.2") == "met"
    # the board says partly met: the appraisal wins
    tab.appraisal_combo.setCurrentIndex(3)
    tab.appraisal_comment.setText("Chưa đủ minh chứng")
    assert tab.save_current()
    assert _state(db, setup["coll"], "II.2.1.d.2") == "partly"
    assert tab.appraisal_when.text().startswith("Thẩm định lúc")
    row = tab.rows[_row_of(tab, "II.2.1.d.2")]
    assert row.values["appraised_by"] == "Lý Thị Hoa"
    tab.only_missing.setChecked(True)
    assert not tab.table.isRowHidden(_row_of(tab, "II.2.1.d.2"))
    tab.only_missing.setChecked(False)


def test_years_editor(qtbot, db, setup) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, db, setup["coll"])
    tab.table.setCurrentCell(_row_of(tab, "II.2.1.e.1"), 1)
    assert len(tab.year_combos) == 2
    for _year, combo in tab.year_combos:
        combo.setCurrentIndex(2)  # "Hoàn thành tốt nhiệm vụ"
    assert tab.save_current()
    assert _state(db, setup["coll"], "II.2.1.e.1") == "met"


def test_attachment_per_criterion(qtbot, db, setup, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, db, setup["person"])
    src = tmp_path / "nhan-xet-chi-bo.pdf"
    src.write_bytes(b"%PDF-1.4 test")
    tab.table.setCurrentCell(1, 1)
    assert tab.add_file(src, "Nhận xét của chi bộ")
    assert tab.files.count() == 1
    assert tab.rows[1].attachments == 1
    opened = []
    monkeypatch.setattr(
        "dienhinh_desktop.gui.criteria_tab.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    assert tab.open_attachment(tab.files.item(0))
    with db.session() as s:
        a = att.list_candidate_attachments(s, setup["person"])[0]
        assert opened == [str(att.attachment_path(db.files_dir, a))]
    tab.table.setCurrentCell(0, 1)
    assert tab.files.count() == 0  # another criterion: its own files
