"""`orgbot db backup` and `db restore`: a sound copy while the bot writes; no restore under it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from knowledge.backup import RunLock
from knowledge.opening import open_stores


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_backup_taken_while_residents_are_logged_is_sound_and_restores(tmp_path: Path) -> None:
    db = tmp_path / "orgbot.db"
    knowledge, _ = open_stores(db)
    stop = threading.Event()

    def resident_traffic() -> None:  # another connection writing all the while
        conn = sqlite3.connect(db)
        n = 0
        while not stop.is_set():
            with conn:
                conn.execute(
                    "INSERT INTO subscriptions (chat_id, kind, target, created_at)"
                    " VALUES (?, 'organization', 'x', '')",
                    [n],
                )
            n += 1
        conn.close()

    writer = threading.Thread(target=resident_traffic)
    writer.start()
    while not knowledge.db.execute("SELECT count(*) FROM subscriptions").fetchone()[0]:
        assert writer.is_alive(), "the writer stopped before the backup began"
    try:
        result = invoke("db", "backup", str(tmp_path / "backup.db"), "--db", str(db))
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0 and "integrity ok" in result.output

    knowledge.db.execute("DELETE FROM organizations")
    knowledge.db.conn.commit()
    knowledge.close()
    result = invoke("db", "restore", str(tmp_path / "backup.db"), "--db", str(db))
    assert result.exit_code == 0, result.output
    knowledge, _ = open_stores(db)
    assert knowledge.count("organizations") == 18


def test_restore_is_refused_while_the_bot_runs(tmp_path: Path) -> None:
    db = tmp_path / "orgbot.db"
    open_stores(db)[0].close()
    invoke("db", "backup", str(tmp_path / "b.db"), "--db", str(db))
    lock = RunLock(db)
    assert lock.acquire()
    try:
        result = CliRunner().invoke(
            main, ["db", "restore", str(tmp_path / "b.db"), "--db", str(db)]
        )
        assert result.exit_code == 1 and "the bot is running" in result.output
    finally:
        lock.release()


def test_a_corrupt_backup_is_not_restored(tmp_path: Path) -> None:
    db = tmp_path / "orgbot.db"
    open_stores(db)[0].close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = CliRunner().invoke(main, ["db", "restore", str(bad), "--db", str(db)])
    assert result.exit_code == 1 and "not a sound database" in result.output
    assert open_stores(db)[0].count("organizations") == 18
