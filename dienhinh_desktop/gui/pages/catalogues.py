"""Page «Danh mục»: the unit tree (add a unit under another, edit, move, stop using), the
councils and their members, the 54 ethnic groups of Vietnam with how many candidates each.

Units are never deleted while anything uses them (``services.catalogues``): «Ngừng sử dụng»
hides a unit from the pick lists and keeps it on old records; «Xóa» is only for a unit typed
by mistake that nothing uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...models import Council
from ...services import catalogues as CAT
from ...services import meetings as M
from ...text import vn_key
from ..context import AppContext
from ..widgets import SearchCombo, ask_yes_no, show_error, show_info
from .plans import Col, RowTable

UNIT_ID = Qt.ItemDataRole.UserRole + 1
ROLE_LABELS = {"chair": "Chủ tịch", "vice_chair": "Phó Chủ tịch", "member": "Ủy viên", "secretary": "Thư ký"}
UNIT_COLUMNS = ["Tên đơn vị", "Loại", "Mã ĐVHC", "Thứ tự", "Điển hình"]


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_id: str | None = None
        self.unit_version: int | None = None
        self.council_id: str | None = None
        self._stale = True
        # Tests replace these to answer without dialogs.
        self.confirm: Callable[[str], bool] = lambda text: ask_yes_no(self, text)
        self.inform: Callable[[str], None] = lambda text: show_info(self, text)
        self.warn: Callable[[str], None] = lambda text: show_error(self, text)
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        title = QLabel("Danh mục")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        sub = QLabel(
            "Danh mục dùng chung: các đơn vị, hội đồng bình xét và thành viên, danh mục 54 dân tộc Việt Nam."
        )
        sub.setObjectName("pageSubtitle")
        layout.addWidget(sub)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_units_tab()
        self._build_councils_tab()
        self._build_ethnic_tab()
        ctx.hub.candidates_changed.connect(self._mark_stale)
        ctx.hub.data_changed.connect(lambda _area: self._mark_stale())
        self.reload()

    # ======================================================================== units
    def _build_units_tab(self) -> None:
        w = QWidget()
        layout = QHBoxLayout(w)
        left = QVBoxLayout()
        self.unit_model = QStandardItemModel(0, len(UNIT_COLUMNS), self)
        self.unit_model.setHorizontalHeaderLabels(UNIT_COLUMNS)
        self.unit_tree = QTreeView()
        self.unit_tree.setObjectName("unitTree")
        self.unit_tree.setModel(self.unit_model)
        self.unit_tree.setAlternatingRowColors(True)
        self.unit_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unit_tree.setUniformRowHeights(True)
        self.unit_tree.setStyleSheet("QTreeView#unitTree::item { padding: 3px 2px; }")
        header = self.unit_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c, width in enumerate((0, 140, 78, 56, 72)):
            if c:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
                self.unit_tree.setColumnWidth(c, width)
        self.unit_tree.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._on_unit_chosen(cur)
        )
        left.addWidget(self.unit_tree, 1)
        bar = QHBoxLayout()
        self.show_inactive = QCheckBox("Hiện cả đơn vị ngừng sử dụng")
        self.show_inactive.toggled.connect(lambda _on: self.reload_units())
        bar.addWidget(self.show_inactive)
        bar.addStretch(1)
        self.unit_count = QLabel()
        self.unit_count.setObjectName("pageSubtitle")
        bar.addWidget(self.unit_count)
        left.addLayout(bar)
        layout.addLayout(left, 3)

        box = QGroupBox("Đơn vị đang chọn")
        form = QFormLayout(box)
        self.u_name = QLineEdit()
        self.u_name.setObjectName("unitName")
        self.u_short = QLineEdit()
        self.u_kind = QComboBox()
        for key, label in CAT.UNIT_KINDS.items():
            self.u_kind.addItem(label, key)
        self.u_code = QLineEdit()
        self.u_code.setPlaceholderText("Mã đơn vị hành chính, ví dụ 05116")
        self.u_order = QSpinBox()
        self.u_order.setRange(0, 9999)
        self.u_parent = SearchCombo()
        self.u_parent.setObjectName("unitParent")
        form.addRow("Tên đơn vị:", self.u_name)
        form.addRow("Tên viết tắt:", self.u_short)
        form.addRow("Loại:", self.u_kind)
        form.addRow("Mã ĐVHC:", self.u_code)
        form.addRow("Thứ tự:", self.u_order)
        form.addRow("Trực thuộc:", self.u_parent)
        self.u_usage = QLabel()
        self.u_usage.setWordWrap(True)
        self.u_usage.setObjectName("pageSubtitle")
        form.addRow(self.u_usage)
        self.u_save = QPushButton("Lưu đơn vị")
        self.u_save.setObjectName("primary")
        self.u_save.clicked.connect(lambda: self.save_unit())
        self.u_add_child = QPushButton("Thêm đơn vị trực thuộc…")
        self.u_add_child.clicked.connect(lambda: self.add_unit())
        self.u_add_root = QPushButton("Thêm đơn vị cấp cao nhất…")
        self.u_add_root.clicked.connect(lambda: self.add_unit(root=True))
        self.u_toggle = QPushButton("Ngừng sử dụng")
        self.u_toggle.clicked.connect(lambda: self.toggle_unit())
        self.u_delete = QPushButton("Xóa (đơn vị nhập nhầm)")
        self.u_delete.clicked.connect(lambda: self.delete_unit())
        buttons = QVBoxLayout()
        row1 = QHBoxLayout()
        row1.addWidget(self.u_save)
        row1.addWidget(self.u_add_child)
        buttons.addLayout(row1)
        row2 = QHBoxLayout()
        row2.addWidget(self.u_toggle)
        row2.addWidget(self.u_delete)
        buttons.addLayout(row2)
        buttons.addWidget(self.u_add_root)
        form.addRow(buttons)
        self.u_message = QLabel()
        self.u_message.setWordWrap(True)
        form.addRow(self.u_message)
        box.setMinimumWidth(340)
        box.setMaximumWidth(400)
        layout.addWidget(box, 2, Qt.AlignmentFlag.AlignTop)
        self.tabs.addTab(w, "Đơn vị")

    def reload_units(self, select_id: str | None = None) -> None:
        select_id = select_id or self.unit_id
        with self.ctx.db.session() as s:
            tree = CAT.unit_tree(s, include_inactive=self.show_inactive.isChecked())
            every = CAT.all_units(s)
            self._all_units = [(u.id, u.name, u.active) for u in every]
        self.unit_model.removeRows(0, self.unit_model.rowCount())
        found: dict[str, QStandardItem] = {}
        count = 0

        def add(parent: QStandardItem, node: dict[str, Any]) -> None:
            nonlocal count
            count += 1
            name = node["name"]
            if not node["active"]:
                name += " (ngừng sử dụng)"
            elif node["external"]:
                name += " (đơn vị ngoài)"
            cells = [
                name,
                node["kind_label"],
                node["official_code"] or "",
                str(node["sort_order"]),
                str(node["candidates"]) if node["candidates"] else "",
            ]
            items = [QStandardItem(t) for t in cells]
            items[0].setData(node["id"], UNIT_ID)
            items[0].setToolTip(node["name"] + (f" ({node['short_name']})" if node["short_name"] else ""))
            items[3].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items[4].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not node["active"]:
                for it in items:
                    it.setForeground(QBrush(QColor("#8a96a3")))
                    f = it.font()
                    f.setItalic(True)
                    it.setFont(f)
            parent.appendRow(items)
            found[node["id"]] = items[0]
            for child in node["children"]:
                add(items[0], child)

        root = self.unit_model.invisibleRootItem()
        for node in tree:
            add(root, node)
        self.unit_tree.expandToDepth(1)
        self.unit_count.setText(f"{count} đơn vị")
        self.u_parent.set_items(
            [("(cấp cao nhất)", "")] + [(name, uid) for uid, name, active in self._all_units if active]
        )
        item = found.get(select_id or "") or (root.child(0) if root.rowCount() else None)
        if item is not None:
            index = item.index()
            self.unit_tree.setCurrentIndex(index)
            self.unit_tree.scrollTo(index)
            self._on_unit_chosen(index)
        else:
            self._on_unit_chosen(None)

    def _on_unit_chosen(self, index: Any) -> None:
        uid = index.siblingAtColumn(0).data(UNIT_ID) if index is not None and index.isValid() else None
        self.unit_id = uid
        self.u_message.clear()
        enabled = uid is not None
        for wdg in (self.u_name, self.u_short, self.u_kind, self.u_code, self.u_order, self.u_parent):
            wdg.setEnabled(enabled)
        for b in (self.u_save, self.u_add_child, self.u_toggle, self.u_delete):
            b.setEnabled(enabled)
        if not uid:
            for e in (self.u_name, self.u_short, self.u_code):
                e.clear()
            self.u_usage.clear()
            return
        with self.ctx.db.session() as s:
            unit = CAT.get_unit(s, uid)
            usage = CAT.unit_usage(s, uid)
            self.unit_version = unit.version
            self.u_name.setText(unit.name)
            self.u_short.setText(unit.short_name or "")
            self.u_kind.setCurrentIndex(max(self.u_kind.findData(unit.kind), 0))
            self.u_code.setText(unit.official_code or "")
            self.u_order.setValue(unit.sort_order or 0)
            self.u_parent.select_value(unit.parent_id or "")
            active = unit.active
        self.u_toggle.setText("Ngừng sử dụng" if active else "Dùng lại")
        self.u_delete.setEnabled(not usage.used)
        self.u_delete.setToolTip(
            f"Đang được dùng ({usage.text()}); chỉ ngừng sử dụng được."
            if usage.used
            else "Xóa hẳn đơn vị nhập nhầm."
        )
        self.u_usage.setText(
            f"Đang được dùng: {usage.text()}." if usage.used else "Chưa có hồ sơ nào dùng đơn vị này."
        )

    def _write(self, fn: Callable[[Any], Any]) -> Any:
        try:
            with self.ctx.db.transaction() as s:
                return fn(s)
        except UserError as exc:
            self.warn(exc.message)
            return None

    def save_unit(self) -> bool:
        if not self.unit_id:
            return False
        parent = self.u_parent.current_value()
        if parent is None and self.u_parent.currentText().strip() not in ("", "(cấp cao nhất)"):
            self.warn(f"Không có đơn vị «{self.u_parent.currentText().strip()}» để làm đơn vị cấp trên.")
            return False
        values = {
            "name": self.u_name.text(),
            "short_name": self.u_short.text(),
            "kind": self.u_kind.currentData(),
            "official_code": self.u_code.text(),
            "sort_order": self.u_order.value(),
            "parent_id": parent or None,
        }
        uid, version = self.unit_id, self.unit_version
        ok = self._write(lambda s: CAT.update_unit(s, uid, expected_version=version, **values))
        if ok is None:
            return False
        self._units_changed(uid)
        self.u_message.setText("Đã lưu.")
        return True

    def add_unit(self, name: str | None = None, *, root: bool = False) -> str | None:
        parent_id = None if root else self.unit_id
        if name is None:
            where = "ở cấp cao nhất" if parent_id is None else f"trực thuộc «{self.u_name.text()}»"
            name = self.ask_text("Thêm đơn vị", f"Tên đơn vị {where}:", "")
            if not name:
                return None
        kind = "other"
        if parent_id:
            with self.ctx.db.session() as s:
                parent_kind = CAT.get_unit(s, parent_id).kind
            kind = {"commune": "village", "party_committee": "party_cell", "district": "commune"}.get(
                parent_kind, "other"
            )
        unit = self._write(lambda s: CAT.create_unit(s, name, parent_id=parent_id, kind=kind).id)
        if unit:
            self._units_changed(unit)
        return unit

    def toggle_unit(self) -> bool:
        if not self.unit_id:
            return False
        uid = self.unit_id
        with self.ctx.db.session() as s:
            unit = CAT.get_unit(s, uid)
            active, name = unit.active, unit.name
            usage = CAT.unit_usage(s, uid)
        if not active:
            done = self._write(lambda s: CAT.reactivate_unit(s, uid))
        else:
            with_children = False
            if usage.children:
                with self.ctx.db.session() as s:
                    try:
                        CAT.deactivate_unit(s, uid)
                    except UserError as exc:
                        if exc.code != "in_use" or "trực thuộc" not in exc.message:
                            self.warn(exc.message)
                            return False
                        if not self.confirm(exc.message + "\n\nNgừng sử dụng cả các đơn vị trực thuộc?"):
                            return False
                        with_children = True
                    finally:
                        s.rollback()
            elif not self.confirm(
                f"Ngừng sử dụng «{name}»? Đơn vị sẽ không hiện trong danh sách chọn; hồ sơ cũ vẫn giữ nguyên."
            ):
                return False
            done = self._write(lambda s: CAT.deactivate_unit(s, uid, with_children=with_children))
        if done is None:
            return False
        if active and not self.show_inactive.isChecked():
            self.show_inactive.setChecked(True)  # keep the unit in sight, greyed
        self._units_changed(uid)
        return True

    def delete_unit(self) -> bool:
        if not self.unit_id:
            return False
        uid, name = self.unit_id, self.u_name.text()
        if not self.confirm(f"Xóa hẳn đơn vị «{name}»?"):
            return False
        if self._write(lambda s: CAT.delete_unit(s, uid) or True) is None:
            return False
        self.unit_id = None
        self._units_changed(None)
        return True

    def _units_changed(self, select_id: str | None) -> None:
        self.reload_units(select_id)
        self.ctx.hub.data_changed.emit("units")

    # ======================================================================== councils
    def _build_councils_tab(self) -> None:
        w = QWidget()
        layout = QHBoxLayout(w)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 4, 0)
        self.council_list = QListWidget()
        self.council_list.setObjectName("councilList")
        self.council_list.currentItemChanged.connect(lambda cur, _prev: self._on_council_chosen(cur))
        ll.addWidget(self.council_list, 1)
        self.show_old_councils = QCheckBox("Hiện cả hội đồng ngừng hoạt động")
        self.show_old_councils.toggled.connect(lambda _on: self.reload_councils())
        ll.addWidget(self.show_old_councils)
        add = QPushButton("Thêm hội đồng…")
        add.clicked.connect(lambda: self.add_council())
        ll.addWidget(add)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(4, 0, 0, 0)
        form = QFormLayout()
        self.c_name = QLineEdit()
        self.c_kind = QComboBox()
        for key, label in M.COUNCIL_KINDS.items():
            self.c_kind.addItem(label, key)
        self.c_established = QLineEdit()
        self.c_established.setPlaceholderText("Ví dụ: Quyết định số 12-QĐ/ĐU ngày 05/01/2026")
        self.c_active = QCheckBox("Đang hoạt động")
        form.addRow("Tên hội đồng:", self.c_name)
        form.addRow("Loại:", self.c_kind)
        form.addRow("Thành lập theo:", self.c_established)
        form.addRow("", self.c_active)
        rl.addLayout(form)
        rl.addWidget(
            QLabel("Thành viên (bỏ dấu «Còn» khi một người thôi tham gia; biên bản cũ vẫn giữ tên):")
        )
        self.members = RowTable(
            [
                Col("full_name", "Họ và tên", width=190),
                Col("position", "Chức vụ công tác", stretch=True),
                Col("role", "Vai trò", "choice", ROLE_LABELS, width=150),
                Col("active", "Còn", "bool"),
            ],
            add_label="Thêm thành viên",
            remove_label="Bỏ dòng mới",
            can_remove=lambda row: (
                "Thành viên đã lưu không xóa được (các cuộc họp cũ còn ghi tên); hãy bỏ dấu «Còn»."
                if row.get("id")
                else None
            ),
            on_refused=lambda text: self.warn(text),
            new_row=lambda: {"full_name": "", "role": "member", "active": True},
        )
        rl.addWidget(self.members, 1)
        bar = QHBoxLayout()
        self.c_count = QLabel()
        self.c_count.setObjectName("pageSubtitle")
        bar.addWidget(self.c_count, 1)
        self.c_save = QPushButton("Lưu hội đồng")
        self.c_save.setObjectName("primary")
        self.c_save.clicked.connect(lambda: self.save_council())
        bar.addWidget(self.c_save)
        rl.addLayout(bar)
        split.addWidget(right)
        split.setSizes([300, 800])
        layout.addWidget(split)
        self.tabs.addTab(w, "Hội đồng")

    def reload_councils(self, select_id: str | None = None) -> None:
        select_id = select_id or self.council_id
        with self.ctx.db.session() as s:
            councils = [
                (c.id, c.name, c.active, len([m for m in c.members if m.active]))
                for c in M.list_councils(s, active_only=not self.show_old_councils.isChecked())
            ]
        self.council_list.blockSignals(True)
        self.council_list.clear()
        target = None
        for cid, name, active, n in councils:
            item = QListWidgetItem(f"{name}\n{n} thành viên" + ("" if active else " · ngừng hoạt động"))
            item.setData(Qt.ItemDataRole.UserRole, cid)
            if not active:
                item.setForeground(QBrush(QColor("#8a96a3")))
            self.council_list.addItem(item)
            if target is None or cid == select_id:
                target = item
        self.council_list.blockSignals(False)
        if target is not None:
            self.council_list.setCurrentItem(target)
            self._on_council_chosen(target)
        else:
            self._on_council_chosen(None)

    def _on_council_chosen(self, item: QListWidgetItem | None) -> None:
        cid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.council_id = cid
        enabled = cid is not None
        for wdg in (self.c_name, self.c_kind, self.c_established, self.c_active, self.members, self.c_save):
            wdg.setEnabled(enabled)
        if not cid:
            self.c_name.clear()
            self.c_established.clear()
            self.members.set_rows([])
            self.c_count.setText("Chưa có hội đồng nào. Bấm «Thêm hội đồng…».")
            return
        with self.ctx.db.session() as s:
            council = s.get(Council, cid)
            self.c_name.setText(council.name)
            self.c_kind.setCurrentIndex(max(self.c_kind.findData(council.kind), 0))
            self.c_established.setText(council.established_by or "")
            self.c_active.setChecked(council.active)
            rows = [
                {
                    "id": m.id,
                    "full_name": m.full_name,
                    "position": m.position,
                    "role": m.role,
                    "active": m.active,
                }
                for m in council.members
            ]
        self.members.set_rows(rows)
        self._count_members(rows)

    def _count_members(self, rows: list[dict[str, Any]]) -> None:
        active = [r for r in rows if r.get("active")]
        parts = [f"{len(active)} thành viên đang tham gia"]
        for role in ("chair", "vice_chair", "secretary"):
            n = sum(1 for r in active if r.get("role") == role)
            if n:
                parts.append(f"{n} {ROLE_LABELS[role].lower()}")
        self.c_count.setText(", ".join(parts) + ".")

    def add_council(self, name: str | None = None) -> str | None:
        if name is None:
            name = self.ask_text("Thêm hội đồng", "Tên hội đồng:", "Hội đồng Thi đua – Khen thưởng")
            if not name:
                return None
        cid = self._write(lambda s: M.create_council(s, name).id)
        if cid:
            self.reload_councils(cid)
            self.ctx.hub.data_changed.emit("councils")
        return cid

    def save_council(self) -> bool:
        if not self.council_id:
            return False
        cid = self.council_id
        values = {
            "name": self.c_name.text(),
            "kind": self.c_kind.currentData(),
            "established_by": self.c_established.text(),
            "active": self.c_active.isChecked(),
        }
        rows = [r for r in self.members.rows() if r.get("id") or (r.get("full_name") or "").strip()]

        def apply(s: Any) -> bool:
            CAT.update_council(s, cid, **values)
            CAT.set_members(s, cid, rows)
            return True

        if not self._write(apply):
            return False
        self.reload_councils(cid)
        self.ctx.hub.data_changed.emit("councils")
        return True

    # ======================================================================== ethnic groups
    def _build_ethnic_tab(self) -> None:
        w = QWidget()
        layout = QVBoxLayout(w)
        note = QLabel(
            "Danh mục 54 dân tộc Việt Nam (Tổng cục Thống kê), xếp theo số dân. Ô «Dân tộc» của phiếu điển hình "
            "gợi ý theo danh mục này; cách ghi khác (không dấu, viết liền…) được tính vào dân tộc tương ứng."
        )
        note.setWordWrap(True)
        note.setObjectName("pageSubtitle")
        layout.addWidget(note)
        self.ethnic_table = QTableWidget(0, 4)
        self.ethnic_table.setObjectName("ethnicTable")
        self.ethnic_table.setHorizontalHeaderLabels(
            ["TT", "Dân tộc", "Số điển hình", "Cách ghi trong dữ liệu"]
        )
        self.ethnic_table.verticalHeader().setVisible(False)
        self.ethnic_table.verticalHeader().setDefaultSectionSize(24)
        self.ethnic_table.setAlternatingRowColors(True)
        self.ethnic_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ethnic_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        h = self.ethnic_table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.ethnic_table.setColumnWidth(1, 200)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.ethnic_table, 1)
        self.ethnic_summary = QLabel()
        self.ethnic_summary.setWordWrap(True)
        layout.addWidget(self.ethnic_summary)
        self.tabs.addTab(w, "Dân tộc")

    def reload_ethnic(self) -> None:
        with self.ctx.db.session() as s:
            rows = CAT.ethnicity_counts(s)
        t = self.ethnic_table
        t.setRowCount(len(rows))
        bold = QFont(t.font())
        bold.setBold(True)
        people = sum(r.candidates for r in rows)
        minority = sum(r.candidates for r in rows if r.minority)
        unknown = 0
        for i, r in enumerate(rows):
            stt = QTableWidgetItem(str(i + 1) if r.official else "")
            stt.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name = QTableWidgetItem(r.name if r.official else f"{r.name} (không có trong danh mục)")
            count = QTableWidgetItem(str(r.candidates) if r.candidates else "")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            others = [
                f"{k} ({n})"
                for k, n in sorted(r.spellings.items(), key=lambda kv: vn_key(kv[0]))
                if k != r.name
            ]
            spell = QTableWidgetItem(", ".join(others))
            if r.candidates:
                count.setFont(bold)
            if not r.official:
                unknown += r.candidates
                for it in (stt, name, count, spell):
                    it.setForeground(QBrush(QColor("#9a5b00")))
            for c, it in enumerate((stt, name, count, spell)):
                t.setItem(i, c, it)
        text = (
            f"{people} điển hình (cá nhân, hộ gia đình) có ghi dân tộc; trong đó {minority} người dân tộc thiểu số "
            f"({sum(1 for r in rows if r.official and r.candidates)} dân tộc có điển hình)."
        )
        if unknown:
            text += f" {unknown} hồ sơ ghi dân tộc không có trong danh mục: hãy sửa lại trên phiếu điển hình."
        self.ethnic_summary.setText(text)

    # ======================================================================== common
    def _ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, default)
        return text.strip() if ok and text.strip() else None

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def on_shown(self) -> None:
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self.reload_units()
        self.reload_councils()
        self.reload_ethnic()
