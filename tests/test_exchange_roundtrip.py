# ruff: noqa: F811  (pytest fixtures imported from tests/test_exchange_support.py)
"""The round trip: two communes propose, the province imports, meets, decides and answers,
each commune imports the answer — through the command line, and through the services."""

from __future__ import annotations

import zipfile
from pathlib import Path

from sqlalchemy import func, select

from dienhinh_desktop.db import open_database
from dienhinh_desktop.models import (
    Attachment,
    BackupRecord,
    Candidate,
    Decision,
    PackageImport,
    Proposal,
    Recognition,
    StatusChange,
    Unit,
)
from tests.test_exchange_support import (  # noqa: F401  (fixtures)
    COMMUNE_A,
    COMMUNE_B,
    cli,
    offices,
    offices_template,
    row_counts,
    upper_meets_and_decides,
)


def test_round_trip_command_line(offices: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "goi"
    # 1. each commune exports the package of its chosen candidates (the demo has a draft proposal)
    code, a = cli("--db", offices["a"], "package", "export", "--out", out / "a.dhpkg")
    assert code == 0, a
    code, b = cli("--db", offices["b"], "package", "export", "--out", out / "b.dhpkg")
    assert code == 0, b
    assert a["candidates"] == 2 and b["candidates"] == 2 and len(a["sha256"]) == 64
    assert a["number"] and a["sender"]["code"] == COMMUNE_A[1] and b["sender"]["name"] == COMMUNE_B[0]
    with zipfile.ZipFile(a["file"]) as zf:
        names = zf.namelist()
    assert "manifest.json" in names and "du-lieu.json" in names
    assert any(n.startswith("ho-so/to-trinh-") for n in names)
    assert any(n.startswith("ho-so/danh-sach-de-nghi-") and n.endswith(".xlsx") for n in names)
    assert sum(n.startswith("ho-so/bao-cao-thanh-tich-") for n in names) == 2

    # 2. the province previews, then imports both; again: nothing changes
    code, preview = cli("--db", offices["upper"], "package", "import", a["file"], "--dry-run")
    assert code == 0 and preview["new"] == 2 and preview["dry_run"]
    code, res = cli("--db", offices["upper"], "package", "import", a["file"], b["file"])
    assert code == 0, res
    assert res["new"] == 4 and res["updated"] == 0 and res["conflicts"] == [] and res["rejected"] == []
    before = row_counts(offices["upper"])
    code, again = cli("--db", offices["upper"], "package", "import", a["file"])
    assert code == 0 and again["new"] == 0 and again["unchanged"] == 2 and again["already_imported"]
    assert row_counts(offices["upper"]) == before

    db = open_database(offices["upper"])
    try:
        with db.session() as s:
            imported = list(s.scalars(select(Candidate).where(Candidate.origin_unit_name.is_not(None))))
            assert {c.id for c in imported} == set(a["candidate_ids"]) | set(b["candidate_ids"])
            assert {c.origin_unit_name for c in imported} == {COMMUNE_A[0], COMMUNE_B[0]}
            assert all(c.unit.is_external for c in imported)
            assert {c.origin_unit_code for c in imported} == {COMMUNE_A[1], None}
            assert s.scalar(select(func.count()).select_from(Unit).where(Unit.is_external.is_(True))) == 2
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(BackupRecord)
                    .where(BackupRecord.reason == "truoc-nhap-goi")
                )
                >= 1
            )
            # the dossier's papers are kept, the achievement reports on each candidate
            assert (
                s.scalar(
                    select(func.count()).select_from(Attachment).where(Attachment.owner_type == "proposal")
                )
                >= 6
            )
            one = imported[0]
            assert (
                s.scalar(
                    select(func.count()).select_from(Attachment).where(Attachment.candidate_id == one.id)
                )
                >= 1
            )
    finally:
        db.close()

    # 3. the province appraises, meets, decides (one of commune B's is not chosen)
    b_names = []
    db = open_database(offices["b"])
    with db.session() as s:
        b_names = [s.get(Candidate, cid).name for cid in b["candidate_ids"]]
    db.close()
    upper = upper_meets_and_decides(offices["upper"], fail_names=(b_names[0],))
    assert len(upper["entries"]) == 3

    # 4. decision packages back, one per unit
    code, dec = cli(
        "--db",
        offices["upper"],
        "package",
        "export-decision",
        "--meeting",
        upper["meeting_id"],
        "--out",
        tmp_path / "tra-loi",
    )
    assert code == 0, dec
    by_unit = {f["unit"]: f for f in dec["files"]}
    assert set(by_unit) == {COMMUNE_A[0], COMMUNE_B[0]}
    with zipfile.ZipFile(by_unit[COMMUNE_A[0]]["file"]) as zf:
        assert any(n.startswith("ho-so/quyet-dinh-") and n.endswith(".docx") for n in zf.namelist())

    # 5. each commune imports its answer (a commune refuses the other's package)
    code, err = cli("--db", offices["a"], "package", "import-decision", by_unit[COMMUNE_B[0]]["file"])
    assert code == 2 and err["error"]["code"] == "wrong_recipient"
    code, ra = cli("--db", offices["a"], "package", "import-decision", by_unit[COMMUNE_A[0]]["file"])
    assert code == 0, ra
    assert len(ra["recorded"]) == 2 and ra["unknown"] == []
    code, rb = cli("--db", offices["b"], "package", "import-decision", by_unit[COMMUNE_B[0]]["file"])
    assert code == 0 and len(rb["recorded"]) == 1 and len(rb["not_selected"]) == 1
    code, again = cli("--db", offices["b"], "package", "import-decision", by_unit[COMMUNE_B[0]]["file"])
    assert code == 0 and again["already_imported"]

    db = open_database(offices["a"])
    try:
        with db.session() as s:
            d = s.scalars(select(Decision).where(Decision.direction == "received")).one()
            assert d.number == upper["decision_number"] and d.source == "package"
            att = s.get(Attachment, d.file_attachment_id)
            assert att.owner_type == "decision" and att.file_name.endswith(".docx")
            for cid in a["candidate_ids"]:
                c = s.get(Candidate, cid)
                assert c.status == "recognised"
                rec = s.scalars(
                    select(Recognition).where(Recognition.candidate_id == cid, Recognition.level == "upper")
                ).one()
                assert rec.decision_number == d.number and rec.issuer == d.issuer and rec.decision_date
                assert s.scalar(
                    select(StatusChange.id)
                    .where(StatusChange.candidate_id == cid, StatusChange.ref_id == d.id)
                    .limit(1)
                )
            assert s.scalars(select(Proposal)).first().status == "answered"
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(PackageImport)
                    .where(PackageImport.direction == "in", PackageImport.kind == "decision")
                )
                == 1
            )
    finally:
        db.close()


def test_round_trip_services(offices: dict[str, Path], tmp_path: Path) -> None:
    """The same through the services, with one package for all units."""
    from dienhinh_desktop.exchange.decision_package import export_decision_packages, import_decision_package
    from dienhinh_desktop.exchange.package_export import export_package
    from dienhinh_desktop.exchange.package_import import import_package

    files = {}
    for key in ("a", "b"):
        db = open_database(offices[key])
        with db.transaction() as s:
            files[key] = export_package(s, tmp_path / f"{key}.dhpkg", files_dir=db.files_dir)
        db.close()
    db = open_database(offices["upper"])
    with db.transaction() as s:
        for key in ("a", "b"):
            res = import_package(s, files[key]["file"], files_dir=db.files_dir)
            assert res["new"] == 2
    db.close()
    upper = upper_meets_and_decides(offices["upper"])
    db = open_database(offices["upper"])
    with db.transaction() as s:
        dec = export_decision_packages(s, tmp_path / "qd", decision_id=upper["decision_id"], one_for_all=True)
    db.close()
    assert len(dec["files"]) == 1 and dec["files"][0]["candidates"] == 4
    for key in ("a", "b"):
        db = open_database(offices[key])
        with db.transaction() as s:
            res = import_decision_package(s, dec["files"][0]["file"], files_dir=db.files_dir)
            assert len(res["recorded"]) == 2 and len(res["unknown"]) == 2
            assert {s.get(Candidate, cid).status for cid in files[key]["candidate_ids"]} == {"recognised"}
        db.close()
