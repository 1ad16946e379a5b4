"""Shared set-up for the GUI tests: a database with an office, a plan, units, fields, candidates."""

from __future__ import annotations

from datetime import date

from dienhinh_desktop.models import Field, Plan, Unit
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.office import init_office

PEOPLE = [
    # name, kind, gender, unit index, field index, status
    ("Nguyễn Văn Cường", "individual", "male", 0, 0, "registered"),
    ("Trần Thị Bình", "individual", "female", 1, 1, "nurturing"),
    ("Lê Văn An", "individual", "male", 0, 0, "registered"),
    ("Đặng Văn Đức", "individual", "male", 1, 1, "recognised"),
    ("Chi bộ thôn Nậm Cang", "collective", None, 0, 0, "registered"),
    ("Hộ ông Vàng Seo Páo", "household", "male", 1, 0, "nurturing"),
]


def fill(db, with_profile: bool = True) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Office profile, one active plan with two fields, two units and the candidates above."""
    with db.transaction() as s:
        if with_profile:
            init_office(s, "Đảng ủy xã Tân Lập", party=True, province="Lào Cai", officer_name="Lý Thị Hoa")
        plan = Plan(
            name="Kế hoạch xây dựng điển hình 2025 – 2030",
            code="12-KH/ĐU",
            status="active",
            period_start=date(2025, 7, 1),
        )
        s.add(plan)
        s.flush()
        fields = [
            Field(plan_id=plan.id, code="1", name="Phát triển kinh tế", sort_order=0),
            Field(plan_id=plan.id, code="2", name="Giáo dục - đào tạo", sort_order=1),
        ]
        units = [
            Unit(name="Chi bộ thôn Nậm Cang", kind="party_cell"),
            Unit(name="Trường Tiểu học Tân Lập", kind="school"),
        ]
        s.add_all(fields + units)
        s.flush()
        ids = {}
        for name, kind, gender, u, f, status in PEOPLE:
            extra = {"gender": gender, "birth_year": 1980} if kind != "collective" else {}
            c = create_candidate(
                s,
                plan_id=plan.id,
                kind=kind,
                name=name,
                unit_id=units[u].id,
                field_id=fields[f].id,
                status=status,
                **extra,
            )
            ids[name] = c.id
        return {
            "plan_id": plan.id,
            "field_ids": [f.id for f in fields],
            "unit_ids": [u.id for u in units],
            "ids": ids,
        }


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type Vietnamese into a line edit the way an input method does (qtbot.keyClicks aborts
    on non-ASCII text, DESIGN §7): one commit string per character."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)
