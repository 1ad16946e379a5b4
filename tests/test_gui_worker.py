"""The worker thread: result on the GUI thread, errors, cancel, one job at a time."""

from __future__ import annotations

import threading
import time

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop.errors import UserError  # noqa: E402
from dienhinh_desktop.gui.worker import run_in_worker, worker_pool  # noqa: E402


def test_result_arrives_on_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen = {}

    def job(control, a, b):  # type: ignore[no-untyped-def]
        seen["thread"] = threading.current_thread()
        control.progress(1, 2, "nửa chừng")
        return a + b

    def done(result) -> None:  # type: ignore[no-untyped-def]
        seen["result"] = result
        seen["done_thread"] = threading.current_thread()

    job_obj = run_in_worker(None, "Đang cộng…", job, 2, 3, on_done=done)
    with qtbot.waitSignal(job_obj.finished, timeout=5000):
        pass
    assert seen["result"] == 5
    assert seen["thread"] is not threading.main_thread()
    assert seen["done_thread"] is threading.main_thread()
    assert worker_pool().maxThreadCount() == 1


def test_user_error_goes_to_on_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors = []

    def job(control):  # type: ignore[no-untyped-def]
        raise UserError("Tệp «a.xlsx» dòng 3: thiếu họ tên.")

    job_obj = run_in_worker(None, "Đang nhập…", job, on_error=errors.append)
    with qtbot.waitSignal(job_obj.finished, timeout=5000):
        pass
    assert errors and errors[0].message == "Tệp «a.xlsx» dòng 3: thiếu họ tên."


def test_cancel_reaches_the_job(qtbot) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()
    outcome = []

    def job(control):  # type: ignore[no-untyped-def]
        ctx = control.export_context(out_dir=None)
        started.set()
        for i in range(500):
            ctx.step(i, 500, f"tệp {i}")  # raises Cancelled once the flag is set
            time.sleep(0.005)
        return "hết"

    job_obj = run_in_worker(
        None, "Đang xuất…", job, on_done=outcome.append, on_cancelled=lambda: outcome.append("đã hủy")
    )
    assert started.wait(5)
    job_obj.dialog.canceled.emit()  # what the «Hủy» button does
    with qtbot.waitSignal(job_obj.finished, timeout=5000):
        pass
    assert outcome == ["đã hủy"]


def test_dialog_waits_before_showing(qtbot) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    job_obj = run_in_worker(None, "Đang chờ…", lambda control: gate.wait(5))
    qtbot.wait(100)
    assert not job_obj.dialog.isVisible()
    qtbot.waitUntil(job_obj.dialog.isVisible, timeout=3000)
    with qtbot.waitSignal(job_obj.finished, timeout=5000):
        gate.set()
    assert job_obj.result is True


def test_quiet_job_has_no_dialog_and_a_deleted_parent_gets_no_callback(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from dienhinh_desktop.gui.worker import background_pool, wait_for_jobs

    gate = threading.Event()
    parent = QWidget()
    called = []
    job_obj = run_in_worker(
        parent, "Đang tải…", lambda control: gate.wait(5), quiet=True, background=True, on_done=called.append
    )
    assert job_obj.dialog is None
    parent.deleteLater()
    qtbot.waitUntil(job_obj.control.is_cancelled, timeout=3000)  # the parent went: cancelled
    with qtbot.waitSignal(job_obj.finished, timeout=5000):
        gate.set()
    assert called == []
    assert wait_for_jobs(1000) and background_pool().activeThreadCount() == 0
