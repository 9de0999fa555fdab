"""The bot's parts against the strict fake Bot API, started as `orgbot run` starts them."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.services import Services
from bot.updates import ALLOWED_UPDATES
from tests.handlers.conftest import bot_services, fake_api  # noqa: F401  (fixtures)
from tests.support.fake_bot_api import FakeBotAPI


@contextlib.asynccontextmanager
async def polling(application: Application) -> AsyncIterator[Application]:
    """Started and long-polling for the kinds run_bot asks for."""
    async with application:
        if application.post_init:  # run_polling() calls it; so do we
            await application.post_init(application)
        await application.start()
        await application.updater.start_polling(
            poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES
        )
        yield application
        await application.updater.stop()
        await application.stop()


@pytest.fixture
async def polling_bot(
    fake_api: FakeBotAPI,  # noqa: F811
    bot_services: Services,  # noqa: F811
) -> AsyncIterator[Application]:
    async with polling(build_application(bot_services.settings, bot_services)) as application:
        yield application


@pytest.fixture
async def short_retry_bot(
    fake_api: FakeBotAPI,  # noqa: F811
    bot_services: Services,  # noqa: F811
) -> AsyncIterator[Application]:
    """The bot retrying a reply through an outage for 1.5 s only."""
    settings = dataclasses.replace(bot_services.settings, send_retry_seconds=1.5)
    async with polling(build_application(settings, bot_services)) as application:
        yield application
