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

This module holds the format (names, version, schemas, canonical hashing) and the
low-level writer and reader; :mod:`package_export`, :mod:`package_import` and
:mod:`decision_package` build on it. No Qt, no database writes here.
"""

from __future__ import annotations

import hashlib
import json
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
    match; a data file that is not valid JSON; the wrong kind of package."""
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
        if not isinstance(version, int) or version < 1:
            raise UserError(
                f"Gói {label}: phiên bản định dạng «{version}» không hợp lệ.", code="not_a_package"
            )
        if version > FORMAT_VERSION:
            made_by = (manifest.get("program") or {}).get("version") or "?"
            raise UserError(
                f"Gói {label} có định dạng phiên bản {version}, mới hơn chương trình này (đọc được đến phiên bản "
                f"{FORMAT_VERSION}; gói do chương trình bản {made_by} tạo). Hãy cài phiên bản mới hơn của "
                "chương trình rồi nhập lại; chưa ghi gì vào dữ liệu.",
                code="format_too_new",
            )
        kind = manifest.get("kind")
        if kind not in KINDS:
            raise UserError(f"Gói {label}: loại gói «{kind}» không rõ.", code="not_a_package")
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
                    f"Gói {label} thiếu tệp «{name}» có trong tệp kê khai; gói bị hỏng hoặc đã bị sửa.",
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
                f"Gói {label} có tệp «{extra[0]}» không có trong tệp kê khai; gói đã bị sửa, không nhập.",
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
    return Package(path=p, sha256=sha256_file(p), manifest=manifest, data=data)


def _load_json(raw: bytes, name: str, label: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
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
