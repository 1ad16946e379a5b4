"""Import proposal packages at the level above (``dienhinh package import``).

1. **Verify** (:func:`package_format.open_package`): a zip, safe names, no bomb, no hostile
   XML, our manifest, a format version this program reads, every SHA-256; then the
   recipient (another office's package is refused unless the officer overrides it) and
   the sender (not this office itself). Any refusal: a Vietnamese :class:`UserError`,
   nothing written.
2. **Preview** (:func:`analyse`): each candidate is *new*, *updated*, *unchanged*, in
   *conflict* or *rejected*, with the reason; nothing is written (``--dry-run``).
3. **Apply** in ONE transaction (:func:`import_package`; :func:`import_package_file` also
   takes a backup first when the database is a file).

Records keep the sender's stable ids. For each record (candidate, criterion assessment) a
:class:`SyncState` keeps the sender's version and the hash of the values received; each
applied package keeps the values it brought (``PackageImport.summary["base"]``). A newer
package is merged field by field against those values (three-way): what only the sender
changed is taken, what only this office changed is kept, and a field both changed
differently is a **conflict** — reported with both values, kept as ours, never silently
overwritten — for the officer to settle (:func:`resolve_conflict`: keep ours / take theirs).
The same package imported twice changes nothing (``PackageImport`` by package id and
SHA-256). Imported candidates carry their sending unit (``origin_unit_code/name``, an
external :class:`Unit`) and wait for this level's appraisal (status *self_assessed*, the
sender's self-assessment and appraisal kept on the checklist).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import (
    Attachment,
    Candidate,
    CriteriaSet,
    Criterion,
    CriterionAssessment,
    OfficeProfile,
    PackageImport,
    Plan,
    Recognition,
    StatusChange,
    SyncState,
    Unit,
    utcnow,
)
from ..models.enums import CandidateKind, CandidateStatus, UnitKind
from ..services.candidates import find_field, validate_candidate
from ..services.office import require_profile
from ..services.plans import resolve_plan
from ..text import fmt_date, fold
from . import package_format as F
from .package_export import assessment_values, candidate_values, office_identity

IMPORT_STATUS = CandidateStatus.SELF_ASSESSED.value
REF_PACKAGE = "package"
_UUID = re.compile(r"^[0-9a-fA-F-]{8,36}$")
NEW, UPDATED, UNCHANGED, CONFLICT, REJECTED = "new", "updated", "unchanged", "conflict", "rejected"
ACTION_LABELS = {
    NEW: "Mới",
    UPDATED: "Cập nhật",
    UNCHANGED: "Không đổi",
    CONFLICT: "Xung đột",
    REJECTED: "Từ chối",
}


# --------------------------------------------------------------------------- identity checks
def _own_codes(profile: OfficeProfile) -> set[str]:
    codes = {c for c in (profile.unit.official_code if profile.unit else None, profile.commune_code) if c}
    if profile.level == "province" and profile.province_code:
        codes.add(profile.province_code)
    return codes


def _own_names(profile: OfficeProfile) -> set[str]:
    names = {profile.name, profile.short_name, profile.unit.name if profile.unit else None}
    return {fold(n) for n in names if n}


def recipient_matches(profile: OfficeProfile, recipient: dict[str, Any]) -> bool:
    code, name = (recipient.get("code") or "").strip(), (recipient.get("name") or "").strip()
    if not code and not name:
        return True
    if code and code in _own_codes(profile):
        return True
    if name:
        wanted = fold(name)
        for own in _own_names(profile):
            if wanted == own or (len(own) > 8 and (own in wanted or wanted in own)):
                return True
    return False


def check_addresses(profile: OfficeProfile, pkg: F.Package, *, force_recipient: bool) -> list[str]:
    """Refuse this office's own package; refuse one addressed to another office unless
    ``force_recipient`` (then a warning is returned)."""
    sender = pkg.sender
    me = office_identity(profile)
    if F.sender_key(sender.get("code"), sender.get("name")) == F.sender_key(me.get("code"), me.get("name")):
        raise UserError(
            f"Gói «{pkg.path.name}» do chính cơ quan này («{profile.name}») gửi đi; không nhập lại vào dữ liệu của mình.",
            code="own_package",
        )
    recipient = pkg.recipient
    if recipient_matches(profile, recipient):
        return []
    target = recipient.get("name") or recipient.get("code")
    if not force_recipient:
        raise UserError(
            f"Gói «{pkg.path.name}» của {sender.get('name') or 'đơn vị gửi'} gửi tới «{target}», không phải "
            f"«{profile.name}» (cơ quan đang dùng chương trình). Nếu đúng là gửi cho cơ quan mình, hãy nhập lại "
            "và chọn «Vẫn nhập» (dòng lệnh: --force-recipient). Chưa ghi gì vào dữ liệu.",
            code="wrong_recipient",
        )
    return [f"Gói gửi tới «{target}», khác tên cơ quan này; vẫn nhập theo xác nhận của cán bộ."]


# --------------------------------------------------------------------------- analysis
@dataclass
class RecordPlan:
    record_type: str  # candidate / assessment
    record_id: str
    action: str
    values: dict[str, Any]  # the remote values
    changes: dict[str, Any] = field(default_factory=dict)  # field -> value to write
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    remote_version: int | None = None
    criterion_id: str | None = None  # assessments: the local criterion
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class CandidatePlan:
    remote: dict[str, Any]
    action: str
    reason: str | None = None
    record: RecordPlan | None = None
    assessments: list[RecordPlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.remote.get("id") or "")

    @property
    def name(self) -> str:
        return str((self.remote.get("values") or {}).get("name") or "")


@dataclass
class Analysis:
    pkg: F.Package
    plan: Plan
    sender_key: str
    candidates: list[CandidatePlan]
    already_imported: bool = False
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys((NEW, UPDATED, UNCHANGED, CONFLICT, REJECTED), 0)
        for c in self.candidates:
            out[c.action] += 1
        return out

    def conflicts(self) -> list[dict[str, Any]]:
        out = []
        for c in self.candidates:
            for r in [c.record, *c.assessments]:
                if r is not None:
                    out.extend(r.conflicts)
        return out

    def to_dict(self, *, dry_run: bool) -> dict[str, Any]:
        counts = self.counts()
        sender = self.pkg.sender
        return {
            "new": counts[NEW],
            "updated": counts[UPDATED],
            "unchanged": counts[UNCHANGED],
            "conflicting": counts[CONFLICT],
            "conflicts": self.conflicts(),
            "rejected": [
                {"id": c.id, "name": c.name, "reason": c.reason}
                for c in self.candidates
                if c.action == REJECTED
            ],
            "candidates": [
                {
                    "id": c.id,
                    "name": c.name,
                    "action": c.action,
                    "action_label": ACTION_LABELS[c.action],
                    "reason": c.reason,
                    "changes": []
                    if c.action in (NEW, REJECTED)
                    else sorted(
                        set((c.record.changes if c.record else {}).keys())
                        | {
                            f"{a.raw.get('criterion', {}).get('code') or 'tiêu chí'}: {k}"
                            for a in c.assessments
                            for k in a.changes
                        }
                    ),
                    "warnings": c.warnings,
                }
                for c in self.candidates
            ],
            "package": {
                "id": self.pkg.package_id,
                "file": str(self.pkg.path),
                "sha256": self.pkg.sha256,
                "created": self.pkg.created,
                "sender": sender,
                "recipient": self.pkg.recipient,
                "proposal": {
                    k: (self.pkg.data.get("proposal") or {}).get(k) for k in ("id", "number", "date", "title")
                },
            },
            "plan_id": self.plan.id,
            "already_imported": self.already_imported,
            "dry_run": dry_run,
            "warnings": self.warnings + [w for c in self.candidates for w in c.warnings],
        }


class _Bases:
    """The values last received per record from one sender (overlaid oldest → newest)."""

    def __init__(self, session: Session, key: str) -> None:
        self.session, self.key, self._map = session, key, None

    def get(self, record_type: str, record_id: str) -> dict[str, Any] | None:
        if self._map is None:
            self._map = {}
            rows = self.session.scalars(
                select(PackageImport)
                .where(
                    PackageImport.direction == "in",
                    PackageImport.kind == F.KIND_PROPOSAL,
                    PackageImport.sender_code == self.key,
                )
                .order_by(PackageImport.processed_at, PackageImport.created_at)
            )
            for row in rows:
                self._map.update((row.summary or {}).get("base") or {})
        return self._map.get(f"{record_type}:{record_id}")


def _norm(v: Any) -> Any:
    return F.jsonable(v)


def _merge(
    record_type: str,
    record_id: str,
    name: str,
    remote: dict[str, Any],
    local: dict[str, Any],
    sync: SyncState,
    bases: _Bases,
    package_id: str,
) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    """Three-way merge of one record: (action, changes to write, conflicts)."""
    rhash = F.values_hash(remote)
    if rhash == sync.remote_hash:
        return UNCHANGED, {}, []
    base = bases.get(record_type, record_id)
    if base is None:  # no snapshot: treat our copy as the last received one
        base = local
    changes: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []
    for key, theirs in remote.items():
        theirs, ours, was = _norm(theirs), _norm(local.get(key)), _norm(base.get(key))
        if theirs == was or theirs == ours:
            continue
        if ours == was:
            changes[key] = theirs
        else:
            conflicts.append(
                {
                    "record_type": record_type,
                    "record_id": record_id,
                    "name": name,
                    "field": key,
                    "label": F.FIELD_LABELS.get(key, key),
                    "ours": ours,
                    "theirs": theirs,
                    "base": was,
                    "package_id": package_id,
                }
            )
    if conflicts:
        return CONFLICT, changes, conflicts
    return (UPDATED if changes else UNCHANGED), changes, []


def _local_candidate_values(c: Candidate) -> dict[str, Any]:
    return candidate_values(c)


def _criteria_index(session: Session, plan_id: str) -> tuple[dict[str, str], dict[str, str]]:
    by_code: dict[str, str] = {}
    by_text: dict[str, str] = {}
    rows = session.execute(
        select(Criterion.id, Criterion.code, Criterion.text)
        .join(CriteriaSet, CriteriaSet.id == Criterion.criteria_set_id)
        .where(CriteriaSet.plan_id == plan_id)
    )
    for cid, code, text in rows:
        if code:
            by_code.setdefault(code.strip(), cid)
        if text:
            by_text.setdefault(fold(text)[:200], cid)
    return by_code, by_text


def _check_remote(c: dict[str, Any]) -> str | None:
    cid = c.get("id")
    if not isinstance(cid, str) or not _UUID.match(cid):
        return "mã định danh không hợp lệ"
    values = c.get("values")
    if not isinstance(values, dict):
        return "thiếu thông tin điển hình"
    data = {k: values.get(k) for k in F.CANDIDATE_SYNC_FIELDS if k != "field"}
    try:
        validate_candidate({k: v for k, v in data.items() if v is not None})
    except UserError as exc:
        return exc.message
    return None


def analyse(
    session: Session, pkg: F.Package, *, plan_id: str | None = None, force_recipient: bool = False
) -> Analysis:
    """What importing ``pkg`` would do; writes nothing."""
    profile = require_profile(session)
    warnings = check_addresses(profile, pkg, force_recipient=force_recipient)
    plan = resolve_plan(session, plan_id)
    sender = pkg.sender
    key = F.sender_key(sender.get("code"), sender.get("name"))
    analysis = Analysis(pkg=pkg, plan=plan, sender_key=key, candidates=[], warnings=warnings)
    seen = (
        session.scalars(
            select(PackageImport)
            .where(PackageImport.direction == "in", PackageImport.sha256 == pkg.sha256)
            .limit(1)
        ).first()
        or session.scalars(
            select(PackageImport)
            .where(PackageImport.direction == "in", PackageImport.package_id == pkg.package_id)
            .limit(1)
        ).first()
    )
    analysis.already_imported = seen is not None
    remote_list = pkg.data.get("candidates")
    if not isinstance(remote_list, list):
        raise UserError(
            f"Gói «{pkg.path.name}»: tệp dữ liệu không có danh sách điển hình.", code="not_a_package"
        )
    bases = _Bases(session, key)
    by_code, by_text = _criteria_index(session, plan.id)
    sender_name = sender.get("name") or "đơn vị gửi"
    ids_seen: set[str] = set()
    all_ids = [
        a["id"]
        for r in remote_list
        if isinstance(r, dict)
        for a in (r.get("assessments") or [])
        if isinstance(a, dict) and isinstance(a.get("id"), str)
    ]
    known_assessments: set[str] = set()
    synced_assessments: set[str] = set()
    for chunk in range(0, len(all_ids), 500):
        part = all_ids[chunk : chunk + 500]
        known_assessments |= set(
            session.scalars(select(CriterionAssessment.id).where(CriterionAssessment.id.in_(part)))
        )
        synced_assessments |= set(
            session.scalars(
                select(SyncState.record_id).where(
                    SyncState.record_type == "assessment", SyncState.record_id.in_(part)
                )
            )
        )
    for remote in remote_list:
        if not isinstance(remote, dict):
            continue
        cp = CandidatePlan(remote=remote, action=UNCHANGED)
        analysis.candidates.append(cp)
        problem = _check_remote(remote)
        if problem is None and cp.id in ids_seen:
            problem = "trùng mã định danh trong gói"
        if problem:
            cp.action, cp.reason = REJECTED, problem
            continue
        ids_seen.add(cp.id)
        if analysis.already_imported:
            cp.reason = "Gói này đã được nhập trước đây."
            continue
        values = {k: (remote["values"] or {}).get(k) for k in F.CANDIDATE_SYNC_FIELDS}
        version = remote.get("version") if isinstance(remote.get("version"), int) else None
        local = session.get(Candidate, cp.id)
        sync = session.scalars(
            select(SyncState).where(SyncState.record_type == "candidate", SyncState.record_id == cp.id)
        ).first()
        if local is None:
            cp.action = NEW
            cp.record = RecordPlan(
                "candidate", cp.id, NEW, values, changes=dict(values), remote_version=version
            )
        elif sync is None:
            cp.action, cp.reason = (
                REJECTED,
                "trùng mã với một điển hình do chính cơ quan này quản lý (không phải nhận từ gói)",
            )
            continue
        elif sync.origin_code != key:
            cp.action, cp.reason = REJECTED, f"điển hình này đã nhận từ đơn vị khác ({sync.origin_code})"
            continue
        elif version is not None and sync.remote_version is not None and version < sync.remote_version:
            cp.action, cp.reason = UNCHANGED, "gói cũ hơn bản đã nhập; giữ nguyên"
            continue
        else:
            action, changes, conflicts = _merge(
                "candidate",
                cp.id,
                cp.name,
                values,
                _local_candidate_values(local),
                sync,
                bases,
                pkg.package_id,
            )
            cp.record = RecordPlan("candidate", cp.id, action, values, changes, conflicts, version)
            cp.action = action
        # the checklist
        for ra in remote.get("assessments") or []:
            if not isinstance(ra, dict) or not isinstance(ra.get("id"), str):
                continue
            crit = ra.get("criterion") or {}
            local_crit = by_code.get((crit.get("code") or "").strip()) or by_text.get(
                fold(crit.get("text") or "")[:200]
            )
            avalues = {k: (ra.get("values") or {}).get(k) for k in F.ASSESSMENT_SYNC_FIELDS}
            if local_crit is None:
                cp.warnings.append(
                    f"{cp.name}: tiêu chí «{crit.get('code') or (crit.get('text') or '')[:40]}» không có trong kế hoạch "
                    f"«{plan.name}»; bỏ qua phần đánh giá này."
                )
                continue
            la = session.get(CriterionAssessment, ra["id"]) if ra["id"] in known_assessments else None
            async_ = (
                session.scalars(
                    select(SyncState).where(
                        SyncState.record_type == "assessment", SyncState.record_id == ra["id"]
                    )
                ).first()
                if ra["id"] in synced_assessments
                else None
            )
            ra["_synced"] = ra["id"] in synced_assessments
            rp = RecordPlan(
                "assessment", ra["id"], NEW, avalues, changes=dict(avalues), criterion_id=local_crit, raw=ra
            )
            if la is None:
                if cp.action == UNCHANGED:
                    cp.action = UPDATED
            elif async_ is None or la.candidate_id != cp.id:
                cp.warnings.append(
                    f"{cp.name}: phần đánh giá «{crit.get('code')}» trùng mã với dữ liệu của cơ quan này; bỏ qua."
                )
                continue
            else:
                action, changes, conflicts = _merge(
                    "assessment",
                    ra["id"],
                    cp.name,
                    avalues,
                    assessment_values(la),
                    async_,
                    bases,
                    pkg.package_id,
                )
                for cf in conflicts:
                    cf["label"] = f"Tiêu chí {crit.get('code') or ''} — {cf['label']}".strip()
                    cf["candidate_id"] = cp.id
                rp.action, rp.changes, rp.conflicts = action, changes, conflicts
                if action == CONFLICT:
                    cp.action = CONFLICT
                elif action == UPDATED and cp.action == UNCHANGED:
                    cp.action = UPDATED
            cp.assessments.append(rp)
        if cp.record is not None:
            for cf in cp.record.conflicts:
                cf["candidate_id"] = cp.id
        if cp.action == CONFLICT:
            cp.reason = "đơn vị gửi và cơ quan này cùng sửa một số trường; cần chọn giữ bản nào"
        elif cp.action == UPDATED and not cp.reason:
            cp.reason = f"{sender_name} đã sửa hồ sơ"
        elif cp.action == NEW:
            cp.reason = f"điển hình mới do {sender_name} đề nghị"
    return analysis


# --------------------------------------------------------------------------- apply
def _external_unit(session: Session, profile: OfficeProfile, sender: dict[str, Any]) -> Unit:
    code, name = sender.get("code"), " ".join((sender.get("name") or "Đơn vị gửi").split())
    stmt = select(Unit).where(Unit.is_external.is_(True))
    if code:
        found = session.scalars(stmt.where(Unit.official_code == code)).first()
        if found is not None:
            return found
    for u in session.scalars(stmt):
        if fold(u.name) == fold(name):
            return u
    kind = UnitKind.PARTY_COMMITTEE.value if sender.get("is_party") else UnitKind.COMMUNE.value
    if sender.get("level") == "agency":
        kind = UnitKind.AGENCY.value
    unit = Unit(
        name=name[:300],
        kind=kind,
        official_code=code,
        is_external=True,
        parent_id=profile.unit_id,
        note="Đơn vị gửi hồ sơ đề nghị (nhận qua gói dữ liệu)",
    )
    session.add(unit)
    session.flush()
    return unit


def _set_candidate(
    session: Session, c: Candidate, plan: Plan, changes: dict[str, Any], field_code: str | None
) -> None:
    for key, value in changes.items():
        if key == "field":
            f = find_field(session, plan.id, field_code) if field_code else None
            f = f or find_field(session, plan.id, value)
            c.field_id = f.id if f else None
            c.field = f
        elif key == "registered_on":
            c.registered_on = date.fromisoformat(value) if value else None
        elif key in (
            "is_party_member",
            "is_civil_servant",
            "is_armed_forces",
            "is_leader",
            "is_grassroots_worker",
        ):
            setattr(c, key, bool(value))
        else:
            setattr(c, key, value)


def _sync(
    session: Session,
    record_type: str,
    record_id: str,
    key: str,
    version: int | None,
    remote: dict[str, Any],
    local: dict[str, Any],
    *,
    new: bool = False,
) -> None:
    s = (
        None
        if new
        else session.scalars(
            select(SyncState).where(SyncState.record_type == record_type, SyncState.record_id == record_id)
        ).first()
    )
    if s is None:
        s = SyncState(record_type=record_type, record_id=record_id)
        session.add(s)
    s.origin_code = key
    s.remote_version = version if version is not None else s.remote_version
    s.remote_hash = F.values_hash(remote)
    s.local_hash = F.values_hash(local)
    s.received_at = utcnow()


def _attach(
    session: Session,
    pkg: F.Package,
    files_dir: Path | None,
    tmp: Path,
    arc: str,
    owner_type: str,
    owner_id: str,
    candidate_id: str | None,
    file_name: str,
    description: str,
) -> None:
    if files_dir is None or not arc or arc not in pkg.member_names():
        return
    from ..services.attachments import add_attachment

    src = pkg.extract(arc, tmp)
    sha = F.sha256_file(src)
    exists = session.scalars(
        select(Attachment.id)
        .where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id, Attachment.sha256 == sha)
        .limit(1)
    ).first()
    if exists is None:
        add_attachment(
            session,
            files_dir,
            src,
            owner_type,
            owner_id,
            candidate_id,
            description,
            file_name=file_name,
            added_by=None,
        )


def apply(
    session: Session, analysis: Analysis, *, files_dir: Path | None = None, by: str | None = None
) -> dict[str, Any]:
    """Write what :func:`analyse` found (flushes; the caller commits ONE transaction)."""
    result = analysis.to_dict(dry_run=False)
    if analysis.already_imported:
        return result
    pkg, plan, key = analysis.pkg, analysis.plan, analysis.sender_key
    profile = require_profile(session)
    sender = pkg.sender
    prop = pkg.data.get("proposal") or {}
    ref = f" (Tờ trình số {prop['number']})" if prop.get("number") else ""
    unit = _external_unit(session, profile, sender)
    base_snapshot: dict[str, Any] = {}
    docs = [d for d in pkg.data.get("documents") or [] if isinstance(d, dict)]
    with tempfile.TemporaryDirectory(prefix="dienhinh-nhap-") as tmpname:
        tmp = Path(tmpname)
        for cp in analysis.candidates:
            if cp.action == REJECTED or cp.record is None:
                continue
            remote = cp.remote
            rec = cp.record
            c = session.get(Candidate, cp.id)
            if cp.action == NEW:
                kind = rec.values.get("kind") or CandidateKind.INDIVIDUAL.value
                c = Candidate(
                    id=cp.id,
                    plan_id=plan.id,
                    kind=kind,
                    name=rec.values.get("name"),
                    status=IMPORT_STATUS,
                    unit_id=unit.id,
                    origin_unit_code=sender.get("code"),
                    origin_unit_name=(sender.get("name") or "")[:300] or None,
                )
                _set_candidate(
                    session,
                    c,
                    plan,
                    {k: v for k, v in rec.values.items() if k not in ("kind",)},
                    remote.get("field_code"),
                )
                session.add(c)
                c.history.append(
                    StatusChange(
                        from_status=None,
                        to_status=IMPORT_STATUS,
                        changed_by=by,
                        changed_at=utcnow(),
                        reason=f"Nhận từ hồ sơ đề nghị của {sender.get('name')}{ref}; chờ thẩm định ở cấp này",
                        ref_type=REF_PACKAGE,
                        ref_id=pkg.package_id,
                    )
                )
                session.flush()
                for r in remote.get("recognitions") or []:
                    if (
                        isinstance(r, dict)
                        and r.get("title")
                        and session.get(Recognition, r.get("id") or "") is None
                    ):
                        session.add(
                            Recognition(
                                id=r.get("id") or None,
                                candidate_id=c.id,
                                kind=r.get("kind") or "recognition",
                                title=str(r["title"])[:300],
                                year=r.get("year"),
                                decision_number=r.get("decision_number"),
                                decision_date=date.fromisoformat(r["decision_date"])
                                if r.get("decision_date")
                                else None,
                                issuer=r.get("issuer"),
                                level="past",
                                source="package",
                                note=f"Nhận kèm hồ sơ đề nghị của {sender.get('name')}",
                            )
                        )
            else:
                if rec.changes:
                    _set_candidate(session, c, plan, rec.changes, remote.get("field_code"))
                    c.history.append(
                        StatusChange(
                            from_status=c.status,
                            to_status=c.status,
                            changed_by=by,
                            changed_at=utcnow(),
                            reason=f"Cập nhật từ gói mới của {sender.get('name')}{ref}: "
                            + ", ".join(F.FIELD_LABELS.get(k, k) for k in rec.changes),
                            ref_type=REF_PACKAGE,
                            ref_id=pkg.package_id,
                        )
                    )
            session.flush()
            _sync(session, "candidate", c.id, key, rec.remote_version, rec.values, candidate_values(c))
            base_snapshot[f"candidate:{c.id}"] = rec.values
            # the checklist
            with session.no_autoflush:
                pairs = (
                    set()
                    if cp.action == NEW
                    else set(
                        session.scalars(
                            select(CriterionAssessment.criterion_id).where(
                                CriterionAssessment.candidate_id == c.id
                            )
                        )
                    )
                )
                for ap in cp.assessments:
                    a = (
                        session.get(CriterionAssessment, ap.record_id)
                        if cp.action != NEW or ap.action != NEW
                        else None
                    )
                    if a is None:
                        if ap.criterion_id in pairs:
                            code = ap.raw.get("criterion", {}).get("code")
                            cp.warnings.append(f"{c.name}: tiêu chí «{code}» đã có đánh giá; bỏ qua.")
                            continue
                        pairs.add(ap.criterion_id)
                        a = CriterionAssessment(
                            id=ap.record_id, candidate_id=c.id, criterion_id=ap.criterion_id
                        )
                        for k, v in ap.values.items():
                            setattr(a, k, v)
                        if ap.values.get("appraisal"):
                            who = ap.raw.get("appraised_by")
                            a.appraised_by = f"{who + ' — ' if who else ''}{sender.get('name')}"[:150]
                            a.appraised_at = utcnow()
                        a.self_assessed_at = utcnow()
                        session.add(a)
                    else:
                        for k, v in ap.changes.items():
                            setattr(a, k, v)
                    _sync(
                        session,
                        "assessment",
                        a.id,
                        key,
                        ap.raw.get("version"),
                        ap.values,
                        assessment_values(a),
                        new=ap.action == NEW and not ap.raw.get("_synced"),
                    )
                    base_snapshot[f"assessment:{a.id}"] = ap.values
            session.flush()
            # the candidate's papers and attachments
            arc = remote.get("achievement_report")
            if arc:
                _attach(
                    session,
                    pkg,
                    files_dir,
                    tmp,
                    arc,
                    "candidate",
                    c.id,
                    c.id,
                    Path(arc).name,
                    f"Báo cáo thành tích (hồ sơ đề nghị của {sender.get('name')})",
                )
            for att in remote.get("attachments") or []:
                if isinstance(att, dict) and att.get("path"):
                    _attach(
                        session,
                        pkg,
                        files_dir,
                        tmp,
                        att["path"],
                        "candidate",
                        c.id,
                        c.id,
                        str(att.get("file_name") or Path(att["path"]).name)[:300],
                        att.get("description") or f"Nhận kèm hồ sơ của {sender.get('name')}",
                    )
        # the dossier's papers, kept under the sender's proposal id
        owner = prop.get("id") or pkg.package_id
        for d in docs:
            if d.get("role") in ("cover", "list", "minutes", "decision") and d.get("path"):
                _attach(
                    session,
                    pkg,
                    files_dir,
                    tmp,
                    d["path"],
                    "proposal",
                    str(owner),
                    None,
                    str(d.get("file_name") or Path(d["path"]).name)[:300],
                    f"Hồ sơ đề nghị của {sender.get('name')}{ref}",
                )
    # conflicts superseded by this package
    conflicts = analysis.conflicts()
    if conflicts:
        _supersede(session, conflicts)
    result = analysis.to_dict(dry_run=False)
    session.add(
        PackageImport(
            package_id=pkg.package_id,
            direction="in",
            kind=F.KIND_PROPOSAL,
            sender_code=key,
            sender_name=sender.get("name"),
            recipient=pkg.recipient.get("name") or pkg.recipient.get("code"),
            created=pkg.created,
            sha256=pkg.sha256,
            file_name=pkg.path.name,
            summary={
                "counts": {k: result[k] for k in ("new", "updated", "unchanged", "conflicting")},
                "rejected": result["rejected"],
                "conflicts": [dict(c, status="open") for c in conflicts],
                "proposal": prop,
                "sender": sender,
                "plan_id": plan.id,
                "base": base_snapshot,
            },
        )
    )
    session.flush()
    return result


def _supersede(session: Session, new_conflicts: list[dict[str, Any]]) -> None:
    keys = {(c["record_type"], c["record_id"], c["field"]) for c in new_conflicts}
    for row in session.scalars(select(PackageImport).where(PackageImport.direction == "in")):
        summary = row.summary or {}
        changed = False
        items = []
        for c in summary.get("conflicts") or []:
            if c.get("status") == "open" and (c["record_type"], c["record_id"], c["field"]) in keys:
                c = dict(c, status="superseded")
                changed = True
            items.append(c)
        if changed:
            row.summary = {**summary, "conflicts": items}


# --------------------------------------------------------------------------- entry points
def import_package(
    session: Session,
    path: Path | str,
    *,
    dry_run: bool = False,
    force_recipient: bool = False,
    plan_id: str | None = None,
    files_dir: Path | None = None,
    by: str | None = None,
) -> dict[str, Any]:
    """Verify, preview and (unless ``dry_run``) apply one package in ``session``
    (flushes; the caller commits). Refusals raise :class:`UserError` before any write."""
    pkg = F.open_package(path, expected_kind=F.KIND_PROPOSAL)
    analysis = analyse(session, pkg, plan_id=plan_id, force_recipient=force_recipient)
    if dry_run:
        return analysis.to_dict(dry_run=True)
    return apply(session, analysis, files_dir=files_dir, by=by)


def import_package_file(
    db: Any,
    path: Path | str,
    *,
    dry_run: bool = False,
    force_recipient: bool = False,
    plan_id: str | None = None,
    by: str | None = None,
    backup: bool = True,
) -> dict[str, Any]:
    """The command line's and the GUI's import: checks and preview on a read session; then,
    when there is something to write, a backup of the database file ("truoc-nhap-goi")
    and ONE transaction. Returns the JSON of ``package import``."""
    pkg = F.open_package(path, expected_kind=F.KIND_PROPOSAL)
    with db.session() as s:
        preview = analyse(s, pkg, plan_id=plan_id, force_recipient=force_recipient).to_dict(dry_run=dry_run)
        s.rollback()
    if dry_run or preview["already_imported"]:
        return preview
    if backup and getattr(db, "path", None) is not None:
        from ..db.maintenance import backup_now

        preview["backup"] = str(backup_now(db, "truoc-nhap-goi"))
    with db.transaction() as s:
        result = apply(
            s,
            analyse(s, pkg, plan_id=plan_id, force_recipient=force_recipient),
            files_dir=db.files_dir,
            by=by,
        )
    if "backup" in preview:
        result["backup"] = preview["backup"]
    return result


def import_many(
    db: Any,
    paths: list[Path],
    *,
    force_recipient: bool = False,
    plan_id: str | None = None,
    by: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[dict[str, Any]]:
    """Import several packages, each in its own transaction; one backup first. A refused
    package is reported (``{"file", "error"}``) and the others go on."""
    out: list[dict[str, Any]] = []
    backed_up = False
    for i, p in enumerate(paths):
        if progress:
            progress(i, len(paths), Path(p).name)
        try:
            res = import_package_file(
                db, p, force_recipient=force_recipient, plan_id=plan_id, by=by, backup=not backed_up
            )
            backed_up = backed_up or "backup" in res
            out.append({"file": str(p), **res})
        except UserError as exc:
            out.append({"file": str(p), "error": {"code": exc.code, "message": exc.message}})
    if progress:
        progress(len(paths), len(paths), "")
    return out


# --------------------------------------------------------------------------- conflicts
def open_conflicts(session: Session) -> list[dict[str, Any]]:
    """Conflicts waiting for the officer, newest package first (with ``import_id`` and ``index``)."""
    out = []
    rows = session.scalars(
        select(PackageImport)
        .where(PackageImport.direction == "in")
        .order_by(PackageImport.processed_at.desc())
    )
    for row in rows:
        for i, c in enumerate((row.summary or {}).get("conflicts") or []):
            if c.get("status") == "open":
                out.append(
                    {
                        **c,
                        "import_id": row.id,
                        "index": i,
                        "sender": row.sender_name,
                        "received": fmt_date(row.processed_at),
                    }
                )
    return out


def resolve_conflict(
    session: Session, import_id: str, index: int, choice: str, *, by: str | None = None
) -> dict[str, Any]:
    """Settle one conflict: ``choice`` "ours" keeps this office's value, "theirs" takes the
    sender's. Flushes, does not commit."""
    if choice not in ("ours", "theirs"):
        raise UserError(
            "Chọn «ours» (giữ bản của cơ quan này) hoặc «theirs» (lấy bản của đơn vị gửi).", code="bad_input"
        )
    row = session.get(PackageImport, import_id)
    items = list(((row.summary or {}).get("conflicts") or []) if row else [])
    if row is None or not 0 <= index < len(items):
        raise UserError("Không tìm thấy xung đột cần xử lý.", code="not_found")
    c = dict(items[index])
    if c.get("status") != "open":
        raise UserError("Xung đột này đã được xử lý.", code="refused")
    if choice == "theirs":
        if c["record_type"] == "candidate":
            cand = session.get(Candidate, c["record_id"])
            if cand is None:
                raise UserError("Điển hình của xung đột này không còn trong dữ liệu.", code="not_found")
            _set_candidate(session, cand, session.get(Plan, cand.plan_id), {c["field"]: c["theirs"]}, None)
            cand.history.append(
                StatusChange(
                    from_status=cand.status,
                    to_status=cand.status,
                    changed_by=by,
                    changed_at=utcnow(),
                    reason=f"Xử lý xung đột: lấy «{c['label']}» theo bản của {row.sender_name}",
                    ref_type=REF_PACKAGE,
                    ref_id=row.package_id,
                )
            )
            local = candidate_values(cand)
        else:
            a = session.get(CriterionAssessment, c["record_id"])
            if a is None:
                raise UserError("Phần đánh giá của xung đột này không còn trong dữ liệu.", code="not_found")
            setattr(a, c["field"], c["theirs"])
            local = assessment_values(a)
        session.flush()
        s = session.scalars(
            select(SyncState).where(
                SyncState.record_type == c["record_type"], SyncState.record_id == c["record_id"]
            )
        ).first()
        if s is not None:
            s.local_hash = F.values_hash(local)
    c["status"] = "theirs" if choice == "theirs" else "ours"
    c["resolved_by"] = by
    items[index] = c
    row.summary = {**(row.summary or {}), "conflicts": items}
    session.flush()
    return c


def list_received(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(PackageImport)
        .where(PackageImport.direction == "in", PackageImport.kind == F.KIND_PROPOSAL)
        .order_by(PackageImport.processed_at.desc())
    )
    return [
        {
            "id": r.id,
            "package_id": r.package_id,
            "sender": r.sender_name,
            "sender_code": r.sender_code,
            "received": r.processed_at,
            "file_name": r.file_name,
            "counts": (r.summary or {}).get("counts", {}),
            "open_conflicts": sum(
                1 for c in (r.summary or {}).get("conflicts") or [] if c.get("status") == "open"
            ),
        }
        for r in rows
    ]


__all__ = [
    "Analysis",
    "analyse",
    "apply",
    "import_many",
    "import_package",
    "import_package_file",
    "list_received",
    "open_conflicts",
    "recipient_matches",
    "resolve_conflict",
]
