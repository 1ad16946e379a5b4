"""Database access: open (lock, migrate, back up), sessions, transactions."""

from .engine import Database, open_database, resolve_url

__all__ = ["Database", "open_database", "resolve_url"]
