"""The main window: navigation on the left, the pages in a stack, a status bar.

Pages are listed in ``gui/pages/__init__.py`` (``PAGES``) and built the first time they are
shown. A page module that is missing, or raises ``NotBuilt``, shows a placeholder that says
what the page will hold.
"""

from __future__ import annotations

import importlib
import logging
import traceback

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from .. import APP_TITLE
from .context import AppContext
from .pages import PAGES, NotBuilt, PageSpec, find_page
from .pages.placeholder import PlaceholderPage
from .style import icon

log = logging.getLogger(__name__)
PAGE_PACKAGE = "dienhinh_desktop.gui.pages"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, start_page: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setMinimumSize(1000, 620)
        self.resize(1366, 768)
        self._pages: dict[str, QWidget] = {}

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(200)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in PAGES:
            item = QListWidgetItem(icon(spec.icon), spec.label)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(spec.description)
            item.setSizeHint(QSize(0, 36))
            self.nav.addItem(item)
        layout.addWidget(self.nav)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        self.db_status = QLabel(f"Dữ liệu: {ctx.location}")
        self.db_status.setObjectName("dbStatus")
        self.plan_status = QLabel()
        self.plan_status.setObjectName("planStatus")
        self.count_status = QLabel()
        self.count_status.setObjectName("countStatus")
        bar.addWidget(self.db_status, 1)
        bar.addPermanentWidget(self.plan_status)
        bar.addPermanentWidget(self.count_status)

        self.nav.currentRowChanged.connect(self._on_nav)
        self._connect_hub()
        self.update_title()
        self.update_plan_status()
        spec = find_page(start_page) or PAGES[0]
        self.show_page(spec.key)

    def _connect_hub(self) -> None:
        hub = self.ctx.hub
        hub.navigate.connect(self.show_page)
        hub.status_count.connect(self.count_status.setText)
        hub.profile_changed.connect(self.update_title)
        hub.plan_changed.connect(lambda _pid: self.update_plan_status())
        hub.database_reopened.connect(self.reload_pages)

    def reload_pages(self) -> None:
        """After ``ctx.reopen_database()``: a fresh hub (the old pages' connections go with the
        old one), every page thrown away and the current one built again on the new database."""
        from .context import SignalHub

        row = self.nav.currentRow()
        key = PAGES[row].key if 0 <= row < len(PAGES) else PAGES[0].key
        old_hub, self.ctx.hub = self.ctx.hub, SignalHub()
        old_hub.deleteLater()
        self._connect_hub()
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        self.db_status.setText(f"Dữ liệu: {self.ctx.location}")
        self.update_title()
        self.update_plan_status()
        spec = find_page(key)
        if spec is not None:
            self._activate(spec)

    # -- title, status ----------------------------------------------------------------------------
    def update_title(self) -> None:
        office = self.ctx.office_name()
        self.setWindowTitle(f"{APP_TITLE} — {office}" if office else f"{APP_TITLE} — chưa khai báo cơ quan")

    def update_plan_status(self) -> None:
        name = self.ctx.plan_name()
        if len(name) > 70:
            name = name[:68].rstrip() + "…"
        self.plan_status.setText(f"Kế hoạch: {name}" if name else "Chưa có kế hoạch đang thực hiện")

    # -- pages --------------------------------------------------------------------------------------
    def show_page(self, name: str) -> QWidget | None:
        """Show a page by key, module name or label (built on first use)."""
        spec = find_page(name)
        if spec is None:
            return None
        row = next(i for i, s in enumerate(PAGES) if s.key == spec.key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # → _on_nav
        else:
            self._activate(spec)
        return self._pages.get(spec.key)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def page(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self._activate(PAGES[row])

    def _activate(self, spec: PageSpec) -> None:
        page = self._pages.get(spec.key)
        if page is None:
            page = self._build(spec)
            self._pages[spec.key] = page
            self.stack.addWidget(page)
        self.count_status.clear()
        self.stack.setCurrentWidget(page)
        on_shown = getattr(page, "on_shown", None)
        if callable(on_shown):
            on_shown()

    def _build(self, spec: PageSpec) -> QWidget:
        module_name = f"{PAGE_PACKAGE}.{spec.module}"
        try:
            module = importlib.import_module(module_name)
            page_class = getattr(module, "Page", None)
            if page_class is None:
                raise NotBuilt(spec.key)
            return page_class(self.ctx)
        except NotBuilt:
            return PlaceholderPage(spec)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return PlaceholderPage(spec)
            log.exception("page %s", spec.key)
            return PlaceholderPage(spec, error=f"Thiếu thành phần «{exc.name}».")
        except Exception as exc:  # a broken page must not take the whole window down
            log.error("page %s failed:\n%s", spec.key, traceback.format_exc())
            message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            return PlaceholderPage(spec, error=message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for page in self._pages.values():
            closer = getattr(page, "can_close", None)
            if callable(closer) and not closer():
                event.ignore()
                return
        event.accept()
