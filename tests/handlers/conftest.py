"""A real Application polling a strict fake Bot API server on 127.0.0.1, or handed updates one
by one (`message_update`, `press`) through Application.process_update.

The helpers are imported by the test modules (`from tests.handlers.conftest import press`).
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from telegram import Message, Update
from telegram.ext import Application

from bot import throttle
from bot.app import build_application
from bot.services import Services
from bot.settings import load_settings
from knowledge.answering.answer import Answerer
from knowledge.residents.questions import QuestionLog
from knowledge.residents.store import ResidentsStore
from knowledge.store import KnowledgeStore
from tests.support.fake_bot_api import FakeBotAPI

USER = 3101
_ids = itertools.count(1)


def message_update(app: Application, text: str, user: int = USER) -> Update:
    entities = (
        [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if text.startswith("/")
        else []
    )
    data = {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "date": int(datetime.now().timestamp()),
            "text": text,
            "entities": entities,
            "chat": {"id": user, "type": "private", "first_name": "测试"},
            "from": {"id": user, "is_bot": False, "first_name": "测试"},
        },
    }
    return Update.de_json(data, app.bot)


async def press(
    app: Application,
    api: FakeBotAPI,
    data: str | None,
    user: int = USER,
    *,
    under: Message | None = None,
    sender: bool = True,
) -> None:
    """Press a button carrying `data` under a message the bot really sent (so Telegram knows
    the query id): a new one unless `under` is given. `data=None` presses without data (as a
    game button would), `sender=False` without `from` (as no real client does)."""
    shown = under or await app.bot.send_message(user, "按钮测试")
    query_id = api.push_callback(user, shown.message_id, data or "", check_button=False)
    query: dict[str, Any] = {"id": query_id, "chat_instance": "1", "message": shown.to_dict()}
    if data is not None:
        query["data"] = data
    if sender:
        query["from"] = {"id": user, "is_bot": False, "first_name": "测试"}
    await app.process_update(
        Update.de_json({"update_id": next(_ids), "callback_query": query}, app.bot)
    )


@pytest.fixture(autouse=True)
def quick_private_chats(monkeypatch: pytest.MonkeyPatch) -> None:
    """Telegram's one message a second to a private chat would pace every conversation in
    these tests to seconds (tests/bot/test_throttle.py checks that limit); the fake server
    takes them faster."""
    monkeypatch.setattr(throttle, "PRIVATE_PER_SECOND", 50)


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as api:
        yield api


@pytest.fixture
def bot_services(
    fake_api: FakeBotAPI, db_path: Path, store: KnowledgeStore, answerer: Answerer
) -> Services:
    """Services over a fresh database file (`store`'s), reusing the session's built index."""
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": fake_api.token, "TELEGRAM_BASE_URL": fake_api.base_url},
        dotenv=False,
        db_path=db_path,
    )
    questions = QuestionLog(store.db, db_path)
    return Services(
        settings,
        store,
        ResidentsStore(store.db),
        Answerer(store, answerer.index, questions=questions),
        # What staff just imported is seen by the next question once it has loaded; on a
        # loaded test machine loading takes longer than the bot's own second.
        reload_wait=10.0,
    )


@pytest.fixture
async def running_bot(fake_api: FakeBotAPI, bot_services: Services) -> AsyncIterator[Application]:
    """The bot's Application, started and long-polling the fake server."""
    application = build_application(bot_services.settings, bot_services)
    async with application:
        if application.post_init:  # run_polling() calls it; so do we
            await application.post_init(application)
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        yield application
        await application.updater.stop()
        await application.stop()


@pytest.fixture
async def app_services(bot_services: Services) -> AsyncIterator[tuple[Application, Services]]:
    """The Application, handed one update at a time (no polling), and its services."""
    application = build_application(bot_services.settings, bot_services)
    async with application:
        yield application, bot_services
