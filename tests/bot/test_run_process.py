"""The real `orgbot run` process against a strict local Bot API server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.updates import ALLOWED_UPDATES
from tests.support.fake_bot_api import FakeBotAPI


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def start_bot(
    api: FakeBotAPI, db: Path, log: Path, base_url: str | None = None
) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_BASE_URL=base_url or api.base_url,
        ORGBOT_DB=str(db),
    )
    return subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "run"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        cwd=db.parent,
    )


def stop_bot(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=20)


def test_run_answers_stops_cleanly_and_never_logs_the_token(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    log = tmp_path / "bot.log"
    process = start_bot(api, tmp_path / "orgbot.db", log)
    try:
        api.wait_for(lambda a: a.commands, timeout=60, what="setMyCommands at start-up")
        api.push_message(4242, "/start")
        api.push_message(4242, "哪里有心理咨询")
        messages = api.wait_sent(4242, count=2, timeout=30)
        assert "您好" in messages[0]["plain"]
        assert "明明心理" in messages[1]["plain"]
    finally:
        code = stop_bot(process)
    assert code == 0
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "orgbot starting" in output
    assert api.token not in output
    asked = [params for _, params in api.calls("getUpdates") if "allowed_updates" in params]
    assert asked and all(params["allowed_updates"] == ALLOWED_UPDATES for params in asked)


def test_updates_sent_while_the_bot_was_down_are_answered_after_restart(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    db, log = tmp_path / "orgbot.db", tmp_path / "bot.log"
    first = start_bot(api, db, log)
    api.wait_for(lambda a: a.commands, timeout=60, what="the first start")
    assert stop_bot(first) == 0
    api.push_message(4343, "智塔是做什么的")  # arrives while nobody is polling
    time.sleep(0.2)
    second = start_bot(api, db, log)
    try:
        [reply] = api.wait_sent(4343, count=1, timeout=60)
        assert "智塔" in reply["plain"]
    finally:
        assert stop_bot(second) == 0


def test_run_refuses_a_malformed_token_naming_the_variable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(TELEGRAM_BOT_TOKEN="not-a-token-secret", ORGBOT_DB=str(tmp_path / "o.db"))
    done = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "TELEGRAM_BOT_TOKEN" in done.stderr
    assert "not-a-token-secret" not in done.stderr + done.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_webhook_mode_checks_the_secret_token_on_every_request(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    import json
    import urllib.error
    import urllib.request

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_BASE_URL=api.base_url,
        ORGBOT_DB=str(tmp_path / "orgbot.db"),
    )
    log = tmp_path / "bot.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from bot.cli import main; main()",
            "run",
            "--webhook-url",
            "https://orgbot.example.test",
            "--listen",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        api.wait_for(lambda a: a.webhook.get("url"), timeout=60, what="setWebhook")
        public, secret = api.webhook["url"], api.webhook.get("secret_token", "")
        assert public.startswith("https://orgbot.example.test/") and secret
        # What a TLS-terminating reverse proxy would do: forward to the local listener.
        url = f"http://127.0.0.1:{port}/" + public.removeprefix("https://orgbot.example.test/")
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "text": "哪里有心理咨询",
                "chat": {"id": 4545, "type": "private", "first_name": "测试"},
                "from": {"id": 4545, "is_bot": False, "first_name": "测试"},
            },
        }

        def post(token: str) -> int:
            request = urllib.request.Request(
                url,
                data=json.dumps(update).encode(),
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    "X-Telegram-Bot-Api-Secret-Token": token,
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code

        for _ in range(100):  # the webhook server starts listening just after setWebhook
            try:
                status = post("wrong-secret")
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        assert status == 403
        assert api.sent(4545) == []
        assert post(secret) == 200
        [reply] = api.wait_sent(4545, count=1, timeout=30)
        assert "明明心理" in reply["plain"]
    finally:
        assert stop_bot(process) == 0
    assert api.token not in log.read_text(encoding="utf-8", errors="replace")


# --- start-up failures: one line naming what to check, the token nowhere --------------------


def token_nowhere(api: FakeBotAPI, output: str, folder: Path) -> None:
    """Neither the token nor its secret half in the output or in any file the bot wrote."""
    secret = api.token.split(":")[1]
    assert api.token not in output and secret not in output
    for path in folder.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), f"the token is in {path}"


def run_until_exit(api: FakeBotAPI, tmp_path: Path, base_url: str | None = None) -> tuple:
    log = tmp_path / "bot.log"
    process = start_bot(api, tmp_path / "orgbot.db", log, base_url)
    try:
        code = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            stop_bot(process)
    return code, log.read_text(encoding="utf-8", errors="replace")


def test_a_wrong_base_url_path_stops_with_one_line_naming_the_variable(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    code, output = run_until_exit(api, tmp_path, api.base_url.removesuffix("/bot") + "/api")
    assert code == 1
    assert "Traceback" not in output
    assert output.splitlines()[-1].startswith("Error: Telegram answered 404 Not Found")
    assert "TELEGRAM_BASE_URL" in output.splitlines()[-1]
    token_nowhere(api, output, tmp_path)


def test_a_revoked_token_stops_with_one_line_naming_the_variable(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.revoke_token(api.token)
    code, output = run_until_exit(api, tmp_path)
    assert code == 1
    assert "Traceback" not in output
    assert output.splitlines()[-1] == (
        "Error: Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): it was revoked or "
        "mistyped; copy the current token from @BotFather"
    )
    token_nowhere(api, output, tmp_path)


@pytest.mark.parametrize("kind", ["a folder", "not a database"])
def test_a_database_that_cannot_be_opened_stops_with_one_line(
    api: FakeBotAPI, tmp_path: Path, kind: str
) -> None:
    db = tmp_path / "orgbot.db"
    if kind == "a folder":
        db.mkdir()
    else:
        db.write_bytes(b"these are the minutes of the last meeting, not SQLite" * 100)
    code, output = run_until_exit(api, tmp_path)
    assert code == 1
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith(f"Error: cannot open the database {db} (ORGBOT_DB): ")
    token_nowhere(api, output, tmp_path)


def _free_port_url() -> tuple[int, str]:
    port = _free_port()
    return port, f"http://127.0.0.1:{port}/bot"


def _attempts(log: Path) -> list[str]:
    text = log.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if "cannot reach Telegram" in line]


def test_telegram_unreachable_at_start_is_retried_one_line_a_time_until_it_answers(
    tmp_path: Path,
) -> None:
    port, url = _free_port_url()  # nothing listens there yet: the network is down
    api = FakeBotAPI(port=port)
    log = tmp_path / "bot.log"
    process = start_bot(api, tmp_path / "orgbot.db", log, base_url=url)
    try:
        deadline = time.monotonic() + 30
        while len(_attempts(log)) < 2 and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        assert len(_attempts(log)) >= 2
        with api:  # Telegram is back
            api.push_message(4646, "哪里有心理咨询")
            [reply] = api.wait_sent(4646, count=1, timeout=30)
            assert "明明心理" in reply["plain"]
            assert stop_bot(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output
    first, second = _attempts(log)[:2]
    assert "attempt 1, next in 1 s" in first and "attempt 2, next in 2 s" in second
    assert "TELEGRAM_BASE_URL" in first
    token_nowhere(api, output, tmp_path)


def test_a_stop_signal_while_telegram_is_unreachable_stops_cleanly(tmp_path: Path) -> None:
    _, url = _free_port_url()
    api = FakeBotAPI()  # never started: only its token is used
    log = tmp_path / "bot.log"
    process = start_bot(api, tmp_path / "orgbot.db", log, base_url=url)
    try:
        deadline = time.monotonic() + 30
        while not _attempts(log) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _attempts(log)
    finally:
        code = stop_bot(process)
    assert code == 0
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


def test_a_database_deleted_while_the_bot_runs_stops_it_cleanly(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    db, log = tmp_path / "orgbot.db", tmp_path / "bot.log"
    process = start_bot(api, db, log)
    try:
        api.wait_for(lambda a: a.commands, timeout=60, what="setMyCommands at start-up")
        for path in tmp_path.glob("orgbot.db*"):
            path.unlink()
        api.push_message(4747, "哪里有心理咨询")
        [reply] = api.wait_sent(4747, count=1, timeout=30)
        code = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert "重新启动" in reply["plain"] and "明明心理" not in reply["plain"]
    assert code == 1
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output
    assert f"the database file {db} was deleted or replaced" in output
    assert output.splitlines()[-1].startswith("Error: stopped: the database file")
