"""Council meetings: the pass rule (denominators, thresholds), tallies, exceptions, ranking and quota."""

from __future__ import annotations

from datetime import date

import pytest

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Plan
from dienhinh_desktop.models.enums import AttendanceStatus, AwardKind, CandidateStatus, MemberRole
from dienhinh_desktop.services import meetings as M
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.office import init_office

NAMES = [
    "Lý Văn Thắng",
    "Hoàng Văn Minh",
    "Vàng Thị Mai",
    "Đặng Văn Hải",
    "Nguyễn Thị Lan",
    "Hà Văn Tuấn",
    "Sần Văn Lục",
    "Trần Quốc Hưng",
    "Phạm Thị Hồng Nhung",
    "Lò Văn Sơn",
]


def make_world(
    session, *, members: int = 10, party: bool = True, quorum: float = 50.0, quorum_strict: bool = True
):
    init_office(
        session,
        "Đảng ủy xã Tân Lập" if party else "Ủy ban nhân dân xã Tân Lập",
        party=party,
        province="Lào Cai",
        signer_name="Hoàng Văn Minh",
        signer_title="Phó Bí thư Thường trực" if party else "Chủ tịch",
    )
    plan = Plan(
        name="Kế hoạch xây dựng điển hình tiên tiến 2025-2030",
        code="15-KH/ĐU",
        quorum_percent=quorum,
        quorum_strict=quorum_strict,
        period_start=date(2025, 1, 1),
    )
    session.add(plan)
    session.flush()
    roles = (
        [MemberRole.CHAIR.value, MemberRole.VICE_CHAIR.value]
        + [MemberRole.MEMBER.value] * (members - 3)
        + [MemberRole.SECRETARY.value]
    )
    council = M.create_council(
        session,
        "Hội đồng Thi đua – Khen thưởng xã Tân Lập",
        members=[{"full_name": NAMES[i], "position": "Ủy viên", "role": roles[i]} for i in range(members)],
    )
    meeting = M.create_meeting(
        session,
        plan_id=plan.id,
        council_id=council.id,
        meeting_date=date(2025, 11, 10),
        start_time="14:00",
        place="Hội trường",
    )
    cands = [
        create_candidate(
            session, plan_id=plan.id, kind="collective", name="Chi bộ thôn Khe Mạ", status="appraised"
        ),
        create_candidate(
            session,
            plan_id=plan.id,
            kind="individual",
            name="Nông Thị Thu Dung",
            birth_year=1985,
            gender="female",
            status="appraised",
        ),
        create_candidate(
            session,
            plan_id=plan.id,
            kind="individual",
            name="Lục Văn Chiến",
            birth_year=1966,
            gender="male",
            status="appraised",
        ),
        create_candidate(
            session,
            plan_id=plan.id,
            kind="household",
            name="Giàng A Páo",
            birth_year=1970,
            gender="male",
            status="appraised",
        ),
    ]
    ballots = [M.add_agenda_item(session, meeting, c) for c in cands]
    return plan, council, meeting, ballots


def absent(session, meeting, n: int, status: str = AttendanceStatus.ABSENT.value) -> None:
    for a in M.attendance_rows(meeting)[-n:]:
        M.set_attendance(session, meeting, a.member_id, status, "Đi công tác")


# --------------------------------------------------------------------------- the rule itself
@pytest.mark.parametrize(
    ("agree", "den", "threshold", "strict", "expected"),
    [
        (5, 10, 50, True, False),  # exactly 50 %: not "more than 50 %"
        (5, 10, 50, False, True),  # "at least 50 %"
        (6, 10, 50, True, True),
        (7, 10, 70, False, True),
        (7, 10, 70, True, False),
        (8, 10, 80, False, True),
        (9, 10, 90, False, True),
        (8, 9, 90, False, False),  # 88.89 %
        (2, 3, 66.67, False, False),  # 66.666… % is below 66.67 %: exact arithmetic, no rounding up
        (2, 3, 66.66, True, True),
        (0, 0, 50, False, False),
    ],
)
def test_passes_thresholds(agree, den, threshold, strict, expected):
    assert M.passes(agree, den, threshold, strict) is expected


def test_denominator_present_vs_all_members(session):
    plan, _council, meeting, ballots = make_world(session)
    absent(session, meeting, 2)  # 8 of 10 present
    M.record_tally(session, ballots[0], issued=8, returned=8, valid=8, agree=5)
    all_rule = M.RuleSpec(threshold_percent=50, strict=True, denominator="all_members")
    present_rule = M.RuleSpec(threshold_percent=50, strict=True, denominator="present")
    ev_all = M.evaluate(ballots[0], all_rule, meeting)
    ev_present = M.evaluate(ballots[0], present_rule, meeting)
    assert (ev_all.denominator, ev_all.passed) == (10, False)  # 5/10 = 50 % is not more than 50 %
    assert (ev_present.denominator, ev_present.passed) == (8, True)  # 5/8 = 62.5 %
    assert ev_all.text == "5/10 tổng số thành viên = 50%"
    assert ev_present.text == "5/8 thành viên có mặt = 62,5%"


def test_members_voting_in_writing_count_as_present_voters_not_for_quorum(session):
    _plan, _council, meeting, ballots = make_world(session)
    absent(session, meeting, 1, AttendanceStatus.WRITTEN.value)
    q = M.quorum_check(session, meeting)
    assert (q.total, q.present, q.written, q.voters) == (10, 9, 1, 10)
    rule = M.RuleSpec(threshold_percent=70, strict=False, denominator="present")
    M.record_tally(session, ballots[1], issued=10, returned=10, valid=10, agree=7)
    assert M.evaluate(ballots[1], rule, meeting).passed is True


def test_plan_rule_per_title_drives_record_tally(session):
    plan, _council, meeting, ballots = make_world(session)
    M.set_pass_rule(
        session, plan.id, "recognition", threshold_percent=80, strict=False, denominator="present"
    )
    absent(session, meeting, 2)
    ev = M.record_tally(session, ballots[1], issued=8, returned=8, valid=8, agree=7)
    assert ev.passed is True and ballots[1].result == M.PASSED and ballots[1].share_percent == 87.5
    ev = M.record_tally(session, ballots[2], issued=8, returned=8, valid=8, agree=6)
    assert ev.passed is False and ballots[2].result == M.FAILED
    assert ballots[2].disagree == 2  # filled as valid − agree
    # A title without its own rule falls back to the recognition rule.
    assert M.rule_for(session, plan.id, AwardKind.CERTIFICATE.value).threshold_percent == 80


def test_show_of_hands_fills_the_counts(session):
    plan, _council, meeting, ballots = make_world(session)
    M.set_pass_rule(session, plan.id, "recognition", threshold_percent=50, method="hands")
    absent(session, meeting, 1)
    M.record_tally(session, ballots[0], agree=9)
    assert (ballots[0].issued, ballots[0].returned, ballots[0].valid, ballots[0].disagree) == (9, 9, 9, 0)


@pytest.mark.parametrize(
    ("figures", "words"),
    [
        (
            {"issued": 8, "returned": 9, "valid": 8, "agree": 5},
            "số phiếu thu về (9) lớn hơn số phiếu phát ra (8)",
        ),
        (
            {"issued": 9, "returned": 9, "valid": 10, "agree": 5},
            "số phiếu hợp lệ (10) lớn hơn số phiếu thu về (9)",
        ),
        (
            {"issued": 9, "returned": 9, "valid": 8, "agree": 6, "disagree": 3},
            "cộng số phiếu không đồng ý (3)",
        ),
        ({"issued": 12, "agree": 5}, "nhiều hơn số thành viên hội đồng (10)"),
        ({"issued": 9, "returned": 9, "valid": 9}, "thiếu số phiếu đồng ý"),
        ({"agree": -1}, "không được âm"),
        ({"agree": "bảy"}, "không phải là số nguyên"),
    ],
)
def test_tally_validation_names_candidate_and_field(session, figures, words):
    _plan, _council, meeting, ballots = make_world(session)
    with pytest.raises(UserError) as err:
        M.record_tally(session, ballots[1], **figures)
    assert "Nông Thị Thu Dung" in err.value.message
    assert words in err.value.message
    assert ballots[1].agree is None


def test_tally_cannot_exceed_members_present(session):
    _plan, _council, meeting, ballots = make_world(session)
    absent(session, meeting, 3)
    with pytest.raises(UserError, match="tham gia biểu quyết"):
        M.record_tally(session, ballots[0], issued=9, returned=9, valid=9, agree=6)
    M.record_tally(session, ballots[0], issued=7, returned=7, valid=7, agree=6)
    # Marking one more absent would leave 6 voters for 7 ballots issued: refused.
    with pytest.raises(UserError, match="chỉ còn 6"):
        absent(session, meeting, 4)


def test_quorum_more_than_and_at_least(session):
    _plan, _council, meeting, _b = make_world(session, quorum=50, quorum_strict=True)
    absent(session, meeting, 5)  # 5 of 10
    assert M.quorum_check(session, meeting).ok is False
    meeting.plan.quorum_strict = False
    assert M.quorum_check(session, meeting).ok is True
    meeting.plan.quorum_percent = 66.67
    assert M.quorum_check(session, meeting).ok is False


def test_exception_needs_reason_and_wins(session):
    _plan, _council, meeting, ballots = make_world(session)
    M.record_tally(session, ballots[3], issued=10, returned=10, valid=10, agree=4)
    assert M.effective_result(ballots[3]) == M.FAILED
    with pytest.raises(UserError, match="cần ghi lý do"):
        M.record_exception(session, ballots[3], M.PASSED, "  ")
    M.record_exception(
        session, ballots[3], M.PASSED, "Hai thành viên bỏ phiếu nhầm, đã xác minh", by="Lý Văn Thắng"
    )
    assert M.effective_result(ballots[3]) == M.PASSED
    assert ballots[3].result == M.FAILED  # the vote itself is kept
    assert "Lý Văn Thắng" in ballots[3].exception_reason
    M.record_exception(session, ballots[3], None, None)
    assert M.effective_result(ballots[3]) == M.FAILED


def test_rank_ties_and_quota(session):
    _plan, _council, meeting, ballots = make_world(session)
    for b, agree in zip(ballots, (9, 8, 8, 7), strict=True):
        M.record_tally(session, b, issued=10, returned=10, valid=10, agree=agree)
    ranking = M.rank_and_limit(session, meeting, "recognition", 2)
    assert [r.rank for r in ranking.rows] == [1, 2, 2, 4]
    assert ranking.over_quota and len(ranking.needs_pick) == 4
    assert {b.candidate.name for b in ranking.tied} == {"Nông Thị Thu Dung", "Lục Văn Chiến"}
    assert "vượt chỉ tiêu 2" in ranking.message
    with pytest.raises(UserError, match="vượt chỉ tiêu 2"):
        M.issue_decision(session, meeting, quota=2)
    with pytest.raises(UserError, match="nhiều hơn chỉ tiêu"):
        M.record_selection(
            session, meeting, "recognition", [b.id for b in ballots[:3]], "Theo tỷ lệ", quota=2
        )
    with pytest.raises(UserError, match="lý do"):
        M.record_selection(session, meeting, "recognition", [ballots[0].id, ballots[2].id], "", quota=2)
    chosen = M.record_selection(
        session,
        meeting,
        "recognition",
        [ballots[0].id, ballots[2].id],
        "Ưu tiên cá nhân trực tiếp sản xuất",
        by="Nông Thị Thu Hà",
        quota=2,
    )
    assert [b.candidate.name for b in chosen] == ["Chi bộ thôn Khe Mạ", "Lục Văn Chiến"]
    assert ballots[1].selected is False and ballots[3].selected is False
    assert [b.candidate.name for b in M.decision_ballots(meeting, "recognition")] == [
        "Chi bộ thôn Khe Mạ",
        "Lục Văn Chiến",
    ]


def test_within_quota_everyone_passing_is_selected(session):
    _plan, _council, meeting, ballots = make_world(session)
    for b, agree in zip(ballots, (9, 8, 3, 7), strict=True):
        M.record_tally(session, b, issued=10, returned=10, valid=10, agree=agree)
    ranking = M.rank_and_limit(session, meeting, "recognition", 5)
    assert not ranking.over_quota and ranking.needs_pick == []
    assert [r.ballot.candidate.name for r in ranking.rows] == [
        "Chi bộ thôn Khe Mạ",
        "Nông Thị Thu Dung",
        "Giàng A Páo",
    ]
    assert ballots[2].rank is None and ballots[2].selected is None


def test_candidate_not_twice_for_same_title(session):
    _plan, _council, meeting, ballots = make_world(session)
    with pytest.raises(UserError, match="đã có trong chương trình"):
        M.add_agenda_item(session, meeting, ballots[0].candidate)
    M.add_agenda_item(session, meeting, ballots[0].candidate, AwardKind.CERTIFICATE.value, "Giấy khen")
    assert [t for t, _l in M.titles_of(meeting)] == ["recognition", "certificate"]


def test_status_after_tallies_is_unchanged_until_decision(session):
    _plan, _council, meeting, ballots = make_world(session)
    M.record_tally(session, ballots[0], issued=10, returned=10, valid=10, agree=9)
    assert ballots[0].candidate.status == CandidateStatus.APPRAISED.value
    assert meeting.status == "held"
