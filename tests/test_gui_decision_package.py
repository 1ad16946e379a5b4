"""«Quyết định nhận về»: «Nhập gói quyết định (.dhpkg, .zip)…» — a dry run off the GUI thread,
the preview, then the import; a package addressed to another unit asks first; errors in
Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop.db import maintenance  # noqa: E402
from dienhinh_desktop.exchange import package_format as F  # noqa: E402
from dienhinh_desktop.gui import widgets  # noqa: E402
from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.pages import decisions_inbox  # noqa: E402
from dienhinh_desktop.models import Candidate, Decision, Recognition  # noqa: E402
from tests.gui_helpers import fill  # noqa: E402

UPPER = {"name": "Ban Thường vụ Đảng ủy huyện Bảo Thắng", "code": "080", "level": "district"}
DECISION = {
    "id": "qd-1",
    "number": "125-QĐ/HU",
    "date": "2026-02-05",
    "issuer": "Ban Thường vụ Đảng ủy huyện Bảo Thắng",
    "title": "Quyết định công nhận điển hình tiên tiến",
    "award_kind": "recognition",
    "award_label": "Điển hình tiên tiến cấp huyện",
}


def make_package(
    folder: Path, to: str, recognised: list[tuple[str, str]], not_selected: list[tuple[str, str]]
) -> Path:
    """A decision package as the level above writes it (export_decision_packages' layout)."""
    writer = F.PackageWriter(kind=F.KIND_DECISION, sender=UPPER, recipient={"name": to, "code": None})
    results = [
        {"candidate_id": cid, "name": name, "result": "recognised", "decision_id": "qd-1",
         "award_kind": "recognition", "award_label": None}
        for cid, name in recognised
    ] + [
        {"candidate_id": cid, "name": name, "result": "not_selected", "decision_id": None,
         "award_kind": None, "award_label": None, "note": "Không đạt số phiếu"}
        for cid, name in not_selected
    ] + [{"candidate_id": "khong-co-o-xa", "name": "Người của xã khác", "result": "recognised",
          "decision_id": "qd-1"}]  # fmt: skip
    writer.add_json(
        F.DATA_FILE,
        {
            "schema": F.FORMAT_VERSION,
            "kind": F.KIND_DECISION,
            "sender": UPPER,
            "recipient": {"name": to, "code": None},
            "decisions": [DECISION],
            "results": results,
            "documents": [],
            "meeting": None,
        },
    )
    path, _sha, _manifest = writer.write(folder / f"goi-quyet-dinh-{F.safe_member_name(to)}.dhpkg")
    return path


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(decisions_inbox, "show_info", lambda _p, text, *a, **k: seen.append(("info", text)))
    monkeypatch.setattr(decisions_inbox, "show_error", lambda _p, text, *a, **k: seen.append(("error", text)))
    monkeypatch.setattr(widgets, "show_error", lambda _p, text, *a, **k: seen.append(("error", text)))
    return seen


def _wait(qtbot, job) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: job.is_finished, timeout=15000)


def test_decision_package_button_path(qtbot, bare_db, messages, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    info = fill(bare_db)
    ids = info["ids"]
    chosen = [(ids["Nguyễn Văn Cường"], "Nguyễn Văn Cường"), (ids["Trần Thị Bình"], "Trần Thị Bình")]
    left_out = [(ids["Lê Văn An"], "Lê Văn An")]
    pkg = make_package(tmp_path, "Đảng ủy xã Tân Lập", chosen, left_out)
    page = decisions_inbox.Page(AppContext(bare_db))
    qtbot.addWidget(page)
    assert page.package_button.text() == "Nhập gói quyết định (.dhpkg, .zip)…"
    assert page.model.rowCount() == 0

    # the dry run, then the preview (nothing written yet)
    _wait(qtbot, page.import_package(pkg))
    preview = page.package_preview
    assert preview is not None and preview.isVisible()
    rows = preview.rows()
    assert [r[0] for r in rows] == ["Nguyễn Văn Cường", "Trần Thị Bình", "Lê Văn An", "Người của xã khác"]
    assert rows[0][1] == "Được công nhận, ghi danh" and rows[2][1] == "Không được chọn"
    assert rows[3][1] == "Không có trong dữ liệu (bỏ qua)"
    text = " ".join(label.text() for label in preview.findChildren(decisions_inbox.QLabel))
    assert "Quyết định số 125-QĐ/HU ngày 05/02/2026 của Ban Thường vụ Đảng ủy huyện Bảo Thắng" in text
    assert "<b>2</b> điển hình được ghi nhận" in preview.summary.text()
    with bare_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 0

    # «Ghi nhận»: applied on the worker
    preview.apply_button.click()
    _wait(qtbot, page.package_job)
    result = page.last_package_result
    assert result is not None and len(result["recorded"]) == 2 and len(result["not_selected"]) == 1
    assert page.model.rowCount() == 1 and page.selected_id() == result["decision_ids"][0]
    assert messages[-1][0] == "info" and messages[-1][1].startswith(
        "Đã ghi nhận 2 điển hình theo Quyết định số 125"
    )
    with bare_db.session() as s:
        recs = s.scalars(select(Recognition).where(Recognition.decision_number == "125-QĐ/HU")).all()
        assert {r.candidate_id for r in recs} == {cid for cid, _ in chosen}
        assert s.get(Candidate, ids["Lê Văn An"]).history[-1].reason.startswith("Không có tên trong")
    backups = [p.name for p in maintenance.backup_folder(bare_db).glob("*.sqlite3")]
    assert any("truoc-nhap-goi" in name for name in backups)

    # the same package again: nothing to do
    page.package_preview = None
    _wait(qtbot, page.import_package(pkg))
    assert page.package_preview is None and "đã được nhập" in messages[-1][1]


def test_package_for_another_unit_asks_first(qtbot, bare_db, messages, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    info = fill(bare_db)
    cid = info["ids"]["Đặng Văn Đức"]
    pkg = make_package(tmp_path, "Đảng ủy xã Bản Mế", [(cid, "Đặng Văn Đức")], [])
    page = decisions_inbox.Page(AppContext(bare_db))
    qtbot.addWidget(page)
    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(
        decisions_inbox, "ask_yes_no", lambda _p, text, *a, **k: asked.append(text) or answers.pop(0)
    )

    _wait(qtbot, page.import_package(pkg))  # «Không»: nothing happens
    assert len(asked) == 1 and "Đảng ủy xã Bản Mế" in asked[0] and "vẫn nhập" in asked[0]
    assert "--force-recipient" not in asked[0] and page.package_preview is None

    _wait(qtbot, page.import_package(pkg))  # «Đồng ý»: the dry run again, overriding
    qtbot.waitUntil(lambda: page.package_preview is not None, timeout=15000)
    page.package_preview.accept()
    _wait(qtbot, page.package_job)
    assert page.last_package_result is not None and len(page.last_package_result["recorded"]) == 1
    assert page.model.rowCount() == 1


def test_bad_files_say_why(qtbot, bare_db, messages, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(bare_db)
    page = decisions_inbox.Page(AppContext(bare_db))
    qtbot.addWidget(page)
    junk = tmp_path / "khong-phai-goi.zip"
    junk.write_bytes(b"PK rac rac")
    _wait(qtbot, page.import_package(junk))
    assert messages[-1][0] == "error" and "khong-phai-goi.zip" in messages[-1][1]
    nobody = make_package(tmp_path, "Đảng ủy xã Tân Lập", [], [])
    _wait(qtbot, page.import_package(nobody))
    assert messages[-1][0] == "error" and "không có điển hình nào của cơ quan này" in messages[-1][1]
    assert page.package_preview is None


def test_a_package_opened_from_explorer_goes_to_its_page(qtbot, bare_db, messages, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``main.py --open FILE`` (the .dhpkg file association): a decision package lands on
    «Quyết định nhận về» with its preview; a file that is not a package says why."""
    from dienhinh_desktop.gui.app import open_package_in_window
    from dienhinh_desktop.gui.main_window import MainWindow

    info = fill(bare_db)
    ids = info["ids"]
    pkg = make_package(tmp_path, "Đảng ủy xã Tân Lập", [(ids["Trần Thị Bình"], "Trần Thị Bình")], [])
    window = MainWindow(AppContext(bare_db))
    qtbot.addWidget(window)
    open_package_in_window(window, pkg)
    page = window.current_page()
    assert page is window.page("quyet-dinh")
    _wait(qtbot, page.package_job)
    assert page.package_preview is not None

    junk = tmp_path / "khong-phai-goi.dhpkg"
    junk.write_text("không phải gói", encoding="utf-8")
    open_package_in_window(window, junk)
    assert messages and messages[-1][0] == "error"
