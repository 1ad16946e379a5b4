"""Điển hình tiên tiến — the core library (no Qt here; the GUI lives in dienhinh_desktop.gui)."""

__version__ = "0.1.0"
APP_NAME = "DienHinhTienTien"
APP_TITLE = "Điển hình tiên tiến"
