"""`orgbot run --log-format json` and `--health-port`, as real processes against the fake API."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bot.logs import JsonFormatter, RedactingFormatter
from tests.bot.test_run_process import _free_port, api, stop_bot  # noqa: F401  (fixture)
from tests.support.fake_bot_api import FakeBotAPI

RESIDENT = 5151
NAME, USERNAME = "欧阳秘密", "secret_username_42"
QUESTION = "我想咨询一件私事：哪里有心理咨询"


def start(server: FakeBotAPI, tmp_path: Path, *args: str, base_url: str | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=server.token,
        TELEGRAM_BASE_URL=base_url or server.base_url,
        ORGBOT_DB=str(tmp_path / "orgbot.db"),
    )
    log = tmp_path / "bot.log"
    process = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "run", *args],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    return process, log


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def get_when_listening(url: str) -> tuple[int, dict]:
    for _ in range(300):
        try:
            return get(url)
        except urllib.error.URLError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


def test_json_logs_one_object_a_line_ids_but_no_names_text_or_token(
    api: FakeBotAPI,  # noqa: F811
    tmp_path: Path,
) -> None:
    process, log = start(api, tmp_path, "--log-format", "json")
    try:
        api.wait_for(lambda a: a.commands, timeout=60, what="setMyCommands at start-up")
        api.push_message(RESIDENT, QUESTION, username=USERNAME, first_name=NAME)
        api.wait_sent(RESIDENT, count=1, timeout=30)
        api.block_user(RESIDENT)  # the next reply fails with 403: an INFO line naming the chat
        api.push_message(RESIDENT, QUESTION, username=USERNAME, first_name=NAME)
        deadline = time.monotonic() + 30
        while "blocked the bot" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
    finally:
        assert stop_bot(process) == 0
    output = log.read_text(encoding="utf-8")
    entries = [json.loads(line) for line in output.splitlines()]  # every line is one object
    assert all(set(entry) >= {"time", "level", "logger", "message"} for entry in entries)
    assert any(entry["message"].startswith("orgbot starting (polling)") for entry in entries)
    assert not [entry for entry in entries if entry["logger"].startswith("apscheduler")]
    [blocked] = [entry for entry in entries if "blocked the bot" in entry["message"]]
    assert blocked["level"] == "INFO" and str(RESIDENT) in blocked["message"]
    for secret in (NAME, USERNAME, QUESTION, "私事", api.token, api.token.split(":")[1]):
        assert secret not in output


def record_with_token_traceback(token: str) -> logging.LogRecord:
    try:
        raise RuntimeError(f"request to /bot{token}/getMe failed")
    except RuntimeError:
        return logging.LogRecord(
            "t", logging.ERROR, __file__, 1, "failed %s", (token,), sys.exc_info()
        )


def test_the_json_formatter_redacts_exactly_as_the_text_formatter() -> None:
    token = "123456789:AAHfakeTokenForEndToEndTests-012345"
    text = RedactingFormatter(token).format(record_with_token_traceback(token))
    line = JsonFormatter(token).format(record_with_token_traceback(token))
    entry = json.loads(line)
    assert "\n" not in line and token not in line and token.split(":")[1] not in line
    assert entry["message"] == "failed <TELEGRAM_BOT_TOKEN>"
    assert entry["exception"] in text  # the same traceback, redacted the same way
    assert text.count("<TELEGRAM_BOT_TOKEN>") == line.count("<TELEGRAM_BOT_TOKEN>")


def test_health_answers_200_in_webhook_mode_and_404_elsewhere(
    api: FakeBotAPI,  # noqa: F811
    tmp_path: Path,
) -> None:
    port, health = _free_port(), _free_port()
    process, log = start(
        api,
        tmp_path,
        "--webhook-url",
        "https://orgbot.example.test",
        "--port",
        str(port),
        "--health-port",
        str(health),
    )
    try:
        api.wait_for(lambda a: a.webhook.get("url"), timeout=60, what="setWebhook")
        deadline = time.monotonic() + 30
        status, body = get_when_listening(f"http://127.0.0.1:{health}/health")
        while status != 200 and time.monotonic() < deadline:  # running just after setWebhook
            time.sleep(0.1)
            status, body = get(f"http://127.0.0.1:{health}/health")
        assert (status, body["status"], body["mode"]) == (200, "ok", "webhook")
        assert get(f"http://127.0.0.1:{health}/")[0] == 404
        assert api.token.split(":")[1] not in json.dumps(body)
    finally:
        assert stop_bot(process) == 0
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_health_is_503_while_telegram_cannot_be_reached_at_start(tmp_path: Path) -> None:
    health = _free_port()
    with FakeBotAPI() as gone:
        dead = gone.base_url  # stopped here: nothing listens there any more
    process, _ = start(gone, tmp_path, "--health-port", str(health), base_url=dead)
    try:
        status, body = get_when_listening(f"http://127.0.0.1:{health}/health")
        assert status == 503 and body["status"] == "starting or stopping"
    finally:
        assert stop_bot(process) == 0


def test_a_health_port_in_use_stops_with_one_line(api: FakeBotAPI, tmp_path: Path) -> None:  # noqa: F811
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process, log = start(api, tmp_path, "--health-port", str(port))
        assert process.wait(timeout=60) == 1
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[-1].startswith(f"Error: cannot answer /health on 127.0.0.1:{port}")
    assert "Traceback" not in "\n".join(lines)


def test_a_json_log_line_stays_one_line_whatever_the_message_holds() -> None:
    record = logging.LogRecord(
        "t", logging.INFO, __file__, 1, "a\nb\x85c\u2028d\u2029e\x00f", None, None
    )
    line = JsonFormatter("").format(record)
    assert len(line.splitlines()) == 1
    assert json.loads(line)["message"] == "a\nb\x85c\u2028d\u2029e\x00f"
