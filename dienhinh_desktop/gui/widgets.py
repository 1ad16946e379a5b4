"""Small shared widgets: message boxes with Vietnamese buttons, an accent-insensitive
searchable combo box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QDialogButtonBox, QMessageBox, QWidget

from ..text import fold

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 101


# ----------------------------------------------------------------------------- dialogs


def dialog_buttons(
    dialog: QDialog, ok_text: str, on_accept: Callable[[], object], *, save: bool = False
) -> QDialogButtonBox:
    """The row every dialog ends with: the action (named for what it does) and «Hủy»."""
    main = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(main | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(main).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


# ----------------------------------------------------------------------------- messages


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str = ""
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    if details:
        box.setDetailedText(details)
    return box


def show_error(parent: QWidget | None, text: str, title: str = "Không làm được", details: str = "") -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text, details).exec()


def show_info(parent: QWidget | None, text: str, title: str = "Thông báo") -> None:
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def ask_yes_no(parent: QWidget | None, text: str, title: str = "Xác nhận") -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText("Đồng ý")
    box.button(QMessageBox.StandardButton.No).setText("Không")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


# ----------------------------------------------------------------------------- search combo


class _FoldFilter(QSortFilterProxyModel):
    """Keeps the items whose folded text contains every folded word typed (any order)."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self._words = words
            self.endFilterChange()
        else:
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        folded = self.sourceModel().index(row, 0, parent).data(FOLDED_ROLE) or ""
        return all(w in folded for w in self._words)


class _FoldCompleter(QCompleter):
    """A completer in unfiltered mode over a proxy that does the accent-free matching."""

    def __init__(self, proxy: _FoldFilter, parent: QWidget) -> None:
        super().__init__(proxy, parent)
        self._proxy = proxy
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        self._proxy.set_query(path)
        return [""]

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class SearchCombo(QComboBox):
    """An editable combo box whose popup finds items without accents ("tan lap" → "Xã Tân Lập").

    Items carry a value (``itemData``); ``current_value()`` is the value of the item whose text
    is in the box, or ``None`` when the text matches no item.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._source = QStandardItemModel(self)
        self._proxy = _FoldFilter()
        self._proxy.setSourceModel(self._source)
        self._completer = _FoldCompleter(self._proxy, self)
        self.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(self._on_completed)

    def set_items(self, items: list[tuple[str, object]]) -> None:
        """Replace the items: (text, value) pairs."""
        self.blockSignals(True)
        self.clear()
        self._source.clear()
        for text, value in items:
            self.addItem(text, value)
            item = QStandardItem(text)
            item.setData(fold(text), FOLDED_ROLE)
            item.setData(value, Qt.ItemDataRole.UserRole)
            self._source.appendRow(item)
        self.setCurrentIndex(-1)
        self.blockSignals(False)

    def _on_completed(self, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        i = self.findText(text, Qt.MatchFlag.MatchExactly)
        if i >= 0:
            self.setCurrentIndex(i)
            self.activated.emit(i)

    def select_value(self, value: object) -> bool:
        i = self.findData(value)
        self.setCurrentIndex(i)
        return i >= 0

    def current_value(self) -> object | None:
        i = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        if i < 0:
            key = fold(self.currentText())
            for j in range(self.count()):
                if fold(self.itemText(j)) == key:
                    i = j
                    break
        return self.itemData(i) if i >= 0 else None
