"""Start the application: ``run_gui(db_location=None, screenshot=None, page=None) -> int``.

- Opens the database (a locked or broken file → a Vietnamese message box, exit status 2).
- First run (no office profile): the office profile dialog, then the main window.
- ``screenshot``: build the window at 1366×768 on the page named by ``page``, paint it
  into a PNG and exit 0 — no dialogs (the window is shown even without a profile).

Heavy modules (pages, vietnam-provinces, documents) are imported only when used.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .. import APP_NAME, APP_TITLE, __version__

SCREEN_SIZE = (1366, 768)


def _application():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from .style import apply_style

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    apply_style(app)  # type: ignore[arg-type]
    return app


def _open(db_location: str | None, quiet: bool):  # type: ignore[no-untyped-def]
    """The database, or None after telling the user why not."""
    from ..db import open_database
    from ..errors import UserError
    from ..paths import default_db_path
    from ..settings_store import get_db_location

    stored = None if db_location or os.environ.get("DIENHINH_DB") else get_db_location()
    try:
        return open_database(db_location)
    except UserError as exc:
        message = exc.message
        if exc.code == "database_locked":
            stored = None  # the chosen data is fine, only busy: do not open another file
        if stored:  # the location chosen in «Cài đặt» fails: open the default file instead
            message += (
                f"\n\nNơi lưu dữ liệu đã chọn trong «Cài đặt» không mở được; chương trình mở tệp dữ liệu "
                f"mặc định «{default_db_path()}». Vào «Cài đặt» để chọn lại."
            )
        if quiet:
            print(message, file=sys.stderr)
        else:
            from .widgets import show_error

            show_error(None, message, title="Không mở được dữ liệu")
        if stored:
            try:
                return open_database(default_db_path())
            except UserError as again:
                print(again.message, file=sys.stderr)
        return None


def _has_profile(db) -> bool:  # type: ignore[no-untyped-def]
    from ..services.office import get_profile

    with db.session() as session:
        return get_profile(session) is not None


def run_gui(db_location: str | None = None, screenshot: str | None = None, page: str | None = None) -> int:
    """Open the main window (or render it to ``screenshot``); the process exit status."""
    if (
        screenshot
        and not os.environ.get("QT_QPA_PLATFORM")
        and sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    app = _application()
    db = _open(db_location, quiet=bool(screenshot))
    if db is None:
        return 2
    ctx = None
    try:
        from .context import AppContext
        from .main_window import MainWindow

        ctx = AppContext(db)
        if screenshot:
            return _screenshot(app, ctx, Path(screenshot), page)
        if not _has_profile(db):
            from .first_run import OfficeDialog

            OfficeDialog(ctx, first_run=True).exec()
        window = MainWindow(ctx, start_page=page)
        from .pages.settings import AutoBackup

        auto_backup = AutoBackup(ctx, window)  # every 5 minutes, off the GUI thread
        auto_backup.start()
        window.show()
        status = int(app.exec())
        auto_backup.final()  # one last backup if anything changed
        return status
    finally:
        (ctx.db if ctx is not None else db).close()  # ctx.db: reopened after a restore


def _screenshot(app, ctx, path: Path, page: str | None) -> int:  # type: ignore[no-untyped-def]
    from .main_window import MainWindow
    from .pages import find_page

    if page and find_page(page) is None:
        print(f"Không có trang «{page}».", file=sys.stderr)
        return 2
    window = MainWindow(ctx, start_page=page)
    window.resize(*SCREEN_SIZE)
    window.show()
    for _ in range(8):  # let layouts settle and everything paint (~0.1 s)
        app.processEvents()
        time.sleep(0.012)
    app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(path), "PNG")
    window.close()
    if not ok:
        print(f"Không ghi được ảnh «{path}».", file=sys.stderr)
        return 2
    return 0
