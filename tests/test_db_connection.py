"""db.connection: «Thử kết nối» and the CLI tell a failed connection in Vietnamese with a
hint, never with the password; on a real server (the PostgreSQL pass) a good URL connects
and a wrong database or user gets the right hint."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from dienhinh_desktop.db import open_database
from dienhinh_desktop.db.connection import (
    REFUSED,
    SQLSTATE_HINTS,
    connection_error,
    shown_location,
    try_connection,
)
from dienhinh_desktop.errors import UserError


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def test_unreachable_server_is_told_in_vietnamese_without_password() -> None:
    url = f"postgresql://can_bo:bi_mat_123@127.0.0.1:{_closed_port()}/dienhinh"
    with pytest.raises(UserError) as info:
        try_connection(url)
    text = info.value.message
    assert info.value.code == "connect_failed"
    assert text.startswith("Không kết nối được cơ sở dữ liệu «postgresql") and "can_bo:***@127.0.0.1" in text
    assert REFUSED in text and "bi_mat_123" not in text


def test_open_database_from_the_cli_hides_the_password(capsys) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.cli.main import main

    url = f"postgresql://can_bo:bi_mat_123@127.0.0.1:{_closed_port()}/dienhinh"
    assert main(["--db", url, "plans", "list", "--json"]) != 0
    out = capsys.readouterr()
    assert "bi_mat_123" not in out.out + out.err and "Không kết nối được" in out.out + out.err


def test_server_error_fields_give_the_hint() -> None:
    class Wrapped(Exception):
        pass

    orig = Exception({"S": "FATAL", "C": "3D000", "M": 'database "khongco" does not exist'})
    exc = Wrapped("wrapped")
    exc.orig = orig  # type: ignore[attr-defined]
    text = connection_error("postgresql://a:pw@may-chu/khongco", exc)
    assert SQLSTATE_HINTS["3D000"] in text and 'Chi tiết: database "khongco" does not exist' in text
    assert "pw" not in text.replace("postgresql", "")


def test_bad_urls_are_refused_with_an_example() -> None:
    with pytest.raises(UserError, match="không đúng dạng"):
        try_connection("postgresql://a:b@may-chu:cong/x")
    with pytest.raises(UserError, match="postgresql://"):
        try_connection("mysql://u:p@x/db")


def test_a_file_connects(tmp_path: Path) -> None:
    text = try_connection(str(tmp_path / "moi.sqlite3"))
    assert text.startswith("Kết nối thành công") and "chưa khai báo cơ quan" in text
    assert shown_location(str(tmp_path)) == str(tmp_path)


PG = os.environ.get("DIENHINH_TEST_PG_URL")
needs_pg = pytest.mark.skipif(not PG, reason="needs DIENHINH_TEST_PG_URL (PostgreSQL)")


@pytest.mark.postgres
@needs_pg
def test_real_server_connects_and_names_what_is_wrong() -> None:
    from tests.pg_util import fresh_pg_database

    url = make_url(fresh_pg_database(PG)).set(drivername="postgresql")  # as an officer types it
    good = url.set(password="mat-khau").render_as_string(hide_password=False)
    text = try_connection(good)  # the test server trusts local logins: any password
    assert text.startswith("Kết nối thành công") and "***" in text and "mat-khau" not in text

    with pytest.raises(UserError) as info:
        try_connection(url.set(database="khong_co_csdl_nay").render_as_string(hide_password=False))
    assert SQLSTATE_HINTS["3D000"] in info.value.message

    with pytest.raises(UserError) as info:
        try_connection(url.set(username="khong_co_ai").render_as_string(hide_password=False))
    assert SQLSTATE_HINTS["28000"] in info.value.message

    db = open_database(good)  # what the program then opens: the same data
    try:
        assert db.shown.endswith(url.database) and "mat-khau" not in db.shown
    finally:
        db.close()
