"""A real Application polling a strict fake Bot API server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
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
from tests.support.fake_bot_api import FakeBotAPI


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as api:
        yield api


@pytest.fixture
def bot_services(fake_api: FakeBotAPI, db_path: Path, answerer: Answerer) -> Services:
    """Services over a fresh database file, reusing the session's built index."""
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": fake_api.token, "TELEGRAM_BASE_URL": fake_api.base_url},
        dotenv=False,
        db_path=db_path,
    )
    store = open_knowledge(db_path)
    questions = QuestionLog(store.db, db_path)
    return Services(
        settings,
        store,
        ResidentsStore(store.db),
        Answerer(store, answerer.index, questions=questions),
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
