"""Criteria checklists, self-assessment, appraisal and eligibility.

Which criteria a candidate must meet
    The criteria sets of the candidate's plan whose ``applies_kind`` is None or the
    candidate's kind, whose ``field_id`` is None or the candidate's field, and whose
    ``collective_type`` is None or the candidate's (a collective of unknown type gets a
    typed set only when the set is tied to the candidate's field). Inside a set, a
    criterion with a ``condition`` (seed 002 II.2.2: party member, civil servant, armed
    forces, grassroots worker; seed 000 4.9: leader) applies only when the candidate has
    that flag — and the checklist says so ("áp dụng vì là đảng viên").

How a criterion is judged (the *computed state*)
    ``met`` / ``not_met`` / ``partly`` / ``unanswered``, from the self-assessment:

    - BOOLEAN: the yes/no the candidate (or officer) ticked;
    - RATING: the rating at or above ``min_rating`` in ``rating_scale`` (best first);
    - NUMBER: share = numerator / denominator × 100 compared with ``threshold``
      ("trên 90%" is strict: exactly 90% is *not* enough; "100%" is not strict);
    - RATING_YEARS: the last ``years_required`` consecutive years all at or above the
      minimum.

    The board's appraisal (met / not met / partly met), when present, overrides it.

Eligibility
    Eligible when every *required* criterion that applies is met (``required=False`` are
    "ưu tiên": shown, never blocking) and there is at least one; otherwise the missing
    ones are listed. :func:`eligibility_map` does the same for a whole plan with two
    queries, for lists of 100,000 candidates.

Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..errors import UserError
from ..models import Candidate, CriteriaSet, Criterion, CriterionAssessment, utcnow
from ..models.enums import AppraisalResult, CandidateKind, CriterionCondition, CriterionType
from ..text import fold

# -- states --------------------------------------------------------------------------------

MET = "met"
NOT_MET = "not_met"
PARTLY = "partly"
UNANSWERED = "unanswered"
STATES = (MET, NOT_MET, PARTLY, UNANSWERED)
STATE_LABELS = {
    MET: "Đạt",
    NOT_MET: "Không đạt",
    PARTLY: "Đạt một phần",
    UNANSWERED: "Chưa đánh giá",
}
_APPRAISAL_STATE = {
    AppraisalResult.MET.value: MET,
    AppraisalResult.NOT_MET.value: NOT_MET,
    AppraisalResult.PARTLY_MET.value: PARTLY,
}

DEFAULT_RATING_SCALE = [
    "Hoàn thành xuất sắc nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ",
    "Không hoàn thành nhiệm vụ",
]

CONDITION_FLAGS: dict[str, str] = {
    CriterionCondition.PARTY_MEMBER.value: "is_party_member",
    CriterionCondition.CIVIL_SERVANT.value: "is_civil_servant",
    CriterionCondition.ARMED_FORCES.value: "is_armed_forces",
    CriterionCondition.LEADER.value: "is_leader",
    CriterionCondition.GRASSROOTS_WORKER.value: "is_grassroots_worker",
}
_NOT_APPLIES = {
    CriterionCondition.PARTY_MEMBER.value: "không áp dụng vì không phải đảng viên",
    CriterionCondition.CIVIL_SERVANT.value: "không áp dụng vì không phải cán bộ, công chức, viên chức",
    CriterionCondition.ARMED_FORCES.value: "không áp dụng vì không thuộc lực lượng vũ trang",
    CriterionCondition.LEADER.value: "không áp dụng vì không giữ chức vụ lãnh đạo, quản lý",
    CriterionCondition.GRASSROOTS_WORKER.value: "không áp dụng vì không trực tiếp lao động, sản xuất ở cơ sở",
}
_KIND_WORDS = {
    CandidateKind.COLLECTIVE.value: "tập thể",
    CandidateKind.INDIVIDUAL.value: "cá nhân",
    CandidateKind.HOUSEHOLD.value: "hộ gia đình",
}
_COLLECTIVE_TYPES = {
    "state_budget": "cơ quan, đơn vị hưởng lương từ ngân sách",
    "enterprise": "doanh nghiệp, tổ chức ngoài Nhà nước",
    "party_org": "tổ chức đảng",
}

SELF_KEYS = ("self_text", "self_evidence", "self_met", "rating", "numerator", "denominator", "yearly_ratings")


# -- results ---------------------------------------------------------------------------------


@dataclass
class ChecklistItem:
    """One line of a candidate's checklist."""

    criterion: Criterion
    criteria_set: CriteriaSet
    why: str  # why it applies: "áp dụng vì là đảng viên", "tiêu chí chung đối với cá nhân"
    assessment: CriterionAssessment | None
    state: str  # met / not_met / partly / unanswered (appraisal wins over the self-assessment)
    reason: str  # "Tỷ lệ 91,7% (trên 90%)", "Chưa nhập số liệu"…
    self_state: str  # what the self-assessment alone gives
    source: str | None  # "appraisal", "self" or None (nothing entered)

    @property
    def required(self) -> bool:
        return bool(self.criterion.required)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def label(self) -> str:
        return criterion_label(self.criterion)


@dataclass
class Eligibility:
    eligible: bool
    met: int
    total_required: int
    missing: list[str] = field(default_factory=list)  # labels of the required criteria not (yet) met
    unanswered: int = 0  # required criteria nobody has judged yet
    optional_met: int = 0  # "ưu tiên" criteria met
    optional_total: int = 0

    @property
    def progress(self) -> str:
        """ "7/9" for lists."""
        return f"{self.met}/{self.total_required}"

    def summary(self, max_items: int = 3) -> str:
        """ "7/9 tiêu chí đạt — còn thiếu: …" (the page header and tooltips)."""
        head = f"{self.met}/{self.total_required} tiêu chí đạt"
        if self.total_required == 0:
            return "Chưa có tiêu chí bắt buộc nào áp dụng"
        if self.eligible:
            return head + " — đủ tiêu chí"
        shown = self.missing[:max_items]
        more = len(self.missing) - len(shown)
        tail = "; ".join(shown) + (f" và {more} tiêu chí khác" if more > 0 else "")
        return f"{head} — còn thiếu: {tail}"


# -- small helpers -----------------------------------------------------------------------------


def criterion_label(c: Criterion, limit: int = 90) -> str:
    """ "II.2.2.e Đảng viên: hoàn thành tốt nhiệm vụ trở lên" (code and short text)."""
    text = c.short_text or c.text or ""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"{c.code} {text}" if c.code else text


def fmt_number(x: float | Fraction | None, digits: int = 1) -> str:
    """Vietnamese decimal comma, no useless zeros: 91,7 / 90 / 100."""
    if x is None:
        return ""
    value = round(float(x), digits)
    if value == int(value):
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0").replace(".", ",")


def rating_scale(c: Criterion) -> list[str]:
    scale = [str(s) for s in (c.rating_scale or []) if str(s).strip()]
    return scale or list(DEFAULT_RATING_SCALE)


def _scale_index(scale: list[str], value: str | None) -> int | None:
    if not value:
        return None
    if value in scale:
        return scale.index(value)
    key = fold(value)
    for i, s in enumerate(scale):
        if fold(s) == key:
            return i
    return None


def _min_index(c: Criterion, scale: list[str]) -> int:
    """Position of the lowest rating that meets it; without one, anything but the worst."""
    idx = _scale_index(scale, c.min_rating)
    if idx is not None:
        return idx
    return max(len(scale) - 2, 0)


def _frac(x: float | int | str) -> Fraction:
    return Fraction(str(x)) if isinstance(x, float) else Fraction(x)


def _threshold_words(c: Criterion) -> str:
    t = fmt_number(c.threshold)
    return f"trên {t}%" if c.threshold_strict else f"từ {t}% trở lên"


# -- applying --------------------------------------------------------------------------------


def applies(criterion: Criterion, candidate: Candidate) -> tuple[bool, str]:
    """Whether the criterion's condition holds for the candidate, and why, in Vietnamese.

    Only the criterion's own ``condition`` is looked at (the set is checked by
    :func:`set_applies`)."""
    cond = criterion.condition
    if not cond:
        return True, "áp dụng chung"
    flag = CONDITION_FLAGS.get(cond)
    if flag is None:
        return False, f"điều kiện «{cond}» không rõ, không áp dụng"
    if candidate.kind == CandidateKind.COLLECTIVE and cond != CriterionCondition.LEADER:
        # Person conditions never apply to a collective.
        return False, _NOT_APPLIES[cond]
    if getattr(candidate, flag, False):
        return True, CriterionCondition(cond).label
    return False, _NOT_APPLIES[cond]


def set_applies(cset: CriteriaSet, candidate: Candidate) -> tuple[bool, str]:
    """Whether a criteria set applies to the candidate (kind, field, type of collective), and why."""
    return _set_applies(
        cset.applies_kind,
        cset.field_id,
        cset.collective_type,
        cset.is_general,
        cset.name,
        cset.code,
        cset.field.name if cset.field is not None else None,
        candidate.kind,
        candidate.field_id,
        candidate.collective_type,
    )


def _set_applies(
    applies_kind: str | None,
    field_id: str | None,
    collective_type: str | None,
    is_general: bool,
    name: str,
    code: str | None,
    field_name: str | None,
    kind: str,
    cand_field: str | None,
    cand_ctype: str | None,
) -> tuple[bool, str]:
    if applies_kind and applies_kind != kind:
        return False, f"chỉ áp dụng cho {_KIND_WORDS.get(applies_kind, applies_kind)}"
    if field_id and field_id != cand_field:
        return False, f"chỉ áp dụng cho lĩnh vực «{field_name or code or ''}»"
    if collective_type:
        if kind != CandidateKind.COLLECTIVE:
            return False, "chỉ áp dụng cho tập thể"
        if cand_ctype is None and not (field_id and field_id == cand_field):
            return False, "chưa rõ loại hình tập thể"
        if cand_ctype is not None and cand_ctype != collective_type:
            return (
                False,
                f"chỉ áp dụng cho tập thể là {_COLLECTIVE_TYPES.get(collective_type, collective_type)}",
            )
    if field_id:
        return True, f"tiêu chí lĩnh vực «{field_name or code}»"
    if collective_type:
        return True, f"áp dụng cho tập thể là {_COLLECTIVE_TYPES.get(collective_type, collective_type)}"
    if applies_kind:
        return True, f"tiêu chí chung đối với {_KIND_WORDS.get(applies_kind, applies_kind)}"
    return True, "tiêu chí chung"


def applicable_sets(session: Session, candidate: Candidate) -> list[tuple[CriteriaSet, str]]:
    """The criteria sets of the candidate's plan that apply to it, in display order, with why."""
    sets = session.scalars(
        select(CriteriaSet)
        .where(CriteriaSet.plan_id == candidate.plan_id)
        .options(selectinload(CriteriaSet.criteria), selectinload(CriteriaSet.field))
        .order_by(CriteriaSet.sort_order, CriteriaSet.id)
    )
    out = []
    for cset in sets:
        ok, why = set_applies(cset, candidate)
        if ok:
            out.append((cset, why))
    return out


# -- evaluating ----------------------------------------------------------------------------


def evaluate(criterion: Criterion, a: Any | None) -> tuple[str, str]:
    """The state a self-assessment gives (no appraisal), and the reason in Vietnamese.

    ``a`` is anything with the assessment's attributes (an ORM row, a query row) or None."""
    if a is None:
        return UNANSWERED, "Chưa tự đánh giá"
    vt = criterion.value_type or CriterionType.BOOLEAN.value
    if vt == CriterionType.NUMBER:
        return _evaluate_number(criterion, a.numerator, a.denominator)
    if vt == CriterionType.RATING:
        return _evaluate_rating(criterion, a.rating)
    if vt == CriterionType.RATING_YEARS:
        return _evaluate_years(criterion, a.yearly_ratings)
    if a.self_met is True:
        return MET, "Tự đánh giá: đạt"
    if a.self_met is False:
        return NOT_MET, "Tự đánh giá: không đạt"
    if a.self_text:
        return UNANSWERED, "Đã có nội dung tự đánh giá, chưa xác nhận đạt hay không"
    return UNANSWERED, "Chưa tự đánh giá"


def share_percent(numerator: float | None, denominator: float | None) -> Fraction | None:
    if numerator is None or denominator in (None, 0):
        return None
    return _frac(numerator) * 100 / _frac(denominator)


def _evaluate_number(c: Criterion, num: float | None, den: float | None) -> tuple[str, str]:
    if num is None or den is None:
        return UNANSWERED, "Chưa nhập số liệu"
    if den <= 0:
        return UNANSWERED, "Tổng số phải lớn hơn 0"
    if num < 0 or num > den:
        return NOT_MET, f"Số liệu không hợp lệ ({fmt_number(num)}/{fmt_number(den)})"
    share = share_percent(num, den)
    assert share is not None
    head = f"{fmt_number(num)}/{fmt_number(den)} = {fmt_number(share, 2)}%"
    if c.threshold is None:
        return MET, head
    t = _frac(c.threshold)
    ok = share > t if c.threshold_strict else share >= t
    if ok:
        return MET, f"{head} (đạt yêu cầu {_threshold_words(c)})"
    return NOT_MET, f"{head}, chưa đạt yêu cầu {_threshold_words(c)}"


def _evaluate_rating(c: Criterion, rating: str | None) -> tuple[str, str]:
    if not rating:
        return UNANSWERED, "Chưa chọn mức xếp loại"
    scale = rating_scale(c)
    idx = _scale_index(scale, rating)
    if idx is None:
        return UNANSWERED, f"Mức «{rating}» không có trong thang xếp loại của tiêu chí"
    need = _min_index(c, scale)
    if idx <= need:
        return MET, f"Xếp loại: {scale[idx]}"
    return NOT_MET, f"Xếp loại: {scale[idx]}; yêu cầu: {scale[need]} trở lên"


def _evaluate_years(c: Criterion, ratings: dict[str, Any] | None) -> tuple[str, str]:
    n = max(int(c.years_required or 1), 1)
    scale = rating_scale(c)
    need = _min_index(c, scale)
    years: dict[int, str] = {}
    for key, value in (ratings or {}).items():
        try:
            year = int(str(key).strip())
        except ValueError:
            continue
        if value:
            years[year] = str(value)
    if not years:
        return UNANSWERED, f"Chưa nhập xếp loại {n} năm liền"
    last = max(years)
    window = list(range(last - n + 1, last + 1))
    below = []
    missing = []
    for y in window:
        if y not in years:
            missing.append(y)
            continue
        idx = _scale_index(scale, years[y])
        if idx is None or idx > need:
            below.append(f"năm {y}: {years[y]}")
    span = f"{window[0]}–{window[-1]}" if n > 1 else str(window[0])
    if below:
        return NOT_MET, f"Chưa đạt {scale[need]} trở lên ({'; '.join(below)})"
    if missing:
        return UNANSWERED, "Còn thiếu xếp loại năm " + ", ".join(str(y) for y in missing)
    return MET, f"{scale[need]} trở lên {n} năm liền ({span})"


def _judge(criterion: Criterion, a: Any | None) -> tuple[str, str, str, str | None]:
    """(state, reason, self_state, source) with the appraisal overriding the self-assessment."""
    self_state, self_reason = evaluate(criterion, a)
    appraisal = getattr(a, "appraisal", None) if a is not None else None
    if appraisal in _APPRAISAL_STATE:
        state = _APPRAISAL_STATE[appraisal]
        comment = (getattr(a, "appraisal_comment", None) or "").strip()
        reason = f"Thẩm định: {STATE_LABELS[state].lower()}" + (f" — {comment}" if comment else "")
        return state, reason, self_state, "appraisal"
    if a is None or self_state == UNANSWERED and not _has_self_values(a):
        return self_state, self_reason, self_state, None
    return self_state, self_reason, self_state, "self"


def _has_self_values(a: Any) -> bool:
    return any(getattr(a, k, None) not in (None, "", {}) for k in SELF_KEYS)


# -- the checklist -----------------------------------------------------------------------------


def _assessments_of(session: Session, candidate: Candidate) -> dict[str, CriterionAssessment]:
    rows = session.scalars(
        select(CriterionAssessment).where(CriterionAssessment.candidate_id == candidate.id)
    )
    return {a.criterion_id: a for a in rows}


def checklist_for(session: Session, candidate: Candidate) -> list[ChecklistItem]:
    """The candidate's checklist: every criterion that applies, in the plan's order, with
    why it applies, the assessment (if any) and the computed state."""
    assessments = _assessments_of(session, candidate)
    items: list[ChecklistItem] = []
    for cset, set_why in applicable_sets(session, candidate):
        for c in cset.criteria:
            ok, cond_why = applies(c, candidate)
            if not ok:
                continue
            a = assessments.get(c.id)
            state, reason, self_state, source = _judge(c, a)
            why = cond_why if c.condition else set_why
            if not c.required:
                why += " (ưu tiên, không bắt buộc)"
            items.append(ChecklistItem(c, cset, why, a, state, reason, self_state, source))
    return items


def not_applying(session: Session, candidate: Candidate) -> list[tuple[Criterion, str]]:
    """Criteria of the applicable sets left out by their condition, with why (for the page's
    "không áp dụng" fold-out)."""
    out = []
    for cset, _why in applicable_sets(session, candidate):
        for c in cset.criteria:
            ok, why = applies(c, candidate)
            if not ok:
                out.append((c, why))
    return out


def eligibility_from_items(items: Iterable[ChecklistItem]) -> Eligibility:
    met = total = unanswered = opt_met = opt_total = 0
    missing: list[str] = []
    for it in items:
        if not it.required:
            opt_total += 1
            opt_met += it.state == MET
            continue
        total += 1
        if it.state == MET:
            met += 1
        else:
            unanswered += it.state == UNANSWERED
            missing.append(f"{it.label} ({STATE_LABELS[it.state].lower()})")
    return Eligibility(total > 0 and met == total, met, total, missing, unanswered, opt_met, opt_total)


def eligibility(session: Session, candidate: Candidate) -> Eligibility:
    return eligibility_from_items(checklist_for(session, candidate))


# -- a whole plan at once --------------------------------------------------------------------------


class _Spec:
    """A criterion as plain attributes (what :func:`evaluate` reads), read once per plan:
    ORM attribute access is the cost that matters for 100,000 candidates."""

    __slots__ = (
        "id",
        "code",
        "text",
        "short_text",
        "value_type",
        "rating_scale",
        "min_rating",
        "threshold",
        "threshold_strict",
        "years_required",
        "required",
        "condition",
        "missing_labels",
    )

    def __init__(self, c: Criterion) -> None:
        self.id = c.id
        self.code = c.code
        self.text = c.text
        self.short_text = c.short_text
        self.value_type = c.value_type or CriterionType.BOOLEAN.value
        self.rating_scale = rating_scale(c)
        self.min_rating = c.min_rating
        self.threshold = c.threshold
        self.threshold_strict = c.threshold_strict
        self.years_required = c.years_required
        self.required = bool(c.required)
        self.condition = c.condition
        label = criterion_label(c)
        self.missing_labels = {state: f"{label} ({STATE_LABELS[state].lower()})" for state in STATES}


_ASSESSMENT_COLUMNS = (
    CriterionAssessment.candidate_id,
    CriterionAssessment.criterion_id,
    CriterionAssessment.self_met,
    CriterionAssessment.rating,
    CriterionAssessment.numerator,
    CriterionAssessment.denominator,
    CriterionAssessment.yearly_ratings,
    CriterionAssessment.appraisal,
    CriterionAssessment.appraisal_comment,
    CriterionAssessment.self_text,
)


def _fast_state(spec: _Spec, a: Any | None) -> str:
    """The state only (no reason text), with the common cases short-cut."""
    if a is None:
        return UNANSWERED
    appraisal = a.appraisal
    if appraisal is not None and appraisal in _APPRAISAL_STATE:
        return _APPRAISAL_STATE[appraisal]
    if spec.value_type == CriterionType.BOOLEAN:
        return MET if a.self_met is True else (NOT_MET if a.self_met is False else UNANSWERED)
    return evaluate(spec, a)[0]  # type: ignore[arg-type]


def eligibility_map(
    session: Session, plan_id: str, candidate_ids: Iterable[str] | None = None
) -> dict[str, Eligibility]:
    """Eligibility of every candidate of a plan (or of ``candidate_ids``), keyed by id.

    Three queries whatever the number of candidates: the plan's criteria, the candidates'
    profile columns, the assessments (plain rows, no ORM objects). Candidates with the same
    profile (kind, field, type of collective, conditions) share one list of applicable
    criteria."""
    sets = list(
        session.scalars(
            select(CriteriaSet)
            .where(CriteriaSet.plan_id == plan_id)
            .options(selectinload(CriteriaSet.criteria), selectinload(CriteriaSet.field))
            .order_by(CriteriaSet.sort_order, CriteriaSet.id)
        )
    )
    specs = {c.id: _Spec(c) for cs in sets for c in cs.criteria}
    ids = list(candidate_ids) if candidate_ids is not None else None
    cand_stmt = select(
        Candidate.id,
        Candidate.kind,
        Candidate.field_id,
        Candidate.collective_type,
        Candidate.is_party_member,
        Candidate.is_civil_servant,
        Candidate.is_armed_forces,
        Candidate.is_leader,
        Candidate.is_grassroots_worker,
    ).where(Candidate.plan_id == plan_id)
    a_stmt = (
        select(*_ASSESSMENT_COLUMNS)
        .join(Candidate, Candidate.id == CriterionAssessment.candidate_id)
        .where(Candidate.plan_id == plan_id)
    )
    if ids is not None:
        if not ids:
            return {}
        cand_stmt = cand_stmt.where(Candidate.id.in_(ids))
        a_stmt = a_stmt.where(CriterionAssessment.candidate_id.in_(ids))

    conn = session.connection()  # Core rows: much cheaper than ORM loading for 10⁵–10⁶ rows
    assessments: dict[str, dict[str, Any]] = {}
    for row in conn.execute(a_stmt).fetchall():
        mine = assessments.get(row[0])
        if mine is None:
            mine = assessments[row[0]] = {}
        mine[row[1]] = row

    flags = ("is_party_member", "is_civil_servant", "is_armed_forces", "is_leader", "is_grassroots_worker")
    profiles: dict[tuple[Any, ...], list[_Spec]] = {}
    out: dict[str, Eligibility] = {}
    empty: dict[str, Any] = {}
    for row in conn.execute(cand_stmt).fetchall():
        cid, kind, field_id, ctype = row[0], row[1], row[2], row[3]
        flag_values = tuple(bool(v) for v in row[4:])
        key = (kind, field_id, ctype, flag_values)
        crits = profiles.get(key)
        if crits is None:
            chosen = _criteria_for_profile(
                sets, kind, field_id, ctype, dict(zip(flags, flag_values, strict=True))
            )
            crits = profiles[key] = [specs[c.id] for c in chosen]
        mine = assessments.get(cid, empty)
        met = total = unanswered = opt_met = opt_total = 0
        missing: list[str] = []
        for spec in crits:
            state = _fast_state(spec, mine.get(spec.id))
            if not spec.required:
                opt_total += 1
                opt_met += state == MET
                continue
            total += 1
            if state == MET:
                met += 1
            else:
                unanswered += state == UNANSWERED
                missing.append(spec.missing_labels[state])
        out[cid] = Eligibility(
            total > 0 and met == total, met, total, missing, unanswered, opt_met, opt_total
        )
    return out


class _Profile:
    """Enough of a candidate for :func:`applies`."""

    def __init__(self, kind: str, flags: dict[str, bool]) -> None:
        self.kind = kind
        for k, v in flags.items():
            setattr(self, k, v)


def _criteria_for_profile(
    sets: list[CriteriaSet], kind: str, field_id: str | None, ctype: str | None, flags: dict[str, bool]
) -> list[Criterion]:
    profile = _Profile(kind, flags)
    out: list[Criterion] = []
    for cset in sets:
        ok, _ = _set_applies(
            cset.applies_kind,
            cset.field_id,
            cset.collective_type,
            cset.is_general,
            cset.name,
            cset.code,
            cset.field.name if cset.field is not None else None,
            kind,
            field_id,
            ctype,
        )
        if not ok:
            continue
        for c in cset.criteria:
            if applies(c, profile)[0]:  # type: ignore[arg-type]
                out.append(c)
    return out


def eligible_candidates(
    session: Session, plan_id: str, candidate_ids: Iterable[str] | None = None
) -> list[str]:
    """Ids of the plan's candidates that meet every required criterion."""
    return [cid for cid, e in eligibility_map(session, plan_id, candidate_ids).items() if e.eligible]


# -- saving ----------------------------------------------------------------------------------


def _check_criterion(session: Session, candidate: Candidate, criterion: Criterion) -> None:
    cset = criterion.criteria_set or session.get(CriteriaSet, criterion.criteria_set_id)
    if cset is None or cset.plan_id != candidate.plan_id:
        raise UserError(
            f"Tiêu chí «{criterion_label(criterion)}» không thuộc kế hoạch của điển hình «{candidate.name}».",
            code="bad_input",
        )


def get_assessment(
    session: Session, candidate: Candidate, criterion: Criterion
) -> CriterionAssessment | None:
    return session.scalars(
        select(CriterionAssessment).where(
            CriterionAssessment.candidate_id == candidate.id, CriterionAssessment.criterion_id == criterion.id
        )
    ).first()


def ensure_assessment(session: Session, candidate: Candidate, criterion: Criterion) -> CriterionAssessment:
    """The candidate's assessment row for the criterion, created empty if needed (e.g. to
    attach a file before writing anything). Flushes, does not commit."""
    _check_criterion(session, candidate, criterion)
    a = get_assessment(session, candidate, criterion)
    if a is None:
        a = CriterionAssessment(
            candidate_id=candidate.id, criterion_id=criterion.id, sort_order=criterion.sort_order
        )
        session.add(a)
        session.flush()
    return a


def _number(value: Any, label: str) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        value = value.strip().replace(" ", "").replace(",", ".")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UserError(f"Trường «{label}»: «{value}» không phải là một số.", code="bad_field") from None
    if number < 0:
        raise UserError(f"Trường «{label}» không được âm.", code="bad_field")
    return number


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _rating_value(c: Criterion, value: Any, where: str) -> str | None:
    value = _text(value)
    if value is None:
        return None
    scale = rating_scale(c)
    idx = _scale_index(scale, value)
    if idx is None:
        raise UserError(
            f"{where}: «{value}» không có trong thang xếp loại ({'; '.join(scale)}).", code="bad_field"
        )
    return scale[idx]


def save_self_assessment(
    session: Session, candidate: Candidate, criterion: Criterion, **values: Any
) -> CriterionAssessment:
    """Write the candidate's self-assessment of one criterion.

    Keys: ``self_text``, ``self_evidence``, ``self_met`` (BOOLEAN), ``rating`` (RATING),
    ``numerator`` / ``denominator`` (NUMBER), ``yearly_ratings`` ({year: rating},
    RATING_YEARS). Only the keys given change; None clears. Bad values raise
    :class:`UserError` and change nothing. Flushes, does not commit."""
    unknown = sorted(set(values) - set(SELF_KEYS))
    if unknown:
        raise UserError(f"Trường «{', '.join(unknown)}» không có trong phần tự đánh giá.", code="bad_field")
    _check_criterion(session, candidate, criterion)
    label = criterion_label(criterion, 60)
    clean: dict[str, Any] = {}
    for key in ("self_text", "self_evidence"):
        if key in values:
            clean[key] = _text(values[key])
    if "self_met" in values:
        v = values["self_met"]
        if v not in (None, True, False):
            raise UserError(f"Tiêu chí «{label}»: đạt/không đạt phải là có hoặc không.", code="bad_field")
        clean["self_met"] = v
    if "rating" in values:
        clean["rating"] = _rating_value(criterion, values["rating"], f"Tiêu chí «{label}»")
    a = get_assessment(session, criterion=criterion, candidate=candidate)
    if "numerator" in values or "denominator" in values:
        num = _number(
            values.get("numerator", a.numerator if a else None), criterion.numerator_label or "Số đạt"
        )
        den = _number(
            values.get("denominator", a.denominator if a else None), criterion.denominator_label or "Tổng số"
        )
        if den is not None and den == 0:
            raise UserError(f"Tiêu chí «{label}»: tổng số phải lớn hơn 0.", code="bad_field")
        if num is not None and den is not None and num > den:
            raise UserError(
                f"Tiêu chí «{label}»: số đạt ({fmt_number(num)}) lớn hơn tổng số ({fmt_number(den)}).",
                code="bad_field",
            )
        clean["numerator"], clean["denominator"] = num, den
    if "yearly_ratings" in values:
        raw = values["yearly_ratings"] or {}
        if not isinstance(raw, dict):
            raise UserError(
                f"Tiêu chí «{label}»: xếp loại theo năm phải là bảng năm → mức.", code="bad_field"
            )
        years: dict[str, str] = {}
        for key, value in raw.items():
            try:
                year = int(str(key).strip())
            except ValueError:
                raise UserError(
                    f"Tiêu chí «{label}»: «{key}» không phải là một năm.", code="bad_field"
                ) from None
            if not 1950 <= year <= 2100:
                raise UserError(f"Tiêu chí «{label}»: năm {year} không hợp lệ.", code="bad_field")
            rating = _rating_value(criterion, value, f"Tiêu chí «{label}», năm {year}")
            if rating:
                years[str(year)] = rating
        clean["yearly_ratings"] = dict(sorted(years.items())) or None
    if a is None:
        a = CriterionAssessment(
            candidate_id=candidate.id, criterion_id=criterion.id, sort_order=criterion.sort_order
        )
        session.add(a)
    for key, value in clean.items():
        setattr(a, key, value)
    a.self_assessed_at = utcnow()
    session.flush()
    return a


def save_appraisal(
    session: Session,
    candidate: Candidate,
    criterion: Criterion,
    result: str | None,
    comment: str | None = None,
    by: str | None = None,
) -> CriterionAssessment:
    """Record the board's appraisal of one criterion (``met`` / ``not_met`` /
    ``partly_met``; None withdraws it). Flushes, does not commit."""
    if result is not None:
        result = str(result)
        if result == PARTLY:
            result = AppraisalResult.PARTLY_MET.value
        if result not in _APPRAISAL_STATE:
            raise UserError(
                f"Kết quả thẩm định «{result}» không hợp lệ (met = đạt, not_met = không đạt, partly_met = đạt một phần).",
                code="bad_field",
            )
    a = ensure_assessment(session, candidate, criterion)
    a.appraisal = result
    a.appraisal_comment = _text(comment)
    a.appraised_by = _text(by) if result is not None else None
    a.appraised_at = utcnow() if result is not None else None
    session.flush()
    return a


def appraise_all(
    session: Session,
    candidate: Candidate,
    result: str,
    comment: str | None = None,
    by: str | None = None,
    *,
    only_unappraised: bool = True,
) -> int:
    """Give the same appraisal to every applicable criterion (e.g. "đạt" after checking a
    whole dossier); returns how many were written. Flushes, does not commit."""
    n = 0
    for item in checklist_for(session, candidate):
        if only_unappraised and item.source == "appraisal":
            continue
        save_appraisal(session, candidate, item.criterion, result, comment, by)
        n += 1
    return n


def progress_counts(items: Iterable[ChecklistItem]) -> dict[str, int]:
    """How many items per state (for the tab's header and the overview)."""
    counts = dict.fromkeys(STATES, 0)
    for it in items:
        counts[it.state] += 1
    return counts
