"""Cross-cutting records: attachments, the audit log, the outgoing-number register,
package imports and sync state, settings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Record, new_id, utcnow


class Attachment(Record, Base):
    """A file kept in the data folder (attachments/<sha256[:2]>/<sha256>), owned by any record."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_type", "owner_id"),)

    owner_type: Mapped[str] = mapped_column(
        String(40)
    )  # candidate / assessment / decision / activity / proposal
    owner_id: Mapped[str] = mapped_column(String(36))
    candidate_id: Mapped[str | None] = mapped_column(ForeignKey("candidates.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(300))  # the name the user knows
    stored_path: Mapped[str] = mapped_column(String(500))  # relative to the data folder
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer, default=0)
    mime: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str | None] = mapped_column(String(150))


class AuditEntry(Base):
    """Every change: who, when, which record, old and new values. Append-only."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_record", "table_name", "record_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_login: Mapped[str | None] = mapped_column(String(150))
    officer_name: Mapped[str | None] = mapped_column(String(150))
    action: Mapped[str] = mapped_column(String(20))  # insert / update / delete
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(36))
    label: Mapped[str | None] = mapped_column(String(300))
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # {column: [old, new]}


class DocumentNumber(Record, Base):
    """The register of outgoing numbers (sổ đăng ký văn bản đi), per type and year."""

    __tablename__ = "document_numbers"
    __table_args__ = (UniqueConstraint("doc_type", "year", "number", name="uq_document_number"),)

    doc_type: Mapped[str] = mapped_column(String(20))  # BC, TTr, QĐ, BB, DS, KH…
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    full_number: Mapped[str] = mapped_column(String(100))  # "12/BC-UBND" or "12-BC/ĐU"
    issued_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str | None] = mapped_column(Text)
    ref_type: Mapped[str | None] = mapped_column(String(30))
    ref_id: Mapped[str | None] = mapped_column(String(36))
    file_name: Mapped[str | None] = mapped_column(String(300))


class PackageImport(Record, Base):
    """A package seen by this office (sent or received), for idempotent imports."""

    __tablename__ = "package_imports"

    package_id: Mapped[str] = mapped_column(String(36), index=True)  # manifest id
    direction: Mapped[str] = mapped_column(String(10))  # in / out
    kind: Mapped[str] = mapped_column(String(20), default="proposal")  # proposal / decision
    sender_code: Mapped[str | None] = mapped_column(String(30))
    sender_name: Mapped[str | None] = mapped_column(String(300))
    recipient: Mapped[str | None] = mapped_column(String(300))
    created: Mapped[datetime | None] = mapped_column(DateTime)
    processed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    file_name: Mapped[str | None] = mapped_column(String(300))
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SyncState(Record, Base):
    """What a record looked like when it last arrived from another office,
    so a newer package can tell the sender's changes from this office's own (conflicts)."""

    __tablename__ = "sync_state"
    __table_args__ = (UniqueConstraint("record_type", "record_id", name="uq_sync_state_record"),)

    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    origin_code: Mapped[str | None] = mapped_column(String(30))
    remote_version: Mapped[int | None] = mapped_column(Integer)
    remote_hash: Mapped[str | None] = mapped_column(String(64))  # hash of the fields as received
    local_hash: Mapped[str | None] = mapped_column(String(64))  # hash of our copy right after import
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    """Key/value settings kept with the data (backup folder, last plan…)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class BackupRecord(Base):
    """Backups taken (automatic, before migration/import/restore, manual)."""

    __tablename__ = "backups"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    taken_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    path: Mapped[str] = mapped_column(String(600))
    reason: Mapped[str] = mapped_column(String(30))  # auto / migration / import / restore / manual
    size: Mapped[int | None] = mapped_column(Integer)
    verified: Mapped[bool | None] = mapped_column()
    day: Mapped[date | None] = mapped_column(Date)
