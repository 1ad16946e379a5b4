"""Open .docx, .xlsx and .zip files defensively before any library parses them.

Office files are zip archives of XML parts. A hostile or broken one can exhaust the
machine (a zip bomb: a few kilobytes that unpack to gigabytes; an XML entity bomb:
"billion laughs") or try to write outside its folder. :func:`check_zip` looks at the
archive's directory and every XML part and raises :class:`UserError` with a Vietnamese
message before python-docx, openpyxl or a package importer touches the file.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ..errors import UserError

MAX_ENTRIES = 5_000
MAX_TOTAL = 200 * 1024 * 1024  # uncompressed bytes, all members together
MAX_MEMBER = 100 * 1024 * 1024  # uncompressed bytes, one member
MAX_RATIO = 100  # uncompressed / compressed, per member and overall
# Small members compress very well without being bombs; the ratio counts only above this.
_RATIO_FLOOR = 1024 * 1024

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 64 * 1024


def _name(path: Path | str) -> str:
    return Path(path).name


def _unsafe_member_name(name: str) -> bool:
    if not name or "\x00" in name:
        return True
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return True
    return any(part == ".." for part in PurePosixPath(norm).parts)


def check_xml_bytes(data: bytes, name: str, file_label: str | None = None) -> None:
    """Refuse an XML part that declares a DOCTYPE or entities (entity bombs, external entities)."""
    head = data.lstrip()
    # UTF-16 XML would hide the declaration from a byte search: decode it first.
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            head = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserError(_msg(file_label, f"phần {name} không đọc được (mã hóa hỏng).")) from exc
    else:
        head = data
    if _DOCTYPE.search(head):
        raise UserError(
            _msg(
                file_label,
                f"phần {name} khai báo DOCTYPE/ENTITY — tệp Office thật không có điều này; "
                "tệp có thể đã bị sửa để gây hại nên không được mở.",
            ),
            code="unsafe_file",
        )


def _msg(file_label: str | None, text: str) -> str:
    return f"Tệp {file_label}: {text}" if file_label else text[:1].upper() + text[1:]


def check_zip(
    path: Path | str,
    max_total: int = MAX_TOTAL,
    max_ratio: float = MAX_RATIO,
    max_entries: int = MAX_ENTRIES,
    max_member: int = MAX_MEMBER,
    scan_xml: bool = True,
) -> None:
    """Raise :class:`UserError` unless ``path`` is a sane zip archive.

    Refused: not a zip (or a damaged one), more than ``max_entries`` members, member
    names that are absolute or climb out with ``..``, encrypted members, an uncompressed
    total above ``max_total`` or a member above ``max_member``, a compression ratio above
    ``max_ratio``:1, and (``scan_xml``) any XML part that declares a DOCTYPE or ENTITY.
    The sizes are checked twice: from the directory, then while actually reading, since
    a forged directory can lie about them.
    """
    label = _name(path)
    p = Path(path)
    if not p.is_file():
        raise UserError(f"Không tìm thấy tệp {label}.", code="not_found")
    try:
        with open(p, "rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        raise UserError(f"Không mở được tệp {label}: {exc.strerror or exc}.") from exc
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(
            f"Tệp {label} là tệp Office cũ hoặc đã đặt mật khẩu (không phải định dạng zip của "
            ".docx/.xlsx). Nếu tệp có mật khẩu, hãy mở bằng Word/Excel, bỏ mật khẩu rồi lưu lại.",
            code="encrypted_or_legacy",
        )
    if not magic.startswith(b"PK"):
        raise UserError(f"Tệp {label} không phải tệp .docx/.xlsx/.zip hợp lệ (có thể đã hỏng).")
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a "version needed" beyond what zipfile reads (a damaged header)
        raise UserError(f"Tệp {label} bị hỏng, không đọc được (lỗi nén zip).") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > max_entries:
            raise UserError(
                f"Tệp {label} chứa quá nhiều thành phần ({len(infos):,}); giới hạn là {max_entries:,}.".replace(
                    ",", "."
                ),
                code="unsafe_file",
            )
        total = 0
        total_compressed = 0
        for info in infos:
            if _unsafe_member_name(info.filename):
                raise UserError(
                    f"Tệp {label} chứa đường dẫn không an toàn ({info.filename!r}); tệp bị từ chối.",
                    code="unsafe_file",
                )
            if info.flag_bits & 0x1:
                raise UserError(
                    f"Tệp {label} có thành phần được mã hóa bằng mật khẩu; hãy bỏ mật khẩu rồi thử lại.",
                    code="encrypted_or_legacy",
                )
            if info.file_size > max_member:
                raise _bomb(label, info.filename)
            total += info.file_size
            total_compressed += info.compress_size
            if info.file_size > _RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
                raise _bomb(label, info.filename)
        if total > max_total:
            raise _bomb(label, None)
        if total > _RATIO_FLOOR and total > max_ratio * max(total_compressed, 1):
            raise _bomb(label, None)
        # Read for real: the directory may lie. Stop as soon as a limit is passed.
        read_total = 0
        for info in infos:
            if info.is_dir():
                continue
            is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
            buf = bytearray() if (scan_xml and is_xml) else None
            size = 0
            try:
                with zf.open(info) as member:
                    while True:
                        chunk = member.read(_CHUNK)
                        if not chunk:
                            break
                        size += len(chunk)
                        read_total += len(chunk)
                        if (
                            size > max_member
                            or read_total > max_total
                            or (size > _RATIO_FLOOR and size > max_ratio * max(info.compress_size, 1))
                        ):
                            raise _bomb(label, info.filename)
                        if buf is not None:
                            buf.extend(chunk)
            except UserError:
                raise
            except (
                zipfile.BadZipFile,
                zlib.error,
                OSError,
                EOFError,
                ValueError,
                NotImplementedError,
            ) as exc:
                raise UserError(f"Tệp {label} bị hỏng: không giải nén được phần {info.filename}.") from exc
            except RuntimeError as exc:  # encrypted without password
                raise UserError(
                    f"Tệp {label} có thành phần được mã hóa bằng mật khẩu; hãy bỏ mật khẩu rồi thử lại.",
                    code="encrypted_or_legacy",
                ) from exc
            if buf is not None:
                check_xml_bytes(bytes(buf), info.filename, label)


def _bomb(label: str, member: str | None) -> UserError:
    where = f" (phần {member})" if member else ""
    return UserError(
        f"Tệp {label} giải nén ra quá lớn so với kích thước tệp{where} — có thể là tệp gây hại "
        "(zip bomb); tệp bị từ chối.",
        code="unsafe_file",
    )
