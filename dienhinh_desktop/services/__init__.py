"""The workflow steps (plans, candidates, criteria, meetings, proposals, decisions, activities,
reports). Functions take a Session first; those named ``apply_*`` own their transaction."""
