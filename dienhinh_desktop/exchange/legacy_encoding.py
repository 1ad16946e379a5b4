"""Old Vietnamese encodings (TCVN3/ABC and VNI-Windows) to Unicode.

Before Unicode, Vietnamese offices typed in 8-bit fonts: the ABC fonts of TCVN 5712:1993
(".VnTime", ".VnArial", and the capital-letter family ".VnTimeH", ".VnArialH") and the VNI
fonts ("VNI-Times", "VNI-Helve"…). A Word or Excel file made with them stores ordinary
Latin-1 characters ("Céng hoµ x· héi", "Coäng hoøa xaõ hoäi") that only look right in that
font. This module converts such text back to Unicode (NFC).

Detection is by font name when the file says which font a run or a cell uses
(:func:`encoding_for_font`), else by the text itself (:func:`detect_encoding`): legacy
text has no character beyond Latin-1 and a high share of the characters the old
encodings use for Vietnamese letters.
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "tcvn3"
TCVN3_UPPER = "tcvn3_upper"  # .VnTimeH: the same codes, drawn as capitals
VNI = "vni"

# TCVN 5712:1993 (VN3, "ABC"): one 8-bit code per letter. The key is the character the
# byte becomes when the file stores it as cp1252/Latin-1 text (what Word and Excel do).
# A1–A7 are the capital base letters, A8–AE their lower-case forms; the toned letters
# exist only in lower case (capitals use the ...H fonts, see TCVN3_UPPER).
_TCVN3_TABLE: dict[str, str] = {
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\u00ad": "ư", "®": "đ",
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
    # Some programs store 0xB5 as the Greek mu and 0xAD as a minus sign.
    "\u03bc": "à", "\u2212": "ư",
}  # fmt: skip
_TCVN3_TRANS = str.maketrans(_TCVN3_TABLE)

# VNI-Windows: a base letter followed by a mark character (lower-case marks after
# lower-case letters, capital marks after capitals), plus a few letters of their own.
# Marks: the tone alone (after a, e, o, u, y, ơ, ư) or the vowel mark with a tone.
_VNI_TONE = {  # mark -> combining tone
    "ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "Ø": "\u0300", "Ù": "\u0301", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323",
}  # fmt: skip
_VNI_CIRCUMFLEX = {  # â/ê/ô with a tone (or none)
    "â": "", "à": "\u0300", "á": "\u0301", "å": "\u0309", "ã": "\u0303", "ä": "\u0323",
    "Â": "", "À": "\u0300", "Á": "\u0301", "Å": "\u0309", "Ã": "\u0303", "Ä": "\u0323",
}  # fmt: skip
_VNI_BREVE = {  # ă with a tone (or none); only after a/A
    "ê": "", "è": "\u0300", "é": "\u0301", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323",
    "Ê": "", "È": "\u0300", "É": "\u0301", "Ú": "\u0309", "Ü": "\u0303", "Ë": "\u0323",
}  # fmt: skip
# Letters VNI writes as one character.
_VNI_SINGLE = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "æ": "ỉ", "Æ": "Ỉ",
    "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    bases = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
    for enc, base in bases.items():
        for up in (False, True):
            b_enc = enc.upper() if up else enc
            b_uni = base.upper() if up else base
            for mark, tone in _VNI_TONE.items():
                table[b_enc + mark] = unicodedata.normalize("NFC", b_uni + tone)
            if base in "aeo":
                for mark, tone in _VNI_CIRCUMFLEX.items():
                    table[b_enc + mark] = unicodedata.normalize("NFC", b_uni + "\u0302" + tone)
            if base == "a":
                for mark, tone in _VNI_BREVE.items():
                    table[b_enc + mark] = unicodedata.normalize("NFC", b_uni + "\u0306" + tone)
    table.update(_VNI_SINGLE)
    return table


_VNI_TABLE = _build_vni()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_TABLE, key=len, reverse=True)))

# Characters that betray each encoding in a text that has nothing beyond Latin-1.
_TCVN3_ONLY = set("¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹»¼½¾") | {"\u00ad"}
_TCVN3_SIGNS = re.compile(r"[¡-®µ-¾Æ-Þß-þ]")
_VNI_PAIRS = re.compile(r"[aeouyAEOUYôöÔÖ][øùûõïØÙÛÕÏâàáåãäÂÀÁÅÃÄêèéúüëÊÈÉÚÜË]")
_VNI_MARKS_ONLY = set("ñÑ")
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff\u2212\u03bc\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac]")

_FONT_TCVN3 = re.compile(r"^\s*\.?vn[a-z0-9 _-]*$", re.IGNORECASE)
_FONT_VNI = re.compile(r"^\s*vni[-_ ]", re.IGNORECASE)


def encoding_for_font(font_name: str | None) -> str | None:
    """The legacy encoding a font implies: ``.VnTime`` → tcvn3, ``.VnTimeH`` → tcvn3_upper, ``VNI-Times`` → vni."""
    if not font_name:
        return None
    name = font_name.strip()
    if _FONT_VNI.match(name):
        return VNI
    if name.startswith(".") and _FONT_TCVN3.match(name):
        # ".VnTimeH", ".VnArialH", ".VnCentury SchoolbookH", ".VnBlackH": the capitals family.
        return TCVN3_UPPER if name.endswith("H") else TCVN3
    if name.lower().startswith("vn") and _FONT_TCVN3.match(name):
        # A few ABC fonts lost their leading dot ("VnTime") after a copy through some programs.
        return TCVN3_UPPER if name.endswith("H") else TCVN3
    return None


def convert(text: str, encoding: str) -> str:
    """Convert legacy text to Unicode (NFC). ``encoding`` is tcvn3, tcvn3_upper or vni."""
    if not text:
        return text
    if encoding == TCVN3:
        out = text.translate(_TCVN3_TRANS)
    elif encoding == TCVN3_UPPER:
        out = text.translate(_TCVN3_TRANS).upper()
    elif encoding == VNI:
        out = _VNI_RE.sub(lambda m: _VNI_TABLE[m.group(0)], text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return unicodedata.normalize("NFC", out)


def detect_encoding(text: str) -> str | None:
    """Guess whether ``text`` is TCVN3 or VNI (or neither: ``None``).

    Text with any Vietnamese (or other) character beyond Latin-1 is Unicode already.
    Otherwise the text is legacy when enough of its letters are the characters the old
    encodings use for Vietnamese; TCVN3 and VNI are told apart by their own signs
    (TCVN3's ``µ · ¸ ¹ § ®…``, VNI's base letter + mark pairs like ``oä``, ``aø``).
    """
    if not text or _BEYOND_LATIN1.search(text):
        return None
    letters = sum(1 for c in text if c.isalpha() or c in _TCVN3_ONLY)
    if not letters:
        return None
    high = [c for c in text if "\u00a0" < c <= "\u00ff" or c in "\u2212\u03bc"]
    if not high:
        return None
    tcvn_only = sum(1 for c in high if c in _TCVN3_ONLY)
    vni_pairs = len(_VNI_PAIRS.findall(text)) + sum(1 for c in high if c in _VNI_MARKS_ONLY)
    tcvn_signs = len(_TCVN3_SIGNS.findall(text))
    share = len(high) / letters
    # Plain Western text (a French word, a "©" sign) has few such characters; a verdict
    # needs at least three of them (callers pass a whole file's text, not one cell).
    if len(high) < 3 or share < 0.02:
        return None
    if tcvn_only >= max(1, vni_pairs // 2):
        return TCVN3
    if vni_pairs and vni_pairs >= tcvn_signs / 2:
        return VNI
    if tcvn_signs >= 2:
        return TCVN3
    return None


def to_unicode(text: str, font_name: str | None = None) -> tuple[str, str | None]:
    """Text as Unicode NFC, and the legacy encoding that was found (or ``None``).

    The font wins when it names a legacy family; otherwise the text is looked at.
    Decomposed Unicode ("Nguyê\u0303n") is composed in every case.
    """
    if not text:
        return text, None
    enc = encoding_for_font(font_name)
    if enc is None:
        enc = detect_encoding(text)
    elif _BEYOND_LATIN1.search(text):
        # A Unicode run in a legacy-named font (someone retyped it with Unikey in Unicode mode).
        enc = None
    if enc is None:
        return unicodedata.normalize("NFC", text), None
    return convert(text, enc), enc


def encode(text: str, encoding: str) -> str:
    """Unicode → legacy text (the reverse of :func:`convert`), for tests and sample files.

    TCVN3 has no capital toned letters: they are written as the lower-case code (as an
    ABC-font typist would see them in a ...H font). Use ``tcvn3_upper`` for all-capital text.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding in (TCVN3, TCVN3_UPPER):
        reverse = {v: k for k, v in _TCVN3_TABLE.items() if len(k) == 1 and k not in "\u03bc\u2212"}
        out = []
        for ch in text.lower() if encoding == TCVN3_UPPER else text:
            if ch in reverse:
                out.append(reverse[ch])
            elif ch.lower() in reverse and ch.lower() != ch:
                out.append(reverse[ch.lower()])
            else:
                out.append(ch)
        return "".join(out)
    if encoding == VNI:
        reverse = {}
        for k, v in _VNI_TABLE.items():
            # Prefer the mark whose case follows the letter.
            if v not in reverse or (k[-1].isupper() == v.isupper() and len(k) == 2):
                reverse[v] = k
        for v in "ìíÌÍ":
            reverse[v] = v
        return "".join(reverse.get(ch, ch) for ch in text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")
