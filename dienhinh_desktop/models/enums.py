"""Enumerations stored as short English strings; Vietnamese labels for display.

Stored as plain strings (not database enums) so PostgreSQL and SQLite behave the same
and a later value needs no migration.
"""

from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return LABELS.get(self, self.value)


class CandidateKind(StrEnum):
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"
    HOUSEHOLD = "household"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class CandidateStatus(StrEnum):
    DISCOVERED = "discovered"
    REGISTERED = "registered"
    NURTURING = "nurturing"
    SELF_ASSESSED = "self_assessed"
    APPRAISED = "appraised"
    PROPOSED = "proposed"
    RECOGNISED = "recognised"
    REWARDED = "rewarded"
    REPLICATING = "replicating"
    REMOVED = "removed"
    REPLACED = "replaced"


class UnitKind(StrEnum):
    PROVINCE = "province"
    PARTY_COMMITTEE = "party_committee"  # đảng ủy trực thuộc / huyện ủy
    DISTRICT = "district"
    COMMUNE = "commune"
    PARTY_CELL = "party_cell"
    VILLAGE = "village"
    SCHOOL = "school"
    HEALTH = "health"
    AGENCY = "agency"
    ENTERPRISE = "enterprise"
    MASS_ORG = "mass_org"
    ARMED_FORCES = "armed_forces"
    OTHER = "other"


class OfficeLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"  # kept for older plans (before the 2025 reform)
    COMMUNE = "commune"
    AGENCY = "agency"
    GRASSROOTS = "grassroots"  # chi bộ, trường, trạm y tế…


class CriterionCondition(StrEnum):
    """Conditional criteria (seed 002 II.2.2; seed 000 4.9 for leaders)."""

    PARTY_MEMBER = "party_member"
    CIVIL_SERVANT = "civil_servant"
    ARMED_FORCES = "armed_forces"
    LEADER = "leader"
    GRASSROOTS_WORKER = "grassroots_worker"  # người trực tiếp lao động, sản xuất, học tập ở cơ sở


class CriterionType(StrEnum):
    BOOLEAN = "boolean"
    RATING = "rating"
    NUMBER = "number"  # counts entered, share computed, compared with a threshold
    RATING_YEARS = "rating_years"  # a rating held for N consecutive years


class AppraisalResult(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    PARTLY_MET = "partly_met"


class MemberRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    SECRETARY = "secretary"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    WRITTEN = "written"  # voted in writing


class Denominator(StrEnum):
    PRESENT = "present"
    ALL_MEMBERS = "all_members"


class BallotMethod(StrEnum):
    SECRET = "secret"
    HANDS = "hands"


class AwardKind(StrEnum):
    RECOGNITION = "recognition"  # công nhận, ghi danh điển hình tiên tiến
    CERTIFICATE = "certificate"  # Giấy khen
    MERIT = "merit"  # Bằng khen
    COMMENDATION = "commendation"  # biểu dương, tuyên dương
    OTHER = "other"


class ActivityKind(StrEnum):
    TALK = "talk"
    EXCHANGE = "exchange"
    SEMINAR = "seminar"
    ARTICLE = "article"
    PUBLICATION = "publication"
    CONTEST = "contest"
    CEREMONY = "ceremony"
    OTHER = "other"


_LABEL_PAIRS: list[tuple[StrEnum, str]] = [
    (CandidateKind.COLLECTIVE, "Tập thể"),
    (CandidateKind.INDIVIDUAL, "Cá nhân"),
    (CandidateKind.HOUSEHOLD, "Hộ gia đình"),
    (Gender.MALE, "Nam"),
    (Gender.FEMALE, "Nữ"),
    (CandidateStatus.DISCOVERED, "Phát hiện"),
    (CandidateStatus.REGISTERED, "Đã đăng ký"),
    (CandidateStatus.NURTURING, "Đang bồi dưỡng"),
    (CandidateStatus.SELF_ASSESSED, "Đã tự đánh giá"),
    (CandidateStatus.APPRAISED, "Đã thẩm định"),
    (CandidateStatus.PROPOSED, "Đã đề nghị"),
    (CandidateStatus.RECOGNISED, "Được công nhận"),
    (CandidateStatus.REWARDED, "Được khen thưởng"),
    (CandidateStatus.REPLICATING, "Đang nhân rộng"),
    (CandidateStatus.REMOVED, "Đã loại"),
    (CandidateStatus.REPLACED, "Đã thay thế"),
    (UnitKind.PROVINCE, "Tỉnh"),
    (UnitKind.PARTY_COMMITTEE, "Đảng ủy"),
    (UnitKind.DISTRICT, "Huyện"),
    (UnitKind.COMMUNE, "Xã, phường"),
    (UnitKind.PARTY_CELL, "Chi bộ"),
    (UnitKind.VILLAGE, "Thôn, bản, tổ dân phố"),
    (UnitKind.SCHOOL, "Trường học"),
    (UnitKind.HEALTH, "Trạm y tế"),
    (UnitKind.AGENCY, "Cơ quan"),
    (UnitKind.ENTERPRISE, "Doanh nghiệp, HTX"),
    (UnitKind.MASS_ORG, "Đoàn thể"),
    (UnitKind.ARMED_FORCES, "Lực lượng vũ trang"),
    (UnitKind.OTHER, "Khác"),
    (OfficeLevel.PROVINCE, "Cấp tỉnh"),
    (OfficeLevel.DISTRICT, "Cấp huyện"),
    (OfficeLevel.COMMUNE, "Cấp xã"),
    (OfficeLevel.AGENCY, "Cơ quan, đơn vị"),
    (OfficeLevel.GRASSROOTS, "Cơ sở"),
    (CriterionCondition.PARTY_MEMBER, "áp dụng vì là đảng viên"),
    (CriterionCondition.CIVIL_SERVANT, "áp dụng vì là cán bộ, công chức, viên chức"),
    (CriterionCondition.ARMED_FORCES, "áp dụng vì là cán bộ, chiến sỹ lực lượng vũ trang"),
    (CriterionCondition.LEADER, "áp dụng vì giữ chức vụ lãnh đạo, quản lý"),
    (CriterionCondition.GRASSROOTS_WORKER, "áp dụng vì trực tiếp lao động, sản xuất, học tập ở cơ sở"),
    (CriterionType.BOOLEAN, "Có / không"),
    (CriterionType.RATING, "Mức xếp loại"),
    (CriterionType.NUMBER, "Tỷ lệ, số liệu"),
    (CriterionType.RATING_YEARS, "Xếp loại nhiều năm liền"),
    (AppraisalResult.MET, "Đạt"),
    (AppraisalResult.NOT_MET, "Không đạt"),
    (AppraisalResult.PARTLY_MET, "Đạt một phần"),
    (MemberRole.CHAIR, "Chủ tịch"),
    (MemberRole.VICE_CHAIR, "Phó Chủ tịch"),
    (MemberRole.MEMBER, "Ủy viên"),
    (MemberRole.SECRETARY, "Thư ký"),
    (AttendanceStatus.PRESENT, "Có mặt"),
    (AttendanceStatus.ABSENT, "Vắng mặt"),
    (AttendanceStatus.WRITTEN, "Biểu quyết bằng văn bản"),
    (Denominator.PRESENT, "thành viên có mặt"),
    (Denominator.ALL_MEMBERS, "tổng số thành viên"),
    (BallotMethod.SECRET, "Bỏ phiếu kín"),
    (BallotMethod.HANDS, "Biểu quyết giơ tay"),
    (AwardKind.RECOGNITION, "Công nhận, ghi danh điển hình tiên tiến"),
    (AwardKind.CERTIFICATE, "Giấy khen"),
    (AwardKind.MERIT, "Bằng khen"),
    (AwardKind.COMMENDATION, "Biểu dương"),
    (AwardKind.OTHER, "Hình thức khác"),
    (ActivityKind.TALK, "Nói chuyện, báo cáo điển hình"),
    (ActivityKind.EXCHANGE, "Giao lưu, trao đổi kinh nghiệm"),
    (ActivityKind.SEMINAR, "Tọa đàm, hội thảo"),
    (ActivityKind.ARTICLE, "Tin, bài, phóng sự"),
    (ActivityKind.PUBLICATION, "Ấn phẩm"),
    (ActivityKind.CONTEST, "Cuộc thi"),
    (ActivityKind.CEREMONY, "Lễ tuyên dương, tôn vinh"),
    (ActivityKind.OTHER, "Hoạt động khác"),
]


class _Labels(dict):
    """Vietnamese labels keyed by enum member. Members of different enums may share a value
    ("armed_forces" is a unit kind and a criterion condition); str enums with equal values
    are equal dict keys, so the lookup goes by (enum class, value) instead."""

    def __init__(self, pairs: list[tuple[StrEnum, str]]) -> None:
        super().__init__()
        self._by_type = {(type(member), member.value): label for member, label in pairs}
        for member, label in pairs:
            dict.setdefault(self, member, label)

    def __getitem__(self, member: StrEnum) -> str:  # type: ignore[override]
        return self._by_type[(type(member), member.value)]

    def get(self, member: StrEnum, default: str | None = None) -> str | None:  # type: ignore[override]
        return self._by_type.get((type(member), getattr(member, "value", member)), default)

    def __contains__(self, member: object) -> bool:
        return (type(member), getattr(member, "value", member)) in self._by_type


LABELS = _Labels(_LABEL_PAIRS)

# The minority count in reports: every ethnicity except Kinh.
MAJORITY_ETHNICITY = "Kinh"
