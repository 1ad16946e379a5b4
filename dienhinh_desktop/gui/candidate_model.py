"""The candidates list: one SELECT of the needed columns, an accent-free search index that
stays fast on 100,000 rows, and the Qt table model over it.

Search
------
Every row has one folded text (``candidates.search_text`` plus the unit name, see
:func:`dienhinh_desktop.text.fold`); a row matches when every word of the query is inside
its text. :class:`SearchIndex` answers from two indexes built once per list, with bitsets
that are plain Python ints (bit i = row i; ``&`` and ``|`` over 100,000 bits take a few
microseconds, in C):

- for every printable character and every pair of characters that occurs, the bitset of
  the rows containing it (12.5 KB per entry at 100,000 rows). One- and two-letter words —
  the ones that match most rows and were slow — are answered exactly by one bitset;
- the distinct words of all texts (a few thousand: names, places repeat) with, for each,
  the rows that hold it (a bitset when frequent, a tuple of row numbers otherwise).
  A query word of three letters or more is inside a row's text exactly when it is inside
  one of that row's words: the vocabulary is scanned (C loops) and the rows of the
  matching words are OR-ed.

A bitset is made from row numbers by writing one binary digit per row in a ``bytearray``
and reading it with ``int(digits, 2)``, and read back with ``bin()`` (both linear, in C).

The words' bitsets are AND-ed together and with the bitset of the rows that pass the
filters. The answer, a :class:`SearchResult`, is a sequence of the source indices in
display order that keeps that bitset: its length is a popcount and the indices are
decoded 2,048 rows at a time, when the table asks for them — a keystroke does not pay for
the 100,000 indices of which the table paints thirty. A word's bitset is cached, so typing
"nguyen thi h" recomputes only the word being typed.

The list model builds its index lazily (``SearchIndex(hays, lazy=True)``): the list shows at
once, the index is built by :meth:`SearchIndex.prepare` on the worker thread, or on the
first search if that comes first.
"""

from __future__ import annotations

import operator
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, islice, repeat
from operator import contains, lt
from typing import Any, NamedTuple, overload

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

_BLOCK = 2048  # rows a result counts and decodes at a time (a multiple of 8)
_BLOCK_BYTES = _BLOCK // 8
_TO_FLAGS = bytes.maketrans(b"01", b"\x00\x01")  # binary digits -> false / true bytes
_FEW = 24  # up to this many rows, a bitset is OR-ed bit by bit
_SORT_MAX = 1024  # in an order that is not ascending, up to this many found rows are sorted
_CACHE_WORDS = 64


def _bits_of(rows: Iterable[int], n: int, count: int) -> int:
    """The bitset (bit i = row i) of ``count`` rows below ``n``."""
    if count <= _FEW:
        bits = 0
        for r in rows:
            bits |= 1 << r
        return bits
    digits = bytearray(b"0") * n  # one binary digit per row, read as a number
    for r in rows:
        digits[r] = 49  # "1"
    digits.reverse()  # row 0 is the least significant digit
    return int(digits, 2)


def _flags(bits: int, n: int) -> bytes:
    """One byte per row below ``n``: 1 where its bit is set, else 0."""
    return bin(bits)[:1:-1].ljust(n, "0").encode("ascii").translate(_TO_FLAGS)


def _set_rows(chunk: bytes, base: int, count: int) -> list[int]:
    """The ``count`` rows whose bit is set in ``chunk`` (little-endian bytes of a bitset whose
    first bit is row ``base``), ascending."""
    digits = bin(int.from_bytes(chunk, "little"))[:1:-1]  # one digit per row, row ``base`` first
    if count * 8 < len(digits):  # few: look for them
        rows = []
        find = digits.find
        at = find("1")
        while at >= 0:
            rows.append(base + at)
            at = find("1", at + 1)
        return rows
    return list(compress(range(base, base + len(digits)), digits.encode("ascii").translate(_TO_FLAGS)))


class _Shown:
    """The rows :meth:`SearchIndex.build` shows: their source indices in display order, and
    the same rows as a bitset. Never changed once built (a search result keeps its own)."""

    __slots__ = ("order", "n", "ascending", "bits", "_blocks", "position_of")

    def __init__(self, order: Sequence[int], n: int) -> None:
        self.order = order  # a list, or range(n) (every row: no 100,000 int objects to make)
        self.n = n
        if isinstance(order, range):
            self.ascending = order.step > 0 or len(order) < 2
        else:
            self.ascending = all(map(lt, order, islice(order, 1, None)))
        if self.ascending and len(order) == n:
            self.bits = (1 << n) - 1  # every row, in source order (the usual case)
        else:
            self.bits = _bits_of(order, n, len(order))
        self._blocks: dict[int, int] = {}
        self.position_of = array("q")  # any other order: each row's display position (-1: hidden)
        if not self.ascending:
            self.position_of = position_of = array("q", [-1]) * n
            for at, source in enumerate(order):
                position_of[source] = at

    def block(self, block: int) -> int:
        """The bitset of the shown rows at display positions ``block * _BLOCK`` onwards (a
        block of them; used when the order is not ascending)."""
        bits = self._blocks.get(block)
        if bits is None:
            part = self.order[block * _BLOCK : (block + 1) * _BLOCK]
            bits = self._blocks[block] = _bits_of(part, self.n, len(part))
        return bits

    def position(self, source: int) -> int:
        """The display position of a shown row; ValueError when it is not shown."""
        order = self.order
        if self.ascending:
            at = bisect_left(order, source)
            if at < len(order) and order[at] == source:
                return at
        elif 0 <= source < self.n and self.position_of[source] >= 0:
            return self.position_of[source]
        raise ValueError(f"{source!r} is not shown")


class SearchResult(Sequence[int]):
    """The source indices of the rows a search found, in display order: a read-only sequence
    of ints (``len``, indexing, iteration, ``in``, ``index``, ``tolist()``).

    It keeps the bitset of the rows: ``len`` is a popcount, and the indices are decoded a
    block of ``_BLOCK`` rows at a time, when asked for — a keystroke does not pay for the
    100,000 indices of which the table paints thirty. (A few found rows in an order that is
    not ascending are decoded at once and sorted by display position.)"""

    __slots__ = ("_shown", "_hits", "_len", "_sorted", "_starts", "_blocks", "_raw", "_flags")

    def __init__(self, shown: _Shown, hits: int | None) -> None:
        self._shown = shown
        self._hits = hits  # None: every shown row
        self._len = len(shown.order) if hits is None else hits.bit_count()
        # few rows in an order that is not ascending: one block, the rows sorted by position
        self._sorted = not shown.ascending and self._len <= _SORT_MAX
        self._starts = [0]  # where each block counted so far starts in the result
        self._blocks: dict[int, list[int]] = {}
        self._raw = b""  # ascending order: the bitset's bytes (blocks of rows)
        self._flags = b""  # any other order (blocks of display positions): a byte per row

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return self.tolist()[index]
        if self._hits is None:
            return self._shown.order[index]
        k = operator.index(index)
        if k < 0:
            k += self._len
        if not 0 <= k < self._len:
            raise IndexError("search result index out of range")
        starts = self._starts
        while starts[-1] <= k:
            self._count_next()
        block = bisect_right(starts, k) - 1
        return self._block(block)[k - starts[block]]

    def __iter__(self) -> Iterator[int]:
        if self._hits is None:
            return iter(self._shown.order)
        if not self._len:
            return iter(())
        if self._sorted:
            return iter(self._block(0))
        size = len(self._shown.order) if not self._shown.ascending else self._shown.n
        # decoded blocks are not kept: a whole list of 100,000 ints is slow to free
        return chain.from_iterable(map(self._decode, range((size + _BLOCK - 1) // _BLOCK)))

    def __contains__(self, value: object) -> bool:
        try:
            self.index(value)
        except ValueError:
            return False
        return True

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """The position of a source index in the result; ValueError when it is not there."""
        if start or stop is not None:
            return super().index(value, start, stop)
        try:
            source = operator.index(value)
        except TypeError:
            raise ValueError(f"{value!r} is not in the result") from None
        shown, hits = self._shown, self._hits
        if hits is None:
            return shown.position(source)
        if not (0 <= source < shown.n and hits >> source & 1):
            raise ValueError(f"{value!r} is not in the result")
        if shown.ascending:
            block = source // _BLOCK
            rows = self._block(block)
            return self._starts[block] + bisect_left(rows, source)
        block = 0 if self._sorted else shown.position(source) // _BLOCK
        rows = self._block(block)
        return self._starts[block] + rows.index(source)

    def count(self, value: Any) -> int:
        return 1 if value in self else 0  # a row is found once at most

    def tolist(self) -> list[int]:
        """All the indices, as a list."""
        return list(self)

    def __repr__(self) -> str:
        head = list(islice(self, 8))
        more = ", …" if self._len > len(head) else ""
        return f"SearchResult([{', '.join(map(str, head))}{more}], len={self._len})"

    def _count_next(self) -> None:
        """Count the found rows of the next block (a block of rows when the order is
        ascending, else of display positions)."""
        hits = self._hits
        assert hits is not None
        block = len(self._starts) - 1
        if self._sorted:
            count = self._len
        elif self._shown.ascending:
            if not self._raw:
                self._raw = hits.to_bytes((self._shown.n + 7) // 8, "little")
            at = block * _BLOCK_BYTES
            count = int.from_bytes(self._raw[at : at + _BLOCK_BYTES], "little").bit_count()
        else:
            count = (hits & self._shown.block(block)).bit_count()
        self._starts.append(self._starts[-1] + count)

    def _block(self, block: int) -> list[int]:
        """The found rows of one block, in display order (kept for the next call)."""
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._blocks[block] = self._decode(block)
        return rows

    def _decode(self, block: int) -> list[int]:
        """The found rows of one block, in display order."""
        rows = self._blocks.get(block)
        if rows is not None:
            return rows
        starts = self._starts
        while len(starts) <= block + 1:
            self._count_next()
        count = starts[block + 1] - starts[block]
        shown = self._shown
        if not count:
            return []
        if self._sorted:
            assert self._hits is not None
            rows = _set_rows(self._hits.to_bytes((shown.n + 7) // 8, "little"), 0, count)
            rows.sort(key=shown.position_of.__getitem__)
            return rows
        if shown.ascending:
            at = block * _BLOCK_BYTES
            return _set_rows(self._raw[at : at + _BLOCK_BYTES], block * _BLOCK, count)
        if not self._flags:
            assert self._hits is not None
            self._flags = _flags(self._hits, shown.n)
        part = shown.order[block * _BLOCK : (block + 1) * _BLOCK]
        return list(compress(part, map(self._flags.__getitem__, part)))


class SearchIndex:
    """Accent-free substring search over the rows of a list (see the module docstring).

    ``SearchIndex(hays)`` indexes the folded texts once; ``build(order)`` says which rows are
    shown and in what order (filters, sorting); ``search(query)`` returns the source indices
    (a :class:`SearchResult`, a sequence of ints) of the shown rows whose text contains every
    word of the query, in display order.

    ``lazy=True``: the words are indexed by :meth:`prepare` (any thread, once) or by the first
    search that needs them; ``build`` and an empty query never wait for it.
    """

    def __init__(self, hays: list[str], lazy: bool = False) -> None:
        self._hays = hays
        self._n = n = len(hays)
        self._cache: dict[str, int] = {}
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

    # -- building ---------------------------------------------------------------------------
    def _index_words(self) -> None:
        """The distinct words (runs without white space) of all rows and, for each, the rows
        that hold it. A query word is inside a row's text exactly when it is inside one of
        that row's words."""
        n = self._n
        rows_of: dict[str, list[int]] = {}
        get = rows_of.get
        for r, hay in enumerate(self._hays):
            for word in set(hay.split()):
                rows = get(word)
                if rows is None:
                    rows_of[word] = [r]
                else:
                    rows.append(r)
        self._vocab = list(rows_of)
        # A word in more than 1/256 of the rows keeps a bitset (OR-ing it is faster than
        # writing that many rows; 12.5 KB at 100,000 rows, and such words are few: 254 in
        # the 100,000-row demo list), the others their row numbers.
        every = (1 << n) - 1
        self._postings: list[int | tuple[int, ...]] = [
            tuple(rows) if len(rows) * 256 <= n else every if len(rows) == n else _bits_of(rows, n, len(rows))
            for rows in rows_of.values()
        ]
        self._build_grams()

    def _build_grams(self) -> None:
        """A bitset for every printable ASCII character and every pair of ASCII characters
        that occurs in a word: exact answers for one- and two-letter query words."""
        by_gram: dict[str, list[int]] = {}
        for tid, word in enumerate(self._vocab):
            grams = {c for c in word if "!" <= c <= "~"}
            grams.update(word[i : i + 2] for i in range(len(word) - 1) if word[i : i + 2].isascii())
            for gram in grams:
                by_gram.setdefault(gram, []).append(tid)
        self._grams = {gram: self._union(tids) for gram, tids in by_gram.items()}

    def _union(self, tids: Iterable[int]) -> int:
        """The bitset of the rows holding any of these words."""
        postings = self._postings
        bits = 0
        listed: list[tuple[int, ...]] = []
        for t in tids:
            rows = postings[t]
            if type(rows) is int:
                bits |= rows
            else:
                listed.append(rows)  # type: ignore[arg-type]
        if listed:
            bits |= _bits_of(chain.from_iterable(listed), self._n, sum(map(len, listed)))
        return bits

    def build(self, order: Iterable[int]) -> None:
        """Show the rows ``order`` (the filtered rows, in display order)."""
        self._shown = _Shown(order if isinstance(order, range) else list(order), self._n)

    # -- searching --------------------------------------------------------------------------
    def word_bits(self, word: str) -> int:
        """The bitset (bit i = row i) of the rows, all of them, whose text contains ``word``."""
        bits = self._cache.get(word)
        if bits is not None:
            return bits
        self.prepare()
        gram = self._grams.get(word) if len(word) <= 2 else None
        if gram is not None:
            bits = gram
        else:
            vocab = self._vocab
            bits = self._union(compress(range(len(vocab)), map(contains, vocab, repeat(word))))
        if len(self._cache) >= _CACHE_WORDS:
            self._cache.pop(next(iter(self._cache)))
        self._cache[word] = bits
        return bits

    def search(self, query: str | None) -> SearchResult:
        """The source indices of the shown rows that contain every folded word, in display order."""
        words = set(fold(query).split())
        shown = self._shown
        if not words:
            return SearchResult(shown, None)
        bits = shown.bits
        for word in sorted(words, key=len, reverse=True):
            bits &= self.word_bits(word)
        return SearchResult(shown, bits)

    def nbytes(self) -> int:
        """Memory held by the index (for the benchmark): the bitsets, the words' tuples of
        row numbers (and those numbers), the words, the shown rows."""
        self.prepare()
        listed = [p for p in self._postings if type(p) is not int]
        shown = self._shown
        return (
            sum(map(sys.getsizeof, self._grams.values()))
            + sum(map(sys.getsizeof, self._postings))
            + (28 * self._n if listed else 0)
            + sum(map(sys.getsizeof, self._vocab))
            + sys.getsizeof(shown.bits)
            + sys.getsizeof(shown.order)
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
        self._ids: SearchResult = self._index.search("")
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
        elif len(self._ids):
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
        return self._rows[self._ids[row]]

    def candidate_id(self, row: int) -> str:
        return self.row_at(row).id

    def find_row(self, candidate_id: str) -> int:
        """The displayed row of a candidate, or -1 when it is filtered out."""
        source = self._row_of.get(candidate_id)
        if source is None:
            return -1
        try:
            return self._ids.index(source)
        except ValueError:
            return -1

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
