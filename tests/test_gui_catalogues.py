"""The «Danh mục» page: the unit tree, councils and members, the ethnic groups."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from dienhinh_desktop.models import Council, Unit  # noqa: E402
from dienhinh_desktop.services import meetings as M  # noqa: E402
from tests.gui_helpers import fill  # noqa: E402


@pytest.fixture
def page(bare_db, qtbot):  # type: ignore[no-untyped-def]
    from dienhinh_desktop.gui.context import AppContext
    from dienhinh_desktop.gui.pages.catalogues import Page

    info = fill(bare_db)
    with bare_db.transaction() as s:
        M.create_council(
            s,
            "Hội đồng Thi đua – Khen thưởng xã",
            members=[{"full_name": "Lý Văn Thắng", "position": "Chủ tịch UBND xã", "role": "chair"}],
        )
    widget = Page(AppContext(bare_db))
    widget.messages = []
    widget.warn = lambda text: widget.messages.append(("warn", text))
    widget.confirm = lambda text: True
    widget.info = info
    qtbot.addWidget(widget)
    widget.resize(1166, 700)
    widget.show()
    return widget


def _select_unit(page, unit_id):  # type: ignore[no-untyped-def]
    page.reload_units(unit_id)
    assert page.unit_id == unit_id


def test_unit_tree_shows_every_unit(page):
    model = page.unit_model
    names = []

    def walk(parent):  # type: ignore[no-untyped-def]
        for r in range(model.rowCount(parent)):
            idx = model.index(r, 0, parent)
            names.append(idx.data())
            walk(idx)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    assert {"Đảng ủy xã Tân Lập", "Chi bộ thôn Nậm Cang", "Trường Tiểu học Tân Lập"} <= set(names)
    assert page.unit_count.text() == "3 đơn vị"


def test_add_child_edit_and_move(page, bare_db):
    cell = page.info["unit_ids"][0]
    _select_unit(page, cell)
    new_id = page.add_unit("Tổ đảng số 1")
    assert new_id and page.unit_id == new_id
    with bare_db.session() as s:
        assert s.get(Unit, new_id).parent_id == cell
    page.u_name.setText("Tổ đảng số 1 thôn Nậm Cang")
    page.u_code.setText("05116")
    page.u_kind.setCurrentIndex(page.u_kind.findData("party_cell"))
    page.u_parent.select_value(page.info["unit_ids"][1])
    assert page.save_unit(), page.messages
    with bare_db.session() as s:
        u = s.get(Unit, new_id)
        assert (u.name, u.official_code, u.kind, u.parent_id) == (
            "Tổ đảng số 1 thôn Nậm Cang",
            "05116",
            "party_cell",
            page.info["unit_ids"][1],
        )
    # A unit cannot go under itself.
    page.u_parent.select_value(new_id)
    assert not page.save_unit()
    assert "không được là chính nó" in page.messages[-1][1]


def test_deactivate_never_deletes_a_unit_in_use(page, bare_db):
    cell = page.info["unit_ids"][0]
    _select_unit(page, cell)
    assert not page.u_delete.isEnabled()  # candidates use it
    assert "điển hình" in page.u_usage.text()
    assert page.toggle_unit()
    with bare_db.session() as s:
        assert s.get(Unit, cell).active is False
    assert (
        page.show_inactive.isChecked()
        and "ngừng sử dụng"
        in page.unit_model.itemFromIndex(page.unit_tree.currentIndex().siblingAtColumn(0)).text()
    )
    assert page.toggle_unit()  # «Dùng lại»
    with bare_db.session() as s:
        assert s.get(Unit, cell).active is True
    spare = page.add_unit("Đơn vị nhập nhầm", root=True)
    assert page.u_delete.isEnabled()
    assert page.delete_unit()
    with bare_db.session() as s:
        assert s.get(Unit, spare) is None


def test_council_members_edit(page, bare_db):
    assert page.council_list.count() == 1
    assert page.members.row_count() == 1
    r = page.members.add_row()
    page.members.set_cell(r, "full_name", "Phạm Thị Hồng Nhung")
    page.members.set_cell(r, "position", "Chánh Văn phòng")
    page.members.set_cell(r, "role", "secretary")
    assert not page.members.remove_row(0)  # a saved member is only marked as gone
    assert "bỏ dấu «Còn»" in page.messages[-1][1]
    page.c_established.setText("Quyết định số 12-QĐ/UBND ngày 05/01/2026")
    assert page.save_council(), page.messages
    with bare_db.session() as s:
        c = s.query(Council).one()
        assert c.established_by.startswith("Quyết định số 12")
        assert [(m.full_name, m.role) for m in c.members] == [
            ("Lý Văn Thắng", "chair"),
            ("Phạm Thị Hồng Nhung", "secretary"),
        ]
    assert "1 thư ký" in page.c_count.text()
    page.members.set_cell(0, "active", False)
    assert page.save_council()
    with bare_db.session() as s:
        assert [m.active for m in s.query(Council).one().members] == [False, True]
    cid = page.add_council("Ban Thường vụ Đảng ủy xã")
    assert cid and page.council_list.count() == 2


def test_ethnic_tab_lists_54_groups(page):
    t = page.ethnic_table
    assert t.rowCount() >= 54
    assert t.item(0, 1).text() == "Kinh"
    names = {t.item(r, 1).text() for r in range(t.rowCount())}
    assert {"Mông", "Khơ-me", "Rơ Măm", "Ơ Đu"} <= names
