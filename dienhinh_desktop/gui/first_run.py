"""The office profile dialog (first run, and «Cài đặt» → «Sửa thông tin cơ quan…»).

Province and commune come from the official list of administrative units after the 2025
reform (two levels: 34 provinces and cities, 3,321 communes, wards and special zones), from
the ``vietnam-provinces`` package; both boxes find names without accents ("tan lap").
What the user has not typed is filled in from the choices (the body's name, the superior
body, the place name, the "T/M …" line) and can be overwritten.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from ..models.enums import LABELS, OfficeLevel
from ..text import vn_key
from .context import AppContext
from .widgets import SearchCombo

COMMUNE_PREFIXES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")


def provinces() -> list[tuple[str, str, str]]:
    """(code, full name "Tỉnh Lào Cai" / "Thành phố Hà Nội", short name "Lào Cai"), by name."""
    from vietnam_provinces import Province, VietNamDivisionType

    out = []
    for p in Province.iter_all():
        short = p.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        full = (
            p.name
            if p.name.startswith("Thành phố ")
            else (
                f"Thành phố {short}"
                if p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
                else f"Tỉnh {short}"
            )
        )
        out.append((str(int(p.code)), full, short))
    out.sort(key=lambda t: vn_key(t[2]))
    return out


def communes(province_code: str) -> list[tuple[str, str]]:
    """(code, name "Xã Tân Lập" / "Phường Ba Đình") of one province, by name without the prefix."""
    from vietnam_provinces import ProvinceCode, Ward

    code = ProvinceCode(int(province_code))
    out = [(str(int(w.code)), w.name) for w in Ward.iter_by_province(code)]
    out.sort(key=lambda t: vn_key(place_of(t[1])))
    return out


def place_of(commune_name: str) -> str:
    """ "Xã Tân Lập" → "Tân Lập" (the place name of "Tân Lập, ngày … tháng … năm …")."""
    for prefix in COMMUNE_PREFIXES:
        if commune_name.startswith(prefix):
            return commune_name[len(prefix) :]
    return commune_name


def _lower_prefix(commune_name: str) -> str:
    """ "Xã Tân Lập" → "xã Tân Lập" (inside a longer name)."""
    for prefix in COMMUNE_PREFIXES:
        if commune_name.startswith(prefix):
            return prefix.lower() + commune_name[len(prefix) :]
    return commune_name


class OfficeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, first_run: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Khai báo thông tin cơ quan" if first_run else "Thông tin cơ quan")
        self.setMinimumWidth(640)
        self._auto: dict[QLineEdit, str] = {}
        self._provinces = provinces()

        root = QVBoxLayout(self)
        if first_run:
            intro = QLabel(
                "Chào mừng anh/chị dùng chương trình <b>Điển hình tiên tiến</b>. Hãy khai báo cơ quan của mình: "
                "các thông tin này được in ở đầu và cuối mọi văn bản chương trình soạn ra "
                "(có thể sửa lại sau trong «Cài đặt»)."
            )
            intro.setWordWrap(True)
            root.addWidget(intro)

        unit_box = QGroupBox("Cơ quan")
        form = QFormLayout(unit_box)
        kind_row = QVBoxLayout()
        kind_row.setSpacing(2)
        self.party_button = QRadioButton("Cơ quan Đảng (thể thức Hướng dẫn 36-HD/VPTW)")
        self.state_button = QRadioButton("Cơ quan Nhà nước, đoàn thể (Nghị định 30/2020/NĐ-CP)")
        group = QButtonGroup(self)
        group.addButton(self.party_button)
        group.addButton(self.state_button)
        self.party_button.setChecked(True)
        kind_row.addWidget(self.party_button)
        kind_row.addWidget(self.state_button)
        form.addRow("Loại cơ quan:", _wrap(kind_row))
        self.level = QComboBox()
        for lv in (
            OfficeLevel.COMMUNE,
            OfficeLevel.PROVINCE,
            OfficeLevel.AGENCY,
            OfficeLevel.GRASSROOTS,
            OfficeLevel.DISTRICT,
        ):
            self.level.addItem(LABELS[lv], lv.value)
        form.addRow("Cấp:", self.level)
        self.province = SearchCombo()
        self.province.setObjectName("province")
        self.province.lineEdit().setPlaceholderText("gõ để tìm, ví dụ «lao cai»")
        self.province.set_items([(full, code) for code, full, _short in self._provinces])
        form.addRow("Tỉnh, thành phố:", self.province)
        self.commune = SearchCombo()
        self.commune.setObjectName("commune")
        self.commune.lineEdit().setPlaceholderText("gõ để tìm, ví dụ «tan lap»")
        form.addRow("Xã, phường:", self.commune)
        self.name = QLineEdit()
        self.name.setObjectName("officeName")
        self.name.setPlaceholderText("ví dụ Đảng ủy xã Tân Lập")
        form.addRow("Tên cơ quan:", self.name)
        self.superior = QLineEdit()
        self.superior.setPlaceholderText("ví dụ ĐẢNG BỘ TỈNH LÀO CAI (dòng trên cùng, góc trái văn bản)")
        form.addRow("Cơ quan cấp trên:", self.superior)
        self.symbol = QLineEdit()
        self.symbol.setMaximumWidth(120)
        form.addRow("Ký hiệu cơ quan:", self.symbol)
        self.place = QLineEdit()
        self.place.setPlaceholderText("ví dụ Tân Lập (trong «Tân Lập, ngày … tháng … năm …»)")
        form.addRow("Địa danh:", self.place)
        self.upper_body = QLineEdit()
        self.upper_body.setPlaceholderText("ví dụ Ban Thường vụ Tỉnh ủy Lào Cai")
        form.addRow("Nơi nhận hồ sơ đề nghị:", self.upper_body)
        root.addWidget(unit_box)

        sign_box = QGroupBox("Người ký, người làm")
        sf = QFormLayout(sign_box)
        self.on_behalf = QLineEdit()
        self.on_behalf.setPlaceholderText("ví dụ T/M BAN THƯỜNG VỤ hoặc TM. ỦY BAN NHÂN DÂN")
        sf.addRow("Dòng thẩm quyền ký:", self.on_behalf)
        self.signer_title = QLineEdit()
        self.signer_title.setPlaceholderText("ví dụ PHÓ BÍ THƯ, CHỦ TỊCH")
        sf.addRow("Chức vụ người ký:", self.signer_title)
        self.signer_name = QLineEdit()
        self.signer_name.setPlaceholderText("ví dụ Nguyễn Văn An")
        sf.addRow("Họ tên người ký:", self.signer_name)
        self.officer = QLineEdit()
        self.officer.setPlaceholderText("người dùng chương trình (ghi vào lịch sử thay đổi)")
        sf.addRow("Cán bộ phụ trách:", self.officer)
        root.addWidget(sign_box)

        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        root.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Để sau" if first_run else "Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        root.addWidget(buttons)

        self._load()
        self.province.currentIndexChanged.connect(self._on_province)
        self.commune.currentIndexChanged.connect(self._suggest)
        self.party_button.toggled.connect(self._suggest)
        self._suggest()

    # -- choices ------------------------------------------------------------------------------------
    def _province_short(self) -> str:
        code = self.province.current_value()
        return next((short for c, _full, short in self._provinces if c == code), "")

    def _province_full(self) -> str:
        code = self.province.current_value()
        return next((full for c, full, _short in self._provinces if c == code), "")

    def _on_province(self) -> None:
        code = self.province.current_value()
        self.commune.set_items([(name, c) for c, name in communes(str(code))] if code else [])
        self._suggest()

    def _set_auto(self, edit: QLineEdit, value: str) -> None:
        """Fill ``edit`` unless the user typed something of their own."""
        current = edit.text().strip()
        if not current or current == self._auto.get(edit):
            edit.setText(value)
            self._auto[edit] = value

    def _suggest(self) -> None:
        party = self.party_button.isChecked()
        province_full = self._province_full()
        commune = self.commune.currentText().strip() if self.commune.current_value() else ""
        if commune:
            self._set_auto(self.name, f"{'Đảng ủy' if party else 'Ủy ban nhân dân'} {_lower_prefix(commune)}")
            self._set_auto(self.place, place_of(commune))
        if province_full:
            short = self._province_short()
            self._set_auto(self.superior, f"ĐẢNG BỘ {province_full.upper()}" if party else "")
            self._set_auto(
                self.upper_body,
                f"Ban Thường vụ Tỉnh ủy {short}"
                if party and province_full.startswith("Tỉnh")
                else f"Ban Thường vụ Thành ủy {short}"
                if party
                else f"Ủy ban nhân dân {province_full[0].lower()}{province_full[1:]}",
            )
        self._set_auto(self.symbol, "ĐU" if party else "UBND")
        self._set_auto(self.on_behalf, "T/M BAN THƯỜNG VỤ" if party else "TM. ỦY BAN NHÂN DÂN")

    # -- load, save ---------------------------------------------------------------------------------
    def _load(self) -> None:
        from ..services.office import get_profile

        with self.ctx.db.session() as session:
            p = get_profile(session)
            if p is None:
                return
            values = {
                k: getattr(p, k)
                for k in (
                    "name",
                    "level",
                    "is_party",
                    "province_code",
                    "commune_code",
                    "superior_body",
                    "symbol",
                    "place_name",
                    "upper_body",
                    "signer_on_behalf",
                    "signer_title",
                    "signer_name",
                    "officer_name",
                    "province_name",
                    "commune_name",
                )
            }
        (self.party_button if values["is_party"] else self.state_button).setChecked(True)
        self.level.setCurrentIndex(max(self.level.findData(values["level"]), 0))
        if values["province_code"] and self.province.select_value(values["province_code"]):
            self.commune.set_items([(name, c) for c, name in communes(values["province_code"])])
            if values["commune_code"]:
                self.commune.select_value(values["commune_code"])
        elif values["province_name"]:  # set by «dienhinh init --province NAME»: find it in the list
            from ..text import fold

            wanted = fold(values["province_name"])
            code = next(
                (c for c, full, short in self._provinces if wanted in (fold(short), fold(full))), None
            )
            if code and self.province.select_value(code):
                self.commune.set_items([(name, c) for c, name in communes(code)])
                if values["commune_name"]:
                    i = self.commune.findText(values["commune_name"])
                    self.commune.setCurrentIndex(i)
            else:
                self.province.setEditText(values["province_name"])
        for edit, key in (
            (self.name, "name"),
            (self.superior, "superior_body"),
            (self.symbol, "symbol"),
            (self.place, "place_name"),
            (self.upper_body, "upper_body"),
            (self.on_behalf, "signer_on_behalf"),
            (self.signer_title, "signer_title"),
            (self.signer_name, "signer_name"),
            (self.officer, "officer_name"),
        ):
            edit.setText(values[key] or "")

    def values(self) -> dict[str, object]:
        text = lambda w: w.text().strip() or None  # noqa: E731
        commune_code = self.commune.current_value()
        return {
            "level": self.level.currentData(),
            "party": self.party_button.isChecked(),
            "province": self._province_short() or self.province.currentText().strip() or None,
            "province_code": self.province.current_value(),
            "commune_code": commune_code,
            "commune_name": self.commune.currentText().strip() if commune_code else None,
            "superior_body": text(self.superior),
            "symbol": text(self.symbol),
            "place_name": text(self.place),
            "upper_body": text(self.upper_body),
            "signer_on_behalf": text(self.on_behalf),
            "signer_title": text(self.signer_title),
            "signer_name": text(self.signer_name),
            "officer_name": text(self.officer),
        }

    def save(self) -> bool:
        from ..services.office import init_office

        values = self.values()
        level, party, province = values.pop("level"), values.pop("party"), values.pop("province")
        try:
            with self.ctx.db.transaction() as session:
                init_office(
                    session,
                    self.name.text(),
                    level=str(level),
                    province=province,  # type: ignore[arg-type]
                    party=bool(party),
                    **values,
                )
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return False
        self.accept()
        return True


def _wrap(layout) -> QWidget:  # type: ignore[no-untyped-def]
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
