"""Attachments: files kept in the database's files folder, owned by any record.

A file is stored once by content, as ``<files_dir>/attachments/<sha[:2]>/<sha256><ext>``
(the same photo attached twice is one file on disk, two :class:`Attachment` rows); the
row keeps the name the user knows, the size, the MIME type and its owner
(``owner_type``/``owner_id``: ``candidate``, ``assessment``, ``decision``, ``activity``,
``proposal``…). ``stored_path`` is relative to ``files_dir`` with forward slashes, so a
database copied to another PC (or restored from a backup next to its ``-tep`` folder)
still finds its files.

None of these functions commit.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Attachment

ATTACHMENTS_FOLDER = "attachments"
MAX_SIZE = 200 * 1024 * 1024  # 200 MB: a scanned dossier, never a video archive
OWNER_TYPES = ("candidate", "assessment", "decision", "activity", "proposal", "meeting", "plan")
_CHUNK = 1024 * 1024


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _clean_ext(name: str) -> str:
    ext = Path(name).suffix.lower()
    # Only a plain extension ends up in the stored name (".pdf", ".jpg", ".docx").
    if not ext or len(ext) > 10 or not ext[1:].isalnum():
        return ""
    return ext


def stored_relpath(sha: str, ext: str) -> str:
    return f"{ATTACHMENTS_FOLDER}/{sha[:2]}/{sha}{ext}"


def add_attachment(
    session: Session,
    files_dir: str | os.PathLike[str],
    src_path: str | os.PathLike[str],
    owner_type: str,
    owner_id: str,
    candidate_id: str | None = None,
    description: str | None = None,
    *,
    file_name: str | None = None,
    added_by: str | None = None,
) -> Attachment:
    """Copy ``src_path`` into the files folder (once per content) and record it.

    Raises :class:`UserError` when the file is missing, empty, a folder or too large.
    Flushes, does not commit. If the caller's transaction is rolled back, the copied file
    stays on disk unreferenced (harmless; identical content reuses it)."""
    if owner_type not in OWNER_TYPES:
        raise UserError(f"Loại hồ sơ đính kèm «{owner_type}» không hợp lệ.", code="bad_input")
    if not owner_id:
        raise UserError("Thiếu hồ sơ để đính kèm tệp.", code="bad_input")
    src = Path(src_path)
    if not src.exists():
        raise UserError(f"Không tìm thấy tệp «{src}».", code="not_found")
    if not src.is_file():
        raise UserError(f"«{src}» không phải là một tệp.", code="bad_input")
    size = src.stat().st_size
    if size == 0:
        raise UserError(f"Tệp «{src.name}» rỗng (0 byte), không đính kèm.", code="bad_input")
    if size > MAX_SIZE:
        raise UserError(
            f"Tệp «{src.name}» quá lớn ({size / 1024 / 1024:.0f} MB); chỉ đính kèm tệp dưới "
            f"{MAX_SIZE // 1024 // 1024} MB.",
            code="bad_input",
        )
    try:
        sha, size = _sha256(src)
    except OSError as exc:
        raise UserError(f"Không đọc được tệp «{src}»: {exc}", code="bad_input") from None

    base = Path(files_dir)
    name = file_name or src.name
    rel = stored_relpath(sha, _clean_ext(name))
    target = base / rel
    if not target.is_file() or target.stat().st_size != size:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Copy to a temporary name in the same folder, then rename: never a half file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        os.close(fd)
        try:
            shutil.copyfile(src, tmp)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise UserError(
                f"Không chép được tệp «{src.name}» vào thư mục dữ liệu: {exc}", code="io_error"
            ) from None

    att = Attachment(
        owner_type=owner_type,
        owner_id=owner_id,
        candidate_id=candidate_id,
        file_name=name[:300],
        stored_path=rel,
        sha256=sha,
        size=size,
        mime=mimetypes.guess_type(name)[0],
        description=(description or "").strip() or None,
        added_by=added_by,
    )
    session.add(att)
    session.flush()
    return att


def attachment_path(files_dir: str | os.PathLike[str], att: Attachment) -> Path:
    """Where the attachment's file is on this PC (it may be missing if the folder was not copied)."""
    return Path(files_dir) / Path(*att.stored_path.split("/"))


def list_attachments(session: Session, owner_type: str, owner_id: str) -> list[Attachment]:
    stmt = (
        select(Attachment)
        .where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id)
        .order_by(Attachment.created_at, Attachment.file_name)
    )
    return list(session.scalars(stmt))


def list_candidate_attachments(session: Session, candidate_id: str) -> list[Attachment]:
    """Every attachment that belongs to a candidate (its own and its assessments')."""
    stmt = (
        select(Attachment)
        .where(Attachment.candidate_id == candidate_id)
        .order_by(Attachment.owner_type, Attachment.created_at)
    )
    return list(session.scalars(stmt))


def count_attachments(session: Session, owner_type: str, owner_ids: list[str]) -> dict[str, int]:
    """How many attachments each owner has (one query), for badges in lists."""
    from sqlalchemy import func

    if not owner_ids:
        return {}
    stmt = (
        select(Attachment.owner_id, func.count())
        .where(Attachment.owner_type == owner_type, Attachment.owner_id.in_(owner_ids))
        .group_by(Attachment.owner_id)
    )
    return {owner: n for owner, n in session.execute(stmt)}


def remove_attachment(session: Session, att: Attachment) -> str:
    """Delete the row (flushes, does not commit) and return its ``stored_path``.

    The file stays on disk until :func:`delete_file_if_unused` is called after the commit,
    so a rolled-back removal never loses the file."""
    rel = att.stored_path
    session.delete(att)
    session.flush()
    return rel


def delete_file_if_unused(session: Session, files_dir: str | os.PathLike[str], stored_path: str) -> bool:
    """Remove a stored file no attachment row refers to any more (call after committing)."""
    if session.scalar(select(Attachment.id).where(Attachment.stored_path == stored_path).limit(1)):
        return False
    try:
        (Path(files_dir) / Path(*stored_path.split("/"))).unlink(missing_ok=True)
    except OSError:
        return False  # a file open in another program on Windows: left behind, unreferenced
    return True
