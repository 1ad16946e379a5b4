"""Quota counters: the seed quotas (003: ≥1 per party cell, ≥2 per commune; 001: 3 collectives
+ 3 individuals; 002: at most 2 proposed), under / ok / over, live."""

from __future__ import annotations

from datetime import date

from dienhinh_desktop.models import Candidate, Quota
from dienhinh_desktop.services import lifecycle as lc
from dienhinh_desktop.services.quotas import quota_status, quota_warnings, quota_warnings_for
from tests.test_lifecycle_support import collective, person, s, world  # noqa: F401


def _by_unit(counters):  # noqa: ANN001, ANN202
    return {(c.unit_name, c.candidate_kind): c for c in counters}


def test_seed_003_party_cells_and_commune(s, world) -> None:  # noqa: ANN001, F811
    s.add_all(
        [
            Quota(plan_id=world.plan.id, scope="registration", unit_kind="party_cell", min_count=1),
            Quota(plan_id=world.plan.id, scope="registration", unit_kind="commune", min_count=2),
        ]
    )
    s.flush()
    counters = _by_unit(quota_status(s, world.plan.id))
    nam_cang = counters[("Chi bộ thôn Nậm Cang", None)]
    assert (nam_cang.count, nam_cang.state) == (0, "under")
    assert nam_cang.message == "Chi bộ thôn Nậm Cang: 0/1 điển hình (tối thiểu 1) — còn thiếu 1"
    assert counters[("Xã Tân Lập", None)].message == "Xã Tân Lập: 0/2 điển hình (tối thiểu 2) — còn thiếu 2"

    person(s, world, "Lò Văn Minh", unit=world.cell_a)
    collective(s, world, "Hợp tác xã chè Bản Sài", unit=world.cell_b)
    counters = _by_unit(quota_status(s, world.plan.id))
    assert counters[("Chi bộ thôn Nậm Cang", None)].state == "ok"
    assert counters[("Chi bộ thôn Nậm Cang", None)].message.endswith("— đạt")
    assert counters[("Chi bộ thôn Bản Sài", None)].count == 1
    # The commune counts the candidates of its party cells.
    commune = counters[("Xã Tân Lập", None)]
    assert (commune.count, commune.state) == (2, "ok")


def test_removed_replaced_discovered_and_merged_are_not_counted(s, world) -> None:  # noqa: ANN001, F811
    s.add(Quota(plan_id=world.plan.id, scope="registration", unit_kind="party_cell", min_count=1))
    s.flush()
    c = person(s, world, "Lò Văn Minh")
    person(s, world, "Giàng A Dơ", status="discovered")
    assert _by_unit(quota_status(s, world.plan.id))[("Chi bộ thôn Nậm Cang", None)].count == 1
    lc.change_status(s, c, "removed", by="A", reason="Chuyển đi")
    assert _by_unit(quota_status(s, world.plan.id))[("Chi bộ thôn Nậm Cang", None)].state == "under"


def test_seed_001_three_collectives_three_individuals(s, world) -> None:  # noqa: ANN001, F811
    for kind in ("collective", "individual"):
        s.add(
            Quota(
                plan_id=world.plan.id,
                scope="registration",
                unit_kind="commune",
                candidate_kind=kind,
                min_count=3,
                period="plan",
            )
        )
    s.flush()
    for i, name in enumerate(["Nguyễn Văn Một", "Trần Văn Hai", "Lê Văn Ba"]):
        person(s, world, name, unit=world.cell_a if i % 2 else world.school)
    collective(s, world, "Tổ hợp tác mây tre")
    counters = _by_unit(quota_status(s, world.plan.id))
    ind, col = counters[("Xã Tân Lập", "individual")], counters[("Xã Tân Lập", "collective")]
    assert (ind.count, ind.state) == (3, "ok")
    assert (col.count, col.state, col.missing) == (1, "under", 2)
    assert col.message == "Xã Tân Lập: 1/3 tập thể (tối thiểu 3) — còn thiếu 2"


def test_seed_002_at_most_two_proposed(s, world) -> None:  # noqa: ANN001, F811
    s.add(Quota(plan_id=world.plan.id, scope="proposal", unit_kind="commune", max_count=2))
    s.flush()
    a = person(s, world, "Một Người", status="appraised")
    b = person(s, world, "Hai Người", status="appraised")
    c = person(s, world, "Ba Người", status="appraised", selected_for_proposal=True)
    assert quota_status(s, world.plan.id, scope="registration") == []
    (counter,) = quota_status(s, world.plan.id, scope="proposal")
    assert (counter.count, counter.state) == (1, "ok")
    lc.change_status(s, a, "proposed", by="A", reason=None)
    lc.change_status(s, b, "proposed", by="A", reason=None)
    (counter,) = quota_status(s, world.plan.id, scope="proposal", year=date.today().year)
    assert (counter.count, counter.state, counter.excess) == (3, "over", 1)
    assert counter.message == "Xã Tân Lập: 3/2 điển hình đề nghị (tối đa 2) — vượt 1"
    assert [w.state for w in quota_warnings(s, world.plan.id, scope="proposal")] == ["over"]
    # The form of the selected candidate shows the warning; a removed one leaves the count.
    assert [w.state for w in quota_warnings_for(s, c)] == ["over"]
    lc.change_status(s, c, "removed", by="A", reason="Không đủ phiếu")
    (counter,) = quota_status(s, world.plan.id, scope="proposal")
    assert (counter.count, counter.state) == (2, "ok")


def test_named_unit_quota_and_min_max(s, world) -> None:  # noqa: ANN001, F811
    s.add(
        Quota(
            plan_id=world.plan.id,
            scope="registration",
            unit_id=world.school.id,
            candidate_kind="individual",
            min_count=1,
            max_count=3,
        )
    )
    s.flush()
    (counter,) = quota_status(s, world.plan.id)
    assert counter.unit_name == "Trường Tiểu học Tân Lập"
    assert counter.message == "Trường Tiểu học Tân Lập: 0/3 cá nhân (tối thiểu 1, tối đa 3) — còn thiếu 1"
    for name in ("Giáo Viên Một", "Giáo Viên Hai", "Giáo Viên Ba", "Giáo Viên Bốn"):
        person(s, world, name, unit=world.school)
    (counter,) = quota_status(s, world.plan.id)
    assert counter.state == "over" and counter.message.endswith("— vượt 1")


def test_warnings_for_an_unsaved_form(s, world) -> None:  # noqa: ANN001, F811
    s.add(Quota(plan_id=world.plan.id, scope="registration", unit_kind="party_cell", max_count=1))
    s.add(Quota(plan_id=world.plan.id, scope="registration", unit_kind="commune", min_count=5))
    s.flush()
    person(s, world, "Người Đã Có")
    draft = Candidate(
        plan_id=world.plan.id,
        kind="individual",
        name="Người Mới",
        unit_id=world.cell_a.id,
        status="registered",
    )
    warnings = quota_warnings_for(s, draft)
    assert draft not in s
    messages = [w.message for w in warnings]
    assert "Chi bộ thôn Nậm Cang: 2/1 điển hình (tối đa 1) — vượt 1" in messages
    assert "Xã Tân Lập: 2/5 điển hình (tối thiểu 5) — còn thiếu 3" in messages
    # A candidate of another party cell is not concerned by Nậm Cang's quota.
    other = Candidate(plan_id=world.plan.id, kind="individual", name="Khác", unit_id=world.cell_b.id)
    assert [w.unit_name for w in quota_warnings_for(s, other)] == ["Xã Tân Lập"]


def test_year_period_counts_that_year_only(s, world) -> None:  # noqa: ANN001, F811
    s.add(Quota(plan_id=world.plan.id, scope="registration", unit_kind="commune", min_count=1, period="year"))
    s.flush()
    person(s, world, "Người Năm Ngoái", registered_on=date(2025, 3, 1))
    assert quota_status(s, world.plan.id, year=2025)[0].state == "ok"
    assert quota_status(s, world.plan.id, year=2026)[0].state == "under"
    assert quota_status(s, world.plan.id)[0].state == "ok"


def test_the_office_of_a_party_commune_answers_to_party_committee_quotas(bare_db) -> None:
    """Seed 002: "Mỗi đảng ủy trực thuộc đề nghị … tối đa 02" applies to a commune's party
    committee after the 2025 reform, though its unit is a commune."""
    from dienhinh_desktop.models import Plan, Quota
    from dienhinh_desktop.services.candidates import create_candidate
    from dienhinh_desktop.services.office import init_office
    from dienhinh_desktop.services.quotas import quota_status

    with bare_db.transaction() as ses:
        profile = init_office(ses, "Đảng ủy xã Tân Lập", party=True)
        plan = Plan(name="KH")
        plan.quotas.append(Quota(scope="proposal", unit_kind="party_committee", max_count=2))
        plan.quotas.append(Quota(scope="registration", unit_kind="commune", min_count=2))
        ses.add(plan)
        ses.flush()
        for name in ("Giàng A Páo", "Lò Văn Pọm", "Vàng Seo Chử"):
            c = create_candidate(ses, plan_id=plan.id, kind="individual", name=name, unit_id=profile.unit_id)
            c.selected_for_proposal = True
        ses.flush()
        counters = {q.scope: q for q in quota_status(ses, plan.id, scope=None)}
        assert counters["proposal"].state == "over" and counters["proposal"].count == 3
        assert counters["registration"].state == "ok"
