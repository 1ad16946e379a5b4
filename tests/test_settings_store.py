"""The user's settings file and the database location it gives to resolve_url."""

from __future__ import annotations

from pathlib import Path

import pytest

from dienhinh_desktop import settings_store
from dienhinh_desktop.db import resolve_url
from dienhinh_desktop.paths import default_db_path


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cau-hinh"
    monkeypatch.setenv(settings_store.CONFIG_ENV, str(folder))
    return folder


def test_empty_and_round_trip(config: Path) -> None:
    assert settings_store.load_settings() == {}
    assert settings_store.get_db_location() is None
    path = settings_store.set_db_location("/du-lieu/xã Tân Lập.sqlite3")
    assert path == config / settings_store.CONFIG_FILE and path.is_file()
    assert settings_store.get_db_location() == "/du-lieu/xã Tân Lập.sqlite3"
    assert "xã Tân Lập" in path.read_text(encoding="utf-8")  # readable UTF-8, not escaped
    settings_store.save_settings({"other": 1})
    assert settings_store.load_settings() == {"db_location": "/du-lieu/xã Tân Lập.sqlite3", "other": 1}
    settings_store.set_db_location(None)
    assert settings_store.load_settings() == {"other": 1}
    assert not list(config.glob("*.tmp"))


def test_damaged_file_reads_as_empty(config: Path) -> None:
    config.mkdir()
    (config / settings_store.CONFIG_FILE).write_text("{không phải json", encoding="utf-8")
    assert settings_store.load_settings() == {}
    (config / settings_store.CONFIG_FILE).write_text("[1, 2]", encoding="utf-8")
    assert settings_store.get_db_location() is None
    settings_store.set_db_location("  ")
    assert settings_store.get_db_location() is None


def test_follows_data_dir_without_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings_store.CONFIG_ENV, raising=False)
    monkeypatch.setenv("DIENHINH_DATA_DIR", str(tmp_path / "du-lieu"))
    assert settings_store.config_path() == tmp_path / "du-lieu" / settings_store.CONFIG_FILE


def test_resolve_url_order(config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url() == f"sqlite:///{default_db_path().resolve()}"
    stored = tmp_path / "luu" / "dienhinh.sqlite3"
    settings_store.set_db_location(str(stored))
    assert resolve_url() == f"sqlite:///{stored.resolve()}"
    settings_store.set_db_location("postgresql://u:p@may-chu/dienhinh")
    assert resolve_url() == "postgresql+pg8000://u:p@may-chu/dienhinh"  # pure Python, always there
    settings_store.set_db_location("postgresql+psycopg2://u:p@may-chu/dienhinh")  # an older setting
    assert resolve_url() == "postgresql+pg8000://u:p@may-chu/dienhinh"
    settings_store.set_db_location("postgresql+pg8000://u:p%40x@may-chu:5433/dienhinh")
    assert resolve_url() == "postgresql+pg8000://u:p%40x@may-chu:5433/dienhinh"
    monkeypatch.setenv("DIENHINH_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_url() == f"sqlite:///{(tmp_path / 'env.sqlite3').resolve()}"
    assert resolve_url(tmp_path / "cli.sqlite3") == f"sqlite:///{(tmp_path / 'cli.sqlite3').resolve()}"


def test_describe_location_hides_password() -> None:
    assert settings_store.describe_location("/a/b.sqlite3") == "/a/b.sqlite3"
    shown = settings_store.describe_location("postgresql+psycopg2://can-bo:bi-mat@may-chu/dienhinh")
    assert "bi-mat" not in shown and "can-bo" in shown and "may-chu/dienhinh" in shown
