"""No notice starts in the quiet hours, even when a batch began just before them: the rows not
sent wait, and go out once each when the quiet hours end."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from telegram import Bot
from telegram.ext import ExtBot

from bot.throttle import ChatRateLimiter
from jobs.notifier import Notifier
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore
from tests.jobs.conftest import DEFAULT_POLICY, ORG, SHANGHAI, add_activity
from tests.jobs.faults import FaultyBotAPI

# A request that left just before 22:00 may arrive just after: in flight at the boundary.
IN_FLIGHT = timedelta(seconds=0.5)


class RunningClock:
    """The sender's clock: a chosen moment, running on with real time (the fake server's
    `at` is time.monotonic(), so each arrival has a moment on this clock too)."""

    def __init__(self, moment: datetime) -> None:
        self.set(moment)

    def set(self, moment: datetime) -> None:
        self.moment, self.started = moment, time.monotonic()

    def __call__(self) -> datetime:
        return self.moment + timedelta(seconds=time.monotonic() - self.started)

    def at(self, monotonic: float) -> datetime:
        return self.moment + timedelta(seconds=monotonic - self.started)


def evening(residents: ResidentsStore, store: KnowledgeStore, chats: range) -> datetime:
    """Subscribers of an activity tomorrow at noon (its day-before reminder is due): a day
    a few days ahead, so the test means the same whenever it runs. Returns 22:00 that day."""
    day = datetime.now(SHANGHAI).date() + timedelta(days=3)
    for chat in chats:
        residents.subscribe(chat, "organization", ORG)
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=SHANGHAI) + timedelta(days=1)
    add_activity(store, start=noon)
    return datetime(day.year, day.month, day.day, 22, tzinfo=SHANGHAI)


def sent_in_quiet(api: FaultyBotAPI, clock: RunningClock, quiet_from: datetime) -> list[str]:
    return [
        f"{clock.at(m['at']).astimezone(SHANGHAI):%H:%M:%S.%f} to {m['chat_id']}"
        for m in api.sent()
        if clock.at(m["at"]) >= quiet_from + IN_FLIGHT
    ]


async def after_the_quiet_hours(
    sending: Notifier, clock: RunningClock, quiet_from: datetime
) -> None:
    clock.set(quiet_from + timedelta(hours=10))  # 08:00 the next morning
    await sending.sender.send_due()


def statuses(residents: ResidentsStore) -> Counter[str]:
    return Counter(row[0] for row in residents.db.execute("SELECT status FROM outbox"))


async def test_a_paced_batch_begun_just_before_the_quiet_hours_stops_at_them(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    chats = range(5001, 5041)
    quiet_from = evening(residents, store, chats)
    clock = RunningClock(quiet_from - timedelta(seconds=1))
    # 10 a second: the 40 rows of one batch would take 4 s, 3 of them in the quiet hours.
    sending = Notifier(db_path, DEFAULT_POLICY, bot, rate=10, clock=clock)
    report = await sending.plan()
    assert report.added == len(chats)
    await sending.sender.send_due()
    before = len(api.sent())
    assert 0 < before < len(chats)
    assert sent_in_quiet(api, clock, quiet_from) == []
    assert statuses(residents) == {"sent": before, "pending": len(chats) - before}
    await after_the_quiet_hours(sending, clock, quiet_from)
    assert Counter(m["chat_id"] for m in api.sent()) == Counter(chats)  # each once, none lost
    assert statuses(residents) == {"sent": len(chats)}
    sending.close()


@pytest.fixture(params=["plain", "rate-limited"])
async def sending_bot(request: pytest.FixtureRequest, api: FaultyBotAPI, bot: Bot) -> Bot:
    """The plain bot, and the bot `orgbot run` and `notify --once` send through, whose rate
    limiter retries replies after a 429 or an outage (never a notice into the quiet hours)."""
    if request.param == "plain":
        yield bot
        return
    async with ExtBot(api.token, base_url=api.base_url, rate_limiter=ChatRateLimiter()) as limited:
        yield limited


async def test_a_429s_pause_that_ends_in_the_quiet_hours_sends_nothing_after_it(
    api: FaultyBotAPI,
    sending_bot: Bot,
    store: KnowledgeStore,
    residents: ResidentsStore,
    db_path: Path,
) -> None:
    """The rows claimed before 22:00 and waiting out Telegram's pause are not sent at 22:00:00.5:
    each send looks at the clock again just before its request."""
    bot = sending_bot
    chats = range(6001, 6031)
    quiet_from = evening(residents, store, chats)
    clock = RunningClock(quiet_from - timedelta(seconds=0.5))
    sending = Notifier(db_path, DEFAULT_POLICY, bot, rate=None, clock=clock)
    await sending.plan()
    api.fail_next("sendMessage", count=1, retry_after=1)  # until 22:00:00.5
    await sending.sender.send_due()
    stats = sending.sender.stats
    assert stats.retry_after == 1
    assert sent_in_quiet(api, clock, quiet_from) == []
    assert len(api.sent()) < len(chats)
    assert statuses(residents)["sending"] == 0  # those held back are waiting again
    await after_the_quiet_hours(sending, clock, quiet_from)
    assert Counter(m["chat_id"] for m in api.sent()) == Counter(chats)
    assert statuses(residents) == {"sent": len(chats)}
    [[attempts]] = residents.db.execute("SELECT MAX(attempts) FROM outbox").fetchall()
    assert attempts == 1  # a row held back did not use up an attempt
    sending.close()


async def test_an_outage_retried_into_the_quiet_hours_stops_at_them(
    api: FaultyBotAPI,
    sending_bot: Bot,
    store: KnowledgeStore,
    residents: ResidentsStore,
    db_path: Path,
) -> None:
    """A notice failing with a server error at 21:59:59.7 is not tried again after 22:00 (the
    rate limiter retries an outage for a minute): it waits, and goes out once in the morning."""
    chats = range(7001, 7004)
    quiet_from = evening(residents, store, chats)
    clock = RunningClock(quiet_from - timedelta(seconds=0.3))
    sending = Notifier(db_path, DEFAULT_POLICY, sending_bot, rate=None, clock=clock)
    await sending.plan()
    for chat in chats:
        api.fail_chat(chat, count=1)  # the limiter would try again 0.5 s later, at 22:00:00.2
    await sending.sender.send_due()
    assert sent_in_quiet(api, clock, quiet_from) == []
    assert statuses(residents) == {"pending": len(chats)}
    [[attempts]] = residents.db.execute("SELECT MAX(attempts) FROM outbox").fetchall()
    assert attempts <= 1  # held back by the quiet hours: no attempt used up but the failed one
    clock.set(quiet_from + timedelta(hours=10))
    for _ in range(3):  # past each backoff: the next mornings' tries
        await sending.sender.send_due()
        clock.set(clock() + timedelta(minutes=10))
    assert Counter(m["chat_id"] for m in api.sent()) == Counter(chats)
    assert statuses(residents) == {"sent": len(chats)}
    sending.close()
