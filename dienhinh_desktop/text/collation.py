"""Vietnamese sort order as a plain string key that any database can index and ORDER BY.

Why our own key and not a library
---------------------------------
* ICU (PyICU, icu4py) has the Vietnamese tailoring but needs the ICU C library (no pure
  wheels on every platform we ship to) and its sort keys are binary, not text a database
  column can compare the same way everywhere.
* ``pyuca`` implements the default Unicode table (DUCET), where ă â ê ô ơ ư are a, e, o, u
  with a *secondary* accent difference, so "Ân" would sort among the "An…" names; only đ
  is a letter of its own there. That is not the Vietnamese alphabet.
* The Vietnamese alphabet is small and fixed, so a hand-made key is short, exact and fast
  (per-word results are cached).

The order
---------
Letters (primary level): a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
with f j w z (foreign and minority names) in their Latin places; digits before letters,
runs of digits compared as numbers ("Thôn 2" < "Thôn 10"); spaces and punctuation separate
words and a shorter word sorts first ("An" < "An Bình" < "Anh"). Only when all letters are
equal do tones decide (secondary level), in dictionary order: none, huyền, hỏi, ngã, sắc,
nặng ("Ma" < "Mà" < "Mả" < "Mã" < "Má" < "Mạ"). Case decides last (lower case first).
The tone placement convention does not matter ("Hoà" and "Hòa" get the same key).

The key
-------
``vn_key(s)`` contains **only the digits 0-9**, so byte order, SQLite's BINARY collation,
PostgreSQL's "C" collation *and* locale collations (which skip spaces and punctuation and
fold case) all order it the same way. Layout::

    primary + "00" + secondary + tertiary

* primary: each letter is two digits ("10" = a, "11" = ă, "12" = â, "13" = b … "42" = z);
  words are joined by "01"; a number is "02", two digits of length, then its digits; any
  other character is "99" followed by its code point in seven digits.
* "00" ends the primary part; it is lower than everything that can follow a word, so a
  name sorts before its longer continuations.
* secondary: one digit per word, the tone (0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng).
* tertiary: one digit per letter, 0 lower case, 1 upper case.

Two strings with the same primary part have secondary and tertiary parts of the same
length, so the key of one string is never a proper prefix of another's: keys can be
concatenated. ``person_sort_key`` does exactly that, with ``PERSON_KEY_SEPARATOR`` ("00")
between given name, middle name and family name; a missing part (empty key) sorts first.
``SORT_KEY_MAX`` (600, the width of ``candidates.sort_key``) bounds the stored keys;
cutting the end of a key keeps the order of what is left (ties only).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .names import split_name

__all__ = [
    "PERSON_KEY_SEPARATOR",
    "SORT_KEY_MAX",
    "collective_sort_key",
    "name_sort_key",
    "person_sort_key",
    "vn_key",
]

PERSON_KEY_SEPARATOR = "00"
SORT_KEY_MAX = 600

_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_CODE: dict[str, str] = {ch: f"{10 + i:02d}" for i, ch in enumerate(_ALPHABET)}
_LETTER_CODE["ð"] = _LETTER_CODE["đ"]  # Ð (eth) typed for Đ
_WITH_MARK = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_TONE_DIGIT = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WORD_SEP = "01"
_END_PRIMARY = "00"

_TOKEN_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+|\d+")


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, str, str]:
    """(primary, tone digit, case digits) of one word made of letters and combining marks."""
    primary: list[str] = []
    case: list[str] = []
    tone = "0"
    last = ""  # last base letter (lower case), for the quality marks
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONE_DIGIT:
            if tone == "0":
                tone = _TONE_DIGIT[ch]
            continue
        if unicodedata.combining(ch):
            letter = _WITH_MARK.get((last, ch))
            if letter is not None and primary:
                primary[-1] = _LETTER_CODE[letter]
                last = letter
            continue
        low = ch.lower()[:1]  # "İ".lower() is two characters
        code = _LETTER_CODE.get(low)
        if code is None:
            code = f"99{ord(low):07d}"
        primary.append(code)
        case.append("1" if ch != low else "0")
        last = low
    return "".join(primary), tone, "".join(case)


def _number(digits: str) -> str:
    value = str(int(digits))[:99]
    return f"02{len(value):02d}{value}"


def vn_key(s: str | None) -> str:
    """A digits-only string whose plain ordering is the Vietnamese order of ``s`` (see above)."""
    if not s:
        return ""
    primary: list[str] = []
    tones: list[str] = []
    cases: list[str] = []
    for tok in _TOKEN_RE.findall(s):
        if tok[0].isdecimal():
            primary.append(_number(tok))
            tones.append("0")
        else:
            p, t, c = _word(tok)
            primary.append(p)
            tones.append(t)
            cases.append(c)
    if not primary:
        return ""
    return _WORD_SEP.join(primary) + _END_PRIMARY + "".join(tones) + "".join(cases)


def person_sort_key(family: str | None, middle: str | None, given: str | None) -> str:
    """Sort key of a person: given name, then middle name, then family name, each in Vietnamese
    order; parts joined by ``PERSON_KEY_SEPARATOR`` ("00"); digits only; at most SORT_KEY_MAX."""
    key = PERSON_KEY_SEPARATOR.join((vn_key(given), vn_key(middle), vn_key(family)))
    return key[:SORT_KEY_MAX]


def name_sort_key(full_name: str | None) -> str:
    """``person_sort_key`` of a full name split with :func:`split_name` (honorific dropped)."""
    return person_sort_key(*split_name(full_name))


def collective_sort_key(name: str | None) -> str:
    """Sort key of a collective (its whole name in Vietnamese order), at most SORT_KEY_MAX."""
    return vn_key(name)[:SORT_KEY_MAX]
