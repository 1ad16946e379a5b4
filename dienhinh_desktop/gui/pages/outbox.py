"""Page «Hồ sơ gửi đi»: choose the candidates proposed to the level above within the quota
(shown live; a breach asks for a reason), build the dossier (Word, Excel) and the package
off the GUI thread, and see the packages sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.lifecycle import status_label
from ..context import AppContext
from ..widgets import show_error, show_info
from ..worker import run_in_worker

COLUMNS = ["Chọn", "Họ và tên / Tên tập thể", "Loại", "Đơn vị", "Trạng thái"]
SENT_COLUMNS = ["Ngày tạo", "Nơi nhận", "Số tờ trình", "Số điển hình", "Tệp gói"]
KIND_LABELS = {"collective": "Tập thể", "individual": "Cá nhân", "household": "Hộ gia đình"}


def ask_breach_reason(parent: QWidget, message: str) -> str | None:
    """The reason for exceeding the quota (None: the officer cancelled)."""
    text, ok = QInputDialog.getMultiLineText(
        parent, "Vượt chỉ tiêu đề nghị", f"{message}\n\nGhi lý do vượt chỉ tiêu (bắt buộc):"
    )
    text = " ".join(text.split())
    return text if ok and text else None


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ids: list[str] = []
        self._loading = False
        self.last_result: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        title = QLabel("Hồ sơ gửi đi")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(
            "Chọn các điển hình đề nghị lên cấp trên (đã qua thẩm định hoặc đã được cấp này công nhận), "
            "trong phạm vi chỉ tiêu của kế hoạch; chương trình lập tờ trình, danh sách, trích ngang, báo cáo "
            "thành tích, kèm biên bản, quyết định và gói dữ liệu để cấp trên nhập thẳng."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.quota_label = QLabel()
        self.quota_label.setObjectName("quotaLabel")
        self.quota_label.setWordWrap(True)
        layout.addWidget(self.quota_label)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_item_changed)
        layout.addWidget(self.table, 3)

        form = QHBoxLayout()
        form.addWidget(QLabel("Kính gửi:"))
        self.to_edit = QLineEdit()
        self.to_edit.setPlaceholderText("Cơ quan cấp trên nhận hồ sơ")
        form.addWidget(self.to_edit, 1)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.build_button = QPushButton("Lập hồ sơ và tạo gói…")
        self.build_button.setObjectName("buildPackage")
        self.build_button.clicked.connect(self.build_package)
        self.dossier_button = QPushButton("Chỉ xuất hồ sơ (Word, Excel)…")
        self.dossier_button.clicked.connect(self.export_dossier)
        buttons.addWidget(self.build_button)
        buttons.addWidget(self.dossier_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        layout.addWidget(QLabel("Các gói đã gửi:"))
        self.sent = QTableWidget(0, len(SENT_COLUMNS))
        self.sent.setHorizontalHeaderLabels(SENT_COLUMNS)
        self.sent.verticalHeader().setVisible(False)
        self.sent.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sent.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.sent, 2)
        self.ctx.hub.plan_changed.connect(lambda _p: self.reload())
        self.ctx.hub.candidates_changed.connect(self.reload)
        self.reload()

    # ------------------------------------------------------------------ data
    def on_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        from ...exchange.package_export import list_sent
        from ...services import proposals as P
        from ...services.office import get_profile

        plan_id = self.ctx.plan_id
        self._loading = True
        try:
            self.table.setRowCount(0)
            self._ids = []
            with self.ctx.db.session() as s:
                profile = get_profile(s)
                if profile is not None and not self.to_edit.text():
                    self.to_edit.setText(profile.upper_body or "")
                if plan_id:
                    draft = P.draft_proposal(s, plan_id)
                    chosen = (
                        {i.candidate_id for i in draft.items}
                        if draft is not None
                        else set(P.selected_ids(s, plan_id))
                    )
                    for c in P.proposable(s, plan_id):
                        row = self.table.rowCount()
                        self.table.insertRow(row)
                        check = QTableWidgetItem()
                        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                        check.setCheckState(
                            Qt.CheckState.Checked if c.id in chosen else Qt.CheckState.Unchecked
                        )
                        self.table.setItem(row, 0, check)
                        for col, text in enumerate(
                            (
                                c.name,
                                KIND_LABELS.get(c.kind, c.kind),
                                c.unit.name if c.unit else "",
                                status_label(c.status),
                            ),
                            start=1,
                        ):
                            self.table.setItem(row, col, QTableWidgetItem(text))
                        self._ids.append(c.id)
                sent = list_sent(s)
            self.sent.setRowCount(0)
            for r in sent:
                row = self.sent.rowCount()
                self.sent.insertRow(row)
                created = r["created"].strftime("%d/%m/%Y %H:%M") if r["created"] else ""
                for col, text in enumerate(
                    (
                        created,
                        r["recipient"] or "",
                        r["number"] or "",
                        str(r["candidates"]),
                        r["file_name"] or "",
                    )
                ):
                    self.sent.setItem(row, col, QTableWidgetItem(text))
        finally:
            self._loading = False
        self.update_quota()

    def chosen_ids(self) -> list[str]:
        return [
            cid
            for row, cid in enumerate(self._ids)
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, ids: list[str]) -> None:
        wanted = set(ids)
        for row, cid in enumerate(self._ids):
            self.table.item(row, 0).setCheckState(
                Qt.CheckState.Checked if cid in wanted else Qt.CheckState.Unchecked
            )

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._loading and item.column() == 0:
            self.update_quota()

    def quota_counters(self) -> list[Any]:
        from ...services import proposals as P

        if not self.ctx.plan_id:
            return []
        with self.ctx.db.session() as s:
            return P.quota_check(s, self.ctx.plan_id, self.chosen_ids())

    def update_quota(self) -> None:
        counters = self.quota_counters()
        n = len(self.chosen_ids())
        if not counters:
            self.quota_label.setText(f"Đã chọn {n:02d} điển hình. Kế hoạch không đặt chỉ tiêu đề nghị.")
            return
        over = any(c.breached for c in counters)
        self.quota_label.setText(" ".join(c.message for c in counters))
        self.quota_label.setStyleSheet("color: #b00020; font-weight: bold;" if over else "")

    # ------------------------------------------------------------------ actions
    def prepare_proposal(self, reason: str | None = None) -> str | None:
        """Save the choice as the draft proposal (asking the reason on a breach); its id."""
        from ...services import proposals as P

        plan_id = self.ctx.plan_id
        ids = self.chosen_ids()
        if not plan_id or not ids:
            show_error(self, "Hãy chọn ít nhất một điển hình để đề nghị.")
            return None
        counters = self.quota_counters()
        message = P.breach_message(counters)
        if message and not reason:
            reason = ask_breach_reason(self, message)
            if not reason:
                return None
        try:
            with self.ctx.db.transaction() as s:
                old = P.draft_proposal(s, plan_id)
                if old is not None:
                    s.delete(old)
                    s.flush()
                P.select_candidates(s, plan_id, ids, reason=reason)
                proposal = P.create_proposal(
                    s, plan_id, ids, to_body=self.to_edit.text() or None, breach_reason=reason
                )
                return proposal.id
        except UserError as exc:
            show_error(self, exc.message)
            return None

    def build_package(self, *, out: Path | None = None, reason: str | None = None) -> None:
        proposal_id = self.prepare_proposal(reason)
        if proposal_id is None:
            return
        if out is None:
            folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục ghi gói hồ sơ")
            if not folder:
                return
            out = Path(folder)
        db = self.ctx.db
        officer = self.ctx.officer_name()

        def job(control: Any, target: Path) -> dict[str, Any]:
            from ...exchange.package_export import export_package

            with db.transaction() as s:
                return export_package(
                    s,
                    target,
                    proposal_id=proposal_id,
                    files_dir=db.files_dir,
                    by=officer,
                    progress=control.progress,
                    is_cancelled=control.is_cancelled,
                )

        def done(result: dict[str, Any]) -> None:
            self.last_result = result
            self.reload()
            self.ctx.hub.candidates_changed.emit()
            text = (
                f"Đã tạo gói hồ sơ đề nghị ({result['candidates']} điển hình, {result['files']} tệp):\n"
                f"{result['file']}\n\nGửi tệp này cho {result['recipient'].get('name') or 'cấp trên'} "
                "(USB, thư điện tử…); cấp trên nhập thẳng, không phải gõ lại."
            )
            if result["warnings"]:
                text += "\n\nLưu ý:\n- " + "\n- ".join(result["warnings"])
            show_info(self, text, "Đã tạo gói")

        run_in_worker(self, "Đang lập hồ sơ và tạo gói…", job, out, on_done=done)

    def export_dossier(self, *, out: Path | None = None) -> None:
        proposal_id = self.prepare_proposal()
        if proposal_id is None:
            return
        if out is None:
            folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục ghi hồ sơ")
            if not folder:
                return
            out = Path(folder)
        db = self.ctx.db
        plan_id = self.ctx.plan_id

        def job(control: Any, target: Path) -> list[Path]:
            from ...documents.exporters import run_export

            ctx = control.export_context(
                out_dir=target, plan_id=plan_id, files_dir=db.files_dir, options={"proposal_id": proposal_id}
            )
            with db.transaction() as s:
                return run_export(s, "proposal", ctx)

        def done(paths: list[Path]) -> None:
            self.last_result = {"files": [str(p) for p in paths]}
            show_info(self, f"Đã ghi {len(paths)} tệp vào {out}.", "Đã xuất hồ sơ")

        run_in_worker(self, "Đang lập hồ sơ đề nghị…", job, out, on_done=done)
