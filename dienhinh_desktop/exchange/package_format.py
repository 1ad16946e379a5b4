"""The exchange package: one ordinary .zip (extension ``.dhpkg``; ``.zip`` is accepted too)
that anyone can open, holding

- ``manifest.json`` — :data:`FORMAT_NAME`, ``format_version``, ``kind`` (``proposal`` /
  ``decision``), ``package_id`` (UUID), ``created`` (ISO, UTC), ``program`` (name,
  version), ``sender`` and ``recipient`` (name, official code, level), ``files``: every
  other member with its size and SHA-256;
- ``du-lieu.json`` — the machine-readable data (:data:`DATA_FILE`), records keyed by their
  stable UUIDs (candidates with their checklists and assessments, the meeting and its
  ballots, this level's decision; or, in a decision package, the decision and the result
  of each candidate id);
- ``ho-so/`` — the dossier's documents (.docx, .xlsx) as people read them;
- ``tep-dinh-kem/<candidate id>/`` — the attachments the officer selected.

This module holds the format (names, version, schemas — every value the importers read is
type-checked by :func:`open_package` before anything is written —, canonical hashing) and the
low-level writer and reader; :mod:`package_export`, :mod:`package_import` and
:mod:`decision_package` build on it. No Qt, no database writes here.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

from .. import __version__
from ..errors import UserError
from ..text import fold
from .safe_zip import check_xml_bytes, check_zip

FORMAT_NAME = "dienhinh-goi-trao-doi"
FORMAT_VERSION = 1
PACKAGE_SUFFIX = ".dhpkg"
ACCEPTED_SUFFIXES = (".dhpkg", ".zip")
MANIFEST_FILE = "manifest.json"
DATA_FILE = "du-lieu.json"
DOCS_DIR = "ho-so"
ATTACH_DIR = "tep-dinh-kem"
KIND_PROPOSAL = "proposal"
KIND_DECISION = "decision"
KINDS = (KIND_PROPOSAL, KIND_DECISION)
PROGRAM_NAME = "dienhinh_desktop"

# Limits for packages (a dossier with scans stays far below them).
MAX_TOTAL = 500 * 1024 * 1024
MAX_MEMBER = 200 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_JSON = 50 * 1024 * 1024

# Candidate fields the sender owns (synchronised upward); status, unit and plan are the
# receiving office's own business. "field" is the field's name (mapped to the receiver's plan).
CANDIDATE_SYNC_FIELDS: tuple[str, ...] = (
    "kind",
    "name",
    "family_name",
    "middle_name",
    "given_name",
    "birth_year",
    "gender",
    "ethnicity",
    "religion",
    "position",
    "position_unit",
    "is_party_member",
    "is_civil_servant",
    "is_armed_forces",
    "is_leader",
    "is_grassroots_worker",
    "education",
    "address",
    "phone",
    "collective_type",
    "member_count",
    "leader_name",
    "registered_on",
    "registration_content",
    "achievement_tasks",
    "achievement_results",
    "achievement_initiatives",
    "summary",
    "field",
)
ASSESSMENT_SYNC_FIELDS: tuple[str, ...] = (
    "self_text",
    "self_evidence",
    "self_met",
    "rating",
    "numerator",
    "denominator",
    "yearly_ratings",
    "appraisal",
    "appraisal_comment",
)
FIELD_LABELS: dict[str, str] = {
    "kind": "Loại",
    "name": "Họ và tên / Tên tập thể",
    "family_name": "Họ",
    "middle_name": "Tên đệm",
    "given_name": "Tên",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "position": "Chức vụ",
    "position_unit": "Chức vụ, đơn vị",
    "is_party_member": "Đảng viên",
    "is_civil_servant": "Cán bộ, công chức, viên chức",
    "is_armed_forces": "Lực lượng vũ trang",
    "is_leader": "Lãnh đạo, quản lý",
    "is_grassroots_worker": "Lao động trực tiếp ở cơ sở",
    "education": "Trình độ",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "collective_type": "Loại hình tập thể",
    "member_count": "Số thành viên",
    "leader_name": "Người đứng đầu",
    "registered_on": "Ngày đăng ký",
    "registration_content": "Nội dung đăng ký",
    "achievement_tasks": "Nhiệm vụ được giao",
    "achievement_results": "Thành tích đạt được",
    "achievement_initiatives": "Sáng kiến, mô hình",
    "summary": "Trích ngang thành tích",
    "field": "Lĩnh vực",
    "self_text": "Tự đánh giá",
    "self_evidence": "Minh chứng",
    "self_met": "Tự đánh giá đạt",
    "rating": "Mức xếp loại",
    "numerator": "Số đạt",
    "denominator": "Tổng số",
    "yearly_ratings": "Xếp loại các năm",
    "appraisal": "Kết quả thẩm định",
    "appraisal_comment": "Nhận xét thẩm định",
}


# --------------------------------------------------------------------------- values
def jsonable(value: Any) -> Any:
    """Plain JSON values: dates as ISO strings, empty strings as None."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in sorted(value.items())} or None
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def canonical(values: Mapping[str, Any]) -> str:
    return json.dumps({k: jsonable(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True)


def values_hash(values: Mapping[str, Any]) -> str:
    """SHA-256 of a record's synchronised values (order and empty strings do not matter)."""
    return hashlib.sha256(canonical(values).encode("utf-8")).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def new_package_id() -> str:
    return str(uuid.uuid4())


def sender_key(code: str | None, name: str | None) -> str:
    """How a sending office is recognised: its official code, else its folded name."""
    if code and code.strip():
        return code.strip()[:30]
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name or "")).strip("-")
    return ("@" + slug)[:30] if slug else "@khong-ro"


def safe_member_name(name: str, fallback: str = "tep") -> str:
    """A member file name any PC accepts (folded, no folders)."""
    stem, dot, ext = Path(name).name.rpartition(".")
    if not dot:
        stem, ext = ext, ""
    stem = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:60] or fallback
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())[:8]
    return f"{stem}.{ext}" if ext else stem


# --------------------------------------------------------------------------- writing
@dataclass
class PackageWriter:
    """Collect members, then :meth:`write` the zip with its manifest (atomically)."""

    kind: str
    sender: dict[str, Any]
    recipient: dict[str, Any]
    package_id: str = field(default_factory=new_package_id)
    created: datetime = field(default_factory=utc_now)
    members: dict[str, bytes | Path] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def add_bytes(self, arcname: str, data: bytes) -> str:
        arcname = self._unique(arcname)
        self.members[arcname] = data
        return arcname

    def add_file(self, arcname: str, path: Path) -> str:
        arcname = self._unique(arcname)
        self.members[arcname] = Path(path)
        return arcname

    def add_json(self, arcname: str, obj: Any) -> str:
        return self.add_bytes(
            arcname, json.dumps(obj, ensure_ascii=False, indent=1, default=jsonable).encode("utf-8")
        )

    def _unique(self, arcname: str) -> str:
        arcname = arcname.replace("\\", "/").lstrip("/")
        if arcname not in self.members:
            return arcname
        base, dot, ext = arcname.rpartition(".")
        if not dot:
            base, ext = arcname, ""
        n = 2
        while f"{base}-{n}{'.' + ext if ext else ''}" in self.members:
            n += 1
        return f"{base}-{n}{'.' + ext if ext else ''}"

    def manifest(self) -> dict[str, Any]:
        files = []
        for arcname, src in sorted(self.members.items()):
            if isinstance(src, Path):
                files.append({"path": arcname, "size": src.stat().st_size, "sha256": sha256_file(src)})
            else:
                files.append({"path": arcname, "size": len(src), "sha256": hashlib.sha256(src).hexdigest()})
        return {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "kind": self.kind,
            "package_id": self.package_id,
            "created": self.created.isoformat() + "Z",
            "program": {"name": PROGRAM_NAME, "version": __version__},
            "sender": self.sender,
            "recipient": self.recipient,
            "files": files,
            **self.extra,
        }

    def write(self, out: Path) -> tuple[Path, str, dict[str, Any]]:
        """Write the zip (to a temporary name, then rename). Returns (path, sha256, manifest)."""
        out = Path(out)
        if out.suffix.lower() not in ACCEPTED_SUFFIXES:
            out = out.with_name(out.name + PACKAGE_SUFFIX)
        out.parent.mkdir(parents=True, exist_ok=True)
        manifest = self.manifest()
        fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=".goi-", suffix=".tmp")
        tmp = Path(tmp_name)
        try:
            with open(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST_FILE, json.dumps(manifest, ensure_ascii=False, indent=1))
                for arcname, src in sorted(self.members.items()):
                    if isinstance(src, Path):
                        zf.write(src, arcname)
                    else:
                        zf.writestr(arcname, src)
            tmp.replace(out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return out, sha256_file(out), manifest


# --------------------------------------------------------------------------- schema
# Every value the importers read, described once. :func:`open_package` checks the manifest
# and the data file against these descriptions BEFORE anything is written (preview and
# apply alike), so a damaged or hostile package — a list where a name goes, a text where a
# year goes, "31/02/2025" for a date — is refused with a sentence naming the record and the
# field instead of crashing at the database. A value may be null unless ``required``; keys
# this version does not know are ignored (the format may grow).
MAX_TEXT = 100_000  # characters in one text value
MAX_ITEMS = 20_000  # items in one list
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
MAX_NUMBER = 1e12
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?")


@dataclass(frozen=True, eq=False)
class Spec:
    """One value of the format. ``type``: str, int, num, bool, date, datetime, obj (known
    ``fields``), list (of ``item``) or map (text keys to ``item``). An obj with a ``record``
    name is a record: messages name it by the first text found at its ``names`` (dotted keys)."""

    type: str
    max_len: int = MAX_TEXT
    lo: float = INT_MIN
    hi: float = INT_MAX
    fields: Mapping[str, Spec] = field(default_factory=dict)
    item: Spec | None = None
    required: bool = False
    record: str | None = None
    names: tuple[str, ...] = ()
    max_items: int = MAX_ITEMS


def _s(max_len: int = MAX_TEXT) -> Spec:
    return Spec("str", max_len=max_len)


def _i(lo: int = INT_MIN, hi: int = INT_MAX) -> Spec:
    return Spec("int", lo=lo, hi=hi)


def _obj(record: str | None = None, names: tuple[str, ...] = (), **fields: Spec) -> Spec:
    return Spec("obj", fields=fields, record=record, names=names)


def _list(item: Spec, max_items: int = MAX_ITEMS, *, required: bool = False) -> Spec:
    return Spec("list", item=item, max_items=max_items, required=required)


TEXT, ID, BOOL, DATE, DATETIME = _s(), _s(36), Spec("bool"), Spec("date"), Spec("datetime")
INT, NUM = _i(), Spec("num", lo=-MAX_NUMBER, hi=MAX_NUMBER)

OFFICE_FIELDS: dict[str, Spec] = {
    "name": _s(300),
    "code": _s(30),
    "level": _s(20),
    "is_party": BOOL,
    "province": _s(300),
    "unit_id": ID,
    "signer_name": _s(150),
    "all_units": BOOL,
}
MANIFEST_SCHEMA = _obj(
    package_id=ID,
    created=DATETIME,
    program=_obj(name=_s(100), version=_s(40)),
    sender=_obj("đơn vị gửi", ("name", "code"), **OFFICE_FIELDS),
    recipient=_obj("nơi nhận", ("name", "code"), **OFFICE_FIELDS),
)
CANDIDATE_VALUES_SCHEMA: dict[str, Spec] = {
    "kind": _s(20),
    "name": _s(300),
    "family_name": _s(100),
    "middle_name": _s(150),
    "given_name": _s(100),
    "birth_year": INT,  # its range is checked per candidate (validate_candidate)
    "gender": _s(10),
    "ethnicity": _s(50),
    "religion": _s(50),
    "position": _s(300),
    "position_unit": _s(500),
    "is_party_member": BOOL,
    "is_civil_servant": BOOL,
    "is_armed_forces": BOOL,
    "is_leader": BOOL,
    "is_grassroots_worker": BOOL,
    "education": _s(200),
    "address": _s(500),
    "phone": _s(50),
    "collective_type": _s(50),
    "member_count": INT,
    "leader_name": _s(200),
    "registered_on": DATE,
    "registration_content": TEXT,
    "achievement_tasks": TEXT,
    "achievement_results": TEXT,
    "achievement_initiatives": TEXT,
    "summary": TEXT,
    "field": _s(500),
}
ASSESSMENT_VALUES_SCHEMA: dict[str, Spec] = {
    "self_text": TEXT,
    "self_evidence": TEXT,
    "self_met": BOOL,
    "rating": _s(200),
    "numerator": NUM,
    "denominator": NUM,
    "yearly_ratings": Spec("map", item=_s(200), max_items=200),
    "appraisal": _s(20),
    "appraisal_comment": TEXT,
}
DOCUMENT_SCHEMA = _obj(
    "tài liệu", ("file_name", "path"), path=_s(1000), role=_s(30), candidate_id=ID, file_name=_s(1000)
)
CANDIDATE_SCHEMA = _obj(
    "điển hình",
    ("values.name", "id"),
    id=ID,
    version=INT,
    updated_at=DATETIME,
    rank=INT,
    status=_s(20),
    status_label=_s(300),
    unit=_obj(id=ID, name=_s(300), official_code=_s(30)),
    field_code=_s(100),
    values=_obj(**CANDIDATE_VALUES_SCHEMA),
    assessments=_list(
        _obj(
            "phần đánh giá",
            ("criterion.code", "id"),
            id=ID,
            version=INT,
            criterion=_obj(id=ID, code=_s(100), text=TEXT, set_code=_s(100), set_name=TEXT),
            values=_obj(**ASSESSMENT_VALUES_SCHEMA),
            appraised_by=_s(300),
        ),
        5_000,
    ),
    recognitions=_list(
        _obj(
            "khen thưởng",
            ("title", "id"),
            id=ID,
            kind=_s(30),
            title=_s(1000),
            year=INT,
            decision_id=ID,
            decision_number=_s(100),
            decision_date=DATE,
            issuer=_s(300),
            level=_s(20),
        ),
        1_000,
    ),
    achievement_report=_s(1000),
    attachments=_list(
        _obj(
            "tệp đính kèm",
            ("file_name", "path"),
            id=ID,
            path=_s(1000),
            file_name=_s(1000),
            sha256=_s(64),
            size=_i(0, 2**53),
            description=TEXT,
            owner_type=_s(30),
        ),
        1_000,
    ),
)
PROPOSAL_DATA_SCHEMA = _obj(
    schema=INT,
    kind=_s(20),
    sender=_obj(**OFFICE_FIELDS),
    recipient=_obj(**OFFICE_FIELDS),
    plan=_obj("kế hoạch", ("name",), id=ID, name=TEXT, code=_s(100), template_key=_s(100), copied_from_id=ID),
    proposal=_obj(
        "tờ trình",
        ("number", "id"),
        id=ID,
        title=TEXT,
        number=_s(100),
        date=DATE,
        to_body=_s(300),
        to_code=_s(30),
        award_kind=_s(30),
        bases=_list(TEXT, 500),
        quota_breach_reason=TEXT,
    ),
    candidates=_list(CANDIDATE_SCHEMA, required=True),
    meeting=_obj(
        "cuộc họp",
        ("title", "id"),
        id=ID,
        title=TEXT,
        date=DATE,
        place=TEXT,
        council=TEXT,
        members=INT,
        present=INT,
        attendance=_list(
            _obj("thành viên dự họp", ("name",), name=TEXT, role=_s(30), status=_s(30), reason=TEXT)
        ),
        ballots=_list(
            _obj(
                "kết quả biểu quyết",
                ("candidate_id", "id"),
                id=ID,
                candidate_id=ID,
                title=_s(100),
                title_label=TEXT,
                issued=INT,
                returned=INT,
                valid=INT,
                agree=INT,
                disagree=INT,
                share_percent=NUM,
                result=_s(30),
                exception_result=_s(30),
                exception_reason=TEXT,
            )
        ),
        conclusion=TEXT,
    ),
    decision=_obj(
        "quyết định",
        ("number", "id"),
        id=ID,
        number=_s(100),
        date=DATE,
        issuer=TEXT,
        title=TEXT,
        award_kind=_s(30),
        award_label=TEXT,
        signer_name=TEXT,
        signer_title=TEXT,
        entries=_list(
            _obj("dòng quyết định", ("name",), row=INT, candidate_id=ID, name=TEXT, section=_s(30))
        ),
    ),
    documents=_list(DOCUMENT_SCHEMA, 5_000),
)
DECISION_DATA_SCHEMA = _obj(
    schema=INT,
    kind=_s(20),
    sender=_obj(**OFFICE_FIELDS),
    recipient=_obj(**OFFICE_FIELDS),
    decisions=_list(
        _obj(
            "quyết định",
            ("number", "id"),
            id=ID,
            number=_s(100),
            date=DATE,
            issuer=_s(300),
            issuer_code=_s(30),
            title=TEXT,
            award_kind=_s(30),
            award_label=_s(300),
            signer_name=_s(150),
            signer_title=_s(150),
        ),
        500,
    ),
    results=_list(
        _obj(
            "kết quả",
            ("name", "candidate_id"),
            candidate_id=ID,
            name=_s(300),
            result=_s(20),
            decision_id=ID,
            award_kind=_s(30),
            award_label=_s(300),
            note=TEXT,
        )
    ),
    documents=_list(DOCUMENT_SCHEMA, 500),
    meeting=_obj("cuộc họp", ("title", "id"), id=ID, date=DATE, title=TEXT),
)
DATA_SCHEMAS: dict[str, Spec] = {KIND_PROPOSAL: PROPOSAL_DATA_SCHEMA, KIND_DECISION: DECISION_DATA_SCHEMA}


def _show(value: Any, limit: int = 40) -> str:
    """A value quoted in a message (cut short: a hostile one may be a megabyte)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + "…"


def _record_name(value: Any, spec: Spec, index: int | None) -> str:
    for dotted in spec.names if isinstance(value, dict) else ():
        node: Any = value
        for key in dotted.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, str) and node.strip():
            name = " ".join(node.split())
            return f"{spec.record} «{name[:60]}{'…' if len(name) > 60 else ''}»"
    return f"{spec.record} thứ {index + 1}" if index is not None else str(spec.record)


def _field_name(path: tuple[Any, ...]) -> str:
    keys = [k for k in path if isinstance(k, str) and k != "values"]
    text = f"trường «{'.'.join(keys)}»" if keys else "giá trị"
    if "values" in path and keys and keys[-1] in FIELD_LABELS:  # a candidate's or an assessment's field
        text += f" ({FIELD_LABELS[keys[-1]]})"
    if path and isinstance(path[-1], int):
        text += f" mục thứ {path[-1] + 1}"
    return text


class _Invalid(Exception):
    def __init__(self, chain: tuple[str, ...], path: tuple[Any, ...], problem: str) -> None:
        super().__init__(problem)
        self.chain, self.path, self.problem = chain, path, problem


def _walk(value: Any, spec: Spec, chain: tuple[str, ...], path: tuple[Any, ...], index: int | None) -> None:
    def bad(problem: str) -> _Invalid:
        return _Invalid(chain, path, problem)

    if value is None:
        if spec.required:
            raise bad("bị thiếu")
        return
    kind = spec.type
    if kind == "str":
        if not isinstance(value, str):
            raise bad(f"phải là chữ (văn bản), không phải «{_show(value)}»")
        if len(value) > spec.max_len:
            raise bad(f"dài quá {spec.max_len:,} ký tự ({len(value):,} ký tự)".replace(",", "."))
    elif kind in ("int", "num"):
        ok = isinstance(value, int) if kind == "int" else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            raise bad(f"phải là {'số nguyên' if kind == 'int' else 'số'}, không phải «{_show(value)}»")
        if not (math.isfinite(value) and spec.lo <= value <= spec.hi):
            raise bad(f"có giá trị «{_show(value)}» nằm ngoài khoảng cho phép")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise bad(f"phải là đúng/sai (true/false), không phải «{_show(value)}»")
    elif kind in ("date", "datetime"):
        pattern = _ISO_DATE if kind == "date" else _ISO_DATETIME
        ok = isinstance(value, str) and pattern.fullmatch(value) is not None
        if ok:
            try:
                if kind == "date":
                    date.fromisoformat(value)
                else:
                    datetime.fromisoformat(value.removesuffix("Z"))
            except ValueError:
                ok = False
        if not ok:
            raise bad(f"phải là ngày hợp lệ dạng năm-tháng-ngày (2025-12-31), không phải «{_show(value)}»")
    elif kind == "obj":
        if spec.record:
            chain, path = (_record_name(value, spec, index), *chain), ()
        if not isinstance(value, dict):
            raise _Invalid(chain, path, "phải là một bản ghi (đối tượng JSON {…})")
        for key, sub in spec.fields.items():
            _walk(value.get(key), sub, chain, (*path, key), None)
    elif kind in ("list", "map"):
        if not isinstance(value, list if kind == "list" else dict):
            raise bad("phải là danh sách [...]" if kind == "list" else "phải là bảng (đối tượng JSON {…})")
        if len(value) > spec.max_items:
            raise bad(f"có quá nhiều mục ({len(value):,}; tối đa {spec.max_items:,})".replace(",", "."))
        assert spec.item is not None
        items = enumerate(value) if kind == "list" else value.items()
        for key, item in items:
            _walk(item, spec.item, chain, (*path, key), key if kind == "list" else None)
    else:  # pragma: no cover - a mistake in the descriptions above
        raise ValueError(kind)


def validate(value: Any, spec: Spec, where: str) -> None:
    """Check ``value`` against ``spec``; raise a :class:`UserError` that begins with
    ``where`` ("Gói «x.dhpkg» có dữ liệu sai") and names the record and the field."""
    try:
        _walk(value, spec, (), (), None)
    except _Invalid as exc:
        subject = ", ".join(
            p for p in (" của ".join(exc.chain), _field_name(exc.path) if exc.path else "") if p
        )
        raise UserError(
            f"{where}: {subject or 'tệp dữ liệu'} {exc.problem}. Gói bị từ chối; chưa ghi gì vào dữ liệu.",
            code="bad_data",
        ) from None
    except RecursionError:
        raise UserError(f"{where}: dữ liệu lồng nhau quá sâu.", code="bad_data") from None


def validate_data(kind: str, data: dict[str, Any], label: str) -> None:
    """The data file of a package of ``kind``: types of every record (see the schemas above),
    and record ids that must not repeat (assessments, recognitions)."""
    where = f"Gói {label} có dữ liệu sai"
    validate(data, DATA_SCHEMAS[kind], where)
    if kind != KIND_PROPOSAL:
        return
    for key, what in (("assessments", "phần đánh giá"), ("recognitions", "khen thưởng")):
        seen: dict[str, str] = {}
        for c in data["candidates"]:
            owner = " ".join(str((c.get("values") or {}).get("name") or c.get("id") or "?").split())[:60]
            for item in c.get(key) or []:
                rid = item.get("id")
                if rid is None:
                    continue
                if rid in seen:
                    raise UserError(
                        f"{where}: mã {what} «{rid}» lặp lại (điển hình «{seen[rid]}» và «{owner}»). "
                        "Gói bị từ chối; chưa ghi gì vào dữ liệu.",
                        code="bad_data",
                    )
                seen[rid] = owner


# --------------------------------------------------------------------------- reading
@dataclass
class Package:
    """A package that passed every check: manifest, data, member bytes on demand."""

    path: Path
    sha256: str
    manifest: dict[str, Any]
    data: dict[str, Any]

    @property
    def package_id(self) -> str:
        return str(self.manifest.get("package_id") or "")

    @property
    def kind(self) -> str:
        return str(self.manifest.get("kind") or "")

    @property
    def sender(self) -> dict[str, Any]:
        return dict(self.manifest.get("sender") or {})

    @property
    def recipient(self) -> dict[str, Any]:
        return dict(self.manifest.get("recipient") or {})

    @property
    def created(self) -> datetime | None:
        raw = str(self.manifest.get("created") or "").rstrip("Z")
        try:
            return datetime.fromisoformat(raw) if raw else None
        except ValueError:
            return None

    def member_names(self) -> list[str]:
        return [f["path"] for f in self.manifest.get("files", [])]

    def read(self, arcname: str) -> bytes:
        with zipfile.ZipFile(self.path) as zf:
            return zf.read(arcname)

    def extract(self, arcname: str, folder: Path) -> Path:
        """Copy one member to ``folder`` under a safe flat name (never outside ``folder``)."""
        target = Path(folder) / safe_member_name(PurePosixPath(arcname).name)
        target.write_bytes(self.read(arcname))
        return target


def _label(path: Path) -> str:
    return f"«{path.name}»"


def _is_office_or_xml(name: str) -> bool:
    return name.lower().endswith((".docx", ".xlsx", ".docm", ".xlsm", ".pptx", ".odt", ".ods"))


def open_package(path: Path | str, *, expected_kind: str | None = None) -> Package:
    """Check a package and read its manifest and data; refuse with a clear Vietnamese
    :class:`UserError` (nothing is written anywhere) when:

    not a zip or a damaged one; unsafe member names (``../``, absolute paths); a zip bomb
    (sizes or ratio out of proportion); hostile XML (DOCTYPE/ENTITY) in any XML part or
    inside an Office document carried by the package; no manifest or not ours; a format
    version newer than this program; a member missing, unlisted, or whose SHA-256 does not
    match; a data file that is not valid JSON; the wrong kind of package; a manifest or data
    file with a value of the wrong type, size or form (:func:`validate` against
    :data:`MANIFEST_SCHEMA` and :data:`DATA_SCHEMAS`: "Gói «x.dhpkg» có dữ liệu sai: điển hình
    «Giàng A Páo», trường «birth_year» (Năm sinh) phải là số nguyên…", code ``bad_data``)."""
    p = Path(path)
    label = _label(p)
    if not p.is_file():
        raise UserError(f"Không tìm thấy tệp gói {label}.", code="not_found")
    check_zip(p, max_total=MAX_TOTAL, max_member=MAX_MEMBER, max_entries=MAX_ENTRIES)
    with zipfile.ZipFile(p) as zf:
        names = [i.filename for i in zf.infolist() if not i.is_dir()]
        if MANIFEST_FILE not in names:
            raise UserError(
                f"Tệp {label} không phải gói hồ sơ của chương trình Điển hình tiên tiến (thiếu {MANIFEST_FILE}).",
                code="not_a_package",
            )
        manifest = _load_json(zf.read(MANIFEST_FILE), MANIFEST_FILE, label)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise UserError(
                f"Tệp {label} không phải gói hồ sơ của chương trình Điển hình tiên tiến (tệp kê khai lạ).",
                code="not_a_package",
            )
        version = manifest.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise UserError(
                f"Gói {label}: phiên bản định dạng «{_show(version)}» không hợp lệ.", code="not_a_package"
            )
        if version > FORMAT_VERSION:
            program = manifest.get("program")
            made_by = (program.get("version") if isinstance(program, dict) else None) or "?"
            raise UserError(
                f"Gói {label} có định dạng phiên bản {version}, mới hơn chương trình này (đọc được đến phiên bản "
                f"{FORMAT_VERSION}; gói do chương trình bản {made_by} tạo). Hãy cài phiên bản mới hơn của "
                "chương trình rồi nhập lại; chưa ghi gì vào dữ liệu.",
                code="format_too_new",
            )
        kind = manifest.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            raise UserError(f"Gói {label}: loại gói «{_show(kind)}» không rõ.", code="not_a_package")
        validate(manifest, MANIFEST_SCHEMA, f"Gói {label} có tệp kê khai sai")
        if expected_kind and kind != expected_kind:
            what = {KIND_PROPOSAL: "gói hồ sơ đề nghị", KIND_DECISION: "gói quyết định"}
            raise UserError(
                f"Tệp {label} là {what[kind]}, không phải {what[expected_kind]}. Hãy dùng đúng chức năng nhập.",
                code="wrong_kind",
            )
        listed = manifest.get("files")
        if not isinstance(listed, list):
            raise UserError(f"Gói {label}: tệp kê khai không có danh sách tệp.", code="not_a_package")
        listed_names = set()
        for entry in listed:
            if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
                raise UserError(f"Gói {label}: tệp kê khai bị hỏng.", code="not_a_package")
            name = entry["path"]
            listed_names.add(name)
            if name not in names:
                raise UserError(
                    f"Gói {label} thiếu tệp «{_show(name, 200)}» có trong tệp kê khai; gói bị hỏng hoặc đã bị sửa.",
                    code="bad_hash",
                )
            data = zf.read(name)
            if hashlib.sha256(data).hexdigest() != str(entry.get("sha256") or "").lower():
                raise UserError(
                    f"Gói {label}: tệp «{name}» không khớp mã kiểm tra SHA-256 — gói đã bị sửa hoặc hỏng "
                    "khi sao chép. Hãy xin đơn vị gửi lại gói; chưa ghi gì vào dữ liệu.",
                    code="bad_hash",
                )
            if _is_office_or_xml(name):
                _check_office_member(data, name, label)
        extra = sorted(set(names) - listed_names - {MANIFEST_FILE})
        if extra:
            raise UserError(
                f"Gói {label} có tệp «{_show(extra[0], 200)}» không có trong tệp kê khai; gói đã bị sửa, không nhập.",
                code="bad_hash",
            )
        if DATA_FILE not in listed_names:
            raise UserError(f"Gói {label} thiếu tệp dữ liệu {DATA_FILE}.", code="not_a_package")
        info = zf.getinfo(DATA_FILE)
        if info.file_size > MAX_JSON:
            raise UserError(f"Gói {label}: tệp dữ liệu quá lớn.", code="unsafe_file")
        data = _load_json(zf.read(DATA_FILE), DATA_FILE, label)
    if not isinstance(data, dict):
        raise UserError(f"Gói {label}: tệp dữ liệu không đúng cấu trúc.", code="not_a_package")
    validate_data(kind, data, label)
    return Package(path=p, sha256=sha256_file(p), manifest=manifest, data=data)


def _load_json(raw: bytes, name: str, label: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise UserError(f"Gói {label}: tệp {name} không đọc được ({exc}).", code="not_a_package") from None


def _check_office_member(data: bytes, name: str, label: str) -> None:
    """An Office document inside the package: its own parts must be safe too."""
    import io

    try:
        inner = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UserError(
            f"Gói {label}: tài liệu «{name}» bị hỏng, không mở được.", code="unsafe_file"
        ) from None
    with inner:
        total = 0
        for info in inner.infolist():
            total += info.file_size
            if total > MAX_MEMBER or (
                info.file_size > 1024 * 1024 and info.file_size > 100 * max(info.compress_size, 1)
            ):
                raise UserError(
                    f"Gói {label}: tài liệu «{name}» giải nén ra quá lớn — có thể là tệp gây hại (zip bomb); "
                    "gói bị từ chối.",
                    code="unsafe_file",
                )
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                check_xml_bytes(inner.read(info), info.filename, f"«{name}» trong gói {label}")


def iter_files(paths: Iterable[Path | str]) -> list[Path]:
    """Package files given on the command line or picked in the GUI (folders are searched)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix.lower() in ACCEPTED_SUFFIXES))
        else:
            out.append(p)
    return out
