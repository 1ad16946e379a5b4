"""What every page gets: the open database, the signal hub, the current plan and the profile.

A page receives one :class:`AppContext` (``Page(ctx)``). Pages never talk to each other
directly: they emit on ``ctx.hub`` and listen on it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..db import Database


class SignalHub(QObject):
    """Application-wide signals.

    - ``candidates_changed()``: candidates were added, edited, imported or removed.
    - ``plans_changed()``: plans were added or edited (lists of plans must reload).
    - ``plan_changed(str)``: the plan the office works on changed ("" = none / all plans).
    - ``profile_changed()``: the office profile was edited (window title, papers).
    - ``data_changed(str)``: anything else changed; the argument names the area
      ("meetings", "decisions", "activities"…) so only the pages concerned reload.
    - ``status_count(str)``: a page's count line for the status bar ("57 / 60 điển hình").
    - ``navigate(str)``: ask the main window to show a page (its key, e.g. "dien-hinh").
    - ``database_reopened()``: ``ctx.db`` is a new :class:`Database` (after a restore); the
      main window rebuilds every page (and gives the context a fresh hub).
    """

    candidates_changed = Signal()
    plans_changed = Signal()
    plan_changed = Signal(str)
    profile_changed = Signal()
    data_changed = Signal(str)
    status_count = Signal(str)
    navigate = Signal(str)
    database_reopened = Signal()


class AppContext:
    """The database, the hub and a few shared facts (kept small on purpose)."""

    def __init__(self, db: Database, hub: SignalHub | None = None, background_loading: bool = False) -> None:
        self.db = db
        self.hub = hub or SignalHub()
        # Pages that read a lot (overview, candidates) load on the worker thread and fill in
        # when the data arrives, so the window paints at once. The application turns it on;
        # off (tests, small tools) they read synchronously in their constructor.
        self.background_loading = background_loading
        self._plan_id: str | None = None
        self._plan_loaded = False

    # -- the plan the office works on ------------------------------------------------
    @property
    def plan_id(self) -> str | None:
        """The selected plan (defaults to the newest active plan that is not a template)."""
        if not self._plan_loaded:
            from ..services.plans import current_plan

            with self.db.session() as session:
                plan = current_plan(session)
                self._plan_id = plan.id if plan else None
            self._plan_loaded = True
        return self._plan_id

    def set_plan(self, plan_id: str | None) -> None:
        if plan_id == self.plan_id:
            return
        self._plan_id = plan_id or None
        self.hub.plan_changed.emit(plan_id or "")

    def plan_name(self) -> str:
        if not self.plan_id:
            return ""
        from ..models import Plan

        with self.db.session() as session:
            plan = session.get(Plan, self.plan_id)
            return (plan.code + " — " if plan and plan.code else "") + (plan.name if plan else "")

    # -- the database ------------------------------------------------------------------
    def reopen_database(self) -> Database:
        """Close the database and open it again with :func:`open_database` (after a restore
        replaced the file), then emit ``hub.database_reopened``. Raises ``UserError``."""
        from ..db import open_database

        url = self.db.url
        self.db.close()
        self.db = open_database(url)
        self._plan_id, self._plan_loaded = None, False
        self.hub.database_reopened.emit()
        return self.db

    # -- the office ----------------------------------------------------------------------
    def office_name(self) -> str | None:
        from ..services.office import get_profile

        with self.db.session() as session:
            profile = get_profile(session)
            return profile.name if profile else None

    def officer_name(self) -> str | None:
        from ..services.office import get_profile

        with self.db.session() as session:
            profile = get_profile(session)
            return profile.officer_name if profile else None

    @property
    def location(self) -> str:
        """The database file (or the URL, password hidden) as the user should read it."""
        return self.db.shown
