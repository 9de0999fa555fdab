"""One `orgbot run` per database file, and no `orgbot db restore` under a running bot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from knowledge.backup import lock_path
from tests.bot.test_run_process import api, start_bot, stop_bot  # noqa: F401  (fixture)
from tests.support.fake_bot_api import FakeBotAPI


def orgbot(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", *args, "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=db.parent,
    )


def test_a_second_bot_on_the_same_database_exits_with_one_line_and_restore_is_refused(
    api: FakeBotAPI,  # noqa: F811
    tmp_path: Path,
) -> None:
    db = tmp_path / "orgbot.db"
    first = start_bot(api, db, tmp_path / "first.log")
    try:
        api.wait_for(lambda a: a.commands, timeout=60, what="the first bot's start")
        second = start_bot(api, db, tmp_path / "second.log")
        assert second.wait(timeout=60) == 1
        lines = (tmp_path / "second.log").read_text(encoding="utf-8").splitlines()
        lines = [line for line in lines if line.strip()]
        assert lines == [
            f"Error: another orgbot is already running on {db}: stop it first, or give this "
            "one its own database (ORGBOT_DB)"
        ]

        assert orgbot(db, "db", "backup", str(tmp_path / "b.db")).returncode == 0
        refused = orgbot(db, "db", "restore", str(tmp_path / "b.db"))
        assert refused.returncode == 1
        assert "the bot is running on this database" in refused.stderr

        # The first bot never noticed: it still answers.
        api.push_message(4848, "哪里有心理咨询")
        [reply] = api.wait_sent(4848, count=1, timeout=30)
        assert "明明心理" in reply["plain"]
    finally:
        assert stop_bot(first) == 0
    # Stopped (or killed: the kernel drops an flock with its process), the file is free.
    restored = orgbot(db, "db", "restore", str(tmp_path / "b.db"))
    assert restored.returncode == 0, restored.stderr


def test_a_killed_bot_leaves_no_lock_behind(api: FakeBotAPI, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "orgbot.db"
    first = start_bot(api, db, tmp_path / "first.log")
    api.wait_for(lambda a: a.commands, timeout=60, what="the first bot's start")
    first.kill()
    first.wait(timeout=20)
    assert lock_path(db).exists()  # the file stays; the lock on it went with the process
    second = start_bot(api, db, tmp_path / "second.log")
    try:
        api.push_message(4949, "智塔是做什么的")
        [reply] = api.wait_sent(4949, count=1, timeout=60)
        assert "智塔" in reply["plain"]
    finally:
        assert stop_bot(second) == 0
