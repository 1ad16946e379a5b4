"""The program that tests/test_crash_safety.py kills (SIGKILL) at random moments.

Run as ``python crash_safety_child.py MODE SCRATCH_DB ...``. The process imports the program once,
prints ``ready``, then reads commands from standard input; for each ``go DB`` line it forks
a worker that does the work on database DB while this process waits for it, prints
``pid N`` at once and ``exit CODE`` when the worker is gone (finished or killed). Forking
keeps a few hundred trials inside the time budget: the worker starts at once, with
SQLAlchemy and the program already imported (no engine exists before the fork).

Modes
Before the first fork the work is done once on SCRATCH_DB (a copy of the starting
database) to load and configure everything.

- ``import XLSX PLAN_ID``: import the registration list XLSX into plan PLAN_ID in one
  transaction (the file is read once, before any fork: the trials kill the writing); the
  worker prints ``committed`` after the commit returned.
- ``edits``: a loop of small committed transactions, each adding a candidate «Sửa N»,
  editing the candidate «Mốc» and setting the counter ``crash_counter`` to N; the worker
  prints ``commit N`` after each commit returned.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sqlalchemy import select

from dienhinh_desktop.db import open_database
from dienhinh_desktop.exchange import registration_import as ri
from dienhinh_desktop.models import Candidate, Setting
from dienhinh_desktop.services.candidates import create_candidate, update_candidate

COUNTER = "crash_counter"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def work_import(db_path: str, xlsx: Path, plan_id: str) -> None:
    db = open_database(db_path, migrate=False, install_templates=False)
    with db.transaction() as session:
        ri.import_registration_list(session, xlsx, plan_id=plan_id)
    say("committed")
    db.close()


def work_edits(db_path: str, limit: int | None = None) -> None:
    db = open_database(db_path, migrate=False, install_templates=False)
    done = 0
    while limit is None or done < limit:
        done += 1
        with db.transaction() as session:
            setting = session.get(Setting, COUNTER)
            n = int(setting.value) + 1
            anchor = session.scalars(select(Candidate).where(Candidate.name == "Mốc")).one()
            create_candidate(
                session, plan_id=anchor.plan_id, kind="individual", name=f"Sửa {n}", birth_year=1980
            )
            update_candidate(session, anchor, expected_version=anchor.version, note=f"lần sửa {n}")
            setting.value = str(n)
        say(f"commit {n}")
    db.close()


def warm_up(mode: str, scratch: str, *args: str) -> None:
    """Do the work once on a scratch copy, so that the forked workers start with the mappers
    configured and the modules loaded (the first commit then comes in milliseconds)."""
    global say
    real_say, say = say, lambda _line: None
    try:
        if mode == "import":
            rows = ri.read_registration_rows
            sheet, all_rows = rows(Path(args[0]))
            ri.read_registration_rows = lambda _path: (sheet, all_rows[:40])
            work_import(scratch, Path(args[0]), args[1])
            ri.read_registration_rows = lambda _path: (sheet, all_rows)
        else:
            work_edits(scratch, limit=3)
    finally:
        say = real_say


def main() -> None:
    mode, scratch, *args = sys.argv[1:]
    if mode == "import":
        xlsx, plan_id = Path(args[0]), args[1]
    # The file is read once, here: the trials kill the writing, not the reading.
    warm_up(mode, scratch, *args)
    say("ready")
    for line in sys.stdin:
        cmd, _, db_path = line.strip().partition(" ")
        if cmd != "go":
            break
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                if mode == "import":
                    work_import(db_path, xlsx, plan_id)
                else:
                    work_edits(db_path)
            except BaseException as exc:  # noqa: BLE001  (reported to the test)
                say(f"error {type(exc).__name__}: {exc}")
                code = 1
            finally:
                sys.stdout.flush()
                os._exit(code)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"exit {status}")


if __name__ == "__main__":
    main()
