"""Errors the user sees. The message is Vietnamese and names the file, row or field."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused operation; the database is left exactly as before.

    ``code`` is a short English slug for scripts (``{"error": {"code", "message"}}``).
    """

    def __init__(self, message: str, code: str = "bad_input") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class DatabaseLocked(UserError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="database_locked")


class DatabaseTooNew(UserError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="database_too_new")


class StaleRecord(UserError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="stale_record")
