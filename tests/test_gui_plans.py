"""The «Kế hoạch» page: templates read-only, copy, edit and save, refusals, stale saves."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from sqlalchemy import select  # noqa: E402

from dienhinh_desktop.models import Plan  # noqa: E402
from dienhinh_desktop.services import plan_editing as PE  # noqa: E402
from tests.gui_helpers import fill, type_text  # noqa: E402


@pytest.fixture
def page(db, qtbot):  # type: ignore[no-untyped-def]
    from dienhinh_desktop.gui.context import AppContext
    from dienhinh_desktop.gui.pages.plans import Page

    info = fill(db)
    ctx = AppContext(db)
    widget = Page(ctx)
    widget.messages = []
    widget.warn = lambda text: widget.messages.append(("warn", text))
    widget.inform = lambda text: widget.messages.append(("info", text))
    widget.confirm = lambda text: True
    widget.info = info
    qtbot.addWidget(widget)
    widget.resize(1166, 700)
    widget.show()
    return widget


def _items(page):  # type: ignore[no-untyped-def]
    out = []
    for i in range(page.plan_list.count()):
        item = page.plan_list.item(i)
        out.append((item.data(Qt.ItemDataRole.UserRole), item.text()))
    return out


def test_list_shows_own_plan_and_templates_read_only(page, db):
    items = [(pid, text) for pid, text in _items(page) if pid]
    with db.session() as s:
        templates = s.scalars(select(Plan.id).where(Plan.is_template.is_(True))).all()
    assert len(items) == 1 + len(templates)
    assert page.plan_id == page.info["plan_id"]  # the plan the office works on is shown first
    assert sum("Mẫu" in text for _pid, text in items) == len(templates)
    assert not page.is_template and page.save_btn.isVisible() and not page.save_btn.isEnabled()
    page.select_plan(templates[0])
    assert page.is_template
    assert page.name.isReadOnly() and page.fields.read_only and not page.fields.add_btn.isEnabled()
    assert not page.save_btn.isVisible() and "chỉ xem" in page.banner.text()
    assert page.tabs.count() == 6


def test_copy_template_selects_it_and_makes_it_current(page, db):
    with db.session() as s:
        tpl = s.scalars(select(Plan).where(Plan.is_template.is_(True)).order_by(Plan.template_key)).first()
        tpl_id, n_fields = tpl.id, len(tpl.fields)
    page.select_plan(tpl_id)
    new_id = page.copy_selected(name="Kế hoạch của xã Tân Lập")
    assert new_id and page.plan_id == new_id and page.ctx.plan_id == new_id
    assert not page.is_template and not page.name.isReadOnly()
    assert page.fields.row_count() == n_fields
    assert page.messages and page.messages[-1][0] == "info"
    with db.session() as s:
        plan = s.get(Plan, new_id)
        assert not plan.is_template and plan.copied_from_id == tpl_id


def test_edit_and_save_in_one_transaction(page, db, qtbot):
    page.name.clear()
    type_text(qtbot, page.name, "Kế hoạch điển hình xã Tân Lập")
    page.name.textEdited.emit(page.name.text())
    assert page.dirty and page.save_btn.isEnabled()
    r = page.fields.add_row()
    page.fields.set_cell(r, "name", "Quốc phòng – an ninh")
    page.fields.set_cell(r, "code", "3")
    r = page.phases.add_row()
    page.phases.set_cell(r, "name", "Đăng ký xây dựng điển hình")
    page.phases.set_cell(r, "kind", "registration")
    page.phases.set_cell(r, "deadline", "31/03/2026")
    r = page.quotas.add_row()
    page.quotas.set_cell(r, "unit_kind", "party_cell")
    page.quotas.set_cell(r, "max_count", "2")
    r = page.rules.add_row()
    page.rules.set_cell(r, "threshold_percent", "66,67")
    page.rules.set_cell(r, "strict", False)
    assert page.save(), page.messages
    with db.session() as s:
        plan = s.get(Plan, page.info["plan_id"])
        assert plan.name == "Kế hoạch điển hình xã Tân Lập"
        assert [f.name for f in plan.fields][-1] == "Quốc phòng – an ninh"
        assert plan.phases[-1].deadline.isoformat() == "2026-03-31"
        assert plan.quotas[0].unit_kind == "party_cell" and plan.quotas[0].max_count == 2
        assert plan.pass_rules[0].threshold_percent == pytest.approx(66.67) and not plan.pass_rules[0].strict
    assert not page.dirty


def test_criteria_sets_and_criteria(page, db):
    page.tabs.setCurrentIndex(5)
    r = page.sets.add_row()
    page.sets.set_cell(r, "name", "Tiêu chí cá nhân")
    page.sets.set_cell(r, "applies_kind", "individual")
    page.sets.set_cell(r, "field_id", page.info["field_ids"][1])
    page.sets.table.setCurrentCell(r, 1)
    c = page.criteria.add_row()
    page.criteria.set_cell(c, "text", "Hoàn thành tốt nhiệm vụ")
    page.criteria.set_cell(c, "value_type", "rating")
    page.criteria.table.setCurrentCell(c, 1)
    page.c_scale.setText("Xuất sắc; Tốt; Hoàn thành")
    page.c_scale.textEdited.emit(page.c_scale.text())
    # A rating criterion without its lowest level is refused with the row named; nothing is saved.
    assert not page.save()
    assert "Mức tối thiểu" in page.messages[-1][1] and "dòng 1" in page.messages[-1][1]
    with db.session() as s:
        assert not s.get(Plan, page.info["plan_id"]).criteria_sets
    page.c_min.setText("Tốt")
    page.c_min.textEdited.emit("Tốt")
    assert page.save(), page.messages
    with db.session() as s:
        cs = s.get(Plan, page.info["plan_id"]).criteria_sets[0]
        assert cs.field_id == page.info["field_ids"][1]
        assert (
            cs.criteria[0].rating_scale == ["Xuất sắc", "Tốt", "Hoàn thành"]
            and cs.criteria[0].min_rating == "Tốt"
        )


def test_removing_a_field_in_use_is_refused(page):
    page.tabs.setCurrentIndex(2)
    n = page.fields.row_count()
    assert not page.fields.remove_row(0)
    assert page.messages[-1][0] == "warn" and "đang có 4 điển hình" in page.messages[-1][1]
    assert page.fields.row_count() == n


def test_stale_save_says_so(page, db, qtbot):
    with db.transaction() as s:
        PE.update_plan(s, page.info["plan_id"], code="99-KH/ĐU")
    type_text(qtbot, page.cadence, "hằng năm")
    page.cadence.textEdited.emit(page.cadence.text())
    assert not page.save()
    assert "vừa được người khác sửa" in page.messages[-1][1]
    assert not page.error.isHidden()
    with db.session() as s:
        assert s.get(Plan, page.info["plan_id"]).recognition_cadence is None


def test_activate_another_plan(page, db):
    with db.transaction() as s:
        other = PE.create_plan(s, "Kế hoạch năm 2026").id
    page.reload_list(other)
    assert page.plan_id == other and page.activate_btn.isEnabled()
    assert page.activate_selected()
    assert page.ctx.plan_id == other
    with db.session() as s:
        assert s.get(Plan, other).status == "active"
        assert s.get(Plan, page.info["plan_id"]).status == "closed"
