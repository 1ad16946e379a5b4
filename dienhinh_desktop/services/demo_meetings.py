"""The demo's council meeting: the Standing Board of the commune's party committee (9
members), a meeting already held a few days ago (one member absent with a reason), the
tallies of the appraised candidates that meet every criterion, and the decision of
recognition issued from it — so ``export minutes`` and ``export decision`` work at once.

Registered in ``services.demo.EXTRA_STEP_MODULES``; runs after the built-in steps.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Candidate, OfficeProfile, Plan
from ..models.enums import AttendanceStatus, AwardKind, CandidateStatus, MemberRole
from . import meetings as M

# Enough for a realistic agenda, few enough for a one-afternoon meeting at any demo size.
MAX_AGENDA = 10
SCAN = 60  # appraised candidates looked at to find the eligible ones

MEMBERS: list[dict[str, Any]] = [
    {"full_name": "Lý Văn Thắng", "position": "Bí thư Đảng ủy xã", "role": MemberRole.CHAIR.value},
    {
        "full_name": "Hoàng Văn Minh",
        "position": "Phó Bí thư Thường trực Đảng ủy xã",
        "role": MemberRole.VICE_CHAIR.value,
    },
    {
        "full_name": "Vàng Thị Mai",
        "position": "Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân xã",
        "role": MemberRole.MEMBER.value,
    },
    {
        "full_name": "Đặng Văn Hải",
        "position": "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy xã",
        "role": MemberRole.MEMBER.value,
    },
    {
        "full_name": "Nguyễn Thị Lan",
        "position": "Ủy viên Ban Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy xã",
        "role": MemberRole.MEMBER.value,
    },
    {
        "full_name": "Hà Văn Tuấn",
        "position": "Ủy viên Ban Thường vụ, Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        "role": MemberRole.MEMBER.value,
    },
    {
        "full_name": "Sần Văn Lục",
        "position": "Ủy viên Ban Thường vụ, Phó Chủ tịch Ủy ban nhân dân xã",
        "role": MemberRole.MEMBER.value,
    },
    {
        "full_name": "Trần Quốc Hưng",
        "position": "Ủy viên Ban Thường vụ, Trưởng Công an xã",
        "role": MemberRole.MEMBER.value,
    },
    {
        "full_name": "Phạm Thị Hồng Nhung",
        "position": "Ủy viên Ban Chấp hành, Chánh Văn phòng Đảng ủy xã",
        "role": MemberRole.SECRETARY.value,
    },
]
ABSENT = ("Trần Quốc Hưng", "Đi công tác theo Kế hoạch của Công an tỉnh")

# The same commune seen from its People's Committee (an office using the state profile).
STATE_MEMBERS: list[dict[str, Any]] = [
    {"full_name": "Vàng Thị Mai", "position": "Chủ tịch Ủy ban nhân dân xã", "role": MemberRole.CHAIR.value},
    {
        "full_name": "Sần Văn Lục",
        "position": "Phó Chủ tịch Ủy ban nhân dân xã",
        "role": MemberRole.VICE_CHAIR.value,
    },
    {
        "full_name": "Nguyễn Thị Lan",
        "position": "Trưởng Ban Xây dựng Đảng Đảng ủy xã",
        "role": MemberRole.MEMBER.value,
    },
    {
        "full_name": "Hà Văn Tuấn",
        "position": "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        "role": MemberRole.MEMBER.value,
    },
    {"full_name": "Lò Thị Hoa", "position": "Trưởng phòng Văn hóa - Xã hội", "role": MemberRole.MEMBER.value},
    {"full_name": "Bùi Văn Khánh", "position": "Trưởng phòng Kinh tế", "role": MemberRole.MEMBER.value},
    {"full_name": "Trần Quốc Hưng", "position": "Trưởng Công an xã", "role": MemberRole.MEMBER.value},
    {
        "full_name": "Hoàng Thị Yến",
        "position": "Chủ tịch Hội Liên hiệp Phụ nữ xã",
        "role": MemberRole.MEMBER.value,
    },
    {
        "full_name": "Phạm Thị Hồng Nhung",
        "position": "Công chức Văn phòng - Thống kê",
        "role": MemberRole.SECRETARY.value,
    },
]

AGENDA = (
    "Xét công nhận, ghi danh điển hình tiên tiến năm {year} theo Kế hoạch số {plan_code} của Ban Thường vụ "
    "Đảng ủy xã đối với các tập thể, cá nhân, hộ gia đình đạt đủ tiêu chí qua thẩm định."
)
DISCUSSION = (
    "Đồng chí chủ trì quán triệt mục đích, yêu cầu, nguyên tắc xét công nhận, ghi danh điển hình tiên tiến "
    "(bám sát tiêu chí; bảo đảm khách quan, công khai, dân chủ, thuyết phục).\n"
    "Đồng chí Trưởng Ban Xây dựng Đảng báo cáo kết quả thẩm định báo cáo tự đánh giá và danh sách {count} "
    "trường hợp đạt đủ tiêu chí theo lĩnh vực đã đăng ký.\n"
    "Các đồng chí dự họp thảo luận, nhận xét từng trường hợp; thống nhất bỏ phiếu kín. Tổ kiểm phiếu gồm "
    "{teller} (tổ trưởng) và {secretary} (thư ký)."
)


def _profile(session: Session) -> OfficeProfile | None:
    return session.scalars(select(OfficeProfile).limit(1)).first()


def demo_step(session: Session, result: Any) -> None:
    """Council, held meeting, tallies and decision for the demo commune (flushes only)."""
    profile = _profile(session)
    party = profile is None or profile.is_party
    if party:
        council = M.create_council(
            session,
            "Ban Thường vụ Đảng ủy xã Tân Lập",
            kind="standing_board",
            unit_id=result.root_unit_id,
            established_by="Quyết định số 01-QĐ/ĐU ngày 01/7/2025 của Ban Chấp hành Đảng bộ xã Tân Lập",
            members=MEMBERS,
        )
    else:
        council = M.create_council(
            session,
            "Hội đồng Thi đua – Khen thưởng xã Tân Lập",
            kind="emulation_council",
            unit_id=result.root_unit_id,
            established_by="Quyết định số 25/QĐ-UBND ngày 15/7/2025 của Chủ tịch Ủy ban nhân dân xã Tân Lập",
            members=STATE_MEMBERS,
        )
    result.extras["council_id"] = council.id
    if not result.plan_id:
        return
    ids = list(
        session.scalars(
            select(Candidate.id)
            .where(Candidate.plan_id == result.plan_id, Candidate.status == CandidateStatus.APPRAISED.value)
            .order_by(Candidate.sort_key)
            .limit(SCAN)
        )
    )
    eligible = M.eligible_for_meeting(session, result.plan_id, ids)[:MAX_AGENDA]
    if not eligible:
        return
    rng = result.rng
    held_on = result.today - timedelta(days=12)
    plan = session.get(Plan, result.plan_id)
    meeting = M.prepare_meeting_from_eligible(
        session,
        result.plan_id,
        council.id,
        held_on,
        [AwardKind.RECOGNITION.value],
        candidate_ids=[c.id for c in eligible],
        place="Hội trường Đảng ủy xã Tân Lập" if party else "Phòng họp Ủy ban nhân dân xã Tân Lập",
        start_time=time(14, 0),
    )
    M.update_meeting(
        session,
        meeting,
        end_time=time(16, 30),
        agenda=AGENDA.format(year=held_on.year, plan_code=plan.code or ""),
        discussion=DISCUSSION.format(
            count=len(eligible),
            teller="đồng chí Đặng Văn Hải" if party else "ông Bùi Văn Khánh",
            secretary="đồng chí Phạm Thị Hồng Nhung" if party else "bà Phạm Thị Hồng Nhung",
        ),
    )
    absent = next(m for m in council.members if m.full_name == ABSENT[0])
    M.set_attendance(session, meeting, absent.id, AttendanceStatus.ABSENT.value, ABSENT[1])
    voters = M.quorum_check(session, meeting).voters  # 8 of 9
    weak = rng.randrange(len(meeting.ballots)) if len(meeting.ballots) > 3 else None
    for i, ballot in enumerate(meeting.ballots):
        valid = voters if rng.random() > 0.15 else voters - 1
        agree = 4 if i == weak else rng.randint(max(valid - 2, 5), valid)
        M.record_tally(
            session, ballot, issued=voters, returned=voters, valid=valid, agree=agree, disagree=valid - agree
        )
    M.rank_and_limit(session, meeting, AwardKind.RECOGNITION.value, None)
    passed = [b for b in meeting.ballots if M.effective_result(b) == M.PASSED]
    counts = M.kind_counts_text(b.candidate for b in passed)
    if party:
        conclusion = (
            f"Ban Thường vụ Đảng ủy xã thống nhất công nhận, ghi danh điển hình tiên tiến năm {held_on.year} "
            f"đối với {counts} có số phiếu đồng ý trên 50% tổng số thành viên; giao Ban Xây dựng Đảng hoàn "
            "thiện hồ sơ, trình ban hành quyết định."
        )
    else:
        conclusion = (
            f"Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân xã công nhận, ghi danh điển hình tiên tiến "
            f"năm {held_on.year} đối với {counts} có số phiếu đồng ý trên 50% tổng số thành viên Hội đồng."
        )
    M.update_meeting(session, meeting, conclusion=conclusion)
    decision = None
    if passed:
        decision = M.issue_decision(
            session,
            meeting,
            title=AwardKind.RECOGNITION.value,
            decision_date=held_on + timedelta(days=2),
            by=profile.officer_name if profile else None,
        )
    result.extras["meeting_id"] = meeting.id
    result.extras["meeting_ballots"] = len(meeting.ballots)
    if decision is not None:
        result.extras["meeting_decision_id"] = decision.id
        result.extras["meeting_decision_number"] = decision.number
