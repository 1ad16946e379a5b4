"""The criteria tab of a candidate: the checklist worked through with the keyboard.

Left, one row per criterion that applies (code, criterion, why it applies, result,
state with a coloured mark); right, the editor of the selected criterion: the
self-assessment (yes/no, rating, counts, yearly ratings, text, evidence), the board's
appraisal and the attachments of that criterion. Above, the summary line
"7/9 tiêu chí đạt — còn thiếu: …" and a switch to show only what is missing.

Keyboard on the list: Up/Down move; Space toggles yes/no (yes/no criteria); 1–9 pick
the n-th rating of the scale (1 = best; rating criteria); Enter goes to the text of the
self-assessment; Ctrl+S saves the editor (it is saved too when another row is chosen).

Everything is saved at once through ``services.criteria`` in its own transaction; the
``changed`` signal then tells the candidate page to refresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..errors import UserError
from ..models import Candidate, Criterion, CriterionType
from ..services import attachments as att_service
from ..services import criteria as cr
from .widgets import show_error

STATE_MARKS = {cr.MET: "✔", cr.NOT_MET: "✘", cr.PARTLY: "◐", cr.UNANSWERED: "○"}
STATE_COLOURS = {cr.MET: "#e3f4e6", cr.NOT_MET: "#fbe3e1", cr.PARTLY: "#fff3d6", cr.UNANSWERED: "#ffffff"}
STATE_TEXT_COLOURS = {
    cr.MET: "#1e6b2e",
    cr.NOT_MET: "#a0281e",
    cr.PARTLY: "#8a5a00",
    cr.UNANSWERED: "#5b6b7c",
}
APPRAISAL_CHOICES = [
    (None, "Chưa thẩm định"),
    ("met", "Đạt"),
    ("not_met", "Không đạt"),
    ("partly_met", "Đạt một phần"),
]
BOOL_CHOICES = [(None, "Chưa xác định"), (True, "Đạt"), (False, "Không đạt")]
COLUMNS = ["Mã", "Tiêu chí", "Áp dụng vì", "Kết quả", "Đánh giá"]
COL_CODE, COL_TEXT, COL_WHY, COL_RESULT, COL_STATE = range(5)


@dataclass
class Row:
    """A checklist item as plain values (no ORM object outlives its session)."""

    criterion_id: str
    code: str
    text: str
    short: str
    value_type: str
    scale: list[str]
    min_rating: str | None
    threshold: float | None
    strict: bool
    numerator_label: str
    denominator_label: str
    years_required: int
    required: bool
    set_name: str
    why: str
    state: str
    reason: str
    self_state: str
    source: str | None
    assessment_id: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    attachments: int = 0


def _row_from(item: cr.ChecklistItem, attachment_counts: dict[str, int]) -> Row:
    c: Criterion = item.criterion
    a = item.assessment
    values: dict[str, Any] = {}
    if a is not None:
        for key in (*cr.SELF_KEYS, "appraisal", "appraisal_comment", "appraised_by", "appraised_at"):
            values[key] = getattr(a, key)
    return Row(
        criterion_id=c.id,
        code=c.code or "",
        text=" ".join((c.text or "").split()),
        short=" ".join((c.short_text or c.text or "").split()),
        value_type=c.value_type or CriterionType.BOOLEAN.value,
        scale=cr.rating_scale(c),
        min_rating=c.min_rating,
        threshold=c.threshold,
        strict=bool(c.threshold_strict),
        numerator_label=c.numerator_label or "Số đạt",
        denominator_label=c.denominator_label or "Tổng số",
        years_required=max(int(c.years_required or 1), 1),
        required=bool(c.required),
        set_name=item.criteria_set.name,
        why=item.why,
        state=item.state,
        reason=item.reason,
        self_state=item.self_state,
        source=item.source,
        assessment_id=a.id if a is not None else None,
        values=values,
        attachments=attachment_counts.get(a.id, 0) if a is not None else 0,
    )


class _ListKeys(QObject):
    """Space / digits / Enter on the checklist (Up/Down are the table's own)."""

    def __init__(self, tab: CriteriaTab) -> None:
        super().__init__(tab)
        self.tab = tab

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if key == Qt.Key.Key_Space:
            self.tab.toggle_current()
            return True
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.tab.pick_rating(key - Qt.Key.Key_1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.tab.self_text.setFocus()
            return True
        return False


class CriteriaTab(QWidget):
    """``CriteriaTab(db, candidate_id)``: embed in the candidate page."""

    changed = Signal()  # something was saved (the candidate page refreshes its status line)

    def __init__(
        self, db: Database, candidate_id: str, parent: QWidget | None = None, *, officer: str | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.candidate_id = candidate_id
        self.officer = officer
        self.rows: list[Row] = []
        self.eligibility: cr.Eligibility | None = None
        self.not_applying: list[tuple[str, str]] = []
        self._current: Row | None = None
        self._dirty = False
        self._loading = False
        self._build()
        self.reload()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("criteriaSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.summary, 1)
        self.only_missing = QCheckBox("Chỉ hiện tiêu chí còn thiếu")
        self.only_missing.toggled.connect(self._apply_filter)
        top.addWidget(self.only_missing)
        outer.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter, 1)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_WHY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_RESULT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(COL_WHY, 150)
        self.table.setColumnWidth(COL_RESULT, 130)
        header.setMinimumSectionSize(40)
        self.table.setAccessibleName("Danh sách tiêu chí")
        self.table.currentCellChanged.connect(self._on_current_changed)
        self._keys = _ListKeys(self)
        self.table.installEventFilter(self._keys)
        lv.addWidget(self.table, 1)
        self.hint = QLabel(
            "Phím: ↑/↓ chọn tiêu chí · Cách: đạt/không đạt · 1–9: chọn mức xếp loại · Enter: ghi kết quả · Ctrl+S: lưu"
        )
        self.hint.setObjectName("pageSubtitle")
        self.hint.setWordWrap(True)
        lv.addWidget(self.hint)
        self.not_applying_label = QLabel()
        self.not_applying_label.setObjectName("pageSubtitle")
        self.not_applying_label.setWordWrap(True)
        lv.addWidget(self.not_applying_label)
        splitter.addWidget(left)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        editor = QWidget()
        ev = QVBoxLayout(editor)
        self.crit_title = QLabel()
        self.crit_title.setWordWrap(True)
        self.crit_title.setObjectName("criterionTitle")
        ev.addWidget(self.crit_title)
        self.crit_rule = QLabel()
        self.crit_rule.setWordWrap(True)
        self.crit_rule.setObjectName("pageSubtitle")
        ev.addWidget(self.crit_rule)

        self_box = QGroupBox("Tự đánh giá")
        self.self_form = QFormLayout(self_box)
        self.self_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.bool_combo = QComboBox()
        for _value, label in BOOL_CHOICES:
            self.bool_combo.addItem(label)
        self.rating_combo = QComboBox()
        self.num_edit = QDoubleSpinBox()
        self.den_edit = QDoubleSpinBox()
        for spin in (self.num_edit, self.den_edit):
            spin.setDecimals(0)
            spin.setRange(-1, 10_000_000)
            spin.setSpecialValueText("—")  # -1 shows as "not entered"
            spin.setValue(-1)
        self.share_label = QLabel()
        self.years_box = QWidget()
        self.years_form = QFormLayout(self.years_box)
        self.years_form.setContentsMargins(0, 0, 0, 0)
        self.year_combos: list[tuple[int, QComboBox]] = []
        self.self_text = QPlainTextEdit()
        self.self_text.setPlaceholderText("Kết quả thực hiện tiêu chí (việc đã làm, số liệu, hiệu quả)…")
        self.self_text.setTabChangesFocus(True)
        self.self_text.setMinimumHeight(90)
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText("Văn bản, quyết định, biên bản làm minh chứng…")
        self.num_label = QLabel()
        self.num_label.setWordWrap(True)
        self.den_label = QLabel()
        self.den_label.setWordWrap(True)
        self.self_form.addRow("Kết quả:", self.bool_combo)
        self.self_form.addRow("Mức xếp loại:", self.rating_combo)
        self.self_form.addRow(self.num_label, self.num_edit)
        self.self_form.addRow(self.den_label, self.den_edit)
        self.self_form.addRow("Tỷ lệ:", self.share_label)
        self.self_form.addRow("Xếp loại các năm:", self.years_box)
        self.self_form.addRow("Nội dung:", self.self_text)
        self.self_form.addRow("Minh chứng:", self.evidence)
        ev.addWidget(self_box)

        app_box = QGroupBox("Thẩm định")
        af = QFormLayout(app_box)
        self.appraisal_combo = QComboBox()
        for _value, label in APPRAISAL_CHOICES:
            self.appraisal_combo.addItem(label)
        self.appraisal_comment = QLineEdit()
        self.appraisal_comment.setPlaceholderText("Nhận xét của tổ thẩm định")
        self.appraisal_by = QLineEdit()
        self.appraisal_by.setPlaceholderText("Người, tổ thẩm định")
        self.appraisal_when = QLabel()
        self.appraisal_when.setObjectName("pageSubtitle")
        af.addRow("Kết quả:", self.appraisal_combo)
        af.addRow("Nhận xét:", self.appraisal_comment)
        af.addRow("Người thẩm định:", self.appraisal_by)
        af.addRow("", self.appraisal_when)
        ev.addWidget(app_box)

        files_box = QGroupBox("Tệp đính kèm của tiêu chí")
        fv = QVBoxLayout(files_box)
        self.files = QListWidget()
        self.files.setMaximumHeight(110)
        self.files.itemActivated.connect(lambda item: self.open_attachment(item))
        fv.addWidget(self.files)
        fb = QHBoxLayout()
        self.add_file_btn = QPushButton("Thêm tệp…")
        self.add_file_btn.clicked.connect(self._choose_file)
        self.open_file_btn = QPushButton("Mở tệp")
        self.open_file_btn.clicked.connect(lambda: self.open_attachment(self.files.currentItem()))
        fb.addWidget(self.add_file_btn)
        fb.addWidget(self.open_file_btn)
        fb.addStretch(1)
        fv.addLayout(fb)
        ev.addWidget(files_box)

        buttons = QHBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        buttons.addWidget(self.error, 1)
        self.save_btn = QPushButton("Lưu")
        self.save_btn.setToolTip("Lưu tự đánh giá và thẩm định của tiêu chí này (Ctrl+S)")
        self.save_btn.clicked.connect(self.save_current)
        buttons.addWidget(self.save_btn)
        ev.addLayout(buttons)
        ev.addStretch(1)
        scroll.setWidget(editor)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 480])
        self.editor = editor

        for w in (self.bool_combo, self.rating_combo, self.appraisal_combo):
            w.currentIndexChanged.connect(self._mark_dirty)
        for w in (self.num_edit, self.den_edit):
            w.valueChanged.connect(self._mark_dirty)
            w.valueChanged.connect(self._update_share)
        for w in (self.evidence, self.appraisal_comment, self.appraisal_by):
            w.textEdited.connect(self._mark_dirty)
        self.self_text.textChanged.connect(self._mark_dirty)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save_current)

    # ------------------------------------------------------------------ data
    @property
    def files_dir(self) -> Path:
        return self.db.files_dir

    def reload(self, keep: str | None = None) -> None:
        """Read the checklist again; keep the selection on ``keep`` (a criterion id)."""
        keep = keep or (self._current.criterion_id if self._current else None)
        with self.db.session() as s:
            candidate = s.get(Candidate, self.candidate_id)
            if candidate is None:
                self.rows = []
                self.summary.setText("Không tìm thấy điển hình này.")
                return
            items = cr.checklist_for(s, candidate)
            ids = [it.assessment.id for it in items if it.assessment is not None]
            counts = att_service.count_attachments(s, "assessment", ids)
            self.rows = [_row_from(it, counts) for it in items]
            self.eligibility = cr.eligibility_from_items(items)
            self.not_applying = [
                (c.code or c.short_text or "", why) for c, why in cr.not_applying(s, candidate)
            ]
        self._fill_table()
        self._show_summary()
        target = 0
        for i, row in enumerate(self.rows):
            if row.criterion_id == keep:
                target = i
        if self.rows:
            self._loading = True
            self.table.setCurrentCell(target, COL_TEXT)
            self._loading = False
            self._show_row(self.rows[target])
        else:
            self._show_row(None)
        self._apply_filter()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            result = self._result_text(row)
            cells = [
                row.code,
                row.short + ("" if row.required else " (ưu tiên)"),
                row.why,
                result,
                f"{STATE_MARKS[row.state]} {cr.STATE_LABELS[row.state]}",
            ]
            for col, text in enumerate(cells):
                item = self.table.item(i, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(i, col, item)
                item.setText(text)
                item.setToolTip(
                    row.text if col == COL_TEXT else (row.reason if col in (COL_RESULT, COL_STATE) else text)
                )
                item.setBackground(QBrush(QColor(STATE_COLOURS[row.state])))
                if col == COL_STATE:
                    item.setForeground(QBrush(QColor(STATE_TEXT_COLOURS[row.state])))
            self.table.item(i, COL_STATE).setData(Qt.ItemDataRole.UserRole, row.state)
        self.table.resizeRowsToContents()

    def _result_text(self, row: Row) -> str:
        v = row.values
        if row.value_type == CriterionType.NUMBER and v.get("numerator") is not None and v.get("denominator"):
            share = cr.share_percent(v["numerator"], v["denominator"])
            return f"{cr.fmt_number(v['numerator'])}/{cr.fmt_number(v['denominator'])} = {cr.fmt_number(share, 2)}%"
        if row.value_type == CriterionType.RATING and v.get("rating"):
            return v["rating"]
        if row.value_type == CriterionType.RATING_YEARS and v.get("yearly_ratings"):
            return "; ".join(f"{y}: {r}" for y, r in sorted(v["yearly_ratings"].items()))
        if v.get("self_met") is True:
            return "Đạt"
        if v.get("self_met") is False:
            return "Không đạt"
        return ""

    def _show_summary(self) -> None:
        e = self.eligibility
        if e is None:
            return
        text = e.summary(max_items=4)
        colour = "#1e6b2e" if e.eligible else ("#a0281e" if e.total_required else "#5b6b7c")
        extra = f" · {len(self.rows)} tiêu chí áp dụng" if self.rows else ""
        self.summary.setText(f"<b style='color:{colour}'>{_escape(text)}</b>{extra}")
        self.summary.setToolTip("\n".join(e.missing) if e.missing else "")
        if self.not_applying:
            shown = "; ".join(f"{code} ({why})" for code, why in self.not_applying[:6])
            more = f" và {len(self.not_applying) - 6} tiêu chí khác" if len(self.not_applying) > 6 else ""
            self.not_applying_label.setText(f"Không áp dụng: {shown}{more}.")
        else:
            self.not_applying_label.setText("")

    def summary_text(self) -> str:
        return self.eligibility.summary(max_items=4) if self.eligibility else ""

    def _apply_filter(self) -> None:
        only = self.only_missing.isChecked()
        for i, row in enumerate(self.rows):
            hide = only and (row.state == cr.MET or not row.required)
            self.table.setRowHidden(i, hide)

    # ------------------------------------------------------------------ editor
    def _on_current_changed(self, row: int, _col: int, prev_row: int, _prev_col: int) -> None:
        if self._loading:
            return
        if row == prev_row:
            return
        if self._dirty and self._current is not None:
            if not self.save_current():
                return
        self._show_row(self.rows[row] if 0 <= row < len(self.rows) else None)

    def _show_row(self, row: Row | None) -> None:
        self._loading = True
        try:
            self._current = row
            self.error.setText("")
            self.editor.setEnabled(row is not None)
            if row is None:
                self.crit_title.setText("Kế hoạch chưa có tiêu chí nào áp dụng cho điển hình này.")
                self.crit_rule.setText("")
                return
            self.crit_title.setText(f"<b>{_escape(row.code)}</b> {_escape(row.text)}")
            self.crit_rule.setText(self._rule_text(row))
            vt = row.value_type
            v = row.values
            self._set_visible(self.bool_combo, vt == CriterionType.BOOLEAN)
            self._set_visible(self.rating_combo, vt == CriterionType.RATING)
            for w in (self.num_edit, self.den_edit, self.share_label):
                self._set_visible(w, vt == CriterionType.NUMBER)
            self._set_visible(self.years_box, vt == CriterionType.RATING_YEARS)
            self.bool_combo.setCurrentIndex([c for c, _ in BOOL_CHOICES].index(v.get("self_met")))
            self.rating_combo.clear()
            self.rating_combo.addItem("— chưa chọn —")
            for n, label in enumerate(row.scale, start=1):
                self.rating_combo.addItem(f"{n}. {label}" if n <= 9 else label)
            rating = v.get("rating")
            self.rating_combo.setCurrentIndex(row.scale.index(rating) + 1 if rating in row.scale else 0)
            self.num_label.setText(row.numerator_label + ":")
            self.den_label.setText(row.denominator_label + ":")
            self.num_edit.setValue(v["numerator"] if v.get("numerator") is not None else -1)
            self.den_edit.setValue(v["denominator"] if v.get("denominator") is not None else -1)
            self._fill_years(row)
            self.self_text.setPlainText(v.get("self_text") or "")
            self.evidence.setText(v.get("self_evidence") or "")
            appraisal = v.get("appraisal")
            self.appraisal_combo.setCurrentIndex(
                [c for c, _ in APPRAISAL_CHOICES].index(appraisal)
                if appraisal in {c for c, _ in APPRAISAL_CHOICES}
                else 0
            )
            self.appraisal_comment.setText(v.get("appraisal_comment") or "")
            self.appraisal_by.setText(v.get("appraised_by") or "")
            self.appraisal_by.setPlaceholderText(self.officer or "Người, tổ thẩm định")
            when = v.get("appraised_at")
            self.appraisal_when.setText(f"Thẩm định lúc {when:%H:%M %d/%m/%Y}" if when else "")
            self._update_share()
            self._fill_files()
        finally:
            self._loading = False
            self._dirty = False

    def _set_visible(self, widget: QWidget, visible: bool) -> None:
        self.self_form.setRowVisible(widget, visible)

    def _rule_text(self, row: Row) -> str:
        parts = [f"Nhóm: {row.set_name}"]
        if not row.why.startswith("tiêu chí chung"):
            parts.append(row.why)
        if row.value_type == CriterionType.NUMBER and row.threshold is not None:
            t = cr.fmt_number(row.threshold)
            parts.append(
                f"Yêu cầu: tỷ lệ {'trên' if row.strict else 'từ'} {t}%{'' if row.strict else ' trở lên'}"
            )
        elif row.value_type in (CriterionType.RATING, CriterionType.RATING_YEARS):
            need = row.min_rating or (row.scale[-2] if len(row.scale) > 1 else row.scale[0])
            years = f", {row.years_required} năm liền" if row.value_type == CriterionType.RATING_YEARS else ""
            parts.append(f"Yêu cầu: {need} trở lên{years}")
        parts.append(f"Hiện tại: {cr.STATE_LABELS[row.state]} — {row.reason}")
        return " · ".join(_escape(p) for p in parts)

    def _fill_years(self, row: Row) -> None:
        while self.years_form.rowCount():
            self.years_form.removeRow(0)
        self.year_combos = []
        if row.value_type != CriterionType.RATING_YEARS:
            return
        entered = {int(y): r for y, r in (row.values.get("yearly_ratings") or {}).items() if str(y).isdigit()}
        last = max(entered) if entered else date.today().year - 1
        years = sorted(set(range(last - row.years_required + 1, last + 1)) | set(entered))
        for year in years:
            combo = QComboBox()
            combo.addItem("— chưa nhập —")
            combo.addItems(row.scale)
            value = entered.get(year)
            combo.setCurrentIndex(row.scale.index(value) + 1 if value in row.scale else 0)
            combo.currentIndexChanged.connect(self._mark_dirty)
            self.years_form.addRow(f"Năm {year}:", combo)
            self.year_combos.append((year, combo))

    def _update_share(self) -> None:
        num, den = self.num_edit.value(), self.den_edit.value()
        if num < 0 or den <= 0:
            self.share_label.setText("—")
            return
        share = cr.share_percent(num, den)
        self.share_label.setText(f"{cr.fmt_number(share, 2)}%")

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True

    def editor_values(self) -> tuple[dict[str, Any], tuple[str | None, str | None, str | None]]:
        """(self-assessment keys for ``save_self_assessment``, (appraisal, comment, by))."""
        row = self._current
        assert row is not None
        values: dict[str, Any] = {
            "self_text": self.self_text.toPlainText(),
            "self_evidence": self.evidence.text(),
        }
        if row.value_type == CriterionType.BOOLEAN:
            values["self_met"] = BOOL_CHOICES[self.bool_combo.currentIndex()][0]
        elif row.value_type == CriterionType.RATING:
            idx = self.rating_combo.currentIndex()
            values["rating"] = row.scale[idx - 1] if idx > 0 else None
        elif row.value_type == CriterionType.NUMBER:
            num, den = self.num_edit.value(), self.den_edit.value()
            values["numerator"] = num if num >= 0 else None
            values["denominator"] = den if den >= 0 else None
        elif row.value_type == CriterionType.RATING_YEARS:
            values["yearly_ratings"] = {
                str(year): row.scale[combo.currentIndex() - 1]
                for year, combo in self.year_combos
                if combo.currentIndex() > 0
            }
        appraisal = APPRAISAL_CHOICES[self.appraisal_combo.currentIndex()][0]
        by = self.appraisal_by.text().strip() or self.officer
        return values, (appraisal, self.appraisal_comment.text(), by)

    # ------------------------------------------------------------------ saving
    def _changed_self(self, row: Row, values: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in values.items():
            old = row.values.get(key)
            if isinstance(value, str):
                value = value.strip() or None
            if key == "yearly_ratings":
                value = value or None
            if value != old:
                out[key] = value
        return out

    def save_current(self) -> bool:
        """Save the editor of the selected criterion. Returns False (message shown) on bad input."""
        row = self._current
        if row is None:
            return True
        values, (appraisal, comment, by) = self.editor_values()
        changed = self._changed_self(row, values)
        old_app = row.values.get("appraisal")
        app_changed = (
            appraisal != old_app
            or (comment.strip() or None) != row.values.get("appraisal_comment")
            or (appraisal is not None and (by or None) != row.values.get("appraised_by"))
        )
        if not changed and not app_changed:
            self._dirty = False
            return True
        try:
            with self.db.transaction() as s:
                candidate = s.get(Candidate, self.candidate_id)
                criterion = s.get(Criterion, row.criterion_id)
                if changed:
                    cr.save_self_assessment(s, candidate, criterion, **changed)
                if app_changed:
                    cr.save_appraisal(s, candidate, criterion, appraisal, comment, by)
        except UserError as exc:
            self.error.setText(exc.message)
            return False
        self._dirty = False
        self.reload(keep=row.criterion_id)
        self.changed.emit()
        return True

    def _quick_save(self, **values: Any) -> None:
        row = self._current
        if row is None:
            return
        try:
            with self.db.transaction() as s:
                cr.save_self_assessment(
                    s, s.get(Candidate, self.candidate_id), s.get(Criterion, row.criterion_id), **values
                )
        except UserError as exc:
            self.error.setText(exc.message)
            return
        self.reload(keep=row.criterion_id)
        self.changed.emit()

    def toggle_current(self) -> None:
        """Space: a yes/no criterion flips between met and not met (unanswered -> met)."""
        row = self._current
        if row is None or row.value_type != CriterionType.BOOLEAN:
            return
        if self._dirty and not self.save_current():
            return
        row = self._current
        assert row is not None
        self._quick_save(self_met=row.values.get("self_met") is not True)

    def pick_rating(self, index: int) -> None:
        """Digit n: the n-th rating of the scale (1 = best)."""
        row = self._current
        if row is None or row.value_type != CriterionType.RATING or index >= len(row.scale):
            return
        if self._dirty and not self.save_current():
            return
        self._quick_save(rating=self._current.scale[index] if self._current else None)

    # ------------------------------------------------------------------ attachments
    def _fill_files(self) -> None:
        self.files.clear()
        row = self._current
        if row is None or row.assessment_id is None:
            return
        with self.db.session() as s:
            for a in att_service.list_attachments(s, "assessment", row.assessment_id):
                item = QListWidgetItem(a.file_name + (f" — {a.description}" if a.description else ""))
                item.setData(Qt.ItemDataRole.UserRole, str(att_service.attachment_path(self.files_dir, a)))
                item.setToolTip(f"{a.file_name} ({max(a.size // 1024, 1)} KB)")
                self.files.addItem(item)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp minh chứng", "", "Mọi tệp (*.*)")
        if path:
            self.add_file(path)

    def add_file(self, path: str | Path, description: str | None = None) -> bool:
        row = self._current
        if row is None:
            return False
        if self._dirty and not self.save_current():
            return False
        try:
            with self.db.transaction() as s:
                candidate = s.get(Candidate, self.candidate_id)
                a = cr.ensure_assessment(s, candidate, s.get(Criterion, row.criterion_id))
                att_service.add_attachment(
                    s,
                    self.files_dir,
                    path,
                    "assessment",
                    a.id,
                    candidate.id,
                    description,
                    added_by=self.officer,
                )
        except UserError as exc:
            show_error(self, exc.message)
            return False
        self.reload(keep=row.criterion_id)
        self.changed.emit()
        return True

    def open_attachment(self, item: QListWidgetItem | None) -> bool:
        if item is None:
            return False
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        if not path.is_file():
            show_error(
                self, f"Không tìm thấy tệp «{path}». Có thể thư mục dữ liệu chưa được chép sang máy này."
            )
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
