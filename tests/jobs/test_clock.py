"""A week of notices on a real database, on a controlled clock (time-machine): the day-before
reminder, staff changing the time late in the evening, quiet hours, the two-hour reminder, the
Monday digest."""

from __future__ import annotations

from pathlib import Path

import time_machine
from telegram import Bot

from jobs.notifier import Notifier
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore
from tests.jobs.conftest import DEFAULT_POLICY, ORG, add_activity, shanghai
from tests.jobs.faults import FaultyBotAPI

POLICY = DEFAULT_POLICY


async def test_a_week_of_notices_on_the_residents_clock(
    api: FaultyBotAPI, bot: Bot, store: KnowledgeStore, residents: ResidentsStore, db_path: Path
) -> None:
    residents.subscribe(1001, "organization", ORG)
    residents.subscribe(1002, "topic", "儿童青少年")
    residents.set_digest(1002, True)
    add_activity(store, start=shanghai("2026-12-05T10:30"))  # a Saturday
    notices = Notifier(db_path, POLICY, bot, rate=None)

    async def at(moment: str) -> list[str]:
        """What each chat was sent by a tick at this moment (Shanghai time)."""
        before = len(api.sent())
        with time_machine.travel(shanghai(moment), tick=False):
            await notices.once()
        return [f"{m['chat_id']} {m['plain'].splitlines()[0]}" for m in api.sent()[before:]]

    assert await at("2026-12-04T08:59") == []
    assert sorted(await at("2026-12-04T09:00")) == [
        "1001 活动提醒｜亲子阅读会",
        "1002 活动提醒｜亲子阅读会",
    ]
    assert await at("2026-12-04T09:01") == []
    # Staff move it an hour later at 22:30: quiet hours; the residents hear at 08:00.
    add_activity(store, start=shanghai("2026-12-05T11:30"))
    assert await at("2026-12-04T22:30") == []
    assert await at("2026-12-05T07:59") == []
    changed = await at("2026-12-05T08:00")
    assert sorted(changed) == ["1001 活动时间有变｜亲子阅读会", "1002 活动时间有变｜亲子阅读会"]
    assert "（原定12月5日（周六）10:30–12:30）" in api.sent(1001)[-1]["plain"]
    assert await at("2026-12-05T09:29") == []
    assert len(await at("2026-12-05T09:30")) == 2  # two hours before the new time
    assert await at("2026-12-05T11:30") == []  # it has begun
    # Monday's digest lists the coming week for the chat that chose it.
    add_activity(store, id="talk", title="家长讲座", start=shanghai("2026-12-09T19:00"))
    assert await at("2026-12-07T08:59") == []
    assert await at("2026-12-07T09:00") == ["1002 本周活动（12月7日（周一）起）"]
    assert "家长讲座" in api.sent(1002)[-1]["plain"]
    assert await at("2026-12-07T12:00") == []
    notices.close()
