"""Candidates through their life: the status pipeline as a state machine.

    discovered → registered → nurturing → self_assessed → appraised → proposed
        → recognised / rewarded → replicating;   removed;   replaced

Allowed moves (``transition_kind`` names them):

- ``forward``: one step along the pipeline; ``proposed → recognised | rewarded``;
  ``appraised → recognised | rewarded`` directly when this level itself recognises
  (the council of the registering level decides, seed 002 IV.3.2);
  ``recognised | rewarded → replicating``.
- ``lateral``: ``recognised ↔ rewarded``.
- ``back``: the reverse of a forward move (e.g. ``appraised → self_assessed`` when the
  board returns a report); a reason is required.
- ``remove``: any active status → ``removed``; a reason is required.
- ``replace``: any active status → ``replaced``, only through a review that names the
  replacement (``services.review.review_replace``; ``ref_type="review"``).
- ``restore``: ``removed | replaced`` → the status held before; a reason is required.

Every change is a :class:`StatusChange` row with who, when, why and what caused it.
``undo_last_change`` reverts the last change and records the undo as its own row.
None of these functions commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Candidate, StatusChange, utcnow
from ..models.enums import CandidateStatus as S

ORDER: list[str] = [s.value for s in S]
INACTIVE: frozenset[str] = frozenset({S.REMOVED.value, S.REPLACED.value})
ACTIVE: tuple[str, ...] = tuple(s for s in ORDER if s not in INACTIVE)

# Forward moves (from → targets), as plain strings.
FORWARD: dict[str, frozenset[str]] = {
    "discovered": frozenset({"registered"}),
    "registered": frozenset({"nurturing"}),
    "nurturing": frozenset({"self_assessed"}),
    "self_assessed": frozenset({"appraised"}),
    # Proposed upward, or recognised / rewarded by this level's own council.
    "appraised": frozenset({"proposed", "recognised", "rewarded"}),
    "proposed": frozenset({"recognised", "rewarded"}),
    "recognised": frozenset({"replicating"}),
    "rewarded": frozenset({"replicating"}),
    "replicating": frozenset(),
}
LATERAL: dict[str, frozenset[str]] = {
    "recognised": frozenset({"rewarded"}),
    "rewarded": frozenset({"recognised"}),
}
# One step back: the reverse of a forward move.
BACK: dict[str, frozenset[str]] = {
    dst: frozenset(src for src, targets in FORWARD.items() if dst in targets)
    for dst in ORDER
    if any(dst in targets for targets in FORWARD.values())
}

REF_UNDO = "undo"
REF_MERGE = "merge"
REF_REVIEW = "review"


def local_time(moment: datetime | None) -> datetime | None:
    """A stored (naive UTC) time in the computer's time zone, for display."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


def status_label(status: str | None) -> str:
    if not status:
        return "(chưa có)"
    try:
        return S(status).label
    except ValueError:
        return status


def _check_status(value: str) -> str:
    value = str(value)
    if value not in ORDER:
        raise UserError(f"Trạng thái «{value}» không hợp lệ.", code="bad_field")
    return value


# --- history helpers ------------------------------------------------------------------


def history(session: Session, candidate: Candidate) -> list[StatusChange]:
    """The candidate's status history, oldest first."""
    stmt = (
        select(StatusChange)
        .where(StatusChange.candidate_id == candidate.id)
        .order_by(StatusChange.changed_at, StatusChange.created_at)
    )
    return list(session.scalars(stmt))


def _history_for(session: Session, candidate: Candidate) -> list[StatusChange]:
    if candidate.id is None or candidate not in session:
        return sorted(candidate.history, key=lambda h: h.changed_at or utcnow())
    session.flush()
    return history(session, candidate)


def status_before_removal(session: Session, candidate: Candidate) -> str | None:
    """The status a removed or replaced candidate held before it left the list."""
    if candidate.status not in INACTIVE:
        return None
    for change in reversed(_history_for(session, candidate)):
        if change.undone or change.ref_type == REF_UNDO:
            continue
        if change.to_status in INACTIVE:
            if change.from_status and change.from_status not in INACTIVE:
                return change.from_status
            continue
    return S.REGISTERED.value


def transition_kind(session: Session | None, candidate: Candidate, to_status: str) -> str | None:
    """``forward`` / ``lateral`` / ``back`` / ``remove`` / ``replace`` / ``restore`` or None (not allowed)."""
    src, dst = candidate.status, str(to_status)
    if src == dst:
        return None
    if src in INACTIVE:
        if candidate.merged_into_id:
            return None
        before = status_before_removal(session, candidate) if session is not None else None
        return "restore" if dst == before else None
    if dst == S.REMOVED:
        return "remove"
    if dst == S.REPLACED:
        return "replace"
    if dst in FORWARD.get(src, ()):
        return "forward"
    if dst in LATERAL.get(src, ()):
        return "lateral"
    if dst in BACK.get(src, ()):
        return "back"
    return None


NEEDS_REASON = frozenset({"back", "remove", "replace", "restore"})


def needs_reason(session: Session | None, candidate: Candidate, to_status: str) -> bool:
    return transition_kind(session, candidate, to_status) in NEEDS_REASON


def allowed_targets(candidate: Candidate, session: Session | None = None) -> list[str]:
    """Statuses the candidate may move to by hand, in pipeline order (``replaced`` is left
    out: it goes through a review). For a removed candidate: the status to restore."""
    if session is None:
        from sqlalchemy.orm import object_session

        session = object_session(candidate)
    out = []
    for status in ORDER:
        kind = transition_kind(session, candidate, status)
        if kind is not None and kind != "replace":
            out.append(status)
    return out


def _name(candidate: Candidate) -> str:
    return candidate.name or candidate.id[:8]


def _refusal(session: Session, candidate: Candidate, to_status: str) -> str:
    src, dst = candidate.status, to_status
    head = f"Không thể chuyển «{_name(candidate)}» từ «{status_label(src)}» sang «{status_label(dst)}»"
    if src == dst:
        return f"«{_name(candidate)}» đã ở trạng thái «{status_label(dst)}»."
    if src in INACTIVE and candidate.merged_into_id:
        return f"{head}: hồ sơ đã được gộp vào một hồ sơ khác, không khôi phục được."
    targets = [t for t in allowed_targets(candidate, session) if t != dst]
    if targets:
        return f"{head}. Có thể chuyển sang: {', '.join('«' + status_label(t) + '»' for t in targets)}."
    return f"{head}."


def _next_time(session: Session, candidate: Candidate) -> Any:
    """Now, but strictly after the candidate's last history row (order stays exact)."""
    now = utcnow()
    rows = _history_for(session, candidate)
    if rows and rows[-1].changed_at and rows[-1].changed_at >= now:
        now = rows[-1].changed_at + timedelta(microseconds=1)
    return now


def _record(
    session: Session,
    candidate: Candidate,
    from_status: str | None,
    to_status: str,
    *,
    by: str | None,
    reason: str | None,
    ref_type: str | None = None,
    ref_id: str | None = None,
) -> StatusChange:
    change = StatusChange(
        candidate_id=candidate.id,
        from_status=from_status,
        to_status=to_status,
        changed_at=_next_time(session, candidate),
        changed_by=by,
        reason=reason,
        ref_type=ref_type,
        ref_id=ref_id,
    )
    candidate.history.append(change)
    return change


def _apply_status(candidate: Candidate, to_status: str, reason: str | None) -> None:
    if to_status == S.REMOVED:
        candidate.removed_reason = reason
    elif candidate.status in INACTIVE and to_status not in INACTIVE:
        candidate.removed_reason = None
    candidate.status = to_status


def check_change(
    session: Session,
    candidate: Candidate,
    to_status: str,
    *,
    reason: str | None = None,
    ref_type: str | None = None,
) -> str:
    """Raise a UserError when the change is not allowed; return its kind."""
    to_status = _check_status(to_status)
    kind = transition_kind(session, candidate, to_status)
    if kind is None:
        raise UserError(_refusal(session, candidate, to_status), code="bad_transition")
    if kind == "replace" and ref_type != REF_REVIEW:
        raise UserError(
            f"Chỉ thay thế «{_name(candidate)}» qua một đợt rà soát có điển hình thay thế "
            f"(không chuyển trực tiếp sang «{status_label(to_status)}»).",
            code="bad_transition",
        )
    if kind in NEEDS_REASON and not (reason and reason.strip()):
        what = {
            "remove": "loại khỏi danh sách",
            "replace": "thay thế",
            "restore": "khôi phục",
            "back": "lùi trạng thái",
        }[kind]
        raise UserError(
            f"Cần ghi lý do khi {what} «{_name(candidate)}» "
            f"(từ «{status_label(candidate.status)}» sang «{status_label(to_status)}»).",
            code="missing_reason",
        )
    return kind


def change_status(
    session: Session,
    candidate: Candidate,
    to_status: str,
    *,
    by: str | None,
    reason: str | None,
    ref_type: str | None = None,
    ref_id: str | None = None,
) -> StatusChange:
    """Move the candidate to ``to_status`` if allowed and record who, when, why.
    Raises UserError (Vietnamese, naming both statuses) otherwise. Does not commit."""
    to_status = _check_status(to_status)
    check_change(session, candidate, to_status, reason=reason, ref_type=ref_type)
    reason = reason.strip() if reason else None
    change = _record(
        session,
        candidate,
        candidate.status,
        to_status,
        by=by,
        reason=reason,
        ref_type=ref_type,
        ref_id=ref_id,
    )
    _apply_status(candidate, to_status, reason)
    session.flush()
    return change


def last_undoable(session: Session, candidate: Candidate) -> StatusChange | None:
    """The change ``undo_last_change`` would revert (None: nothing to undo)."""
    for change in reversed(_history_for(session, candidate)):
        if change.undone or change.ref_type == REF_UNDO:
            continue
        if change.from_status is None or change.ref_type == REF_MERGE:
            return None
        return change
    return None


def undo_last_change(session: Session, candidate: Candidate, *, by: str | None) -> StatusChange:
    """Revert the last change that is not undone yet: the candidate gets its previous status
    back, that change is marked ``undone`` and the undo is its own history line
    ("Hoàn tác: …"). Undoing again reverts the change before. Does not commit."""
    change = last_undoable(session, candidate)
    if change is None:
        rows = [c for c in _history_for(session, candidate) if not c.undone and c.ref_type != REF_UNDO]
        if rows and rows[-1].ref_type == REF_MERGE:
            raise UserError(f"Không thể hoàn tác việc gộp hồ sơ «{_name(candidate)}».", code="cannot_undo")
        raise UserError(
            f"«{_name(candidate)}» không còn thay đổi trạng thái nào để hoàn tác.", code="cannot_undo"
        )
    if change.to_status != candidate.status:
        raise UserError(
            f"Không thể hoàn tác: «{_name(candidate)}» đang ở «{status_label(candidate.status)}», "
            f"khác với lần thay đổi cuối («{status_label(change.to_status)}»).",
            code="cannot_undo",
        )
    moment = local_time(change.changed_at)
    when = moment.strftime("%d/%m/%Y %H:%M") if moment else ""
    text = (
        f"Hoàn tác: «{status_label(change.from_status)}» → «{status_label(change.to_status)}»"
        f"{' (' + when + ')' if when else ''}"
    )
    if change.reason:
        text += f" — {change.reason}"
    change.undone = True
    back = change.from_status or S.REGISTERED.value
    undo = _record(
        session, candidate, candidate.status, back, by=by, reason=text, ref_type=REF_UNDO, ref_id=change.id
    )
    if back == S.REMOVED:
        # Undoing a restore: the removal reason comes back.
        candidate.removed_reason = _last_removal_reason(session, candidate)
        candidate.status = back
    else:
        _apply_status(candidate, back, None)
    session.flush()
    return undo


def _last_removal_reason(session: Session, candidate: Candidate) -> str | None:
    for change in reversed(_history_for(session, candidate)):
        if not change.undone and change.ref_type != REF_UNDO and change.to_status == S.REMOVED:
            return change.reason
    return None


def bulk_change_status(
    session: Session,
    ids: list[str],
    to_status: str,
    by: str | None,
    reason: str | None,
) -> dict[str, Any]:
    """Move many candidates at once, all or nothing: if any move is not allowed, raise a
    UserError listing the names and nothing changes. Candidates already in ``to_status`` are
    left as they are (``unchanged``). Does not commit."""
    to_status = _check_status(to_status)
    candidates: list[Candidate] = []
    missing = []
    for cid in dict.fromkeys(ids):
        c = session.get(Candidate, cid)
        if c is None:
            missing.append(cid)
        else:
            candidates.append(c)
    if missing:
        raise UserError(f"Không tìm thấy điển hình: {', '.join(missing)}.", code="not_found")
    refused: list[str] = []
    todo: list[Candidate] = []
    unchanged: list[str] = []
    for c in candidates:
        if c.status == to_status:
            unchanged.append(c.id)
            continue
        try:
            check_change(session, c, to_status, reason=reason)
        except UserError as exc:
            if exc.code == "missing_reason":
                refused.append(f"{_name(c)} (cần ghi lý do)")
            else:
                refused.append(f"{_name(c)} («{status_label(c.status)}»)")
            continue
        todo.append(c)
    if refused:
        raise UserError(
            f"Không chuyển được sang «{status_label(to_status)}» — chưa chuyển hồ sơ nào. "
            f"Không hợp lệ: {'; '.join(refused)}.",
            code="bad_transition",
        )
    changes = [change_status(session, c, to_status, by=by, reason=reason) for c in todo]
    return {
        "to_status": to_status,
        "changed": [c.id for c in todo],
        "unchanged": unchanged,
        "history_ids": [ch.id for ch in changes],
    }


def history_to_dicts(session: Session, candidate: Candidate) -> list[dict[str, Any]]:
    """The history for display and JSON: labels in Vietnamese, newest last."""
    return [
        {
            "id": h.id,
            "from_status": h.from_status,
            "to_status": h.to_status,
            "from_label": status_label(h.from_status) if h.from_status else None,
            "to_label": status_label(h.to_status),
            "changed_at": h.changed_at,
            "changed_at_local": local_time(h.changed_at),
            "changed_by": h.changed_by,
            "reason": h.reason,
            "ref_type": h.ref_type,
            "ref_id": h.ref_id,
            "undone": h.undone,
        }
        for h in _history_for(session, candidate)
    ]
