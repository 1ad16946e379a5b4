"""The candidates list: one SELECT of the needed columns, an accent-free search index that
stays fast on 100,000 rows, and the Qt table model over it.

Search
------
Every row has one folded text (``candidates.search_text`` plus the unit name, see
:func:`dienhinh_desktop.text.fold`); a row matches when every word of the query is inside
its text. :class:`SearchIndex` answers from two indexes built once per list with numpy:

- for every printable character and every pair of characters that occurs, a packed bitset
  of the rows containing it (``np.packbits``; about 12.5 KB per entry at 100,000 rows).
  One- and two-letter words — the ones that match most rows and were slow — are answered
  exactly by one bitset;
- the distinct words of all texts (a few thousand: names, places repeat) with, for each,
  the rows that hold it (a bitset when frequent, a sorted list of indices otherwise).
  A query word of three letters or more is inside a row's text exactly when it is inside
  one of that row's words: the vocabulary is scanned (C loops) and the rows of the
  matching words are OR-ed.

The words' bitsets are AND-ed together and with the bitset of the rows that pass the
filters; ``np.unpackbits`` + ``np.flatnonzero`` give the result, in display order. A
word's bitset is cached, so typing "nguyen thi h" recomputes only the word being typed.

The list model builds its index lazily (``SearchIndex(hays, lazy=True)``): the list shows at
once, the index is built by :meth:`SearchIndex.prepare` on the worker thread, or on the
first search if that comes first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from itertools import compress, repeat
from operator import contains
from typing import Any, NamedTuple

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Candidate, Field, Unit
from ..models.enums import LABELS, CandidateKind, CandidateStatus, Gender
from ..text import fold, vn_key

KIND_LABELS = {k.value: LABELS[k] for k in CandidateKind}
STATUS_LABELS = {s.value: LABELS[s] for s in CandidateStatus}
GENDER_LABELS = {g.value: LABELS[g] for g in Gender}
INACTIVE_STATUSES = {CandidateStatus.REMOVED.value, CandidateStatus.REPLACED.value}


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
    units and fields are read apart (two tiny queries) rather than joined to every row.

    Runs on the session's connection as a Core statement (no ORM layer: about a third
    faster on 100,000 rows); safe to call on the worker thread with its own session."""
    c = Candidate
    conn = session.connection()
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
    rows = conn.execute(stmt).all()
    unit_labels = {
        uid: short or name for uid, short, name in conn.execute(select(Unit.id, Unit.short_name, Unit.name))
    }
    field_labels = {
        fid: f"{code} {name}" if code and not name.startswith(code) else name
        for fid, code, name in conn.execute(select(Field.id, Field.code, Field.name))
    }
    unit_folded = {uid: " " + fold(label) for uid, label in unit_labels.items()}
    get = unit_folded.get
    hays = [(r[12] or fold(r[3])) + get(r[10], "") for r in rows]
    return CandidateList(rows, hays, unit_labels, field_labels)


# ----------------------------------------------------------------------------- search index

_SPACE, _NEWLINE = 32, 10
_OTHER_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"  # white space for str.split, besides " " and "\n"
_SPACE_LUT = np.arange(256, dtype=np.uint8)
_SPACE_LUT[[ord(c) for c in _OTHER_SPACES]] = _SPACE
_MASKS = np.array([(1 << (8 * i)) - 1 for i in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_LOW_MASKS = _MASKS[:8]
_HASH_BASE = np.uint64(1_000_003)
_CACHE_WORDS = 64


class SearchIndex:
    """Accent-free substring search over the rows of a list (see the module docstring).

    ``SearchIndex(hays)`` indexes the folded texts once; ``build(order)`` says which rows are
    shown and in what order (filters, sorting); ``search(query)`` returns the source indices
    (``numpy`` int array) of the shown rows whose text contains every word of the query,
    in display order.

    ``lazy=True``: the words are indexed by :meth:`prepare` (any thread, once) or by the first
    search that needs them; ``build`` and an empty query never wait for it.
    """

    def __init__(self, hays: list[str], lazy: bool = False) -> None:
        self._hays = hays
        self._n = n = len(hays)
        self._nbytes = (n + 7) // 8
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._ready = False
        if not lazy:
            self.prepare()
        self.build(range(n))

    @property
    def ready(self) -> bool:
        """The words are indexed (searching will not have to build first)."""
        return self._ready

    def prepare(self) -> None:
        """Index the words (once; thread-safe: a search meanwhile waits for it)."""
        if self._ready:
            return
        with self._lock:
            if not self._ready:
                self._index_words()
                self._ready = True

    def _index_words(self) -> None:
        hays, n = self._hays, self._n
        text = "\n".join(hays) + "\n" if hays else ""
        if not text.isascii():
            # every kind of white space becomes one space (as str.split sees it)
            text = "\n".join(" ".join(h.split()) for h in hays) + "\n"
        data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
        if any(c in text for c in _OTHER_SPACES):
            data = _SPACE_LUT[data]
        ends = np.flatnonzero(data == _NEWLINE)
        if len(ends) != n:  # a row held a line break: it is a space there
            data = data.copy()
            data[ends] = _SPACE
            ends = np.cumsum([len(h.encode("utf-8")) + 1 for h in hays], dtype=np.int64) - 1
            data[ends] = _NEWLINE
        self._build_tokens(data, ends)
        self._build_grams()

    # -- building ---------------------------------------------------------------------------
    def _build_tokens(self, data: np.ndarray, ends: np.ndarray) -> None:
        """The distinct words (runs without spaces) of all rows and, for each, the rows that
        hold it: a packed bitset for frequent words, a sorted list of row indices otherwise.
        A query word is inside a row's text exactly when it is inside one of its words."""
        n = self._n
        self._vocab: list[str] = []
        self._dense_of: dict[int, int] = {}
        self._dense = np.zeros((0, self._nbytes), dtype=np.uint8)
        self._post = np.zeros(0, dtype=np.int32)
        self._post_at = np.zeros(1, dtype=np.int64)
        inside = (data != _SPACE) & (data != _NEWLINE)
        edge = np.diff(inside.view(np.int8), prepend=np.int8(0), append=np.int8(0))
        bounds = np.flatnonzero(edge)  # a word's start, its end, the next start…
        if not n or not len(bounds):
            return
        t_start = bounds[0::2]
        t_len = bounds[1::2] - t_start
        t_row = np.searchsorted(ends, t_start).astype(np.int32)
        # Every word as a 64-bit key: words of up to 7 bytes are their own bytes (exact);
        # longer ones a polynomial hash of their 8-byte blocks, checked byte for byte below.
        padded = np.concatenate((data, np.zeros(16, dtype=np.uint8)))
        blocks = np.ndarray((len(data) + 8,), dtype="<u8", buffer=padded.data, strides=(1,))
        low = np.minimum(t_len, 7)
        key = (blocks[t_start] & _LOW_MASKS[low]) | (t_len.astype(np.uint64) << np.uint64(56))
        long = np.flatnonzero(t_len > 7)
        if len(long):
            h = np.zeros(len(long), dtype=np.uint64)
            for j in range(0, int(t_len[long].max()), 8):
                rest = np.minimum(np.maximum(t_len[long] - j, 0), 8)
                block = blocks[t_start[long] + j] & _MASKS[rest]
                h = h * _HASH_BASE + block
            key[long] = h | np.uint64(1 << 63)
        uniq = np.unique(key)
        group = np.searchsorted(uniq, key).astype(np.int32)
        first = np.zeros(len(uniq), dtype=np.int64)
        first[group[::-1]] = np.arange(len(key) - 1, -1, -1)  # the first occurrence wins
        if len(long) and not self._same_words(blocks, t_start, t_len, first, group, long):
            self._tokens_fallback()  # two long words with one hash (never seen): slower, exact
            return
        self._vocab = [
            bytes(data[s : s + ln]).decode("utf-8", "replace")
            for s, ln in zip(t_start[first].tolist(), t_len[first].tolist(), strict=True)
        ]
        self._set_postings(group, t_row, len(uniq))

    @staticmethod
    def _same_words(blocks, t_start, t_len, first, group, long) -> bool:  # type: ignore[no-untyped-def]
        rep = first[group[long]]
        if not (t_len[rep] == t_len[long]).all():
            return False
        for j in range(0, int(t_len[long].max()), 8):
            mask = _MASKS[np.minimum(np.maximum(t_len[long] - j, 0), 8)]
            if not ((blocks[t_start[long] + j] & mask) == (blocks[t_start[rep] + j] & mask)).all():
                return False
        return True

    def _tokens_fallback(self) -> None:
        ids: dict[str, int] = {}
        groups: list[int] = []
        rows: list[int] = []
        for r, hay in enumerate(self._hays):
            for word in set(hay.split()):
                groups.append(ids.setdefault(word, len(ids)))
                rows.append(r)
        self._vocab = list(ids)
        self._set_postings(np.array(groups, dtype=np.int32), np.array(rows, dtype=np.int32), len(ids))

    def _set_postings(self, group: np.ndarray, row: np.ndarray, n_groups: int) -> None:
        sort_key = group.astype(np.uint16) if n_groups < 65536 else group  # radix sort when small
        order = np.argsort(sort_key, kind="stable")  # rows stay ascending within a word
        g, r = group[order], row[order]
        keep = np.ones(len(g), dtype=bool)
        keep[1:] = (g[1:] != g[:-1]) | (r[1:] != r[:-1])
        g, r = g[keep], r[keep]
        at = np.searchsorted(g, np.arange(n_groups + 1)).astype(np.int64)
        dense = np.flatnonzero(np.diff(at) * 32 > self._n)  # there a bitset is smaller than a list
        self._dense = np.zeros((len(dense), self._nbytes), dtype=np.uint8)
        mask = np.zeros(self._n, dtype=bool)
        for slot, gid in enumerate(dense.tolist()):
            rows = r[at[gid] : at[gid + 1]]
            mask[rows] = True
            self._dense[slot] = np.packbits(mask)
            mask[rows] = False
        self._dense_of = {int(gid): slot for slot, gid in enumerate(dense.tolist())}
        self._post, self._post_at = r, at

    def _build_grams(self) -> None:
        """A packed bitset for every printable ASCII character and every pair of them that
        occurs, from the words: exact answers for one- and two-letter query words."""
        by_gram: dict[str, list[int]] = {}
        for tid, word in enumerate(self._vocab):
            grams = {c for c in word if "!" <= c <= "~"}
            grams.update(word[i : i + 2] for i in range(len(word) - 1) if word[i : i + 2].isascii())
            for gram in grams:
                by_gram.setdefault(gram, []).append(tid)
        self._gram_slot = {gram: slot for slot, gram in enumerate(by_gram)}
        self._grams = np.zeros((len(by_gram), self._nbytes), dtype=np.uint8)
        for slot, tids in enumerate(by_gram.values()):
            self._grams[slot] = self._union(tids)

    def _union(self, tids: list[int]) -> np.ndarray:
        """The packed bitset of the rows holding any of these words."""
        dense_of = self._dense_of
        dense = [dense_of[t] for t in tids if t in dense_of]
        sparse = [t for t in tids if t not in dense_of]
        if len(dense) > 1:
            bits = np.bitwise_or.reduce(self._dense[dense], axis=0)
        elif dense:
            bits = self._dense[dense[0]].copy()
        else:
            bits = np.zeros(self._nbytes, np.uint8)
        if sparse:
            at, post = self._post_at, self._post
            mask = np.zeros(self._n, dtype=bool)
            for t in sparse:
                mask[post[at[t] : at[t + 1]]] = True
            bits |= np.packbits(mask)
        return bits

    def build(self, order: Iterable[int]) -> None:
        """Show the rows ``order`` (the filtered rows, in display order)."""
        self._order = np.fromiter(order, dtype=np.int64) if not isinstance(order, np.ndarray) else order
        shown = np.zeros(self._n, dtype=bool)
        shown[self._order] = True
        self._shown = np.packbits(shown)
        self._ascending = bool(len(self._order) < 2 or (np.diff(self._order) > 0).all())

    # -- searching --------------------------------------------------------------------------
    def word_bits(self, word: str) -> np.ndarray:
        """The packed bitset of the rows (all of them) whose text contains ``word``."""
        bits = self._cache.get(word)
        if bits is not None:
            return bits
        self.prepare()
        slot = self._gram_slot.get(word) if len(word) <= 2 else None
        if slot is not None:
            bits = self._grams[slot]
        else:
            vocab = self._vocab
            bits = self._union(list(compress(range(len(vocab)), map(contains, vocab, repeat(word)))))
        if len(self._cache) >= _CACHE_WORDS:
            self._cache.pop(next(iter(self._cache)))
        self._cache[word] = bits
        return bits

    def search(self, query: str | None) -> np.ndarray:
        """The source indices of the shown rows that contain every folded word, in display order."""
        words = set(fold(query).split())
        if not words:
            return self._order
        bits = self._shown
        for word in sorted(words, key=len, reverse=True):
            bits = bits & self.word_bits(word)
        mask = np.unpackbits(bits, count=self._n).view(bool)
        if self._ascending:
            return np.flatnonzero(mask)
        return self._order[mask[self._order]]

    def nbytes(self) -> int:
        """Memory held by the index arrays (for the benchmark)."""
        self.prepare()
        return int(
            self._grams.nbytes
            + self._dense.nbytes
            + self._post.nbytes
            + self._post_at.nbytes
            + self._shown.nbytes
            + self._order.nbytes
            + sum(len(v) + 49 for v in self._vocab)
        )


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
    "Tiêu chí",
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
    COL_CRITERIA,
) = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_CENTERED = {COL_STT, COL_YEAR, COL_GENDER, COL_CRITERIA}
ELIGIBLE_COLOUR = QColor("#1e6b2e")
NOT_ELIGIBLE_COLOUR = QColor("#8a5a00")


class Filters(NamedTuple):
    kind: str | None = None
    field_id: str | None = None
    unit_id: str | None = None
    status: str | None = None
    eligible: bool | None = None  # True: meets every required criterion; False: not yet
    show_inactive: bool = False  # removed and replaced records too


class CandidateTableModel(QAbstractTableModel):
    """The plan's candidates, filtered and searched; Vietnamese order by default.

    Removed and replaced records are hidden unless ``Filters.show_inactive`` (or the status
    filter asks for them). The «Tiêu chí» column shows "7/9" once :meth:`set_eligibility`
    has been given the plan's eligibility map (it may come later, from a worker thread)."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[Any] = []
        self._units: dict[str, str] = {}
        self._fields: dict[str, str] = {}
        self._index = SearchIndex([])
        self._ids: np.ndarray = np.zeros(0, dtype=np.int64)
        self._row_of: dict[str, int] = {}
        self._eligibility: dict[str, Any] = {}
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
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        self._index = SearchIndex(data.hays, lazy=True)  # words indexed by prepare_search()
        self._rebuild()
        self.endResetModel()

    def prepare_search(self) -> None:
        """Index the words for searching now (any thread; otherwise the first search does)."""
        self._index.prepare()

    def set_eligibility(self, eligibility: dict[str, Any]) -> None:
        """``services.criteria.eligibility_map`` of the plan(s) shown: {candidate id: Eligibility}."""
        self._eligibility = eligibility
        if self._filters.eligible is not None:
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
        elif self._ids.size:
            self.dataChanged.emit(self.index(0, COL_CRITERIA), self.index(len(self._ids) - 1, COL_CRITERIA))

    def eligibility(self, candidate_id: str) -> Any | None:
        return self._eligibility.get(candidate_id)

    @property
    def rows(self) -> list[Any]:
        return self._rows

    @property
    def index_of_search(self) -> SearchIndex:
        return self._index

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
        return len(self._ids)

    # -- filtering, searching, sorting -------------------------------------------------------
    @property
    def filters(self) -> Filters:
        return self._filters

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
        hide_inactive = not f.show_inactive and f.status not in INACTIVE_STATUSES
        elig = self._eligibility
        wants = f.eligible
        if wants is not None and not elig:
            wants = None  # not computed yet: filter once it arrives
        if any((f.kind, f.field_id, f.unit_id, f.status, wants is not None, hide_inactive)):
            order = [
                i
                for i, r in enumerate(rows)
                if (f.kind is None or r.kind == f.kind)
                and (f.field_id is None or r.field_id == f.field_id)
                and (f.unit_id is None or r.unit_id == f.unit_id)
                and (f.status is None or r.status == f.status)
                and not (hide_inactive and r.status in INACTIVE_STATUSES)
                and (wants is None or _eligible(elig.get(r.id)) == wants)
            ]
        else:
            order = list(range(len(rows)))
        if self._sort_column != COL_NAME:
            keys = self._sort_keys(self._sort_column)
            order.sort(key=keys.__getitem__)
        if self._sort_desc:
            order.reverse()
        self._index.build(order)
        self._ids = self._index.search(self._query)

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def row_at(self, row: int) -> Any:
        return self._rows[int(self._ids[row])]

    def candidate_id(self, row: int) -> str:
        return self.row_at(row).id

    def find_row(self, candidate_id: str) -> int:
        """The displayed row of a candidate, or -1 when it is filtered out."""
        source = self._row_of.get(candidate_id)
        if source is None:
            return -1
        hits = np.flatnonzero(self._ids == source)
        return int(hits[0]) if hits.size else -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_STT:
                return str(index.row() + 1)
            return self.display(self.row_at(index.row()), col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_STT:
                return None
            r = self.row_at(index.row())
            if col == COL_CRITERIA:
                e = self._eligibility.get(r.id)
                return e.summary() if e is not None else None
            if col == COL_STATUS and r.status in INACTIVE_STATUSES:
                return f"{self.display(r, col)} — chọn «Khôi phục…» để đưa trở lại danh sách"
            return self.display(r, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in _CENTERED:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return self.row_at(index.row()).id
        if role == Qt.ItemDataRole.ForegroundRole:
            r = self.row_at(index.row())
            if r.status in INACTIVE_STATUSES:
                return self._grey
            if col == COL_STT:
                return self._grey
            if col == COL_CRITERIA:
                e = self._eligibility.get(r.id)
                if e is not None and e.total_required:
                    return ELIGIBLE_COLOUR if e.eligible else NOT_ELIGIBLE_COLOUR
        if role == Qt.ItemDataRole.FontRole and col == COL_STATUS:
            r = self.row_at(index.row())
            if r.status in INACTIVE_STATUSES:
                font = QFont()
                font.setItalic(True)
                return font
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
        if col == COL_CRITERIA:
            e = self._eligibility.get(r.id)
            if e is None:
                return None
            return e.progress if e.total_required else "—"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            if section == COL_CRITERIA:
                return "Số tiêu chí bắt buộc đã đạt / số tiêu chí bắt buộc áp dụng"
        return None

    def _sort_keys(self, col: int) -> list:
        """A key per row for sorting by a column; ties keep the Vietnamese name order."""
        rows = self._rows
        if col == COL_YEAR:
            return [(r.birth_year or 0, i) for i, r in enumerate(rows)]
        if col == COL_STATUS:
            rank = {s.value: n for n, s in enumerate(CandidateStatus)}
            return [(rank.get(r.status, 99), i) for i, r in enumerate(rows)]
        if col == COL_CRITERIA:
            elig = self._eligibility
            out = []
            for i, r in enumerate(rows):
                e = elig.get(r.id)
                share = e.met / e.total_required if e is not None and e.total_required else -1.0
                out.append((share, i))
            return out
        cache: dict[str | None, str] = {None: "~"}
        keys = []
        for i, r in enumerate(rows):
            text = self.display(r, col)
            key = cache.get(text)
            if key is None:
                key = cache[text] = vn_key(text) if text else "~"
            keys.append((key, i))
        return keys


def _eligible(e: Any | None) -> bool:
    return bool(e is not None and e.eligible)
