"""Notices in the running bot: the real Application, its JobQueue tick and its rate limiter,
against the strict fake Bot API."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.services import Services
from bot.settings import load_settings
from knowledge.answering.answer import Answerer
from knowledge.curation.apply import open_knowledge
from knowledge.residents.questions import QuestionLog
from knowledge.residents.store import ResidentsStore
from tests.jobs.conftest import ORG, add_activity
from tests.jobs.faults import FaultyBotAPI
from tests.support import telegram_objects as objects
from tests.support.waiting import until

INTERVAL = 1  # seconds between ticks


def settings_for(api: FaultyBotAPI, db_path: Path, **env: str) -> object:
    return load_settings(
        {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_BASE_URL": api.base_url,
            "ORGBOT_NOTIFY_INTERVAL": str(INTERVAL),
            "ORGBOT_QUIET_HOURS": "off",  # CI runs at any hour
            **env,
        },
        dotenv=False,
        db_path=db_path,
    )


@pytest.fixture
async def running(
    api: FaultyBotAPI, db_path: Path, answerer: Answerer, request: pytest.FixtureRequest
) -> AsyncIterator[Application]:
    """The bot's Application, started and polling, reusing the session's built index."""
    env = getattr(request, "param", {})
    settings = settings_for(api, db_path, **env)
    store = open_knowledge(db_path)
    services = Services(
        settings,  # type: ignore[arg-type]
        store,
        ResidentsStore(store.db),
        Answerer(store, answerer.index, questions=QuestionLog(store.db, db_path)),
    )
    application = build_application(settings, services)  # type: ignore[arg-type]
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        yield application
        await application.updater.stop()
        await application.stop()


def staff_store(db_path: Path):
    return open_knowledge(db_path)


def membership(api: FaultyBotAPI, chat: int, old: str, new: str) -> dict:
    """A my_chat_member update: the bot's status in a private chat went from old to new."""
    bot = objects.bot_user(api.bot_id)
    person = {"id": chat, "is_bot": False, "first_name": "测试"}

    def member(status: str) -> dict:
        return {"status": status, "user": bot, **({"until_date": 0} if status == "kicked" else {})}

    return {
        "my_chat_member": {
            "chat": {"id": chat, "type": "private", "first_name": "测试"},
            "from": person,
            "date": int(time.time()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
    }


@pytest.mark.timed
async def test_a_resident_who_pressed_subscribe_hears_of_a_new_activity_within_the_interval(
    api: FaultyBotAPI, running: Application, db_path: Path
) -> None:
    api.push_message(5001, "智塔是做什么的")
    [answer] = await asyncio.to_thread(api.wait_sent, 5001)
    api.push_callback(5001, answer["message_id"], f"s:{ORG}")
    await until(lambda: api.callback_answers, what="the subscription's confirmation")
    assert api.callback_answers[0]["text"] == "已订阅该组织的活动提醒"

    added = time.monotonic()
    add_activity(staff_store(db_path))  # staff, on a connection of their own
    messages = await asyncio.to_thread(api.wait_sent, 5001, 2, INTERVAL + 5)
    assert time.monotonic() - added <= INTERVAL + 2
    reminder = messages[1]
    assert reminder["plain"].startswith("活动提醒｜亲子阅读会")
    # The organization's card button works as it does under an answer.
    api.push_callback(5001, reminder["message_id"], f"o:{ORG}")
    card = (await asyncio.to_thread(api.wait_sent, 5001, 3))[2]
    assert "智塔" in card["plain"]
    await asyncio.sleep(INTERVAL * 2)
    assert len(api.sent(5001)) == 3  # later ticks send nothing more


async def test_a_resident_who_blocked_the_bot_gets_nothing_until_they_let_it_back(
    api: FaultyBotAPI, running: Application, db_path: Path
) -> None:
    residents = running.bot_data.services.residents
    residents.subscribe(5002, "organization", ORG)
    api.push_update(membership(api, 5002, "member", "kicked"))
    await until(lambda: residents.is_blocked(5002), what="the chat marked inactive")
    add_activity(staff_store(db_path))
    await asyncio.sleep(INTERVAL * 2.5)
    assert api.calls("sendMessage") == []  # not even tried
    api.push_update(membership(api, 5002, "kicked", "member"))
    [reminder] = await asyncio.to_thread(api.wait_sent, 5002, 1, INTERVAL + 5)
    assert reminder["plain"].startswith("活动提醒｜")


TELEGRAM_LIMITS = {"flood_limit_global": 30, "flood_limit_per_chat": 1}  # 429 past these


@pytest.mark.timed
@pytest.mark.parametrize("api", [TELEGRAM_LIMITS], indirect=True)
@pytest.mark.parametrize("running", [{"ORGBOT_BROADCAST_RATE": "20"}], indirect=True)
async def test_replies_keep_flowing_during_a_broadcast_within_the_rate(
    api: FaultyBotAPI, running: Application, db_path: Path
) -> None:
    residents = running.bot_data.services.residents
    chats = list(range(6001, 6121))  # 120 subscribers: six seconds at 20 a second
    for chat in chats:
        residents.subscribe(chat, "topic", "儿童青少年")
    api.fail_next("sendMessage", count=1, retry_after=1)  # Telegram asks for a pause once
    add_activity(staff_store(db_path))
    await until(lambda: len(api.sent()) >= 20, timeout=INTERVAL + 5, what="the broadcast")
    started = time.monotonic()
    waits = []
    for n in range(4):  # a resident asks while the broadcast goes on
        asked = time.monotonic()
        api.push_message(7001 + n, "智塔的电话是多少")  # residents: one message a second each
        await until(lambda n=n: api.sent(7001 + n), timeout=5, what="an answer")
        waits.append(time.monotonic() - asked)
        await asyncio.sleep(0.5)
    await until(lambda: len([m for m in api.sent() if m["chat_id"] in chats]) == len(chats), timeout=20, what="the whole broadcast")  # fmt: skip
    elapsed = time.monotonic() - started
    assert max(waits) <= 1.5, waits
    assert sorted(m["chat_id"] for m in api.sent() if m["chat_id"] < 7001) == chats  # once each
    assert len(api.flood_errors) == 1  # the one asked for: never a burst past Telegram's limits
    sent_during = len(chats) - 20
    assert sent_during / elapsed <= 20 * 1.05  # never faster than the configured rate


def test_the_tick_runs_in_the_residents_time_zone_and_a_late_tick_is_not_skipped(
    api: FaultyBotAPI, db_path: Path
) -> None:
    settings = settings_for(api, db_path, ORGBOT_TZ="Asia/Shanghai", ORGBOT_NOTIFY_INTERVAL="60")
    application = build_application(settings)  # type: ignore[arg-type]
    scheduler = application.job_queue.scheduler
    [job] = [j for j in application.job_queue.jobs() if j.name == "notices"]  # desk jobs too
    assert str(scheduler.timezone) == "Asia/Shanghai"
    # APScheduler's default grace is one second: a tick delayed by a busy loop would be dropped.
    assert job.job.misfire_grace_time == 60 and job.job.coalesce and job.job.max_instances == 1
    assert job.job.trigger.interval.total_seconds() == 60
    application.bot_data.services.close()
