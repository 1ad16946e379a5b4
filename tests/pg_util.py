"""Make a fresh PostgreSQL database per test on the server that .ci/run starts."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def fresh_pg_database(server_url: str) -> str:
    url = make_url(server_url)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)
