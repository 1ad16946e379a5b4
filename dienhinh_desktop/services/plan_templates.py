"""Built-in plan templates (kế hoạch mẫu) transcribed from the seed documents.

Each template is one UTF-8 JSON file in ``resources/plans/<key>.json`` (the key is the
seed file stem). The file maps directly onto the models::

    {
      "schema_version": 1,
      "summary": "one line for the template picker",
      "source": {"file": "...", "note": "..."},              # optional, informative
      "plan": {"name", "code", "issuer", "issued_on", "period_start", "period_end",
               "description", "recognition_cadence", "steps": [{"title", "text"}]},
      "phases": [{"name", "kind", "start_date", "end_date", "deadline", "recurrence",
                  "responsible", "description"}],
      "fields": [{"code", "name", "description", "lead_agency"}],
      "quotas": [{"scope", "unit_kind", "candidate_kind", "period", "min_count",
                  "max_count", "note"}],
      "pass_rules": [{"title", "threshold_percent", "strict", "denominator", "method", "note"}],
      "criteria_sets": [{"code", "name", "applies_kind", "field_code", "collective_type",
                         "is_general", "description",
                         "criteria": [{"code", "text", "short_text", "condition", "value_type",
                                       "rating_scale", "min_rating", "threshold",
                                       "threshold_strict", "numerator_label",
                                       "denominator_label", "years_required", "required",
                                       "note"}]}]
    }

Dates are ISO (``YYYY-MM-DD``) or null; list order is the display order (``sort_order``);
``field_code`` links a criteria set to the field of the same plan with that code. Keys
left out take the model's default; unknown keys are refused (they are usually typos).
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import (
    AwardKind,
    BallotMethod,
    CandidateKind,
    CriteriaSet,
    Criterion,
    CriterionCondition,
    CriterionType,
    Denominator,
    Field,
    PassRule,
    Plan,
    PlanPhase,
    Quota,
    UnitKind,
)
from ..paths import resource_dir

TEMPLATE_DIR: Path = resource_dir() / "plans"
SCHEMA_VERSION = 1

PHASE_KINDS = (
    "phase",
    "registration",
    "nurture",
    "self_assessment",
    "appraisal",
    "recognition",
    "proposal",
    "report",
    "ceremony",
)
RECURRENCES = ("monthly", "quarterly", "semiannual", "yearly")
QUOTA_SCOPES = ("registration", "proposal", "introduction")
QUOTA_PERIODS = ("year", "phase", "plan")

_KEY_RE = re.compile(r"^[A-Za-z0-9_.-]+$")

# Columns never copied from one record to another.
_RECORD_COLUMNS = {"id", "created_at", "updated_at", "version"}


# ---------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------


class _Checker:
    """Validates one template document and fills in defaults; errors name file and path."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name

    def fail(self, where: str, message: str) -> UserError:
        place = f" (mục {where})" if where else ""
        return UserError(
            f"Tệp kế hoạch mẫu «{self.file_name}» không hợp lệ{place}: {message}", code="bad_template"
        )

    # -- primitives ------------------------------------------------------------------
    def obj(
        self, value: Any, where: str, required: tuple[str, ...], optional: dict[str, Any]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "phải là một đối tượng JSON {…}.")
        unknown = sorted(set(value) - set(required) - set(optional))
        if unknown:
            raise self.fail(where, f"khóa không được hỗ trợ: {', '.join(unknown)}.")
        missing = [k for k in required if k not in value]
        if missing:
            raise self.fail(where, f"thiếu khóa bắt buộc: {', '.join(missing)}.")
        out = {k: copy.deepcopy(v) for k, v in optional.items()}
        out.update(value)
        return out

    def text(
        self, d: dict[str, Any], key: str, where: str, *, required: bool = False, max_len: int | None = None
    ) -> None:
        value = d.get(key)
        if value is None:
            if required:
                raise self.fail(where, f"«{key}» không được để trống.")
            return
        if not isinstance(value, str):
            raise self.fail(where, f"«{key}» phải là chuỗi ký tự.")
        value = value.strip()
        if required and not value:
            raise self.fail(where, f"«{key}» không được để trống.")
        if max_len is not None and len(value) > max_len:
            raise self.fail(where, f"«{key}» dài quá {max_len} ký tự.")
        d[key] = value if value else None

    def date(self, d: dict[str, Any], key: str, where: str) -> None:
        value = d.get(key)
        if value is None:
            return
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(where, f"«{key}» phải là ngày dạng YYYY-MM-DD, không phải {value!r}.") from None

    def choice(
        self, d: dict[str, Any], key: str, where: str, allowed: tuple[str, ...], *, nullable: bool
    ) -> None:
        value = d.get(key)
        if value is None and nullable:
            return
        if value not in allowed:
            raise self.fail(where, f"«{key}» = {value!r} không hợp lệ; chọn một trong: {', '.join(allowed)}.")

    def boolean(self, d: dict[str, Any], key: str, where: str) -> None:
        if not isinstance(d.get(key), bool):
            raise self.fail(where, f"«{key}» phải là true hoặc false.")

    def integer(self, d: dict[str, Any], key: str, where: str, *, minimum: int = 0) -> None:
        value = d.get(key)
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(where, f"«{key}» phải là số nguyên từ {minimum} trở lên.")

    def number(self, d: dict[str, Any], key: str, where: str, *, lo: float = 0.0, hi: float = 100.0) -> None:
        value = d.get(key)
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise self.fail(where, f"«{key}» phải là số từ {lo:g} đến {hi:g}.")
        d[key] = float(value)

    def items(self, data: dict[str, Any], key: str, where: str = "") -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list):
            raise self.fail(where or key, f"«{key}» phải là một danh sách […].")
        return value

    # -- the document ----------------------------------------------------------------
    def document(self, raw: Any) -> dict[str, Any]:
        doc = self.obj(
            raw,
            "",
            ("schema_version", "plan"),
            {
                "summary": None,
                "source": None,
                "phases": [],
                "fields": [],
                "quotas": [],
                "pass_rules": [],
                "criteria_sets": [],
            },
        )
        if doc["schema_version"] != SCHEMA_VERSION:
            raise self.fail(
                "schema_version",
                f"phiên bản {doc['schema_version']!r} không được hỗ trợ (cần {SCHEMA_VERSION}).",
            )
        self.text(doc, "summary", "summary")
        if doc["source"] is not None and not isinstance(doc["source"], dict):
            raise self.fail("source", "phải là một đối tượng JSON {…}.")
        doc["plan"] = self.plan(doc["plan"])
        doc["phases"] = [self.phase(p, f"phases[{i}]") for i, p in enumerate(self.items(doc, "phases"))]
        doc["fields"] = [self.field(f, f"fields[{i}]") for i, f in enumerate(self.items(doc, "fields"))]
        codes = [f["code"] for f in doc["fields"] if f["code"] is not None]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise self.fail("fields", f"mã lĩnh vực bị trùng: {', '.join(duplicates)}.")
        doc["quotas"] = [self.quota(q, f"quotas[{i}]") for i, q in enumerate(self.items(doc, "quotas"))]
        doc["pass_rules"] = [
            self.pass_rule(r, f"pass_rules[{i}]") for i, r in enumerate(self.items(doc, "pass_rules"))
        ]
        doc["criteria_sets"] = [
            self.criteria_set(c, f"criteria_sets[{i}]", set(codes))
            for i, c in enumerate(self.items(doc, "criteria_sets"))
        ]
        return doc

    def plan(self, raw: Any) -> dict[str, Any]:
        w = "plan"
        d = self.obj(
            raw,
            w,
            ("name",),
            {
                "code": None,
                "issuer": None,
                "issued_on": None,
                "period_start": None,
                "period_end": None,
                "description": None,
                "recognition_cadence": None,
                "steps": [],
                "quorum_percent": 50.0,
                "quorum_strict": True,
                "status": "active",
            },
        )
        self.text(d, "name", w, required=True, max_len=500)
        self.text(d, "code", w, max_len=50)
        self.text(d, "issuer", w, max_len=300)
        self.text(d, "description", w)
        self.text(d, "recognition_cadence", w, max_len=100)
        for key in ("issued_on", "period_start", "period_end"):
            self.date(d, key, w)
        if d["period_start"] and d["period_end"] and d["period_start"] > d["period_end"]:
            raise self.fail(w, "«period_start» sau «period_end».")
        self.number(d, "quorum_percent", w)
        self.boolean(d, "quorum_strict", w)
        self.choice(d, "status", w, ("draft", "active", "closed"), nullable=False)
        steps = self.items(d, "steps", w)
        for i, step in enumerate(steps):
            sw = f"plan.steps[{i}]"
            s = self.obj(step, sw, ("title", "text"), {})
            self.text(s, "title", sw, required=True)
            self.text(s, "text", sw, required=True)
            steps[i] = s
        return d

    def phase(self, raw: Any, w: str) -> dict[str, Any]:
        d = self.obj(
            raw,
            w,
            ("name",),
            {
                "kind": "phase",
                "start_date": None,
                "end_date": None,
                "deadline": None,
                "recurrence": None,
                "responsible": None,
                "description": None,
            },
        )
        self.text(d, "name", w, required=True, max_len=500)
        self.choice(d, "kind", w, PHASE_KINDS, nullable=False)
        for key in ("start_date", "end_date", "deadline"):
            self.date(d, key, w)
        if d["start_date"] and d["end_date"] and d["start_date"] > d["end_date"]:
            raise self.fail(w, "«start_date» sau «end_date».")
        self.choice(d, "recurrence", w, RECURRENCES, nullable=True)
        self.text(d, "responsible", w, max_len=300)
        self.text(d, "description", w)
        return d

    def field(self, raw: Any, w: str) -> dict[str, Any]:
        d = self.obj(raw, w, ("name",), {"code": None, "description": None, "lead_agency": None})
        self.text(d, "name", w, required=True, max_len=500)
        self.text(d, "code", w, max_len=20)
        self.text(d, "description", w)
        self.text(d, "lead_agency", w, max_len=300)
        return d

    def quota(self, raw: Any, w: str) -> dict[str, Any]:
        d = self.obj(
            raw,
            w,
            (),
            {
                "scope": "registration",
                "unit_kind": None,
                "candidate_kind": None,
                "period": "plan",
                "min_count": None,
                "max_count": None,
                "note": None,
            },
        )
        self.choice(d, "scope", w, QUOTA_SCOPES, nullable=False)
        self.choice(d, "unit_kind", w, tuple(k.value for k in UnitKind), nullable=True)
        self.choice(d, "candidate_kind", w, tuple(k.value for k in CandidateKind), nullable=True)
        self.choice(d, "period", w, QUOTA_PERIODS, nullable=False)
        self.integer(d, "min_count", w)
        self.integer(d, "max_count", w)
        if d["min_count"] is None and d["max_count"] is None:
            raise self.fail(w, "cần ít nhất một trong «min_count», «max_count».")
        if d["min_count"] is not None and d["max_count"] is not None and d["min_count"] > d["max_count"]:
            raise self.fail(w, "«min_count» lớn hơn «max_count».")
        self.text(d, "note", w)
        return d

    def pass_rule(self, raw: Any, w: str) -> dict[str, Any]:
        d = self.obj(
            raw,
            w,
            (),
            {
                "title": AwardKind.RECOGNITION.value,
                "threshold_percent": 50.0,
                "strict": True,
                "denominator": Denominator.ALL_MEMBERS.value,
                "method": BallotMethod.SECRET.value,
                "note": None,
            },
        )
        self.choice(d, "title", w, tuple(k.value for k in AwardKind), nullable=False)
        if d["threshold_percent"] is None:
            raise self.fail(w, "«threshold_percent» không được để trống.")
        self.number(d, "threshold_percent", w)
        self.boolean(d, "strict", w)
        self.choice(d, "denominator", w, tuple(k.value for k in Denominator), nullable=False)
        self.choice(d, "method", w, tuple(k.value for k in BallotMethod), nullable=False)
        self.text(d, "note", w)
        return d

    def criteria_set(self, raw: Any, w: str, field_codes: set[str]) -> dict[str, Any]:
        d = self.obj(
            raw,
            w,
            ("name",),
            {
                "code": None,
                "applies_kind": None,
                "field_code": None,
                "collective_type": None,
                "is_general": False,
                "description": None,
                "criteria": [],
            },
        )
        self.text(d, "name", w, required=True, max_len=500)
        self.text(d, "code", w, max_len=20)
        self.choice(d, "applies_kind", w, tuple(k.value for k in CandidateKind), nullable=True)
        self.text(d, "field_code", w)
        if d["field_code"] is not None and d["field_code"] not in field_codes:
            raise self.fail(w, f"«field_code» = {d['field_code']!r} không có trong danh sách lĩnh vực.")
        self.text(d, "collective_type", w, max_len=50)
        self.boolean(d, "is_general", w)
        self.text(d, "description", w)
        d["criteria"] = [
            self.criterion(c, f"{w}.criteria[{i}]") for i, c in enumerate(self.items(d, "criteria", w))
        ]
        return d

    def criterion(self, raw: Any, w: str) -> dict[str, Any]:
        d = self.obj(
            raw,
            w,
            ("text",),
            {
                "code": None,
                "short_text": None,
                "condition": None,
                "value_type": CriterionType.BOOLEAN.value,
                "rating_scale": None,
                "min_rating": None,
                "threshold": None,
                "threshold_strict": True,
                "numerator_label": None,
                "denominator_label": None,
                "years_required": None,
                "required": True,
                "note": None,
            },
        )
        self.text(d, "text", w, required=True)
        self.text(d, "code", w, max_len=20)
        self.text(d, "short_text", w, max_len=300)
        self.choice(d, "condition", w, tuple(k.value for k in CriterionCondition), nullable=True)
        self.choice(d, "value_type", w, tuple(k.value for k in CriterionType), nullable=False)
        scale = d["rating_scale"]
        if scale is not None and (
            not isinstance(scale, list)
            or not scale
            or not all(isinstance(s, str) and s.strip() for s in scale)
        ):
            raise self.fail(
                w, "«rating_scale» phải là danh sách các mức xếp loại (chuỗi), mức cao nhất trước."
            )
        self.text(d, "min_rating", w, max_len=200)
        if d["min_rating"] is not None and (scale is None or d["min_rating"] not in scale):
            raise self.fail(w, f"«min_rating» = {d['min_rating']!r} không có trong «rating_scale».")
        self.number(d, "threshold", w, lo=0.0, hi=100.0)
        self.boolean(d, "threshold_strict", w)
        self.text(d, "numerator_label", w, max_len=200)
        self.text(d, "denominator_label", w, max_len=200)
        self.integer(d, "years_required", w, minimum=1)
        self.boolean(d, "required", w)
        self.text(d, "note", w)
        kind = d["value_type"]
        if kind in (CriterionType.RATING.value, CriterionType.RATING_YEARS.value):
            if scale is None or d["min_rating"] is None:
                raise self.fail(w, "tiêu chí xếp loại cần «rating_scale» và «min_rating».")
        if kind == CriterionType.RATING_YEARS.value and d["years_required"] is None:
            raise self.fail(w, "tiêu chí xếp loại nhiều năm cần «years_required».")
        if kind == CriterionType.NUMBER.value and d["threshold"] is None:
            raise self.fail(w, "tiêu chí tỷ lệ cần «threshold» (phần trăm).")
        return d


# ---------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------


def _template_dir(directory: Path | None) -> Path:
    return Path(directory) if directory is not None else TEMPLATE_DIR


def _template_path(key: str, directory: Path | None = None) -> Path:
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise UserError(f"Tên kế hoạch mẫu «{key}» không hợp lệ.", code="not_found")
    path = _template_dir(directory) / f"{key}.json"
    if not path.is_file():
        raise UserError(f"Không tìm thấy kế hoạch mẫu «{key}» ({path}).", code="not_found")
    return path


def template_keys(directory: Path | None = None) -> list[str]:
    """Keys (file stems) of the templates present, sorted."""
    folder = _template_dir(directory)
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if _KEY_RE.match(p.stem))


def load_template_data(key: str, directory: Path | None = None) -> dict[str, Any]:
    """The validated template ``key`` with defaults filled in (dates stay ISO strings).

    A missing, unreadable or malformed file raises ``UserError`` naming the file."""
    path = _template_path(key, directory)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"Tệp kế hoạch mẫu «{path.name}» không phải UTF-8.", code="bad_template") from None
    except json.JSONDecodeError as exc:
        raise UserError(
            f"Tệp kế hoạch mẫu «{path.name}» bị hỏng (lỗi JSON ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}).",
            code="bad_template",
        ) from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp kế hoạch mẫu «{path}»: {exc}", code="bad_template") from None
    data = _Checker(path.name).document(raw)
    data["key"] = key
    return data


def list_templates(directory: Path | None = None) -> list[dict[str, Any]]:
    """One dictionary per template: key, name, issuer, summary (and period, code)."""
    out = []
    for key in template_keys(directory):
        data = load_template_data(key, directory)
        plan = data["plan"]
        out.append(
            {
                "key": key,
                "name": plan["name"],
                "issuer": plan["issuer"],
                "summary": data["summary"] or plan["description"] or "",
                "code": plan["code"],
                "period_start": plan["period_start"],
                "period_end": plan["period_end"],
            }
        )
    return out


# ---------------------------------------------------------------------------------
# Writing to the database
# ---------------------------------------------------------------------------------


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def build_plan(data: dict[str, Any]) -> Plan:
    """A new, unsaved Plan with all its children from validated template data."""
    p = data["plan"]
    plan = Plan(
        name=p["name"],
        code=p["code"],
        issuer=p["issuer"],
        issued_on=_d(p["issued_on"]),
        period_start=_d(p["period_start"]),
        period_end=_d(p["period_end"]),
        description=p["description"],
        recognition_cadence=p["recognition_cadence"],
        steps=copy.deepcopy(p["steps"]),
        quorum_percent=p["quorum_percent"],
        quorum_strict=p["quorum_strict"],
        status=p["status"],
    )
    for i, ph in enumerate(data["phases"]):
        plan.phases.append(
            PlanPhase(
                name=ph["name"],
                kind=ph["kind"],
                start_date=_d(ph["start_date"]),
                end_date=_d(ph["end_date"]),
                deadline=_d(ph["deadline"]),
                recurrence=ph["recurrence"],
                responsible=ph["responsible"],
                description=ph["description"],
                sort_order=i,
            )
        )
    by_code: dict[str, Field] = {}
    for i, f in enumerate(data["fields"]):
        field = Field(
            code=f["code"],
            name=f["name"],
            description=f["description"],
            lead_agency=f["lead_agency"],
            sort_order=i,
        )
        plan.fields.append(field)
        if f["code"] is not None:
            by_code[f["code"]] = field
    for q in data["quotas"]:
        plan.quotas.append(Quota(**q))
    for r in data["pass_rules"]:
        plan.pass_rules.append(PassRule(**r))
    for i, cs in enumerate(data["criteria_sets"]):
        cset = CriteriaSet(
            name=cs["name"],
            code=cs["code"],
            applies_kind=cs["applies_kind"],
            field=by_code.get(cs["field_code"]) if cs["field_code"] else None,
            collective_type=cs["collective_type"],
            is_general=cs["is_general"],
            description=cs["description"],
            sort_order=i,
        )
        # Linked by relationship (before any flush); the plan owns it through plan.criteria_sets.
        for j, c in enumerate(cs["criteria"]):
            values = dict(c)
            values["rating_scale"] = copy.deepcopy(values["rating_scale"])
            cset.criteria.append(Criterion(sort_order=j, **values))
        plan.criteria_sets.append(cset)
    return plan


def install_templates(session: Session, directory: Path | None = None) -> int:
    """Add every built-in template not yet in the database as a read-only template plan
    (``is_template=True``, ``template_key`` = file stem). Idempotent. Returns how many were
    added. Flushes but does not commit."""
    present = set(
        session.scalars(
            select(Plan.template_key).where(Plan.is_template.is_(True), Plan.template_key.is_not(None))
        )
    )
    added = 0
    for key in template_keys(directory):
        if key in present:
            continue
        data = load_template_data(key, directory)
        plan = build_plan(data)
        plan.is_template = True
        plan.template_key = key
        session.add(plan)
        added += 1
    if added:
        session.flush()
    return added


def _copy_columns(source: Any, *, skip: set[str]) -> dict[str, Any]:
    values = {}
    for attr in inspect(type(source)).column_attrs:
        key = attr.key
        if key in _RECORD_COLUMNS or key in skip:
            continue
        values[key] = copy.deepcopy(getattr(source, key))
    return values


def copy_plan(session: Session, plan_id: str, name: str | None = None) -> Plan:
    """A deep, editable copy of a plan (template or not): new ids, ``is_template`` False,
    ``copied_from_id`` set, criteria sets linked to the copied fields. Phases start not done.
    Flushes (so the copy has its id) but does not commit."""
    source = session.get(Plan, plan_id)
    if source is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}» để sao chép.", code="not_found")
    new_name = (name or "").strip() or f"{source.name} (bản sao)"
    if len(new_name) > 500:
        new_name = new_name[:499] + "…"

    values = _copy_columns(source, skip={"is_template", "template_key", "copied_from_id", "name", "status"})
    plan = Plan(
        **values,
        name=new_name,
        is_template=False,
        template_key=None,
        copied_from_id=source.id,
        status="active",
    )

    for ph in source.phases:
        v = _copy_columns(ph, skip={"plan_id", "done", "done_on"})
        plan.phases.append(PlanPhase(**v, done=False, done_on=None))
    field_map: dict[str, Field] = {}
    for f in source.fields:
        new_field = Field(**_copy_columns(f, skip={"plan_id"}))
        plan.fields.append(new_field)
        field_map[f.id] = new_field
    for q in source.quotas:
        plan.quotas.append(Quota(**_copy_columns(q, skip={"plan_id"})))
    for r in source.pass_rules:
        plan.pass_rules.append(PassRule(**_copy_columns(r, skip={"plan_id"})))
    for cs in source.criteria_sets:
        new_set = CriteriaSet(**_copy_columns(cs, skip={"plan_id", "field_id"}))
        new_set.field = field_map.get(cs.field_id) if cs.field_id else None
        for c in cs.criteria:
            new_set.criteria.append(Criterion(**_copy_columns(c, skip={"criteria_set_id"})))
        plan.criteria_sets.append(new_set)

    session.add(plan)
    session.flush()
    return plan
