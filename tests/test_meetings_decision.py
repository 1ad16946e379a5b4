"""This level's decision from a meeting, the demo meeting, the papers and the command line."""

from __future__ import annotations

import json
from datetime import date

import pytest
from docx import Document
from sqlalchemy import select

from dienhinh_desktop.documents.exporters import ExportContext, run_export
from dienhinh_desktop.documents.papers import meeting as papers
from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Decision, DocumentNumber, Recognition
from dienhinh_desktop.models.enums import AwardKind, CandidateStatus
from dienhinh_desktop.services import meetings as M
from tests.test_meetings_rules import absent, make_world


def _text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def _tallied(session, party: bool = True):
    plan, council, meeting, ballots = make_world(session, party=party)
    absent(session, meeting, 1)
    for b, agree in zip(ballots, (9, 8, 3, 7), strict=True):
        M.record_tally(session, b, issued=9, returned=9, valid=9, agree=agree)
    return plan, council, meeting, ballots


def test_issue_decision_records_everything(session):
    plan, _council, meeting, ballots = _tallied(session)
    decision = M.issue_decision(session, meeting, decision_date=date(2025, 11, 12), by="Nông Thị Thu Hà")
    assert decision.number == "01-QĐ/ĐU"
    reg = session.scalars(select(DocumentNumber).where(DocumentNumber.ref_id == decision.id)).one()
    assert (reg.doc_type, reg.number, reg.year) == ("QĐ", 1, 2025)
    assert [(e.section, e.name) for e in decision.entries] == [
        ("collective", "Chi bộ thôn Khe Mạ"),
        ("individual", "Nông Thị Thu Dung"),
        ("household", "Giàng A Páo"),
    ]
    assert decision.bases[0] == "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"
    assert decision.articles[0].startswith(
        "Điều 1. Công nhận, ghi danh điển hình tiên tiến năm 2025 đối với "
        "01 tập thể, 01 cá nhân và 01 hộ gia đình"
    )
    passed = [ballots[0], ballots[1], ballots[3]]
    for b in passed:
        c = b.candidate
        assert c.status == CandidateStatus.RECOGNISED.value
        last = c.history[-1]
        assert (last.ref_type, last.ref_id, last.changed_by) == ("decision", decision.id, "Nông Thị Thu Hà")
        assert "01-QĐ/ĐU" in last.reason and "12/11/2025" in last.reason
        rec = session.scalars(select(Recognition).where(Recognition.candidate_id == c.id)).one()
        assert (rec.decision_number, rec.decision_date, rec.level) == ("01-QĐ/ĐU", date(2025, 11, 12), "own")
    assert ballots[2].candidate.status == CandidateStatus.APPRAISED.value  # failed: untouched
    assert meeting.status == "closed"
    # Issued: the tallies are frozen and a second decision for the same title is refused.
    with pytest.raises(UserError, match="đã ra quyết định"):
        M.record_tally(session, ballots[2], issued=9, returned=9, valid=9, agree=9)
    with pytest.raises(UserError, match="Đã có Quyết định số 01-QĐ/ĐU"):
        M.issue_decision(session, meeting)


def test_reward_decision_moves_to_rewarded_and_state_numbering(session):
    _plan, _council, meeting, ballots = _tallied(session, party=False)
    for b in ballots[:2]:
        item = M.add_agenda_item(session, meeting, b.candidate, AwardKind.CERTIFICATE.value, "Giấy khen")
        M.record_tally(session, item, issued=9, returned=9, valid=9, agree=9)
    first = M.issue_decision(session, meeting, decision_date=date(2025, 11, 12))
    second = M.issue_decision(
        session, meeting, title=AwardKind.CERTIFICATE.value, decision_date=date(2025, 11, 13)
    )
    assert (first.number, second.number) == ("01/QĐ-UBND", "02/QĐ-UBND")
    assert first.bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert second.title == "Về việc tặng giấy khen cho các tập thể, cá nhân điển hình tiên tiến năm 2025"
    assert ballots[0].candidate.status == CandidateStatus.REWARDED.value
    assert len(ballots[0].candidate.history) == 3  # registered, recognised, rewarded


def test_decision_refused_without_quorum_or_tallies(session):
    _plan, _council, meeting, ballots = make_world(session)
    with pytest.raises(UserError, match="Chưa nhập kết quả bỏ phiếu"):
        M.issue_decision(session, meeting)
    absent(session, meeting, 6)
    for b in ballots:
        M.record_tally(session, b, issued=4, returned=4, valid=4, agree=4)
    with pytest.raises(UserError, match="Không đủ số thành viên"):
        M.issue_decision(session, meeting)
    assert session.scalars(select(Decision)).first() is None


def test_candidate_not_appraised_is_refused_and_nothing_written(session):
    _plan, _council, meeting, ballots = _tallied(session)
    ballots[1].candidate.status = CandidateStatus.NURTURING.value
    with pytest.raises(UserError, match="Nông Thị Thu Dung"):
        M.issue_decision(session, meeting)
    assert session.scalars(select(Decision)).first() is None
    assert ballots[0].candidate.status == CandidateStatus.APPRAISED.value


def test_minutes_and_decision_papers_both_profiles(session, tmp_path):
    for party in (True, False):
        if not party:
            session.rollback()
        _plan, _council, meeting, ballots = _tallied(session, party=party)
        M.record_exception(session, ballots[2], M.PASSED, "Đã xác minh thành tích nổi bật")
        M.issue_decision(session, meeting, decision_date=date(2025, 11, 12))
        out = tmp_path / ("party" if party else "state")
        minutes = run_export(session, "minutes", ExportContext(out_dir=out, meeting_id=meeting.id))
        text = _text(minutes[0])
        assert "BIÊN BẢN" in text and "Vắng mặt" in text and "lý do: đi công tác" in text
        assert "09/10" in text and "Chi bộ thôn Khe Mạ" in text and "90% (9/10)" in text
        assert "Đạt (*)" in text and "lý do: đã xác minh thành tích nổi bật" in text
        assert "THƯ KÝ" in text and "Lò Văn Sơn" in text
        files = run_export(session, "decision", ExportContext(out_dir=out, meeting_id=meeting.id))
        assert [f.suffix for f in files] == [".docx", ".xlsx"]
        text = _text(files[0])
        if party:
            assert "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ TÂN LẬP" in text and "Số 01-QĐ/ĐU" in text
            assert "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;" in text and "T/M BAN THƯỜNG VỤ" in text
        else:
            assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN LẬP" in text and "Số: 01/QĐ-UBND" in text
            assert "QUYẾT ĐỊNH:" in text
        assert (
            "Điều 1." in text
            and "I. TẬP THỂ" in text
            and "II. CÁ NHÂN" in text
            and "III. HỘ GIA ĐÌNH" in text
        )
        assert "(Kèm theo Quyết định số 01" in text and "ngày 12/11/2025" in text
        bold_leads = [r.text for p in Document(str(files[0])).paragraphs for r in p.runs if r.bold]
        assert "Điều 1. " in bold_leads
        ballots_files = papers.export_ballots(
            session, ExportContext(out_dir=out, meeting_id=meeting.id, options={"copies": 3})
        )
        assert _text(ballots_files[0]).count("PHIẾU BẦU") == 3
        tally = papers.export_tally(
            session, ExportContext(out_dir=out, meeting_id=meeting.id, options={"blank": True})
        )
        assert "BIÊN BẢN KIỂM PHIẾU" in _text(tally[0]) and tally[1].suffix == ".xlsx"


def test_demo_has_a_held_meeting_with_a_decision(session):
    from dienhinh_desktop.services.demo import build_demo

    result = build_demo(session, size=60, today=date(2025, 12, 1))
    meeting = M.get_meeting(session, result.extras["meeting_id"])
    assert len(M.active_members(meeting.council)) == 9
    q = M.quorum_check(session, meeting)
    assert (q.total, q.present, q.absent) == (9, 8, 1)
    assert all(b.agree is not None for b in meeting.ballots) and meeting.ballots
    decision = session.get(Decision, result.extras["meeting_decision_id"])
    assert decision.entries and decision.meeting_id == meeting.id
    assert all(e.candidate.status == CandidateStatus.RECOGNISED.value for e in decision.entries)


def test_cli_whole_meeting(db, tmp_path, capsys):
    from dienhinh_desktop.cli.main import main
    from dienhinh_desktop.services.demo import build_demo

    with db.transaction() as s:
        build_demo(s, size=60, today=date(2025, 12, 1))
    url = str(db.url)
    db.close()

    def run(*argv):
        capsys.readouterr()
        code = main(["--db", url, *argv, "--json"])
        out = capsys.readouterr().out
        return code, json.loads(out) if out.strip() else None

    code, meetings = run("meetings", "list")
    assert code == 0 and {"id", "date", "title"} <= set(meetings[0])
    code, councils = run("meetings", "councils")
    council = councils[0]["id"]
    code, shown = run(
        "meetings",
        "create",
        "--council",
        council[:8],
        "--date",
        "25/11/2025",
        "--time",
        "8:00",
        "--place",
        "Phòng họp",
    )
    assert code == 0 and shown["ballots"] >= 1
    mid = shown["id"]
    name = shown["tallies"][0]["name"]
    code, _ = run(
        "meetings", "attendance", mid, "--member", "Trần Quốc Hưng", "--status", "absent", "--reason", "Ốm"
    )
    assert code == 0
    code, err = run("meetings", "tally", mid, "--candidate", name, "--issued", "9", "--agree", "5")
    assert code == 2 and "nhiều hơn số thành viên tham gia biểu quyết" in err["error"]["message"]
    for t in shown["tallies"]:
        code, res = run(
            "meetings",
            "tally",
            mid,
            "--candidate",
            t["candidate_id"][:8],
            "--issued",
            "8",
            "--returned",
            "8",
            "--valid",
            "8",
            "--agree",
            "6",
        )
        assert code == 0 and res["result"] == "passed" and res["text"] == "6/9 tổng số thành viên = 66,67%"
    code, dec = run("meetings", "issue-decision", mid, "--date", "26/11/2025")
    assert code == 0 and dec["number"].endswith("-QĐ/ĐU") and len(dec["entries"]) == len(shown["tallies"])
    code, files = run("export", "minutes", "--out", str(tmp_path), "--meeting", mid)
    assert code == 0 and files["files"][0].endswith(".docx")
    code, files = run("export", "decision", "--out", str(tmp_path), "--meeting", mid)
    assert code == 0 and len(files["files"]) == 2
