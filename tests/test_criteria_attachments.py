"""Attachments per criterion: stored once by content under attachments/<sha[:2]>/."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Plan
from dienhinh_desktop.services import attachments as att
from dienhinh_desktop.services import criteria as cr
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.plan_templates import copy_plan


@pytest.fixture
def cand_and_criterion(session):
    tpl = session.scalars(select(Plan).where(Plan.template_key == "002_e5ed6906e364e8a2")).one()
    plan = copy_plan(session, tpl.id)
    cand = create_candidate(
        session, plan_id=plan.id, kind="individual", name="Hoàng Thị Mai", birth_year=1990
    )
    return cand, cr.checklist_for(session, cand)[0].criterion


def test_add_list_path_dedup(session, tmp_path, cand_and_criterion):
    cand, crit = cand_and_criterion
    files = tmp_path / "tep"
    src = tmp_path / "Bản nhận xét chi bộ.PDF"
    src.write_bytes(b"%PDF-1.4 noi dung")
    sha = hashlib.sha256(src.read_bytes()).hexdigest()

    a = cr.ensure_assessment(session, cand, crit)
    first = att.add_attachment(session, files, src, "assessment", a.id, cand.id, "Nhận xét của chi bộ")
    assert first.stored_path == f"attachments/{sha[:2]}/{sha}.pdf"
    assert first.file_name == "Bản nhận xét chi bộ.PDF" and first.size == src.stat().st_size
    assert first.mime == "application/pdf" and first.description == "Nhận xét của chi bộ"
    path = att.attachment_path(files, first)
    assert path.read_bytes() == src.read_bytes()

    copy = tmp_path / "ban-sao.pdf"
    copy.write_bytes(src.read_bytes())
    second = att.add_attachment(session, files, copy, "assessment", a.id, cand.id)
    assert second.stored_path == first.stored_path  # one file on disk
    assert [x.id for x in att.list_attachments(session, "assessment", a.id)] == [first.id, second.id]
    assert att.count_attachments(session, "assessment", [a.id]) == {a.id: 2}
    assert len(att.list_candidate_attachments(session, cand.id)) == 2

    rel = att.remove_attachment(session, second)
    assert not att.delete_file_if_unused(session, files, rel)  # still used by the first
    assert path.exists()
    att.remove_attachment(session, first)
    assert att.delete_file_if_unused(session, files, rel)
    assert not path.exists()


def test_bad_files_refused(session, tmp_path, cand_and_criterion):
    cand, _crit = cand_and_criterion
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        att.add_attachment(session, tmp_path, tmp_path / "khong-co.pdf", "candidate", cand.id)
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="rỗng"):
        att.add_attachment(session, tmp_path, empty, "candidate", cand.id)
    with pytest.raises(UserError, match="không phải là một tệp"):
        att.add_attachment(session, tmp_path, tmp_path, "candidate", cand.id)
    odd = tmp_path / "anh.tar.gz;rm"
    odd.write_bytes(b"x")
    row = att.add_attachment(session, tmp_path / "tep", odd, "candidate", cand.id)
    assert "." not in row.stored_path.rsplit("/", 1)[1]  # a strange extension is not kept
