"""Sending the outbox to the strict fake Bot API: each outcome, and never a second copy."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot

from jobs.notifier import Notifier
from jobs.sender import MAX_ATTEMPTS
from jobs.timing import parse_quiet_hours
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore
from tests.jobs.conftest import ORG, POLICY, add_activity, soon
from tests.jobs.faults import FaultyBotAPI


def statuses(residents: ResidentsStore) -> dict[int, str]:
    return dict(residents.db.execute("SELECT chat_id, status FROM outbox").fetchall())


def notifier(db_path: Path, bot: Bot, **options: object) -> Notifier:
    return Notifier(db_path, POLICY, bot, rate=None, **options)  # type: ignore[arg-type]


async def test_a_reminder_goes_once_with_the_card_and_stop_buttons(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    residents.subscribe(1002, "topic", "儿童青少年")
    start = soon()
    add_activity(store, start=start)
    sending = notifier(db_path, bot)
    stats = await sending.once()
    assert stats.sent == 2
    [message] = api.sent(1001)
    day = f"{start.month}月{start.day}日"
    assert message["plain"].startswith(
        "活动提醒｜亲子阅读会\n组织：宝鸡智塔儿童启能成长中心\n时间：" + day
    )
    assert "地点：市图书馆二楼\n报名：电话报名" in message["plain"]
    [[card], [stop]] = message["reply_markup"]["inline_keyboard"]
    assert (card["text"], card["callback_data"]) == ("组织名片", f"o:{ORG}")
    [sub] = residents.subscriptions_of(1001)
    assert (stop["text"], stop["callback_data"]) == ("不再提醒这类活动", f"un:{sub.id}")
    [[message_id]] = residents.db.execute("SELECT message_id FROM outbox WHERE chat_id = 1001")
    assert message_id == message["message_id"]  # the id Telegram gave it, kept
    assert (await sending.once()).sent == 0  # planned and sent again: nothing
    assert len(api.sent()) == 2
    sending.close()


async def test_a_blocked_chat_is_marked_inactive_and_gets_no_more(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    residents.subscribe(1002, "organization", ORG)
    api.block_user(1002)
    add_activity(store)
    sending = notifier(db_path, bot)
    stats = await sending.once()
    assert (stats.sent, stats.blocked) == (1, 1)
    assert residents.is_blocked(1002) and statuses(residents)[1002] == "blocked"
    add_activity(store, id="talk", title="家长讲座")
    assert (await sending.once()).sent == 1  # to 1001 only; 1002 is not even tried
    assert [m["chat_id"] for m in api.sent()] == [1001, 1001]
    assert len(api.calls("sendMessage")) == 3
    sending.close()


async def test_a_429_pauses_every_send_for_the_time_asked_and_is_counted(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    for chat in range(2001, 2011):
        residents.subscribe(chat, "organization", ORG)
    add_activity(store)
    api.fail_next("sendMessage", count=1, retry_after=1)
    sending = notifier(db_path, bot)
    started = time.monotonic()
    stats = await sending.once()
    assert stats.retry_after == 1
    assert stats.sent == 10 and sorted(m["chat_id"] for m in api.sent()) == list(range(2001, 2011))
    assert time.monotonic() - started >= 1.0  # ten sends take milliseconds: all waited
    assert len(api.flood_errors) == 1
    sending.close()


async def test_a_send_that_timed_out_is_unknown_and_never_sent_again(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    residents.subscribe(1002, "organization", ORG)
    api.slow_chat(1002, 1.5)  # delivered, but the answer comes after the bot gave up
    add_activity(store)
    sending = notifier(db_path, bot, send_timeout=0.3)
    stats = await sending.once()
    assert (stats.sent, stats.unknown) == (1, 1)
    assert statuses(residents) == {1001: "sent", 1002: "unknown"}
    await asyncio.sleep(1.5)
    assert (await sending.once()).sent == 0
    assert len(api.sent(1002)) == 1  # Telegram had delivered it: exactly one copy
    sending.close()


async def test_the_bots_rate_limiter_never_retries_a_notice_that_may_have_been_delivered(
    api: FaultyBotAPI, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    """`orgbot run` and `notify --once` send through ChatRateLimiter, which retries a reply
    that timed out (a resident left without an answer is worse); a notice it must not."""
    from telegram.ext import ExtBot

    from bot.throttle import ChatRateLimiter

    residents.subscribe(1002, "organization", ORG)
    api.slow_chat(1002, 1.0)  # delivered, but the answer comes after the bot gave up
    add_activity(store)
    limited = ExtBot(api.token, base_url=api.base_url, rate_limiter=ChatRateLimiter(10.0))
    async with limited:
        sending = notifier(db_path, limited, send_timeout=0.3)
        stats = await sending.once()
        sending.close()
    assert (stats.sent, stats.unknown) == (0, 1)
    assert statuses(residents) == {1002: "unknown"}
    assert len(api.sent(1002)) == 1  # the one Telegram delivered, and no second copy


async def test_a_residents_reply_waits_out_a_notices_429(
    api: FaultyBotAPI, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    """Telegram's 429 to a notice holds every request of the bot, a resident's reply too, as
    PTB holds them for a reply's 429 (the notice itself is not sent again by the limiter)."""
    from telegram.ext import ExtBot

    from bot.throttle import ChatRateLimiter
    from tests.support.waiting import until

    residents.subscribe(1001, "organization", ORG)
    add_activity(store)
    api.fail_next("sendMessage", count=1, retry_after=1)
    limited = ExtBot(api.token, base_url=api.base_url, rate_limiter=ChatRateLimiter())
    async with limited:
        sending = notifier(db_path, limited)
        notice = asyncio.create_task(sending.once())
        await until(lambda: api.calls("sendMessage"), timeout=10, what="the notice's 429")
        flooded = time.monotonic()
        await limited.send_message(9001, "您好")
        stats = await notice
        sending.close()
    [reply] = api.sent(9001)
    assert reply["at"] - flooded >= 0.9  # not inside the second Telegram asked for
    assert (stats.retry_after, len(api.sent(1001))) == (1, 1)  # the notice later, once


async def test_a_server_error_is_tried_again_later_and_fails_after_the_last_attempt(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    residents.subscribe(1002, "organization", ORG)
    api.fail_chat(1001, count=1)
    api.fail_chat(1002, count=MAX_ATTEMPTS)
    add_activity(store)
    now = [datetime.now(UTC)]
    sending = notifier(db_path, bot, clock=lambda: now[0])
    stats = await sending.once()
    assert (stats.sent, stats.retried) == (0, 2)
    assert statuses(residents) == {1001: "pending", 1002: "pending"}
    for _ in range(MAX_ATTEMPTS):
        now[0] += timedelta(minutes=10)  # past each backoff (30 s, doubling)
        await sending.once()
    assert statuses(residents) == {1001: "sent", 1002: "failed"}
    [row] = residents.db.execute(
        "SELECT attempts, last_error FROM outbox WHERE chat_id = 1002"
    ).fetchall()
    assert row == (MAX_ATTEMPTS, "NetworkError: Internal Server Error")
    assert len(api.sent(1001)) == 1 and api.sent(1002) == []
    sending.close()


async def test_a_notice_telegram_refuses_fails_at_once_and_is_not_tried_again(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    add_activity(store)
    api.fail_with("sendMessage", 400)
    now = [datetime.now(UTC)]
    sending = notifier(db_path, bot, clock=lambda: now[0])
    stats = await sending.once()
    assert (stats.failed, stats.retried, stats.sent) == (1, 0, 0)
    now[0] += timedelta(hours=1)  # past any backoff
    assert (await sending.once()).sent == 0
    sending.close()
    [row] = residents.db.execute("SELECT status, attempts, last_error FROM outbox").fetchall()
    assert row[:2] == ("failed", 1) and row[2].startswith("BadRequest")
    assert api.sent() == [] and len(api.calls("sendMessage")) == 1


async def test_a_send_that_never_left_is_tried_again(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    add_activity(store)
    api.stop()  # connection refused: the request never left
    sending = notifier(db_path, bot)
    stats = await sending.once()
    sending.close()
    assert stats.retried == 1 and statuses(residents) == {1001: "pending"}


async def test_a_group_that_became_a_supergroup_is_followed(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(-4001, "organization", ORG)
    api.migrate_chat(-4001, -1004001)
    add_activity(store)
    sending = notifier(db_path, bot)
    stats = await sending.once()
    assert (stats.migrated, stats.sent) == (1, 1)
    assert len(api.sent(-1004001)) == 1
    assert [s.chat_id for s in residents.subscriptions_of(-1004001)] == [-1004001]
    assert residents.subscriptions_of(-4001) == []
    sending.close()


async def test_nothing_goes_in_quiet_hours_and_a_late_row_of_a_begun_activity_expires(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    add_activity(store)
    planner = notifier(db_path, bot)
    await planner.plan()
    planner.close()
    always = parse_quiet_hours("00:00-23:59")
    quiet = Notifier(db_path, replace(POLICY, quiet=always), bot, rate=None)
    assert (await quiet.once()).sent == 0 and api.sent() == []
    assert statuses(residents) == {1001: "pending"}
    quiet.close()
    # The bot was down until the activity began: the waiting row expires, unsent.
    later = [datetime.now(UTC) + timedelta(hours=2)]
    sending = notifier(db_path, bot, clock=lambda: later[0])
    await sending.sender.send_due()
    assert sending.sender.stats.expired == 1 and api.sent() == []
    assert statuses(residents) == {1001: "expired"}
    sending.close()
