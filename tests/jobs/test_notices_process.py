"""Real `orgbot` processes: killed in the middle of a broadcast, staff importing from another
process, and a cron's `orgbot notify --once` beside the running bot."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobs.sender import MAX_IN_FLIGHT
from knowledge.curation.apply import open_knowledge
from knowledge.residents.store import ResidentsStore
from tests.jobs.conftest import ORG, add_activity, soon
from tests.jobs.faults import FaultyBotAPI

INTERVAL = 1


@pytest.fixture
def server() -> Iterator[FaultyBotAPI]:
    with FaultyBotAPI() as api:
        yield api


def environment(api: FaultyBotAPI, db: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ORGBOT_"))}
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_BASE_URL": api.base_url,
            "ORGBOT_DB": str(db),
            "ORGBOT_NOTIFY_INTERVAL": str(INTERVAL),
            "ORGBOT_QUIET_HOURS": "off",  # CI runs at any hour
            "ORGBOT_SENDER_LEASE": "2",  # a killed sender holds the notices up this long
            **settings,
        }
    )
    return env


def orgbot(api: FaultyBotAPI, db: Path, *args: str, **settings: str) -> subprocess.Popen:
    log = (db.parent / "bot.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", *args],
        env=environment(api, db, **settings),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=db.parent,
    )


def subscribers(db: Path, chats: range) -> None:
    store = open_knowledge(db)
    residents = ResidentsStore(store.db)
    for chat in chats:
        residents.subscribe(chat, "organization", ORG)
    add_activity(store)
    store.close()


def outbox(db: Path) -> Counter[str]:
    with sqlite3.connect(db) as connection:
        return Counter(row[0] for row in connection.execute("SELECT status FROM outbox"))


def lease(db: Path) -> tuple[str, float] | None:
    """Who holds the right to send, and until when on time.monotonic()."""
    with sqlite3.connect(db) as connection:
        row = connection.execute("SELECT holder, expires_at FROM sender_lease").fetchone()
    if row is None:
        return None
    expires = datetime.strptime(row[1], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return row[0], time.monotonic() + (expires - datetime.now(UTC)).total_seconds()


def busiest_second(api: FaultyBotAPI) -> int:
    """The most sends the server saw within any one second."""
    times = sorted(m["at"] for m in api.sent())
    return max(sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times))


def stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=30)


# Paced as deployed (20 a second: one notice in flight at a time), and at full speed, where
# `max_in_flight` rows are claimed and unanswered at once.
FULL_SPEED = {"ORGBOT_BROADCAST_RATE": "100000", "ORGBOT_SEND_RATE": "off"}


@pytest.mark.parametrize(
    ("chats", "settings"),
    [(range(10_001, 10_201), {}), (range(10_001, 13_001), FULL_SPEED)],
    ids=["paced", "full-speed"],
)
def test_killed_mid_broadcast_and_restarted_every_chat_has_one_copy_but_those_in_flight(
    server: FaultyBotAPI, tmp_path: Path, chats: range, settings: dict[str, str]
) -> None:
    db = tmp_path / "orgbot.db"
    subscribers(db, chats)
    settings = {**settings, "ORGBOT_SENDER_LEASE": "10"}  # longer than the next one takes to start
    first = orgbot(server, db, "run", **settings)
    try:
        server.wait_for(lambda a: len(a.sent()) >= 60, timeout=60, what="the broadcast underway")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    killed_at = time.monotonic()
    sent_before = len(server.sent())
    assert sent_before < len(chats)  # killed in the middle
    held = lease(db)
    assert held is not None and held[0].split(":")[1] == str(first.pid)  # left behind
    second = orgbot(server, db, "run", **settings)
    try:
        deadline = time.monotonic() + 60
        while outbox(db)["pending"] + outbox(db)["sending"] and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        assert stop(second) == 0
    # The second bot found the lease held, and sent nothing until it expired.
    log = (tmp_path / "bot.log").read_text(encoding="utf-8", errors="replace")
    assert f"another sender ({held[0]}) holds the right to send" in log
    later = [m["at"] for m in server.sent() if m["at"] > killed_at + 0.5]  # not in flight at kill
    assert later and min(later) >= held[1] - 0.05
    copies = Counter(m["chat_id"] for m in server.sent())
    assert max(copies.values()) == 1  # nobody got a second copy
    missing = [chat for chat in chats if copies[chat] == 0]
    statuses = outbox(db)
    assert statuses["sent"] + statuses["unknown"] == len(chats)
    # Missing: only rows claimed and not yet answered at the kill, at most MAX_IN_FLIGHT.
    # 'unknown' (never sent again) may hold as many again that were delivered but whose
    # outcome was waiting to be written with the next claim.
    assert len(missing) <= statuses["unknown"] <= 2 * MAX_IN_FLIGHT
    assert len(missing) <= MAX_IN_FLIGHT


@pytest.mark.timed
def test_staff_importing_in_another_process_reaches_subscribers_within_the_interval(
    server: FaultyBotAPI, tmp_path: Path
) -> None:
    db = tmp_path / "orgbot.db"
    store = open_knowledge(db)
    ResidentsStore(store.db).subscribe(8001, "organization", ORG)
    store.close()
    start = soon()
    sheet = tmp_path / "活动.csv"  # 组织 given by name, the start without a zone (ORGBOT_TZ)
    sheet.write_text(
        "编号,活动名称,组织,开始时间,地点,报名方式,来源\n"
        f"reading,亲子阅读会,宝鸡智塔儿童启能成长中心,{start:%Y-%m-%d %H:%M},市图书馆二楼,电话报名,民政局核实\n",
        encoding="utf-8",
    )
    later = tmp_path / "下月活动.csv"
    later.write_text(
        "编号,活动名称,组织,开始时间,来源\n"
        f"talk,家长讲座,宝鸡智塔儿童启能成长中心,{start.year + 1}-01-20 19:00,民政局核实\n",
        encoding="utf-8",
    )
    bot = orgbot(server, db, "run")
    try:
        server.wait_for(lambda a: a.commands, timeout=60, what="the bot started")
        imported = orgbot(server, db, "kb", "import", str(sheet))
        assert imported.wait(timeout=60) == 0
        done = time.monotonic()
        [reminder] = server.wait_sent(8001, 1, timeout=INTERVAL + 10)
        assert time.monotonic() - done <= INTERVAL + 2
        assert reminder["plain"].startswith("活动提醒｜亲子阅读会\n组织：宝鸡智塔儿童启能成长中心")
        # Replacing the activities with a file that no longer has it cancels it.
        replaced = orgbot(server, db, "kb", "import", "--replace", str(later))
        assert replaced.wait(timeout=60) == 0
        cancelled = server.wait_sent(8001, 2, timeout=INTERVAL + 10)[1]
        assert cancelled["plain"].startswith("活动已取消｜亲子阅读会")
    finally:
        assert stop(bot) == 0


def test_a_cron_run_beside_the_sending_bot_sends_nothing_and_says_so(
    server: FaultyBotAPI, tmp_path: Path
) -> None:
    db, chats = tmp_path / "orgbot.db", range(20_001, 20_301)
    subscribers(db, chats)
    bot = orgbot(server, db, "run")
    try:
        server.wait_for(lambda a: len(a.sent()) >= 5, timeout=60, what="the broadcast underway")
        cron = orgbot(server, db, "notify", "--once")
        assert cron.wait(timeout=60) == 0
        server.wait_for(lambda a: len(a.sent()) >= len(chats), timeout=60, what="everyone")
    finally:
        assert stop(bot) == 0
    assert sorted(m["chat_id"] for m in server.sent()) == list(chats)  # once each
    assert busiest_second(server) <= 20 * 1.1 + 1  # ORGBOT_BROADCAST_RATE, not twice it
    log = (tmp_path / "bot.log").read_text(encoding="utf-8", errors="replace")
    [by_cron] = re.findall(r"^sent (\d+), ", log, flags=re.MULTILINE)  # what --once printed
    assert by_cron == "0"
    assert re.search(r"^另一个发送程序（.+:\d+:\w+）正在发送通知，本次没有发送", log, re.MULTILINE)
    assert re.search(r"^another sender \(.+\) holds the right to send until ", log, re.MULTILINE)
