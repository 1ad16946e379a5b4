"""Qt's standard buttons speak Vietnamese in every dialog of the program."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox  # noqa: E402

from dienhinh_desktop.gui.app import _application  # noqa: E402


def test_standard_buttons_are_vietnamese(qtbot) -> None:  # type: ignore[no-untyped-def]
    _application()
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
    )
    qtbot.addWidget(box)
    texts = {
        box.button(b).text().replace("&", "")
        for b in (
            QDialogButtonBox.StandardButton.Ok,
            QDialogButtonBox.StandardButton.Cancel,
            QDialogButtonBox.StandardButton.Save,
        )
    }
    assert texts == {"Đồng ý", "Hủy", "Lưu"}
    msg = QMessageBox(
        QMessageBox.Icon.Question,
        "Xác nhận",
        "Xóa?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(msg)
    assert {
        msg.button(b).text().replace("&", "")
        for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
    } == {"Có", "Không"}
