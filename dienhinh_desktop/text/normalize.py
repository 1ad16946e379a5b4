"""Normalising Vietnamese text: Unicode form, whitespace, tone-mark placement, case, folding for search.

Everything here is pure Python and cheap enough to run over 100 000 names: the hot paths
(``fold``, the per-syllable tone fix) use a cached translation table and a per-syllable cache.

Tone placement ("hoà" or "hòa"?)
--------------------------------
Vietnamese text in the wild mixes two conventions for where the tone mark sits in the
open syllables with *oa*, *oe*, *uy*: "hoà/hòa", "khoẻ/khỏe", "thuỷ/thủy". This module
writes **one** form, the one administrative documents use (Decree 30/2020 writes
"Cộng hòa"; identity cards write "Thủy", "Hòa"): in an open syllable with two vowels the
tone goes on the first one (hòa, khỏe, thủy, tùy, múa, kìa), in a closed syllable on the
last vowel (hoàn, toán, huých), and a vowel carrying a hat or a horn (ă â ê ô ơ ư) always
takes it ("ươ" takes it on ơ). "qu" and "gi" (before another vowel) count as consonants,
so "Qúy" becomes "Quý" and "gìa" becomes "già". Syllables that do not look Vietnamese
(more than one tone mark, vowels split by consonants, unknown marks) are left as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "fold",
    "matches",
    "nfc",
    "normalize_name",
    "normalize_tone_placement",
    "search_tokens",
    "vn_title",
]

# Characters that are invisible but break comparisons (zero-width space/joiners, BOM, soft hyphen).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Combining marks (NFD).
_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_TONES = frozenset((_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT))
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_QUALITIES = frozenset((_BREVE, _CIRCUMFLEX, _HORN))
_VOWELS = frozenset("aeiouyAEIOUY")


def nfc(s: str | None) -> str:
    """Unicode NFC, invisible characters removed, whitespace (tabs, non-breaking spaces…) collapsed
    to single spaces, ends stripped. ``None`` gives ``""``."""
    if not s:
        return ""
    if not s.isascii():
        s = unicodedata.normalize("NFC", s.translate(_INVISIBLE))
    return " ".join(s.split())


# --------------------------------------------------------------------------- folding


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Latin-1 Supplement, Latin Extended-A/B, IPA, Latin Extended Additional (all Vietnamese letters).
    ranges = [(0x00C0, 0x0250), (0x1E00, 0x1F00)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
            base = base.lower()
            if base != ch:
                table[cp] = base
    for cp in range(0x0300, 0x0370):  # combining diacritical marks
        table[cp] = None
    for ch in "đĐðÐ":  # đ has no decomposition; Ð (eth) is a common mistype of Đ
        table[ord(ch)] = "d"
    table.update(_INVISIBLE)
    return table


_FOLD_TABLE = _build_fold_table()


def fold(s: str | None) -> str:
    """Accent-free lower-case form for search and comparison: "Đặng Văn Đức" -> "dang van duc".

    Lower case, "đ"/"Đ" -> "d", every combining mark removed (works on NFC and NFD input),
    whitespace collapsed.
    """
    if not s:
        return ""
    if s.isascii():
        return " ".join(s.lower().split())
    t = s.lower().translate(_FOLD_TABLE)
    if not t.isascii():  # letters outside the table (other scripts): generic decomposition
        t = "".join(c for c in unicodedata.normalize("NFD", t) if unicodedata.category(c) != "Mn")
    return " ".join(t.split())


def search_tokens(s: str | None) -> list[str]:
    """The folded words of ``s`` (what a search box query is split into)."""
    return fold(s).split()


def matches(query: str | None, folded_text: str) -> bool:
    """True when every folded word of ``query`` occurs (as a substring) in ``folded_text``,
    which must already be folded (see :func:`fold`). An empty query matches everything."""
    return all(tok in folded_text for tok in search_tokens(query))


# --------------------------------------------------------------------------- tone placement

_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


@lru_cache(maxsize=16384)
def _fix_syllable(word: str) -> str:
    """Put the tone mark of one NFC word where the convention above says; NFC out."""
    if word.isascii():
        return word
    d = unicodedata.normalize("NFD", word)
    # letters: [base, quality marks, tone]
    letters: list[list[str]] = []
    tone_count = 0
    for ch in d:
        if ch in _TONES:
            if not letters:
                return word
            letters[-1][2] += ch
            tone_count += 1
        elif ch in _QUALITIES:
            if not letters:
                return word
            letters[-1][1] += ch
        elif unicodedata.combining(ch):
            return word  # a mark Vietnamese does not use: leave the word alone
        else:
            letters.append([ch, "", ""])
    if tone_count != 1:
        return word
    vowel_idx = [i for i, (b, _q, _t) in enumerate(letters) if b in _VOWELS]
    if not vowel_idx:
        return word
    first, last = vowel_idx[0], vowel_idx[-1]
    if last - first + 1 != len(vowel_idx):
        return word  # vowels split by consonants: not one syllable
    start = first
    if last > first and first == 1 and not letters[first][1]:
        head, v = letters[0][0].lower(), letters[first][0].lower()
        if (head == "q" and v == "u") or (head == "g" and v == "i"):
            start = first + 1  # "qu", "gi" are consonants here
    cluster = range(start, last + 1)
    marked = [i for i in cluster if letters[i][1]]
    n = len(cluster)
    if marked:
        target = marked[-1]
    elif last + 1 < len(letters):  # closed syllable
        target = last
    elif n == 1:
        target = start
    elif n == 2:
        target = start
    elif n == 3:
        target = start + 1
    else:
        return word
    current = next(i for i, le in enumerate(letters) if le[2])
    if current == target:
        return unicodedata.normalize("NFC", d)
    tone = letters[current][2]
    letters[current][2] = ""
    letters[target][2] = tone
    return unicodedata.normalize("NFC", "".join(b + q + t for b, q, t in letters))


def _fix_match(m: re.Match[str]) -> str:
    return _fix_syllable(m.group(0))


def normalize_tone_placement(s: str | None) -> str:
    """Rewrite tone marks to one placement convention (see the module docstring): "Hoà" -> "Hòa",
    "Thuỷ" -> "Thủy", "khoẻ" -> "khỏe", "Qúy" -> "Quý". Keeps case and everything else; NFC out.
    Whitespace is not touched (use :func:`nfc` for that)."""
    if not s:
        return ""
    if s.isascii():
        return s
    s = unicodedata.normalize("NFC", s)
    return _WORD_RE.sub(_fix_match, s)


# --------------------------------------------------------------------------- names

_TITLE_RE = re.compile(r"(^|[\s\-'’(])([^\W\d_])")


def _title_word_start(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2).upper()


def vn_title(s: str) -> str:
    """Vietnamese title case: every word starts upper case, the rest lower ("H'hen" -> "H'Hen")."""
    return _TITLE_RE.sub(_title_word_start, s.lower())


def normalize_name(s: str | None) -> str:
    """A person's name as it should be stored: NFC, one space between words, tone marks placed
    consistently, "Ð" (eth) read as "Đ"; a name typed ALL UPPER or all lower case becomes
    "Nguyễn Văn An", a mixed-case one keeps the case as written."""
    s = nfc(s)
    if not s:
        return ""
    if not s.isascii():
        s = normalize_tone_placement(s.replace("Ð", "Đ").replace("ð", "đ"))
    if s.isupper() or s.islower():
        s = vn_title(s)
    return s
