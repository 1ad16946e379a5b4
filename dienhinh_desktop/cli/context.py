"""What a command needs: the database (opened on first use) and the output mode."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..db import Database, open_database


@dataclass
class CliContext:
    db_location: str | None = None
    as_json: bool = False
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_database(self.db_location)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
