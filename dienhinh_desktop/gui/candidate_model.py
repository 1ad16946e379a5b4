"""The candidates list: one SELECT of the needed columns, an accent-free search index that
stays fast on 100,000 rows, and the Qt table model over it.

Search
------
Every row has one folded text (``candidates.search_text`` plus the unit name,
see :func:`dienhinh_desktop.text.fold`). :class:`SearchIndex` joins the rows that pass the
filters, in display order, into one big string::

    <folded text of row> \\x01 <row id: 4 characters U+0080..U+009F> \\n

A query word of three letters or more is found with one compiled regular expression over
that string (``word[^\\x01]*\\x01(....)``): the C regex engine scans the text and returns
the ids of the matching rows, already in display order, and their concatenation *is* the
result. Shorter words (which match most rows) are tested row by row with ``map(contains,
…)`` + ``compress`` (C loops, no Python per row). A query that only extends the previous
one searches the previous result only. The result is a string of 4-character ids, which
the model decodes only for the rows on screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress, repeat
from operator import contains
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Candidate, Field, Unit
from ..models.enums import LABELS, CandidateKind, CandidateStatus, Gender
from ..text import fold, vn_key

_ID_WIDTH = 4
_ID_BASE = 0x80
_CONTROL = dict.fromkeys([1, 10, *range(0x80, 0xA0)], " ")  # never inside a row's text
_CHUNKS = re.compile("....", re.DOTALL).findall

KIND_LABELS = {k.value: LABELS[k] for k in CandidateKind}
STATUS_LABELS = {s.value: LABELS[s] for s in CandidateStatus}
GENDER_LABELS = {g.value: LABELS[g] for g in Gender}
INACTIVE_STATUSES = {CandidateStatus.REMOVED.value, CandidateStatus.REPLACED.value}


def encode_id(i: int) -> str:
    return (
        chr(_ID_BASE + (i >> 15 & 31))
        + chr(_ID_BASE + (i >> 10 & 31))
        + chr(_ID_BASE + (i >> 5 & 31))
        + chr(_ID_BASE + (i & 31))
    )


def decode_id(s: str, pos: int = 0) -> int:
    return (
        (ord(s[pos]) - _ID_BASE) << 15
        | (ord(s[pos + 1]) - _ID_BASE) << 10
        | (ord(s[pos + 2]) - _ID_BASE) << 5
        | (ord(s[pos + 3]) - _ID_BASE)
    )


# ----------------------------------------------------------------------------- loading


class CandidateList(NamedTuple):
    """What the list shows: the candidates' rows (SQLAlchemy ``Row``s: ``id, plan_id, kind, name,
    birth_year, gender, ethnicity, position_unit, position, field_id, unit_id, status``), one
    folded search text per row, and the labels of the units and fields they point to."""

    rows: list[Any]
    hays: list[str]
    unit_labels: dict[str, str]
    field_labels: dict[str, str]


def load_candidate_list(session: Session, plan_id: str | None = None) -> CandidateList:
    """One SELECT of the columns the list shows, in Vietnamese order (``sort_key``); the few
    units and fields are read apart (two tiny queries) rather than joined to every row."""
    c = Candidate
    stmt = select(
        c.id,
        c.plan_id,
        c.kind,
        c.name,
        c.birth_year,
        c.gender,
        c.ethnicity,
        c.position_unit,
        c.position,
        c.field_id,
        c.unit_id,
        c.status,
        c.search_text,
    ).order_by(c.sort_key)
    if plan_id:
        stmt = stmt.where(c.plan_id == plan_id)
    rows = session.execute(stmt).all()
    unit_labels = {
        uid: short or name
        for uid, short, name in session.execute(select(Unit.id, Unit.short_name, Unit.name))
    }
    field_labels = {
        fid: f"{code} {name}" if code and not name.startswith(code) else name
        for fid, code, name in session.execute(select(Field.id, Field.code, Field.name))
    }
    unit_folded = {uid: " " + fold(label) for uid, label in unit_labels.items()}
    get = unit_folded.get
    hays = [(r[12] or fold(r[3])) + get(r[10], "") for r in rows]
    for i, hay in enumerate(hays):
        if not hay.isascii():
            hays[i] = hay.translate(_CONTROL)
    return CandidateList(rows, hays, unit_labels, field_labels)


# ----------------------------------------------------------------------------- search index


class SearchIndex:
    """Accent-free substring search over the rows of a list (see the module docstring)."""

    def __init__(self, hays: list[str]) -> None:
        self._hays = hays
        self._codes = [encode_id(i) for i in range(len(hays))]
        self._hay_of: dict[str, str] = dict(zip(self._codes, hays, strict=True))
        self.build(range(len(hays)))

    def build(self, order: Iterable[int]) -> None:
        """Index the rows ``order`` (the filtered rows, in display order)."""
        codes, hays = self._codes, self._hays
        order = list(order)
        self._order_codes = list(map(codes.__getitem__, order))
        self._order_hays = list(map(hays.__getitem__, order))
        self._all = "".join(self._order_codes)
        self._big = "".join(f"{hays[i]}\x01{codes[i]}\n" for i in order)
        self._last_words: list[str] = []
        self._last: tuple[list[str], list[str]] | None = None  # the last result as (codes, texts)
        self._last_count = len(order)

    def search(self, query: str | None) -> str:
        """The ids (4 characters each) of the indexed rows that contain every folded word."""
        words = sorted(set(fold(query).translate(_CONTROL).split()), key=len, reverse=True)
        last: tuple[list[str], list[str]] | None = None
        if not words:
            result, last = self._all, (self._order_codes, self._order_hays)
        else:
            narrowing = bool(self._last_words) and all(any(p in w for w in words) for p in self._last_words)
            if narrowing and self._last_count <= NARROW_MAX:  # the query extends the last one
                codes, hays = self._last or self._lookup(self._last_result)
                last = _keep(codes, hays, words)
            elif narrowing or len(words[0]) < 3:  # common words: test every row in C loops
                last = _keep(self._order_codes, self._order_hays, words)
            else:  # a rarer word: let the regex engine find the rows
                pattern = re.compile(re.escape(words[0]) + "[^\x01]*\x01(....)", re.DOTALL)
                hits = pattern.findall(self._big)
                if len(words) == 1 or not hits:
                    result = "".join(hits)
                elif len(hits) <= NARROW_MAX:
                    last = _keep(hits, list(map(self._hay_of.__getitem__, hits)), words[1:])
                else:
                    last = _keep(self._order_codes, self._order_hays, words)
            if last is not None:
                result = "".join(last[0])
        self._last_words, self._last_result, self._last = words, result, last
        self._last_count = len(result) // _ID_WIDTH
        return result

    def _lookup(self, ids: str) -> tuple[list[str], list[str]]:
        codes = _CHUNKS(ids)
        return codes, list(map(self._hay_of.__getitem__, codes))


NARROW_MAX = 20_000  # above this, testing every row again is as fast as narrowing


def _keep(codes: list[str], hays: list[str], words: list[str]) -> tuple[list[str], list[str]]:
    """The codes (and texts) whose text contains every word (C loops: map + compress)."""
    for word in words:
        mask = list(map(contains, hays, repeat(word)))
        codes = list(compress(codes, mask))
        hays = list(compress(hays, mask))
        if not codes:
            break
    return codes, hays


# ----------------------------------------------------------------------------- the model

COLUMNS = [
    "STT",
    "Họ và tên / Tên tập thể",
    "Loại",
    "Năm sinh",
    "Giới tính",
    "Dân tộc",
    "Chức vụ, đơn vị",
    "Lĩnh vực",
    "Đơn vị đăng ký",
    "Trạng thái",
]
(
    COL_STT,
    COL_NAME,
    COL_KIND,
    COL_YEAR,
    COL_GENDER,
    COL_ETHNICITY,
    COL_POSITION,
    COL_FIELD,
    COL_UNIT,
    COL_STATUS,
) = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_CENTERED = {COL_STT, COL_YEAR, COL_GENDER}


class Filters(NamedTuple):
    kind: str | None = None
    field_id: str | None = None
    unit_id: str | None = None
    status: str | None = None


class CandidateTableModel(QAbstractTableModel):
    """The plan's candidates, filtered and searched; Vietnamese order by default."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[Any] = []
        self._units: dict[str, str] = {}
        self._fields: dict[str, str] = {}
        self._index = SearchIndex([])
        self._ids = ""
        self._query = ""
        self._filters = Filters()
        self._sort_column = COL_NAME
        self._sort_desc = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._grey = QColor("#8a96a3")

    # -- data in -----------------------------------------------------------------------
    def load(self, session: Session, plan_id: str | None) -> None:
        self.set_list(load_candidate_list(session, plan_id))

    def set_list(self, data: CandidateList) -> None:
        self.beginResetModel()
        self._rows, self._units, self._fields = data.rows, data.unit_labels, data.field_labels
        self._index = SearchIndex(data.hays)
        self._rebuild()
        self.endResetModel()

    @property
    def rows(self) -> list[Any]:
        return self._rows

    def unit_choices(self) -> dict[str, str]:
        """The units the loaded candidates belong to: {id: label}."""
        used = {r.unit_id for r in self._rows}
        return {uid: label for uid, label in self._units.items() if uid in used}

    def field_choices(self) -> dict[str, str]:
        used = {r.field_id for r in self._rows}
        return {fid: label for fid, label in self._fields.items() if fid in used}

    def total(self) -> int:
        return len(self._rows)

    def shown(self) -> int:
        return len(self._ids) // _ID_WIDTH

    # -- filtering, searching, sorting -------------------------------------------------------
    def set_filters(self, filters: Filters) -> None:
        if filters == self._filters:
            return
        self.beginResetModel()
        self._filters = filters
        self._rebuild()
        self.endResetModel()

    def set_query(self, query: str) -> None:
        self.beginResetModel()
        self._query = query
        self._ids = self._index.search(query)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column = COL_NAME if column == COL_STT else column
        self._sort_desc = order == Qt.SortOrder.DescendingOrder
        self._rebuild()
        self.layoutChanged.emit()

    def _rebuild(self) -> None:
        f, rows = self._filters, self._rows
        order = (
            [
                i
                for i, r in enumerate(rows)
                if (f.kind is None or r.kind == f.kind)
                and (f.field_id is None or r.field_id == f.field_id)
                and (f.unit_id is None or r.unit_id == f.unit_id)
                and (f.status is None or r.status == f.status)
            ]
            if any(f)
            else list(range(len(rows)))
        )
        if self._sort_column != COL_NAME:
            keys = self._sort_keys(self._sort_column)
            order.sort(key=keys.__getitem__)
        if self._sort_desc:
            order.reverse()
        self._index.build(order)
        self._ids = self._index.search(self._query)

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids) // _ID_WIDTH

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def row_at(self, row: int) -> Any:
        return self._rows[decode_id(self._ids, row * _ID_WIDTH)]

    def candidate_id(self, row: int) -> str:
        return self.row_at(row).id

    def find_row(self, candidate_id: str) -> int:
        """The displayed row of a candidate, or -1 when it is filtered out."""
        source = next((i for i, r in enumerate(self._rows) if r.id == candidate_id), None)
        if source is None:
            return -1
        code, pos = encode_id(source), -1
        while True:
            pos = self._ids.find(code, pos + 1)
            if pos < 0 or pos % _ID_WIDTH == 0:
                return pos // _ID_WIDTH if pos >= 0 else -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_STT:
                return None if role == Qt.ItemDataRole.ToolTipRole else str(index.row() + 1)
            return self.display(self.row_at(index.row()), col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in _CENTERED:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return self.row_at(index.row()).id
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.row_at(index.row()).status in INACTIVE_STATUSES:
                return self._grey
            if col == COL_STT:
                return self._grey
        return None

    def display(self, r: Any, col: int) -> str | None:
        """The text of a row's column."""
        if col == COL_NAME:
            return r.name
        if col == COL_KIND:
            return KIND_LABELS.get(r.kind, r.kind)
        if col == COL_YEAR:
            return str(r.birth_year) if r.birth_year else None
        if col == COL_GENDER:
            return GENDER_LABELS.get(r.gender or "", r.gender)
        if col == COL_ETHNICITY:
            return r.ethnicity
        if col == COL_POSITION:
            return r.position_unit or r.position
        if col == COL_FIELD:
            return self._fields.get(r.field_id) if r.field_id else None
        if col == COL_UNIT:
            return self._units.get(r.unit_id) if r.unit_id else None
        if col == COL_STATUS:
            return STATUS_LABELS.get(r.status, r.status)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _sort_keys(self, col: int) -> list:
        """A key per row for sorting by a column; ties keep the Vietnamese name order."""
        rows = self._rows
        if col == COL_YEAR:
            return [(r.birth_year or 0, i) for i, r in enumerate(rows)]
        if col == COL_STATUS:
            rank = {s.value: n for n, s in enumerate(CandidateStatus)}
            return [(rank.get(r.status, 99), i) for i, r in enumerate(rows)]
        cache: dict[str | None, str] = {None: "~"}
        keys = []
        for i, r in enumerate(rows):
            text = self.display(r, col)
            key = cache.get(text)
            if key is None:
                key = cache[text] = vn_key(text) if text else "~"
            keys.append((key, i))
        return keys
