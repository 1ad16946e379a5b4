"""Trying a database before the officer switches to it, and a failed connection told in
Vietnamese — what went wrong and what to check — never with the password.

    text = try_connection("postgresql://canbo:matkhau@may-chu/dienhinh")   # or a file path
    message = connection_error(url, exc)

PostgreSQL errors are recognised by their SQLSTATE (pg8000 puts the server's fields in the
exception: ``C`` the code, ``M`` the message) and by the socket error under a failed connect.
"""

from __future__ import annotations

import errno
import socket

from sqlalchemy.engine import make_url

from ..errors import UserError
from ..settings_store import describe_location as shown_location

CONNECT_TIMEOUT = 8  # seconds, for «Thử kết nối»: a server that does not answer
EXAMPLE = "postgresql://nguoidung:matkhau@maychu/dienhinh"

# SQLSTATE → what to tell the officer.
SQLSTATE_HINTS = {
    "28P01": "sai tên đăng nhập hoặc mật khẩu",
    "28000": "máy chủ không cho đăng nhập: chưa có người dùng này, hoặc pg_hba.conf chưa cho phép máy này",
    "3D000": "máy chủ chưa có cơ sở dữ liệu này (người quản trị tạo bằng lệnh createdb)",
    "42501": "người dùng này không có quyền trên cơ sở dữ liệu",
    "53300": "máy chủ đã đủ số kết nối; hãy thử lại sau",
    "57P03": "máy chủ đang khởi động; hãy thử lại sau giây lát",
}
REFUSED = "máy chủ từ chối kết nối: sai địa chỉ, sai cổng hoặc PostgreSQL chưa chạy"
UNKNOWN_HOST = "không tìm thấy máy chủ có tên này trong mạng"
TIMEOUT = "quá thời gian chờ: máy chủ không trả lời (kiểm tra mạng, tường lửa, cổng 5432)"
NO_ROUTE = "không đến được máy chủ (kiểm tra mạng nội bộ)"
# Words of a message → hint, when neither a code nor a socket error says it.
TEXT_HINTS = (
    ("password authentication failed", SQLSTATE_HINTS["28P01"]),
    ("connection refused", REFUSED),
    ("could not translate host name", UNKNOWN_HOST),
    ("name or service not known", UNKNOWN_HOST),
    ("timeout expired", TIMEOUT),
    ("timed out", TIMEOUT),
    ("no route to host", NO_ROUTE),
    ("does not exist", "cơ sở dữ liệu hoặc người dùng này chưa có trên máy chủ"),
)


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, what SQLAlchemy wrapped (``orig``) and what caused them."""
    out: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or any(e is seen for seen in out):
            continue
        out.append(e)
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]
    return out


def _server_fields(exc: BaseException) -> dict[str, str]:
    """pg8000's error fields ({"C": SQLSTATE, "M": message, …}) if the server sent some."""
    for e in _chain(exc):
        for arg in getattr(e, "args", ()):
            if isinstance(arg, dict) and "C" in arg:
                return {str(k): str(v) for k, v in arg.items()}
    return {}


def _socket_hint(exc: BaseException) -> str:
    for e in _chain(exc):
        if isinstance(e, ConnectionRefusedError):
            return REFUSED
        if isinstance(e, socket.gaierror):
            return UNKNOWN_HOST
        if isinstance(e, (TimeoutError, socket.timeout)):
            return TIMEOUT
        if isinstance(e, OSError) and e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return NO_ROUTE
    return ""


def _detail(exc: BaseException, fields: dict[str, str]) -> str:
    if fields.get("M"):
        return fields["M"]
    for e in _chain(exc):
        if getattr(e, "orig", None) is None and str(e).strip():
            return str(e).strip().splitlines()[0]
    return type(exc).__name__


def connection_error(location: str, exc: BaseException) -> str:
    """What went wrong opening ``location``, in Vietnamese, with a hint when one is known;
    the password never appears (the server's own words follow as «Chi tiết»)."""
    shown = shown_location(location)
    if isinstance(exc, ModuleNotFoundError):
        return f"Máy này chưa cài trình kết nối cơ sở dữ liệu ({exc.name}). Hãy cài lại chương trình."
    fields = _server_fields(exc)
    detail = _detail(exc, fields)
    hint = SQLSTATE_HINTS.get(fields.get("C", ""), "") or _socket_hint(exc)
    if not hint:
        hint = next((h for key, h in TEXT_HINTS if key in detail.lower()), "")
    password = _password(location)  # wherever the driver repeats the URL, the password goes
    if password:
        detail = detail.replace(password, "***")
    return (
        f"Không kết nối được cơ sở dữ liệu «{shown}»"
        + (f": {hint}." if hint else ".")
        + f"\nChi tiết: {detail}"
    )


def _password(location: str) -> str | None:
    if "://" not in location:
        return None
    try:
        return make_url(location).password  # type: ignore[return-value]
    except Exception:  # noqa: BLE001
        return None


def check_url(location: str) -> None:
    """A URL that cannot be read, or that is no PostgreSQL address, is refused with an example."""
    if "://" not in location:
        return
    try:
        parsed = make_url(location)
    except Exception as exc:  # noqa: BLE001
        raise UserError(f"Địa chỉ «{location}» không đúng dạng. Ví dụ: {EXAMPLE}", code="bad_url") from exc
    if parsed.get_backend_name() not in ("postgresql", "sqlite"):
        raise UserError(f"Địa chỉ phải bắt đầu bằng «postgresql://». Ví dụ: {EXAMPLE}", code="bad_url")


def try_connection(location: str) -> str:
    """Open ``location`` (a file path or a PostgreSQL URL) as the program would — creating or
    upgrading the tables if needed — and close it. Returns a Vietnamese success text naming
    the office whose data it holds; raises UserError (``connect_failed``) otherwise."""
    from ..services.office import get_profile
    from .engine import open_database

    check_url(location)
    try:
        db = open_database(location, connect_timeout=CONNECT_TIMEOUT)
    except UserError:  # already in Vietnamese, without the password
        raise
    except Exception as exc:  # noqa: BLE001  (a URL SQLAlchemy cannot use, a missing driver…)
        raise UserError(connection_error(location, exc), code="connect_failed") from None
    try:
        with db.session() as s:
            profile = get_profile(s)
            office = profile.name if profile else None
    finally:
        db.close()
    shown = shown_location(location)
    if office:
        return f"Kết nối thành công tới «{shown}». Dữ liệu của cơ quan: {office}."
    return f"Kết nối thành công tới «{shown}». Cơ sở dữ liệu còn trống (chưa khai báo cơ quan)."
