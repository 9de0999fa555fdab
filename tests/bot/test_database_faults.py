"""Real `orgbot` processes on a database they cannot write: a read-only folder or file, a full
disk. Each command says so in one line naming the path and what to do; a running bot whose
disk fills keeps answering.

Read-only is made with permissions, which root ignores: as root the command runs as another
user (`unshare --map-user`, the files then belong to it but their mode still holds). A full
disk is a small tmpfs mounted in a mount namespace of the command's own (`unshare -r -m`), so
nothing is mounted on the machine."""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.opening import open_stores
from tests.knowledge.curation.synthetic_registry import organizations, write_csv
from tests.support.fake_bot_api import FakeBotAPI

ORGBOT = [sys.executable, "-c", "from bot.cli import main; main()"]
COMMANDS = {
    "run": ["run"],
    "ask": ["ask", "智塔在哪"],
    "kb import": ["kb", "import"],  # the file is added by the test
}


@functools.cache
def unshare_works(*options: str) -> bool:
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(["unshare", *options, "true"], capture_output=True, timeout=30)
    return done.returncode == 0


def environment(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    api = FakeBotAPI()  # never started: the database is opened before Telegram is called
    env.update(
        ORGBOT_DB=str(db), TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_BASE_URL="http://127.0.0.1:9/bot"
    )
    return env


def one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def as_another_user() -> list[str]:
    """What to run a command through so that file permissions hold (root ignores them)."""
    if os.geteuid() != 0:
        return []
    if not unshare_works("--map-user=1234", "--map-group=1234"):
        pytest.skip("running as root, and unshare cannot map another user here")
    return ["unshare", "--map-user=1234", "--map-group=1234"]


def args_for(command: str, tmp_path: Path) -> list[str]:
    args = list(COMMANDS[command])
    if command == "kb import":
        args.append(str(write_csv(tmp_path / "登记.csv", list(organizations(50)))))
    return args


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", ["a new database", "an existing one", "a read-only file"])
def test_a_database_that_cannot_be_written_stops_each_command_with_one_line(
    tmp_path: Path, command: str, case: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "orgbot.db"
    if case != "a new database":
        open_stores(db)[0].close()
    if case == "a read-only file":
        db.chmod(0o444)
    else:
        folder.chmod(0o555)
    try:
        done = subprocess.run(
            [*as_another_user(), *ORGBOT, *args_for(command, tmp_path)],
            env=environment(db),
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    line = one_line(done.stdout + done.stderr)
    assert line.startswith(f"Error: cannot open the database {db}")
    if case == "a read-only file":
        assert f"the database file {db} is read-only" in line
    else:
        assert f"cannot write in the folder {folder} " in line
    assert "give the user running orgbot write access to it" in line


def on_small_disk(mount: Path, size: str, command: list[str], copy: Path | None = None) -> list:
    """`command` run where `mount` is an empty tmpfs of `size` (and `copy` copied into it)."""
    if not unshare_works("-r", "-m"):
        pytest.skip("unshare cannot make a mount namespace here")
    script = f"mount -t tmpfs -o size={size} tmpfs {shlex.quote(str(mount))}"
    if copy is not None:
        script += f" && cp {shlex.quote(str(copy))} {shlex.quote(str(mount))}/"
    script += " && exec " + shlex.join(command)
    return ["unshare", "-r", "-m", "sh", "-c", script]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_full_disk_stops_each_command_with_one_line(tmp_path: Path, command: str) -> None:
    mount = tmp_path / "disk"
    mount.mkdir()
    db = mount / "orgbot.db"
    copy = None
    size = "64k"  # too small for a new database
    if command == "kb import":  # an existing database with no room for the import
        copy = tmp_path / "orgbot.db"
        open_stores(copy)[0].close()
        size = f"{copy.stat().st_size // 1024 + 64}k"
    done = subprocess.run(
        on_small_disk(mount, size, [*ORGBOT, *args_for(command, tmp_path)], copy),
        env=environment(db),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    line = one_line(done.stdout + done.stderr)
    opening = "open" if command != "kb import" else "write"
    assert line.startswith(f"Error: cannot {opening} the database {db}"), line
    assert f"the disk holding {db} is full" in line
    assert "free some space there" in line


def test_the_bot_keeps_answering_when_its_disk_fills_and_says_so_once(tmp_path: Path) -> None:
    mount = tmp_path / "disk"
    mount.mkdir()
    db, log = mount / "orgbot.db", tmp_path / "bot.log"
    with FakeBotAPI() as api:
        env = environment(db)
        env["TELEGRAM_BASE_URL"] = api.base_url
        bot = subprocess.Popen(
            on_small_disk(mount, "8m", [*ORGBOT, "run"]),
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
        try:
            api.wait_for(lambda a: a.commands, timeout=60, what="the bot started")
            disk = Path(f"/proc/{bot.pid}/root") / mount.relative_to("/")  # the bot's view
            filler = disk / "filler"
            # until the disk is full (closing may fail too: what a partial write left buffered)
            with pytest.raises(OSError), filler.open("wb") as fh:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            for n, chat in enumerate(range(4901, 4906)):
                api.push_message(chat, f"哪里有心理咨询{'？' * n}")
                [reply] = api.wait_sent(chat, count=1, timeout=30)
                assert "明明心理" in reply["plain"]
            deadline = time.monotonic() + 20
            while "cannot write the question log" not in log.read_text(encoding="utf-8"):
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.1)
            filler.unlink()  # space again: the waiting questions are written
            deadline = time.monotonic() + 20
            while "the question log is written again" not in log.read_text(encoding="utf-8"):
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.1)
        finally:
            bot.send_signal(signal.SIGTERM)
            code = bot.wait(timeout=30)
    assert code == 0
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output, output
    assert output.count("cannot write the question log") == 1
    [line] = [line for line in output.splitlines() if "cannot write the question log" in line]
    assert f"the disk holding {db} is full" in line
