"""Page «Cài đặt»: where the data lives, the office profile (edited with the first-run dialog)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...models.enums import LABELS, OfficeLevel
from ...paths import data_dir
from ..context import AppContext

PROFILE_FIELDS = [
    ("name", "Tên cơ quan"),
    ("level", "Cấp"),
    ("is_party", "Thể thức văn bản"),
    ("superior_body", "Cơ quan cấp trên"),
    ("province_name", "Tỉnh, thành phố"),
    ("commune_name", "Xã, phường"),
    ("place_name", "Địa danh ghi ngày tháng"),
    ("signer_on_behalf", "Dòng thẩm quyền ký"),
    ("signer_title", "Chức vụ người ký"),
    ("signer_name", "Người ký"),
    ("officer_name", "Cán bộ phụ trách"),
    ("upper_body", "Nơi nhận hồ sơ đề nghị"),
]


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        title = QLabel("Cài đặt")
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        data = QGroupBox("Dữ liệu")
        df = QFormLayout(data)
        self.db_label = _value(ctx.location)
        self.db_label.setObjectName("dbPath")
        df.addRow("Tệp dữ liệu:", self.db_label)
        self.data_dir_label = _value(str(data_dir()))
        self.data_dir_label.setObjectName("dataDir")
        open_dir = QPushButton("Mở thư mục")
        open_dir.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir()))))
        row = QHBoxLayout()
        row.addWidget(self.data_dir_label, 1)
        row.addWidget(open_dir)
        df.addRow("Thư mục dữ liệu:", row)
        if ctx.db.path is not None:
            df.addRow("Tệp đính kèm, sao lưu:", _value(str(ctx.db.files_dir)))
        df.addRow("Phiên bản chương trình:", _value(__version__))
        layout.addWidget(data)

        office = QGroupBox("Thông tin cơ quan")
        ol = QVBoxLayout(office)
        self.profile_form = QFormLayout()
        self.profile_labels: dict[str, QLabel] = {}
        for key, label in PROFILE_FIELDS:
            value = _value("")
            self.profile_labels[key] = value
            self.profile_form.addRow(label + ":", value)
        ol.addLayout(self.profile_form)
        self.edit_button = QPushButton("Sửa thông tin cơ quan…")
        self.edit_button.clicked.connect(self.edit_profile)
        ol.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(office)
        layout.addStretch(1)

        ctx.hub.profile_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        from ...services.office import get_profile

        with self.ctx.db.session() as session:
            profile = get_profile(session)
            values = {key: getattr(profile, key) for key, _ in PROFILE_FIELDS} if profile else {}
        if not values:
            self.profile_labels["name"].setText("Chưa khai báo — bấm «Khai báo thông tin cơ quan…».")
            self.edit_button.setText("Khai báo thông tin cơ quan…")
            return
        self.edit_button.setText("Sửa thông tin cơ quan…")
        for key, label in self.profile_labels.items():
            value = values.get(key)
            if key == "level":
                value = (
                    LABELS.get(OfficeLevel(value), value)
                    if value in {lv.value for lv in OfficeLevel}
                    else value
                )
            elif key == "is_party":
                value = (
                    "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"
                    if value
                    else "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
                )
            label.setText(str(value) if value else "—")

    def edit_profile(self) -> None:
        from ..first_run import OfficeDialog

        dialog = OfficeDialog(self.ctx, parent=self)
        if dialog.exec() == OfficeDialog.DialogCode.Accepted:
            self.ctx.hub.profile_changed.emit()


def _value(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
