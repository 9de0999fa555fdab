"""Shared services: knowledge staff change is loaded without holding residents up."""

from __future__ import annotations

import time

import pytest
from telegram.ext import Application

from bot.services import RELOAD_WAIT, Services
from knowledge.curation.apply import import_files
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

SLOW_LOAD = 4.0  # seconds, as a 20,000-organization base takes on a busy machine


@pytest.fixture
def slow_reload(bot_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading changed knowledge takes SLOW_LOAD seconds (in its thread, as for real)."""
    load = bot_services.answerer.refresh

    def slow() -> bool:
        time.sleep(SLOW_LOAD)
        return load()

    monkeypatch.setattr(bot_services.answerer, "refresh", slow)
    monkeypatch.setattr(bot_services, "reload_wait", RELOAD_WAIT)  # the bot's own wait


@pytest.mark.timed
async def test_residents_are_not_held_up_while_changed_knowledge_loads(
    fake_api: FakeBotAPI, polling_bot: Application, bot_services: Services, slow_reload, tmp_path
) -> None:
    staff = tmp_path / "staff.yaml"
    staff.write_text(
        "organizations:\n  - id: slow-load-test\n    name: 慢加载测试互助会\n"
        "    summary: 提供邻里互助。\n    source: {document: 民政局核实}\n",
        encoding="utf-8",
    )
    assert import_files(bot_services.knowledge, [staff]).ok  # staff import in another process
    asked = time.monotonic()
    fake_api.push_message(7001, "哪里有心理咨询")  # finds the knowledge changed: starts the load
    await until(lambda: fake_api.sent(7001), timeout=SLOW_LOAD, what="the first answer")
    first = time.monotonic() - asked
    asked = time.monotonic()
    fake_api.push_message(7002, "智塔是做什么的")  # while it loads
    await until(lambda: fake_api.sent(7002), timeout=SLOW_LOAD, what="the second answer")
    second = time.monotonic() - asked
    assert first < RELOAD_WAIT + 1.0 and second < 1.0
    assert "智塔" in fake_api.sent(7002)[0]["plain"]  # from the version in use
    await until(lambda: not bot_services.answerer.is_stale(), timeout=SLOW_LOAD + 5)
    fake_api.push_message(7003, "慢加载测试互助会")
    await until(lambda: fake_api.sent(7003), what="an answer from the new knowledge")
    assert "慢加载测试互助会" in fake_api.sent(7003)[0]["plain"]


async def test_knowledge_that_loads_quickly_is_seen_by_the_very_next_question(
    fake_api: FakeBotAPI, polling_bot: Application, bot_services: Services, tmp_path
) -> None:
    staff = tmp_path / "staff.yaml"
    staff.write_text(
        "organizations:\n  - id: quick-load-test\n    name: 快加载测试互助会\n"
        "    summary: 提供邻里互助。\n    source: {document: 民政局核实}\n",
        encoding="utf-8",
    )
    assert import_files(bot_services.knowledge, [staff]).ok
    fake_api.push_message(7004, "快加载测试互助会")
    await until(lambda: fake_api.sent(7004), what="the answer")
    assert "快加载测试互助会" in fake_api.sent(7004)[0]["plain"]
