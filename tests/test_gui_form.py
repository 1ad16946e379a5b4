"""The candidate form: kind switch, validation next to the field, save, stale edits."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop.gui.candidate_form import STALE_MESSAGE, CandidateForm  # noqa: E402
from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.pages.candidates import Page  # noqa: E402
from dienhinh_desktop.models import Candidate  # noqa: E402
from dienhinh_desktop.services.candidates import update_candidate  # noqa: E402
from tests.gui_helpers import fill, type_text  # noqa: E402


@pytest.fixture
def ctx(bare_db):  # type: ignore[no-untyped-def]
    context = AppContext(bare_db)
    context.info = fill(bare_db)  # type: ignore[attr-defined]
    return context


def test_kind_switch_shows_what_applies(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    form = CandidateForm(ctx, plan_id=ctx.plan_id)
    qtbot.addWidget(form)
    form.show()
    assert form.person_box.isVisible() and not form.collective_box.isVisible()
    form.kind_buttons["collective"].setChecked(True)
    assert not form.person_box.isVisible() and form.collective_box.isVisible()
    assert form.name_label.text() == "Tên tập thể:"
    form.kind_buttons["household"].setChecked(True)
    assert form.person_box.isVisible()
    assert form.field.count() == 3  # "—" and the plan's two fields


def test_empty_name_is_refused_next_to_the_field(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    form = CandidateForm(ctx, plan_id=ctx.plan_id)
    qtbot.addWidget(form)
    assert form.save() is False
    assert "Thiếu trường «Họ và tên / Tên tập thể»" in form._errors["name"].text()
    assert not form._errors["name"].isHidden()
    form.name_edit.setText("Phạm Thị Hà")
    form.birth_year.setText("19x5")
    assert form.save() is False
    assert "Năm sinh" in form._errors["birth_year"].text()
    assert form._errors["name"].isHidden()


def test_saved_candidate_appears_in_the_list(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = Page(ctx)
    qtbot.addWidget(page)
    page.show()

    def fill_and_save(form) -> int:  # type: ignore[no-untyped-def]
        type_text(qtbot, form.name_edit, "Phạm Thị Hà")
        form.birth_year.setText("1990")
        form.gender.setCurrentIndex(form.gender.findData("female"))
        form.ethnicity.setCurrentText("Tày")
        form.field.setCurrentIndex(2)
        form.unit.setEditText("truong tieu hoc tan lap")
        form.unit.setCurrentIndex(form.unit.findData(ctx.info["unit_ids"][1]))
        form.flags["is_party_member"].setChecked(True)
        assert form.save(), form.error_text()
        return CandidateForm.DialogCode.Accepted

    monkeypatch.setattr(CandidateForm, "exec", fill_and_save)
    new_id = page.add_candidate() or page.current_candidate_id()
    assert page.model.total() == 7
    assert page.current_candidate_id() == new_id
    with ctx.db.session() as s:
        c = s.get(Candidate, new_id)
        assert (c.name, c.birth_year, c.gender, c.ethnicity, c.is_party_member) == (
            "Phạm Thị Hà",
            1990,
            "female",
            "Tày",
            True,
        )
        assert c.unit_id == ctx.info["unit_ids"][1] and c.field_id == ctx.info["field_ids"][1]
        assert c.history[0].changed_by == "Lý Thị Hoa"
    page.search.setText("pham ha")
    assert page.model.shown() == 1


def test_edit_and_stale_edit(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    cid = ctx.info["ids"]["Lê Văn An"]
    form = CandidateForm(ctx, plan_id=ctx.plan_id, candidate_id=cid)
    qtbot.addWidget(form)
    assert form.name_edit.text() == "Lê Văn An" and form.birth_year.text() == "1980"
    form.position_unit.setText("Bí thư Chi bộ thôn Nậm Cang")
    assert form.save()
    with ctx.db.session() as s:
        assert s.get(Candidate, cid).position_unit == "Bí thư Chi bộ thôn Nậm Cang"

    stale = CandidateForm(ctx, plan_id=ctx.plan_id, candidate_id=cid)
    qtbot.addWidget(stale)
    with ctx.db.transaction() as s:  # someone else saves meanwhile
        update_candidate(s, s.get(Candidate, cid), phone="0912 345 678")
    stale.phone.setText("0203 111 222")
    assert stale.save() is False
    assert stale.error_text() == STALE_MESSAGE
    assert STALE_MESSAGE.startswith("Hồ sơ đã được người khác sửa")
    with ctx.db.session() as s:
        assert s.get(Candidate, cid).phone == "0912 345 678"


def test_collective_clears_person_fields(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    cid = ctx.info["ids"]["Chi bộ thôn Nậm Cang"]
    form = CandidateForm(ctx, plan_id=ctx.plan_id, candidate_id=cid)
    qtbot.addWidget(form)
    assert form.kind() == "collective"
    form.collective_type.setCurrentIndex(form.collective_type.findData("state_budget"))
    form.member_count.setValue(25)
    assert form.save(), form.error_text()
    with ctx.db.session() as s:
        c = s.get(Candidate, cid)
        assert (c.collective_type, c.member_count, c.birth_year) == ("state_budget", 25, None)
