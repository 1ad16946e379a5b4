"""The office profile dialog: official 2025 province and commune lists, suggestions, saving."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.first_run import OfficeDialog, communes, place_of, provinces  # noqa: E402
from dienhinh_desktop.services.office import get_profile  # noqa: E402


def test_official_lists_after_the_2025_reform() -> None:
    provs = provinces()
    assert len(provs) == 34
    by_short = {short: (code, full) for code, full, short in provs}
    assert by_short["Hà Nội"][1] == "Thành phố Hà Nội"
    assert by_short["Lào Cai"][1] == "Tỉnh Lào Cai"
    names = [name for _code, name in communes(by_short["Hà Nội"][0])]
    assert "Phường Ba Đình" in names
    assert place_of("Xã Tân Lập") == "Tân Lập" and place_of("Phường Ba Đình") == "Ba Đình"


def test_choose_province_and_commune_fills_suggestions(qtbot, bare_db) -> None:  # type: ignore[no-untyped-def]
    dialog = OfficeDialog(AppContext(bare_db), first_run=True)
    qtbot.addWidget(dialog)
    code = next(c for c, _full, short in provinces() if short == "Lào Cai")
    assert dialog.province.select_value(code)
    assert dialog.commune.count() > 50
    dialog.commune.setCurrentIndex(dialog.commune.findText("Xã A Mú Sung"))
    commune = dialog.commune.currentText()
    assert dialog.name.text() == "Đảng ủy xã A Mú Sung"
    assert dialog.place.text() == "A Mú Sung"
    assert dialog.superior.text() == "ĐẢNG BỘ TỈNH LÀO CAI"
    assert dialog.on_behalf.text() == "T/M BAN THƯỜNG VỤ"
    dialog.place.setText("Tân Lập")  # typed by the user: kept when choices change
    dialog.state_button.setChecked(True)
    assert dialog.name.text().startswith("Ủy ban nhân dân ")
    assert dialog.on_behalf.text() == "TM. ỦY BAN NHÂN DÂN"
    assert dialog.place.text() == "Tân Lập"
    dialog.signer_name.setText("Hoàng Văn Thắng")
    assert dialog.save()
    with bare_db.session() as s:
        p = get_profile(s)
        assert (p.name, p.is_party, p.province_name, p.province_code) == (
            dialog.name.text(),
            False,
            "Lào Cai",
            code,
        )
        assert p.commune_name == commune and p.place_name == "Tân Lập" and p.signer_name == "Hoàng Văn Thắng"
        assert p.symbol == "UBND"


def test_search_without_accents(qtbot, bare_db) -> None:  # type: ignore[no-untyped-def]
    dialog = OfficeDialog(AppContext(bare_db))
    qtbot.addWidget(dialog)
    completer = dialog.province.completer()
    completer.setCompletionPrefix("lao cai")
    proxy = completer.model()
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert shown == ["Tỉnh Lào Cai"]


def test_missing_name_is_refused(qtbot, bare_db) -> None:  # type: ignore[no-untyped-def]
    dialog = OfficeDialog(AppContext(bare_db))
    qtbot.addWidget(dialog)
    dialog.name.setText("")
    assert dialog.save() is False
    assert "Thiếu tên cơ quan" in dialog.error.text()
