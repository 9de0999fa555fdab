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

from tests.support.fake_bot_api import FakeBotAPI


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def start_bot(api: FakeBotAPI, db: Path, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_BASE_URL=api.base_url, ORGBOT_DB=str(db))
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
