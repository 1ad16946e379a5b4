"""The «Quyết định nhận về» page: import a decision file through the review screen, re-import,
PDF refused with the manual entry offered, manual entry, details."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402
from sqlalchemy import select  # noqa: E402

from dienhinh_desktop.gui import decision_review  # noqa: E402
from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.pages import decisions_inbox, find_page  # noqa: E402
from dienhinh_desktop.gui.pages.decisions_inbox import Page  # noqa: E402
from dienhinh_desktop.models import Candidate, Decision, Recognition, StatusChange  # noqa: E402
from tests.gui_helpers import type_text  # noqa: E402
from tests.test_decisions_manual import make_commune  # noqa: E402

ENTRIES = [
    # TT, name, birth year, position / unit
    ("1", "Chi bộ thôn Nà Lang", "", "Đảng bộ xã Tân Lập"),
    ("2", "Nguyễn Văn An", "1975", "Bí thư Chi bộ thôn Nà Lang, xã Tân Lập"),
    ("3", "Lê Thị Hoà", "1982", "Chi hội trưởng Phụ nữ thôn Khe Mạ, xã Tân Lập"),
    ("4", "Trần Văn Hạ", "1985", "Thôn Nà Lang, xã Tân Lập"),
    ("5", "Vũ Thị Xuân", "1990", "Nông dân thôn Cốc Ly, xã Bình Minh"),
]


def write_decision(path: Path) -> Path:
    from docx import Document

    doc = Document()
    for text in (
        "ĐẢNG BỘ TỈNH LÀO CAI",
        "TỈNH ỦY",
        "Số 125-QĐ/TU",
        "Lào Cai, ngày 12 tháng 12 năm 2025",
        "QUYẾT ĐỊNH",
        "về việc công nhận, ghi danh điển hình tiên tiến giai đoạn 2025 – 2030",
        "BAN THƯỜNG VỤ TỈNH ỦY",
        "QUYẾT ĐỊNH",
        "Điều 1. Công nhận, ghi danh điển hình tiên tiến đối với 1 tập thể và 4 cá nhân (có danh sách kèm theo).",
        "Điều 2. Các tập thể, cá nhân có liên quan thi hành Quyết định này.",
        "DANH SÁCH",
        "(Kèm theo Quyết định số 125-QĐ/TU ngày 12/12/2025 của Ban Thường vụ Tỉnh ủy)",
    ):
        doc.add_paragraph(text)
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ("TT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị"), strict=True
    ):
        cell.text = text
    for row in ENTRIES:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.save(str(path))
    return path


@pytest.fixture
def setup(qtbot, db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    ids = make_commune(db)
    ctx = AppContext(db)
    ctx.set_plan(ids["plan_id"])
    messages: list[str] = []
    monkeypatch.setattr(decision_review, "show_info", lambda _p, text, title="": messages.append(text))
    monkeypatch.setattr(decisions_inbox, "show_info", lambda _p, text, title="": messages.append(text))
    page = Page(ctx)
    qtbot.addWidget(page)
    page.show()
    return page, ids, messages, write_decision(tmp_path / "QĐ 125 Tỉnh ủy.docx")


def wait(qtbot, job) -> None:  # type: ignore[no-untyped-def]
    assert job is not None
    if not job.is_finished:
        with qtbot.waitSignal(job.finished, timeout=15000):
            pass


def open_review(qtbot, page, path):  # type: ignore[no-untyped-def]
    page.review = None
    wait(qtbot, page.import_file(path))
    assert page.review is not None
    qtbot.addWidget(page.review)
    return page.review


def statuses(dlg) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {r.entry["name"]: r.status for r in dlg.model.rows}


def test_page_is_registered() -> None:
    assert find_page("quyet-dinh").module == "decisions_inbox"


def test_review_confirm_pick_apply_then_reimport(qtbot, db, setup) -> None:  # type: ignore[no-untyped-def]
    page, ids, messages, path = setup
    assert page.model.rowCount() == 0 and page.empty.isVisible()
    dlg = open_review(qtbot, page, path)
    assert statuses(dlg) == {
        "Chi bộ thôn Nà Lang": "auto",
        "Nguyễn Văn An": "auto",
        "Lê Thị Hoà": "auto",
        "Trần Văn Hạ": "review",
        "Vũ Thị Xuân": "none",
    }
    # The file view shows the decision's text and its list.
    text = dlg.file_view.toPlainText()
    assert "QUYẾT ĐỊNH" in text and "Điều 1." in text and "Trần Văn Hạ" in text
    assert dlg.windowTitle().endswith("QĐ 125 Tỉnh ủy.docx")

    assert dlg.confirm_all_auto() == 3
    assert dlg.model.counts()["decided"] == 3
    assert not dlg.all_auto_button.isEnabled()

    # The review row: find «Trần Văn Hà» through the search dialog (accent-free) and pick him.
    i = dlg.model.row_of(4)
    search = dlg.search_dialog(i)
    qtbot.addWidget(search)
    search.search.setText("tran van ha")
    found = search.results()
    assert [c["name"] for c in found] == ["Trần Văn Hà"]
    search.choose(found[0])
    assert search.chosen["id"] == ids["ha"]
    dlg.choose_candidate(i, search.chosen)
    assert dlg.model.rows[i].decided and dlg.model.rows[i].choice == ids["ha"]
    assert dlg.model.index(i, decision_review.COL_CHOICE).data().startswith("✓ Trần Văn Hà (1985)")

    # The stranger: Delete leaves it without a candidate.
    j = dlg.model.row_of(5)
    dlg.select_row(j)
    qtbot.keyClick(dlg.table, Qt.Key.Key_Delete)
    assert dlg.model.rows[j].decided and dlg.model.rows[j].choice is None
    assert dlg.model.confirmations() == {1: ids["cb"], 2: ids["an"], 3: ids["hoa"], 4: ids["ha"], 5: None}

    wait(qtbot, dlg.apply(ask=False))
    assert messages[-1].startswith(
        "Đã ghi nhận 4 điển hình theo Quyết định số 125-QĐ/TU ngày 12/12/2025 của Ban Thường vụ Tỉnh ủy"
    )
    with db.session() as s:
        for key in ("cb", "an", "hoa", "ha"):
            c = s.get(Candidate, ids[key])
            assert c.status == "recognised", key
            assert s.scalars(
                select(Recognition).where(Recognition.candidate_id == c.id)
            ).one().decision_number == ("125-QĐ/TU")
        assert s.get(Candidate, ids["duc"]).status == "proposed"
        d = s.scalars(select(Decision)).one()
        assert (d.source, len(d.entries), d.file_attachment_id is not None) == ("file", 5, True)
        changes = s.scalars(select(StatusChange).where(StatusChange.ref_id == d.id)).all()
        assert len(changes) == 4
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "125-QĐ/TU"
    assert page.model.index(0, 4).data() == "4 / 5 dòng"

    # The same file again: nothing changes, and the officer is told so.
    page.review = None
    wait(qtbot, page.import_file(path))
    assert page.review is None
    assert messages[-1].startswith("Quyết định này đã được nhập trước đây; không thay đổi gì.")
    with db.session() as s:
        assert len(s.scalars(select(Decision)).all()) == 1


def test_keyboard_enter_confirms_and_moves_down(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    page, ids, _messages, path = setup
    dlg = open_review(qtbot, page, path)
    dlg.select_row(0)
    qtbot.keyClick(dlg.table, Qt.Key.Key_Return)
    assert dlg.model.rows[0].decided and dlg.model.rows[0].choice == ids["cb"]
    assert dlg.current_row() == 1
    qtbot.keyClick(dlg.table, Qt.Key.Key_Down)
    assert dlg.current_row() == 2
    qtbot.keyClick(dlg.table, Qt.Key.Key_Up)
    qtbot.keyClick(dlg.table, Qt.Key.Key_Enter)
    assert dlg.model.rows[1].decided and dlg.current_row() == 2
    qtbot.keyClick(dlg.table, Qt.Key.Key_Delete)
    assert dlg.model.rows[2].decided and dlg.model.rows[2].choice is None
    assert dlg.isVisible()  # Enter never closed the dialog
    # The review row proposes «Trần Văn Hà» in the combo with its score; choosing «Không phải…» clears.
    i = dlg.model.row_of(4)
    dlg.select_row(i)
    combo = dlg.choice_combo
    assert combo.currentIndex() == -1 or combo.currentData() == ids["ha"]
    assert combo.itemText(combo.count() - 1).endswith("Không phải người của đơn vị")
    combo.activated.emit(combo.count() - 1)
    assert dlg.model.rows[i].decided and dlg.model.rows[i].choice is None
    combo.activated.emit(combo.findData(ids["ha"]))
    assert dlg.model.rows[i].choice == ids["ha"]
    assert "đã xác nhận 4/5".lower() in dlg.summary.text().lower()


def test_pdf_is_refused_with_the_manual_entry_offered(qtbot, setup, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page, _ids, _messages, _path = setup
    offers = []
    monkeypatch.setattr(page, "offer_manual", lambda p, message: offers.append((p, message)))
    pdf = tmp_path / "qd_scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 scanned")
    assert page.import_file(pdf) is None
    assert offers and offers[0][0] == pdf
    assert "PDF" in offers[0][1] and "nhập quyết định bằng tay" in offers[0][1]
    # A PDF renamed .docx is found out by the reader, on the worker thread.
    fake = tmp_path / "qd_scan.docx"
    fake.write_bytes(b"%PDF-1.4 scanned")
    wait(qtbot, page.import_file(fake))
    assert offers[-1][0] == fake and "PDF" in offers[-1][1]


def test_manual_entry_records_and_refuses_duplicates(qtbot, db, setup, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page, ids, messages, _path = setup
    pdf = tmp_path / "qd_scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 scanned")
    dlg = page.manual_dialog(pdf)
    qtbot.addWidget(dlg)
    assert dlg.file_edit.text() == str(pdf)
    assert "Lò Văn Pọm" not in dlg.visible_names()  # removed candidates are not offered
    type_text(qtbot, dlg.search, "Hòa")
    assert dlg.visible_names() == ["Lê Thị Hòa"]
    dlg.search.setText("nguyen van an")
    assert dlg.visible_names() == ["Nguyễn Văn An"]
    dlg.search.clear()
    dlg.set_checked([ids["hoa"], ids["an"]])
    dlg.only_checked.setChecked(True)
    assert sorted(dlg.visible_names()) == ["Lê Thị Hòa", "Nguyễn Văn An"]
    assert "<b>2</b>" in dlg.count.text()

    dlg.number.setText("318-QĐ/BTGDVTU")
    dlg.date.setText("31/02/2025")
    assert dlg.submit() is None and "không có thật" in dlg.error.text()
    dlg.date.setText("22/12/2025")
    dlg.issuer.setEditText("Ban Tuyên giáo và Dân vận Tỉnh ủy")
    dlg.award_kind.setCurrentIndex(dlg.award_kind.findData("certificate"))
    wait(qtbot, dlg.submit())
    assert dlg.saved_id
    assert messages[-1] == (
        "Đã ghi nhận 2 điển hình theo Quyết định số 318-QĐ/BTGDVTU ngày 22/12/2025 "
        "của Ban Tuyên giáo và Dân vận Tỉnh ủy."
    )
    with db.session() as s:
        d = s.get(Decision, dlg.saved_id)
        assert (d.source, d.award_kind, d.award_label) == ("manual", "certificate", "Giấy khen")
        assert {s.get(Candidate, ids[k]).status for k in ("an", "hoa")} == {"rewarded"}
    page.reload()
    assert page.model.index(0, 5).data() == "Nhập tay · có tệp gốc"

    # The same decision again: refused in the form, nothing written.
    again = page.manual_dialog()
    qtbot.addWidget(again)
    again.number.setText("318-QĐ/BTGDVTU")
    again.date.setText("22/12/2025")
    again.issuer.setEditText("Ban Tuyên giáo và Dân vận Tỉnh ủy")
    again.set_checked([ids["duc"]])
    wait(qtbot, again.submit())
    assert again.saved_id is None and "đã được nhập" in again.error.text()

    # Details: entries, the candidate each was recorded on, the original file opens.
    opened = []
    monkeypatch.setattr(decisions_inbox.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    details = page.details_dialog(dlg.saved_id)
    qtbot.addWidget(details)
    m = details.table.model()
    assert [m.index(r, 4).data() for r in range(m.rowCount())] == ["Nguyễn Văn An", "Lê Thị Hòa"]
    assert details.open_button.isEnabled()
    details.open_button.click()
    assert opened and Path(opened[0].toLocalFile()).read_bytes() == pdf.read_bytes()
