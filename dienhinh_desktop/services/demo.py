"""A realistic demo commune: Đảng ủy xã Tân Lập (tỉnh Lào Cai, after the 2025 reform), its
unit tree, a copy of the built-in plan of seed 002 (Lào Cai 2025–2030) and ``size``
candidates (collectives, individuals, households of the Kinh, Tày, Nùng, Dao, Mông, Giáy,
Thái and Phù Lá peoples) spread over the pipeline with a dated history, mentors, nurturing
plans and notes, self-assessments and appraisals, a mid-term review, the decision that
recognised some of them and a few past awards.

    result = build_demo(session, size=60)      # does not commit: the caller owns the transaction

The small structure (office, units, plan, review, decision) goes through the ORM; the bulk
rows (candidates and everything hanging off them) are generated in chunks of 2,000 and
written by :func:`bulk_insert` (``session.execute(insert(table), rows)``; on SQLite straight
to the driver's executemany), with the derived columns computed by
:func:`dienhinh_desktop.services.derived.derived_keys` (what the flush listener uses).
100,000 candidates take about 26 s of CPU. Randomness is seeded (``seed``): the same seed
and the same ``today`` give the same content; ids are fresh (time-ordered UUIDs).

Later features add their part of the demo (a council, a held meeting, proposals,
activities…) without touching this module's steps: put a module name in
``EXTRA_STEP_MODULES`` whose module defines ``demo_step(session, result)``, or append a
callable ``(session, result)`` to ``EXTRA_STEPS``. They run in that order after the
built-in steps; a module that is not there is skipped.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Date, DateTime, func, insert, select
from sqlalchemy.orm import Session, selectinload

from ..errors import UserError
from ..models import (
    Candidate,
    CriteriaSet,
    CriterionAssessment,
    Decision,
    DecisionEntry,
    MentorAssignment,
    NurturingNote,
    NurturingPlan,
    Plan,
    Recognition,
    Review,
    ReviewItem,
    StatusChange,
    Unit,
    utcnow,
)
from ..models.enums import CandidateKind as K
from ..models.enums import CandidateStatus as S
from ..text import fmt_date, fold
from . import demo_names as D
from .derived import derived_keys
from .office import init_office

DEFAULT_SIZE = 60
DEFAULT_SEED = 20251231
MAX_SIZE = 1_000_000
CHUNK = 2000
TEMPLATE_PREFIX = "002_"

Step = Callable[[Session, "DemoResult"], None]
# Modules (dotted names) whose ``demo_step(session, result)`` runs after the built-in steps.
EXTRA_STEP_MODULES: tuple[str, ...] = (
    "dienhinh_desktop.services.demo_meetings",
    "dienhinh_desktop.services.demo_proposals",
    "dienhinh_desktop.services.demo_activities",
)
# Callables ``(session, result)`` appended by other modules; they run after EXTRA_STEP_MODULES.
EXTRA_STEPS: list[Step] = []

REGISTERED = S.REGISTERED.value
NURTURING = S.NURTURING.value
SELF_ASSESSED = S.SELF_ASSESSED.value
APPRAISED = S.APPRAISED.value
PROPOSED = S.PROPOSED.value
RECOGNISED = S.RECOGNISED.value
REMOVED = S.REMOVED.value
REPLACED = S.REPLACED.value
COLLECTIVE, INDIVIDUAL, HOUSEHOLD = K.COLLECTIVE.value, K.INDIVIDUAL.value, K.HOUSEHOLD.value

# Share of each kind, and how the candidates spread over the pipeline.
KIND_SHARES = {COLLECTIVE: 0.25, INDIVIDUAL: 0.60, HOUSEHOLD: 0.15}
STATUS_SHARES = {
    REGISTERED: 0.15,
    NURTURING: 0.38,
    SELF_ASSESSED: 0.17,
    APPRAISED: 0.21,
    PROPOSED: 0.03,
    RECOGNISED: 0.03,
    REMOVED: 0.02,
    REPLACED: 0.01,
}
# At least this many (when the demo is big enough to afford them).
STATUS_MINIMUMS = {PROPOSED: 2, RECOGNISED: 2, REMOVED: 1, REPLACED: 1}
PIPELINE = [REGISTERED, NURTURING, SELF_ASSESSED, APPRAISED, PROPOSED, RECOGNISED]
AT_LEAST_ASSESSED = frozenset({SELF_ASSESSED, APPRAISED, PROPOSED, RECOGNISED})
AT_LEAST_APPRAISED = frozenset({APPRAISED, PROPOSED, RECOGNISED})
EARLY = frozenset({REGISTERED, NURTURING})
FLAG_COLUMNS = ("is_party_member", "is_civil_servant", "is_armed_forces", "is_leader", "is_grassroots_worker")


@dataclass
class DemoResult:
    """What the demo built; extra steps read it and may add to ``extras``."""

    size: int
    seed: int
    today: date
    rng: random.Random
    officer_name: str = D.PROFILE["officer_name"]
    profile_id: str | None = None
    plan_id: str | None = None
    root_unit_id: str | None = None
    units: dict[str, str] = field(default_factory=dict)  # key ("cb:Nậm Cang", "truong_th"…) -> unit id
    review_id: str | None = None
    decision_id: str | None = None
    candidates: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    ids_by_status: dict[str, list[str]] = field(default_factory=dict)
    rows: Counter[str] = field(default_factory=Counter)  # table -> rows written in bulk
    extras: dict[str, Any] = field(default_factory=dict)
    steps_run: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``dienhinh demo --json``."""
        out: dict[str, Any] = {
            "candidates": self.candidates,
            "units": len(self.units),
            "plan_id": self.plan_id,
            "seconds": round(self.seconds, 2),
            "seed": self.seed,
            "by_kind": dict(self.by_kind),
            "by_status": dict(self.by_status),
            "rows": dict(self.rows),
            "decision_id": self.decision_id,
            "review_id": self.review_id,
        }
        for key, value in self.extras.items():
            if isinstance(value, (str, int, float, bool, type(None))):
                out.setdefault(key, value)
        return out


# ------------------------------------------------------------------------------------ entry point


def build_demo(
    session: Session, size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED, *, today: date | None = None
) -> DemoResult:
    """Fill an empty database with the demo commune. Refuses (UserError, nothing written)
    when there are candidates already. Flushes, does not commit: run it in one transaction."""
    started = time.perf_counter()
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_SIZE:
        raise UserError(
            f"Số điển hình mẫu (--size) phải từ 1 đến {MAX_SIZE}; đã nhập «{size}».", code="bad_field"
        )
    result = DemoResult(size=size, seed=seed, today=today or date.today(), rng=random.Random(seed))
    for step in _steps():
        step(session, result)
        result.steps_run.append(getattr(step, "__name__", repr(step)))
    session.flush()
    result.seconds = time.perf_counter() - started
    return result


def _steps() -> list[Step]:
    steps: list[Step] = [
        check_empty,
        step_office,
        step_units,
        step_plan,
        step_review_and_decision,
        step_candidates,
        step_deadlines,
    ]
    for name in EXTRA_STEP_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
                continue  # the feature is not in this build
            raise
        step = getattr(module, "demo_step", None)
        if step is not None and step not in steps:
            steps.append(step)
    steps.extend(s for s in EXTRA_STEPS if s not in steps)
    return steps


# ------------------------------------------------------------------------------------ steps


def check_empty(session: Session, result: DemoResult) -> None:
    count = session.scalar(select(func.count()).select_from(Candidate)) or 0
    if count:
        raise UserError(
            f"Cơ sở dữ liệu đã có dữ liệu ({count:,} điển hình)".replace(",", ".")
            + "; chỉ tạo dữ liệu mẫu trong một cơ sở dữ liệu trống. "
            "Hãy chọn tệp dữ liệu mới bằng «--db TỆP_MỚI».",
            code="not_empty",
        )


def step_office(session: Session, result: DemoResult) -> None:
    """The office profile (a party body) and the commune, root of the unit tree."""
    root = Unit(name=f"Xã {D.COMMUNE}", short_name=D.COMMUNE, kind="commune", sort_order=0)
    session.add(root)
    session.flush()
    fields = {k: v for k, v in D.PROFILE.items() if k != "name"}
    profile = init_office(
        session,
        D.PROFILE["name"],
        level="commune",
        province=D.PROVINCE,
        party=True,
        unit_id=root.id,
        **fields,
    )
    result.profile_id = profile.id
    result.root_unit_id = root.id
    result.units["root"] = root.id


def step_units(session: Session, result: DemoResult) -> None:
    """Party cells, villages, schools, the health station, forces, mass organisations, cooperatives."""
    root_id = result.units["root"]
    order = 0
    made: dict[str, Unit] = {}

    def add(key: str, name: str, short: str | None, kind: str, parent: str | None = None) -> None:
        nonlocal order
        order += 1
        unit = Unit(
            name=name,
            short_name=short,
            kind=kind,
            sort_order=order,
            parent_id=made[parent].id if parent else root_id,
        )
        session.add(unit)
        made[key] = unit
        if parent is None:
            session.flush()

    for village, _eth in D.VILLAGES:
        add(f"cb:{village}", f"Chi bộ thôn {village}", f"CB thôn {village}", "party_cell")
    for key, name, _inst in D.INSTITUTION_CELLS:
        add(key, name, None, "party_cell")
    for village, _eth in D.VILLAGES:
        add(f"thon:{village}", f"Thôn {village}", village, "village")
    for key, name, short, kind, parent in D.INSTITUTION_UNITS:
        add(key, name, short, kind, parent)
    session.flush()
    result.units.update({k: u.id for k, u in made.items()})


def step_plan(session: Session, result: DemoResult) -> None:
    """The active plan: a copy of the built-in template of seed 002."""
    from .plan_templates import copy_plan, install_templates

    template = _template(session)
    if template is None:
        install_templates(session)
        template = _template(session)
    if template is None:
        raise UserError(
            "Không tìm thấy kế hoạch mẫu của tỉnh Lào Cai giai đoạn 2025-2030 (mẫu 002).", code="no_template"
        )
    plan = copy_plan(session, template.id, name=D.PLAN_NAME)
    plan.code = D.PLAN_CODE
    plan.issuer = D.PLAN_ISSUER
    issued = result.today - timedelta(days=375)
    plan.issued_on = max(issued, plan.period_start) if plan.period_start else issued
    session.flush()
    result.plan_id = plan.id


def step_deadlines(session: Session, result: DemoResult) -> None:
    """A year of work shows in the deadlines: what fell due more than a month ago was done
    on time (a few days early); the last month's items are left for the officer."""
    from ..models import PlanPhase
    from .deadlines import STEP_MONTHS, occurrences

    cutoff = result.today - timedelta(days=30)
    plan = session.get(Plan, result.plan_id)
    for phase in session.scalars(select(PlanPhase).where(PlanPhase.plan_id == result.plan_id)):
        if phase.recurrence in STEP_MONTHS:
            past = [d for d in occurrences(phase, plan, today=result.today) if d <= cutoff]
            if past:
                phase.done_on = past[-1]
        else:
            due = phase.deadline or phase.end_date
            if due is not None and due <= cutoff:
                phase.done, phase.done_on = True, due - timedelta(days=result.rng.randint(1, 6))
    session.flush()


def _template(session: Session) -> Plan | None:
    return session.scalars(
        select(Plan)
        .where(Plan.is_template.is_(True), Plan.template_key.like(f"{TEMPLATE_PREFIX}%"))
        .order_by(Plan.template_key)
        .limit(1)
    ).first()


def step_review_and_decision(session: Session, result: DemoResult) -> None:
    """The mid-term review that removes and replaces a few, and this level's decision that
    recognises some (rows for the candidates come with the candidates)."""
    today = result.today
    review = Review(
        plan_id=result.plan_id,
        review_date=today - timedelta(days=160),
        title=f"Rà soát giữa kỳ danh sách điển hình năm {today.year}",
        reviewer=result.officer_name,
        note="Rà soát theo mục IV.1 Kế hoạch của Ban Thường vụ Tỉnh ủy.",
    )
    session.add(review)
    when = today - timedelta(days=25)
    number = f"{result.rng.randint(120, 190)}-QĐ/ĐU"
    decision = Decision(
        direction="own",
        source="own",
        plan_id=result.plan_id,
        number=number,
        decision_date=when,
        issuer=D.DECISION_ISSUER,
        title="Về việc công nhận, ghi danh điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, "
        f"phong cách Hồ Chí Minh năm {when.year}",
        award_kind="recognition",
        award_label="Điển hình tiên tiến cấp xã",
        bases=[
            "Căn cứ Quy định số 18-QĐ/TU ngày 22/7/2025 của Ban Thường vụ Tỉnh ủy;",
            f"Căn cứ Kế hoạch số {D.PLAN_CODE} của Ban Thường vụ Đảng ủy xã Tân Lập;",
            "Xét đề nghị của Ban Xây dựng Đảng Đảng ủy xã.",
        ],
        articles=[
            "Điều 1. Công nhận, ghi danh điển hình tiên tiến cấp xã đối với các tập thể, cá nhân "
            "có tên trong danh sách kèm theo.",
            "Điều 2. Các tập thể, cá nhân được công nhận tiếp tục giữ vững, nhân rộng điển hình.",
            "Điều 3. Ban Xây dựng Đảng, các chi bộ và tập thể, cá nhân có tên tại Điều 1 thi hành "
            "Quyết định này.",
        ],
        signer_name=D.PROFILE["signer_name"],
        signer_title=D.PROFILE["signer_title"],
        issued_at=datetime.combine(when, datetime.min.time()).replace(hour=15),
    )
    session.add(decision)
    session.flush()
    result.review_id = review.id
    result.decision_id = decision.id


def step_candidates(session: Session, result: DemoResult) -> None:
    """Every candidate and what hangs off it, in chunks, with bulk inserts."""
    gen = _Generator(session, result)
    with _big_cache(session, result.size):
        for start in range(0, result.size, CHUNK):
            gen.chunk(range(start, min(start + CHUNK, result.size)))
    if not gen.recognised_rows:
        # Nothing recognised (a tiny demo): the decision would have an empty list.
        session.delete(session.get(Decision, result.decision_id))
        result.decision_id = None
    session.flush()


@contextmanager
def _big_cache(session: Session, size: int) -> Iterator[None]:
    """SQLite: a larger page cache while the bulk rows go in (random UUID keys touch pages
    all over the indexes; the default 2 MB cache makes a 100,000-candidate demo disk-bound)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or size < 5000:
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{min(256, 32 + size // 1000) * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def bulk_insert(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Insert plain rows (every column given, ids and timestamps included) in the session's
    transaction: ``session.execute(insert(table), rows)``, one executemany. On SQLite the rows go
    straight to the driver's executemany, converted the way SQLAlchemy stores them (DateTime as
    "YYYY-MM-DD HH:MM:SS.ffffff", Date as ISO, JSON as json.dumps): SQLAlchemy's per-row parameter
    processing would otherwise cost more than the whole generation of a 100,000-candidate demo."""
    table = model.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        session.execute(insert(table), rows)
        return
    plan = _sqlite_plans.get(table.name)
    if plan is None:
        cols = [c.name for c in table.columns]
        convert = []
        for i, col in enumerate(table.columns):
            if isinstance(col.type, DateTime):
                convert.append((i, _sqlite_datetime))
            elif isinstance(col.type, Date):
                convert.append((i, date.isoformat))
            elif isinstance(col.type, JSON):
                convert.append((i, json.dumps))
        sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        plan = _sqlite_plans[table.name] = (sql, itemgetter(*cols), convert)
    sql, getter, convert = plan
    params = []
    for row in rows:
        values = list(getter(row))
        for i, fn in convert:
            if values[i] is not None:
                values[i] = fn(values[i])
        params.append(tuple(values))
    conn.exec_driver_sql(sql, params)


_sqlite_plans: dict[str, tuple[str, Any, list[tuple[int, Callable[[Any], Any]]]]] = {}


@lru_cache(maxsize=65536)
def _sqlite_datetime(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")  # SQLAlchemy's SQLite DATETIME storage format


# ------------------------------------------------------------------------------------ generator


def derived_columns(
    kind: str,
    name: str,
    birth_year: int | None = None,
    position_unit: str | None = None,
    position: str | None = None,
    ethnicity: str | None = None,
    address: str | None = None,
) -> dict[str, Any]:
    """The derived columns exactly as the ORM listener computes them (the same function)."""
    return derived_keys(
        {
            "kind": kind,
            "name": name,
            "birth_year": birth_year,
            "position_unit": position_unit,
            "position": position,
            "ethnicity": ethnicity,
            "address": address,
            "origin_unit_name": None,
        }
    )


def _spread(total: int, shares: dict[str, float], minimums: dict[str, int] | None = None) -> dict[str, int]:
    """Split ``total`` by ``shares`` (largest remainder), honouring minimums while it can."""
    raw = {k: total * v / sum(shares.values()) for k, v in shares.items()}
    out = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - out[k], reverse=True)[: total - sum(out.values())]:
        out[k] += 1
    if minimums and total >= 20:
        biggest = max(out, key=lambda k: out[k])
        for k, m in minimums.items():
            if out.get(k, 0) < m:
                out[biggest] -= m - out[k]
                out[k] = m
    return out


class _OrderedIds:
    """Ids of the bulk rows: RFC 9562 version-7 UUIDs (milliseconds of the run, a counter,
    42 random bits) instead of ``models.base.new_id``'s version 4. Same 36-character form and
    the same uniqueness across offices, but in insertion order, so SQLite appends to its
    primary-key and foreign-key indexes instead of scattering pages: a 100,000-candidate
    demo builds about a fifth faster."""

    def __init__(self) -> None:
        self.ms = int(time.time() * 1000) & 0xFFFF_FFFF_FFFF
        self.n = 0

    def __call__(self) -> str:
        n = self.n
        self.n += 1
        rand = int.from_bytes(os.urandom(6), "big") >> 6
        v = (
            (self.ms << 80)
            | (7 << 76)
            | (((n >> 20) & 0xFFF) << 64)
            | (2 << 62)
            | ((n & 0xFFFFF) << 42)
            | rand
        )
        h = f"{v:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _Crit:
    """A criterion copied out of the ORM (attribute access on mapped objects is slow in a loop)."""

    __slots__ = (
        "id",
        "required",
        "value_type",
        "scale",
        "need",
        "threshold",
        "threshold_strict",
        "years_required",
        "numerator_label",
        "short_text",
        "text",
    )

    def __init__(self, c: Any) -> None:
        self.id, self.required, self.value_type = c.id, bool(c.required), c.value_type or "boolean"
        self.scale = [str(x) for x in (c.rating_scale or [])] or [
            "Hoàn thành xuất sắc nhiệm vụ",
            "Hoàn thành tốt nhiệm vụ",
            "Hoàn thành nhiệm vụ",
            "Không hoàn thành nhiệm vụ",
        ]
        self.need = (
            self.scale.index(c.min_rating) if c.min_rating in self.scale else max(len(self.scale) - 2, 0)
        )
        self.threshold, self.threshold_strict = c.threshold, c.threshold_strict
        self.years_required, self.numerator_label = c.years_required, c.numerator_label
        self.short_text, self.text = c.short_text, c.text


class _FastRandom(random.Random):
    """choice / randint from one ``random()`` call (deterministic, without the rejection
    sampling of ``_randbelow``): the generator draws millions of them for a big demo."""

    def choice(self, seq):  # type: ignore[no-untyped-def,override]
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start, stop=None, step=1):  # type: ignore[no-untyped-def,override]
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))


def _ha(rng: random.Random) -> str:
    return f"{rng.randint(5, 150) / 10:.1f}".replace(".", ",")


def _at(d: date, rng: random.Random) -> datetime:
    return datetime(d.year, d.month, d.day, rng.randint(7, 16), rng.choice((0, 10, 15, 30, 40, 45)))


class _Generator:
    def __init__(self, session: Session, result: DemoResult) -> None:
        self.s = session
        self.r = result
        self.rng = _FastRandom(result.seed * 7919 + 17)
        self.new_id = _OrderedIds()
        self.today = result.today
        self.year = self.today.year
        self.prev = self.year - 1
        self.officer = result.officer_name
        self.units = result.units
        self.unit_names = {u.id: u.name for u in session.scalars(select(Unit))}
        plan = session.get(Plan, result.plan_id)
        assert plan is not None
        self.plan = plan
        self.plan_start = plan.period_start or date(self.year - 1, 1, 1)
        fields = list(plan.fields)
        self.fields: dict[str, tuple[str, str]] = {}
        for i, f in enumerate(fields):
            self.fields[f.code or f"LV{i + 1}"] = (f.id, f.name)
        for i, f in enumerate(fields):  # LVn falls back to the n-th field of a plan with other codes
            self.fields.setdefault(f"LV{i + 1}", (f.id, f.name))
        self.sets = list(
            session.scalars(
                select(CriteriaSet)
                .where(CriteriaSet.plan_id == plan.id)
                .options(selectinload(CriteriaSet.criteria), selectinload(CriteriaSet.field))
                .order_by(CriteriaSet.sort_order, CriteriaSet.id)
            )
        )
        self.profiles: dict[tuple[Any, ...], list[Any]] = {}
        self.used_names: set[str] = set()
        self.bool_texts: dict[tuple[str, int], str] = {}
        self.numbered: Counter[tuple[int, str]] = Counter()
        self.homonyms = [
            (name, g, eth, by, arch, village)
            for name, g, eth, uses in D.HOMONYMS
            for by, arch, village in uses
        ]
        self.individual_no = 0
        self.appraised_no = 0
        self.recognised_rows = 0
        self.review_date = self.today - timedelta(days=160)
        self.proposed_date = self.today - timedelta(days=40)
        decision = session.get(Decision, result.decision_id) if result.decision_id else None
        self.decision = (
            (decision.id, decision.number, decision.decision_date, decision.issuer) if decision else None
        )
        self.village_weights = {v: (list(e), list(accumulate(e.values()))) for v, e in D.VILLAGES}
        self.staff_eth = (list(D.STAFF_ETHNICITY), list(accumulate(D.STAFF_ETHNICITY.values())))
        self.coll_weights = list(accumulate(a["weight"] for a in D.COLLECTIVES))
        self.ind_weights = list(accumulate(a["weight"] for a in D.INDIVIDUALS))
        self.ind_by_key = {a["key"]: a for a in D.INDIVIDUALS}
        self._plan_kinds_and_statuses()

    # -- the whole population's kinds and statuses -------------------------------------------
    def _plan_kinds_and_statuses(self) -> None:
        n, rng = self.r.size, self.rng
        kinds = [k for k, c in _spread(n, KIND_SHARES).items() for _ in range(c)]
        statuses = [s for s, c in _spread(n, STATUS_SHARES, STATUS_MINIMUMS).items() for _ in range(c)]
        rng.shuffle(kinds)
        rng.shuffle(statuses)
        # A kind without any criteria set in the plan cannot be assessed: keep it early in the pipeline.
        no_criteria = {k for k in KIND_SHARES if not self._kind_has_criteria(k)}
        if no_criteria:
            swap = [i for i in range(n) if kinds[i] not in no_criteria and statuses[i] in EARLY]
            rng.shuffle(swap)
            for i in range(n):
                if kinds[i] in no_criteria and statuses[i] not in EARLY | {REMOVED, REPLACED}:
                    if not swap:
                        statuses[i] = NURTURING
                        continue
                    j = swap.pop()
                    statuses[i], statuses[j] = statuses[j], statuses[i]
        self.kinds, self.statuses = kinds, statuses

    def _kind_has_criteria(self, kind: str) -> bool:
        return any((cs.applies_kind in (None, kind)) and cs.criteria for cs in self.sets)

    def _criteria(
        self, kind: str, field_id: str | None, ctype: str | None, flags: dict[str, bool]
    ) -> list[Any]:
        from .criteria import _criteria_for_profile  # the checklist's own rule

        key = (kind, field_id, ctype, tuple(flags[f] for f in FLAG_COLUMNS))
        crits = self.profiles.get(key)
        if crits is None:
            crits = [_Crit(c) for c in _criteria_for_profile(self.sets, kind, field_id, ctype, flags)]
            self.profiles[key] = crits
        return crits

    # -- names --------------------------------------------------------------------------------
    def ethnicity(self, village: str | None, staff: bool) -> str:
        names, weights = self.staff_eth if staff or village is None else self.village_weights[village]
        return self.rng.choices(names, cum_weights=weights)[0]

    def person_name(self, eth: str, gender: str) -> str:
        t, rng = D.NAMES[eth], self.rng
        suffix = "f" if gender == "female" else "m"
        return f"{rng.choice(t['family'])} {rng.choice(t['middle_' + suffix])} {rng.choice(t['given_' + suffix])}"

    # -- one chunk ----------------------------------------------------------------------------
    def chunk(self, indexes: range) -> None:
        self.rows: dict[type, list[dict[str, Any]]] = {
            m: []
            for m in (
                Candidate,
                StatusChange,
                MentorAssignment,
                NurturingPlan,
                NurturingNote,
                CriterionAssessment,
                Recognition,
                DecisionEntry,
                ReviewItem,
            )
        }
        specs = [self.candidate(i) for i in indexes]
        self._link_replacements(specs)
        for spec in specs:
            self.related(spec)
        # A replacement refers to the record it replaces: that one goes first.
        self.rows[Candidate].sort(key=lambda row: row["replaces_id"] is not None)
        for model, rows in self.rows.items():
            if rows:
                bulk_insert(self.s, model, rows)
                self.r.rows[model.__tablename__] += len(rows)

    def _base(self, when: datetime, updated: datetime | None = None) -> dict[str, Any]:
        return {"id": self.new_id(), "created_at": when, "updated_at": updated or when, "version": 1}

    def candidate(self, i: int) -> dict[str, Any]:
        kind, status = self.kinds[i], self.statuses[i]
        if kind == COLLECTIVE:
            values = self.collective()
        elif kind == HOUSEHOLD:
            values = self.household()
        else:
            values = self.individual()
        values.update(kind=kind, status=status)
        return values

    def _texts(self, members: int | None = None, village: str | None = None) -> dict[str, Any]:
        rng = self.rng
        return {
            "village": village or "",
            "commune": D.COMMUNE,
            "n": rng.randint(2, 12),
            "ha": _ha(rng),
            "income": rng.randint(45, 320),
            "hh": rng.randint(40, 260),
            "members": members or 0,
            "pct": rng.randint(92, 100),
            "year": self.year,
            "prev": self.prev,
            "year_span": f"{self.prev - 2}-{self.prev}",
        }

    def _field(self, code: str) -> tuple[str | None, str | None]:
        return self.fields.get(code, (None, None))

    def collective(self) -> dict[str, Any]:
        rng = self.rng
        for _attempt in range(6):
            arch = rng.choices(D.COLLECTIVES, cum_weights=self.coll_weights)[0]
            ctx = self._collective_context(arch)
            name = arch["name"].format(**ctx)
            if name not in self.used_names:
                break
        else:
            arch = None
        if arch is None:  # every plain name taken: a numbered self-managed group
            k = rng.randrange(len(D.NUMBERED_COLLECTIVES))
            num = D.NUMBERED_COLLECTIVES[k]
            village = rng.choice(D.VILLAGES)[0]
            self.numbered[(k, village)] += 1
            ctx = {"village": village, "n": self.numbered[(k, village)]}
            name = num["name"].format(**ctx)
            arch = dict(
                D.COLLECTIVES[6],
                key="numbered",
                field=num["field"],
                unit=num["unit"],
                contents=[num["content"]],
                ctype="community",
                member_word="hộ",
                leader="Tổ trưởng",
            )
            ctx.update(self._collective_context(arch, village))
        self.used_names.add(name)
        village = ctx.get("village") or None
        members = rng.randint(*arch["members"])
        field_code = arch["field"].format(**ctx)
        field_id, _field_name = self._field(field_code)
        content = rng.choice(ctx.get("contents") or arch["contents"])
        t = self._texts(members, village)
        eth = self.ethnicity(village, village is None)
        gender = "female" if rng.random() < 0.3 else "male"
        leader = self.person_name(eth, gender)
        results = arch["results"].format(**t)
        summary = (
            f"{name}: {members} {arch['member_word']}; {arch['leader']}: {leader}.\n"
            f"Đăng ký xây dựng điển hình: {content}.\n{results}"
        )
        return {
            "name": name,
            "unit_id": self.units[arch["unit"].format(**ctx)],
            "field_id": field_id,
            "field_code": field_code,
            "collective_type": arch["ctype"],
            "member_count": members,
            "leader_name": leader,
            "registration_content": content,
            "achievement_tasks": arch["tasks"].format(**t),
            "achievement_results": results,
            "achievement_initiatives": arch["initiatives"].format(**t),
            "summary": summary,
            "address": f"Thôn {village}, xã {D.COMMUNE}, tỉnh {D.PROVINCE}"
            if village
            else f"Xã {D.COMMUNE}, tỉnh {D.PROVINCE}",
            "flags": dict.fromkeys(FLAG_COLUMNS, False),
        }

    def _collective_context(self, arch: dict[str, Any], village: str | None = None) -> dict[str, Any]:
        rng = self.rng
        village = village or rng.choice(D.VILLAGES)[0]
        ctx: dict[str, Any] = {"village": village}
        key = arch["key"]
        if key == "cb_inst":
            cell_key, cell, _inst = rng.choice(D.INSTITUTION_CELLS)
            ctx.update(cell=cell, cell_key=cell_key, village="")
        elif key == "truong":
            school_key = rng.choice(D.SCHOOLS)
            ctx.update(school=D.SCHOOL_NAMES[school_key], school_key=school_key, village="")
        elif key == "htx":
            htx_key = rng.choice(D.HTX_UNITS)
            ctx.update(htx=self.unit_names[self.units[htx_key]], htx_key=htx_key, village="")
        elif key == "llvt":
            force_key = rng.choice(D.FORCE_UNITS)
            ctx.update(force=self.unit_names[self.units[force_key]], force_key=force_key, village="")
        elif key == "doan_the_xa":
            org_key = rng.choice(D.ORG_UNITS)
            ctx.update(org=self.unit_names[self.units[org_key]], org_key=org_key, village="")
        elif key == "to_hoi":
            group, unit, fcode, contents = rng.choice(D.GROUPS)
            ctx.update(group=group, group_unit=unit, group_field=fcode, contents=contents)
        elif key == "tram_yte":
            ctx["village"] = ""
        return ctx

    def individual(self) -> dict[str, Any]:
        rng = self.rng
        forced = self.homonyms[self.individual_no] if self.individual_no < len(self.homonyms) else None
        self.individual_no += 1
        if forced:
            name, gender, eth, by, arch_key, village = forced
            arch = self.ind_by_key[arch_key]
            village = village or rng.choice(D.VILLAGES)[0]
        else:
            arch = rng.choices(D.INDIVIDUALS, cum_weights=self.ind_weights)[0]
            village = rng.choice(D.VILLAGES)[0]
            gender = "female" if rng.random() < arch["female"] else "male"
            eth = ""
            name = ""
            by = 0
        position, pu, unit_key = arch["position"], arch["pu"], arch["unit"]
        ctx: dict[str, Any] = {"village": village}
        if arch["key"] in D.POSTS:
            choices = [p for p in D.POSTS[arch["key"]] if p[3] in (None, gender)]
            position, pu, post_unit, _g = rng.choice(choices)
            unit_key = post_unit or unit_key
        if "{school" in (pu or "") + unit_key:
            school_key = rng.choice(D.SCHOOLS)
            ctx.update(school=D.SCHOOL_NAMES[school_key], school_key=school_key)
        if "{htx" in (pu or "") + unit_key:
            htx_key = rng.choice(D.HTX_UNITS)
            ctx.update(htx=self.unit_names[self.units[htx_key]], htx_key=htx_key)
        if arch["key"] == "hoc_sinh":
            ctx["grade"] = rng.choice(("8A", "8B", "9A", "9B"))
        if not forced:
            eth = self.ethnicity(village, arch["eth"] == "staff")
            name = self.person_name(eth, gender)
            veteran = "Cựu chiến binh" in (position or "")
            by = self.year - (rng.randint(50, 75) if veteran else rng.randint(*arch["age"]))
        pu = pu.format(**ctx)
        field_code = arch["field"]
        field_id, _fname = self._field(field_code)
        flags = {
            "is_party_member": rng.random() < arch.get("party", 0.0) and self.year - by >= 18,
            "is_civil_servant": bool(arch.get("civil")),
            "is_armed_forces": bool(arch.get("armed")),
            "is_leader": bool(arch.get("leader")),
            "is_grassroots_worker": bool(arch.get("grassroots")),
        }
        content = rng.choice(arch["contents"])
        t = self._texts(None, village)
        texts = D.STUDENT_TEXTS if arch["key"] == "hoc_sinh" else D.INDIVIDUAL_TEXTS[field_code]
        results = texts[1].format(**t)
        title = (
            "Em"
            if self.year - by < 18
            else ("Đồng chí" if flags["is_party_member"] else ("Bà" if gender == "female" else "Ông"))
        )
        extra = ", đảng viên" if flags["is_party_member"] else ""
        summary = (
            f"{title} {name}, sinh năm {by}, dân tộc {eth}{extra}; {pu}.\n"
            f"Đăng ký xây dựng điển hình: {content}.\n{results}"
        )
        edu = rng.choice(arch["edu"])
        return {
            "name": name,
            "unit_id": self.units[unit_key.format(**ctx)],
            "field_id": field_id,
            "field_code": field_code,
            "birth_year": by,
            "gender": gender,
            "ethnicity": eth,
            "position": position,
            "position_unit": pu,
            "education": edu,
            "address": f"Thôn {village}, xã {D.COMMUNE}, tỉnh {D.PROVINCE}",
            "registration_content": content,
            "achievement_tasks": texts[0].format(**t),
            "achievement_results": results,
            "achievement_initiatives": texts[2].format(**t),
            "summary": summary,
            "flags": flags,
        }

    def household(self) -> dict[str, Any]:
        rng = self.rng
        village = rng.choice(D.VILLAGES)[0]
        eth = self.ethnicity(village, False)
        gender = "female" if rng.random() < 0.25 else "male"
        head = self.person_name(eth, gender)
        by = self.year - rng.randint(30, 70)
        content, field_code = rng.choice(D.HOUSEHOLD_CONTENTS)
        field_id, _fname = self._field(field_code)
        honor = "bà" if gender == "female" else "ông"
        unit_key = rng.choices([f"thon:{village}", "hnd", "hlhpn"], [6, 3, 1 if gender == "male" else 3])[0]
        t = self._texts(None, village)
        results = D.HOUSEHOLD_TEXTS[1].format(**t)
        address = f"Thôn {village}, xã {D.COMMUNE}, tỉnh {D.PROVINCE}"
        return {
            "name": f"Hộ {honor} {head}",
            "unit_id": self.units[unit_key],
            "field_id": field_id,
            "field_code": field_code,
            "birth_year": by,
            "gender": gender,
            "ethnicity": eth,
            "position": None,
            "position_unit": f"Thôn {village}, xã {D.COMMUNE}",
            "education": None,
            "address": address,
            "registration_content": content,
            "achievement_tasks": D.HOUSEHOLD_TEXTS[0].format(**t),
            "achievement_results": results,
            "achievement_initiatives": D.HOUSEHOLD_TEXTS[2].format(**t),
            "summary": (
                f"Hộ {honor} {head}, sinh năm {by}, dân tộc {eth}, {address}.\nMô hình: {content}.\n{results}"
            ),
            "flags": {
                "is_party_member": rng.random() < 0.2,
                "is_civil_servant": False,
                "is_armed_forces": False,
                "is_leader": False,
                "is_grassroots_worker": True,
            },
        }

    def _link_replacements(self, specs: list[dict[str, Any]]) -> None:
        for spec in specs:
            spec["id"] = self.new_id()
        free = [s for s in specs if s["status"] in EARLY]
        for spec in specs:
            if spec["status"] == REPLACED:
                same_kind = [s for s in free if s["kind"] == spec["kind"]]
                pool = [s for s in same_kind if s["field_id"] == spec["field_id"]] or same_kind or free
                if pool:
                    new = pool[0]
                    free.remove(new)
                    new["replaces"] = spec
                    spec["replaced_by"] = new
                else:  # no candidate left to stand in: a plain removal
                    spec["status"] = REMOVED

    # -- history and everything else of one candidate -----------------------------------------
    def related(self, spec: dict[str, Any]) -> None:
        rng, today = self.rng, self.today
        cid, status, kind = spec["id"], spec["status"], spec["kind"]
        old = spec.get("replaces")
        earliest = max(self.plan_start, today - timedelta(days=365))
        if old is not None:
            reg = self.review_date + timedelta(days=rng.randint(3, 12))
        else:
            reg = max(earliest, today - timedelta(days=rng.randint(300, 365)))
        path = PIPELINE[: PIPELINE.index(status) + 1] if status in PIPELINE else [REGISTERED, NURTURING]
        dates = [reg]
        for step in path[1:]:
            prev = dates[-1]
            if step == NURTURING:
                d = prev + timedelta(days=rng.randint(15, 45))
            elif step == SELF_ASSESSED:
                d = max(prev + timedelta(days=30), today - timedelta(days=rng.randint(95, 150)))
            elif step == APPRAISED:
                d = max(prev + timedelta(days=10), today - timedelta(days=rng.randint(50, 85)))
            elif step == PROPOSED:
                d = max(prev + timedelta(days=3), self.proposed_date)
            else:  # recognised
                d = self.decision[2] if self.decision else prev + timedelta(days=10)
            dates.append(min(d, today))
        times = [_at(d, rng) for d in dates]
        for k in range(1, len(times)):  # strictly increasing
            if times[k] <= times[k - 1]:
                times[k] = times[k - 1] + timedelta(minutes=5)
        reasons = []
        for step in path:
            if step == REGISTERED and old is not None:
                reasons.append(D.REPLACEMENT_REASON.format(old=old["name"]))
            else:
                reasons.append(
                    D.REASONS[step].format(
                        plan_code=f"Kế hoạch số {D.PLAN_CODE}",
                        decision=self.decision[1] if self.decision else "",
                    )
                )
        refs: list[tuple[str | None, str | None]] = [(None, None)] * len(path)
        if status == RECOGNISED and self.decision:
            refs[-1] = ("decision", self.decision[0])
        removed_reason = None
        if status in (REMOVED, REPLACED):
            review_at = _at(self.review_date, rng)
            if review_at <= times[-1]:
                review_at = times[-1] + timedelta(hours=1)
            head = f"Rà soát ngày {fmt_date(self.review_date)}"
            if status == REMOVED:
                removed_reason = rng.choice(D.REMOVAL_REASONS).format(year=self.prev)
                reason = f"{head}: {removed_reason}"
            else:
                removed_reason = D.REPLACE_REASON
                reason = f"{head}: {removed_reason} — thay bằng «{spec['replaced_by']['name']}»"
            path = [*path, status]
            times.append(review_at)
            reasons.append(reason)
            refs.append(("review", self.r.review_id))
            self.rows[ReviewItem].append(
                {
                    **self._base(review_at),
                    "review_id": self.r.review_id,
                    "candidate_id": cid,
                    "outcome": "remove" if status == REMOVED else "replace",
                    "reason": removed_reason,
                    "replacement_id": spec["replaced_by"]["id"] if status == REPLACED else None,
                }
            )
        previous = None
        for to, at, why, (ref_type, ref_id) in zip(path, times, reasons, refs, strict=True):
            self.rows[StatusChange].append(
                {
                    **self._base(at),
                    "candidate_id": cid,
                    "from_status": previous,
                    "to_status": to,
                    "changed_at": at,
                    "changed_by": self.officer,
                    "reason": why,
                    "ref_type": ref_type,
                    "ref_id": ref_id,
                    "undone": False,
                }
            )
            previous = to
        self._candidate_row(spec, reg, times, removed_reason)
        self.r.candidates += 1
        self.r.by_kind[kind] += 1
        self.r.by_status[spec["status"]] += 1
        self.r.ids_by_status.setdefault(spec["status"], []).append(cid)
        if len(path) > 1 and path[1] == NURTURING:
            self._nurturing(spec, dates[1], times[-1].date() if status in (REMOVED, REPLACED) else None)
        if status in AT_LEAST_ASSESSED:
            self._assessments(
                spec,
                times[path.index(SELF_ASSESSED)],
                times[path.index(APPRAISED)] if status in AT_LEAST_APPRAISED else None,
            )
        if status == RECOGNISED and self.decision:
            self._recognition(spec)
        if status in AT_LEAST_APPRAISED and rng.random() < 0.3:
            self._past_award(spec)

    def _candidate_row(
        self, spec: dict[str, Any], reg: date, times: list[datetime], removed_reason: str | None
    ) -> None:
        kind = spec["kind"]
        derived = derived_columns(
            kind,
            spec["name"],
            spec.get("birth_year"),
            spec.get("position_unit"),
            spec.get("position"),
            spec.get("ethnicity"),
            spec.get("address"),
        )
        spec["name"] = derived["name"]
        row = {
            "id": spec["id"],
            "created_at": times[0],
            "updated_at": times[-1],
            "version": 1,
            "plan_id": self.r.plan_id,
            "kind": kind,
            "field_id": spec["field_id"],
            "unit_id": spec["unit_id"],
            "status": spec["status"],
            **derived,
            "birth_year": spec.get("birth_year"),
            "gender": spec.get("gender"),
            "ethnicity": spec.get("ethnicity"),
            "religion": None,
            "position": spec.get("position"),
            "position_unit": spec.get("position_unit"),
            **spec["flags"],
            "education": spec.get("education"),
            "address": spec.get("address"),
            "phone": None,
            "collective_type": spec.get("collective_type"),
            "member_count": spec.get("member_count"),
            "leader_name": spec.get("leader_name"),
            "registered_on": reg,
            "registration_content": spec["registration_content"],
            "achievement_tasks": spec["achievement_tasks"],
            "achievement_results": spec["achievement_results"],
            "achievement_initiatives": spec["achievement_initiatives"],
            "summary": spec["summary"],
            "note": None,
            "replaces_id": spec["replaces"]["id"] if spec.get("replaces") else None,
            "merged_into_id": None,
            "removed_reason": removed_reason,
            "selected_for_proposal": spec["status"] == PROPOSED,
            "origin_unit_code": None,
            "origin_unit_name": None,
        }
        self.rows[Candidate].append(row)

    def _nurturing(self, spec: dict[str, Any], start: date, ended: date | None) -> None:
        rng = self.rng
        mentor, position, unit = rng.choice(D.MENTORS.get(spec["field_code"], D.MENTORS["LV1"]))
        at = _at(start, rng)
        self.rows[MentorAssignment].append(
            {
                **self._base(at),
                "candidate_id": spec["id"],
                "mentor_name": mentor,
                "mentor_position": position,
                "mentor_unit": unit,
                "phone": None,
                "assigned_on": start,
                "ended_on": ended,
                "active": ended is None,
                "note": None,
            }
        )
        t = {"year": self.year, "content": spec["registration_content"], "n": rng.randint(2, 6)}
        if rng.random() < 0.35:
            self.rows[NurturingPlan].append(
                {
                    **self._base(at + timedelta(days=rng.randint(1, 10))),
                    "candidate_id": spec["id"],
                    "goals": rng.choice(D.NURTURING_GOALS).format(**t),
                    "activities": rng.choice(D.NURTURING_ACTIVITIES),
                    "start_date": start,
                    "end_date": date(self.year, 12, 31),
                    "note": None,
                }
            )
        if rng.random() < 0.15:
            last = ended or self.today
            span = max((last - start).days, 2)
            for day in sorted(rng.sample(range(1, span), min(rng.randint(1, 2), span - 1))):
                when = start + timedelta(days=day)
                self.rows[NurturingNote].append(
                    {
                        **self._base(_at(when, rng)),
                        "candidate_id": spec["id"],
                        "note_date": when,
                        "content": rng.choice(D.NURTURING_NOTES).format(**t),
                        "author": mentor,
                    }
                )

    def _assessments(self, spec: dict[str, Any], self_at: datetime, appraised_at: datetime | None) -> None:
        rng = self.rng
        crits = self._criteria(spec["kind"], spec["field_id"], spec.get("collective_type"), spec["flags"])
        if not crits:
            return
        fail_id = None
        if spec["status"] == APPRAISED:
            self.appraised_no += 1
            required = [c for c in crits if c.required]
            if self.appraised_no % 7 == 4 and required:
                fail_id = rng.choice(required).id
        collective = spec["kind"] == COLLECTIVE
        texts = D.SELF_TEXTS_COLLECTIVE if collective else D.SELF_TEXTS_PERSON
        evidence = D.EVIDENCE_COLLECTIVE if collective else D.EVIDENCE_PERSON
        t = {
            "year": self.year,
            "prev": self.prev,
            "n": rng.randint(2, 6),
            "m": rng.randint(1, 9),
            "d": rng.randint(1, 28),
            "k": rng.randint(1, 30),
            "q": rng.randint(1, 3),
        }
        for order, c in enumerate(crits):
            fail = c.id == fail_id
            row = {
                **self._base(self_at, appraised_at),
                "candidate_id": spec["id"],
                "criterion_id": c.id,
                "self_text": None,
                "self_evidence": rng.choice(evidence).format(**t),
                "self_met": None,
                "rating": None,
                "numerator": None,
                "denominator": None,
                "yearly_ratings": None,
                "self_assessed_at": self_at,
                "appraisal": None,
                "appraisal_comment": None,
                "appraised_by": None,
                "appraised_at": None,
                "sort_order": order,
            }
            met = self._fill(row, c, spec, fail, texts, t)
            if appraised_at is not None:
                row["appraisal"] = "met" if met and not fail else "not_met"
                if fail:
                    row["appraisal_comment"] = rng.choice(D.NOT_MET_COMMENTS).format(**t)
                elif not met:
                    row["appraisal_comment"] = "Tiêu chí ưu tiên, không bắt buộc."
                row["appraised_by"] = self.officer
                row["appraised_at"] = appraised_at
            self.rows[CriterionAssessment].append(row)

    def _fill(
        self,
        row: dict[str, Any],
        c: Any,
        spec: dict[str, Any],
        fail: bool,
        texts: list[tuple[str, str]],
        t: dict[str, Any],
    ) -> bool:
        """Self-assessment values of one criterion; True when they meet it."""
        rng = self.rng
        vt = c.value_type
        good = c.required or rng.random() < 0.5
        if vt in ("rating", "rating_years"):
            scale, need = c.scale, c.need

            def pick(ok: bool) -> str:
                if ok:
                    return scale[0] if rng.random() < 0.4 else scale[need]
                return scale[min(need + 1, len(scale) - 1)]

            if vt == "rating":
                rating = pick(good and not fail)
                row["rating"] = rating
                row["self_text"] = f"Năm {self.prev}: {rating}."
                return scale.index(rating) <= need
            years = max(int(c.years_required or 1), 1)
            ratings = {str(self.prev - years + 1 + k): pick(True) for k in range(years)}
            if fail or not good:
                ratings[str(self.prev)] = pick(False)
            row["yearly_ratings"] = ratings
            row["self_text"] = "; ".join(f"Năm {y}: {r}" for y, r in ratings.items()) + "."
            return all(scale.index(r) <= need for r in ratings.values())
        if vt == "number":
            den = spec["member_count"] if spec.get("collective_type") == "party_org" else rng.randint(8, 45)
            if c.threshold is None:
                num = den
            else:
                t_ = float(c.threshold)
                lowest = (
                    math.floor(t_ * den / 100) + 1 if c.threshold_strict else math.ceil(t_ * den / 100 - 1e-9)
                )
                lowest = min(max(lowest, 0), den)
                num = max(lowest - 1 - rng.randint(0, 2), 0) if fail else rng.randint(lowest, den)
            row["numerator"], row["denominator"] = float(num), float(den)
            label = (c.numerator_label or "đạt yêu cầu").lower()
            pct = f"{num * 100 / den:.1f}".replace(".", ",")
            row["self_text"] = f"{num}/{den} ({pct}%): {label}."
            if c.threshold is None:
                return True
            share = num * 100 / den
            return share > c.threshold if c.threshold_strict else share >= c.threshold
        # boolean
        row["self_met"] = bool(good)
        text = self.bool_texts.get((c.id, id(texts)))
        if text is None:
            key = fold(f"{c.short_text or ''} {c.text or ''}")
            text = next(
                (v for k, v in texts if k in key), "Thực hiện tốt nội dung tiêu chí; có minh chứng kèm theo."
            )
            self.bool_texts[(c.id, id(texts))] = text
        row["self_text"] = text.format(**t)
        return bool(good)

    def _recognition(self, spec: dict[str, Any]) -> None:
        assert self.decision is not None
        dec_id, number, when, issuer = self.decision
        at = datetime.combine(when, datetime.min.time()).replace(hour=15)
        self.recognised_rows += 1
        field_name = next((n for i, n in self.fields.values() if i == spec["field_id"]), None)
        self.rows[DecisionEntry].append(
            {
                **self._base(at),
                "decision_id": dec_id,
                "candidate_id": spec["id"],
                "row_no": self.recognised_rows,
                "section": spec["kind"],
                "name": spec["name"],
                "position_unit": spec.get("position_unit"),
                "unit_text": self.unit_names.get(spec["unit_id"]),
                "birth_year": spec.get("birth_year"),
                "gender": spec.get("gender"),
                "ethnicity": spec.get("ethnicity"),
                "field_text": field_name,
                "award_label": "Điển hình tiên tiến cấp xã",
                "amount": None,
                "match_status": None,
                "match_score": None,
                "raw": None,
            }
        )
        self.rows[Recognition].append(
            {
                **self._base(at),
                "candidate_id": spec["id"],
                "decision_id": dec_id,
                "kind": "recognition",
                "title": "Điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh cấp xã",
                "year": when.year,
                "decision_number": number,
                "decision_date": when,
                "issuer": issuer,
                "level": "own",
                "source": "decision",
                "note": None,
            }
        )

    def _past_award(self, spec: dict[str, Any]) -> None:
        rng = self.rng
        pool = D.PAST_AWARDS_COLLECTIVE if spec["kind"] == COLLECTIVE else D.PAST_AWARDS_PERSON
        title, kind, issuer, symbol, year, note = rng.choice(pool)
        n = rng.randint(105, 3980)
        number = f"{n}-{symbol}" if symbol.startswith("QĐ/") else f"{n}/{symbol}"
        when = date(year, rng.randint(1, 12), rng.randint(1, 28))
        self.rows[Recognition].append(
            {
                **self._base(utcnow()),
                "candidate_id": spec["id"],
                "decision_id": None,
                "kind": kind,
                "title": f"{title} của {issuer}",
                "year": year,
                "decision_number": number,
                "decision_date": when,
                "issuer": issuer,
                "level": "past",
                "source": "manual",
                "note": note,
            }
        )
