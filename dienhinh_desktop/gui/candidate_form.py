"""The candidate form: add or edit a collective, an individual or a household.

:class:`CandidateEditor` is the widget (the «Thông tin» tab of the candidate page uses it);
:class:`CandidateForm` is the dialog around it (adding a candidate from the list).

The kind switch shows only what applies (person fields for individuals and households,
the type of collective for collectives). Checks are those of
``services.candidates.validate_candidate``; its Vietnamese message appears next to the
field it names. Saving is one transaction; an edit made meanwhile by someone else (the
record's version changed) is refused with a clear message instead of being overwritten.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from ..errors import StaleRecord, UserError
from ..models import Candidate, Field, Unit
from ..models.enums import LABELS, CandidateKind, Gender
from ..text import vn_key
from .context import AppContext
from .style import DATE_FORMAT
from .widgets import SearchCombo, dialog_buttons

STALE_MESSAGE = (
    "Hồ sơ đã được người khác sửa trong lúc anh/chị đang mở cửa sổ này, nên chưa lưu được "
    "(để không ghi đè lên phần họ vừa sửa). Hãy đóng cửa sổ, mở lại hồ sơ để xem bản mới nhất rồi sửa tiếp."
)
COLLECTIVE_TYPES = [
    ("state_budget", "Cơ quan, tổ chức, đơn vị hưởng lương từ ngân sách Nhà nước"),
    ("enterprise", "Doanh nghiệp, tổ chức, đơn vị ngoài Nhà nước"),
    ("party_org", "Tổ chức đảng (đảng bộ, chi bộ)"),
    ("community", "Thôn, tổ dân phố, cộng đồng dân cư"),
    ("other", "Khác"),
]
ETHNICITIES = [
    "Kinh",
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Hoa",
    "Nùng",
    "Mông",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Sán Chay",
    "Chăm",
    "Cơ Ho",
    "Xơ Đăng",
    "Sán Dìu",
    "Hrê",
    "Ra Glai",
    "Mnông",
    "Thổ",
    "Giáy",
    "Khơ Mú",
]
NAME_LABELS = {
    CandidateKind.INDIVIDUAL.value: "Họ và tên",
    CandidateKind.COLLECTIVE.value: "Tên tập thể",
    CandidateKind.HOUSEHOLD.value: "Chủ hộ (họ và tên)",
}
FLAG_FIELDS = [
    ("is_party_member", "Đảng viên"),
    ("is_civil_servant", "Cán bộ, công chức, viên chức"),
    ("is_armed_forces", "Lực lượng vũ trang"),
    ("is_leader", "Giữ chức vụ lãnh đạo, quản lý"),
    ("is_grassroots_worker", "Trực tiếp lao động, sản xuất"),
]
# Which field a message of validate_candidate is about (by the name it quotes).
MESSAGE_FIELDS = {
    "Họ và tên / Tên tập thể": "name",
    "Năm sinh": "birth_year",
    "Giới tính": "gender",
}


class CandidateEditor(QWidget):
    """Every field of a candidate, the checks, saving; ``saved(str)`` after a save."""

    saved = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        *,
        plan_id: str | None,
        candidate_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan_id = plan_id
        self.candidate_id = candidate_id
        self.saved_id: str | None = None
        self._version: int | None = None
        self._errors: dict[str, QLabel] = {}

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        kinds = QHBoxLayout()
        kinds.addWidget(QLabel("Loại điển hình:"))
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for kind in (CandidateKind.INDIVIDUAL, CandidateKind.COLLECTIVE, CandidateKind.HOUSEHOLD):
            button = QRadioButton(LABELS[kind])
            button.setObjectName(f"kind_{kind.value}")
            self.kind_group.addButton(button)
            self.kind_buttons[kind.value] = button
            kinds.addWidget(button)
        kinds.addStretch(1)
        root.addLayout(kinds)

        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        root.addWidget(self.form_error)
        self.duplicate_label = QLabel()
        self.duplicate_label.setObjectName("duplicateHint")
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setStyleSheet(
            "QLabel#duplicateHint { background: #fff3d6; color: #6b4500; border: 1px solid #f0d48a;"
            " border-radius: 4px; padding: 4px 8px; }"
        )
        self.duplicate_label.hide()
        root.addWidget(self.duplicate_label)

        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        root.addLayout(columns)

        # -- who ---------------------------------------------------------------------------------
        ident = QGroupBox("Điển hình")
        self.ident_form = QFormLayout(ident)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.name_edit.setMaxLength(300)
        self._row(self.ident_form, NAME_LABELS["individual"], self.name_edit, "name")
        self.name_label = self.ident_form.labelForField(self.name_edit)
        left.addWidget(ident)

        self.person_box = QGroupBox("Thông tin cá nhân")
        pf = QFormLayout(self.person_box)
        self.birth_year = QLineEdit()
        self.birth_year.setObjectName("birth_year")
        self.birth_year.setMaxLength(4)
        self.birth_year.setMaximumWidth(80)
        self.birth_year.setPlaceholderText("ví dụ 1985")
        self.gender = QComboBox()
        self.gender.addItem("—", None)
        for g in Gender:
            self.gender.addItem(LABELS[g], g.value)
        by_gender = QHBoxLayout()
        by_gender.addWidget(self.birth_year)
        by_gender.addSpacing(16)
        by_gender.addWidget(QLabel("Giới tính:"))
        by_gender.addWidget(self.gender)
        by_gender.addStretch(1)
        self._row(pf, "Năm sinh", by_gender, "birth_year")
        self._errors["gender"] = self._errors["birth_year"]
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.addItems(ETHNICITIES)
        self.ethnicity.setCurrentText("")
        self.religion = QLineEdit()
        eth_rel = QHBoxLayout()
        eth_rel.addWidget(self.ethnicity, 1)
        eth_rel.addWidget(QLabel("Tôn giáo:"))
        eth_rel.addWidget(self.religion, 1)
        self._row(pf, "Dân tộc", eth_rel)
        self.position = QLineEdit()
        self.position.setPlaceholderText("ví dụ Bí thư Chi bộ, Giáo viên")
        self._row(pf, "Chức vụ", self.position)
        self.position_unit = QLineEdit()
        self.position_unit.setPlaceholderText(
            "như ghi trong danh sách, ví dụ Giáo viên Trường Tiểu học Tân Lập"
        )
        self._row(pf, "Chức vụ, đơn vị", self.position_unit)
        self.education = QLineEdit()
        self._row(pf, "Trình độ", self.education)
        flags = QGridLayout()
        self.flags: dict[str, QCheckBox] = {}
        for n, (key, label) in enumerate(FLAG_FIELDS):
            box = QCheckBox(label)
            self.flags[key] = box
            flags.addWidget(box, n // 2, n % 2)
        pf.addRow("", _wrap(flags))
        left.addWidget(self.person_box)

        self.collective_box = QGroupBox("Thông tin tập thể")
        cf = QFormLayout(self.collective_box)
        self.collective_type = QComboBox()
        self.collective_type.addItem("—", None)
        for key, label in COLLECTIVE_TYPES:
            self.collective_type.addItem(label, key)
        self._row(cf, "Loại tập thể", self.collective_type)
        self.member_count = QSpinBox()
        self.member_count.setRange(0, 1_000_000)
        self.member_count.setSpecialValueText("—")
        self.member_count.setMaximumWidth(110)
        self._row(cf, "Số thành viên", self.member_count)
        self.leader_name = QLineEdit()
        self._row(cf, "Người đứng đầu", self.leader_name)
        left.addWidget(self.collective_box)
        left.addStretch(1)

        # -- registration ----------------------------------------------------------------------------
        reg = QGroupBox("Đăng ký")
        rf = QFormLayout(reg)
        self.field = QComboBox()
        self.field.setObjectName("field")
        self._row(rf, "Lĩnh vực", self.field)
        self.unit = SearchCombo()
        self.unit.setObjectName("unit")
        self.unit.lineEdit().setPlaceholderText("gõ để tìm, ví dụ «chi bo thon 3»")
        self._row(rf, "Đơn vị đăng ký", self.unit, "unit")
        self.registered_on = QDateEdit()
        self.registered_on.setDisplayFormat(DATE_FORMAT)
        self.registered_on.setCalendarPopup(True)
        self.registered_on.setDate(QDate.currentDate())
        self.registered_on.setMaximumWidth(130)
        self._row(rf, "Ngày đăng ký", self.registered_on)
        self.registration_content = QPlainTextEdit()
        self.registration_content.setPlaceholderText("Nội dung, mô hình, cách làm đăng ký xây dựng")
        self.registration_content.setMinimumHeight(90)
        self._row(rf, "Nội dung đăng ký", self.registration_content)
        self.address = QLineEdit()
        self._row(rf, "Địa chỉ", self.address)
        self.phone = QLineEdit()
        self.phone.setMaximumWidth(180)
        self._row(rf, "Điện thoại", self.phone)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(70)
        self._row(rf, "Ghi chú", self.note)
        right.addWidget(reg)
        right.addStretch(1)

        self._load_choices()
        self.kind_group.buttonToggled.connect(self._on_kind_toggled)
        self.kind_buttons[CandidateKind.INDIVIDUAL.value].setChecked(True)
        if candidate_id:
            self._load(candidate_id)
        self._on_kind_toggled()
        self.name_edit.setFocus()
        self.name_edit.editingFinished.connect(self.check_duplicates)
        self.birth_year.editingFinished.connect(self.check_duplicates)
        self.kind_group.buttonToggled.connect(lambda *_: self.check_duplicates())

    # -- layout helpers ------------------------------------------------------------------------------
    def _row(self, form: QFormLayout, label: str, widget, error_key: str | None = None) -> None:  # type: ignore[no-untyped-def]
        if isinstance(widget, QHBoxLayout | QGridLayout):
            widget = _wrap(widget)
        form.addRow(label + ":", widget)
        if error_key:
            err = QLabel()
            err.setObjectName("fieldError")
            err.setWordWrap(True)
            err.hide()
            form.addRow("", err)
            self._errors[error_key] = err

    # -- data ----------------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        with self.ctx.db.session() as session:
            units = list(
                session.execute(
                    select(Unit.id, Unit.name).where(Unit.active.is_(True)).order_by(Unit.sort_order)
                )
            )
        units.sort(key=lambda u: vn_key(u[1]))
        self.unit.set_items([(name, uid) for uid, name in units])
        self._fill_fields()

    def _fill_fields(self) -> None:
        self.field.clear()
        self.field.addItem("—", None)
        if not self.plan_id:
            return
        with self.ctx.db.session() as session:
            fields = list(
                session.execute(
                    select(Field.id, Field.code, Field.name)
                    .where(Field.plan_id == self.plan_id)
                    .order_by(Field.sort_order, Field.name)
                )
            )
        for fid, code, name in fields:
            self.field.addItem(f"{code} {name}" if code and not name.startswith(code) else name, fid)

    def _load(self, candidate_id: str) -> None:
        with self.ctx.db.session() as session:
            c = session.get(Candidate, candidate_id)
            if c is None:
                self._show_error(None, "Không tìm thấy hồ sơ điển hình này (có thể đã bị xóa).")
                return
            self._version = c.version
            plan_changed = c.plan_id != self.plan_id
            self.plan_id = c.plan_id
            values = {
                col: getattr(c, col)
                for col in (
                    "kind",
                    "name",
                    "birth_year",
                    "gender",
                    "ethnicity",
                    "religion",
                    "position",
                    "position_unit",
                    "education",
                    "collective_type",
                    "member_count",
                    "leader_name",
                    "field_id",
                    "unit_id",
                    "registered_on",
                    "registration_content",
                    "address",
                    "phone",
                    "note",
                    *(key for key, _ in FLAG_FIELDS),
                )
            }
        if plan_changed:
            self._fill_fields()
        self.kind_buttons.get(values["kind"], self.kind_buttons["individual"]).setChecked(True)
        self.name_edit.setText(values["name"] or "")
        self.birth_year.setText(str(values["birth_year"] or ""))
        self.gender.setCurrentIndex(max(self.gender.findData(values["gender"]), 0))
        self.ethnicity.setCurrentText(values["ethnicity"] or "")
        for key in ("religion", "position", "position_unit", "education", "leader_name", "address", "phone"):
            getattr(self, key).setText(values[key] or "")
        self.collective_type.setCurrentIndex(max(self.collective_type.findData(values["collective_type"]), 0))
        self.member_count.setValue(values["member_count"] or 0)
        self.field.setCurrentIndex(max(self.field.findData(values["field_id"]), 0))
        if values["unit_id"]:
            self.unit.select_value(values["unit_id"])
        if values["registered_on"]:
            d = values["registered_on"]
            self.registered_on.setDate(QDate(d.year, d.month, d.day))
        self.registration_content.setPlainText(values["registration_content"] or "")
        self.note.setPlainText(values["note"] or "")
        for key, box in self.flags.items():
            box.setChecked(bool(values[key]))

    def kind(self) -> str:
        for value, button in self.kind_buttons.items():
            if button.isChecked():
                return value
        return CandidateKind.INDIVIDUAL.value

    def _on_kind_toggled(self, *_args: object) -> None:
        kind = self.kind()
        is_collective = kind == CandidateKind.COLLECTIVE.value
        self.person_box.setVisible(not is_collective)
        self.collective_box.setVisible(is_collective)
        if isinstance(self.name_label, QLabel):
            self.name_label.setText(NAME_LABELS[kind] + ":")
        self.name_edit.setPlaceholderText(
            {
                "individual": "ví dụ Nguyễn Văn An",
                "collective": "ví dụ Chi bộ thôn Tân Lập",
                "household": "ví dụ Nguyễn Văn An (hoặc «Hộ ông Nguyễn Văn An»)",
            }[kind]
        )

    def values(self) -> dict[str, object]:
        """What the form holds, as keyword arguments of create_candidate/update_candidate."""
        kind = self.kind()
        text = lambda w: w.text().strip() or None  # noqa: E731
        qd = self.registered_on.date()
        values: dict[str, object] = {
            "kind": kind,
            "name": self.name_edit.text(),
            "field_id": self.field.currentData(),
            "unit_id": self.unit.current_value(),
            "registered_on": date(qd.year(), qd.month(), qd.day()),
            "registration_content": self.registration_content.toPlainText().strip() or None,
            "address": text(self.address),
            "phone": text(self.phone),
            "note": self.note.toPlainText().strip() or None,
        }
        if kind == CandidateKind.COLLECTIVE.value:
            values.update(
                collective_type=self.collective_type.currentData(),
                member_count=self.member_count.value() or None,
                leader_name=text(self.leader_name),
                birth_year=None,
                gender=None,
                ethnicity=None,
                religion=None,
                position=None,
                position_unit=None,
                education=None,
                **{key: False for key in self.flags},
            )
        else:
            values.update(
                birth_year=self.birth_year.text().strip() or None,
                gender=self.gender.currentData(),
                ethnicity=self.ethnicity.currentText().strip() or None,
                religion=text(self.religion),
                position=text(self.position),
                position_unit=text(self.position_unit),
                education=text(self.education),
                collective_type=None,
                member_count=None,
                leader_name=None,
                **{key: box.isChecked() for key, box in self.flags.items()},
            )
        return values

    # -- saving --------------------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        self.form_error.hide()
        for label in self._errors.values():
            label.hide()

    def _show_error(self, key: str | None, message: str) -> None:
        label = self._errors.get(key) if key else None
        if label is None:
            self.form_error.setText(message)
            self.form_error.show()
        else:
            label.setText(message)
            label.show()
            widget = {
                "name": self.name_edit,
                "birth_year": self.birth_year,
                "gender": self.gender,
                "unit": self.unit,
            }.get(key or "")
            if widget is not None:
                widget.setFocus()

    def error_text(self) -> str:
        """Every message on show (for tests and accessibility)."""
        texts = [self.form_error.text()] if not self.form_error.isHidden() else []
        texts += [label.text() for label in dict.fromkeys(self._errors.values()) if not label.isHidden()]
        return "\n".join(texts)

    def save(self) -> bool:
        from ..services.candidates import create_candidate, update_candidate, validate_candidate

        self._clear_errors()
        values = self.values()
        if self.unit.currentText().strip() and values["unit_id"] is None:
            self._show_error(
                "unit",
                f"Không có đơn vị «{self.unit.currentText().strip()}» trong danh mục; "
                "hãy chọn một đơn vị trong danh sách.",
            )
            return False
        try:
            validate_candidate(dict(values))
            if not self.plan_id:
                raise UserError(
                    "Chưa có kế hoạch nào đang thực hiện: hãy tạo hoặc sao chép một kế hoạch trước."
                )
            with self.ctx.db.transaction() as session:
                if self.candidate_id:
                    candidate = session.get(Candidate, self.candidate_id)
                    if candidate is None:
                        raise UserError("Hồ sơ này không còn trong dữ liệu (có thể người khác vừa xóa).")
                    if self._version is not None and candidate.version != self._version:
                        raise StaleRecord(STALE_MESSAGE)
                    update_candidate(session, candidate, **values)
                else:
                    kind, name = values.pop("kind"), values.pop("name")
                    candidate = create_candidate(
                        session,
                        plan_id=self.plan_id,
                        kind=str(kind),
                        name=str(name),
                        changed_by=self.ctx.officer_name(),
                        **values,
                    )
                saved_id = candidate.id
        except (StaleRecord, StaleDataError):  # the core turns StaleDataError into StaleRecord
            self._show_error(None, STALE_MESSAGE)
            return False
        except UserError as exc:
            key = next((k for quoted, k in MESSAGE_FIELDS.items() if f"«{quoted}»" in exc.message), None)
            self._show_error(key, exc.message)
            return False
        self.saved_id = saved_id
        self.candidate_id = saved_id
        with self.ctx.db.session() as session:
            candidate = session.get(Candidate, saved_id)
            self._version = candidate.version if candidate is not None else None
        self.saved.emit(saved_id)
        return True

    # -- duplicates ------------------------------------------------------------------------------
    def duplicates(self) -> list[tuple[str, str]]:
        """(id, description) of other records that look like the same subject."""
        from ..services.duplicates import find_duplicates_for

        values = {
            "id": self.candidate_id,
            "kind": self.kind(),
            "name": self.name_edit.text(),
            "birth_year": self.birth_year.text().strip() or None,
        }
        if values["birth_year"] and not str(values["birth_year"]).isdigit():
            return []
        if values["birth_year"]:
            values["birth_year"] = int(str(values["birth_year"]))
        with self.ctx.db.session() as session:
            return [(c.id, describe(c)) for c in find_duplicates_for(session, values)]

    def check_duplicates(self) -> None:
        found = self.duplicates() if self.name_edit.text().strip() else []
        if found:
            self.duplicate_label.setText("Có thể trùng với: " + "; ".join(text for _, text in found))
        self.duplicate_label.setVisible(bool(found))


def describe(c: Candidate) -> str:
    """«Nguyễn Văn An» (1980, Chi bộ thôn Nậm Cang, Đã đăng ký) — for duplicate warnings."""
    from ..services.lifecycle import status_label

    parts = [str(c.birth_year)] if c.birth_year else []
    parts.append(c.unit.name if c.unit is not None else "chưa rõ đơn vị")
    parts.append(status_label(c.status))
    return f"«{c.name}» ({', '.join(parts)})"


class CandidateForm(QDialog):
    """The editor in a dialog with «Lưu» and «Hủy» (attributes of the editor are the form's)."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        plan_id: str | None,
        candidate_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sửa hồ sơ điển hình" if candidate_id else "Thêm điển hình")
        self.setMinimumWidth(900)
        self.saved_id: str | None = None
        root = QVBoxLayout(self)
        self.editor = CandidateEditor(ctx, plan_id=plan_id, candidate_id=candidate_id, parent=self)
        root.addWidget(self.editor)
        self.buttons = dialog_buttons(self, "Lưu", self.save, save=True)
        root.addWidget(self.buttons)
        self.editor.name_edit.setFocus()

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        editor = self.__dict__.get("editor")
        if editor is None:
            raise AttributeError(name)
        return getattr(editor, name)

    def save(self) -> bool:
        if not self.editor.save():
            return False
        self.saved_id = self.editor.saved_id
        self.accept()
        return True


def _wrap(layout) -> QWidget:  # type: ignore[no-untyped-def]
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w


__all__ = ["CandidateEditor", "CandidateForm", "STALE_MESSAGE", "COLLECTIVE_TYPES", "describe"]
