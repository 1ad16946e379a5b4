"""Councils, meetings (họp bình xét), attendance and ballots (one tally per candidate and title)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record
from .candidates import Candidate
from .plans import Plan


class Council(Record, Base):
    """Hội đồng thi đua – khen thưởng, or the party committee's standing board."""

    __tablename__ = "councils"

    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30), default="emulation_council")  # or standing_board
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"))
    established_by: Mapped[str | None] = mapped_column(String(300))  # the decision that set it up
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    members: Mapped[list[CouncilMember]] = relationship(
        back_populates="council", order_by="CouncilMember.sort_order", cascade="all, delete-orphan"
    )


class CouncilMember(Record, Base):
    __tablename__ = "council_members"

    council_id: Mapped[str] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(300))  # chức vụ công tác
    role: Mapped[str] = mapped_column(String(20), default="member")  # MemberRole
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    council: Mapped[Council] = relationship(back_populates="members")


class Meeting(Record, Base):
    __tablename__ = "meetings"

    plan_id: Mapped[str | None] = mapped_column(ForeignKey("plans.id"), index=True)
    council_id: Mapped[str | None] = mapped_column(ForeignKey("councils.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    meeting_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(300))
    chair_id: Mapped[str | None] = mapped_column(ForeignKey("council_members.id"))
    secretary_id: Mapped[str | None] = mapped_column(ForeignKey("council_members.id"))
    agenda: Mapped[str | None] = mapped_column(Text)  # what was discussed
    discussion: Mapped[str | None] = mapped_column(Text)
    conclusion: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="planned")  # planned / held / closed
    held_at: Mapped[datetime | None] = mapped_column(DateTime)

    plan: Mapped[Plan | None] = relationship()
    council: Mapped[Council | None] = relationship()
    chair: Mapped[CouncilMember | None] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[CouncilMember | None] = relationship(foreign_keys=[secretary_id])
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    ballots: Mapped[list[Ballot]] = relationship(
        back_populates="meeting", order_by="Ballot.sort_order", cascade="all, delete-orphan"
    )


class Attendance(Record, Base):
    __tablename__ = "attendance"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("council_members.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="present")  # AttendanceStatus
    reason: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    member: Mapped[CouncilMember] = relationship()


class Ballot(Record, Base):
    """The tally of one candidate for one title at one meeting (an agenda item)."""

    __tablename__ = "ballots"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id"), index=True)
    title: Mapped[str] = mapped_column(String(30), default="recognition")  # AwardKind
    title_label: Mapped[str | None] = mapped_column(String(300))
    issued: Mapped[int | None] = mapped_column(Integer)
    returned: Mapped[int | None] = mapped_column(Integer)
    valid: Mapped[int | None] = mapped_column(Integer)
    agree: Mapped[int | None] = mapped_column(Integer)
    disagree: Mapped[int | None] = mapped_column(Integer)
    share_percent: Mapped[float | None] = mapped_column(Float)  # computed by the pass rule
    result: Mapped[str | None] = mapped_column(String(20))  # passed / failed (None: not yet voted)
    exception_reason: Mapped[str | None] = mapped_column(Text)  # chair's reasoned exception
    exception_result: Mapped[str | None] = mapped_column(String(20))
    rank: Mapped[int | None] = mapped_column(Integer)
    selected: Mapped[bool | None] = mapped_column()  # chosen within the quota when too many pass
    selection_reason: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="ballots")
    candidate: Mapped[Candidate] = relationship()
