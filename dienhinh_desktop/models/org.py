"""Units (a tree: the commune, its party cells, villages, schools…) and the office profile."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record


class Unit(Record, Base):
    """A registering or sending unit (đơn vị, cơ quan)."""

    __tablename__ = "units"

    parent_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30), default="other")  # UnitKind
    official_code: Mapped[str | None] = mapped_column(String(30), index=True)  # mã ĐVHC where one exists
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # True for units of other offices (e.g. communes whose packages an upper level imported).
    is_external: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id", back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent", order_by="Unit.sort_order")


class OfficeProfile(Record, Base):
    """The office that runs the program (one row). Drives the paper profile (state/party)."""

    __tablename__ = "office_profile"

    name: Mapped[str] = mapped_column(String(300))  # issuing body: "Đảng ủy xã Tân Lập", "UBND xã Tân Lập"
    short_name: Mapped[str | None] = mapped_column(String(100))
    superior_body: Mapped[str | None] = mapped_column(String(300))  # party profile: "ĐẢNG BỘ TỈNH LÀO CAI"
    level: Mapped[str] = mapped_column(String(20), default="commune")  # OfficeLevel
    is_party: Mapped[bool] = mapped_column(Boolean, default=True)
    province_code: Mapped[str | None] = mapped_column(String(10))
    province_name: Mapped[str | None] = mapped_column(String(100))
    commune_code: Mapped[str | None] = mapped_column(String(10))
    commune_name: Mapped[str | None] = mapped_column(String(100))
    place_name: Mapped[str | None] = mapped_column(String(100))  # "Tân Lập" in "Tân Lập, ngày …"
    symbol: Mapped[str | None] = mapped_column(String(30))  # ký hiệu cơ quan: "ĐU", "UBND"
    signer_name: Mapped[str | None] = mapped_column(String(150))
    signer_title: Mapped[str | None] = mapped_column(String(150))  # "PHÓ BÍ THƯ", "CHỦ TỊCH"
    signer_on_behalf: Mapped[str | None] = mapped_column(
        String(150)
    )  # "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN"
    officer_name: Mapped[str | None] = mapped_column(String(150))  # who works the program (audit log)
    upper_body: Mapped[str | None] = mapped_column(String(300))  # "Kính gửi: …" of proposals
    upper_code: Mapped[str | None] = mapped_column(String(30))
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"))  # the office's own unit in the tree

    unit: Mapped[Unit | None] = relationship()
