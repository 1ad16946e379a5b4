"""Periodic review (rà soát) of a plan's candidates (seed 002 IV.1: "rà soát…; thay thế,
loại ra khỏi danh sách các tập thể, cá nhân không đạt tiêu chí; đồng thời bổ sung…").

Each outcome is a ReviewItem with its reason: keep, remove (status ``removed``) or
replace (status ``replaced``; the replacement is created or linked, with
``replaces_id`` = the old record). Nothing is deleted; ``restore`` brings a removed or
replaced record back to the status it held. None of these functions commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Candidate, Review, ReviewItem, StatusChange
from ..models.enums import CandidateStatus as S
from ..text import fmt_date
from .candidates import create_candidate
from .lifecycle import INACTIVE, REF_REVIEW, change_status, check_change, status_before_removal, status_label

OUTCOMES = {"keep": "Giữ lại", "remove": "Loại khỏi danh sách", "replace": "Thay thế"}


def create_review(
    session: Session,
    plan_id: str,
    date_: date | None = None,
    title: str | None = None,
    reviewer: str | None = None,
    *,
    note: str | None = None,
    **kwargs: Any,
) -> Review:
    """A review of the plan's list on a date. ``date`` may be passed by keyword too."""
    when = kwargs.pop("date", None) or date_ or date.today()
    if kwargs:
        raise UserError(f"Trường «{next(iter(kwargs))}» không có trong đợt rà soát.", code="bad_field")
    title = " ".join((title or "").split()) or f"Rà soát danh sách điển hình ngày {fmt_date(when)}"
    review = Review(plan_id=plan_id, review_date=when, title=title, reviewer=reviewer, note=note)
    session.add(review)
    session.flush()
    return review


def list_reviews(session: Session, plan_id: str) -> list[Review]:
    stmt = (
        select(Review).where(Review.plan_id == plan_id).order_by(Review.review_date.desc(), Review.created_at)
    )
    return list(session.scalars(stmt))


def _existing(session: Session, review: Review, candidate: Candidate) -> None:
    session.flush()
    item = session.scalars(
        select(ReviewItem).where(ReviewItem.review_id == review.id, ReviewItem.candidate_id == candidate.id)
    ).first()
    if item is not None:
        raise UserError(
            f"«{candidate.name}» đã có kết quả «{OUTCOMES.get(item.outcome, item.outcome)}» "
            f"trong đợt rà soát «{review.title}».",
            code="already_reviewed",
        )


def _check_plan(review: Review, candidate: Candidate) -> None:
    if candidate.plan_id != review.plan_id:
        raise UserError(
            f"«{candidate.name}» không thuộc kế hoạch của đợt rà soát «{review.title}».", code="bad_field"
        )


def _item(
    session: Session,
    review: Review,
    candidate: Candidate,
    outcome: str,
    reason: str | None,
    replacement: Candidate | None = None,
) -> ReviewItem:
    item = ReviewItem(
        candidate_id=candidate.id,
        outcome=outcome,
        reason=(reason or "").strip() or None,
        replacement_id=replacement.id if replacement else None,
    )
    review.items.append(item)
    session.flush()
    return item


def _why(review: Review, reason: str | None) -> str:
    head = f"Rà soát ngày {fmt_date(review.review_date)}"
    return f"{head}: {reason.strip()}" if reason and reason.strip() else head


def review_keep(
    session: Session, review: Review, candidate: Candidate, reason: str | None = None
) -> ReviewItem:
    """Keep the candidate on the list (no change of status)."""
    _check_plan(review, candidate)
    _existing(session, review, candidate)
    if candidate.status in INACTIVE:
        raise UserError(
            f"«{candidate.name}» đang ở trạng thái «{status_label(candidate.status)}»; "
            "hãy khôi phục trước khi giữ lại.",
            code="bad_transition",
        )
    return _item(session, review, candidate, "keep", reason)


def review_remove(
    session: Session,
    review: Review,
    candidate: Candidate,
    reason: str,
    *,
    by: str | None = None,
) -> ReviewItem:
    """Remove the candidate from the list (status ``removed``, with the reason)."""
    _check_plan(review, candidate)
    _existing(session, review, candidate)
    change_status(
        session,
        candidate,
        S.REMOVED.value,
        by=by or review.reviewer,
        reason=_why(review, reason) if reason and reason.strip() else None,
        ref_type=REF_REVIEW,
        ref_id=review.id,
    )
    candidate.removed_reason = reason.strip()
    return _item(session, review, candidate, "remove", reason)


def review_replace(
    session: Session,
    review: Review,
    candidate: Candidate,
    reason: str,
    replacement: Candidate | Mapping[str, Any] | None = None,
    *,
    by: str | None = None,
) -> ReviewItem:
    """Replace the candidate: ``replacement`` is an existing record to link or the values of
    a new one (kind, unit and field default to the old record's). The old record gets
    status ``replaced``; the new one ``replaces_id`` = the old one's id."""
    _check_plan(review, candidate)
    _existing(session, review, candidate)
    if replacement is None:
        raise UserError(
            f"Thay thế «{candidate.name}»: chưa chọn hoặc nhập điển hình thay thế.", code="missing_field"
        )
    by = by or review.reviewer
    check_change(session, candidate, S.REPLACED.value, reason=reason, ref_type=REF_REVIEW)
    if isinstance(replacement, Candidate):
        new = replacement
        if new.id == candidate.id:
            raise UserError("Điển hình thay thế phải là một hồ sơ khác.", code="bad_field")
        if new.status in INACTIVE:
            raise UserError(
                f"Điển hình thay thế «{new.name}» đang ở trạng thái «{status_label(new.status)}».",
                code="bad_field",
            )
        if new.replaces_id and new.replaces_id != candidate.id:
            raise UserError(f"«{new.name}» đã được dùng để thay thế một điển hình khác.", code="bad_field")
        if new.plan_id != candidate.plan_id:
            raise UserError(
                f"«{new.name}» không thuộc cùng kế hoạch với «{candidate.name}».", code="bad_field"
            )
        new.replaces_id = candidate.id
    else:
        values = dict(replacement)
        values.pop("plan_id", None)
        values.setdefault("kind", candidate.kind)
        values.setdefault("unit_id", candidate.unit_id)
        values.setdefault("field_id", candidate.field_id)
        kind, name = values.pop("kind"), values.pop("name", None)
        values.pop("replaces_id", None)
        new = create_candidate(
            session,
            plan_id=candidate.plan_id,
            kind=kind,
            name=name or "",
            changed_by=by,
            reason=f"Bổ sung thay thế «{candidate.name}» ({_why(review, None).lower()})",
            replaces_id=candidate.id,
            **values,
        )
    change_status(
        session,
        candidate,
        S.REPLACED.value,
        by=by,
        reason=f"{_why(review, reason)} — thay bằng «{new.name}»",
        ref_type=REF_REVIEW,
        ref_id=review.id,
    )
    candidate.removed_reason = reason.strip()
    return _item(session, review, candidate, "replace", reason, new)


def removed_candidates(session: Session, plan_id: str, *, include_merged: bool = True) -> list[Candidate]:
    """Removed and replaced records of the plan, for the "Đã loại" filter."""
    stmt = select(Candidate).where(Candidate.plan_id == plan_id, Candidate.status.in_(INACTIVE))
    if not include_merged:
        stmt = stmt.where(Candidate.merged_into_id.is_(None))
    return list(session.scalars(stmt.order_by(Candidate.sort_key, Candidate.id)))


def restore(session: Session, candidate: Candidate, by: str | None, reason: str) -> StatusChange:
    """Bring a removed or replaced record back to the status it held before (reason required).
    A replacement already registered stays as it is."""
    if candidate.status not in INACTIVE:
        raise UserError(
            f"«{candidate.name}» đang ở trạng thái «{status_label(candidate.status)}», không cần khôi phục.",
            code="bad_transition",
        )
    if candidate.merged_into_id:
        raise UserError(
            f"«{candidate.name}» đã được gộp vào hồ sơ khác, không khôi phục được.", code="bad_transition"
        )
    before = status_before_removal(session, candidate) or S.REGISTERED.value
    return change_status(session, candidate, before, by=by, reason=reason)


def replacement_of(session: Session, candidate: Candidate) -> Candidate | None:
    """The record that replaced this one, if any."""
    return session.scalars(select(Candidate).where(Candidate.replaces_id == candidate.id).limit(1)).first()
