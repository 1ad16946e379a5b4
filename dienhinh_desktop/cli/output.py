"""Printing results: JSON on stdout for scripts, short Vietnamese text otherwise."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any


def _default(obj: Any) -> Any:
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if hasattr(obj, "__fspath__"):
        return str(obj)
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def to_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=_default)


def emit(obj: Any, as_json: bool, text: str | None = None) -> None:
    """Print ``obj`` as JSON, or ``text`` (a Vietnamese summary) for people."""
    out = sys.stdout
    if as_json:
        out.write(to_json(obj) + "\n")
    else:
        out.write((text if text is not None else to_json(obj)) + "\n")
    out.flush()


def emit_error(code: str, message: str, as_json: bool) -> None:
    sys.stderr.write(f"Lỗi: {message}\n")
    if as_json:
        sys.stdout.write(to_json({"error": {"code": code, "message": message}}) + "\n")
