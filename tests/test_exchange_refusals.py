# ruff: noqa: F811  (pytest fixtures imported from tests/test_exchange_support.py)
"""Packages refused with a clear Vietnamese message and nothing written: bad hash, newer
format, wrong recipient (then accepted with the override), not a zip, path traversal (../
and absolute), zip bomb, hostile XML (in a docx inside the package, and as a part)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from dienhinh_desktop.db import open_database
from tests.test_exchange_support import (  # noqa: F401  (fixtures)
    cli,
    copy_db,
    offices_template,
    row_counts,
)

BOMB_XML = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>\n<w:document>&lol3;</w:document>'
)


@pytest.fixture(scope="module")
def good_package(offices_template: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dienhinh_desktop.exchange.package_export import export_package

    base = tmp_path_factory.mktemp("goi-tot")
    src = copy_db(offices_template["a"], base / "xa.sqlite3")
    db = open_database(src)
    try:
        with db.transaction() as s:
            res = export_package(s, base / "goi.dhpkg", files_dir=db.files_dir)
    finally:
        db.close()
    return Path(res["file"])


@pytest.fixture
def upper(offices_template: dict[str, Path], tmp_path: Path) -> Path:
    return copy_db(offices_template["upper"], tmp_path / "tinh" / "tinh.sqlite3")


def rebuild(
    src: Path,
    dst: Path,
    *,
    change: Callable[[dict[str, bytes]], None] | None = None,
    manifest: Callable[[dict], None] | None = None,
    rehash: bool = True,
    raw_extra: list[tuple[str, bytes]] = (),
) -> Path:
    """A copy of a package with members changed, the manifest's hashes recomputed (or not)."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    man = json.loads(members.pop("manifest.json"))
    if change:
        change(members)
    if rehash:
        man["files"] = [
            {"path": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for n, b in sorted(members.items())
        ]
    if manifest:
        manifest(man)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(man, ensure_ascii=False))
        for n, b in members.items():
            zf.writestr(n, b)
        for name, data in raw_extra:
            zf.writestr(zipfile.ZipInfo(name), data)
    return dst


def refused(upper: Path, pkg: Path, code: str, *extra: str) -> str:
    before = row_counts(upper)
    status, out = cli("--db", upper, "package", "import", pkg, *extra)
    assert status == 2, out
    assert out["error"]["code"] == code, out
    assert row_counts(upper) == before
    return out["error"]["message"]


def test_bad_hash(upper: Path, good_package: Path, tmp_path: Path) -> None:
    def tamper(m: dict[str, bytes]) -> None:
        data = json.loads(m["du-lieu.json"])
        data["candidates"][0]["values"]["name"] = "Nguyễn Văn Giả Mạo"
        m["du-lieu.json"] = json.dumps(data, ensure_ascii=False).encode()

    message = refused(
        upper, rebuild(good_package, tmp_path / "x.dhpkg", change=tamper, rehash=False), "bad_hash"
    )
    assert "SHA-256" in message and "du-lieu.json" in message


def test_member_not_listed(upper: Path, good_package: Path, tmp_path: Path) -> None:
    pkg = rebuild(good_package, tmp_path / "x.dhpkg", raw_extra=[("ho-so/them.txt", b"them")])
    refused(upper, pkg, "bad_hash")


def test_newer_format(upper: Path, good_package: Path, tmp_path: Path) -> None:
    pkg = rebuild(good_package, tmp_path / "x.dhpkg", manifest=lambda m: m.update(format_version=99))
    assert "phiên bản" in refused(upper, pkg, "format_too_new")


def test_wrong_recipient_then_override(upper: Path, good_package: Path, tmp_path: Path) -> None:
    pkg = rebuild(
        good_package,
        tmp_path / "x.dhpkg",
        manifest=lambda m: m.update(
            recipient={"name": "Ban Tuyên giáo và Dân vận Tỉnh ủy Yên Bái", "code": None}
        ),
    )
    message = refused(upper, pkg, "wrong_recipient")
    assert "Yên Bái" in message and "--force-recipient" in message
    status, out = cli("--db", upper, "package", "import", pkg, "--force-recipient")
    assert status == 0 and out["new"] == 2 and out["warnings"]


def test_not_a_zip(upper: Path, tmp_path: Path) -> None:
    pkg = tmp_path / "gia.dhpkg"
    pkg.write_text("Đây không phải tệp nén", encoding="utf-8")
    refused(upper, pkg, "bad_input")
    other = tmp_path / "khac.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("a.txt", "x")
    assert "manifest.json" in refused(upper, other, "not_a_package")


@pytest.mark.parametrize("name", ["../../ngoai-thu-muc.txt", "/etc/tuyet-doi.txt", "ho-so/../../x.txt"])
def test_path_traversal(upper: Path, good_package: Path, tmp_path: Path, name: str) -> None:
    pkg = rebuild(good_package, tmp_path / "x.dhpkg", raw_extra=[(name, b"x")])
    with zipfile.ZipFile(pkg) as zf:
        assert name in zf.namelist()
    assert "đường dẫn không an toàn" in refused(upper, pkg, "unsafe_file")
    assert not (tmp_path.parent / "ngoai-thu-muc.txt").exists()


def test_zip_bomb(upper: Path, good_package: Path, tmp_path: Path) -> None:
    def bomb(m: dict[str, bytes]) -> None:
        m["tep-dinh-kem/chung/bom.bin"] = b"\0" * (8 * 1024 * 1024)

    pkg = rebuild(good_package, tmp_path / "x.dhpkg", change=bomb)
    assert pkg.stat().st_size < 1024 * 1024
    assert "zip bomb" in refused(upper, pkg, "unsafe_file")


def test_entity_bomb_in_docx(upper: Path, good_package: Path, tmp_path: Path) -> None:
    def poison(m: dict[str, bytes]) -> None:
        name = next(n for n in m if n.endswith(".docx"))
        buf = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(m[name])) as src,
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            for info in src.infolist():
                out.writestr(
                    info.filename, BOMB_XML if info.filename == "word/document.xml" else src.read(info)
                )
        m[name] = buf.getvalue()

    pkg = rebuild(good_package, tmp_path / "x.dhpkg", change=poison)
    assert "DOCTYPE" in refused(upper, pkg, "unsafe_file")


def test_entity_bomb_xml_part(upper: Path, good_package: Path, tmp_path: Path) -> None:
    pkg = rebuild(
        good_package, tmp_path / "x.dhpkg", change=lambda m: m.update({"ho-so/du-lieu-phu.xml": BOMB_XML})
    )
    assert "DOCTYPE" in refused(upper, pkg, "unsafe_file")


def test_decision_package_refused_as_proposal(upper: Path, good_package: Path, tmp_path: Path) -> None:
    pkg = rebuild(good_package, tmp_path / "x.dhpkg", manifest=lambda m: m.update(kind="decision"))
    refused(upper, pkg, "wrong_kind")


def test_own_package_refused(offices_template: dict[str, Path], good_package: Path, tmp_path: Path) -> None:
    own = copy_db(offices_template["a"], tmp_path / "xa" / "xa.sqlite3")
    refused(own, good_package, "own_package")


def test_dry_run_writes_nothing(upper: Path, good_package: Path) -> None:
    before = row_counts(upper)
    status, out = cli("--db", upper, "package", "import", good_package, "--dry-run")
    assert status == 0 and out["new"] == 2 and out["dry_run"]
    assert row_counts(upper) == before


# --------------------------------------------------------------------------- wrong types in du-lieu.json
def _set_path(node: object, path: tuple, value: object) -> None:
    for key in path[:-1]:
        node = node[key]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]


def _with_data(src: Path, dst: Path, path: tuple, value: object) -> Path:
    """A well-formed package (hashes recomputed) whose data file has ``value`` at ``path``."""

    def change(m: dict[str, bytes]) -> None:
        data = json.loads(m["du-lieu.json"])
        _set_path(data, path, value)
        m["du-lieu.json"] = json.dumps(data, ensure_ascii=False).encode()

    return rebuild(src, dst, change=change)


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (("candidates", 0, "values", "birth_year"), "1985", ["điển hình «", "«birth_year»", "số nguyên"]),
        (
            ("candidates", 0, "values", "name"),
            ["Giàng A Páo"],
            ["điển hình «01", "«name»"],
        ),  # named by its id
        (("candidates", 0, "values", "is_party_member"), "có", ["«is_party_member»", "đúng/sai"]),
        (("candidates", 0, "values", "registered_on"), "31/02/2025", ["«registered_on»", "ngày"]),
        (("candidates", 0, "assessments", 0, "values", "self_met"), [1], ["phần đánh giá «", "«self_met»"]),
        (("candidates", 0, "assessments", 0, "values", "numerator"), "bảy", ["«numerator»", "phải là số"]),
        (("candidates", 0, "assessments"), 7, ["«assessments»", "danh sách"]),
        (("candidates", 0, "recognitions", 0, "decision_date"), "2025-13-45", ["khen thưởng «", "ngày"]),
        (("candidates", 0, "recognitions", 0, "id"), ["x"], ["khen thưởng «", "«id»"]),
        (("proposal",), "Tờ trình số 1", ["tờ trình", "bản ghi"]),
        (("documents", 0, "path"), {"a": 1}, ["tài liệu «", "«path»"]),
        (("candidates", 1), 5, ["điển hình thứ 2", "bản ghi"]),
    ],
)
def test_wrong_type_in_data_refused(
    upper: Path, good_package: Path, tmp_path: Path, path: tuple, value: object, words: list[str]
) -> None:
    pkg = _with_data(good_package, tmp_path / "sai.dhpkg", path, value)
    for extra in (("--dry-run",), ()):  # the preview and the import alike
        message = refused(upper, pkg, "bad_data", *extra)
        assert message.startswith("Gói «sai.dhpkg» có dữ liệu sai: ") and "chưa ghi gì" in message
        for word in words:
            assert word in message, message


def test_wrong_type_in_manifest_refused(upper: Path, good_package: Path, tmp_path: Path) -> None:
    pkg = rebuild(
        good_package, tmp_path / "x.dhpkg", manifest=lambda m: m["recipient"].update(code=15, name={"a": 1})
    )
    message = refused(upper, pkg, "bad_data")
    assert "tệp kê khai sai" in message and "nơi nhận" in message


def test_repeated_assessment_id_refused(upper: Path, good_package: Path, tmp_path: Path) -> None:
    def change(m: dict[str, bytes]) -> None:
        data = json.loads(m["du-lieu.json"])
        first, second = data["candidates"][0], data["candidates"][1]
        second["assessments"][0]["id"] = first["assessments"][0]["id"]
        m["du-lieu.json"] = json.dumps(data, ensure_ascii=False).encode()

    assert "lặp lại" in refused(upper, rebuild(good_package, tmp_path / "x.dhpkg", change=change), "bad_data")


@pytest.fixture(scope="module")
def decision_package(offices_template: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A decision package (for all units) recognising two of commune A's candidates."""
    from sqlalchemy import select

    from dienhinh_desktop.exchange import package_format as F
    from dienhinh_desktop.models import Candidate
    from tests.test_exchange_support import UPPER_NAME

    db = open_database(offices_template["a"])
    try:
        with db.session() as s:
            cands = list(s.scalars(select(Candidate).order_by(Candidate.name).limit(2)))
            ids = [(c.id, c.name) for c in cands]
    finally:
        db.close()
    sender = {"name": UPPER_NAME, "code": "15", "level": "province", "is_party": True}
    recipient = {"name": "Các đơn vị có hồ sơ đề nghị", "code": None, "all_units": True}
    writer = F.PackageWriter(kind=F.KIND_DECISION, sender=sender, recipient=recipient)
    decision = {"id": "7d1c5e2a-0000-4000-8000-000000000001", "number": "05-QĐ/TU", "date": "2026-12-01",
                "issuer": "Ban Thường vụ Tỉnh ủy Lào Cai", "award_kind": "recognition",
                "award_label": "Công nhận, ghi danh điển hình tiên tiến"}  # fmt: skip
    results = [
        {"candidate_id": cid, "name": name, "result": "recognised", "decision_id": decision["id"]}
        for cid, name in ids
    ]
    writer.add_json(
        F.DATA_FILE,
        {"schema": 1, "kind": "decision", "sender": sender, "recipient": recipient, "decisions": [decision],
         "results": results, "documents": [], "meeting": None},
    )  # fmt: skip
    path, _sha, _manifest = writer.write(tmp_path_factory.mktemp("qd") / "goi-quyet-dinh.dhpkg")
    return path


def test_decision_package_good_then_wrong_types(
    offices_template: dict[str, Path], decision_package: Path, tmp_path: Path
) -> None:
    unit = copy_db(offices_template["a"], tmp_path / "xa" / "xa.sqlite3")
    status, out = cli("--db", unit, "package", "import-decision", decision_package, "--dry-run")
    assert status == 0 and len(out["recorded"]) == 2, out
    cases = [
        (("decisions", 0, "date"), "31/02/2025", "«date»"),
        (("decisions", 0, "number"), ["05"], "«number»"),
        (("results", 0, "decision_id"), ["x"], "«decision_id»"),
        (("results", 1, "result"), {"a": 1}, "«result»"),
        (("results",), "tất cả", "«results»"),
    ]
    for i, (path, value, word) in enumerate(cases):
        pkg = _with_data(decision_package, tmp_path / f"qd-sai-{i}.dhpkg", path, value)
        for extra in (("--dry-run",), ()):
            before = row_counts(unit)
            status, out = cli("--db", unit, "package", "import-decision", pkg, *extra)
            assert status == 2 and out["error"]["code"] == "bad_data", out
            assert word in out["error"]["message"] and "có dữ liệu sai" in out["error"]["message"]
            assert row_counts(unit) == before


def test_schema_covers_synchronised_fields() -> None:
    from dienhinh_desktop.exchange import package_format as F

    assert set(F.CANDIDATE_VALUES_SCHEMA) == set(F.CANDIDATE_SYNC_FIELDS)
    assert set(F.ASSESSMENT_VALUES_SCHEMA) == set(F.ASSESSMENT_SYNC_FIELDS)
