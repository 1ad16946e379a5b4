"""Columns derived from what the user typed, kept right on every flush: the name split
into họ / tên đệm / tên, the Vietnamese sort key, the accent-free search text and the
duplicate key (folded name + birth year). One mechanism for every way a candidate is
saved: the form, imports, packages, the demo."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from ..models import Candidate
from ..models.enums import CandidateKind
from ..text import collective_sort_key, fold, household_head, normalize_name, person_sort_key, split_name


def refresh_candidate_keys(c: Candidate) -> None:
    c.name = normalize_name(c.name) if c.kind != CandidateKind.COLLECTIVE else " ".join(c.name.split())
    if c.kind == CandidateKind.COLLECTIVE:
        c.family_name = c.middle_name = c.given_name = None
        c.sort_key = collective_sort_key(c.name)
        c.dup_key = "t|" + fold(c.name)
    else:
        person = household_head(c.name) if c.kind == CandidateKind.HOUSEHOLD else c.name
        family, middle, given = split_name(person)
        c.family_name, c.middle_name, c.given_name = family or None, middle or None, given or None
        c.sort_key = person_sort_key(family, middle, given)
        c.dup_key = f"p|{fold(person)}|{c.birth_year or ''}"
    parts = [c.name, c.position_unit, c.position, c.ethnicity, c.address, c.origin_unit_name]
    c.search_text = fold(" ".join(p for p in parts if p))


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _ctx, _instances) -> None:  # type: ignore[no-untyped-def]
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Candidate) and (obj in session.new or session.is_modified(obj)):
            refresh_candidate_keys(obj)
