"""Periodic report figures (báo cáo định kỳ 6 tháng, hằng năm, any date range).

``report_figures(session, plan_id, date_from, date_to)`` returns a :class:`ReportFigures`
made of plain dataclasses, dicts and ints — the Word and Excel report, the overview page
and the tests read the same numbers.

What is counted (seeds 000 VI.1, 001 IV, 002 V/VI: registered, nurtured, recognised,
rewarded, replicated), always from the dated history (:class:`StatusChange`, the local date
of ``changed_at``), never from today's status:

- **events of the period** (:data:`MEASURES`): the candidates that *entered* a status
  during the period — a first registration (from nothing or from "discovered": a restore
  or a step back is not a new registration), the start of nurturing, recognition, reward,
  replication; also self-assessment, appraisal, proposal upward, removal, replacement
  (:data:`STEPS`). A change later undone, the undo rows themselves, and records merged into
  another are left out. A candidate counts once per status and period.
- **the state at the end of the period** (``status_at_end``): each candidate's status as of
  the last day (the last history row on or before it); ``tracked`` = neither removed,
  replaced, nor merely discovered.
- **breakdowns** (:data:`DIMENSIONS`) of both by subject kind, field, registering unit,
  gender, ethnicity (every ethnicity other than Kinh counts as an ethnic minority, with a
  subtotal row) and party membership; gender, ethnicity and party membership concern
  people (individuals and household heads), collectives are left out of those three.
- **the previous period** of equal length (the same number of whole months when the period
  is made of whole months — a year → the year before, a half-year → the half-year before —
  otherwise the same number of days just before), with the same figures.
- **quotas** (``services.quotas.quota_status`` for every scope, the yearly quotas of the
  period's last year), **activities** of replication in the period (by kind, models spread,
  people reached), **recognitions and awards** dated in the period, and a **time series**
  (per month, per year for periods over three years) for the charts.

Everything is computed with a few GROUP BY queries whose result is a small "cube"
(kind × field × unit × gender × ethnicity × party × status), then folded in Python; it stays
fast on 100,000 candidates. Nothing is written.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import (
    Activity,
    ActivityCandidate,
    Candidate,
    Decision,
    Field,
    Meeting,
    MentorAssignment,
    Plan,
    Recognition,
    Review,
    StatusChange,
    Unit,
)
from ..models.enums import MAJORITY_ETHNICITY, ActivityKind, AwardKind, CandidateKind, CandidateStatus, Gender
from ..text import fmt_date, fold, vn_key
from .lifecycle import status_label

S = CandidateStatus
# The five figures the seeds ask for, in report order, with their column titles.
MEASURES: list[tuple[str, str]] = [
    (S.REGISTERED.value, "Đăng ký mới"),
    (S.NURTURING.value, "Bồi dưỡng"),
    (S.RECOGNISED.value, "Được công nhận"),
    (S.REWARDED.value, "Được khen thưởng"),
    (S.REPLICATING.value, "Nhân rộng"),
]
MEASURE_KEYS = [k for k, _ in MEASURES]
MEASURE_LABELS = dict(MEASURES)
# The other steps of the pipeline, counted the same way (the progress table).
STEPS: list[tuple[str, str]] = [
    (S.SELF_ASSESSED.value, "Tự đánh giá"),
    (S.APPRAISED.value, "Được thẩm định"),
    (S.PROPOSED.value, "Đề nghị lên cấp trên"),
    (S.REMOVED.value, "Đưa ra khỏi danh sách"),
    (S.REPLACED.value, "Được thay thế"),
]
EVENT_STATUSES = [k for k, _ in MEASURES] + [k for k, _ in STEPS]
NOT_TRACKED = (S.REMOVED.value, S.REPLACED.value, S.DISCOVERED.value)
UNDO = "undo"
TRACKED_LABEL = "Đang theo dõi cuối kỳ"

# Breakdown keys and titles, in report order.
DIMENSIONS: list[tuple[str, str]] = [
    ("kind", "Theo loại điển hình"),
    ("field", "Theo lĩnh vực"),
    ("unit", "Theo đơn vị đăng ký"),
    ("gender", "Theo giới tính (cá nhân, chủ hộ)"),
    ("ethnicity", "Theo dân tộc (cá nhân, chủ hộ)"),
    ("party", "Theo đảng viên (cá nhân, chủ hộ)"),
]
PERSON_DIMENSIONS = ("gender", "ethnicity", "party")
MINORITY_KEY = "__minority__"
MINORITY_LABEL = "Trong đó: dân tộc thiểu số"
UNKNOWN = "__none__"
KIND_ORDER = [k.value for k in CandidateKind]


# ------------------------------------------------------------------------------ periods
@dataclass(frozen=True)
class Period:
    date_from: date
    date_to: date

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise UserError(
                f"Khoảng thời gian không hợp lệ: từ {fmt_date(self.date_from)} đến {fmt_date(self.date_to)}.",
                code="bad_input",
            )

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    @property
    def whole_months(self) -> int | None:
        """Number of calendar months when the period is made of whole months, else None."""
        a, b = self.date_from, self.date_to
        if a.day != 1 or b.day != calendar.monthrange(b.year, b.month)[1]:
            return None
        return (b.year - a.year) * 12 + b.month - a.month + 1

    @property
    def kind(self) -> str:
        """``year`` / ``half1`` / ``half2`` / ``quarter`` / ``month`` / ``range``."""
        months = self.whole_months
        a = self.date_from
        if months == 12 and a.month == 1:
            return "year"
        if months == 6 and a.month in (1, 7):
            return "half1" if a.month == 1 else "half2"
        if months == 3 and a.month in (1, 4, 7, 10):
            return "quarter"
        if months == 1:
            return "month"
        return "range"

    @property
    def label(self) -> str:
        """ "năm 2026", "6 tháng đầu năm 2026", "quý III/2026", "tháng 5/2026" or
        "từ 01/03/2026 đến 15/09/2026"."""
        a, kind = self.date_from, self.kind
        if kind == "year":
            return f"năm {a.year}"
        if kind == "half1":
            return f"6 tháng đầu năm {a.year}"
        if kind == "half2":
            return f"6 tháng cuối năm {a.year}"
        if kind == "quarter":
            return f"quý {['I', 'II', 'III', 'IV'][(a.month - 1) // 3]}/{a.year}"
        if kind == "month":
            return f"tháng {a.month}/{a.year}"
        return f"từ {fmt_date(self.date_from)} đến {fmt_date(self.date_to)}"

    @property
    def short_label(self) -> str:
        """For table headers: "Năm 2026", "6 tháng đầu 2026", "01/03–15/09/2026"."""
        a, kind = self.date_from, self.kind
        if kind == "year":
            return f"Năm {a.year}"
        if kind in ("half1", "half2"):
            return f"6 tháng {'đầu' if kind == 'half1' else 'cuối'} {a.year}"
        if kind in ("quarter", "month"):
            text = self.label
            return text[0].upper() + text[1:]
        return f"{fmt_date(self.date_from)}–{fmt_date(self.date_to)}"

    def previous(self) -> Period:
        """The period of equal length just before (whole months → the same months before)."""
        months = self.whole_months
        if months:
            start = _add_months(self.date_from, -months)
            return Period(start, self.date_from - timedelta(days=1))
        return Period(self.date_from - timedelta(days=self.days), self.date_from - timedelta(days=1))

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.date_from, "to": self.date_to, "label": self.label, "kind": self.kind}


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def half_year_period(year: int, first: bool = True) -> Period:
    return (
        Period(date(year, 1, 1), date(year, 6, 30)) if first else Period(date(year, 7, 1), date(year, 12, 31))
    )


def default_period(today: date | None = None) -> Period:
    """The current year (the yearly report the seeds ask for)."""
    return year_period((today or date.today()).year)


def period_of(date_from: date | None, date_to: date | None, today: date | None = None) -> Period:
    """The period of an export: both dates given; only one → the rest of that year or from
    its start; none → the current year."""
    if date_from is None and date_to is None:
        return default_period(today)
    if date_from is None:
        assert date_to is not None
        return Period(date(date_to.year, 1, 1), date_to)
    if date_to is None:
        return Period(date_from, date(date_from.year, 12, 31))
    return Period(date_from, date_to)


def _utc_bound(d: date) -> datetime:
    """Local midnight at the start of ``d`` as the naive UTC stored in ``changed_at``."""
    return datetime.combine(d, time.min).astimezone(timezone.utc).replace(tzinfo=None)


# ------------------------------------------------------------------------------ results
@dataclass
class BreakdownRow:
    key: str
    label: str
    events: dict[str, int] = field(default_factory=dict)  # measure/step -> candidates
    tracked: int = 0  # tracked at the end of the period
    total_at_end: dict[str, int] = field(default_factory=dict)  # status -> candidates at the end
    is_subtotal: bool = False

    def get(self, key: str) -> int:
        return self.tracked if key == "tracked" else self.events.get(key, 0)


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[BreakdownRow]
    total: BreakdownRow
    note: str = ""

    def row(self, key: str) -> BreakdownRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def as_dict(self, measure: str = "tracked") -> dict[str, int]:
        """{row label: value} for one measure (subtotal rows left out), for charts."""
        return {r.label: r.get(measure) for r in self.rows if not r.is_subtotal}


@dataclass
class PeriodFigures:
    period: Period
    events: dict[str, int]  # measure/step -> candidates (all kinds)
    status_at_end: dict[str, int]
    tracked: int
    activities: int
    models_spread: int


@dataclass
class ReportFigures:
    plan_id: str
    plan_name: str
    plan_code: str
    period: Period
    previous: PeriodFigures
    events: dict[str, int]
    status_at_end: dict[str, int]
    tracked: int
    breakdowns: dict[str, Breakdown]
    minorities: dict[str, int]  # measure/"tracked" -> people of ethnic minorities
    people_tracked: int  # individuals and household heads tracked at the end
    quotas: list[dict[str, Any]]
    activities: dict[str, Any]
    awards: dict[str, Any]
    series: list[tuple[str, dict[str, int]]]  # (label, {measure: n}) per month (or year)
    work: dict[str, int]  # reviews, meetings, decisions (own / received) in the period; mentored now
    generated_on: date

    @property
    def current(self) -> PeriodFigures:
        return PeriodFigures(
            self.period,
            self.events,
            self.status_at_end,
            self.tracked,
            self.activities["total"],
            self.activities["models_spread"],
        )

    def change(self, key: str) -> int:
        """This period minus the previous one for a measure/step, "tracked", "activities"."""
        now, before = self.current, self.previous
        if key == "tracked":
            return now.tracked - before.tracked
        if key == "activities":
            return now.activities - before.activities
        return now.events.get(key, 0) - before.events.get(key, 0)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values (dates as ``date``)."""
        return {
            "plan_id": self.plan_id,
            "plan_name": self.plan_name,
            "period": self.period.to_dict(),
            "previous": {
                "period": self.previous.period.to_dict(),
                "events": self.previous.events,
                "tracked": self.previous.tracked,
                "activities": self.previous.activities,
            },
            "events": self.events,
            "status_at_end": self.status_at_end,
            "tracked": self.tracked,
            "minorities": self.minorities,
            "breakdowns": {
                key: [
                    {
                        "key": r.key,
                        "label": r.label,
                        "tracked": r.tracked,
                        **r.events,
                        "subtotal": r.is_subtotal,
                    }
                    for r in [*b.rows, b.total]
                ]
                for key, b in self.breakdowns.items()
            },
            "quotas": self.quotas,
            "activities": self.activities,
            "awards": self.awards,
            "series": self.series,
            "work": self.work,
        }


# ------------------------------------------------------------------------------ queries
_DIM_COLUMNS = (
    Candidate.kind,
    Candidate.field_id,
    Candidate.unit_id,
    Candidate.gender,
    Candidate.ethnicity,
    Candidate.is_party_member,
)
Cube = Counter  # (kind, field_id, unit_id, gender, ethnicity, party, status) -> candidates


def _valid_changes(start: datetime | None, end: datetime) -> Any:
    conds = [
        StatusChange.undone.is_(False),
        or_(StatusChange.ref_type.is_(None), StatusChange.ref_type != UNDO),
        StatusChange.changed_at < end,
    ]
    if start is not None:
        conds.append(StatusChange.changed_at >= start)
    return and_(*conds)


def _event_cube(session: Session, plan_id: str, period: Period) -> Cube:
    start, end = _utc_bound(period.date_from), _utc_bound(period.date_to + timedelta(days=1))
    first_registration = or_(
        StatusChange.to_status != S.REGISTERED.value,
        StatusChange.from_status.is_(None),
        StatusChange.from_status == S.DISCOVERED.value,
    )
    stmt = (
        select(*_DIM_COLUMNS, StatusChange.to_status, func.count(func.distinct(Candidate.id)))
        .join(Candidate, Candidate.id == StatusChange.candidate_id)
        .where(
            Candidate.plan_id == plan_id,
            Candidate.merged_into_id.is_(None),
            _valid_changes(start, end),
            StatusChange.to_status.in_(EVENT_STATUSES),
            first_registration,
        )
        .group_by(*_DIM_COLUMNS, StatusChange.to_status)
    )
    return Counter({tuple(row[:-1]): row[-1] for row in session.execute(stmt)})


def _end_cube(session: Session, plan_id: str, period: Period) -> Cube:
    """Each candidate's status as of the end of the period (the last history row before
    the next day; a candidate without any history row counts with its status if it was
    registered by then)."""
    end = _utc_bound(period.date_to + timedelta(days=1))
    last = (
        select(StatusChange.candidate_id.label("cid"), func.max(StatusChange.changed_at).label("at"))
        .join(Candidate, Candidate.id == StatusChange.candidate_id)
        .where(Candidate.plan_id == plan_id, StatusChange.changed_at < end)
        .group_by(StatusChange.candidate_id)
        .subquery()
    )
    stmt = (
        select(*_DIM_COLUMNS, StatusChange.to_status, func.count(func.distinct(Candidate.id)))
        .join(last, and_(last.c.cid == StatusChange.candidate_id, last.c.at == StatusChange.changed_at))
        .join(Candidate, Candidate.id == StatusChange.candidate_id)
        .where(Candidate.merged_into_id.is_(None))
        .group_by(*_DIM_COLUMNS, StatusChange.to_status)
    )
    cube: Cube = Counter({tuple(row[:-1]): row[-1] for row in session.execute(stmt)})
    no_history = (
        select(*_DIM_COLUMNS, Candidate.status, func.count())
        .where(
            Candidate.plan_id == plan_id,
            Candidate.merged_into_id.is_(None),
            ~exists().where(StatusChange.candidate_id == Candidate.id),
            or_(Candidate.registered_on.is_(None), Candidate.registered_on <= period.date_to),
        )
        .group_by(*_DIM_COLUMNS, Candidate.status)
    )
    for row in session.execute(no_history):
        cube[tuple(row[:-1])] += row[-1]
    return cube


def _activity_figures(session: Session, plan_id: str, period: Period) -> dict[str, Any]:
    in_period = and_(
        Activity.plan_id == plan_id,
        Activity.activity_date >= period.date_from,
        Activity.activity_date <= period.date_to,
    )
    by_kind = {
        k: n
        for k, n in session.execute(
            select(Activity.kind, func.count()).where(in_period).group_by(Activity.kind)
        )
    }
    people = (
        session.scalar(select(func.coalesce(func.sum(Activity.participant_count), 0)).where(in_period)) or 0
    )
    models = (
        session.scalar(
            select(func.count(func.distinct(ActivityCandidate.candidate_id)))
            .join(Activity, Activity.id == ActivityCandidate.activity_id)
            .where(in_period)
        )
        or 0
    )
    top = session.execute(
        select(Candidate.id, Candidate.name, func.count(func.distinct(Activity.id)).label("n"))
        .join(ActivityCandidate, ActivityCandidate.candidate_id == Candidate.id)
        .join(Activity, Activity.id == ActivityCandidate.activity_id)
        .where(in_period)
        .group_by(Candidate.id, Candidate.name)
        .order_by(func.count(func.distinct(Activity.id)).desc(), Candidate.sort_key)
        .limit(10)
    )
    ordered = {k.value: by_kind.get(k.value, 0) for k in ActivityKind if by_kind.get(k.value)}
    for k, n in by_kind.items():  # a kind written by a newer version
        ordered.setdefault(k, n)
    return {
        "total": sum(by_kind.values()),
        "by_kind": ordered,
        "participants": int(people),
        "models_spread": int(models),
        "top_models": [{"candidate_id": cid, "name": name, "activities": n} for cid, name, n in top],
    }


def _award_figures(session: Session, plan_id: str, period: Period) -> dict[str, Any]:
    stmt = (
        select(Recognition.kind, func.count(), func.count(func.distinct(Recognition.candidate_id)))
        .join(Candidate, Candidate.id == Recognition.candidate_id)
        .where(
            Candidate.plan_id == plan_id,
            Candidate.merged_into_id.is_(None),
            Recognition.decision_date >= period.date_from,
            Recognition.decision_date <= period.date_to,
        )
        .group_by(Recognition.kind)
    )
    rows = {k: (n, people) for k, n, people in session.execute(stmt)}
    by_kind = {}
    for k in AwardKind:
        if k.value in rows:
            by_kind[k.value] = {"label": k.label, "count": rows[k.value][0], "candidates": rows[k.value][1]}
    for k, (n, people) in rows.items():
        by_kind.setdefault(k, {"label": k, "count": n, "candidates": people})
    return {"total": sum(v["count"] for v in by_kind.values()), "by_kind": by_kind}


def _work_figures(session: Session, plan_id: str, period: Period) -> dict[str, int]:
    """What the office did in the period (reviews, council meetings, decisions issued and
    received) and how many candidates have a mentor assigned today."""
    a, b = period.date_from, period.date_to
    reviews = session.scalar(
        select(func.count())
        .select_from(Review)
        .where(Review.plan_id == plan_id, Review.review_date.between(a, b))
    )
    meetings = session.scalar(
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.plan_id == plan_id, Meeting.meeting_date.between(a, b))
    )
    decisions = dict(
        session.execute(
            select(Decision.direction, func.count())
            .where(Decision.plan_id == plan_id, Decision.decision_date.between(a, b))
            .group_by(Decision.direction)
        ).all()
    )
    mentored = session.scalar(
        select(func.count(func.distinct(MentorAssignment.candidate_id)))
        .join(Candidate, Candidate.id == MentorAssignment.candidate_id)
        .where(
            Candidate.plan_id == plan_id,
            MentorAssignment.active.is_(True),
            Candidate.status.not_in(NOT_TRACKED),
            Candidate.merged_into_id.is_(None),
        )
    )
    return {
        "reviews": int(reviews or 0),
        "meetings": int(meetings or 0),
        "decisions_own": int(decisions.get("own", 0)),
        "decisions_received": int(decisions.get("received", 0)),
        "mentored": int(mentored or 0),
    }


def _series(session: Session, plan_id: str, period: Period) -> list[tuple[str, dict[str, int]]]:
    """Measures per month of the period (per year beyond 36 months), in order."""
    start, end = _utc_bound(period.date_from), _utc_bound(period.date_to + timedelta(days=1))
    by_year = period.days > 3 * 366
    year = func.extract("year", StatusChange.changed_at)
    month = func.extract("month", StatusChange.changed_at)
    cols = [year] if by_year else [year, month]
    stmt = (
        select(*cols, StatusChange.to_status, func.count(func.distinct(StatusChange.candidate_id)))
        .join(Candidate, Candidate.id == StatusChange.candidate_id)
        .where(
            Candidate.plan_id == plan_id,
            Candidate.merged_into_id.is_(None),
            _valid_changes(start, end),
            StatusChange.to_status.in_(MEASURE_KEYS),
            or_(
                StatusChange.to_status != S.REGISTERED.value,
                StatusChange.from_status.is_(None),
                StatusChange.from_status == S.DISCOVERED.value,
            ),
        )
        .group_by(*cols, StatusChange.to_status)
    )
    found: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for row in session.execute(stmt):
        key = (int(row[0]), 0 if by_year else int(row[1]))
        found[key][row[-2]] = row[-1]
    out: list[tuple[str, dict[str, int]]] = []
    if by_year:
        for y in range(period.date_from.year, period.date_to.year + 1):
            out.append((str(y), {m: found.get((y, 0), {}).get(m, 0) for m in MEASURE_KEYS}))
        return out
    y, m = period.date_from.year, period.date_from.month
    while (y, m) <= (period.date_to.year, period.date_to.month):
        out.append((f"{m:02d}/{y}", {k: found.get((y, m), {}).get(k, 0) for k in MEASURE_KEYS}))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# ------------------------------------------------------------------------------ folding
def _is_minority(ethnicity: str | None) -> bool:
    return bool(ethnicity and ethnicity.strip()) and fold(ethnicity) != fold(MAJORITY_ETHNICITY)


def _eth_key(ethnicity: str | None) -> str:
    if not ethnicity or not ethnicity.strip():
        return UNKNOWN
    return fold(ethnicity)


def _dim_value(dim: str, key: tuple) -> str | None:
    """The row key of a cube key in one dimension (None: not counted in it)."""
    kind, field_id, unit_id, gender, ethnicity, party = key[:6]
    if dim in PERSON_DIMENSIONS and kind == CandidateKind.COLLECTIVE.value:
        return None
    if dim == "kind":
        return kind
    if dim == "field":
        return field_id or UNKNOWN
    if dim == "unit":
        return unit_id or UNKNOWN
    if dim == "gender":
        return gender if gender in (Gender.MALE.value, Gender.FEMALE.value) else UNKNOWN
    if dim == "ethnicity":
        return _eth_key(ethnicity)
    if dim == "party":
        return "yes" if party else "no"
    raise ValueError(dim)


def _fold_cubes(
    dim: str, title: str, events: Cube, at_end: Cube, labels: dict[str, str], order: list[str] | None
) -> Breakdown:
    rows: dict[str, BreakdownRow] = {}

    def row(k: str) -> BreakdownRow:
        if k not in rows:
            rows[k] = BreakdownRow(k, labels.get(k, k))
        return rows[k]

    for key, n in events.items():
        v = _dim_value(dim, key)
        if v is not None:
            r = row(v)
            r.events[key[6]] = r.events.get(key[6], 0) + n
    for key, n in at_end.items():
        v = _dim_value(dim, key)
        if v is None:
            continue
        r = row(v)
        r.total_at_end[key[6]] = r.total_at_end.get(key[6], 0) + n
        if key[6] not in NOT_TRACKED:
            r.tracked += n
    if order is not None:
        ordered = [rows[k] for k in order if k in rows] + [r for k, r in rows.items() if k not in order]
    else:  # most tracked first, then by name; the unknown row last
        ordered = sorted(rows.values(), key=lambda r: (r.key == UNKNOWN, -r.tracked, vn_key(r.label)))
    ordered = [r for r in ordered if r.tracked or any(r.events.values())]
    total = BreakdownRow("total", "Tổng cộng", is_subtotal=True)
    for r in ordered:
        total.tracked += r.tracked
        for k, n in r.events.items():
            total.events[k] = total.events.get(k, 0) + n
    note = ""
    if dim in PERSON_DIMENSIONS:
        note = "Tính cá nhân và hộ gia đình (theo chủ hộ); không tính tập thể."
    return Breakdown(dim, title, ordered, total, note)


def _labels(session: Session, plan_id: str) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    fields = list(session.scalars(select(Field).where(Field.plan_id == plan_id).order_by(Field.sort_order)))
    field_labels = {
        f.id: (f"{f.code}. {f.name}" if f.code and not f.name.startswith(f.code) else f.name) for f in fields
    }
    field_labels[UNKNOWN] = "Chưa xác định lĩnh vực"
    units = {u.id: u.name for u in session.scalars(select(Unit))}
    units[UNKNOWN] = "Chưa ghi đơn vị"
    labels = {
        "kind": {k.value: k.label for k in CandidateKind},
        "field": field_labels,
        "unit": units,
        "gender": {Gender.MALE.value: "Nam", Gender.FEMALE.value: "Nữ", UNKNOWN: "Chưa ghi giới tính"},
        "ethnicity": {UNKNOWN: "Chưa ghi dân tộc"},
        "party": {"yes": "Đảng viên", "no": "Không phải đảng viên"},
    }
    orders = {
        "kind": KIND_ORDER,
        "field": [f.id for f in fields] + [UNKNOWN],
        "gender": [Gender.MALE.value, Gender.FEMALE.value, UNKNOWN],
        "party": ["yes", "no"],
    }
    return labels, orders


def _ethnicity_labels(*cubes: Cube) -> dict[str, str]:
    """Folded key -> the spelling used most often ("Kinh", "Tày", "Mông")."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for cube in cubes:
        for key, n in cube.items():
            eth = key[4]
            if eth and eth.strip():
                spellings[fold(eth)][" ".join(eth.split())] += n
    # The most used spelling; on a tie the one written with a capital ("Kinh" over "kinh").
    return {k: max(c.items(), key=lambda kv: (kv[1], kv[0][:1].isupper()))[0] for k, c in spellings.items()}


def _ethnicity_breakdown(events: Cube, at_end: Cube, labels: dict[str, str]) -> Breakdown:
    kinh = fold(MAJORITY_ETHNICITY)
    b = _fold_cubes("ethnicity", dict(DIMENSIONS)["ethnicity"], events, at_end, labels, None)
    # Kinh first, then the minorities (most first), unknown last; a subtotal of minorities after Kinh.
    rows = sorted(b.rows, key=lambda r: (r.key == UNKNOWN, r.key != kinh, -r.tracked, vn_key(r.label)))
    minority = BreakdownRow(MINORITY_KEY, MINORITY_LABEL, is_subtotal=True)
    for r in rows:
        if r.key not in (kinh, UNKNOWN):
            minority.tracked += r.tracked
            for k, n in r.events.items():
                minority.events[k] = minority.events.get(k, 0) + n
    head = [r for r in rows if r.key == kinh]
    rest = [r for r in rows if r.key != kinh]
    b.rows = [*head, minority, *rest]
    return b


# ------------------------------------------------------------------------------ entry point
def _totals(events: Cube, at_end: Cube) -> tuple[dict[str, int], dict[str, int], int]:
    ev: dict[str, int] = {k: 0 for k in EVENT_STATUSES}
    for key, n in events.items():
        ev[key[6]] = ev.get(key[6], 0) + n
    end: dict[str, int] = {}
    for key, n in at_end.items():
        end[key[6]] = end.get(key[6], 0) + n
    tracked = sum(n for s, n in end.items() if s not in NOT_TRACKED)
    return ev, end, tracked


def previous_figures(session: Session, plan_id: str, period: Period) -> PeriodFigures:
    """The totals of a period (used for the previous period)."""
    events, at_end = _event_cube(session, plan_id, period), _end_cube(session, plan_id, period)
    ev, end, tracked = _totals(events, at_end)
    acts = _activity_figures(session, plan_id, period)
    return PeriodFigures(period, ev, end, tracked, acts["total"], acts["models_spread"])


def report_figures(
    session: Session,
    plan_id: str | None,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    today: date | None = None,
) -> ReportFigures:
    """Every figure of the periodic report for the plan (``None``: the current plan) over
    ``date_from``–``date_to`` (defaults: the current year). Reads only."""
    from .plans import resolve_plan
    from .quotas import quota_status

    plan: Plan = resolve_plan(session, plan_id)
    period = period_of(date_from, date_to, today)
    events, at_end = _event_cube(session, plan.id, period), _end_cube(session, plan.id, period)
    ev, end, tracked = _totals(events, at_end)
    labels, orders = _labels(session, plan.id)
    labels["ethnicity"].update(_ethnicity_labels(events, at_end))
    breakdowns: dict[str, Breakdown] = {}
    for dim, title in DIMENSIONS:
        if dim == "ethnicity":
            breakdowns[dim] = _ethnicity_breakdown(events, at_end, labels[dim])
        else:
            breakdowns[dim] = _fold_cubes(dim, title, events, at_end, labels[dim], orders.get(dim))
    eth = breakdowns["ethnicity"]
    minority_row = eth.row(MINORITY_KEY) or BreakdownRow(MINORITY_KEY, MINORITY_LABEL)
    minorities = {
        "tracked": minority_row.tracked,
        **{k: minority_row.events.get(k, 0) for k in EVENT_STATUSES},
    }
    people = eth.total.tracked
    quotas = []
    for q in quota_status(session, plan.id, scope=None, year=period.date_to.year):
        d = q.to_dict()
        d["missing"], d["excess"], d["note"] = q.missing, q.excess, q.note
        quotas.append(d)
    return ReportFigures(
        plan_id=plan.id,
        plan_name=plan.name,
        plan_code=plan.code or "",
        period=period,
        previous=previous_figures(session, plan.id, period.previous()),
        events=ev,
        status_at_end=end,
        tracked=tracked,
        breakdowns=breakdowns,
        minorities=minorities,
        people_tracked=people,
        quotas=quotas,
        activities=_activity_figures(session, plan.id, period),
        awards=_award_figures(session, plan.id, period),
        series=_series(session, plan.id, period),
        work=_work_figures(session, plan.id, period),
        generated_on=today or date.today(),
    )


# ------------------------------------------------------------------------------ small helpers
def status_rows(status_at_end: dict[str, int]) -> list[tuple[str, str, int]]:
    """(status, label, n) in pipeline order, zero rows left out."""
    return [
        (s.value, status_label(s.value), status_at_end.get(s.value, 0))
        for s in CandidateStatus
        if status_at_end.get(s.value)
    ]


def signed(n: int) -> str:
    """ "+3", "-2", "0" for a change column."""
    return f"+{n}" if n > 0 else str(n)


def percent(part: int, whole: int) -> str:
    """ "42,5%" (Vietnamese decimal comma), "" when the whole is zero."""
    if not whole:
        return ""
    value = round(100 * part / whole, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"
