"""Where things live: the user's data folder (platformdirs) and the bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from . import APP_NAME


def resource_dir() -> Path:
    """The `resources/` folder (templates, plans, icons); inside a PyInstaller bundle too."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's data folder (%LOCALAPPDATA%\\DienHinhTienTien on Windows).

    ``DIENHINH_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("DIENHINH_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "dienhinh.sqlite3"


def backups_dir(base: Path | None = None) -> Path:
    path = (base or data_dir()) / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
