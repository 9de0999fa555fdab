"""The per-user default database says where it is when a command first creates it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ORGBOT = [sys.executable, "-c", "from bot.cli import main; main()"]


def orgbot(home: Path, *args: str, db: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env["XDG_DATA_HOME"] = str(home)  # where platformdirs puts the per-user data on Linux
    if db is not None:
        env["ORGBOT_DB"] = str(db)
    return subprocess.run(
        [*ORGBOT, *args], env=env, capture_output=True, text=True, timeout=60, cwd=home.parent
    )


def test_the_first_command_says_where_it_created_the_default_database(tmp_path: Path) -> None:
    home = tmp_path / "data"
    default = home / "orgbot" / "orgbot.db"
    first = orgbot(home, "ask", "智塔在哪")
    assert first.returncode == 0
    assert first.stderr.splitlines() == [
        f"已创建数据库 / created the database: {default} (set ORGBOT_DB to use another file)"
    ]
    assert "智塔" in first.stdout and "已创建" not in first.stdout  # stdout stays the answer
    again = orgbot(home, "kb", "stats")
    assert again.returncode == 0 and again.stderr == ""
    doctor = orgbot(home, "doctor", "--offline")
    assert f"OK database: {default} (the per-user default" in doctor.stdout


def test_a_database_named_by_orgbot_db_is_created_without_a_word(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen.db"
    done = orgbot(tmp_path / "data", "kb", "stats", db=chosen)
    assert done.returncode == 0 and done.stderr == ""
    assert chosen.exists() and not (tmp_path / "data").exists()


def test_orgbot_run_logs_where_it_created_the_default_database(tmp_path: Path) -> None:
    import signal

    from tests.support.fake_bot_api import FakeBotAPI

    home = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    with FakeBotAPI() as api:
        env.update(XDG_DATA_HOME=str(home), TELEGRAM_BOT_TOKEN=api.token)
        env["TELEGRAM_BASE_URL"] = api.base_url
        bot = subprocess.Popen(
            [*ORGBOT, "run"], env=env, stderr=subprocess.PIPE, text=True, cwd=tmp_path
        )
        try:
            api.wait_for(lambda a: a.commands, timeout=60, what="the bot started")
        finally:
            bot.send_signal(signal.SIGTERM)
            _, stderr = bot.communicate(timeout=30)
    assert bot.returncode == 0
    default = home / "orgbot" / "orgbot.db"
    assert f"已创建数据库 / created the database: {default}" in stderr
