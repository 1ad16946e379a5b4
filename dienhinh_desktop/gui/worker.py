"""Long core work off the GUI thread: ONE worker thread, a progress dialog, Cancel.

Usage (from any page)::

    from dienhinh_desktop.gui.worker import run_in_worker

    def job(control, what, out_dir):          # runs on the worker thread
        ctx = control.export_context(out_dir=out_dir, plan_id=plan_id)   # progress + cancel wired
        with db.transaction() as session:     # open the session HERE, on the worker thread
            return run_export(session, what, ctx)

    run_in_worker(self, "Đang xuất danh sách…", job, "registration-summary", out_dir,
                  on_done=lambda paths: show_info(self, f"Đã ghi {len(paths)} tệp."))

- ``fn(control, *args, **kwargs)`` is called on the worker thread. ``control`` is a
  :class:`JobControl`: ``control.progress(done, total, label)`` moves the bar,
  ``control.is_cancelled()`` says whether the user pressed «Hủy» (or
  ``control.check()`` raises ``Cancelled``), ``control.export_context(**kw)`` builds a
  ``documents.exporters.ExportContext`` with both wired in.
- ``fn`` must not touch widgets; it works on its own session (SQLite connections are shared
  across threads safely here: ``check_same_thread=False``, one job at a time).
- ``on_done(result)`` runs on the GUI thread with ``fn``'s return value. ``on_error(exc)``,
  if given, replaces the default handling: a ``UserError`` shows its Vietnamese message, any
  other exception a «Đã có lỗi…» box with the traceback under «Chi tiết». A cancelled job
  (``Cancelled`` raised, or the flag set) calls ``on_cancelled()`` if given, else nothing.
- Jobs run one after another (a single worker thread: SQLite has one writer anyway).
- The progress dialog appears only if the job is still running after 600 ms
  (never with ``quiet=True``: a quiet job has no dialog at all, ``job.dialog`` is None).
- ``background=True``: the job runs on a second single thread (:func:`background_pool`) for
  long read-only work that must not hold up the user's jobs (the «Tiêu chí» column).
- If ``parent`` is destroyed before the job ends (the window closed), its callbacks are not
  called (the job's cancel flag is set when the parent goes).
- Returns the :class:`Job` (its ``finished`` signal fires after the callbacks).
- :func:`wait_for_jobs` (on quitting): cancel what has not started, wait for what runs.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..errors import UserError

SHOW_AFTER_MS = 600
_pool: QThreadPool | None = None
_background: QThreadPool | None = None
_running: set[Job] = set()  # keep jobs (and their signal objects) alive until they finish


def _single_thread_pool() -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)
    return pool


def worker_pool() -> QThreadPool:
    """The one worker thread (a pool of size 1)."""
    global _pool
    if _pool is None:
        _pool = _single_thread_pool()
    return _pool


def background_pool() -> QThreadPool:
    """A second single thread for long background reading (``run_in_worker(background=True)``)."""
    global _background
    if _background is None:
        _background = _single_thread_pool()
    return _background


def wait_for_jobs(timeout_ms: int = 15000) -> bool:
    """Cancel every job (those not started yet never run), then wait for the running ones
    (call before closing the database on quitting). False if one was still running."""
    for job in list(_running):
        job.control.cancel()
    ok = True
    for pool in (_pool, _background):
        if pool is not None:
            pool.clear()
            ok = pool.waitForDone(timeout_ms) and ok
    return ok


class Cancelled(Exception):
    """The user pressed Cancel (the core's ``documents.exporters.Cancelled`` works too)."""


class JobControl:
    """What the job sees: progress reporting and the cancel flag (thread-safe)."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, label: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._job._signals.progress.emit(int(done), int(total), str(label))

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()

    def export_context(self, **kwargs: Any):  # type: ignore[no-untyped-def]
        from ..documents.exporters import ExportContext

        return ExportContext(progress=self.progress, is_cancelled=self.is_cancelled, **kwargs)


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object, str)


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._job = job

    def run(self) -> None:
        job = self._job
        try:
            result = job._fn(job.control, *job._args, **job._kwargs)
        except BaseException as exc:  # noqa: BLE001  (reported on the GUI thread)
            job._signals.failed.emit(exc, traceback.format_exc())
        else:
            job._signals.done.emit(result)


class Job(QObject):
    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[..., Any],
        args: tuple,
        kwargs: dict,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
        cancellable: bool,
        quiet: bool = False,
        background: bool = False,
    ) -> None:
        super().__init__()
        self.quiet = quiet
        self._pool = background_pool() if background else worker_pool()
        self._parent, self.title = parent, title
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._on_done, self._on_error, self._on_cancelled = on_done, on_error, on_cancelled
        self.control = JobControl(self)
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_finished = False
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.done.connect(self._finish_ok, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._finish_error, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = None
        if not quiet:  # a quiet job (automatic backup, loading a page) never shows a dialog
            self.dialog = QProgressDialog(title, "Hủy" if cancellable else "", 0, 0, parent)
            self.dialog.setWindowTitle("Đang làm việc")
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(10**9)  # we decide when it shows
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            if not cancellable:
                self.dialog.setCancelButton(None)
            self.dialog.canceled.connect(self.cancel)
            self.dialog.hide()
        if parent is not None:  # the page goes away (window closed): stop, call nothing back
            parent.destroyed.connect(self.control.cancel)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._runnable = _Runnable(self)

    def start(self) -> None:
        _running.add(self)
        if self.dialog is not None:
            self._timer.start(SHOW_AFTER_MS)
        self._pool.start(self._runnable)

    def cancel(self) -> None:
        self.control.cancel()
        if self._dialog_alive():
            self.dialog.setLabelText("Đang dừng…")  # type: ignore[union-attr]

    def _dialog_alive(self) -> bool:
        return self.dialog is not None and shiboken6.isValid(self.dialog)

    def _parent_gone(self) -> bool:
        return self._parent is not None and not shiboken6.isValid(self._parent)

    def _show_dialog(self) -> None:
        if not self.is_finished and self._dialog_alive() and not self._parent_gone():
            self.dialog.show()  # type: ignore[union-attr]

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if not self._dialog_alive():
            return
        dialog = self.dialog
        assert dialog is not None
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if label:
            dialog.setLabelText(f"{self.title}\n{label}")

    def _close(self) -> None:
        self.is_finished = True
        self._timer.stop()
        if self._dialog_alive():
            self.dialog.hide()  # type: ignore[union-attr]
            self.dialog.deleteLater()  # type: ignore[union-attr]

    def _finish_ok(self, result: Any) -> None:
        self._close()
        self.result = result
        try:
            if self._parent_gone():
                pass  # nobody left to tell
            elif self.control.is_cancelled():
                if self._on_cancelled:
                    self._on_cancelled()
            elif self._on_done:
                self._on_done(result)
        finally:
            self._end()

    def _finish_error(self, exc: BaseException, tb: str) -> None:
        self._close()
        self.error = exc
        try:
            if self._parent_gone():
                pass
            elif _is_cancel(exc) or self.control.is_cancelled():
                if self._on_cancelled:
                    self._on_cancelled()
            elif self._on_error:
                self._on_error(exc)
            else:
                report_error(self._parent, exc, tb)
        finally:
            self._end()

    def _end(self) -> None:
        _running.discard(self)
        if self._parent is not None and not self._parent_gone():
            try:
                self._parent.destroyed.disconnect(self.control.cancel)
            except (RuntimeError, TypeError):  # pragma: no cover
                pass
        self.finished.emit()


def _is_cancel(exc: BaseException) -> bool:
    if isinstance(exc, Cancelled | KeyboardInterrupt):
        return True
    try:
        from ..documents.exporters import Cancelled as ExportCancelled
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, ExportCancelled)


def report_error(parent: QWidget | None, exc: BaseException, tb: str = "") -> None:
    """A Vietnamese message box for an exception of a job."""
    from .widgets import show_error

    if isinstance(exc, UserError):
        show_error(parent, exc.message)
    else:
        show_error(
            parent,
            "Đã có lỗi không mong muốn, việc này chưa làm xong (dữ liệu không bị thay đổi dở dang).\n"
            f"{type(exc).__name__}: {exc}",
            title="Lỗi",
            details=tb,
        )


def run_in_worker(
    parent: QWidget | None,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    cancellable: bool = True,
    quiet: bool = False,
    background: bool = False,
    **kwargs: Any,
) -> Job:
    """Run ``fn(control, *args, **kwargs)`` on the worker thread (see the module docstring).

    ``quiet=True``: no progress dialog at all (background work such as automatic backups;
    pass ``on_error`` too, or a failure still shows a message box). ``background=True``: on
    the second thread (:func:`background_pool`), beside the user's jobs."""
    job = Job(
        parent, title, fn, args, kwargs, on_done, on_error, on_cancelled, cancellable, quiet, background
    )
    job.start()
    return job
