"""The demo's proposal upward: two candidates the commune recognised at its meeting (or, in
a small demo, two appraised ones) chosen for the proposal to the level above, with a draft
:class:`Proposal` — so ``package export`` and ``export proposal`` work at once.

Registered in ``services.demo.EXTRA_STEP_MODULES``; runs after the meeting step.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Candidate, DecisionEntry
from ..models.enums import CandidateStatus
from . import proposals as P

HOW_MANY = 2


def demo_step(session: Session, result: Any) -> None:
    """Choose the candidates and write the draft proposal (flushes only)."""
    if not result.plan_id:
        return
    ids: list[str] = []
    decision_id = result.extras.get("meeting_decision_id")
    if decision_id:
        ids = list(
            session.scalars(
                select(DecisionEntry.candidate_id)
                .where(DecisionEntry.decision_id == decision_id, DecisionEntry.candidate_id.is_not(None))
                .order_by(DecisionEntry.row_no)
            )
        )
    if len(ids) < HOW_MANY:
        more = session.scalars(
            select(Candidate.id)
            .where(
                Candidate.plan_id == result.plan_id,
                Candidate.status.in_((CandidateStatus.RECOGNISED.value, CandidateStatus.APPRAISED.value)),
            )
            .order_by(Candidate.sort_key)
            .limit(HOW_MANY * 2)
        )
        ids += [cid for cid in more if cid not in ids]
    ids = ids[:HOW_MANY]
    if not ids:
        return
    P.select_candidates(session, result.plan_id, ids)
    proposal = P.create_proposal(session, result.plan_id, ids)
    result.extras["proposal_id"] = proposal.id
    result.extras["proposal_candidates"] = len(ids)
