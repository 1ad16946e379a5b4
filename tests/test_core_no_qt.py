"""The core (models, db, text, services, documents, exchange, cli) never imports Qt."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_core_module_imports_with_pyside6_unimportable() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
                    raise ImportError(f"Qt is blocked in the core: {name}")
                return None

        sys.meta_path.insert(0, BlockQt())
        import dienhinh_desktop
        names = []
        for info in pkgutil.walk_packages(dienhinh_desktop.__path__, "dienhinh_desktop."):
            if info.name.startswith("dienhinh_desktop.gui") or ".migrations.versions." in info.name:
                continue
            if info.name.endswith("migrations.env"):
                continue  # runs only inside Alembic
            importlib.import_module(info.name)
            names.append(info.name)
        assert not any(m.startswith("PySide6") for m in sys.modules), "PySide6 got imported"
        print(len(names))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 15


def test_no_pyside6_import_statement_outside_gui() -> None:
    offenders = []
    for path in (ROOT / "dienhinh_desktop").rglob("*.py"):
        rel = path.relative_to(ROOT / "dienhinh_desktop")
        if rel.parts[0] == "gui":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import PySide6", "from PySide6")):
                offenders.append(f"{rel}: {stripped}")
    assert offenders == []
