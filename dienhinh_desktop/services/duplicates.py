"""Duplicates: the same person (same name once accents, case and spacing are folded, same
birth year — ``Candidate.dup_key``) or the same collective registered twice, by two units
or in two plans (seed 003: "tránh trùng lặp"). A warning for the officer, and a merge that
keeps every history row; nothing is deleted.

Two records are only duplicates when they are the same kind of subject: a household and its
head registered as an individual are two subjects. Because the key folds accents, "Nguyễn
Thị Hằng" and "Nguyễn Thị Hàng" of the same year are flagged too: ``same_name`` tells
the exact matches (same name once spacing and Unicode form are normalised) from the
similar ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import (
    ActivityCandidate,
    Attachment,
    Ballot,
    Candidate,
    CriterionAssessment,
    DecisionEntry,
    MentorAssignment,
    NurturingNote,
    NurturingPlan,
    ProposalItem,
    Recognition,
    ReviewItem,
    StatusChange,
)
from ..models.enums import CandidateStatus as S
from ..text import nfc
from .derived import derived_keys
from .lifecycle import REF_MERGE, _record

INACTIVE = (S.REMOVED.value, S.REPLACED.value)

# Columns a merge never copies from the dropped record.
NOT_FILLED = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "version",
        "plan_id",
        "kind",
        "status",
        "name",
        "family_name",
        "middle_name",
        "given_name",
        "sort_key",
        "search_text",
        "dup_key",
        "replaces_id",
        "merged_into_id",
        "removed_reason",
        "selected_for_proposal",
        "origin_unit_code",
        "origin_unit_name",
    }
)


def _key_of(candidate_or_values: Candidate | Mapping[str, Any]) -> tuple[str, str, str | None]:
    if isinstance(candidate_or_values, Candidate):
        c = candidate_or_values
        values = {"kind": str(c.kind), "name": c.name, "birth_year": c.birth_year}
        own_id = c.id
    else:
        values = dict(candidate_or_values)
        own_id = values.get("id")
    if not values.get("kind") or not str(values.get("name") or "").strip():
        return "", "", own_id
    year = values.get("birth_year")
    if year in ("", None):
        values["birth_year"] = None
    key = derived_keys(
        {"kind": str(values["kind"]), "name": values["name"], "birth_year": values["birth_year"]}
    )
    return key["dup_key"], str(values["kind"]), own_id


def _usable(dup_key: str) -> bool:
    return bool(dup_key) and dup_key not in ("t|", "p||")


def find_duplicates_for(
    session: Session,
    candidate_or_values: Candidate | Mapping[str, Any],
    *,
    include_inactive: bool = True,
) -> list[Candidate]:
    """Other records of the same person or collective, in any plan and unit (removed ones
    too, unless ``include_inactive`` is False: the officer should know). Records merged into
    another are left out. Accepts a Candidate or the form's values (kind, name, birth_year)."""
    dup_key, kind, own_id = _key_of(candidate_or_values)
    if not _usable(dup_key):
        return []
    stmt = select(Candidate).where(
        Candidate.dup_key == dup_key, Candidate.kind == kind, Candidate.merged_into_id.is_(None)
    )
    if own_id:
        stmt = stmt.where(Candidate.id != own_id)
    if not include_inactive:
        stmt = stmt.where(Candidate.status.not_in(INACTIVE))
    return list(session.scalars(stmt.order_by(Candidate.created_at, Candidate.id)))


def duplicate_groups(
    session: Session,
    plan_id: str | None = None,
    *,
    include_inactive: bool = False,
) -> list[list[Candidate]]:
    """Groups of records that look like the same subject (one query: GROUP BY the key,
    HAVING more than one). With ``plan_id``: the groups with at least one record in that
    plan (the others may sit in another plan). Removed and replaced records are left out
    unless ``include_inactive``; records merged into another always are."""
    base = [Candidate.merged_into_id.is_(None), Candidate.dup_key.not_in(["", "t|", "p||"])]
    if not include_inactive:
        base.append(Candidate.status.not_in(INACTIVE))
    grouped = (
        select(Candidate.dup_key, Candidate.kind)
        .where(*base)
        .group_by(Candidate.dup_key, Candidate.kind)
        .having(func.count() > 1)
    )
    if plan_id:
        grouped = grouped.having(func.sum(case((Candidate.plan_id == plan_id, 1), else_=0)) > 0)
    keys = grouped.subquery()
    stmt = (
        select(Candidate)
        .join(keys, and_(Candidate.dup_key == keys.c.dup_key, Candidate.kind == keys.c.kind))
        .where(*base)
        .order_by(Candidate.sort_key, Candidate.dup_key, Candidate.created_at, Candidate.id)
    )
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for c in session.scalars(stmt):
        groups.setdefault((c.dup_key, c.kind), []).append(c)
    return list(groups.values())


def same_name(a: Candidate, b: Candidate) -> bool:
    """True when the names are the same letter for letter once spacing, case and the Unicode
    form are normalised; False when they only match without accents ("Hằng" / "Hàng")."""
    return nfc(a.name).casefold() == nfc(b.name).casefold()


# --- merge ------------------------------------------------------------------------------


def _move(session: Session, model: Any, column: str, keep: Candidate, drop: Candidate) -> int:
    rows = list(session.scalars(select(model).where(getattr(model, column) == drop.id)))
    rel = {"candidate_id": "candidate", "replacement_id": "replacement"}.get(column)
    for row in rows:
        if rel and hasattr(model, rel):
            setattr(row, rel, keep)
        else:
            setattr(row, column, keep.id)
    return len(rows)


def merge_candidates(
    session: Session,
    keep_id: str,
    drop_id: str,
    *,
    by: str | None,
    reason: str | None = None,
) -> Candidate:
    """Merge the record ``drop_id`` into ``keep_id`` keeping all history: status changes,
    mentors, nurturing notes and plan, criterion assessments, recognitions, attachments,
    decision entries, ballots, proposal items, activity links and review items move to the
    kept record; its empty fields are filled from the dropped one. The dropped record stays
    (status ``removed``, ``merged_into_id``) with a history line. Does not commit."""
    if keep_id == drop_id:
        raise UserError("Không thể gộp một hồ sơ vào chính nó.", code="bad_merge")
    keep, drop = session.get(Candidate, keep_id), session.get(Candidate, drop_id)
    if keep is None or drop is None:
        raise UserError(
            f"Không tìm thấy điển hình «{keep_id if keep is None else drop_id}».", code="not_found"
        )
    if keep.merged_into_id:
        raise UserError(
            f"«{keep.name}» đã được gộp vào hồ sơ khác; hãy chọn hồ sơ còn lại.", code="bad_merge"
        )
    if drop.merged_into_id:
        raise UserError(f"«{drop.name}» đã được gộp trước đó.", code="bad_merge")
    if keep.kind != drop.kind:
        raise UserError(
            f"Không thể gộp «{drop.name}» vào «{keep.name}»: khác loại điển hình (tập thể, cá nhân, hộ gia đình).",
            code="bad_merge",
        )
    session.flush()

    # Status history, mentors, notes: relationships with back-populated collections.
    for model in (StatusChange, MentorAssignment, NurturingNote):
        for row in list(session.scalars(select(model).where(model.candidate_id == drop.id))):
            row.candidate = keep

    # Nurturing plan: one per candidate.
    other_plan = session.scalars(select(NurturingPlan).where(NurturingPlan.candidate_id == drop.id)).first()
    if other_plan is not None:
        own_plan = session.scalars(select(NurturingPlan).where(NurturingPlan.candidate_id == keep.id)).first()
        if own_plan is None:
            other_plan.candidate = keep
        else:
            parts = [own_plan.note] if own_plan.note else []
            for label, value in (
                ("Mục tiêu", other_plan.goals),
                ("Hoạt động", other_plan.activities),
                ("Ghi chú", other_plan.note),
            ):
                if value:
                    parts.append(f"[Từ hồ sơ gộp] {label}: {value}")
            own_plan.note = "\n".join(parts) or None
            own_plan.start_date = own_plan.start_date or other_plan.start_date
            own_plan.end_date = own_plan.end_date or other_plan.end_date

    # Criterion assessments: unique per (candidate, criterion).
    own = {
        a.criterion_id: a
        for a in session.scalars(
            select(CriterionAssessment).where(CriterionAssessment.candidate_id == keep.id)
        )
    }
    for a in list(
        session.scalars(select(CriterionAssessment).where(CriterionAssessment.candidate_id == drop.id))
    ):
        mine = own.get(a.criterion_id)
        if mine is None:
            a.candidate = keep
            continue
        texts = [
            f"{label}: {v}"
            for label, v in (
                ("Tự đánh giá", a.self_text),
                ("Minh chứng", a.self_evidence),
                ("Thẩm định", a.appraisal_comment),
            )
            if v
        ]
        if texts:
            extra = f"[Từ hồ sơ gộp «{drop.name}»] " + "; ".join(texts)
            mine.appraisal_comment = f"{mine.appraisal_comment}\n{extra}" if mine.appraisal_comment else extra
        for field in (
            "self_text",
            "self_evidence",
            "self_met",
            "rating",
            "numerator",
            "denominator",
            "yearly_ratings",
            "self_assessed_at",
            "appraisal",
            "appraised_by",
            "appraised_at",
        ):
            if getattr(mine, field) is None and getattr(a, field) is not None:
                setattr(mine, field, getattr(a, field))

    for model, column in (
        (Recognition, "candidate_id"),
        (Attachment, "candidate_id"),
        (DecisionEntry, "candidate_id"),
        (Ballot, "candidate_id"),
        (ProposalItem, "candidate_id"),
        (ActivityCandidate, "candidate_id"),
        (ReviewItem, "candidate_id"),
        (ReviewItem, "replacement_id"),
    ):
        _move(session, model, column, keep, drop)
    session.execute(
        update(Attachment)
        .where(Attachment.owner_type == "candidate", Attachment.owner_id == drop.id)
        .values(owner_id=keep.id, version=Attachment.version + 1)
        .execution_options(synchronize_session="fetch")
    )
    # Records that pointed at the dropped one: replacements, earlier merges.
    for other in session.scalars(
        select(Candidate).where(
            or_(Candidate.replaces_id == drop.id, Candidate.merged_into_id == drop.id),
            Candidate.id != keep.id,
        )
    ):
        if other.replaces_id == drop.id:
            other.replaces_id = keep.id
        if other.merged_into_id == drop.id:
            other.merged_into_id = keep.id

    # Fill the kept record's empty fields.
    for col in Candidate.__table__.columns:
        key = col.key
        if key in NOT_FILLED:
            continue
        mine, theirs = getattr(keep, key), getattr(drop, key)
        if mine in (None, "") and theirs not in (None, ""):
            setattr(keep, key, theirs)
    if not keep.origin_unit_code and not keep.origin_unit_name:
        keep.origin_unit_code, keep.origin_unit_name = drop.origin_unit_code, drop.origin_unit_name
    keep.selected_for_proposal = bool(keep.selected_for_proposal or drop.selected_for_proposal)
    session.flush()

    where = drop.unit.name if drop.unit else "không rõ đơn vị"
    why = f" — {reason.strip()}" if reason and reason.strip() else ""
    _record(
        session,
        keep,
        keep.status,
        keep.status,
        by=by,
        reason=f"Gộp hồ sơ trùng «{drop.name}» ({where}, mã {drop.id[:8]}){why}",
        ref_type=REF_MERGE,
        ref_id=drop.id,
    )
    text = f"Gộp vào hồ sơ «{keep.name}» (mã {keep.id[:8]}){why}"
    _record(
        session, drop, drop.status, S.REMOVED.value, by=by, reason=text, ref_type=REF_MERGE, ref_id=keep.id
    )
    drop.status = S.REMOVED.value
    drop.merged_into_id = keep.id
    drop.removed_reason = text
    drop.selected_for_proposal = False
    session.flush()
    session.expire(keep, ["history", "mentors", "nurturing_notes", "nurturing_plan"])
    session.expire(drop, ["history", "mentors", "nurturing_notes", "nurturing_plan"])
    return keep
