"""Look and feel: Fusion, a clean light palette, a font that renders Vietnamese well,
the Vietnamese locale, icons."""

from __future__ import annotations

import sys
from functools import lru_cache

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from ..paths import resource_dir

# Fonts with complete Vietnamese coverage, best first for each platform.
FONT_CANDIDATES = (
    ("Segoe UI", "Tahoma", "Arial")
    if sys.platform == "win32"
    else ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Ubuntu", "Cantarell", "Arial")
)
ACCENT = "#2b5d8c"
DATE_FORMAT = "dd/MM/yyyy"

STYLE_SHEET = f"""
QListWidget#navigation {{
    background: #eef2f6; border: none; border-right: 1px solid #d3dae3; outline: 0;
    padding-top: 6px;
}}
QListWidget#navigation::item {{ padding: 7px 10px; border-radius: 4px; margin: 1px 6px; color: #1f2d3d; }}
QListWidget#navigation::item:hover {{ background: #dfe7f0; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: 600; color: #1f2d3d; padding-bottom: 4px; }}
QLabel#pageSubtitle {{ color: #5b6b7c; }}
QLabel#fieldError {{ color: #b3261e; }}
QLabel#formError {{ color: #b3261e; font-weight: 600; }}
QLabel#bigNumber {{ font-size: 20pt; font-weight: 600; color: {ACCENT}; }}
QFrame#card {{ background: white; border: 1px solid #d8dee6; border-radius: 6px; }}
QTableView {{ gridline-color: #e3e7ec; selection-background-color: #cfe0f1; selection-color: #10202f;
    alternate-background-color: #f6f8fa; }}
QHeaderView::section {{ background: #eef2f6; border: none; border-right: 1px solid #d8dee6;
    border-bottom: 1px solid #c9d1da; padding: 4px 6px; font-weight: 600; color: #1f2d3d; }}
QStatusBar {{ background: #eef2f6; border-top: 1px solid #d3dae3; }}
QStatusBar QLabel {{ color: #3c4b5b; padding: 0 6px; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid #234d74; border-radius: 3px;
    padding: 4px 14px; }}
QPushButton#primary:hover {{ background: #326ba0; }}
QPushButton#primary:disabled {{ background: #9fb3c7; border-color: #9fb3c7; }}
"""


def pick_font_family() -> str:
    families = set(QFontDatabase.families())
    for name in FONT_CANDIDATES:
        if name in families:
            return name
    return QApplication.font().family()


def apply_style(app: QApplication) -> None:
    """Fusion with a light palette, a Vietnamese-friendly font, the Vietnamese locale."""
    app.setStyle("Fusion")
    pal = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#f7f8fa",
        QPalette.ColorRole.WindowText: "#1f2d3d",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f6f8fa",
        QPalette.ColorRole.ToolTipBase: "#ffffe8",
        QPalette.ColorRole.ToolTipText: "#1f2d3d",
        QPalette.ColorRole.PlaceholderText: "#8a96a3",
        QPalette.ColorRole.Text: "#1f2d3d",
        QPalette.ColorRole.Button: "#eef1f4",
        QPalette.ColorRole.ButtonText: "#1f2d3d",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, color in colors.items():
        pal.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa5b1"))
    app.setPalette(pal)
    font = QFont(pick_font_family())
    font.setPointSizeF(9.5 if sys.platform == "win32" else 9.0)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))


@lru_cache(maxsize=64)
def icon(name: str, fallback: QStyle.StandardPixmap | None = None) -> QIcon:
    """``resources/icons/<name>.svg`` (drawn white when selected), else a standard icon."""
    path = resource_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        style = QApplication.style()
        return style.standardIcon(fallback or QStyle.StandardPixmap.SP_FileIcon)
    data = path.read_bytes()
    result = QIcon()
    for mode, svg in (
        (QIcon.Mode.Normal, data),
        (QIcon.Mode.Selected, data.replace(ACCENT.encode(), b"#ffffff")),
    ):
        for size in (16, 20, 24, 32, 40, 48):
            result.addPixmap(_render_svg(svg, size), mode)
    return result


def _render_svg(data: bytes, size: int) -> QPixmap:
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtSvg import QSvgRenderer

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(data)).render(painter)
    painter.end()
    return pixmap
