"""Fuzzing every importer with malformed files (hypothesis).

Registration lists (import_registration_list), decision files (read_decision_file,
preview_decision, apply_decision) and exchange packages (import_package) are fed
truncated valid files, random bytes, bit flips, zip bombs, members whose paths leave the
folder, XML entity bombs ("billion laughs", external entities) inside the .docx/.xlsx,
enormous cells (1 MB strings), wrong types (dates where names go, negative years) and
formula strings ("=HYPERLINK(…)", "+cmd|'/c calc'!A0", "@SUM(1)").

The properties: nothing but a UserError escapes; no example hangs (a hard per-example
time limit on top of hypothesis' deadline); a refusal is a Vietnamese sentence; a refusal
leaves the session exactly as before (nothing half-written) and no example changes the
database (every table's row count, read through a fresh session, is as at the start).
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import signal
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Base

CORPUS = Path(__file__).parent / "corpus" / "decisions"
HARD_LIMIT_S = 30  # an example that takes this long is a hang
FUZZ = settings(
    deadline=timedelta(seconds=15),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    derandomize=True,  # the same cases on every run (CI failures reproduce)
    database=None,
    print_blob=True,
)
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
FORMULAS = [
    '=HYPERLINK("http://example.invalid/x","Bấm vào đây")',
    "+cmd|'/c calc'!A0",
    "@SUM(1)",
    "-2+3+cmd|'/c calc'!A0",
    "=1+1",
    "=cmd|' /C notepad'!'A1'",
]
ESCAPES = ["../evil.txt", "../../etc/passwd", "/tmp/tuyet-doi.txt", "C:\\Windows\\x.txt", "word/../../x.xml",
           "..\\..\\x.txt", "a/./../../b.xml"]  # fmt: skip
BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + ']>\n<root xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol9;</root>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<root>&x;</root>'
)
HUGE = "Nguyễn Văn Dài " * 70_000  # about 1 MB

COUNTS: dict[str, int] = {}


class Blob(bytes):
    """File contents that print short in hypothesis' reports."""

    def __repr__(self) -> str:
        return f"<{len(self)} byte(s) {bytes(self[:24])!r}…>"


class Quiet(tuple):
    def __repr__(self) -> str:
        return f"<{len(self)} items>"


# DIENHINH_FUZZ_SURVEY=1: record crashes (type and the program's line at fault) and go on,
# to list every distinct one in a single run instead of stopping at the first.
SURVEY = bool(os.environ.get("DIENHINH_FUZZ_SURVEY"))
CRASHES: dict[str, str] = {}


# --------------------------------------------------------------------------- the harness
class Hang(BaseException):
    """An example ran past HARD_LIMIT_S (BaseException: the code under test must not swallow it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _raise(*_args: Any) -> None:
        raise Hang(f"hơn {seconds} giây: treo")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def row_counts(session: Any) -> dict[str, int]:
    return {t.name: session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def assert_clear(exc: UserError, path: Path) -> None:
    message = exc.message or str(exc)
    assert message.strip(), "empty message"
    assert VIETNAMESE.search(message), f"not Vietnamese: {message!r}"
    assert "Traceback" not in message
    assert len(message) < 3000, f"a message of {len(message)} characters"


def exercise(name: str, db: Any, call: Callable[[Any], Any], path: Path, baseline: dict[str, int]) -> str:
    """Run one importer call on a session; return "ok" or "refused"."""
    COUNTS[name] = COUNTS.get(name, 0) + 1
    with db.session() as session:
        before = row_counts(session)
        try:
            with time_limit(HARD_LIMIT_S):
                call(session)
            outcome = "ok"
        except UserError as exc:
            assert_clear(exc, path)
            assert row_counts(session) == before, "a refused file left rows behind"
            outcome = "refused"
        except Exception as exc:
            if not SURVEY:
                raise
            import traceback

            frames = [f for f in traceback.extract_tb(exc.__traceback__) if "dienhinh_desktop" in f.filename]
            where = (
                f"{frames[-1].filename.split('dienhinh_desktop/')[-1]}:{frames[-1].lineno}" if frames else "?"
            )
            CRASHES.setdefault(f"{name}: {type(exc).__name__} at {where}", f"{exc}"[:300])
            outcome = "crash"
        finally:
            session.rollback()
    with db.session() as session:
        assert row_counts(session) == baseline, "the database changed"
    return outcome


def report(capsys: pytest.CaptureFixture[str], *names: str) -> None:
    with capsys.disabled():
        for name in names:
            print(f"\n[fuzz] {name}: {COUNTS.get(name, 0)} cases", end="")
            for key, message in CRASHES.items():
                if key.startswith(name + ":"):
                    print(f"\n[fuzz]   CRASH {key}: {message}", end="")


# --------------------------------------------------------------------------- files and mutations
def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def make_zip(members: dict[str, bytes], extra: list[tuple[str, bytes]] = ()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in members.items():
            zf.writestr(n, b)
        for n, b in extra:
            zf.writestr(zipfile.ZipInfo(n), b)
    return buf.getvalue()


@lru_cache(maxsize=16)
def bomb(base: bytes, part: str, megabytes: int) -> bytes:
    """``base`` with ``part`` replaced by megabytes of zeros (a ratio of about 1000:1)."""
    members = zip_members(base)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in members.items():
            if n != part:
                zf.writestr(n, b)
        with zf.open(part, "w", force_zip64=True) as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                fh.write(chunk)
    return buf.getvalue()


def xml_parts(base: bytes) -> list[str]:
    """The XML parts of an Office file; for a package, its members (data files, documents)."""
    names = sorted(zip_members(base))
    return [n for n in names if n.endswith((".xml", ".rels"))] or names


def malformed(base: bytes) -> st.SearchStrategy[bytes]:
    return _malformed(base).map(Blob)


@st.composite
def _malformed(draw: st.DrawFn, base: bytes) -> bytes:
    """A damaged or hostile variant of an Office file / zip ``base``."""
    how = draw(st.sampled_from(["truncate", "flip", "random", "bomb", "escape", "entity", "garbage_part"]))
    if how == "truncate":
        return base[: draw(st.integers(0, len(base) - 1))]
    if how == "flip":
        data = bytearray(base)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "random":
        head = draw(
            st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-1.4", b"<html>"])
        )
        return head + draw(st.binary(max_size=4096))
    parts = xml_parts(base)
    part = draw(st.sampled_from(parts))
    if how == "bomb":
        return bomb(base, part, draw(st.sampled_from([3, 20, 120])))
    members = zip_members(base)
    if how == "escape":
        return make_zip(members, [(draw(st.sampled_from(ESCAPES)), b"<x/>")])
    if how == "entity":
        xml = draw(st.sampled_from([BILLION_LAUGHS, EXTERNAL_ENTITY]))
        encoding = draw(st.sampled_from(["utf-8", "utf-16"]))
        hostile = (
            xml.encode(encoding) if encoding == "utf-8" else xml.replace("UTF-8", "UTF-16").encode("utf-16")
        )
        if part.endswith((".docx", ".xlsx")):  # a document inside a package: the bomb goes inside it
            inner = zip_members(members[part])
            inner[draw(st.sampled_from(sorted(n for n in inner if n.endswith((".xml", ".rels")))))] = hostile
            members[part] = make_zip(inner)
        else:
            members[part] = hostile
        return make_zip(members)
    members[part] = (
        draw(st.binary(max_size=300)) if draw(st.booleans()) else b"<?xml version='1.0'?><a><b></a>"
    )
    return make_zip(members)


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=40,
)
NASTY_CELL = st.one_of(
    st.sampled_from(FORMULAS),
    st.just(HUGE),
    st.sampled_from([-1985, -1, 0, 10**15, 1.5, 1985.0, float("inf"), -0.0, True, False]),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.integers(-(10**9), 10**9),
    _TEXT,
    st.none(),
)


def clean_for_excel(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "inf"
    return value


def registration_xlsx(rows: list[list[Any]], formulas_as_formulas: bool) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN"])
    ws.append(["STT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Chức vụ, đơn vị", "Đơn vị đăng ký"])
    for i, row in enumerate(rows, start=3):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(i, j, clean_for_excel(value))
            if isinstance(value, str) and not formulas_as_formulas:
                cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD_ROWS = [
    [1, "Nguyễn Văn An", 1980, "Nam", "Kinh", "Nông dân, thôn Nậm Cang", "Chi bộ thôn Nậm Cang"],
    [2, "Trần Thị Bình", 1985, "Nữ", "Tày", "Giáo viên", "Chi bộ Trường Tiểu học"],
    [3, "Chi bộ thôn Bản Mế", None, None, None, None, "Chi bộ thôn Bản Mế"],
]
REG_XLSX = Blob(registration_xlsx(GOOD_ROWS, False))


def registration_xls() -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Danh sách")
    ws.write(0, 0, "DANH SÁCH ĐĂNG KÝ")
    for j, h in enumerate(
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Chức vụ, đơn vị", "Đơn vị đăng ký"]
    ):
        ws.write(1, j, h)
    for i, row in enumerate(GOOD_ROWS, start=2):
        for j, v in enumerate(row):
            if v is not None:
                ws.write(i, j, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


REG_XLS = Blob(registration_xls())


# --------------------------------------------------------------------------- registration lists
@pytest.fixture
def commune(bare_db: Any) -> tuple[Any, str, dict[str, int]]:
    from dienhinh_desktop.models import Plan
    from dienhinh_desktop.services.candidates import create_candidate
    from dienhinh_desktop.services.office import init_office

    with bare_db.transaction() as s:
        init_office(s, "Đảng ủy xã Tân Lập", party=True, province="Lào Cai", officer_name="Lý Thị Hoa")
        plan = Plan(name="Kế hoạch xây dựng điển hình 2025 – 2030", status="active")
        s.add(plan)
        s.flush()
        create_candidate(s, plan_id=plan.id, kind="individual", name="Nguyễn Văn An", birth_year=1980)
        plan_id = plan.id
    with bare_db.session() as s:
        baseline = row_counts(s)
    return Quiet((bare_db, plan_id, baseline))


def _import_registration(path: Path, plan_id: str) -> Callable[[Any], Any]:
    from dienhinh_desktop.exchange.registration_import import import_registration_list

    return lambda session: import_registration_list(session, path, plan_id=plan_id)


@settings(FUZZ, max_examples=500)
@given(data=st.data())
def test_fuzz_registration_damaged_files(commune: Any, tmp_path: Path, data: st.DataObject) -> None:
    db, plan_id, baseline = commune
    base, suffix = data.draw(st.sampled_from([(REG_XLSX, ".xlsx"), (REG_XLS, ".xls")]), label="base")
    blob = data.draw(malformed(base) if suffix == ".xlsx" else st.one_of(
        st.integers(0, len(base) - 1).map(lambda k: base[:k]),
        st.binary(max_size=2048).map(lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b),
    ), label="file")  # fmt: skip
    path = tmp_path / f"danh-sach-dang-ky{suffix}"
    path.write_bytes(blob)
    exercise("registration damaged", db, _import_registration(path, plan_id), path, baseline)


@settings(FUZZ, max_examples=300)
@given(
    rows=st.lists(st.lists(NASTY_CELL, min_size=1, max_size=7), min_size=1, max_size=4),
    formulas_as_formulas=st.booleans(),
)
def test_fuzz_registration_strange_cells(
    commune: Any, tmp_path: Path, rows: list[list[Any]], formulas_as_formulas: bool
) -> None:
    """Dates where names go, negative years, 1 MB cells, formulas: imported as text or
    rejected row by row, never a crash."""
    db, plan_id, baseline = commune
    path = tmp_path / "danh-sach-la.xlsx"
    path.write_bytes(registration_xlsx(rows, formulas_as_formulas))
    captured: dict[str, Any] = {}

    def call(session: Any) -> None:
        captured["result"] = _import_registration(path, plan_id)(session)

    if exercise("registration cells", db, call, path, baseline) == "ok":
        result = captured["result"]
        for item in result["candidates"]:  # a name is text, kept as typed (never evaluated)
            assert isinstance(item["name"], str) and item["name"].strip()
        for rej in result["rejected"]:
            assert isinstance(rej["row"], int) and VIETNAMESE.search(rej["reason"]), rej


def test_fuzz_registration_report(capsys: pytest.CaptureFixture[str]) -> None:
    report(capsys, "registration damaged", "registration cells")


# --------------------------------------------------------------------------- decision files
sys.path.insert(0, str(CORPUS))


@pytest.fixture(scope="module")
def decision_bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    import make_corpus  # tests/corpus/decisions

    folder = tmp_path_factory.mktemp("qd")
    out = {}
    for suffix, writer in (
        (".docx", make_corpus.write_f1),
        (".xlsx", make_corpus.write_f3),
        (".xls", make_corpus.write_f4),
    ):
        writer(folder / f"qd{suffix}")
        out[suffix] = Blob((folder / f"qd{suffix}").read_bytes())
    return out


@pytest.fixture
def decision_office(bare_db: Any) -> tuple[Any, dict[str, int]]:
    import make_corpus

    with bare_db.transaction() as s:
        make_corpus.populate(s)
    with bare_db.session() as s:
        baseline = row_counts(s)
    return Quiet((bare_db, baseline))


def decision_docx(paragraphs: list[Any], cells: list[list[Any]]) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("QUYẾT ĐỊNH")
    for p in paragraphs:
        doc.add_paragraph(str(p))
    if cells:
        table = doc.add_table(rows=len(cells) + 1, cols=3)
        for j, h in enumerate(["STT", "Họ và tên", "Đơn vị"]):
            table.cell(0, j).text = h
        for i, row in enumerate(cells, start=1):
            for j, v in enumerate(row[:3]):
                table.cell(i, j).text = str(v)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _preview(path: Path) -> Callable[[Any], Any]:
    from dienhinh_desktop.exchange.decision_import import preview_decision
    from dienhinh_desktop.exchange.decision_reader import read_decision_file

    def call(session: Any) -> None:
        try:
            read_decision_file(path)
        except UserError:
            pass  # preview_decision must refuse it too (checked below)
        preview_decision(session, path)

    return call


@settings(FUZZ, max_examples=500)
@given(data=st.data())
def test_fuzz_decision_damaged_files(
    decision_office: Any, decision_bases: dict[str, bytes], tmp_path: Path, data: st.DataObject
) -> None:
    db, baseline = decision_office
    suffix = data.draw(st.sampled_from([".docx", ".xlsx", ".xls"]), label="suffix")
    base = decision_bases[suffix]
    if suffix == ".xls":
        blob = data.draw(st.integers(0, len(base) - 1).map(lambda k: base[:k]), label="truncated")
    else:
        blob = data.draw(malformed(base), label="file")
    path = tmp_path / f"quyet-dinh{suffix}"
    path.write_bytes(blob)
    exercise("decision preview damaged", db, _preview(path), path, baseline)


@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_fuzz_decision_apply_refuses_hostile_files(
    decision_office: Any, decision_bases: dict[str, bytes], tmp_path: Path, data: st.DataObject
) -> None:
    """apply_decision owns its transaction: a hostile or broken file is refused and nothing is committed."""
    from dienhinh_desktop.exchange.decision_import import apply_decision

    db, baseline = decision_office
    suffix = data.draw(st.sampled_from([".docx", ".xlsx"]), label="suffix")
    base = decision_bases[suffix]
    members = zip_members(base)
    how = data.draw(st.sampled_from(["truncate", "random", "bomb", "escape", "entity"]), label="how")
    if how == "truncate":
        blob = base[: data.draw(st.integers(0, len(base) - 200), label="k")]
    elif how == "random":
        blob = data.draw(st.binary(max_size=2048), label="bytes")
    elif how == "bomb":
        blob = bomb(base, data.draw(st.sampled_from(xml_parts(base))), 20)
    elif how == "escape":
        blob = make_zip(members, [(data.draw(st.sampled_from(ESCAPES)), b"<x/>")])
    else:
        members[data.draw(st.sampled_from(xml_parts(base)), label="part")] = BILLION_LAUGHS.encode()
        blob = make_zip(members)
    path = tmp_path / f"quyet-dinh-hong{suffix}"
    path.write_bytes(blob)
    files = tmp_path / "tep"
    outcome = exercise(
        "decision apply hostile",
        db,
        lambda s: apply_decision(s, path, accept_auto=True, data_dir=files),
        path,
        baseline,
    )
    assert outcome == "refused"


@settings(FUZZ, max_examples=150)
@given(
    paragraphs=st.lists(
        st.one_of(NASTY_CELL, st.just("Số: 12/QĐ-UBND"), st.just("Điều 1. Công nhận")), max_size=5
    ),
    cells=st.lists(st.lists(NASTY_CELL, min_size=3, max_size=3), max_size=4),
)
def test_fuzz_decision_strange_text(
    decision_office: Any, tmp_path: Path, paragraphs: list[Any], cells: list[list[Any]]
) -> None:
    db, baseline = decision_office
    path = tmp_path / "quyet-dinh-la.docx"
    path.write_bytes(decision_docx(paragraphs, cells))
    exercise("decision strange text", db, _preview(path), path, baseline)


def test_fuzz_decision_report(capsys: pytest.CaptureFixture[str]) -> None:
    report(capsys, "decision preview damaged", "decision apply hostile", "decision strange text")


# --------------------------------------------------------------------------- exchange packages
@pytest.fixture(scope="module")
def good_package(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    """A real proposal package from a commune, and the province's database that receives it."""
    pytest.importorskip("dienhinh_desktop.exchange.package_import")
    from dienhinh_desktop.db import open_database
    from dienhinh_desktop.exchange.package_export import export_package
    from tests.test_exchange_support import COMMUNE_A, _make_commune, _make_upper

    base = tmp_path_factory.mktemp("goi")
    commune_db, upper = base / "xa.sqlite3", base / "tinh.sqlite3"
    _make_commune(commune_db, *COMMUNE_A, seed=11)
    _make_upper(upper)
    db = open_database(commune_db)
    try:
        with db.transaction() as s:
            res = export_package(s, base / "goi.dhpkg", files_dir=db.files_dir)
    finally:
        db.close()
    return Quiet((Blob(Path(res["file"]).read_bytes()), upper))


@pytest.fixture
def province(good_package: tuple[bytes, Path], tmp_path: Path) -> tuple[Any, dict[str, int]]:
    from dienhinh_desktop.db import open_database
    from tests.test_exchange_support import copy_db

    db = open_database(copy_db(good_package[1], tmp_path / "tinh" / "tinh.sqlite3"))
    with db.session() as s:
        baseline = row_counts(s)
    yield Quiet((db, baseline))
    db.close()


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [path] + [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [path] + [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _set(root: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    node = root
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return root


NASTY_JSON = st.one_of(
    st.sampled_from(FORMULAS),
    st.just(HUGE),
    st.sampled_from([-1985, 0, 10**18, 1.5, True, None, "2025-13-45", "31/02/2025", "", [], {}]),
    st.integers(),
    _TEXT,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(_TEXT, st.integers(), max_size=2),
)


def bad_package(base: bytes) -> st.SearchStrategy[bytes]:
    return _bad_package(base).map(Blob)


@st.composite
def _bad_package(draw: st.DrawFn, base: bytes) -> bytes:
    """Either a damaged zip, or a well-formed package (hashes recomputed) whose data file
    carries one value of the wrong type, size or content."""
    if draw(st.booleans()):
        return draw(malformed(base))
    import hashlib

    members = zip_members(base)
    manifest = json.loads(members.pop("manifest.json"))
    target = draw(st.sampled_from(["du-lieu.json", "du-lieu.json", "manifest.json"]))
    doc = manifest if target == "manifest.json" else json.loads(members["du-lieu.json"])
    paths = _leaves(doc)
    where = paths[draw(st.integers(0, len(paths) - 1))]
    doc = _set(doc, where, draw(NASTY_JSON))
    if target == "du-lieu.json":
        members["du-lieu.json"] = json.dumps(doc, ensure_ascii=False).encode()
    else:
        manifest = doc
    if isinstance(manifest, dict) and target != "manifest.json":
        manifest["files"] = [
            {"path": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for n, b in sorted(members.items())
        ]
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    return make_zip(members)


@settings(FUZZ, max_examples=300)
@given(data=st.data())
def test_fuzz_package_import(
    province: Any, good_package: tuple[bytes, Path], tmp_path: Path, data: st.DataObject
) -> None:
    package_import = pytest.importorskip("dienhinh_desktop.exchange.package_import")
    db, baseline = province
    blob = data.draw(bad_package(good_package[0]), label="package")
    path = tmp_path / "goi-la.dhpkg"
    path.write_bytes(blob)
    files = tmp_path / "tep"
    exercise(
        "package import",
        db,
        lambda s: package_import.import_package(s, path, files_dir=files),
        path,
        baseline,
    )


def test_fuzz_package_report(capsys: pytest.CaptureFixture[str]) -> None:
    report(capsys, "package import")


def test_a_zip_claiming_a_newer_zip_version_is_refused(tmp_path: Path) -> None:
    """Found by the fuzzer on the PostgreSQL pass: a damaged "version needed to extract" in
    the central directory made zipfile raise NotImplementedError past the checks."""
    from dienhinh_desktop.errors import UserError
    from dienhinh_desktop.exchange.safe_zip import check_zip

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buf.getvalue())
    at = data.index(b"PK\x01\x02") + 6  # the central directory's "version needed"
    data[at : at + 2] = (64).to_bytes(2, "little")  # "zip file version 6.4"
    path = tmp_path / "hong.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(UserError):
        check_zip(path)
