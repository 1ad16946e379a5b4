"""services.plan_editing: editing a plan of the office, refusals, the whole-plan save, the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from dienhinh_desktop.errors import StaleRecord, UserError
from dienhinh_desktop.models import CriterionAssessment, Field, Plan
from dienhinh_desktop.services import plan_editing as PE
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.plan_templates import copy_plan
from dienhinh_desktop.services.plans import current_plan


def _template(s) -> Plan:  # type: ignore[no-untyped-def]
    return s.scalars(select(Plan).where(Plan.is_template.is_(True)).order_by(Plan.template_key)).first()


@pytest.fixture
def plan_id(db) -> str:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return copy_plan(s, _template(s).id, "Kế hoạch của xã").id


def test_templates_refuse_every_edit(db):
    with db.transaction() as s:
        tpl = _template(s)
        field = tpl.fields[0] if tpl.fields else None
        for call in (
            lambda: PE.update_plan(s, tpl.id, name="Khác"),
            lambda: PE.add_field(s, tpl.id, name="Mới"),
            lambda: PE.add_quota(s, tpl.id, max_count=3),
            lambda: PE.add_pass_rule(s, tpl.id, title="merit"),
            lambda: PE.add_phase(s, tpl.id, name="Giai đoạn"),
            lambda: PE.save_plan(s, tpl.id, {"plan": {"name": "X"}}),
        ):
            with pytest.raises(UserError) as err:
                call()
            assert PE.TEMPLATE_MESSAGE in err.value.message
        if field is not None:
            with pytest.raises(UserError, match="Kế hoạch mẫu không sửa được"):
                PE.remove_field(s, field.id)
        with pytest.raises(UserError, match="sao chép"):
            PE.activate_plan(s, tpl.id)


def test_update_plan_validates_in_vietnamese(db, plan_id):
    with db.transaction() as s:
        plan = PE.update_plan(
            s, plan_id, name="  Kế hoạch   mới ", period_start="01/01/2026", period_end="31/12/2026"
        )
        assert plan.name == "Kế hoạch mới"
        assert plan.period_start == date(2026, 1, 1)
        with pytest.raises(UserError, match="Tên kế hoạch"):
            PE.update_plan(s, plan_id, name=" ")
        with pytest.raises(UserError, match="sau thời gian kết thúc"):
            PE.update_plan(s, plan_id, period_start="01/02/2027")
        with pytest.raises(UserError, match="Không đọc được ngày"):
            PE.update_plan(s, plan_id, issued_on="32/13/20x")
        with pytest.raises(UserError, match="Trạng thái"):
            PE.update_plan(s, plan_id, status="finished")


def test_children_add_update_remove(db, plan_id):
    with db.transaction() as s:
        ph = PE.add_phase(s, plan_id, name="Đăng ký", kind="registration", deadline="15/03/2026")
        assert ph.deadline == date(2026, 3, 15)
        with pytest.raises(UserError, match="Từ ngày"):
            PE.update_phase(s, ph.id, start_date="10/03/2026", end_date="01/03/2026")
        PE.update_phase(s, ph.id, done=True)
        assert ph.done and ph.done_on is not None
        PE.remove_phase(s, ph.id)

        q = PE.add_quota(
            s, plan_id, unit_kind="village", candidate_kind="household", min_count=1, max_count=2
        )
        with pytest.raises(UserError, match="Tối thiểu.*lớn hơn"):
            PE.update_quota(s, q.id, min_count=5)
        with pytest.raises(UserError, match="ít nhất một"):
            PE.add_quota(s, plan_id, scope="proposal")
        PE.remove_quota(s, q.id)

        rule = PE.add_pass_rule(s, plan_id, title="merit", threshold_percent="66,67", strict=False)
        assert rule.threshold_percent == pytest.approx(66.67) and rule.strict is False
        with pytest.raises(UserError, match="mỗi danh hiệu một quy tắc"):
            PE.add_pass_rule(s, plan_id, title="merit")
        with pytest.raises(UserError, match="Tỷ lệ"):
            PE.update_pass_rule(s, rule.id, threshold_percent=0)

        cset = PE.add_criteria_set(s, plan_id, name="Bộ tiêu chí thử", applies_kind="individual")
        c = PE.add_criterion(
            s,
            cset.id,
            text="Xếp loại",
            value_type="rating",
            rating_scale="Xuất sắc; Tốt; Đạt",
            min_rating="Tốt",
        )
        assert c.rating_scale == ["Xuất sắc", "Tốt", "Đạt"]
        with pytest.raises(UserError, match="không có trong thang"):
            PE.update_criterion(s, c.id, min_rating="Khá")
        with pytest.raises(UserError, match="Ngưỡng"):
            PE.add_criterion(s, cset.id, text="Tỷ lệ", value_type="number")
        with pytest.raises(UserError, match="Số năm liền"):
            PE.update_criterion(s, c.id, value_type="rating_years")


def test_removing_what_is_in_use_is_refused_with_counts(db, plan_id):
    with db.transaction() as s:
        plan = s.get(Plan, plan_id)
        field = plan.fields[0]
        crit = plan.criteria_sets[0].criteria[0]
        for i in range(3):
            c = create_candidate(
                s, plan_id=plan_id, kind="individual", name=f"Nguyễn Văn A{i}", field_id=field.id
            )
            if i < 2:
                s.add(CriterionAssessment(candidate_id=c.id, criterion_id=crit.id, self_met=True))
        s.flush()
        with pytest.raises(UserError, match="đang có 3 điển hình"):
            PE.remove_field(s, field.id)
        with pytest.raises(UserError, match="đã có 2 bản tự đánh giá"):
            PE.remove_criterion(s, crit.id)
        with pytest.raises(UserError, match="đã có 2 bản"):
            PE.remove_criteria_set(s, crit.criteria_set_id)
        with pytest.raises(UserError, match="không đổi được kiểu"):
            PE.update_criterion(s, crit.id, value_type="number", threshold=50)


def test_save_plan_whole_state_in_one_go(db, plan_id):
    with db.session() as s:
        detail = PE.plan_detail(s, s.get(Plan, plan_id))
    version = detail["version"]
    fields = detail["fields"]
    # Drop the last field (unused), rename the first, add one, and tie a new criteria set to it.
    new_fields = [
        {**fields[0], "name": "Lĩnh vực đổi tên"},
        *fields[1:-1],
        {"key": "new-1", "name": "Lĩnh vực mới"},
    ]
    sets = [cs for cs in detail["criteria_sets"] if cs["field_id"] != fields[-1]["id"]]
    sets.append(
        {
            "key": "new-2",
            "name": "Tiêu chí lĩnh vực mới",
            "field_id": "new-1",
            "criteria": [{"text": "Có mô hình hay"}],
        }
    )
    data = {
        "plan": {"name": "Kế hoạch đã sửa", "period_start": "01/01/2026", "period_end": "31/12/2030"},
        "phases": list(reversed(detail["phases"]))
        + [{"name": "Tổng kết", "kind": "report", "deadline": "15/12/2030"}],
        "fields": new_fields,
        "quotas": [{"scope": "registration", "unit_kind": "village", "period": "year", "min_count": "1"}],
        "pass_rules": [{"title": "recognition", "threshold_percent": "50", "strict": True}],
        "criteria_sets": sets,
    }
    with db.transaction() as s:
        PE.save_plan(s, plan_id, data, expected_version=version)
    with db.session() as s:
        plan = s.get(Plan, plan_id)
        assert plan.name == "Kế hoạch đã sửa"
        assert plan.version > version
        assert [f.name for f in plan.fields][0] == "Lĩnh vực đổi tên"
        assert plan.fields[-1].name == "Lĩnh vực mới"
        assert len(plan.fields) == len(fields)
        new_set = plan.criteria_sets[-1]
        assert new_set.field_id == plan.fields[-1].id
        assert [c.text for c in new_set.criteria] == ["Có mô hình hay"]
        assert plan.phases[-1].name == "Tổng kết"
        assert plan.phases[0].name == detail["phases"][-1]["name"]
        assert len(plan.quotas) == 1 and plan.quotas[0].min_count == 1
    # The version moved: an editor still holding the old one is refused.
    with pytest.raises(StaleRecord), db.transaction() as s:
        PE.save_plan(s, plan_id, {"plan": {"name": "Cũ"}}, expected_version=version)


def test_save_plan_refusal_leaves_everything_as_before(db, plan_id):
    with db.transaction() as s:
        plan = s.get(Plan, plan_id)
        create_candidate(s, plan_id=plan_id, kind="individual", name="Lò Văn Sơn", field_id=plan.fields[0].id)
    with db.session() as s:
        detail = PE.plan_detail(s, s.get(Plan, plan_id))
    data = {"plan": {"name": "Đổi tên"}, "fields": detail["fields"][1:], "criteria_sets": []}
    with pytest.raises(UserError, match="đang có 1 điển hình"), db.transaction() as s:
        PE.save_plan(s, plan_id, data)
    with db.session() as s:
        plan = s.get(Plan, plan_id)
        assert plan.name == "Kế hoạch của xã"
        assert len(plan.fields) == len(detail["fields"])
        assert len(plan.criteria_sets) == len(detail["criteria_sets"])
    bad = {"phases": [{"name": "A"}, {"name": ""}]}
    with pytest.raises(UserError, match="Giai đoạn và thời hạn, dòng 2"), db.transaction() as s:
        PE.save_plan(s, plan_id, bad)


def test_field_codes_can_be_swapped(db, plan_id):
    with db.transaction() as s:
        PE.save_plan(
            s,
            plan_id,
            {"fields": [{"code": "1", "name": "A"}, {"code": "2", "name": "B"}], "criteria_sets": []},
        )
    with db.session() as s:
        rows = PE.plan_detail(s, s.get(Plan, plan_id))["fields"]
    rows[0]["code"], rows[1]["code"] = "2", "1"
    with db.transaction() as s:
        PE.save_plan(s, plan_id, {"fields": rows, "criteria_sets": []})
    with db.session() as s:
        assert [
            (f.code, f.name)
            for f in s.scalars(select(Field).where(Field.plan_id == plan_id).order_by(Field.sort_order))
        ] == [("2", "A"), ("1", "B")]
    with pytest.raises(UserError, match="trùng với dòng 1"), db.transaction() as s:
        PE.save_plan(
            s,
            plan_id,
            {"fields": [{"code": "1", "name": "A"}, {"code": "1", "name": "B"}], "criteria_sets": []},
        )


def test_activate_plan_closes_the_others(db, plan_id):
    with db.transaction() as s:
        other = copy_plan(s, plan_id, "Kế hoạch thứ hai")
        other_id = other.id
    with db.transaction() as s:
        out = PE.activate_plan(s, plan_id)
        assert [c["id"] for c in out["closed"]] == [other_id]
    with db.session() as s:
        assert current_plan(s).id == plan_id
        assert s.get(Plan, other_id).status == "closed"


def test_cli_plan_copy_activate_show(db, tmp_path, capsys):
    from dienhinh_desktop.cli.main import main

    with db.session() as s:
        key = _template(s).template_key
    url = str(db.path) if db.path is not None else db.url  # the PostgreSQL pass: the same server
    db.close()
    assert main(["--db", url, "plan", "copy", key[:3], "--name", "Kế hoạch chép", "--json"]) == 0
    copied = json.loads(capsys.readouterr().out)
    assert copied["name"] == "Kế hoạch chép" and copied["is_template"] is False
    assert main(["--db", url, "plan", "activate", copied["id"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["plan"]["status"] == "active"
    assert main(["--db", url, "plan", "show", copied["id"][:8], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == copied["id"] and shown["fields"] and "criteria" in shown["criteria_sets"][0]
    assert main(["--db", url, "plan", "activate", key, "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "template_read_only"
