"""Recording a received decision: one transaction, re-import changes nothing, bad files write nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.exchange.decision_import import apply_decision, preview_decision
from dienhinh_desktop.models import Attachment, Candidate, Decision, DecisionEntry, Recognition, StatusChange

CORPUS = Path(__file__).parent / "corpus" / "decisions"
sys.path.insert(0, str(CORPUS))
import make_corpus  # noqa: E402


def _counts(session) -> dict[str, int]:
    return {
        m.__name__: session.scalar(select(func.count()).select_from(m))
        for m in (Decision, DecisionEntry, Recognition, StatusChange, Attachment)
    }


@pytest.fixture
def commune(bare_db):
    with bare_db.transaction() as s:
        ids = make_corpus.populate(s)
    return bare_db, ids


def test_preview_is_the_cli_json_and_writes_nothing(commune, tmp_path: Path) -> None:
    db, ids = commune
    f = tmp_path / "qd_2345_ubnd.docx"
    make_corpus.write_f2(f)
    with db.session() as s:
        before = _counts(s)
        out = preview_decision(s, f)
        assert _counts(s) == before
    assert out["decision"] == {
        **out["decision"],
        "number": "2345/QĐ-UBND",
        "date": "2026-12-20",
        "issuer": "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "award": "merit",
    }
    assert out["already_imported"] is False
    first = out["entries"][0]
    assert set(first) >= {"row", "name", "unit", "match"}
    assert set(first["match"]) >= {"status", "candidate_id", "suggestions"}
    assert first["match"]["candidate_id"] == ids["t_cb_kema"]
    assert all(
        set(sg) == {"candidate_id", "score"} for e in out["entries"] for sg in e["match"]["suggestions"]
    )
    assert out["counts"] == {"auto": 5, "review": 1, "none": 2}


def test_apply_records_everything_then_reimport_changes_nothing(commune, tmp_path: Path) -> None:
    db, ids = commune
    f = tmp_path / "qd_125_tinh_uy.docx"
    make_corpus.write_f1(f)
    files = tmp_path / "files"
    with db.session() as s:
        # The officer confirms the review entry 13 («Trần Văn Hạ» is our Trần Văn Hà) and refuses none.
        out = apply_decision(s, f, confirmations={13: ids["p_ha"]}, accept_auto=True, data_dir=files)
    assert out["already_imported"] is False
    recorded = {r["candidate_id"]: r["how"] for r in out["recorded"]}
    assert recorded[ids["p_ha"]] == "confirmed"
    assert recorded[ids["p_an75"]] == "auto"
    assert ids["p_duc"] not in recorded  # review, not confirmed
    assert len(recorded) == 12
    with db.session() as s:
        d = s.scalars(select(Decision)).one()
        assert (d.direction, d.source, d.number, d.award_kind) == (
            "received",
            "file",
            "125-QĐ/TU",
            "recognition",
        )
        assert len(d.content_hash) == 64
        assert len(d.entries) == 18
        att = s.get(Attachment, d.file_attachment_id)
        assert att.owner_type == "decision" and att.owner_id == d.id
        stored = files / att.stored_path
        assert stored.read_bytes() == f.read_bytes()
        assert att.stored_path.startswith(f"attachments/{att.sha256[:2]}/{att.sha256}")
        ha = s.get(Candidate, ids["p_ha"])
        assert ha.status == "recognised"
        rec = s.scalars(select(Recognition).where(Recognition.candidate_id == ha.id)).one()
        assert (rec.decision_id, rec.level, rec.decision_number, rec.kind) == (
            d.id,
            "upper",
            "125-QĐ/TU",
            "recognition",
        )
        assert rec.decision_date.isoformat() == "2026-12-12"
        last = s.scalars(
            select(StatusChange).where(
                StatusChange.candidate_id == ha.id, StatusChange.ref_type == "decision"
            )
        ).one()
        assert last.ref_id == d.id and last.to_status == "recognised"
        assert last.reason.startswith("Theo Quyết định số 125-QĐ/TU ngày 12/12/2026")
        assert s.get(Candidate, ids["p_duc"]).status == "proposed"
        entry13 = [e for e in d.entries if e.row_no == 13][0]
        assert (entry13.match_status, entry13.candidate_id) == ("confirmed", ids["p_ha"])
        before = _counts(s)
        again = apply_decision(s, f, accept_auto=True, data_dir=files)
        assert again["already_imported"] is True and again["decision_id"] == d.id
        assert "không thay đổi" in again["message"]
        assert _counts(s) == before
        assert preview_decision(s, f)["already_imported"] is True


def test_award_sets_rewarded(commune, tmp_path: Path) -> None:
    db, ids = commune
    f = tmp_path / "ds_56_hnd.xls"
    make_corpus.write_f4(f)
    with db.session() as s:
        out = apply_decision(s, f, accept_auto=True, data_dir=tmp_path / "files")
        assert len(out["recorded"]) == 4
        pom = s.get(Candidate, ids["p_pom"])
        assert pom.status == "rewarded"
        rec = s.scalars(select(Recognition).where(Recognition.candidate_id == pom.id)).one()
        assert rec.kind == "certificate" and "Giấy khen" in rec.title


def test_without_accept_auto_only_confirmed(commune, tmp_path: Path) -> None:
    db, ids = commune
    f = tmp_path / "qd_41_vni.docx"
    make_corpus.write_f6(f)
    with db.session() as s:
        out = apply_decision(s, f, confirmations={2: ids["p_hoa"], 3: None}, data_dir=tmp_path / "files")
        assert [r["candidate_id"] for r in out["recorded"]] == [ids["p_hoa"]]
        assert s.scalar(select(func.count()).select_from(Recognition)) == 1


def test_error_rolls_back_everything(commune, tmp_path: Path) -> None:
    db, ids = commune
    f = tmp_path / "qd_2345_ubnd.docx"
    make_corpus.write_f2(f)
    with db.session() as s:
        before = _counts(s)
        with pytest.raises(UserError, match="không tìm thấy điển hình"):
            apply_decision(
                s, f, confirmations={1: "khong-co-ma-nay"}, accept_auto=True, data_dir=tmp_path / "f"
            )
        with pytest.raises(UserError, match="dòng số 99"):
            apply_decision(s, f, confirmations={99: ids["p_an90"]}, data_dir=tmp_path / "f")
        assert _counts(s) == before
        assert s.get(Candidate, ids["p_an90"]).status == "proposed"


def test_hostile_file_writes_nothing(commune, tmp_path: Path) -> None:
    import zipfile

    db, _ids = commune
    bomb = tmp_path / "qd.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/x.bin", b"\x00" * (8 * 1024 * 1024))
    with db.session() as s:
        before = _counts(s)
        with pytest.raises(UserError):
            apply_decision(s, bomb, accept_auto=True, data_dir=tmp_path / "files")
        assert _counts(s) == before
    assert not (tmp_path / "files").exists()
