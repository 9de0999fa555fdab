"""The real `orgbot run` while Telegram goes away for several retries and comes back on the same
address: one log line per attempt, no traceback, every update answered once, and the
broadcast under way when it went picks up where it was."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from knowledge.curation.apply import open_knowledge
from knowledge.residents.store import ResidentsStore
from tests.jobs.conftest import ORG, add_activity
from tests.support.fake_bot_api import FakeBotAPI

CHATS = range(30_001, 30_061)  # subscribers: 3 s of notices at 20 a second
ASKERS = (4801, 4802, 4803)  # residents who write while Telegram is away
MAX_IN_FLIGHT = 4  # jobs.notifier's sends at once


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_bot(api: FakeBotAPI, db: Path, base_url: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_BASE_URL=base_url,
        ORGBOT_DB=str(db),
        ORGBOT_NOTIFY_INTERVAL="1",
        ORGBOT_QUIET_HOURS="off",  # the test runs at any hour
    )
    return subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "run"],
        env=env,
        stdout=(db.parent / "bot.log").open("ab"),
        stderr=subprocess.STDOUT,
        cwd=db.parent,
    )


def outbox(db: Path) -> Counter[str]:
    with sqlite3.connect(db) as connection:
        return Counter(row[0] for row in connection.execute("SELECT status FROM outbox"))


def polling_attempts(log: Path) -> list[str]:
    text = log.read_text(encoding="utf-8", errors="replace")
    return re.findall(r"^.*cannot reach Telegram.*polling.*$", text, flags=re.MULTILINE)


def subscribed(db: Path) -> None:
    """Every chat in CHATS follows an organization whose activity's reminder is due now."""
    store = open_knowledge(db)
    for chat in CHATS:
        ResidentsStore(store.db).subscribe(chat, "organization", ORG)
    add_activity(store)
    store.close()


def notices(api: FakeBotAPI) -> list[dict]:
    return [m for m in api.sent() if m["chat_id"] in CHATS]


def test_telegram_gone_for_several_retries_the_bot_reconnects_and_loses_nothing(
    tmp_path: Path,
) -> None:
    db, log = tmp_path / "orgbot.db", tmp_path / "bot.log"
    subscribed(db)
    port = free_port()
    api = FakeBotAPI(port=port).start()
    bot = start_bot(api, db, api.base_url)
    try:
        api.push_message(4800, "哪里有心理咨询")
        [before] = api.wait_sent(4800, count=1, timeout=60)
        api.wait_for(lambda a: len(notices(a)) >= 20, timeout=30, what="the broadcast underway")
        api.stop()  # Telegram goes away in the middle of it
        went = time.monotonic()
        for asker in ASKERS:
            api.push_message(asker, "智塔是做什么的")  # they reach Telegram, not the bot
        deadline = went + 30
        while len(polling_attempts(log)) < 4:  # 1 + 1.5 + 2.25 s: several retries
            assert bot.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        assert len(notices(api)) < len(CHATS)  # the broadcast was cut short
        api.start()  # back, on the same port
        for asker in ASKERS:
            [reply] = api.wait_sent(asker, count=1, timeout=40)
            assert "智塔" in reply["plain"]
        deadline = time.monotonic() + 40
        while outbox(db)["pending"] + outbox(db)["sending"] and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        bot.send_signal(signal.SIGTERM)
        code = bot.wait(timeout=30)
        api.stop()
    assert code == 0
    assert "明明心理" in before["plain"]
    # Every update answered, none twice; nothing left unconfirmed.
    assert all(len(api.sent(asker)) == 1 for asker in ASKERS)
    assert api.pending_updates == []
    # The broadcast finished: a copy for each subscriber, never two. Only a notice whose
    # request was on the wire as Telegram went may be in doubt ('unknown': not sent again).
    copies = Counter(m["chat_id"] for m in notices(api))
    statuses = outbox(db)
    assert max(copies.values()) == 1
    assert statuses["sent"] + statuses["unknown"] == len(CHATS), statuses
    assert statuses["unknown"] <= MAX_IN_FLIGHT
    assert len(copies) >= len(CHATS) - statuses["unknown"]  # (0 in each of 4 runs)
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output, output
    attempts = polling_attempts(log)
    assert "attempt 1," in attempts[0] and "attempt 2," in attempts[1], attempts
    assert "reached Telegram again" in output


@pytest.mark.timed
def test_a_stop_while_telegram_is_gone_mid_broadcast_is_prompt_and_loses_no_notice(
    tmp_path: Path,
) -> None:
    db, log = tmp_path / "orgbot.db", tmp_path / "bot.log"
    subscribed(db)
    api = FakeBotAPI(port=free_port()).start()
    bot = start_bot(api, db, api.base_url)
    try:
        api.wait_for(lambda a: len(notices(a)) >= 10, timeout=60, what="the broadcast underway")
        api.stop()
        deadline = time.monotonic() + 30
        while not polling_attempts(log):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        bot.send_signal(signal.SIGTERM)
        stopping = time.monotonic()
        code = bot.wait(timeout=30)
        took = time.monotonic() - stopping
    finally:
        if bot.poll() is None:
            bot.kill()
        api.stop()
    assert code == 0
    assert took < 10  # not the 60 s a send is retried for (ORGBOT_SEND_RETRY_SECONDS)
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output, output
    statuses = outbox(db)
    assert statuses["sending"] == 0  # the sends held by the outage go back to the outbox
    assert statuses["sent"] == len(notices(api))
    assert statuses["pending"] == len(CHATS) - len(notices(api)) - statuses["unknown"]
