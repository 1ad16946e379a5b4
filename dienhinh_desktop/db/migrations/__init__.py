"""Alembic migrations. ``HEAD`` names the newest revision so that opening an up-to-date
database needs no Alembic import at all (start-up time); a test keeps it equal to the
head of the version scripts."""

HEAD = "0002"
