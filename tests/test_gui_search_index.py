"""The candidates list's search index (no numpy: Python ints as bitsets) against a plain
substring filter: random texts, queries, filters and display orders."""

from __future__ import annotations

import random
import threading
from contextlib import contextmanager
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop.gui import candidate_model  # noqa: E402
from dienhinh_desktop.gui.candidate_model import SearchIndex, SearchResult  # noqa: E402
from dienhinh_desktop.text import fold  # noqa: E402

# letters (some repeated so that words and pairs recur), digits, punctuation, accented and
# non-Latin letters, and white space that str.split() sees (tab, line break, NBSP, \x1f)
ALPHABET = "aaaabcdeghinnnoth  uy12,-.ßằđ\t\n\u00a0\x1f"
QUERY_ALPHABET = "abcdeghinothuy12,-ßằĐẶ "
WORDS = ["nguyen", "thi", "van", "dang", "an", "hằng", "ß", "a-b", "12", "1985", "ngo", "xa,"]
PIECES = sorted({w[i:j] for w in WORDS for i in range(len(w)) for j in range(i + 1, min(len(w), i + 4) + 1)})
CAPITALS = ["NGUYỄN", "Đặng", "HẰNG", "Văn", "XA,"]


def random_text(rnd: random.Random, alphabet: str) -> str:
    return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6)))


def random_hay(rnd: random.Random) -> str:
    """A row: common words, and now and then random text (odd white space included)."""
    parts = (
        rnd.choice(WORDS) if rnd.random() < 0.7 else random_text(rnd, ALPHABET)
        for _ in range(rnd.randint(0, 6))
    )
    return " ".join(parts)


def random_query(rnd: random.Random) -> str:
    """What is typed: pieces of those words (some with capitals and accents), random text."""
    parts = []
    for _ in range(rnd.choice((1, 1, 1, 2, 2, 3))):
        pick = rnd.random()
        parts.append(
            rnd.choice(PIECES)
            if pick < 0.6
            else rnd.choice(CAPITALS)
            if pick < 0.7
            else random_text(rnd, QUERY_ALPHABET)
        )
    return " ".join(parts)


def naive(hays: list[str], order: list[int], query: str) -> list[int]:
    words = fold(query).split()
    return [i for i in order if all(w in hays[i] for w in words)]


@contextmanager
def small_blocks(rows: int, sort_max: int):
    """Results decoded ``rows`` at a time, so that small lists cross block boundaries; in an
    order that is not ascending, up to ``sort_max`` found rows sorted in one block."""
    with (
        patch.object(candidate_model, "_BLOCK", rows),
        patch.object(candidate_model, "_BLOCK_BYTES", rows // 8),
        patch.object(candidate_model, "_SORT_MAX", sort_max),
    ):
        yield


def check_result(got: SearchResult, want: list[int]) -> None:
    """Every way of reading the result agrees with the list."""
    assert len(got) == len(want)
    fresh_reads = [got[k] for k in range(len(want))]  # indexing before anything was decoded
    assert fresh_reads == want
    assert got.tolist() == want
    assert list(got) == want
    assert got[-1:] == want[-1:] and got[1::2] == want[1::2]
    if want:
        assert got[-1] == want[-1] and got[-len(want)] == want[0]
    for at, source in enumerate(want):
        assert got.index(source) == at and source in got and got.count(source) == 1
    missing = sorted(set(range(-1, max(want, default=0) + 3)) - set(want))
    for source in missing:
        assert source not in got
        with pytest.raises(ValueError):
            got.index(source)
    for k in (len(want), -len(want) - 1):
        with pytest.raises(IndexError):
            got[k]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.sampled_from([0, 1, 2, 5]) | st.integers(20, 60),
    wild=st.lists(st.text(alphabet=ALPHABET, max_size=12), max_size=4),
    data=st.data(),
)
def test_search_equals_a_plain_substring_filter(n: int, wild: list[str], data) -> None:  # type: ignore[no-untyped-def]
    rnd = data.draw(st.randoms(use_true_random=False))
    hays = [random_hay(rnd) for _ in range(n)] + wild
    queries = [random_query(rnd) for _ in range(8)] + data.draw(st.lists(st.text(QUERY_ALPHABET), max_size=2))
    n = len(hays)
    filtered = sorted(rnd.sample(range(n), rnd.randint(0, n)))  # ascending, some rows hidden
    shuffled = rnd.sample(range(n), rnd.randint(0, n))  # sorted by another column, some hidden
    with small_blocks(data.draw(st.sampled_from([8, 16, 2048])), data.draw(st.sampled_from([0, 3, 1024]))):
        index = SearchIndex(hays, lazy=data.draw(st.booleans()))
        for order in (range(n), filtered, list(range(n))[::-1], shuffled):
            index.build(order)
            for query in queries + [""]:
                check_result(index.search(query), naive(hays, list(order), query))


def test_many_rows_across_blocks_in_every_order() -> None:
    rnd = random.Random(3)
    parts = ["nguyen", "thi", "van", "dang", "duc", "hmong", "giang", "a", "pao", "chi", "bo", "thon", "1985",
             "ban", "pang,", "xa", "tan", "lap", "lo", "sinh", "hang", "ma", "-", "12"]  # fmt: skip
    rare = [f"w{i}x" for i in range(300)]  # words in a few rows: kept as row numbers
    hays = [
        " ".join(rnd.choice(parts) for _ in range(rnd.randint(0, 6)))
        + (" " + rnd.choice(rare)) * rnd.randint(0, 1)
        for _ in range(5000)
    ]
    index = SearchIndex(hays)
    queries = ["", "a", "n", "ng", "w1", "w12", "w123x", "nguyen thi h", "an", "ang", "hang 1985", "pang, xa",
               "-", "zz", "198", "w", "thon bo chi", "i"]  # fmt: skip
    everyone = list(range(len(hays)))
    shuffled = everyone[:]
    rnd.shuffle(shuffled)
    filtered = [i for i in everyone if i % 3]
    for order in (everyone, filtered, everyone[::-1], filtered[::-1], shuffled, shuffled[:1234]):
        index.build(order)
        for query in queries:
            want = naive(hays, order, query)
            got = index.search(query)
            assert got.tolist() == want, query
            assert len(got) == len(want)
            for k in {0, 1, 39, len(want) // 2, len(want) - 1} & set(range(len(want))):
                assert got[k] == want[k]
            for source in want[::97]:
                assert got.index(source) == want.index(source)


def test_lazy_index_is_built_once_by_prepare_or_the_first_search() -> None:
    hays = ["nguyen van an", "tran thi binh", "le van cuong"] * 50
    index = SearchIndex(hays, lazy=True)
    assert not index.ready
    assert index.search("").tolist() == list(range(len(hays)))  # the empty query does not wait
    index.build([2, 1, 0])
    assert index.search("  ").tolist() == [2, 1, 0]
    assert not index.ready
    worker = threading.Thread(target=index.prepare)
    worker.start()
    assert index.search("van").tolist() == [2, 0]  # waits for the worker, or builds first
    worker.join()
    assert index.ready
    index.prepare()  # once only
    assert index.search("VĂN guy").tolist() == [0]


def test_empty_list() -> None:
    index = SearchIndex([])
    for query in ("", "a", "ab", "abc"):
        result = index.search(query)
        assert len(result) == 0 and result.tolist() == [] and list(result) == []
        assert 0 not in result
    index.build([])
    assert index.search("a").tolist() == []
