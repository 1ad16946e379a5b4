"""Replication and propagation (nhân rộng, tuyên truyền): activities that spread the models.

An :class:`~dienhinh_desktop.models.Activity` (a talk by the model, an exchange visit, a
seminar, an article or broadcast, a publication, a contest entry, an honouring ceremony)
has a date, a place, an organiser, its participants and the models (candidates) it spreads
(:class:`~dienhinh_desktop.models.ActivityCandidate`); photos and articles are attachments
with ``owner_type="activity"`` (``services.attachments``).

When an activity spreads a model that is recognised or rewarded, the officer is offered to
move it to "replicating" (đang nhân rộng): :func:`replication_offers` lists them,
:func:`mark_replicating` moves them through ``lifecycle.change_status`` with a reason that
names the activity (``ref_type="activity"``). Nothing moves by itself.

Counts: :func:`counts_per_model` (how many activities spread each model, in a period),
:func:`counts_per_year` (activities per year and kind), both one GROUP BY query.

None of these functions commit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..errors import StaleRecord, UserError
from ..models import Activity, ActivityCandidate, Attachment, Candidate, StatusChange
from ..models.enums import ActivityKind
from ..models.enums import CandidateStatus as S
from ..text import fmt_date, fold, parse_date
from . import lifecycle

KIND_VALUES = tuple(k.value for k in ActivityKind)
KIND_LABELS: dict[str, str] = {k.value: k.label for k in ActivityKind}
# Statuses from which spreading the model moves it to "replicating" (lifecycle FORWARD).
CAN_REPLICATE = (S.RECOGNISED.value, S.REWARDED.value)
REF_ACTIVITY = "activity"
EDITABLE = (
    "kind",
    "title",
    "activity_date",
    "place",
    "organiser",
    "participants",
    "participant_count",
    "description",
    "outlet",
    "plan_id",
)


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", kind or "")


# ------------------------------------------------------------------------------ validation
def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise an activity's fields; a UserError names the field."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in EDITABLE:
            raise UserError(f"Trường «{key}» không có trong hồ sơ hoạt động nhân rộng.", code="bad_field")
        if isinstance(value, str):
            value = " ".join(value.split()) if key not in ("participants", "description") else value.strip()
            value = value or None
        out[key] = value
    if "kind" in out:
        if out["kind"] not in KIND_VALUES:
            raise UserError(
                f"Hình thức hoạt động «{out['kind']}» không hợp lệ. Chọn một trong: "
                + ", ".join(f"{k} ({KIND_LABELS[k]})" for k in KIND_VALUES)
                + ".",
                code="bad_field",
            )
    if "title" in out:
        if not out["title"]:
            raise UserError("Thiếu trường «Tên hoạt động».", code="missing_field")
        if len(out["title"]) > 500:
            raise UserError("Trường «Tên hoạt động» dài quá 500 ký tự.", code="bad_field")
    if "activity_date" in out:
        when = out["activity_date"]
        if isinstance(when, str):
            try:
                when = parse_date(when)
            except ValueError as exc:
                raise UserError(f"Trường «Ngày tổ chức»: {exc}", code="bad_field") from None
        if not isinstance(when, date):
            raise UserError("Thiếu trường «Ngày tổ chức».", code="missing_field")
        if when.year < 1945 or when.year > date.today().year + 5:
            raise UserError(f"Trường «Ngày tổ chức»: {fmt_date(when)} không hợp lý.", code="bad_field")
        out["activity_date"] = when
    if out.get("participant_count") not in (None, ""):
        try:
            n = int(out["participant_count"])
        except (TypeError, ValueError):
            raise UserError(
                f"Trường «Số người tham dự»: «{out['participant_count']}» không phải là một số.",
                code="bad_field",
            ) from None
        if n < 0:
            raise UserError("Trường «Số người tham dự» không được âm.", code="bad_field")
        out["participant_count"] = n
    elif "participant_count" in out:
        out["participant_count"] = None
    for key, limit, label in (
        ("place", 300, "Địa điểm"),
        ("organiser", 300, "Đơn vị tổ chức"),
        ("outlet", 300, "Cơ quan báo chí, kênh đăng"),
    ):
        if out.get(key) and len(out[key]) > limit:
            raise UserError(f"Trường «{label}» dài quá {limit} ký tự.", code="bad_field")
    return out


def _candidates(session: Session, ids: list[str], plan_id: str | None) -> list[Candidate]:
    wanted = list(dict.fromkeys(i for i in ids if i))
    if not wanted:
        return []
    found = {c.id: c for c in session.scalars(select(Candidate).where(Candidate.id.in_(wanted)))}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise UserError(f"Không tìm thấy điển hình «{missing[0]}».", code="not_found")
    if plan_id:
        other = [c for c in found.values() if c.plan_id != plan_id]
        if other:
            raise UserError(
                f"Điển hình «{other[0].name}» không thuộc kế hoạch của hoạt động này.", code="bad_field"
            )
    return [found[i] for i in wanted]


# ------------------------------------------------------------------------------ CRUD
def create_activity(
    session: Session,
    *,
    plan_id: str | None,
    kind: str,
    title: str,
    activity_date: date | str,
    candidate_ids: list[str] | None = None,
    roles: dict[str, str] | None = None,
    **values: Any,
) -> Activity:
    """Record an activity and link the models it spreads. Flushes, does not commit."""
    data = _clean(
        {"plan_id": plan_id, "kind": kind, "title": title, "activity_date": activity_date, **values}
    )
    for key in ("kind", "title", "activity_date"):
        if data.get(key) in (None, ""):
            raise UserError(
                "Thiếu thông tin bắt buộc của hoạt động (hình thức, tên, ngày).", code="missing_field"
            )
    activity = Activity(**data)
    session.add(activity)
    session.flush()
    set_models(session, activity, candidate_ids or [], roles)
    return activity


def update_activity(
    session: Session,
    activity: Activity,
    *,
    expected_version: int | None = None,
    candidate_ids: list[str] | None = None,
    roles: dict[str, str] | None = None,
    **values: Any,
) -> Activity:
    """Edit fields and (when ``candidate_ids`` is given) the linked models. Optimistic
    locking as for candidates (:class:`StaleRecord`). Flushes, does not commit."""
    if expected_version is not None and activity.version != expected_version:
        raise StaleRecord(
            f"Hoạt động «{activity.title}» vừa được người khác sửa. Thay đổi của bạn chưa được lưu; "
            "hãy mở lại rồi sửa lại."
        )
    data = _clean(values)
    for key in ("kind", "title", "activity_date"):
        if key in data and data[key] in (None, ""):
            raise UserError(
                "Thiếu thông tin bắt buộc của hoạt động (hình thức, tên, ngày).", code="missing_field"
            )
    for key, value in data.items():
        setattr(activity, key, value)
    if candidate_ids is not None:
        set_models(session, activity, candidate_ids, roles)
    session.flush()
    return activity


def set_models(
    session: Session, activity: Activity, candidate_ids: list[str], roles: dict[str, str] | None = None
) -> list[ActivityCandidate]:
    """Link exactly these models (in this order) to the activity; keeps existing links'
    ids (and their role unless ``roles`` names one). Flushes."""
    candidates = _candidates(session, candidate_ids, activity.plan_id)
    roles = roles or {}
    existing = {link.candidate_id: link for link in activity.models}
    keep: list[ActivityCandidate] = []
    for c in candidates:
        link = existing.pop(c.id, None)
        if link is None:
            link = ActivityCandidate(candidate_id=c.id, role=roles.get(c.id))
        elif c.id in roles:
            link.role = roles[c.id] or None
        keep.append(link)
    activity.models[:] = keep
    session.flush()
    return keep


def get_activity(session: Session, activity_id: str) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None and activity_id and len(activity_id) >= 6:
        found = list(session.scalars(select(Activity).where(Activity.id.like(f"{activity_id}%")).limit(2)))
        activity = found[0] if len(found) == 1 else None
    if activity is None:
        raise UserError(f"Không tìm thấy hoạt động «{activity_id}».", code="not_found")
    return activity


def delete_activity(session: Session, activity: Activity) -> list[str]:
    """Delete the activity, its links and its attachment rows; return the stored paths of
    the attachments (call ``attachments.delete_file_if_unused`` for each after the commit).
    Models already moved to "replicating" keep their status (undo it on the candidate).
    Flushes, does not commit."""
    rows = list(
        session.scalars(
            select(Attachment).where(
                Attachment.owner_type == REF_ACTIVITY, Attachment.owner_id == activity.id
            )
        )
    )
    paths = [a.stored_path for a in rows]
    for att in rows:
        session.delete(att)
    session.delete(activity)
    session.flush()
    return paths


def list_activities(
    session: Session,
    *,
    plan_id: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    kind: str | None = None,
    candidate_id: str | None = None,
    search: str | None = None,
) -> list[Activity]:
    """Activities, newest first, with their models loaded."""
    stmt = select(Activity).options(selectinload(Activity.models).selectinload(ActivityCandidate.candidate))
    if plan_id:
        stmt = stmt.where(Activity.plan_id == plan_id)
    if date_from:
        stmt = stmt.where(Activity.activity_date >= date_from)
    if date_to:
        stmt = stmt.where(Activity.activity_date <= date_to)
    if kind:
        stmt = stmt.where(Activity.kind == kind)
    if candidate_id:
        stmt = stmt.where(
            Activity.id.in_(
                select(ActivityCandidate.activity_id).where(ActivityCandidate.candidate_id == candidate_id)
            )
        )
    rows = list(session.scalars(stmt.order_by(Activity.activity_date.desc(), Activity.created_at.desc())))
    if search:
        words = fold(search).split()
        rows = [
            a
            for a in rows
            if all(
                w
                in fold(
                    " ".join(
                        x or ""
                        for x in (
                            a.title,
                            a.place,
                            a.organiser,
                            a.outlet,
                            *(m.candidate.name for m in a.models),
                        )
                    )
                )
                for w in words
            )
        ]
    return rows


def activity_to_dict(a: Activity, attachments: int | None = None) -> dict[str, Any]:
    return {
        "id": a.id,
        "plan_id": a.plan_id,
        "kind": a.kind,
        "kind_label": kind_label(a.kind),
        "title": a.title,
        "date": a.activity_date,
        "place": a.place,
        "organiser": a.organiser,
        "participants": a.participants,
        "participant_count": a.participant_count,
        "description": a.description,
        "outlet": a.outlet,
        "models": [
            {"candidate_id": m.candidate_id, "name": m.candidate.name if m.candidate else "", "role": m.role}
            for m in a.models
        ],
        "attachments": attachments,
        "version": a.version,
    }


# ------------------------------------------------------------------------------ replicating
def replication_offers(session: Session, activity: Activity) -> list[Candidate]:
    """The models of the activity that are recognised or rewarded: offer to move them to
    "replicating" (the GUI asks, with a reason it fills in)."""
    ids = [m.candidate_id for m in activity.models]
    if not ids:
        return []
    found = session.scalars(
        select(Candidate).where(Candidate.id.in_(ids), Candidate.status.in_(CAN_REPLICATE))
    )
    order = {cid: i for i, cid in enumerate(ids)}
    return sorted(found, key=lambda c: order[c.id])


def default_reason(activity: Activity) -> str:
    return (
        f"Nhân rộng qua hoạt động «{activity.title}» ({kind_label(activity.kind).lower()}) "
        f"ngày {fmt_date(activity.activity_date)}"
    )


def mark_replicating(
    session: Session,
    candidate_ids: list[str],
    *,
    by: str | None,
    reason: str | None = None,
    activity: Activity | None = None,
) -> list[StatusChange]:
    """Move these recognised/rewarded models to "replicating", all or nothing (a UserError
    names any that cannot move; nothing changes then). The reason defaults to the activity's
    («Nhân rộng qua hoạt động … ngày …»). Flushes, does not commit."""
    candidates = _candidates(session, candidate_ids, None)
    if not candidates:
        return []
    refused = [c for c in candidates if c.status not in CAN_REPLICATE]
    if refused:
        names = "; ".join(f"{c.name} («{lifecycle.status_label(c.status)}»)" for c in refused)
        raise UserError(
            "Chỉ chuyển sang «Đang nhân rộng» những điển hình đã được công nhận hoặc khen thưởng — "
            f"chưa chuyển hồ sơ nào. Không hợp lệ: {names}.",
            code="bad_transition",
        )
    text = (reason or "").strip() or (default_reason(activity) if activity else "Nhân rộng điển hình")
    return [
        lifecycle.change_status(
            session,
            c,
            S.REPLICATING.value,
            by=by,
            reason=text,
            ref_type=REF_ACTIVITY if activity else None,
            ref_id=activity.id if activity else None,
        )
        for c in candidates
    ]


# ------------------------------------------------------------------------------ counts
@dataclass
class ModelCount:
    candidate_id: str
    name: str
    kind: str
    status: str
    activities: int
    last_date: date | None
    by_kind: dict[str, int]


def counts_per_model(
    session: Session,
    plan_id: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[ModelCount]:
    """How many activities spread each model (in the period), most spread first."""
    stmt = (
        select(
            Candidate.id,
            Candidate.name,
            Candidate.kind,
            Candidate.status,
            Activity.kind,
            func.count(func.distinct(Activity.id)),
            func.max(Activity.activity_date),
        )
        .join(ActivityCandidate, ActivityCandidate.candidate_id == Candidate.id)
        .join(Activity, Activity.id == ActivityCandidate.activity_id)
        .group_by(Candidate.id, Candidate.name, Candidate.kind, Candidate.status, Activity.kind)
    )
    if plan_id:
        stmt = stmt.where(Activity.plan_id == plan_id)
    if date_from:
        stmt = stmt.where(Activity.activity_date >= date_from)
    if date_to:
        stmt = stmt.where(Activity.activity_date <= date_to)
    out: dict[str, ModelCount] = {}
    for cid, name, ckind, status, akind, n, last in session.execute(stmt):
        mc = out.get(cid)
        if mc is None:
            mc = out[cid] = ModelCount(cid, name, ckind, status, 0, None, {})
        mc.activities += n
        mc.by_kind[akind] = mc.by_kind.get(akind, 0) + n
        if last and (mc.last_date is None or last > mc.last_date):
            mc.last_date = last
    from ..text import vn_key

    return sorted(out.values(), key=lambda m: (-m.activities, vn_key(m.name)))


def counts_per_year(session: Session, plan_id: str | None = None) -> dict[int, dict[str, int]]:
    """{year: {activity kind: number of activities}} (years ascending)."""
    year = func.extract("year", Activity.activity_date)
    stmt = select(year, Activity.kind, func.count()).group_by(year, Activity.kind)
    if plan_id:
        stmt = stmt.where(Activity.plan_id == plan_id)
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for y, kind, n in session.execute(stmt):
        out[int(y)][kind] = n
    return dict(sorted(out.items()))


def models_per_year(session: Session, plan_id: str | None = None) -> dict[int, int]:
    """{year: number of distinct models spread by that year's activities}."""
    year = func.extract("year", Activity.activity_date)
    stmt = (
        select(year, func.count(func.distinct(ActivityCandidate.candidate_id)))
        .join(ActivityCandidate, ActivityCandidate.activity_id == Activity.id)
        .group_by(year)
    )
    if plan_id:
        stmt = stmt.where(Activity.plan_id == plan_id)
    return {int(y): n for y, n in sorted(session.execute(stmt))}
