"""The candidate's page: tabs, status change and undo, nurturing, attachments, duplicates
banner and merge."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop.gui import candidate_page as page_module  # noqa: E402
from dienhinh_desktop.gui.bulk_actions import MentorValues  # noqa: E402
from dienhinh_desktop.gui.candidate_page import TAB_TITLES, CandidatePage, MergeDialog  # noqa: E402
from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.models import Candidate, StatusChange  # noqa: E402
from dienhinh_desktop.services.candidates import create_candidate  # noqa: E402
from tests.gui_helpers import fill  # noqa: E402


@pytest.fixture
def ctx(bare_db, monkeypatch):  # type: ignore[no-untyped-def]
    context = AppContext(bare_db)
    context.info = fill(bare_db)  # type: ignore[attr-defined]
    context.messages = []  # type: ignore[attr-defined]
    monkeypatch.setattr(page_module, "show_info", lambda _p, text, **_k: context.messages.append(text))
    monkeypatch.setattr(page_module, "show_error", lambda _p, text, **_k: context.messages.append(text))
    return context


def _page(qtbot, ctx, name: str) -> CandidatePage:  # type: ignore[no-untyped-def]
    page = CandidatePage(ctx, ctx.info["ids"][name])
    qtbot.addWidget(page)
    page.show()
    return page


def test_tabs_open(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx, "Lê Văn An")
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == TAB_TITLES
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        assert page.tabs.currentWidget().isVisible()
    assert page.title.text() == "Lê Văn An"
    assert "Đã đăng ký" in page.subtitle.text()
    assert page.editor.name_edit.text() == "Lê Văn An"
    assert page.banner.isHidden()  # no duplicate


def test_status_change_and_undo_write_history(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx, "Lê Văn An")
    cid = page.candidate_id
    assert "nurturing" in page.allowed
    assert not page.undo_button.isEnabled()
    with qtbot.waitSignal(ctx.hub.candidates_changed):
        assert page.change_status("nurturing", "Đã có người phụ trách")
    assert page.history_table.rowCount() == 2
    assert page.history_table.item(0, 2).text() == "Đang bồi dưỡng"
    assert page.history_table.item(0, 4).text() == "Đã có người phụ trách"
    assert page.history_table.item(0, 3).text() == "Lý Thị Hoa"
    assert page.undo_button.isEnabled() and page.changed
    # a step back needs a reason: refused with the core's message, nothing written
    assert not page.change_status("registered", "")
    assert "lý do" in ctx.messages[-1]
    assert page.undo_last(confirm=False)
    with ctx.db.session() as s:
        c = s.get(Candidate, cid)
        assert c.status == "registered"
        rows = s.query(StatusChange).filter_by(candidate_id=cid).order_by(StatusChange.changed_at).all()
        assert [r.to_status for r in rows] == ["registered", "nurturing", "registered"]
        assert rows[1].undone and rows[2].ref_type == "undo"
    assert page.history_table.rowCount() == 3
    assert page.history_table.item(1, 4).text().startswith("(đã hoàn tác)")


def test_nurturing_mentor_plan_notes(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx, "Lê Văn An")
    assert page.assign_mentor(MentorValues(name="Hoàng Văn Nam", position="Phó Bí thư"), move=True)
    assert "Hoàng Văn Nam" in page.mentor_label.text()
    assert page.mentor_table.rowCount() == 1
    assert "Đang bồi dưỡng" in page.subtitle.text()  # moved on as offered
    page.goals.setPlainText("Mô hình chăn nuôi bò")
    assert page.save_plan()
    assert page.add_note("Đã làm chuồng trại mới")
    assert page.notes_table.rowCount() == 1
    assert page.notes_table.item(0, 2).text() == "Đã làm chuồng trại mới"
    assert not page.add_note("   ")  # an empty note is refused
    with ctx.db.session() as s:
        c = s.get(Candidate, page.candidate_id)
        assert c.nurturing_plan.goals == "Mô hình chăn nuôi bò"
        assert c.mentors[0].mentor_name == "Hoàng Văn Nam"


def test_attachments_are_copied_and_opened(qtbot, ctx, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened = []
    monkeypatch.setattr(page_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    source = tmp_path / "bien-ban.pdf"
    source.write_bytes(b"%PDF-1.4 minh chung")
    page = _page(qtbot, ctx, "Lê Văn An")
    assert page.add_file(source, "Biên bản họp chi bộ")
    assert page.files_table.rowCount() == 1
    assert page.files_table.item(0, 0).text() == "bien-ban.pdf"
    stored = page.file_path(0)
    assert stored.is_file() and ctx.db.files_dir in stored.parents
    source.unlink()  # the copy in the data folder stays
    page.files_table.selectRow(0)
    assert page.open_selected_file()
    assert opened[0].toLocalFile() == str(stored)


def test_duplicate_banner_and_merge_keep_history(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as s:
        other = create_candidate(
            s,
            plan_id=ctx.info["plan_id"],
            kind="individual",
            name="Lê Văn An",
            birth_year=1980,
            unit_id=ctx.info["unit_ids"][1],
            phone="0912 000 111",
        )
        other_id = other.id
    page = _page(qtbot, ctx, "Lê Văn An")
    page.change_status("nurturing", "Đã có người phụ trách")
    assert not page.banner.isHidden()
    assert page.duplicates == [other_id]
    dialog = MergeDialog(ctx, page.candidate_id, other_id, page)
    qtbot.addWidget(dialog)
    assert dialog.merged()["phone"] == "0912 000 111"  # filled from the other record
    assert dialog.merged()["unit"] == "Chi bộ thôn Nậm Cang"  # the kept record's own
    keep = page.candidate_id
    assert page.merge_with(other_id, keep_this=True, reason="Cùng một người")
    assert page.banner.isHidden()
    with ctx.db.session() as s:
        kept, dropped = s.get(Candidate, keep), s.get(Candidate, other_id)
        assert dropped.status == "removed" and dropped.merged_into_id == keep
        assert kept.phone == "0912 000 111"
        to = [h.to_status for h in s.query(StatusChange).filter_by(candidate_id=keep)]
        assert to.count("registered") >= 2 and "nurturing" in to  # both records' history
    assert any("Gộp hồ sơ trùng" in (page.history_table.item(r, 4).text()) for r in range(3))


def test_duplicate_hint_in_the_form(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.gui.candidate_form import CandidateForm

    form = CandidateForm(ctx, plan_id=ctx.plan_id)
    qtbot.addWidget(form)
    form.show()
    form.name_edit.setText("Nguyễn Văn Cường")
    form.birth_year.setText("1980")
    form.check_duplicates()
    assert form.duplicate_label.isVisible()
    assert "Chi bộ thôn Nậm Cang" in form.duplicate_label.text()
