"""`decisions import` on the command line: the JSON contract, dry run, accept-auto, re-import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from dienhinh_desktop.cli.main import main


def _decision_docx(path: Path, names: list[tuple[str, int]]) -> Path:
    doc = Document()
    doc.add_paragraph("ĐẢNG BỘ TỈNH LÀO CAI")
    doc.add_paragraph("Số 125-QĐ/TU")
    doc.add_paragraph("Lào Cai, ngày 12 tháng 12 năm 2026")
    doc.add_paragraph("QUYẾT ĐỊNH")
    doc.add_paragraph("Về việc công nhận, ghi danh điển hình tiên tiến")
    doc.add_paragraph("BAN THƯỜNG VỤ TỈNH ỦY")
    doc.add_paragraph("QUYẾT ĐỊNH:")
    doc.add_paragraph("Điều 1. Công nhận, ghi danh điển hình tiên tiến đối với các cá nhân có tên sau:")
    for i, (name, year) in enumerate(names, 1):
        doc.add_paragraph(f"{i}. Đồng chí {name}, sinh năm {year}, xã Tân Lập;")
    doc.add_paragraph("Điều 2. Quyết định có hiệu lực từ ngày ký.")
    doc.save(path)
    return path


@pytest.fixture
def commune(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    dbfile = str(tmp_path / "xa.sqlite3")
    assert (
        main(["--db", dbfile, "init", "--unit", "Đảng ủy xã Tân Lập", "--party", "--province", "Lào Cai"])
        == 0
    )
    assert main(["--db", dbfile, "plans", "list", "--json"]) == 0
    plans = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    template = next(p for p in plans if (p["template_key"] or "").startswith("002"))
    from dienhinh_desktop.db import open_database
    from dienhinh_desktop.services.plan_templates import copy_plan

    db = open_database(dbfile)
    with db.transaction() as s:
        copy_plan(s, template["id"], name="Kế hoạch xã Tân Lập 2025-2030")
    db.close()
    for name, year in [("Giàng A Páo", 1980), ("Nông Thị Hoa", 1975)]:
        assert (
            main(
                [
                    "--db",
                    dbfile,
                    "candidates",
                    "add",
                    "--kind",
                    "individual",
                    "--name",
                    name,
                    "--birth-year",
                    str(year),
                ]
            )
            == 0
        )
    capsys.readouterr()
    return dbfile


def test_preview_dry_run_then_accept_auto_then_again(commune: str, tmp_path: Path, capsys) -> None:
    path = _decision_docx(tmp_path / "qd.docx", [("Giàng A Páo", 1980), ("Nông Thị Hoa", 1975)])
    assert main(["--db", commune, "decisions", "import", str(path), "--dry-run", "--json"]) == 0
    preview = json.loads(capsys.readouterr().out)
    assert preview["decision"]["number"] == "125-QĐ/TU"
    assert preview["decision"]["date"] == "2026-12-12"
    assert [e["match"]["status"] for e in preview["entries"]] == ["auto", "auto"]

    assert main(["--db", commune, "candidates", "list", "--status", "recognised", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the dry run wrote nothing

    assert main(["--db", commune, "decisions", "import", str(path), "--accept-auto", "--json"]) == 0
    applied = json.loads(capsys.readouterr().out)["applied"]
    assert len(applied["recorded"]) == 2
    backups = list((Path(commune).parent / "xa-tep" / "backups").glob("*truoc-nhap-quyet-dinh*"))
    assert len(backups) == 1  # the data as it was before the import is kept
    assert main(["--db", commune, "candidates", "list", "--status", "recognised", "--json"]) == 0
    assert {c["name"] for c in json.loads(capsys.readouterr().out)} == {"Giàng A Páo", "Nông Thị Hoa"}

    assert main(["--db", commune, "decisions", "import", str(path), "--accept-auto", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["applied"]["already_imported"] is True


def test_a_file_that_is_not_a_decision_exits_2(commune: str, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "thu.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a docx")
    assert main(["--db", commune, "decisions", "import", str(bad), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["error"]["message"]
