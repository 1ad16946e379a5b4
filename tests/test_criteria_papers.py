"""Assessment papers: self-assessment report, achievement report, appraisal list (.docx and
.xlsx) in both profiles; the achievement summary (trích ngang)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from dienhinh_desktop.documents.exporters import ExportContext, run_export
from dienhinh_desktop.documents.papers.assessment import achievement_summary
from dienhinh_desktop.models import Plan, Recognition, Unit
from dienhinh_desktop.services import criteria as cr
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.office import init_office
from dienhinh_desktop.services.plan_templates import copy_plan

SEED_002 = "002_e5ed6906e364e8a2"


def _fill(session, cand, *, skip: tuple[str, ...] = (), low: tuple[str, ...] = ()) -> None:
    texts = {
        "boolean": "Thực hiện nghiêm túc; được chi bộ, nhân dân ghi nhận.",
    }
    for it in cr.checklist_for(session, cand):
        c = it.criterion
        if c.code in skip:
            continue
        scale = cr.rating_scale(c)
        pick = scale[-1] if c.code in low else scale[0]
        if c.value_type == "rating":
            cr.save_self_assessment(
                session, cand, c, rating=pick, self_text=f"Năm 2025 được xếp loại «{pick}»."
            )
        elif c.value_type == "number":
            num, den = (45, 50) if c.code in low else ((47, 50) if c.threshold_strict else (6, 6))
            cr.save_self_assessment(
                session,
                cand,
                c,
                numerator=num,
                denominator=den,
                self_evidence="Biên bản kiểm điểm cuối năm 2025",
            )
        elif c.value_type == "rating_years":
            cr.save_self_assessment(
                session,
                cand,
                c,
                yearly_ratings={"2024": scale[0], "2025": scale[1]},
                self_evidence="Quyết định xếp loại của Đảng ủy xã các năm 2024, 2025",
            )
        else:
            cr.save_self_assessment(
                session,
                cand,
                c,
                self_met=c.code not in low,
                self_text=texts["boolean"],
                self_evidence="Nghị quyết, kế hoạch của chi bộ",
            )


def build_demo(session, *, party: bool) -> dict[str, object]:
    """A commune with a copy of the seed-002 plan and four candidates of every kind."""
    if party:
        init_office(
            session,
            "Đảng ủy xã Tân Lập",
            party=True,
            province="Lào Cai",
            signer_name="Hoàng Văn Giang",
            signer_title="Phó Bí thư",
        )
    else:
        init_office(
            session,
            "UBND xã Tân Lập",
            party=False,
            province="Lào Cai",
            signer_name="Nguyễn Đức Thắng",
            signer_title="Chủ tịch",
        )
    tpl = session.scalars(select(Plan).where(Plan.template_key == SEED_002)).one()
    plan = copy_plan(session, tpl.id, name="Kế hoạch xây dựng điển hình tiên tiến xã Tân Lập 2025-2030")
    plan.code = "12-KH/ĐU" if party else "45/KH-UBND"
    plan.period_start, plan.period_end = date(2025, 1, 1), date(2030, 12, 31)
    fields = {f.code: f for f in plan.fields}
    cell = Unit(name="Chi bộ thôn Nà Phát", kind="party_cell")
    school = Unit(name="Trường THCS Tân Lập", kind="school")
    session.add_all([cell, school])
    session.flush()

    coll = create_candidate(
        session,
        plan_id=plan.id,
        kind="collective",
        name="Chi bộ thôn Nà Phát",
        collective_type="party_org",
        leader_name="Lò Văn Sáng",
        member_count=32,
        address="Thôn Nà Phát, xã Tân Lập",
        field_id=fields["LV1"].id,
        unit_id=cell.id,
        registration_content="Mô hình «Chi bộ 4 tốt»: lãnh đạo tốt, đoàn kết tốt, phát triển kinh tế tốt, "
        "xây dựng nông thôn mới tốt.",
        achievement_tasks="Chi bộ có 32 đảng viên, lãnh đạo toàn diện các mặt công tác của thôn Nà Phát "
        "(186 hộ, 812 nhân khẩu, 95% đồng bào dân tộc Tày).",
        achievement_results="Năm 2025, thôn hoàn thành 100% chỉ tiêu được giao; thu nhập bình quân đạt "
        "52 triệu đồng/người/năm; tỷ lệ hộ nghèo giảm còn 1,6%; 98% hộ đạt danh hiệu «Gia đình văn hóa».\n"
        "Chi bộ duy trì sinh hoạt chuyên đề học tập và làm theo Bác hằng quý, mỗi đảng viên đăng ký một việc làm cụ thể.",
        achievement_initiatives="Mô hình «Mỗi đảng viên giúp đỡ một hộ khó khăn»; tổ hợp tác trồng quế hữu cơ 45 ha.",
    )
    teacher = create_candidate(
        session,
        plan_id=plan.id,
        kind="individual",
        name="Nguyễn Thị Hằng",
        birth_year=1985,
        gender="female",
        ethnicity="Tày",
        position="Giáo viên",
        position_unit="Giáo viên Trường THCS Tân Lập",
        education="Đại học sư phạm",
        is_party_member=True,
        is_civil_servant=True,
        field_id=fields["LV6"].id,
        unit_id=school.id,
        address="Thôn Nà Phát, xã Tân Lập",
        achievement_tasks="Giáo viên dạy môn Ngữ văn, chủ nhiệm lớp 9A; Bí thư Chi đoàn giáo viên.",
        achievement_results="Tỷ lệ học sinh lớp chủ nhiệm lên lớp 100%; có 05 học sinh đạt giải học sinh giỏi cấp tỉnh "
        "năm học 2024-2025. Vận động quyên góp 120 bộ sách giáo khoa cho học sinh khó khăn.",
        achievement_initiatives="Sáng kiến «Dạy học Ngữ văn gắn với di sản văn hóa Tày» được công nhận cấp huyện.",
    )
    soldier = create_candidate(
        session,
        plan_id=plan.id,
        kind="individual",
        name="Vàng A Dính",
        birth_year=1990,
        gender="male",
        ethnicity="Mông",
        position_unit="Phó Chỉ huy trưởng Ban Chỉ huy Quân sự xã Tân Lập",
        is_party_member=True,
        is_armed_forces=True,
        field_id=fields["LV4"].id,
    )
    household = create_candidate(
        session,
        plan_id=plan.id,
        kind="household",
        name="Hộ ông Lò Văn Pọm",
        birth_year=1968,
        gender="male",
        ethnicity="Tày",
        address="Thôn Nà Phát, xã Tân Lập",
        member_count=5,
    )
    session.add_all(
        [
            Recognition(
                candidate_id=teacher.id,
                kind="certificate",
                title="Giấy khen",
                year=2023,
                decision_number="215/QĐ-UBND",
                decision_date=date(2023, 8, 20),
                issuer="UBND huyện Văn Bàn",
                source="manual",
                level="past",
            ),
            Recognition(
                candidate_id=teacher.id,
                kind="other",
                title="Chiến sĩ thi đua cơ sở",
                year=2024,
                decision_number="1032/QĐ-UBND",
                decision_date=date(2024, 9, 5),
                issuer="UBND huyện Văn Bàn",
                source="manual",
                level="past",
            ),
            Recognition(
                candidate_id=coll.id,
                kind="certificate",
                title="Giấy khen chi bộ hoàn thành xuất sắc nhiệm vụ",
                year=2024,
                decision_number="86-QĐ/ĐU",
                decision_date=date(2025, 1, 10),
                issuer="Đảng ủy xã Tân Lập",
                source="manual",
                level="past",
            ),
        ]
    )
    _fill(session, coll)
    _fill(session, teacher)
    _fill(session, soldier, skip=("II.2.2.c",), low=("II.2.2.f",))
    session.flush()
    return {"plan": plan, "coll": coll, "teacher": teacher, "soldier": soldier, "household": household}


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for c in row.cells:
                parts.append(c.text)
    return "\n".join(parts)


def _export(session, what: str, out: Path, **kw) -> list[Path]:
    return run_export(session, what, ExportContext(out_dir=out, **kw))


@pytest.mark.parametrize("party", [True, False])
def test_self_assessment_papers(session, tmp_path, party):
    demo = build_demo(session, party=party)
    files = _export(session, "self-assessment", tmp_path, plan_id=demo["plan"].id)
    assert len(files) == 4 and all(f.suffix == ".docx" for f in files)
    by_name = {f.name.split("-")[4]: f for f in files}
    teacher = _text(next(f for f in files if "nguyen-thi-hang" in f.name))
    assert zipfile.is_zipfile(files[0]) and by_name
    for heading in (
        "BÁO CÁO",
        "Tự đánh giá kết quả thực hiện các tiêu chí xây dựng điển hình tiên tiến giai đoạn 2025 - 2030",
        "I. THÔNG TIN CHUNG",
        "II. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ",
        "III. TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ",
        "NGƯỜI BÁO CÁO",
        "Nguyễn Thị Hằng",
        "áp dụng vì là đảng viên",
        "tự đánh giá đạt 5/5 tiêu chí bắt buộc",
        "Kính gửi:",
    ):
        assert heading in teacher, heading
    assert ("ĐẢNG CỘNG SẢN VIỆT NAM" in teacher) == party
    assert ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in teacher) != party
    coll = _text(next(f for f in files if "chi-bo-thon" in f.name))
    assert "CHI BỘ THÔN NÀ PHÁT" in coll
    assert ("ĐẢNG BỘ XÃ TÂN LẬP" if party else "ỦY BAN NHÂN DÂN XÃ TÂN LẬP") in coll
    assert "47/50" in coll and "94%" in coll
    soldier = _text(next(f for f in files if "vang-a-dinh" in f.name))
    assert "tiếp tục phấn đấu" in soldier and "Chưa đạt" in soldier
    household = _text(next(f for f in files if "lo-van-pom" in f.name))
    assert "chưa có tiêu chí nào áp dụng" in household


@pytest.mark.parametrize("party", [True, False])
def test_achievement_reports(session, tmp_path, party):
    demo = build_demo(session, party=party)
    files = _export(
        session,
        "achievement-report",
        tmp_path,
        candidate_ids=[demo["teacher"].id, demo["coll"].id, demo["household"].id],
    )
    teacher, coll, household = (_text(f) for f in files)
    for heading in (
        "BÁO CÁO THÀNH TÍCH",
        "I. SƠ LƯỢC LÝ LỊCH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận",
        "2. Thành tích đạt được",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "215/QĐ-UBND ngày 20/08/2023",
        "Chiến sĩ thi đua cơ sở",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
        "Ngữ văn",
    ):
        assert heading in teacher, heading
    for heading in (
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "1. Đặc điểm, tình hình",
        "2. Chức năng, nhiệm vụ được giao",
        "Tên tập thể: Chi bộ thôn Nà Phát",
        "Số, ngày, tháng, năm của quyết định",
        "86-QĐ/ĐU",
    ):
        assert heading in coll, heading
    assert ("T/M CẤP ỦY" in coll) == party
    assert "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH" in household and "CHỦ HỘ" in household
    assert "Chưa có hình thức khen thưởng nào" in household


@pytest.mark.parametrize("party", [True, False])
def test_appraisal_list_docx_and_xlsx(session, tmp_path, party):
    demo = build_demo(session, party=party)
    demo["teacher"].summary = "=1+1 (trích ngang do cán bộ viết)"
    session.flush()
    files = _export(session, "appraisal-list", tmp_path, plan_id=demo["plan"].id)
    docx_path = next(f for f in files if f.suffix == ".docx")
    xlsx_path = next(f for f in files if f.suffix == ".xlsx")
    text = _text(docx_path)
    for heading in (
        "DANH SÁCH",
        "Tập thể, cá nhân đạt đủ tiêu chí, đề nghị công nhận điển hình tiên tiến",
        "I. TẬP THỂ",
        "II. CÁ NHÂN",
        "Chi bộ thôn Nà Phát",
        "Nguyễn Thị Hằng",
        "Đạt 5/5 tiêu chí",
        "Tóm tắt thành tích",
        "Tổng số: 01 tập thể, 01 cá nhân đạt đủ tiêu chí",
    ):
        assert heading in text, heading
    assert "Vàng A Dính" not in text and "Lò Văn Pọm" not in text
    assert ("Số" in text) and ("DS" in text)  # a blank left for the number
    ws = load_workbook(xlsx_path).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    formula = cells["=1+1 (trích ngang do cán bộ viết)"]
    assert formula.data_type == "s"
    assert cells["1985"].data_type == "s"  # a birth year typed by the user stays text
    assert "Nguyễn Thị Hằng" in cells and "Vàng A Dính" not in cells
    # scope=all lists everyone with the result
    files = run_export(
        session,
        "appraisal-list",
        ExportContext(out_dir=tmp_path / "all", plan_id=demo["plan"].id, options={"scope": "all"}),
    )
    text = _text(next(f for f in files if f.suffix == ".docx"))
    assert "Vàng A Dính" in text and "chưa đủ" in text and "Còn thiếu" in text


def test_appraisal_list_takes_a_number_when_asked(session, tmp_path):
    demo = build_demo(session, party=True)
    files = run_export(
        session,
        "appraisal-list",
        ExportContext(out_dir=tmp_path, plan_id=demo["plan"].id, options={"take_number": True}),
    )
    text = _text(next(f for f in files if f.suffix == ".docx"))
    assert "Số 01-DS/ĐU" in text


def test_achievement_summary(session):
    demo = build_demo(session, party=True)
    teacher = demo["teacher"]
    text = achievement_summary(teacher, session)
    lines = text.split("\n")
    assert 2 <= len(lines) <= 4
    assert lines[0].startswith("Tỷ lệ học sinh lớp chủ nhiệm lên lớp 100%")
    assert lines[1] == "Sáng kiến «Dạy học Ngữ văn gắn với di sản văn hóa Tày» được công nhận cấp huyện."
    assert lines[-1] == (
        "Khen thưởng: Chiến sĩ thi đua cơ sở của UBND huyện Văn Bàn (2024); "
        "Giấy khen của UBND huyện Văn Bàn (2023)."
    )
    soldier = achievement_summary(demo["soldier"], session)
    assert soldier.split("\n") == [
        "Phó Chỉ huy trưởng Ban Chỉ huy Quân sự xã Tân Lập; đảng viên.",
        "Đạt 3/5 tiêu chí điển hình tiên tiến.",
    ]
    teacher.summary = "Giáo viên giỏi cấp tỉnh 3 năm liền."
    assert achievement_summary(teacher, session) == "Giáo viên giỏi cấp tỉnh 3 năm liền."
    long = demo["coll"]
    long.achievement_results = "Thành tích rất dài. " * 60
    assert len(achievement_summary(long, session)) <= 400


def test_templates_have_no_broken_tags():
    from dienhinh_desktop.documents.engine import find_bad_tags, template_path

    for name in ("self_assessment.docx", "achievement_report.docx", "appraisal_list.docx"):
        assert find_bad_tags(template_path(name)) == [], name
