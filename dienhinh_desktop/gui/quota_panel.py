"""Live quota counters (chỉ tiêu) where the officer works: one chip per unit and quota,
coloured by state — under (amber), ok (green), over (red). A warning, never a block.

``QuotaPanel(ctx)`` follows ``ctx.plan_id`` and refreshes on ``hub.candidates_changed``
and ``hub.plan_changed`` (one grouped query: ``services.quotas.quota_status``). It hides
itself when the plan has no quotas. The header line sums up ("12 đạt · 3 thiếu · 1 vượt")
and the «Chi tiết» button shows or hides the chips.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .context import AppContext

STATE_COLOURS = {  # background, text
    "under": ("#fff3d6", "#8a5a00"),
    "ok": ("#e3f4e6", "#1e6b2e"),
    "over": ("#fbe3e1", "#a0281e"),
}
STATE_WORDS = {"under": "thiếu", "ok": "đạt", "over": "vượt"}
STATE_ORDER = {"over": 0, "under": 1, "ok": 2}


class QuotaPanel(QFrame):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, plan_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._plan_id = plan_id
        self.counters: list = []
        self.setObjectName("quotaPanel")
        self.setStyleSheet(
            "QFrame#quotaPanel { background: white; border: 1px solid #d8dee6; border-radius: 6px; }"
            "QListWidget#quotaChips { border: none; background: transparent; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        head = QHBoxLayout()
        title = QLabel("<b>Chỉ tiêu đăng ký</b>")
        head.addWidget(title)
        self.summary = QLabel()
        self.summary.setObjectName("quotaSummary")
        head.addWidget(self.summary, 1)
        self.toggle = QToolButton()
        self.toggle.setText("Chi tiết")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle.toggled.connect(self._on_toggle)
        head.addWidget(self.toggle)
        layout.addLayout(head)
        self.chips = QListWidget()
        self.chips.setObjectName("quotaChips")
        self.chips.setViewMode(QListView.ViewMode.IconMode)
        self.chips.setFlow(QListView.Flow.LeftToRight)
        self.chips.setWrapping(True)
        self.chips.setResizeMode(QListView.ResizeMode.Adjust)
        self.chips.setMovement(QListView.Movement.Static)
        self.chips.setUniformItemSizes(False)
        self.chips.setSpacing(2)
        self.chips.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.chips.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.chips)
        ctx.hub.candidates_changed.connect(self.refresh)
        ctx.hub.plan_changed.connect(lambda _pid: self.refresh())
        self.refresh()

    def plan_id(self) -> str | None:
        return self._plan_id or self.ctx.plan_id

    def set_plan(self, plan_id: str | None) -> None:
        self._plan_id = plan_id
        self.refresh()

    def refresh(self) -> None:
        from ..services.quotas import quota_status

        plan_id = self.plan_id()
        counters = []
        if plan_id:
            with self.ctx.db.session() as s:
                counters = quota_status(s, plan_id, scope="registration")
        counters.sort(key=lambda c: (STATE_ORDER.get(c.state, 3), c.unit_name))
        self.counters = counters
        self.setVisible(bool(counters))
        counts = {state: sum(c.state == state for c in counters) for state in STATE_WORDS}
        parts = []
        for state in ("ok", "under", "over"):
            if counts[state]:
                colour = STATE_COLOURS[state][1]
                parts.append(f"<span style='color:{colour}'>{counts[state]} {STATE_WORDS[state]}</span>")
        note = " — chỉ là cảnh báo, vẫn đăng ký được" if counts["under"] or counts["over"] else ""
        self.summary.setText(("&nbsp;·&nbsp;".join(parts) + note) if parts else "")
        self.chips.clear()
        for c in counters:
            item = QListWidgetItem(self.chip_text(c))
            background, foreground = STATE_COLOURS.get(c.state, ("#ffffff", "#1f2d3d"))
            item.setBackground(QBrush(QColor(background)))
            item.setForeground(QBrush(QColor(foreground)))
            item.setToolTip(c.message + (f"\n{c.note}" if c.note else ""))
            item.setData(Qt.ItemDataRole.UserRole, c.state)
            text_width = self.chips.fontMetrics().horizontalAdvance(item.text())
            item.setSizeHint(QSize(text_width + 40, self.chips.fontMetrics().height() + 10))
            self.chips.addItem(item)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the chips need (at most three lines; the rest scrolls)."""
        width = max(self.chips.viewport().width(), self.width() - 30, 600)
        lines, used = 1, 0
        for i in range(self.chips.count()):
            w = self.chips.item(i).sizeHint().width() + 6
            if used and used + w > width:
                lines, used = lines + 1, 0
            used += w
        line = self.chips.fontMetrics().height() + 16
        self.chips.setFixedHeight(min(lines, 3) * line + 4)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._fit_height()

    @staticmethod
    def chip_text(c) -> str:  # type: ignore[no-untyped-def]
        under = c.state == "under" and c.min_count is not None
        target = c.min_count if under or c.max_count is None else c.max_count
        count = f"{c.count}/{target}" if target is not None else str(c.count)
        tail = {"under": f" — thiếu {c.missing}", "over": f" — vượt {c.excess}"}.get(c.state, " ✓")
        kind = {"collective": " tập thể", "individual": " cá nhân", "household": " hộ"}.get(
            c.candidate_kind or "", ""
        )
        return f"{c.unit_name}: {count}{kind}{tail}"

    def states(self) -> dict[str, str]:
        """{unit name: state} of the counters shown (for tests)."""
        return {c.unit_name: c.state for c in self.counters}

    def _on_toggle(self, shown: bool) -> None:
        self.chips.setVisible(shown)
