"""The two paper profiles, chosen by ``OfficeProfile.is_party``.

- **state** (Decree 30/2020/NĐ-CP): left "UBND TỈNH …" (optional) / "ỦY BAN NHÂN DÂN XÃ …"
  with a short line, "Số: 12/BC-UBND"; right "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" /
  "Độc lập - Tự do - Hạnh phúc" with a line, the place and date in italics; signature
  "TM. ỦY BAN NHÂN DÂN" / title / name; "Nơi nhận:" bold italic 12 pt, the list 11 pt.
- **party** (Guidance 36-HD/VPTW): left "ĐẢNG BỘ TỈNH …" / "ĐẢNG ỦY XÃ …" / "*" /
  "Số 12-BC/ĐU"; right "ĐẢNG CỘNG SẢN VIỆT NAM" with a line, the place and date;
  signature "T/M BAN THƯỜNG VỤ" / title / name; "Nơi nhận:" underlined.

The layout of each profile lives in an editable Word file
(``resources/templates/_profile_state.docx`` and ``_profile_party.docx``) made of three
blocks, each introduced by a marker paragraph ``#KHỐI: …`` (see :data:`BLOCK_MARKERS`).
Paper templates place them with ``{{p header_block }}``, ``{{p title_block }}`` and
``{{p signature_block }}``. :func:`profile_context` gives the values those blocks use.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..models import DocumentNumber, OfficeProfile
from ..text import fmt_date, fold, long_date, place_date
from .numbering import default_symbol, format_number, number_text

STATE_TEMPLATE = "_profile_state.docx"
PARTY_TEMPLATE = "_profile_party.docx"

# Marker paragraph text (after "#KHỐI:") -> context key the paper template uses.
BLOCK_MARKER_PREFIX = "#KHỐI:"
BLOCK_MARKERS: dict[str, str] = {
    "phần đầu": "header_block",
    "tên loại và trích yếu": "title_block",
    "nơi nhận và chữ ký": "signature_block",
}

DEFAULT_RECIPIENTS_STATE = ["Lưu: VT."]
DEFAULT_RECIPIENTS_PARTY = ["Lưu Văn phòng."]

_PLACE_PREFIXES = re.compile(
    r"^.*?\b(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|đặc khu)\s+", re.IGNORECASE
)


def profile_template(profile: OfficeProfile | None) -> str:
    return PARTY_TEMPLATE if (profile is None or profile.is_party) else STATE_TEMPLATE


def upper(text: str | None) -> str:
    return " ".join((text or "").split()).upper()


def full_name(profile: OfficeProfile) -> str:
    """The office name as written, with a state body's "UBND" in full."""
    name = " ".join((profile.name or "").split())
    if not profile.is_party:
        name = re.sub(r"^(UBND|Ubnd|ubnd)\b", "Ủy ban nhân dân", name)
    return name


def issuer_name(profile: OfficeProfile) -> str:
    """The issuing body in upper case; a state body's "UBND" is written in full."""
    return upper(full_name(profile))


def issuer_display(profile: OfficeProfile) -> str:
    """The issuer as the header prints it: "ỦY BAN NHÂN DÂN" on its own line above the
    commune ("ỦY BAN NHÂN DÂN\\nXÃ TÂN LẬP"), the way such headers are set."""
    name = issuer_name(profile)
    head = "ỦY BAN NHÂN DÂN "
    if name.startswith(head) and len(name) > 22:
        return head.strip() + "\n" + name[len(head) :]
    return name


def superior_name(profile: OfficeProfile) -> str:
    """The body above the issuer (upper case). A party body without one gets
    "ĐẢNG BỘ TỈNH <province>" when the province is known; a state body may have none."""
    if profile.superior_body:
        return upper(profile.superior_body)
    if profile.is_party and profile.province_name and profile.level != "province":
        province = profile.province_name
        if not fold(province).startswith(("tinh", "thanh pho")):
            province = f"tỉnh {province}"
        return upper(f"Đảng bộ {province}")
    return ""


def place_of(profile: OfficeProfile) -> str:
    """The place in "Tân Lập, ngày …": the profile's place, else the commune, else the
    last part of the office name ("Đảng ủy xã Tân Lập" -> "Tân Lập")."""
    for candidate in (profile.place_name, profile.commune_name):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    name = " ".join((profile.name or "").split())
    stripped = _PLACE_PREFIXES.sub("", name)
    if stripped != name and stripped:
        return stripped
    return profile.province_name or ""


def default_on_behalf(profile: OfficeProfile) -> str:
    if profile.signer_on_behalf:
        return upper(profile.signer_on_behalf)
    if profile.is_party:
        return "T/M BAN THƯỜNG VỤ"
    folded = fold(profile.name)
    if folded.startswith(("ubnd", "uy ban nhan dan")):
        return "TM. ỦY BAN NHÂN DÂN"
    return ""


def profile_context(
    profile: OfficeProfile,
    doc_type: str | None = None,
    number: DocumentNumber | str | None = None,
    when: date | datetime | None = None,
) -> dict[str, Any]:
    """The values every paper can use (and the profile blocks use):

    ``office`` (name, full_name, name_upper, short_name, place, province, symbol, is_party, upper_body,
    officer), ``header`` (party, superior, issuer), ``number`` ("12/BC-UBND" or ""),
    ``number_text`` ("Số: 12/BC-UBND" / "Số 12-BC/ĐU"; with a type but no number a blank
    is left for the number; without a type ""), ``place_date`` ("Tân Lập, ngày 05 tháng 02
    năm 2026"), ``date`` ("05/02/2026"), ``long_date``, ``year``, ``signature``
    (on_behalf, title, name), ``recipients`` (default list for "Nơi nhận"), ``doc_type``,
    ``doc_title`` and ``doc_summary`` (empty; papers set them).
    """
    when = when or date.today()
    if isinstance(when, datetime):
        when = when.date()
    party = bool(profile.is_party)
    symbol = default_symbol(profile)
    if isinstance(number, DocumentNumber):
        full = number.full_number
    elif isinstance(number, str) and number:
        full = number
    elif doc_type:
        full = format_number(None, doc_type, symbol, party=party)
    else:
        full = ""
    place = place_of(profile)
    return {
        "office": {
            "name": " ".join((profile.name or "").split()),
            "full_name": full_name(profile),
            "name_upper": issuer_name(profile),
            "short_name": profile.short_name or "",
            "place": place,
            "province": profile.province_name or "",
            "symbol": symbol,
            "is_party": party,
            "upper_body": profile.upper_body or "",
            "officer": profile.officer_name or "",
        },
        "header": {"party": party, "superior": superior_name(profile), "issuer": issuer_display(profile)},
        "doc_type": doc_type or "",
        "number": full if isinstance(number, (DocumentNumber, str)) and full else "",
        "number_text": number_text(full, party=party),
        "place_date": place_date(place, when),
        "date": fmt_date(when),
        "long_date": long_date(when),
        "year": when.year,
        "signature": {
            "on_behalf": default_on_behalf(profile),
            "title": upper(profile.signer_title),
            "name": " ".join((profile.signer_name or "").split()),
        },
        "recipients": list(DEFAULT_RECIPIENTS_PARTY if party else DEFAULT_RECIPIENTS_STATE),
        "doc_title": "",
        "doc_summary": "",
    }


PARTY_MOTTO = ("ĐẢNG CỘNG SẢN VIỆT NAM",)
STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def xlsx_profile_parts(
    profile: OfficeProfile,
    when: date | datetime | None = None,
    *,
    header: dict[str, Any] | None = None,
    issuer_one_line: bool = False,
    with_place_date: bool = True,
) -> tuple[list[str], list[str], list[str]]:
    """The paper header and signature of an Excel list in the office's profile, as
    ``write_xlsx_list`` takes them: ``(header_left, header_right, signature)``.

    ``header_left``: the superior body and the issuer (``header``: the ``superior`` /
    ``issuer`` to print instead of the office's, e.g. a council's; ``issuer_one_line``: the
    issuer's name upper-cased on one line, not broken after "ỦY BAN NHÂN DÂN");
    ``header_right``: "ĐẢNG CỘNG SẢN VIỆT NAM" or the national motto, then the place and
    date of ``when`` (unless ``with_place_date`` is false); ``signature``: on behalf,
    title, three blank lines, name."""
    pctx = profile_context(profile, None, None, when)
    head = header if header is not None else pctx["header"]
    issuer = pctx["office"]["name_upper"] if issuer_one_line else head["issuer"]
    left = [x for x in (head["superior"], issuer) if x]
    right = list(PARTY_MOTTO if profile.is_party else STATE_MOTTO)
    if with_place_date:
        right.append(pctx["place_date"])
    sig = pctx["signature"]
    return left, right, [sig["on_behalf"], sig["title"], "", "", "", sig["name"]]
