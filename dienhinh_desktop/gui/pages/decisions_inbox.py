"""Page «Quyết định nhận về»: the decisions received from above, importing a decision file
(.docx, .xlsx, .xls) through the review screen, or entering one by hand (PDF, scan)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from ...errors import UserError
from ...models.enums import LABELS, AwardKind
from ...text import fmt_date, fold, parse_date
from ..context import AppContext
from ..style import icon
from ..widgets import ask_yes_no, show_error, show_info
from ..worker import report_error, run_in_worker

READABLE = (".docx", ".xlsx", ".xlsm", ".xls")
UNREADABLE = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".doc")
OPEN_FILTER = (
    "Quyết định (*.docx *.xlsx *.xls *.pdf *.jpg *.jpeg *.png *.tif *.tiff);;"
    "Word, Excel (*.docx *.xlsx *.xls);;PDF, ảnh quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Tất cả các tệp (*)"
)
PACKAGE_FILTER = "Gói quyết định (*.dhpkg *.zip);;Tất cả các tệp (*)"
ATTACH_FILTER = "PDF, ảnh quét, Word (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.docx *.doc);;Tất cả các tệp (*)"
CANNOT_READ = (
    "Tệp «{name}» là {what}: chương trình không đọc được chữ trong tệp này.\n\n"
    "Có thể nhập quyết định bằng tay (số, ngày, cơ quan ban hành, hình thức, đánh dấu các điển "
    "hình được ghi nhận) và đính kèm tệp này làm bản gốc."
)


def _unreadable_kind(path: Path) -> str:
    ext = path.suffix.lower()
    if ext == ".pdf":
        return "tệp PDF"
    if ext == ".doc":
        return "tệp Word cũ (.doc)"
    return "ảnh (bản quét)"


# ----------------------------------------------------------------------------- the list


class DecisionListModel(QAbstractTableModel):
    HEADERS = ["Số, ký hiệu", "Ngày", "Cơ quan ban hành", "Hình thức", "Số điển hình ghi nhận", "Nguồn"]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[dict[str, Any]] = []

    def load(self, items: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return d["number"] or "(không số)"
            if col == 1:
                return d["date_text"]
            if col == 2:
                return d["issuer"] or ""
            if col == 3:
                return d["award"]
            if col == 4:
                if d["entries"] and d["entries"] != d["recorded"]:
                    return f"{d['recorded']} / {d['entries']} dòng"
                return str(d["recorded"])
            if col == 5:
                return d["source_label"] + (" · có tệp gốc" if d["has_file"] else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def decision_id(self, row: int) -> str | None:
        return self.items[row]["id"] if 0 <= row < len(self.items) else None

    def find_row(self, decision_id: str) -> int:
        return next((i for i, d in enumerate(self.items) if d["id"] == decision_id), -1)


def open_file(parent: QWidget | None, path: str | None) -> bool:
    """Open a stored file with the program the system uses for it."""
    if not path or not Path(path).is_file():
        show_error(
            parent,
            f"Không tìm thấy tệp gốc «{path or ''}» trên máy này (thư mục tệp đính kèm có thể chưa được "
            "chép cùng tệp dữ liệu).",
        )
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class DecisionDetailsDialog(QDialog):
    """A received decision: its facts, its entries and the candidate each was recorded on."""

    def __init__(self, ctx: AppContext, decision_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...services.decisions_manual import decision_details

        with ctx.db.session() as s:
            self.details = d = decision_details(s, decision_id, ctx.db.files_dir)
        self.setWindowTitle(f"Quyết định số {d['number'] or '(không số)'}")
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        title = QLabel(
            f"Quyết định số {html.escape(d['number'] or '(không số)')} ngày {d['date_text'] or '?'}"
        )
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        form = QFormLayout()
        form.addRow("Cơ quan ban hành:", QLabel(html.escape(d["issuer"] or "")))
        form.addRow("Hình thức:", QLabel(html.escape(d["award"])))
        if d.get("title"):
            t = QLabel(html.escape(d["title"]))
            t.setWordWrap(True)
            form.addRow("Trích yếu:", t)
        recorded_at = d["recorded_at"].strftime("%d/%m/%Y %H:%M") if d["recorded_at"] else ""
        form.addRow("Nhập vào chương trình:", QLabel(f"{d['source_label']}, {recorded_at}".strip(", ")))
        form.addRow(
            "Ghi nhận:", QLabel(f"<b>{d['recorded']}</b> điển hình / {len(d['entries'])} dòng của danh sách")
        )
        layout.addLayout(form)
        self.table = QTableView()
        self.table.setObjectName("detailsTable")
        model = QStandardItemModel(0, 6, self)
        model.setHorizontalHeaderLabels(
            [
                "TT",
                "Tên trong quyết định",
                "Chức vụ, đơn vị",
                "Năm sinh",
                "Ghi nhận cho điển hình",
                "Trạng thái",
            ]
        )
        for e in d["entries"]:
            cells = [
                str(e["row"]),
                e["name"],
                e["unit"] or "",
                str(e["birth_year"] or ""),
                e["candidate_name"] or "— không phải người của đơn vị —",
                e["candidate_status"] or "",
            ]
            items = [QStandardItem(v) for v in cells]
            for it in items:
                it.setEditable(False)
                it.setToolTip(it.text())
            if not e["candidate_name"]:
                items[4].setForeground(Qt.GlobalColor.gray)
            model.appendRow(items)
        self.table.setModel(model)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hh = self.table.horizontalHeader()
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setStretchLastSection(True)
        for col, w in ((0, 40), (1, 220), (2, 250), (3, 80), (4, 220)):
            self.table.setColumnWidth(col, w)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Mở tệp gốc")
        self.open_button.setObjectName("openOriginal")
        if d["file_name"]:
            self.open_button.setText(f"Mở tệp gốc «{d['file_name']}»")
            self.open_button.setToolTip("Mở bằng chương trình của máy (Word, Excel, trình đọc PDF…)")
        else:
            self.open_button.setEnabled(False)
            self.open_button.setToolTip("Quyết định này không có tệp gốc đính kèm.")
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        close = QPushButton("Đóng")
        close.setDefault(True)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(lambda: open_file(self, d["file_path"]))
        close.clicked.connect(self.accept)


# ----------------------------------------------------------------------------- manual entry

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 2


class _CandidateFilter(QSortFilterProxyModel):
    """Accent-free search over the candidate rows; optionally only the ticked ones."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.only_checked = False

    def refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        item = self.sourceModel().index(row, 0, parent)
        if self.only_checked and item.data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked.value:
            return False
        folded = item.data(FOLDED_ROLE) or ""
        return all(w in folded for w in self.words)


class ManualDecisionDialog(QDialog):
    """Enter a received decision by hand: its facts, then tick the candidates it names."""

    def __init__(
        self, ctx: AppContext, file_path: str | Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: str | None = None
        self.job = None
        self.setWindowTitle("Nhập quyết định bằng tay")
        self.resize(1000, 680)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        head = QLabel("Nhập quyết định nhận về bằng tay")
        head.setObjectName("pageTitle")
        layout.addWidget(head)
        hint = QLabel(
            "Dùng khi quyết định chỉ có bản giấy, bản quét hoặc tệp PDF. Các trường có dấu * là bắt buộc."
        )
        hint.setObjectName("pageSubtitle")
        layout.addWidget(hint)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.number = QLineEdit()
        self.number.setObjectName("decisionNumber")
        self.number.setPlaceholderText("ví dụ 125-QĐ/TU hoặc 2345/QĐ-UBND")
        form.addRow("Số, ký hiệu *", self.number)
        self.date = QLineEdit()
        self.date.setObjectName("decisionDate")
        self.date.setPlaceholderText("dd/mm/yyyy")
        self.date.setMaximumWidth(140)
        self.date.editingFinished.connect(self._tidy_date)
        form.addRow("Ngày ký *", self.date)
        self.issuer = QComboBox()
        self.issuer.setObjectName("decisionIssuer")
        self.issuer.setEditable(True)
        self.issuer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.issuer.lineEdit().setPlaceholderText("ví dụ Ban Thường vụ Tỉnh ủy Lào Cai")
        form.addRow("Cơ quan ban hành *", self.issuer)
        self.award_kind = QComboBox()
        self.award_kind.setObjectName("awardKind")
        for k in AwardKind:
            self.award_kind.addItem(LABELS[k], k.value)
        form.addRow("Hình thức *", self.award_kind)
        self.award_label = QLineEdit()
        self.award_label.setObjectName("awardLabel")
        self.award_label.setPlaceholderText(
            "ghi như trong quyết định, ví dụ «Bằng khen của Chủ tịch UBND tỉnh» (không bắt buộc)"
        )
        form.addRow("Tên hình thức", self.award_label)
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("attachedFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("(chưa đính kèm) — bản PDF hoặc ảnh quét của quyết định")
        file_row.addWidget(self.file_edit, 1)
        pick = QPushButton("Chọn tệp…")
        drop = QPushButton("Bỏ")
        file_row.addWidget(pick)
        file_row.addWidget(drop)
        form.addRow("Tệp quyết định", file_row)
        layout.addLayout(form)
        pick.clicked.connect(self._pick_file)
        drop.clicked.connect(lambda: self.set_file(None))

        tick = QLabel("<b>Các điển hình được ghi nhận theo quyết định</b> (đánh dấu ô trước tên):")
        layout.addWidget(tick)
        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("manualSearch")
        self.search.setPlaceholderText(
            "Tìm theo họ tên, tên tập thể, chức vụ, đơn vị… (gõ không dấu cũng được)"
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        search_row.addWidget(self.search, 1)
        self.only_checked = QCheckBox("Chỉ hiện những điển hình đã chọn")
        search_row.addWidget(self.only_checked)
        layout.addLayout(search_row)

        self.source = QStandardItemModel(0, 4, self)
        self.source.setHorizontalHeaderLabels(["Tên điển hình", "Năm sinh", "Chức vụ, đơn vị", "Trạng thái"])
        self.proxy = _CandidateFilter()
        self.proxy.setSourceModel(self.source)
        self.table = QTableView()
        self.table.setObjectName("manualCandidates")
        self.table.setModel(self.proxy)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.table.horizontalHeader()
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 80)
        self.table.setColumnWidth(3, 130)
        layout.addWidget(self.table, 1)

        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        self.count = QLabel()
        bottom.addWidget(self.count, 1)
        cancel = QPushButton("Hủy")
        self.save_button = QPushButton("Ghi nhận quyết định")
        self.save_button.setObjectName("primary")
        bottom.addWidget(cancel)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.submit())
        self.search.textChanged.connect(self._on_search)
        self.only_checked.toggled.connect(self._on_only_checked)
        self.source.itemChanged.connect(lambda _i: self._update_count())
        self.table.activated.connect(self._toggle)

        self._load()
        self.set_file(file_path)
        self.number.setFocus()

    def _load(self) -> None:
        from ...models import Decision
        from ...services.candidates import list_candidates
        from ...services.lifecycle import status_label

        plan_id = self.ctx.plan_id
        with self.ctx.db.session() as s:
            cands = list_candidates(s, plan_id=plan_id, include_removed=False)
            rows = [
                (c.id, c.name, c.birth_year, c.position_unit or (c.unit.name if c.unit else ""), status_label(c.status),
                 c.search_text)
                for c in cands
            ]  # fmt: skip
            issuers = sorted(set(s.scalars(select(Decision.issuer).where(Decision.issuer.is_not(None)))))
        self.issuer.addItems(issuers)
        self.issuer.setCurrentIndex(-1)
        self.issuer.setEditText("")
        for cid, name, year, where, status, search_text in rows:
            first = QStandardItem(name)
            first.setCheckable(True)
            first.setData(cid, NAME_ROLE)
            first.setData(search_text or fold(f"{name} {where}"), FOLDED_ROLE)
            items = [first, QStandardItem(str(year or "")), QStandardItem(where or ""), QStandardItem(status)]
            for it in items:
                it.setEditable(False)
                it.setToolTip(it.text())
            self.source.appendRow(items)
        self._update_count()

    # -- inputs ----------------------------------------------------------------------------------
    def _tidy_date(self) -> None:
        try:
            self.date.setText(fmt_date(parse_date(self.date.text())))
        except ValueError:
            pass

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp quyết định", "", ATTACH_FILTER)
        if path:
            self.set_file(path)

    def set_file(self, path: str | Path | None) -> None:
        self.file_path = Path(path) if path else None
        self.file_edit.setText(str(self.file_path) if self.file_path else "")
        self.file_edit.setToolTip(self.file_edit.text())

    def _on_search(self, text: str) -> None:
        self.proxy.words = fold(text).split()
        self.proxy.refilter()

    def _on_only_checked(self, on: bool) -> None:
        self.proxy.only_checked = on
        self.proxy.refilter()

    def _toggle(self, index: QModelIndex) -> None:
        item = self.source.item(self.proxy.mapToSource(index).row(), 0)
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def candidate_ids(self) -> list[str]:
        return [
            self.source.item(r, 0).data(NAME_ROLE)
            for r in range(self.source.rowCount())
            if self.source.item(r, 0).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids: list[str], on: bool = True) -> None:
        wanted = set(ids)
        for r in range(self.source.rowCount()):
            item = self.source.item(r, 0)
            if item.data(NAME_ROLE) in wanted:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def visible_names(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def _update_count(self) -> None:
        n = len(self.candidate_ids())
        self.count.setText(f"Đã chọn <b>{n}</b> / {self.source.rowCount()} điển hình.")

    def show_error_text(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- save ------------------------------------------------------------------------------------
    def submit(self):  # type: ignore[no-untyped-def]
        """Check the form, then record the decision on the worker thread. Returns the job."""
        try:
            day = parse_date(self.date.text())
        except ValueError as exc:
            self.show_error_text(f"Ngày ký: {exc}")
            self.date.setFocus()
            return None
        args = {
            "number": self.number.text(),
            "date": day,
            "issuer": self.issuer.currentText(),
            "award_kind": self.award_kind.currentData(),
            "award_label": self.award_label.text() or None,
            "candidate_ids": self.candidate_ids(),
            "file_path": self.file_path,
        }
        db = self.ctx.db
        officer = self.ctx.officer_name()

        def job(_control):  # type: ignore[no-untyped-def]
            from ...services.decisions_manual import record_manual_decision

            with db.transaction() as session:
                d = record_manual_decision(session, files_dir=db.files_dir, by=officer, **args)
                return d.id, len(args["candidate_ids"])

        self.show_error_text("")
        self.save_button.setEnabled(False)
        self.job = run_in_worker(
            self,
            "Đang ghi nhận quyết định…",
            job,
            on_done=self._saved,
            on_error=self._failed,
            cancellable=False,
        )
        return self.job

    def summary_text(self, n: int) -> str:
        day = parse_date(self.date.text())
        text = f"Đã ghi nhận {n} điển hình theo Quyết định số {' '.join(self.number.text().split())} ngày {fmt_date(day)}"
        issuer = " ".join(self.issuer.currentText().split())
        return text + (f" của {issuer}." if issuer else ".")

    def _saved(self, result: tuple[str, int]) -> None:
        self.saved_id, n = result
        self.ctx.hub.candidates_changed.emit()
        self.ctx.hub.data_changed.emit("decisions")
        show_info(self, self.summary_text(n), title="Đã ghi nhận quyết định")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.show_error_text(exc.message)
        else:
            report_error(self, exc)


# ----------------------------------------------------------------------------- decision packages


def _iso_date_text(value: Any) -> str:
    from datetime import date

    try:
        return fmt_date(date.fromisoformat(str(value)[:10])) if value else ""
    except ValueError:
        return str(value)


def package_decision_text(d: dict[str, Any]) -> str:
    """«Quyết định số 125-QĐ/TU ngày 05/02/2026 của …» for one decision of a package."""
    text = f"Quyết định số {d.get('number') or '(không số)'}"
    if d.get("date"):
        text += f" ngày {_iso_date_text(d['date'])}"
    if d.get("issuer"):
        text += f" của {d['issuer']}"
    return text


def _award_text(d: dict[str, Any]) -> str:
    kind = d.get("award")
    try:
        label = LABELS[AwardKind(kind)]
    except (ValueError, KeyError):
        label = kind or ""
    if d.get("award_label") and d["award_label"] != label:
        return f"{label} — {d['award_label']}" if label else d["award_label"]
    return label


class DecisionPackagePreview(QDialog):
    """What a decision package will record (the dry run), with «Ghi nhận» to apply it."""

    def __init__(self, preview: dict[str, Any], parent: QWidget | None = None) -> None:
        from ...services.lifecycle import status_label

        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Nhập gói quyết định")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        name = Path(preview.get("package", {}).get("file") or "").name
        head = QLabel(f"Gói quyết định «{html.escape(name)}»")
        head.setObjectName("pageTitle")
        layout.addWidget(head)
        sender = (preview.get("package") or {}).get("sender") or {}
        form = QFormLayout()
        if sender.get("name"):
            form.addRow("Cơ quan gửi:", QLabel(html.escape(sender["name"])))
        for d in preview.get("decisions") or []:
            label = QLabel(html.escape(package_decision_text(d)))
            label.setWordWrap(True)
            form.addRow("Quyết định:", label)
            award = _award_text(d)
            if award:
                form.addRow("Hình thức:", QLabel(html.escape(award)))
        layout.addLayout(form)
        recorded, not_selected = preview.get("recorded") or [], preview.get("not_selected") or []
        unknown = preview.get("unknown") or []
        summary = f"<b>{len(recorded)}</b> điển hình được ghi nhận"
        if not_selected:
            summary += f", <b>{len(not_selected)}</b> không được chọn"
        if unknown:
            summary += f"; {len(unknown)} người trong gói không có trong dữ liệu của cơ quan (bỏ qua)"
        self.summary = QLabel(summary + ".")
        self.summary.setObjectName("packageSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableView()
        self.table.setObjectName("packageCandidates")
        model = QStandardItemModel(0, 3, self)
        model.setHorizontalHeaderLabels(["Điển hình", "Kết quả theo quyết định", "Trạng thái hiện tại"])
        for e in recorded + not_selected:
            items = [
                QStandardItem(e.get("name") or ""),
                QStandardItem(e.get("result_label") or ""),
                QStandardItem(status_label(e.get("from_status"))),
            ]
            for it in items:
                it.setEditable(False)
                it.setToolTip(it.text())
            if e in not_selected:
                items[1].setForeground(Qt.GlobalColor.darkGray)
            model.appendRow(items)
        for u in unknown:
            items = [
                QStandardItem(u.get("name") or str(u.get("candidate_id") or "")),
                QStandardItem("Không có trong dữ liệu (bỏ qua)"),
                QStandardItem(""),
            ]
            for it in items:
                it.setEditable(False)
                it.setForeground(Qt.GlobalColor.gray)
            model.appendRow(items)
        self.model = model
        self.table.setModel(model)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hh = self.table.horizontalHeader()
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setStretchLastSection(True)
        self.table.setColumnWidth(0, 320)
        self.table.setColumnWidth(1, 240)
        layout.addWidget(self.table, 1)
        note = QLabel(
            "Bấm «Ghi nhận» để cập nhật trạng thái các điển hình và lưu quyết định (kèm văn bản trong gói). "
            "Dữ liệu được sao lưu trước khi ghi."
        )
        note.setObjectName("pageSubtitle")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton("Hủy")
        self.apply_button = QPushButton("Ghi nhận")
        self.apply_button.setObjectName("primary")
        self.apply_button.setEnabled(bool(recorded or not_selected))
        buttons.addWidget(cancel)
        buttons.addWidget(self.apply_button)
        layout.addLayout(buttons)
        cancel.clicked.connect(self.reject)
        self.apply_button.clicked.connect(self.accept)

    def rows(self) -> list[tuple[str, str, str]]:
        return [
            tuple(self.model.item(r, c).text() for c in range(3))  # type: ignore[misc]
            for r in range(self.model.rowCount())
        ]


# ----------------------------------------------------------------------------- the page


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review = None  # the open review screen, if any
        self.package_preview = None  # the open preview of a decision package, if any
        self.package_job = None
        self.last_package_result: dict[str, Any] | None = None
        self.manual = None  # the open manual-entry dialog, if any
        self.load_job = None
        self._dirty = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)
        head = QHBoxLayout()
        title = QLabel("Quyết định nhận về")
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.import_button = QPushButton("Nhập quyết định từ tệp…")
        self.import_button.setObjectName("primary")
        self.import_button.setToolTip(
            "Đọc quyết định của cấp trên từ tệp Word (.docx) hoặc Excel (.xlsx, .xls), đối chiếu tên với "
            "các điển hình rồi ghi nhận (Ctrl+O)"
        )
        self.import_button.setShortcut("Ctrl+O")
        head.addWidget(self.import_button)
        self.package_button = QPushButton("Nhập gói quyết định (.dhpkg, .zip)…")
        self.package_button.setObjectName("importPackage")
        self.package_button.setToolTip(
            "Gói quyết định do cấp trên gửi về qua chương trình: ghi nhận kết quả cho các điển hình "
            "đã đề nghị (xem trước khi ghi)"
        )
        head.addWidget(self.package_button)
        self.manual_button = QPushButton(icon("edit"), "Nhập quyết định bằng tay…")
        self.manual_button.setToolTip("Khi quyết định chỉ có bản giấy, bản quét hoặc PDF")
        head.addWidget(self.manual_button)
        layout.addLayout(head)
        sub = QLabel(
            "Quyết định công nhận, khen thưởng của cấp trên đã nhập. Nhấp đúp một quyết định để xem danh sách "
            "và mở tệp gốc."
        )
        sub.setObjectName("pageSubtitle")
        sub.setWordWrap(True)
        layout.addWidget(sub)

        self.model = DecisionListModel(self)
        self.table = QTableView()
        self.table.setObjectName("decisionList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, w in ((0, 150), (1, 90), (2, 280), (4, 175), (5, 200)):
            self.table.setColumnWidth(col, w)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(
            "Chưa có quyết định nào. Khi cấp trên gửi quyết định về, bấm «Nhập quyết định từ tệp…» "
            "(tệp Word, Excel), «Nhập gói quyết định…» (gói .dhpkg do chương trình của cấp trên gửi) "
            "hoặc «Nhập quyết định bằng tay…» (bản giấy, bản quét, PDF)."
        )
        self.empty.setObjectName("pageSubtitle")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        bottom = QHBoxLayout()
        self.count_label = QLabel()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        self.details_button = QPushButton("Xem chi tiết")
        bottom.addWidget(self.details_button)
        layout.addLayout(bottom)

        self.import_button.clicked.connect(self.choose_and_import)
        self.package_button.clicked.connect(self.choose_and_import_package)
        self.manual_button.clicked.connect(lambda: self.open_manual())
        self.details_button.clicked.connect(self._details_selected)
        self.table.activated.connect(lambda index: self.open_details(self.model.decision_id(index.row())))
        ctx.hub.data_changed.connect(self._on_data_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    # -- list ----------------------------------------------------------------------------------
    def reload(self) -> None:
        from ...services.decisions_manual import list_received_decisions

        with self.ctx.db.session() as s:
            items = list_received_decisions(s)
        keep = self.selected_id()
        self.model.load(items)
        self.empty.setVisible(not items)
        total = sum(d["recorded"] for d in items)
        self.count_label.setText(f"{len(items)} quyết định, {total} lượt điển hình được ghi nhận")
        if keep:
            self.select_decision(keep)
        self._update_buttons()
        self._dirty = False
        if self.isVisible():
            self.ctx.hub.status_count.emit(self.count_label.text())

    def on_shown(self) -> None:
        if self._dirty:
            self.reload()
        self.ctx.hub.status_count.emit(self.count_label.text())

    def _on_data_changed(self, area: str) -> None:
        if area in ("decisions", "packages", ""):
            if self.isVisible():
                self.reload()
            else:
                self._dirty = True

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.decision_id(rows[0].row()) if rows else None

    def select_decision(self, decision_id: str) -> bool:
        row = self.model.find_row(decision_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _update_buttons(self) -> None:
        self.details_button.setEnabled(self.selected_id() is not None)

    def _details_selected(self) -> None:
        did = self.selected_id()
        if did:
            self.open_details(did)

    def details_dialog(self, decision_id: str) -> DecisionDetailsDialog:
        return DecisionDetailsDialog(self.ctx, decision_id, self)

    def open_details(self, decision_id: str | None) -> None:
        if decision_id:
            self.details_dialog(decision_id).exec()

    # -- import from a file ------------------------------------------------------------------
    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp quyết định của cấp trên", "", OPEN_FILTER)
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path):  # type: ignore[no-untyped-def]
        """Read and match the file off the GUI thread, then open the review screen.
        A PDF or scan: say it cannot be read and offer the manual entry. Returns the job."""
        p = Path(path)
        if p.suffix.lower() in UNREADABLE:
            self.offer_manual(p, CANNOT_READ.format(name=p.name, what=_unreadable_kind(p)))
            return None
        db, plan_id = self.ctx.db, self.ctx.plan_id

        def job(_control):  # type: ignore[no-untyped-def]
            from ..decision_review import load_review

            with db.session() as s:
                return load_review(s, p, plan_id)

        self.load_job = run_in_worker(
            self,
            f"Đang đọc và đối chiếu «{p.name}»…",
            job,
            on_done=self._loaded,
            on_error=lambda exc: self._load_failed(p, exc),
        )
        return self.load_job

    def _loaded(self, data: Any) -> None:
        from ..decision_review import ALREADY_IMPORTED, ReviewDialog

        if data.preview.get("already_imported"):
            if data.preview.get("decision_id"):
                self.select_decision(data.preview["decision_id"])
            show_info(self, f"{ALREADY_IMPORTED}\n\n{data.preview.get('message', '')}".strip())
            return
        self.review = ReviewDialog(self.ctx, data, self)
        self.review.applied.connect(self._applied)
        self.review.open()

    def _applied(self, result: dict[str, Any]) -> None:
        self.reload()
        if result.get("decision_id"):
            self.select_decision(result["decision_id"])

    def _load_failed(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, UserError) and exc.code == "unsupported_format":
            self.offer_manual(path, exc.message)
        elif isinstance(exc, UserError):
            show_error(self, exc.message)
        else:
            report_error(self, exc)

    def offer_manual(self, path: Path, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Không đọc được tệp", message, parent=self)
        manual = box.addButton("Nhập bằng tay, đính kèm tệp này", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(manual)
        self.offer_box = box
        box.exec()
        if box.clickedButton() is manual:
            self.open_manual(path)

    # -- manual entry ---------------------------------------------------------------------------
    def manual_dialog(self, file_path: str | Path | None = None) -> ManualDecisionDialog:
        self.manual = ManualDecisionDialog(self.ctx, file_path, self)
        return self.manual

    def open_manual(self, file_path: str | Path | None = None) -> None:
        dlg = self.manual_dialog(file_path)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.saved_id:
            self.reload()
            self.select_decision(dlg.saved_id)

    # -- decision packages (.dhpkg, .zip) ---------------------------------------------------------
    def choose_and_import_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn gói quyết định của cấp trên", "", PACKAGE_FILTER)
        if path:
            self.import_package(path)

    def import_package(self, path: str | Path, force_recipient: bool = False):  # type: ignore[no-untyped-def]
        """Read the package with a dry run off the GUI thread, then show the preview.
        Returns the job."""
        p = Path(path)
        db = self.ctx.db

        def job(_control):  # type: ignore[no-untyped-def]
            from ...exchange.decision_package import import_decision_file

            return import_decision_file(db, p, dry_run=True, force_recipient=force_recipient)

        self.package_job = run_in_worker(
            self,
            f"Đang đọc gói «{p.name}»…",
            job,
            on_done=lambda preview: self._package_previewed(p, preview, force_recipient),
            on_error=lambda exc: self._package_failed(p, exc, force_recipient),
            cancellable=False,
        )
        return self.package_job

    def _package_failed(self, path: Path, exc: BaseException, force_recipient: bool) -> None:
        if isinstance(exc, UserError) and exc.code == "wrong_recipient" and not force_recipient:
            base = exc.message.split(" Nếu đúng là")[0]  # the core's hint names the command line
            question = (
                f"{base}\n\nNếu đúng là gói của cơ quan mình (ví dụ cơ quan đã đổi tên), bấm «Đồng ý» để vẫn "
                "nhập. Chưa ghi gì vào dữ liệu."
            )
            if ask_yes_no(self, question, title="Gói gửi tới cơ quan khác"):
                self.import_package(path, force_recipient=True)
        elif isinstance(exc, UserError):
            show_error(self, exc.message)
        else:
            report_error(self, exc)

    def _package_previewed(self, path: Path, preview: dict[str, Any], force_recipient: bool) -> None:
        if preview.get("already_imported"):
            show_info(
                self,
                f"Gói quyết định «{path.name}» đã được nhập trước đây; không có gì thay đổi.",
                title="Đã nhập",
            )
            return
        if not (preview.get("recorded") or preview.get("not_selected")):
            show_error(
                self,
                f"Gói quyết định «{path.name}» không có điển hình nào của cơ quan này (không khớp mã định danh "
                "nào). Chưa ghi gì vào dữ liệu.",
            )
            return
        self.package_preview = DecisionPackagePreview(preview, self)
        self.package_preview.accepted.connect(lambda: self.apply_package(path, force_recipient))
        self.package_preview.open()

    def apply_package(self, path: str | Path, force_recipient: bool = False):  # type: ignore[no-untyped-def]
        """Record the package (a backup first, one transaction) off the GUI thread. Returns the job."""
        p = Path(path)
        db = self.ctx.db
        officer = self.ctx.officer_name()

        def job(_control):  # type: ignore[no-untyped-def]
            from ...exchange.decision_package import import_decision_file

            return import_decision_file(db, p, force_recipient=force_recipient, by=officer)

        self.package_job = run_in_worker(
            self,
            f"Đang ghi nhận gói «{p.name}»…",
            job,
            on_done=self._package_applied,
            on_error=lambda exc: report_error(self, exc),
            cancellable=False,
        )
        return self.package_job

    def package_summary(self, result: dict[str, Any]) -> str:
        decisions = result.get("decisions") or []
        what = package_decision_text(decisions[0]) if decisions else "quyết định của cấp trên"
        if result.get("already_imported"):
            return f"Gói này đã được nhập trước đây ({what}); không có gì thay đổi."
        text = f"Đã ghi nhận {len(result.get('recorded') or [])} điển hình theo {what}."
        if result.get("not_selected"):
            text += f" {len(result['not_selected'])} điển hình không được chọn (đã ghi vào lịch sử)."
        if result.get("unknown"):
            text += f" Bỏ qua {len(result['unknown'])} người không có trong dữ liệu của cơ quan."
        return text

    def _package_applied(self, result: dict[str, Any]) -> None:
        self.last_package_result = result
        self.ctx.hub.candidates_changed.emit()
        self.ctx.hub.data_changed.emit("decisions")
        self.ctx.hub.data_changed.emit("backups")
        self.reload()
        ids = result.get("decision_ids") or []
        if ids:
            self.select_decision(ids[0])
        show_info(self, self.package_summary(result), title="Đã nhập gói quyết định")
