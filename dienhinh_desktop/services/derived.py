"""Columns derived from what the user typed, kept right on every flush: the name split
into họ / tên đệm / tên, the Vietnamese sort key, the accent-free search text and the
duplicate key (folded name + birth year). One mechanism for every way a candidate is
saved: the form, imports, packages, the demo, and migration 0002."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from ..models import Candidate
from ..models.enums import CandidateKind
from ..text import collective_sort_key, fold, household_head, normalize_name, person_sort_key, split_name

SEARCH_PARTS = ("name", "position_unit", "position", "ethnicity", "address", "origin_unit_name")


def derived_keys(values: dict[str, Any]) -> dict[str, Any]:
    """The derived columns for a candidate given as a dict (kind, name, birth_year, …)."""
    kind = values.get("kind")
    raw = str(values.get("name") or "")
    if kind == CandidateKind.COLLECTIVE:
        name = " ".join(raw.split())
        out: dict[str, Any] = {
            "name": name,
            "family_name": None,
            "middle_name": None,
            "given_name": None,
            "sort_key": collective_sort_key(name),
            "dup_key": "t|" + fold(name),
        }
    else:
        name = normalize_name(raw)
        person = household_head(name) if kind == CandidateKind.HOUSEHOLD else name
        family, middle, given = split_name(person)
        out = {
            "name": name,
            "family_name": family or None,
            "middle_name": middle or None,
            "given_name": given or None,
            "sort_key": person_sort_key(family, middle, given),
            "dup_key": f"p|{fold(person)}|{values.get('birth_year') or ''}",
        }
    parts = [out["name"]] + [values.get(k) for k in SEARCH_PARTS[1:]]
    out["search_text"] = fold(" ".join(str(p) for p in parts if p))
    return out


def refresh_candidate_keys(c: Candidate) -> None:
    values = {k: getattr(c, k) for k in ("kind", "name", "birth_year", *SEARCH_PARTS[1:])}
    for key, value in derived_keys(values).items():
        if getattr(c, key) != value:
            setattr(c, key, value)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _ctx, _instances) -> None:  # type: ignore[no-untyped-def]
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Candidate) and (obj in session.new or session.is_modified(obj)):
            refresh_candidate_keys(obj)
