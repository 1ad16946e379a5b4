"""Report figures checked against data built here: events of a period from the dated history,
breakdowns by kind / field / unit / gender / ethnicity / party, the previous period, quotas;
replication activities and their counts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Field, Plan, Quota, StatusChange, Unit
from dienhinh_desktop.services import activities as A
from dienhinh_desktop.services import reports as R
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.office import init_office


def _candidate(s, plan, name, kind, path, **values):  # type: ignore[no-untyped-def]
    """A candidate whose history is ``path`` = [(status, "yyyy-mm-dd"), …] (plus extra rows)."""
    first, when = path[0]
    c = create_candidate(s, plan_id=plan.id, kind=kind, name=name, status=first, **values)
    c.history[0].changed_at = datetime.fromisoformat(when + " 09:00")
    prev = first
    for status, when in path[1:]:
        c.history.append(
            StatusChange(
                from_status=prev, to_status=status, changed_at=datetime.fromisoformat(when + " 10:00")
            )
        )
        prev = status
    c.status = prev
    s.flush()
    return c


@pytest.fixture
def data(session):  # type: ignore[no-untyped-def]
    s = session
    init_office(s, "Đảng ủy xã Tân Lập", party=True, province="Lào Cai")
    plan = Plan(
        name="Kế hoạch xây dựng điển hình 2025 – 2030",
        code="12-KH/ĐU",
        status="active",
        period_start=date(2024, 1, 1),
    )
    other = Plan(name="Kế hoạch khác", status="closed", period_start=date(2020, 1, 1))
    s.add_all([plan, other])
    s.flush()
    f1 = Field(plan_id=plan.id, code="1", name="Phát triển kinh tế", sort_order=0)
    f2 = Field(plan_id=plan.id, code="2", name="Giáo dục - đào tạo", sort_order=1)
    u1 = Unit(name="Chi bộ thôn Nậm Cang", kind="party_cell")
    u2 = Unit(name="Chi bộ thôn Sín Chải", kind="party_cell")
    s.add_all([f1, f2, u1, u2])
    s.flush()
    s.add(Quota(plan_id=plan.id, scope="registration", unit_kind="party_cell", min_count=2, period="plan"))
    person = {"birth_year": 1985}
    ids = {}
    ids["A"] = _candidate(
        s,
        plan,
        "Hoàng Thị An",
        "individual",
        [
            ("registered", "2025-02-01"),
            ("nurturing", "2025-03-01"),
            ("self_assessed", "2025-06-01"),
            ("appraised", "2025-07-01"),
            ("recognised", "2025-10-01"),
        ],
        gender="female",
        ethnicity="Tày",
        is_party_member=True,
        field_id=f1.id,
        unit_id=u1.id,
        **person,
    ).id
    ids["B"] = _candidate(
        s,
        plan,
        "Nguyễn Văn Bình",
        "individual",
        [("registered", "2025-05-01"), ("nurturing", "2025-06-01")],
        gender="male",
        ethnicity="Kinh",
        field_id=f2.id,
        unit_id=u2.id,
        **person,
    ).id
    ids["C"] = _candidate(
        s,
        plan,
        "Chi bộ thôn Nậm Cang",
        "collective",
        [
            ("registered", "2024-11-01"),
            ("nurturing", "2025-01-15"),
            ("self_assessed", "2025-05-01"),
            ("appraised", "2025-06-01"),
            ("recognised", "2025-09-01"),
            ("rewarded", "2025-11-01"),
            ("replicating", "2025-12-01"),
        ],
        field_id=f1.id,
        unit_id=u1.id,
    ).id
    ids["D"] = _candidate(
        s,
        plan,
        "Hộ ông Giàng A Dềnh",
        "household",
        [("registered", "2024-06-01")],
        gender="male",
        ethnicity="Mông",
        field_id=f2.id,
        unit_id=u2.id,
        **person,
    ).id
    ids["E"] = _candidate(
        s,
        plan,
        "Lê Thị Én",
        "individual",
        [("registered", "2025-03-01"), ("removed", "2025-08-01")],
        gender="female",
        ethnicity="kinh",
        field_id=f2.id,
        unit_id=u2.id,
        **person,
    ).id
    f = _candidate(
        s,
        plan,
        "Vũ Văn Phúc",
        "individual",
        [("registered", "2025-01-10")],
        gender="male",
        field_id=f1.id,
        unit_id=u1.id,
        **person,
    )
    # A step to nurturing that was undone (and the undo row itself): neither counts.
    f.history.append(
        StatusChange(
            from_status="registered", to_status="nurturing", undone=True, changed_at=datetime(2025, 2, 1, 10)
        )
    )
    f.history.append(
        StatusChange(
            from_status="nurturing",
            to_status="registered",
            ref_type="undo",
            changed_at=datetime(2025, 2, 2, 10),
        )
    )
    ids["F"] = f.id
    # Another plan: never counted.
    _candidate(
        s, other, "Người của kế hoạch khác", "individual", [("registered", "2025-04-01")], gender="male"
    )
    s.flush()
    return {"plan": plan, "ids": ids, "fields": (f1, f2), "units": (u1, u2)}


def test_events_of_the_year_and_state_at_its_end(session, data) -> None:  # type: ignore[no-untyped-def]
    f = R.report_figures(
        session, data["plan"].id, date(2025, 1, 1), date(2025, 12, 31), today=date(2026, 2, 1)
    )
    assert f.period.label == "năm 2025"
    e = f.events
    assert (e["registered"], e["nurturing"], e["recognised"], e["rewarded"], e["replicating"]) == (
        4,
        3,
        2,
        1,
        1,
    )
    assert (e["self_assessed"], e["appraised"], e["removed"], e["replaced"]) == (2, 2, 1, 0)
    assert f.status_at_end == {
        "recognised": 1,
        "nurturing": 1,
        "replicating": 1,
        "registered": 2,
        "removed": 1,
    }
    assert f.tracked == 5


def test_breakdowns(session, data) -> None:  # type: ignore[no-untyped-def]
    f = R.report_figures(session, data["plan"].id, date(2025, 1, 1), date(2025, 12, 31))
    kind = f.breakdowns["kind"]
    assert [r.key for r in kind.rows] == ["collective", "individual", "household"]
    assert kind.row("individual").events["registered"] == 4
    assert kind.row("collective").get("replicating") == 1
    assert kind.row("household").tracked == 1 and kind.row("household").get("registered") == 0
    assert kind.total.tracked == 5
    f1, f2 = data["fields"]
    assert f.breakdowns["field"].row(f1.id).tracked == 3  # A, C, F
    assert f.breakdowns["field"].row(f2.id).get("registered") == 2  # B, E
    u1, _u2 = data["units"]
    assert f.breakdowns["unit"].row(u1.id).get("recognised") == 2
    gender = f.breakdowns["gender"]  # people only: the collective is left out
    assert gender.row("female").get("registered") == 2 and gender.row("male").get("registered") == 2
    assert gender.total.tracked == 4
    eth = f.breakdowns["ethnicity"]
    kinh = eth.row("kinh")
    assert kinh.label == "Kinh" and kinh.get("registered") == 2  # "Kinh" and "kinh" are one people
    assert eth.rows[0].key == "kinh" and eth.rows[1].key == R.MINORITY_KEY
    minority = eth.row(R.MINORITY_KEY)
    assert minority.is_subtotal and minority.tracked == 2 and minority.get("registered") == 1  # Tày A; Mông D
    assert f.minorities["tracked"] == 2 and f.people_tracked == 4
    assert eth.row(R.UNKNOWN).tracked == 1  # F has no ethnicity written
    party = f.breakdowns["party"]
    assert party.row("yes").get("registered") == 1 and party.row("no").get("registered") == 3


def test_previous_period_of_equal_length(session, data) -> None:  # type: ignore[no-untyped-def]
    f = R.report_figures(session, data["plan"].id, date(2025, 1, 1), date(2025, 12, 31))
    assert f.previous.period == R.Period(date(2024, 1, 1), date(2024, 12, 31))
    assert f.previous.events["registered"] == 2 and f.previous.tracked == 2
    assert f.change("registered") == 2 and f.change("tracked") == 3
    half = R.report_figures(session, data["plan"].id, date(2025, 1, 1), date(2025, 6, 30))
    assert half.period.label == "6 tháng đầu năm 2025"
    assert half.previous.period == R.Period(date(2024, 7, 1), date(2024, 12, 31))
    assert half.events["registered"] == 4 and half.events["recognised"] == 0
    assert half.previous.events["registered"] == 1  # C (D was registered in June 2024)
    days = R.Period(date(2025, 3, 10), date(2025, 3, 19))
    assert days.previous() == R.Period(date(2025, 2, 28), date(2025, 3, 9)) and days.kind == "range"
    assert R.half_year_period(2025, first=False).label == "6 tháng cuối năm 2025"
    assert R.period_of(None, None, today=date(2026, 5, 2)) == R.year_period(2026)
    with pytest.raises(UserError):
        R.Period(date(2025, 2, 1), date(2025, 1, 1))


def test_quota_comparison(session, data) -> None:  # type: ignore[no-untyped-def]
    f = R.report_figures(session, data["plan"].id, date(2025, 1, 1), date(2025, 12, 31))
    by_unit = {q["unit"]: q for q in f.quotas}
    assert by_unit["Chi bộ thôn Nậm Cang"]["count"] == 3 and by_unit["Chi bộ thôn Nậm Cang"]["state"] == "ok"
    sin_chai = by_unit["Chi bộ thôn Sín Chải"]  # B and D (E was removed)
    assert sin_chai["count"] == 2 and sin_chai["state"] == "ok"
    session.add(
        Quota(
            plan_id=data["plan"].id,
            scope="registration",
            unit_kind="party_cell",
            candidate_kind="collective",
            min_count=1,
            period="plan",
        )
    )
    session.flush()
    f = R.report_figures(session, data["plan"].id, date(2025, 1, 1), date(2025, 12, 31))
    under = [q for q in f.quotas if q["state"] == "under"]
    assert [(q["unit"], q["missing"]) for q in under] == [("Chi bộ thôn Sín Chải", 1)]


def test_activities_replicating_and_counts(session, data) -> None:  # type: ignore[no-untyped-def]
    plan, ids = data["plan"], data["ids"]
    a = A.create_activity(
        session,
        plan_id=plan.id,
        kind="talk",
        title="  Nói chuyện  chuyên đề ",
        activity_date="15/11/2025",
        place="Nhà văn hóa thôn",
        participant_count="80",
        candidate_ids=[ids["A"], ids["B"]],
        roles={ids["A"]: "Báo cáo điển hình"},
    )
    assert (
        a.title == "Nói chuyện chuyên đề"
        and a.participant_count == 80
        and a.activity_date == date(2025, 11, 15)
    )
    assert [m.role for m in a.models] == ["Báo cáo điển hình", None]
    offers = A.replication_offers(session, a)
    assert [c.id for c in offers] == [ids["A"]]  # B is still being nurtured
    with pytest.raises(UserError) as err:
        A.mark_replicating(session, [ids["A"], ids["B"]], by="Cán bộ", activity=a)
    assert "Nguyễn Văn Bình" in err.value.message
    changes = A.mark_replicating(session, [c.id for c in offers], by="Cán bộ", activity=a)
    assert changes[0].to_status == "replicating" and changes[0].ref_type == "activity"
    assert "Nói chuyện chuyên đề" in changes[0].reason
    A.create_activity(
        session,
        plan_id=plan.id,
        kind="article",
        title="Bài báo",
        activity_date=date(2026, 1, 5),
        outlet="Báo Lào Cai",
        candidate_ids=[ids["A"]],
    )
    A.update_activity(session, a, candidate_ids=[ids["A"]], place="Hội trường xã")
    assert [m.candidate_id for m in a.models] == [ids["A"]] and a.place == "Hội trường xã"
    per_model = A.counts_per_model(session, plan.id)
    assert (per_model[0].candidate_id, per_model[0].activities) == (ids["A"], 2)
    assert A.counts_per_year(session, plan.id) == {2025: {"talk": 1}, 2026: {"article": 1}}
    assert A.models_per_year(session, plan.id) == {2025: 1, 2026: 1}
    f = R.report_figures(session, plan.id, date(2025, 1, 1), date(2025, 12, 31))
    assert (
        f.activities["total"] == 1
        and f.activities["participants"] == 80
        and f.activities["models_spread"] == 1
    )
    for bad in (
        {"kind": "party"},
        {"title": " "},
        {"activity_date": "31/02/2025"},
        {"participant_count": -1},
    ):
        with pytest.raises(UserError):
            A.create_activity(
                session,
                **{
                    "plan_id": plan.id,
                    "kind": "talk",
                    "title": "X",
                    "activity_date": date(2025, 1, 1),
                    **bad,
                },
            )
    paths = A.delete_activity(session, a)
    assert paths == [] and len(A.list_activities(session, plan_id=plan.id)) == 1
