"""A received decision entered by hand (PDF or scan): one transaction, statuses, duplicates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import (
    Attachment,
    Candidate,
    Decision,
    DecisionEntry,
    Plan,
    Recognition,
    StatusChange,
)
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.decisions_manual import (
    decision_details,
    list_received_decisions,
    record_manual_decision,
)
from dienhinh_desktop.services.office import init_office
from dienhinh_desktop.services.plan_templates import copy_plan

PEOPLE = [
    # key, kind, name, birth year, position / unit, status
    ("an", "individual", "Nguyễn Văn An", 1975, "Bí thư Chi bộ thôn Nà Lang, xã Tân Lập", "proposed"),
    ("hoa", "individual", "Lê Thị Hòa", 1982, "Chi hội trưởng Phụ nữ thôn Khe Mạ, xã Tân Lập", "proposed"),
    ("duc", "individual", "Đặng Văn Đức", 1980, "Nông dân thôn Khe Mạ, xã Tân Lập", "proposed"),
    ("ha", "individual", "Trần Văn Hà", 1985, "Đội trưởng Đội sản xuất thôn Nà Lang, xã Tân Lập", "proposed"),
    ("cb", "collective", "Chi bộ thôn Nà Lang", None, "Đảng bộ xã Tân Lập", "proposed"),
    ("cuong", "individual", "Ma Văn Cường", 1981, "Nông dân thôn Khe Mạ, xã Tân Lập", "nurturing"),
    ("gone", "individual", "Lò Văn Pọm", 1970, "Nông dân thôn Bản Mế, xã Tân Lập", "removed"),
]


def make_commune(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Office xã Tân Lập, a plan copied from the 002 template, a few candidates. Returns ids by key
    (and ``plan_id``)."""
    with db.transaction() as s:
        init_office(s, "Đảng ủy xã Tân Lập", party=True, province="Lào Cai", officer_name="Lý Thị Hoa")
        tpl = s.scalars(select(Plan).where(Plan.is_template.is_(True), Plan.template_key.like("002%"))).one()
        plan = copy_plan(s, tpl.id, "Xây dựng điển hình tiên tiến xã Tân Lập 2025 – 2030")
        ids = {"plan_id": plan.id}
        for key, kind, name, year, pos, status in PEOPLE:
            extra = {"birth_year": year, "gender": "female" if "Thị" in name else "male"} if year else {}
            c = create_candidate(
                s, plan_id=plan.id, kind=kind, name=name, position_unit=pos, status=status, **extra
            )
            ids[key] = c.id
    return ids


def _counts(session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {
        m.__name__: session.scalar(select(func.count()).select_from(m))
        for m in (Decision, DecisionEntry, Recognition, StatusChange, Attachment)
    }


def _record(db, ids, files: Path, **over):  # type: ignore[no-untyped-def]
    args = {
        "number": "125-QĐ/TU",
        "date": "12/12/2025",
        "issuer": "Ban Thường vụ Tỉnh ủy Lào Cai",
        "award_kind": "recognition",
        "award_label": None,
        "candidate_ids": [ids["an"], ids["cb"], ids["hoa"]],
        "files_dir": files,
        "by": "Lý Thị Hoa",
    }
    args.update(over)
    with db.session() as s:
        d = record_manual_decision(s, **args)
        return d.id


def test_records_decision_entries_recognitions_and_statuses(db, tmp_path: Path) -> None:
    ids = make_commune(db)
    scan = tmp_path / "QD 125 scan.pdf"
    scan.write_bytes(b"%PDF-1.4 a scanned decision")
    did = _record(db, ids, tmp_path / "files", file_path=scan)
    with db.session() as s:
        d = s.get(Decision, did)
        assert (d.direction, d.source, d.number, d.decision_date, d.award_kind) == (
            "received",
            "manual",
            "125-QĐ/TU",
            date(2025, 12, 12),
            "recognition",
        )
        assert d.award_label == "Công nhận, ghi danh điển hình tiên tiến"
        assert d.plan_id == ids["plan_id"]
        # Collectives first, then individuals by given name.
        assert [e.name for e in d.entries] == ["Chi bộ thôn Nà Lang", "Nguyễn Văn An", "Lê Thị Hòa"]
        assert {e.match_status for e in d.entries} == {"confirmed"}
        for key in ("an", "cb", "hoa"):
            c = s.get(Candidate, ids[key])
            assert c.status == "recognised"
            rec = s.scalars(select(Recognition).where(Recognition.candidate_id == c.id)).one()
            assert (rec.decision_id, rec.decision_number, rec.year, rec.level) == (
                did,
                "125-QĐ/TU",
                2025,
                "upper",
            )
            last = s.scalars(
                select(StatusChange)
                .where(StatusChange.candidate_id == c.id)
                .order_by(StatusChange.changed_at.desc())
            ).first()
            assert (last.ref_type, last.ref_id, last.changed_by) == ("decision", did, "Lý Thị Hoa")
            assert (
                last.reason
                == "Theo Quyết định số 125-QĐ/TU ngày 12/12/2025 của Ban Thường vụ Tỉnh ủy Lào Cai"
            )
        assert s.get(Candidate, ids["duc"]).status == "proposed"  # not ticked
        att = s.get(Attachment, d.file_attachment_id)
        assert att.file_name == "QD 125 scan.pdf" and att.owner_id == did
        assert (tmp_path / "files" / att.stored_path).read_bytes() == scan.read_bytes()

        listed = list_received_decisions(s)
        assert [(x["number"], x["date_text"], x["recorded"], x["source_label"]) for x in listed] == [
            ("125-QĐ/TU", "12/12/2025", 3, "Nhập tay")
        ]
        details = decision_details(s, did, tmp_path / "files")
        assert details["file_name"] == "QD 125 scan.pdf" and Path(details["file_path"]).is_file()
        assert [e["candidate_name"] for e in details["entries"]][0] == "Chi bộ thôn Nà Lang"


def test_award_moves_to_rewarded_and_not_appraised_moves_too(db, tmp_path: Path) -> None:
    ids = make_commune(db)
    did = _record(
        db,
        ids,
        tmp_path / "files",
        number="2345/QĐ-UBND",
        date=date(2025, 12, 20),
        issuer="Ủy ban nhân dân tỉnh Lào Cai",
        award_kind="merit",
        award_label="Bằng khen của Chủ tịch UBND tỉnh",
        candidate_ids=[ids["duc"], ids["cuong"], ids["duc"]],
    )
    with db.session() as s:
        assert s.get(Candidate, ids["duc"]).status == "rewarded"
        assert s.get(Candidate, ids["cuong"]).status == "rewarded"  # was nurturing: the decision is a fact
        d = s.get(Decision, did)
        assert len(d.entries) == 2 and d.entries[0].award_label == "Bằng khen của Chủ tịch UBND tỉnh"
        rec = s.scalars(select(Recognition).where(Recognition.candidate_id == ids["duc"])).one()
        assert (rec.kind, rec.title) == ("merit", "Bằng khen của Chủ tịch UBND tỉnh")


def test_duplicate_refused_and_nothing_written(db, tmp_path: Path) -> None:
    ids = make_commune(db)
    _record(db, ids, tmp_path / "files")
    with db.session() as s:
        before = _counts(s)
    with pytest.raises(UserError) as err:
        # Same number typed without accents and the issuer in capitals: the same decision.
        _record(db, ids, tmp_path / "files", number="125-qd/tu ", issuer="BAN THƯỜNG VỤ TỈNH ỦY LÀO CAI",
                candidate_ids=[ids["duc"]])  # fmt: skip
    assert "đã được nhập" in err.value.message and "125-QĐ/TU" in err.value.message
    with db.session() as s:
        assert _counts(s) == before
        assert s.get(Candidate, ids["duc"]).status == "proposed"
    # Another date is another decision.
    _record(db, ids, tmp_path / "files", date="13/12/2025", candidate_ids=[ids["duc"]])


@pytest.mark.parametrize(
    ("over", "words"),
    [
        ({"number": "  "}, "số, ký hiệu"),
        ({"issuer": ""}, "cơ quan ban hành"),
        ({"date": "31/02/2025"}, "không có thật"),
        ({"date": "hôm qua"}, "dd/mm/yyyy"),
        ({"award_kind": "medal"}, "Hình thức"),
        ({"candidate_ids": []}, "Chưa chọn điển hình"),
        ({"candidate_ids": ["nope"]}, "Không tìm thấy điển hình"),
        ({"file_path": "/no/such/file.pdf"}, "Không tìm thấy tệp"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(db, tmp_path: Path, over, words) -> None:  # type: ignore[no-untyped-def]
    ids = make_commune(db)
    with db.session() as s:
        before = _counts(s)
    with pytest.raises(UserError) as err:
        _record(db, ids, tmp_path / "files", **over)
    assert words in err.value.message
    with db.session() as s:
        assert _counts(s) == before


def test_removed_candidate_refuses_the_whole_decision(db, tmp_path: Path) -> None:
    ids = make_commune(db)
    with db.session() as s:
        before = _counts(s)
    with pytest.raises(UserError) as err:
        _record(db, ids, tmp_path / "files", candidate_ids=[ids["an"], ids["gone"]])
    assert "Lò Văn Pọm" in err.value.message and "Đã loại" in err.value.message
    with db.session() as s:
        assert _counts(s) == before
        assert s.get(Candidate, ids["an"]).status == "proposed"
