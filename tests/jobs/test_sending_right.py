"""One sender at a time holds the right to send for a database: two senders together keep the
configured rate, a holder that stopped renewing gives way when its term expires, and a sender
whose lease was taken stops claiming. Never a row twice, never one lost."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot

from jobs.notifier import Notifier
from knowledge.db import connect
from knowledge.residents.lease import SenderLease, lease_text
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore
from tests.jobs.conftest import ORG, POLICY, add_activity
from tests.jobs.faults import FaultyBotAPI


def sender(db_path: Path, bot: Bot, rate: float | None, **options: Any) -> Notifier:
    return Notifier(db_path, POLICY, bot, rate=rate, **options)


def subscribers(residents: ResidentsStore, store: KnowledgeStore, chats: range) -> None:
    for chat in chats:
        residents.subscribe(chat, "organization", ORG)
    add_activity(store)


def busiest_second(api: FaultyBotAPI) -> int:
    """The most sends the server saw within any one second."""
    times = sorted(m["at"] for m in api.sent())
    return max(sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times))


async def test_two_senders_at_once_keep_the_configured_rate_together(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    chats = range(3001, 3081)
    subscribers(residents, store, chats)
    rate = 40
    first, second = sender(db_path, bot, rate), sender(db_path, bot, rate)
    await first.plan()
    started = time.monotonic()
    await asyncio.gather(first.sender.send_due(), second.sender.send_due())
    elapsed = time.monotonic() - started
    assert Counter(m["chat_id"] for m in api.sent()) == Counter(chats)  # each once, none lost
    # Pace makes up at most 0.1 s of slots: 80 sends at 40/s take about 2 s, not 1.
    assert elapsed >= (len(chats) - 1 - rate * 0.1) / rate
    assert busiest_second(api) <= rate * 1.1 + 1
    counts = sorted([first.sender.stats.sent, second.sender.stats.sent])
    assert counts == [0, len(chats)]  # one sent, the other found the right taken
    idle = first if first.sender.stats.sent == 0 else second
    busy = second if idle is first else first
    assert idle.sender.stats.held_by == busy.sender.id
    assert SenderLease(residents.db).holder() is None  # given back when nothing more was due
    first.close()
    second.close()


async def test_two_bots_sending_between_ticks_keep_the_rate_and_send_each_row_once(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    """Two bots started by mistake against one file: both senders run all along, new rows
    come while they do, and the server still sees one sender's rate."""
    chats = range(3101, 3161)
    subscribers(residents, store, chats)
    rate = 30
    bots = [sender(db_path, bot, rate), sender(db_path, bot, rate)]
    running = [True]
    tasks = [asyncio.create_task(b.sender.run(lambda: running[0])) for b in bots]
    await bots[0].plan()
    bots[0].sender.wake()
    bots[1].sender.wake()
    await asyncio.to_thread(api.wait_for, lambda a: len(a.sent()) >= 30, 30, "the first half")
    add_activity(store, id="talk", title="家长讲座")  # a second notice to everyone
    await bots[1].plan()
    bots[1].sender.wake()
    everyone = 2 * len(chats)
    await asyncio.to_thread(api.wait_for, lambda a: len(a.sent()) >= everyone, 30, "everyone")
    running[0] = False
    await asyncio.gather(*tasks)
    sent = Counter((m["chat_id"], m["plain"].split("\n")[0]) for m in api.sent())
    assert len(sent) == everyone and max(sent.values()) == 1
    assert busiest_second(api) <= rate * 1.1 + 1
    assert sum(b.sender.stats.sent for b in bots) == everyone
    for b in bots:
        b.close()


async def test_a_holder_that_stopped_renewing_gives_way_when_its_lease_expires(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    """A sender killed with SIGKILL renews nothing: the others wait for its term, then send
    every row it had not claimed, once."""
    chats = range(3201, 3221)
    subscribers(residents, store, chats)
    now = datetime.now(UTC)
    gone = "elsewhere:4242:5eed"
    until = now + timedelta(seconds=1.5)
    assert SenderLease(residents.db).take(gone, lease_text(now), lease_text(until)) is None
    other = sender(db_path, bot, None)
    await other.plan()
    assert await other.sender.send_due() == 0
    assert api.sent() == [] and other.sender.stats.held_by == gone
    await asyncio.sleep((until - datetime.now(UTC)).total_seconds() + 0.05)
    assert await other.sender.send_due() == len(chats)
    assert Counter(m["chat_id"] for m in api.sent()) == Counter(chats)
    other.close()


async def test_a_sender_whose_lease_was_taken_stops_claiming_and_the_rest_waits(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    """Should a sender stall past its term (the machine suspended, the disk stuck) and another
    take the lease, its next claim fails: nothing is claimed, nothing sent twice."""
    chats = range(3301, 3341)
    subscribers(residents, store, chats)
    first = sender(db_path, bot, 40)
    await first.plan()
    thief = SenderLease(connect(db_path))

    async def take_it_midway() -> None:
        await asyncio.to_thread(api.wait_for, lambda a: len(a.sent()) >= 10, 10, "10 sent")
        with thief.db.conn:  # as if the term had expired and another sender took it
            thief.db.execute("UPDATE sender_lease SET holder = 'another:1:cafe'")

    await asyncio.gather(first.sender.send_due(), take_it_midway())
    sent = len(api.sent())
    assert 10 <= sent < len(chats)
    waiting = residents.db.execute("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
    assert waiting.fetchone()[0] == len(chats) - sent
    thief.release("another:1:cafe")
    assert await first.sender.send_due() == len(chats) - sent
    assert Counter(m["chat_id"] for m in api.sent()) == Counter(chats)
    first.close()


async def test_a_sender_waiting_for_its_pace_keeps_the_lease(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    chats = range(3401, 3404)
    subscribers(residents, store, chats)
    slow = sender(db_path, bot, 1.5, lease_seconds=0.3)  # a send every 0.67 s, a 0.3 s term
    other = sender(db_path, bot, None, lease_seconds=0.3)
    await slow.plan()

    async def try_meanwhile() -> int:
        await asyncio.sleep(0.8)  # well past a term without a claim
        return await other.sender.send_due()

    _, by_other = await asyncio.gather(slow.sender.send_due(), try_meanwhile())
    assert by_other == 0 and other.sender.stats.held_by == slow.sender.id
    assert slow.sender.stats.sent == len(chats)
    assert Counter(m["chat_id"] for m in api.sent()) == Counter(chats)
    slow.close()
    other.close()


async def test_a_sender_whose_last_write_failed_still_gives_the_right_back(
    api: FaultyBotAPI,
    bot: Bot,
    store: KnowledgeStore,
    residents: ResidentsStore,
    db_path: Path,
    monkeypatch: Any,
) -> None:
    """The outcomes written after the last batch fail (the database locked a while by a staff
    import): the sender still gives the right back, so a cron `notify --once` is not kept out
    for as long as the bot runs; the outcomes are written with the next write."""
    import sqlite3

    from knowledge.residents.outbox import Outbox

    subscribers(residents, store, range(8001, 8004))
    first = sender(db_path, bot, None, lease_seconds=0.6)
    await first.plan()
    written = Outbox.finish_and_claim

    def locked(self: Outbox, holder: str, outcomes: Any, ids: Any, *args: Any, **kw: Any) -> Any:
        if not ids and outcomes:  # the write after the last batch
            raise sqlite3.OperationalError("database is locked")
        return written(self, holder, outcomes, ids, *args, **kw)

    monkeypatch.setattr(Outbox, "finish_and_claim", locked)
    with pytest.raises(sqlite3.OperationalError):
        await first.sender.send_due()
    monkeypatch.setattr(Outbox, "finish_and_claim", written)
    await asyncio.sleep(1.0)  # longer than the term: a heartbeat would have renewed it
    assert SenderLease(residents.db).holder() is None
    assert len(api.sent()) == 3
    await first.sender.send_due()  # the outcomes kept go with the next write
    statuses = Counter(r[0] for r in residents.db.execute("SELECT status FROM outbox"))
    assert statuses == {"sent": 3}
    first.close()
