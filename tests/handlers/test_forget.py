"""/forget: everything the bot keeps about a chat goes, after a confirmation; other chats'
data stays."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.services import Services
from jobs.notifier import plan_and_store
from knowledge.residents.desk import Desk
from knowledge.residents.outbox import NewNotice, NoticeKind, Outbox
from knowledge.residents.store import SubscriptionKind
from tests.handlers.test_subscriptions import click, command
from tests.jobs.conftest import POLICY, add_activity
from tests.support.fake_bot_api import FakeBotAPI

# Distinctive ids, so that a search of every column for them finds only their rows.
LEAVING = 918_273_645
STAYING = 546_372_819


@pytest.fixture
async def app(bot_services: Services) -> AsyncIterator[Application]:
    application = build_application(bot_services.settings, bot_services)
    async with application:
        yield application


def give_each_chat_data_everywhere(svc: Services) -> dict[int, int]:
    """Subscriptions, reminders in the outbox, a weekly digest, a blocked mark, a hand-off
    ticket with a staff-chat post, for both chats; each chat's ticket id."""
    now = datetime.now(UTC)
    residents, desk = svc.residents, Desk(svc.residents.db)
    tickets = {}
    for chat in (LEAVING, STAYING):
        residents.subscribe(chat, SubscriptionKind.ORGANIZATION, "baoji-zhita-children")
        residents.subscribe(chat, SubscriptionKind.TOPIC, "儿童青少年")
        residents.set_digest(chat, True)
        ticket, _ = desk.open_ticket(chat, "测试", now)
        desk.link_post(ticket.id, -100_777, ticket.id + 10)
        tickets[chat] = ticket.id
    add_activity(svc.knowledge)
    assert plan_and_store(svc.knowledge.db, now, POLICY).added == 2
    digests = [
        NewNotice(
            key=f"digest:2026-12-07:{chat}",
            kind=NoticeKind.DIGEST,
            activity_id="",
            snapshot="",
            details={},
            text="<b>本周活动</b>",
            covers_at=now.isoformat(),
            expires_at=(now + timedelta(days=1)).isoformat(),
            recipients=((chat, None),),
        )
        for chat in (LEAVING, STAYING)
    ]
    Outbox(residents.db).store(digests, [], now.isoformat())
    for chat in (LEAVING, STAYING):
        residents.mark_blocked(chat)
    return tickets


def rows_mentioning(svc: Services, chat_id: int) -> dict[str, int]:
    """table → how many rows have the id in some column, over every table of the file (a table
    added later is searched too)."""
    db = svc.residents.db
    found = {}
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info([{table}])")]
        if not columns:
            continue
        where = " OR ".join(f"CAST([{c}] AS TEXT) LIKE ?" for c in columns)
        [count] = db.execute(
            f"SELECT COUNT(*) FROM [{table}] WHERE {where}", [f"%{chat_id}%"] * len(columns)
        ).fetchone()
        if count:
            found[table] = count
    return found


async def test_forget_asks_first_and_says_questions_were_never_tied_to_the_account(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    bot_services.residents.subscribe(LEAVING, SubscriptionKind.TOPIC, "养老助老")
    shown = await command(app, fake_api, "/forget", LEAVING)
    assert "您的提问记录本来就不与您的账号关联" in shown["plain"]
    labels = [b["text"] for row in shown["reply_markup"]["inline_keyboard"] for b in row]
    assert any("确认" in label for label in labels) and "取消" in labels
    after = await click(app, fake_api, shown, "取消", LEAVING)
    assert "没有删除" in after.text
    assert len(bot_services.residents.subscriptions_of(LEAVING)) == 1


async def test_forget_leaves_no_row_with_the_chat_in_any_table_and_others_keep_theirs(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    tickets = give_each_chat_data_everywhere(bot_services)
    before = rows_mentioning(bot_services, LEAVING)
    assert {"subscriptions", "outbox", "notices", "blocked_chats", "tickets"} <= set(before)
    staying = rows_mentioning(bot_services, STAYING)

    shown = await command(app, fake_api, "/forget", LEAVING)
    done = await click(app, fake_api, shown, "确认删除", LEAVING)
    assert "已删除" in done.text and "/subscribe" in done.text

    assert rows_mentioning(bot_services, LEAVING) == {}
    db = bot_services.residents.db
    posts = {r[0] for r in db.execute("SELECT ticket_id FROM ticket_posts")}
    assert posts == {tickets[STAYING]}  # the leaving chat's staff-chat post is gone too
    assert rows_mentioning(bot_services, STAYING) == staying
    assert len(bot_services.residents.subscriptions_of(STAYING)) == 3


async def test_after_forget_a_follow_up_has_nothing_to_refer_to(
    app: Application, fake_api: FakeBotAPI, bot_services: Services
) -> None:
    await command(app, fake_api, "智塔在哪", LEAVING)
    assert bot_services.conversations.get((LEAVING, LEAVING)) is not None
    shown = await command(app, fake_api, "/forget", LEAVING)
    await click(app, fake_api, shown, "确认删除", LEAVING)
    assert bot_services.conversations.get((LEAVING, LEAVING)) is None
    reply = await command(app, fake_api, "它的电话呢", LEAVING)
    assert "智塔" not in reply["plain"]
