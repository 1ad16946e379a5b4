"""Review a decision received as a plain file before recording it.

The file on the left (a read-only text view built from what ``read_decision_file`` read:
the decision's lines, then its list as a table), the entries with their proposed matches on
the right. The officer confirms or changes each match, then «Ghi nhận quyết định» records it
in one transaction through ``exchange.decision_import.apply_decision`` (off the GUI thread).

Keyboard in the table: ↑/↓ between rows, Enter confirms the proposed match (and goes to the
next row), Delete leaves the row without a candidate («Không phải người của đơn vị»).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from ..text import fmt_date, fold
from .context import AppContext
from .style import icon
from .widgets import ask_yes_no, show_error, show_info
from .worker import run_in_worker

STATUS_LABELS = {"auto": "Khớp chắc chắn", "review": "Cần xem lại", "none": "Không có trong danh sách"}
STATUS_SHORT = {"auto": "Chắc chắn", "review": "Cần xem lại", "none": "Không có"}
STATUS_COLORS = {  # (background, text)
    "auto": ("#e2f3e6", "#1d6b35"),
    "review": ("#fff1cc", "#7a5200"),
    "none": ("#eef0f3", "#5b6673"),
}
NOT_OURS = "Không phải người của đơn vị"
KIND_HEADINGS = {"collective": "Tập thể", "individual": "Cá nhân", "household": "Hộ gia đình"}
ALREADY_IMPORTED = "Quyết định này đã được nhập trước đây; không thay đổi gì."


# ----------------------------------------------------------------------------- loading (worker)


@dataclass
class ReviewData:
    """Everything the review screen needs, read on the worker thread."""

    path: Path
    plan_id: str | None
    preview: dict[str, Any]
    parsed: Any  # exchange.decision_reader.ParsedDecision
    candidates: dict[str, dict[str, Any]]  # candidate id -> candidate_to_dict(...) + "status_label"


def candidate_info(c: Any) -> dict[str, Any]:
    from ..services.candidates import candidate_to_dict
    from ..services.lifecycle import status_label

    d = candidate_to_dict(c)
    d["status_label"] = status_label(c.status)
    return d


def load_review(session: Any, path: Path | str, plan_id: str | None) -> ReviewData:
    """Read and match the file (nothing is written); safe to run on the worker thread."""
    from ..exchange.decision_import import preview_decision
    from ..exchange.decision_reader import read_decision_file
    from ..models import Candidate

    preview = preview_decision(session, path, plan_id=plan_id)
    parsed = read_decision_file(path)
    ids: set[str] = set()
    for e in preview["entries"]:
        m = e["match"]
        if m.get("candidate_id"):
            ids.add(m["candidate_id"])
        ids.update(s["candidate_id"] for s in m.get("suggestions", []))
    cands = {}
    for cid in ids:
        c = session.get(Candidate, cid)
        if c is not None:
            cands[cid] = candidate_info(c)
    session.rollback()
    return ReviewData(Path(path), plan_id, preview, parsed, cands)


def describe_decision(d: dict[str, Any]) -> str:
    """«Quyết định số 125-QĐ/TU ngày 12/12/2026 của Ban Thường vụ Tỉnh ủy» from the preview's decision."""
    from datetime import date

    text = "Quyết định" + (f" số {d['number']}" if d.get("number") else "")
    if d.get("date"):
        text += f" ngày {fmt_date(date.fromisoformat(d['date']))}"
    if d.get("issuer"):
        text += f" của {d['issuer']}"
    return text


def candidate_text(c: dict[str, Any] | None, *, with_status: bool = False) -> str:
    if not c:
        return ""
    text = c["name"]
    if c.get("birth_year"):
        text += f" ({c['birth_year']})"
    where = c.get("position_unit") or c.get("unit")
    if where:
        text += f" — {where}"
    if with_status and c.get("status_label"):
        text += f" · {c['status_label']}"
    return text


# ----------------------------------------------------------------------------- the file as text


def _is_upper_line(t: str) -> bool:
    return any(ch.isalpha() for ch in t) and t == t.upper() and len(t) < 90


def decision_html(parsed: Any) -> str:
    """The decision as readable HTML: its lines (headings centred), its list as a table.
    Every entry carries an anchor ``e<row>`` so the review can scroll to it."""
    entries = list(parsed.entries)
    header_labels = {fold(k) for e in entries for k in (e.raw or {})}
    # Entries written as the numbered items of Article 1 are anchored in the text itself.
    inline: dict[int, int] = {}  # line index -> entry row
    k = 0
    lines = list(parsed.lines)
    for i, line in enumerate(lines):
        if k >= len(entries):
            break
        content = (entries[k].raw or {}).get("Nội dung")
        if content and content in line:
            inline[i] = entries[k].row
            k += 1
    in_table = [e for e in entries if e.row not in set(inline.values())]

    out = [
        "<html><body style=\"font-family:'Times New Roman','Liberation Serif','DejaVu Serif',serif;"
        ' font-size:11pt; color:#1a1a1a;">'
    ]
    heading = ""  # "quyet dinh" / "danh sach" just seen: the next line is its summary
    in_header = True  # the two-column header block, before the first heading
    for i, line in enumerate(lines):
        t = html.escape(line)
        f = fold(line)
        if i not in inline and f in header_labels and len(line) < 40:
            continue  # a list's column title that the reader kept as a line
        summary = heading and (
            f.startswith(("ve viec", "v/v")) or (heading == "danh sach" and line[:1].islower())
        )
        heading = ""
        if i in inline:
            out.append(f'<p style="margin:2px 0 2px 24px;"><a name="e{inline[i]}"></a>{t}</p>')
        elif m := re.match(r"^(quyet dinh|danh sach)\s*(:?)$", f):
            out.append(f'<p align="center" style="margin:10px 0 0 0; font-size:13pt;"><b>{t}</b></p>')
            heading = "" if m.group(2) else m.group(1)
            in_header = False
        elif summary:
            out.append(f'<p align="center" style="margin:0 0 6px 0;"><b>{t}</b></p>')
        elif re.match(r"^[^,]{0,40},\s*ngay \d{1,2} thang \d{1,2} nam \d{4}\s*$", f):
            out.append(f'<p align="center" style="margin:0;"><i>{t}</i></p>')
        elif in_header and not _is_upper_line(line) and len(line) < 80:
            out.append(f'<p align="center" style="margin:0;">{t}</p>')
        elif _is_upper_line(line) or re.fullmatch(r"[-*_=. ]+", line):
            out.append(f'<p align="center" style="margin:0;"><b>{t}</b></p>')
        elif f.startswith(("(kem theo", "kem theo", "(danh sach")):
            out.append(f'<p align="center" style="margin:0 0 4px 0;"><i>{t}</i></p>')
        elif f.startswith(("can cu", "xet de nghi", "theo de nghi")):
            out.append(f'<p align="justify" style="margin:2px 0;"><i>{t}</i></p>')
        elif m := re.match(r"^(Điều\s+\d+\s*[.:])(.*)$", line):
            out.append(
                f'<p align="justify" style="margin:4px 0;"><b>{html.escape(m.group(1))}</b>'
                f"{html.escape(m.group(2))}</p>"
            )
        else:
            out.append(f'<p align="justify" style="margin:3px 0;">{t}</p>')
    if in_table:
        out.append(_entries_table(in_table))
    out.append("</body></html>")
    return "\n".join(out)


def _entries_table(entries: list[Any]) -> str:
    cols: list[tuple[str, Any]] = [("TT", lambda e: (e.raw or {}).get("STT") or str(e.row))]
    cols.append(("Tên tập thể, họ và tên", lambda e: e.name))
    if any(e.birth_year for e in entries):
        cols.append(("Năm sinh", lambda e: str(e.birth_year or "")))
    if any(e.ethnicity for e in entries):
        cols.append(("Dân tộc", lambda e: e.ethnicity or ""))
    if any(e.position_unit for e in entries):
        cols.append(("Chức vụ, đơn vị", lambda e: e.position_unit or ""))
    if any(e.unit for e in entries):
        cols.append(("Đơn vị", lambda e: e.unit or ""))
    if any(e.award_label for e in entries):
        cols.append(("Hình thức", lambda e: e.award_label or ""))
    if any(e.amount for e in entries):
        cols.append(("Số tiền (đồng)", lambda e: f"{e.amount:,.0f}".replace(",", ".") if e.amount else ""))
    n = len(cols)
    out = [
        '<p style="margin:14px 0 4px 0; color:#5b6673;"><i>Danh sách kèm theo quyết định '
        "(đọc từ bảng trong tệp):</i></p>",
        '<table border="1" cellspacing="0" cellpadding="3" width="98%"'
        ' style="border-collapse:collapse; border-color:#8a8a8a; font-size:10pt;">',
        "<tr>" + "".join(f'<th bgcolor="#eef0f3">{html.escape(c)}</th>' for c, _ in cols) + "</tr>",
    ]
    last = None
    for e in entries:
        head = (e.section, e.group)
        if head != last and (e.section or e.group):
            label = " — ".join(x for x in (KIND_HEADINGS.get(e.section or "", ""), e.group or "") if x)
            out.append(f'<tr><td colspan="{n}" bgcolor="#f6f7f9"><b>{html.escape(label)}</b></td></tr>')
            last = head
        cells = []
        for j, (_c, get) in enumerate(cols):
            value = html.escape(str(get(e) or ""))
            if j == 1:
                value = f'<a name="e{e.row}"></a>{value}'
            align = ' align="center"' if j == 0 or _c in ("Năm sinh", "Dân tộc") else ""
            if j == 0 or _c in ("Năm sinh", "Dân tộc", "Số tiền (đồng)"):
                align += " nowrap"
            cells.append(f"<td{align}>{value}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


# ----------------------------------------------------------------------------- the model

COL_ROW, COL_NAME, COL_UNIT, COL_YEAR, COL_MATCH, COL_CHOICE, COL_REASON = range(7)
HEADERS = [
    "TT",
    "Tên trong quyết định",
    "Chức vụ, đơn vị",
    "Năm sinh",
    "Đối chiếu",
    "Ghi nhận cho điển hình",
    "Lý do",
]


@dataclass
class ReviewRow:
    entry: dict[str, Any]
    status: str  # auto / review / none
    proposed: str | None  # the candidate the matcher proposes
    suggestions: list[tuple[str, float]]
    choice: str | None  # the candidate chosen (or proposed, until decided)
    decided: bool = False  # the officer confirmed this row (choice None = not one of ours)

    @property
    def row_no(self) -> int:
        return int(self.entry["row"])


class ReviewModel(QAbstractTableModel):
    """The entries of the decision with their match and the officer's decision."""

    changed = Signal()

    def __init__(self, data: ReviewData, parent: Any = None) -> None:
        super().__init__(parent)
        self.candidates: dict[str, dict[str, Any]] = dict(data.candidates)
        self.rows: list[ReviewRow] = []
        for e in data.preview["entries"]:
            m = e["match"]
            sugg = [(s["candidate_id"], float(s["score"])) for s in m.get("suggestions", [])]
            proposed = m.get("candidate_id")
            if m["status"] == "none":
                proposed = None
            self.rows.append(ReviewRow(e, m["status"], proposed, sugg, proposed))
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_ROW:
                return str(r.row_no)
            if col == COL_NAME:
                return r.entry["name"]
            if col == COL_UNIT:
                return r.entry.get("unit") or ""
            if col == COL_YEAR:
                return str(r.entry.get("birth_year") or "")
            if col == COL_MATCH:
                if role == Qt.ItemDataRole.ToolTipRole:
                    reason = r.entry["match"].get("reason") or ""
                    return STATUS_LABELS.get(r.status, r.status) + (f": {reason}" if reason else "")
                return STATUS_SHORT.get(r.status, r.status)
            if col == COL_CHOICE:
                return self.choice_text(r, tooltip=role == Qt.ItemDataRole.ToolTipRole)
            if col == COL_REASON:
                return r.entry["match"].get("reason") or ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == COL_MATCH:
                return QBrush(QColor(STATUS_COLORS[r.status][0]))
            if col == COL_CHOICE and r.decided and r.choice:
                return QBrush(QColor("#e8f1fb"))
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_MATCH:
                return QBrush(QColor(STATUS_COLORS[r.status][1]))
            if col == COL_CHOICE and not r.decided:
                return QBrush(QColor("#6b7785"))
            if col == COL_CHOICE and not r.choice:
                return QBrush(QColor("#8a96a3"))
            if col == COL_REASON:
                return QBrush(QColor("#5b6673"))
        if role == Qt.ItemDataRole.FontRole:
            if col == COL_MATCH:
                return self._bold
            if col == COL_CHOICE and r.decided and r.choice:
                return self._bold
            if col == COL_CHOICE and not r.decided:
                return self._italic
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ROW, COL_YEAR, COL_MATCH):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def choice_text(self, r: ReviewRow, tooltip: bool = False) -> str:
        c = self.candidates.get(r.choice) if r.choice else None
        if r.decided:
            if c:
                return "✓ " + candidate_text(c, with_status=tooltip)
            return "✗ " + NOT_OURS
        if c:
            return candidate_text(c, with_status=tooltip) + " — chưa xác nhận"
        if r.status == "none":
            return "(không ghi nhận)"
        return "— chưa chọn —"

    # -- decisions --------------------------------------------------------------------------
    def _changed(self, i: int) -> None:
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))
        self.changed.emit()

    def add_candidate(self, info: dict[str, Any]) -> None:
        self.candidates[info["id"]] = info

    def confirm(self, i: int) -> None:
        """Accept the row's current choice (the proposed candidate, or none)."""
        self.rows[i].decided = True
        self._changed(i)

    def set_choice(self, i: int, candidate_id: str | None) -> None:
        """The officer picks a candidate for row ``i`` (None: not one of ours)."""
        r = self.rows[i]
        r.choice = candidate_id or None
        r.decided = True
        self._changed(i)

    def clear(self, i: int) -> None:
        self.set_choice(i, None)

    def confirm_all_auto(self) -> int:
        n = 0
        for i, r in enumerate(self.rows):
            if r.status == "auto" and not r.decided and r.choice:
                r.decided = True
                n += 1
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))
        self.changed.emit()
        return n

    def row_of(self, row_no: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.row_no == row_no), -1)

    def confirmations(self) -> dict[int, str | None]:
        """``{row: candidate id or None}`` for every confirmed row (what ``apply_decision`` takes)."""
        return {r.row_no: r.choice for r in self.rows if r.decided}

    def counts(self) -> dict[str, int]:
        out = {"auto": 0, "review": 0, "none": 0, "decided": 0, "chosen": 0, "undecided": 0}
        for r in self.rows:
            out[r.status] = out.get(r.status, 0) + 1
            if r.decided:
                out["decided"] += 1
                out["chosen"] += 1 if r.choice else 0
            else:
                out["undecided"] += 1
        return out

    def duplicates(self) -> list[str]:
        """Names of candidates chosen on more than one confirmed row."""
        seen: dict[str, int] = {}
        for r in self.rows:
            if r.decided and r.choice:
                seen[r.choice] = seen.get(r.choice, 0) + 1
        return [self.candidates[c]["name"] for c, n in seen.items() if n > 1 and c in self.candidates]


# ----------------------------------------------------------------------------- candidate search


class CandidateSearchDialog(QDialog):
    """Find any candidate of the plan by name, unit, position (accents optional)."""

    def __init__(
        self, ctx: AppContext, plan_id: str | None, text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.chosen: dict[str, Any] | None = None
        self._results: list[dict[str, Any]] = []
        self.setWindowTitle("Tìm điển hình")
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setObjectName("candidatePickerSearch")
        self.search.setPlaceholderText("Gõ họ tên, tên tập thể, chức vụ, đơn vị… (không dấu cũng được)")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        layout.addWidget(self.search)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Tên điển hình", "Năm sinh", "Chức vụ, đơn vị", "Trạng thái"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 80)
        self.table.setColumnWidth(3, 120)
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        self.count.setObjectName("pageSubtitle")
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        self.ok = QPushButton("Chọn")
        self.ok.setObjectName("primary")
        cancel = QPushButton("Hủy")
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)
        self.ok.clicked.connect(self.choose_current)
        cancel.clicked.connect(self.reject)
        self.table.doubleClicked.connect(lambda _i: self.choose_current())
        self.search.returnPressed.connect(self.choose_current)
        self.search.textChanged.connect(self.run_search)
        self.search.installEventFilter(self)
        self.search.setText(text)
        if not text:
            self.run_search("")

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802
        if obj is self.search and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.table.rowCount():
                row = self.table.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
                self.table.selectRow(max(0, min(row, self.table.rowCount() - 1)))
                return True
        return super().eventFilter(obj, event)

    def run_search(self, text: str) -> None:
        from ..models import Candidate
        from ..services.candidates import list_candidates

        with self.ctx.db.session() as s:
            found: list[Candidate] = list_candidates(
                s, search=text or None, plan_id=self.plan_id, include_removed=False, limit=200
            )
            self._results = [candidate_info(c) for c in found]
        self.table.setRowCount(len(self._results))
        for i, c in enumerate(self._results):
            values = [c["name"], str(c.get("birth_year") or ""), c.get("position_unit") or c.get("unit") or "",
                      c["status_label"]]  # fmt: skip
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setToolTip(v)
                self.table.setItem(i, j, item)
        if self._results:
            self.table.selectRow(0)
        more = " (hiện 200 kết quả đầu)" if len(self._results) >= 200 else ""
        self.count.setText(f"Tìm thấy {len(self._results)} điển hình{more}. Enter hoặc nhấp đúp để chọn.")
        self.ok.setEnabled(bool(self._results))

    def results(self) -> list[dict[str, Any]]:
        return list(self._results)

    def choose(self, candidate: dict[str, Any]) -> None:
        self.chosen = candidate
        self.accept()

    def choose_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._results):
            self.choose(self._results[row])


# ----------------------------------------------------------------------------- the screen


class _EntryTable(QTableView):
    """Enter confirms, Delete clears; the dialog's default button never steals Enter."""

    def __init__(self, review: ReviewDialog) -> None:
        super().__init__()
        self._review = review

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._review.confirm_current()
            event.accept()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._review.clear_current()
            event.accept()
            return
        super().keyPressEvent(event)


class ReviewDialog(QDialog):
    """The review screen. ``applied(dict)`` fires with ``apply_decision``'s result."""

    applied = Signal(object)

    def __init__(self, ctx: AppContext, data: ReviewData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.data = ctx, data
        self.result_data: dict[str, Any] | None = None
        self.job = None
        self.model = ReviewModel(data, self)
        d = data.preview["decision"]
        self.setWindowTitle(f"Đối chiếu quyết định — {data.path.name}")
        self.setSizeGripEnabled(True)
        self.resize(1360, 780)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        title = QLabel(describe_decision(d))
        title.setObjectName("pageTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        award = d.get("award_label") or ""
        kind = _award_kind_label(d.get("award"))
        facts = f"Hình thức: <b>{html.escape(kind)}</b>"
        if award and fold(award).startswith(fold(kind)):
            facts = f"Hình thức: <b>{html.escape(award)}</b>"
        elif award and fold(award) != fold(kind):
            facts += f" — {html.escape(award)}"
        facts += f" &nbsp;·&nbsp; Tệp: {html.escape(data.path.name)}"
        sub = QLabel(facts)
        sub.setObjectName("pageSubtitle")
        layout.addWidget(sub)
        warnings = list(data.preview.get("warnings") or [])
        if warnings:
            warn = QLabel("⚠ " + "<br>⚠ ".join(html.escape(w) for w in warnings))
            warn.setObjectName("reviewWarnings")
            warn.setWordWrap(True)
            warn.setStyleSheet(
                "QLabel { background:#fff4d6; border:1px solid #e6c76a; border-radius:4px; padding:6px; color:#5c4300; }"
            )
            layout.addWidget(warn)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lab = QLabel("Nội dung tệp (chỉ đọc)")
        lab.setObjectName("sectionLabel")
        lab.setStyleSheet("font-weight:600; color:#3c4b5b;")
        lv.addWidget(lab)
        self.file_view = QTextBrowser()
        self.file_view.setObjectName("decisionText")
        self.file_view.setOpenLinks(False)
        self.file_view.setStyleSheet("QTextBrowser { background: white; border: 1px solid #d3dae3; }")
        self.file_view.document().setDocumentMargin(14)
        self.file_view.setHtml(decision_html(data.parsed))
        lv.addWidget(self.file_view, 1)
        split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        lab2 = QLabel("Danh sách trong quyết định và điển hình được đối chiếu")
        lab2.setStyleSheet("font-weight:600; color:#3c4b5b;")
        rv.addWidget(lab2)
        self.table = _EntryTable(self)
        self.table.setObjectName("reviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setStretchLastSection(False)
        fm = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        bm = QFontMetrics(bold)
        widths = {
            COL_ROW: fm.horizontalAdvance("999") + 14,
            COL_NAME: bm.horizontalAdvance(HEADERS[COL_NAME]) + 16,
            COL_UNIT: fm.horizontalAdvance("Bí thư Chi bộ thôn") + 16,
            COL_YEAR: bm.horizontalAdvance("Năm sinh") + 14,
            COL_MATCH: bm.horizontalAdvance("Cần xem lại") + 18,
            COL_REASON: fm.horizontalAdvance("Trùng tên «Nguyễn Văn") + 16,
        }
        for col, w in widths.items():
            self.table.setColumnWidth(col, w)
        hh.setSectionResizeMode(COL_CHOICE, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rv.addWidget(self.table, 1)

        # The current row: what the file says, and the choice.
        self.editor = QFrame()
        self.editor.setObjectName("card")
        ev = QVBoxLayout(self.editor)
        ev.setContentsMargins(10, 8, 10, 8)
        self.row_label = QLabel()
        self.row_label.setObjectName("rowLabel")
        self.row_label.setWordWrap(True)
        ev.addWidget(self.row_label)
        pick = QHBoxLayout()
        pick_label = QLabel("Ghi nhận cho:")
        pick.addWidget(pick_label)
        self.choice_combo = QComboBox()
        self.choice_combo.setObjectName("choiceCombo")
        self.choice_combo.setPlaceholderText("— Chọn điển hình —")
        self.choice_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.choice_combo.setMinimumContentsLength(30)
        pick_label.setBuddy(self.choice_combo)
        pick.addWidget(self.choice_combo, 1)
        self.find_button = QPushButton(icon("search"), "Tìm…")
        self.find_button.setToolTip("Tìm một điển hình bất kỳ trong kế hoạch (Ctrl+F)")
        self.find_button.setShortcut("Ctrl+F")
        pick.addWidget(self.find_button)
        ev.addLayout(pick)
        acts = QHBoxLayout()
        self.confirm_button = QPushButton("Xác nhận dòng này (Enter)")
        self.clear_button = QPushButton(f"{NOT_OURS} (Delete)")
        acts.addWidget(self.confirm_button)
        acts.addWidget(self.clear_button)
        acts.addStretch(1)
        ev.addLayout(acts)
        rv.addWidget(self.editor)
        split.addWidget(right)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 6)
        split.setSizes([470, 870])
        layout.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.all_auto_button = QPushButton("Xác nhận tất cả các dòng khớp chắc chắn")
        self.all_auto_button.setObjectName("confirmAllAuto")
        bottom.addWidget(self.all_auto_button)
        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        bottom.addWidget(self.summary, 1)
        self.cancel_button = QPushButton("Hủy")
        self.apply_button = QPushButton("Ghi nhận quyết định")
        self.apply_button.setObjectName("primary")
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.apply_button)
        layout.addLayout(bottom)
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)
            b.setDefault(False)

        self._anchors: dict[int, int] = {}
        self._index_anchors()
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.model.changed.connect(self._update_summary)
        self.choice_combo.activated.connect(self._on_combo)
        self.find_button.clicked.connect(self.search_candidate)
        self.confirm_button.clicked.connect(self.confirm_current)
        self.clear_button.clicked.connect(self.clear_current)
        self.all_auto_button.clicked.connect(self.confirm_all_auto)
        self.apply_button.clicked.connect(lambda: self.apply())
        self.cancel_button.clicked.connect(self.reject)
        self._update_summary()
        if self.model.rows:
            self.select_row(0)
        self.table.setFocus()

    # -- file view ---------------------------------------------------------------------------
    def _index_anchors(self) -> None:
        doc = self.file_view.document()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.isValid():
                    for name in frag.charFormat().anchorNames():
                        if name.startswith("e") and name[1:].isdigit():
                            self._anchors[int(name[1:])] = frag.position()
                it += 1
            block = block.next()

    def _highlight(self, row_no: int) -> None:
        pos = self._anchors.get(row_no)
        if pos is None:
            self.file_view.setExtraSelections([])
            return
        cursor = QTextCursor(self.file_view.document())
        cursor.setPosition(pos)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe9a8"))
        sels = []
        table = cursor.currentTable()
        if table is not None:
            row = table.cellAt(cursor).row()
            for col in range(table.columns()):
                cell = table.cellAt(row, col)
                c = cell.firstCursorPosition()
                c.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
                sel = QTextEdit.ExtraSelection()
                sel.cursor = c
                sel.format = fmt
                sels.append(sel)
        else:
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = fmt
            sels.append(sel)
        self.file_view.setExtraSelections(sels)
        show = QTextCursor(self.file_view.document())
        show.setPosition(pos)
        self.file_view.setTextCursor(show)
        rect = self.file_view.cursorRect(show)
        bar = self.file_view.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.file_view.viewport().height() // 3)

    # -- rows ----------------------------------------------------------------------------------
    def current_row(self) -> int:
        idx = self.table.currentIndex()
        return idx.row() if idx.isValid() else -1

    def select_row(self, i: int) -> None:
        if 0 <= i < self.model.rowCount():
            index = self.model.index(i, COL_NAME)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        i = current.row()
        if not 0 <= i < len(self.model.rows):
            return
        r = self.model.rows[i]
        e = r.entry
        bits = [f"<b>Dòng {r.row_no}: {html.escape(e['name'])}</b>"]
        if e.get("birth_year"):
            bits.append(f"sinh năm {e['birth_year']}")
        if e.get("unit"):
            bits.append(html.escape(e["unit"]))
        color = STATUS_COLORS[r.status][1]
        reason = html.escape(e["match"].get("reason") or "")
        text = ", ".join(bits) + f"<br><span style='color:{color}'>{STATUS_LABELS[r.status]}</span>"
        if reason:
            text += f"<span style='color:#5b6673'> — {reason}</span>"
        self.row_label.setText(text)
        self._fill_combo(r)
        self._highlight(r.row_no)

    def _fill_combo(self, r: ReviewRow) -> None:
        combo = self.choice_combo
        combo.blockSignals(True)
        combo.clear()
        ids = [cid for cid, _s in r.suggestions]
        if r.proposed and r.proposed not in ids:
            ids.insert(0, r.proposed)
        if r.choice and r.choice not in ids:
            ids.append(r.choice)
        scores = dict(r.suggestions)
        for cid in ids:
            c = self.model.candidates.get(cid)
            if c is None:
                continue
            text = candidate_text(c)
            if cid in scores:
                text += f"  ·  giống {scores[cid]:.0f}%"
            combo.addItem(text, cid)
            combo.setItemData(
                combo.count() - 1, candidate_text(c, with_status=True), Qt.ItemDataRole.ToolTipRole
            )
        combo.addItem("✗ " + NOT_OURS, "")
        if r.choice:
            combo.setCurrentIndex(combo.findData(r.choice))
        elif r.decided or r.status == "none":
            combo.setCurrentIndex(combo.count() - 1)
        else:
            combo.setCurrentIndex(-1)
        combo.blockSignals(False)

    def _on_combo(self, index: int) -> None:
        i = self.current_row()
        if i < 0 or index < 0:
            return
        self.model.set_choice(i, self.choice_combo.itemData(index) or None)

    def confirm_current(self) -> None:
        """Enter: accept the row's proposed (or chosen) candidate, then go to the next row."""
        i = self.current_row()
        if i < 0:
            return
        self.model.confirm(i)
        if i + 1 < self.model.rowCount():
            self.select_row(i + 1)
        else:
            self._on_row(self.model.index(i, 0), QModelIndex())

    def clear_current(self) -> None:
        """Delete: the row is not one of ours; it stays in the decision without a candidate."""
        i = self.current_row()
        if i < 0:
            return
        self.model.clear(i)
        self._on_row(self.model.index(i, 0), QModelIndex())

    def confirm_all_auto(self) -> int:
        n = self.model.confirm_all_auto()
        i = self.current_row()
        if i >= 0:
            self._on_row(self.model.index(i, 0), QModelIndex())
        return n

    def choose_candidate(self, i: int, info: dict[str, Any]) -> None:
        """Pick ``info`` (a ``candidate_info`` dict) for row ``i``."""
        self.model.add_candidate(info)
        self.model.set_choice(i, info["id"])
        if i == self.current_row():
            self._on_row(self.model.index(i, 0), QModelIndex())

    def search_dialog(self, i: int) -> CandidateSearchDialog:
        name = self.model.rows[i].entry["name"]
        words = name.split()
        if len(words) > 1 and fold(words[0]) in ("ong", "ba", "d/c", "dong chi", "ho"):
            words = words[1:]
        return CandidateSearchDialog(self.ctx, self.data.plan_id, " ".join(words[-2:]), self)

    def search_candidate(self) -> None:
        i = self.current_row()
        if i < 0:
            return
        dlg = self.search_dialog(i)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.chosen:
            self.choose_candidate(i, dlg.chosen)
        self.table.setFocus()

    def _update_summary(self) -> None:
        c = self.model.counts()
        total = len(self.model.rows)
        text = (
            f"{total} dòng: <span style='color:{STATUS_COLORS['auto'][1]}'>{c['auto']} khớp chắc chắn</span>, "
            f"<span style='color:{STATUS_COLORS['review'][1]}'>{c['review']} cần xem lại</span>, "
            f"{c['none']} không có trong danh sách. "
            f"Đã xác nhận {c['decided']}/{total}; sẽ ghi nhận <b>{c['chosen']}</b> điển hình."
        )
        dups = self.model.duplicates()
        if dups:
            text += f"<br><span style='color:#b3261e'>Một điển hình được chọn cho nhiều dòng: {html.escape(', '.join(dups))}.</span>"
        self.summary.setText(text)
        pending = sum(1 for r in self.model.rows if r.status == "auto" and not r.decided and r.choice)
        self.all_auto_button.setEnabled(pending > 0)
        self.all_auto_button.setText(
            f"Xác nhận tất cả các dòng khớp chắc chắn ({pending})"
            if pending
            else "Xác nhận tất cả các dòng khớp chắc chắn"
        )

    # -- apply ---------------------------------------------------------------------------------
    def apply(self, ask: bool = True):  # type: ignore[no-untyped-def]
        """Record the decision with the confirmed rows (one transaction, on the worker thread).
        Returns the job (None when the officer stops at a question)."""
        c = self.model.counts()
        if ask and c["undecided"]:
            if not ask_yes_no(
                self,
                f"Còn {c['undecided']} dòng chưa xác nhận; những dòng này sẽ không được ghi nhận cho điển hình nào.\n"
                "Vẫn ghi nhận quyết định?",
            ):
                return None
        if ask and self.model.duplicates():
            if not ask_yes_no(
                self,
                "Có điển hình được chọn cho nhiều dòng; mỗi điển hình chỉ được ghi nhận một lần.\nVẫn ghi nhận?",
            ):
                return None
        db = self.ctx.db
        path, plan_id = self.data.path, self.data.plan_id
        confirmations = self.model.confirmations()
        officer = self.ctx.officer_name()

        def job(_control):  # type: ignore[no-untyped-def]
            from ..db.maintenance import backup_before
            from ..exchange.decision_import import apply_decision

            backup_before(db, "truoc-nhap-quyet-dinh")
            with db.transaction() as session:
                return apply_decision(
                    session,
                    path,
                    confirmations=confirmations,
                    accept_auto=False,
                    data_dir=db.files_dir,
                    plan_id=plan_id,
                    changed_by=officer,
                )

        self.apply_button.setEnabled(False)
        self.job = run_in_worker(
            self,
            "Đang ghi nhận quyết định…",
            job,
            on_done=self._applied,
            on_error=self._failed,
            on_cancelled=lambda: self.apply_button.setEnabled(True),
            cancellable=False,
        )
        return self.job

    def summary_text(self, result: dict[str, Any]) -> str:
        if result.get("already_imported"):
            return ALREADY_IMPORTED
        n = len(result.get("recorded") or [])
        text = f"Đã ghi nhận {n} điển hình theo {describe_decision(self.data.preview['decision'])}."
        rest = len(self.model.rows) - n
        if rest > 0:
            text += f"\n{rest} dòng còn lại không thuộc đơn vị hoặc chưa xác nhận nên không ghi nhận."
        return text

    def _applied(self, result: dict[str, Any]) -> None:
        self.result_data = result
        self.ctx.hub.candidates_changed.emit()
        self.ctx.hub.data_changed.emit("decisions")
        self.applied.emit(result)
        show_info(self, self.summary_text(result), title="Đã ghi nhận quyết định")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.apply_button.setEnabled(True)
        if isinstance(exc, UserError):
            show_error(self, exc.message)
        else:
            from .worker import report_error

            report_error(self, exc)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        i = self.current_row()
        if i >= 0:  # scroll the file view once it has its size
            QTimer.singleShot(0, lambda: self._highlight(self.model.rows[i].row_no))


def _award_kind_label(kind: str | None) -> str:
    from ..models.enums import LABELS, AwardKind

    try:
        return LABELS[AwardKind(kind or "")]
    except (ValueError, KeyError):
        return kind or "Khen thưởng"
