"""The whole data model (SQLAlchemy 2 typed mappings). Import from here."""

from .activities import Activity, ActivityCandidate
from .assessments import CriterionAssessment
from .base import Base, Record, new_id, utcnow
from .candidates import (
    Candidate,
    MentorAssignment,
    NurturingNote,
    NurturingPlan,
    Review,
    ReviewItem,
    StatusChange,
)
from .decisions import Decision, DecisionEntry, Recognition
from .enums import (
    ActivityKind,
    AppraisalResult,
    AttendanceStatus,
    AwardKind,
    BallotMethod,
    CandidateKind,
    CandidateStatus,
    CriterionCondition,
    CriterionType,
    Denominator,
    Gender,
    MemberRole,
    OfficeLevel,
    UnitKind,
)
from .meetings import Attendance, Ballot, Council, CouncilMember, Meeting
from .org import OfficeProfile, Unit
from .plans import CriteriaSet, Criterion, Field, PassRule, Plan, PlanPhase, Quota
from .proposals import Proposal, ProposalItem
from .records import (
    Attachment,
    AuditEntry,
    BackupRecord,
    DocumentNumber,
    PackageImport,
    Setting,
    SyncState,
)

__all__ = [name for name in dir() if not name.startswith("_")]
