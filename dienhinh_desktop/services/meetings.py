"""Councils, council meetings (họp bình xét), ballots, the pass rule and this level's decision.

The flow of seed 002 IV.3.2 step 3 ("Cấp ủy, cơ quan, đơn vị họp bình xét, lựa chọn và ra
quyết định công nhận, ghi danh điển hình"):

1. A :class:`Council` (hội đồng thi đua – khen thưởng, or the party committee's standing
   board) with its members and their roles.
2. A :class:`Meeting`, usually prepared from the appraisal list
   (:func:`prepare_meeting_from_eligible`): one :class:`Ballot` row per candidate and
   title considered (recognition and "ghi danh", or an award such as a Giấy khen).
   Every member of the council gets an :class:`Attendance` row (present by default).
3. Attendance and the quorum (:func:`quorum_check`, against ``Plan.quorum_percent`` /
   ``quorum_strict``): only members physically present count towards the quorum;
   members who vote in writing count as voters.
4. The tallies (:func:`record_tally`): ballots issued ≥ returned ≥ valid ≥ agree +
   disagree. The share is computed by the plan's :class:`PassRule` for the title
   (:func:`evaluate`): agreeing votes over the members *present* (present + voting in
   writing) or over *all* members of the council; "more than" or "at least" the
   threshold. The chair may record a reasoned exception (:func:`record_exception`).
5. When more pass than the quota allows, :func:`rank_and_limit` ranks them by share and
   says who needs picking; :func:`record_selection` keeps the officer's choice.
6. :func:`issue_decision` writes this level's decision (number from the register of
   outgoing documents), its attached list, a :class:`Recognition` per candidate and moves
   each candidate to *recognised* / *rewarded* through the lifecycle service.

Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..errors import UserError
from ..models import (
    Attendance,
    Ballot,
    Candidate,
    Council,
    CouncilMember,
    Decision,
    DecisionEntry,
    Meeting,
    OfficeProfile,
    PassRule,
    Plan,
    Recognition,
    utcnow,
)
from ..models.enums import (
    AttendanceStatus,
    AwardKind,
    BallotMethod,
    CandidateKind,
    CandidateStatus,
    Denominator,
    MemberRole,
)
from ..text import fmt_date, long_date

PASSED = "passed"
FAILED = "failed"
RESULT_LABELS = {PASSED: "Đạt", FAILED: "Không đạt", None: "Chưa bỏ phiếu"}

COUNCIL_KINDS = {
    "emulation_council": "Hội đồng Thi đua – Khen thưởng",
    "standing_board": "Ban Thường vụ Đảng ủy",
}
MEETING_STATUSES = {"planned": "Dự kiến", "held": "Đã họp", "closed": "Đã ra quyết định"}

KIND_ORDER = (CandidateKind.COLLECTIVE.value, CandidateKind.INDIVIDUAL.value, CandidateKind.HOUSEHOLD.value)
KIND_PLURAL = {
    CandidateKind.COLLECTIVE.value: "tập thể",
    CandidateKind.INDIVIDUAL.value: "cá nhân",
    CandidateKind.HOUSEHOLD.value: "hộ gia đình",
}
SECTION_TITLES = {
    CandidateKind.COLLECTIVE.value: "TẬP THỂ",
    CandidateKind.INDIVIDUAL.value: "CÁ NHÂN",
    CandidateKind.HOUSEHOLD.value: "HỘ GIA ĐÌNH",
}
ROMAN = ("I", "II", "III", "IV", "V")

# Where a candidate goes when a decision of this title is issued.
TARGET_STATUS = {AwardKind.RECOGNITION.value: CandidateStatus.RECOGNISED.value}
DEFAULT_TARGET = CandidateStatus.REWARDED.value
# Statuses a candidate may hold to be put on a meeting's agenda from the appraisal list.
AGENDA_STATUSES = (CandidateStatus.APPRAISED.value,)
REF_DECISION = "decision"
REF_MEETING = "meeting"

FIELD_LABELS = {
    "issued": "Số phiếu phát ra",
    "returned": "Số phiếu thu về",
    "valid": "Số phiếu hợp lệ",
    "agree": "Số phiếu đồng ý",
    "disagree": "Số phiếu không đồng ý",
}
FIELD_LABELS_HANDS = {
    "issued": "Số người biểu quyết",
    "returned": "Số người biểu quyết",
    "valid": "Số biểu quyết hợp lệ",
    "agree": "Số biểu quyết đồng ý",
    "disagree": "Số biểu quyết không đồng ý",
}


# --------------------------------------------------------------------------- small helpers
def _clean(text: Any) -> str | None:
    if text is None:
        return None
    s = " ".join(str(text).split())
    return s or None


def fmt_percent(value: Fraction | float | None, digits: int = 2) -> str:
    """ "77,78%" (Vietnamese decimal comma, trailing zeros dropped: "100%", "50%")."""
    if value is None:
        return ""
    number = round(float(value), digits)
    text = f"{number:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def fmt_count(n: int) -> str:
    """Counts in papers are written with two digits below ten ("03 tập thể")."""
    return f"{n:02d}" if 0 <= n < 10 else str(n)


def award_label(title: str | None, label: str | None = None) -> str:
    if label and label.strip():
        return label.strip()
    try:
        return AwardKind(title or AwardKind.RECOGNITION.value).label
    except ValueError:
        return title or ""


def _check_title(title: str) -> str:
    title = str(title or AwardKind.RECOGNITION.value)
    if title not in {k.value for k in AwardKind}:
        allowed = ", ".join(f"{k.value} = {k.label}" for k in AwardKind)
        raise UserError(f"Danh hiệu, hình thức «{title}» không hợp lệ ({allowed}).", code="bad_field")
    return title


def _by_prefix(session: Session, model: Any, ident: str, what: str) -> Any:
    obj = session.get(model, ident)
    if obj is None and ident and len(ident) >= 6:
        found = list(session.scalars(select(model).where(model.id.like(f"{ident}%")).limit(2)))
        obj = found[0] if len(found) == 1 else None
    if obj is None:
        raise UserError(f"Không tìm thấy {what} «{ident}».", code="not_found")
    return obj


def _profile(session: Session) -> OfficeProfile | None:
    return session.scalars(select(OfficeProfile).limit(1)).first()


# --------------------------------------------------------------------------- pass rules
@dataclass
class RuleSpec:
    """A pass rule not stored in the database (the default when a plan has none)."""

    title: str = AwardKind.RECOGNITION.value
    threshold_percent: float = 50.0
    strict: bool = True
    denominator: str = Denominator.ALL_MEMBERS.value
    method: str = BallotMethod.SECRET.value
    note: str | None = "Mặc định của chương trình: trên 50% tổng số thành viên đồng ý, bỏ phiếu kín."


def rule_for(session: Session, plan_id: str | None, title: str) -> PassRule | RuleSpec:
    """The plan's pass rule for the title, else its recognition rule, else the default."""
    if plan_id:
        rules = list(session.scalars(select(PassRule).where(PassRule.plan_id == plan_id)))
        for wanted in (title, AwardKind.RECOGNITION.value):
            for rule in rules:
                if rule.title == wanted:
                    return rule
        if rules:
            return rules[0]
    return RuleSpec(title=title)


def set_pass_rule(
    session: Session,
    plan_id: str,
    title: str,
    *,
    threshold_percent: float,
    strict: bool = True,
    denominator: str = Denominator.ALL_MEMBERS.value,
    method: str = BallotMethod.SECRET.value,
    note: str | None = None,
) -> PassRule:
    """Create or change the plan's pass rule for one title. Does not commit."""
    title = _check_title(title)
    try:
        threshold = float(threshold_percent)
    except (TypeError, ValueError):
        raise UserError(
            f"Tỷ lệ yêu cầu «{threshold_percent}» không phải là một số.", code="bad_field"
        ) from None
    if not 0 < threshold <= 100:
        raise UserError(
            f"Tỷ lệ yêu cầu {threshold_percent}% phải lớn hơn 0 và không quá 100%.", code="bad_field"
        )
    if denominator not in {d.value for d in Denominator}:
        raise UserError(
            f"Cách tính tỷ lệ «{denominator}» không hợp lệ (present = trên số thành viên có mặt, "
            "all_members = trên tổng số thành viên).",
            code="bad_field",
        )
    if method not in {m.value for m in BallotMethod}:
        raise UserError(
            f"Hình thức «{method}» không hợp lệ (secret = bỏ phiếu kín, hands = giơ tay).", code="bad_field"
        )
    rule = session.scalars(
        select(PassRule).where(PassRule.plan_id == plan_id, PassRule.title == title)
    ).first()
    if rule is None:
        rule = PassRule(plan_id=plan_id, title=title)
        session.add(rule)
    rule.threshold_percent = threshold
    rule.strict = bool(strict)
    rule.denominator = denominator
    rule.method = method
    if note is not None:
        rule.note = note
    session.flush()
    return rule


def rule_text(rule: PassRule | RuleSpec) -> str:
    """ "trên 50% tổng số thành viên đồng ý (bỏ phiếu kín)"."""
    op = "trên" if rule.strict else "từ"
    den = Denominator(rule.denominator).label if rule.denominator in {d.value for d in Denominator} else ""
    method = BallotMethod(rule.method).label.lower() if rule.method in {m.value for m in BallotMethod} else ""
    tail = "" if rule.strict else " trở lên"
    return f"{op} {fmt_percent(rule.threshold_percent)}{tail} {den} đồng ý ({method})"


def passes(agree: int, denominator: int, threshold_percent: float, strict: bool) -> bool:
    """Exact comparison (no rounding): agree / denominator × 100 > (or ≥) threshold."""
    if denominator <= 0:
        return False
    share = Fraction(agree * 100, denominator)
    threshold = Fraction(str(threshold_percent))
    return share > threshold if strict else share >= threshold


# --------------------------------------------------------------------------- councils
def list_councils(session: Session, *, active_only: bool = True) -> list[Council]:
    stmt = select(Council).options(selectinload(Council.members)).order_by(Council.created_at)
    if active_only:
        stmt = stmt.where(Council.active.is_(True))
    return list(session.scalars(stmt))


def get_council(session: Session, council_id: str) -> Council:
    return _by_prefix(session, Council, council_id, "hội đồng")


def _check_role(role: str) -> str:
    role = str(role or MemberRole.MEMBER.value)
    if role not in {r.value for r in MemberRole}:
        allowed = ", ".join(f"{r.value} = {r.label}" for r in MemberRole)
        raise UserError(f"Vai trò «{role}» không hợp lệ ({allowed}).", code="bad_field")
    return role


def create_council(
    session: Session,
    name: str,
    *,
    kind: str = "emulation_council",
    unit_id: str | None = None,
    established_by: str | None = None,
    members: Iterable[dict[str, Any]] = (),
) -> Council:
    """A council with its members (``{"full_name", "position", "role"}``). Does not commit."""
    name = _clean(name) or ""
    if not name:
        raise UserError("Thiếu tên hội đồng.", code="missing_field")
    if kind not in COUNCIL_KINDS:
        raise UserError(
            f"Loại hội đồng «{kind}» không hợp lệ (emulation_council = Hội đồng Thi đua – Khen thưởng, "
            "standing_board = Ban Thường vụ).",
            code="bad_field",
        )
    council = Council(name=name, kind=kind, unit_id=unit_id, established_by=_clean(established_by))
    session.add(council)
    session.flush()
    for m in members:
        add_member(
            session,
            council,
            m.get("full_name", ""),
            position=m.get("position"),
            role=m.get("role", MemberRole.MEMBER.value),
        )
    return council


def add_member(
    session: Session,
    council: Council,
    full_name: str,
    *,
    position: str | None = None,
    role: str = MemberRole.MEMBER.value,
) -> CouncilMember:
    full_name = _clean(full_name) or ""
    if not full_name:
        raise UserError(f"Thiếu họ và tên thành viên hội đồng «{council.name}».", code="missing_field")
    member = CouncilMember(
        council_id=council.id,
        full_name=full_name,
        position=_clean(position),
        role=_check_role(role),
        sort_order=len(council.members),
    )
    council.members.append(member)
    session.flush()
    return member


def update_member(session: Session, member: CouncilMember, **values: Any) -> CouncilMember:
    for key, value in values.items():
        if key not in ("full_name", "position", "role", "sort_order", "active"):
            raise UserError(f"Trường «{key}» không có trong thông tin thành viên hội đồng.", code="bad_field")
        if key == "role":
            value = _check_role(value)
        elif key == "full_name":
            value = _clean(value)
            if not value:
                raise UserError("Thiếu họ và tên thành viên hội đồng.", code="missing_field")
        elif key == "position":
            value = _clean(value)
        setattr(member, key, value)
    session.flush()
    return member


def active_members(council: Council) -> list[CouncilMember]:
    return [m for m in council.members if m.active]


def member_label(member: CouncilMember, *, with_role: bool = True) -> str:
    """ "Ông Nguyễn Văn An — Chủ tịch UBND xã, Chủ tịch Hội đồng"."""
    parts = [member.full_name]
    extra = [p for p in (member.position, MemberRole(member.role).label if with_role else None) if p]
    if extra:
        parts.append(", ".join(extra))
    return " — ".join(parts)


# --------------------------------------------------------------------------- meetings
def list_meetings(session: Session, plan_id: str | None = None) -> list[Meeting]:
    stmt = select(Meeting).order_by(Meeting.meeting_date.desc(), Meeting.created_at.desc())
    if plan_id:
        stmt = stmt.where(Meeting.plan_id == plan_id)
    return list(session.scalars(stmt))


def get_meeting(session: Session, meeting_id: str | None = None, *, plan_id: str | None = None) -> Meeting:
    """The meeting named by id (or id prefix); without one, the latest meeting."""
    if meeting_id:
        return _by_prefix(session, Meeting, meeting_id, "cuộc họp")
    meetings = list_meetings(session, plan_id)
    if not meetings:
        raise UserError("Chưa có cuộc họp bình xét nào. Hãy tạo cuộc họp trước.", code="not_found")
    return meetings[0]


def default_meeting_title(
    session: Session, plan: Plan | None, meeting_date: date, council: Council | None
) -> str:
    body = council.name if council else "Hội đồng Thi đua – Khen thưởng"
    return f"Họp {body} xét công nhận, ghi danh điển hình tiên tiến năm {meeting_date.year}"


def _parse_time(value: Any, what: str) -> time | None:
    if value in (None, ""):
        return None
    if isinstance(value, time):
        return value
    text = str(value).strip().lower().replace("giờ", ":").replace("h", ":").replace("phút", "")
    text = "".join(text.split())
    parts = [p for p in text.split(":") if p != ""]
    try:
        hour = int(parts[0])
        minute = int(parts[1]) if len(parts) > 1 else 0
        return time(hour, minute)
    except (ValueError, IndexError):
        raise UserError(f"{what} «{value}» không phải là giờ (ví dụ 14:00).", code="bad_field") from None


def create_meeting(
    session: Session,
    *,
    plan_id: str | None,
    council_id: str | None,
    meeting_date: date,
    title: str | None = None,
    start_time: time | str | None = None,
    end_time: time | str | None = None,
    place: str | None = None,
    chair_id: str | None = None,
    secretary_id: str | None = None,
    agenda: str | None = None,
) -> Meeting:
    """A planned meeting; every active member of the council gets an attendance row
    (present). The chair and secretary default to the council's. Does not commit."""
    council = session.get(Council, council_id) if council_id else None
    if council_id and council is None:
        raise UserError(f"Không tìm thấy hội đồng «{council_id}».", code="not_found")
    plan = session.get(Plan, plan_id) if plan_id else None
    if not isinstance(meeting_date, date):
        raise UserError("Thiếu ngày họp.", code="missing_field")
    members = active_members(council) if council else []
    if chair_id is None:
        chair_id = next((m.id for m in members if m.role == MemberRole.CHAIR.value), None)
    if secretary_id is None:
        secretary_id = next((m.id for m in members if m.role == MemberRole.SECRETARY.value), None)
    meeting = Meeting(
        plan_id=plan_id,
        council_id=council.id if council else None,
        title=_clean(title) or default_meeting_title(session, plan, meeting_date, council),
        meeting_date=meeting_date,
        start_time=_parse_time(start_time, "Giờ bắt đầu"),
        end_time=_parse_time(end_time, "Giờ kết thúc"),
        place=_clean(place),
        chair_id=chair_id,
        secretary_id=secretary_id,
        agenda=agenda,
        status="planned",
    )
    session.add(meeting)
    for m in members:
        meeting.attendance.append(Attendance(member_id=m.id, status=AttendanceStatus.PRESENT.value))
    session.flush()
    return meeting


MEETING_FIELDS = (
    "title",
    "meeting_date",
    "start_time",
    "end_time",
    "place",
    "chair_id",
    "secretary_id",
    "agenda",
    "discussion",
    "conclusion",
    "status",
)


def update_meeting(session: Session, meeting: Meeting, **values: Any) -> Meeting:
    for key, value in values.items():
        if key not in MEETING_FIELDS:
            raise UserError(f"Trường «{key}» không có trong thông tin cuộc họp.", code="bad_field")
        if key in ("start_time", "end_time"):
            value = _parse_time(value, "Giờ bắt đầu" if key == "start_time" else "Giờ kết thúc")
        elif key == "title":
            value = _clean(value)
            if not value:
                raise UserError("Thiếu tên cuộc họp.", code="missing_field")
        elif key == "status" and value not in MEETING_STATUSES:
            raise UserError(f"Trạng thái cuộc họp «{value}» không hợp lệ.", code="bad_field")
        setattr(meeting, key, value)
    session.flush()
    return meeting


def meeting_to_dict(session: Session, meeting: Meeting) -> dict[str, Any]:
    """The JSON shape of ``meetings list`` (DESIGN.md §8: at least id, date, title)."""
    q = quorum_check(session, meeting)
    passed = [b for b in meeting.ballots if effective_result(b) == PASSED]
    decisions = list(session.scalars(select(Decision).where(Decision.meeting_id == meeting.id)))
    return {
        "id": meeting.id,
        "date": meeting.meeting_date,
        "title": meeting.title,
        "plan_id": meeting.plan_id,
        "council_id": meeting.council_id,
        "council": meeting.council.name if meeting.council else None,
        "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else None,
        "place": meeting.place,
        "status": meeting.status,
        "chair": meeting.chair.full_name if meeting.chair else None,
        "secretary": meeting.secretary.full_name if meeting.secretary else None,
        "members_total": q.total,
        "present": q.present,
        "written": q.written,
        "absent": q.absent,
        "quorum_ok": q.ok,
        "ballots": len(meeting.ballots),
        "tallied": sum(1 for b in meeting.ballots if b.agree is not None),
        "passed": len(passed),
        "decisions": [
            {"id": d.id, "number": d.number, "date": d.decision_date, "award": d.award_kind}
            for d in decisions
        ],
    }


# --------------------------------------------------------------------------- attendance
def _attendance_row(session: Session, meeting: Meeting, member_id: str) -> Attendance:
    for a in meeting.attendance:
        if a.member_id == member_id:
            return a
    member = session.get(CouncilMember, member_id)
    if member is None or (meeting.council_id and member.council_id != meeting.council_id):
        raise UserError(f"Thành viên «{member_id}» không thuộc hội đồng của cuộc họp.", code="not_found")
    row = Attendance(member_id=member_id, status=AttendanceStatus.PRESENT.value)
    meeting.attendance.append(row)
    return row


def set_attendance(
    session: Session, meeting: Meeting, member_id: str, status: str, reason: str | None = None
) -> Attendance:
    """Present / absent (with its reason) / voting in writing. Does not commit."""
    if status not in {s.value for s in AttendanceStatus}:
        raise UserError(
            f"Tình trạng dự họp «{status}» không hợp lệ (present = có mặt, absent = vắng mặt, "
            "written = biểu quyết bằng văn bản).",
            code="bad_field",
        )
    row = _attendance_row(session, meeting, member_id)
    row.status = status
    row.reason = _clean(reason) if status != AttendanceStatus.PRESENT.value else None
    session.flush()
    voters = quorum_check(session, meeting).voters
    for b in meeting.ballots:
        top = next((v for v in (b.issued, b.returned, b.valid) if v is not None), None)
        if top is not None and top > voters:
            raise UserError(
                f"«{ballot_name(b)}» đã nhập {top} phiếu nhưng chỉ còn {voters} thành viên biểu quyết "
                "(có mặt và biểu quyết bằng văn bản). Hãy sửa kết quả bỏ phiếu trước.",
                code="bad_tally",
            )
    return row


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    """Attendance in the council's order (chair first)."""
    return sorted(meeting.attendance, key=lambda a: (a.member.sort_order if a.member else 0, a.member_id))


@dataclass
class Quorum:
    total: int
    present: int
    written: int
    absent: int
    required_percent: float
    strict: bool
    ok: bool
    message: str

    @property
    def voters(self) -> int:
        """Members who vote: present, or voting in writing."""
        return self.present + self.written

    @property
    def share_text(self) -> str:
        return fmt_percent(Fraction(self.present * 100, self.total)) if self.total else ""


def _counts(session: Session, meeting: Meeting) -> tuple[int, int, int, int]:
    rows = list(meeting.attendance)
    if rows:
        present = sum(1 for a in rows if a.status == AttendanceStatus.PRESENT.value)
        written = sum(1 for a in rows if a.status == AttendanceStatus.WRITTEN.value)
        absent = sum(1 for a in rows if a.status == AttendanceStatus.ABSENT.value)
        return len(rows), present, written, absent
    council = meeting.council
    total = len(active_members(council)) if council else 0
    return total, total, 0, 0


def quorum_check(session: Session, meeting: Meeting) -> Quorum:
    """Members present against the plan's rule (``quorum_percent``, ``quorum_strict``)."""
    total, present, written, absent = _counts(session, meeting)
    plan = meeting.plan or (session.get(Plan, meeting.plan_id) if meeting.plan_id else None)
    required = float(plan.quorum_percent) if plan and plan.quorum_percent is not None else 50.0
    strict = bool(plan.quorum_strict) if plan is not None else True
    ok = total > 0 and passes(present, total, required, strict)
    op = "trên" if strict else "từ"
    tail = "" if strict else " trở lên"
    rule = f"{op} {fmt_percent(required)}{tail} tổng số thành viên"
    if total == 0:
        message = "Hội đồng chưa có thành viên nào; chưa thể kiểm tra số người dự họp."
    else:
        share = fmt_percent(Fraction(present * 100, total))
        message = f"Có mặt {present}/{total} thành viên ({share}); quy định: {rule}."
        if written:
            message += f" {written} thành viên biểu quyết bằng văn bản."
        message += (
            " Đủ điều kiện tiến hành cuộc họp." if ok else " Không đủ số thành viên để tiến hành cuộc họp."
        )
    return Quorum(total, present, written, absent, required, strict, ok, message)


# --------------------------------------------------------------------------- agenda
def _candidate_sort(c: Candidate) -> tuple[int, str]:
    kind_index = KIND_ORDER.index(c.kind) if c.kind in KIND_ORDER else len(KIND_ORDER)
    return kind_index, c.sort_key or c.name


def _normalise_titles(titles: Iterable[Any] | None) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for t in titles or [AwardKind.RECOGNITION.value]:
        if isinstance(t, dict):
            kind, label = t.get("title") or t.get("kind"), t.get("label") or t.get("title_label")
        elif isinstance(t, (tuple, list)):
            kind, label = t[0], (t[1] if len(t) > 1 else None)
        else:
            kind, label = t, None
        kind = _check_title(str(kind))
        if all(kind != k or (label or None) != lb for k, lb in out):
            out.append((kind, _clean(label)))
    if not out:
        raise UserError("Chưa chọn danh hiệu, hình thức nào để bình xét.", code="missing_field")
    return out


def add_agenda_item(
    session: Session,
    meeting: Meeting,
    candidate: Candidate,
    title: str = AwardKind.RECOGNITION.value,
    title_label: str | None = None,
) -> Ballot:
    """Put one candidate on the agenda for one title (one ballot row). Does not commit."""
    title = _check_title(title)
    for b in meeting.ballots:
        if b.candidate_id == candidate.id and b.title == title:
            raise UserError(
                f"«{candidate.name}» đã có trong chương trình họp với «{award_label(b.title, b.title_label)}».",
                code="duplicate",
            )
    ballot = Ballot(
        candidate_id=candidate.id,
        title=title,
        title_label=_clean(title_label) or award_label(title),
        sort_order=len(meeting.ballots),
    )
    ballot.candidate = candidate
    meeting.ballots.append(ballot)
    session.flush()
    return ballot


def remove_agenda_item(session: Session, meeting: Meeting, ballot: Ballot) -> None:
    if _decision_for(session, meeting, ballot.title) is not None:
        raise UserError(
            f"Đã ra quyết định cho «{award_label(ballot.title, ballot.title_label)}» của cuộc họp này; "
            f"không bỏ «{ballot.candidate.name}» khỏi chương trình được.",
            code="refused",
        )
    meeting.ballots.remove(ballot)
    for i, b in enumerate(meeting.ballots):
        b.sort_order = i
    session.flush()


def eligible_for_meeting(
    session: Session, plan_id: str, candidate_ids: Iterable[str] | None = None
) -> list[Candidate]:
    """The appraisal list: candidates of the plan that meet every required criterion
    (``services.criteria.eligibility_map``) and were appraised by the board, in the
    order of the papers (collectives, individuals, households; Vietnamese name order)."""
    from .criteria import eligibility_map

    stmt = select(Candidate).where(Candidate.plan_id == plan_id, Candidate.status.in_(AGENDA_STATUSES))
    if candidate_ids is not None:
        stmt = stmt.where(Candidate.id.in_(list(candidate_ids)))
    candidates = list(session.scalars(stmt))
    if not candidates:
        return []
    elig = eligibility_map(session, plan_id, [c.id for c in candidates])
    return sorted((c for c in candidates if elig.get(c.id) and elig[c.id].eligible), key=_candidate_sort)


def prepare_meeting_from_eligible(
    session: Session,
    plan_id: str,
    council_id: str | None,
    meeting_date: date,
    titles: Iterable[Any] | None = None,
    *,
    candidate_ids: Sequence[str] | None = None,
    title: str | None = None,
    place: str | None = None,
    start_time: time | str | None = None,
    meeting: Meeting | None = None,
) -> Meeting:
    """Create a meeting (or fill ``meeting``) whose agenda is the appraisal list: one ballot
    per eligible candidate and per title (``"recognition"``, ``"certificate"``, or
    ``{"title": "certificate", "label": "Giấy khen của Chủ tịch UBND xã"}``).
    ``candidate_ids`` narrows the list (they must be eligible). Returns the meeting;
    ``meeting.ballots`` is the agenda. Does not commit."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
    wanted = _normalise_titles(titles)
    eligible = eligible_for_meeting(session, plan_id, candidate_ids)
    if candidate_ids is not None:
        ids = set(candidate_ids)
        chosen = [c for c in eligible if c.id in ids]
        missing = ids - {c.id for c in chosen}
        if missing:
            names = []
            for cid in missing:
                c = session.get(Candidate, cid)
                names.append(c.name if c else cid)
            raise UserError(
                "Không đưa vào cuộc họp được vì chưa đạt đủ tiêu chí hoặc chưa qua thẩm định: "
                + "; ".join(sorted(names))
                + ".",
                code="not_eligible",
            )
        eligible = chosen
    if not eligible:
        raise UserError(
            f"Kế hoạch «{plan.name}» chưa có điển hình nào đạt đủ tiêu chí qua thẩm định để đưa ra bình xét.",
            code="empty",
        )
    if meeting is None:
        meeting = create_meeting(
            session,
            plan_id=plan_id,
            council_id=council_id,
            meeting_date=meeting_date,
            title=title,
            start_time=start_time,
            place=place,
        )
    existing = {(b.candidate_id, b.title) for b in meeting.ballots}
    for kind, label in wanted:
        for c in eligible:
            if (c.id, kind) not in existing:
                add_agenda_item(session, meeting, c, kind, label)
    return meeting


# --------------------------------------------------------------------------- tallies and the rule
@dataclass
class Evaluation:
    """The share of one ballot under the rule, and what follows from it."""

    agree: int | None
    denominator: int
    denominator_kind: str
    threshold_percent: float
    strict: bool
    method: str
    share: Fraction | None
    passed: bool | None  # None: not voted yet

    @property
    def share_percent(self) -> float | None:
        return None if self.share is None else round(float(self.share), 4)

    @property
    def denominator_label(self) -> str:
        return Denominator(self.denominator_kind).label

    @property
    def result(self) -> str | None:
        return None if self.passed is None else (PASSED if self.passed else FAILED)

    @property
    def text(self) -> str:
        """ "7/9 tổng số thành viên = 77,78%"."""
        if self.agree is None:
            return ""
        return f"{self.agree}/{self.denominator} {self.denominator_label} = {fmt_percent(self.share)}"

    @property
    def rule_text(self) -> str:
        return rule_text(
            RuleSpec(
                threshold_percent=self.threshold_percent,
                strict=self.strict,
                denominator=self.denominator_kind,
                method=self.method,
            )
        )


def denominator_for(session: Session, meeting: Meeting, kind: str) -> int:
    q = quorum_check(session, meeting)
    return q.voters if kind == Denominator.PRESENT.value else q.total


def evaluate(
    ballot: Ballot, rule: PassRule | RuleSpec, meeting: Meeting, session: Session | None = None
) -> Evaluation:
    """The share of agreeing votes over the rule's denominator (members present — present
    or voting in writing — or all members of the council) and the result."""
    from sqlalchemy.orm import object_session

    session = session or object_session(meeting)
    denominator = denominator_for(session, meeting, rule.denominator) if session else 0
    agree = ballot.agree
    share = Fraction(agree * 100, denominator) if agree is not None and denominator > 0 else None
    passed = None if agree is None else passes(agree, denominator, rule.threshold_percent, rule.strict)
    return Evaluation(
        agree,
        denominator,
        rule.denominator,
        float(rule.threshold_percent),
        bool(rule.strict),
        rule.method,
        share,
        passed,
    )


def _int_field(value: Any, label: str, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        n = int(str(value).strip()) if not isinstance(value, (int, float)) else int(value)
    except (TypeError, ValueError):
        raise UserError(f"«{name}»: {label} «{value}» không phải là số nguyên.", code="bad_field") from None
    if n < 0:
        raise UserError(f"«{name}»: {label} không được âm ({n}).", code="bad_field")
    return n


def validate_tally(
    name: str, values: dict[str, int | None], *, members_total: int, voters: int, hands: bool = False
) -> None:
    """agree + disagree ≤ valid ≤ returned ≤ issued ≤ voters; a UserError names the
    candidate (``name``, with the title) and the field."""
    labels = FIELD_LABELS_HANDS if hands else FIELD_LABELS
    issued, returned, valid = values.get("issued"), values.get("returned"), values.get("valid")
    agree, disagree = values.get("agree"), values.get("disagree")
    if agree is None:
        raise UserError(f"«{name}»: thiếu {labels['agree'].lower()}.", code="missing_field")
    chain = [("issued", issued), ("returned", returned), ("valid", valid)]
    for (hi_key, hi), (lo_key, lo) in zip(chain, chain[1:], strict=False):
        if hi is not None and lo is not None and lo > hi:
            raise UserError(
                f"«{name}»: {labels[lo_key].lower()} ({lo}) lớn hơn {labels[hi_key].lower()} ({hi}).",
                code="bad_tally",
            )
    if valid is not None and agree + (disagree or 0) > valid:
        raise UserError(
            f"«{name}»: {labels['agree'].lower()} ({agree}) cộng {labels['disagree'].lower()} ({disagree or 0}) "
            f"lớn hơn {labels['valid'].lower()} ({valid}).",
            code="bad_tally",
        )
    top = next((v for _k, v in chain if v is not None), None)
    top_key = next((k for k, v in chain if v is not None), "agree")
    if top is None:
        top, top_key = agree + (disagree or 0), "agree"
    if members_total and top > members_total:
        raise UserError(
            f"«{name}»: {labels[top_key].lower()} ({top}) nhiều hơn số thành viên hội đồng ({members_total}).",
            code="bad_tally",
        )
    if voters and top > voters:
        raise UserError(
            f"«{name}»: {labels[top_key].lower()} ({top}) nhiều hơn số thành viên tham gia biểu quyết "
            f"({voters}: có mặt và biểu quyết bằng văn bản). Hãy kiểm tra lại danh sách dự họp.",
            code="bad_tally",
        )


def ballot_name(ballot: Ballot) -> str:
    name = ballot.candidate.name if ballot.candidate else ballot.candidate_id
    return f"{name} — {award_label(ballot.title, ballot.title_label)}"


def record_tally(
    session: Session,
    ballot: Ballot,
    *,
    issued: Any = None,
    returned: Any = None,
    valid: Any = None,
    agree: Any = None,
    disagree: Any = None,
) -> Evaluation:
    """Enter the tally of one ballot, check it, compute the share and the result.

    Missing numbers are filled the usual way: by show of hands everything equals the
    members voting; ``disagree`` defaults to ``valid − agree``. All values None clears the
    tally. A previous exception stays recorded. Does not commit."""
    meeting = ballot.meeting
    if _decision_for(session, meeting, ballot.title) is not None:
        raise UserError(
            f"«{ballot_name(ballot)}»: đã ra quyết định, không sửa kết quả bỏ phiếu được nữa.", code="refused"
        )
    name = ballot_name(ballot)
    raw = {"issued": issued, "returned": returned, "valid": valid, "agree": agree, "disagree": disagree}
    labels = FIELD_LABELS
    values = {k: _int_field(v, labels[k], name) for k, v in raw.items()}
    if all(v is None for v in values.values()):
        for k in raw:
            setattr(ballot, k, None)
        ballot.share_percent = None
        ballot.result = None
        ballot.rank = None
        session.flush()
        return evaluate(ballot, rule_for(session, meeting.plan_id, ballot.title), meeting, session)
    rule = rule_for(session, meeting.plan_id, ballot.title)
    q = quorum_check(session, meeting)
    hands = rule.method == BallotMethod.HANDS.value
    if hands:
        for k in ("issued", "returned", "valid"):
            if values[k] is None:
                values[k] = q.voters
    if values["disagree"] is None and values["valid"] is not None and values["agree"] is not None:
        values["disagree"] = max(values["valid"] - values["agree"], 0)
    validate_tally(name, values, members_total=q.total, voters=q.voters, hands=hands)
    for k, v in values.items():
        setattr(ballot, k, v)
    result = evaluate(ballot, rule, meeting, session)
    ballot.share_percent = result.share_percent
    ballot.result = result.result
    if meeting.status == "planned":
        meeting.status = "held"
        meeting.held_at = meeting.held_at or utcnow()
    session.flush()
    return result


def reevaluate(session: Session, meeting: Meeting) -> None:
    """Recompute every tallied ballot (after attendance or the plan's rule changed)."""
    for b in meeting.ballots:
        if b.agree is None:
            continue
        result = evaluate(b, rule_for(session, meeting.plan_id, b.title), meeting, session)
        b.share_percent = result.share_percent
        b.result = result.result
    session.flush()


def effective_result(ballot: Ballot) -> str | None:
    """The chair's exception when there is one, else the result of the rule."""
    return ballot.exception_result or ballot.result


def record_exception(
    session: Session, ballot: Ballot, result: str | None, reason: str | None, by: str | None = None
) -> Ballot:
    """The chair's reasoned exception to the computed result (kept, shown in the minutes).
    ``result`` None withdraws it. A reason is required. Does not commit."""
    name = ballot_name(ballot)
    if _decision_for(session, ballot.meeting, ballot.title) is not None:
        raise UserError(f"«{name}»: đã ra quyết định, không ghi ngoại lệ được nữa.", code="refused")
    if result is None:
        ballot.exception_result = None
        ballot.exception_reason = None
        session.flush()
        return ballot
    if result not in (PASSED, FAILED):
        raise UserError(
            f"«{name}»: kết quả «{result}» không hợp lệ (passed = đạt, failed = không đạt).", code="bad_field"
        )
    reason = _clean(reason)
    if not reason:
        raise UserError(
            f"«{name}»: cần ghi lý do khi chủ trì quyết định khác với kết quả bỏ phiếu.",
            code="missing_reason",
        )
    if ballot.agree is None:
        raise UserError(f"«{name}»: chưa nhập kết quả bỏ phiếu.", code="refused")
    ballot.exception_result = result
    by = _clean(by)
    ballot.exception_reason = f"{reason} (ghi nhận: {by})" if by else reason
    session.flush()
    return ballot


# --------------------------------------------------------------------------- ranking and quota
@dataclass
class RankRow:
    ballot: Ballot
    rank: int
    share: float | None
    suggested: bool  # within the quota by the ranking
    tied_at_cutoff: bool  # equal share with someone on the other side of the cut


@dataclass
class Ranking:
    title: str
    quota: int | None
    rows: list[RankRow] = field(default_factory=list)  # the passing ballots, best first

    @property
    def over_quota(self) -> bool:
        return self.quota is not None and len(self.rows) > self.quota

    @property
    def needs_pick(self) -> list[Ballot]:
        """Ballots the officer must decide on: all the passing ones when over the quota
        (the ranking is a suggestion), or nobody."""
        return [r.ballot for r in self.rows] if self.over_quota else []

    @property
    def tied(self) -> list[Ballot]:
        return [r.ballot for r in self.rows if r.tied_at_cutoff]

    @property
    def message(self) -> str:
        n = len(self.rows)
        if self.quota is None:
            return f"{n} trường hợp đạt; không giới hạn số lượng."
        if not self.over_quota:
            return f"{n} trường hợp đạt, trong chỉ tiêu {self.quota}."
        text = (
            f"{n} trường hợp đạt, vượt chỉ tiêu {self.quota}: cần chọn {self.quota} trường hợp "
            "(xếp theo tỷ lệ phiếu đồng ý từ cao xuống thấp)."
        )
        if self.tied:
            names = ", ".join(b.candidate.name for b in self.tied)
            text += f" Bằng phiếu ở vị trí cuối chỉ tiêu: {names}."
        return text


def _ballots_of(meeting: Meeting, title: str) -> list[Ballot]:
    return [b for b in meeting.ballots if b.title == title]


def rank_and_limit(session: Session, meeting: Meeting, title: str, quota: int | None) -> Ranking:
    """Rank the passing ballots of a title by share (ties share a rank) and store the rank.
    Within the quota every passing ballot is selected; over it, the ranking suggests the
    top ``quota`` and marks ties at the cut, and the officer picks with
    :func:`record_selection`. Does not commit."""
    title = _check_title(title)
    if quota is not None and quota < 0:
        raise UserError(f"Chỉ tiêu {quota} không hợp lệ.", code="bad_field")
    ballots = _ballots_of(meeting, title)
    passing = [b for b in ballots if effective_result(b) == PASSED]
    for b in ballots:
        if b not in passing:
            b.rank = None
    passing.sort(key=lambda b: (-(b.share_percent or 0.0), _candidate_sort(b.candidate)))
    rows: list[RankRow] = []
    prev_share: float | None = None
    rank = 0
    for i, b in enumerate(passing, start=1):
        if b.share_percent != prev_share:
            rank = i
            prev_share = b.share_percent
        b.rank = rank
        rows.append(RankRow(b, rank, b.share_percent, quota is None or i <= quota, False))
    if quota is not None and len(rows) > quota:
        cut_share = rows[quota - 1].share if quota > 0 else None
        if quota > 0 and rows[quota].share == cut_share:
            for r in rows:
                if r.share == cut_share:
                    r.tied_at_cutoff = True
    else:
        for r in rows:
            r.ballot.selected = True
            r.ballot.selection_reason = None
    session.flush()
    return Ranking(title, quota, rows)


def record_selection(
    session: Session,
    meeting: Meeting,
    title: str,
    selected_ids: Iterable[str],
    reason: str | None,
    by: str | None = None,
    *,
    quota: int | None = None,
) -> list[Ballot]:
    """The officer's choice among the passing ballots of a title (ballot ids). The others
    that passed are marked not selected. A reason is required; it is kept on every ballot
    of the title and shown in the minutes. Does not commit."""
    title = _check_title(title)
    chosen = set(selected_ids)
    ballots = _ballots_of(meeting, title)
    by_id = {b.id: b for b in ballots}
    unknown = chosen - set(by_id)
    if unknown:
        raise UserError(
            f"Phiếu «{', '.join(sorted(unknown))}» không thuộc cuộc họp này với danh hiệu đã chọn.",
            code="not_found",
        )
    not_passed = [by_id[i].candidate.name for i in chosen if effective_result(by_id[i]) != PASSED]
    if not_passed:
        raise UserError(
            f"Không chọn được trường hợp chưa đạt: {', '.join(sorted(not_passed))}.", code="refused"
        )
    if quota is not None and len(chosen) > quota:
        raise UserError(f"Đã chọn {len(chosen)} trường hợp, nhiều hơn chỉ tiêu {quota}.", code="over_quota")
    reason = _clean(reason)
    if not reason:
        raise UserError(
            "Cần ghi lý do lựa chọn khi số trường hợp đạt nhiều hơn chỉ tiêu.", code="missing_reason"
        )
    if _decision_for(session, meeting, title) is not None:
        raise UserError("Đã ra quyết định cho danh hiệu này; không chọn lại được.", code="refused")
    by = _clean(by)
    text = f"{reason} (ghi nhận: {by})" if by else reason
    for b in ballots:
        if effective_result(b) != PASSED:
            b.selected = None
            b.selection_reason = None
            continue
        b.selected = b.id in chosen
        b.selection_reason = text
    session.flush()
    return [b for b in ballots if b.selected]


def decision_ballots(meeting: Meeting, title: str) -> list[Ballot]:
    """The ballots that go into the decision for ``title``: passed (after any exception)
    and not left out by a selection, in the paper order."""
    out = [
        b for b in _ballots_of(meeting, title) if effective_result(b) == PASSED and b.selected is not False
    ]
    return sorted(out, key=lambda b: _candidate_sort(b.candidate))


def titles_of(meeting: Meeting) -> list[tuple[str, str]]:
    """The titles considered at the meeting (kind, label) in agenda order."""
    seen: dict[str, str] = {}
    for b in meeting.ballots:
        seen.setdefault(b.title, award_label(b.title, b.title_label))
    return list(seen.items())


def tally_rows(session: Session, meeting: Meeting) -> list[dict[str, Any]]:
    """One row per ballot for the GUI, the minutes and JSON."""
    out = []
    for i, b in enumerate(meeting.ballots, start=1):
        rule = rule_for(session, meeting.plan_id, b.title)
        ev = evaluate(b, rule, meeting, session)
        c = b.candidate
        out.append(
            {
                "no": i,
                "ballot_id": b.id,
                "candidate_id": b.candidate_id,
                "name": c.name if c else "",
                "kind": c.kind if c else None,
                "unit": c.unit.name if c and c.unit else None,
                "position_unit": c.position_unit if c else None,
                "title": b.title,
                "title_label": award_label(b.title, b.title_label),
                "issued": b.issued,
                "returned": b.returned,
                "valid": b.valid,
                "agree": b.agree,
                "disagree": b.disagree,
                "denominator": ev.denominator,
                "denominator_label": ev.denominator_label,
                "share_percent": ev.share_percent,
                "share_text": fmt_percent(ev.share) if ev.share is not None else "",
                "fraction_text": f"{b.agree}/{ev.denominator}" if b.agree is not None else "",
                "rule_text": rule_text(rule),
                "result": b.result,
                "exception_result": b.exception_result,
                "exception_reason": b.exception_reason,
                "effective_result": effective_result(b),
                "result_label": RESULT_LABELS.get(effective_result(b), ""),
                "rank": b.rank,
                "selected": b.selected,
                "selection_reason": b.selection_reason,
            }
        )
    return out


# --------------------------------------------------------------------------- the decision
def _decision_for(session: Session, meeting: Meeting | None, title: str) -> Decision | None:
    if meeting is None or meeting.id is None:
        return None
    return session.scalars(
        select(Decision).where(
            Decision.meeting_id == meeting.id, Decision.award_kind == title, Decision.direction == "own"
        )
    ).first()


def decisions_of(session: Session, meeting: Meeting) -> list[Decision]:
    return list(
        session.scalars(
            select(Decision)
            .where(Decision.meeting_id == meeting.id)
            .order_by(Decision.decision_date, Decision.created_at)
        )
    )


def kind_counts_text(candidates: Iterable[Candidate]) -> str:
    """ "03 tập thể, 05 cá nhân và 01 hộ gia đình"."""
    counts = {k: 0 for k in KIND_ORDER}
    for c in candidates:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    parts = [f"{fmt_count(n)} {KIND_PLURAL.get(k, k)}" for k, n in counts.items() if n]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " và " + parts[-1]
    return parts[0] if parts else "00 trường hợp"


def _authority(profile: OfficeProfile | None) -> str:
    """The authority line of a decision: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …" (state) or
    "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ …" (party)."""
    from ..documents.profiles import issuer_name

    if profile is None:
        return "BAN THƯỜNG VỤ ĐẢNG ỦY"
    issuer = issuer_name(profile)
    if profile.is_party:
        return issuer if issuer.startswith("BAN THƯỜNG VỤ") else f"BAN THƯỜNG VỤ {issuer}"
    if issuer.startswith("ỦY BAN NHÂN DÂN"):
        return f"CHỦ TỊCH {issuer}"
    head = (profile.signer_title or "Thủ trưởng").upper().replace("PHÓ ", "")
    return f"{head} {issuer}"


def decision_authority(session: Session) -> str:
    return _authority(_profile(session))


def default_decision_title(session: Session, meeting: Meeting, title: str, year: int) -> str:
    """The summary line (trích yếu), "Về việc …"."""
    plan = meeting.plan
    label = award_label(title, next((b.title_label for b in _ballots_of(meeting, title)), None))
    if title == AwardKind.RECOGNITION.value:
        return f"Về việc công nhận, ghi danh điển hình tiên tiến năm {year}"
    what = label[0].lower() + label[1:] if label and label != AwardKind.OTHER.label else "khen thưởng"
    head = (
        f"Về việc tặng {what}"
        if title in (AwardKind.CERTIFICATE.value, AwardKind.MERIT.value)
        else f"Về việc {what}"
    )
    suffix = " cho các tập thể, cá nhân điển hình tiên tiến"
    if plan is not None and plan.period_start:
        suffix += f" năm {year}"
    return head + suffix


def default_bases(session: Session, meeting: Meeting, title: str) -> list[str]:
    """The "Căn cứ …" lines (editable), by profile, ending with the proposal line."""
    profile = _profile(session)
    plan = meeting.plan
    party = profile is None or profile.is_party
    office = profile.name if profile else ""
    lines: list[str] = []
    if party:
        lines.append("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;")
        lines.append(
            f"Căn cứ Quy chế làm việc của Ban Chấp hành {office}, nhiệm kỳ 2025 - 2030;".replace("  ", " ")
        )
    else:
        lines.append("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
        lines.append("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
        lines.append(
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
            "thi hành một số điều của Luật Thi đua, khen thưởng;"
        )
    if plan is not None:
        ref = f"Kế hoạch số {plan.code}" if plan.code else "Kế hoạch"
        when = f" {long_date(plan.issued_on)}" if plan.issued_on else ""
        issuer = f" của {plan.issuer}" if plan.issuer else ""
        name = plan.name[0].lower() + plan.name[1:] if plan.name else ""
        if name.startswith("kế hoạch"):
            name = name[len("kế hoạch") :].strip()
        if name and not name.startswith("về "):
            name = "về " + name
        lines.append(f"Căn cứ {ref}{when}{issuer} {name};".replace("  ", " "))
    council = meeting.council.name if meeting.council else "Hội đồng"
    lines.append(f"Căn cứ Biên bản họp {council} {long_date(meeting.meeting_date)};")
    if party:
        lines.append("Xét đề nghị của Ban Xây dựng Đảng,")
    else:
        lines.append(f"Theo đề nghị của {council}.")
    return lines


def default_articles(
    session: Session, meeting: Meeting, title: str, candidates: Sequence[Candidate], year: int
) -> list[str]:
    profile = _profile(session)
    party = profile is None or profile.is_party
    count = kind_counts_text(candidates)
    label = award_label(title, next((b.title_label for b in _ballots_of(meeting, title)), None))
    if title == AwardKind.RECOGNITION.value:
        first = (
            f"Điều 1. Công nhận, ghi danh điển hình tiên tiến năm {year} đối với {count} "
            "(có danh sách kèm theo)."
        )
        second = (
            "Điều 2. Các tập thể, cá nhân được công nhận, ghi danh có trách nhiệm tiếp tục phát huy thành tích, "
            "nêu gương, lan tỏa và nhân rộng điển hình tiên tiến trong cơ quan, đơn vị và cộng đồng dân cư."
        )
    else:
        what = label[0].lower() + label[1:]
        first = (
            f"Điều 1. Tặng {what} cho {count} là điển hình tiên tiến đã có thành tích xuất sắc "
            f"trong thực hiện phong trào năm {year} (có danh sách kèm theo)."
        )
        second = "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
    if party:
        third = (
            "Điều 3. Văn phòng Đảng ủy, Ban Xây dựng Đảng, các chi bộ, đảng bộ trực thuộc và các tập thể, "
            "cá nhân có tên tại Điều 1 căn cứ Quyết định thi hành."
        )
    else:
        third = (
            "Điều 3. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, "
            f"{meeting.council.name if meeting.council else 'Hội đồng Thi đua – Khen thưởng'}, "
            "các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm "
            "thi hành Quyết định này."
        )
    if title == AwardKind.RECOGNITION.value:
        second = second + " Quyết định này có hiệu lực kể từ ngày ký."
    return [first, second, third + "/."]


def _entry_position(c: Candidate) -> str | None:
    if c.kind == CandidateKind.COLLECTIVE.value:
        return c.position_unit or (c.unit.name if c.unit else None)
    if c.kind == CandidateKind.HOUSEHOLD.value:
        return c.address or c.position_unit or (c.unit.name if c.unit else None)
    return c.position_unit or ", ".join(p for p in (c.position, c.unit.name if c.unit else None) if p) or None


def issue_decision(
    session: Session,
    meeting: Meeting,
    *,
    title: str = AwardKind.RECOGNITION.value,
    bases: Sequence[str] | None = None,
    articles: Sequence[str] | None = None,
    number: str | None = None,
    decision_date: date | None = None,
    signer_name: str | None = None,
    signer_title: str | None = None,
    summary: str | None = None,
    by: str | None = None,
    require_quorum: bool = True,
    quota: int | None = None,
) -> Decision:
    """This level's decision for one title of the meeting: the number (from the register
    of outgoing documents unless ``number`` is given), the bases and articles (defaults
    by profile), the attached list (collectives, individuals, households), a Recognition
    per candidate, and each candidate moved to *recognised* / *rewarded* with the
    decision as the reason. All or nothing; does not commit."""
    from ..documents.numbering import next_number
    from .lifecycle import change_status

    title = _check_title(title)
    ballots = _ballots_of(meeting, title)
    label = award_label(title, next((b.title_label for b in ballots), None))
    if not ballots:
        raise UserError(f"Cuộc họp «{meeting.title}» không bình xét «{label}».", code="empty")
    if _decision_for(session, meeting, title) is not None:
        d = _decision_for(session, meeting, title)
        raise UserError(f"Đã có Quyết định số {d.number} cho «{label}» của cuộc họp này.", code="duplicate")
    q = quorum_check(session, meeting)
    if require_quorum and not q.ok:
        raise UserError(f"Không ra quyết định được: {q.message}", code="no_quorum")
    untallied = [b.candidate.name for b in ballots if b.agree is None and b.exception_result is None]
    if untallied:
        raise UserError(f"Chưa nhập kết quả bỏ phiếu của: {', '.join(untallied)}.", code="missing_tally")
    chosen = decision_ballots(meeting, title)
    if not chosen:
        raise UserError(f"Không có trường hợp nào đạt «{label}» để ra quyết định.", code="empty")
    if quota is not None and len(chosen) > quota:
        raise UserError(
            f"{len(chosen)} trường hợp đạt «{label}», vượt chỉ tiêu {quota}. Hãy chọn trong bảng xếp hạng "
            "theo tỷ lệ phiếu (ghi lý do) trước khi ra quyết định.",
            code="needs_pick",
        )

    profile = _profile(session)
    decision_date = decision_date or date.today()
    year = meeting.meeting_date.year if meeting.meeting_date else decision_date.year
    candidates = [b.candidate for b in chosen]
    target = TARGET_STATUS.get(title, DEFAULT_TARGET)

    # Check every status move first: nothing is written if one of them is refused.
    refused = []
    for c in candidates:
        if c.status in (
            CandidateStatus.APPRAISED.value,
            CandidateStatus.PROPOSED.value,
            CandidateStatus.RECOGNISED.value,
            CandidateStatus.REWARDED.value,
            CandidateStatus.REPLICATING.value,
        ):
            continue
        refused.append(
            f"{c.name} (đang ở trạng thái «{CandidateStatus(c.status).label}», chưa qua thẩm định)"
        )
    if refused:
        raise UserError(
            "Không ra quyết định được; chưa ghi gì. Không thể công nhận: " + "; ".join(refused) + ".",
            code="bad_transition",
        )

    decision = Decision(
        direction="own",
        source="own",
        plan_id=meeting.plan_id,
        meeting_id=meeting.id,
        decision_date=decision_date,
        issuer=profile.name if profile else None,
        issuer_code=profile.symbol if profile else None,
        title=_clean(summary) or default_decision_title(session, meeting, title, year),
        award_kind=title,
        award_label=label,
        bases=[
            s
            for s in (
                _clean(b) for b in (bases if bases is not None else default_bases(session, meeting, title))
            )
            if s
        ],
        articles=[
            s
            for s in (
                _clean(a)
                for a in (
                    articles
                    if articles is not None
                    else default_articles(session, meeting, title, candidates, year)
                )
            )
            if s
        ],
        signer_name=_clean(signer_name) or (profile.signer_name if profile else None),
        signer_title=_clean(signer_title) or (profile.signer_title if profile else None),
        issued_at=utcnow(),
    )
    session.add(decision)
    session.flush()
    if number:
        decision.number = _clean(number)
    else:
        record = next_number(
            session,
            "QĐ",
            decision_date.year,
            title=decision.title,
            ref_type=REF_DECISION,
            ref_id=decision.id,
            issued_on=decision_date,
            profile=profile,
        )
        decision.number = record.full_number
    row = 0
    for kind in KIND_ORDER:
        for b in chosen:
            c = b.candidate
            if c.kind != kind:
                continue
            row += 1
            decision.entries.append(
                DecisionEntry(
                    candidate_id=c.id,
                    row_no=row,
                    section=c.kind,
                    name=c.name,
                    position_unit=_entry_position(c),
                    unit_text=c.unit.name if c.unit else None,
                    birth_year=c.birth_year,
                    gender=c.gender,
                    ethnicity=c.ethnicity,
                    field_text=c.field.name if c.field else None,
                    award_label=label,
                    match_status="confirmed",
                )
            )
    reason = f"Quyết định số {decision.number} ngày {fmt_date(decision_date)}: {label}"
    for c in candidates:
        session.add(
            Recognition(
                candidate_id=c.id,
                decision_id=decision.id,
                kind=title,
                title=label if title != AwardKind.RECOGNITION.value else "Điển hình tiên tiến",
                year=year,
                decision_number=decision.number,
                decision_date=decision_date,
                issuer=decision.issuer,
                level="own",
                source="decision",
            )
        )
        skip = (
            c.status == target
            or c.status == CandidateStatus.REPLICATING.value
            or (target == CandidateStatus.RECOGNISED.value and c.status == CandidateStatus.REWARDED.value)
        )
        if not skip:
            change_status(session, c, target, by=by, reason=reason, ref_type=REF_DECISION, ref_id=decision.id)
    meeting.status = "closed"
    session.flush()
    return decision


def decision_to_dict(d: Decision) -> dict[str, Any]:
    return {
        "id": d.id,
        "number": d.number,
        "date": d.decision_date,
        "issuer": d.issuer,
        "title": d.title,
        "award": d.award_kind,
        "award_label": d.award_label,
        "meeting_id": d.meeting_id,
        "entries": [
            {"row": e.row_no, "section": e.section, "name": e.name, "candidate_id": e.candidate_id}
            for e in d.entries
        ],
    }


def signer_lines(profile: OfficeProfile | None, signer_title: str | None) -> tuple[str, str]:
    """(on behalf line, title line) of a decision's signature. A state decision by the
    Chairman is signed "CHỦ TỊCH" (no "TM."); a deputy signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
    from ..documents.profiles import default_on_behalf

    title = " ".join((signer_title or "").split()).upper()
    if profile is None:
        return "T/M BAN THƯỜNG VỤ", title or "BÍ THƯ"
    if profile.is_party:
        return default_on_behalf(profile), title or "BÍ THƯ"
    if title.startswith("PHÓ CHỦ TỊCH"):
        return "KT. CHỦ TỊCH", title
    if title in ("", "CHỦ TỊCH"):
        return "", "CHỦ TỊCH"
    return default_on_behalf(profile), title


def meeting_time_text(meeting: Meeting) -> str:
    """ "14 giờ 00 phút, ngày 10 tháng 11 năm 2025"."""
    when = long_date(meeting.meeting_date)
    if meeting.start_time:
        return f"{meeting.start_time.hour:02d} giờ {meeting.start_time.minute:02d} phút, {when}"
    return when[:1].upper() + when[1:]


def as_datetime(d: date, t: time | None) -> datetime:
    return datetime.combine(d, t or time(0, 0))
