"""Activity notices: how fast they go out, how well the rate is kept, how long planning takes.

    python benchmarks/bench_notify.py                 # all three, at the issue's sizes (~10 min)
    python benchmarks/bench_notify.py --only plan     # one part: throughput, broadcast or plan
    python benchmarks/bench_notify.py --subscribers 2000   # a shorter broadcast

(a) throughput: the outbox sent with the rate limit off, to the strict fake Bot API running in a
    process of its own (so that the server does not share the sender's interpreter);
(b) broadcast: the real Application (`ORGBOT_BROADCAST_RATE`, its rate limiter, its JobQueue)
    reminds N subscribers while residents ask questions: the achieved rate against the
    configured one, 429s (the fake enforces Telegram's 30/s overall and 1/s per chat),
    duplicates and lost, and the residents' answer times;
(c) planning: 10,000 subscribers x 1,000 activities, the first tick (reminders due) and the
    ticks after it (everything already planned): with nothing changed, after a resident
    subscribed (everything read again), and with nothing kept from before (a restart).

Prints figures; asserts nothing. The machine is shared: run it more than once.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.request import AiohttpRequest
from jobs.notifier import Notifier, plan_and_store
from jobs.planner import Policy
from jobs.sender import MAX_IN_FLIGHT
from jobs.ticks import Planning, read_followers, read_timeline
from jobs.timing import parse_reminders, utc_text
from knowledge.curation.apply import apply_records, open_knowledge
from knowledge.residents.outbox import Outbox
from knowledge.residents.store import ResidentsStore

SHANGHAI = ZoneInfo("Asia/Shanghai")
POLICY = Policy(SHANGHAI, parse_reminders("1d@09:00,2h"))  # quiet hours off: any hour
ORG = "baoji-zhita-children"


# --- the fake Bot API in a process of its own ---------------------------------------------


def _serve(connection: Any, options: dict[str, Any]) -> None:
    from tests.support.fake_bot_api import FakeBotAPI

    class TimedAPI(FakeBotAPI):
        """Remembers to which chat and when each message was sent: cheap to hand over, where
        api.sent() deep-copies every message under the fake's lock, which with 10,000 sent
        held up the sends the broadcast measures."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.chats: list[int] = []
            self.times: list[float] = []

        def _send_message(self, params: Any, bot_id: int) -> Any:
            result = super()._send_message(params, bot_id)
            self.chats.append(result["chat"]["id"])
            self.times.append(time.monotonic())
            return result

    with TimedAPI(**options) as api:
        connection.send((api.token, api.base_url))
        while True:
            command, args = connection.recv()
            if command == "stop":
                return
            if command == "ask":  # a resident asks; how long until the answer is sent
                chat, text = args
                asked = time.monotonic()
                api.push_message(chat, text)
                api.wait_for(lambda a, c=chat: a.sent(c), timeout=30, what="an answer")
                connection.send(time.monotonic() - asked)
            elif command == "cpu":  # CPU seconds this process has used so far
                connection.send(time.process_time())
            elif command == "summary":
                with api._lock:  # the lock _send_message runs under: chats and times agree
                    chats, times = list(api.chats), list(api.times)
                connection.send((chats, times, len(api.flood_errors)))
            else:
                connection.send(getattr(api, command)(*args))


class Server:
    """FakeBotAPI in a child process, driven over a pipe."""

    def __init__(self, **options: Any) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, options), daemon=True)
        self._process.start()
        self.token, self.base_url = self._pipe.recv()

    def call(self, command: str, *args: Any) -> Any:
        self._pipe.send((command, args))
        return self._pipe.recv()

    def stop(self) -> None:
        self._pipe.send(("stop", ()))
        self._process.join(timeout=10)


# --- data ---------------------------------------------------------------------------------


def database_with_subscribers(folder: Path, count: int) -> Path:
    """The shipped knowledge, `count` subscribers of one organization, and its activity whose
    two-hour reminder is due now."""
    path = folder / f"broadcast-{count}.db"
    store = open_knowledge(path)
    residents = ResidentsStore(store.db)
    with store.db.conn:
        store.db.conn.executemany(
            "INSERT INTO subscriptions (chat_id, kind, target, created_at) VALUES (?, ?, ?, '')",
            [(100_000 + n, "organization", ORG) for n in range(count)],
        )
    start = (datetime.now(UTC) + timedelta(minutes=90)).astimezone(SHANGHAI)
    report = apply_records(
        store,
        [
            (
                "activities",
                {
                    "id": "reading",
                    "title": "亲子阅读会",
                    "organization": ORG,
                    "start": start.replace(second=0, microsecond=0).isoformat(),
                    "place": "市图书馆二楼",
                    "registration": "电话报名",
                    "source": "基准测试",
                },
            )
        ],
        origin="bench",
    )
    assert report.ok, report.describe()
    residents.db.close()
    return path


def synthetic_database(folder: Path, subscribers: int, activities: int) -> Path:
    """`activities` over the next 30 days from 200 organizations in 10 topics and 10 districts;
    each subscriber follows an organization and a topic, one in three a district too, and one in
    five chose the digest."""
    rng = random.Random(7)
    path = folder / "planning.db"
    store = open_knowledge(path)
    ResidentsStore(store.db)  # its tables
    topics = [row[0] for row in store.db.execute("SELECT name FROM topics")][:10]
    districts = [f"第{n}区" for n in range(10)]
    now = datetime.now(UTC)
    with store.db.conn:
        store.db.conn.executemany(
            "INSERT INTO organizations (id, name, district, source) VALUES (?, ?, ?, '{}')",
            [(f"org-{n}", f"组织{n}", districts[n % 10]) for n in range(200)],
        )
        rows = []
        for n in range(activities):
            start = now + timedelta(minutes=rng.randrange(30, 30 * 24 * 60))
            rows.append(
                (
                    f"act-{n}",
                    f"活动{n}",
                    f"org-{rng.randrange(200)}",
                    f'["{rng.choice(topics)}"]',
                    start.astimezone(SHANGHAI).replace(second=0, microsecond=0).isoformat(),
                    rng.choice(districts),
                )
            )
        store.db.conn.executemany(
            "INSERT INTO activities (id, title, organization, topics, start, district, status,"
            " source) VALUES (?, ?, ?, ?, ?, ?, 'scheduled', '{}')",
            rows,
        )
        subs = []
        for n in range(subscribers):
            chat = 500_000 + n
            subs.append((chat, "organization", f"org-{rng.randrange(200)}"))
            subs.append((chat, "topic", rng.choice(topics)))
            if n % 3 == 0:
                subs.append((chat, "district", rng.choice(districts)))
            if n % 5 == 0:
                subs.append((chat, "digest", "weekly"))
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO subscriptions (chat_id, kind, target, created_at)"
            " VALUES (?, ?, ?, '')",
            subs,
        )
    store.close()
    return path


# --- (a) throughput -----------------------------------------------------------------------


async def throughput(folder: Path, count: int, http: str = "aiohttp") -> None:
    path = database_with_subscribers(folder, count)
    server = Server()
    try:
        # aiohttp is what `orgbot run` and `orgbot notify` send through (bot/request.py);
        # httpx, python-telegram-bot's default, is kept for comparison.
        request = AiohttpRequest() if http == "aiohttp" else HTTPXRequest(connection_pool_size=32)
        async with Bot(server.token, base_url=server.base_url, request=request) as bot:
            notices = Notifier(path, POLICY, bot, rate=None)  # the bot's max_in_flight
            await notices.plan()
            server_cpu = server.call("cpu")
            cpu = time.process_time()  # the sender's process: the event loop and database thread
            started = time.perf_counter()
            await notices.sender.send_due()
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu
            server_cpu = server.call("cpu") - server_cpu
            notices.close()
        sent, _, _ = server.call("summary")
    finally:
        server.stop()
    copies = Counter(sent)
    print(
        f"(a) throughput ({http}), rate limit off, {MAX_IN_FLIGHT} in flight: {count} reminders in "
        f"{elapsed:.2f} s = "
        f"{count / elapsed:,.0f} sends/s (target >= 1,000); "
        f"duplicates {sum(1 for n in copies.values() if n > 1)}, lost {count - len(copies)}"
    )
    # Both processes share the machine's cores (and whatever else runs on it): what each costs
    # a send says whether the sender or the fake server bounds the rate.
    print(
        f"    CPU a send: sender {cpu / count * 1000:.2f} ms, fake server "
        f"{server_cpu / count * 1000:.2f} ms; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )


# --- (b) broadcast ------------------------------------------------------------------------


async def broadcast(folder: Path, count: int, rate: float) -> None:
    from bot.app import build_application
    from bot.settings import load_settings

    path = database_with_subscribers(folder, count)
    server = Server(flood_limit_global=30, flood_limit_per_chat=1)  # Telegram's limits
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": server.token,
            "TELEGRAM_BASE_URL": server.base_url,
            "ORGBOT_BROADCAST_RATE": str(rate),
            "ORGBOT_NOTIFY_INTERVAL": "5",
            "ORGBOT_QUIET_HOURS": "off",
        },
        dotenv=False,
        db_path=path,
    )
    application = build_application(settings)
    waits: list[float] = []
    questions = ["智塔的电话是多少", "哪里有心理咨询", "未央区有多少家社会组织", "自闭症康复"]
    try:
        async with application:
            await application.start()
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            while len(server.call("summary")[0]) < min(50, count):
                await asyncio.sleep(0.2)
            asker = 900_000
            while True:
                sent, _, _ = server.call("summary")
                if len(sent) >= count + len(waits) - 10:
                    break
                asker += (
                    1  # a new resident each time (Telegram allows one message a second per chat)
                )
                text = questions[asker % len(questions)]
                waits.append(await asyncio.to_thread(server.call, "ask", asker, text))
                await asyncio.sleep(0.5)
            while len([c for c in server.call("summary")[0] if c < 900_000]) < count:
                await asyncio.sleep(0.5)
            await application.updater.stop()
            await application.stop()
        sent, times, floods = server.call("summary")
    finally:
        server.stop()
    notices = [chat for chat in sent if chat < 900_000]
    notice_times = [t for t, chat in zip(times, sent, strict=True) if chat < 900_000]
    copies = Counter(notices)
    steady = notice_times[int(rate * 2) :]  # after the limiter's first burst
    achieved = (len(steady) - 1) / (steady[-1] - steady[0])
    waits.sort()
    p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
    print(
        f"(b) broadcast to {count:,} at ORGBOT_BROADCAST_RATE={rate:g}: achieved {achieved:.2f}/s "
        f"({(achieved / rate - 1) * 100:+.1f}%, target within 5%); 429s {floods} (target 0); "
        f"duplicates {sum(1 for n in copies.values() if n > 1)}, lost {count - len(copies)} "
        f"(target 0, 0)"
    )
    print(
        f"    residents' answers during it: {len(waits)} questions, "
        f"p50 {statistics.median(waits) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"max {waits[-1] * 1000:.0f} ms (target p99 <= 1,500 ms)"
    )


# --- (c) planning -------------------------------------------------------------------------


def planning(folder: Path, subscribers: int, activities: int, repeats: int) -> None:
    from knowledge.db import connect

    path = synthetic_database(folder, subscribers, activities)
    db, other = connect(path), connect(path)  # the bot's notices thread; residents, staff
    now = datetime.now(UTC)
    ticks = Planning(POLICY)  # kept from tick to tick, as the bot's Notifier keeps it
    started = time.perf_counter()
    first = ticks.tick(db, now)
    first_tick = time.perf_counter() - started
    db.execute("UPDATE outbox SET status = 'sent'")  # as if the sender had sent them
    db.conn.commit()
    [rows] = db.execute("SELECT COUNT(*) FROM outbox").fetchone()

    cpu: dict[str, list[float]] = {}  # CPU seconds of this process, by kind of tick

    def timed(tick: Any, moment: datetime, kind: str = "") -> float | None:
        started, cpu_started = time.perf_counter(), time.process_time()
        report = tick(moment)
        elapsed = time.perf_counter() - started
        assert not report.plan.notices, "a steady tick planned something"
        if kind == "steady" and report.planned:  # the full re-read every 10 minutes
            kind = "safety net"
            safety_net.append(elapsed)
        cpu.setdefault(kind, []).append(time.process_time() - cpu_started)
        return None if kind == "safety net" else elapsed

    moments = (now + timedelta(seconds=60 * (n + 1)) for n in range(4 * repeats + 1))
    # the tick after one that wrote reads everything (jobs/ticks.py)
    after_first = timed(lambda m: ticks.tick(db, m), next(moments))
    steady: list[float | None] = []
    changed, full, reads, safety_net = [], [], [], []
    for n in range(repeats):
        # nothing changed since the last tick
        steady.append(timed(lambda m: ticks.tick(db, m), next(moments), "steady"))
        # a resident subscribed (on another connection) since the last tick: all read again
        other.execute(
            "INSERT INTO subscriptions (chat_id, kind, target, created_at)"
            " VALUES (?, 'organization', 'org-none', '')",
            [900_000 + n],
        )
        other.conn.commit()
        changed.append(timed(lambda m: ticks.tick(db, m), next(moments), "changed"))
        steady.append(timed(lambda m: ticks.tick(db, m), next(moments), "steady"))
        # nothing kept from before: a restart, `orgbot notify --once`
        full.append(timed(lambda m: plan_and_store(db, m, POLICY), next(moments), "full"))
        started = time.perf_counter()
        db.execute("BEGIN")
        read_timeline(db, POLICY), read_followers(db), Outbox(db).live(utc_text(now))
        db.execute("COMMIT")
        reads.append(time.perf_counter() - started)
    db.close()
    other.close()

    def span(times: list[float]) -> str:
        return f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms"

    print(
        f"(c) planning, {subscribers:,} subscribers x {activities:,} activities: first tick "
        f"{first_tick * 1000:.0f} ms ({first.added:,} reminders due); then per tick, with "
        f"{rows:,} outbox rows of what is to come: the next {after_first * 1000:.0f} ms; "
        f"nothing changed {span([t for t in steady if t is not None])} (the full re-read every "
        f"10 minutes {span(safety_net) if safety_net else 'not met'}); after a "
        f"new subscription {span(changed)}; with nothing kept (a restart, notify --once) "
        f"{span(full)} (reading alone {span(reads)}) (target <= 200 ms); load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    print(
        f"    CPU of this process a tick: nothing changed {span(cpu['steady'])}, "
        f"after a new subscription {span(cpu['changed'])}, "
        f"with nothing kept {span(cpu['full'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["throughput", "broadcast", "plan"])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--http", choices=["aiohttp", "httpx"], default="aiohttp")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.only in (None, "plan"):
            planning(Path(folder), 10_000, 1_000, args.repeats)
        if args.only in (None, "throughput"):
            asyncio.run(throughput(Path(folder), 5_000, args.http))
        if args.only in (None, "broadcast"):
            asyncio.run(broadcast(Path(folder), args.subscribers, args.rate))


if __name__ == "__main__":
    main()
