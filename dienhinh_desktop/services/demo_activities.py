"""The demo's replication (nhân rộng): about fifteen activities over the last year — talks by
the models, exchanges, a seminar, articles and a broadcast, a newsletter, a writing contest,
an honouring ceremony — linked to the demo's models; at the ceremony the models recognised
earlier receive a Giấy khen (recognised → rewarded), and the activities after it spread
them (→ replicating), each change dated on its activity's day.

It also checks that every candidate has a dated history (a registration row at least) and
adds only what is missing, so the overview and the report of the current year show real
figures.

Registered in ``services.demo.EXTRA_STEP_MODULES``; runs after the meeting and proposal
steps. Flushes only.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from ..models import Candidate, Decision, DecisionEntry, Recognition, StatusChange
from ..models.enums import ActivityKind as A
from ..models.enums import CandidateStatus as S
from . import activities as ACT
from . import lifecycle

COMMUNE = "Tân Lập"
OFFICE = "Đảng ủy xã Tân Lập"
ISSUER = "Ban Thường vụ Đảng ủy xã Tân Lập"
MIN_AGE_DAYS = 8  # a model recognised at least this long ago can be honoured and spread
MAX_REWARDED = 3
MAX_REPLICATING = 4

# (days before today, kind, title, place, organiser, outlet, participants, count, how many models, stage)
# stage: "new" (models being nurtured: the seeds' "nhân tố mới"), "any", "honoured" (recognised earlier).
PLAN: list[tuple[int, str, str, str | None, str | None, str | None, str | None, int | None, int, str]] = [
    (
        352,
        A.ARTICLE,
        "Tân Lập: những nhân tố mới trong phong trào học tập và làm theo Bác",
        None,
        "Ban Xây dựng Đảng Đảng ủy xã",
        "Trang thông tin điện tử xã Tân Lập",
        None,
        None,
        2,
        "new",
    ),
    (
        331,
        A.SEMINAR,
        "Tọa đàm «Học tập và làm theo Bác từ những việc làm bình dị»",
        f"Hội trường Đảng ủy xã {COMMUNE}",
        "Ban Xây dựng Đảng Đảng ủy xã",
        None,
        "Bí thư chi bộ, trưởng thôn, cán bộ đoàn thể xã",
        85,
        3,
        "new",
    ),
    (
        298,
        A.TALK,
        "Điển hình nói chuyện với đoàn viên, thanh niên về phát triển kinh tế hộ",
        f"Nhà văn hóa thôn Khe Mạ, xã {COMMUNE}",
        f"Đoàn Thanh niên xã {COMMUNE}",
        None,
        "Đoàn viên, thanh niên các chi đoàn thôn",
        60,
        1,
        "any",
    ),
    (
        270,
        A.EXCHANGE,
        "Giao lưu, trao đổi kinh nghiệm trồng quế, chăn nuôi theo hướng hàng hóa",
        f"Thôn Nậm Cang, xã {COMMUNE}",
        f"Hội Nông dân xã {COMMUNE}",
        None,
        "Hội viên nông dân các thôn Nậm Cang, Sín Chải, Na Lin",
        120,
        2,
        "any",
    ),
    (
        241,
        A.ARTICLE,
        "Người phụ nữ Dao làm giàu trên quê hương",
        None,
        None,
        "Báo Lào Cai",
        None,
        None,
        1,
        "any",
    ),
    (
        205,
        A.PUBLICATION,
        "Bản tin «Gương sáng Tân Lập» số 1",
        None,
        "Ban Xây dựng Đảng Đảng ủy xã",
        "Bản tin Đảng ủy xã (in 500 bản)",
        None,
        500,
        4,
        "any",
    ),
    (
        188,
        A.CONTEST,
        "Cuộc thi viết «Người tốt, việc tốt ở Tân Lập» năm " + "{year}",
        None,
        f"Ban Xây dựng Đảng phối hợp Ủy ban MTTQ Việt Nam xã {COMMUNE}",
        None,
        "Cán bộ, đảng viên, học sinh và Nhân dân trong xã (46 bài dự thi)",
        46,
        2,
        "any",
    ),
    (
        160,
        A.TALK,
        "Báo cáo điển hình tại hội nghị sơ kết 6 tháng học tập và làm theo Bác",
        f"Hội trường Đảng ủy xã {COMMUNE}",
        OFFICE,
        None,
        "Đại biểu các chi bộ, cơ quan, đoàn thể xã",
        110,
        2,
        "any",
    ),
    (
        131,
        A.ARTICLE,
        "Phóng sự «Những bông hoa đẹp giữa đại ngàn»",
        None,
        None,
        "Đài Phát thanh - Truyền hình tỉnh Lào Cai",
        None,
        None,
        2,
        "any",
    ),
    (
        96,
        A.EXCHANGE,
        "Giao lưu giữa điển hình và học sinh Trường THCS Tân Lập",
        "Trường THCS Tân Lập",
        "Trường THCS Tân Lập",
        None,
        "Học sinh khối 8, 9 và giáo viên",
        230,
        2,
        "any",
    ),
    (
        63,
        A.SEMINAR,
        "Tọa đàm chuyển đổi số trong sản xuất, kinh doanh của hộ gia đình",
        f"Hợp tác xã Nông nghiệp {COMMUNE}",
        f"Ủy ban nhân dân xã {COMMUNE}",
        None,
        "Hộ sản xuất, kinh doanh, thành viên hợp tác xã",
        75,
        2,
        "any",
    ),
    (
        -3,
        A.CEREMONY,
        "Lễ tuyên dương, tặng Giấy khen điển hình tiên tiến học tập và làm theo Bác năm {year}",
        f"Hội trường Đảng ủy xã {COMMUNE}",
        OFFICE,
        None,
        "Ban Thường vụ Đảng ủy, đại biểu các chi bộ, cơ quan, đoàn thể xã",
        150,
        0,
        "honoured",
    ),
    (
        -2,
        A.TALK,
        "Điển hình chia sẻ kinh nghiệm tại hội nghị chi bộ thôn Trung Tâm",
        "Nhà văn hóa thôn Trung Tâm",
        "Chi bộ thôn Trung Tâm",
        None,
        "Đảng viên chi bộ và Nhân dân thôn",
        70,
        1,
        "honoured",
    ),
    (
        -1,
        A.ARTICLE,
        "Lan tỏa những tấm gương bình dị ở Tân Lập",
        None,
        None,
        "Cổng thông tin điện tử tỉnh Lào Cai",
        None,
        None,
        2,
        "honoured",
    ),
]
# Negative days: placed after the honoured models' recognition, in this order (see _late_dates).


def _when(d: date, hour: int) -> datetime:
    return datetime(d.year, d.month, d.day, hour, 30)


def _ensure_history(session: Session, result: Any) -> int:
    """A registration row for every candidate of the plan that has no history at all."""
    missing = list(
        session.scalars(
            select(Candidate).where(
                Candidate.plan_id == result.plan_id,
                ~exists().where(StatusChange.candidate_id == Candidate.id),
            )
        )
    )
    for c in missing:
        reg = c.registered_on or result.today
        session.add(
            StatusChange(
                candidate_id=c.id,
                from_status=None,
                to_status=c.status,
                changed_at=_when(reg, 8),
                changed_by=result.officer_name,
                reason="Đăng ký xây dựng điển hình",
            )
        )
    session.flush()
    return len(missing)


def _last_change(session: Session, candidate_id: str) -> datetime | None:
    return session.scalar(
        select(func.max(StatusChange.changed_at)).where(StatusChange.candidate_id == candidate_id)
    )


def _pools(
    session: Session, result: Any, rng: random.Random
) -> tuple[list[Candidate], list[Candidate], list[Candidate]]:
    base = select(Candidate).where(Candidate.plan_id == result.plan_id).order_by(Candidate.sort_key)
    new = list(
        session.scalars(
            base.where(Candidate.status.in_((S.NURTURING.value, S.SELF_ASSESSED.value, S.APPRAISED.value)))
        )
    )
    recognised = list(session.scalars(base.where(Candidate.status == S.RECOGNISED.value)))
    cutoff = datetime.combine(result.today - timedelta(days=MIN_AGE_DAYS), datetime.min.time())
    honoured = [c for c in recognised if (_last_change(session, c.id) or cutoff) < cutoff]
    rng.shuffle(new)
    return new, recognised, honoured


def _award(
    session: Session, result: Any, models: list[Candidate], when: date, rng: random.Random
) -> Decision:
    number = f"{rng.randint(195, 240)}-QĐ/ĐU"
    decision = Decision(
        direction="own",
        source="own",
        plan_id=result.plan_id,
        number=number,
        decision_date=when,
        issuer=ISSUER,
        award_kind="certificate",
        award_label="Giấy khen",
        title=f"Về việc tặng Giấy khen cho tập thể, cá nhân điển hình tiên tiến năm {when.year}",
        signer_name=None,
        signer_title=None,
        issued_at=_when(when, 9),
    )
    session.add(decision)
    session.flush()
    for n, c in enumerate(models, start=1):
        session.add(
            DecisionEntry(
                decision_id=decision.id,
                candidate_id=c.id,
                row_no=n,
                section=c.kind,
                name=c.name,
                position_unit=c.position_unit,
                birth_year=c.birth_year,
                gender=c.gender,
                ethnicity=c.ethnicity,
                award_label="Giấy khen",
                match_status="confirmed",
            )
        )
        session.add(
            Recognition(
                candidate_id=c.id,
                decision_id=decision.id,
                kind="certificate",
                title=f"Giấy khen của {ISSUER}",
                year=when.year,
                decision_number=number,
                decision_date=when,
                issuer=ISSUER,
                level="own",
                source="decision",
            )
        )
    session.flush()
    return decision


def _dated(change: StatusChange, at: datetime) -> None:
    change.changed_at = at


def demo_step(session: Session, result: Any) -> None:
    """Activities, rewards at the ceremony, models moved to replicating (flushes only)."""
    if not result.plan_id:
        return
    added = _ensure_history(session, result)
    rng = random.Random(result.seed + 8)
    today = result.today
    new, recognised, honoured = _pools(session, result, rng)
    anyone = new + recognised
    if not anyone:
        return
    honoured = honoured[:MAX_REWARDED]
    # Late dates: after the honoured models' recognition, before today, in order.
    if honoured:
        latest = max(_last_change(session, c.id) for c in honoured).date()  # type: ignore[union-attr]
    else:
        latest = today - timedelta(days=MIN_AGE_DAYS)
    gap = max((today - latest).days - 1, 3)
    late = {
        -3: latest + timedelta(days=max(1, gap // 4)),
        -2: latest + timedelta(days=max(2, gap // 2)),
        -1: latest + timedelta(days=max(3, (3 * gap) // 4)),
    }
    by = result.officer_name
    made = 0
    rewarded: list[Candidate] = []
    replicating = 0
    cursor = 0
    for days, kind, title, place, organiser, outlet, participants, count, n_models, stage in PLAN:
        when = min(late[days], today) if days < 0 else today - timedelta(days=days)
        if stage == "honoured":
            models = list(honoured) if kind == A.CEREMONY else honoured[: max(n_models, 1)]
            if not models:  # nothing recognised long enough ago: spread anyone
                models = anyone[cursor % len(anyone) : cursor % len(anyone) + max(n_models, 1)]
        else:
            pool = new if stage == "new" and new else anyone
            models = [pool[(cursor + k) % len(pool)] for k in range(min(n_models, len(pool)))]
            cursor += n_models
        activity = ACT.create_activity(
            session,
            plan_id=result.plan_id,
            kind=kind.value,
            title=title.format(year=when.year),
            activity_date=when,
            place=place,
            organiser=organiser,
            outlet=outlet,
            participants=participants,
            participant_count=count,
            description="Hoạt động tuyên truyền, nhân rộng điển hình theo Kế hoạch của Ban Thường vụ Đảng ủy xã.",
            candidate_ids=[c.id for c in models],
            roles={
                c.id: (
                    "Được tuyên dương"
                    if kind == A.CEREMONY
                    else "Báo cáo điển hình"
                    if kind == A.TALK
                    else "Điển hình được giới thiệu"
                )
                for c in models
            },
        )
        made += 1
        if kind == A.CEREMONY and honoured:
            decision = _award(session, result, honoured, when, rng)
            for c in honoured:
                change = lifecycle.change_status(
                    session,
                    c,
                    S.REWARDED.value,
                    by=by,
                    reason=f"Tặng Giấy khen tại {activity.title[0].lower() + activity.title[1:]} "
                    f"(Quyết định số {decision.number})",
                    ref_type="decision",
                    ref_id=decision.id,
                )
                _dated(change, _when(when, 9))
                rewarded.append(c)
        elif stage == "honoured" and days < 0:
            # Spreading a rewarded model: it becomes a replicating model (all but one keep "rewarded").
            offers = [c for c in ACT.replication_offers(session, activity) if c in rewarded]
            keep_one = rewarded[-1] if len(rewarded) > 1 else None
            for c in offers:
                if c is keep_one or replicating >= MAX_REPLICATING:
                    continue
                for change in ACT.mark_replicating(session, [c.id], by=by, activity=activity):
                    _dated(change, _when(when, 15))
                replicating += 1
    session.flush()
    result.extras["activities"] = made
    result.extras["rewarded"] = len(rewarded)
    result.extras["replicating"] = replicating
    result.extras["history_added"] = added
