"""A real `orgbot kb import` of a large registry killed with SIGKILL while it writes: the
database is intact and exactly as it was before the import began."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from knowledge.backup import integrity_problems
from knowledge.opening import open_stores
from tests.knowledge.curation.synthetic_registry import organizations, write_csv

ROWS = 10_000


def dump(path: Path) -> list[str]:
    """Every table's schema and rows, as SQL text."""
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def writing(path: Path) -> bool:
    """Whether another process holds the database's write lock (an import under way)."""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc)
    else:
        connection.execute("ROLLBACK")
        return False
    finally:
        connection.close()


def test_an_import_killed_while_writing_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "orgbot.db"
    store, _ = open_stores(db)  # seeded and migrated, as a running office's database is
    store.close()
    before = dump(db)
    sheet = write_csv(tmp_path / "登记.csv", list(organizations(ROWS)))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    importing = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "kb", "import", str(sheet)],
        env={**env, "ORGBOT_DB": str(db)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while not writing(db):  # reading and checking 10,000 rows comes first
            assert importing.poll() is None, importing.communicate()[0].decode()
            assert time.monotonic() < deadline, "the import never began to write"
            time.sleep(0.01)
        time.sleep(0.1)  # some way into its transaction (about 0.5 s on a loaded machine)
        assert importing.poll() is None, "the import finished before it could be killed"
    finally:
        importing.send_signal(signal.SIGKILL)
        importing.wait(timeout=10)
    assert importing.returncode == -signal.SIGKILL
    assert integrity_problems(db) == []
    after = dump(db)
    assert after == before  # nothing of the 10,000 rows, no audit row, the same version
