"""dienhinh_desktop.text.collation: the Vietnamese sort key."""

from __future__ import annotations

import sqlite3
import unicodedata
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from dienhinh_desktop.text import (
    PERSON_KEY_SEPARATOR,
    SORT_KEY_MAX,
    collective_sort_key,
    name_sort_key,
    person_sort_key,
    vn_key,
)


def is_sorted_by_key(items: list[str], key=vn_key) -> bool:
    keys = [key(x) for x in items]
    return all(a < b for a, b in pairwise(keys))


def test_key_is_digits_only():
    for s in ["Đặng Văn Đức", "An Bình", "Chi bộ thôn 10, xã Tân Lập", "José", "漢字", "İ", "²"]:
        key = vn_key(s)
        assert key and key.isascii() and key.isdigit(), (s, key)
    assert vn_key("") == vn_key(None) == vn_key(" - ") == ""


def test_letters_order():
    alphabet = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
    assert is_sorted_by_key(alphabet)
    assert is_sorted_by_key([ch.upper() for ch in alphabet])


def test_words_and_prefixes():
    assert is_sorted_by_key(["An", "An Bình", "Anh", "Ánh", "Ăn", "Ân", "Ba"])
    assert vn_key("An") < vn_key("Anh")
    # Â is a letter of its own: "Ân" after every "An…" word.
    for word in ["Anh", "Ánh", "Ành", "An Bình", "Anh Zũ"]:
        assert vn_key(word) < vn_key("Ân")
    assert vn_key("Dũng") < vn_key("Đạt")
    assert vn_key("Dzũng") < vn_key("Đa")
    assert vn_key("Ông") < vn_key("Ơn")
    assert vn_key("Ơn") < vn_key("Phúc")
    assert vn_key("Uyên") < vn_key("Ưng") < vn_key("Vân")
    assert vn_key("Em") < vn_key("Ê") < vn_key("Ga")


def test_tones_are_secondary_in_dictionary_order():
    assert is_sorted_by_key(["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"])
    # Letters first: "Mạ" (letters m, a) before "Mac" whatever the tones.
    assert vn_key("Mạ") < vn_key("Mac")
    assert vn_key("Mai") < vn_key("Mạnh")  # i < n
    # Over a whole string, letters of every word come before any tone.
    assert vn_key("Mạ An") < vn_key("Ma Bình")


def test_tone_placement_and_unicode_form_do_not_matter():
    assert vn_key("Hoà") == vn_key("Hòa")
    assert vn_key("Thuỷ") == vn_key("Thủy")
    assert vn_key(unicodedata.normalize("NFD", "Đặng Văn Đức")) == vn_key("Đặng Văn Đức")


def test_case_is_last():
    assert vn_key("an") < vn_key("An") < vn_key("AN")
    assert vn_key("AN") < vn_key("àn")  # tone before case
    assert vn_key("ZZ") > vn_key("an") and vn_key("anh") > vn_key("AN")


def test_numbers_compare_as_numbers_and_punctuation_separates():
    assert is_sorted_by_key(["Thôn 2", "Thôn 2A", "Thôn 9", "Thôn 10", "Thôn 100", "Thôn A"])
    assert vn_key("Lê-Thị") == vn_key("Lê Thị")
    assert vn_key("H'Hen") == vn_key("H Hen")


def test_people_by_given_then_middle_then_family():
    people = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn An"]
    assert sorted(people, key=name_sort_key) == ["Trần Thị An", "Lê Văn An", "Nguyễn Văn Bình"]
    expected = [
        "Lê An",  # no middle name first
        "Trần Thị An",
        "Lê Văn An",
        "Nguyễn Văn An",
        "Phạm Văn Anh",
        "Đỗ Thị Ánh",
        "Vũ Ân",
        "Hoàng An Bình",
        "Ma Seo Chử",
        "Giàng A Páo",
    ]
    assert sorted(reversed(expected), key=name_sort_key) == expected
    assert name_sort_key("Ông Nguyễn Văn An") == name_sort_key("Nguyễn Văn An")
    assert name_sort_key("Nguyễn Văn An") == person_sort_key("Nguyễn", "Văn", "An")


def test_person_key_parts_and_empty_parts():
    assert person_sort_key("", "", "") == PERSON_KEY_SEPARATOR * 2
    assert person_sort_key(None, None, "An") < person_sort_key("Lê", "", "An")
    assert person_sort_key("Lê", "", "An") < person_sort_key("Lê", "Văn", "An")
    assert person_sort_key("Lê", "Văn", "An") < person_sort_key("Lê", "Văn", "Anh")
    key = person_sort_key("Nguyễn", "Văn", "An")
    assert key.isdigit() and key.startswith(vn_key("An") + PERSON_KEY_SEPARATOR)


def test_keys_are_bounded():
    long_name = "Chi bộ thôn Tân Lập " * 60
    assert len(collective_sort_key(long_name)) == SORT_KEY_MAX
    assert collective_sort_key("Chi bộ thôn 1") == vn_key("Chi bộ thôn 1")
    assert len(person_sort_key("Nguyễn " * 50, "Văn " * 50, "An " * 50)) <= SORT_KEY_MAX


def test_sqlite_order_by_matches():
    names = [
        "Mạ",
        "Ân",
        "Anh",
        "An",
        "Đạt",
        "Ma",
        "Dũng",
        "Ánh",
        "An Bình",
        "Ơn",
        "Ông",
        "ma",
        "Thôn 10",
        "Thôn 2",
    ]
    con = sqlite3.connect(":memory:")
    con.execute("create table t (name text, k text)")
    con.executemany("insert into t values (?, ?)", [(n, vn_key(n)) for n in names])
    from_db = [r[0] for r in con.execute("select name from t order by k")]
    con.close()
    assert from_db == sorted(names, key=vn_key)
    assert from_db[:6] == ["An", "An Bình", "Anh", "Ánh", "Ân", "Dũng"]


# ---------------------------------------------------------------- property: key order == reference order

_LETTERS = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none, huyền, hỏi, ngã, sắc, nặng
_BASE_VOWELS = set("aăâeêioôơuưy")

word_st = st.tuples(
    st.lists(st.tuples(st.sampled_from(range(len(_LETTERS))), st.booleans()), min_size=1, max_size=4),
    st.sampled_from(range(len(_TONES))),
)
name_st = st.lists(word_st, min_size=1, max_size=3)


def render(name) -> str:
    words = []
    for letters, tone in name:
        chars = [_LETTERS[i].upper() if up else _LETTERS[i] for i, up in letters]
        vowel_pos = [k for k, (i, _up) in enumerate(letters) if _LETTERS[i] in _BASE_VOWELS]
        if vowel_pos:
            chars[vowel_pos[0]] += _TONES[tone]
        words.append(unicodedata.normalize("NFC", "".join(chars)))
    return " ".join(words)


def reference(name):
    """Multi-level key written the slow, obvious way."""
    primary = [[i for i, _up in letters] for letters, _tone in name]
    tones = []
    for letters, tone in name:
        has_vowel = any(_LETTERS[i] in _BASE_VOWELS for i, _up in letters)
        tones.append(tone if has_vowel else 0)
    cases = [up for letters, _tone in name for _i, up in letters]
    return (primary, tones, cases)


@settings(max_examples=300, deadline=None)
@given(name_st, name_st)
def test_key_order_equals_reference_order(a, b):
    ka, kb = vn_key(render(a)), vn_key(render(b))
    ra, rb = reference(a), reference(b)
    assert (ka < kb) == (ra < rb)
    assert (ka == kb) == (ra == rb)


@settings(max_examples=200, deadline=None)
@given(st.lists(name_st, min_size=3, max_size=3), st.lists(name_st, min_size=3, max_size=3))
def test_person_key_order_is_field_by_field(a, b):
    ka = person_sort_key(render(a[0]), render(a[1]), render(a[2]))
    kb = person_sort_key(render(b[0]), render(b[1]), render(b[2]))
    ra = [vn_key(render(a[2])), vn_key(render(a[1])), vn_key(render(a[0]))]
    rb = [vn_key(render(b[2])), vn_key(render(b[1])), vn_key(render(b[0]))]
    assert (ka < kb) == (ra < rb)
