"""The desk's scheduled work: idle tickets closed (both sides told) and data past retention
deleted, on a clock the test controls; and what a resident is told about when staff answer."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot

from bot.settings import load_settings
from handlers.desk import ticket_keyboard
from jobs.desk import DeskRelay, plan_idle, purge_old
from knowledge.residents.desk import ClosedBy, Ticket, TicketStatus
from knowledge.residents.handoff import when_answered
from knowledge.residents.hours import WeeklyHours
from knowledge.residents.questions import AskedQuestion, QuestionLog
from knowledge.residents.store import ResidentsStore
from tests.jobs.conftest import SHANGHAI
from tests.jobs.faults import FaultyBotAPI

STAFF_CHAT = -1001234567890
T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Shanghai


def ticket(id: int, updated: datetime, status: TicketStatus = TicketStatus.OPEN) -> Ticket:
    return Ticket(id, 100 + id, "居民", status, None, T0, updated)


def test_planning_idle_tickets_is_a_function_of_the_time() -> None:
    idle = timedelta(days=3)
    tickets = [
        ticket(1, T0),
        ticket(2, T0 + timedelta(days=2)),
        ticket(3, T0, TicketStatus.CLOSED),
        ticket(4, T0 + timedelta(days=1), TicketStatus.CLAIMED),
    ]
    now = T0 + timedelta(days=3, hours=1)
    assert [t.id for t in plan_idle(tickets, now, idle)] == [1]
    assert [t.id for t in plan_idle(tickets, now + timedelta(days=1), idle)] == [1, 4]
    assert plan_idle(tickets, T0 + idle, idle) == []  # exactly the idle time: not yet


def test_the_resident_is_told_roughly_when_a_person_answers() -> None:
    hours = WeeklyHours.parse("mon-fri 09:00-17:30")
    tuesday_morning = datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)
    assert "尽快" in when_answered(hours, tuesday_morning)
    assert "明天 09:00" in when_answered(hours, tuesday_morning.replace(hour=20))
    assert "今天 09:00" in when_answered(hours, tuesday_morning.replace(hour=7))
    friday_evening = datetime(2026, 12, 4, 19, 0, tzinfo=SHANGHAI)
    assert "周一 09:00" in when_answered(hours, friday_evening)


async def test_an_idle_ticket_is_closed_and_both_sides_told(
    api: FaultyBotAPI, bot: Bot, tmp_path: Path
) -> None:
    residents = ResidentsStore.open(tmp_path / "orgbot.db")
    settings = dataclasses.replace(
        load_settings({"ORGBOT_TICKET_IDLE": "12h"}, dotenv=False, db_path=tmp_path / "x.db"),
        staff_chat_id=STAFF_CHAT,
    )
    now = [T0]
    relay = DeskRelay(bot, residents, settings, clock=lambda: now[0])
    opened = await relay.open(4001, "爱丽丝", [], ticket_keyboard)
    assert opened.new and "尽快" in opened.told  # Tuesday 10:00 in Shanghai
    now[0] = T0 + timedelta(hours=11)
    assert await relay.close_idle() == 0
    now[0] = T0 + timedelta(hours=13)
    assert await relay.close_idle() == 1
    assert residents.desk.get(opened.ticket.id).status is TicketStatus.CLOSED
    assert "自动结束" in api.sent(4001)[-1]["plain"]
    assert api.sent(STAFF_CHAT)[-1]["plain"] == f"#{opened.ticket.id} 长时间没有新消息，已自动关闭"
    assert await relay.close_idle() == 0  # told once


def test_retention_deletes_old_questions_and_closed_tickets(tmp_path: Path) -> None:
    residents = ResidentsStore.open(tmp_path / "orgbot.db")
    log = QuestionLog(residents.db, None)
    desk = residents.desk
    for days in (100, 80, 1):
        at = (T0 - timedelta(days=days)).isoformat(timespec="seconds")
        log.record(AskedQuestion("telegram", "", f"{days}天前的问题", False, "unknown", at=at))
    old, _ = desk.open_ticket(1, "甲", T0 - timedelta(days=120))
    desk.close(old.id, ClosedBy.STAFF, T0 - timedelta(days=95), staff_id=9)
    recent, _ = desk.open_ticket(2, "乙", T0 - timedelta(days=120))
    desk.close(recent.id, ClosedBy.RESIDENT, T0 - timedelta(days=10))
    still_open, _ = desk.open_ticket(3, "丙", T0 - timedelta(days=200))

    assert purge_old(residents, T0, 90) == (1, 1)
    assert [r["query"] for r in residents.db["questions"].rows] == ["80天前的问题", "1天前的问题"]
    assert desk.get(old.id) is None and desk.audit_trail(old.id) == []
    assert desk.get(recent.id) is not None and desk.get(still_open.id) is not None
    assert purge_old(residents, T0, 90) == (0, 0)
