"""Handlers driven through Application.process_update with update factories."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.services import Services
from knowledge.curation.apply import import_files
from tests.handlers.conftest import USER, message_update, press
from tests.support.fake_bot_api import FakeBotAPI


@pytest.fixture
async def app(
    fake_api: FakeBotAPI, bot_services: Services, tmp_path: Path
) -> AsyncIterator[Application]:
    """The Application with two staff-entered activities: one in 5 days, one in 40."""
    soon = datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=5)
    later = soon + timedelta(days=35)
    staff = tmp_path / "activities.yaml"
    staff.write_text(
        "activities:\n"
        "  - id: zhita-parents-class\n    title: 智塔家长课堂\n    organization: baoji-zhita-children\n"
        f"    topics: [残障康复]\n    city: 宝鸡市\n    start: '{soon:%Y-%m-%dT%H:%M}'\n"
        "    place: 智塔活动室\n    source: {document: 民政局核实}\n"
        "  - id: weiyang-far-away\n    title: 未央区远期活动\n    district: 未央区\n"
        f"    start: '{later:%Y-%m-%dT%H:%M}'\n    source: {{document: 民政局核实}}\n",
        encoding="utf-8",
    )
    assert import_files(bot_services.knowledge, [staff]).ok, "fixture activities must import"
    application = build_application(bot_services.settings, bot_services)
    async with application:
        yield application


async def test_activities_lists_the_next_30_days_only(
    app: Application, fake_api: FakeBotAPI
) -> None:
    await app.process_update(message_update(app, "/activities"))
    text = fake_api.sent(USER)[-1]["plain"]
    assert "智塔家长课堂" in text and "智塔活动室" in text
    assert "未央区远期活动" not in text


async def test_activities_narrowed_by_district(app: Application, fake_api: FakeBotAPI) -> None:
    await app.process_update(message_update(app, "/activities 未央区"))
    assert "没有登记的活动" in fake_api.sent(USER)[-1]["plain"]


async def test_upcoming_activities_button_shows_the_organizations_activity(
    app: Application, fake_api: FakeBotAPI
) -> None:
    await press(app, fake_api, "e:baoji-zhita-children")
    assert "智塔家长课堂" in fake_api.sent(USER)[-1]["plain"]


async def test_subscribe_button_remembers_once(
    app: Application, fake_api: FakeBotAPI, bot_services
) -> None:
    await press(app, fake_api, "s:baoji-zhita-children")
    await press(app, fake_api, "s:baoji-zhita-children")
    answers = [a.get("text") for a in fake_api.callback_answers]
    assert answers == ["已订阅该组织的活动提醒", "您已经订阅过了"]
    assert bot_services.residents.db["subscriptions"].count == 1


async def test_a_stale_button_gets_a_polite_reply(app: Application, fake_api: FakeBotAPI) -> None:
    await press(app, fake_api, "c:no-longer-exists")
    assert "没有找到这个组织" in fake_api.sent(USER)[-1]["plain"]


async def test_org_without_an_id_explains_the_usage(app: Application, fake_api: FakeBotAPI) -> None:
    await app.process_update(message_update(app, "/org"))
    assert "用法" in fake_api.sent(USER)[-1]["plain"]


async def test_an_activity_entered_in_utc_shows_in_local_time_in_answers_and_in_activities(
    fake_api: FakeBotAPI, bot_services: Services, tmp_path: Path
) -> None:
    day = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=5)).date()
    staff = tmp_path / "utc.yaml"
    staff.write_text(
        "activities:\n  - id: zhita-utc-talk\n    title: 智塔亲子讲座\n"
        f"    organization: baoji-zhita-children\n    start: '{day}T01:30:00Z'\n"
        "    source: {document: 民政局核实}\n",
        encoding="utf-8",
    )
    assert import_files(bot_services.knowledge, [staff]).ok
    application = build_application(bot_services.settings, bot_services)
    async with application:
        await application.process_update(message_update(application, "智塔亲子讲座是什么时候"))
        answer = fake_api.sent(USER)[-1]["plain"]
        await application.process_update(message_update(application, "/activities"))
        listing = fake_api.sent(USER)[-1]["plain"]
    local = f"时间：{day:%Y年%m月%d日} 09:30"  # 01:30 UTC in Shanghai
    assert "智塔亲子讲座" in answer and local in answer
    assert "智塔亲子讲座" in listing and local in listing


async def test_activities_are_listed_by_time_whatever_offset_they_were_entered_with(
    fake_api: FakeBotAPI, bot_services: Services, tmp_path: Path
) -> None:
    day = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=5)).date()
    staff = tmp_path / "offsets.yaml"
    staff.write_text(  # 08:00 in Shanghai is 00:00 UTC: before 01:30 UTC
        "activities:\n"
        f"  - id: later-utc\n    title: 晚一点的活动\n    start: '{day}T01:30:00Z'\n"
        "    source: {document: 民政局核实}\n"
        f"  - id: earlier-local\n    title: 早一点的活动\n    start: '{day}T08:00:00+08:00'\n"
        "    source: {document: 民政局核实}\n",
        encoding="utf-8",
    )
    assert import_files(bot_services.knowledge, [staff]).ok
    application = build_application(bot_services.settings, bot_services)
    async with application:
        await application.process_update(message_update(application, "/activities"))
    listing = fake_api.sent(USER)[-1]["plain"]
    assert listing.index("早一点的活动") < listing.index("晚一点的活动")
