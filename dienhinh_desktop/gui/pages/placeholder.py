"""The page shown while a page module is not built yet (or failed to open)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from . import PageSpec


class PlaceholderPage(QWidget):
    def __init__(self, spec: PageSpec, error: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        title = QLabel(spec.label)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        if error:
            text = (
                f"<p>Trang «{spec.label}» gặp lỗi khi mở nên tạm thời không dùng được.</p>"
                f"<p style='color:#8a1c1c'>{_escape(error)}</p>"
                f"<p>Trang này dùng để: {_escape(spec.description)}</p>"
            )
        else:
            text = (
                f"<p><b>Trang này chưa được xây dựng trong phiên bản này.</b></p>"
                f"<p>Khi hoàn thành, trang «{spec.label}» sẽ có: {_escape(spec.description)}</p>"
                "<p>Trong lúc chờ, các việc này có thể làm bằng dòng lệnh <code>dienhinh</code> "
                "(xem <code>dienhinh --help</code>).</p>"
            )
        body = QLabel(text)
        body.setObjectName("placeholderText")
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        body.setMaximumWidth(760)
        layout.addWidget(body)
        layout.addStretch(1)

    def text(self) -> str:
        return self.findChild(QLabel, "placeholderText").text()


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
