"""Match the entries of a received decision to this office's candidates.

Each entry ends as

- ``auto``: the program is sure (one candidate with the same name after normalising,
  nothing in the entry contradicts it, and something besides the name confirms it — the
  birth year, the unit, the commune — or the decision plainly concerns only this office);
- ``review``: a likely candidate, shown with the reason and the alternatives (a homonym,
  a spelling that differs by a tone mark, an abbreviation, a birth year that does not
  agree, a name that is all the entry gives while the decision lists other communes);
- ``none``: nobody here (another commune's entry, nobody with that name).

A wrong ``auto`` is the worst outcome, so every doubt ends in ``review``.

Names are compared after normalising Unicode, case, spacing and tone placement
("Hoà"/"Hòa", "Thuỷ"/"Thủy"), after dropping honorifics ("Ông", "Bà", "Đồng chí", "đ/c")
and household prefixes ("Hộ ông …"), and with the usual abbreviations of bodies expanded
(HTX, LHPN, TNCS, UBND, MTTQ, CCB…). Candidates are blocked by folded name, and fuzzy
look-ups (rapidfuzz) only search the block of the same given name, so a 5,000-line list
against 100,000 candidates stays a matter of seconds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Candidate, OfficeProfile, Unit
from ..models.enums import CandidateKind, CandidateStatus, Gender, OfficeLevel
from ..text import fold, household_head, nfc, normalize_tone_placement, split_name, strip_honorific
from .decision_reader import ParsedDecision, ParsedEntry

__all__ = ["MatchResult", "match_entries", "office_communes"]

AUTO, REVIEW, NONE = "auto", "review", "none"
_PROPOSED = CandidateStatus.PROPOSED.value
_GONE = (CandidateStatus.REMOVED.value, CandidateStatus.REPLACED.value)
COLLECTIVE, INDIVIDUAL, HOUSEHOLD = (
    k.value for k in (CandidateKind.COLLECTIVE, CandidateKind.INDIVIDUAL, CandidateKind.HOUSEHOLD)
)
FUZZY_CUTOFF = 85.0
MAX_SUGGESTIONS = 5


@dataclass
class MatchResult:
    row: int
    status: str  # auto / review / none
    candidate_id: str | None
    score: float
    reason: str
    suggestions: list[tuple[str, float]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "candidate_id": self.candidate_id,
            "score": round(self.score, 1),
            "reason": self.reason,
            "suggestions": [{"candidate_id": cid, "score": round(s, 1)} for cid, s in self.suggestions],
        }


# --------------------------------------------------------------------------- normalising

# Abbreviations in names of bodies (folded token -> accented expansion).
ABBREVIATIONS: dict[str, str] = {
    "htx": "hợp tác xã",
    "lhpn": "liên hiệp phụ nữ",
    "hlhpn": "hội liên hiệp phụ nữ",
    "pn": "phụ nữ",
    "tncs": "thanh niên cộng sản",
    "hcm": "hồ chí minh",
    "tn": "thanh niên",
    "dtn": "đoàn thanh niên",
    "ubnd": "ủy ban nhân dân",
    "ub": "ủy ban",
    "mttq": "mặt trận tổ quốc",
    "mttqvn": "mặt trận tổ quốc việt nam",
    "ccb": "cựu chiến binh",
    "hccb": "hội cựu chiến binh",
    "hnd": "hội nông dân",
    "nd": "nông dân",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "th": "tiểu học",
    "mn": "mầm non",
    "clb": "câu lạc bộ",
    "tdp": "tổ dân phố",
    "kdc": "khu dân cư",
    "qs": "quân sự",
    "bchqs": "ban chỉ huy quân sự",
    "ca": "công an",
    "cb": "chi bộ",
    "đu": "đảng ủy",
    "du": "đảng ủy",
    "vn": "việt nam",
    "cty": "công ty",
    "tnhh": "trách nhiệm hữu hạn",
    "dntn": "doanh nghiệp tư nhân",
    "tyt": "trạm y tế",
    "gd": "gia đình",
    "gđ": "gia đình",
    "ctđ": "chữ thập đỏ",
    "ctd": "chữ thập đỏ",
}
_LEADING_NOISE = re.compile(r"^tập\s+thể\s+", re.IGNORECASE)
_PUNCT = re.compile(r"[^\w\s]")


def _acc(s: str | None) -> str:
    """Accented lower-case comparison form: NFC, one tone placement, one space, no punctuation."""
    s = normalize_tone_placement(nfc(s)).lower().replace("ð", "đ")
    return " ".join(_PUNCT.sub(" ", s).split())


def collective_key(name: str) -> str:
    """A collective's name for comparison: abbreviations expanded, punctuation and case dropped."""
    s = _LEADING_NOISE.sub("", nfc(name))
    words = []
    for w in _acc(s).split():
        exp = ABBREVIATIONS.get(w) or ABBREVIATIONS.get(fold(w))
        words.append(exp if exp and (w.isascii() or w in ("đu", "gđ", "ctđ")) else w)
    return " ".join(" ".join(words).split())


_ABBREV_FOLD = {k: fold(v) for k, v in ABBREVIATIONS.items()}
_NON_ASCII_ABBREV = {"đu", "gđ", "ctđ"}


def collective_fold_key(name: str) -> str:
    """``fold(collective_key(name))``, computed quickly (the blocking key of collectives)."""
    words = _PUNCT.sub(" ", name).split()
    if len(words) >= 2 and fold(" ".join(words[:2])) == "tap the":
        words = words[2:]
    out = []
    for w in words:
        lw = w.lower()
        if (w.isascii() or lw in _NON_ASCII_ABBREV) and lw in ABBREVIATIONS:
            out.append(_ABBREV_FOLD[lw])
        else:
            out.append(w)
    return fold(" ".join(out))


def person_name(name: str, kind: str | None) -> str:
    """The person's bare name: no honorific, no "Hộ ông …", nothing after a comma or bracket."""
    n = nfc(name)
    if kind == HOUSEHOLD or re.match(r"^(?:hộ|gia đình|gđ)\b", n, re.IGNORECASE):
        n = household_head(n)
    else:
        n = re.split(r"\s*[,;(\[]|\s[-–]\s", n, maxsplit=1)[0]
        n = strip_honorific(n)
    return n


# --------------------------------------------------------------------------- places

_COMMUNE_WORDS = ("xã", "phường", "thị trấn", "đặc khu")
_VILLAGE_WORDS = (
    "thôn",
    "bản",
    "xóm",
    "tổ dân phố",
    "khu phố",
    "ấp",
    "làng",
    "buôn",
    "plei",
    "sóc",
    "khu",
    "tổ",
)
_STOP_PLACE = {
    "huyện",
    "tỉnh",
    "thành",
    "tp",
    "quận",
    "thị",
    "xã",
    "phường",
    "thôn",
    "bản",
    "xóm",
    "tổ",
    "khu",
}
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def _places(text: str, words: Sequence[str]) -> dict[str, str]:
    """Place names after a keyword followed by capitalised words, folded -> as written:
    "xã Tân Lập" -> {"tan lap": "Tân Lập"}."""
    if not text:
        return {}
    table = _KEYWORDS[words]
    text = nfc(text)
    lowered = text.lower()
    if not any(first in lowered for first in table):
        return {}
    toks = _TOKEN_RE.findall(text)
    low = [t.lower() for t in toks]
    out: dict[str, str] = {}
    n = len(toks)
    i = 0
    while i < n:
        matched = 0
        for parts in table.get(low[i], ()):
            if low[i : i + len(parts)] == parts:
                matched = len(parts)
                break
        if not matched:
            i += 1
            continue
        # "hợp tác xã", "xã hội", "xã viên" are not communes.
        if low[i] == "xã" and i >= 2 and low[i - 2 : i] == ["hợp", "tác"]:
            i += 1
            continue
        j = i + matched
        name: list[str] = []
        while j < n and len(name) < 4:
            t = toks[j]
            if t.lower() in _STOP_PLACE and name:
                break
            if t[0].isupper() or t[0].isdigit():
                name.append(t)
                j += 1
            else:
                break
        if name:
            out.setdefault(fold(" ".join(name)), " ".join(name))
        i = max(j, i + 1)
    return out


def _keyword_table(words: Sequence[str]) -> dict[str, list[list[str]]]:
    table: dict[str, list[list[str]]] = defaultdict(list)
    for w in words:
        parts = w.split()
        table[parts[0]].append(parts)
    for v in table.values():
        v.sort(key=len, reverse=True)
    return dict(table)


_KEYWORDS = {words: _keyword_table(words) for words in (_COMMUNE_WORDS, _VILLAGE_WORDS)}


def communes_of(text: str) -> set[str]:
    """Folded names of the communes/wards a text names ("xã Tân Lập" -> {"tan lap"})."""
    return set(_places(text, _COMMUNE_WORDS))


def commune_labels(text: str) -> list[str]:
    """The same names as written ("Tân Lập")."""
    return list(_places(text, _COMMUNE_WORDS).values())


def villages_of(text: str) -> set[str]:
    return set(_places(text, _VILLAGE_WORDS))


_PLACE_WORDS = {"xa", "phuong", "huyen", "tinh", "thi", "tran", "thanh", "pho", "tp"}


def position_key(text: str | None, communes: set[str]) -> str:
    """Folded words of a position and unit, without the commune/district/province part."""
    if not text:
        return ""
    drop = set(_PLACE_WORDS)
    for c in communes:
        drop.update(c.split())
    return " ".join(t for t in fold(_PUNCT.sub(" ", text)).split() if t not in drop)


def office_communes(session: Session, names: Iterable[str] | None = None) -> set[str]:
    """The folded commune names of this office ("tan lap"), from ``names`` or the office profile."""
    out: set[str] = set()
    texts: list[str] = list(names or [])
    if not texts:
        profile = session.scalars(select(OfficeProfile).limit(1)).first()
        if profile is not None:
            texts.append(profile.name or "")
            if profile.unit_id:
                unit = session.get(Unit, profile.unit_id)
                if unit is not None:
                    texts.append(unit.name)
            if profile.commune_name:
                cn = nfc(profile.commune_name)
                found = communes_of(cn)
                out |= found or {fold(re.sub(r"^(?:xã|phường|thị trấn|đặc khu)\s+", "", cn, flags=re.I))}
            if profile.level == OfficeLevel.COMMUNE.value and profile.place_name and not out:
                out.add(fold(profile.place_name))
    for t in texts:
        out |= communes_of(t)
    return {c for c in out if c}


# --------------------------------------------------------------------------- the pool


_GENERIC = set(
    """chi bộ thôn bản xóm tổ dân phố khu ấp làng đảng ủy xã phường thị trấn trường trạm y tế hội
    đoàn thanh niên phụ nữ nông cựu chiến binh tiểu học trung cơ sở mầm non công an quân sự văn
    phòng ban nhân hợp tác ty tỉnh huyện mặt trận tổ quốc liên hiệp cộng sản hồ chí minh và của
    câu lạc viên giáo bí thư trưởng phó chủ tịch""".split()
)


class _Cand:
    __slots__ = (
        "id",
        "kind",
        "name",
        "birth",
        "gender",
        "eth",
        "status",
        "proposed",
        "external",
        "_ctx_raw",
        "_ctx",
        "key",
        "acc",
    )

    def __init__(self, row: Any, unit_names: dict[str, str]) -> None:
        self.id = row.id
        self.kind = row.kind
        self.name = row.name
        self.birth = row.birth_year
        self.gender = row.gender
        self.eth = row.ethnicity
        self.status = row.status
        self.proposed = bool(row.selected_for_proposal) or row.status == _PROPOSED
        self.external = bool(row.origin_unit_name)
        unit = unit_names.get(row.unit_id or "", "")
        self._ctx_raw = (unit, row.position_unit, row.position, row.address, row.origin_unit_name)
        self._ctx: dict[str, Any] | None = None
        self.acc: str | None = None
        if self.kind == COLLECTIVE:
            self.key = collective_fold_key(self.name)
        else:
            dup = row.dup_key or ""
            parts = dup.split("|")
            self.key = (
                parts[1]
                if len(parts) >= 2 and parts[0] == "p" and parts[1]
                else fold(person_name(self.name, self.kind))
            )

    def accented(self) -> str:
        if self.acc is None:
            if self.kind == COLLECTIVE:
                self.acc = collective_key(self.name)
            else:
                self.acc = _acc(person_name(self.name, self.kind))
        return self.acc

    def ctx(self, office: set[str]) -> dict[str, Any]:
        if self._ctx is None:
            unit, pos_unit, pos, addr, origin = self._ctx_raw
            own = self.name if self.kind == COLLECTIVE else ""
            text = " , ".join(x for x in (own, unit, pos_unit, pos, addr, origin) if x)
            communes = communes_of(text)
            if not communes and not self.external:
                communes = set(office)
            commune_tokens = {t for c in communes | office for t in c.split()}
            unit_words = _acc(collective_key(unit)).split() if unit else []
            unit_tokens = {fold(t) for t in unit_words if t not in _GENERIC}
            self._ctx = {
                "communes": communes,
                "villages": villages_of(text),
                "unit": unit,
                # The unit's own words ("Nà Lang" of "Chi bộ thôn Nà Lang"), not the commune's.
                "unit_tokens": unit_tokens - commune_tokens,
                "position": position_key(pos_unit or pos, communes | office),
            }
        return self._ctx


class _Pool:
    def __init__(self, session: Session, plan_id: str | None) -> None:
        units = {u.id: u.name for u in session.execute(select(Unit.id, Unit.name))}
        stmt = select(
            Candidate.id,
            Candidate.kind,
            Candidate.name,
            Candidate.birth_year,
            Candidate.gender,
            Candidate.ethnicity,
            Candidate.position,
            Candidate.position_unit,
            Candidate.address,
            Candidate.origin_unit_name,
            Candidate.unit_id,
            Candidate.dup_key,
            Candidate.status,
            Candidate.selected_for_proposal,
        ).where(Candidate.merged_into_id.is_(None))
        if plan_id:
            stmt = stmt.where(Candidate.plan_id == plan_id)
        self.cands: list[_Cand] = [_Cand(r, units) for r in session.execute(stmt)]
        self.persons: dict[str, list[int]] = defaultdict(list)
        self.collectives: dict[str, list[int]] = defaultdict(list)
        self.by_given: dict[str, list[str]] = defaultdict(list)  # given name -> folded full names
        self.by_family: dict[str, list[str]] = defaultdict(list)  # family + middle -> folded full names
        for i, c in enumerate(self.cands):
            if c.kind == COLLECTIVE:
                self.collectives[c.key].append(i)
            else:
                bucket = self.persons[c.key]
                if not bucket:
                    words = c.key.split()
                    if words:
                        self.by_given[words[-1]].append(c.key)
                        self.by_family[" ".join(words[:-1])].append(c.key)
                bucket.append(i)
        self.collective_keys = list(self.collectives)


# --------------------------------------------------------------------------- evaluating one pair


@dataclass
class _Ev:
    cand: _Cand
    level: str  # exact / accent / fuzzy
    similarity: float
    hard: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        s = self.similarity
        if self.level == "exact" and self.support:
            s = 100.0
        elif self.level == "exact":
            s = 95.0
        if self.soft:
            s -= 15 * len(self.soft)
        if self.hard:
            s *= 0.5
        return max(0.0, min(100.0, s))


@dataclass
class _EntryCtx:
    entry: ParsedEntry
    kind: str
    name: str  # bare name (person) or collective name
    acc: str
    key: str
    text: str  # everything else the entry says about where it belongs
    communes: set[str]
    villages: set[str]
    tokens: set[str]
    position: str
    ascii_only: bool
    labels: list[str] | None = None


def _entry_ctx(e: ParsedEntry) -> _EntryCtx:
    kind = e.section or INDIVIDUAL
    raw_name = nfc(e.name)
    extra = ""
    if kind == COLLECTIVE:
        head, sep, tail = raw_name.partition(",")
        name = head.strip() if sep else raw_name
        extra = tail.strip()
        acc = collective_key(name)
    else:
        if kind != HOUSEHOLD and re.match(r"^(?:hộ|gia đình)\s", raw_name, re.IGNORECASE):
            kind = HOUSEHOLD
        name = person_name(raw_name, kind)
        rest = raw_name[len(raw_name.split(",")[0]) :] if "," in raw_name else ""
        extra = rest.strip(" ,")
        acc = _acc(name)
    text = " , ".join(x for x in (extra, e.position_unit, e.unit, e.group) if x)
    full = " , ".join(x for x in (raw_name, text) if x)
    tokens = {fold(t) for t in _acc(collective_key(full)).split()}
    return _EntryCtx(
        entry=e,
        kind=kind,
        name=name,
        acc=acc,
        key=collective_fold_key(name) if kind == COLLECTIVE else fold(acc),
        text=text,
        communes=communes_of(full),
        villages=villages_of(full),
        tokens=tokens,
        position=position_key(" , ".join(x for x in (extra, e.position_unit) if x), communes_of(full)),
        ascii_only=name.isascii(),
    )


def _evaluate(ec: _EntryCtx, c: _Cand, office: set[str], level: str, similarity: float) -> _Ev:
    ev = _Ev(c, level, similarity)
    e = ec.entry
    if e.birth_year and c.birth:
        if e.birth_year == c.birth:
            ev.support.append(f"năm sinh {c.birth}")
        else:
            ev.hard.append(f"năm sinh khác ({e.birth_year} trong quyết định, {c.birth} trong hồ sơ)")
    if e.gender and c.gender and e.gender != c.gender:
        label = {Gender.MALE.value: "nam", Gender.FEMALE.value: "nữ"}
        ev.hard.append(f"giới tính khác ({label.get(e.gender, e.gender)} / {label.get(c.gender, c.gender)})")
    ctx = c.ctx(office)
    if ec.communes:
        if ctx["communes"] and not (ec.communes & ctx["communes"]):
            if ec.labels is None:
                ec.labels = commune_labels(ec.entry.name + " , " + ec.text)
            ev.hard.append("thuộc xã, phường khác (" + ", ".join(ec.labels) + ")")
        elif ec.communes & ctx["communes"]:
            ev.support.append("cùng xã, phường")
    if ec.villages and ctx["villages"]:
        if ec.villages & ctx["villages"]:
            ev.support.append("cùng thôn, bản, tổ")
        else:
            ev.soft.append("khác thôn, bản, tổ")
    if ctx["unit_tokens"] and ctx["unit_tokens"] <= ec.tokens:
        ev.support.append(f"đơn vị {ctx['unit']}")
    if ec.position and ctx["position"] and len(ec.position) >= 6:
        if fuzz.token_sort_ratio(ec.position, ctx["position"]) >= 90:
            ev.support.append("cùng chức vụ, đơn vị")
        elif fuzz.token_set_ratio(ec.position, ctx["position"]) < 50:
            ev.soft.append(f"chức vụ, đơn vị khác («{c._ctx_raw[1] or c._ctx_raw[2]}»)")
    if e.ethnicity and c.eth and fold(e.ethnicity) != fold(c.eth):
        ev.soft.append(f"dân tộc khác ({e.ethnicity} / {c.eth})")
    person_kinds = (INDIVIDUAL, HOUSEHOLD)
    if ec.kind in person_kinds and c.kind in person_kinds and ec.kind != c.kind:
        ev.soft.append("hộ gia đình / cá nhân không khớp")
    if c.status in _GONE:
        ev.soft.append("điển hình đã bị loại hoặc thay thế")
    return ev


# --------------------------------------------------------------------------- matching


def match_entries(
    session: Session,
    parsed: ParsedDecision,
    plan_id: str | None = None,
    office_unit_names: Iterable[str] | None = None,
) -> list[MatchResult]:
    """Match every entry of ``parsed`` against the candidates (of ``plan_id``, or all).

    ``office_unit_names`` are names that say which commune this office is ("Đảng ủy xã Tân
    Lập"); by default the office profile's. Entries naming another commune are never auto.
    """
    office = office_communes(session, office_unit_names)
    pool = _Pool(session, plan_id)
    ctxs = [_entry_ctx(e) for e in parsed.entries]
    # Does the decision concern only this office? Not when any entry (or the title) names
    # another commune, and not when we do not know which commune we are.
    foreign = bool(office) is False
    for ec in ctxs:
        if ec.communes and not (ec.communes & office):
            foreign = True
            break
    title_communes = communes_of(parsed.title or "")
    if title_communes and not (title_communes & office):
        foreign = True
    # Does it say it concerns this office (an entry or a line names our commune)?
    ours = any(ec.communes & office for ec in ctxs) or bool(communes_of("\n".join(parsed.lines)) & office)
    return [_match_one(ec, pool, office, foreign, ours) for ec in ctxs]


def _person_candidates(ec: _EntryCtx, pool: _Pool) -> list[tuple[int, str, float]]:
    """(candidate index, level, similarity) for a person entry."""
    out: list[tuple[int, str, float]] = []
    seen: set[int] = set()
    for i in pool.persons.get(ec.key, ()):
        c = pool.cands[i]
        if c.accented() == ec.acc:
            out.append((i, "exact", 100.0))
        else:
            out.append((i, "accent", float(fuzz.ratio(ec.acc, c.accented()))))
        seen.add(i)
    words = ec.key.split()
    if not words:
        return out
    # Near spellings: the block of the same given name, then of the same family + middle name.
    for block in (pool.by_given.get(words[-1], ()), pool.by_family.get(" ".join(words[:-1]), ())):
        if not block:
            continue
        found = process.extract(
            ec.key, block, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=MAX_SUGGESTIONS
        )
        for key, score, _ in found:
            if key == ec.key:
                continue
            for i in pool.persons.get(key, ()):
                if i not in seen:
                    seen.add(i)
                    out.append((i, "fuzzy", float(score) * 0.95))
        if found:
            break
    return out


def _collective_candidates(ec: _EntryCtx, pool: _Pool) -> list[tuple[int, str, float]]:
    out: list[tuple[int, str, float]] = []
    seen: set[int] = set()
    for i in pool.collectives.get(ec.key, ()):
        c = pool.cands[i]
        level = "exact" if c.accented() == ec.acc else "accent"
        out.append((i, level, 100.0 if level == "exact" else float(fuzz.ratio(ec.acc, c.accented()))))
        seen.add(i)
    if pool.collective_keys:
        found = process.extract(
            ec.key,
            pool.collective_keys,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=FUZZY_CUTOFF,
            limit=MAX_SUGGESTIONS,
        )
        for key, score, _ in found:
            if key == ec.key:
                continue
            for i in pool.collectives.get(key, ()):
                if i not in seen:
                    seen.add(i)
                    out.append((i, "fuzzy", float(score) * 0.95))
    return out


def _match_one(ec: _EntryCtx, pool: _Pool, office: set[str], foreign: bool, ours: bool) -> MatchResult:
    row = ec.entry.row
    if not ec.key:
        return MatchResult(row, NONE, None, 0.0, "Dòng không có tên.")
    if ec.kind == COLLECTIVE:
        found = _collective_candidates(ec, pool)
    else:
        found = _person_candidates(ec, pool)
    evs = [_evaluate(ec, pool.cands[i], office, level, sim) for i, level, sim in found]
    evs.sort(key=lambda ev: (-ev.score, ev.cand.name))
    suggestions = [(ev.cand.id, round(ev.score, 1)) for ev in evs[:MAX_SUGGESTIONS]]
    if not evs:
        where = ""
        if ec.communes and not (ec.communes & office):
            where = " (mục này thuộc xã, phường khác)"
        return MatchResult(
            row, NONE, None, 0.0, "Không có điển hình nào trùng hoặc gần trùng tên" + where + "."
        )

    exact = [ev for ev in evs if ev.level == "exact"]
    clean_exact = [ev for ev in exact if not ev.hard and not ev.soft]
    others_clean = [ev for ev in evs if ev.level != "exact" and not ev.hard and not ev.soft]

    # ---- auto: one clean exact match, confirmed, and no rival left standing.
    if len(clean_exact) == 1 and not ec.ascii_only:
        best = clean_exact[0]
        rivals_unexcluded = [ev for ev in exact if ev is not best and not ev.hard and not ev.soft]
        # Nothing but the name: enough only when the decision concerns this office alone and
        # either names it or the candidate is one this office proposed.
        name_only_ok = not foreign and (ours or best.cand.proposed)
        confirmed = bool(best.support) or name_only_ok
        near_rivals = [ev for ev in others_clean if not (best.support and not ev.support)]
        if confirmed and not rivals_unexcluded and not near_rivals:
            why = ", ".join(best.support) if best.support else "quyết định chỉ gồm người của đơn vị"
            excluded = [ev for ev in exact if ev is not best]
            note = ""
            if excluded:
                note = f"; {len(excluded)} người cùng tên khác đã loại vì " + "; ".join(
                    (ev.hard + ev.soft)[0] for ev in excluded
                )
            return MatchResult(
                row,
                AUTO,
                best.cand.id,
                best.score,
                f"{_same(ec)} «{best.cand.name}», {why}{note}.",
                suggestions,
            )

    # ---- review: a likely candidate that nothing rules out.
    viable = [ev for ev in evs if not ev.hard]
    if viable:
        best = viable[0]
        reason = _review_reason(ec, best, viable, exact, foreign)
        return MatchResult(row, REVIEW, best.cand.id, best.score, reason, suggestions)
    # Same name, ruled out only by a birth year while the unit agrees: ask.
    birth_only = [
        ev
        for ev in evs
        if ev.level == "exact"
        and all(h.startswith("năm sinh") for h in ev.hard)
        and ev.support
        and not ev.soft
    ]
    if birth_only:
        best = birth_only[0]
        return MatchResult(
            row,
            REVIEW,
            best.cand.id,
            best.score,
            f"{_same(ec)} và {', '.join(best.support)} nhưng {best.hard[0]}: cần xác nhận.",
            suggestions,
        )
    first = evs[0]
    return MatchResult(
        row,
        NONE,
        None,
        0.0,
        f"Có «{first.cand.name}» trùng hoặc gần trùng tên nhưng {first.hard[0]}: không phải điển hình của đơn vị.",
        suggestions,
    )


def _same(ec: _EntryCtx) -> str:
    return "Trùng tên" if ec.kind == COLLECTIVE else "Trùng họ tên"


def _review_reason(ec: _EntryCtx, best: _Ev, viable: list[_Ev], exact: list[_Ev], foreign: bool) -> str:
    name = best.cand.name
    if best.level == "exact":
        same = [ev for ev in viable if ev.level == "exact"]
        if len(same) > 1:
            return f"Có {len(same)} điển hình cùng tên «{name}»; thông tin trong quyết định chưa đủ để phân biệt: cần chọn."
        if best.soft:
            return f"{_same(ec)} «{name}» nhưng {best.soft[0]}: cần xác nhận."
        others = [ev for ev in viable if ev is not best]
        if others:
            return f"{_same(ec)} «{name}», nhưng có tên gần giống «{others[0].cand.name}»: cần xác nhận."
        if ec.ascii_only:
            return f"Tên trong quyết định không có dấu; gần trùng «{name}»: cần xác nhận."
        if foreign:
            return (
                f"Chỉ trùng họ tên «{name}»; quyết định có cả tập thể, cá nhân của xã, phường khác "
                "nên cần xác nhận."
            )
        return f"Chỉ trùng họ tên «{name}», không có thông tin khác để đối chiếu: cần xác nhận."
    if best.level == "accent":
        if ec.ascii_only:
            return f"Tên trong quyết định không có dấu; gần trùng «{name}»: cần xác nhận."
        return f"Tên gần trùng «{name}» (khác dấu thanh hoặc chữ viết): cần xác nhận."
    return f"Tên gần giống «{name}» ({best.similarity:.0f}%): cần xác nhận."


def split_person(name: str) -> tuple[str, str, str]:
    """(họ, tên đệm, tên) of an entry's person name (honorific and household prefix dropped)."""
    return split_name(person_name(name, None))
