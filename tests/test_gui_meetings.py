"""The «Bình xét» page: a whole meeting from the appraisal list to the minutes and the decision."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QDate, Qt  # noqa: E402

from dienhinh_desktop.models import Decision  # noqa: E402
from dienhinh_desktop.models.enums import AwardKind, CandidateStatus  # noqa: E402
from dienhinh_desktop.services import meetings as M  # noqa: E402


@pytest.fixture
def page(db, qtbot, tmp_path):
    from dienhinh_desktop.gui.context import AppContext
    from dienhinh_desktop.gui.pages.meetings import Page
    from dienhinh_desktop.services.demo import build_demo

    with db.transaction() as s:
        build_demo(s, size=60, today=date(2025, 12, 1))
    ctx = AppContext(db)
    widget = Page(ctx)
    widget.out_dir = tmp_path / "giay-to"
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def test_demo_meeting_is_shown_read_only(page):
    from dienhinh_desktop.gui.pages.meetings import COL_AGREE, COL_RESULT

    assert page.meeting_combo.count() == 1
    model = page.model
    assert model.rowCount() >= 1 and model.locked
    assert not (model.flags(model.index(0, COL_AGREE)) & Qt.ItemFlag.ItemIsEditable)
    assert model.data(model.index(0, COL_RESULT)) in ("Đạt", "Không đạt")
    assert "Đã ra Quyết định số" in page.info.text()
    assert page.attendance.rowCount() == 9


def test_whole_meeting_in_the_gui(page, qtbot, db):
    from dienhinh_desktop.gui.pages.meetings import COL_AGREE, COL_ISSUED, COL_RESULT, COL_RETURNED, COL_SHARE

    # A new meeting from the appraisal list (the demo left at least one eligible candidate).
    def fill_meeting(dlg):
        dlg.date.setDate(QDate(2025, 12, 5))
        dlg.place.setText("Phòng họp")
        dlg.titles[AwardKind.RECOGNITION.value].setChecked(True)

    page.dialog_hook = fill_meeting
    with db.session() as s:
        eligible = M.eligible_for_meeting(s, page.ctx.plan_id)
    if not eligible:
        pytest.skip("the demo left no eligible candidate")
    page.new_meeting()
    assert page.meeting_combo.count() == 2
    assert page.model.rowCount() == len(eligible)
    assert not page.model.locked

    # Keyboard: type the ballots issued, Enter moves on (returned and valid are filled), then agree.
    view = page.table
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, COL_ISSUED))
    qtbot.keyClicks(view, "8")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.currentIndex().column() == COL_RETURNED)
    assert page.model.data(page.model.index(0, COL_RETURNED)) == "8"
    view.closePersistentEditor(view.currentIndex())
    for row in range(page.model.rowCount()):
        assert page.enter_tally(row, issued=8, returned=8, valid=8, agree=6)
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, COL_RESULT)) == "Đạt")
    assert "6/9" in page.model.data(page.model.index(0, COL_SHARE))

    # A refused figure shows the message and is not saved.
    assert not page.enter_tally(0, issued=8, returned=8, valid=8, agree=9)
    assert "nhiều hơn" in page.message.text() or "lớn hơn" in page.message.text()
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, COL_AGREE)) == "6")

    # Papers for the room, the decision, the minutes.
    page.export("ballots")
    qtbot.waitUntil(lambda: any(p.name.startswith("phieu-bau") for p in page.last_files), timeout=15000)

    def fill_decision(dlg):
        dlg.date.setDate(QDate(2025, 12, 8))

    page.dialog_hook = fill_decision
    page.issue_decision()
    with db.session() as s:
        decision = s.query(Decision).filter(Decision.meeting_id == page.meeting_id).one()
        assert decision.number and decision.decision_date == date(2025, 12, 8)
        assert all(e.candidate.status == CandidateStatus.RECOGNISED.value for e in decision.entries)
    assert page.model.locked
    page.export("minutes")
    qtbot.waitUntil(lambda: any(p.name.startswith("bien-ban-hop") for p in page.last_files), timeout=15000)
    page.export("decision")
    qtbot.waitUntil(lambda: any(p.name.startswith("quyet-dinh") for p in page.last_files), timeout=15000)
    assert all(p.exists() for p in page.last_files)


def test_new_council_from_the_dialog(page, db):
    def fill(dlg):
        dlg.name.setText("Hội đồng Thi đua – Khen thưởng xã Tân Lập")
        dlg.members.setPlainText(
            "Vàng Thị Mai | Chủ tịch UBND xã | Chủ tịch\nSần Văn Lục | Phó Chủ tịch UBND xã |"
            " Phó Chủ tịch\nLò Thị Hoa | Công chức | Thư ký\nBùi Văn Khánh | Trưởng phòng"
        )

    page.dialog_hook = fill
    page.new_council()
    with db.session() as s:
        councils = M.list_councils(s)
        council = next(c for c in councils if c.name.startswith("Hội đồng"))
        assert [m.role for m in council.members] == ["chair", "vice_chair", "secretary", "member"]
