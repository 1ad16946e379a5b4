"""The user's own settings file (no Qt): a small JSON file in the user's config folder.

Keys:

- ``db_location``: the database to open when neither ``--db`` nor ``$DIENHINH_DB`` says
  otherwise — a SQLite file path or a URL (``postgresql://user:pass@server/dienhinh``).
  Read by :func:`dienhinh_desktop.db.engine.resolve_url`; a change applies at the next start.

Where: ``platformdirs.user_config_dir("DienHinhTienTien")``. ``DIENHINH_CONFIG_DIR``
overrides it; without it, ``DIENHINH_DATA_DIR`` (tests, portable installs) keeps the file
beside the data. A missing or damaged file reads as empty settings (never an error at start).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from . import APP_NAME
from .errors import UserError

CONFIG_ENV = "DIENHINH_CONFIG_DIR"
CONFIG_FILE = "cai-dat.json"
DB_LOCATION = "db_location"


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV) or os.environ.get("DIENHINH_DATA_DIR")
    return Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False, roaming=True))


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def load_settings() -> dict[str, Any]:
    """All stored settings ({} when there is no file, or it cannot be read)."""
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(values: dict[str, Any]) -> Path:
    """Merge ``values`` into the file (a ``None`` value removes the key); written atomically."""
    data = load_settings()
    for key, value in values.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cai-dat-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
        Path(tmp).replace(path)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp cài đặt «{path}»: {exc}", code="settings_write") from exc
    return path


def get_db_location() -> str | None:
    """The stored database location, or None."""
    value = load_settings().get(DB_LOCATION)
    return value.strip() if isinstance(value, str) and value.strip() else None


def set_db_location(location: str | os.PathLike[str] | None) -> Path:
    """Store (or, with None or "", forget) the database to open at the next start."""
    text = str(location).strip() if location else ""
    return save_settings({DB_LOCATION: text or None})


def describe_location(location: str) -> str:
    """A location as the user should read it: a path as is, a URL with its password hidden."""
    if "://" not in location:
        return location
    try:
        from sqlalchemy.engine import make_url

        return make_url(location).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001  (a malformed URL is shown as typed)
        return location
