"""The register of outgoing document numbers (sổ đăng ký văn bản đi).

One sequence per document type (``BC``, ``TTr``, ``QĐ``, ``BB``, ``DS``, ``KH`` …) and
calendar year, starting at 01 every year. The unique constraint
``(doc_type, year, number)`` of :class:`~dienhinh_desktop.models.DocumentNumber` makes a
collision impossible; :func:`next_number` retries inside a savepoint when another
officer (another PC on a shared PostgreSQL database) took the same number first.

Formats (numbers below 10 get a leading zero, as both rules require):

- state body (Decree 30/2020/NĐ-CP): ``12/BC-UBND`` — printed ``Số: 12/BC-UBND``;
- party body (Guidance 36-HD/VPTW): ``12-BC/ĐU`` — printed ``Số 12-BC/ĐU``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import DocumentNumber, OfficeProfile

MAX_ATTEMPTS = 20


def default_symbol(profile: OfficeProfile | None) -> str:
    if profile is not None and profile.symbol:
        return profile.symbol.strip()
    return "ĐU" if (profile is None or profile.is_party) else "UBND"


def format_number(number: int | None, doc_type: str, symbol: str, *, party: bool) -> str:
    """``12/BC-UBND`` (state) or ``12-BC/ĐU`` (party); ``None`` leaves a blank for the
    number, to be written by hand ("    /BC-UBND")."""
    n = f"{number:02d}" if number is not None else "\u00a0" * 6
    return f"{n}-{doc_type}/{symbol}" if party else f"{n}/{doc_type}-{symbol}"


def number_text(full_number: str | None, *, party: bool) -> str:
    """The line printed under the issuing body: ``Số: 12/BC-UBND`` or ``Số 12-BC/ĐU``."""
    if not full_number:
        return ""
    return f"Số {full_number}" if party else f"Số: {full_number}"


def _max_number(session: Session, doc_type: str, year: int) -> int:
    stmt = select(func.max(DocumentNumber.number)).where(
        DocumentNumber.doc_type == doc_type, DocumentNumber.year == year
    )
    return int(session.scalar(stmt) or 0)


def next_number(
    session: Session,
    doc_type: str,
    year: int | None = None,
    *,
    title: str | None = None,
    ref_type: str | None = None,
    ref_id: str | None = None,
    issued_on: date | None = None,
    profile: OfficeProfile | None = None,
    file_name: str | None = None,
) -> DocumentNumber:
    """Take the next number of ``doc_type`` in ``year`` and record it in the register.

    Flushes (inside a savepoint) but does not commit: the caller's transaction keeps the
    number only if the whole export succeeds. ``profile`` gives the format and symbol
    (default: the office profile in the database)."""
    doc_type = (doc_type or "").strip()
    if not doc_type:
        raise UserError("Thiếu loại văn bản để cấp số (ví dụ BC, TTr, QĐ).", code="bad_input")
    issued_on = issued_on or date.today()
    year = year or issued_on.year
    if profile is None:
        profile = session.scalars(select(OfficeProfile).limit(1)).first()
    party = True if profile is None else bool(profile.is_party)
    symbol = default_symbol(profile)
    for _attempt in range(MAX_ATTEMPTS):
        number = _max_number(session, doc_type, year) + 1
        record = DocumentNumber(
            doc_type=doc_type,
            year=year,
            number=number,
            full_number=format_number(number, doc_type, symbol, party=party),
            issued_on=issued_on,
            title=title,
            ref_type=ref_type,
            ref_id=ref_id,
            file_name=file_name,
        )
        try:
            with session.begin_nested():
                session.add(record)
                session.flush()
        except IntegrityError:
            continue  # someone took this number meanwhile: read the register again
        return record
    raise UserError(
        f"Không cấp được số văn bản loại «{doc_type}» năm {year} (sổ văn bản đang bị ghi đồng thời). Hãy thử lại.",
        code="numbering_busy",
    )


def list_numbers(
    session: Session, *, year: int | None = None, doc_type: str | None = None
) -> list[DocumentNumber]:
    stmt = select(DocumentNumber).order_by(
        DocumentNumber.year, DocumentNumber.doc_type, DocumentNumber.number
    )
    if year is not None:
        stmt = stmt.where(DocumentNumber.year == year)
    if doc_type:
        stmt = stmt.where(DocumentNumber.doc_type == doc_type)
    return list(session.scalars(stmt))
