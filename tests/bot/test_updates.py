"""Which updates the bot asks for, and one it cannot read never silences it."""

from __future__ import annotations

import copy
import logging
import time

import pytest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ConversationHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
)

from bot.updates import ALLOWED_UPDATES, readable_updates
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

USER = 6101
SECRET = "我家孩子的病历号是A12345"  # content that must never reach the log


def malformed_message(user: int, missing: str = "first_name") -> dict:
    """A message with a field missing, as a newer or older Bot API server might send it
    (none: `missing=""`)."""
    message = {
        "message_id": 77,
        "date": int(time.time()),
        "text": SECRET,
        "chat": {"id": user, "type": "private", "first_name": "测试"},
        "from": {"id": user, "is_bot": False, "first_name": "测试"},
    }
    if missing == "first_name":
        del message["from"]["first_name"]  # type: ignore[attr-defined]
    elif missing:
        del message[missing]
    return {"message": message}


@pytest.mark.parametrize(("missing", "error"), [("first_name", "TypeError"), ("date", "KeyError")])
async def test_an_update_that_cannot_be_read_is_skipped_once_and_the_next_one_answered(
    fake_api: FakeBotAPI,
    polling_bot: Application,
    caplog: pytest.LogCaptureFixture,
    missing: str,
    error: str,
) -> None:
    caplog.set_level(logging.INFO)
    bad_id = fake_api.push_update(malformed_message(USER, missing))
    fake_api.push_message(USER, "哪里有心理咨询")
    await until(lambda: fake_api.sent(USER), timeout=15, what="the next resident's answer")
    assert "明明心理" in fake_api.sent(USER)[0]["plain"]
    await until(lambda: not fake_api.pending_updates, what="both updates confirmed")
    skipped = [r for r in caplog.records if "skipped update" in r.getMessage()]
    assert [r.getMessage() for r in skipped] == [
        f"skipped update {bad_id} (message): python-telegram-bot could not read it ({error})"
    ]
    assert all(SECRET not in r.getMessage() for r in caplog.records)
    assert all(r.levelno < logging.CRITICAL for r in caplog.records)
    gets = len(fake_api.calls("getUpdates"))
    time.sleep(0.5)  # not fetched again and again
    assert len(fake_api.calls("getUpdates")) <= gets + 2


async def test_the_bot_asks_only_for_the_kinds_its_handlers_serve(
    fake_api: FakeBotAPI, polling_bot: Application
) -> None:
    await until(lambda: fake_api.calls("getUpdates"), what="the first getUpdates")
    asked = {
        tuple(params["allowed_updates"])
        for _, params in fake_api.calls("getUpdates")
        if "allowed_updates" in params
    }
    assert asked == {tuple(ALLOWED_UPDATES)}
    served: set[str] = set()
    for handlers in polling_bot.handlers.values():
        for handler in handlers:
            served |= _kinds(handler)
    assert served == set(ALLOWED_UPDATES)


def _kinds(handler: object) -> set[str]:
    """The update kinds a handler can match (a new kind of handler must be added here,
    and its kind to ALLOWED_UPDATES, or Telegram never sends it)."""
    if isinstance(handler, CallbackQueryHandler):
        return {"callback_query"}
    if isinstance(handler, InlineQueryHandler):
        return {"inline_query"}
    if isinstance(handler, MessageHandler | CommandHandler):
        return {"message", "edited_message"}  # residents' messages; channels are not served
    if isinstance(handler, ChatMemberHandler):
        assert handler.chat_member_types == ChatMemberHandler.MY_CHAT_MEMBER
        return {"my_chat_member"}
    if isinstance(handler, TypeHandler):
        return set()  # sees whatever comes
    if isinstance(handler, ConversationHandler):  # the staff conversations: what its steps serve
        steps = [*handler.entry_points, *handler.fallbacks]
        steps += [h for state in handler.states.values() for h in state]
        return set().union(*map(_kinds, steps))
    raise AssertionError(f"which update kinds does {handler!r} serve?")


def test_readable_updates_pass_through_unchanged() -> None:
    good = {"update_id": 5, "inline_query": {"id": "1", "query": "心理", "offset": "",
            "from": {"id": 1, "is_bot": False, "first_name": "测试"}}}  # fmt: skip
    assert readable_updates([good]) == [good]
    # Reading one leaves it as it came (it is not copied first): PTB reads it next.
    message = {"update_id": 7, **malformed_message(1, missing="")}
    message["message"]["entities"] = [{"type": "bold", "offset": 0, "length": 2}]
    message["message"]["reply_to_message"] = copy.deepcopy(message["message"])
    before = copy.deepcopy(message)
    assert readable_updates([message]) == [before]
    bad = {"update_id": 6, **malformed_message(1)}
    assert readable_updates([good, bad]) == [good, {"update_id": 6}]
    assert readable_updates([{"message": {}}]) == []  # no id: nothing to confirm
