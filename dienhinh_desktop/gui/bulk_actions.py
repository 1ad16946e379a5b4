"""Actions on the candidates selected in the list (and on one candidate from its page).

Each action asks what it needs in a small dialog (or takes it as arguments, which is how
tests drive it), runs in ONE transaction — all or nothing — and says what happened:

- :func:`assign_mentor` «Giao người phụ trách…»: the same responsible person for every
  selected candidate; then offers to move the registered ones to «Đang bồi dưỡng».
- :func:`change_status` «Chuyển trạng thái…»: ``services.lifecycle.bulk_change_status``
  (if one move is not allowed nothing changes and the message names who).
- :func:`remove` «Loại khỏi danh sách…» (the Delete key): status «Đã loại» with a reason;
  nothing is deleted.
- :func:`restore` «Khôi phục…»: removed or replaced records back to their former status.
- :func:`export_papers` «Xuất giấy tờ…»: ``documents.exporters.run_export`` for the
  selection on the worker thread (progress, «Hủy»), then opens the output folder.

Every function returns True when something was written (the caller reloads) and emits
``ctx.hub.candidates_changed``. Messages go through ``show_info`` / ``show_error`` of this
module (tests replace them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from ..models.enums import CandidateStatus
from .context import AppContext
from .style import DATE_FORMAT
from .widgets import ask_yes_no, dialog_buttons, show_error, show_info
from .worker import Job, run_in_worker

# The papers that make sense for a selection of candidates (WHAT of DESIGN §8).
EXPORTS: list[tuple[str, str]] = [
    ("registration-forms", "Phiếu đăng ký (mỗi điển hình một tệp)"),
    ("registration-summary", "Biểu tổng hợp đăng ký"),
    ("self-assessment", "Báo cáo tự đánh giá"),
    ("achievement-report", "Báo cáo thành tích"),
    ("appraisal-list", "Danh sách kết quả thẩm định"),
]
EXPORT_LABELS = dict(EXPORTS)
MOVABLE = [s.value for s in CandidateStatus if s is not CandidateStatus.REPLACED]


def _plural(n: int) -> str:
    return f"{n} hồ sơ"


def _names(ctx: AppContext, ids: list[str], limit: int = 3) -> str:
    from ..models import Candidate

    with ctx.db.session() as s:
        names = [c.name for cid in ids[:limit] if (c := s.get(Candidate, cid)) is not None]
    more = len(ids) - len(names)
    return ", ".join(f"«{n}»" for n in names) + (f" và {more} hồ sơ khác" if more > 0 else "")


def _changed(ctx: AppContext) -> None:
    ctx.hub.candidates_changed.emit()


# ----------------------------------------------------------------------------- dialogs


class ReasonDialog(QDialog):
    """A title, an explanation and a reason to type (required unless ``optional``)."""

    def __init__(
        self, parent: QWidget | None, title: str, text: str, *, optional: bool = False, ok: str = "Đồng ý"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._optional = optional
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(QLabel("Lý do:" if not optional else "Lý do (không bắt buộc):"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaximumHeight(90)
        layout.addWidget(self.reason)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = dialog_buttons(self, ok, self._accept)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def _accept(self) -> None:
        if not self._optional and not self.text():
            self.error.setText("Hãy ghi lý do.")
            self.error.show()
            return
        self.accept()

    def text(self) -> str:
        return self.reason.toPlainText().strip()


class StatusDialog(QDialog):
    """Pick a status (from ``targets``) and a reason; says when the reason is required."""

    def __init__(
        self,
        parent: QWidget | None,
        text: str,
        targets: list[str],
        *,
        needs_reason: set[str] | None = None,
        title: str = "Chuyển trạng thái",
    ) -> None:
        super().__init__(parent)
        from ..services.lifecycle import status_label

        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._needs = needs_reason or set()
        layout = QVBoxLayout(self)
        head = QLabel(text)
        head.setWordWrap(True)
        layout.addWidget(head)
        form = QFormLayout()
        self.target = QComboBox()
        self.target.setObjectName("targetStatus")
        for status in targets:
            self.target.addItem(status_label(status), status)
        form.addRow("Chuyển sang:", self.target)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaximumHeight(90)
        form.addRow("Lý do:", self.reason)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setObjectName("pageSubtitle")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = dialog_buttons(self, "Chuyển", self._accept)
        layout.addWidget(buttons)
        self.target.currentIndexChanged.connect(self._update_hint)
        self._update_hint()

    def status(self) -> str | None:
        return self.target.currentData()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _update_hint(self) -> None:
        needed = self.status() in self._needs
        self.hint.setText(
            "Cần ghi lý do (lùi trạng thái, loại khỏi danh sách hoặc khôi phục)."
            if needed
            else "Lý do không bắt buộc nhưng nên ghi để sau này tra cứu."
        )

    def _accept(self) -> None:
        if self.status() is None:
            return
        if self.status() in self._needs and not self.text():
            self.error.setText("Hãy ghi lý do.")
            self.error.show()
            return
        self.accept()


@dataclass
class MentorValues:
    name: str
    position: str | None = None
    unit: str | None = None
    phone: str | None = None
    assigned_on: date | None = None
    note: str | None = None


class MentorDialog(QDialog):
    """The responsible person: name, position, unit, phone, from which day."""

    def __init__(self, parent: QWidget | None, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Giao người phụ trách bồi dưỡng, giúp đỡ")
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        head = QLabel(text)
        head.setWordWrap(True)
        layout.addWidget(head)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("mentorName")
        self.name.setPlaceholderText("ví dụ Hoàng Văn Nam")
        self.position = QLineEdit()
        self.position.setPlaceholderText("ví dụ Phó Bí thư Đảng ủy xã")
        self.unit = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setMaximumWidth(180)
        self.assigned_on = QDateEdit(QDate.currentDate())
        self.assigned_on.setDisplayFormat(DATE_FORMAT)
        self.assigned_on.setCalendarPopup(True)
        self.assigned_on.setMaximumWidth(130)
        self.note = QLineEdit()
        form.addRow("Họ và tên:", self.name)
        form.addRow("Chức vụ:", self.position)
        form.addRow("Đơn vị:", self.unit)
        form.addRow("Điện thoại:", self.phone)
        form.addRow("Phụ trách từ ngày:", self.assigned_on)
        form.addRow("Ghi chú:", self.note)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = dialog_buttons(self, "Giao", self._accept)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText("Hãy nhập họ và tên người phụ trách.")
            self.error.show()
            return
        self.accept()

    def values(self) -> MentorValues:
        d = self.assigned_on.date()
        text = lambda w: w.text().strip() or None  # noqa: E731
        return MentorValues(
            name=self.name.text().strip(),
            position=text(self.position),
            unit=text(self.unit),
            phone=text(self.phone),
            assigned_on=date(d.year(), d.month(), d.day()),
            note=text(self.note),
        )


# ----------------------------------------------------------------------------- actions


def assign_mentor(
    parent: QWidget | None, ctx: AppContext, ids: list[str], values: MentorValues | None = None
) -> bool:
    """Give the selected candidates one responsible person (all or nothing)."""
    from ..models import Candidate
    from ..services import nurturing

    if not ids:
        return False
    if values is None:
        dialog = MentorDialog(parent, f"Người phụ trách bồi dưỡng, giúp đỡ cho {_names(ctx, ids)}.")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        values = dialog.values()
    registered: list[str] = []
    try:
        with ctx.db.transaction() as s:
            for cid in ids:
                candidate = s.get(Candidate, cid)
                if candidate is None:
                    raise UserError("Không tìm thấy một hồ sơ đã chọn (có thể vừa bị gộp hoặc xóa).")
                result = nurturing.assign_mentor(
                    s,
                    candidate,
                    values.name,
                    position=values.position,
                    unit=values.unit,
                    phone=values.phone,
                    assigned_on=values.assigned_on,
                    note=values.note,
                )
                if result.suggest_status:
                    registered.append(cid)
    except UserError as exc:
        show_error(parent, exc.message + "\nChưa giao cho hồ sơ nào.")
        return False
    _changed(ctx)
    if registered:
        text = (
            f"Đã giao {values.name} phụ trách {_plural(len(ids))}. "
            f"{_plural(len(registered)).capitalize()} đang ở «Đã đăng ký»: "
            "chuyển sang «Đang bồi dưỡng»?"
        )
        if ask_yes_no(parent, text, title="Chuyển trạng thái"):
            change_status(
                parent, ctx, registered, CandidateStatus.NURTURING.value, "Đã phân công người phụ trách"
            )
    else:
        show_info(parent, f"Đã giao {values.name} phụ trách {_plural(len(ids))}.")
    return True


def change_status(
    parent: QWidget | None,
    ctx: AppContext,
    ids: list[str],
    to_status: str | None = None,
    reason: str | None = None,
) -> bool:
    """Move the selected candidates to one status (all or nothing, with a message)."""
    from ..services.lifecycle import bulk_change_status, status_label

    if not ids:
        return False
    if to_status is None:
        dialog = StatusDialog(
            parent,
            f"Chuyển {_plural(len(ids))} ({_names(ctx, ids)}) sang trạng thái mới. "
            "Nếu có hồ sơ không chuyển được, sẽ không hồ sơ nào bị thay đổi.",
            MOVABLE,
            needs_reason={CandidateStatus.REMOVED.value},
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        to_status, reason = dialog.status(), dialog.text()
    assert to_status is not None
    try:
        with ctx.db.transaction() as s:
            result = bulk_change_status(s, ids, to_status, ctx.officer_name(), reason or None)
    except UserError as exc:
        show_error(parent, exc.message)
        return False
    changed, same = len(result["changed"]), len(result["unchanged"])
    text = f"Đã chuyển {_plural(changed)} sang «{status_label(to_status)}»."
    if same:
        text += f" {_plural(same).capitalize()} đã ở trạng thái này từ trước."
    if changed:
        _changed(ctx)
    show_info(parent, text)
    return changed > 0


def remove(parent: QWidget | None, ctx: AppContext, ids: list[str], reason: str | None = None) -> bool:
    """«Loại khỏi danh sách…»: status «Đã loại» with a reason. Nothing is deleted."""
    if not ids:
        return False
    if reason is None:
        dialog = ReasonDialog(
            parent,
            "Loại khỏi danh sách",
            f"Loại {_names(ctx, ids)} khỏi danh sách điển hình. Hồ sơ không bị xóa: vẫn xem được khi "
            "bật «Hiện cả hồ sơ đã loại/thay thế» và khôi phục được bất cứ lúc nào.",
            ok="Loại khỏi danh sách",
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        reason = dialog.text()
    return change_status(parent, ctx, ids, CandidateStatus.REMOVED.value, reason)


def restore(parent: QWidget | None, ctx: AppContext, ids: list[str], reason: str | None = None) -> bool:
    """«Khôi phục…»: removed or replaced records get back the status they held."""
    from ..models import Candidate
    from ..services import review

    if not ids:
        return False
    if reason is None:
        dialog = ReasonDialog(
            parent,
            "Khôi phục hồ sơ",
            f"Đưa {_names(ctx, ids)} trở lại danh sách, với trạng thái trước khi bị loại hoặc thay thế.",
            ok="Khôi phục",
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        reason = dialog.text()
    try:
        with ctx.db.transaction() as s:
            for cid in ids:
                candidate = s.get(Candidate, cid)
                if candidate is None:
                    raise UserError("Không tìm thấy một hồ sơ đã chọn.")
                review.restore(s, candidate, ctx.officer_name(), reason or "")
    except UserError as exc:
        show_error(parent, exc.message + "\nChưa khôi phục hồ sơ nào.")
        return False
    _changed(ctx)
    show_info(parent, f"Đã khôi phục {_plural(len(ids))}.")
    return True


def _export_job(control, db, what: str, out_dir: Path, plan_id: str | None, ids: list[str]):  # type: ignore[no-untyped-def]
    from ..documents.exporters import run_export

    ctx = control.export_context(out_dir=out_dir, plan_id=plan_id, candidate_ids=ids, files_dir=db.files_dir)
    with db.session() as session:
        paths = run_export(session, what, ctx)
        session.commit()  # papers may take a document number
    return paths


def export_papers(
    parent: QWidget | None,
    ctx: AppContext,
    ids: list[str],
    what: str,
    out_dir: str | Path | None = None,
    *,
    open_folder: bool = True,
) -> Job | None:
    """Write the papers ``what`` for the selection on the worker thread; opens the folder."""
    if not ids:
        return None
    if out_dir is None:
        out_dir = QFileDialog.getExistingDirectory(parent, "Chọn thư mục để lưu giấy tờ")
        if not out_dir:
            return None
    folder = Path(out_dir)
    label = EXPORT_LABELS.get(what, what)

    def done(paths: list[Path]) -> None:
        if open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        show_info(parent, f"Đã ghi {len(paths)} tệp «{label}» vào thư mục {folder}.")

    return run_in_worker(
        parent,
        f"Đang xuất «{label}» cho {_plural(len(ids))}…",
        _export_job,
        ctx.db,
        what,
        folder,
        None,  # the exporters take the plan of the candidates
        list(ids),
        on_done=done,
        on_cancelled=lambda: show_info(parent, "Đã dừng xuất giấy tờ; các tệp dở dang đã được xóa."),
    )


__all__ = [
    "EXPORTS",
    "MentorDialog",
    "MentorValues",
    "ReasonDialog",
    "StatusDialog",
    "assign_mentor",
    "change_status",
    "export_papers",
    "remove",
    "restore",
]
