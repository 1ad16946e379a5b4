"""The command line faces: status set/undo/history, quotas, deadlines, duplicates."""

from __future__ import annotations

import json
from datetime import date

from dienhinh_desktop.cli.main import main
from dienhinh_desktop.db import open_database
from dienhinh_desktop.models import Plan, PlanPhase, Quota
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.office import init_office


def _run(capsys, *argv: str):  # noqa: ANN001, ANN202
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def test_cli_status_quotas_deadlines_duplicates(tmp_path, capsys) -> None:  # noqa: ANN001
    path = str(tmp_path / "cli.sqlite3")
    db = open_database(path, install_templates=False)
    with db.transaction() as s:
        profile = init_office(s, "Xã Tân Lập", party=True)
        plan = Plan(
            name="Kế hoạch thử", period_start=date(2025, 1, 1), period_end=date(2030, 12, 31), status="active"
        )
        s.add(plan)
        s.flush()
        s.add(Quota(plan_id=plan.id, scope="registration", unit_kind="commune", min_count=3))
        s.add(
            PlanPhase(
                plan_id=plan.id, name="Gửi danh sách đăng ký", kind="registration", deadline=date(2026, 2, 25)
            )
        )
        a = create_candidate(
            s,
            plan_id=plan.id,
            kind="individual",
            name="Lò Văn Minh",
            birth_year=1975,
            unit_id=profile.unit_id,
        )
        b = create_candidate(
            s,
            plan_id=plan.id,
            kind="individual",
            name="Lò  văn minh",
            birth_year=1975,
            unit_id=profile.unit_id,
        )
        ids = (a.id, b.id)
    db.close()

    code, out = _run(
        capsys, "--db", path, "status", "set", ids[0][:8], "--to", "nurturing", "--by", "Cán bộ A", "--json"
    )
    assert code == 0 and out["changed"] == [ids[0]]
    code, out = _run(capsys, "--db", path, "status", "set", ids[0], "--to", "recognised", "--json")
    assert code == 2 and out["error"]["code"] == "bad_transition"
    code, out = _run(capsys, "--db", path, "status", "undo", ids[0], "--json")
    assert code == 0 and out["status"] == "registered"
    code, out = _run(capsys, "--db", path, "status", "history", ids[0], "--json")
    assert [r["to_status"] for r in out] == ["registered", "nurturing", "registered"]

    code, out = _run(capsys, "--db", path, "quotas", "--json")
    assert code == 0 and out[0]["message"] == "Xã Tân Lập: 2/3 điển hình (tối thiểu 3) — còn thiếu 1"
    code, out = _run(capsys, "--db", path, "deadlines", "--today", "09/03/2026", "--json")
    assert out[0]["state"] == "late" and out[0]["days"] == -12

    code, out = _run(capsys, "--db", path, "duplicates", "--json")
    assert [sorted(c["id"] for c in g) for g in out] == [sorted(ids)]
    code, out = _run(
        capsys, "--db", path, "duplicates", "--merge", ids[0], ids[1], "--reason", "Trùng", "--json"
    )
    assert code == 0 and out["id"] == ids[0]
    code, out = _run(capsys, "--db", path, "duplicates", "--json")
    assert out == []
