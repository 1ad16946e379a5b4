"""Editing a plan of the office: its general facts, phases, fields, quotas, pass rules,
criteria sets and criteria; making a plan the one being carried out.

Every function validates its input and raises :class:`~dienhinh_desktop.errors.UserError`
with a Vietnamese message naming the tab, the row and the field. Built-in templates
(``Plan.is_template``) are read-only: every edit of one is refused with
:data:`TEMPLATE_MESSAGE`. A field used by candidates, or a criterion (or criteria set) that
already has self-assessments or appraisals, is never removed: the refusal says how many
records use it.

No function commits: the caller owns the transaction (``with db.transaction() as s``).
Every edit touches the plan row, so ``Plan.version`` moves on each change of the plan or
of anything in it; :func:`save_plan` compares it with the version the editor loaded and
raises :class:`~dienhinh_desktop.errors.StaleRecord` when someone saved in between.

The whole-plan editor of the GUI calls :func:`save_plan` with the rows of each tab; the
single-row functions (``add_field``, ``update_criterion``, ``remove_quota``…) are for
scripts and tests. Row dictionaries use the model's column names (see :func:`plan_detail`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.engine import STALE_MESSAGE
from ..errors import StaleRecord, UserError
from ..models import (
    AwardKind,
    BallotMethod,
    Candidate,
    CandidateKind,
    CriteriaSet,
    Criterion,
    CriterionAssessment,
    CriterionCondition,
    CriterionType,
    Denominator,
    Field,
    PassRule,
    Plan,
    PlanPhase,
    Quota,
    Unit,
    UnitKind,
    utcnow,
)
from ..text import fmt_date, parse_date

TEMPLATE_MESSAGE = "Kế hoạch mẫu không sửa được; hãy sao chép thành kế hoạch của đơn vị"

PLAN_STATUSES: dict[str, str] = {"draft": "Dự thảo", "active": "Đang thực hiện", "closed": "Đã kết thúc"}
PHASE_KINDS: dict[str, str] = {
    "phase": "Giai đoạn",
    "registration": "Đăng ký",
    "nurture": "Bồi dưỡng, giúp đỡ",
    "self_assessment": "Tự đánh giá",
    "appraisal": "Thẩm định",
    "recognition": "Xét công nhận",
    "proposal": "Đề nghị cấp trên",
    "report": "Báo cáo",
    "ceremony": "Biểu dương, tôn vinh",
}
RECURRENCES: dict[str, str] = {
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "semiannual": "6 tháng một lần",
    "yearly": "Hằng năm",
}
QUOTA_SCOPES: dict[str, str] = {
    "registration": "Đăng ký",
    "proposal": "Đề nghị cấp trên",
    "introduction": "Giới thiệu",
}
QUOTA_PERIODS: dict[str, str] = {"year": "Mỗi năm", "phase": "Mỗi giai đoạn", "plan": "Cả kế hoạch"}
# Written out here: ``StrEnum.label`` mixes up values shared by two enums ("other",
# "armed_forces", "commune", "present").
UNIT_KINDS: dict[str, str] = {
    UnitKind.PROVINCE.value: "Tỉnh",
    UnitKind.PARTY_COMMITTEE.value: "Đảng ủy",
    UnitKind.DISTRICT.value: "Huyện",
    UnitKind.COMMUNE.value: "Xã, phường",
    UnitKind.PARTY_CELL.value: "Chi bộ",
    UnitKind.VILLAGE.value: "Thôn, bản, tổ dân phố",
    UnitKind.SCHOOL.value: "Trường học",
    UnitKind.HEALTH.value: "Trạm y tế",
    UnitKind.AGENCY.value: "Cơ quan",
    UnitKind.ENTERPRISE.value: "Doanh nghiệp, HTX",
    UnitKind.MASS_ORG.value: "Đoàn thể",
    UnitKind.ARMED_FORCES.value: "Lực lượng vũ trang",
    UnitKind.OTHER.value: "Khác",
}
CANDIDATE_KINDS: dict[str, str] = {k.value: k.label for k in CandidateKind}
AWARD_KINDS: dict[str, str] = {
    AwardKind.RECOGNITION.value: "Công nhận, ghi danh điển hình tiên tiến",
    AwardKind.CERTIFICATE.value: "Giấy khen",
    AwardKind.MERIT.value: "Bằng khen",
    AwardKind.COMMENDATION.value: "Biểu dương",
    AwardKind.OTHER.value: "Hình thức khác",
}
DENOMINATORS: dict[str, str] = {
    Denominator.ALL_MEMBERS.value: "tổng số thành viên",
    Denominator.PRESENT.value: "thành viên có mặt",
}
BALLOT_METHODS: dict[str, str] = {k.value: k.label for k in BallotMethod}
CRITERION_TYPES: dict[str, str] = {k.value: k.label for k in CriterionType}
CRITERION_CONDITIONS: dict[str, str] = {k.value: k.label for k in CriterionCondition}

PLAN_KEYS = (
    "name",
    "code",
    "issuer",
    "issued_on",
    "period_start",
    "period_end",
    "status",
    "recognition_cadence",
    "quorum_percent",
    "quorum_strict",
    "description",
    "steps",
)
PHASE_KEYS = (
    "name",
    "kind",
    "start_date",
    "end_date",
    "deadline",
    "recurrence",
    "responsible",
    "done",
    "done_on",
    "description",
)
FIELD_KEYS = ("code", "name", "description", "lead_agency")
QUOTA_KEYS = ("scope", "unit_kind", "unit_id", "candidate_kind", "period", "min_count", "max_count", "note")
PASS_RULE_KEYS = ("title", "threshold_percent", "strict", "denominator", "method", "note")
CRITERIA_SET_KEYS = (
    "code",
    "name",
    "applies_kind",
    "field_id",
    "collective_type",
    "is_general",
    "description",
)
CRITERION_KEYS = (
    "code",
    "text",
    "short_text",
    "condition",
    "value_type",
    "rating_scale",
    "min_rating",
    "threshold",
    "threshold_strict",
    "numerator_label",
    "denominator_label",
    "years_required",
    "required",
    "note",
)
# Keys a row may carry besides its columns (ignored when applying).
_ROW_EXTRA = {"id", "version", "key", "criteria", "candidates", "assessments", "sort_order"}


# ----------------------------------------------------------------------------- value checks
def _fail(where: str, message: str, code: str = "bad_field") -> UserError:
    return UserError(f"{where}: {message}" if where else message, code=code)


def _text(
    value: Any, label: str, where: str, *, required: bool = False, max_len: int | None = None
) -> str | None:
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = " ".join(value.split()) if "\n" not in value else value.strip()
    else:
        text = str(value).strip()
    if not text:
        if required:
            raise _fail(where, f"«{label}» không được để trống.", "missing_field")
        return None
    if max_len is not None and len(text) > max_len:
        raise _fail(where, f"«{label}» dài quá {max_len} ký tự (đang có {len(text)}).")
    return text


def _date(value: Any, label: str, where: str) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_date(value)
    except (ValueError, TypeError) as exc:
        raise _fail(where, f"«{label}»: {exc}") from None


def _choice(value: Any, allowed: dict[str, str], label: str, where: str, *, nullable: bool) -> str | None:
    if value is None or value == "":
        if nullable:
            return None
        raise _fail(where, f"Chưa chọn «{label}».", "missing_field")
    if value in allowed:
        return str(value)
    for key, text in allowed.items():  # the Vietnamese label works too (scripts, pasted rows)
        if isinstance(value, str) and value.strip().lower() == text.lower():
            return key
    choices = ", ".join(f"{k} = {v}" for k, v in allowed.items())
    raise _fail(where, f"«{label}» = «{value}» không hợp lệ; chọn một trong: {choices}.")


def _int(value: Any, label: str, where: str, *, minimum: int = 0) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except (TypeError, ValueError):
        raise _fail(where, f"«{label}» phải là số nguyên, không phải «{value}».") from None
    if number < minimum:
        raise _fail(where, f"«{label}» phải từ {minimum} trở lên.")
    return number


def _float(
    value: Any, label: str, where: str, *, lo: float = 0.0, hi: float = 100.0, lo_open: bool = False
) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        number = (
            float(str(value).strip().rstrip("%").replace(",", "."))
            if isinstance(value, str)
            else float(value)
        )
    except (TypeError, ValueError):
        raise _fail(where, f"«{label}» phải là một số, không phải «{value}».") from None
    if number < lo or number > hi or (lo_open and number == lo):
        low = f"lớn hơn {lo:g}" if lo_open else f"từ {lo:g}"
        raise _fail(where, f"«{label}» phải {low} đến {hi:g} (đang là {number:g}).")
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "co", "có", "x")
    return bool(value)


def _scale(value: Any, where: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace("\n", ";").split(";")]
    elif isinstance(value, (list, tuple)):
        parts = [str(p).strip() for p in value]
    else:
        raise _fail(where, "«Thang xếp loại» phải là danh sách các mức, mức cao nhất trước.")
    parts = [p for p in parts if p]
    return parts or None


def _unknown_keys(values: dict[str, Any], allowed: Iterable[str], what: str) -> None:
    unknown = sorted(set(values) - set(allowed) - _ROW_EXTRA)
    if unknown:
        raise UserError(f"Trường «{', '.join(unknown)}» không có trong {what}.", code="bad_field")


# ----------------------------------------------------------------------------- lookups
def _touch(plan: Plan) -> None:
    """Mark the plan row changed so its version moves with any edit of the plan."""
    plan.updated_at = utcnow()


def find_plan(session: Session, ident: str) -> Plan:
    """A plan by id, id prefix, code or template key (``002_…`` or its prefix)."""
    from .plans import resolve_plan

    ident = (ident or "").strip()
    if not ident:
        raise UserError("Chưa nêu kế hoạch (mã định danh).", code="missing_field")
    try:
        return resolve_plan(session, ident)
    except UserError:
        matches = list(session.scalars(select(Plan).where(Plan.template_key.like(f"{ident}%"))))
        if len(matches) == 1:
            return matches[0]
        raise


def editable_plan(session: Session, plan_id: str) -> Plan:
    """The plan, refusing a template (read-only) and a missing id."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
    if plan.is_template:
        raise UserError(TEMPLATE_MESSAGE + ".", code="template_read_only")
    return plan


def _child(session: Session, model: Any, child_id: str, what: str) -> Any:
    obj = session.get(model, child_id)
    if obj is None:
        raise UserError(f"Không tìm thấy {what} «{child_id}».", code="not_found")
    return obj


def field_usage(session: Session, field_id: str) -> int:
    """How many candidates (of any status) are in the field."""
    return int(
        session.scalar(select(func.count()).select_from(Candidate).where(Candidate.field_id == field_id)) or 0
    )


def criterion_usage(session: Session, criterion_ids: Iterable[str]) -> int:
    """How many self-assessments / appraisals were written against these criteria."""
    ids = list(criterion_ids)
    if not ids:
        return 0
    return int(
        session.scalar(
            select(func.count())
            .select_from(CriterionAssessment)
            .where(CriterionAssessment.criterion_id.in_(ids))
        )
        or 0
    )


def _label(obj: Any) -> str:
    text = getattr(obj, "short_text", None) or getattr(obj, "name", None) or getattr(obj, "text", None) or ""
    code = getattr(obj, "code", None)
    if len(text) > 80:
        text = text[:78].rstrip() + "…"
    return f"{code} {text}" if code and not text.startswith(code) else text


# ----------------------------------------------------------------------------- the plan
def create_plan(session: Session, name: str, **values: Any) -> Plan:
    """A new, empty plan of the office (status «Dự thảo» unless given). Flushes."""
    clean = _plan_values({"name": name, **values}, None)
    clean.setdefault("status", "draft")
    plan = Plan(**clean)
    session.add(plan)
    session.flush()
    return plan


def _plan_values(values: dict[str, Any], plan: Plan | None) -> dict[str, Any]:
    _unknown_keys(values, PLAN_KEYS, "thông tin kế hoạch")
    w = "Thông tin chung"
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in _ROW_EXTRA:
            continue
        if key == "name":
            out[key] = _text(value, "Tên kế hoạch", w, required=True, max_len=500)
        elif key == "code":
            out[key] = _text(value, "Số, ký hiệu", w, max_len=50)
        elif key == "issuer":
            out[key] = _text(value, "Cơ quan ban hành", w, max_len=300)
        elif key == "recognition_cadence":
            out[key] = _text(value, "Định kỳ xét công nhận", w, max_len=100)
        elif key == "description":
            out[key] = (value or "").strip() or None
        elif key in ("issued_on", "period_start", "period_end"):
            label = {
                "issued_on": "Ngày ban hành",
                "period_start": "Thời gian từ",
                "period_end": "Thời gian đến",
            }[key]
            out[key] = _date(value, label, w)
        elif key == "status":
            out[key] = _choice(value, PLAN_STATUSES, "Trạng thái", w, nullable=False)
        elif key == "quorum_percent":
            q = _float(value, "Tỷ lệ có mặt tối thiểu (%)", w, lo=0.0, hi=100.0, lo_open=True)
            if q is None:
                raise _fail(w, "«Tỷ lệ có mặt tối thiểu (%)» không được để trống.", "missing_field")
            out[key] = q
        elif key == "quorum_strict":
            out[key] = _bool(value)
        elif key == "steps":
            out[key] = _steps(value)
    start = out.get("period_start", plan.period_start if plan else None)
    end = out.get("period_end", plan.period_end if plan else None)
    if start and end and start > end:
        raise _fail(w, f"thời gian bắt đầu ({fmt_date(start)}) sau thời gian kết thúc ({fmt_date(end)}).")
    return out


def _steps(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail("Các bước công nhận", "phải là một danh sách.")
    steps = []
    for i, step in enumerate(value, start=1):
        w = f"Các bước công nhận, dòng {i}"
        if isinstance(step, str):
            step = {"title": "", "text": step}
        if not isinstance(step, dict):
            raise _fail(w, "phải có «Bước» và «Nội dung».")
        title = _text(step.get("title"), "Bước", w, max_len=300) or ""
        text = (step.get("text") or "").strip()
        if not text and not title:
            continue  # an empty row is dropped
        if not text:
            raise _fail(w, "«Nội dung» không được để trống.", "missing_field")
        steps.append({"title": title, "text": text})
    return steps


def update_plan(session: Session, plan_id: str, **values: Any) -> Plan:
    """Change the plan's general facts (keys of :data:`PLAN_KEYS`). Flushes."""
    plan = editable_plan(session, plan_id)
    for key, value in _plan_values(values, plan).items():
        setattr(plan, key, value)
    _touch(plan)
    session.flush()
    return plan


def activate_plan(session: Session, plan_id: str, *, close_others: bool = True) -> dict[str, Any]:
    """Make the plan the one being carried out (status «Đang thực hiện»); with
    ``close_others`` the other plans of the office that are «Đang thực hiện» become «Đã kết
    thúc», so :func:`services.plans.current_plan` returns this one. Returns
    ``{"plan_id", "closed": [{"id", "name"}]}``. Flushes."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
    if plan.is_template:
        raise UserError(
            "Kế hoạch mẫu không đặt làm kế hoạch đang thực hiện được; hãy sao chép thành kế hoạch của đơn vị.",
            code="template_read_only",
        )
    closed = []
    if close_others:
        for other in others_active(session, plan.id):
            other.status = "closed"
            _touch(other)
            closed.append({"id": other.id, "name": other.name})
    if plan.status != "active":
        plan.status = "active"
    _touch(plan)
    session.flush()
    return {"plan_id": plan.id, "closed": closed}


def others_active(session: Session, plan_id: str) -> list[Plan]:
    """The office's other plans that are «Đang thực hiện» (what :func:`activate_plan` closes)."""
    return list(
        session.scalars(
            select(Plan)
            .where(Plan.is_template.is_(False), Plan.status == "active", Plan.id != plan_id)
            .order_by(Plan.name)
        )
    )


# ----------------------------------------------------------------------------- phases
def _phase_values(values: dict[str, Any], phase: PlanPhase | None, where: str) -> dict[str, Any]:
    _unknown_keys(values, PHASE_KEYS, "giai đoạn, mốc thời gian")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in _ROW_EXTRA:
            continue
        if key == "name":
            out[key] = _text(value, "Tên giai đoạn, công việc", where, required=True, max_len=500)
        elif key == "kind":
            out[key] = _choice(value or "phase", PHASE_KINDS, "Loại", where, nullable=False)
        elif key in ("start_date", "end_date", "deadline", "done_on"):
            label = {
                "start_date": "Từ ngày",
                "end_date": "Đến ngày",
                "deadline": "Hạn chót",
                "done_on": "Ngày xong",
            }
            out[key] = _date(value, label[key], where)
        elif key == "recurrence":
            out[key] = _choice(value, RECURRENCES, "Lặp lại", where, nullable=True)
        elif key == "responsible":
            out[key] = _text(value, "Người, cơ quan thực hiện", where, max_len=300)
        elif key == "done":
            out[key] = _bool(value)
        elif key == "description":
            out[key] = (value or "").strip() or None
    start = out.get("start_date", phase.start_date if phase else None)
    end = out.get("end_date", phase.end_date if phase else None)
    if start and end and start > end:
        raise _fail(where, f"«Từ ngày» ({fmt_date(start)}) sau «Đến ngày» ({fmt_date(end)}).")
    if out.get("done") and "done_on" not in out and not (phase and phase.done_on):
        out["done_on"] = date.today()
    if "done" in out and not out["done"]:
        out["done_on"] = None
    return out


def add_phase(session: Session, plan_id: str, *, where: str = "Giai đoạn mới", **values: Any) -> PlanPhase:
    plan = editable_plan(session, plan_id)
    phase = PlanPhase(**_phase_values({"kind": "phase", **values}, None, where), sort_order=len(plan.phases))
    plan.phases.append(phase)
    _touch(plan)
    session.flush()
    return phase


def update_phase(session: Session, phase_id: str, *, where: str = "Giai đoạn", **values: Any) -> PlanPhase:
    phase = _child(session, PlanPhase, phase_id, "giai đoạn")
    plan = editable_plan(session, phase.plan_id)
    for key, value in _phase_values(values, phase, where).items():
        setattr(phase, key, value)
    _touch(plan)
    session.flush()
    return phase


def remove_phase(session: Session, phase_id: str) -> None:
    phase = _child(session, PlanPhase, phase_id, "giai đoạn")
    plan = editable_plan(session, phase.plan_id)
    plan.phases.remove(phase)
    _touch(plan)
    session.flush()


def set_phases(session: Session, plan_id: str, rows: list[dict[str, Any]]) -> list[PlanPhase]:
    """Replace the plan's phases by ``rows`` (in order): a row with an ``id`` updates that
    phase, one without adds a phase, phases left out are removed."""
    return _sync(
        session,
        plan_id,
        rows,
        current=lambda p: p.phases,
        add=lambda row, w: add_phase(session, plan_id, where=w, **row),
        update=lambda obj, row, w: update_phase(session, obj.id, where=w, **row),
        remove=lambda obj: remove_phase(session, obj.id),
        what="Giai đoạn và thời hạn",
    )


# ----------------------------------------------------------------------------- fields
def _field_values(values: dict[str, Any], where: str) -> dict[str, Any]:
    _unknown_keys(values, FIELD_KEYS, "lĩnh vực")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            out[key] = _text(value, "Tên lĩnh vực", where, required=True, max_len=500)
        elif key == "code":
            out[key] = _text(value, "Mã", where, max_len=20)
        elif key == "lead_agency":
            out[key] = _text(value, "Cơ quan chủ trì", where, max_len=300)
        elif key == "description":
            out[key] = (value or "").strip() or None
    return out


def _check_field_code(plan: Plan, code: str | None, field: Field | None, where: str) -> None:
    if not code:
        return
    for other in plan.fields:
        if other is not field and other.code == code:
            raise _fail(where, f"mã lĩnh vực «{code}» đã dùng cho lĩnh vực «{other.name}».")


def add_field(session: Session, plan_id: str, *, where: str = "Lĩnh vực mới", **values: Any) -> Field:
    plan = editable_plan(session, plan_id)
    clean = _field_values(values, where)
    if "name" not in clean:
        raise _fail(where, "«Tên lĩnh vực» không được để trống.", "missing_field")
    _check_field_code(plan, clean.get("code"), None, where)
    field = Field(**clean, sort_order=len(plan.fields))
    plan.fields.append(field)
    _touch(plan)
    session.flush()
    return field


def update_field(session: Session, field_id: str, *, where: str = "Lĩnh vực", **values: Any) -> Field:
    field = _child(session, Field, field_id, "lĩnh vực")
    plan = editable_plan(session, field.plan_id)
    clean = _field_values(values, where)
    if "code" in clean:
        _check_field_code(plan, clean["code"], field, where)
    for key, value in clean.items():
        setattr(field, key, value)
    _touch(plan)
    session.flush()
    return field


def remove_field(session: Session, field_id: str) -> None:
    """Remove a field no candidate uses and no criteria set is tied to."""
    field = _child(session, Field, field_id, "lĩnh vực")
    plan = editable_plan(session, field.plan_id)
    used = field_usage(session, field.id)
    if used:
        raise UserError(
            f"Không xóa được lĩnh vực «{_label(field)}»: đang có {used} điển hình thuộc lĩnh vực này. "
            "Hãy chuyển các điển hình đó sang lĩnh vực khác trước.",
            code="in_use",
        )
    sets = [cs for cs in plan.criteria_sets if cs.field_id == field.id]
    if sets:
        names = ", ".join(f"«{_label(cs)}»" for cs in sets)
        raise UserError(
            f"Không xóa được lĩnh vực «{_label(field)}»: {len(sets)} bộ tiêu chí đang gắn với lĩnh vực này "
            f"({names}). Hãy bỏ liên kết hoặc xóa bộ tiêu chí đó trước.",
            code="in_use",
        )
    plan.fields.remove(field)
    _touch(plan)
    session.flush()


def set_fields(session: Session, plan_id: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Replace the plan's fields by ``rows`` (see :func:`set_phases`). Returns
    ``{row key or id: field id}`` so criteria sets can name a field added in the same save."""
    keys: dict[str, str] = {}
    objs = _sync(
        session,
        plan_id,
        rows,
        current=lambda p: p.fields,
        add=lambda row, w: add_field(session, plan_id, where=w, **row),
        update=lambda obj, row, w: update_field(session, obj.id, where=w, **row),
        remove=lambda obj: remove_field(session, obj.id),
        what="Lĩnh vực",
        pre_update=_clear_codes,
    )
    for row, obj in zip(rows, objs, strict=True):
        keys[str(row.get("key") or row.get("id") or obj.id)] = obj.id
        keys[obj.id] = obj.id
    return keys


def _clear_codes(plan: Plan, rows: list[dict[str, Any]]) -> None:
    """Let codes be swapped between rows in one save (checked again row by row)."""
    seen: dict[str, int] = {}
    for i, row in enumerate(rows, start=1):
        code = _text(row.get("code"), "Mã", f"Lĩnh vực, dòng {i}", max_len=20)
        if code:
            if code in seen:
                raise _fail(f"Lĩnh vực, dòng {i}", f"mã «{code}» trùng với dòng {seen[code]}.")
            seen[code] = i
    for field in plan.fields:
        field.code = None


# ----------------------------------------------------------------------------- quotas
def _quota_values(
    session: Session, values: dict[str, Any], quota: Quota | None, where: str
) -> dict[str, Any]:
    _unknown_keys(values, QUOTA_KEYS, "chỉ tiêu")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "scope":
            out[key] = _choice(value or "registration", QUOTA_SCOPES, "Phạm vi", where, nullable=False)
        elif key == "unit_kind":
            out[key] = _choice(value, UNIT_KINDS, "Loại đơn vị", where, nullable=True)
        elif key == "unit_id":
            if value:
                if session.get(Unit, value) is None:
                    raise _fail(where, f"không tìm thấy đơn vị «{value}».")
                out[key] = value
            else:
                out[key] = None
        elif key == "candidate_kind":
            out[key] = _choice(value, CANDIDATE_KINDS, "Loại điển hình", where, nullable=True)
        elif key == "period":
            out[key] = _choice(value or "plan", QUOTA_PERIODS, "Tính theo", where, nullable=False)
        elif key in ("min_count", "max_count"):
            out[key] = _int(value, "Tối thiểu" if key == "min_count" else "Tối đa", where)
        elif key == "note":
            out[key] = (value or "").strip() or None
    lo = out.get("min_count", quota.min_count if quota else None)
    hi = out.get("max_count", quota.max_count if quota else None)
    if lo is None and hi is None:
        raise _fail(where, "cần ít nhất một trong hai số «Tối thiểu», «Tối đa».", "missing_field")
    if lo is not None and hi is not None and lo > hi:
        raise _fail(where, f"«Tối thiểu» ({lo}) lớn hơn «Tối đa» ({hi}).")
    return out


def add_quota(session: Session, plan_id: str, *, where: str = "Chỉ tiêu mới", **values: Any) -> Quota:
    plan = editable_plan(session, plan_id)
    quota = Quota(
        **_quota_values(session, {"scope": "registration", "period": "plan", **values}, None, where)
    )
    plan.quotas.append(quota)
    _touch(plan)
    session.flush()
    return quota


def update_quota(session: Session, quota_id: str, *, where: str = "Chỉ tiêu", **values: Any) -> Quota:
    quota = _child(session, Quota, quota_id, "chỉ tiêu")
    plan = editable_plan(session, quota.plan_id)
    for key, value in _quota_values(session, values, quota, where).items():
        setattr(quota, key, value)
    _touch(plan)
    session.flush()
    return quota


def remove_quota(session: Session, quota_id: str) -> None:
    quota = _child(session, Quota, quota_id, "chỉ tiêu")
    plan = editable_plan(session, quota.plan_id)
    plan.quotas.remove(quota)
    _touch(plan)
    session.flush()


def set_quotas(session: Session, plan_id: str, rows: list[dict[str, Any]]) -> list[Quota]:
    return _sync(
        session,
        plan_id,
        rows,
        current=lambda p: p.quotas,
        add=lambda row, w: add_quota(session, plan_id, where=w, **row),
        update=lambda obj, row, w: update_quota(session, obj.id, where=w, **row),
        remove=lambda obj: remove_quota(session, obj.id),
        what="Chỉ tiêu",
        ordered=False,
    )


# ----------------------------------------------------------------------------- pass rules
def _rule_values(values: dict[str, Any], where: str) -> dict[str, Any]:
    _unknown_keys(values, PASS_RULE_KEYS, "quy tắc biểu quyết")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "title":
            out[key] = _choice(
                value or "recognition", AWARD_KINDS, "Danh hiệu, hình thức", where, nullable=False
            )
        elif key == "threshold_percent":
            t = _float(value, "Tỷ lệ (%)", where, lo=0.0, hi=100.0, lo_open=True)
            if t is None:
                raise _fail(where, "«Tỷ lệ (%)» không được để trống.", "missing_field")
            out[key] = t
        elif key == "strict":
            out[key] = _bool(value)
        elif key == "denominator":
            out[key] = _choice(value or "all_members", DENOMINATORS, "Tính trên", where, nullable=False)
        elif key == "method":
            out[key] = _choice(
                value or "secret", BALLOT_METHODS, "Hình thức biểu quyết", where, nullable=False
            )
        elif key == "note":
            out[key] = (value or "").strip() or None
    return out


def _check_rule_title(plan: Plan, title: str | None, rule: PassRule | None, where: str) -> None:
    for other in plan.pass_rules:
        if other is not rule and other.title == title:
            raise _fail(
                where,
                f"đã có quy tắc cho «{AWARD_KINDS.get(title or '', title)}»; mỗi danh hiệu một quy tắc.",
            )


def add_pass_rule(session: Session, plan_id: str, *, where: str = "Quy tắc mới", **values: Any) -> PassRule:
    plan = editable_plan(session, plan_id)
    clean = _rule_values({"title": "recognition", "threshold_percent": 50.0, **values}, where)
    _check_rule_title(plan, clean["title"], None, where)
    rule = PassRule(**clean)
    plan.pass_rules.append(rule)
    _touch(plan)
    session.flush()
    return rule


def update_pass_rule(
    session: Session, rule_id: str, *, where: str = "Quy tắc biểu quyết", **values: Any
) -> PassRule:
    rule = _child(session, PassRule, rule_id, "quy tắc biểu quyết")
    plan = editable_plan(session, rule.plan_id)
    clean = _rule_values(values, where)
    if "title" in clean:
        _check_rule_title(plan, clean["title"], rule, where)
    for key, value in clean.items():
        setattr(rule, key, value)
    _touch(plan)
    session.flush()
    return rule


def remove_pass_rule(session: Session, rule_id: str) -> None:
    rule = _child(session, PassRule, rule_id, "quy tắc biểu quyết")
    plan = editable_plan(session, rule.plan_id)
    plan.pass_rules.remove(rule)
    _touch(plan)
    session.flush()


def set_pass_rules(session: Session, plan_id: str, rows: list[dict[str, Any]]) -> list[PassRule]:
    titles: dict[str, int] = {}
    for i, row in enumerate(rows, start=1):
        w = f"Quy tắc biểu quyết, dòng {i}"
        title = _choice(
            row.get("title") or "recognition", AWARD_KINDS, "Danh hiệu, hình thức", w, nullable=False
        )
        if title in titles:
            raise _fail(w, f"trùng danh hiệu với dòng {titles[title]}; mỗi danh hiệu một quy tắc.")
        titles[str(title)] = i

    def pre(plan: Plan, _rows: list[dict[str, Any]]) -> None:
        for n, rule in enumerate(plan.pass_rules):  # free the titles for swaps in one save
            rule.title = f"__{n}"

    return _sync(
        session,
        plan_id,
        rows,
        current=lambda p: p.pass_rules,
        add=lambda row, w: add_pass_rule(session, plan_id, where=w, **row),
        update=lambda obj, row, w: update_pass_rule(session, obj.id, where=w, **row),
        remove=lambda obj: remove_pass_rule(session, obj.id),
        what="Quy tắc biểu quyết",
        ordered=False,
        pre_update=pre,
    )


# ----------------------------------------------------------------------------- criteria sets
def _set_values(session: Session, plan: Plan, values: dict[str, Any], where: str) -> dict[str, Any]:
    _unknown_keys(values, CRITERIA_SET_KEYS, "bộ tiêu chí")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            out[key] = _text(value, "Tên bộ tiêu chí", where, required=True, max_len=500)
        elif key == "code":
            out[key] = _text(value, "Mã", where, max_len=20)
        elif key == "applies_kind":
            out[key] = _choice(value, CANDIDATE_KINDS, "Áp dụng cho", where, nullable=True)
        elif key == "field_id":
            if value:
                field = session.get(Field, value)
                if field is None or field.plan_id != plan.id:
                    raise _fail(where, "lĩnh vực đã chọn không thuộc kế hoạch này.")
                out[key] = value
            else:
                out[key] = None
        elif key == "collective_type":
            out[key] = _text(value, "Loại tập thể", where, max_len=50)
        elif key == "is_general":
            out[key] = _bool(value)
        elif key == "description":
            out[key] = (value or "").strip() or None
    return out


def add_criteria_set(
    session: Session, plan_id: str, *, where: str = "Bộ tiêu chí mới", **values: Any
) -> CriteriaSet:
    plan = editable_plan(session, plan_id)
    criteria = values.pop("criteria", None)
    clean = _set_values(session, plan, values, where)
    if "name" not in clean:
        raise _fail(where, "«Tên bộ tiêu chí» không được để trống.", "missing_field")
    cset = CriteriaSet(**clean, sort_order=len(plan.criteria_sets))
    plan.criteria_sets.append(cset)
    _touch(plan)
    session.flush()
    if criteria:
        set_criteria(session, cset.id, criteria)
    return cset


def update_criteria_set(
    session: Session, set_id: str, *, where: str = "Bộ tiêu chí", **values: Any
) -> CriteriaSet:
    cset = _child(session, CriteriaSet, set_id, "bộ tiêu chí")
    plan = editable_plan(session, cset.plan_id)
    criteria = values.pop("criteria", None)
    for key, value in _set_values(session, plan, values, where).items():
        setattr(cset, key, value)
    _touch(plan)
    session.flush()
    if criteria is not None:
        set_criteria(session, cset.id, criteria)
    return cset


def remove_criteria_set(session: Session, set_id: str) -> None:
    """Remove a criteria set none of whose criteria has been assessed."""
    cset = _child(session, CriteriaSet, set_id, "bộ tiêu chí")
    plan = editable_plan(session, cset.plan_id)
    used = criterion_usage(session, [c.id for c in cset.criteria])
    if used:
        raise UserError(
            f"Không xóa được bộ tiêu chí «{_label(cset)}»: đã có {used} bản tự đánh giá, thẩm định "
            "theo các tiêu chí của bộ này.",
            code="in_use",
        )
    plan.criteria_sets.remove(cset)
    _touch(plan)
    session.flush()


def set_criteria_sets(
    session: Session, plan_id: str, rows: list[dict[str, Any]], field_keys: dict[str, str] | None = None
) -> list[CriteriaSet]:
    """Replace the plan's criteria sets (each row may carry its ``criteria`` list, replaced
    the same way). ``field_keys`` maps a row's ``field_id`` given as a key of a field added
    in the same save (see :func:`set_fields`) to the field's id."""
    keys = field_keys or {}

    def fix(row: dict[str, Any]) -> dict[str, Any]:
        row = dict(row)
        if row.get("field_id"):
            row["field_id"] = keys.get(str(row["field_id"]), row["field_id"])
        return row

    return _sync(
        session,
        plan_id,
        rows,
        current=lambda p: p.criteria_sets,
        add=lambda row, w: add_criteria_set(session, plan_id, where=w, **fix(row)),
        update=lambda obj, row, w: update_criteria_set(session, obj.id, where=w, **fix(row)),
        remove=lambda obj: remove_criteria_set(session, obj.id),
        what="Bộ tiêu chí",
        label_key="name",
    )


# ----------------------------------------------------------------------------- criteria
def _criterion_values(values: dict[str, Any], crit: Criterion | None, where: str) -> dict[str, Any]:
    _unknown_keys(values, CRITERION_KEYS, "tiêu chí")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "text":
            out[key] = (value or "").strip() or None
            if not out[key]:
                raise _fail(where, "«Nội dung tiêu chí» không được để trống.", "missing_field")
        elif key == "code":
            out[key] = _text(value, "Mã", where, max_len=20)
        elif key == "short_text":
            out[key] = _text(value, "Tóm tắt", where, max_len=300)
        elif key == "condition":
            out[key] = _choice(value, CRITERION_CONDITIONS, "Điều kiện áp dụng", where, nullable=True)
        elif key == "value_type":
            out[key] = _choice(value or "boolean", CRITERION_TYPES, "Kiểu tiêu chí", where, nullable=False)
        elif key == "rating_scale":
            out[key] = _scale(value, where)
        elif key == "min_rating":
            out[key] = _text(value, "Mức tối thiểu", where, max_len=200)
        elif key == "threshold":
            out[key] = _float(value, "Ngưỡng (%)", where)
        elif key in ("threshold_strict", "required"):
            out[key] = _bool(value)
        elif key in ("numerator_label", "denominator_label"):
            out[key] = _text(
                value, "Tên tử số" if key == "numerator_label" else "Tên mẫu số", where, max_len=200
            )
        elif key == "years_required":
            out[key] = _int(value, "Số năm liền", where, minimum=1)
        elif key == "note":
            out[key] = (value or "").strip() or None

    def cur(key: str) -> Any:
        return out[key] if key in out else (getattr(crit, key) if crit is not None else None)

    kind = cur("value_type") or CriterionType.BOOLEAN.value
    scale, minimum = cur("rating_scale"), cur("min_rating")
    if kind in (CriterionType.RATING.value, CriterionType.RATING_YEARS.value):
        if not scale:
            raise _fail(
                where,
                "tiêu chí xếp loại cần «Thang xếp loại» (các mức, cách nhau bởi dấu ;, mức cao nhất trước).",
            )
        if not minimum:
            raise _fail(where, "tiêu chí xếp loại cần «Mức tối thiểu» (một mức trong thang).")
    if minimum and scale and minimum not in scale:
        raise _fail(where, f"«Mức tối thiểu» «{minimum}» không có trong thang xếp loại ({'; '.join(scale)}).")
    if kind == CriterionType.RATING_YEARS.value and not cur("years_required"):
        raise _fail(where, "tiêu chí xếp loại nhiều năm liền cần «Số năm liền».")
    if kind == CriterionType.NUMBER.value and cur("threshold") is None:
        raise _fail(where, "tiêu chí tỷ lệ cần «Ngưỡng (%)».")
    return out


def add_criterion(session: Session, set_id: str, *, where: str = "Tiêu chí mới", **values: Any) -> Criterion:
    cset = _child(session, CriteriaSet, set_id, "bộ tiêu chí")
    plan = editable_plan(session, cset.plan_id)
    clean = _criterion_values({"value_type": "boolean", **values}, None, where)
    if not clean.get("text"):
        raise _fail(where, "«Nội dung tiêu chí» không được để trống.", "missing_field")
    crit = Criterion(**clean, sort_order=len(cset.criteria))
    cset.criteria.append(crit)
    _touch(plan)
    session.flush()
    return crit


def update_criterion(
    session: Session, criterion_id: str, *, where: str = "Tiêu chí", **values: Any
) -> Criterion:
    crit = _child(session, Criterion, criterion_id, "tiêu chí")
    plan = editable_plan(session, crit.criteria_set.plan_id)
    clean = _criterion_values(values, crit, where)
    if "value_type" in clean and clean["value_type"] != crit.value_type:
        used = criterion_usage(session, [crit.id])
        if used:
            raise _fail(
                where,
                f"tiêu chí «{_label(crit)}» đã có {used} bản tự đánh giá, thẩm định; không đổi được kiểu tiêu chí.",
                "in_use",
            )
    for key, value in clean.items():
        setattr(crit, key, value)
    _touch(plan)
    session.flush()
    return crit


def remove_criterion(session: Session, criterion_id: str) -> None:
    """Remove a criterion that no self-assessment or appraisal uses."""
    crit = _child(session, Criterion, criterion_id, "tiêu chí")
    cset = crit.criteria_set
    plan = editable_plan(session, cset.plan_id)
    used = criterion_usage(session, [crit.id])
    if used:
        raise UserError(
            f"Không xóa được tiêu chí «{_label(crit)}»: đã có {used} bản tự đánh giá, thẩm định theo tiêu chí này.",
            code="in_use",
        )
    cset.criteria.remove(crit)
    _touch(plan)
    session.flush()


def set_criteria(session: Session, set_id: str, rows: list[dict[str, Any]]) -> list[Criterion]:
    cset = _child(session, CriteriaSet, set_id, "bộ tiêu chí")
    return _sync(
        session,
        cset.plan_id,
        rows,
        current=lambda _p: cset.criteria,
        add=lambda row, w: add_criterion(session, set_id, where=w, **row),
        update=lambda obj, row, w: update_criterion(session, obj.id, where=w, **row),
        remove=lambda obj: remove_criterion(session, obj.id),
        what=f"Tiêu chí của bộ «{_label(cset)}»",
    )


# ----------------------------------------------------------------------------- syncing
def _sync(
    session: Session,
    plan_id: str,
    rows: list[dict[str, Any]],
    *,
    current: Callable[[Plan], list[Any]],
    add: Callable[[dict[str, Any], str], Any],
    update: Callable[[Any, dict[str, Any], str], Any],
    remove: Callable[[Any], None],
    what: str,
    ordered: bool = True,
    pre_update: Callable[[Plan, list[dict[str, Any]]], None] | None = None,
    label_key: str | None = None,
) -> list[Any]:
    """Make a child list equal to ``rows``: remove those left out, update, add; set the order."""
    plan = editable_plan(session, plan_id)
    if not isinstance(rows, list):
        raise UserError(f"{what}: cần một danh sách các dòng.", code="bad_input")
    existing = {obj.id: obj for obj in current(plan)}
    wanted_ids = set()
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise UserError(f"{what}, dòng {i}: dòng không hợp lệ.", code="bad_input")
        rid = row.get("id")
        if rid:
            if rid not in existing:
                raise UserError(
                    f"{what}, dòng {i}: dòng này không còn trong kế hoạch (đã bị xóa?).", code="not_found"
                )
            wanted_ids.add(rid)
    for obj in list(current(plan)):
        if obj.id not in wanted_ids:
            remove(obj)
    if pre_update is not None:
        pre_update(plan, rows)
        session.flush()
    out = []
    for i, row in enumerate(rows, start=1):
        where = f"{what}, dòng {i}"
        if label_key and row.get(label_key):
            where += f" («{str(row[label_key])[:60]}»)"
        values = {
            k: v
            for k, v in row.items()
            if k not in ("id", "version", "key", "candidates", "assessments", "sort_order")
        }
        obj = update(existing[row["id"]], values, where) if row.get("id") else add(values, where)
        out.append(obj)
    if ordered:
        for n, obj in enumerate(out):
            obj.sort_order = n
        session.flush()
    return out


# ----------------------------------------------------------------------------- whole plan
def save_plan(
    session: Session, plan_id: str, data: dict[str, Any], *, expected_version: int | None = None
) -> Plan:
    """Apply the editor's whole state at once. ``data`` may hold ``plan`` (general facts),
    ``phases``, ``fields``, ``quotas``, ``pass_rules`` and ``criteria_sets`` (each with its
    ``criteria``); a part left out is not touched. Raises ``StaleRecord`` when the plan's
    version is not ``expected_version`` (someone saved in between). Does not commit: call it
    inside ``db.transaction()`` so a refused row leaves everything as before."""
    plan = editable_plan(session, plan_id)
    if expected_version is not None and plan.version != expected_version:
        raise StaleRecord(STALE_MESSAGE)
    unknown = sorted(set(data) - {"plan", "phases", "fields", "quotas", "pass_rules", "criteria_sets"})
    if unknown:
        raise UserError(f"Phần «{', '.join(unknown)}» không có trong kế hoạch.", code="bad_input")
    if "plan" in data:
        update_plan(session, plan_id, **{k: v for k, v in data["plan"].items() if k in PLAN_KEYS})
    if "phases" in data:
        set_phases(session, plan_id, data["phases"])
    field_keys: dict[str, str] = {}
    if "fields" in data:
        # Add and update first; removals wait until the criteria sets no longer point at them.
        field_keys = _fields_without_removal(session, plan_id, data["fields"])
    if "criteria_sets" in data:
        set_criteria_sets(session, plan_id, data["criteria_sets"], field_keys)
    if "fields" in data:
        kept = set(field_keys.values())
        for field in list(plan.fields):
            if field.id not in kept:
                remove_field(session, field.id)
        order = {fid: n for n, fid in enumerate(field_keys[_row_key(r)] for r in data["fields"])}
        for field in plan.fields:
            field.sort_order = order.get(field.id, len(order))
        session.flush()
    if "quotas" in data:
        set_quotas(session, plan_id, data["quotas"])
    if "pass_rules" in data:
        set_pass_rules(session, plan_id, data["pass_rules"])
    _touch(plan)
    session.flush()
    return plan


def _row_key(row: dict[str, Any]) -> str:
    return str(row.get("key") or row.get("id") or id(row))


def _fields_without_removal(session: Session, plan_id: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Add and update the field rows (no removal yet); ``{row key or id: field id}``."""
    plan = editable_plan(session, plan_id)
    if not isinstance(rows, list):
        raise UserError("Lĩnh vực: cần một danh sách các dòng.", code="bad_input")
    existing = {f.id: f for f in plan.fields}
    _clear_codes(plan, rows)
    session.flush()
    keys: dict[str, str] = {}
    for i, row in enumerate(rows, start=1):
        where = f"Lĩnh vực, dòng {i}"
        values = {k: v for k, v in row.items() if k not in _ROW_EXTRA}
        rid = row.get("id")
        if rid:
            if rid not in existing:
                raise UserError(f"{where}: dòng này không còn trong kế hoạch (đã bị xóa?).", code="not_found")
            obj = update_field(session, rid, where=where, **values)
        else:
            obj = add_field(session, plan_id, where=where, **values)
        keys[_row_key(row)] = obj.id
        keys[obj.id] = obj.id
    return keys


# ----------------------------------------------------------------------------- reading
def plan_detail(session: Session, plan: Plan) -> dict[str, Any]:
    """Everything the editor shows, as plain values (dates as ``date``): the plan's columns,
    ``phases``, ``fields`` (with ``candidates``: how many use each), ``quotas``,
    ``pass_rules``, ``criteria_sets`` with their ``criteria`` (with ``assessments``)."""
    from .plans import plan_to_dict

    summary = plan_to_dict(session, plan)
    field_counts = dict(
        session.execute(
            select(Candidate.field_id, func.count())
            .join(Field, Field.id == Candidate.field_id)
            .where(Field.plan_id == plan.id)
            .group_by(Candidate.field_id)
        ).all()
    )
    crit_ids = [c.id for cs in plan.criteria_sets for c in cs.criteria]
    crit_counts: dict[str, int] = {}
    if crit_ids:
        crit_counts = dict(
            session.execute(
                select(CriterionAssessment.criterion_id, func.count())
                .where(CriterionAssessment.criterion_id.in_(crit_ids))
                .group_by(CriterionAssessment.criterion_id)
            ).all()
        )

    def cols(obj: Any, keys: Iterable[str]) -> dict[str, Any]:
        d = {"id": obj.id, "version": obj.version}
        for k in keys:
            v = getattr(obj, k)
            d[k] = list(v) if isinstance(v, list) else v
        return d

    detail = cols(plan, PLAN_KEYS)
    detail.update(
        {
            "is_template": plan.is_template,
            "template_key": plan.template_key,
            "copied_from_id": plan.copied_from_id,
            "status_label": PLAN_STATUSES.get(plan.status, plan.status),
            "candidates": summary["candidates"],
            "steps": [dict(s) for s in (plan.steps or []) if isinstance(s, dict)],
            "phases": [cols(p, PHASE_KEYS) for p in plan.phases],
            "fields": [
                {**cols(f, FIELD_KEYS), "candidates": int(field_counts.get(f.id, 0))} for f in plan.fields
            ],
            "quotas": [cols(q, QUOTA_KEYS) for q in plan.quotas],
            "pass_rules": [cols(r, PASS_RULE_KEYS) for r in plan.pass_rules],
            "criteria_sets": [
                {
                    **cols(cs, CRITERIA_SET_KEYS),
                    "criteria": [
                        {**cols(c, CRITERION_KEYS), "assessments": int(crit_counts.get(c.id, 0))}
                        for c in cs.criteria
                    ],
                }
                for cs in plan.criteria_sets
            ],
        }
    )
    return detail


def label_of(table: dict[str, str], key: str | None, empty: str = "") -> str:
    """The Vietnamese label of a stored value (the value itself when unknown)."""
    if key is None or key == "":
        return empty
    return table.get(key, key)


__all__ = [
    "AWARD_KINDS",
    "BALLOT_METHODS",
    "CANDIDATE_KINDS",
    "CRITERION_CONDITIONS",
    "CRITERION_TYPES",
    "DENOMINATORS",
    "PHASE_KINDS",
    "PLAN_STATUSES",
    "QUOTA_PERIODS",
    "QUOTA_SCOPES",
    "RECURRENCES",
    "TEMPLATE_MESSAGE",
    "UNIT_KINDS",
    "activate_plan",
    "add_criteria_set",
    "add_criterion",
    "add_field",
    "add_pass_rule",
    "add_phase",
    "add_quota",
    "create_plan",
    "criterion_usage",
    "editable_plan",
    "field_usage",
    "find_plan",
    "label_of",
    "others_active",
    "plan_detail",
    "remove_criteria_set",
    "remove_criterion",
    "remove_field",
    "remove_pass_rule",
    "remove_phase",
    "remove_quota",
    "save_plan",
    "set_criteria",
    "set_criteria_sets",
    "set_fields",
    "set_pass_rules",
    "set_phases",
    "set_quotas",
    "update_criteria_set",
    "update_criterion",
    "update_field",
    "update_pass_rule",
    "update_phase",
    "update_plan",
    "update_quota",
]
