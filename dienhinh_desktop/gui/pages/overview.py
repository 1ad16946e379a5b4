"""Page «Tổng quan» (minimal for now): counts of the current plan by status and by kind.

Another page will replace this one with the real overview (deadlines, next steps)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from ...models import Candidate
from ...models.enums import LABELS, CandidateKind, CandidateStatus
from ..context import AppContext


def count_by(session, plan_id: str | None) -> tuple[dict[str, int], dict[str, int]]:  # type: ignore[no-untyped-def]
    """(by status, by kind) for a plan (all plans when None): one GROUP BY query."""
    stmt = select(Candidate.status, Candidate.kind, func.count()).group_by(Candidate.status, Candidate.kind)
    if plan_id:
        stmt = stmt.where(Candidate.plan_id == plan_id)
    by_status: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for status, kind, n in session.execute(stmt):
        by_status[status] = by_status.get(status, 0) + n
        by_kind[kind] = by_kind.get(kind, 0) + n
    return by_status, by_kind


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        title = QLabel("Tổng quan")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("pageSubtitle")
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)
        layout.addSpacing(8)

        self.cards = QHBoxLayout()
        self.cards.setSpacing(12)
        self.card_values: dict[str, QLabel] = {}
        for key, label in [("total", "Tổng số điển hình"), *[(k.value, LABELS[k]) for k in CandidateKind]]:
            self.cards.addWidget(self._card(key, label))
        self.cards.addStretch(1)
        layout.addLayout(self.cards)
        layout.addSpacing(12)

        status_box = QFrame()
        status_box.setObjectName("card")
        sl = QVBoxLayout(status_box)
        head = QLabel("Theo trạng thái")
        head.setStyleSheet("font-weight: 600;")
        sl.addWidget(head)
        self.status_grid = QGridLayout()
        self.status_grid.setHorizontalSpacing(24)
        self.status_values: dict[str, QLabel] = {}
        for n, status in enumerate(CandidateStatus):
            name = QLabel(LABELS[status])
            value = QLabel("0")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setObjectName(f"status_{status.value}")
            self.status_values[status.value] = value
            row, col = n % 6, (n // 6) * 2
            self.status_grid.addWidget(name, row, col)
            self.status_grid.addWidget(value, row, col + 1)
        self.status_grid.setColumnMinimumWidth(1, 50)
        self.status_grid.setColumnMinimumWidth(3, 50)
        sl.addLayout(self.status_grid)
        row = QHBoxLayout()
        row.addWidget(status_box)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(12)
        go = QPushButton("Mở danh sách điển hình")
        go.clicked.connect(lambda: ctx.hub.navigate.emit("dien-hinh"))
        layout.addWidget(go, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

        ctx.hub.candidates_changed.connect(self.refresh)
        ctx.hub.plan_changed.connect(lambda _pid: self.refresh())
        self.refresh()

    def _card(self, key: str, label: str) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        card.setMinimumWidth(170)
        cl = QVBoxLayout(card)
        value = QLabel("0")
        value.setObjectName("bigNumber")
        cl.addWidget(value)
        cl.addWidget(QLabel(label))
        self.card_values[key] = value
        return card

    def refresh(self) -> None:
        plan_id = self.ctx.plan_id
        with self.ctx.db.session() as session:
            by_status, by_kind = count_by(session, plan_id)
        name = self.ctx.plan_name()
        self.plan_label.setText(
            f"Kế hoạch đang thực hiện: {name}"
            if name
            else "Chưa có kế hoạch nào đang thực hiện — số liệu dưới đây tính trên toàn bộ dữ liệu."
        )
        self.card_values["total"].setText(_n(sum(by_kind.values())))
        for kind in CandidateKind:
            self.card_values[kind.value].setText(_n(by_kind.get(kind.value, 0)))
        for status, label in self.status_values.items():
            label.setText(_n(by_status.get(status, 0)))

    def on_shown(self) -> None:
        self.ctx.hub.status_count.emit(f"{self.card_values['total'].text()} điển hình")


def _n(x: int) -> str:
    return f"{x:,}".replace(",", ".")
