"""The «Cài đặt» page: backups (now, list, restore with the window reopened, second folder,
check), the database location for the next start, and the automatic backups."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop import settings_store  # noqa: E402
from dienhinh_desktop.db import maintenance  # noqa: E402
from dienhinh_desktop.gui import widgets  # noqa: E402
from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.main_window import MainWindow  # noqa: E402
from dienhinh_desktop.gui.pages import settings  # noqa: E402
from dienhinh_desktop.models import BackupRecord, OfficeProfile  # noqa: E402
from dienhinh_desktop.models.base import utcnow  # noqa: E402
from tests.gui_helpers import fill  # noqa: E402


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Message boxes recorded instead of shown; every question answered «Đồng ý»."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(settings, "show_info", lambda _p, text, *a, **k: seen.append(("info", text)))
    monkeypatch.setattr(settings, "show_error", lambda _p, text, *a, **k: seen.append(("error", text)))
    monkeypatch.setattr(widgets, "show_error", lambda _p, text, *a, **k: seen.append(("error", text)))
    monkeypatch.setattr(settings, "ask_yes_no", lambda _p, text, *a, **k: seen.append(("ask", text)) or True)
    return seen


@pytest.fixture
def page(qtbot, bare_db, messages):  # type: ignore[no-untyped-def]
    fill(bare_db)
    p = settings.Page(AppContext(bare_db))
    qtbot.addWidget(p)
    return p


def _wait(qtbot, job) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: job.is_finished, timeout=15000)


def _office_name(db) -> str:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.query(OfficeProfile).one().name


def _set_officer(db, name: str) -> None:  # type: ignore[no-untyped-def]
    """An edit through the ORM (recorded in the audit log, as every edit of the program)."""
    with db.transaction() as s:
        s.query(OfficeProfile).one().officer_name = name


def test_backup_now_lists_the_file(qtbot, page, messages) -> None:  # type: ignore[no-untyped-def]
    assert page.backup_table.rowCount() == 0 and "Chưa có bản sao lưu" in page.backup_count.text()
    _wait(qtbot, page.backup_now())
    files = list(maintenance.backup_folder(page.ctx.db).glob("*.sqlite3"))
    assert len(files) == 1 and files[0].stat().st_size > 0
    assert page.backup_table.rowCount() == 1
    assert page.backup_table.item(0, 1).text() == "Sao lưu thủ công"
    assert page.backup_table.item(0, 3).text() == files[0].name
    assert page.selected_backup() == files[0]
    when = page.backup_table.item(0, 0).text()
    assert len(when) == 16 and when[2] == "/" and when[5] == "/" and when[13] == ":"
    assert messages[-1][0] == "info" and files[0].name in messages[-1][1]


def test_backup_info_reasons_and_sizes(tmp_path: Path) -> None:
    f = tmp_path / "dienhinh-20260205-143000-truoc-nhap-goi2.sqlite3"
    f.write_bytes(b"x" * 3000)
    info = settings.backup_info(f)
    assert info["when_text"] == "05/02/2026 14:30"
    assert info["reason_label"] == "Trước khi nhập gói"
    assert info["size_text"] == "2,9 KB"
    labels = {r: settings.backup_info(tmp_path / f"a-20260101-000000-{r}.sqlite3")["reason_label"] for r in (
        "tu-dong", "truoc-nang-cap", "truoc-khoi-phuc", "thu-cong")}  # fmt: skip
    assert labels == {
        "tu-dong": "Tự động",
        "truoc-nang-cap": "Trước khi nâng cấp",
        "truoc-khoi-phuc": "Trước khi khôi phục",
        "thu-cong": "Sao lưu thủ công",
    }
    assert settings.fmt_size(2_500_000) == "2,4 MB" and settings.fmt_size(512) == "512 B"


def test_restore_brings_data_back_and_reopens_the_window(qtbot, db, messages) -> None:  # type: ignore[no-untyped-def]
    fill(db)
    ctx = AppContext(db)
    win = MainWindow(ctx, start_page="cai-dat")
    qtbot.addWidget(win)
    page = win.current_page()
    assert isinstance(page, settings.Page)
    backup = maintenance.backup_now(db, "thu-cong")
    with db.transaction() as s:
        s.execute(update(OfficeProfile).values(name="Tên đã sửa"))
    assert _office_name(db) == "Tên đã sửa"
    page.refresh_backups()
    assert page.select_backup(backup)
    job = page.restore_selected()
    assert messages[0][0] == "ask" and backup.name in messages[0][1]
    assert "sao lưu dữ liệu hiện tại" in messages[0][1] and "lúc " in messages[0][1]
    _wait(qtbot, job)
    try:
        assert ctx.db is not db  # reopened
        assert _office_name(ctx.db) == "Đảng ủy xã Tân Lập"
        assert win.windowTitle().endswith("Đảng ủy xã Tân Lập")
        new_page = win.page("cai-dat")
        assert new_page is not None and new_page is not page and win.current_page() is new_page
        reasons = [new_page.backup_table.item(r, 1).text() for r in range(new_page.backup_table.rowCount())]
        assert "Trước khi khôi phục" in reasons
        assert messages[-1][0] == "info" and "Đã khôi phục" in messages[-1][1]
        # the new hub works: the window follows navigation asked by a page
        ctx.hub.navigate.emit("quyet-dinh")
        assert win.current_page() is win.page("quyet-dinh")
    finally:
        ctx.db.close()


def test_restore_refuses_a_bad_file(qtbot, page, messages, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"khong phai sqlite" * 100)
    db = page.ctx.db
    _wait(qtbot, page.restore(bad))
    assert page.ctx.db is db
    assert messages[-1][0] == "error" and "hong.sqlite3" in messages[-1][1]


def test_mirror_folder_saved_and_warned(qtbot, page, messages, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert page.mirror_label.text() == "Chưa chọn"
    usb = tmp_path / "usb"
    usb.mkdir()
    page.set_mirror(usb)
    assert maintenance.mirror_folder(page.ctx.db) == usb
    assert page.mirror_label.text() == str(usb) and page.mirror_warning.isHidden()
    _wait(qtbot, page.backup_now())
    assert len(list(usb.glob("*.sqlite3"))) == 1
    assert "thư mục thứ hai" in messages[-1][1]
    gone = tmp_path / "o-usb-chua-cam"
    page.set_mirror(gone)
    assert not page.mirror_warning.isHidden() and "không truy cập được" in page.mirror_warning.text()
    page.set_mirror(None)
    assert maintenance.mirror_folder(page.ctx.db) is None and page.mirror_label.text() == "Chưa chọn"


def test_check_message(qtbot, page, messages) -> None:  # type: ignore[no-untyped-def]
    _wait(qtbot, page.check_data())
    assert messages[-1][0] == "info" and "nguyên vẹn" in messages[-1][1]


def test_next_location_saved(qtbot, page, messages, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "tệp mặc định" in page.next_label.text() and not page.default_button.isEnabled()
    other = tmp_path / "khac" / "du-lieu-khac.sqlite3"
    from dienhinh_desktop.db import open_database

    open_database(other, install_templates=False).close()
    job = page.use_file(other)
    _wait(qtbot, job)
    assert settings_store.get_db_location() == str(other.resolve()), messages
    assert str(other.resolve()) in page.next_label.text() and page.default_button.isEnabled()
    assert "lần khởi động sau" in messages[-1][1]
    bad = tmp_path / "rac.sqlite3"
    bad.write_bytes(b"rac" * 500)
    _wait(qtbot, page.use_file(bad))
    assert messages[-1][0] == "error" and "rac.sqlite3" in messages[-1][1]
    assert settings_store.get_db_location() == str(other.resolve())
    page.set_next_location(None)
    assert settings_store.get_db_location() is None and "tệp mặc định" in page.next_label.text()


def test_postgres_dialog(qtbot, page, messages) -> None:  # type: ignore[no-untyped-def]
    dialog = page.postgres_dialog()
    qtbot.addWidget(dialog)
    dialog.url_edit.setText("mysql://u:p@x/db")
    assert dialog.test_connection() is None and dialog.ok is False and "postgresql" in dialog.result_text
    url = "postgresql://can_bo:bi_mat@127.0.0.1:1/dienhinh"
    dialog.url_edit.setText(url)
    job = dialog.test_connection()
    _wait(qtbot, job)
    assert dialog.ok is False
    assert "Không kết nối được" in dialog.result_text
    assert "bi_mat" not in dialog.result_text
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.set_next_location(dialog.url())
    assert settings_store.get_db_location() == url
    assert "bi_mat" not in page.next_label.text() and "127.0.0.1:1/dienhinh" in page.next_label.text()


def test_try_connection_success_on_a_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = settings.try_connection(str(tmp_path / "moi.sqlite3"))
    assert text.startswith("Kết nối thành công") and "chưa khai báo cơ quan" in text


def test_auto_backup_runs_in_worker_only_when_changed(qtbot, bare_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.gui import worker

    shown: list[object] = []
    monkeypatch.setattr(worker.Job, "_show_dialog", lambda job: shown.append(job))
    fill(bare_db)
    ctx = AppContext(bare_db)
    auto = settings.AutoBackup(ctx, interval_ms=10)
    folder = maintenance.backup_folder(bare_db)

    def count() -> int:
        return len(list(folder.glob("*.sqlite3")))

    # changes and no backup yet: the timer's job writes one (on the worker, no dialog)
    auto.start()
    qtbot.waitUntil(lambda: auto.runs >= 1, timeout=15000)
    auto.stop()
    qtbot.waitUntil(lambda: auto.job.is_finished, timeout=15000)
    assert auto.job.quiet and not auto.job._timer.isActive()
    assert count() == 1 and "tu-dong" in next(folder.glob("*.sqlite3")).name  # one, however many runs

    def push_backups_back() -> None:  # the last backup an hour ago (past the 30-minute interval)
        with bare_db.transaction() as s:
            s.info["no_audit"] = True
            s.execute(update(BackupRecord).values(taken_at=utcnow() - timedelta(hours=1)))

    # an hour later, nothing changed since: nothing written
    push_backups_back()
    with bare_db.transaction() as s:
        from dienhinh_desktop.models import AuditEntry

        s.info["no_audit"] = True
        s.execute(update(AuditEntry).values(at=utcnow() - timedelta(hours=2)))
    _wait(qtbot, auto.run_now())
    assert auto.last_result is None and count() == 1

    # something changed: written
    _set_officer(bare_db, "Lò Thị Mai")
    _wait(qtbot, auto.run_now())
    assert auto.last_result is not None and count() == 2

    # at close: only if something changed since the last backup
    assert not shown  # never a progress dialog
    assert auto.final() is None
    _set_officer(bare_db, "Lý Thị Hoa")
    path = auto.final()
    assert path is not None and settings.CLOSE_REASON in path.name and count() == 3
    assert auto.final() is None


def test_screenshot_of_settings_page(tmp_path, bare_db) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.gui.app import run_gui

    fill(bare_db)
    maintenance.backup_now(bare_db, "thu-cong")
    path = str(bare_db.path)
    bare_db.close()
    out = tmp_path / "cai-dat.png"
    assert run_gui(path, screenshot=str(out), page="cai-dat") == 0
    assert out.stat().st_size > 10_000
