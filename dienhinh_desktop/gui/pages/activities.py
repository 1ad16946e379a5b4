"""Page «Nhân rộng»: replication and propagation activities (talks, exchanges, seminars,
articles, publications, contests, honouring ceremonies) with the models they spread and their
attachments (photos, articles); counts per model and per year.

Saving an activity that spreads recognised or rewarded models offers to move them to
«Đang nhân rộng», with a reason the officer can edit (``services.activities``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from ...errors import UserError
from ...models import Activity, Candidate
from ...models.enums import ActivityKind, CandidateStatus
from ...services import activities as A
from ...services import attachments as ATT
from ...text import fmt_date, fold, vn_key
from ..context import AppContext
from ..style import icon
from ..widgets import ask_yes_no, dialog_buttons, show_error

COLUMNS = [
    "Ngày",
    "Hình thức",
    "Hoạt động",
    "Địa điểm, kênh đăng",
    "Điển hình được giới thiệu",
    "Số người",
    "Tệp",
]


def _n(x: int) -> str:
    return f"{x:,}".replace(",", ".")


class ActivityDialog(QDialog):
    """Add or edit one activity: fields, the models it spreads, attachments."""

    def __init__(
        self,
        ctx: AppContext,
        plan_id: str | None,
        activity_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan_id = plan_id
        self.activity_id = activity_id
        self.saved_id: str | None = None
        self.version: int | None = None
        self.new_files: list[str] = []
        self.removed_attachments: list[str] = []
        self.setWindowTitle("Sửa hoạt động nhân rộng" if activity_id else "Thêm hoạt động nhân rộng")
        self.resize(860, 620)
        layout = QHBoxLayout(self)
        left = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("activityKind")
        for k in ActivityKind:
            self.kind.addItem(k.label, k.value)
        self.title = QLineEdit()
        self.title.setObjectName("activityTitle")
        self.date = QDateEdit()
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate.currentDate())
        self.place = QLineEdit()
        self.organiser = QLineEdit()
        self.outlet = QLineEdit()
        self.outlet.setPlaceholderText("Báo, đài, trang thông tin (với tin, bài, phóng sự)")
        self.participants = QLineEdit()
        self.participants.setPlaceholderText("Thành phần tham dự")
        self.count = QSpinBox()
        self.count.setRange(0, 10_000_000)
        self.count.setSpecialValueText("(không rõ)")
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(90)
        left.addRow("Hình thức:", self.kind)
        left.addRow("Tên hoạt động:", self.title)
        left.addRow("Ngày tổ chức:", self.date)
        left.addRow("Địa điểm:", self.place)
        left.addRow("Đơn vị tổ chức:", self.organiser)
        left.addRow("Kênh đăng:", self.outlet)
        left.addRow("Thành phần:", self.participants)
        left.addRow("Số người tham dự:", self.count)
        left.addRow("Nội dung:", self.description)
        self.files = QListWidget()
        self.files.setMaximumHeight(90)
        file_buttons = QHBoxLayout()
        add_file = QPushButton("Thêm tệp (ảnh, bài báo)…")
        add_file.clicked.connect(self._add_file)
        remove_file = QPushButton("Bỏ tệp")
        remove_file.clicked.connect(self._remove_file)
        file_buttons.addWidget(add_file)
        file_buttons.addWidget(remove_file)
        file_buttons.addStretch(1)
        files_box = QVBoxLayout()
        files_box.addWidget(self.files)
        files_box.addLayout(file_buttons)
        left.addRow("Tệp đính kèm:", files_box)
        left_widget = QWidget()
        left_widget.setLayout(left)
        layout.addWidget(left_widget, 3)

        right = QVBoxLayout()
        right.addWidget(QLabel("Điển hình được giới thiệu, nhân rộng (đánh dấu để chọn):"))
        self.model_search = QLineEdit()
        self.model_search.setObjectName("modelSearch")
        self.model_search.setPlaceholderText("Tìm điển hình (gõ không dấu cũng được)")
        self.model_search.setClearButtonEnabled(True)
        self.model_search.textChanged.connect(self._filter_models)
        right.addWidget(self.model_search)
        self.models = QListWidget()
        self.models.setObjectName("modelList")
        right.addWidget(self.models, 1)
        self.chosen_label = QLabel()
        right.addWidget(self.chosen_label)
        self.models.itemChanged.connect(lambda _item: self._update_chosen())
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        right.addWidget(self.error)
        buttons = dialog_buttons(self, "Lưu", self.save, save=True)
        right.addWidget(buttons)
        layout.addLayout(right, 2)
        self._load()

    # -- loading -------------------------------------------------------------------------------
    def _load(self) -> None:
        chosen: set[str] = set()
        with self.ctx.db.session() as session:
            if self.activity_id:
                a = A.get_activity(session, self.activity_id)
                self.plan_id = a.plan_id or self.plan_id
                self.version = a.version
                self.kind.setCurrentIndex(max(self.kind.findData(a.kind), 0))
                self.title.setText(a.title)
                d = a.activity_date
                self.date.setDate(QDate(d.year, d.month, d.day))
                self.place.setText(a.place or "")
                self.organiser.setText(a.organiser or "")
                self.outlet.setText(a.outlet or "")
                self.participants.setText(a.participants or "")
                self.count.setValue(a.participant_count or 0)
                self.description.setPlainText(a.description or "")
                chosen = {m.candidate_id for m in a.models}
                for att in ATT.list_attachments(session, "activity", a.id):
                    item = QListWidgetItem(att.file_name)
                    item.setData(Qt.ItemDataRole.UserRole, ("old", att.id))
                    self.files.addItem(item)
            stmt = select(Candidate.id, Candidate.name, Candidate.status, Candidate.sort_key).where(
                Candidate.status.not_in((CandidateStatus.REMOVED.value, CandidateStatus.REPLACED.value))
            )
            if self.plan_id:
                stmt = stmt.where(Candidate.plan_id == self.plan_id)
            rows = session.execute(stmt.order_by(Candidate.sort_key)).all()
        # Recognised / rewarded / replicating first: those are the models usually spread.
        spread = {
            CandidateStatus.RECOGNISED.value,
            CandidateStatus.REWARDED.value,
            CandidateStatus.REPLICATING.value,
        }
        rows.sort(key=lambda r: (r.id not in chosen, r.status not in spread, r.sort_key))
        self.models.blockSignals(True)
        for cid, name, status, _key in rows:
            item = QListWidgetItem(f"{name} — {CandidateStatus(status).label}")
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold(name))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cid in chosen else Qt.CheckState.Unchecked)
            self.models.addItem(item)
        self.models.blockSignals(False)
        self._update_chosen()

    def _filter_models(self, text: str) -> None:
        words = fold(text).split()
        for i in range(self.models.count()):
            item = self.models.item(i)
            hay = item.data(Qt.ItemDataRole.UserRole + 1) or ""
            item.setHidden(bool(words) and not all(w in hay for w in words))

    def chosen_ids(self) -> list[str]:
        return [
            self.models.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.models.count())
            if self.models.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, ids: list[str]) -> None:
        for i in range(self.models.count()):
            item = self.models.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in ids:
                item.setCheckState(Qt.CheckState.Checked)

    def _update_chosen(self) -> None:
        self.chosen_label.setText(f"Đã chọn {len(self.chosen_ids())} điển hình.")

    def _add_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp đính kèm (ảnh, bài báo, tài liệu)")
        for path in paths:
            item = QListWidgetItem(Path(path).name)
            item.setData(Qt.ItemDataRole.UserRole, ("new", path))
            self.files.addItem(item)

    def _remove_file(self) -> None:
        for item in self.files.selectedItems():
            what, ref = item.data(Qt.ItemDataRole.UserRole)
            if what == "old":
                self.removed_attachments.append(ref)
            self.files.takeItem(self.files.row(item))

    def values(self) -> dict[str, Any]:
        d = self.date.date()
        return {
            "kind": self.kind.currentData(),
            "title": self.title.text(),
            "activity_date": date(d.year(), d.month(), d.day()),
            "place": self.place.text(),
            "organiser": self.organiser.text(),
            "outlet": self.outlet.text(),
            "participants": self.participants.text(),
            "participant_count": self.count.value() or None,
            "description": self.description.toPlainText(),
        }

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        """Save in one transaction (fields, models, attachments); a UserError shows under the
        list and nothing is written."""
        from ...models import Attachment

        values = self.values()
        ids = self.chosen_ids()
        officer = self.ctx.officer_name()
        freed: list[str] = []
        try:
            with self.ctx.db.transaction() as session:
                if self.activity_id:
                    a = A.get_activity(session, self.activity_id)
                    A.update_activity(session, a, expected_version=self.version, candidate_ids=ids, **values)
                else:
                    a = A.create_activity(session, plan_id=self.plan_id, candidate_ids=ids, **values)
                for i in range(self.files.count()):
                    what, ref = self.files.item(i).data(Qt.ItemDataRole.UserRole)
                    if what == "new":
                        ATT.add_attachment(
                            session, self.ctx.db.files_dir, ref, "activity", a.id, added_by=officer
                        )
                for att_id in self.removed_attachments:
                    att = session.get(Attachment, att_id)
                    if att is not None:
                        freed.append(ATT.remove_attachment(session, att))
                self.saved_id = a.id
        except UserError as exc:
            self.error.setText(exc.message)
            return
        with self.ctx.db.session() as session:
            for rel in freed:
                ATT.delete_file_if_unused(session, self.ctx.db.files_dir, rel)
        self.accept()


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ids: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        head = QHBoxLayout()
        title = QLabel("Nhân rộng")
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addSpacing(12)
        self.search = QLineEdit()
        self.search.setObjectName("activitySearch")
        self.search.setPlaceholderText("Tìm theo tên hoạt động, địa điểm, điển hình…")
        self.search.setClearButtonEnabled(True)
        head.addWidget(self.search, 1)
        self.year = QComboBox()
        self.year.setMinimumWidth(110)
        head.addWidget(QLabel("Năm:"))
        head.addWidget(self.year)
        self.kind = QComboBox()
        self.kind.addItem("Tất cả hình thức", None)
        for k in ActivityKind:
            self.kind.addItem(k.label, k.value)
        head.addWidget(self.kind)
        self.add_button = QPushButton(icon("add"), "Thêm hoạt động")
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(lambda: self.open_activity(None))
        head.addWidget(self.add_button)
        self.edit_button = QPushButton(icon("edit"), "Sửa")
        self.edit_button.clicked.connect(self._edit_selected)
        head.addWidget(self.edit_button)
        self.delete_button = QPushButton("Xóa")
        self.delete_button.clicked.connect(self._delete_selected)
        head.addWidget(self.delete_button)
        layout.addLayout(head)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("activityTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        for col, mode in enumerate(
            [
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
            ]
        ):
            hh.setSectionResizeMode(col, mode)
        hh.resizeSection(3, 200)
        self.table.doubleClicked.connect(lambda _i: self._edit_selected())
        split.addWidget(self.table)

        counts = QWidget()
        cl = QHBoxLayout(counts)
        cl.setContentsMargins(0, 4, 0, 0)
        years_box = QVBoxLayout()
        years_box.addWidget(QLabel("Số hoạt động theo năm và hình thức"))
        self.years_table = QTableWidget(0, 0)
        self.years_table.setObjectName("yearCounts")
        self.years_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.years_table.verticalHeader().setVisible(False)
        years_box.addWidget(self.years_table)
        models_box = QVBoxLayout()
        self.models_label = QLabel("Điển hình được giới thiệu, nhân rộng")
        models_box.addWidget(self.models_label)
        self.models_table = QTableWidget(0, 3)
        self.models_table.setObjectName("modelCounts")
        self.models_table.setHorizontalHeaderLabels(["Điển hình", "Trạng thái", "Số hoạt động"])
        self.models_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.models_table.verticalHeader().setVisible(False)
        self.models_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.models_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        models_box.addWidget(self.models_table)
        cl.addLayout(years_box, 1)
        cl.addLayout(models_box, 1)
        split.addWidget(counts)
        split.setSizes([420, 200])
        layout.addWidget(split, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)

        self._fill_years()
        self.search.textChanged.connect(lambda _t: self.reload())
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        ctx.hub.plan_changed.connect(lambda _pid: self.reload())
        ctx.hub.data_changed.connect(lambda area: self.reload() if area == "activities" else None)
        self.reload()

    def _fill_years(self) -> None:
        this = date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("Tất cả", None)
        with self.ctx.db.session() as session:
            years = set(A.counts_per_year(session, self.ctx.plan_id)) | {this}
        for y in sorted(years, reverse=True):
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(0)
        self.year.blockSignals(False)

    # -- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        year = self.year.currentData()
        date_from = date(year, 1, 1) if year else None
        date_to = date(year, 12, 31) if year else None
        with self.ctx.db.session() as session:
            rows = A.list_activities(
                session,
                plan_id=self.ctx.plan_id,
                date_from=date_from,
                date_to=date_to,
                kind=self.kind.currentData(),
                search=self.search.text() or None,
            )
            files = ATT.count_attachments(session, "activity", [a.id for a in rows])
            data = [
                (
                    a.id,
                    fmt_date(a.activity_date),
                    A.kind_label(a.kind),
                    a.title,
                    "; ".join(x for x in (a.place, a.outlet) if x),
                    "; ".join(m.candidate.name for m in a.models if m.candidate),
                    _n(a.participant_count) if a.participant_count else "",
                    str(files.get(a.id, "")),
                )
                for a in rows
            ]
            per_year = A.counts_per_year(session, self.ctx.plan_id)
            per_model = A.counts_per_model(session, self.ctx.plan_id, date_from, date_to)
        self._ids = [d[0] for d in data]
        self.table.setRowCount(len(data))
        for r, row in enumerate(data):
            for c, value in enumerate(row[1:]):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        self._fill_counts(per_year, per_model)
        total = sum(sum(v.values()) for v in per_year.values())
        self.count_label.setText(f"Hiển thị {_n(len(data))} / {_n(total)} hoạt động")
        if self.isVisible():
            self.ctx.hub.status_count.emit(self.count_label.text())
        self._update_buttons()

    def _fill_counts(self, per_year: dict[int, dict[str, int]], per_model: list[A.ModelCount]) -> None:
        kinds = [k for k in ActivityKind if any(k.value in v for v in per_year.values())]
        years = sorted(per_year, reverse=True)
        self.years_table.setColumnCount(len(years) + 1)
        self.years_table.setHorizontalHeaderLabels(["Hình thức", *[str(y) for y in years]])
        self.years_table.setRowCount(len(kinds) + 1)
        rows = [(k.label, [per_year[y].get(k.value, 0) for y in years]) for k in kinds]
        rows.append(("Cộng", [sum(per_year[y].values()) for y in years]))
        for r, (label, values) in enumerate(rows):
            self.years_table.setItem(r, 0, QTableWidgetItem(label))
            for c, v in enumerate(values, start=1):
                item = QTableWidgetItem(str(v) if v else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.years_table.setItem(r, c, item)
        self.years_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        year = self.year.currentData()
        self.models_label.setText("Điển hình được giới thiệu, nhân rộng" + (f" năm {year}" if year else ""))
        self.models_table.setRowCount(len(per_model))
        for r, m in enumerate(per_model):
            for c, v in enumerate([m.name, CandidateStatus(m.status).label, str(m.activities)]):
                item = QTableWidgetItem(v)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.models_table.setItem(r, c, item)

    def on_shown(self) -> None:
        self.ctx.hub.status_count.emit(self.count_label.text())

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self._ids[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # -- actions ---------------------------------------------------------------------------------
    def _edit_selected(self) -> None:
        aid = self.current_id()
        if aid:
            self.open_activity(aid)

    def open_activity(self, activity_id: str | None) -> str | None:
        dialog = ActivityDialog(self.ctx, self.ctx.plan_id, activity_id, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.saved_id:
            return None
        self.offer_replication(dialog.saved_id)
        self.ctx.hub.data_changed.emit("activities")
        self._fill_years()
        self.reload()
        return dialog.saved_id

    def offer_replication(self, activity_id: str) -> int:
        """Offer to move the activity's recognised/rewarded models to «Đang nhân rộng»."""
        with self.ctx.db.session() as session:
            activity = session.get(Activity, activity_id)
            if activity is None:
                return 0
            offers = [(c.id, c.name) for c in A.replication_offers(session, activity)]
            reason = A.default_reason(activity)
        if not offers:
            return 0
        names = "\n".join(f"- {name}" for _, name in sorted(offers, key=lambda o: vn_key(o[1])))
        if not ask_yes_no(
            self,
            "Hoạt động này giới thiệu những điển hình đã được công nhận, khen thưởng:\n"
            f"{names}\n\nChuyển các điển hình này sang trạng thái «Đang nhân rộng»?",
        ):
            return 0
        text, ok = QInputDialog.getText(
            self, "Lý do chuyển trạng thái", "Lý do:", QLineEdit.EchoMode.Normal, reason
        )
        if not ok:
            return 0
        try:
            with self.ctx.db.transaction() as session:
                activity = session.get(Activity, activity_id)
                A.mark_replicating(
                    session,
                    [cid for cid, _ in offers],
                    by=self.ctx.officer_name(),
                    reason=text,
                    activity=activity,
                )
        except UserError as exc:
            show_error(self, exc.message)
            return 0
        self.ctx.hub.candidates_changed.emit()
        return len(offers)

    def _delete_selected(self) -> None:
        aid = self.current_id()
        if not aid:
            return
        row = self._ids.index(aid)
        title = self.table.item(row, 2).text()
        if not ask_yes_no(
            self,
            f"Xóa hoạt động «{title}» và các tệp đính kèm của nó?\n"
            "Trạng thái của các điển hình không thay đổi.",
        ):
            return
        with self.ctx.db.transaction() as session:
            paths = A.delete_activity(session, A.get_activity(session, aid))
        with self.ctx.db.session() as session:
            for rel in paths:
                ATT.delete_file_if_unused(session, self.ctx.db.files_dir, rel)
        self.ctx.hub.data_changed.emit("activities")
        self.reload()
