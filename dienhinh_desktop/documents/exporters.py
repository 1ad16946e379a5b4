"""The registry behind ``dienhinh export WHAT`` and the GUI's export buttons.

A paper module declares ``EXPORTS = {"what": function}``; the function takes
``(session, ctx: ExportContext)`` and returns the paths it wrote. Modules listed in
``PAPER_MODULES`` are imported on first use, so adding a paper is one line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ..errors import UserError

# WHAT values of DESIGN.md §8 and the module that makes each.
PAPER_MODULES: dict[str, str] = {
    "registration-forms": "dienhinh_desktop.documents.papers.registration",
    "registration-summary": "dienhinh_desktop.documents.papers.registration",
    "self-assessment": "dienhinh_desktop.documents.papers.assessment",
    "achievement-report": "dienhinh_desktop.documents.papers.assessment",
    "appraisal-list": "dienhinh_desktop.documents.papers.assessment",
    "minutes": "dienhinh_desktop.documents.papers.meeting",
    "decision": "dienhinh_desktop.documents.papers.meeting",
    "proposal": "dienhinh_desktop.documents.papers.proposal",
    "report": "dienhinh_desktop.documents.papers.report",
}


class Cancelled(Exception):
    """The user pressed Cancel; partial files are removed by the exporter."""


@dataclass
class ExportContext:
    out_dir: Path
    plan_id: str | None = None
    candidate_ids: list[str] | None = None
    meeting_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    files_dir: Path | None = None  # the database's files (attachments)
    progress: Callable[[int, int, str], None] | None = None  # (done, total, label)
    is_cancelled: Callable[[], bool] = field(default=lambda: False)
    options: dict[str, object] = field(default_factory=dict)

    def step(self, done: int, total: int, label: str = "") -> None:
        if self.is_cancelled():
            raise Cancelled()
        if self.progress:
            self.progress(done, total, label)


Exporter = Callable[[Session, ExportContext], list[Path]]


def get_exporter(what: str) -> Exporter:
    module_name = PAPER_MODULES.get(what)
    if module_name is None:
        raise UserError(
            f"Không có loại giấy tờ «{what}». Chọn một trong: {', '.join(PAPER_MODULES)}.", code="bad_input"
        )
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise UserError(
            f"Chức năng xuất «{what}» chưa được xây dựng trong phiên bản này.", code="not_built"
        ) from None
    exporter = getattr(module, "EXPORTS", {}).get(what)
    if exporter is None:
        raise UserError(f"Chức năng xuất «{what}» chưa được xây dựng trong phiên bản này.", code="not_built")
    return exporter


def run_export(session: Session, what: str, ctx: ExportContext) -> list[Path]:
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    return get_exporter(what)(session, ctx)
