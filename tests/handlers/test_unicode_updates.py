"""Any text from a resident, as a private message, a group mention, an edit or an inline
query, through the real Application and the strict fake Bot API: no handler error, every
request Telegram would accept, and an answer in a private chat (property-based)."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.services import Services
from bot.settings import load_settings
from knowledge.answering.answer import Answerer
from knowledge.opening import open_answerer
from tests.knowledge.answering.test_unicode_properties import questions
from tests.support.fake_bot_api import FakeBotAPI

KINDS = ("private", "group mention", "edited", "inline")
users = itertools.count(7_000_001)  # a new resident each time: the flood guard stays out


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Bot:
    """The Application, initialized in its own event loop, fed updates one at a time."""

    def __init__(self, api: FakeBotAPI, db: Path) -> None:
        self.api = api
        settings = load_settings(
            {"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_BASE_URL": api.base_url},
            dotenv=False,
            db_path=db,
        )
        answerer: Answerer
        answerer, residents = open_answerer(db, settings.tz_name)
        self.services = Services(settings, answerer.store, residents, answerer)
        self.app: Application = build_application(settings, self.services)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.app.initialize())

    def feed(self, update: dict[str, Any]) -> None:
        self.loop.run_until_complete(self.app.process_update(Update.de_json(update, self.app.bot)))

    def close(self) -> None:
        self.loop.run_until_complete(self.app.shutdown())
        self.loop.close()
        self.services.close()


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    with FakeBotAPI() as api:
        bot = Bot(api, tmp_path_factory.mktemp("unicode-updates") / "orgbot.db")
        yield bot
        bot.close()


@pytest.fixture(scope="module")
def errors() -> Iterator[Errors]:
    handler = Errors()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def last_update(api: FakeBotAPI) -> dict[str, Any]:
    return api.pending_updates[-1]


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples every run: CI never flakes on a new one
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=questions.filter(lambda t: t != ""), kind=st.sampled_from(KINDS))
def test_any_text_of_any_kind_is_handled_within_telegram_rules(
    bot: Bot, errors: Errors, text: str, kind: str
) -> None:
    api, user = bot.api, next(users)
    before_errors, before_log = len(api.errors), len(errors.records)
    text = text[:4000]  # Telegram delivers at most 4,096 UTF-16 units
    if kind == "inline":
        api.push_inline_query(user, text[:256])
        bot.feed(last_update(api))
    elif kind == "group mention":
        api.push_message(user, f"@{bot.app.bot.username} {text}", chat_type="supergroup")
        bot.feed(last_update(api))
    else:
        api.push_message(user, text)
        update = last_update(api)
        if kind == "edited":
            message = update.pop("message")
            update["edited_message"] = {**message, "edit_date": message["date"] + 1}
        bot.feed(update)
    assert api.errors[before_errors:] == []  # every request was one Telegram accepts
    assert [r.getMessage() for r in errors.records[before_log:]] == []
    if kind == "private":
        assert api.sent(user), "a private message always gets an answer"
