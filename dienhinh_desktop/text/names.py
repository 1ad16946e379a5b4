"""Vietnamese personal names: honorifics, household heads, họ / tên đệm / tên.

The split is positional, the way Vietnamese forms read a name: the first word is the
family name (họ), the last word is the given name (tên), everything between is the
middle name (tên đệm). A few well-known two-word family names ("Tôn Nữ", "Tôn Thất",
"Nguyễn Phúc", "Âu Dương"…) stay whole when at least two more words follow. Names of
minority peoples written in the Kinh order ("Giàng A Páo", "Lò Văn Pọm", "Ma Seo Chử")
follow the same rule. Names of Ê Đê / Gia Rai people, whose family name comes last
("H'Hen Niê"), cannot be told apart by form and are split positionally too.
"""

from __future__ import annotations

import re

from .normalize import nfc

__all__ = ["COMPOUND_FAMILY_NAMES", "household_head", "split_name", "strip_honorific"]

COMPOUND_FAMILY_NAMES: frozenset[str] = frozenset(
    {
        "tôn nữ",
        "tôn thất",
        "nguyễn phúc",
        "nguyễn phước",
        "âu dương",
        "tư mã",
        "công tôn",
        "gia cát",
        "thượng quan",
        "hoàng phủ",
        "đông phương",
        "tư đồ",
    }
)

# Common family names (Kinh and minority peoples). Only used to decide whether a leading
# "Ông" is a title or the family name Ông (as in "Ông Ích Khiêm").
_FAMILY_NAMES = frozenset(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đoàn trịnh
    mai cao lâm lương lưu trương tạ thái hà tô kiều quách châu triệu vương đào từ mạc la hứa tăng
    chu nông lục vi hầu giàng sùng lò vàng thào hờ mùa lầu cứ tráng sình quàng lường cầm tòng
    ma mã nhữ khổng khúc kim lại lạc lã lạng lò lộc lục lù phùng phí quan tôn tống thân thạch
    thiều trà trình trang tiêu tống ung âu ông doãn diệp đàm đồng đường giáp hàn kha khương
    kiều la lạc lam lỗ mạch mẫn ninh nghiêm ngọ nhan phó phương quản sầm tiết tưởng vòng
    vương xa y ksor siu rơ nay""".split()
)

_HONORIFIC_RE = re.compile(
    r"^(?P<h>đồng\s+chí|đ\s*/\s*c|ông|bà|anh|chị|cô|thầy)(?:\s*\.\s*|\s+|(?<=c)(?=\w))(?P<rest>.+)$",
    re.IGNORECASE,
)


def _strip_honorific(s: str, *, family_check: bool) -> str:
    s = nfc(s)
    m = _HONORIFIC_RE.match(s)
    if not m:
        return s
    rest = m.group("rest").strip(" .,:-")
    if not rest or not any(ch.isalpha() for ch in rest):
        return s
    if family_check and m.group("h").lower() == "ông":
        # "Ông" is also a family name: strip it only when a family name follows
        # ("Ông Nguyễn Văn A") or the rest is a full name by itself (three words or more).
        words = rest.split()
        if len(words) < 3 and words[0].lower() not in _FAMILY_NAMES:
            return s
    return rest


def strip_honorific(s: str | None) -> str:
    """Drop a leading title ("Ông", "Bà", "Anh", "Chị", "Cô", "Thầy", "Đồng chí", "đ/c", any case,
    with or without a dot) when a name follows: "Đ/c Lò Văn Pọm" -> "Lò Văn Pọm".

    Because "Ông" is also a family name, "Ông" is only dropped when a known family name
    follows or at least three words remain ("Ông Ích Khiêm" stays as it is). NFC out.
    """
    return _strip_honorific(s or "", family_check=True)


_HOUSEHOLD_RE = re.compile(
    r"^(?:hộ\s+gia\s+đình|hộ\s+gđ\.?|hộ\s+ông\s*/\s*bà|hộ|gia\s+đình|gđ\.?|chủ\s+hộ)(?:\s*[:.]\s*|\s+)(?P<rest>.+)$",
    re.IGNORECASE,
)
_TAIL_RE = re.compile(r"\s*(?:[,;(\[]|\s-\s|\s–\s).*$")


def household_head(s: str | None) -> str:
    """The head's name in a household's name: "Hộ ông Nguyễn Văn A", "Hộ gia đình bà Lò Thị B",
    "Hộ Nguyễn Văn C", "Gia đình ông D" -> the name (case as written, NFC). Anything after a
    comma, semicolon, bracket or " - " (an address, a note) is dropped."""
    s = nfc(s)
    m = _HOUSEHOLD_RE.match(s)
    if m:
        s = m.group("rest")
        s = _strip_honorific(s, family_check=False)
    else:
        s = _strip_honorific(s, family_check=True)
    return _TAIL_RE.sub("", s).strip(" .:-")


def split_name(full: str | None) -> tuple[str, str, str]:
    """(họ, tên đệm, tên) of a full name, honorific stripped first.

    "Nguyễn Văn An" -> ("Nguyễn", "Văn", "An"); "Lê An" -> ("Lê", "", "An");
    "Tôn Nữ Thị Hoa" -> ("Tôn Nữ", "Thị", "Hoa"); "An" -> ("", "", "An"); "" -> ("", "", "").
    """
    words = strip_honorific(full).split()
    n = len(words)
    if n == 0:
        return "", "", ""
    if n == 1:
        return "", "", words[0]
    if n == 2:
        return words[0], "", words[1]
    if n >= 4 and f"{words[0]} {words[1]}".lower() in COMPOUND_FAMILY_NAMES:
        return f"{words[0]} {words[1]}", " ".join(words[2:-1]), words[-1]
    return words[0], " ".join(words[1:-1]), words[-1]
