"""Start the application: ``run_gui(db_location=None, screenshot=None, page=None) -> int``.

- Opens the database (a locked or broken file → a Vietnamese message box, exit status 2).
- First run (no office profile): the office profile dialog, then the main window.
- ``screenshot``: build the window at 1366×768 on the page named by ``page``, paint it
  into a PNG and exit 0 — no dialogs (the window is shown even without a profile). The
  window paints first; pages that load on the worker thread (``is_loading()`` /
  ``loaded``) are waited for (at most ``SCREENSHOT_WAIT_S``) so the picture shows real data.
- ``DIENHINH_STARTUP_TIMES=1`` in the environment: print ``startup first_paint <unix time>``
  and ``startup data_painted <unix time>`` on stderr (``bench/bench_startup.py``).

Heavy modules (pages, vietnam-provinces, documents) are imported only when used.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .. import APP_NAME, APP_TITLE, __version__

SCREEN_SIZE = (1366, 768)
SCREENSHOT_WAIT_S = 30  # longest wait for a page's data before grabbing anyway


def _mark(event: str) -> None:
    if os.environ.get("DIENHINH_STARTUP_TIMES"):
        print(f"startup {event} {time.time():.6f}", file=sys.stderr, flush=True)


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
    if not getattr(app, "_vietnamese_qt", None):
        from PySide6.QtGui import QIcon

        from ..paths import resource_dir
        from .qt_vietnamese import VietnameseQtTranslator

        app._vietnamese_qt = VietnameseQtTranslator(app)  # kept alive with the application
        app.installTranslator(app._vietnamese_qt)
        app.setWindowIcon(QIcon(str(resource_dir() / "icons" / "app.png")))
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


def run_gui(
    db_location: str | None = None,
    screenshot: str | None = None,
    page: str | None = None,
    open_file: str | None = None,
) -> int:
    """Open the main window (or render it to ``screenshot``); the process exit status.
    ``open_file``: a package double-clicked in Windows Explorer, previewed for import."""
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

        ctx = AppContext(db, background_loading=True)
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
        if open_file:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, lambda: open_package_in_window(window, Path(open_file)))
        status = int(app.exec())
        auto_backup.final()  # one last backup if anything changed
        return status
    finally:
        if ctx is not None:
            from .worker import wait_for_jobs

            wait_for_jobs()  # nothing may still read the database being closed
        (ctx.db if ctx is not None else db).close()  # ctx.db: reopened after a restore


def _screenshot(app, ctx, path: Path, page: str | None) -> int:  # type: ignore[no-untyped-def]
    from .main_window import MainWindow
    from .pages import find_page

    if page and find_page(page) is None:
        print(f"Không có trang «{page}».", file=sys.stderr)
        return 2
    from PySide6.QtCore import QEventLoop, QTimer

    window = MainWindow(ctx, start_page=page)
    window.resize(*SCREEN_SIZE)
    window.show()
    _settle(app)
    _mark("first_paint")
    current = window.current_page()
    is_loading = getattr(current, "is_loading", None)
    if callable(is_loading) and is_loading():  # its data comes from the worker thread
        loop = QEventLoop()
        current.loaded.connect(loop.quit)  # type: ignore[union-attr]
        QTimer.singleShot(SCREENSHOT_WAIT_S * 1000, loop.quit)
        if is_loading():
            loop.exec()
        if is_loading():
            print(
                f"Trang chưa tải xong sau {SCREENSHOT_WAIT_S} giây; ảnh chụp lúc đang tải.", file=sys.stderr
            )
        _settle(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    image = window.grab()  # paints the whole window now
    _mark("data_painted")
    ok = image.save(str(path), "PNG")
    window.close()
    if not ok:
        print(f"Không ghi được ảnh «{path}».", file=sys.stderr)
        return 2
    return 0


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    """Deliver what is pending (layouts, resizes, paints) without sleeping."""
    for _ in range(3):
        app.processEvents()


def open_package_in_window(window, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Route a package to the page that imports its kind, which previews it first:
    proposals to «Hồ sơ nhận về» (the level above), decisions to «Quyết định nhận về»."""
    from ..errors import UserError
    from ..exchange.package_format import KIND_DECISION, KIND_PROPOSAL, open_package
    from . import widgets

    try:
        kind = open_package(path).kind
    except UserError as exc:
        widgets.show_error(window, exc.message, "Không mở được gói")
        return
    if kind == KIND_PROPOSAL:
        window.show_page("ho-so-nhan").load_files([path])
    elif kind == KIND_DECISION:
        window.show_page("quyet-dinh").import_package(path)
